"""Safe RDF file loading: Turtle, N-Triples, RDF/XML, TriG or JSON-LD, chosen by extension.

Parse errors become `InputError("file:line: message")`; RDF/XML with a DOCTYPE/ENTITY
(billion laughs) and JSON-LD with a remote @context are refused; nothing is fetched; files
over MAX_BYTES are refused (docs/architecture.md §7). Named graphs (TriG, JSON-LD) are
merged into one graph.
"""

from __future__ import annotations

import io
import json
import re
import warnings
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.exceptions import ParserError
from rdflib.plugins.parsers.ntriples import NTGraphSink, W3CNTriplesParser

from common.errors import InputError

FORMATS = {".ttl": ("turtle", "Turtle"), ".nt": ("nt", "N-Triples"), ".trig": ("trig", "TriG")}
FORMATS |= dict.fromkeys((".rdf", ".owl", ".xml"), ("xml", "RDF/XML"))
FORMATS |= dict.fromkeys((".jsonld", ".json"), ("json-ld", "JSON-LD"))  # ext: (format, name)
MAX_BYTES = 256 * 1024 * 1024
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_LINE = re.compile(r"\bline (\d+)")
_BAD_SYNTAX = re.compile(r"Bad syntax \((.*?)\) at \^", re.DOTALL)


def load_rdf_file(path: str | Path, max_bytes: int = MAX_BYTES) -> Graph:
    """Parse an RDF file chosen by extension; named graphs (TriG, JSON-LD) are merged."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise InputError(f"{path}: unknown RDF file extension {path.suffix!r} (known: {known})")
    fmt, name = FORMATS[path.suffix.lower()]
    data = _read_bytes(path, max_bytes)
    if fmt == "xml":
        _refuse_dtd(path, data)
        return _parse(path, data, fmt, name)
    text = _decode(path, data)
    if fmt == "json-ld":
        _refuse_remote_contexts(path, text)
    if fmt == "nt":
        return _parse_ntriples(path, text)
    return _parse(path, text, fmt, name)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read a file, refusing one larger than max_bytes."""
    try:
        if (size := path.stat().st_size) > max_bytes:
            raise InputError(f"{path}: {size} bytes is over the {max_bytes}-byte input limit")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc


def _decode(path: Path, data: bytes) -> str:
    """Decode UTF-8 text, reporting the line of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n")
        raise InputError(f"{path}:{line + 1}: not UTF-8 ({exc.reason})") from exc


def _refuse_dtd(path: Path, data: bytes) -> None:
    """Refuse XML that declares a DOCTYPE or ENTITY (entity-expansion attacks)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    match = _DTD.search(data)
    if match:
        line = data[: match.start()].count(b"\n") + 1
        raise InputError(f"{path}:{line}: RDF/XML with a DTD is refused (billion laughs)")


def _refuse_remote_contexts(path: Path, text: str) -> None:
    """Refuse JSON-LD with a string (remote) or @import context anywhere in the document."""
    try:
        todo = [json.loads(text)]
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: JSON syntax error: {exc.msg}") from exc
    while todo:
        node = todo.pop()
        if isinstance(node, list):
            todo += node
        elif isinstance(node, dict):
            todo += node.values()
            context = node.get("@context")
            for item in context if isinstance(context, list) else [context]:
                if isinstance(item, str) or (isinstance(item, dict) and "@import" in item):
                    raise InputError(f"{path}: remote JSON-LD @context {item!r} is not fetched")


def _parse(path: Path, data: str | bytes, fmt: str, name: str) -> Graph:
    """Parse with rdflib, merging named graphs, mapping errors to file:line."""
    dataset = Dataset()
    try:
        with warnings.catch_warnings():  # rdflib 7.6 warns about its own use of ConjunctiveGraph
            warnings.simplefilter("ignore", DeprecationWarning)
            dataset.parse(data=data, format=fmt, publicID=path.resolve().as_uri())
    except Exception as exc:  # rdflib raises many exception types; all are input errors here
        line, message = _locate(exc)
        where = f"{path}:{line}" if line else str(path)
        raise InputError(f"{where}: {name} syntax error: {message}") from exc
    graph = Graph()
    graph += ((s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None)))
    return graph


def _locate(exc: Exception) -> tuple[int | None, str]:
    """Extract (line, message) from an rdflib or SAX parser exception."""
    get_line = getattr(exc, "getLineNumber", None)
    if callable(get_line):
        return int(get_line()), str(exc.getMessage())  # type: ignore[attr-defined]
    text = str(exc).strip() or repr(exc)
    line, detail = _LINE.search(text), _BAD_SYNTAX.search(text)
    message = detail.group(1) if detail else text.splitlines()[-1]
    return (int(line.group(1)) if line else None), message


class _CountingNTriplesParser(W3CNTriplesParser):
    """rdflib's N-Triples parser, counting lines so that errors can name one."""

    lineno = 0

    def readline(self) -> str | None:
        """Read one line (CR, LF or CRLF ended) and count it."""
        line = super().readline()
        if line is not None:
            self.lineno += 1
        return line


def _parse_ntriples(path: Path, text: str) -> Graph:
    """Parse N-Triples line by line, reporting the failing line number."""
    graph = Graph()
    parser = _CountingNTriplesParser(NTGraphSink(graph))
    try:
        parser.parse(io.StringIO(text, newline=""))
    except ParserError as exc:  # rdflib re-raises "Invalid line": the cause is the context
        message = str(exc.__context__ or exc)
        raise InputError(f"{path}:{parser.lineno}: N-Triples syntax error: {message}") from exc
    return graph
