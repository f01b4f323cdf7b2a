"""Charts of `govkg report` drawn with matplotlib as SVG, embedded so the page works offline.

docs/architecture.md §8. Text is drawn as paths (matplotlib's default `svg.fonttype`), so a
label can never become markup; the only text left in the SVG is in comments, which
matplotlib escapes. The hash salt is fixed so the same data gives the same file.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

from queries.report_model import Chart

WIDTH_PER_CATEGORY, MIN_WIDTH, MAX_WIDTH, HEIGHT = 0.55, 6.0, 14.0, 4.2
LABEL_CHARS = 28
plt.rcParams["svg.hashsalt"] = "govkg-report"
plt.rcParams["svg.fonttype"] = "path"


def _short(label: str) -> str:
    """A tick label cut at LABEL_CHARS characters."""
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def chart_svg(chart: Chart) -> str:
    """The chart as an SVG document (a string)."""
    width = min(MAX_WIDTH, max(MIN_WIDTH, WIDTH_PER_CATEGORY * len(chart.categories) + 2))
    figure, axes = plt.subplots(figsize=(width, HEIGHT))
    positions = list(range(len(chart.categories)))
    if chart.kind == "line":
        for name, values in chart.series.items():
            axes.plot(positions, values, marker="o", label=name)
    else:
        bottom = [0.0] * len(positions)
        for name, values in chart.series.items():
            axes.bar(positions, values, bottom=bottom, label=name)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axes.set_xticks(positions, [_short(c) for c in chart.categories], rotation=40, ha="right")
    axes.set_ylabel(chart.ylabel)
    axes.set_title(chart.title, fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    if len(chart.series) > 1:
        axes.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    figure.tight_layout()
    out = io.StringIO()
    figure.savefig(out, format="svg", metadata={"Date": None})
    plt.close(figure)
    text = out.getvalue()
    return text[text.index("<svg") :]
