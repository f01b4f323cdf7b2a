"""Objectives written as lists or numbered paragraphs, not tables (any layout).

docs/architecture.md §5. Under a heading that names objectives or a category ('Objectives',
'Business objectives', 'Our priorities'), a line opening with an objective label ('Objective
2:', 'Business objective 1', '3.') starts an objective; a line opening with a field name
('Measures:', 'How will this be measured?', 'Milestones:', 'By when:') starts the measures or
milestones of the objective above, and the list items after it belong to that field until
the next label or field. Used when a document has no objectives table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import URIRef

from graphbuild.facts import DocumentGraph
from graphbuild.families.layouts import category_of, column_role, words
from graphbuild.families.objectives_table import LABEL, ObjectiveCells
from graphbuild.text import Line, lines
from ontology.namespace import GK

FIELD = re.compile(r"^\s*(?:[-•]\s*)?(?P<name>[A-Za-z][^:?\t]{2,60}[:?])\s*")
SECTION_WORDS = ("objective", "objectives", "priorities", "priority")


@dataclass
class ListReader:
    """Read objectives laid out as labelled lines with measure and milestone fields."""

    dg: DocumentGraph
    kind: URIRef = GK.Objective
    inside: bool = False
    field_role: str | None = None
    found: list[ObjectiveCells] = field(default_factory=list)

    def read(self) -> list[ObjectiveCells]:
        """Every objective of every objectives section."""
        heads = self._heading_lines()
        for line in lines(self.dg.clean):
            text = line.text.strip()
            if not text or "\t" in line.text:
                continue
            if line.raw_line in heads and self._heads_objective(text):
                self.inside = True  # 'Objective 2: ...' as a heading of its own
                self._start(line)
            elif line.raw_line in heads:
                self._heading(text)
            elif self.inside:
                self._line(line, text)
        return self.found

    def _heads_objective(self, text: str) -> bool:
        """A heading that is itself an objective: labelled, numbered or inside a section."""
        label = LABEL.match(text)
        if label is None or label.end() >= len(text) or not self._is_label(label):
            return False
        return self.inside or label.group("number") is not None

    def _heading_lines(self) -> set[int]:
        """Canonical lines of headings and the title."""
        canonical = self.dg.canonical
        if canonical is None:
            return set()
        return canonical.lines_of("heading") | canonical.lines_of("title")

    def _heading(self, text: str) -> None:
        """A heading opens an objectives section (and its category) or closes it."""
        cls = category_of(text)
        named = any(w in words(text).split() for w in SECTION_WORDS)
        self.inside = named or cls is not None
        self.kind = cls or (self.kind if named and self.found else GK.Objective)
        self.field_role = None

    def _line(self, line: Line, text: str) -> None:
        """An objective label, a field name, or an item of the current field."""
        label = LABEL.match(text)
        if label is not None and label.end() < len(text) and self._is_label(label):
            self._start(line)
            return
        if not self.found:
            return
        current = self.found[-1]
        name = FIELD.match(line.text)
        role = column_role(name.group("name")) if name else None
        if name is not None and role in ("measure", "milestone"):
            self.field_role = role
            rest = (line.start + name.end(), line.end)
            if self.dg.text[slice(*rest)].strip():
                self._add(current, rest)
        elif self.field_role is not None:
            self._add(current, (line.start, line.end))

    def _is_label(self, label: re.Match[str]) -> bool:
        """'Objective N' always; a plain number only as the next in sequence."""
        if label.group("plain") is None:
            return True
        last = self.found[-1].number if self.found else 0
        return int(label.group("plain")) == (last or 0) + 1

    def _start(self, line: Line) -> None:
        """A new objective from its labelled line."""
        text = self.dg.text[line.start : line.end]
        m = LABEL.match(text)
        assert m is not None
        word = (m.group("kind") or "").lower()
        kind = (category_of(f"{word} objective") if word else None) or self.kind
        digits = m.group("number") or m.group("plain")
        label = (line.start + m.start(), line.start + len(m.group().rstrip()))
        wording = (line.start + m.end(), line.end)
        number = int(digits) if digits else None
        self.found.append(ObjectiveCells(kind, wording, number, label if digits else None))
        self.field_role = None

    def _add(self, current: ObjectiveCells, span: tuple[int, int]) -> None:
        """A measure or milestone span of the current objective."""
        target = current.milestones if self.field_role == "milestone" else current.measures
        target.append(span)
