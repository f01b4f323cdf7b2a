"""One department snapshot as a TriG block: W3C ORG posts and the gov organogram vocabulary.

Senior posts are `org:Post` with `dcterms:identifier` (the Post Unique Reference),
`rdfs:label` (job title), `org:postIn` (unit, `org:unitOf` the organisation),
`grade:grade`, `pstat:postStatus`, `org:reportsTo`, `org:heldBy` (FOAF people, the same
IRIs as the documents' people), `gk:sourceRow` and, when not 1 (a job share, a part-time
post), `gov:fullTimeEquivalent`; a top post carries `gk:reportsToRef "XX"` instead of
`org:reportsTo`; `gk:samePostAs` / `gk:kindOfPost` link the documents' posts. Junior rows
are gov organogram Data Cube observations (`organogram:reportingTo`, `organogram:grade`,
`organogram:numberOfPosts`, `organogram:unit`). The text is written directly (IRIs are
percent-encoded by construction, literals escaped) so that Oxigraph's parser loads it fast.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

from graphbuild.facts import person_iri
from graphbuild.organogram.link import Linker
from graphbuild.organogram.model import JuniorGroup, Post, Snapshot
from graphbuild.organogram.rows import is_top
from graphbuild.text import slug
from ontology.namespace import GK_IRI, GRADE, entity, organogram_graph

ORGANOGRAM = "http://reference.data.gov.uk/def/organogram/"
PREFIXES = f"""@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix qb: <http://purl.org/linked-data/cube#> .
@prefix grade: <http://reference.data.gov.uk/def/civil-service-grade/> .
@prefix pstat: <http://reference.data.gov.uk/def/civil-service-post-status/> .
@prefix gov: <http://reference.data.gov.uk/def/central-government/> .
@prefix ogm: <{ORGANOGRAM}> .
@prefix gk: <{GK_IRI}> .
"""
CHUNK_NODES = 5000
GRADES = str(GRADE)
SCS_GRADES = {"SCS1", "SCS1A", "SCS2", "SCS3", "SCS4"}
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def lit(text: str) -> str:
    """A Turtle string literal."""
    return f'"{text.translate(_ESCAPES)}"'


def decimal(value: float) -> str:
    """A Turtle xsd:decimal: 1.0, 0.6, 2.5."""
    text = f"{value:.6f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def ref_part(ref: str) -> str:
    """A post reference as an IRI segment: itself when alphanumeric, else percent-encoded."""
    return ref if ref.isalnum() and ref.isascii() else quote(ref, safe="")


def post_term(prefix: str, ref: str) -> str:
    """A post in TriG: `p:317` under the chunk's `p:` prefix, else the full IRI."""
    return f"p:{ref}" if ref.isalnum() and ref.isascii() else f"<{prefix}{ref_part(ref)}>"


def post_prefix(department_key: str) -> str:
    """The IRI prefix of a department's posts; the rest of the IRI is the quoted reference."""
    return str(entity("organogram", f"{department_key}/post/"))


def unit_prefix(department_key: str) -> str:
    """The IRI prefix of a department's minted units (the rest is a slug)."""
    return str(entity("org", f"{department_key}/unit/"))


