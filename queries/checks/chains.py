"""Reporting lines per organogram snapshot: networkx DiGraphs from SPARQL over the store.

One SELECT, run on each chosen snapshot graph, fetches its `org:reportsTo` edges (never the
whole graph, docs/architecture.md §6); a few small SELECTs add top-post markers (`gk:reportsToRef
"XX"`), vacant and eliminated posts, special adviser posts and junior rows
(`organogram:reportingTo`). Each snapshot becomes an `Organogram`: adjacency dicts and
levels by a breadth-first walk from the top (building a networkx DiGraph of 412,000 posts
alone took 1.9 s, so the DiGraph is made on demand and for the loops only). Chains for one
post go straight to the store's indexes. W3C ORG: a post org:reportsTo its manager's post;
data.gov.uk: `XX` marks the top post.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import unquote

import networkx as nx
import pyoxigraph as ox

from ontology.namespace import ORG
from queries.checks.sparql import (
    EDGES,
    JUNIORS,
    MARKERS,
    SPADS,
    STATUSES,
    objects,
    per_graph,
    snapshot_refs,
    subjects,
)
from queries.checks.sparql import SnapshotRef as SnapshotRef

REPORTS_TO = str(ORG.reportsTo)
MAX_CHAIN = 100


@dataclass
class Organogram:
    """One snapshot's senior reporting structure and the facts the checks need."""

    ref: SnapshotRef
    up: dict[str, str] = field(default_factory=dict)
    several: dict[str, list[str]] = field(default_factory=dict)
    markers: dict[str, list[str]] = field(default_factory=dict)
    status: dict[str, str] = field(default_factory=dict)
    spads: set[str] = field(default_factory=set)
    juniors: list[tuple[str, str]] = field(default_factory=list)
    prefix: str = field(init=False)
    not_in_post: str = field(init=False)

    def __post_init__(self) -> None:
        self.prefix = self.ref.post_prefix
        self.not_in_post = self.prefix + "0%2F"

    def add_edges(self, edges: list[tuple[str, ...]]) -> None:
        """Record post -> manager edges; a post with several managers follows the first by IRI."""
        up, several = self.up, self.several
        for post, boss in edges:
            if post not in up:
                up[post] = boss
            else:
                several.setdefault(post, [up[post]]).append(boss)
        for post, bosses in several.items():
            others = sorted(b for b in bosses if b != post)
            up[post] = others[0] if others else post

    def managers_of(self, post: str) -> list[str]:
        """Every manager a post names (usually one)."""
        if post in self.several:
            return self.several[post]
        return [self.up[post]] if post in self.up else []

    def ref_of(self, post: str) -> str:
        """The Post Unique Reference of a post IRI."""
        if post.startswith(self.prefix):
            return unquote(post[len(self.prefix) :])
        return post

    @cached_property
    def posts(self) -> set[str]:
        """Every senior post published in this snapshot (eliminated ones included)."""
        return self.up.keys() | self.markers.keys()

    @cached_property
    def live(self) -> set[str]:
        """Posts that count for chains: not eliminated, not 'paid but not in post' (ref 0)."""
        gone = {p for p, s in self.status.items() if s == "eliminated"}
        gone.update(p for p in self.posts if p.startswith(self.not_in_post))
        return self.posts - gone if gone else self.posts

    @cached_property
    def tops(self) -> set[str]:
        """Live posts whose 'Reports to Senior Post' is XX."""
        return {p for p, values in self.markers.items() if p in self.live and "XX" in values}

    @cached_property
    def down(self) -> dict[str, list[str]]:
        """Manager -> live direct reports (each post under the manager its chain follows)."""
        found: dict[str, list[str]] = defaultdict(list)
        live = self.live
        everyone = len(live) == len(self.posts)
        for post, boss in self.up.items():
            if boss != post and (everyone or post in live):
                found[boss].append(post)
        return found

    @cached_property
    def levels(self) -> dict[str, int]:
        """Level below the top (top = 1) of every live post whose chain reaches an XX post."""
        level = dict.fromkeys(self.tops, 1)
        frontier = list(self.tops)
        down = self.down
        while frontier:
            following = []
            for boss in frontier:
                below = level[boss] + 1
                for post in down.get(boss, ()):
                    if post not in level:
                        level[post] = below
                        following.append(post)
            frontier = following
        return level

    @cached_property
    def digraph(self) -> nx.DiGraph:
        """The live reporting lines as a networkx DiGraph (edge post -> manager)."""
        graph = nx.DiGraph()
        graph.add_nodes_from(self.live)
        graph.add_edges_from((p, b) for p in self.live for b in self.managers_of(p))
        return graph


def load_organograms(store: ox.Store, selectors: list[str] | None = None) -> list[Organogram]:
    """The chosen snapshots (all when no selector) with their reporting structure."""
    organograms = {r.graph: Organogram(r) for r in snapshot_refs(store, selectors)}
    graphs = list(organograms)
    for g, grouped in per_graph(store, EDGES, graphs).items():
        organograms[g].add_edges([(p, m) for m, reports in grouped for p in reports.split(" ")])
    for g, markers in per_graph(store, MARKERS, graphs).items():
        o = organograms[g]
        for post, value in markers:
            if post.startswith(o.prefix):
                o.markers.setdefault(post, []).append(value.upper())
            else:
                o.juniors.append((post, ""))
    for g, statuses in per_graph(store, STATUSES, graphs).items():
        organograms[g].status.update((p, s.rsplit("/", 1)[-1]) for p, s in statuses)
    for g, spads in per_graph(store, SPADS, graphs).items():
        organograms[g].spads.update(p for (p,) in spads)
    for g, juniors in per_graph(store, JUNIORS, graphs).items():
        organograms[g].juniors.extend((j, m) for j, m in juniors)
    return list(organograms.values())


def chain_to_top(store: ox.Store, post: str, graph: str) -> list[str]:
    """The post and its managers up to the top, stopping at a loop or after 100 steps."""
    chain = [post]
    while len(chain) <= MAX_CHAIN:
        bosses = objects(store, chain[-1], REPORTS_TO, graph)
        if not bosses:
            break
        chain.append(min(bosses))
        if chain[-1] in chain[:-1]:
            break
    return chain


def direct_reports(store: ox.Store, post: str, graph: str) -> list[str]:
    """The posts that report to this post in one snapshot graph."""
    return sorted(subjects(store, REPORTS_TO, post, graph))
