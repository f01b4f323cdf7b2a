"""The layout-general objectives reader: any department's objectives, any year, any format.

docs/architecture.md §5. The document's post and person come from its title lines
(document_post); objectives from every objectives table, whatever its columns
(objectives_table), or, with no table, from labelled lines (objectives_lists); their
measures with assessors ('Feedback from ...') and mechanisms as in every objectives
document (objectives_2015_measures); milestones split at semicolons and sentences, each
with its due date; and the relations its sentences state (sentences).
"""

from __future__ import annotations

import re

from rdflib import XSD, Literal, URIRef

from graphbuild.dates import find_due_date
from graphbuild.facts import DocumentGraph, Offsets
from graphbuild.families.objectives_2015_measures import extract_measures
from graphbuild.families.objectives_lists import ListReader
from graphbuild.families.objectives_table import ObjectiveCells, TableReader
from ontology.namespace import GK, TIME

NAME = "objectives"
PRECISION = {"day": TIME.unitDay, "month": TIME.unitMonth, "year": TIME.unitYear}
ITEM_END = re.compile(r";|(?<=[a-z0-9)])\.(?=\s+[A-Z])")


def extract(dg: DocumentGraph) -> None:
    """Objectives, measures and milestones of every table, for the document's post."""
    rows = TableReader(dg).read() or ListReader(dg).read()
    if not rows:
        dg.warn(0, "no objectives found (no objectives table, no labelled objective lines)")
    if dg.post is None and rows:
        dg.warn(0, "no post found in the title lines: objectives are stated without a holder")
    for row in rows:
        objective = state_objective(dg, row)
        if dg.post is not None:
            extract_measures(dg, dg.post, objective, row.measures)
        else:
            _measures_without_post(dg, objective, row.measures)
        for span in row.milestones:
            for item in split_items(dg.text, span):
                state_milestone(dg, objective, item)


def state_objective(dg: DocumentGraph, row: ObjectiveCells) -> URIRef:
    """The objective, its class, number, post and period."""
    text = dg.text[slice(*row.wording)]
    objective = dg.text_thing("objective", row.kind, text, row.wording, "objective")
    if row.number is not None and row.label is not None:
        number = Literal(row.number, datatype=XSD.integer)
        dg.add(objective, GK.number, number, row.label, "objective-number")
    if dg.post is not None:
        dg.add(objective, GK.objectiveOf, dg.post, row.wording, "objective-of-post")
    dg.add(objective, GK.period, dg.period, row.wording, "objective-period")
    return objective


def _measures_without_post(dg: DocumentGraph, objective: URIRef, spans: list[Offsets]) -> None:
    """Measures of an objective whose holder is unknown (no 'hold ... to account' reading)."""
    for start, end in spans:
        text = dg.text[start:end].strip(" .;")
        if text:
            m = dg.text_thing("measure", GK.PerformanceMeasure, text, (start, end), "measure")
            dg.add(objective, GK.hasMeasure, m, (start, end), "objective-measure")


def split_items(text: str, span: Offsets, bullets: str = "-•", shortest: int = 1) -> list[Offsets]:
    """A cell or line split at semicolons and sentence ends, each item trimmed of leading
    bullets and trailing stops; items shorter than `shortest` characters are dropped."""
    items, pos = [], span[0]
    for end in [*(m.start() for m in ITEM_END.finditer(text, *span)), span[1]]:
        a, b = pos, end
        while a < b and (text[a].isspace() or text[a] in bullets):
            a += 1
        while b > a and text[b - 1] in " \t.;,":
            b -= 1
        if b - a >= shortest:
            items.append((a, b))
        pos = end + 1
    return items


def state_milestone(dg: DocumentGraph, objective: URIRef, at: Offsets) -> None:
    """A milestone of the objective with its due date when it names one."""
    text = dg.text[slice(*at)]
    milestone = dg.text_thing("milestone", GK.Milestone, text, at, "milestone")
    dg.add(objective, GK.hasMilestone, milestone, at, "milestone")
    due = find_due_date(text)
    if due is not None:
        when = (at[0] + due.start, at[0] + due.end)
        value = Literal(due.value.isoformat(), datatype=XSD.date)
        dg.add(milestone, GK.dueDate, value, when, "due-date")
        dg.add(milestone, GK.dueDatePrecision, PRECISION[due.precision], when, "due-date")
