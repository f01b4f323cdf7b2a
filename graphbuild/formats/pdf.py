"""PDF documents: the text layer as canonical text, tables rebuilt into rows and cells.

Read with pdfplumber (docs/architecture.md §5). On each page the ruled tables are found and
written as rows of tab-joined cells (line breaks inside a cell become spaces); the text
outside them is grouped into lines, and wrapped lines into paragraphs. A line in a larger
font than the body is a heading (the largest on the first page is the title); a line
opening with a bullet or a number is a list item; a line that is only a page number is
dropped. Encrypted, corrupt and image-only PDFs are a FormatError.
"""

from __future__ import annotations

import io
import re
import statistics
from dataclasses import dataclass
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from graphbuild.formats.canonical import Canonical, CanonicalWriter, FormatError
from graphbuild.formats.plain import ITEM

PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?\s*$", re.IGNORECASE)
HEADING_RATIO = 1.15
PARAGRAPH_GAP = 0.6  # a vertical gap above this many line heights ends a paragraph


@dataclass
class TextLine:
    """One line of text outside the tables, with its position and font size."""

    text: str
    top: float
    bottom: float
    size: float
    bold: bool


def read_pdf(data: bytes) -> Canonical:
    """A PDF's text layer as canonical text; FormatError for unreadable PDFs."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = list(pdf.pages)
            writer = CanonicalWriter("pdf")
            items = [_page_items(page) for page in pages]
            body = _body_size([line for page in items for kind, line in page if kind == "text"])
            for number, page in enumerate(items):
                _write_page(page, writer, body, first=number == 0)
            result = writer.result(pages=len(pages))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise FormatError("the PDF is encrypted") from None
    except (PDFSyntaxError, PdfminerException) as exc:
        cause = exc.__cause__ or exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise FormatError("the PDF is encrypted") from None
        raise FormatError(f"the PDF is corrupt ({cause or type(cause).__name__})") from None
    if not result.text.strip():
        raise FormatError("the PDF has no text layer (a scanned image?): nothing to read")
    return result


def _page_items(page: Any) -> list[tuple[str, Any]]:
    """A page's text lines and tables, top to bottom."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
        y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    rest = page.filter(outside)
    found: list[tuple[float, str, Any]] = []
    for raw in rest.extract_text_lines(return_chars=True, keep_blank_chars=False):
        chars = [c for c in raw["chars"] if c["text"].strip()]
        if not chars or PAGE_NUMBER.match(raw["text"]):
            continue
        size = statistics.median(round(c["size"], 1) for c in chars)
        bold = all("bold" in c.get("fontname", "").lower() for c in chars)
        line = TextLine(raw["text"], raw["top"], raw["bottom"], size, bold)
        found.append((raw["top"], "text", line))
    for table in tables:
        found.append((table.bbox[1], "table", table.extract()))
    return [(kind, item) for _, kind, item in sorted(found, key=lambda f: (f[0], f[1]))]


def _body_size(lines: list[TextLine]) -> float:
    """The most common font size: the body text's."""
    sizes = [line.size for line in lines]
    return statistics.mode(sizes) if sizes else 0.0


def _write_page(
    page: list[tuple[str, Any]], writer: CanonicalWriter, body: float, first: bool
) -> None:
    """Write one page's blocks, joining wrapped lines into paragraphs."""
    paragraph: list[TextLine] = []
    for kind, item in page:
        if kind == "table":
            _flush(paragraph, writer)
            writer.end_table()
            for row in item:
                writer.row([(cell or "").replace("\n", " ") for cell in row])
            writer.end_table()
            continue
        line: TextLine = item
        heading = body and line.size > body * HEADING_RATIO
        if heading or (line.bold and len(line.text.split()) <= 12):
            _flush(paragraph, writer)
            title = first and heading and not any(b.kind == "title" for b in writer.blocks)
            writer.add("title" if title else "heading", line.text, 1 if heading else 2)
            continue
        if paragraph and not _continues(paragraph[-1], line):
            _flush(paragraph, writer)
        paragraph.append(line)
    _flush(paragraph, writer)


def _continues(previous: TextLine, line: TextLine) -> bool:
    """Whether a line wraps on from the previous one (close below it, not a new item)."""
    height = max(previous.bottom - previous.top, 1.0)
    close = line.top - previous.bottom <= height * PARAGRAPH_GAP
    return close and not ITEM.match(line.text)


def _flush(paragraph: list[TextLine], writer: CanonicalWriter) -> None:
    """Write the lines gathered so far as one paragraph or list item."""
    if not paragraph:
        return
    text = " ".join(line.text.strip() for line in paragraph)
    writer.add("item" if ITEM.match(paragraph[0].text) else "paragraph", text)
    paragraph.clear()
