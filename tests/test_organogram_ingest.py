"""Organogram ingest on the bundled real files and the format variants (issue 5, Deliver 1).

The data.gov.uk senior/junior format, the compiled multi-snapshot files, Windows-1252,
XX in any case, reference 0, N/D / Vacant / Eliminated names and job shares; posts linked
to the documents' posts and people.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import cast

import pyoxigraph as ox
import pytest

from graphbuild.organogram import store as organogram_store
from graphbuild.organogram.ingest import IngestResult, build_organograms
from graphbuild.organogram.store import load_result

REAL = Path(str(resources.files("corpus") / "organograms"))
FIXTURES = Path(__file__).parent / "fixtures" / "organograms"
ID = "https://w3id.org/govkg/id/"
CO = f"{ID}organogram/cabinet-office/post/"
CO_MAR_12 = "https://w3id.org/govkg/graph/organogram/cabinet-office/2012-03-31"
CO_SEP_13 = "https://w3id.org/govkg/graph/organogram/cabinet-office/2013-09-30"
ORG = "http://www.w3.org/ns/org#"
GK = "https://w3id.org/govkg/def#"
PSTAT = "http://reference.data.gov.uk/def/civil-service-post-status/"


def ingest(*paths: Path) -> tuple[ox.Store, IngestResult]:
    """Ingest files into a fresh in-memory store."""
    store = ox.Store()
    result = build_organograms(list(paths))
    load_result(store, result)
    return store, result


def values(store: ox.Store, s: str, p: str, g: str | None = None) -> set[str]:
    """Objects of (s, p), as strings."""
    graph = ox.NamedNode(g) if g else None
    quads = store.quads_for_pattern(ox.NamedNode(s), ox.NamedNode(p), None, graph)
    return {q.object.value for q in quads}  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def compiled() -> tuple[ox.Store, IngestResult]:
    """The compiled Cabinet Office file (13 snapshots)."""
    return ingest(REAL / "cabinet-office-2011-2017.csv")


def test_compiled_file_gives_one_graph_per_snapshot(
    compiled: tuple[ox.Store, IngestResult],
) -> None:
    """Every 'Back to Index' label becomes a department snapshot graph, with every row."""
    store, result = compiled
    assert not result.errors
    assert result.rows_loaded == 11549
    assert len(result.snapshots) == 13
    labels = {s.label for s in result.snapshots}
    assert {"Mar-11", "Sep-15", "Mar-17"} <= labels
    assert ox.NamedNode(CO_MAR_12) in set(store.named_graphs())


def test_posts_reporting_lines_holders_grade_unit_status(
    compiled: tuple[ox.Store, IngestResult],
) -> None:
    """W3C ORG posts with reportsTo, heldBy, grade, unit, status and their source row."""
    store, _ = compiled
    post = CO + "317"
    assert values(store, post, ORG + "heldBy", CO_MAR_12) == {ID + "person/j-heywood"}
    assert values(store, post, GK + "reportsToRef", CO_MAR_12) == {"XX"}
    assert values(store, post, "http://purl.org/dc/terms/identifier", CO_MAR_12) == {"317"}
    assert values(
        store, post, "http://reference.data.gov.uk/def/civil-service-grade/grade", CO_MAR_12
    ) == {"http://reference.data.gov.uk/def/civil-service-grade/SCS4"}
    assert values(store, post, PSTAT + "postStatus", CO_MAR_12) == {PSTAT + "current"}
    (row,) = values(store, post, GK + "sourceRow", CO_MAR_12)
    assert row.startswith("cabinet-office-2011-2017.csv:")
    nsg5 = CO + "NSG5"
    assert values(store, nsg5, ORG + "reportsTo", CO_MAR_12) == {CO + "NSG4"}
    assert values(store, CO + "NSG4", PSTAT + "postStatus", CO_MAR_12) == {PSTAT + "eliminated"}
    (unit,) = values(store, nsg5, ORG + "postIn", CO_MAR_12)
    assert values(store, unit, ORG + "unitOf", CO_MAR_12) == {ID + "org/cabinet-office"}


def test_junior_rows_are_counted_against_their_senior_post(
    compiled: tuple[ox.Store, IngestResult],
) -> None:
    """Junior rows are gov organogram observations with a number of posts (FTE)."""
    store, _ = compiled
    ogm = "http://reference.data.gov.uk/def/organogram/"
    juniors = list(
        store.quads_for_pattern(
            None, ox.NamedNode(ogm + "reportingTo"), None, ox.NamedNode(CO_MAR_12)
        )
    )
    assert len(juniors) == 530
    fte = values(store, juniors[0].subject.value, ogm + "numberOfPosts", CO_MAR_12)  # type: ignore[union-attr]
    assert fte and float(next(iter(fte))) > 0


def test_documents_posts_and_people_are_joined(compiled: tuple[ox.Store, IngestResult]) -> None:
    """Post 317 is the Cabinet Secretary, 446 the Head of the Civil Service; people are shared."""
    store, _ = compiled
    sep_13 = CO_SEP_13
    assert ID + "post/cabinet-secretary" in values(store, CO + "317", GK + "samePostAs", sep_13)
    assert values(store, CO + "446", GK + "samePostAs", sep_13) == {
        ID + "post/head-of-the-civil-service"
    }
    assert values(store, CO + "446", ORG + "heldBy", sep_13) == {ID + "person/bob-kerslake"}
    assert values(store, CO + "317", ORG + "heldBy", sep_13) == {ID + "person/jeremy-heywood"}
    # a generic title is a kind of post, not the same post
    sep_15 = CO_SEP_13.replace("2013-09-30", "2015-09-30")
    assert ID + "post/permanent-secretary" in values(store, CO + "2", GK + "kindOfPost", sep_15)


def test_organisation_is_the_documents_cabinet_office(
    compiled: tuple[ox.Store, IngestResult],
) -> None:
    """The publisher of the snapshot graph is the ontology's Cabinet Office."""
    store, _ = compiled
    publisher = "http://purl.org/dc/terms/publisher"
    assert values(store, CO_MAR_12, publisher, CO_MAR_12) == {ID + "org/cabinet-office"}


