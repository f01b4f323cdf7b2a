"""Render a plain-text document as a PDF (fpdf2), a GOV.UK-like HTML page or a Word .docx.

The plain text's lines are blocks as the canonical text has them (graphbuild/formats): a
line with a tab is a table row, a line opening with '- ' a list item, a line marked '# ' a
heading (the first one the title), anything else a paragraph. The PDF draws headings in a
larger bold font, rows as a ruled table (one table per run of rows), wrapped paragraphs and
a page number; the HTML wraps the content in GOV.UK boilerplate (cookie banner, header,
navigation, contents list, footer, scripts) that the reader must drop.
"""

from __future__ import annotations

import html
import zipfile
from itertools import groupby
from pathlib import Path

from fpdf import FPDF

Block = tuple[str, str]  # (kind, text)
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core (.ci/run)


def _fonts(pdf: FPDF) -> str:
    """A Unicode font family (DejaVu Sans) registered with the PDF."""
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    return "DejaVu"


def blocks(text: str) -> list[Block]:
    """The blocks of a plain text, in order."""
    out: list[Block] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if "\t" in line:
            out.append(("row", line))
        elif line.startswith("# "):
            out.append(("heading", line[2:]))
        elif line.lstrip().startswith("- "):
            out.append(("item", line.lstrip()[2:]))
        else:
            out.append(("paragraph", line))
    return out


def to_pdf(text: str, path: Path) -> Path:
    """Write the text as a PDF with ruled tables; returns the path."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    font = _fonts(pdf)
    for kind, group in groupby(blocks(text), key=lambda b: b[0]):
        items = [t for _, t in group]
        if kind == "row":
            _pdf_table(pdf, font, [row.split("\t") for row in items])
            continue
        for item in items:
            size, style = (14, "B") if kind == "heading" else (10, "")
            pdf.set_font(font, style, size)
            body = f"- {item}" if kind == "item" else item
            pdf.multi_cell(0, 6 if kind == "heading" else 5, body, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    pdf.set_font(font, "", 8)
    pdf.cell(0, 8, str(pdf.page_no()))
    pdf.output(str(path))
    return path


def _pdf_table(pdf: FPDF, font: str, rows: list[list[str]]) -> None:
    """A ruled table; short rows are padded to the widest row."""
    width = max(len(r) for r in rows)
    pdf.set_font(font, "", 9)
    with pdf.table(first_row_as_headings=False, line_height=4.5) as table:
        for cells in rows:
            row = table.row()
            for cell in [*cells, *[""] * (width - len(cells))]:
                row.cell(cell.strip())
    pdf.ln(4)


def to_html(text: str, path: Path, title: str = "Publication") -> Path:
    """Write the text as a GOV.UK-like HTML page; returns the path."""
    body: list[str] = []
    first = True
    for kind, group in groupby(blocks(text), key=lambda b: b[0]):
        items = [t for _, t in group]
        if kind == "row":
            rows = "".join(
                "<tr>"
                + "".join(f"<td>{html.escape(c.strip())}</td>" for c in r.split("\t"))
                + "</tr>"
                for r in items
            )
            body.append(f"<table class='govuk-table'><tbody>{rows}</tbody></table>")
        elif kind == "item":
            body.append("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>")
        else:
            for item in items:
                tag = "p" if kind == "paragraph" else ("h1" if first else "h2")
                first = first and kind != "heading"
                body.append(f"<{tag}>{html.escape(item)}</{tag}>")
    page = PAGE.format(title=html.escape(title), body="\n".join(body))
    path.write_text(page, encoding="utf-8")
    return path


PAGE = """<!DOCTYPE html>
<html lang="en" class="govuk-template"><head><meta charset="utf-8">
<title>{title} - GOV.UK</title><script>window.dataLayer = [];</script>
<style>.govuk-header {{ color: black }}</style></head>
<body class="govuk-template__body">
<div class="govuk-cookie-banner" role="region"><p>Cookies on GOV.UK</p><button>Accept</button></div>
<a href="#main-content" class="govuk-skip-link">Skip to main content</a>
<header class="govuk-header"><a href="/">GOV.UK</a><nav><a href="/search">Search</a></nav></header>
<div class="govuk-width-container"><nav class="govuk-breadcrumbs"><a href="/">Home</a></nav>
<main class="govuk-main-wrapper" id="main-content" role="main">
<nav class="gem-c-contents-list"><h2>Contents</h2><ol><li>Section</li></ol></nav>
<div class="govspeak">
{body}
</div></main></div>
<footer class="govuk-footer">
<p>All content is available under the Open Government Licence v3.0</p></footer>
<script src="/assets/govuk.js"></script></body></html>
"""


DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _run(text: str) -> str:
    """One run of text (spaces kept)."""
    return f'<w:r><w:t xml:space="preserve">{html.escape(text, quote=False)}</w:t></w:r>'


def _docx_paragraph(kind: str, text: str, first: bool) -> str:
    """A paragraph: Title, Heading1, a numbered list item, or plain."""
    style = {"heading": "Title" if first else "Heading1"}.get(kind)
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if kind == "item":
        props = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    return f"<w:p><w:pPr>{props}</w:pPr>{_run(text)}</w:p>"


def to_docx(text: str, path: Path) -> Path:
    """Write the text as a minimal Word document (WordprocessingML in a zip)."""
    body: list[str] = []
    first = True
    for kind, group in groupby(blocks(text), key=lambda b: b[0]):
        items = [t for _, t in group]
        if kind == "row":
            rows = "".join(
                "<w:tr>"
                + "".join(f"<w:tc><w:p>{_run(c.strip())}</w:p></w:tc>" for c in r.split("\t"))
                + "</w:tr>"
                for r in items
            )
            body.append(f"<w:tbl>{rows}</w:tbl>")
            continue
        for item in items:
            body.append(_docx_paragraph(kind, item, first and kind == "heading"))
            first = first and kind != "heading"
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
        + "".join(body)
        + "</w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_TYPES)
        archive.writestr("_rels/.rels", DOCX_RELS)
        archive.writestr("word/document.xml", document)
    return path
