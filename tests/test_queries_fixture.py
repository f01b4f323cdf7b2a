"""Every named query on the hand-written fixture graph gives the rows the fixture implies."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
import pytest
from fixtures.queries.fixture_store import fixture_store

from queries.runner import run_query

CWO = "Chief Widget Officer"
PSW = "Permanent Secretary, Department of Widgets"
O1, O2, O3 = (
    "Deliver the widget programme on time",
    "Build a diverse widget cadre",
    "Embed the widget culture",
)
M1, M3, M4 = (
    "Feedback from Prime Minister and MCO",
    "Positive digital staff survey",
    "Feedback from Permanent Secretaries",
)


@pytest.fixture(scope="module")
def store() -> ox.Store:
    """The hand-written fixture graph."""
    return fixture_store()


def rows(store: ox.Store, name: str, columns: str, **params: Any) -> set[tuple[str | None, ...]]:
    """The distinct values of some columns of a named query's answer."""
    result = run_query(store, name, params)
    index = [result.variables.index(c) for c in columns.split()]
    return {tuple(None if row[i] is None else row[i].value for i in index) for row in result.rows}


def test_who_holds_to_account(store: ox.Store) -> None:
    cols = "period holder person objective assessor measure document"
    assert rows(store, "who-holds-to-account", cols) == {
        ("2012/13", CWO, "Dame Alice Example", O1, "Prime Minister", M1, "fixture-2012"),
        (
            "2012/13",
            CWO,
            "Dame Alice Example",
            O1,
            "Minister for the Cabinet Office",
            M1,
            "fixture-2012",
        ),
        ("2015/16", CWO, None, O3, "Permanent Secretary", M4, "fixture-2015"),
    }
    assert len(rows(store, "who-holds-to-account", cols, period="2015/16")) == 1
    assert len(rows(store, "who-holds-to-account", cols, post="Alice Example")) == 2
    assert rows(store, "who-holds-to-account", cols, post="Prime Minister") == set()


def test_held_to_account_by_post_person_and_kind(store: ox.Store) -> None:
    cols = "period post via assessor"
    assert rows(store, "held-to-account-by", cols, post=CWO) == {
        ("2012/13", CWO, "objective", "Prime Minister"),
        ("2012/13", CWO, "objective", "Minister for the Cabinet Office"),
        ("2015/16", CWO, "objective", "Permanent Secretary"),
    }
    assert rows(store, "held-to-account-by", cols, post=PSW) == {
        ("2015/16", PSW, "as Permanent Secretary", "Cabinet Secretary")
    }
    # A person: only the periods they held each post (Alice held both posts in 2012/13 only).
    assert rows(store, "held-to-account-by", cols, post="Alice Example") == {
        ("2012/13", CWO, "objective", "Prime Minister"),
        ("2012/13", CWO, "objective", "Minister for the Cabinet Office"),
    }


def test_holds_to_account_directly_and_through_the_generic_post(store: ox.Store) -> None:
    cols = "holder objective assessor via"
    assert rows(store, "holds-to-account", cols, assessor="Cabinet Secretary") == {
        (CWO, O3, "Permanent Secretary", "as Permanent Secretary"),
        ("Permanent Secretary", None, "Cabinet Secretary", "named"),
    }
    assert rows(store, "holds-to-account", cols, assessor="PM") == {
        (CWO, O1, "Prime Minister", "named")
    }


def test_objectives_of_with_parts(store: ox.Store) -> None:
    got = rows(store, "objectives-of", "period objective part item due", holder=CWO)
    assert got == {
        ("2012/13", O1, "measure", M1, None),
        ("2012/13", O1, "milestone", "Widgets agreed by end July 2012", "2012-07-31"),
        ("2012/13", O1, "milestone", "Widget review in 2013", "2013-12-31"),
        ("2012/13", O1, "milestone", "Widget launch", None),
        ("2012/13", O2, None, None, None),
        ("2015/16", O3, "measure", M3, None),
        ("2015/16", O3, "measure", M4, None),
    }
    assert {r[0] for r in rows(store, "objectives-of", "objective", period="2015/16")} == {O3}
    assert rows(store, "objectives-of", "kind", holder=CWO, period="2012/13") == {
        ("Business delivery objective",),
        ("Corporate objective",),
    }


def test_milestones_due(store: ox.Store) -> None:
    got = rows(store, "milestones-due", "due precision milestone holder", to="2012-12-31")
    assert got == {("2012-07-31", "month", "Widgets agreed by end July 2012", CWO)}


def test_held_to_account_through(store: ox.Store) -> None:
    cols = "who relation through objective"
    assert rows(store, "held-to-account-through", cols) == {
        (CWO, "held to account through", "Civil Service People Survey", O3),
        (
            "Permanent Secretary",
            "held to account through",
            "Removing Barriers Implementation Board",
            None,
        ),
        ("Civil Service Local", "accountable to", "National Steering Group", None),
    }
    assert rows(store, "held-to-account-through", "who through", who=PSW) == {
        ("Permanent Secretary", "Removing Barriers Implementation Board")
    }


