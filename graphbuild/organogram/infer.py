"""Columns whose header says nothing, recognised by their values where that is safe.

A header cell that is blank, unknown or misspelt beyond `columns`' edit distance leaves its
column unread. When the layout lacks a column the ingest needs, the sampled values decide,
in this order and only when unambiguous (exactly one unread column fits):
- the level: every value is Senior or Junior;
- the snapshot label: most values are dates such as 'Sep-15' or '2015-09-30';
- the grade: most values look like civil service grades (SCS1-4, G6, G7, SEO, HEO, EO...);
- the reporting post: some value is `XX`, the data.gov.uk top-post marker;
- the Post Unique Reference (senior files): unique values that most reporting posts name,
  from a column with a header of its own (an unnamed first column is an index);
- the reporting post, again, when most values name Post Unique References.
Each inferred column is reported (`Mapping` with how = "inferred from values").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from graphbuild.organogram import columns as col
from graphbuild.organogram.columns import Layout, Mapping
from graphbuild.organogram.rows import snapshot_date

SAMPLE_ROWS = 200
MOSTLY = 0.8
GRADE = re.compile(
    r"^(scs\s*[1-4]a?|scs|g[67]|grade\s*[67]|seo|heo|eo|ao|aa|ag|pb\s*\d+|band\s*\w+|"
    r"[a-e][12]?\s*/?\s*band.*|of-?\d|ofr?\s*\d|sbg\d|tis\d|senior.*|special adviser|"
    r"permanent secretary)(\s*\(.*\))?$",
    re.IGNORECASE,
)


def complete(layout: Layout, rows: Sequence[Sequence[str]]) -> Layout:
    """The layout with the missing columns its values identify (see the module docstring)."""
    sample = [list(r) for r in rows[:SAMPLE_ROWS]]
    for key, test, named_only in _RULES:
        if key in layout.columns:
            continue
        fits = [
            m for m in _unread(layout, named_only) if test(_values(sample, m.index), layout, sample)
        ]
        if len(fits) == 1:
            layout = _with(layout, fits[0], key)
    return layout


def _unread(layout: Layout, named_only: bool) -> list[Mapping]:
    """Columns whose header matched nothing (blank headers too, unless named_only)."""
    return [m for m in layout.mappings if m.key is None and (m.header or not named_only)]


def _values(sample: list[list[str]], index: int) -> list[str]:
    """The non-blank values of one column in the sample."""
    return [v for r in sample if index < len(r) and (v := r[index].strip())]


def _with(layout: Layout, mapping: Mapping, key: str) -> Layout:
    """The layout with one more column, its mapping marked as inferred."""
    columns = {**layout.columns, key: mapping.index}
    inferred = replace(mapping, key=key, how=col.INFERRED)
    mappings = tuple(inferred if m.index == mapping.index else m for m in layout.mappings)
    return replace(layout, columns=columns, kind=col.kind_of(columns), mappings=mappings)


def _mostly(values: list[str], test: Callable[[str], bool]) -> bool:
    """At least MOSTLY of the values pass (and there are values)."""
    return bool(values) and sum(map(test, values)) >= MOSTLY * len(values)


def _is_level(values: list[str], _layout: Layout, _sample: list[list[str]]) -> bool:
    """Every value is Senior or Junior."""
    return bool(values) and all(v.lower().startswith(("senior", "junior")) for v in values)


def _is_snapshot(values: list[str], _layout: Layout, _sample: list[list[str]]) -> bool:
    """Most values are snapshot dates (not bare numbers: an index column is not a date)."""
    return _mostly(values, lambda v: not v.isdigit() and snapshot_date(v) is not None)


def _is_grade(values: list[str], _layout: Layout, _sample: list[list[str]]) -> bool:
    """Most values look like civil service grades."""
    return _mostly(values, lambda v: GRADE.match(v) is not None)


def _has_top_marker(values: list[str], _layout: Layout, _sample: list[list[str]]) -> bool:
    """Some value is XX, the top-post marker of the reporting column."""
    return any(v.upper() == "XX" for v in values)


def _is_reference(values: list[str], layout: Layout, sample: list[list[str]]) -> bool:
    """Unique values that most reporting posts name: the Post Unique Reference."""
    at = layout.columns.get(col.REPORTS_TO)
    if at is None or len(set(values)) != len(values):
        return False
    named = [v for v in _values(sample, at) if v.upper() != "XX"]
    return _mostly(named, set(values).__contains__)


def _names_references(values: list[str], layout: Layout, sample: list[list[str]]) -> bool:
    """Most values are references of this file (or XX): the reporting post."""
    at = layout.columns.get(col.REF)
    refs = set(_values(sample, at)) if at is not None else set()
    return _mostly(values, lambda v: v in refs or v.upper() == "XX")


_RULES: tuple[tuple[str, Callable[[list[str], Layout, list[list[str]]], bool], bool], ...] = (
    (col.LEVEL, _is_level, False),
    (col.SNAPSHOT, _is_snapshot, False),
    (col.GRADE, _is_grade, False),
    (col.REPORTS_TO, _has_top_marker, False),
    (col.REF, _is_reference, True),
    (col.REPORTS_TO, _names_references, False),
)
