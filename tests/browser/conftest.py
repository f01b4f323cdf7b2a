"""Headless Chromium (Debian's) with the network off, for the explorer's browser tests.

Playwright drives /usr/bin/chromium (never a downloaded browser: no `playwright install`)
with a fresh user-data-dir, and every page aborts any request that is not file: or data:,
recording it. Console messages, page errors and dialogs are recorded so tests can assert
that a page logged no error and ran no injected script. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest
from browser.viz_data import DCMS_SNAPSHOT, build_store
from playwright.sync_api import BrowserContext, Dialog, Page, Route, sync_playwright

from viz.explorer import Request, build_view
from viz.model import View
from viz.render import write

CHROMIUM = os.environ.get("GOVKG_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
READY = "window.govkg !== undefined && window.govkg.ready === true"
PAGES = {
    "whole": Request("whole"),
    "ego": Request("ego", focus="Cabinet Secretary", depth=1),
    "chain": Request("chain", snapshot="cabinet-office/2013-09-30"),
    "accountability": Request("accountability", focus="Cabinet Secretary"),
    "capped": Request("whole", limit=60),
    "dcms": Request("chain", snapshot=DCMS_SNAPSHOT),
}


@dataclass
class Visit:
    """A page opened offline and what it did: console lines, errors, blocked requests."""

    page: Page
    console: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """Console errors and warnings, page errors, blocked requests and dialogs."""
        bad = [
            f"console {kind}: {text}" for kind, text in self.console if kind in ("error", "warning")
        ]
        return bad + self.errors + [f"request {u}" for u in self.blocked] + self.dialogs

    def dismiss(self, dialog: Dialog) -> None:
        """Record a dialog (an alert means injected script ran) and close it."""
        self.dialogs.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def screenshot(self, name: str) -> Path:
        """Keep a screenshot as a test artifact."""
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path


@pytest.fixture(scope="session")
def viz_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built corpus, the Cabinet Office 2013-09-30 organogram and a hostile document."""
    return build_store(tmp_path_factory.mktemp("viz") / "store")


@pytest.fixture(scope="session")
def pages(
    viz_store: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[Path, View]]:
    """One explorer page per view, written once for the session."""
    folder = tmp_path_factory.mktemp("pages")
    store = ox.Store.read_only(str(viz_store))
    written = {}
    for name, request in PAGES.items():
        view = build_view(store, request)
        written[name] = (write(view, folder / f"{name}.html"), view)
    empty = tmp_path_factory.mktemp("empty") / "store"
    ox.Store(str(empty)).flush()
    view = build_view(ox.Store.read_only(str(empty)), Request("whole"))
    written["empty"] = (write(view, folder / "empty.html"), view)
    return written


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    """Debian's Chromium, headless, fresh profile, background networking off."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: install Debian's `chromium` (.ci/run does)")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")),
            executable_path=CHROMIUM,
            headless=True,
            args=ARGS,
            viewport={"width": 1600, "height": 1000},
            accept_downloads=True,
        )
        yield context
        context.close()


def offline(visit: Visit) -> None:
    """Abort every request that is not file: or data:, remembering it."""

    def handle(route: Route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            visit.blocked.append(url)
            route.abort()

    visit.page.route("**/*", handle)


@pytest.fixture()
def visit(browser: BrowserContext) -> Iterator[Visit]:
    """A fresh tab, offline, recording console, errors and dialogs."""
    page = browser.new_page()
    seen = Visit(page)
    offline(seen)
    page.on("console", lambda m: seen.console.append((m.type, m.text)))
    page.on("pageerror", lambda e: seen.errors.append(f"page error: {e}"))
    page.on("dialog", lambda d: seen.dismiss(d))
    yield seen
    page.close()


def open_page(visit: Visit, path: Path, ready: bool = True) -> Page:
    """Load a written page and wait until its drawing is stable."""
    visit.page.goto(path.as_uri())
    if ready:
        visit.page.wait_for_function(READY, timeout=20_000)
    return visit.page
