"""Milestone due dates with their precision (docs/architecture.md §5, "Dates").

Recognised phrases, each typed as an `xsd:date` value plus a precision:
- day:   "1 April 2013", "1st of April 2013", "April 1, 2013", "01/04/2013" (UK day/month
  order); an impossible day ("31 February 2013", OCR noise) falls back to the month;
- month: "July 2012", "Oct 2012", "Sept. 2012", "end February 2013" → LAST day of the month
  (a milestone due "by July 2012" is met up to 31 July); "mid-July 2012" counts as July;
- year:  "in 2014", "by end of 2014" → 31 December. A bare four-digit year counts only right
  after a cue word (in, by, during, until, till, before, since, throughout, end, end of,
  course of) so "8 City Deals", "30,000", "Top 200" or "every 2 weeks" are never years, and
  vague phrases ("mid-2013", "Spring 2013") give nothing;
- government year: "2014/15", "2014-15", "2014/2015" → the period ending 31 March of the
  second year (2015-03-31), precision "year"; multi-year plans ("2018/20") end 31 March 2020.
When a text holds several dates, `find_due_date` picks the LAST date introduced by a deadline
cue (by, in, on, completed, published, agreed, launched, before, until, till, due, during,
optionally followed by "end"/"the end of"), else the last date: "including the September 2012
package, is fully underway by December 2012" is due December 2012.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Precision = Literal["day", "month", "year"]
_Value = tuple[datetime.date, Precision]

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])(?:\s*\.)?"
)
_DAY = r"(?<![\d.,/])(?P<day>\d{1,2})(?:\s*(?:st|nd|rd|th))?"
_YEAR = r"(?P<year>(?:19|20)\d{2})(?![\d/])"
_YEAR_CUE = r"\b(?:in|by|during|until|till|before|since|throughout|end|(?:end|course)\s+of)\s+"
_DEADLINE_CUE = re.compile(
    r"\b(?:by|in|on|completed|published|agreed|launched|before|until|till|due|during)\s+"
    r"(?:(?:the\s+)?end\s+(?:of\s+)?)?$|\bend\s+(?:of\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DueDate:
    """A date phrase found in a text, its resolved value and its precision."""

    value: datetime.date
    precision: Precision
    text: str
    start: int
    end: int


def _month_number(name: str) -> int:
    """Month number (1-12) of a month name or abbreviation."""
    return _MONTHS.index(name[:3].lower()) + 1


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    """A date, or None when the day/month combination does not exist."""
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _day_value(year: int, month: int, day: int) -> _Value | None:
    """A day-precision value, if the date exists."""
    value = _safe_date(year, month, day)
    return None if value is None else (value, "day")


def _named_day(m: re.Match[str]) -> _Value | None:
    """Value of "1 April 2013" or "April 1, 2013"."""
    return _day_value(int(m["year"]), _month_number(m["month"]), int(m["day"]))


def _numeric_day(m: re.Match[str]) -> _Value | None:
    """Value of "01/04/2013" read in UK day/month/year order."""
    year = int(m["year"])
    year += 2000 if year < 100 else 0
    return _day_value(year, int(m["month"]), int(m["day"]))


def _month_year(m: re.Match[str]) -> _Value | None:
    """Value of "July 2012": the last day of that month."""
    year, month = int(m["year"]), _month_number(m["month"])
    return datetime.date(year, month, calendar.monthrange(year, month)[1]), "month"


def _government_year(m: re.Match[str]) -> _Value | None:
    """Value of "2014/15": 31 March of the year the period ends in."""
    first, last = int(m["first"]), int(m["last"])
    if last < 100:
        last += first // 100 * 100 + (100 if last < first % 100 else 0)
    if not first < last <= first + 3:
        return None
    return datetime.date(last, 3, 31), "year"


def _cued_year(m: re.Match[str]) -> _Value | None:
    """Value of "in 2014": 31 December of that year."""
    return datetime.date(int(m["year"]), 12, 31), "year"


_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], _Value | None]]] = [
    (re.compile(rf"(?P<phrase>{_DAY}(?:\s+of)?\s*{_MONTH}[\s,]*{_YEAR})", re.I), _named_day),
    (re.compile(rf"(?P<phrase>\b{_MONTH}\s*{_DAY},?\s+{_YEAR})", re.I), _named_day),
    (
        re.compile(
            r"(?P<phrase>(?<![\d/])(?P<day>\d{1,2})/(?P<month>\d{1,2})/"
            r"(?P<year>\d{4}|\d{2})(?![\d/]))"
        ),
        _numeric_day,
    ),
    (
        re.compile(
            r"(?P<phrase>(?<![\d/])(?P<first>(?:19|20)\d{2})\s*[/-]\s*"
            r"(?P<last>\d{4}|\d{2})(?![\d/]))"
        ),
        _government_year,
    ),
    (re.compile(rf"(?P<phrase>\b{_MONTH}[\s,]*{_YEAR})", re.I), _month_year),
    (re.compile(rf"{_YEAR_CUE}(?P<phrase>{_YEAR})(?!\s*%|,\d|[-–]\d)", re.I), _cued_year),
]


def _candidates(s: str) -> list[DueDate]:
    """Every valid date phrase of every pattern, overlapping ones included."""
    found: list[DueDate] = []
    for pattern, resolve in _PATTERNS:
        for m in pattern.finditer(s):
            resolved = resolve(m)
            if resolved is not None:
                start, end = m.span("phrase")
                found.append(DueDate(resolved[0], resolved[1], s[start:end], start, end))
    return found


def find_due_dates(s: str) -> list[DueDate]:
    """All date phrases in a text, left to right, longest first where they overlap."""
    chosen: list[DueDate] = []
    for candidate in sorted(_candidates(s), key=lambda d: (d.start, d.start - d.end)):
        if not chosen or candidate.start >= chosen[-1].end:
            chosen.append(candidate)
    return chosen


def is_deadline_cued(s: str, due: DueDate) -> bool:
    """Whether the date is introduced by a deadline cue such as "by" or "completed"."""
    return _DEADLINE_CUE.search(s[: due.start]) is not None


def find_due_date(s: str) -> DueDate | None:
    """The milestone's due date: the last cued date, else the last date, else None."""
    dates = find_due_dates(s)
    cued = [due for due in dates if is_deadline_cued(s, due)]
    candidates = cued or dates
    return candidates[-1] if candidates else None
