"""The chain to the top and the direct reports of a post or person (`govkg chain`, `kg.chain`).

From the organograms (org:reportsTo per snapshot graph, W3C ORG) and from the documents'
line-management facts (gk:lineManagedBy, org:reportsTo, gk:lineManages). A post or person is
a Post Unique Reference ('317' or 'cabinet-office/317'), a person ('Jeremy Heywood'), a post
the documents name ('Cabinet Secretary') or an IRI.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, FOAF, RDFS, SKOS

from ontology.namespace import GK, GRADE, ORG, ORGANOGRAM, POST_STATUS
from queries.checks.chains import chain_to_top, direct_reports
from queries.checks.documents import document_chain, document_reports
from queries.checks.lookup import Found, find_posts
from queries.checks.report import natural_key
from queries.checks.sparql import objects, snapshot_refs, subjects


class NoSuchPost(LookupError):
    """Nothing in the organograms or the documents matches the post or person asked for."""


@dataclass(frozen=True)
class ChainReport:
    """A post's (or a person's posts') chains: one view per snapshot, one per document post."""

    found: Found
    organograms: list[dict[str, Any]]
    documents: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form `govkg chain --format json` prints."""
        return {
            "person": self.found.person,
            "organograms": self.organograms,
            "documents": self.documents,
        }


def chain_report(
    store: ox.Store, post_or_person: str, snapshots: list[str] | None = None
) -> ChainReport:
    """Chains to the top and direct reports, per snapshot (all when none) and per document."""
    found = find_posts(store, post_or_person, snapshots or None)
    if not found.organogram and not found.documents:
        raise NoSuchPost(f"no post or person {post_or_person!r} in the organograms or documents")
    return ChainReport(
        found,
        [organogram_view(store, graph, post) for graph, post in found.organogram],
        [document_view(store, post) for post in found.documents],
    )


P = {
    key: str(term)
    for key, term in {
        "label": RDFS.label,
        "id": DCTERMS.identifier,
        "held": ORG.heldBy,
        "name": FOAF.name,
        "grade": GRADE.grade,
        "status": POST_STATUS.postStatus,
        "ref": GK.reportsToRef,
        "boss": ORG.reportsTo,
        "junior": ORGANOGRAM.reportingTo,
        "fte": ORGANOGRAM.numberOfPosts,
        "pref": SKOS.prefLabel,
    }.items()
}


def _values(store: ox.Store, s: str, p: str, graph: str | None) -> list[str]:
    """Objects of (s, p) in a graph (any graph when None), as strings."""
    return objects(store, s, P[p], graph)


def describe(store: ox.Store, post: str, graph: str | None) -> dict[str, Any]:
    """A post's reference, title, holders, grade and status in one graph."""
    holders = [
        n for h in _values(store, post, "held", graph) for n in _values(store, h, "name", graph)[:1]
    ]
    return {
        "iri": post,
        "ref": next(iter(_values(store, post, "id", graph)), ""),
        "title": next(iter(_values(store, post, "label", graph)), post.rsplit("/", 1)[-1]),
        "holders": holders,
        "grade": _grade(store, post, graph),
        "status": next((s.rsplit("/", 1)[-1] for s in _values(store, post, "status", graph)), ""),
        "reports_to_ref": _values(store, post, "ref", graph),
    }


def _grade(store: ox.Store, post: str, graph: str | None) -> str:
    """The grade's label ('SCS4', 'OF-6')."""
    for grade in _values(store, post, "grade", graph):
        return next(iter(_values(store, grade, "pref", graph)), grade.rsplit("/", 1)[-1])
    return ""


def organogram_view(store: ox.Store, graph: str, post: str) -> dict[str, Any]:
    """Chain to the top, direct reports and junior rows of one post in one snapshot."""
    chain = [describe(store, p, graph) for p in chain_to_top(store, post, graph)]
    juniors = subjects(store, P["junior"], post, graph)
    fte = sum(float(v) for j in juniors for v in _values(store, j, "fte", graph))
    return {
        "graph": graph,
        "chain": chain,
        "end": _end(store, chain[-1]["iri"], graph, [c["iri"] for c in chain]),
        "reports": sorted(
            (describe(store, p, graph) for p in direct_reports(store, post, graph)),
            key=lambda item: natural_key(item["ref"]),
        ),
        "junior_rows": len(juniors),
        "junior_fte": round(fte, 2),
    }


def _end(store: ox.Store, last: str, graph: str, chain: list[str]) -> str:
    """How the chain ends: at a top post, a loop, an unknown manager or nowhere."""
    if "XX" in (v.upper() for v in _values(store, last, "ref", graph)):
        return "top post (Reports to Senior Post: XX)"
    bosses = _values(store, last, "boss", graph)
    if any(b in chain for b in bosses):
        return "loop: reports back into this chain"
    if bosses:
        return f"reports to {bosses[0].rsplit('/', 1)[-1]}, which is not a post in this snapshot"
    return "no manager and not marked XX"


def document_view(store: ox.Store, post: str) -> dict[str, Any]:
    """The documents' chain above a post and the posts they say it line-manages."""
    return {
        "post": describe(store, post, None),
        "chain": [describe(store, p, None) for p in document_chain(store, post)],
        "reports": [describe(store, p, None) for p in document_reports(store, post)],
    }


def _line(item: dict[str, Any]) -> str:
    """'317  Cabinet Secretary — Sir Jeremy Heywood (SCS4, vacant)'."""
    who = f" — {', '.join(item['holders'])}" if item["holders"] else ""
    extra = ", ".join(
        x for x in (item["grade"], item["status"] if item["status"] != "current" else "") if x
    )
    ref = f"{item['ref']}  " if item["ref"] else ""
    return f"{ref}{item['title']}{who}{f' ({extra})' if extra else ''}"


def render_text(store: ox.Store, report: ChainReport) -> str:
    """The chains as indented text."""
    names = {r.graph: r.name for r in snapshot_refs(store)}
    found = report.found
    lines = [f"person {found.person}"] if found.person else []
    for view in report.organograms:
        lines.append(f"== {names.get(view['graph'], view['graph'])}")
        lines.append("  chain to the top:")
        lines += [f"    {_line(item)}" for item in view["chain"]]
        lines.append(f"    ({view['end']})")
        lines.append(f"  direct reports ({len(view['reports'])}):")
        lines += [f"    {_line(item)}" for item in view["reports"]]
        if view["junior_rows"]:
            lines.append(f"  junior posts: {view['junior_rows']} rows, {view['junior_fte']:g} FTE")
    for doc in report.documents:
        lines.append(f"== documents: {doc['post']['title']} <{doc['post']['iri']}>")
        lines.append(
            "  line managed by (up the chain): "
            + (" -> ".join(d["title"] for d in doc["chain"][1:]) or "none stated")
        )
        lines.append(
            "  line manages: " + (", ".join(d["title"] for d in doc["reports"]) or "none stated")
        )
    return "\n".join(lines) + "\n"
