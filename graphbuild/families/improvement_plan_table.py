"""The goals table of a departmental improvement plan (family 'improvement-plan').

Layout: a header row "<X> Goals<TAB><X> Actions<TAB><Indicative> Measures", then one row per
goal: "N. <goal><TAB> <actions run together><TAB> <measures run together>". A page break
repeats the header; a row whose goal cell is empty continues the previous goal. Each goal is
a gk:ImprovementGoal of the plan's organisation in the document's period, numbered as in
the table; its actions and measures are split into items (cues.split_run_together).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import XSD, Literal, URIRef

from graphbuild.facts import DocumentGraph, Offsets
from graphbuild.families.cues import split_run_together
from graphbuild.text import Line, lines, tab_cells
from ontology.namespace import GK

HEADER = re.compile(r"^[^\t]*\bGoals?\s*\t[^\t]*\bActions?\s*\t[^\t]*\bMeasures?\s*$", re.I)
GOAL_CELL = re.compile(r"^\s*(\d{1,2})\s*[.)]\s*(\S.*?)\s*$")


@dataclass
class Cell:
    """One table cell: its clean offsets."""

    start: int
    end: int


def is_header(text: str) -> bool:
    """Whether a line is the goals table's header row."""
    return HEADER.match(text) is not None


def table_rows(dg: DocumentGraph) -> list[Line]:
    """The table's body rows: from the first header to the first line that is not a row."""
    all_lines = lines(dg.clean)
    first = next((i for i, ln in enumerate(all_lines) if is_header(ln.text)), None)
    if first is None:
        return []
    rows: list[Line] = []
    for line in all_lines[first + 1 :]:
        if not line.text.strip() or is_header(line.text):
            continue
        if "\t" not in line.text:
            break
        rows.append(line)
    return rows


def cells(line: Line) -> list[Cell]:
    """The tab-separated cells of a row, with clean offsets."""
    return [Cell(start, end) for start, end in tab_cells(line)]


def extract_goals(dg: DocumentGraph, organisation: URIRef) -> None:
    """Every goal row of the table: goals, their actions and measures."""
    goal: URIRef | None = None
    for row in table_rows(dg):
        parts = cells(row)
        if len(parts) != 3:
            dg.warn(row.start, f"goals table row with {len(parts)} cells, expected 3")
            continue
        goal_cell, actions, measures = parts
        if dg.text[goal_cell.start : goal_cell.end].strip():
            goal = _goal(dg, goal_cell, organisation)
        if goal is None:
            dg.warn(row.start, "goals table row with no goal cell and no goal before it")
            continue
        _items(dg, goal, actions, "action", GK.Action, GK.hasAction)
        _items(dg, goal, measures, "measure", GK.PerformanceMeasure, GK.hasMeasure)


def _goal(dg: DocumentGraph, cell: Cell, organisation: URIRef) -> URIRef | None:
    """A numbered goal from its cell: 'N. <goal wording>'."""
    m = GOAL_CELL.match(dg.text[cell.start : cell.end])
    if m is None:
        dg.warn(cell.start, "goal cell without a number ('N. <goal>')")
        return None
    at: Offsets = (cell.start + m.start(2), cell.start + m.end(2))
    whole: Offsets = (cell.start + m.start(1), at[1])
    goal = dg.text_thing("objective", GK.ImprovementGoal, m.group(2), at, "goal")
    dg.add(goal, GK.number, Literal(int(m.group(1)), datatype=XSD.integer), whole, "goal-number")
    dg.add(goal, GK.objectiveOf, organisation, at, "goal-of-organisation")
    dg.add(goal, GK.period, dg.period, at, "goal-period")
    return goal


def _items(
    dg: DocumentGraph, goal: URIRef, cell: Cell, kind: str, rdf_type: URIRef, link: URIRef
) -> None:
    """The actions or measures of one cell, split where a new item starts."""
    if not dg.text[cell.start : cell.end].strip():
        return
    matches = dg.gazetteer.find(dg.text, cell.start, cell.end)
    for start, end in split_run_together(dg.text, cell.start, cell.end, matches):
        item = dg.text_thing(kind, rdf_type, dg.text[start:end], (start, end), kind)
        dg.add(goal, link, item, (start, end), f"goal-{kind}")
