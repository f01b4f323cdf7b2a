"""Plain text (.txt, text taken from a PDF by another tool): the text is its own canonical form.

The text is kept byte for byte, so offsets into it are offsets into the file; its structure
is read from the lines (docs/architecture.md §5): a line with a tab is a table row, a line
opening with a bullet, a dash or a number is a list item, a short line standing alone with
no closing full stop is a heading, and the first such line is the title.
"""

from __future__ import annotations

import re

from graphbuild.formats.canonical import Block, Canonical, FormatError

ITEM = re.compile(r"^\s*(?:[-–—•\uf0b7▪●◦]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)")
HEADING_MAX_WORDS = 12


def decode(data: bytes) -> str:
    """UTF-8 text without a byte-order mark; FormatError names the line of a bad byte."""
    if b"\x00" in data[:4096]:
        raise FormatError("the file is binary (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError(
            f"line {line}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    return text.removeprefix("\ufeff")


def read_plain(data: bytes) -> Canonical:
    """A text file as canonical text, its blocks read from its lines."""
    text = decode(data)
    return Canonical(text, "text", tuple(line_blocks(text)))


def line_blocks(text: str) -> list[Block]:
    """The block of every non-blank line of a plain text."""
    lines = text.split("\n")
    blocks: list[Block] = []
    table = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        previous = lines[number - 2] if number > 1 else ""
        if "\t" in line.strip(" ") or (line.endswith("\t") and line.strip()):
            table += "\t" not in previous
            blocks.append(Block("row", number, table))
        elif ITEM.match(line):
            blocks.append(Block("item", number))
        elif looks_like_heading(line, previous, lines[number] if number < len(lines) else ""):
            kind = "heading" if any(b.kind == "title" for b in blocks) else "title"
            blocks.append(Block(kind, number, 1 if line.isupper() else 2))
        else:
            blocks.append(Block("paragraph", number))
    return blocks


def looks_like_heading(line: str, previous: str, following: str) -> bool:
    """A short line standing alone (blank lines or the document's edges around it)."""
    words = line.split()
    if not words or len(words) > HEADING_MAX_WORDS or line.rstrip().endswith((".", ",", ";")):
        return False
    if previous.strip() and not previous.rstrip().endswith(":") and following.strip():
        return False
    return words[0][0].isupper() or words[0][0].isdigit()
