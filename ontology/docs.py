"""A readable reference of the govkg ontology, in the manner of pyLODE and WIDOCO.

See docs/architecture.md §4.

One self-contained HTML page (index.html: inline CSS, in-page links only, Jinja2 autoescape on)
and/or Markdown (ontology.md): metadata, then each govkg class (grouped), property and reference
individual with its label, definition, sources, axioms and the competency questions it serves.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from jinja2 import Environment, PackageLoader
from markupsafe import Markup
from rdflib import Graph

from ontology import load_ontology
from ontology.docs_model import Reference

OUTPUTS = {"html": ["index.html"], "markdown": ["ontology.md"]}
OUTPUTS["both"] = OUTPUTS["html"] + OUTPUTS["markdown"]


def escape_markdown(value: object) -> str:
    """Make a value safe inside Markdown text and table cells (no raw HTML, no pipes)."""
    if isinstance(value, Markup):  # macro output, already escaped
        return str(value)
    text = "" if value is None else " ".join(str(value).split())
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text.replace("\\", "\\\\"))
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def write_docs(
    out_dir: Path, fmt: Literal["html", "markdown", "both"] = "both", graph: Graph | None = None
) -> list[Path]:
    """Write index.html and/or ontology.md for the ontology into out_dir; return the paths."""
    context = Reference(load_ontology() if graph is None else graph).context()
    out_dir.mkdir(parents=True, exist_ok=True)
    loader = PackageLoader("ontology", "templates")
    for name in OUTPUTS[fmt]:  # HTML is autoescaped; Markdown is escaped by finalize
        md = name.endswith(".md")
        finalize = escape_markdown if md else None
        env = Environment(loader=loader, autoescape=not md, finalize=finalize)
        template = env.get_template(f"{name}.j2")
        (out_dir / name).write_text(template.render(**context), encoding="utf-8")
    return [out_dir / name for name in OUTPUTS[fmt]]
