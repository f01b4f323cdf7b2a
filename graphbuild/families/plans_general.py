"""The layout-general plan reader: departmental improvement plans and business plans.

docs/architecture.md §5. A plan belongs to its department (detected from its title lines).
Its goals come from tables whose columns name goals and actions or measures, whatever
their order ('Goal | Actions | Measures', 'Priority | What we will do | Milestones'), and
from sections: a heading naming one of the kind's themes (layouts.toml: 'Performance',
'Efficiency and innovation', 'Capability', 'Strategic risk and leadership of change') is a
goal whose list items are its actions, and so is a numbered heading followed by a list
('2. Educational excellence everywhere', numbered as the plan numbers it; a theme heading's
section number is not a goal number). Sentence-level relations are read as everywhere.
"""

from __future__ import annotations

import re
from functools import cache

from rdflib import XSD, Literal, URIRef

from graphbuild.facts import DocumentGraph, Offsets
from graphbuild.families.layouts import layouts, words
from graphbuild.families.objectives_general import split_items, state_milestone
from graphbuild.families.objectives_table import TableReader
from graphbuild.text import Line, lines
from ontology.namespace import GK

NAME = "plan"
NUMBERED = re.compile(r"^\s*(\d{1,2})\s*[.)]?\s+")


def extract(dg: DocumentGraph) -> None:
    """Goals with their actions, measures and milestones, for the plan's department."""
    owner = dg.department
    if owner is None:
        dg.warn(0, "no department found in the title lines: goals are stated without an owner")
    rows = TableReader(dg).read()
    for row in rows:
        goal = _goal(dg, owner, row.wording, row.number, row.label, numbered=True)
        _items(dg, goal, row.actions, "action", GK.Action, GK.hasAction)
        _items(dg, goal, row.measures, "measure", GK.PerformanceMeasure, GK.hasMeasure)
        for span in row.milestones:
            for item in split_items(dg.text, span):
                state_milestone(dg, goal, item)
    sections = _sections(dg)
    for heading, listed in sections:
        numbered = words(heading.text) not in _all_themes()
        goal = _goal(dg, owner, (heading.start, heading.end), None, None, numbered=numbered)
        spans = [(line.start, line.end) for line in listed]
        _items(dg, goal, spans, "action", GK.Action, GK.hasAction)
    if not rows and not sections:
        dg.warn(0, "no goals found (no goals table, no theme heading followed by a list)")


def _goal(
    dg: DocumentGraph,
    owner: URIRef | None,
    at: Offsets,
    number: int | None,
    label: Offsets | None,
    numbered: bool,
) -> URIRef:
    """A goal of the plan; a table's goal label numbers it, a section number does not."""
    text = dg.text[slice(*at)]
    m = NUMBERED.match(text)
    if m is not None:
        if numbered and number is None:
            number, label = int(m.group(1)), (at[0] + m.start(1), at[0] + m.end(1))
        at = (at[0] + m.end(), at[1])
        text = dg.text[slice(*at)]
    goal = dg.text_thing("objective", GK.ImprovementGoal, text, at, "goal")
    if number is not None and label is not None:
        dg.add(goal, GK.number, Literal(number, datatype=XSD.integer), label, "goal-number")
    if owner is not None:
        dg.add(goal, GK.objectiveOf, owner, at, "goal-of-department")
    dg.add(goal, GK.period, dg.period, at, "goal-period")
    return goal


def _items(
    dg: DocumentGraph, goal: URIRef, spans: list[Offsets], kind: str, cls: URIRef, link: URIRef
) -> None:
    """Items of cells or list lines, split at semicolons and sentence ends."""
    for span in spans:
        for start, end in split_items(dg.text, span, bullets="-•–", shortest=3):
            item = dg.text_thing(kind, cls, dg.text[start:end], (start, end), kind)
            dg.add(goal, link, item, (start, end), f"goal-{kind}")


def _sections(dg: DocumentGraph) -> list[tuple[Line, list[Line]]]:
    """Goal headings with the list items below them.

    A goal heading names one of the plan themes ('Efficiency and innovation'), or is
    numbered ('2. Educational excellence everywhere'); it is a goal only when items follow.
    """
    if dg.canonical is None:
        return []
    heads = dg.canonical.lines_of("heading") | dg.canonical.lines_of("title")
    items = dg.canonical.lines_of("item")
    sections: list[tuple[Line, list[Line]]] = []
    current: tuple[Line, list[Line]] | None = None
    for line in lines(dg.clean):
        if line.raw_line in heads:
            is_goal = words(line.text) in _all_themes() or NUMBERED.match(line.text)
            current = (line, []) if is_goal else None
            if current is not None:
                sections.append(current)
        elif current is not None and line.raw_line in items:
            current[1].append(line)
    return [(h, found) for h, found in sections if found]


@cache
def _all_themes() -> frozenset[str]:
    """The theme headings of every kind of plan."""
    return frozenset(h for kind in ("improvement-plan", "business-plan") for h in _themes(kind))


def _themes(kind: str) -> list[str]:
    """The theme headings of a kind of plan (layouts.toml), without layout words."""
    skip = {"actions", "introduction", "foreword", "our goals", "localities", "governance"}
    return [h for h in layouts()["kind"][kind]["headings"] if h not in skip]
