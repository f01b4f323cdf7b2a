"""Bad organogram input: one error per row with file and line, good rows load, store kept.

Issue 5, "Bad input": shifted columns, a missing header, an undecodable byte, an empty
file; exit 1 when partial, 2 when nothing is usable; a failed ingest loses nothing.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from govkg.cli import main
from graphbuild.organogram import store as organogram_store
from graphbuild.organogram.csvfile import decode
from graphbuild.organogram.ingest import build_organograms
from graphbuild.organogram.store import ingest_files, load_result

FIXTURES = Path(__file__).parent / "fixtures" / "organograms"
CLEAN = FIXTURES / "clean-2015-03-31-senior.csv"


def errors_of(name: str) -> list[str]:
    """The error lines of ingesting one fixture."""
    return [str(e) for e in build_organograms([FIXTURES / name]).errors]


def test_shifted_columns_one_error_per_row_good_rows_load() -> None:
    """Too few fields, one too many, text in FTE: three errors; the two good rows load."""
    name = "bad-shifted-columns-2015-03-31.csv"
    result = build_organograms([FIXTURES / name])
    assert [str(e).split(": ")[0] for e in result.errors] == [f"{name}:3", f"{name}:4", f"{name}:5"]
    assert "15 fields where the header has 19" in str(result.errors[0])
    assert "FTE 'Policy' is not a number" in str(result.errors[2])
    assert result.rows_loaded == 2 and result.partial


def test_missing_header_read_by_the_official_layout() -> None:
    """A file that lost its header but has the official width loads, with an error on line 1."""
    name = "bad-no-header-2015-03-31.csv"
    result = build_organograms([FIXTURES / name])
    assert len(result.errors) == 1
    assert str(result.errors[0]).startswith(f"{name}:1: no header row; read by the official senior")
    assert result.rows_loaded == 4


def test_missing_header_of_unknown_width_skips_the_file() -> None:
    """Without a header or the official width, the file is skipped with one error."""
    (error,) = errors_of("bad-no-header-unknown-layout-2015-03-31.csv")
    assert ":1: no header row found" in error


def test_undecodable_byte_is_an_error_for_its_row_only() -> None:
    """A UTF-8 file with a stray 0x81: that row is an error, the UTF-8 'Zoë' row loads."""
    name = "bad-undecodable-2015-03-31.csv"
    result = build_organograms([FIXTURES / name])
    (error,) = result.errors
    assert str(error).startswith(f"{name}:7: undecodable byte")
    assert result.rows_loaded == 5
    assert "Zoë Fifth" in result.trig


def test_windows_1252_is_not_an_error() -> None:
    """A legacy file decodes as Windows-1252 as a whole."""
    text, encoding, bad = decode("Pay (£)\n1,2\n".encode("cp1252"))
    assert (encoding, bad, text.splitlines()[0]) == ("cp1252", set(), "Pay (£)")


def test_empty_file() -> None:
    """An empty file is one error and nothing to load."""
    result = build_organograms([FIXTURES / "bad-empty-2015-03-31.csv"])
    assert [str(e) for e in result.errors] == [
        "bad-empty-2015-03-31.csv:1: empty file: no header and no rows"
    ]
    assert not result.usable


def test_missing_file_is_an_error_not_a_crash(tmp_path: Path) -> None:
    """A path that does not exist is reported like any unreadable file."""
    result = build_organograms([tmp_path / "nope.csv", CLEAN])
    assert str(result.errors[0]).startswith("nope.csv:0: cannot read file")
    assert result.rows_loaded == 4


def test_failed_load_restores_the_store(monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure half-way through writing leaves the earlier graph exactly as it was."""
    store = ox.Store()
    load_result(store, build_organograms([CLEAN]))
    before = sorted(map(str, store))
    calls = {"n": 0}
    real = ox.Store.bulk_load

    def failing(self: ox.Store, *args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError("disk full")
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(organogram_store.ox.Store, "bulk_load", failing, raising=True)
    with pytest.raises(OSError, match="disk full"):
        ingest_files(lambda: store, [CLEAN, FIXTURES / "loop-2015-03-31.csv"])
    monkeypatch.undo()
    assert sorted(map(str, store)) == before


def test_cli_exit_codes(tmp_path: Path) -> None:
    """0 complete, 1 partial (errors printed with file:line), 2 nothing usable."""
    runner = CliRunner()
    store = str(tmp_path / "store")
    ok = runner.invoke(main, ["ingest", "organogram", str(CLEAN), "--store", store])
    assert ok.exit_code == 0, ok.output
    partial = runner.invoke(
        main,
        [
            "ingest",
            "organogram",
            str(FIXTURES / "bad-shifted-columns-2015-03-31.csv"),
            "--store",
            store,
        ],
    )
    assert partial.exit_code == 1
    assert "error: bad-shifted-columns-2015-03-31.csv:3:" in partial.output
    empty = runner.invoke(
        main, ["ingest", "organogram", str(FIXTURES / "bad-empty-2015-03-31.csv"), "--store", store]
    )
    assert empty.exit_code == 2
    assert "nothing loaded" in empty.output
    bad_option = runner.invoke(
        main, ["ingest", "organogram", str(CLEAN), "--snapshot", "soon", "--store", store]
    )
    assert bad_option.exit_code == 2


def test_nothing_usable_creates_no_store(tmp_path: Path) -> None:
    """An unusable input does not leave an empty store behind."""
    store = tmp_path / "store"
    result = CliRunner().invoke(
        main,
        ["ingest", "organogram", str(FIXTURES / "bad-empty-2015-03-31.csv"), "--store", str(store)],
    )
    assert result.exit_code == 2
    assert not store.exists()
