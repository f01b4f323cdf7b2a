"""The explorer's colour table: node categories, their classes, colours and shapes.

One table drives both the vis-network node styles and the page's legend and type filters
(docs/architecture.md §8), so a colour can never mean two things. A node's category is the first row
whose classes meet the node's types closed under rdfs:subClassOf (read from the ontology
graph), so a new subclass in ontology/govkg.ttl lands in the right row without a code change.
Also lists the node types never drawn (evidence statements, qualified holdings, periods)
and the IRI-valued predicates never drawn as edges: properties (period, status, grade),
the legs of qualified holdings and memberships (their direct org:holds / gk:memberOf is
drawn), and junior organogram rows (thousands per release).
"""

from __future__ import annotations

from dataclasses import dataclass

from ontology.namespace import GK_IRI

GK = GK_IRI
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
TIME = "http://www.w3.org/2006/time#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
OGM = "http://reference.data.gov.uk/def/organogram/"
GRADE = "http://reference.data.gov.uk/def/civil-service-grade/"
PSTAT = "http://reference.data.gov.uk/def/civil-service-post-status/"
QB = "http://purl.org/linked-data/cube#"


@dataclass(frozen=True)
class Category:
    """One row of the legend: a kind of node, how it looks, and the classes it covers."""

    key: str
    label: str
    colour: str
    shape: str
    symbol: str
    classes: tuple[str, ...]


CATEGORIES: tuple[Category, ...] = (
    Category("person", "Person", "#d62728", "dot", "●", (FOAF + "Person",)),
    Category("body", "Board or committee", "#17becf", "diamond", "◆", (GK + "GoverningBody",)),
    Category(
        "organisation",
        "Organisation or unit",
        "#2ca02c",
        "square",
        "■",
        (ORG + "Organization", ORG + "OrganizationalUnit", GK + "Unit", GK + "Department"),
    ),
    Category("post", "Post", "#1f77b4", "dot", "●", (ORG + "Post", GK + "Post")),
    Category("code", "Code", "#9467bd", "hexagon", "⬢", (GK + "Code",)),
    Category("objective", "Objective", "#ff7f0e", "triangle", "▲", (GK + "Objective",)),
    Category("measure", "Performance measure", "#bcbd22", "dot", "●", (GK + "PerformanceMeasure",)),
    Category("milestone", "Milestone", "#e377c2", "star", "★", (GK + "Milestone",)),
    Category("action", "Action", "#8c564b", "triangleDown", "▼", (GK + "Action",)),
    Category("function", "Core function", "#7f7f7f", "dot", "●", (GK + "CoreFunction",)),
    Category("locality", "Locality", "#98df8a", "square", "■", (GK + "Locality",)),
    Category("theme", "Theme", "#c5b0d5", "diamond", "◆", (GK + "Theme",)),
    Category(
        "mechanism",
        "Accountability mechanism",
        "#aec7e8",
        "hexagon",
        "⬢",
        (GK + "AccountabilityMechanism",),
    ),
    Category("document", "Source document", "#525252", "box", "■", (GK + "Document",)),
    Category("other", "Other", "#c7c7c7", "dot", "●", ()),
)
BY_KEY = {c.key: c for c in CATEGORIES}
OTHER = BY_KEY["other"]
# Selection and path highlights: colours no node type or edge family uses (issue 14: red
# meant Person, selection and path at once).
SELECTED = "#ffbf00"
PATH = "#111111"


@dataclass(frozen=True)
class EdgeFamily:
    """A kind of fact drawn as an edge, its colour, and the predicates it covers."""

    key: str
    label: str
    colour: str
    predicates: tuple[str, ...]


