"""The 'business-plan' family's reading rules (fixtures: tests/test_family_fixtures.py)."""

from __future__ import annotations

import pytest

from graphbuild.families.business_plan_people import resolve_abbreviation


@pytest.mark.parametrize(
    ("abbreviation", "expected"),
    [("Mids", "Midlands"), ("SW", "South West"), ("NW", "North West"), ("Yorks", None)],
)
def test_shared_with_abbreviations(abbreviation: str, expected: str | None) -> None:
    """'(shared with Mids)' names another locality of the document by a general rule."""
    names = ["Midlands", "South West", "North West", "North East", "Scotland"]
    assert resolve_abbreviation(abbreviation, names) == expected
