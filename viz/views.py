"""The explorer's network views: the whole corpus graph and the ego network of a node.

`whole` draws every drawable fact the corpus documents state (plus the organogram
snapshots chosen with --snapshot and the ontology's links between the nodes drawn); `ego`
draws everything within N hops of one node across documents, organograms and ontology.
Both keep at most MAX_NODES nodes (vis-network physics stalls beyond ~1,500,
docs/architecture.md §8): the whole graph keeps the best-connected nodes, an ego network
the nearest ones, and the selection says how many it left out and how to narrow it.
"""

from __future__ import annotations

import pyoxigraph as ox

from common.errors import UsageError
from viz.model import MAX_NODES, Selection
from viz.sparql import (
    MENTIONED,
    ONTOLOGY,
    choose_snapshots,
    document_graphs,
    select,
)
from viz.walk import Walker, bfs, by_degree, keep

DEFAULT_DEPTH = 2


def whole(store: ox.Store, snapshot: str | None, limit: int = MAX_NODES) -> Selection:
    """Every entity of the corpus documents (and chosen snapshots) and the facts between them."""
    docs = document_graphs(store)
    snaps = choose_snapshots(store, snapshot) if snapshot else []
    graphs = docs + snaps
    walker = Walker(store, graphs)
    facts = walker.all_facts(graphs)
    order = by_degree(facts)
    nodes, kept = keep(order, facts, limit)
    inside = set(nodes)
    extra = [f for f in walker.all_facts([ONTOLOGY]) if f[0] in inside and f[2] in inside]
    title = f"Whole corpus graph: {len(docs)} documents"
    if snaps:
        title += f", {len(snaps)} organogram snapshot{'s' if len(snaps) > 1 else ''}"
    hint = 'Narrow it: draw one node\'s neighbourhood with `govkg viz --view ego --focus "LABEL"`'
    hint += ", or choose fewer snapshots with --snapshot DEPARTMENT/DATE." if snaps else "."
    return Selection(nodes, sorted(set(kept) | set(extra)), len(order), title, hint=hint)


def ego(
    store: ox.Store, focus: str, depth: int | None, snapshot: str | None, limit: int = MAX_NODES
) -> Selection:
    """Everything within `depth` hops of `focus`, nearest first."""
    hops = DEFAULT_DEPTH if depth is None else depth
    chosen = choose_snapshots(store, snapshot) if snapshot else None
    walker = Walker(store, [*document_graphs(store), *chosen, ONTOLOGY] if chosen else None)
    order, facts, distance = bfs([focus], walker.neighbours, hops)
    nodes, _ = keep(order, facts, limit)
    inside = set(nodes)
    for node in nodes:
        if distance[node] == hops:  # the outer ring was not expanded: add links within it
            facts.update(f for f in walker.outgoing(node) if f[2] in inside)
    nodes, kept = keep(order, facts, limit)
    title = f"Within {hops} hop{'s' if hops != 1 else ''} of {{focus}}"
    hint = (
        f"Narrow it: lower --depth (now {hops})"
        + (", or pick one snapshot with --snapshot DEPARTMENT/DATE" if not snapshot else "")
        + ", or focus on a less connected node."
    )
    return Selection(nodes, kept, len(order), title, focus=[focus], hint=hint)


def check_known(store: ox.Store, iri: str) -> None:
    """A UsageError when an IRI given as --focus appears nowhere in the store."""
    if not any(select(store, MENTIONED, None, iri)):
        raise UsageError(f"--focus: <{iri}> appears nowhere in the store")
