"""Pages for people: the query page, the explorer, the named query list and small notes.

The query page is our own (static/index.html, app.js, style.css: no CDN, no inline script,
a strict Content-Security-Policy) and queries this server's `/sparql` by default. The
explorer is the self-contained HTML that `govkg viz` writes (issue 6), served from the file
given with `govkg serve --explorer FILE` or found at EXPLORER_CANDIDATES; without one, a page
says how to generate it. The named query list follows the grlc-style headers of queries/*.rq.
"""

from __future__ import annotations

import difflib
import html
import json
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from govkg.server.engine import Reply, error
from govkg.server.results import MEDIA

if TYPE_CHECKING:
    from govkg.server.app import ServerConfig

STATIC_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
}
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self' http: https:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
EXPLORER_CANDIDATES = (Path("out/govkg-explorer.html"), Path("out/explorer.html"))
FORMAT_MEDIA = {**{k: v.split(";")[0] for k, v in MEDIA.items()}, "ttl": "text/turtle"}
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_-]+\.[a-z]+$")


def _static(name: str) -> Reply | None:
    """A file of the package's static folder, by plain name only (no paths)."""
    if not _SAFE_NAME.match(name) or Path(name).suffix not in STATIC_TYPES:
        return None
    entry = resources.files("govkg.server").joinpath("static", name)
    if not entry.is_file():
        return None
    headers = {"Content-Security-Policy": CSP, "Cache-Control": "no-cache"}
    return Reply(200, STATIC_TYPES[Path(name).suffix], entry.read_bytes(), headers)


def explorer_file(config: ServerConfig) -> Path | None:
    """The explorer HTML to serve: the configured file, else a conventional output path."""
    if config.explorer is not None:
        return config.explorer if config.explorer.is_file() else None
    return next((p for p in EXPLORER_CANDIDATES if p.is_file()), None)


def explorer(config: ServerConfig) -> Reply:
    """The explorer page, or a page that says how to generate it."""
    path = explorer_file(config)
    if path is not None:
        return Reply(
            200, "text/html; charset=utf-8", path.read_bytes(), {"Cache-Control": "no-cache"}
        )
    wanted = html.escape(str(config.explorer or EXPLORER_CANDIDATES[0]))
    body = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>govkg explorer: not generated yet</title><link rel="stylesheet" href="/static/style.css">
</head><body><main><h1>The explorer has not been generated yet</h1>
<p>Write it with <code>govkg viz -o {wanted}</code>, then restart with
<code>govkg serve --explorer {wanted}</code>.</p>
<p><a href="/">Back to the query page</a></p></main></body></html>"""
    return Reply(
        404, "text/html; charset=utf-8", body.encode("utf-8"), {"Content-Security-Policy": CSP}
    )


def truncated_note(config: ServerConfig) -> Reply:
    """What a truncated answer means (linked from truncated results)."""
    limit = config.limits.max_rows
    text = (
        f"This answer was truncated: the server returns at most {limit} rows (or triples) "
        "per query. Add LIMIT/OFFSET to page through the rest, narrow the query, or run "
        "`govkg serve --max-rows N` with a higher limit.\n"
    )
    return Reply(200, "text/plain; charset=utf-8", text.encode("utf-8"))


def page(path: str, config: ServerConfig) -> Reply:
    """The page at a path: query page, static file, explorer, notes; else 404."""
    if path in {"/", "/index.html"}:
        reply = _static("index.html")
    elif path.startswith("/static/"):
        reply = _static(path[len("/static/") :])
    elif path == "/about/truncated":
        reply = truncated_note(config)
    else:
        reply = None
    return reply or error(404, f"nothing at {path}: try /, /sparql, /queries or /explorer")


def query_list() -> Reply:
    """Every named query with its summary and parameters, as JSON."""
    from queries.catalog import load_catalog

    listed = [
        {
            "name": q.name,
            "summary": q.summary,
            "cq": q.cq,
            "description": q.description,
            "url": f"/queries/{q.name}",
            "params": [
                {
                    "name": p.name,
                    "type": p.type,
                    "description": p.description,
                    "example": p.example,
                    "required": p.required and p.default is None,
                    "default": p.default,
                }
                for p in q.params
            ],
        }
        for q in load_catalog().values()
    ]
    body = json.dumps({"queries": listed}, ensure_ascii=False, indent=1).encode("utf-8")
    return Reply(200, "application/json", body)


def unknown_query(name: str) -> Reply:
    """404 for a name that is not in the library, with the closest names."""
    from queries.catalog import load_catalog

    close = difflib.get_close_matches(name, list(load_catalog()), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see /queries for the list"
    return error(404, f"unknown query {name!r}{hint}")
