"""Export the store's graphs as TriG, N-Quads, Turtle, N-Triples or JSON-LD.

Quad formats keep the named graphs (one per document, organogram snapshot, ontology);
triple formats (Turtle, N-Triples) write the union of the chosen graphs.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from common.errors import UsageError
from ontology.namespace import GK_IRI

FORMATS: dict[str, ox.RdfFormat] = {
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}
QUAD_FORMATS = {"trig", "nq", "jsonld"}
PREFIXES = {
    "gk": GK_IRI,
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def format_for(path: Path, name: str | None) -> str:
    """The export format: the one named, else guessed from the file extension."""
    fmt = name or path.suffix.lstrip(".").lower().replace("json-ld", "jsonld")
    if fmt not in FORMATS:
        raise UsageError(f"unknown RDF format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return fmt


def export(store: ox.Store, path: Path, fmt: str, graph_prefix: str | None = None) -> int:
    """Write the named graphs (those under graph_prefix, or all) to path; return the count."""
    quads = [
        q
        for q in store.quads_for_pattern(None, None, None, None)
        if isinstance(q.graph_name, ox.NamedNode)
        and (graph_prefix is None or q.graph_name.value.startswith(graph_prefix))
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt in QUAD_FORMATS:
        ox.serialize(quads, str(path), FORMATS[fmt], prefixes=_prefixes(fmt))
        return len(quads)
    triples = list(dict.fromkeys(q.triple for q in quads))
    ox.serialize(triples, str(path), FORMATS[fmt], prefixes=_prefixes(fmt))
    return len(triples)


def _prefixes(fmt: str) -> dict[str, str] | None:
    """Prefixes for the formats that use them."""
    return PREFIXES if fmt in {"trig", "ttl"} else None
