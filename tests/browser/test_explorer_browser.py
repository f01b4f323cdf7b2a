"""The explorer in a real browser: headless Debian Chromium, network off (issue 6).

Each view loads with no console error and no request leaving the machine, its vis DataSet
holds the view's nodes, search focuses "Cabinet Secretary", a click shows evidence, markup
in labels stays text, the organogram draws as a tree, and a capped or empty view says so.
Screenshots of every view are kept in tests/artifacts/.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from browser.conftest import Visit, open_page
from browser.viz_data import (
    CABINET_SECRETARY,
    CO_GRAPH,
    HOSTILE_ALT,
    HOSTILE_DOC_TITLE,
    HOSTILE_LABEL,
    HOSTILE_PERSON,
    HOSTILE_QUOTE,
)
from playwright.sync_api import Page

from viz.model import View

Pages = dict[str, tuple[Path, View]]
DRAWN = ["whole", "ego", "chain", "accountability", "capped"]


@pytest.mark.parametrize("name", DRAWN)
def test_view_loads_offline_with_every_node(name: str, pages: Pages, visit: Visit) -> None:
    """No console error, no outside request, and the DataSet holds the view's nodes."""
    path, view = pages[name]
    page = open_page(visit, path)
    assert page.evaluate("govkg.data.nodes.length") == len(view.nodes) > 0
    assert page.evaluate("govkg.data.edges.length") == len(view.edges)
    if name != "chain":  # an org chart draws its open posts only (test_orgchart_browser)
        assert page.evaluate("govkg.nodes.length") == len(view.nodes)
        assert page.evaluate("govkg.edges.length") == len(view.edges)
    assert page.evaluate("document.querySelectorAll('[src^=http], [href^=http]').length") == 0
    visit.screenshot(name)
    assert visit.problems() == []


def test_search_selects_cabinet_secretary(pages: Pages, visit: Visit) -> None:
    """Typing the label and Enter selects, focuses and describes the post."""
    page = open_page(visit, pages["whole"][0])
    page.fill("#search", "Cabinet Secretary")
    assert "Cabinet Secretary" in page.inner_text("#search-results")
    page.press("#search", "Enter")
    assert page.evaluate("govkg.network.getSelectedNodes()") == [CABINET_SECRETARY]
    assert page.inner_text("#details h2") == "Cabinet Secretary"
    page.fill("#search", "secretary to the cabinet")  # an alt label
    page.press("#search", "Enter")
    assert page.evaluate("govkg.network.getSelectedNodes()") == [CABINET_SECRETARY]
    visit.screenshot("search")
    assert visit.problems() == []


def test_search_takes_abbreviations_arrows_and_says_no_match(pages: Pages, visit: Visit) -> None:
    """'cab sec' finds the Cabinet Secretary; arrows move; nothing found is said (issue 14)."""
    page = open_page(visit, pages["whole"][0])
    page.fill("#search", "cab sec")
    results = page.inner_text("#search-results")
    assert results.splitlines()[0].strip().endswith("Cabinet Secretary")
    page.fill("#search", "perm sec")
    assert "Permanent Secretary" in page.inner_text("#search-results")
    page.press("#search", "ArrowDown")
    second = page.locator("#search-results .result").nth(1)
    assert second.get_attribute("aria-selected") == "true"
    page.fill("#search", "zzzq nothing")
    assert "No match for" in page.inner_text("#search-results")
    assert visit.problems() == []


def test_escape_and_a_click_on_empty_canvas_clear_the_selection(pages: Pages, visit: Visit) -> None:
    """Esc (outside the search box) and a click where nothing is drawn clear the selection."""
    page = open_page(visit, pages["whole"][0])
    page.fill("#search", "Cabinet Secretary")
    page.press("#search", "Enter")
    assert page.evaluate("govkg.network.getSelectedNodes()") == [CABINET_SECRETARY]
    page.evaluate("document.activeElement.blur()")  # Esc in the search box only closes its list
    page.keyboard.press("Escape")
    assert page.evaluate("govkg.network.getSelectedNodes()") == []
    assert "Select a node" in page.inner_text("#details")
    page.press("#search", "Enter")
    assert page.evaluate("govkg.network.getSelectedNodes()") == [CABINET_SECRETARY]
    box = page.locator("#graph").bounding_box()
    assert box is not None
    page.evaluate("govkg.network.moveTo({position: {x: 100000, y: 100000}, scale: 1})")
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.evaluate("govkg.network.getSelectedNodes()") == []
    assert visit.problems() == []


def click_node(visit: Visit, node: str) -> None:
    """Centre a node, then click it where the canvas draws it."""
    page = visit.page
    page.evaluate(
        "id => govkg.network.moveTo({position: govkg.network.getPositions([id])[id], scale: 1.5})",
        node,
    )
    spot = page.evaluate(
        "id => govkg.network.canvasToDOM(govkg.network.getPositions([id])[id])", node
    )
    box = page.locator("#graph").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])


def test_click_shows_evidence_quotes(pages: Pages, visit: Visit) -> None:
    """Clicking Cabinet Secretary lists its type, labels and quotes with their documents."""
    page = open_page(visit, pages["whole"][0])
    click_node(visit, CABINET_SECRETARY)
    page.wait_for_selector("#details .quote")
    details = page.inner_text("#details")
    assert "Cabinet Secretary" in details and "Permanent Secretary post" in details
    assert "Secretary to the Cabinet" in details  # alt label
    assert "evidence (" in details.lower() and "line " in details
    assert "Permanent Secretary individual performance objectives" in details  # a document
    visit.screenshot("details")
    assert visit.problems() == []


