"""The `govkg report` page in headless Chromium: offline, no console error, every chart drawn,
markup in labels shown as text (issue "govkg report", Tests and measures)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from browser.conftest import Visit, open_page

from queries.report import build_report
from viz.report_page import write_report


@pytest.fixture(scope="module")
def report_page(viz_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of the corpus, the 2013-09-30 organogram and the hostile document."""
    store = ox.Store.read_only(str(viz_store))
    return write_report(build_report(store), tmp_path_factory.mktemp("report"))


def test_report_renders_offline_with_every_chart(report_page: Path, visit: Visit) -> None:
    """No console error, no request leaves the file, each chart is an SVG with a size."""
    page = open_page(visit, report_page, ready=False)
    page.wait_for_load_state("load")
    figures = page.locator("figure.chart")
    assert figures.count() >= 3
    for index in range(figures.count()):
        box = figures.nth(index).locator("svg").bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 100
    assert page.locator("section#organograms table").count() >= 2
    assert visit.problems() == []
    visit.screenshot("report")


def test_markup_in_labels_is_text_on_the_report(report_page: Path, visit: Visit) -> None:
    """The hostile fixture's labels run no script: no dialog, no injected element."""
    page = open_page(visit, report_page, ready=False)
    page.wait_for_load_state("load")
    assert page.locator("main script, main img[src='x']").count() == 0
    assert visit.dialogs == []
