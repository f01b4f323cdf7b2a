"""Tests for graphbuild.dates: milestone due dates with precision."""

from __future__ import annotations

from datetime import date

import pytest

from graphbuild.dates import DueDate, find_due_date, find_due_dates, is_deadline_cued

# (milestone text, expected value, precision, date phrase)
CORPUS_MILESTONES = [
    ("Objectives agreed and published December 2012", date(2012, 12, 31), "month", "December 2012"),
    ("Mid year reviews completed Oct 2012", date(2012, 10, 31), "month", "Oct 2012"),
    ("End year reviews completed May 2013", date(2013, 5, 31), "month", "May 2013"),
    (
        "Regional Growth Fund contracting on-track and on-profile by March 2013",
        date(2013, 3, 31),
        "month",
        "March 2013",
    ),
    (
        "Priority Housing initiatives, including the September 2012 package, "
        "is fully underway by December 2012",
        date(2012, 12, 31),
        "month",
        "December 2012",
    ),
    (
        "September package of planning reforms fully in place by end February 2013",
        date(2013, 2, 28),
        "month",
        "February 2013",
    ),
    ("8 City Deals agreed by July 2012", date(2012, 7, 31), "month", "July 2012"),
    (
        "Publication of Civil Service Reform Plan in May 2012",
        date(2012, 5, 31),
        "month",
        "May 2012",
    ),
    (
        "Evaluation of new governance arrangements in February 2013",
        date(2013, 2, 28),
        "month",
        "February 2013",
    ),
    ("Plan launched in April 2012", date(2012, 4, 30), "month", "April 2012"),
    ("Staff survey results in December 2012", date(2012, 12, 31), "month", "December 2012"),
    ("Executive Team evaluation in January 2013", date(2013, 1, 31), "month", "January 2013"),
]

PHRASES = [
    ("by end July 2012", date(2012, 7, 31), "month", "July 2012"),
    ("December 2012", date(2012, 12, 31), "month", "December 2012"),
    ("in May 2012", date(2012, 5, 31), "month", "May 2012"),
    ("February 2012", date(2012, 2, 29), "month", "February 2012"),
    ("Sept 2012", date(2012, 9, 30), "month", "Sept 2012"),
    ("Sep 2012", date(2012, 9, 30), "month", "Sep 2012"),
    ("sept. 2012", date(2012, 9, 30), "month", "sept. 2012"),
    ("DEC . 2012", date(2012, 12, 31), "month", "DEC . 2012"),
    ("by  Nov   2012", date(2012, 11, 30), "month", "Nov   2012"),
    ("by mid-July 2012", date(2012, 7, 31), "month", "July 2012"),
    ("by 1 April 2013", date(2013, 4, 1), "day", "1 April 2013"),
    ("by 1st April 2013", date(2013, 4, 1), "day", "1st April 2013"),
    ("on 1 st of Apr. 2013", date(2013, 4, 1), "day", "1 st of Apr. 2013"),
    ("by April 1, 2013", date(2013, 4, 1), "day", "April 1, 2013"),
    ("due 01/04/2013", date(2013, 4, 1), "day", "01/04/2013"),
    ("due 1/4/13", date(2013, 4, 1), "day", "1/4/13"),
    ("31 February 2013", date(2013, 2, 28), "month", "February 2013"),
    ("in 2014", date(2014, 12, 31), "year", "2014"),
    ("over the course of 2014.", date(2014, 12, 31), "year", "2014"),
    ("by the end of 2014", date(2014, 12, 31), "year", "2014"),
    ("against the baseline for 2014/15", date(2015, 3, 31), "year", "2014/15"),
    ("during 2018-19", date(2019, 3, 31), "year", "2018-19"),
    ("Business Plan 2018/20", date(2020, 3, 31), "year", "2018/20"),
    ("in 2014/2015", date(2015, 3, 31), "year", "2014/2015"),
]

NO_DATE = [
    "Agree budget allocation with ministers",
    "Business Plan performance reviews at 6 and 12 months",
    "Quarterly ‘depth tests’ of staff",
    "8 City Deals agreed",
    "30,000 apprentices",
    "including the Top 200",
    "every 2 weeks",
    "by mid-2013",
    "in Spring 2013",
    "2013 staff",
    "1-2-1 support",
    "in 2014 %",
    "in 2013/19",
    "32/01/2013",
    "",
]


@pytest.mark.parametrize(("text", "value", "precision", "phrase"), CORPUS_MILESTONES + PHRASES)
def test_find_due_date(text: str, value: date, precision: str, phrase: str) -> None:
    """The due date, its precision and the exact phrase offsets are found."""
    due = find_due_date(text)
    assert due is not None
    assert (due.value, due.precision, due.text) == (value, precision, phrase)
    assert text[due.start : due.end] == phrase


@pytest.mark.parametrize("text", NO_DATE)
def test_no_due_date(text: str) -> None:
    """Numbers that are not dates and vague periods give no due date."""
    assert find_due_date(text) is None
    assert find_due_dates(text) == []


def test_find_due_dates_returns_all_in_order() -> None:
    """Two deadlines in one milestone are both returned, left to right."""
    text = (
        "Local Government Finance Bill completed by end July 2012. "
        "New regime in place by 1 April 2013."
    )
    assert [(d.value, d.precision, d.text) for d in find_due_dates(text)] == [
        (date(2012, 7, 31), "month", "July 2012"),
        (date(2013, 4, 1), "day", "1 April 2013"),
    ]
    assert find_due_date(text) == DueDate(date(2013, 4, 1), "day", "1 April 2013", 81, 93)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("by March 2013, building on the July 2012 package", "March 2013"),
        ("from April 2013 to March 2014", "March 2014"),
        ("the September 2012 package and the October 2012 plan", "October 2012"),
        ("completed by the end of June 2013 not September 2013", "June 2013"),
    ],
)
def test_cued_date_preferred_else_last(text: str, expected: str) -> None:
    """The last cued date wins; without a cue the last date wins."""
    due = find_due_date(text)
    assert due is not None
    assert due.text == expected


@pytest.mark.parametrize(
    ("text", "cued"),
    [
        ("by December 2012", True),
        ("published December 2012", True),
        ("completed Oct 2012", True),
        ("in place by end February 2013", True),
        ("by the end of June 2013", True),
        ("including the September 2012 package", False),
        ("the December 2012 plan", False),
    ],
)
def test_is_deadline_cued(text: str, cued: bool) -> None:
    """Deadline cues are recognised just before the date phrase."""
    (due,) = find_due_dates(text)
    assert is_deadline_cued(text, due) is cued


def test_overlapping_phrases_keep_the_longest() -> None:
    """A day date is not also reported as its month, nor a government year as a year."""
    assert [d.text for d in find_due_dates("by 1 April 2013 in 2014/15")] == [
        "1 April 2013",
        "2014/15",
    ]
