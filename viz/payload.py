"""The JSON the explorer page reads: vis nodes and edges, details, quotes and the legend.

The page parses it from a `<script type="application/json">` block written with Jinja's
`tojson` filter (which escapes `<`, `>`, `&` and `'`), and its app writes every string into
the DOM with textContent only, so a label such as `<img src=x onerror=alert(1)>` stays text
(docs/architecture.md §7, §8). vis-network 9 shows string tooltips with innerText as well.
"""

from __future__ import annotations

from typing import Any

from viz import styles
from viz.model import VIEWS, Edge, Node, Quote, View


def node_details(node: Node) -> dict[str, Any]:
    """What the details panel shows for one node."""
    return {
        "label": node.label,
        "category": node.category,
        "classes": node.classes,
        "alt": node.alt_labels,
        "text": node.text,
        "periods": node.periods,
        "holders": node.holders,
        "findings": node.findings,
        "properties": [list(p) for p in node.properties],
        "sources": node.sources,
        "quotes": node.quotes,
    }


def edge_details(edge: Edge) -> dict[str, Any]:
    """What the details panel shows for one edge (the fact it draws)."""
    return {
        "source": edge.source,
        "target": edge.target,
        "predicate": edge.predicate,
        "label": edge.label,
        "weight": edge.weight,
        "period": edge.period,
        "quotes": edge.quotes,
    }


def quote_data(quote: Quote) -> dict[str, Any]:
    """One evidence quote with its document and place in it."""
    return {
        "document": quote.document,
        "title": quote.title,
        "text": quote.text,
        "line": quote.line,
        "start": quote.start,
        "end": quote.end,
        "facts": quote.facts,
    }


def summary(view: View) -> dict[str, Any]:
    """The view's title, size and cap message."""
    return {
        "kind": view.kind,
        "title": view.title,
        "layout": view.layout,
        "shown": len(view.nodes),
        "total": view.total,
        "capped": view.capped,
        "cap": view.cap,
        "hint": view.hint,
        "note": view.note,
        "focus": view.focus,
        "snapshot": view.snapshot,
        "snapshots": view.snapshots,
        "views": list(VIEWS),
    }


def edge_legend(view: View) -> list[dict[str, Any]]:
    """The edge families drawn, each with its colour and the relations it covers."""
    relations: dict[str, list[str]] = {}
    for edge in view.edges:
        family = styles.edge_family(edge.predicate).key
        name = edge.label.split(" (")[0]
        if name not in relations.setdefault(family, []):
            relations[family].append(name)
    return [
        {"key": f.key, "label": f.label, "colour": f.colour, "relations": relations[f.key]}
        for f in styles.EDGE_FAMILIES
        if f.key in relations
    ]


def payload(
    view: View, nodes: list[dict[str, Any]], edges: list[dict[str, Any]], options: Any
) -> dict[str, Any]:
    """Everything the page's app needs, as one JSON-ready dict."""
    present = {n.category for n in view.nodes}
    return {
        "view": summary(view),
        "categories": [c for c in styles.legend() if c["key"] in present],
        "edgeLegend": edge_legend(view),
        "colours": {"selected": styles.SELECTED, "path": styles.PATH},
        "nodes": nodes,
        "edges": edges,
        "options": options,
        "details": {n.iri: node_details(n) for n in view.nodes},
        "edgeDetails": {f"e{i}": edge_details(e) for i, e in enumerate(view.edges)},
        "quotes": [quote_data(q) for q in view.quotes],
    }
