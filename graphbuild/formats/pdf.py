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
FULL_LINE = 60  # characters: a shorter line at a page's foot ends its block
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
            pending: list[TextLine] = []
            for number, page in enumerate(items):
                _write_page(page, writer, body, number == 0, pending)
            _flush(pending, writer, body, len(items) == 1)
            result = writer.result(pages=len(pages))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise FormatError("the PDF is encrypted") from None
    except (PDFSyntaxError, PdfminerException) as exc:
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise FormatError("the PDF is encrypted (it needs a password)") from None
        raise FormatError(f"the PDF is corrupt ({str(cause) or type(cause).__name__})") from None
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
    page: list[tuple[str, Any]],
    writer: CanonicalWriter,
    body: float,
    first: bool,
    paragraph: list[TextLine],
) -> None:
    """Write one page's blocks, joining wrapped lines into paragraphs.

    `paragraph` holds the block still open at the end of the previous page: a sentence
    that runs over a page break continues on the next page's first line.
    """
    top = True
    for kind, item in page:
        if kind == "table":
            top = False
            _flush(paragraph, writer, body, first)
            writer.end_table()
            for row in item:
                writer.row([(cell or "").replace("\n", " ") for cell in row])
            writer.end_table()
            continue
        line: TextLine = item
        if top and paragraph:
            joins = _runs_over(paragraph[-1], line) and _same_kind(paragraph, line, body)
        else:
            joins = bool(paragraph) and _continues(paragraph[-1], line)
            joins = joins and _same_kind(paragraph, line, body)
        top = False
        if paragraph and not joins:
            _flush(paragraph, writer, body, first)
        paragraph.append(line)


def _runs_over(previous: TextLine, line: TextLine) -> bool:
    """Whether a page's first line carries on the sentence the last page ended mid-way.

    Only a full line can run over (a short line such as 'Champion: Jane Smith' ends a block).
    """
    text = previous.text.rstrip()
    full = len(text) >= FULL_LINE
    return full and not text.endswith((".", ":", ";", "!", "?")) and not ITEM.match(line.text)


def _continues(previous: TextLine, line: TextLine) -> bool:
    """Whether a line wraps on from the previous one (close below it, not a new item)."""
    height = max(previous.bottom - previous.top, 1.0)
    close = line.top - previous.bottom <= height * PARAGRAPH_GAP
    return close and not ITEM.match(line.text)


def _is_heading(line: TextLine, body: float) -> tuple[bool, bool]:
    """(heading, large): a larger font than the body, or a short bold line."""
    large = bool(body) and line.size > body * HEADING_RATIO
    return large or (line.bold and len(line.text.split()) <= 12), large


def _same_kind(paragraph: list[TextLine], line: TextLine, body: float) -> bool:
    """Whether a line can join the block gathered so far (a heading wrapping onto a 2nd line)."""
    first, _ = _is_heading(paragraph[0], body)
    here, _ = _is_heading(line, body)
    return first == here and (not here or abs(paragraph[0].size - line.size) < 0.5)


def _flush(
    paragraph: list[TextLine], writer: CanonicalWriter, body: float, first_page: bool
) -> None:
    """Write the lines gathered so far as one heading, paragraph or list item."""
    if not paragraph:
        return
    text = " ".join(line.text.strip() for line in paragraph)
    heading, large = _is_heading(paragraph[0], body)
    if heading:
        title = first_page and large and not any(b.kind == "title" for b in writer.blocks)
        writer.add("title" if title else "heading", text, 1 if large else 2)
    else:
        writer.add("item" if ITEM.match(paragraph[0].text) else "paragraph", text)
    paragraph.clear()
