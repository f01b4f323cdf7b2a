"""The explorer without a browser: selection, description, layout and the written page.

Checks the pyvis rules of docs/architecture.md §8 (directed edges keep both facts between two nodes,
options as a dict, our own template), the escaping of §7 (no label reaches the HTML raw),
the offline rule (no external URL in any src or href), and each view's selection on the
built corpus and on a small synthetic organogram.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest
from browser.viz_data import (
    CABINET_SECRETARY,
    HOSTILE_ALT,
    HOSTILE_LABEL,
    HOSTILE_PERSON,
    add_synthetic_organogram,
    build_store,
)

from common.errors import UsageError
from viz import assets
from viz.explorer import Request, build_view, select
from viz.org_tree import org_tree
from viz.render import network, render

ORG = "http://www.w3.org/ns/org#"
GK = "https://w3id.org/govkg/def#"
PERM_SEC = "https://w3id.org/govkg/id/post/permanent-secretary"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    """The corpus with the 2013-09-30 organogram and the hostile document, read-only."""
    path = build_store(tmp_path_factory.mktemp("vizunit") / "store")
    return ox.Store.read_only(str(path))


@pytest.fixture()
def widgets() -> tuple[ox.Store, dict[str, str]]:
    """An in-memory store holding only the synthetic seven-post organogram."""
    memory = ox.Store()
    return memory, add_synthetic_organogram(memory)


class Links(HTMLParser):
    """Collects every src and href attribute of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [v or "" for k, v in attrs if k in ("src", "href")]


def test_page_is_offline_and_escapes_every_label(store: ox.Store) -> None:
    """No src or href leaves the file; markup in labels never reaches the HTML raw."""
    html = render(build_view(store, Request("whole")))
    links = Links()
    links.feed(html)
    assert links.urls and all(u.startswith(("data:", "#")) for u in links.urls)
    assert not [host for host in ("cdnjs", "jsdelivr", "unpkg", "bootstrapcdn") if host in html]
    for raw in (HOSTILE_LABEL, HOSTILE_ALT, "<svg onload"):
        assert raw not in html
    data = re.search(r'<script id="govkg-data" type="application/json">(.*?)</script>', html, re.S)
    assert data is not None
    payload = json.loads(data.group(1))
    assert (
        payload["details"]["https://w3id.org/govkg/id/person/hostile-fixture"]["label"]
        == HOSTILE_LABEL
    )


def test_the_document_text_is_not_copied_into_the_page(store: ox.Store) -> None:
    """gk:sourceText (a whole document, stored so quotes stay verifiable) is not a property."""
    document = "https://w3id.org/govkg/id/doc/cabinet-secretary-objectives-2015-16"
    html = render(build_view(store, Request("ego", focus=document, depth=1)))
    assert "source format" in html  # the document's own properties are shown ...
    assert "Corporate and Capability Management" not in html  # ... but not its whole text
    assert "source text" not in html


def test_hostile_focus_is_escaped_in_title_and_heading(store: ox.Store) -> None:
    """A markup label named as the focus reaches <title> and the heading escaped."""
    html = render(build_view(store, Request("ego", focus=HOSTILE_PERSON, depth=1)))
    assert HOSTILE_LABEL not in html
    escaped = "&lt;img src=x onerror=alert(1)&gt;"
    assert f"<title>Within 1 hop of {escaped}" in html
    assert f'<span id="view-title">Within 1 hop of {escaped}</span>' in html


def test_directed_edges_keep_both_facts_between_two_nodes(store: ox.Store) -> None:
    """Permanent Secretary is line managed by and reports to the Cabinet Secretary: two edges."""
    view = build_view(store, Request("whole"))
    net, _tree = network(view)
    both = [e for e in net.edges if e["from"] == PERM_SEC and e["to"] == CABINET_SECRETARY]
    assert len(both) >= 2 and all(e["arrows"] == "to" for e in both)
    assert net.directed and isinstance(net.options, dict)
    assert net.options["layout"]["improvedLayout"] is False


def test_cabinet_secretary_has_labels_period_and_evidence(store: ox.Store) -> None:
    """The details of the post: alt labels, periods, holders and quotes with documents."""
    view = build_view(store, Request("whole"))
    post = next(n for n in view.nodes if n.iri == CABINET_SECRETARY)
    assert post.category == "post" and "Permanent Secretary post" in post.classes
    assert "Secretary to the Cabinet" in post.alt_labels
    assert "2012/13" in post.periods and "Jeremy Heywood" in post.holders
    quotes = [view.quotes[i] for i in post.quotes]
    assert quotes and all(q.text and q.line > 0 and q.title for q in quotes)
    assert any("Jeremy Heywood holds Cabinet Secretary" in f for q in quotes for f in q.facts)


def test_accountability_view_gathers_holders_objectives_and_assessors(store: ox.Store) -> None:
    """Holder, objectives, measures, milestones and who holds them to account."""
    view = build_view(store, Request("accountability", focus="Cabinet Secretary"))
    kinds = {n.category for n in view.nodes}
    assert {"person", "post", "objective", "measure", "milestone"} <= kinds
    labels = {n.label for n in view.nodes}
    assert {"Jeremy Heywood", "Prime Minister", "Minister for the Cabinet Office"} <= labels
    assert view.title == "Accountability of Cabinet Secretary"


