"""The scripts and styles the explorer page inlines, so it works offline with no CDN.

vis-network 9.1.2 (JS and CSS) is read from the copy that ships inside the pyvis package
(`pyvis/templates/lib/vis-9.1.2/`): pyvis's own `in_line` mode still loads Bootstrap and
tom-select from a CDN (docs/architecture.md §8), so we inline the library ourselves. Our small app
(viz/assets/*.js, *.css) is inlined the same way. Every text is checked before it is
marked safe: a `</script` or `</style` inside would end its element early.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import pyvis
from markupsafe import Markup

VIS_VERSION = "9.1.2"
APP_SCRIPTS = ("graph.js", "orgchart.js", "state.js", "panel.js", "tools.js", "switch.js", "app.js")
APP_STYLES = ("explorer.css",)
_CLOSERS = re.compile(r"</(script|style)", re.IGNORECASE)
_EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


@dataclass(frozen=True)
class Assets:
    """Everything the page inlines, already checked and marked safe."""

    vis_js: Markup
    vis_css: Markup
    app_js: Markup
    app_css: Markup


def vis_folder() -> Path:
    """Where pyvis keeps its copy of vis-network."""
    return Path(pyvis.__file__).parent / "templates" / "lib" / f"vis-{VIS_VERSION}"


def checked(text: str, name: str) -> Markup:
    """Mark a trusted file safe to inline, refusing one that could end its element early
    or that points a src or href at another host."""
    if _CLOSERS.search(text):
        raise ValueError(f"{name} contains a closing script or style tag: cannot inline it")
    if _EXTERNAL.search(text):
        raise ValueError(f"{name} points a src or href at an external URL")
    return Markup(text)


def _own(name: str) -> str:
    """One of the app's files from viz/assets."""
    return resources.files("viz").joinpath("assets", name).read_text(encoding="utf-8")


@cache
def load() -> Assets:
    """Read and check the inlined assets once per process."""
    folder = vis_folder()
    vis_js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    vis_css = (folder / "vis-network.css").read_text(encoding="utf-8")
    app_js = "\n".join(f"// {name}\n{_own(name)}" for name in APP_SCRIPTS)
    app_css = "\n".join(_own(name) for name in APP_STYLES)
    return Assets(
        vis_js=checked(vis_js, "vis-network.min.js"),
        vis_css=checked(vis_css, "vis-network.css"),
        app_js=checked(app_js, "viz/assets/*.js"),
        app_css=checked(app_css, "viz/assets/*.css"),
    )
