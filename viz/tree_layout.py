"""A compact top-down org-chart layout for line-management trees (physics off).

vis-network's own hierarchical layout puts every post of a level on one row: the Cabinet
Office 2013-09-30 organogram has 124 posts on its fourth level, a strip 28 times wider than
tall that no screen can read (seen in the explorer's screenshots). Org charts stack a
manager's direct reports who manage nobody in a column under it instead; this module does
the same: each manager sits centred over its subtree, reports that manage others spread to
the right on the next row, leaf reports are stacked in an indented column. A post with two
managers is drawn under the first; its other reporting line is still drawn as an edge.
"""

from __future__ import annotations

from viz.model import Node

COLUMN = 220.0
LEVEL = 150.0
ROW = 64.0
INDENT = 44.0
BOX = 180
STACK_LIMIT = 30


class OrgChart:
    """Positions for a forest given each node's reports (in drawing order)."""

    def __init__(self, reports: dict[str, list[str]]) -> None:
        self.reports = reports
        self.widths: dict[str, float] = {}
        self.pos: dict[str, tuple[float, float]] = {}
        self.in_stack: set[str] = set()

    def split(self, node: str) -> tuple[list[str], list[str]]:
        """A node's leaf reports (stacked) and branch reports (spread)."""
        kids = self.reports.get(node, [])
        leaves = [k for k in kids if not self.reports.get(k)]
        return leaves, [k for k in kids if self.reports.get(k)]

    def below(self, node: str) -> list[tuple[str, int]]:
        """The subtree in pre-order with each node's depth under `node`."""
        found, todo = [], [(node, 0)]
        while todo:
            current, depth = todo.pop()
            found.append((current, depth))
            todo.extend((k, depth + 1) for k in reversed(self.reports.get(current, [])))
        return found

    def stacked(self, node: str) -> bool:
        """Small subtrees are drawn as one indented column, like an outline."""
        return len(self.below(node)) <= STACK_LIMIT

    def width(self, node: str) -> float:
        """The horizontal room a subtree needs."""
        if node not in self.widths:
            leaves, branches = self.split(node)
            if self.stacked(node):
                room = COLUMN + INDENT * max(d for _n, d in self.below(node))
            else:
                room = sum(self.width(b) for b in branches) + (COLUMN + INDENT if leaves else 0.0)
            self.widths[node] = max(COLUMN, room)
        return self.widths[node]

    def place(self, node: str, left: float, top: float) -> None:
        """Position a subtree whose left edge is `left` and whose root is at `top`."""
        if self.stacked(node):
            for row, (current, depth) in enumerate(self.below(node)):
                self.pos[current] = (left + COLUMN / 2 + depth * INDENT, top + row * ROW)
                self.in_stack.add(current)
            self.in_stack.discard(node)
            return
        leaves, branches = self.split(node)
        self.pos[node] = (left + self.width(node) / 2, top)
        x = left
        if leaves:
            for i, leaf in enumerate(leaves):
                self.pos[leaf] = (x + COLUMN / 2 + INDENT, top + LEVEL + i * ROW)
            x += COLUMN + INDENT
        for branch in branches:
            self.place(branch, x, top + LEVEL)
            x += self.width(branch)


Forest = tuple[list[str], dict[str, list[str]]]


def tree_reports(order: list[str], pairs: list[tuple[str, str]]) -> Forest:
    """Roots and each node's reports, each node under its first manager met top-down."""
    managers: dict[str, list[str]] = {}
    for manager, report in pairs:
        managers.setdefault(report, []).append(manager)
    rank = {n: i for i, n in enumerate(order)}
    parent: dict[str, str] = {}
    for node in order:
        above = [m for m in managers.get(node, []) if m in rank and rank[m] < rank[node]]
        if above:
            parent[node] = min(above, key=rank.__getitem__)
    reports: dict[str, list[str]] = {}
    for node in order:
        if node in parent:
            reports.setdefault(parent[node], []).append(node)
    return [n for n in order if n not in parent], reports


def place_tree(nodes: list[Node], pairs: list[tuple[str, str]]) -> set[str]:
    """Set x, y on every node of a line-management forest, roots side by side; return the
    nodes drawn inside an outline column (their edges are drawn curved, beside it)."""
    order = [n.iri for n in sorted(nodes, key=lambda n: n.level or 0)]
    roots, reports = tree_reports(order, pairs)
    chart = OrgChart(reports)
    left = 0.0
    for root in roots:
        chart.place(root, left, 0.0)
        left += chart.width(root) + COLUMN / 2
    for node in nodes:
        x, y = chart.pos[node.iri]
        node.x, node.y = round(x, 1), round(y, 1)
    return chart.in_stack
