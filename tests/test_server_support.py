"""Fixtures shared by the server and remote-store tests: a built store and a running server.

The server is `govkg serve` as a user starts it (a subprocess), on a free loopback port,
with small limits: 1 s per query, 100 rows, 4 KiB bodies, 3 workers — once on each HTTP
layer (uvicorn, the default, and the standard library's), so every test runs on both.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest
from stores import corpus_on_disk

GOVKG = str(Path(sys.executable).with_name("govkg"))


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus built into an on-disk store."""
    return corpus_on_disk(tmp_path_factory.mktemp("served") / "store")


LOGS: dict[int, IO[str]] = {}


def server_log(process: subprocess.Popen[str]) -> str:
    """What a server started here wrote on stderr (for a failing assertion's message)."""
    log = LOGS.get(process.pid)
    if log is None:
        return ""
    log.seek(0)
    return log.read()[-4000:]


LIMITS = ("--timeout", "1", "--max-rows", "100", "--max-body", "4096", "--workers", "3")


def start_server(store_path: Path, *options: str) -> tuple[subprocess.Popen[str], str]:
    """`govkg serve` on a free port (no --host: the default bind): the process and its URL."""
    args = [GOVKG, "serve", "--store", str(store_path), "--port", "0", *options]
    # A file, not a pipe: a server that logs a lot never blocks on a pipe nobody reads.
    log = tempfile.TemporaryFile("w+")  # noqa: SIM115 (kept open as long as the server)
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=log, text=True)
    LOGS[process.pid] = log
    assert process.stdout is not None
    url = process.stdout.readline().strip().rstrip("/")
    if not url.startswith("http://"):
        process.kill()
        process.wait(10)
        log.seek(0)
        raise AssertionError(log.read() or url)
    return process, url


@pytest.fixture(scope="session", params=["uvicorn", "stdlib"])
def server(store_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """The server on each HTTP layer, with the small limits; yields its base URL."""
    process, url = start_server(store_path, *LIMITS, "--http", request.param)
    try:
        yield url
    finally:
        process.terminate()
        assert process.wait(20) == 0, server_log(process)


def curl(*args: str) -> tuple[int, dict[str, str], str]:
    """Run curl; the status, the headers (lower-case names) and the body."""
    out = subprocess.run(
        ["curl", "-s", "-S", "-i", "--max-time", "30", *args],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    head, _, body = out.stdout.replace("\r\n", "\n").partition("\n\n")
    lines = head.splitlines()
    headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in lines[1:])}
    return int(lines[0].split()[1]), headers, body
