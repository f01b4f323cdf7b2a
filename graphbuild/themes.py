"""Tag objectives, measures and actions with the themes their wording mentions (CQ18).

A theme is a gk:Theme individual of the ontology; its labels and alt labels are the
keywords ("diversity", "BAME", "digital", "growth"...). Each tag is a stated fact whose
evidence is the matching word, so a researcher sees why an objective concerns a theme.
"""

from __future__ import annotations

from rdflib import RDF

from graphbuild.facts import DocumentGraph
from ontology.namespace import GK

TAGGED = (
    GK.Objective,
    GK.BusinessObjective,
    GK.CorporateObjective,
    GK.CapabilityObjective,
    GK.DiversityObjective,
    GK.ImprovementGoal,
    GK.PerformanceMeasure,
    GK.Action,
)


def tag_themes(dg: DocumentGraph) -> None:
    """Add gk:concernsTheme from each text thing to the themes named in its span."""
    for thing, (start, end) in dg.spans.items():
        if not any((thing, RDF.type, t) in dg.graph for t in TAGGED):
            continue
        wording = " ".join(str(dg.graph.value(thing, GK.text) or "").lower().split())
        seen = set()
        for match in dg.gazetteer.find(dg.text, start, end):
            said = " ".join(dg.text[match.start : match.end].lower().split())
            # a span may cover neighbouring table columns: the keyword must be in the wording
            if GK.Theme in match.entry.types and match.iri not in seen and said in wording:
                seen.add(match.iri)
                at = (match.start, match.end)
                dg.add(thing, GK.concernsTheme, match.iri, at, "theme-keyword")
