"""Word documents (.docx): paragraphs, headings, list items and tables as canonical text.

A .docx is a zip holding `word/document.xml` (ECMA-376, WordprocessingML); it is read with
the standard library's zip and XML parsers (docs/architecture.md §5): `w:p` paragraphs (a
`Heading N` or `Title` style makes a heading or the title, numbering (`w:numPr`) a list
item), `w:tbl` tables as rows of tab-joined cells. A file that is not a Word zip, a part
over MAX_XML bytes or XML with a DOCTYPE (entity expansion) is a FormatError.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

from graphbuild.formats.canonical import Canonical, CanonicalWriter, FormatError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_XML = 50_000_000
HEADING = re.compile(r"^(?:heading|titre|überschrift)\s*(\d)$", re.IGNORECASE)


def read_docx(data: bytes) -> Canonical:
    """A Word document's body as canonical text."""
    xml = _document_xml(data)
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise FormatError(f"the Word document's XML is broken ({exc})") from None
    body = root.find(f"{W}body")
    if body is None:
        raise FormatError("the Word document has no body")
    writer = CanonicalWriter("docx")
    for element in body:
        if element.tag == f"{W}p":
            _paragraph(element, writer)
        elif element.tag == f"{W}tbl":
            _table(element, writer)
    result = writer.result()
    if not result.text.strip():
        raise FormatError("the Word document has no text")
    return result


def _document_xml(data: bytes) -> bytes:
    """word/document.xml from the zip, refused when too big or carrying a DOCTYPE."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_XML:
                raise FormatError(f"the Word document's text is over {MAX_XML:,} bytes")
            xml = archive.read(info)
    except (zipfile.BadZipFile, KeyError):
        raise FormatError("not a Word document (no word/document.xml in a zip)") from None
    if b"<!DOCTYPE" in xml[:4096].upper():
        raise FormatError("the Word document's XML declares a DOCTYPE (refused)")
    return xml


def _text(element: ElementTree.Element) -> str:
    """The text of runs, tabs and breaks under an element."""
    parts = []
    for node in element.iter():
        if node.tag == f"{W}t" and node.text:
            parts.append(node.text)
        elif node.tag in (f"{W}tab", f"{W}br", f"{W}cr"):
            parts.append(" ")
    return "".join(parts)


def _paragraph(paragraph: ElementTree.Element, writer: CanonicalWriter) -> None:
    """One paragraph: title, heading, list item or plain paragraph, by its properties."""
    text = _text(paragraph)
    props = paragraph.find(f"{W}pPr")
    style = props.find(f"{W}pStyle") if props is not None else None
    name = style.get(f"{W}val", "") if style is not None else ""
    heading = HEADING.match(name.replace("-", " "))
    if name.lower() == "title":
        writer.add("title", text, 1)
    elif heading:
        writer.add("heading", text, int(heading.group(1)))
    elif (props is not None and props.find(f"{W}numPr") is not None) or "list" in name.lower():
        writer.add("item", text)
    else:
        writer.add("paragraph", text)


def _table(table: ElementTree.Element, writer: CanonicalWriter) -> None:
    """Each row of a table, cells joined by tabs (a cell's paragraphs joined by '; ')."""
    writer.end_table()
    for row in table.findall(f"{W}tr"):
        cells = []
        for cell in row.findall(f"{W}tc"):
            paragraphs = [_text(p).strip() for p in cell.findall(f".//{W}p")]
            cells.append("; ".join(p for p in paragraphs if p))
        writer.row(cells)
    writer.end_table()
