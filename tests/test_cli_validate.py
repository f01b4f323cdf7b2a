"""`govkg ontology validate`: SHACL from the command line (exit 0 conforms, 1 violation)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from govkg.cli import main

SHAPES = Path(__file__).parent / "fixtures" / "shapes"


def test_valid_fixture_conforms() -> None:
    """A well-formed graph: exit 0 and 'conforms'."""
    result = CliRunner().invoke(
        main, ["ontology", "validate", str(SHAPES / "valid" / "small_graph.ttl")]
    )
    assert result.exit_code == 0, result.output
    assert "SHACL: conforms" in result.output


def test_violation_exits_1_with_the_message() -> None:
    """A special adviser line-managing a civil servant: exit 1, the shape's message shown."""
    broken = next((SHAPES / "invalid").glob("*spad*"))
    result = CliRunner().invoke(main, ["ontology", "validate", str(broken)])
    assert result.exit_code == 1, result.output
    assert "special adviser" in result.output.lower()


def test_nothing_to_validate_is_a_usage_error() -> None:
    """No data and no --documents: exit 2 with a hint."""
    result = CliRunner().invoke(main, ["ontology", "validate"])
    assert result.exit_code == 2 and "nothing to validate" in result.output


def test_built_documents_conform(tmp_path: Path) -> None:
    """The corpus graph conforms; undated milestones are warnings, not violations."""
    store = str(tmp_path / "store")
    assert CliRunner().invoke(main, ["build", "--quiet", "--store", store]).exit_code == 0
    result = CliRunner().invoke(main, ["ontology", "validate", "--documents", "--store", store])
    assert result.exit_code == 0, result.output
    assert "0 violation(s)" in result.output and "warning(s)" in result.output
