"""Column names of the data.gov.uk organogram CSVs and their real-world spellings.

The official schema (data.gov.uk organogram ETL, `etl_to_csv.py`) names 19 senior columns
("Post Unique Reference" ... "Valid?") and 10 junior columns ("Parent Department" ...
"Professional/Occupational Group"). Releases vary: `Grade` vs `Grade (or equivalent)`, a
blank or `Total Pay (£)` column, `Valid` vs `Valid?`, a stray index column, and the
compiled multi-snapshot files add a snapshot label column and a level column
(`Senior/Junior`, `Junior/Senior` or `Seniority`), and real headers carry typos
(`Senion/Junior` in HM Treasury's). This module maps each header cell to one canonical key:
by its known spellings, else by a close spelling (an edit distance of 1, or 2 for long
names, or the words of a known name cut short, as `Post Unique Ref`, to exactly one known
name), and says how it mapped each (`Mapping`). Columns whose header says nothing are
inferred from their values in `infer`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from operator import itemgetter

from graphbuild.text import edit_distance

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
PAY_FLOOR = "pay_floor"
PAY_CEILING = "pay_ceiling"
PHONE = "contact_phone"
EMAIL = "contact_email"
IGNORED = "ignored"
ROW_KEYS = (
    SNAPSHOT, LEVEL, REF, NAME, GRADE, TITLE, PARENT, ORGANISATION, UNIT, REPORTS_TO, FTE,
    PAY_FLOOR, PAY_CEILING, PHONE, EMAIL,
)  # fmt: skip
OFFICIAL = {  # the official data.gov.uk spelling of each key, for reports
    SNAPSHOT: "snapshot label",
    LEVEL: "Senior/Junior",
    REF: "Post Unique Reference",
    NAME: "Name",
    GRADE: "Grade (or equivalent)",
    TITLE: "Job Title",
    PARENT: "Parent Department",
    ORGANISATION: "Organisation",
    UNIT: "Unit",
    REPORTS_TO: "Reports to Senior Post",
    FTE: "FTE",
    PAY_FLOOR: "Actual Pay Floor (£)",
    PAY_CEILING: "Actual Pay Ceiling (£)",
    PHONE: "Contact Phone",
    EMAIL: "Contact E-mail",
    IGNORED: "a column govkg does not read",
}
EXACT, CLOSE, INFERRED, UNKNOWN = (
    "known spelling",
    "close spelling",
    "inferred from values",
    "unknown",
)
MIN_FUZZY_LENGTH = 6  # shorter names must be spelled exactly ('date' is not 'data')

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
    "actual pay floor": PAY_FLOOR,
    "pay floor": PAY_FLOOR,
    "actual pay ceiling": PAY_CEILING,
    "pay ceiling": PAY_CEILING,
    "contact phone": PHONE,
    "contact e mail": EMAIL,
    "contact email": EMAIL,
}
KNOWN_IGNORED = (
    "job team function",
    "salary cost of reports",
    "payscale minimum",
    "payscale maximum",
    "total pay",
    "professional occupational group",
    "notes",
    "valid",
)

# The official layouts, for files that lost their header row.
SENIOR_LAYOUT = (
    REF, NAME, GRADE, TITLE, IGNORED, PARENT, ORGANISATION, UNIT, PHONE, EMAIL,
    REPORTS_TO, IGNORED, FTE, PAY_FLOOR, PAY_CEILING, IGNORED, IGNORED, IGNORED, IGNORED,
)  # fmt: skip
JUNIOR_LAYOUT = (
    PARENT, ORGANISATION, UNIT, REPORTS_TO, GRADE, IGNORED, IGNORED, TITLE, FTE, IGNORED,
)  # fmt: skip


def normalise_header(cell: str) -> str:
    """'Grade (or equivalent)' -> 'grade or equivalent'; '(£)' and punctuation dropped."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", cell.lower().replace("£", "")).split())