EDGE_FAMILIES: tuple[EdgeFamily, ...] = (
    EdgeFamily(
        "line", "Line management", "#4a6fa5",
        (ORG + "reportsTo", GK + "lineManagedBy", GK + "lineManages"),
    ),
    EdgeFamily(
        "account", "Accountability", "#b5523b",
        tuple(GK + p for p in (
            "holdsToAccount", "heldToAccountBy", "heldToAccountThrough", "accountableTo",
        )),
    ),
    EdgeFamily("holds", "Holding a post", "#5f8a2e", (ORG + "holds", ORG + "heldBy")),
    EdgeFamily(
        "bodies", "Chairs or sits on", "#7a5195", (GK + "chairs", GK + "memberOf", ORG + "memberOf")
    ),
    EdgeFamily(
        "objectives", "Objectives and their parts", "#9c7a2b",
        tuple(GK + p for p in (
            "objectiveOf", "hasMeasure", "measureOf", "hasMilestone", "milestoneOf", "hasAction",
        )),
    ),
    EdgeFamily("other", "Other facts", "#9aa5b1", ()),
)  # fmt: skip
EDGE_FAMILY_OF = {p: f for f in EDGE_FAMILIES for p in f.predicates}

HIDDEN_TYPES = frozenset(
    {
        RDF + "Statement",
        GK + "PostHolding",
        ORG + "Membership",
        ORG + "Role",
        TIME + "ProperInterval",
        TIME + "Interval",
        TIME + "Instant",
        TIME + "TemporalUnit",
        QB + "Observation",
        GRADE + "Grade",
        PSTAT + "PostStatus",
        SKOS + "ConceptScheme",
        OWL + "Class",
        OWL + "ObjectProperty",
        OWL + "DatatypeProperty",
        OWL + "AnnotationProperty",
        OWL + "Ontology",
        OWL + "Restriction",
        RDFS + "Class",
    }
)
ATTRIBUTE_PREDICATES = frozenset(
    {
        RDF + "type",
        RDF + "subject",
        RDF + "predicate",
        RDF + "object",
        PROV + "wasDerivedFrom",
        GK + "period",
        GK + "dueDatePrecision",
        GK + "appliesTo",
        ORG + "memberDuring",
        ORG + "role",
        PSTAT + "postStatus",
        GRADE + "grade",
        OGM + "grade",
        OGM + "unit",
        OGM + "reportingTo",
        GK + "holder",
        GK + "heldPost",
        ORG + "member",
        ORG + "organization",
        DCT + "source",
        DCT + "publisher",
        SKOS + "exactMatch",
        SKOS + "inScheme",
        RDFS + "isDefinedBy",
        RDFS + "seeAlso",
        TIME + "hasBeginning",
        TIME + "hasEnd",
    }
)
LABEL_PREDICATES = (SKOS + "prefLabel", FOAF + "name", RDFS + "label", DCT + "title")
ALT_PREDICATE = SKOS + "altLabel"
PREDICATE_LABELS = {
    ORG + "holds": "holds",
    ORG + "heldBy": "held by",
    ORG + "reportsTo": "reports to",
    ORG + "postIn": "post in",
    ORG + "unitOf": "unit of",
    ORG + "hasUnit": "has unit",
    ORG + "subOrganizationOf": "part of",
    ORG + "memberOf": "member of",
}


def category_for(closure: set[str]) -> Category:
    """The first legend row whose classes meet the node's types and their superclasses."""
    for category in CATEGORIES:
        if closure.intersection(category.classes):
            return category
    return OTHER


def local_name(iri: str) -> str:
    """The last segment of an IRI ('https://…/def#heldToAccountBy' -> 'heldToAccountBy')."""
    for sep in ("#", "/"):
        if sep in iri.rstrip(sep):
            iri = iri.rstrip(sep).rsplit(sep, 1)[1]
    return iri


def humanise(name: str) -> str:
    """'heldToAccountBy' -> 'held to account by'; 'Person' stays 'Person'."""
    words: list[str] = []
    for char in name.replace("_", " ").replace("-", " "):
        if char.isupper() and words and words[-1] and words[-1][-1].islower():
            words.append(char.lower())
        elif char == " ":
            words.append("")
        elif words:
            words[-1] += char
        else:
            words.append(char)
    return " ".join(w for w in words if w)


def edge_family(predicate: str) -> EdgeFamily:
    """The family an edge's predicate belongs to (Other facts when none)."""
    return EDGE_FAMILY_OF.get(predicate, EDGE_FAMILIES[-1])


def legend() -> list[dict[str, str]]:
    """The table as plain dicts for the page (legend, filters, node colours)."""
    return [
        {"key": c.key, "label": c.label, "colour": c.colour, "shape": c.shape, "symbol": c.symbol}
        for c in CATEGORIES
    ]
