"""The product is what `pip install` gives: a wheel installed into a fresh virtual
environment, outside the checkout, runs the main job (docs/architecture.md §3).

A hand-written package list once left `graphbuild.families` out of the wheel; only a
non-editable install showed it. This test builds the wheel from the checkout, installs it
(with its dependencies, from the package index or pip's cache) into a new venv, and runs
`govkg build`, a named query and `govkg viz` from an empty folder, so nothing of the
checkout can be imported by accident.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(args: list[str | Path], cwd: Path, timeout: float = 900) -> str:
    """Run a command; fail with its output when it exits non-zero."""
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{args} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from the checkout."""
    out = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q"]
    run([*pip, "-w", out, ROOT], cwd=ROOT)
    (found,) = out.glob("govkg-*.whl")
    return found


def test_the_wheel_holds_every_package_and_data_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    source_packages = {
        str(init.parent.relative_to(ROOT))
        for top in ("common", "govkg", "ontology", "graphbuild", "queries", "viz", "corpus")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert {f"{p}/__init__.py" for p in source_packages} <= names
    for data in (
        "ontology/govkg.ttl",
        "ontology/shapes.ttl",
        "ontology/vocab/org.ttl",
        "queries/who-holds-to-account.rq",
        "corpus/manifest.toml",
        "corpus/documents/cabinet-secretary-objectives-2015-16.txt",
        "corpus/organograms/dcms-2010-2015.csv",
        "viz/templates/explorer.html",
        "viz/templates/report.html",
        "graphbuild/families/layouts.toml",
        "govkg/server/static/index.html",
    ):
        assert data in names, data


@pytest.mark.slow
def test_a_clean_install_runs_the_main_job_outside_the_checkout(
    wheel: Path, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", venv], cwd=tmp_path)
    run([venv / "bin" / "python", "-m", "pip", "install", "-q", wheel], cwd=tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    govkg = venv / "bin" / "govkg"
    store = ["--store", "kg-store"]
    built = run([govkg, "build", *store, "--out", "graph.trig"], cwd=elsewhere)
    assert "built 5 of 5 documents" in built
    answer = run([govkg, "query", "who-holds-to-account", *store, "--format", "csv"], cwd=elsewhere)
    assert "Prime Minister" in answer
    run([govkg, "viz", *store, "-o", "explorer.html"], cwd=elsewhere)
    assert "vis-network" in (elsewhere / "explorer.html").read_text(encoding="utf-8")
    run([govkg, "report", *store, "-o", "report"], cwd=elsewhere)
    assert "<svg" in (elsewhere / "report" / "report.html").read_text(encoding="utf-8")
    # a document of no bundled layout needs the layouts data shipped in the wheel
    (elsewhere / "plan.txt").write_text(
        "Department for Transport improvement plan 2014\n\nGoal\tActions\tMeasures\n"
        "1. Run trains on time\tBuy trains; Hire drivers\tPunctuality\n",
        encoding="utf-8",
    )
    plan = run([govkg, "build", "plan.txt", "--store", "plan-store"], cwd=elsewhere)
    assert "[plan, text]" in plan and "1 objectives" in plan
    where = run(
        [venv / "bin" / "python", "-c", "import graphbuild.families as f; print(f.__file__)"],
        cwd=elsewhere,
    )
    assert str(venv) in where and str(ROOT) not in where
