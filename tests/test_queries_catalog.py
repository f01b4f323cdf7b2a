"""The named query library: grlc-style headers, binding rules, name lookup (issue 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from common.errors import UsageError
from queries.catalog import check_query, get_query, load_catalog, parse_header, parse_query

EXPECTED = {
    "post-at",
    "objectives-summary",
    "assessor-matrix",
    "locality-headcount",
    "organogram-summary",
    "posts-by-grade",
    "people-in-post",
    "post-timeline",
    "person-timeline",
    "organogram-changes",
    "who-holds-to-account",
    "held-to-account-by",
    "holds-to-account",
    "objectives-of",
    "milestones-due",
    "held-to-account-through",
    "line-management-chain",
    "span-of-control",
    "code-responsibilities",
    "separation-of-roles",
    "board-membership",
    "organisation-relations",
    "posts-of-person",
    "vacant-posts",
    "locality-roles",
    "objective-changes",
    "evidence-for",
    "objectives-by-theme",
    "data-quality",
    "possible-same-person",
}
HEADER = """#+ summary: A test query
#+ cq: CQ2
#+ params:
#+   - name: post
#+     description: the post
#+     type: iri
#+     example: Cabinet Secretary
#+   - name: from
#+     description: "earliest date"
#+     type: date
#+     required: false
#+     default: 2012-01-01

SELECT ?_post ?_from ?x WHERE { ?_post <urn:p> ?x FILTER(COALESCE(?_from != ?_from, true)) }
"""


def test_the_library_answers_every_competency_question_but_cq7() -> None:
    catalog = load_catalog()
    assert set(catalog) == EXPECTED
    cqs = {q.cq for q in catalog.values()}
    assert {f"CQ{i}" for i in range(1, 24)} - cqs == {"CQ7"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_query_has_a_sound_header(name: str) -> None:
    query = load_catalog()[name]
    assert query.summary and query.cq.startswith("CQ")
    assert check_query(query) == []
    for param in query.params:
        assert param.description and param.example, param


def test_header_parses_as_grlc_style_yaml_subset() -> None:
    keys, params = parse_header(HEADER)
    assert keys == {"summary": "A test query", "cq": "CQ2", "params": ""}
    assert params[1] == {
        "name": "from",
        "description": "earliest date",
        "type": "date",
        "required": "false",
        "default": "2012-01-01",
    }
    query = parse_query("test", HEADER)
    assert [p.name for p in query.params] == ["post", "from"]
    assert query.params[0].required and not query.params[1].required
    assert "from (date, optional, default 2012-01-01): earliest date" in query.usage()


def test_check_query_reports_broken_binding_rules() -> None:
    text = HEADER.replace("SELECT ?_post ?_from ?x", "SELECT ?x")
    text += "# BIND(?_post AS ?y)\n"
    text = text.replace(
        "FILTER(", "BIND(?_post AS ?y) BIND(IF(?x = ?_post, 1, 0) AS ?z) FILTER(BOUND(?_from) || "
    )
    problems = check_query(parse_query("bad", text + "SELECT ?_undeclared WHERE {}"))
    assert "?_post is not projected by the SELECT" in problems
    assert "?_undeclared is used but not declared in '#+ params:'" in problems
    assert "?_post is bound by BIND (binds nothing)" in problems
    assert "BOUND() on a parameter is always false" in problems
    assert sum("BIND" in p for p in problems) == 1


def test_unknown_name_suggests_the_closest() -> None:
    with pytest.raises(UsageError, match=r"did you mean .*holds-to-account"):
        get_query("hold-to-account")
    with pytest.raises(UsageError, match="govkg queries"):
        get_query("zzzz")


def test_catalog_reads_another_folder(tmp_path: Path) -> None:
    (tmp_path / "mine.rq").write_text(HEADER, encoding="utf-8")
    catalog = load_catalog(tmp_path)
    assert list(catalog) == ["mine"] and catalog["mine"].summary == "A test query"