def test_markup_in_labels_is_text(pages: Pages, visit: Visit) -> None:
    """A label `<img src=x onerror=alert(1)>` shows as text and runs no script."""
    page = open_page(visit, pages["whole"][0])
    page.evaluate("id => govkg.selectNode(id)", HOSTILE_PERSON)
    page.wait_for_selector("#details .quote")
    assert page.inner_text("#details h2") == HOSTILE_LABEL
    details = page.inner_text("#details")
    for text in (HOSTILE_ALT, HOSTILE_QUOTE, HOSTILE_DOC_TITLE):
        assert text in details
    assert (
        page.evaluate("document.querySelectorAll('#details img, #details script, svg').length") == 0
    )
    page.fill("#search", "<img")
    assert HOSTILE_LABEL in page.inner_text("#search-results")
    page.hover("#details h2")
    visit.screenshot("hostile")
    assert visit.dialogs == [] and visit.problems() == []


def expand_all(page: Page) -> None:
    """Open every post of the org chart and wait until it is redrawn."""
    page.evaluate("() => new Promise(done => govkg.chart.setAll(null, true, done))")


def test_chain_view_draws_the_organogram_as_a_tree(
    pages: Pages, visit: Visit, viz_store: Path
) -> None:
    """Every post of the snapshot, each report below its manager, physics off."""
    path, _ = pages["chain"]
    page = open_page(visit, path)
    store = ox.Store.read_only(str(viz_store))
    posts = {
        r["p"].value
        for r in store.query(  # type: ignore[union-attr]
            "SELECT DISTINCT ?p WHERE { GRAPH ?g { ?p a <http://www.w3.org/ns/org#Post> } }",
            named_graphs=[ox.NamedNode(CO_GRAPH)],
        )
    }
    assert set(page.evaluate("govkg.data.nodes.map(n => n.id)")) == posts
    assert len(page.evaluate("govkg.nodes.getIds()")) < len(posts)  # only the open posts drawn
    assert page.evaluate("govkg.data.options.physics.enabled") is False
    assert page.evaluate("govkg.network.physics.physicsEnabled") is False
    assert page.evaluate("govkg.readyHow") == "tree layout, physics off"
    expand_all(page)
    below = page.evaluate(
        """() => { const pos = govkg.network.getPositions();
        return govkg.edges.get().map(e => pos[e.to].y > pos[e.from].y); }"""
    )
    assert below and all(below)
    roots = page.evaluate(
        "govkg.nodes.getIds().filter(id => !govkg.edges.get().some(e => e.to === id))"
    )
    assert len(roots) == len(posts) - len(below)  # a forest: one edge into every non-root
    visit.screenshot("chain")
    assert visit.problems() == []


def test_path_highlight_and_png_export(pages: Pages, visit: Visit) -> None:
    """Two chosen nodes get their shortest path drawn; the canvas exports as a PNG."""
    path, view = pages["accountability"]
    page = open_page(visit, path)
    person = next(n.iri for n in view.nodes if n.category == "person")
    assessor = next(n.iri for n in view.nodes if n.label == "Prime Minister")
    page.evaluate(
        "([a, b]) => { govkg.setPathEnd('from', a); govkg.setPathEnd('to', b); }",
        [person, assessor],
    )
    status = page.inner_text("#path-status")
    assert status.startswith("Path (") and "Prime Minister" in status
    widths = page.evaluate("govkg.path.shown.edges.map(id => govkg.edges.get(id).width)")
    assert widths and set(widths) == {5}
    png = page.evaluate("govkg.exportPng()")
    assert png.startswith("data:image/png;base64,") and len(png) > 10_000
    with page.expect_download() as download:
        page.click("#export")
    assert download.value.suggested_filename == "govkg-accountability.png"
    visit.screenshot("path")
    assert visit.problems() == []


def test_type_filter_hides_a_category(pages: Pages, visit: Visit) -> None:
    """Unticking a legend entry hides that type's nodes; ticking shows them again."""
    path, view = pages["whole"]
    page = open_page(visit, path)
    measures = sum(1 for n in view.nodes if n.category == "measure")
    page.uncheck('input[data-category="measure"]')
    assert page.evaluate("govkg.visibleNodeIds().length") == len(view.nodes) - measures
    page.check('input[data-category="measure"]')
    assert page.evaluate("govkg.visibleNodeIds().length") == len(view.nodes)
    assert visit.problems() == []


def test_capped_view_says_how_to_narrow_it(pages: Pages, visit: Visit) -> None:
    """A view over its cap shows a visible banner with the counts and a narrower command."""
    path, view = pages["capped"]
    page = open_page(visit, path)
    banner = page.locator("#cap-banner")
    assert banner.is_visible()
    text = banner.inner_text()
    assert f"showing {len(view.nodes)} of {view.total:,} nodes" in text and "--view ego" in text
    assert visit.problems() == []


def test_empty_graph_page_says_so(pages: Pages, visit: Visit) -> None:
    """An empty store gives a page that says there is nothing to draw and why."""
    page = open_page(visit, pages["empty"][0], ready=False)
    assert page.inner_text("#empty h2") == "Nothing to draw"
    assert "govkg build" in page.inner_text("#empty-note")
    visit.screenshot("empty")
    assert visit.problems() == []
