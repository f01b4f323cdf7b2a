"""Build an explorer view from the store: resolve the focus, select, describe (issue 6).

`build_view` is what `govkg viz` calls: it resolves `--focus` (a label, alt label, CURIE or
IRI, through queries.labels — an unknown label fails with the closest labels, exit 2),
selects the nodes and facts of the chosen view (viz.views, viz.views_tree), and describes
each node with its labels, type, period, properties and evidence (viz.describe).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from common.errors import UsageError
from queries.labels import as_iri, resolve_entity
from viz import views, views_tree
from viz.describe import Describer
from viz.model import MAX_NODES, TREE_MAX_NODES, VIEWS, Edge, Selection, View
from viz.sparql import dated_graphs, snapshot_graphs, snapshot_name

NEEDS_FOCUS = ("ego", "accountability")


@dataclass(frozen=True)
class Request:
    """What the user asked for on the command line."""

    view: str = "whole"
    focus: str | None = None
    depth: int | None = None
    snapshot: str | None = None
    limit: int | None = None  # MAX_NODES, or TREE_MAX_NODES for the org chart

    @property
    def cap(self) -> int:
        """The most nodes this view may hold."""
        if self.limit is not None:
            return self.limit
        return TREE_MAX_NODES if self.view == "chain" else MAX_NODES


def resolve_focus(store: ox.Store, value: str) -> str:
    """The IRI a --focus value names; closest labels when nothing matches."""
    iri = as_iri(value)
    if iri is not None:
        views.check_known(store, iri.value)
        return iri.value
    return resolve_entity(store, value, param="--focus").value


def select(store: ox.Store, request: Request) -> Selection:
    """The nodes and facts of the requested view."""
    if request.view not in VIEWS:
        raise UsageError(f"unknown view {request.view!r}; choose one of {', '.join(VIEWS)}")
    if request.view in NEEDS_FOCUS and not request.focus:
        raise UsageError(f"--view {request.view} needs --focus LABEL_OR_IRI")
    if request.depth is not None and request.depth < 0:
        raise UsageError("--depth must be 0 or more")
    focus = resolve_focus(store, request.focus) if request.focus else None
    if request.view == "ego":
        assert focus is not None
        chosen = views.ego(store, focus, request.depth, request.snapshot, request.cap)
    elif request.view == "chain":
        chosen = views_tree.chain(store, focus, request.depth, request.snapshot, request.cap)
    elif request.view == "accountability":
        assert focus is not None
        chosen = views_tree.accountability(store, focus, request.cap)
    else:
        chosen = views.whole(store, request.snapshot, request.cap)
    chosen.about = focus or ""
    chosen.cap = request.cap
    if request.snapshot:
        chosen.graphs = dated_graphs(store, request.snapshot)
    return chosen


def describe(store: ox.Store, selection: Selection, kind: str) -> View:
    """Describe every selected node and fact for the page."""
    describer = Describer(store, selection.graphs)
    describer.prefetch(len(selection.nodes))
    nodes = [describer.describe(iri) for iri in selection.nodes]
    for node in nodes:
        node.level = selection.levels.get(node.iri)
        node.findings = selection.findings.get(node.iri, [])
    edges = []
    for s, p, o in selection.edges:
        periods = describer.periods.get((s, o)) or describer.periods.get((o, s)) or []
        behind = selection.derived.get((s, p, o), [])
        quotes = describer.fact_quotes.get((s, p, o), []) or sorted(
            {q for fact in behind for q in describer.fact_quotes.get(fact, [])}
        )
        label = describer.predicate_label(p)
        if behind:
            label += f" ({len(behind)} measure{'s' if len(behind) > 1 else ''})"
        edges.append(
            Edge(
                source=s,
                predicate=p,
                target=o,
                label=label,
                source_label=describer.label_of(s),
                target_label=describer.label_of(o),
                period=", ".join(sorted(set(periods))),
                quotes=quotes,
                reverse=selection.layout == "tree" and p in views_tree.UPWARD,
                weight=len(behind),
            )
        )
    named = [selection.about] if selection.about else selection.focus
    focus = ", ".join(dict.fromkeys(describer.label_of(f) for f in named))
    return View(
        kind=kind,
        title=selection.title.replace("{focus}", focus),
        nodes=nodes,
        edges=edges,
        quotes=describer.quotes,
        total=selection.total,
        layout=selection.layout,
        focus=selection.focus,
        hint=selection.hint,
        note="" if nodes else empty_note(kind),
        cap=selection.cap,
    )


def empty_note(kind: str) -> str:
    """What an empty page says, and what to do about it."""
    if kind == "chain":
        return (
            "No line-management facts to draw. Ingest an organogram with "
            "`govkg ingest organogram FILE...` and pass --snapshot, or --focus a post."
        )
    return "The graph is empty: run `govkg build` (and `govkg ingest organogram FILE...`) first."


def build_view(store: ox.Store, request: Request) -> View:
    """Select and describe the requested view."""
    view = describe(store, select(store, request), request.view)
    view.snapshot = request.snapshot or ""
    view.snapshots = [snapshot_name(g) for g in snapshot_graphs(store)]
    return view
