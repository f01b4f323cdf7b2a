"""Findings of `govkg check chains` and their text, JSON and CSV forms.

A finding names its rule (the data.gov.uk validator's rules are severity "error"; the
governance checks "warning"), the snapshot, a message for people, and the offenders as
structured values: each offending post's reference, its IRI, the manager reference the rule
is about (an unknown, eliminated or looping manager; empty when the rule is not about one)
and its source rows (file:line). CSV has one row per offender. Statistics (span of control,
depth) are "info" and never change the exit code: 0 when there is no finding, 1 otherwise.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

ERROR, WARNING = "error", "warning"
CSV_COLUMNS = (
    "snapshot", "graph", "rule", "severity", "ref", "manager_ref", "rows", "iri", "message",
)  # fmt: skip
TEXT_OFFENDERS = 12


@dataclass
class Offender:
    """One post (or person, or document node) a finding is about, and where it was read."""

    ref: str
    iri: str
    rows: list[str] = field(default_factory=list)
    graph: str = ""
    manager_ref: str = ""


@dataclass
class Finding:
    """One defect: rule, severity, message and the posts involved."""

    rule: str
    severity: str
    message: str
    offenders: list[Offender] = field(default_factory=list)
    snapshot: str = ""


@dataclass
class SnapshotReport:
    """The findings and statistics of one snapshot (or of the documents / people)."""

    name: str
    graph: str = ""
    title: str = ""
    posts: int = 0
    junior_rows: int = 0
    stats: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


@dataclass
class CheckReport:
    """Every section of a check run."""

    sections: list[SnapshotReport] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        """All findings of all sections."""
        return [f for s in self.sections for f in s.findings]

    @property
    def exit_code(self) -> int:
        """0 clean, 1 findings."""
        return 1 if self.findings else 0


def natural_key(text: str) -> list[Any]:
    """Sort 'DCMS2' before 'DCMS10' and '9' before '10'."""
    return [int(p) if p.isdigit() else p.lower() for p in re.split(r"(\d+)", text)]


def by_snapshot(report: CheckReport) -> dict[str, dict[str, int]]:
    """Findings counted by rule for each organogram snapshot (department/date) checked."""
    counts: dict[str, dict[str, int]] = {}
    for section in report.sections:
        if section.graph:
            rules = counts.setdefault(section.name, {})
            for finding in section.findings:
                rules[finding.rule] = rules.get(finding.rule, 0) + 1
    return counts


def to_json(report: CheckReport) -> str:
    """The whole report as JSON."""
    counts = {ERROR: 0, WARNING: 0}
    for finding in report.findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    summary = {**counts, "sections": len(report.sections), "by_snapshot": by_snapshot(report)}
    data: dict[str, Any] = {"summary": summary}
    data["sections"] = [asdict(s) for s in report.sections]
    return json.dumps(data, indent=2, ensure_ascii=False)


def to_csv(report: CheckReport) -> str:
    """One CSV row per offending post of each finding."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for section in report.sections:
        for f in section.findings:
            for o in f.offenders or [Offender("", "")]:
                graph = o.graph or section.graph
                row = [f.snapshot or section.name, graph, f.rule, f.severity, o.ref]
                writer.writerow([*row, o.manager_ref, " ".join(o.rows), o.iri, f.message])
    return out.getvalue()


def to_text(report: CheckReport, limit: int = TEXT_OFFENDERS) -> str:
    """A readable report: per section a header, its findings, then statistics."""
    lines: list[str] = []
    for section in report.sections:
        size = (
            f" ({section.posts} senior posts, {section.junior_rows} junior rows)"
            if section.graph
            else ""
        )
        lines.append(f"== {section.name}{size}")
        for f in section.findings:
            lines.append(f"  {f.severity:7} {f.rule}: {f.message}")
            for o in f.offenders[:limit]:
                lines.append(f"          {o.ref or 'row'}  {' '.join(o.rows)}".rstrip())
            if len(f.offenders) > limit:
                lines.append(
                    f"          ... and {len(f.offenders) - limit} more (see --format json)"
                )
        for name, value in section.stats.items():
            lines.append(f"  info    {name}: {_stat(value)}")
        if not section.findings:
            lines.append("  ok      no findings")
    snapshots = by_snapshot(report)
    if len(snapshots) > 1:
        lines.append("findings by rule per snapshot:")
        for name, rules in snapshots.items():
            counted = ", ".join(f"{rule} {n}" for rule, n in sorted(rules.items())) or "none"
            lines.append(f"  {name}: {counted}")
    errors = sum(1 for f in report.findings if f.severity == ERROR)
    warnings = len(report.findings) - errors
    lines.append(f"{len(report.sections)} sections checked: {errors} errors, {warnings} warnings")
    return "\n".join(lines) + "\n"


def _stat(value: Any) -> str:
    """A statistic on one line."""
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    return str(value)
