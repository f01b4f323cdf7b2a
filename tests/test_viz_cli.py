"""`govkg viz` from the command line: the default output path, every view, bad input.

An unknown focus label fails with the closest labels (exit 2), an unknown snapshot lists
the snapshots, a missing store exits 3 with a build hint, and an empty graph still writes
a page that says so (issue 6: never a page that fails silently).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from browser.viz_data import build_store
from click.testing import CliRunner, Result

from govkg.cli import main


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus and the Cabinet Office 2013-09-30 organogram in an on-disk store."""
    return build_store(tmp_path_factory.mktemp("vizcli") / "store")


def viz(*args: str) -> Result:
    """Run `govkg viz ARGS`."""
    return CliRunner().invoke(main, ["viz", *args])


def test_default_output_is_printed(
    store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole-corpus explorer goes to out/govkg-explorer.html, and the path is printed."""
    monkeypatch.chdir(tmp_path)
    result = viz("--store", str(store_path))
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == str(Path("out") / "govkg-explorer.html")
    page = (tmp_path / "out" / "govkg-explorer.html").read_text(encoding="utf-8")
    assert "Whole corpus graph" in page and "nodes" in result.output


@pytest.mark.parametrize(
    ("args", "title"),
    [
        (["--view", "ego", "--focus", "MCO", "--depth", "1"], "Within 1 hop of Minister for"),
        (["--view", "chain", "--snapshot", "2013-09-30"], "cabinet-office 2013-09-30"),
        (["--view", "chain", "--focus", "Jeremy Heywood"], "through Jeremy Heywood"),
        (["--view", "accountability", "--focus", "gki:post/cabinet-secretary"], "Accountability"),
    ],
)
def test_each_view_writes_its_page(
    store_path: Path, tmp_path: Path, args: list[str], title: str
) -> None:
    """Every view is reachable from the CLI and writes where -o says."""
    out = tmp_path / "page.html"
    result = viz(*args, "-o", str(out), "--store", str(store_path))
    assert result.exit_code == 0, result.output
    assert title in result.output and out.exists() and str(out) in result.output


def test_unknown_focus_lists_the_closest_labels(store_path: Path, tmp_path: Path) -> None:
    """A misspelt label exits 2 with suggestions, no traceback, and no page."""
    out = tmp_path / "page.html"
    result = viz(
        "--view", "ego", "--focus", "Cabinet Secretry", "-o", str(out), "--store", str(store_path)
    )
    assert result.exit_code == 2
    assert "did you mean 'Cabinet Secretary'" in result.output and "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--view", "ego"], "needs --focus"),
        (["--view", "chain", "--snapshot", "1999-01-01"], "cabinet-office/2013-09-30"),
        (["--view", "ego", "--focus", "x", "--depth", "-1"], "-1"),
        (["--view", "sideways"], "sideways"),
    ],
)
def test_bad_arguments_exit_2(store_path: Path, args: list[str], message: str) -> None:
    """Missing focus, unknown snapshot, negative depth, unknown view: exit 2 with the reason."""
    result = viz(*args, "--store", str(store_path))
    assert result.exit_code == 2 and message in result.output


def test_empty_graph_writes_a_page_that_says_so(tmp_path: Path) -> None:
    """An empty store: exit 0, a warning, and a page saying there is nothing to draw."""
    empty = tmp_path / "empty"
    ox.Store(str(empty)).flush()
    out = tmp_path / "empty.html"
    result = viz("-o", str(out), "--store", str(empty))
    assert result.exit_code == 0 and "warning:" in result.output
    page = out.read_text(encoding="utf-8")
    assert "Nothing to draw" in page and "govkg build" in page


def test_missing_store_exits_3(tmp_path: Path) -> None:
    """No store: the build hint and exit 3, as every command."""
    result = viz("--store", str(tmp_path / "none"))
    assert result.exit_code == 3 and "govkg build" in result.output
