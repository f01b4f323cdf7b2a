"""Fixtures shared by the server and remote-store tests: a built store and a running server.

The server is `govkg serve` as a user starts it (a subprocess), on a free loopback port,
with small limits: 1 s per query, 100 rows, 4 KiB bodies, 3 workers.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from stores import corpus_on_disk

GOVKG = str(Path(sys.executable).with_name("govkg"))


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus built into an on-disk store."""
    return corpus_on_disk(tmp_path_factory.mktemp("served") / "store")


@pytest.fixture(scope="session")
def server(store_path: Path) -> Iterator[str]:
    """`govkg serve` on a free port (no --host: the default bind); yields its base URL."""
    args = [GOVKG, "serve", "--store", str(store_path), "--port", "0", "--timeout", "1",
            "--max-rows", "100", "--max-body", "4096", "--workers", "3"]  # fmt: skip
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    url = process.stdout.readline().strip().rstrip("/")
    try:
        assert url.startswith("http://"), process.stderr.read() if process.stderr else url
        yield url
    finally:
        process.terminate()
        process.wait(10)


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
