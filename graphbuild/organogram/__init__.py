"""Organogram ingest: data.gov.uk senior and junior CSVs in, one named graph per snapshot out.

One pipeline, one module per stage: `csvfile` (bytes and encodings -> a table with its
header row) -> `columns` (header spellings -> a layout) -> `rows` (cells -> typed rows,
with a problem per bad row) -> `model` (rows -> posts and junior groups of a snapshot) ->
`rdf` (a snapshot -> TriG, W3C ORG and the gov organogram vocabulary) -> `store` (bulk load
into the store, all or nothing, with a `journal` that undoes a killed ingest); `link` ties
posts and people to the documents' nodes and `ingest` drives the stages. Callers use this
module's names only.
"""

from graphbuild.organogram.ingest import IngestResult, SnapshotSummary, build_organograms
from graphbuild.organogram.journal import journal_folder, recover
from graphbuild.organogram.rows import snapshot_date
from graphbuild.organogram.store import ingest_files, load_result
from graphbuild.organogram.tables import tables_folder

__all__ = [
    "IngestResult",
    "SnapshotSummary",
    "build_organograms",
    "ingest_files",
    "journal_folder",
    "load_result",
    "recover",
    "snapshot_date",
    "tables_folder",
]
