"""People checks: blocked same-person search equals the brute-force rule; posts at once.

`same_person_pairs` compares only within name blocks so that it stays linear at civil
service scale; it must find exactly the pairs graphbuild.people.candidate_reason finds
when every pair is compared.
"""

from __future__ import annotations

import random
from itertools import combinations
from pathlib import Path

import pyoxigraph as ox

from graphbuild.organogram.ingest import build_organograms
from graphbuild.organogram.store import load_result
from graphbuild.people import candidate_reason
from queries.checks.people import same_person_pairs, several_posts
from queries.checks.sparql import snapshot_refs

FIXTURES = Path(__file__).parent / "fixtures" / "organograms"
NAMES = [
    "Sir Jeremy Heywood", "J Heywood", "Jeremy Heywod", "Bob Kerslake", "Robert Kerslake",
    "Sue Gray", "S. Gray", "Susan Grey", "Jon Day", "Jonathan Day", "John Day", "Helen Moore",
    "Helene Moore", "H Moore", "Catherine Johnston CB", "Catherine Johnson CB", "Andy Ashworth",
    "Andrew Ashworth", "Kate Jones", "Katherine Jones", "Madonna", "Madona", "Ann Lee", "Anne Lee",
]  # fmt: skip


def brute_force(people: dict[str, str]) -> set[tuple[str, str]]:
    """Every pair candidate_reason accepts."""
    return {
        (a, b) for a, b in combinations(sorted(people), 2) if candidate_reason(people[a], people[b])
    }


def test_blocking_finds_exactly_the_brute_force_pairs() -> None:
    """The curated hard cases: initials, short forms, one-letter first names and surnames."""
    people = {f"p{n:02d}": name for n, name in enumerate(NAMES)}
    found = {(a, b) for a, b, _ in same_person_pairs(people)}
    assert found == brute_force(people)
    assert ("p00", "p01") in found and ("p08", "p09") in found


def test_blocking_on_random_names() -> None:
    """Random names from small pools, so that near misses are common."""
    rng = random.Random(7)
    firsts = ["ann", "anne", "jon", "john", "j", "a", "kate", "katherine", "bob", "robert", "rob"]
    lasts = ["day", "dey", "smith", "smyth", "lee", "le", "grey", "gray"]
    people = {f"p{n:03d}": f"{rng.choice(firsts)} {rng.choice(lasts)}" for n in range(120)}
    people = {k: v for k, v in people.items() if list(people.values()).count(v) == 1}
    assert {(a, b) for a, b, _ in same_person_pairs(people)} == brute_force(people)


def test_several_posts_is_per_date_across_departments() -> None:
    """One person in two posts of one snapshot; a second department joins on the date."""
    store = ox.Store()
    load_result(store, build_organograms([FIXTURES / "several-posts-2015-03-31.csv"]))
    found = several_posts(store, snapshot_refs(store))
    assert [f.message for f in found] == ["Bob Second holds 2 posts on 2015-03-31"]
