"""`govkg diff organogram` output: the changes between two releases as text, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict

from queries.changes import Diff


def to_text(diffs: list[Diff]) -> str:
    """The changes as readable text: counts, each change, units whose numbers changed."""
    lines = []
    for d in diffs:
        lines.append(f"== {d.department}: {d.before.label} -> {d.after.label}")
        counts = ", ".join(f"{kind} {n}" for kind, n in d.counts().items() if n) or "no change"
        lines.append(f"  {counts}")
        for c in d.changes:
            arrow = (
                f"{c.before!r} -> {c.after!r}"
                if c.before and c.after
                else repr(c.after or c.before)
            )
            lines.append(f"  {c.kind:16} {c.ref:>10}  {arrow}")
        for u in d.units:
            pay = f", senior pay {u.pay_before or '-'} -> {u.pay_after or '-'}"
            lines.append(
                f"  unit {u.unit}: senior posts {u.posts_before} -> {u.posts_after}, "
                f"junior FTE {u.junior_fte_before:g} -> {u.junior_fte_after:g}"
                + (pay if u.pay_before != u.pay_after else "")
            )
    return "\n".join(lines) + "\n"


def to_json(diffs: list[Diff]) -> str:
    """The changes as JSON: per department, counts, changes and units."""
    return json.dumps(
        [
            {
                "department": d.department,
                "from": {
                    "snapshot": d.before.label,
                    "date": d.before.date,
                    "graph": d.before.graph,
                },
                "to": {"snapshot": d.after.label, "date": d.after.date, "graph": d.after.graph},
                "counts": d.counts(),
                "changes": [asdict(c) for c in d.changes],
                "units": [asdict(u) for u in d.units],
            }
            for d in diffs
        ],
        indent=2,
        ensure_ascii=False,
    )


def to_csv(diffs: list[Diff]) -> str:
    """One CSV row per change."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "department",
            "from",
            "to",
            "change",
            "ref",
            "before",
            "after",
            "rows_before",
            "rows_after",
        ]
    )
    for d in diffs:
        for c in d.changes:
            writer.writerow([d.department, d.before.date, d.after.date, c.kind, c.ref, c.before,
                             c.after, " ".join(c.rows_before), " ".join(c.rows_after)])  # fmt: skip
    return out.getvalue()
