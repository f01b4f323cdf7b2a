"""govkg's own vocabulary as an rdflib DefinedNamespace (`_fail = True`), and IRI helpers.

The terms mirror ontology/govkg.ttl exactly (a test checks both directions), so a typo in
code fails at import time rather than minting an unknown IRI. Also defines where instance
IRIs, documents and named graphs live. Implements docs/architecture.md §4.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

GK_IRI = "https://w3id.org/govkg/def#"
ID_IRI = "https://w3id.org/govkg/id/"
GRAPH_IRI = "https://w3id.org/govkg/graph/"
ID = Namespace(ID_IRI)
DOC = Namespace(ID_IRI + "doc/")
GRAPH = Namespace(GRAPH_IRI)
ORG = Namespace("http://www.w3.org/ns/org#")
GOV = Namespace("http://reference.data.gov.uk/def/central-government/")
GRADE = Namespace("http://reference.data.gov.uk/def/civil-service-grade/")
POST_STATUS = Namespace("http://reference.data.gov.uk/def/civil-service-post-status/")
TIME = Namespace("http://www.w3.org/2006/time#")
ORGANOGRAM = Namespace("http://reference.data.gov.uk/def/organogram/")


class GK(DefinedNamespace):
    """Classes and properties defined in ontology/govkg.ttl."""

    _fail = True
    _NS = Namespace(GK_IRI)

    AccountabilityMechanism: URIRef
    Action: URIRef
    AssistantCoordinatorPost: URIRef
    Board: URIRef
    BusinessObjective: URIRef
    CabinetCommittee: URIRef
    CapabilityObjective: URIRef
    ChairRole: URIRef
    CivilServant: URIRef
    CivilServicePost: URIRef
    Code: URIRef
    Committee: URIRef
    CoordinatorPost: URIRef
    CoreFunction: URIRef
    CorporateObjective: URIRef
    Department: URIRef
    DeputyDirectorPost: URIRef
    DirectorGeneralPost: URIRef
    DiversityObjective: URIRef
    Document: URIRef
    GenericPost: URIRef
    GoverningBody: URIRef
    ImprovementGoal: URIRef
    LeadNonExecutiveDirectorPost: URIRef
    Locality: URIRef
    LocalityRolePost: URIRef
    MemberRole: URIRef
    Milestone: URIRef
    Minister: URIRef
    MinisterialPost: URIRef
    NonExecutivePost: URIRef
    Objective: URIRef
    PerformanceMeasure: URIRef
    PermanentSecretaryChampionPost: URIRef
    PermanentSecretaryPost: URIRef
    Post: URIRef
    PostHolding: URIRef
    SecretaryOfStatePost: URIRef
    SeniorResponsibleOwnerPost: URIRef
    SpecialAdviser: URIRef
    SpecialAdviserPost: URIRef
    Theme: URIRef
    Unit: URIRef
    accountabilityFrequency: URIRef
    accountableTo: URIRef
    administers: URIRef
    advisesOn: URIRef
    agreedBy: URIRef
    appliesTo: URIRef
    approximate: URIRef
    assistantCoordinatorOf: URIRef
    chairs: URIRef
    championOf: URIRef
    civilServantCount: URIRef
    concernsTheme: URIRef
    coordinatorOf: URIRef
    createdBy: URIRef
    documentFamily: URIRef
    sourceFormat: URIRef
    sourceText: URIRef
    dueDate: URIRef
    dueDatePrecision: URIRef
    endorses: URIRef
    extractedBy: URIRef
    hasAction: URIRef
    hasCoreFunction: URIRef
    hasMeasure: URIRef
    hasMilestone: URIRef
    heldPost: URIRef
    heldToAccountBy: URIRef
    heldTogetherWith: URIRef
    heldToAccountThrough: URIRef
    holder: URIRef
    holdsToAccount: URIRef
    hostedBy: URIRef
    kindOfPost: URIRef
    line: URIRef
    lineManagedBy: URIRef
    lineManages: URIRef
    localityRoleOf: URIRef
    measureOf: URIRef
    memberOf: URIRef
    milestoneOf: URIRef
    number: URIRef
    objectiveOf: URIRef
    period: URIRef
    purpose: URIRef
    quote: URIRef
    quoteEnd: URIRef
    quoteStart: URIRef
    reportsToRef: URIRef
    payFloor: URIRef
    payCeiling: URIRef
    contactPhone: URIRef
    contactEmail: URIRef
    roleDescription: URIRef
    samePostAs: URIRef
    seniorResponsibleOwnerOf: URIRef
    sourceRow: URIRef
    supports: URIRef
    targetValue: URIRef
    text: URIRef


ONTOLOGY_GRAPH = GRAPH["ontology"]
INFERRED_GRAPH = GRAPH["inferred"]


def document_graph(doc_id: str) -> URIRef:
    """The named graph holding the facts stated by one corpus document."""
    return GRAPH[f"doc/{doc_id}"]


def organogram_graph(department: str, snapshot: str) -> URIRef:
    """The named graph holding one organogram snapshot of one department."""
    return GRAPH[f"organogram/{department}/{snapshot}"]


def entity(kind: str, key: str) -> URIRef:
    """An instance IRI such as id/post/cabinet-secretary or id/person/sue-gray."""
    return ID[f"{kind}/{key}"]
