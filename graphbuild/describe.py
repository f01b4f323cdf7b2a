"""What a document is: its period, department, post, person and title, detected from its text.

No manifest needed (docs/architecture.md §5): the period comes from the title lines, else
the file name, else the text ('2015/16', '2015-16', '2015 to 2016', 'March 2014', '2018/20');
the department from the title lines or a GOV.UK 'From:' line, else the department the text
names most; the person from a 'NAME, DEPARTMENT' line, a 'Name:' field or a title such as
'Sir Jane Smith, Permanent Secretary'. Every value carries the reason it was chosen, which
`govkg build --explain` prints. A manifest entry overrides any of them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rdflib import URIRef

from graphbuild.families.cues import is_organisation, is_post
from graphbuild.formats import Canonical
from graphbuild.gazetteer import Gazetteer, Match
from graphbuild.text import CleanText, Line, lines

HEAD_LINES = 12
_YEAR = r"(?<![\d/£$])(20\d\d|19\d\d)"
SPAN = re.compile(_YEAR + r"\s*(?:/|-|–|—|to)\s*(20\d\d|19\d\d|\d\d)(?![\d/])", re.IGNORECASE)
SINGLE = re.compile(_YEAR + r"(?![\d/])")
FROM_LINE = re.compile(r"^\s*(?:from|published by|department|organisation)\s*:\s*", re.IGNORECASE)
DEPARTMENT_FIELD = re.compile(
    r"^\s*(?:department|organisation)\s*[:\t]\s*(?P<name>[^\t\n]+?)\s*$", re.I | re.M
)
NAME_FIELD = re.compile(r"^\s*name\s*[:\t]\s*(?P<name>[^\t\n]+?)\s*$", re.IGNORECASE | re.MULTILINE)
NAME_WORD = r"(?:[A-Z][A-Za-z'’\-]+|[A-Z]\.)"
PERSON = re.compile(
    rf"(?P<name>(?:(?:Sir|Dame|Dr|Lord|Baroness|Professor|SIR|DAME|DR|LORD)\s+)?"
    rf"{NAME_WORD}(?:\s+{NAME_WORD}){{1,3}})"
)
NOT_NAME_WORDS = frozenset(
    [
        "permanent",
        "secretary",
        "objectives",
        "objective",
        "performance",
        "individual",
        "department",
        "ministry",
        "office",
        "plan",
        "business",
        "the",
        "and",
        "of",
        "for",
        "cabinet",
        "civil",
        "service",
        "head",
        "chief",
        "executive",
        "board",
        "committee",
        "role",
        "corporate",
        "capability",
        "diversity",
        "annual",
        "report",
        "director",
        "general",
        "hm",
        "her",
        "majesty's",
        "departmental",
        "improvement",
        "secretariat",
        "government",
        "national",
        "agency",
    ]
)


@dataclass(frozen=True)
class Found:
    """A detected value, where it was found (clean offsets) and why it was chosen."""

    value: str
    reason: str
    at: tuple[int, int] | None = None
    iri: URIRef | None = None


@dataclass(frozen=True)
class Description:
    """Everything detected about one document."""

    title: Found | None
    period: Found | None
    department: Found | None
    person: Found | None


def describe(
    canonical: Canonical, clean: CleanText, gazetteer: Gazetteer, file: str
) -> Description:
    """Detect the title, period, department and person of a document."""
    head = head_lines(clean, canonical)
    return Description(
        title=find_title(clean, canonical, head),
        period=find_period(clean, head, file),
        department=find_department(clean, gazetteer, head),
        person=find_person(clean, gazetteer, head),
    )


def head_lines(clean: CleanText, canonical: Canonical) -> list[Line]:
    """The first non-blank lines that are not table rows: where titles and names are."""
    rows = canonical.lines_of("row")
    found = [ln for ln in lines(clean) if ln.text.strip() and ln.raw_line not in rows]
    return found[:HEAD_LINES]


def find_title(clean: CleanText, canonical: Canonical, head: list[Line]) -> Found | None:
    """The title block, else the first line."""
    titles = canonical.lines_of("title")
    line = next((ln for ln in head if ln.raw_line in titles), head[0] if head else None)
    if line is None:
        return None
    text = " ".join(line.text.split())
    why = "the title block" if line.raw_line in titles else "the first line"
    return Found(text, f"{why} (line {line.raw_line})", (line.start, line.end))


def period_label(first: int, last: int | None) -> str:
    """'2015/16' for a financial-year span, '2018/20' for a longer one, '2014' for a year."""
    if last is None or last == first:
        return str(first)
    return f"{first}/{last % 100:02d}"


def _period_in(text: str) -> tuple[str, tuple[int, int]] | None:
    """The first year span or year in a text, as a period label and its offsets."""
    for m in SPAN.finditer(text):
        last = _end(m.group(1), m.group(2))
        if last is not None:
            return period_label(int(m.group(1)), last), m.span()
    year = SINGLE.search(text)
    return (year.group(1), year.span()) if year else None


def find_period(clean: CleanText, head: list[Line], file: str) -> Found | None:
    """The period: from the title lines, else the file name, else the most common in the text."""
    for line in head[:4]:
        found = _period_in(line.text)
        if found is not None:
            start = line.start + found[1][0]
            at = (start, line.start + found[1][1])
            return Found(found[0], f"the title lines (line {line.raw_line})", at)
    from_name = _period_in(re.sub(r"[_]", " ", file))
    if from_name is not None:
        return Found(from_name[0], f"the file name {file!r}")
    spans = Counter(period_label(int(a), _end(a, b)) for a, b in SPAN.findall(clean.text))
    years = Counter(SINGLE.findall(clean.text))
    common = spans.most_common(1) or years.most_common(1)
    if common:
        return Found(common[0][0], f"the period the text names most ({common[0][1]} times)")
    return None


def _end(first: str, end: str) -> int | None:
    """The last year of a span match, or None when it is not a plausible span."""
    last = int(end) if len(end) == 4 else int(first) // 100 * 100 + int(end)
    return last if int(first) < last <= int(first) + 5 else None


def _departments(
    gazetteer: Gazetteer, text: str, start: int = 0, end: int | None = None
) -> list[Match]:
    """Gazetteer matches of departments and agencies."""
    return [
        m
        for m in gazetteer.find(text, start, end)
        if is_organisation(m.entry) and _is_department(m.entry.types)
    ]


def _is_department(types: frozenset[URIRef]) -> bool:
    """A department or an agency (not a board, unit or the Civil Service itself)."""
    names = {str(t).rsplit("/", 1)[-1].rsplit("#", 1)[-1] for t in types}
    return bool(names & {"Department", "ExecutiveAgency", "ExecutiveNDPB", "FormalOrganization"})


def find_department(clean: CleanText, gazetteer: Gazetteer, head: list[Line]) -> Found | None:
    """The publishing department: a Department field, the title lines, else the most named."""
    if field := DEPARTMENT_FIELD.search(clean.text):
        named = _departments(gazetteer, clean.text, *field.span("name"))
        if named:
            m = named[0]
            return Found(m.entry.pref_label, "a 'Department:' field", (m.start, m.end), m.iri)
    for line in head:
        found = _departments(gazetteer, clean.text, line.start, line.end)
        if found:
            m = found[0]
            where = "a 'From:' line" if FROM_LINE.match(line.text) else "the title lines"
            why = f"{where} (line {line.raw_line})"
            return Found(m.entry.pref_label, why, (m.start, m.end), m.iri)
    named = _departments(gazetteer, clean.text)
    counts = Counter(m.iri for m in named)
    if not counts:
        return None
    iri, n = counts.most_common(1)[0]
    first = next(m for m in named if m.iri == iri)
    why = f"the department the text names most ({n} times)"
    return Found(first.entry.pref_label, why, (first.start, first.end), iri)


def find_person(clean: CleanText, gazetteer: Gazetteer, head: list[Line]) -> Found | None:
    """A person named in the title lines or a 'Name:' field."""
    field = NAME_FIELD.search(clean.text)
    if field is not None and is_name(field.group("name"), gazetteer):
        name = display_name(field.group("name"))
        return Found(name, "a 'Name:' field", field.span("name"))
    for line in head:
        for m in PERSON.finditer(line.text):
            candidate = m.group("name")
            if is_name(candidate, gazetteer) and _stands_alone(line.text, m):
                at = (line.start + m.start("name"), line.start + m.end("name"))
                return Found(display_name(candidate), f"the title lines (line {line.raw_line})", at)
    return None


def _stands_alone(text: str, m: re.Match[str]) -> bool:
    """A name set off in its line: at its start, or after ':' / '–', and before ',' or its end."""
    before, after = text[: m.start()].rstrip(), text[m.end() :].lstrip()
    return (not before or before[-1] in ":–—-|") and (not after or after[0] in ",–—-(|:")


def is_name(text: str, gazetteer: Gazetteer) -> bool:
    """Two to four name words, none a post, department or layout word."""
    words = [w.strip(".,") for w in text.split()]
    content = [w for w in words if w.lower() not in ("sir", "dame", "dr", "lord", "baroness")]
    if not 2 <= len(content) <= 4:
        return False
    if any(w.lower().strip("'’s") in NOT_NAME_WORDS for w in content):
        return False
    return not any(is_post(m.entry) or is_organisation(m.entry) for m in gazetteer.find(text))


def display_name(text: str) -> str:
    """A name as people write it: 'JANE SMITH' -> 'Jane Smith', 'mcDONALD' kept when mixed."""
    words = text.split()
    if all(w.isupper() or not w.isalpha() for w in words):
        words = [_title_word(w) for w in words]
    return " ".join(words)


def _title_word(word: str) -> str:
    """One capitalised word in title case, keeping Mc, O' and hyphenated parts."""
    parts = re.split(r"([-'’])", word.lower())
    titled = "".join(p.capitalize() if p not in "-'’" else p for p in parts)
    return re.sub(r"^Mc(\w)", lambda m: "Mc" + m.group(1).upper(), titled)
