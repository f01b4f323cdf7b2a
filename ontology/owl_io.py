"""Safe RDF loading and the rdflib → owlready2/HermiT bridge (docs/architecture.md §4, §7).

`load_rdf_file` parses Turtle, N-Triples, RDF/XML, TriG or JSON-LD by extension; parse errors
become `InputError("file:line: message")`; RDF/XML with a DOCTYPE/ENTITY (billion laughs) and
JSON-LD with a remote @context are refused; nothing is fetched. `prepare` keeps what OWL 2 DL
reasoning needs, so HermiT stays fast: reification (evidence) nodes are dropped (RDF-only, not
DL); data keep only rdf:type, OWL/RDFS axioms and the object / datatype properties the
ontology declares; the ontology also keeps RDFS annotations and its declared annotation
properties. owl:imports and owlready2's python_module annotations are always dropped
(owlready2 would fetch the one and import the other). `load_world` and `run_hermit` load
N-Triples (owlready2 cannot parse Turtle) into a private owlready2 World and run HermiT (the
bundled Pellet needs a newer Java than 17).
"""

from __future__ import annotations

import io
import json
import re
import shutil
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import owlready2
import owlready2.reasoning
from rdflib import OWL, RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.exceptions import ParserError
from rdflib.plugins.parsers.ntriples import NTGraphSink, W3CNTriplesParser

from common.errors import InputError

FORMATS = {".ttl": ("turtle", "Turtle"), ".nt": ("nt", "N-Triples"), ".trig": ("trig", "TriG")}
FORMATS |= dict.fromkeys((".rdf", ".owl", ".xml"), ("xml", "RDF/XML"))
FORMATS |= dict.fromkeys((".jsonld", ".json"), ("json-ld", "JSON-LD"))  # ext: (format, name)
MAX_BYTES = 256 * 1024 * 1024
JAVA_MEMORY_MB = 2000  # HermiT's -Xmx: plenty for the document graph, a twelfth of 24 GB
INSTALL_JAVA = "install a Java runtime (17 or newer): apt-get install default-jre-headless"
_BASE_IRI = "http://govkg.invalid/reasoning"
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_LINE = re.compile(r"\bline (\d+)")
_BAD_SYNTAX = re.compile(r"Bad syntax \((.*?)\) at \^", re.DOTALL)
_OWLREADY = "http://www.lesfleursdunormal.fr/static/_downloads/owlready_ontology.owl#"
_REIFICATION = {RDF.subject, RDF.predicate, RDF.object}
_RDFS_AXIOMS = {RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range}
OBJECT_PROPERTY_TYPES = {
    OWL[name + "Property"]
    for name in ("Object", "Transitive", "Symmetric", "Asymmetric", "Reflexive", "Irreflexive")
} | {OWL.InverseFunctionalProperty}


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


def declared(ontology: Graph, types: set[URIRef]) -> set[URIRef]:
    """IRIs the ontology types with one of the given (property) types."""
    return {s for t in types for s in ontology.subjects(RDF.type, t) if isinstance(s, URIRef)}


def prepare(ontology: Graph, data: Sequence[Graph]) -> tuple[Graph, int]:
    """Merge ontology and data into one OWL-DL-friendly graph; return it and the dropped count."""
    objects = declared(ontology, OBJECT_PROPERTY_TYPES)
    values = declared(ontology, {OWL.DatatypeProperty})
    annotations = declared(ontology, {OWL.AnnotationProperty})
    merged, dropped = Graph(), 0
    for graph, is_data in [(ontology, False), *((g, True) for g in data)]:
        skip = set(graph.subjects(RDF.type, RDF.Statement))
        if is_data:
            skip |= set(graph.subjects(RDF.type, OWL.Ontology))
        extra = set() if is_data else annotations
        for s, p, o in graph:
            if s not in skip and o not in skip and _keep(p, o, objects, values, extra, is_data):
                merged.add((s, p, o))
            else:
                dropped += 1
    return merged, dropped


def _keep(
    p: Any, o: Any, objects: set[URIRef], values: set[URIRef], extra: set[URIRef], is_data: bool
) -> bool:
    """Whether a triple with predicate p and object o is kept (see the module docstring)."""
    if p in _REIFICATION or p == OWL.imports or str(p).startswith(_OWLREADY):
        return False
    if p in objects or p == RDF.type:
        return not isinstance(o, Literal)
    if p in values:
        return isinstance(o, Literal)
    if p in (RDF.first, RDF.rest) or p.startswith(str(OWL)):
        return True
    if p.startswith(str(RDFS)):
        return p in _RDFS_AXIOMS or not is_data
    return p in extra


def require_java() -> None:
    """Raise InputError unless the Java runtime HermiT needs is on the PATH."""
    if shutil.which(owlready2.JAVA_EXE) is None:
        raise InputError(f"Java not found; the HermiT reasoner needs it: {INSTALL_JAVA}")


def load_world(graph: Graph) -> owlready2.World:
    """Load a graph into a new private owlready2 World through N-Triples."""
    world = owlready2.World()
    data = graph.serialize(format="nt", encoding="utf-8")
    try:
        world.get_ontology(_BASE_IRI).load(fileobj=io.BytesIO(data), format="ntriples")
    except Exception as exc:  # owlready2 raises bare Exceptions as well as its own
        world.close()
        raise InputError(f"owlready2 could not load the ontology: {exc}") from exc
    return world


def run_hermit(world: owlready2.World, infer_property_values: bool = False) -> bool:
    """Run HermiT on a World (results are written into it); False if inconsistent."""
    owlready2.reasoning.JAVA_MEMORY = JAVA_MEMORY_MB
    saved = tempfile.tempdir  # owlready2 leaves its temporary file behind on errors: contain it
    try:
        with tempfile.TemporaryDirectory(prefix="govkg-hermit-") as tempfile.tempdir:
            owlready2.sync_reasoner_hermit(
                world,
                infer_property_values=infer_property_values,
                debug=0,
                ignore_unsupported_datatypes=True,  # HermiT lacks xsd:date, xsd:gYear...
            )
    except owlready2.OwlReadyInconsistentOntologyError:
        return False
    except owlready2.OwlReadyJavaError as exc:
        lines = str(exc).strip().splitlines() or ["no output"]
        raise InputError(f"HermiT failed: {' '.join(lines[1:4]) or lines[0]}") from exc
    finally:
        tempfile.tempdir = saved
    return True
