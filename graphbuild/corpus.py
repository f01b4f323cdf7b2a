"""Which documents to build: files and folders given, with an optional manifest.toml.

A folder's manifest lists documents with their id and file, and may fix any of title,
publisher, period and family (a declared family is always honoured); whatever it leaves out
is detected from the text (graphbuild.describe). Files in a folder that the manifest does
not list are built too, and a folder with no manifest is read whole (docs/architecture.md §5).
Reading refuses empty, binary and non-UTF-8 files with a reason, so one bad document never
stops the rest of a build (issue "Build the knowledge graph", Bad input).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from common.errors import InputError
from graphbuild.formats import Canonical, FormatError, read_source
from graphbuild.text import slug

MANIFEST = "manifest.toml"
REQUIRED = ("id", "file")
OPTIONAL = ("title", "publisher", "period", "family")
DOCUMENT_SUFFIXES = (".txt", ".text", ".pdf", ".html", ".htm", ".xhtml", ".docx")


class DocumentError(Exception):
    """A document that cannot be read as text; the build warns and goes on."""


@dataclass(frozen=True)
class SourceDocument:
    """One document to build; an empty title, publisher, period or family is detected."""

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
    wrong = [k for k in OPTIONAL if k in raw and not isinstance(raw[k], str)]
    if wrong:
        raise InputError(f"{manifest}: document #{index + 1}: {', '.join(wrong)} must be text")
    values = {k: str(raw.get(k, "")) for k in (*REQUIRED, *OPTIONAL)}
    return SourceDocument(**values, path=folder / values["file"])


def collect_sources(paths: list[Path]) -> list[SourceDocument]:
    """The documents of files and folders, in order; ids are unique."""
    documents: list[SourceDocument] = []
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        documents += _folder(path) if path.is_dir() else [_detected(path, path.parent)]
    return _unique_ids(documents)


def _folder(folder: Path) -> list[SourceDocument]:
    """A folder's manifest entries, then every other document file in it (recursively)."""
    listed = load_manifest(folder) if (folder / MANIFEST).is_file() else []
    known = {doc.path.resolve() for doc in listed}
    others = [
        _detected(p, folder)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES and p.resolve() not in known
    ]
    return listed + others


def _detected(path: Path, folder: Path) -> SourceDocument:
    """A document with nothing declared: everything but its file is detected."""
    rel = path.relative_to(folder).as_posix() if path.is_relative_to(folder) else path.name
    return SourceDocument(slug(path.stem), "", "", "", "", rel, path)


def _unique_ids(documents: list[SourceDocument]) -> list[SourceDocument]:
    """Suffix -2, -3 ... to ids that repeat (two folders with the same file name)."""
    seen: dict[str, int] = {}
    out = []
    for doc in documents:
        n = seen.get(doc.id, 0) + 1
        seen[doc.id] = n
        out.append(doc if n == 1 else replace(doc, id=f"{doc.id}-{n}"))
    return out


def read_document(doc: SourceDocument) -> str:
    """The document's canonical text (what quotes point into); DocumentError says why not."""
    return read_canonical(doc).text


def read_canonical(doc: SourceDocument) -> Canonical:
    """The document as canonical text with structure; DocumentError says why it cannot be."""
    try:
        return read_source(doc.path)
    except FormatError as exc:
        raise DocumentError(str(exc)) from None
    except OSError as exc:
        raise DocumentError(f"cannot read the file ({exc.strerror or exc})") from None
    except Exception as exc:  # a reader library's own failure on a malformed file
        raise DocumentError(f"cannot be read ({type(exc).__name__}: {exc})") from None
