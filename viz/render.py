"""Draw a view: pyvis assembles the vis-network nodes and edges, our template makes the page.

Follows docs/architecture.md §8: `Network(directed=True)` (undirected mode silently drops a second
edge between the same two nodes), vis options set as a plain dict after everything else
(`set_options` mangles strings), and the page rendered by our own Jinja2 template with
autoescape on — never pyvis's, which writes its heading and select-menu ids raw and loads
Bootstrap from a CDN. Labels travel as JSON in a script block and reach the DOM only as
text (docs/architecture.md §7).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader
from pyvis.network import Network

from viz import assets, styles
from viz.layout import PHYSICS_LIMIT, place
from viz.model import Node, View
from viz.payload import payload
from viz.tree_layout import BOX, place_tree

LABEL_CHARS = 38
EDGE_LABELS_UP_TO = 120
_ENV = Environment(loader=PackageLoader("viz", "templates"), autoescape=True)


def short(text: str, limit: int = LABEL_CHARS) -> str:
    """A label cut at a word boundary with an ellipsis, for drawing on the canvas."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def node_style(node: Node, view: View, degree: int) -> dict[str, Any]:
    """The vis-network attributes of one node."""
    category = styles.BY_KEY.get(node.category, styles.OTHER)
    style: dict[str, Any] = {
        "title": f"{node.label}\n{category.label}",
        "color": category.colour,
        "shape": category.shape,
        "size": round(10 + 3 * math.sqrt(degree), 1),
        "category": category.key,
    }
    if view.layout == "tree":
        holders = "\n".join(short(h, 30) for h in node.holders[:2])
        style.update(
            label=short(node.label, 60) + (f"\n{holders}" if holders else ""),
            shape="box",
            font={"color": "#ffffff"},
            margin=8,
            widthConstraint={"minimum": BOX, "maximum": BOX},
        )
    else:
        style["label"] = short(node.label)
    if node.x is not None:
        style.update(x=node.x, y=node.y)
    if node.iri in view.focus:
        style.update(borderWidth=4, size=style["size"] + 8)
    return style


def options(view: View) -> dict[str, Any]:
    """vis-network options for the view's layout (physics off for trees and big views)."""
    opts: dict[str, Any] = {
        "autoResize": True,
        "nodes": {"font": {"size": 14, "face": "system-ui, sans-serif"}, "borderWidth": 1},
        "edges": {
            "color": {"color": "#9aa5b1", "highlight": "#d62728", "hover": "#555555"},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "font": {"size": 10, "align": "middle", "color": "#444444"},
            "smooth": False,
            "width": 1,
        },
        "interaction": {"hover": True, "tooltipDelay": 250, "hideEdgesOnDrag": True},
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "physics": {"enabled": False},
    }
    if view.layout == "tree":
        opts["edges"]["smooth"] = {"type": "cubicBezier", "forceDirection": "vertical"}
    elif len(view.nodes) <= PHYSICS_LIMIT:
        opts["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -70, "springLength": 110},
            "stabilization": {"enabled": True, "iterations": 250, "updateInterval": 25},
        }
    return opts


def network(view: View) -> Network:
    """The pyvis network of a view, options set last as a dict."""
    drawn = [(e.target, e.source) if e.reverse else (e.source, e.target) for e in view.edges]
    in_stack: set[str] = set()
    if view.layout == "tree":
        in_stack = place_tree(view.nodes, drawn)
    else:
        place(view.nodes, drawn, view.focus)
    degree: dict[str, int] = {}
    for e in view.edges:
        degree[e.source] = degree.get(e.source, 0) + 1
        degree[e.target] = degree.get(e.target, 0) + 1
    net = Network(directed=True, height="100%", width="100%")
    for node in view.nodes:
        style = node_style(node, view, degree.get(node.iri, 0))
        net.add_node(node.iri, label=style.pop("label"), **style)
    labelled = len(view.edges) <= EDGE_LABELS_UP_TO and view.layout != "tree"
    for index, (e, (start, end)) in enumerate(zip(view.edges, drawn, strict=True)):
        title = f"{short(e.source_label, 60)} {e.label} {short(e.target_label, 60)}"
        extra: dict[str, Any] = {"label": e.label} if labelled else {}
        if end in in_stack:
            extra["smooth"] = {"enabled": True, "type": "curvedCCW", "roundness": 0.5}
        net.add_edge(start, end, id=f"e{index}", title=title, **extra)
    net.options = options(view)
    return net


def render(view: View) -> str:
    """The whole self-contained page for a view."""
    net = network(view)
    nodes, edges, _heading, _height, _width, _options = net.get_network_data()
    data = payload(view, nodes, edges, net.options)
    return _ENV.get_template("explorer.html").render(
        view=view, data=data, assets=assets.load(), legend=styles.legend(), cap=view.cap
    )


def write(view: View, path: Path) -> Path:
    """Write the page for a view, creating the folder; return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(view), encoding="utf-8")
    return path
