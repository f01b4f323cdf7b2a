"""The named query library: `queries/*.rq` files with grlc-style headers.

See docs/architecture.md §2, §7.

Each file is one SPARQL 1.1 query (https://www.w3.org/TR/sparql11-query/) whose leading
comment lines starting with `#+` form a header, as in grlc (https://github.com/CLARIAH/grlc).
The header is a small YAML subset — `key: value` lines, and under `params:` a list of
mappings — so it also reads as YAML:

    #+ summary: Who holds a post or person to account, and for which objectives
    #+ cq: CQ2
    #+ description: Longer text (optional).
    #+ params:
    #+   - name: post
    #+     description: the post or person held to account (a label or an IRI)
    #+     type: iri
    #+     example: Head of the Civil Service
    #+     required: true
    #+     default: 2012/13

A parameter `name` is the SPARQL variable `?_name` (grlc's convention). `type` is `iri` (a
label or IRI, resolved by the runner), `date` (xsd:date), `integer` or `string`; `required`
defaults to true; an optional parameter left out stays unbound, unless it has a `default`.
Queries bind parameters through Oxigraph substitutions (SEP-0007), never by formatting
text, which brings three rules that `check_query` enforces: every parameter is projected
by the SELECT (a sub-SELECT that uses one projects it too); none is tested with BOUND()
(Oxigraph's optimizer takes it as never bound) nor used inside BIND except in a comparison
(`BIND(?_x AS ?y)` binds nothing); an optional parameter is tested with the idiom
`FILTER(COALESCE(?_x != ?_x, true) || <condition on ?_x>)`, true when it is unbound.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from common.errors import UsageError

PARAM_TYPES = ("iri", "date", "integer", "string")
_HEADER = re.compile(r"^#\+ ?(.*)$")
_KEY_VALUE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):\s*(?P<value>.*)$")
_PARAM_VAR = re.compile(r"[?$]_([A-Za-z]\w*)")
_BOUND = re.compile(r"\bBOUND\s*\(\s*[?$]_", re.IGNORECASE)
_BIND = re.compile(r"\bBIND\s*\(", re.IGNORECASE)
_COMPARED = re.compile(r"(?:[=<>]\s*[?$]_\w+|[?$]_\w+\s*(?:!=|[=<>]))")
_WHERE = re.compile(r"\bWHERE\b", re.IGNORECASE)


@dataclass(frozen=True)
class QueryParam:
    """One parameter of a named query: the SPARQL variable `?_<name>`."""

    name: str
    description: str
    type: str = "iri"
    example: str = ""
    required: bool = True
    default: str | None = None

    def usage(self) -> str:
        """One line for error messages and `govkg queries`: name, type, description."""
        need = "required" if self.required and self.default is None else "optional"
        extra = f", default {self.default}" if self.default else ""
        return f"{self.name} ({self.type}, {need}{extra}): {self.description} — e.g. {self.example}"


@dataclass(frozen=True)
class NamedQuery:
    """A query of the library: its name, header and SPARQL text."""

    name: str
    summary: str
    text: str
    cq: str = ""
    description: str = ""
    params: tuple[QueryParam, ...] = field(default_factory=tuple)

    def param(self, name: str) -> QueryParam | None:
        """The parameter called `name`, or None."""
        return next((p for p in self.params if p.name == name), None)

    def usage(self) -> str:
        """The parameters, one per line, or a note that there are none."""
        if not self.params:
            return f"{self.name} takes no parameters"
        lines = [f"parameters of {self.name}:"] + [f"  {p.usage()}" for p in self.params]
        return "\n".join(lines)


def _scalar(value: str) -> str:
    """A YAML scalar without its quotes."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def parse_header(text: str) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The `#+` header of a query: its top-level keys and its list of parameter mappings."""
    keys: dict[str, str] = {}
    params: list[dict[str, str]] = []
    for raw in text.splitlines():
        match = _HEADER.match(raw.strip())
        if match is None:
            continue
        line = match.group(1)
        body = line.strip()
        if body.startswith("- "):
            params.append({})
            body = body[2:].strip()
        kv = _KEY_VALUE.match(body)
        if kv is None:
            continue
        if line[:1].isspace() or line.lstrip().startswith("- "):
            if params:
                params[-1][kv.group("key")] = _scalar(kv.group("value"))
        else:
            keys[kv.group("key")] = _scalar(kv.group("value"))
    return keys, params


