"""What one explorer view holds: nodes, edges and evidence quotes, ready to draw.

A view is selected from the store (viz.views), described (viz.describe) and then drawn
(viz.render). Every label and quote here is plain text: escaping is the template's job
(Jinja autoescape, JSON in a script block, DOM textContent; docs/architecture.md §7 and §8).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Layout = Literal["force", "tree"]
VIEWS = ("whole", "ego", "chain", "accountability")
MAX_NODES = 1500
TREE_MAX_NODES = 20_000  # an org chart draws only its open posts, so it holds a department


@dataclass
class Quote:
    """One verbatim quote of a source document and the facts it is evidence for."""

    document: str
    title: str
    text: str
    line: int
    start: int
    end: int
    facts: list[str] = field(default_factory=list)

    def key(self) -> tuple[str, int, int]:
        """Quotes are the same when they cover the same characters of the same document."""
        return (self.document, self.start, self.end)


@dataclass
class Node:
    """One drawn node: its labels, category, period, properties and evidence."""

    iri: str
    label: str
    category: str = "other"
    classes: list[str] = field(default_factory=list)
    alt_labels: list[str] = field(default_factory=list)
    text: str = ""
    periods: list[str] = field(default_factory=list)
    properties: list[tuple[str, str]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    quotes: list[int] = field(default_factory=list)
    holders: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    level: int | None = None
    x: float | None = None
    y: float | None = None


@dataclass
class Edge:
    """One drawn edge: a stated fact from `source` to `target`."""

    source: str
    predicate: str
    target: str
    label: str = ""
    source_label: str = ""
    target_label: str = ""
    period: str = ""
    quotes: list[int] = field(default_factory=list)
    reverse: bool = False
    weight: int = 0  # a derived edge: how many stated facts it rests on

    def key(self) -> tuple[str, str, str]:
        """The fact the edge draws."""
        return (self.source, self.predicate, self.target)


@dataclass
class Selection:
    """The nodes and facts a view picked, before they are described."""

    nodes: list[str]
    edges: list[tuple[str, str, str]]
    total: int
    title: str
    layout: Layout = "force"
    focus: list[str] = field(default_factory=list)
    hint: str = ""
    levels: dict[str, int] = field(default_factory=dict)
    about: str = ""
    cap: int = MAX_NODES
    graphs: list[str] | None = None  # a dated view reads its nodes' details from these only
    derived: dict[tuple[str, str, str], list[tuple[str, str, str]]] = field(default_factory=dict)
    findings: dict[str, list[str]] = field(default_factory=dict)  # post -> checks' findings

    @property
    def capped(self) -> bool:
        """True when some nodes were left out to stay under the cap."""
        return self.total > len(self.nodes)


@dataclass
class View:
    """A described selection: what the page draws and shows in its panels."""

    kind: str
    title: str
    nodes: list[Node]
    edges: list[Edge]
    quotes: list[Quote]
    total: int
    layout: Layout = "force"
    focus: list[str] = field(default_factory=list)
    hint: str = ""
    note: str = ""
    cap: int = MAX_NODES
    snapshot: str = ""  # the organogram snapshot a dated view draws (DEPARTMENT/DATE)
    snapshots: list[str] = field(default_factory=list)  # every snapshot in the store

    @property
    def capped(self) -> bool:
        """True when the view shows fewer nodes than it selected."""
        return self.total > len(self.nodes)

    @property
    def empty(self) -> bool:
        """True when there is nothing to draw."""
        return not self.nodes
