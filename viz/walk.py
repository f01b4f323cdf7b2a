"""Walk the store for the explorer: which facts are drawable edges, and hops from a node.

A fact is drawn as an edge when its predicate is not an attribute (viz.styles) and neither
end is a hidden node (an evidence statement, a qualified holding, a period, a class).
Neighbours are read per node with constant SPARQL bound to the node (viz.sparql), so a walk
costs what it visits, never the whole store (docs/architecture.md §6); it stops at a hard limit.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable

import pyoxigraph as ox

from viz import lookup, styles
from viz.sparql import EDGES, NEIGHBOURS, OUT, select

Fact = tuple[str, str, str]
WALK_LIMIT = 20_000


def is_iri(value: str) -> bool:
    """True for an IRI value (blank node ids and literals are not drawn)."""
    return value.startswith(("http://", "https://", "urn:"))


class Walker:
    """Reads drawable facts from a set of graphs, caching each node's types."""

    def __init__(self, store: ox.Store, graphs: list[str] | None = None) -> None:
        self.store = store
        self.graphs = graphs
        self.types: dict[str, set[str]] = {}

    def types_of(self, iri: str) -> set[str]:
        """The rdf:types a node has in any graph (the reasoner's aside)."""
        if iri not in self.types:
            self.types[iri] = set(lookup.objects(self.store, iri, styles.RDF + "type"))
        return self.types[iri]

    def hidden(self, iri: str) -> bool:
        """True for nodes never drawn: evidence, holdings, periods, classes, blank nodes."""
        return not is_iri(iri) or bool(self.types_of(iri) & styles.HIDDEN_TYPES)

    def drawable(self, fact: Fact) -> bool:
        """True when a fact is drawn as an edge."""
        s, p, o = fact
        if p in styles.ATTRIBUTE_PREDICATES or s == o:
            return False
        return not self.hidden(s) and not self.hidden(o)

    def all_facts(self, graphs: list[str]) -> list[Fact]:
        """Every drawable fact of these graphs."""
        facts = [(s, p, o) for s, p, o in select(self.store, EDGES, graphs)] if graphs else []
        return [f for f in facts if self.drawable(f)]

    def outgoing(self, iri: str) -> list[Fact]:
        """The drawable facts this node states, in the walker's graphs."""
        out = [(iri, p, o) for _n, p, o in select(self.store, OUT, self.graphs, iri)]
        return [f for f in out if self.drawable(f)]

    def neighbours(self, iri: str) -> list[Fact]:
        """The drawable facts with this node at either end, in the walker's graphs (one
        query for both directions: 45% cheaper than two, measured)."""
        facts = [(s, p, o) for _n, s, p, o in select(self.store, NEIGHBOURS, self.graphs, iri)]
        return [f for f in facts if self.drawable(f)]


def other_end(fact: Fact, iri: str) -> str:
    """The node at the other end of a fact."""
    return fact[2] if fact[0] == iri else fact[0]


def bfs(
    starts: Iterable[str],
    step: Callable[[str], list[Fact]],
    depth: int,
    limit: int = WALK_LIMIT,
) -> tuple[list[str], set[Fact], dict[str, int]]:
    """Nodes in breadth-first order up to `depth` hops, the facts met, and each hop count."""
    hops = {s: 0 for s in starts}
    order, facts = list(hops), set()
    queue = deque(order)
    while queue and len(order) < limit:
        node = queue.popleft()
        if hops[node] >= depth:
            continue
        for fact in step(node):
            facts.add(fact)
            nxt = other_end(fact, node)
            if nxt not in hops:
                hops[nxt] = hops[node] + 1
                order.append(nxt)
                queue.append(nxt)
    return order, facts, hops


def keep(nodes: list[str], facts: Iterable[Fact], limit: int) -> tuple[list[str], list[Fact]]:
    """The first `limit` nodes and the facts between them, sorted."""
    kept = nodes[:limit]
    inside = set(kept)
    return kept, sorted(f for f in set(facts) if f[0] in inside and f[2] in inside)


def by_degree(facts: Iterable[Fact], extra: Iterable[str] = ()) -> list[str]:
    """Nodes ordered by how many facts touch them (hubs first), then by IRI."""
    degree: dict[str, int] = {n: 0 for n in extra}
    for s, _p, o in facts:
        degree[s] = degree.get(s, 0) + 1
        degree[o] = degree.get(o, 0) + 1
    return sorted(degree, key=lambda n: (-degree[n], n))
