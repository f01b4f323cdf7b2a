"""Rebuild the objectives table of the 'objectives-2012-13' family from its flattened rows.

Columns: objective | Performance Measures | Milestones, under category headings
("1. Business delivery objectives:"). Two layouts:
- heading row + one objective per table row (the Cabinet Secretary's form): the text before the
  first tab is the objective column; a cell item broken over raw lines is joined again
  (`continues`); a column run printed above a row's first objective belongs to it; a raw line
  with no objective text belongs to the objective above; when an item runs on into the line of
  the next objective, both objectives share one table row (a `Group`);
- heading inside the objective cell (the Head of the Civil Service's form, HTML cells): the
  whole cell - lead sentence and bullets, over page breaks - is one objective numbered as its
  category.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import URIRef

from graphbuild.facts import DocumentGraph
from graphbuild.families.objectives_2012_cells import Fragment, Item, Row, fragment_from
from graphbuild.families.objectives_2012_noise import continues, garbled_duplicates
from ontology.namespace import GK

CATEGORY = re.compile(
    r"^\W*(?P<number>\d+)\s*[.)]\s*(?P<name>[a-z][a-z ]*?)\s+objectives\s*:", re.IGNORECASE
)
COLUMN_LABEL = re.compile(r"(?:performance\s+)?measures|milestones|objectives?", re.IGNORECASE)
CATEGORY_CLASSES = (
    ("business", GK.BusinessObjective),
    ("corporate", GK.CorporateObjective),
    ("capabilit", GK.CapabilityObjective),
    ("diversit", GK.DiversityObjective),
)
COLUMNS = 3


@dataclass
class Group:
    """One table row: its objectives and the measures and milestones they share."""

    objectives: list[Item] = field(default_factory=list)
    measures: list[Item] = field(default_factory=list)
    milestones: list[Item] = field(default_factory=list)

    def column(self, index: int) -> list[Item]:
        """The items of column 1 (measures) or 2 (milestones)."""
        return self.measures if index == 1 else self.milestones


@dataclass
class Category:
    """A category heading and the table rows under it."""

    number: int
    rdf_type: URIRef
    label: tuple[int, int]
    whole_cell: bool
    groups: list[Group] = field(default_factory=list)
    pending: list[tuple[int, Item]] = field(default_factory=list)


def category_class(name: str) -> URIRef | None:
    """The objective class a category name announces, if known."""
    return next((cls for key, cls in CATEGORY_CLASSES if key in name.lower()), None)


class TableReader:
    """Reads the table rows in order, keeping the open item of each column."""

    def __init__(self, dg: DocumentGraph) -> None:
        """A reader that states warnings on dg."""
        self.dg = dg
        self.categories: list[Category] = []
        self.open: dict[int, Item] = {}
        self.row_group: Group | None = None

    def read(self, rows: list[Row]) -> list[Category]:
        """Every category with its groups."""
        dropped = garbled_duplicates(rows, self.dg.text)
        for row in rows:
            if not row.blank and not row.noise:
                self._row(row, [[f for f in cell if f not in dropped] for cell in row.cells])
        for category in self.categories:
            if category.pending:
                self.dg.warn(category.pending[0][1].span[0], "measures with no objective")
        return self.categories

    def _row(self, row: Row, cells: list[list[Fragment]]) -> None:
        """Read one row: a heading, an objective cell, measure and milestone cells."""
        self.row_group = None
        if cells[0] and (m := CATEGORY.match(cells[0][0].text)):
            head = cells[0][0]
            cells[0] = fragment_from(head, m.end()) + cells[0][1:]
            self._start_category(m, head, bool(cells[0]))
        if not self.categories:
            self.dg.warn(row.start, "table row before any objectives category")
            return
        cells = [self._without_labels(cell) for cell in cells]
        if len(cells) > COLUMNS and any(cells[COLUMNS:]):
            self.dg.warn(cells[COLUMNS][0].start if cells[COLUMNS] else row.start, "extra column")
        self._objective_cell(cells[0])
        for index in range(1, min(len(cells), COLUMNS)):
            self._item_cell(index, cells[index])

    def _start_category(self, m: re.Match[str], head: Fragment, whole_cell: bool) -> None:
        """Open a new category from its heading (`whole_cell`: the heading shares its cell)."""
        rdf_type = category_class(m["name"])
        if rdf_type is None:
            self.dg.warn(head.start, f"unknown objectives category {m['name']!r}")
            rdf_type = GK.Objective
        label = (head.start + m.start("number"), head.start + m.end())
        self.categories.append(Category(int(m["number"]), rdf_type, label, whole_cell))
        self.open = {}

    @staticmethod
    def _without_labels(cell: list[Fragment]) -> list[Fragment]:
        """Drop column labels ('Performance Measures:', 'Milestones:') at a cell's head."""
        while cell and COLUMN_LABEL.fullmatch(cell[0].text.rstrip(" :")):
            cell = cell[1:]
        return cell

    def _objective_cell(self, frags: list[Fragment]) -> None:
        """Start or continue an objective."""
        if not frags:
            return
        category = self.categories[-1]
        opened = self.open.get(0)
        if category.whole_cell and opened is not None:
            opened.fragments.extend(frags)
            return
        if opened is not None and continues(opened.text, frags[0].text, self.dg.gazetteer):
            opened.fragments.extend(frags)
            return
        item = Item(list(frags))
        self.open[0] = item
        group = Group([item])
        for index, pending in category.pending:
            group.column(index).append(pending)
        category.pending = []
        category.groups.append(group)
        self.row_group = group

    def _item_cell(self, index: int, frags: list[Fragment]) -> None:
        """Add a cell's measures or milestones, joining a run-on first fragment."""
        category = self.categories[-1]
        for k, frag in enumerate(frags):
            opened = self.open.get(index)
            if k == 0 and opened and continues(opened.text, frag.text, self.dg.gazetteer):
                opened.fragments.append(frag)
                self._share_row(category, opened)
                continue
            item = Item([frag])
            self.open[index] = item
            if category.groups:
                category.groups[-1].column(index).append(item)
            else:
                category.pending.append((index, item))

    def _share_row(self, category: Category, item: Item) -> None:
        """An item running into a new objective's line: the two objectives share a row."""
        new = self.row_group
        owner = next((g for g in category.groups if _holds(g, item)), None)
        if new is None or owner is None or owner is new:
            return
        owner.objectives.extend(new.objectives)
        owner.measures.extend(new.measures)
        owner.milestones.extend(new.milestones)
        category.groups.remove(new)
        self.row_group = owner


def _holds(group: Group, item: Item) -> bool:
    """Whether the group holds this very item."""
    return any(x is item for x in group.measures + group.milestones)
