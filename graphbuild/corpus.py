"""The corpus manifest (corpus/manifest.toml) and safe reading of its documents.

A manifest lists each document's id, title, publisher, period, family and file. Reading
refuses empty, binary and non-UTF-8 files with a reason, so one bad document never stops
the rest of a build (issue "Build the knowledge graph", Bad input).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from common.errors import InputError

MANIFEST = "manifest.toml"
MAX_BYTES = 5_000_000
REQUIRED = ("id", "title", "publisher", "period", "family", "file")


class DocumentError(Exception):
    """A document that cannot be read as text; the build warns and goes on."""


@dataclass(frozen=True)
class SourceDocument:
    """One entry of the manifest."""

    id: str
    title: str
    publisher: str
    period: str
    family: str
    file: str
    path: Path


def bundled_corpus() -> Path:
    """The folder of the corpus shipped inside the package."""
    return Path(str(resources.files("corpus")))


def load_manifest(corpus_dir: Path | None = None) -> list[SourceDocument]:
    """Read the manifest; a missing file or field is an InputError naming the path."""
    folder = corpus_dir or bundled_corpus()
    manifest = folder / MANIFEST
    if not manifest.is_file():
        raise InputError(f"{manifest}: no corpus manifest (expected {MANIFEST} in {folder})")
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{manifest}: {_toml_position(exc)}{exc}") from None
    documents = [_entry(manifest, folder, i, e) for i, e in enumerate(data.get("document", []))]
    for doc in documents:
        if not doc.path.is_file():
            raise InputError(f"{manifest}: document {doc.id!r} names a missing file: {doc.path}")
    return documents


def _toml_position(exc: Exception) -> str:
    """'line N: ' from a TOML error message, when it has one."""
    m = re.search(r"line (\d+)", str(exc))
    return f"line {m.group(1)}: " if m else ""


def _entry(manifest: Path, folder: Path, index: int, raw: dict[str, object]) -> SourceDocument:
    """Validate one [[document]] table."""
    missing = [k for k in REQUIRED if not isinstance(raw.get(k), str) or not raw.get(k)]
    if missing:
        raise InputError(f"{manifest}: document #{index + 1} lacks {', '.join(missing)}")
    values = {k: str(raw[k]) for k in REQUIRED}
    return SourceDocument(**values, path=folder / values["file"])


def read_document(doc: SourceDocument) -> str:
    """The document's text; DocumentError says why it cannot be used."""
    data = doc.path.read_bytes()
    if not data.strip():
        raise DocumentError("the file is empty")
    if len(data) > MAX_BYTES:
        raise DocumentError(f"the file is larger than {MAX_BYTES:,} bytes")
    if b"\x00" in data[:4096]:
        raise DocumentError("the file is binary (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DocumentError(
            f"line {line}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    return text.removeprefix("\ufeff")
