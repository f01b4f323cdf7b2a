"""Stores for the explorer's tests: the built corpus, an organogram, hostile labels.

`build_store` builds the bundled corpus into an on-disk Oxigraph store, ingests the Cabinet
Office 2013-09-30 organogram (senior and junior files) and DCMS's ten releases through the
CLI, and adds one hand-made document graph whose labels and quotes are markup
(`<img src=x onerror=...>`), to prove the page shows them as text.
`add_synthetic_organogram` writes a small reporting tree for tests that must not depend on
the real organogram's details.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner
from stores import corpus_on_disk

from govkg.cli import main

ROOT = Path(__file__).resolve().parents[2]
ORGANOGRAMS = ROOT / "corpus" / "organograms"
CO_SNAPSHOT = ("cabinet-office-2013-09-30-senior.csv", "cabinet-office-2013-09-30-junior.csv")
DCMS_RELEASES = "dcms-2010-2015.csv"  # ten releases; 2015-03-31's top post reports to itself
DCMS_SNAPSHOT = "department-for-culture-media-and-sport/2015-03-31"
DCMS_TOP = (
    "https://w3id.org/govkg/id/organogram/department-for-culture-media-and-sport/post/DCMS4001"
)
CO_GRAPH = "https://w3id.org/govkg/graph/organogram/cabinet-office/2013-09-30"
HOSTILE_LABEL = "<img src=x onerror=alert(1)>"
HOSTILE_ALT = "<script>alert(2)</script>"
HOSTILE_QUOTE = '<b onmouseover="alert(3)">Hostile Person</b> is the Cabinet Secretary'
HOSTILE_DOC_TITLE = "<svg onload=alert(4)>"
HOSTILE_PERSON = "https://w3id.org/govkg/id/person/hostile-fixture"
CABINET_SECRETARY = "https://w3id.org/govkg/id/post/cabinet-secretary"
GK = "https://w3id.org/govkg/def#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
ORG = "http://www.w3.org/ns/org#"
XSD_INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def n(iri: str) -> ox.NamedNode:
    """A named node."""
    return ox.NamedNode(iri)


def build_store(path: Path, organogram: bool = True) -> Path:
    """The corpus (and optionally the 2013-09-30 organogram) plus the hostile document."""
    corpus_on_disk(path)
    if organogram:
        files = [str(ORGANOGRAMS / name) for name in (*CO_SNAPSHOT, DCMS_RELEASES)]
        result = CliRunner().invoke(main, ["ingest", "organogram", *files, "--store", str(path)])
        assert result.exit_code == 0, result.output
    store = ox.Store(str(path))
    add_hostile_document(store)
    store.flush()
    store.optimize()
    del store  # close the writer before anyone opens the folder read-only
    gc.collect()
    return path


def evidence(
    graph: ox.NamedNode, key: str, fact: tuple[ox.NamedNode, str, ox.NamedNode | ox.Literal]
) -> list[ox.Quad]:
    """One fact and its evidence statement, as graphbuild/facts.py writes them."""
    s, p, o = fact
    ev = n(f"https://w3id.org/govkg/id/evidence/hostile-fixture/{key}")
    doc = n("https://w3id.org/govkg/id/doc/hostile-fixture")
    return [
        ox.Quad(s, n(p), o, graph),
        ox.Quad(ev, n(RDF + "type"), n(RDF + "Statement"), graph),
        ox.Quad(ev, n(RDF + "subject"), s, graph),
        ox.Quad(ev, n(RDF + "predicate"), n(p), graph),
        ox.Quad(ev, n(RDF + "object"), o, graph),
        ox.Quad(ev, n("http://www.w3.org/ns/prov#wasDerivedFrom"), doc, graph),
        ox.Quad(ev, n(GK + "quote"), ox.Literal(HOSTILE_QUOTE), graph),
        ox.Quad(ev, n(GK + "quoteStart"), ox.Literal("0", datatype=XSD_INT), graph),
        ox.Quad(
            ev, n(GK + "quoteEnd"), ox.Literal(str(len(HOSTILE_QUOTE)), datatype=XSD_INT), graph
        ),
        ox.Quad(ev, n(GK + "line"), ox.Literal("1", datatype=XSD_INT), graph),
    ]


def add_hostile_document(store: ox.Store) -> None:
    """A document whose person, alt label, quote and title are all markup."""
    graph = n("https://w3id.org/govkg/graph/doc/hostile-fixture")
    person = n(HOSTILE_PERSON)
    doc = n("https://w3id.org/govkg/id/doc/hostile-fixture")
    quads = [
        ox.Quad(doc, n(RDF + "type"), n(GK + "Document"), graph),
        ox.Quad(doc, n(RDFS + "label"), ox.Literal(HOSTILE_DOC_TITLE), graph),
        ox.Quad(
            person,
            n("http://www.w3.org/2004/02/skos/core#altLabel"),
            ox.Literal(HOSTILE_ALT),
            graph,
        ),
    ]
    quads += evidence(graph, "type", (person, RDF + "type", n("http://xmlns.com/foaf/0.1/Person")))
    quads += evidence(graph, "label", (person, RDFS + "label", ox.Literal(HOSTILE_LABEL)))
    quads += evidence(graph, "holds", (person, ORG + "holds", n(CABINET_SECRETARY)))
    store.extend(quads)


def add_synthetic_organogram(store: ox.Store, department: str = "widgets") -> dict[str, str]:
    """A seven-post reporting tree (one top, two directors, four deputies) with holders."""
    graph = n(f"https://w3id.org/govkg/graph/organogram/{department}/2020-03-31")
    base = f"https://w3id.org/govkg/id/organogram/{department}/post/"
    tree = {"1": None, "2": "1", "3": "1", "4": "2", "5": "2", "6": "3", "7": "3"}
    names = {"1": "Chief Widget Officer", "2": "Director, Sprockets", "3": "Director, Cogs"}
    quads = []
    for ref, boss in tree.items():
        post = n(base + ref)
        label = names.get(ref, f"Deputy Director, Widget Team {ref}")
        quads += [
            ox.Quad(post, n(RDF + "type"), n(ORG + "Post"), graph),
            ox.Quad(post, n(RDFS + "label"), ox.Literal(label), graph),
            ox.Quad(post, n(GK + "sourceRow"), ox.Literal(f"widgets.csv:{int(ref) + 1}"), graph),
        ]
        if boss:
            quads.append(ox.Quad(post, n(ORG + "reportsTo"), n(base + boss), graph))
    person = n("https://w3id.org/govkg/id/person/wendy-widget")
    quads += [
        ox.Quad(person, n(RDF + "type"), n("http://xmlns.com/foaf/0.1/Person"), graph),
        ox.Quad(person, n("http://xmlns.com/foaf/0.1/name"), ox.Literal("Wendy Widget"), graph),
        ox.Quad(n(base + "2"), n(ORG + "heldBy"), person, graph),
    ]
    store.extend(quads)
    return {ref: base + ref for ref in tree}