def _param(raw: dict[str, str], source: str) -> QueryParam:
    """A QueryParam from its header mapping."""
    kind = raw.get("type", "iri")
    if kind not in PARAM_TYPES or "name" not in raw:
        raise ValueError(f"{source}: parameter {raw} needs a name and a type in {PARAM_TYPES}")
    return QueryParam(
        name=raw["name"],
        description=raw.get("description", ""),
        type=kind,
        example=raw.get("example", ""),
        required=raw.get("required", "true").lower() != "false",
        default=raw.get("default"),
    )


def parse_query(name: str, text: str) -> NamedQuery:
    """A NamedQuery from the text of an .rq file."""
    keys, params = parse_header(text)
    return NamedQuery(
        name=name,
        summary=keys.get("summary", ""),
        text=text,
        cq=keys.get("cq", ""),
        description=keys.get("description", ""),
        params=tuple(_param(p, name) for p in params),
    )


def check_query(query: NamedQuery) -> list[str]:
    """The header and binding rules a query breaks (an empty list when it is sound)."""
    problems = [] if query.summary else ["no '#+ summary:' line"]
    body = "\n".join(ln for ln in query.text.splitlines() if not ln.lstrip().startswith("#"))
    used = set(_PARAM_VAR.findall(body))
    declared = {p.name for p in query.params}
    problems += [f"?_{v} is used but not declared in '#+ params:'" for v in sorted(used - declared)]
    problems += [
        f"parameter {v} is declared but ?_{v} is not used" for v in sorted(declared - used)
    ]
    select = _WHERE.split(body, maxsplit=1)[0]
    problems += [
        f"?_{v} is not projected by the SELECT" for v in sorted(declared) if f"?_{v}" not in select
    ]
    problems += ["BOUND() on a parameter is always false"] if _BOUND.search(body) else []
    return problems + _bind_misuse(body)


def _bind_misuse(body: str) -> list[str]:
    """Parameters used in a BIND expression other than in a comparison."""
    problems = []
    for match in _BIND.finditer(body):
        depth, end = 1, match.end()
        while end < len(body) and depth:
            depth += {"(": 1, ")": -1}.get(body[end], 0)
            end += 1
        expression = _COMPARED.sub(" ", body[match.end() : end])
        problems += [
            f"?_{v} is bound by BIND (binds nothing)" for v in _PARAM_VAR.findall(expression)
        ]
    return problems


def _query_files(directory: Path | None) -> dict[str, str]:
    """name -> text of every .rq file in the directory (the package's own by default)."""
    if directory is not None:
        return {p.stem: p.read_text(encoding="utf-8") for p in sorted(directory.glob("*.rq"))}
    root = resources.files("queries")
    return {
        entry.name[:-3]: entry.read_text(encoding="utf-8")
        for entry in sorted(root.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".rq")
    }


@lru_cache(maxsize=4)
def load_catalog(directory: Path | None = None) -> dict[str, NamedQuery]:
    """Every named query of the library, by name (cached)."""
    return {name: parse_query(name, text) for name, text in _query_files(directory).items()}


def get_query(name: str, catalog: dict[str, NamedQuery] | None = None) -> NamedQuery:
    """The named query, or a UsageError naming the closest names."""
    catalog = load_catalog() if catalog is None else catalog
    if name in catalog:
        return catalog[name]
    close = difflib.get_close_matches(name, list(catalog), n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}?" if close else "run `govkg queries` for the list"
    raise UsageError(f"unknown query {name!r}: {hint}")