def test_line_management_chain_follows_kinds_to_the_top(store: ox.Store) -> None:
    assert rows(store, "line-management-chain", "level post as relation manager", post=PSW) == {
        ("1", PSW, "Permanent Secretary", "line managed by", "Cabinet Secretary"),
        ("2", "Cabinet Secretary", "", "reports to", "Prime Minister"),
    }


def test_span_of_control(store: ox.Store) -> None:
    assert rows(store, "span-of-control", "manager span level") == {
        ("Prime Minister", "1", "1"),
        ("Cabinet Secretary", "2", "2"),
        ("Special Adviser, Widgets", "1", "1"),
    }
    (reports,) = rows(store, "span-of-control", "reports", manager="Cabinet Secretary")
    assert sorted(str(reports[0]).split("; ")) == ["Chief Widget Officer", "Permanent Secretary"]


def test_code_responsibilities(store: ox.Store) -> None:
    assert rows(store, "code-responsibilities", "code appliesTo post responsibility period") == {
        ("Ministerial Code", "Ministerial post", "Cabinet Secretary", "administers", "2012/13"),
        ("Civil Service Code", "Civil Service post", None, None, None),
        ("Special Adviser Code", "Special adviser post", None, None, None),
    }


def test_separation_of_roles(store: ox.Store) -> None:
    assert rows(store, "separation-of-roles", "issue subject second") == {
        ("a person holds posts of two separate kinds", "Carol Sample", "Minister for Widgets"),
        (
            "a special adviser post line manages a civil service post",
            "Widget Analyst",
            "Special Adviser, Widgets",
        ),
    }


def test_board_membership(store: ox.Store) -> None:
    cols = "body role member period document"
    assert rows(store, "board-membership", cols, body="Widget Board") == {
        ("Widget Board", "chair", CWO, "2012/13", "fixture-2012"),
        ("Widget Board", "chair", CWO, "2015/16", "fixture-2015"),
    }
    assert {r[0] for r in rows(store, "board-membership", "body", member="Alice Example")} == {
        "Widget Board",
        "Civil Service Board",
    }


def test_organisation_relations(store: ox.Store) -> None:
    assert rows(
        store,
        "organisation-relations",
        "organisation relation target",
        organisation="Cabinet Office",
    ) == {("Widget Unit", "hosted by", "Cabinet Office")}


def test_posts_of_person(store: ox.Store) -> None:
    assert rows(store, "posts-of-person", "post period postsAtOnce", person="Alice Example") == {
        (CWO, "2012/13", "2"),
        (PSW, "2012/13", "2"),
    }


def test_vacant_posts_and_locality_roles(store: ox.Store) -> None:
    assert rows(store, "vacant-posts", "post kind where holder") == {
        ("Assistant Coordinator, Widgetshire", "Assistant Coordinator", "Widgetshire", None)
    }
    assert rows(store, "locality-roles", "locality civilServants role holder status") == {
        ("Widgetshire", "1234", "Coordinator", "Andy Widget", None),
        ("Widgetshire", "1234", "Assistant Coordinator", None, "Vacant"),
    }


def test_objective_changes(store: ox.Store) -> None:
    assert rows(store, "objective-changes", "aspect item change", post=CWO) == {
        ("objective", O1, "dropped"),
        ("objective", O2, "dropped"),
        ("objective", O3, "new"),
        ("measure", M1, "dropped"),
        ("measure", M3, "new"),
        ("measure", M4, "new"),
        ("chairs", "Widget Board", "kept"),
        ("member of", "Civil Service Board", "new"),
    }


def test_evidence_for_stated_and_inferred(store: ox.Store) -> None:
    got = rows(
        store,
        "evidence-for",
        "predicate object kind document quote",
        subject="Cabinet Secretary",
        predicate="gk:administers",
    )
    assert got == {
        (
            "administers",
            "Ministerial Code",
            "stated",
            "fixture-2012",
            "Cabinet Secretary | administers | Ministerial Code",
        )
    }
    inferred = rows(
        store,
        "evidence-for",
        "object kind document",
        subject="Cabinet Secretary",
        predicate="holds to account",
    )
    assert inferred == {("Permanent Secretary", "inferred", None)}


def test_objectives_by_theme(store: ox.Store) -> None:
    assert rows(store, "objectives-by-theme", "theme objective via tagged") == {
        ("Diversity and inclusion", O2, "objective", ""),
        ("Digital", O3, "measure", M3),
    }
    assert rows(store, "objectives-by-theme", "objective", theme="diverse") == {(O2,)}


def test_data_quality(store: ox.Store) -> None:
    assert rows(store, "data-quality", "issue item objective") == {
        ("objective without a measure", O2, O2),
        ("measure without an assessor", M3, O3),
        ("milestone without a date", "Widget launch", O1),
    }


def test_possible_same_person_is_reported_not_merged(store: ox.Store) -> None:
    assert rows(store, "possible-same-person", "surname first second") == {
        ("widget", "Andrew Widget", "Andy Widget")
    }