@dataclass(frozen=True)
class Mapping:
    """How one column of a file was understood: its header, its key and how it was matched."""

    index: int
    header: str
    key: str | None
    how: str
    matched: str = ""  # the known spelling a close spelling was taken for

    def __str__(self) -> str:
        header = repr(self.header) if self.header.strip() else "(blank header)"
        if self.key is None:
            return f"column {self.index + 1} {header}: not recognised, not read"
        via = f" (close to {self.matched!r})" if self.how == CLOSE else f" ({self.how})"
        return f"column {self.index + 1} {header} -> {OFFICIAL[self.key]}{via}"


def column_key(cell: str) -> str | None:
    """The canonical key of one header cell; IGNORED for known extras, None if unknown."""
    return match_header(cell)[0]


def match_header(cell: str) -> tuple[str | None, str, str]:
    """(key, how, the known spelling matched) for one header cell; (None, UNKNOWN, '') if none."""
    text = normalise_header(cell)
    if not text:
        return None, UNKNOWN, ""
    key = _known_spelling(text)
    if key is not None:
        return key, EXACT, ""
    close = _closest_known(text)
    if close is None:
        return None, UNKNOWN, ""
    return ALIASES.get(close, IGNORED), CLOSE, close


def _abbreviates(text: str, known: str) -> bool:
    """'post unique ref' for 'post unique reference': word by word, each a prefix, one cut."""
    words, full = text.split(), known.split()
    return (
        len(words) == len(full) > 1
        and all(
            w == f or (len(w) >= 2 and f.startswith(w)) for w, f in zip(words, full, strict=True)
        )
        and words != full
    )


def _known_spelling(text: str) -> str | None:
    """The key of a normalised header spelled as one of the known variants."""
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


def _closest_known(text: str) -> str | None:
    """The one known spelling within a small edit distance of the text, if exactly one is."""
    if len(text) < MIN_FUZZY_LENGTH:
        return None
    limit = 1 if len(text) < 12 else 2
    distances = {k: edit_distance(text, k, limit) for k in (*ALIASES, *KNOWN_IGNORED)}
    close = {k: d for k, d in distances.items() if d <= limit or _abbreviates(text, k)}
    keys = {ALIASES.get(k, IGNORED) for k in close}
    return min(close, key=close.__getitem__) if len(keys) == 1 else None


@dataclass(frozen=True)
class Layout:
    """Where each canonical column is, and which kind of file this is."""

    columns: dict[str, int]
    width: int
    kind: str  # "senior", "junior" or "compiled" (a level column says per row)
    guessed: bool = False
    mappings: tuple[Mapping, ...] = ()

    def has(self, key: str) -> bool:
        """True when the file has this column."""
        return key in self.columns

    @cached_property
    def pick(self) -> Callable[[list[str]], tuple[str, ...]]:
        """The ROW_KEYS cells of a record with one blank cell appended (absent keys read it)."""
        return itemgetter(*(self.columns.get(key, self.width) for key in ROW_KEYS))


def layout_from_header(cells: list[str]) -> Layout | None:
    """The layout a header row describes (maybe lacking columns `infer` can find), or None."""
    columns: dict[str, int] = {}
    mappings = []
    for index, cell in enumerate(cells):
        key, how, matched = match_header(cell)
        if key is not None and key != IGNORED and key in columns:
            how = f"duplicate of column {columns[key] + 1}, not read"
            key = IGNORED
        mappings.append(Mapping(index, cell.strip(), key, how, matched))
        if key is not None and key != IGNORED:
            columns[key] = index
    if sum(m.key is not None for m in mappings) < 3:
        return None
    return Layout(columns, len(cells), kind_of(columns), mappings=tuple(mappings))


def kind_of(columns: dict[str, int]) -> str:
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
            mappings = tuple(
                Mapping(i, "", None if i < offset else layout[i - offset], "official layout")
                for i in range(width)
            )
            return Layout(columns, width, kind, guessed=True, mappings=mappings)
    return None
