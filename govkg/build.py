"""Build the corpus graph into the store: the library function behind `govkg build`.

Replaces the ontology graph and every document graph, keeps organogram graphs, and reads
the curated owl:sameAs file (corpus/same-as.ttl) so merges are explicit.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from govkg.store import load_rdflib_graph, replace_graph_family
from graphbuild.corpus import bundled_corpus
from graphbuild.pipeline import BuildResult, build_paths
from ontology import load_ontology
from ontology.namespace import GRAPH, ONTOLOGY_GRAPH

SAME_AS_FILE = "same-as.ttl"


def curated_same_as(folders: list[Path]) -> Graph:
    """The curated owl:sameAs statements of the folders given (an empty graph when none)."""
    graph = Graph()
    for folder in folders:
        path = folder / SAME_AS_FILE
        if folder.is_dir() and path.is_file():
            from ontology.rdf_files import load_rdf_file

            graph += load_rdf_file(path)
    return graph


def build_into_store(
    store: ox.Store, corpus_dir: Path | None = None, paths: list[Path] | None = None
) -> BuildResult:
    """Build documents (files and folders; the bundled corpus by default) into the store.

    The ontology graph and every document graph are replaced; organogram graphs are kept.
    """
    sources = list(paths or []) + ([corpus_dir] if corpus_dir is not None else [])
    sources = sources or [bundled_corpus()]
    result = build_paths(sources, curated_same_as(sources))
    if ox.NamedNode(str(ONTOLOGY_GRAPH)) in set(store.named_graphs()):
        store.remove_graph(ox.NamedNode(str(ONTOLOGY_GRAPH)))
    load_rdflib_graph(store, load_ontology(), str(ONTOLOGY_GRAPH))
    documents = {str(iri): graph for iri, graph in result.graphs.items()}
    replace_graph_family(store, str(GRAPH["doc/"]), documents)
    return result
