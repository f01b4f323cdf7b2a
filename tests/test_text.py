"""Tests for graphbuild.text: cleaning, raw offsets, lines, slugs and phrase search."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphbuild.text import CleanText, Line, Span, find_all, lines, normalise_ws, slug

CORPUS = sorted((Path(__file__).parents[1] / "corpus" / "documents").glob("*.txt"))
DOCS = {path.name: path.read_text(encoding="utf-8") for path in CORPUS}
CLEAN = {name: CleanText(raw) for name, raw in DOCS.items()}

CLEANING_CASES = [
    ("plain text", "plain text"),
    ("a   b", "a b"),
    ("a\tb\t\tc", "a\tb\t\tc"),
    ("a \t b", "a\tb"),
    ("a  \n  b", "a\nb"),
    ("<p>One</p> <p>Two</p>", "One\nTwo\n"),
    ('x <ul style="list-style-type: none"> • A; • B', "x\nA;\nB"),
    ("<u>Supporting</u> effective", "Supporting effective"),
    ("Communities &amp; Local", "Communities & Local"),
    ("a&nbsp;&nbsp;b", "a b"),
    ("&lt;p&gt; stays", "<p> stays"),
    ("&bogus; stays", "&bogus; stays"),
    ("- item one\n- item two", "item one\nitem two"),
    ("  - a. Homeless", "a. Homeless"),
    ("– at the heart", "at the heart"),
    ("\uf0b7 private bullet", "private bullet"),
    ("Cabinet Office – at the heart", "Cabinet Office – at the heart"),
    ("decision- making", "decision- making"),
    ("on-track and on-profile", "on-track and on-profile"),
    ("--\t--\t---", "--\t--\t---"),
    ("cell\t<ul> • first • second", "cell\tfirst\nsecond"),
    ("end</p>\tnext", "end\tnext"),
    ("end</p>- bullet", "end\nbullet"),
    (
        "blog <https://civilservicelocal.blog.gov.uk>",
        "blog <https://civilservicelocal.blog.gov.uk>",
    ),
    ("a<br/>b<BR>c", "a\nb\nc"),
    ("a<!-- note -->b", "ab"),
    ("soft\u00adhyphen", "softhyphen"),
    ("\n\nblank lines\n\n", "\n\nblank lines\n\n"),
]


@pytest.mark.parametrize(("raw", "expected"), CLEANING_CASES)
def test_cleaning(raw: str, expected: str) -> None:
    """Each cleaning rule produces the documented text."""
    assert CleanText(raw).text == expected


@pytest.mark.parametrize(("raw", "expected"), CLEANING_CASES)
def test_cleaning_round_trips_whole_text(raw: str, expected: str) -> None:
    """Any range of the example texts maps back to a raw span that re-cleans to itself."""
    clean = CleanText(raw)
    for start in range(len(clean) + 1):
        for end in range(start, len(clean) + 1):
            assert clean.reclean(start, end) == clean.text[start:end]


def test_raw_span_and_quote() -> None:
    """Quotes are verbatim raw text, covering tags and entities inside the range."""
    clean = CleanText("<p>Communities &amp; <u>Local</u> Government</p>")
    start = clean.text.index("Communities")
    end = clean.text.index("Government") + len("Government")
    assert clean.raw_span(start, end) == Span(3, 44)
    assert clean.quote(start, end) == "Communities &amp; <u>Local</u> Government"
    assert clean.raw_span(2, 2) == Span(5, 5)
    with pytest.raises(ValueError):
        clean.raw_span(5, 2)


def test_span_helpers() -> None:
    """Span length, slicing and union."""
    span = Span(2, 5)
    assert span.length == 3
    assert span.of("abcdefg") == "cde"
    assert span.union(Span(4, 9)) == Span(2, 9)


def test_lines_carry_raw_line_numbers() -> None:
    """Lines split on clean newlines and report the raw line they start on."""
    clean = CleanText("title\n\n<p>one</p> <p>two</p>\tcell\nlast")
    assert lines(clean) == [
        Line("title", 0, 5, 1),
        Line("", 6, 6, 2),
        Line("one", 7, 10, 3),
        Line("two\tcell", 11, 19, 3),
        Line("last", 20, 24, 4),
    ]


@pytest.mark.parametrize("name", sorted(DOCS))
def test_corpus_lines_match_raw_lines(name: str) -> None:
    """Each clean line's first character sits on the raw line the Line reports."""
    clean = CLEAN[name]
    raw_lines = DOCS[name].split("\n")
    for line in lines(clean):
        if line.text:
            first = clean.raw_span(line.start, line.start + 1)
            assert DOCS[name][first.start] in raw_lines[line.raw_line - 1]


