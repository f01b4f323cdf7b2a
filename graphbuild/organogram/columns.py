"""Column names of the data.gov.uk organogram CSVs and their real-world spellings.

The official schema (data.gov.uk organogram ETL, `etl_to_csv.py`) names 19 senior columns
("Post Unique Reference" ... "Valid?") and 10 junior columns ("Parent Department" ...
"Professional/Occupational Group"). Releases vary: `Grade` vs `Grade (or equivalent)`, a
blank or `Total Pay (£)` column, `Valid` vs `Valid?`, a stray index column, and the
compiled multi-snapshot files add a snapshot label column and a level column
(`Senior/Junior`, `Junior/Senior` or `Seniority`). This module maps any of them to one
canonical key per column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from operator import itemgetter

SNAPSHOT = "snapshot"
LEVEL = "level"
REF = "ref"
NAME = "name"
GRADE = "grade"
TITLE = "title"
PARENT = "parent"
ORGANISATION = "organisation"
UNIT = "unit"
REPORTS_TO = "reports_to"
FTE = "fte"
IGNORED = "ignored"
ROW_KEYS = (SNAPSHOT, LEVEL, REF, NAME, GRADE, TITLE, PARENT, ORGANISATION, UNIT, REPORTS_TO, FTE)

ALIASES: dict[str, str] = {
    "back to index": SNAPSHOT,
    "snapshot": SNAPSHOT,
    "snapshot date": SNAPSHOT,
    "date": SNAPSHOT,
    "period": SNAPSHOT,
    "senior junior": LEVEL,
    "junior senior": LEVEL,
    "seniority": LEVEL,
    "senior or junior": LEVEL,
    "post unique reference": REF,
    "unique reference": REF,
    "post reference": REF,
    "post ref": REF,
    "name": NAME,
    "name of post holder": NAME,
    "post holder": NAME,
    "grade": GRADE,
    "grade or equivalent": GRADE,
    "job title": TITLE,
    "generic job title": TITLE,
    "parent department": PARENT,
    "organisation": ORGANISATION,
    "organization": ORGANISATION,
    "unit": UNIT,
    "reports to senior post": REPORTS_TO,
    "reporting senior post": REPORTS_TO,
    "reports to": REPORTS_TO,
    "fte": FTE,
    "number of posts in fte": FTE,
    "number of posts fte": FTE,
}
KNOWN_IGNORED = (
    "job team function",
    "contact phone",
    "contact e mail",
    "contact email",
    "salary cost of reports",
    "actual pay floor",
    "actual pay ceiling",
    "payscale minimum",
    "payscale maximum",
    "total pay",
    "professional occupational group",
    "notes",
    "valid",
)

# The official layouts, for files that lost their header row.
SENIOR_LAYOUT = (
    REF, NAME, GRADE, TITLE, IGNORED, PARENT, ORGANISATION, UNIT, IGNORED, IGNORED,
    REPORTS_TO, IGNORED, FTE, IGNORED, IGNORED, IGNORED, IGNORED, IGNORED, IGNORED,
)  # fmt: skip
JUNIOR_LAYOUT = (
    PARENT, ORGANISATION, UNIT, REPORTS_TO, GRADE, IGNORED, IGNORED, TITLE, FTE, IGNORED,
)  # fmt: skip


def normalise_header(cell: str) -> str:
    """'Grade (or equivalent)' -> 'grade or equivalent'; '(£)' and punctuation dropped."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", cell.lower().replace("£", "")).split())


def column_key(cell: str) -> str | None:
    """The canonical key of one header cell; IGNORED for known extras, None if unknown."""
    text = normalise_header(cell)
    if not text:
        return None
    if text in ALIASES:
        return ALIASES[text]
    if text.startswith(("reports to", "reporting senior", "reporting to")):
        return REPORTS_TO
    if text.startswith("number of posts"):
        return FTE
    if text.startswith("grade"):
        return GRADE
    if any(text.startswith(k) for k in KNOWN_IGNORED):
        return IGNORED
    return None


@dataclass(frozen=True)
class Layout:
    """Where each canonical column is, and which kind of file this is."""

    columns: dict[str, int]
    width: int
    kind: str  # "senior", "junior" or "compiled" (a level column says per row)
    guessed: bool = False

    def has(self, key: str) -> bool:
        """True when the file has this column."""
        return key in self.columns

    @cached_property
    def pick(self) -> Callable[[list[str]], tuple[str, ...]]:
        """The ROW_KEYS cells of a record with one blank cell appended (absent keys read it)."""
        return itemgetter(*(self.columns.get(key, self.width) for key in ROW_KEYS))


def layout_from_header(cells: list[str]) -> Layout | None:
    """The layout a header row describes, or None when the row is not a header."""
    columns: dict[str, int] = {}
    recognised = 0
    for index, cell in enumerate(cells):
        key = column_key(cell)
        if key is None:
            continue
        recognised += 1
        if key != IGNORED:
            columns.setdefault(key, index)
    if recognised < 3 or REPORTS_TO not in columns:
        return None
    return Layout(columns, len(cells), _kind(columns))


def _kind(columns: dict[str, int]) -> str:
    """Senior files have a post reference; junior files do not; compiled files say per row."""
    if LEVEL in columns:
        return "compiled"
    return "senior" if REF in columns else "junior"


def guessed_layout(width: int) -> Layout | None:
    """The official layout for a header-less file of this width (a stray index allowed)."""
    for layout, kind in ((SENIOR_LAYOUT, "senior"), (JUNIOR_LAYOUT, "junior")):
        offset = width - len(layout)
        if offset in (0, 1):
            columns = {k: i + offset for i, k in enumerate(layout) if k != IGNORED}
            return Layout(columns, width, kind, guessed=True)
    return None
