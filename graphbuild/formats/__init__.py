"""Format adapters: a .txt, .pdf, .html or .docx document in, one canonical text with structure out.

Every format becomes the same thing (docs/architecture.md §5): a canonical text whose lines
are the document's blocks — the title, headings, paragraphs, list items ("- " first) and
table rows (cells joined by a tab) — plus the list of those blocks. Extractors read only the
canonical text, so a fact's quote and offsets point into it; the build stores it with the
document, so every quote stays verifiable whatever the source format was.
"""

from __future__ import annotations

from pathlib import Path

from graphbuild.formats.canonical import Block, Canonical, FormatError

MAX_BYTES = 20_000_000
SUFFIXES = {".txt": "text", ".text": "text", ".pdf": "pdf"}
SUFFIXES |= {".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx"}

__all__ = ["SUFFIXES", "Block", "Canonical", "FormatError", "read_source", "sniff_format"]


def sniff_format(path: Path, head: bytes) -> str | None:
    """The format of a file: by its first bytes, else by its suffix (None: not a document)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    return SUFFIXES.get(path.suffix.lower())


def read_source(path: Path) -> Canonical:
    """The canonical text of a document; FormatError says why a file cannot be used."""
    data = path.read_bytes()
    if not data.strip():
        raise FormatError("the file is empty")
    if len(data) > MAX_BYTES:
        raise FormatError(f"the file is larger than {MAX_BYTES:,} bytes")
    kind = sniff_format(path, data[:512])
    if kind == "pdf":
        from graphbuild.formats.pdf import read_pdf

        return read_pdf(data)
    if kind == "html":
        from graphbuild.formats.html import read_html

        return read_html(data)
    if kind == "docx":
        from graphbuild.formats.docx import read_docx

        return read_docx(data)
    from graphbuild.formats.plain import read_plain

    return read_plain(data)  # .txt, or any other file that turns out to be UTF-8 text