@pytest.mark.parametrize("name", sorted(DOCS))
def test_corpus_is_clean(name: str) -> None:
    """No tags, bullets, double spaces or spaces next to tabs/newlines survive."""
    text = CLEAN[name].text
    for junk in ("<p>", "<ul", "</p>", "<u>", "•", "\uf0b7", "  ", " \t", "\t ", " \n", "\n "):
        assert junk not in text
    assert text.count("\t") == DOCS[name].count("\t")


@pytest.mark.parametrize("name", sorted(DOCS))
def test_corpus_round_trip_seeded(name: str) -> None:
    """Seeded random clean ranges of every corpus document survive the round trip."""
    clean, rng = CLEAN[name], random.Random(name)
    for _ in range(1500):
        start = rng.randrange(len(clean) + 1)
        end = min(len(clean), start + rng.choice([1, 2, 5, 20, 100, 1000]))
        span = clean.raw_span(start, end)
        assert clean.quote(start, end) == DOCS[name][span.start : span.end]
        assert clean.reclean(start, end) == clean.text[start:end]


@settings(max_examples=300, deadline=None)
@given(data=st.data(), name=st.sampled_from(sorted(DOCS)))
def test_corpus_round_trip_property(data: st.DataObject, name: str) -> None:
    """Hypothesis: any clean range of any corpus document survives the round trip."""
    clean = CLEAN[name]
    start = data.draw(st.integers(0, len(clean)))
    end = data.draw(st.integers(start, len(clean)))
    assert clean.reclean(start, end) == clean.text[start:end]


RAW_PIECES = st.sampled_from(
    [
        "a",
        "b",
        "Z",
        "1",
        " ",
        "  ",
        "\t",
        "\n",
        "-",
        "- ",
        "– ",
        "•",
        "\uf0b7",
        "<p>",
        "</p>",
        "<li>",
        "<br/>",
        "<u>",
        "</u>",
        '<ul style="x">',
        "&amp;",
        "&nbsp;",
        "&x;",
        "<",
        ">",
    ]
)


@settings(max_examples=400, deadline=None)
@given(data=st.data(), pieces=st.lists(RAW_PIECES, max_size=30))
def test_synthetic_round_trip_property(data: st.DataObject, pieces: list[str]) -> None:
    """Hypothesis: the round trip holds for arbitrary mixes of tags, bullets and spaces."""
    clean = CleanText("".join(pieces))
    start = data.draw(st.integers(0, len(clean)))
    end = data.draw(st.integers(start, len(clean)))
    assert clean.reclean(start, end) == clean.text[start:end]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("head of the civil service", ["Head of the Civil Service", "Head of\tthe Civil\nService"]),
        ("MCO", ["MCO"]),
        ("Lead Non Exec Director", []),
        ("", []),
    ],
)
def test_find_all(phrase: str, expected: list[str]) -> None:
    """Phrase search ignores case and whitespace shape and respects word edges."""
    clean = CleanText("Head of the Civil Service; Head of\tthe  Civil\nService; MCO, MCOs")
    assert [clean.text[s:e] for s, e in find_all(clean, phrase)] == expected


def test_find_all_in_corpus() -> None:
    """Gazetteer labels are found across table cells in the corpus."""
    clean = CLEAN["cabinet-secretary-objectives-2012-13.txt"]
    hits = find_all(clean, "Lead Non Exec Director")
    assert hits
    assert all("Lead Non Exec Director" in normalise_ws(clean.quote(s, e)) for s, e in hits)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(" a \t b\n\nc ", "a b c"), ("", ""), ("one", "one")],
)
def test_normalise_ws(raw: str, expected: str) -> None:
    """Whitespace runs collapse to single spaces."""
    assert normalise_ws(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("North East, Yorkshire & the Humber", "north-east-yorkshire-the-humber"),
        ("Cabinet Office's Plan", "cabinet-offices-plan"),
        ("Sécretariat Général", "secretariat-general"),
        ("  Top 200  ", "top-200"),
    ],
)
def test_slug(text: str, expected: str) -> None:
    """Slugs are lowercase ASCII words joined by hyphens."""
    assert slug(text) == expected


@pytest.mark.parametrize("text", ["", "&&&", "日本語"])
def test_slug_never_empty(text: str) -> None:
    """Texts without ASCII letters fall back to a stable short hash."""
    assert slug(text).startswith("id-")
    assert slug(text) == slug(text)
    assert len(slug(text)) == 11
