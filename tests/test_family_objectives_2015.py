"""The 'objectives-2015-16' family's detection rule (fixtures: tests/test_family_fixtures.py)."""

from __future__ import annotations

from graphbuild.families import objectives_2015


def test_title_without_colon_is_not_this_family() -> None:
    """The 2012/13 title ('PERMANENT SECRETARY INDIVIDUAL PERFORMANCE OBJECTIVES') alone is not."""
    text = "PERMANENT SECRETARY INDIVIDUAL PERFORMANCE OBJECTIVES 2012/13\n\nObjective\tmeasured\n"
    assert not objectives_2015.detect(text)
