"""The CLI: every command has --help and is documented in the README; build's bad input.

Issue "Foundation" §7 (datasette-style documentation test) and "Build the knowledge graph"
(Bad input: a warning naming the file and why, the rest builds, exit 1 = partial).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from govkg.cli import main

README = Path(__file__).parents[1] / "README.md"
CORPUS = Path(__file__).parents[1] / "corpus"


def command_paths(group: click.Group, prefix: str = "govkg") -> Iterator[tuple[str, click.Command]]:
    """Every command of the CLI with its full name, e.g. 'govkg ontology check'."""
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        yield path, command
        if isinstance(command, click.Group):
            yield from command_paths(command, path)


ALL_COMMANDS = list(command_paths(main))


@pytest.mark.parametrize(("path", "command"), ALL_COMMANDS, ids=[p for p, _ in ALL_COMMANDS])
def test_command_has_help(path: str, command: click.Command) -> None:
    """`--help` works and says something."""
    result = CliRunner().invoke(main, [*path.split()[1:], "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output and len(result.output) > 80


@pytest.mark.parametrize(("path", "command"), ALL_COMMANDS, ids=[p for p, _ in ALL_COMMANDS])
def test_command_is_documented_in_readme(path: str, command: click.Command) -> None:
    """Each command appears in the README (in a command line or the CLI reference)."""
    assert path in README.read_text(encoding="utf-8"), f"{path} is not documented in README.md"


STORELESS = {"govkg ontology summary", "govkg ontology docs", "govkg queries"}


def test_store_option_only_where_a_store_is_used() -> None:
    """`--store PATH` on every command that reads or writes the store, and on no other."""
    leaves = [(p, c) for p, c in ALL_COMMANDS if not isinstance(c, click.Group)]
    takes = {p for p, c in leaves if "--store" in {o for prm in c.params for o in prm.opts}}
    assert takes == {p for p, _ in leaves} - STORELESS


def readme_sections() -> dict[str, str]:
    """README text under each `### ` heading, keyed by the heading line."""
    sections: dict[str, str] = {}
    heading = ""
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("### "):
            heading = line
        sections[heading] = sections.get(heading, "") + line + "\n"
    return sections


def option_names(command: click.Command) -> list[str]:
    """The name a user types for each option: its long form (`--max-depth`), else its short."""
    names = []
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            forms = [o for o in param.opts + param.secondary_opts if o.startswith("--")]
            names.extend(forms or param.opts[:1])
    return names


LEAVES = [(p, c) for p, c in ALL_COMMANDS if not isinstance(c, click.Group)]


@pytest.mark.parametrize(("path", "command"), LEAVES, ids=[p for p, _ in LEAVES])
def test_every_option_is_documented_in_the_commands_readme_section(
    path: str, command: click.Command
) -> None:
    """Each option appears in the README section whose heading names the command."""
    sections = [text for head, text in readme_sections().items() if f"`{path}`" in head]
    assert sections, f"no README section heading names `{path}`"
    text = "".join(sections)
    missing = [name for name in option_names(command) if name not in text]
    assert not missing, f"{path}: options missing from its README section: {missing}"


@pytest.fixture()
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled corpus."""
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder, ignore=shutil.ignore_patterns("organograms", "__pycache__"))
    return folder


def add_document(corpus: Path, doc_id: str, content: bytes) -> None:
    """Append a document with the given bytes to the corpus manifest."""
    (corpus / "documents" / f"{doc_id}.txt").write_bytes(content)
    with (corpus / "manifest.toml").open("a", encoding="utf-8") as manifest:
        manifest.write(
            f'\n[[document]]\nid = "{doc_id}"\ntitle = "t"\npublisher = "p"\n'
            f'period = "2014"\nfamily = "improvement-plan"\nfile = "documents/{doc_id}.txt"\n'
        )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
        (b"Permanent Secretary \xa3 caf\xe9 in cp1252\n", "not UTF-8"),
        (b"A shopping list\n- eggs\n- milk\n", "unknown layout"),
    ],
    ids=["empty", "binary", "cp1252", "unknown-layout"],
)
def test_bad_document_is_a_warning_and_the_rest_builds(
    corpus_copy: Path, tmp_path: Path, content: bytes, reason: str
) -> None:
    """A bad document: warning naming file and reason, other documents built, exit 1."""
    add_document(corpus_copy, "bad-document", content)
    store = tmp_path / "store"
    result = CliRunner().invoke(
        main, ["build", "--corpus", str(corpus_copy), "--store", str(store)]
    )
    assert result.exit_code == 1, result.output
    assert "bad-document.txt" in result.output and reason in result.output
    assert "built 5 of 6 documents" in result.output
    assert "Traceback" not in result.output


def test_manifest_naming_a_missing_file_is_an_error(corpus_copy: Path, tmp_path: Path) -> None:
    """A manifest entry whose file is missing: exit 2 with the path."""
    (corpus_copy / "documents" / "cabinet-secretary-objectives-2015-16.txt").unlink()
    result = CliRunner().invoke(
        main, ["build", "--corpus", str(corpus_copy), "--store", str(tmp_path / "s")]
    )
    assert result.exit_code == 2
    assert (
        "missing file" in result.output
        and "cabinet-secretary-objectives-2015-16.txt" in result.output
    )


def test_build_exports_trig_with_one_graph_per_document(tmp_path: Path) -> None:
    """`govkg build --out x.trig` writes the ontology and the five document graphs."""
    out = tmp_path / "g.trig"
    result = CliRunner().invoke(main, ["build", "--store", str(tmp_path / "s"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.count("<https://w3id.org/govkg/graph/doc/") >= 5
    assert "<https://w3id.org/govkg/graph/ontology>" in text