class SnapshotWriter:
    """Write snapshots of any department as TriG, remembering shared nodes per graph."""

    def __init__(self, linker: Linker) -> None:
        self.linker = linker

    def graph_iri(self, snap: Snapshot) -> str:
        """The named graph of a snapshot."""
        return str(organogram_graph(self.linker.department_key(snap.department), snap.date_key))

    def context(self, snap: Snapshot) -> _Context:
        """The IRIs this writer mints for a snapshot's units, grades and people (no TriG kept)."""
        dept = self.linker.department_key(snap.department)
        return _Context(self.linker, dept, snap.department, [])

    def chunks(self, snap: Snapshot, size: int = CHUNK_NODES) -> Iterator[str]:
        """The snapshot as self-contained TriG documents of at most `size` posts or rows each."""
        dept = self.linker.department_key(snap.department)
        prefix = post_prefix(dept)
        graph = self.graph_iri(snap)
        out: list[str] = []
        ctx = _Context(self.linker, dept, snap.department, out)
        org = ctx.org(snap.department)
        label = lit(f"{snap.department} organogram {snap.label}")
        files = ", ".join(lit(f) for f in sorted(snap.files))
        date = f' ; dct:date "{snap.date_key}"^^xsd:date' if snap.date else ""
        out.append(
            f"<{graph}> rdfs:label {label} ; dct:publisher <{org}> ; dct:source {files}{date} .\n"
        )
        nodes: list[Post | JuniorGroup] = [*snap.posts.values(), *snap.juniors]
        for start in range(0, max(len(nodes), 1), size):
            for node in nodes[start : start + size]:
                if isinstance(node, Post):
                    self._post(ctx, prefix, node)
                else:
                    self._junior(ctx, prefix, node)
            head = f"{PREFIXES}@prefix p: <{prefix}> .\n@prefix u: <{ctx.units}> .\n"
            yield f"{head}<{graph}> {{\n{''.join(out)}}}\n"
            out.clear()

    def _post(self, ctx: _Context, prefix: str, post: Post) -> None:
        """One senior post and its holders (one string per post: the hot path at scale)."""
        spad = self.linker.is_special_adviser(post.grade, post.title)
        kind = "org:Post, gk:SpecialAdviserPost" if spad else "org:Post"
        text = f"{post_term(prefix, post.key)} a {kind} ; dct:identifier {lit(post.ref)}"
        if post.title:
            text += f" ;\n  rdfs:label {lit(post.title)}"
        text += f" ;\n  org:postIn {ctx.term(ctx.unit(post.unit, post.organisation))}"
        if post.grade:
            text += f" ;\n  grade:grade {ctx.term(ctx.grade(post.grade))}"
        text += f" ;\n  pstat:postStatus pstat:{post.status}"
        for boss in post.reports_to:
            if is_top(boss) or not boss:
                text += f" ;\n  gk:reportsToRef {lit(boss)}"
            else:
                text += f" ;\n  org:reportsTo {post_term(prefix, boss)}"
        if post.fte is not None and post.fte != 1.0:
            text += f" ;\n  gov:fullTimeEquivalent {decimal(post.fte)}"
        if post.pay_floor is not None and post.pay_ceiling is not None:
            text += f" ;\n  gk:payFloor {post.pay_floor} ; gk:payCeiling {post.pay_ceiling}"
        for kind, value in post.contacts:
            text += f" ;\n  gk:{'contactPhone' if kind == 'phone' else 'contactEmail'} {lit(value)}"
        text += " ;\n  gk:sourceRow " + ", ".join(lit(r) for r in post.rows)
        for holder in post.holders:
            text += f" ;\n  org:heldBy <{ctx.person(holder)}>"
        same, kinds = self.linker.posts_for_title(post.title)
        for iri in same:
            text += f" ;\n  gk:samePostAs <{iri}>"
        for iri in kinds:
            text += f" ;\n  gk:kindOfPost <{iri}>"
        ctx.out.append(text + " .\n")

    def _junior(self, ctx: _Context, prefix: str, group: JuniorGroup) -> None:
        """One junior row as an organogram observation."""
        iri = entity("organogram", f"{ctx.dept}/junior/{slug(group.row)}")
        parts = [f"<{iri}> a qb:Observation"]
        if group.reports_to and not is_top(group.reports_to):
            parts.append(f"ogm:reportingTo {post_term(prefix, group.reports_to)}")
        else:
            parts.append(f"gk:reportsToRef {lit(group.reports_to)}")
        if group.grade:
            parts.append(f"ogm:grade {ctx.term(ctx.grade(group.grade))}")
        if group.title:
            parts.append(f"rdfs:label {lit(group.title)}")
        unit = ctx.unit(group.unit, group.organisation)
        parts.append(f"ogm:unit {ctx.term(unit)} ; ogm:numberOfPosts {decimal(group.fte)}")
        parts.append(f"gk:sourceRow {lit(group.row)}")
        ctx.out.append(" ;\n  ".join(parts) + " .\n")


class _Context:
    """Nodes already written in the current graph (units, grades, people, organisations)."""

    def __init__(self, linker: Linker, dept: str, dept_name: str, out: list[str]) -> None:
        self.linker, self.dept, self.dept_name, self.out = linker, dept, dept_name, out
        self.seen: dict[str, str] = {}
        self.units = unit_prefix(dept)

    def term(self, iri: str) -> str:
        """An IRI in TriG: `u:` for this department's units, `grade:` for SCS grades."""
        if iri.startswith(self.units):
            return "u:" + iri[len(self.units) :]
        if iri.startswith(GRADES):
            return "grade:" + iri[len(GRADES) :]
        return f"<{iri}>"

    def org(self, name: str) -> str:
        """An organisation node (labelled once when minted)."""
        name = name or self.dept_name
        key = "org:" + name
        if key not in self.seen:
            iri = str(self.linker.organisation(name))
            self.seen[key] = iri
            if self.linker.known_organisation(name) is None:
                self.out.append(f"<{iri}> a org:Organization ; rdfs:label {lit(name)} .\n")
        return self.seen[key]

    def unit(self, name: str, organisation: str) -> str:
        """A unit node, `org:unitOf` its organisation."""
        organisation = organisation or self.dept_name
        name = name or organisation
        key = f"unit:{name}\t{organisation}"
        if key not in self.seen:
            if name == organisation:
                self.seen[key] = self.org(organisation)
                return self.seen[key]
            iri = str(self.linker.unit(self.dept, name))
            self.seen[key] = iri
            if self.linker.known_organisation(name) is None:
                org = self.org(organisation)
                unit = f"{self.term(iri)} a org:OrganizationalUnit ; rdfs:label {lit(name)}"
                self.out.append(f"{unit} ; org:unitOf <{org}> .\n")
        return self.seen[key]

    def grade(self, name: str) -> str:
        """A grade concept: the gov SCS grades, else one minted per spelling."""
        code = name.replace(" ", "").upper()
        if code in SCS_GRADES:
            return str(GRADE[code])
        key = "grade:" + name
        if key not in self.seen:
            self.seen[key] = iri = str(entity("grade", slug(name)))
            self.out.append(f"<{iri}> a grade:Grade ; skos:prefLabel {lit(name)} .\n")
        return self.seen[key]

    def person(self, name: str) -> str:
        """A person node with its name as published."""
        key = "person:" + name
        if key not in self.seen:
            self.seen[key] = iri = str(person_iri(name))
            self.out.append(f"<{iri}> a foaf:Person ; foaf:name {lit(name)} .\n")
        return self.seen[key]
