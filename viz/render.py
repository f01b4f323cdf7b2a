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
from viz.org_tree import OrgTree, org_tree
from viz.payload import payload

LABEL_CHARS = 38
EDGE_LABELS_UP_TO = 120
# Views whose edges are labelled on the canvas (small ones only). The accountability view's
# edges converge on one post, where labels pile up: its colours, legend and hover say it.
LABELLED_EDGES = ("whole", "ego")
BOX = 190  # an org chart box's width in canvas pixels (viz/assets/orgchart.js lays them out)
NODE_FONT, EDGE_FONT = 14, 13  # the page zooms so that both are at least 11 CSS px at first
FINDING = "#b00020"
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
    if view.layout == "tree":  # font and width are the tree's node options
        holders = "\n".join(short(h, 30) for h in node.holders[:2])
        style["label"] = short(node.label, 60) + (f"\n{holders}" if holders else "")
        style["shape"] = "box"  # pyvis writes "dot" on a node that names no shape
        del style["size"]
    else:
        style["label"] = short(node.label)
    if node.findings:
        style["label"] = "⚠ " + style["label"]
        style["title"] += "\n" + "\n".join(node.findings)
        style.update(
            borderWidth=3,
            shapeProperties={"borderDashes": [6, 3]},
            color={"background": category.colour, "border": FINDING},
        )
    if node.x is not None:
        style.update(x=node.x, y=node.y)
    if node.iri in view.focus:
        style["borderWidth"] = 4
        if "size" in style:
            style["size"] += 8
    return style


def options(view: View) -> dict[str, Any]:
    """vis-network options for the view's layout (physics off for trees and big views)."""
    opts: dict[str, Any] = {
        "autoResize": True,
        "nodes": {
            "font": {"size": NODE_FONT, "face": "system-ui, sans-serif"},
            "borderWidth": 1,
            "borderWidthSelected": 4,
            "chosen": True,
        },
        "edges": {
            "color": {"color": "#9aa5b1", "highlight": styles.SELECTED, "hover": "#555555"},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "font": {"size": EDGE_FONT, "align": "middle", "color": "#444444"},
            "smooth": False,
            "width": 1,
        },
        "interaction": {"hover": True, "tooltipDelay": 250, "hideEdgesOnDrag": True},
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "physics": {"enabled": False},
    }
    if view.layout == "tree":  # what every box and line of an org chart shares
        opts["nodes"].update(
            shape="box", margin=8, widthConstraint={"minimum": BOX, "maximum": BOX}
        )
        opts["nodes"]["font"]["color"] = "#ffffff"
        opts["edges"]["smooth"] = {"type": "cubicBezier", "forceDirection": "vertical"}
        opts["edges"]["color"]["color"] = styles.edge_family(styles.ORG + "reportsTo").colour
        opts["interaction"]["dragNodes"] = False
    elif len(view.nodes) <= PHYSICS_LIMIT:
        opts["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -70, "springLength": 110},
            "stabilization": {"enabled": True, "iterations": 250, "updateInterval": 25},
        }
    return opts


def tree_of(view: View, drawn: list[tuple[str, str]]) -> OrgTree | None:
    """The org chart's shape for a tree view (laid out by the page), else None."""
    if view.layout != "tree":
        return None
    order = [n.iri for n in sorted(view.nodes, key=lambda n: n.level or 0)]
    return org_tree(order, drawn)


def edge_style(
    view: View, index: int, start: str, end: str, tree: OrgTree | None
) -> dict[str, Any]:
    """The vis-network attributes of one edge: its family's colour; a cut loop edge dashed."""
    e = view.edges[index]
    family = styles.edge_family(e.predicate)
    style: dict[str, Any] = {
        "id": f"e{index}",
        "title": f"{short(e.source_label, 60)} {e.label} {short(e.target_label, 60)}",
        "family": family.key,
    }
    if tree is None:  # a tree's lines take their colour from the options, and have no arrow
        style["color"] = {"color": family.colour, "highlight": styles.SELECTED, "hover": "#555555"}
    else:
        style["arrows"] = ""  # pyvis would set "to"; vis reads "" as no arrow at either end
    if len(view.edges) <= EDGE_LABELS_UP_TO and view.kind in LABELLED_EDGES:
        style["label"] = e.label
    if e.weight:
        style["width"] = min(1 + e.weight, 6)
    if tree is not None and (start, end) in tree.cut:
        style.update(dashes=[8, 4], color={"color": FINDING, "highlight": styles.SELECTED})
        style["title"] += "\n(a loop or self-report: cut from the tree here)"
        style["cut"] = True
    return style


def network(view: View) -> tuple[Network, OrgTree | None]:
    """The pyvis network of a view (options set last as a dict) and its org-chart shape."""
    drawn = [(e.target, e.source) if e.reverse else (e.source, e.target) for e in view.edges]
    tree = tree_of(view, drawn)
    if tree is None:
        place(view.nodes, drawn, view.focus)
    degree: dict[str, int] = {}
    for e in view.edges:
        degree[e.source] = degree.get(e.source, 0) + 1
        degree[e.target] = degree.get(e.target, 0) + 1
    net = Network(directed=True, height="100%", width="100%")
    for node in view.nodes:
        style = node_style(node, view, degree.get(node.iri, 0))
        net.add_node(node.iri, label=style.pop("label"), **style)
    for index, (start, end) in enumerate(drawn):
        net.add_edge(start, end, **edge_style(view, index, start, end, tree))
    net.options = options(view)
    return net, tree


def render(view: View) -> str:
    """The whole self-contained page for a view."""
    net, tree = network(view)
    nodes, edges, _heading, _height, _width, _options = net.get_network_data()
    data = payload(view, nodes, edges, net.options)
    data["tree"] = tree.to_dict() if tree else None
    return _ENV.get_template("explorer.html").render(
        view=view, data=data, assets=assets.load(), legend=styles.legend(), cap=view.cap
    )


def write(view: View, path: Path) -> Path:
    """Write the page for a view, creating the folder; return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(view), encoding="utf-8")
    return path
