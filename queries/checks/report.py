"""Findings of `govkg check chains` and their text, JSON and CSV forms.

A finding names its rule (the data.gov.uk validator's rules are severity "error"; the
governance checks "warning"), the snapshot, a message, and the offending posts with their
source rows (file:line). Statistics (span of control, depth) are "info" and never change
the exit code: 0 when there is no finding, 1 otherwise.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

ERROR, WARNING = "error", "warning"
TEXT_OFFENDERS = 12


@dataclass
class Offender:
    """One post (or person, or document node) a finding is about, and where it was read."""

    ref: str
    iri: str
    rows: list[str] = field(default_factory=list)
    graph: str = ""


@dataclass
class Finding:
    """One defect: rule, severity, message and the posts involved."""

    rule: str
    severity: str
    message: str
    offenders: list[Offender] = field(default_factory=list)


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


def to_json(report: CheckReport) -> str:
    """The whole report as JSON."""
    counts = {ERROR: 0, WARNING: 0}
    for finding in report.findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    data = {"summary": {**counts, "sections": len(report.sections)}}
    data["sections"] = [asdict(s) for s in report.sections]  # type: ignore[assignment]
    return json.dumps(data, indent=2, ensure_ascii=False)


def to_csv(report: CheckReport) -> str:
    """One CSV row per offending post of each finding."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["snapshot", "graph", "rule", "severity", "ref", "rows", "iri", "message"])
    for section in report.sections:
        for f in section.findings:
            for o in f.offenders or [Offender("", "")]:
                graph = o.graph or section.graph
                row = [section.name, graph, f.rule, f.severity, o.ref, " ".join(o.rows), o.iri]
                writer.writerow([*row, f.message])
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
    errors = sum(1 for f in report.findings if f.severity == ERROR)
    warnings = len(report.findings) - errors
    lines.append(f"{len(report.sections)} sections checked: {errors} errors, {warnings} warnings")
    return "\n".join(lines) + "\n"


def _stat(value: Any) -> str:
    """A statistic on one line."""
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    return str(value)