def test_accountability_view_has_a_direct_edge_from_each_assessor(store: ox.Store) -> None:
    """'Prime Minister -> holds to account -> Cabinet Secretary', with the measures' quotes
    (issue 14 §3: the assessors were reachable only through measure nodes)."""
    view = build_view(store, Request("accountability", focus="Cabinet Secretary"))
    direct = {
        e.source_label: e
        for e in view.edges
        if e.predicate == GK + "holdsToAccount" and e.target == CABINET_SECRETARY
    }
    assert {"Prime Minister", "Minister for the Cabinet Office"} <= set(direct)
    edge = direct["Prime Minister"]
    assert edge.label.startswith("holds to account (") and edge.quotes
    assert all(view.quotes[q].text for q in edge.quotes)


def test_ego_view_is_nearest_first_and_capped_with_a_hint(store: ox.Store) -> None:
    """An ego network keeps the focus and its neighbours when the cap bites."""
    one = select(store, Request("ego", focus="Cabinet Secretary", depth=1))
    capped = select(store, Request("ego", focus="Cabinet Secretary", depth=2, limit=20))
    assert capped.nodes[0] == CABINET_SECRETARY and len(capped.nodes) == 20
    assert capped.capped and capped.total > len(one.nodes) and "--depth" in capped.hint


def test_whole_view_cap_keeps_hubs(store: ox.Store) -> None:
    """The whole graph over its cap keeps the best-connected nodes and says so."""
    view = build_view(store, Request("whole", limit=25))
    assert (
        view.capped and len(view.nodes) == 25 and CABINET_SECRETARY in {n.iri for n in view.nodes}
    )
    assert "--view ego" in view.hint and view.cap == 25


def test_chain_of_a_snapshot_is_a_tree(widgets: tuple[ox.Store, dict[str, str]]) -> None:
    """Every post of the snapshot, levels from the top, holders on the posts."""
    memory, posts = widgets
    view = build_view(memory, Request("chain", snapshot="widgets/2020"))
    assert {n.iri for n in view.nodes} == set(posts.values()) and view.layout == "tree"
    levels = {n.iri: n.level for n in view.nodes}
    assert levels[posts["1"]] == 0 and levels[posts["2"]] == 1 and levels[posts["7"]] == 2
    assert next(n for n in view.nodes if n.iri == posts["2"]).holders == ["Wendy Widget"]
    assert all(e.reverse for e in view.edges)  # drawn manager -> report
    net, tree = network(view)
    assert net.options["physics"] == {"enabled": False}
    assert tree is not None and tree.roots == [posts["1"]] and not tree.cut
    assert all(e["to"] in tree.reports.get(e["from"], []) for e in net.edges)


def test_chain_through_a_person_climbs_and_descends(
    widgets: tuple[ox.Store, dict[str, str]],
) -> None:
    """A person's chain: their post, its manager above and its reports below."""
    memory, posts = widgets
    chosen = select(memory, Request("chain", focus="Wendy Widget"))
    assert set(chosen.nodes) == {posts["1"], posts["2"], posts["4"], posts["5"]}
    assert chosen.focus == [posts["2"]]
    shallow = select(memory, Request("chain", focus=posts["1"], depth=1))
    assert set(shallow.nodes) == {posts["1"], posts["2"], posts["3"]}


def test_bad_requests_are_usage_errors(widgets: tuple[ox.Store, dict[str, str]]) -> None:
    """Unknown labels suggest close ones; missing focus, unknown snapshot and IRI say so."""
    memory, _ = widgets
    with pytest.raises(UsageError, match="did you mean 'Director, Cogs'"):
        select(memory, Request("ego", focus="Director Cogz"))
    with pytest.raises(UsageError, match="needs --focus"):
        select(memory, Request("accountability"))
    with pytest.raises(UsageError, match="widgets/2020-03-31"):
        select(memory, Request("chain", snapshot="1999"))
    with pytest.raises(UsageError, match="appears nowhere"):
        select(memory, Request("ego", focus="https://example.org/nothing"))


def test_org_tree_puts_each_post_under_its_first_manager_and_cuts_loops() -> None:
    """Each report under the first of its managers met top-down; a second manager stays an
    edge; a self-report and a loop are cut (drawn dashed) and every post is still drawn."""
    order = ["top", "a", "b", "c", "self", "x", "y"]
    pairs = [("top", "a"), ("top", "b"), ("a", "c"), ("b", "c"), ("self", "self"),
             ("x", "y"), ("y", "x")]  # fmt: skip
    tree = org_tree(order, pairs)
    assert tree.roots == ["top", "self", "x"]
    assert tree.reports == {"top": ["a", "b"], "a": ["c"], "x": ["y"]}
    assert tree.cut == {("self", "self"), ("y", "x")}
    shown = set(tree.roots) | {r for rs in tree.reports.values() for r in rs}
    assert shown == set(order)


def test_inlined_assets_are_checked() -> None:
    """vis-network comes from the pyvis package; a closing tag or external URL is refused."""
    loaded = assets.load()
    assert "vis-network" in loaded.vis_js[:400] and assets.vis_folder().parts[-4] == "pyvis"
    with pytest.raises(ValueError, match="closing"):
        assets.checked("x = '</script>'", "test.js")
    with pytest.raises(ValueError, match="external"):
        assets.checked('<img src="https://example.org/x.png">', "test.html")


def test_package_ships_the_template_and_app(tmp_path: Path) -> None:
    """The template and app files are package data (pyproject: viz templates/*, assets/*)."""
    folder = Path(assets.__file__).parent
    assert (folder / "templates" / "explorer.html").exists()
    assert all((folder / "assets" / name).exists() for name in assets.APP_SCRIPTS)
