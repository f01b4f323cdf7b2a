"""Starting positions for force-directed views: a radial tree per component, in O(n).

vis-network's physics needs about 25 ms per iteration at 1,500 nodes in headless Chromium
(measured), too slow to stabilise large views from random positions within the 5 s budget
(issue 6). So every force view starts from a balloon layout computed here — each
component's best-connected node (or the focus) at the centre, its breadth-first tree on
rings, each subtree in a wedge sized by its leaves — and views above PHYSICS_LIMIT nodes
keep these positions with physics off (docs/architecture.md §8: physics finished or off).
"""

from __future__ import annotations

import math
from collections import deque

from viz.model import Node

PHYSICS_LIMIT = 600
RING = 170.0
SPACING = 46.0


def adjacency(nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Undirected neighbours of each node, ordered best-connected first."""
    adj: dict[str, set[str]] = {n: set() for n in nodes}
    for a, b in edges:
        if a in adj and b in adj and a != b:
            adj[a].add(b)
            adj[b].add(a)
    return {n: sorted(adj[n], key=lambda m: (-len(adj[m]), m)) for n in nodes}


def tree(root: str, adj: dict[str, list[str]]) -> tuple[list[str], dict[str, list[str]]]:
    """Breadth-first order from `root` and each node's children in that tree."""
    children: dict[str, list[str]] = {root: []}
    order, queue = [root], deque([root])
    while queue:
        node = queue.popleft()
        for nxt in adj[node]:
            if nxt not in children:
                children[nxt] = []
                children[node].append(nxt)
                order.append(nxt)
                queue.append(nxt)
    return order, children


def balloon(root: str, adj: dict[str, list[str]]) -> tuple[dict[str, tuple[float, float]], float]:
    """Positions of one component around (0, 0) and its radius."""
    order, children = tree(root, adj)
    leaves: dict[str, int] = {}
    for node in reversed(order):
        leaves[node] = sum(leaves[c] for c in children[node]) or 1
    depth = {root: 0}
    for node in order:
        for child in children[node]:
            depth[child] = depth[node] + 1
    per_ring: dict[int, int] = {}
    for d in depth.values():
        per_ring[d] = per_ring.get(d, 0) + 1
    radius = [0.0]
    for d in range(1, max(depth.values()) + 1):
        radius.append(max(radius[-1] + RING, per_ring.get(d, 0) * SPACING / (2 * math.pi)))
    wedge = {root: (0.0, 2 * math.pi)}
    pos: dict[str, tuple[float, float]] = {}
    for node in order:
        start, width = wedge[node]
        angle = start + width / 2
        r = radius[depth[node]]
        pos[node] = (r * math.cos(angle), r * math.sin(angle))
        for child in children[node]:
            share = width * leaves[child] / leaves[node]
            wedge[child] = (start, share)
            start += share
    return pos, radius[-1] + RING / 2


def place(nodes: list[Node], edges: list[tuple[str, str]], focus: list[str]) -> None:
    """Set x, y on every node: components as balloons, biggest first, in rows."""
    adj = adjacency([n.iri for n in nodes], edges)
    seen: set[str] = set()
    parts: list[tuple[dict[str, tuple[float, float]], float]] = []
    for start in [f for f in focus if f in adj] + sorted(adj, key=lambda n: (-len(adj[n]), n)):
        if start not in seen:
            pos, size = balloon(start, adj)
            seen.update(pos)
            parts.append((pos, size))
    parts.sort(key=lambda p: -len(p[0]))
    row_width = max(2000.0, 2.2 * max((s for _p, s in parts), default=0.0))
    x = y = row_height = 0.0
    where: dict[str, tuple[float, float]] = {}
    for pos, size in parts:
        if x > 0 and x + 2 * size > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for iri, (px, py) in pos.items():
            where[iri] = (x + size + px, y + size + py)
        x += 2 * size
        row_height = max(row_height, 2 * size)
    for node in nodes:
        node.x, node.y = (round(v, 1) for v in where[node.iri])
