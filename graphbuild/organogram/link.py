"""Join organogram posts, organisations and units to the documents' reference individuals.

A job title such as "Cabinet Secretary and Head of the Civil Service" is split at commas,
"and", "&" and slashes; a part that is exactly a label of a post in the ontology's
gazetteer (skos:prefLabel / skos:altLabel, case-insensitive) links the organogram post to
it: `gk:samePostAs` for a specific post (Cabinet Secretary), `gk:kindOfPost` for a
generic one (Permanent Secretary, Director General). Organisation and unit names that are
labels of organisations ("Cabinet Office", "Government Digital Service") reuse their IRIs,
so the organogram's department is the documents' department.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rdflib import RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from graphbuild.gazetteer import Gazetteer
from graphbuild.text import slug
from ontology import load_ontology
from ontology.namespace import GK, ORG, entity

SPLIT = re.compile(r"\s*(?:,|;|/|\(|\)|&|\band\b|\s-\s|\s–\s)\s*", re.IGNORECASE)
SPECIAL_ADVISER = re.compile(r"\bspecial\s+advis[eo]r|\bspad\b", re.IGNORECASE)


def _subclasses(ontology: Graph, root: URIRef) -> set[URIRef]:
    """`root` and every class below it."""
    return {c for c in ontology.transitive_subjects(RDFS.subClassOf, root) if isinstance(c, URIRef)}


def _generic_posts(ontology: Graph) -> set[URIRef]:
    """Posts that name a kind of post (objects of gk:kindOfPost, 'The generic ...')."""
    generic = {o for o in ontology.objects(None, GK.kindOfPost) if isinstance(o, URIRef)}
    for post, text in ontology.subject_objects(SKOS.definition):
        if isinstance(post, URIRef) and str(text).startswith("The generic"):
            generic.add(post)
    return generic


class Linker:
    """Title -> document posts, and organisation/unit name -> IRI, with caches."""

    def __init__(self, ontology: Graph | None = None) -> None:
        graph = ontology if ontology is not None else load_ontology()
        self.gazetteer = Gazetteer.from_ontology(graph)
        self.post_classes = _subclasses(graph, ORG.Post)
        self.org_classes = _subclasses(graph, ORG.Organization) - _subclasses(
            graph, GK.GoverningBody
        )
        self.generic = _generic_posts(graph)
        self._titles: dict[str, tuple[list[URIRef], list[URIRef]]] = {}
        self._orgs: dict[str, URIRef | None] = {}

    def posts_for_title(self, title: str) -> tuple[list[URIRef], list[URIRef]]:
        """(same posts, kinds of post) a job title names."""
        cached = self._titles.get(title)
        if cached is None:
            cached = self._titles[title] = self._match_title(title)
        return cached

    def _match_title(self, title: str) -> tuple[list[URIRef], list[URIRef]]:
        """Look the whole title and each part up in the gazetteer."""
        same: list[URIRef] = []
        kinds: list[URIRef] = []
        for part in [title, *SPLIT.split(title)]:
            entry = self.gazetteer.lookup(part.removeprefix("the ").strip()) if part else None
            if entry is None or not entry.types & self.post_classes:
                continue
            bucket = kinds if entry.iri in self.generic else same
            if entry.iri not in bucket:
                bucket.append(entry.iri)
        return same, kinds

    def known_organisation(self, name: str) -> URIRef | None:
        """The ontology's IRI for an organisation or unit name, if it has one."""
        if name not in self._orgs:
            entry = self.gazetteer.lookup(name) if name else None
            ok = entry is not None and bool(entry.types & self.org_classes)
            self._orgs[name] = entry.iri if ok and entry is not None else None
        return self._orgs[name]

    def organisation(self, name: str) -> URIRef:
        """The IRI of a department or body: the ontology's, else minted from its name."""
        return self.known_organisation(name) or entity("org", slug(name))

    def department_key(self, name: str) -> str:
        """The key of a department in graph IRIs: 'cabinet-office'."""
        return str(self.organisation(name)).rsplit("/", 1)[-1]

    def unit(self, department_key: str, name: str) -> URIRef:
        """The IRI of a unit: the ontology's, else minted under its department."""
        return self.known_organisation(name) or entity("org", f"{department_key}/unit/{slug(name)}")

    @staticmethod
    @lru_cache(maxsize=4096)
    def is_special_adviser(grade: str, title: str) -> bool:
        """A special adviser post, by its grade or title."""
        return bool(SPECIAL_ADVISER.search(grade) or SPECIAL_ADVISER.search(title))
