"""Extractor for the 'business-plan' document family (Civil Service Local business plan 2018/20).

A business plan names its organisation in the title ("CIVIL SERVICE LOCAL BUSINESS PLAN
2018/20") and welcome ("Welcome to Civil Service Local"), states hosting, endorsement and
governance in prose, lists its localities as blocks of role lines, and closes with a theme
table whose rows give a strategic theme, its business objective, the objective's purposes
and the products that deliver it. A plan-wide target ("we will achieve 30,000 quality
interactions each year") measures every business objective. docs/architecture.md §4-§5.
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef

from graphbuild.facts import DocumentGraph, Offsets
from graphbuild.families.business_plan_lists import ProductReader, purposes
from graphbuild.families.business_plan_localities import extract_localities
from graphbuild.families.business_plan_prose import (
    extract_prose,
    plan_organisation,
    target_measures,
)
from graphbuild.families.business_plan_table import Row, read_table, trimmed
from graphbuild.text import normalise_ws
from ontology.namespace import GK

NAME = "business-plan"
TITLE = re.compile(r"\bbusiness plan\b", re.IGNORECASE)
THEME_TABLE = re.compile(r"^Theme and Objective\t", re.MULTILINE)
ROLE_LINE = re.compile(
    r"^(?:Permanent Secretary Champion|Coordinator|Senior Responsible)\b.*:", re.M
)
TITLE_LINES = 12


def detect(text: str) -> bool:
    """A 'business plan' title among the first lines, and a theme table or locality blocks."""
    head = [ln for ln in text.split("\n") if ln.strip()][:TITLE_LINES]
    titled = any(TITLE.search(ln) and len(ln.split()) <= 12 for ln in head)
    return titled and bool(THEME_TABLE.search(text) or ROLE_LINE.search(text))


def extract(dg: DocumentGraph) -> None:
    """Add the document's facts to dg."""
    org = plan_organisation(dg)
    if org is None:
        dg.warn(0, "business plan: no organisation named in the title or welcome")
    else:
        extract_prose(dg, org)
    extract_localities(dg)
    measures = target_measures(dg)
    for row in read_table(dg):
        _objective(dg, row, org, measures)


def _objective(dg: DocumentGraph, row: Row, org: URIRef | None, measures: list[URIRef]) -> None:
    """One theme row: the theme, its business objective, purposes and products."""
    label = dg.text[row.label[0] : row.label[1]]
    theme = dg.named("theme", label, GK.Theme, row.label, "theme")
    objective_chunks, purpose_chunks, product_chunks = (trimmed(dg, c) for c in row.cells)
    if not objective_chunks:
        dg.warn(row.label[0], f"theme {label!r}: no objective")
        return
    wording = normalise_ws(" ".join(dg.text[s:e] for s, e in objective_chunks))
    first = objective_chunks[0]
    objective = dg.text_thing("objective", GK.BusinessObjective, wording, first, "theme-row")
    if org is not None:
        dg.add(objective, GK.objectiveOf, org, first, "theme-row")
    dg.add(objective, GK.period, dg.period, first, "theme-row")
    dg.add(objective, GK.concernsTheme, theme, (row.label[0], first[1]), "theme-row")
    for measure in measures:
        dg.add(objective, GK.hasMeasure, measure, dg.spans[measure], "plan-target")
    for start, end in purposes(dg, purpose_chunks):
        dg.add(
            objective,
            GK.purpose,
            Literal(normalise_ws(dg.text[start:end])),
            (start, end),
            "purpose",
        )
    _products(dg, objective, product_chunks)


def _products(dg: DocumentGraph, objective: URIRef, chunks: list[Offsets]) -> None:
    """The top-level products of a row as the objective's actions."""
    if not chunks:
        dg.warn(0, "theme row without products")
    for start, end in ProductReader(dg).read(chunks):
        text = dg.text[start:end]
        action = dg.text_thing("action", GK.Action, text, (start, end), "product")
        dg.add(objective, GK.hasAction, action, (start, end), "product")
