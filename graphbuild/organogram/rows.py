"""One organogram CSV record -> a senior post row or a junior posts row (data.gov.uk schema).

Conventions of the official schema and ETL validator: `XX` in "Reports to Senior Post"
(any case) marks a top post; Post Unique Reference `0` is someone paid but not in post;
the name may be `N/D` (not disclosed), `Vacant` or `Eliminated`. Compiled files carry a
snapshot label ("Sep-15") and a level per row. A row whose width differs from the header,
or whose FTE is not a number, has shifted columns: it is an error, not a guess.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from graphbuild.organogram.columns import Layout

MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, 1)}
UNDISCLOSED = {"", "n/d", "nd", "n/a", "na", "not disclosed", "withheld", "-", "not in post"}
VACANT = {"vacant", "vacancy", "vacant post"}
ELIMINATED = {"eliminated", "post eliminated"}
NOT_A_NUMBER = {"", "n/a", "na", "n/d", "nd", "-"}


class Row(NamedTuple):
    """The fields govkg keeps from one senior or junior row (a tuple: 400,000 are made)."""

    line: int
    senior: bool
    snapshot: str
    ref: str
    name: str
    grade: str
    title: str
    parent: str
    organisation: str
    unit: str
    reports_to: str
    fte: float | None
    pay_floor: int | None = None
    pay_ceiling: int | None = None
    phone: str = ""  # a published contact: a number with digits, else ""
    email: str = ""  # an address with an @, else "" ('N/D', 'n/a')


def status_of(name: str) -> str:
    """'current', 'vacant', 'eliminated' or 'undisclosed' for a Name cell."""
    key = " ".join(name.lower().split())
    if key in VACANT:
        return "vacant"
    if key in ELIMINATED:
        return "eliminated"
    return "undisclosed" if key in UNDISCLOSED else "current"


def is_top(reports_to: str) -> bool:
    """`XX` in any case marks the top post."""
    return reports_to.strip().upper() == "XX"


def parse_pay(cell: str) -> int | None:
    """'£140,000' / '140000' / '140000.00' -> 140000; N/D, N/A, blank or other text -> None.

    Pay never decides whether a row is a post, so an unreadable pay cell leaves the pay
    unknown rather than rejecting the row.
    """
    text = cell.strip().replace(",", "").replace("£", "").strip()
    try:
        value = float(text)
    except ValueError:
        return None
    return int(value) if value >= 0 else None


def parse_fte(cell: str) -> float | None:
    """'1', '0.6', '1.00' -> a number; blank or N/A -> None; text raises ValueError."""
    text = cell.strip().replace(",", "")
    if text.lower() in NOT_A_NUMBER:
        return None
    return float(text)


def snapshot_date(label: str) -> date | None:
    """The snapshot date a label names: 'Sep-15', 'March 2015', '2015-03-31', '31/03/2015'."""
    text = label.strip().lower()
    if m := re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text):
        return _month_end(int(m[1]), int(m[2]), int(m[3]) if m[3] else None)
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", text):
        return _month_end(_year(m[3]), int(m[2]), int(m[1]))
    if m := re.fullmatch(r"([a-z]{3})[a-z]*[\s\-_]*(\d{2}|\d{4})", text):
        month = MONTHS.get(m[1])
        return _month_end(_year(m[2]), month, None) if month else None
    return None


def _year(text: str) -> int:
    """'15' -> 2015; '2015' -> 2015."""
    return 2000 + int(text) if len(text) == 2 else int(text)


def _month_end(year: int, month: int, day: int | None) -> date | None:
    """The given day, or the month's last day; None for an impossible date."""
    if not 1 <= month <= 12:
        return None
    if day is None:
        following = date(year + month // 12, month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_in_name(name: str) -> date | None:
    """A snapshot date in a file name: '2013-09-30', '300913-...', 'September-2013'."""
    lower = name.lower()
    if m := re.search(r"(\d{4})-(\d{2})-(\d{2})", lower):
        return _month_end(int(m[1]), int(m[2]), int(m[3]))
    if m := re.match(r"(\d{2})(\d{2})(\d{2})\D", lower):
        return _month_end(2000 + int(m[3]), int(m[2]), int(m[1]))
    if m := re.search(
        r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[\s\-_]*(20\d\d)", lower
    ):
        return _month_end(int(m[2]), MONTHS[m[1]], None)
    return None


class RowProblem(ValueError):
    """A record that cannot be read as a row (the message says why)."""


def parse_row(layout: Layout, line: int, cells: list[str]) -> Row:
    """Read one record under the layout; raise RowProblem for shifted or missing columns."""
    if len(cells) != layout.width:
        extra = cells[layout.width :]
        if len(cells) < layout.width or any(c.strip() for c in extra):
            raise RowProblem(
                f"{len(cells)} fields where the header has {layout.width} (shifted columns?)"
            )
    picked = layout.pick([*cells[: layout.width], ""])
    snap, level, ref, name, grade, title, parent, org, unit, boss, fte_cell, low, high = map(
        str.strip, picked[:13]
    )
    phone, email = (" ".join(c.split()) for c in picked[13:])
    senior = _is_senior(layout, level)
    if senior and not ref:
        raise RowProblem("senior row without a Post Unique Reference")
    try:
        fte = parse_fte(fte_cell)
    except ValueError:
        raise RowProblem(f"FTE {fte_cell!r} is not a number (shifted columns?)") from None
    if not senior and fte is None:
        raise RowProblem("junior row without a number of posts (FTE)")
    floor, ceiling = (parse_pay(low), parse_pay(high)) if senior else (None, None)
    return Row(
        line, senior, snap, ref, name, grade, title, parent, org, unit, boss, fte, floor, ceiling,
        phone if senior and any(c.isdigit() for c in phone) else "",
        email if senior and "@" in email else "",
    )  # fmt: skip


def _is_senior(layout: Layout, level: str) -> bool:
    """The row's level: the file's kind, or the level column of a compiled file."""
    if layout.kind != "compiled":
        return layout.kind == "senior"
    key = level.strip().lower()
    if key.startswith("senior"):
        return True
    if key.startswith("junior"):
        return False
    raise RowProblem(f"level {level!r} is neither Senior nor Junior")
