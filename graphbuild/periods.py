"""Periods as OWL-Time intervals: '2012/13' is a government year, '2014' a calendar year.

A government year runs 1 April to 31 March ('2012/13' = 2012-04-01..2013-03-31); a span
such as '2018/20' runs from 1 April 2018 to 31 March 2020 (docs/architecture.md §4). Periods the
ontology does not define are minted into the document's graph.
"""

from __future__ import annotations

import datetime as dt
import re

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from common.errors import InputError
from ontology.namespace import TIME, entity

YEAR_SPAN = re.compile(r"^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$")
YEAR = re.compile(r"^(\d{4})$")


def period_bounds(label: str) -> tuple[dt.date, dt.date]:
    """First and last day of a period label ('2012/13', '2018/20', '2014')."""
    label = label.strip()
    if m := YEAR_SPAN.match(label):
        first = int(m.group(1))
        last = int(m.group(2)) if len(m.group(2)) == 4 else first // 100 * 100 + int(m.group(2))
        if last <= first:
            raise InputError(f"period {label!r}: the end year is not after the start year")
        return dt.date(first, 4, 1), dt.date(last, 3, 31)
    if m := YEAR.match(label):
        year = int(m.group(1))
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    raise InputError(f"period {label!r}: expected 'YYYY', 'YYYY/YY' or 'YYYY/YYYY'")


def period_iri(label: str) -> URIRef:
    """The IRI of a period: id/period/2012-13."""
    period_bounds(label)
    return entity("period", re.sub(r"\s*/\s*", "-", label.strip()))


def period_triples(label: str) -> Graph:
    """The OWL-Time description of a period (for periods the ontology lacks)."""
    start, end = period_bounds(label)
    iri = period_iri(label)
    g = Graph()
    g.add((iri, RDF.type, TIME.ProperInterval))
    g.add((iri, SKOS.prefLabel, Literal(label, lang="en")))
    g.add((iri, RDFS.label, Literal(label, lang="en")))
    for prop, day in ((TIME.hasBeginning, start), (TIME.hasEnd, end)):
        instant = entity("instant", day.isoformat())
        g.add((iri, prop, instant))
        g.add((instant, RDF.type, TIME.Instant))
        g.add((instant, TIME.inXSDDate, Literal(day.isoformat(), datatype=XSD.date)))
    return g