def test_senior_and_junior_release_with_stray_index_and_blank_column() -> None:
    """The 2013-09-30 pair: a stray index column, a blank column, 'Grade' not '(or equivalent)'."""
    store, result = ingest(
        REAL / "cabinet-office-2013-09-30-senior.csv", REAL / "cabinet-office-2013-09-30-junior.csv"
    )
    assert not result.errors
    (snap,) = result.snapshots
    assert (snap.date, snap.posts, snap.junior_rows) == ("2013-09-30", 277, 763)
    assert values(store, CO + "317", ORG + "reportsTo", CO_SEP_13) == {CO + "405"}
    assert values(store, CO + "405", GK + "reportsToRef", CO_SEP_13) == {"xx"}  # as published


def test_windows_1252_pair_keeps_the_pound_sign_columns() -> None:
    """The Defra example decodes as Windows-1252 (0xA3 is the pound sign)."""
    _, result = ingest(
        REAL / "defra-example-senior-cp1252.csv", REAL / "defra-example-junior-cp1252.csv"
    )
    assert not result.errors
    (snap,) = result.snapshots
    assert (snap.posts, snap.junior_rows, snap.date) == (7, 4, "undated")
    assert result.warnings  # no date in the file or its name


def test_compiled_variants_xx_ref_zero_names_and_job_share() -> None:
    """'Junior/Senior', 'xX', ref 0, Vacant, ELIMINATED, n/d, a job share with FTEs summed."""
    store, result = ingest(FIXTURES / "variants-compiled.csv")
    assert not result.errors
    mar = "https://w3id.org/govkg/graph/organogram/department-for-testing/2015-03-31"
    post = f"{ID}organogram/department-for-testing/post/"
    assert {s.label for s in result.snapshots} == {"Mar-15", "Sep-15"}
    assert values(store, post + "A1", GK + "reportsToRef", mar) == {"xX"}
    assert values(store, post + "A2", PSTAT + "postStatus", mar) == {PSTAT + "vacant"}
    assert values(store, post + "A3", PSTAT + "postStatus", mar) == {PSTAT + "eliminated"}
    assert values(store, post + "A4", ORG + "heldBy", mar) == set()
    assert values(store, post + "A5", ORG + "heldBy", mar) == {
        ID + "person/kim-share",
        ID + "person/lee-share",
    }
    assert (
        values(
            store,
            post + "A5",
            "http://reference.data.gov.uk/def/central-government/fullTimeEquivalent",
            mar,
        )
        == set()
    )
    assert len(values(store, post + "A5", GK + "sourceRow", mar)) == 2
    not_in_post = [
        s
        for s in store.quads_for_pattern(
            None,
            ox.NamedNode("http://purl.org/dc/terms/identifier"),
            ox.Literal("0"),
            ox.NamedNode(mar),
        )
    ]
    assert len(not_in_post) == 1
    assert values(store, post + "A1", ORG + "heldBy", mar) == {
        ID + "person/ann-top"
    }  # 'Sir' dropped


def test_seniority_level_column() -> None:
    """A compiled file whose level column is called 'Seniority'."""
    _, result = ingest(FIXTURES / "variants-seniority.csv")
    assert not result.errors
    (snap,) = result.snapshots
    assert (snap.label, snap.date, snap.posts) == ("Sep-14", "2014-09-30", 2)


def test_reingest_replaces_the_snapshot_graph() -> None:
    """Ingesting the same file twice gives the same graph (no duplicates, no leftovers)."""
    store, _ = ingest(FIXTURES / "clean-2015-03-31-senior.csv")
    before = len(store)
    load_result(store, build_organograms([FIXTURES / "clean-2015-03-31-senior.csv"]))
    assert len(store) == before


class CountingStore:
    """An in-memory store that counts full compactions (`optimize`)."""

    def __init__(self) -> None:
        self.store = ox.Store()
        self.compactions = 0

    def optimize(self) -> None:
        """Count, then compact."""
        self.compactions += 1
        self.store.optimize()

    def __getattr__(self, name: str) -> object:
        return getattr(self.store, name)


@pytest.mark.parametrize(("threshold", "compactions"), [(32_000_000, 0), (1, 1)])
def test_a_large_ingest_ends_compacted(
    monkeypatch: pytest.MonkeyPatch, threshold: int, compactions: int
) -> None:
    """Regression: a 412,000-post ingest left index files uncompacted, checks 3-4x slower."""
    monkeypatch.setattr(organogram_store, "COMPACT_AFTER_BYTES", threshold)
    counting = CountingStore()
    opener = cast(Callable[[], ox.Store], lambda: counting)
    result = organogram_store.ingest_files(opener, [REAL / "cabinet-office-2011-2017.csv"])
    assert counting.compactions == compactions
    assert len(counting.store) > 0 and len(result.snapshots) == 13
