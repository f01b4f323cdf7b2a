"""The shape of an org chart: roots, each manager's reports, and the edges a tree must cut.

The page lays the chart out itself (viz/assets/orgchart.js: a top-down tree, collapsed
below the top levels, expanded by click, boxes measured after drawing so none overlap).
This module decides what it lays out: each post sits under the first of its managers met
top-down (a post with two managers keeps the other reporting line as an edge); a manager
that is not above its report (a post reporting to itself, or a loop of posts reporting to
each other) is a back edge, cut from the tree and drawn dashed and marked, so a loop is
shown where it is instead of hiding the posts in it (issue 14).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class OrgTree:
    """Roots in drawing order, each node's reports, and the (manager, report) pairs cut."""

    roots: list[str] = field(default_factory=list)
    reports: dict[str, list[str]] = field(default_factory=dict)
    cut: set[tuple[str, str]] = field(default_factory=set)

    def to_dict(self) -> dict[str, object]:
        """The JSON the page's org chart reads."""
        return {"roots": self.roots, "reports": self.reports}


def org_tree(order: list[str], pairs: list[tuple[str, str]]) -> OrgTree:
    """The tree over `order` (top-down) from (manager, report) pairs."""
    managers: dict[str, list[str]] = {}
    for manager, report in pairs:
        managers.setdefault(report, []).append(manager)
    rank = {n: i for i, n in enumerate(order)}
    tree = OrgTree()
    parent: dict[str, str] = {}
    for node in order:
        listed = [m for m in managers.get(node, []) if m in rank]
        above = [m for m in listed if rank[m] < rank[node]]
        if above:
            parent[node] = min(above, key=rank.__getitem__)
        tree.cut.update((m, node) for m in listed if rank[m] >= rank[node])
    for node in order:
        if node in parent:
            tree.reports.setdefault(parent[node], []).append(node)
    tree.roots = [n for n in order if n not in parent]
    return tree
