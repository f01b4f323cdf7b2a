"""Objectives tables in any layout: columns found by their header words, rows read by role.

docs/architecture.md §5. A header row is a table row with at least two cells naming a
column role of layouts.toml (objective, measure, milestone ...), whatever their wording and
order ('Objective | How will progress be achieved and measured?', 'Priority | Measures of
success | By when'). Below it, each row with an objective cell starts an objective (its
label 'Business objective 2' / '3.' giving class and number); a row with an empty objective
cell adds to the previous one; a one-cell row or a heading naming a category ('Corporate
objectives') sets the class of the objectives below; lines right under a row with no blank
line between continue its last cell. A table with no header whose rows open with an
objective label is read as objective | measures | milestones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import URIRef

from graphbuild.facts import DocumentGraph, Offsets
from graphbuild.families.layouts import category_of, column_role
from graphbuild.text import Line, lines, tab_cells
from ontology.namespace import GK

LABEL = re.compile(
    r"^\s*(?:(?P<kind>business|corporate|capability|people|diversity(?:\s+and\s+inclusion)?"
    r"|delivery|personal)\s+)?(?:objective|priority)\s*(?P<number>\d{1,2})?\s*[.:\-–]?\s*"
    r"|^\s*(?P<plain>\d{1,2})\s*[.):]\s+",
    re.IGNORECASE,
)
IMPLICIT = ("objective", "measure", "milestone")


@dataclass
class ObjectiveCells:
    """One objective of a table: its class, number, label and cell spans by role."""

    kind: URIRef
    wording: Offsets
    number: int | None = None
    label: Offsets | None = None
    measures: list[Offsets] = field(default_factory=list)
    milestones: list[Offsets] = field(default_factory=list)
    actions: list[Offsets] = field(default_factory=list)


def header_roles(dg: DocumentGraph, line: Line) -> dict[int, str] | None:
    """The column roles of a header row, or None when the row is not one."""
    texts = [dg.text[a:b] for a, b in tab_cells(line)]
    roles = {i: r for i, t in enumerate(texts) if (r := column_role(t)) is not None}
    filled = sum(bool(t.strip()) for t in texts)
    wanted = {"objective", "measure", "milestone", "action"}
    if len(roles) >= 2 and wanted & set(roles.values()) and len(roles) * 2 >= filled:
        return roles
    return None


@dataclass
class TableReader:
    """Read every objectives table of a document, in order."""

    dg: DocumentGraph
    kind: URIRef = GK.Objective
    roles: dict[int, str] | None = None
    found: list[ObjectiveCells] = field(default_factory=list)
    _last_cell: str | None = None

    def read(self) -> list[ObjectiveCells]:
        """Every objective of every table."""
        canonical = self.dg.canonical
        rows = canonical.lines_of("row") if canonical else set()
        heads = canonical.lines_of("heading") | canonical.lines_of("title") if canonical else set()
        previous_blank = True
        for line in lines(self.dg.clean):
            text = line.text.strip()
            if not text:
                previous_blank = True
                self._last_cell = None
                continue
            if "\t" in line.text or line.raw_line in rows:
                self._row(line)
            elif (cls := category_of(text)) is not None:
                self.kind, self._last_cell = cls, None
            elif self.roles is not None and self._labels_next(text):
                self._start((line.start, line.end))
            elif not previous_blank and self._last_cell is not None and self.found:
                self._continue(line)
            elif line.raw_line in heads:  # a heading or title ends the table above it
                self.roles, self._last_cell = None, None
            previous_blank = False
        return self.found

    def _labels_next(self, text: str) -> bool:
        """A line outside the cells that opens the next objective ('Objective 2: ...', '3. ...')."""
        m = LABEL.match(text)
        if m is None or m.end() >= len(text.rstrip()):
            return False
        if m.group("number") is not None:
            return True
        last = self.found[-1].number if self.found else 0
        return m.group("plain") is not None and int(m.group("plain")) == (last or 0) + 1

    def _row(self, line: Line) -> None:
        """A header row, a category row, a new objective or more cells of the last one."""
        roles = header_roles(self.dg, line)
        if roles is not None:
            self.roles, self._last_cell = roles, None
            return
        spans = tab_cells(line)
        texts = [self.dg.text[a:b].strip() for a, b in spans]
        filled = [i for i, t in enumerate(texts) if t]
        if len(filled) == 1 and (cls := category_of(texts[filled[0]])) is not None:
            self.kind = cls
            return
        roles = self.roles
        if roles is None and filled and LABEL.match(texts[filled[0]]) and filled[0] == 0:
            roles = dict(enumerate(IMPLICIT[: len(spans)]))
        if roles is None:
            return
        self._cells(spans, roles)

    def _cells(self, spans: list[Offsets], roles: dict[int, str]) -> None:
        """Distribute one row's cells to a new or the current objective."""
        by_role: dict[str, list[Offsets]] = {}
        for i, span in enumerate(spans):
            role = roles.get(i)
            if role is not None and self.dg.text[slice(*span)].strip():
                by_role.setdefault(role, []).append(span)
        if "objective" in by_role:
            self._start(by_role.pop("objective")[0])
        if not self.found:
            if by_role:
                first = next(iter(by_role.values()))[0]
                self.dg.warn(first[0], "table row before any objective: not attributed")
            return
        current = self.found[-1]
        targets = {
            "measure": current.measures,
            "milestone": current.milestones,
            "action": current.actions,
        }
        for role, found in by_role.items():
            if role in targets:
                targets[role].extend(found)
                self._last_cell = role

    def _start(self, span: Offsets) -> None:
        """A new objective from its cell, its label read off the front."""
        text = self.dg.text[slice(*span)]
        kind, number, label = self.kind, None, None
        m = LABEL.match(text)
        if m is not None and m.end() < len(text.rstrip()):
            word = (m.group("kind") or "").lower()
            named = category_of(f"{word} objective") if word else None
            kind = named or kind
            digits = m.group("number") or m.group("plain")
            number = int(digits) if digits else None
            label = (span[0] + m.start(), span[0] + len(m.group().rstrip()))
            span = (span[0] + m.end(), span[1])
        self.found.append(ObjectiveCells(kind, span, number, label))
        self._last_cell = "objective"

    def _continue(self, line: Line) -> None:
        """A line right under a row continues the row's last cell."""
        current = self.found[-1]
        span = (line.start, line.end)
        if self._last_cell == "milestone":
            current.milestones.append(span)
        elif self._last_cell == "measure":
            current.measures.append(span)
        elif self._last_cell == "action":
            current.actions.append(span)
        else:
            current.wording = (current.wording[0], line.end)
