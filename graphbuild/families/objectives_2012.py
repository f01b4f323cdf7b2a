"""Extractor for the 'objectives-2012-13' document family.

The "PERMANENT SECRETARY INDIVIDUAL PERFORMANCE OBJECTIVES 2012/13" forms (the Cabinet
Secretary's and the Head of the Civil Service's, docs/architecture.md §5).

Role text (description, core functions, codes, reporting lines) and the Name/Department
header are read by objectives_2012_header; the objectives table by objectives_2012_table.
Here each table row becomes objectives of the document's posts in the document's period, with
their performance measures (and the assessors their "Feedback from ..." names) and milestones
(with due dates; a milestone bullet of several dated sentences is one milestone per sentence).
"""

from __future__ import annotations

import re
from itertools import pairwise

from rdflib import XSD, Literal, URIRef

from graphbuild.dates import find_due_date
from graphbuild.facts import DocumentGraph
from graphbuild.families.objectives_2012_cells import Item, table_rows
from graphbuild.families.objectives_2012_header import (
    described_post,
    read_holder,
    read_role,
    split_document,
)
from graphbuild.families.objectives_2012_relations import state_assessors, state_relations
from graphbuild.families.objectives_2012_table import CATEGORY, Category, Group, TableReader
from ontology.namespace import GK, TIME

NAME = "objectives-2012-13"
FORM = re.compile(r"permanent\s+secretary\s+individual\s+performance\s+objectives", re.I)
SENTENCE_BREAK = re.compile(r"(?<=[.;])\s+(?=[A-Z0-9])")
PRECISION = {"day": TIME.unitDay, "month": TIME.unitMonth, "year": TIME.unitYear}


def detect(text: str) -> bool:
    """The form heading and at least one numbered '<n>. <Category> objectives:' heading."""
    headings = (CATEGORY.match(line.lstrip()) for line in re.split(r"[\n\t]", text))
    return FORM.search(text) is not None and any(headings)


def extract(dg: DocumentGraph) -> None:
    """Add the document's facts to dg."""
    parts = split_document(dg, table_rows(dg.clean))
    post = described_post(dg, parts.role)
    holders = read_holder(dg, parts.values, post) if parts.values is not None else []
    post = post or (holders[0] if holders else None)
    if post is None:
        dg.warn(0, "no post named by the role text or the Name/Department header")
        return
    read_role(dg, parts.role, post)
    for category in TableReader(dg).read(parts.table):
        for group in category.groups:
            _group(dg, category, group, holders or [post], post)


def _group(
    dg: DocumentGraph, category: Category, group: Group, holders: list[URIRef], post: URIRef
) -> None:
    """One table row: its objectives, each with every measure and milestone of the row."""
    objectives = [_objective(dg, category, item, holders, post) for item in group.objectives]
    for measure in group.measures:
        iri = dg.text_thing("measure", GK.PerformanceMeasure, measure.text, measure.span, "measure")
        for objective in objectives:
            dg.add(objective, GK.hasMeasure, iri, measure.span, "measure")
        state_assessors(dg, measure, iri)
        state_relations(dg, measure, post)
    for milestone in group.milestones:
        for start, end in _dated_sentences(milestone.text):
            _milestone(dg, milestone, start, end, objectives)
        state_relations(dg, milestone, post)


def _objective(
    dg: DocumentGraph, category: Category, item: Item, holders: list[URIRef], post: URIRef
) -> URIRef:
    """An objective of the holders' posts in the period (numbered as its category if whole)."""
    iri = dg.text_thing("objective", category.rdf_type, item.text, item.span, "objective")
    lead = item.fragments[0]
    for holder in holders:
        dg.add(iri, GK.objectiveOf, holder, (lead.start, lead.end), "objective-of")
    dg.add(iri, GK.period, dg.period, (lead.start, lead.end), "objective-period")
    if category.whole_cell:
        number = Literal(category.number, datatype=XSD.integer)
        dg.add(iri, GK.number, number, category.label, "objective-number")
    state_relations(dg, item, post)
    return iri


def _dated_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence ranges when every sentence carries its own date, else the whole text."""
    bounds = [0, *(m.start() for m in SENTENCE_BREAK.finditer(text)), len(text)]
    ranges = list(pairwise(bounds))
    if len(ranges) > 1 and all(find_due_date(text[a:b]) for a, b in ranges):
        return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in ranges]
    return [(0, len(text))]


def _milestone(
    dg: DocumentGraph, item: Item, start: int, end: int, objectives: list[URIRef]
) -> None:
    """A milestone (one dated sentence or a whole item) and its due date."""
    text = item.text[start:end]
    at = item.locate(start, end)
    iri = dg.text_thing("milestone", GK.Milestone, text, at, "milestone")
    for objective in objectives:
        dg.add(objective, GK.hasMilestone, iri, at, "milestone")
    due = find_due_date(text)
    if due is not None:
        when = item.locate(start + due.start, start + due.end)
        value = Literal(due.value.isoformat(), datatype=XSD.date)
        dg.add(iri, GK.dueDate, value, when, "due-date")
        dg.add(iri, GK.dueDatePrecision, PRECISION[due.precision], when, "due-date")
