"""The explorer answers its two questions in a real browser (issue 14): a readable org chart
per date, and who holds a post to account.

Headless Debian Chromium, network off. Asserted: every view's labels are at least 11 CSS px
at first view; the org chart's boxes never overlap (first view and fully expanded); a click
opens and closes a team; DCMS 2015-03-31's self-reporting top post is a marked root with its
loop edge cut; the accountability view starts with posts and people, its summary names the
Cabinet Secretary's assessors, and objectives expand on demand; Back and Forward step through
selections and the URL hash reopens the same state; a path is recomputed after a filter
change; selection and path colours are no node type's; the edge legend lists what is drawn;
an offline page's switcher gives the command for another view. Screenshots of each view are
kept in tests/artifacts/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser.conftest import Visit, open_page
from browser.viz_data import CABINET_SECRETARY, DCMS_SNAPSHOT, DCMS_TOP
from playwright.sync_api import BrowserContext, Page, Route
from test_server_support import start_server

from viz.model import View

Pages = dict[str, tuple[Path, View]]
MIN_PX = 11
BOXES = """() => govkg.visibleNodeIds().map(id => {
  const b = govkg.network.getBoundingBox(id); return [id, b.left, b.top, b.right, b.bottom]; })"""


def overlaps(boxes: list[list[object]]) -> list[tuple[object, object]]:
    """Pairs of boxes that overlap (a sweep over their left edges)."""
    ordered = sorted(boxes, key=lambda b: b[1])  # type: ignore[arg-type,return-value]
    found = []
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b[1] >= a[3]:  # type: ignore[operator]
                break
            if b[2] < a[4] and a[2] < b[4]:  # type: ignore[operator]
                found.append((a[0], b[0]))
    return found


def run(page: Page, script: str) -> None:
    """Run a script that takes a `done` callback and wait for it (a redraw of the chart)."""
    page.evaluate(f"() => new Promise(done => {{ {script} }})")


@pytest.mark.parametrize("name", ["whole", "ego", "chain", "accountability", "dcms"])
def test_labels_are_readable_at_first_view(name: str, pages: Pages, visit: Visit) -> None:
    page = open_page(visit, pages[name][0])
    assert page.evaluate("govkg.labelPx()") >= MIN_PX
    visit.screenshot(f"first-view-{name}")
    assert visit.problems() == []


def test_org_chart_boxes_never_overlap(pages: Pages, visit: Visit) -> None:
    page = open_page(visit, pages["chain"][0])
    first = page.evaluate(BOXES)
    assert 10 < len(first) <= 60 and overlaps(first) == []
    run(page, "govkg.chart.setAll(null, true, done)")
    every = page.evaluate(BOXES)
    assert len(every) == len(pages["chain"][1].nodes) and overlaps(every) == []
    visit.screenshot("chain-expanded")


def test_a_click_opens_and_closes_a_team(pages: Pages, visit: Visit) -> None:
    page = open_page(visit, pages["chain"][0])
    closed = page.evaluate(
        """() => govkg.visibleNodeIds().find(id => (govkg.chart.reports[id] || []).length
        && !govkg.chart.open[id])"""
    )
    team = page.evaluate(f"govkg.chart.reports[{closed!r}]")
    assert closed and team
    where = f"(() => {{ const p = govkg.network.getPositions([{closed!r}])[{closed!r}];"
    where += " const d = govkg.network.canvasToDOM(p); return [d.x, d.y]; })()"
    before = page.evaluate(where)
    run(page, f"govkg.chart.toggle({closed!r}, done)")
    after = page.evaluate(where)
    assert abs(after[0] - before[0]) < 1 and abs(after[1] - before[1]) < 1  # stays put
    shown = set(page.evaluate("govkg.visibleNodeIds()"))
    assert set(team) <= shown and overlaps(page.evaluate(BOXES)) == []
    run(page, f"govkg.chart.toggle({closed!r}, done)")
    assert not set(team) & set(page.evaluate("govkg.visibleNodeIds()"))


def test_a_self_reporting_top_post_is_a_marked_root(pages: Pages, visit: Visit) -> None:
    page = open_page(visit, pages["dcms"][0])
    assert page.evaluate("govkg.chart.roots[0]") == DCMS_TOP
    assert page.evaluate(f"govkg.visibleNodeIds().includes({DCMS_TOP!r})")
    findings = page.evaluate(f"govkg.data.details[{DCMS_TOP!r}].findings")
    assert any(f.startswith("reports-to-itself") for f in findings)
    cut = page.evaluate("govkg.edges.get().filter(e => e.cut).map(e => [e.from, e.to])")
    assert [DCMS_TOP, DCMS_TOP] in cut
    page.evaluate(f"govkg.showNode({DCMS_TOP!r})")
    assert "reports to itself" in page.inner_text("#details")
    visit.screenshot("chain-dcms-2015-03-31")


def test_accountability_summary_names_the_assessors(pages: Pages, visit: Visit) -> None:
    page = open_page(visit, pages["accountability"][0])
    shown = page.evaluate("govkg.visibleNodeIds().map(id => govkg.nodes.get(id).category)")
    assert "post" in shown and "objective" not in shown and "measure" not in shown
    page.evaluate(f"govkg.selectNode({CABINET_SECRETARY!r})")
    summary = page.inner_text("#details .summary")
    assert "Held to account by" in summary and "Prime Minister (" in summary
    assert "Sits on" in summary and "Civil Service Board" in summary
    held = page.inner_text("#details .summary dd").split(" · ")
    names = [h.rsplit(" (", 1)[0] for h in held]
    assert len(names) == len(set(names))  # each assessor once, its measures summed
    page.get_by_role("button", name="Show objectives, measures and milestones").click()
    shown = page.evaluate("govkg.visibleNodeIds().map(id => govkg.nodes.get(id).category)")
    assert "objective" in shown and "measure" in shown
    visit.screenshot("accountability-expanded")


def test_direct_edges_carry_their_measures(pages: Pages, visit: Visit) -> None:
    page = open_page(visit, pages["accountability"][0])
    weights = page.evaluate(
        """() => Object.entries(govkg.data.edgeDetails)
        .filter(([id, f]) => f.predicate.endsWith('#holdsToAccount')).map(([id, f]) => f.weight)"""
    )
    assert weights and all(w >= 1 for w in weights)


def test_back_forward_and_the_url_reopen_the_same_state(pages: Pages, visit: Visit) -> None:
    page = open_page(visit, pages["chain"][0])
    first, second = page.evaluate("govkg.visibleNodeIds().slice(1, 3)")
    page.evaluate(f"govkg.showNode({first!r})")
    page.evaluate(f"govkg.showNode({second!r})")
    run(page, "govkg.chart.setAll(null, true, () => { govkg.remember(); done(); })")
    page.go_back()
    page.wait_for_function("Object.keys(govkg.chart.pos).length < 100")
    page.go_back()
    page.wait_for_function(f"govkg.selected && govkg.selected.id === {first!r}")
    page.go_forward()
    page.wait_for_function(f"govkg.selected && govkg.selected.id === {second!r}")
    page.click("#forward")
    page.wait_for_function("Object.keys(govkg.chart.pos).length > 200")
    link = page.url
    assert "node=" in link and "open=" in link
    again = visit.page.context.new_page()
    again.goto(link)
    again.wait_for_function("window.govkg && govkg.ready === true && !govkg.restoring")
    assert again.evaluate("govkg.selected.id") == second
    assert again.evaluate("Object.keys(govkg.chart.pos).length") > 200
    assert second in again.inner_text("#details") or again.inner_text("#details .detail-title")
    again.close()


def test_hidden_types_are_kept_in_the_url(pages: Pages, visit: Visit) -> None:
    page = open_page(visit, pages["whole"][0])
    page.uncheck('input[data-category="measure"]')
    assert "hide=measure" in page.url
    again = visit.page.context.new_page()
    again.goto(page.url)
    again.wait_for_function("window.govkg && govkg.ready === true && !govkg.restoring")
    assert not again.is_checked('input[data-category="measure"]')
    hidden = again.evaluate(
        "govkg.visibleNodeIds().filter(id => govkg.nodes.get(id).category === 'measure').length"
    )
    assert hidden == 0
    again.close()


def test_a_path_is_recomputed_after_a_filter_change(pages: Pages, visit: Visit) -> None:
    page = open_page(visit, pages["whole"][0])
    ends = page.evaluate(
        """() => { for (const e of govkg.edges.get()) {
            const a = govkg.nodes.get(e.from), b = govkg.nodes.get(e.to);
            if (a.category === 'person' && b.category === 'post') return [b.id, a.id];
            if (a.category === 'post' && b.category === 'person') return [a.id, b.id]; } }"""
    )
    page.evaluate(f"govkg.setPathEnd('from', {ends[0]!r}); govkg.setPathEnd('to', {ends[1]!r})")
    assert page.inner_text("#path-status").startswith("Path (1 step)")
    page.uncheck('input[data-category="person"]')
    assert page.inner_text("#path-status").startswith("No path")
    page.check('input[data-category="person"]')
    assert page.inner_text("#path-status").startswith("Path (1 step)")


def test_highlight_colours_and_the_edge_legend(pages: Pages, visit: Visit) -> None:
    page = open_page(visit, pages["whole"][0])
    colours = page.evaluate("govkg.data.colours")
    node_colours = {c.lower() for c in page.evaluate("govkg.data.categories.map(c => c.colour)")}
    assert colours["selected"].lower() not in node_colours
    assert colours["path"].lower() not in node_colours
    families = page.evaluate("[...new Set(govkg.edges.get().map(e => e.family))].sort()")
    listed = page.evaluate(
        "[...document.querySelectorAll('#edge-legend li')].map(li => li.dataset.family).sort()"
    )
    assert listed == families and len(families) >= 4
    assert "subject to object" in page.inner_text("#legend")


def test_an_offline_page_says_how_to_get_another_view(pages: Pages, visit: Visit) -> None:
    page = open_page(visit, pages["chain"][0])
    page.select_option("#switch select[name=view]", "accountability")
    page.fill("#switch input[name=focus]", "Cabinet Secretary")
    page.click("#switch button[type=submit]")
    note = page.inner_text("#switch-note")
    assert "govkg viz --view accountability --focus 'Cabinet Secretary'" in note
    assert page.url.startswith("file:")


def test_the_overlap_check_finds_overlaps() -> None:
    """The helper the chart tests rely on: touching is fine, sharing area is not."""
    boxes: list[list[object]] = [["a", 0, 0, 10, 10], ["b", 5, 5, 15, 15], ["c", 10, 0, 20, 4]]
    assert overlaps(boxes) == [("a", "b")]


def test_the_served_page_switches_view_and_snapshot(
    viz_store: Path, browser: BrowserContext
) -> None:
    """Under `govkg serve`, the page's switcher draws another view and snapshot (§5)."""
    process, url = start_server(viz_store)
    page = browser.new_page()
    elsewhere: list[str] = []

    def local_only(route: Route) -> None:
        if route.request.url.startswith((url, "data:")):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", local_only)
    try:
        page.goto(f"{url}/explorer?view=accountability&focus=Cabinet%20Secretary")
        page.wait_for_function("window.govkg && govkg.ready === true", timeout=60_000)
        assert page.input_value("#switch input[name=focus]") == "Cabinet Secretary"
        page.select_option("#switch select[name=view]", "chain")
        page.fill("#switch input[name=focus]", "")
        page.select_option("#switch select[name=snapshot]", DCMS_SNAPSHOT)
        page.click("#switch button[type=submit]")
        page.wait_for_url("**/explorer?view=chain*", timeout=60_000)
        page.wait_for_function("window.govkg && govkg.ready === true", timeout=60_000)
        assert page.evaluate("govkg.data.view.kind") == "chain"
        assert page.evaluate("govkg.data.view.snapshot") == DCMS_SNAPSHOT
        assert page.evaluate("govkg.chart.roots[0]") == DCMS_TOP
        assert elsewhere == []
    finally:
        page.close()
        process.terminate()
        process.wait(20)


def test_a_laptop_screen_keeps_two_thirds_for_the_drawing(pages: Pages, visit: Visit) -> None:
    """At 1280x720 the side panels took half the width; now the drawing keeps two thirds,
    and the details panel opens when something is selected."""
    visit.page.set_viewport_size({"width": 1280, "height": 720})
    page = open_page(visit, pages["chain"][0])
    assert page.evaluate("document.getElementById('graph').clientWidth") >= 1280 * 2 / 3
    assert page.evaluate("govkg.labelPx()") >= MIN_PX
    page.evaluate("govkg.showNode(govkg.chart.roots[0])")
    assert page.is_visible("#details")
    visit.screenshot("chain-1280x720")
