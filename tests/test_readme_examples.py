"""Every example in README.md runs, in order, with the exit code the README states.

The `sh` blocks run line by line (a trailing backslash or an open quote continues a line) as
a user would type them, with the virtual environment's `govkg` first on PATH, in a scratch
folder that sees the repository's `corpus/` and `tests/` and keeps its own store
(`$GOVKG_STORE`) and `out/`. A trailing `# exit N` comment states a non-zero exit code.
Three kinds of line need a harness, never a skip:
- `make run` runs in the repository with the store and output folders redirected; `make
  test` is the command running this test and is the only line not run again.
- `govkg serve` starts in the background, is waited for until it answers, is used by the
  lines after it, and must stop with exit 0 on SIGTERM.
- lines naming the Virtuoso at `http://localhost:8890` run against a real Virtuoso started
  for the test (tests/virtuoso.py), its address substituted.
The `python` blocks run in one namespace, and the `sparql` blocks through `govkg sparql`
on the same store, each expected to answer at least one row.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest
from virtuoso import virtuoso_server

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)
EXIT = re.compile(r"#\s*exit (\d+)")
VIRTUOSO = "http://localhost:8890"
SECTION_REF = re.compile(r"docs/architecture\.md((?:,? ?§\d+)+)")


@dataclass(frozen=True)
class Example:
    """One command line of the README with the exit code it should give."""

    line: str
    exit_code: int


def blocks(language: str) -> list[str]:
    """The README's fenced code blocks of one language, in order."""
    return [body for lang, body in BLOCK.findall(README.read_text("utf-8")) if lang == language]


def split_comment(line: str) -> tuple[str, str]:
    """A shell line split into its command and its trailing `#` comment (quotes respected)."""
    quote = ""
    for i, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i].rstrip(), line[i:]
    return line.rstrip(), ""


def examples() -> list[Example]:
    """Every command line of the `sh` blocks, continuation lines joined."""
    found = []
    for body in blocks("sh"):
        pending = ""
        for raw in body.splitlines():
            text = pending + raw
            if text.count("'") % 2:  # inside a quoted argument: the line goes on
                pending = text + "\n"
                continue
            command, comment = split_comment(text)
            if command.endswith("\\"):
                pending = command[:-1] + " "
                continue
            command, pending = command.strip(), ""
            if command:
                code = EXIT.search(comment)
                found.append(Example(command, int(code.group(1)) if code else 0))
    return found


def wait_for_port(port: int, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    """Return once something listens on the loopback port; fail if the process died first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, f"govkg serve exited with {process.returncode}"
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"nothing listens on port {port} after {seconds} s")


class Sandbox:
    """A scratch folder, an environment and the background services the examples need."""

    def __init__(self, folder: Path, stack: ExitStack) -> None:
        self.folder, self.stack = folder, stack
        (folder / "work").mkdir()
        for name in ("corpus", "tests"):
            (folder / "work" / name).symlink_to(ROOT / name)
        self.env = {
            **os.environ,
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "GOVKG_STORE": str(folder / "store"),
            "STORE": str(folder / "make-store"),
            "OUT": str(folder / "make-out"),
        }
        self.servers: list[subprocess.Popen[bytes]] = []
        self.virtuoso = ""

    def run(self, example: Example) -> None:
        """Run one example line and check its exit code."""
        line = example.line
        if line == "make test":
            return  # the command running this test
        if VIRTUOSO in line:
            line = line.replace(VIRTUOSO, self.start_virtuoso())
        if line.startswith("govkg serve"):
            self.start_server(line)
            return
        cwd = ROOT if line.startswith("make ") else self.folder / "work"
        done = subprocess.run(
            ["bash", "-c", line], cwd=cwd, env=self.env, capture_output=True, timeout=600
        )
        output = (done.stdout + done.stderr).decode("utf-8", "replace")
        assert done.returncode == example.exit_code, (
            f"README example `{example.line}` exited {done.returncode}, "
            f"the README says {example.exit_code}:\n{output[-3000:]}"
        )
        assert "Traceback" not in output, f"`{example.line}` printed a traceback:\n{output}"

    def start_server(self, line: str) -> None:
        """`govkg serve ...` in the background until the sandbox closes."""
        args = shlex.split(line)
        port = int(args[args.index("--port") + 1]) if "--port" in args else 7878
        log = (self.folder / "serve.log").open("wb")
        server = subprocess.Popen(
            args, cwd=self.folder / "work", env=self.env, stdout=log, stderr=log
        )
        self.servers.append(server)
        wait_for_port(port, server)

    def start_virtuoso(self) -> str:
        """A real Virtuoso for the `--endpoint` examples (started once)."""
        if not self.virtuoso:
            folder = self.folder / "virtuoso"
            folder.mkdir()
            server = self.stack.enter_context(virtuoso_server(folder))
            self.virtuoso = server.sparql.removesuffix("/sparql")
        return self.virtuoso

    def stop_servers(self) -> list[int]:
        """SIGTERM every background server; their exit codes."""
        codes = []
        for server in self.servers:
            server.send_signal(signal.SIGTERM)
            codes.append(server.wait(30))
        return codes


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    """One sandbox for the whole README: later examples use what earlier ones built."""
    with ExitStack() as stack:
        box = Sandbox(tmp_path_factory.mktemp("readme"), stack)
        try:
            yield box
        finally:
            for server in box.servers:
                if server.poll() is None:
                    server.kill()


def test_the_readme_has_examples_of_every_kind() -> None:
    lines = [e.line for e in examples()]
    assert "make run" in lines and any(line.startswith("govkg serve") for line in lines)
    assert any(e.exit_code == 1 for e in examples()) and any(e.exit_code == 2 for e in examples())
    assert blocks("python") and blocks("sparql")


def test_every_sh_example_runs_with_its_exit_code(sandbox: Sandbox) -> None:
    for example in examples():
        sandbox.run(example)
    assert sandbox.stop_servers() == [0], (sandbox.folder / "serve.log").read_text()


def test_the_python_example_runs(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(sandbox.folder / "work")
    namespace: dict[str, object] = {}
    for body in blocks("python"):
        exec(compile(body, str(README), "exec"), namespace)
    assert namespace["rows"] and namespace["report"]


def test_the_sparql_examples_answer(sandbox: Sandbox) -> None:
    """Run after the sh examples (same store): the join needs the ingested organograms."""
    for body in blocks("sparql"):
        done = subprocess.run(
            ["govkg", "sparql", body, "--format", "csv"],
            cwd=sandbox.folder / "work",
            env=sandbox.env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        assert len(done.stdout.splitlines()) > 1, f"no rows for:\n{body}"


def test_architecture_references_name_real_sections() -> None:
    """Every `docs/architecture.md §n` cited in code or docs is a section of that file."""
    text = (ROOT / "docs" / "architecture.md").read_text("utf-8")
    sections = {int(n) for n in re.findall(r"^## (\d+)\.", text, re.M)}
    cited: set[int] = set()
    for path in ROOT.rglob("*"):
        if path.suffix in {".py", ".md", ".rq", ".ttl"} and ".venv" not in path.parts:
            for refs in SECTION_REF.findall(path.read_text("utf-8", errors="replace")):
                cited.update(int(n) for n in re.findall(r"\d+", refs))
    assert cited and cited <= sections, sorted(cited - sections)
