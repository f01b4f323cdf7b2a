"""Read one organogram CSV into records with their source lines.

Bad input is handled as docs/architecture.md §7 says.

Decoding: UTF-8 (with or without BOM), else Windows-1252 (the pound sign as byte 0xA3, as
in the Defra example), else line by line, where a line that decodes in neither is an error
for the row that contains it. The delimiter is the most frequent of comma, tab and
semicolon in the first line. The header is the first of the first ten rows whose cells
name at least three data.gov.uk columns (see `columns`); a file without one is
read by the official senior or junior layout when its width fits, with an error saying
so. Errors never stop the file: each names the file and line, and the good rows load.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from common.errors import SourceProblem
from graphbuild.organogram import columns as col
from graphbuild.organogram.columns import Layout, guessed_layout, layout_from_header
from graphbuild.organogram.infer import SAMPLE_ROWS as SAMPLE
from graphbuild.organogram.infer import complete

HEADER_SEARCH_ROWS = 10
MAX_FILE_BYTES = 512 * 1024 * 1024
csv.field_size_limit(16 * 1024 * 1024)


@dataclass
class Table:
    """The records of one file under its layout, and what went wrong reading it."""

    file: str
    layout: Layout | None = None
    records: list[tuple[int, list[str]]] = field(default_factory=list)
    errors: list[SourceProblem] = field(default_factory=list)
    encoding: str = "utf-8"


def decode(data: bytes) -> tuple[str, str, set[int]]:
    """The text, the encoding used, and the 1-based lines that decoded in no encoding."""
    try:
        return data.decode("utf-8-sig"), "utf-8", set()
    except UnicodeDecodeError:
        pass
    lines = data.splitlines(keepends=True)
    utf8_lines = sum(1 for line in lines if not line.isascii() and _decodes(line, "utf-8"))
    encoding = "utf-8" if utf8_lines else "cp1252"
    if encoding == "cp1252" and _decodes(data, "cp1252"):
        return data.decode("cp1252"), "cp1252", set()
    bad = {n for n, line in enumerate(lines, 1) if not _decodes(line, encoding)}
    text = "".join(line.decode(encoding, errors="replace") for line in lines)
    return text.removeprefix("\ufeff"), encoding, bad


def _decodes(data: bytes, encoding: str) -> bool:
    """True when the bytes decode in this encoding."""
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _delimiter(text: str) -> str:
    """The most frequent of comma, tab and semicolon in the first line."""
    first = text.split("\n", 1)[0]
    return max((",", "\t", ";"), key=first.count)


def _rows(text: str) -> Iterator[tuple[int, int, list[str]]]:
    """(first line, last line, cells) for each non-blank CSV record."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    last = 0
    for cells in reader:
        start, last = last + 1, reader.line_num
        if "".join(cells).strip():
            yield start, last, cells


def read_table(path: Path, display: str | None = None) -> Table:
    """Read one organogram file; never raises for bad content, only collects errors."""
    table = Table(display or path.name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = f"cannot read file: {exc.strerror or exc}"
        table.errors.append(SourceProblem(table.file, 0, reason))
        return table
    if len(data) > MAX_FILE_BYTES:
        reason = f"file larger than {MAX_FILE_BYTES} bytes"
        table.errors.append(SourceProblem(table.file, 0, reason))
        return table
    if not data.strip():
        table.errors.append(SourceProblem(table.file, 1, "empty file: no header and no rows"))
        return table
    text, table.encoding, bad_lines = decode(data)
    _fill(table, text, bad_lines)
    return table


def _fill(table: Table, text: str, bad_lines: set[int]) -> None:
    """Find the header, then keep each record that decoded cleanly."""
    rows = list(_rows(text))
    header_at = _find_header(table, rows)
    if table.layout is None:
        return
    for start, end, cells in rows[header_at + 1 :]:
        broken = sorted(n for n in bad_lines if start <= n <= end)
        if broken:
            message = f"undecodable byte on line {broken[0]} (not {table.encoding}); row skipped"
            table.errors.append(SourceProblem(table.file, start, message))
            continue
        table.records.append((start, cells))


def _find_header(table: Table, rows: list[tuple[int, int, list[str]]]) -> int:
    """Set the table's layout from its header; return the header's index (-1 if none)."""
    for index, (_start, _end, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        layout = layout_from_header(cells)
        if layout is not None:
            layout = complete(layout, [r for _s, _e, r in rows[index + 1 : index + 1 + SAMPLE]])
        if layout is not None and layout.has(col.REPORTS_TO):
            table.layout = layout
            return index
    if not rows:
        table.errors.append(SourceProblem(table.file, 1, "no rows"))
        return -1
    first_line, _end, cells = rows[0]
    table.layout = guessed_layout(len(cells))
    if table.layout is None:
        message = (
            "no header row found in the first 10 rows (expected data.gov.uk columns such "
            "as 'Post Unique Reference' or 'Reporting Senior Post'); file skipped"
        )
    else:
        message = (
            f"no header row; read by the official {table.layout.kind} layout ({len(cells)} columns)"
        )
    table.errors.append(SourceProblem(table.file, first_line, message))
    return -1


def peek_department(path: Path, sample: int = 65536) -> str:
    """The commonest Organisation (else Parent Department) of a file's first rows, or ''."""
    try:
        with path.open("rb") as f:
            data = f.read(sample)
    except OSError:
        return ""
    text = data.decode("utf-8", errors="replace").rsplit("\n", 1)[0]
    rows = [cells for _start, _end, cells in _rows(text)]
    for index, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        layout = layout_from_header(cells)
        if layout is None or not layout.has(col.REPORTS_TO):
            continue
        for key in (col.ORGANISATION, col.PARENT):
            at = layout.columns.get(key)
            values = [r[at].strip() for r in rows[index + 1 :] if at is not None and at < len(r)]
            counts = Counter(v for v in values if v)
            if counts:
                return counts.most_common(1)[0][0]
    return ""
