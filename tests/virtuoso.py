"""A real Virtuoso (Debian `virtuoso-opensource` 7.2) for the remote-store tests.

`virtuoso_server()` writes its own virtuoso.ini in a temporary folder (database, log and
ports there, nothing in /var/lib), starts `virtuoso-t -f` listening on two free loopback
ports (SQL and HTTP), waits until the SPARQL endpoint answers, and stops it after. Writes
go through Virtuoso's authenticated Graph Store endpoint `/sparql-graph-crud-auth` with
the `dba` account and HTTP Digest auth: the anonymous `/sparql-graph-crud` refuses writes
(SQ110 permission denied) unless SPARQL_UPDATE is granted to the SPARQL user, which we
prefer not to do. Ports and data never leave 127.0.0.1.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 0
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}/www
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 400
"""
USER, PASSWORD = "dba", "dba"
START_SECONDS = 90


@dataclass(frozen=True)
class Virtuoso:
    """A running Virtuoso: its SPARQL endpoint, Graph Store endpoint and credentials."""

    sparql: str
    graph_store: str
    user: str = USER
    password: str = PASSWORD


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _ready(url: str) -> bool:
    """True when the SPARQL endpoint answers a trivial query."""
    try:
        with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def virtuoso_server(folder: Path) -> Iterator[Virtuoso]:
    """Start Virtuoso with its own ini in `folder`; stop it (and wait) on exit."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        raise RuntimeError("virtuoso-t is missing: apt-get install virtuoso-opensource")
    (folder / "www").mkdir(parents=True, exist_ok=True)
    http = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(d=folder, sql=free_port(), http=http), encoding="utf-8")
    log = (folder / "stdout.log").open("wb")
    process = subprocess.Popen([binary, "-f", "-c", str(ini)], cwd=folder, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{http}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while not _ready(f"{base}/sparql"):
            if process.poll() is not None or time.monotonic() > deadline:
                tail = (folder / "stdout.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"Virtuoso did not start:\n{tail}")
            time.sleep(0.3)
        yield Virtuoso(f"{base}/sparql", f"{base}/sparql-graph-crud-auth")
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        log.close()
