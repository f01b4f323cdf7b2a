"""`govkg report` written out: one offline HTML page or Markdown, and a CSV per table.

docs/architecture.md §8. The page is rendered with jinja2 (autoescape on: every label,
holder and quote is escaped) with its charts inlined as SVG (viz.charts) and no request to
any other host; each table and chart says which command reproduces it. An empty store gives
a page that says what to load.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from queries.report_model import Report, Table, Value
from viz.charts import chart_svg

_ENV = Environment(loader=PackageLoader("viz", "templates"), autoescape=True)


def cell(value: Value) -> str:
    """A cell as text, whitespace runs collapsed (quotes keep their words, not their layout)."""
    if isinstance(value, float):
        return f"{value:g}"
    return " ".join(str(value).split())


def to_html(report: Report, title: str = "govkg report") -> str:
    """The whole report as one HTML page."""
    charts = {
        chart.name: Markup(chart_svg(chart))
        for section in report.sections
        for chart in section.charts
    }
    return _ENV.get_template("report.html").render(
        report=report, title=title, charts=charts, cell=cell
    )


def to_markdown(report: Report, title: str = "govkg report") -> str:
    """The report as Markdown: headings, intros, tables and their sources (charts as SVG files)."""
    lines = [f"# {title}", ""]
    if report.empty:
        lines += ["The store holds nothing to report on.", ""]
    for section in report.sections:
        lines += [f"## {section.title}", "", section.intro, ""]
        if not section.has_data:
            lines += [f"_{section.empty}_", ""]
            continue
        for chart in section.charts:
            lines += [
                f"![{chart.title}](charts/{chart.name}.svg)",
                "",
                f"Source: `{chart.source}`",
                "",
            ]
        for table in section.tables:
            lines += _markdown_table(table)
    return "\n".join(lines)


def _markdown_table(table: Table) -> list[str]:
    """One table in Markdown, with its title, note and source."""
    out = [f"### {table.title}", ""]
    if not table.rows:
        return [*out, "_No rows._", ""]
    escape = str.maketrans({"|": "\\|"})
    out.append("| " + " | ".join(c.translate(escape) for c in table.columns) + " |")
    out.append("|" + "---|" * len(table.columns))
    for row in table.rows:
        out.append("| " + " | ".join(cell(v).translate(escape) for v in row) + " |")
    out.append("")
    if table.note:
        out += [table.note, ""]
    return [*out, f"Source: `{table.source}`", ""]


def table_csv(table: Table) -> str:
    """A table as CSV (header row first)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(
        [[v if isinstance(v, int | float) else cell(v) for v in row] for row in table.rows]
    )
    return out.getvalue()


def write_report(report: Report, folder: Path, fmt: str = "html") -> Path:
    """Write the page (report.html or report.md), tables/*.csv and, for Markdown, charts/*.svg."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = folder / "tables"
    tables.mkdir(exist_ok=True)
    for table in report.tables():
        (tables / f"{table.name}.csv").write_text(table_csv(table), encoding="utf-8")
    if fmt == "markdown":
        charts = folder / "charts"
        charts.mkdir(exist_ok=True)
        for section in report.sections:
            for chart in section.charts:
                (charts / f"{chart.name}.svg").write_text(chart_svg(chart), encoding="utf-8")
        page = folder / "report.md"
        page.write_text(to_markdown(report), encoding="utf-8")
        return page
    page = folder / "report.html"
    page.write_text(to_html(report), encoding="utf-8")
    return page
