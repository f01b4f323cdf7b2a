"""The example notebook examples/accountability.ipynb runs from top to bottom.

Its code cells are executed in order in one namespace, as a Jupyter kernel would, and each
cell's last expression is displayed through `_repr_html_` when it has one. This needs no
Jupyter kernel (no nbclient/ipykernel dependency): the notebook is plain nbformat 4 JSON.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

NOTEBOOK = Path(__file__).parent.parent / "examples" / "accountability.ipynb"


def run_cell(source: str, namespace: dict[str, Any]) -> Any:
    """Execute a cell; return the value of its last expression (None if it ends otherwise)."""
    tree = ast.parse(source)
    last = tree.body[-1] if tree.body else None
    if not isinstance(last, ast.Expr):
        exec(compile(tree, str(NOTEBOOK), "exec"), namespace)
        return None
    tree.body.pop()
    exec(compile(tree, str(NOTEBOOK), "exec"), namespace)
    return eval(compile(ast.Expression(last.value), str(NOTEBOOK), "eval"), namespace)


def test_notebook_runs_and_displays() -> None:
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert notebook["nbformat"] == 4
    namespace: dict[str, Any] = {}
    shown = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            value = run_cell("".join(cell["source"]), namespace)
            shown.append(value._repr_html_() if hasattr(value, "_repr_html_") else repr(value))
    assert "who-holds-to-account" in shown[0]
    assert "Lead Non-Executive Director" in shown[1] and shown[1].startswith("<table>")
    assert "Sir Bob Kerslake" in shown[2]
    assert "Civil Service Board" in shown[3]
    assert "2012-07-31" in shown[4]
    assert "cabinet-secretary-objectives-2015-16" in shown[5]
