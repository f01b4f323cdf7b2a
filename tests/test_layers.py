"""No module imports a layer above its own (docs/architecture.md §3).

The layers, bottom to top: `common` (errors, SPARQL scanning) < `ontology` < `graphbuild` <
`queries` < `viz` < `govkg` (API, server, CLI); `corpus` holds data only. Inside `govkg`
the command line is the top: nothing else imports `govkg.cli`. Every import is checked,
including the lazy ones inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["common", "ontology", "graphbuild", "queries", "viz", "govkg"]


def modules() -> list[Path]:
    """Every Python file of the installable packages."""
    return sorted(p for layer in [*LAYERS, "corpus"] for p in (ROOT / layer).rglob("*.py"))


def imported(path: Path) -> set[str]:
    """Dotted names of everything the module imports, at any depth."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def layer_of(name: str) -> int:
    """The layer index of a first-party module name (-1 for corpus and third-party)."""
    top = name.split(".")[0]
    return LAYERS.index(top) if top in LAYERS else -1


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_imports_a_layer_above_it(path: Path) -> None:
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    own = layer_of(module)  # corpus: data only (-1), may import nothing of ours
    above = sorted(n for n in imported(path) if layer_of(n) > own)
    assert not above, f"{module} imports from a higher layer: {above}"
    if not module.startswith("govkg.cli"):
        assert not [n for n in imported(path) if n.startswith("govkg.cli")], module


def test_the_walk_sees_a_violation(tmp_path: Path) -> None:
    """The checker itself fails on a lower layer importing the top one."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from govkg.store import open_store\n")
    assert "govkg.store" in imported(bad)
    assert layer_of("govkg.store") > layer_of("queries.runner") > layer_of("common.errors")


def test_govkg_iris_are_spelled_only_in_the_namespace_module() -> None:
    """Every govkg IRI in code comes from ontology/namespace.py."""
    spelled = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in modules()
        if p != ROOT / "ontology" / "namespace.py"
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if "w3id.org/govkg" in line
    ]
    assert not spelled
