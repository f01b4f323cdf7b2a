"""`govkg ontology check`: HermiT on the real ontology and on fixture data.

Issue "Foundation", Done when: exit 0 on the ontology, 1 naming the individual on the
violating fixture, 2 with `file:line: message` when a file cannot be parsed; no traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from govkg.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "ontology-check"
pytestmark = pytest.mark.reasoner


def run(*args: str) -> tuple[int, str]:
    """Invoke the CLI; return exit code and combined output."""
    result = CliRunner().invoke(main, ["ontology", "check", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_ontology_alone_is_consistent_with_no_unsatisfiable_class() -> None:
    """The shipped ontology passes HermiT."""
    code, out = run()
    assert code == 0, out
    assert "consistency: consistent" in out and "unsatisfiable classes: 0" in out


def test_two_civil_service_posts_are_data_not_an_error() -> None:
    """One person holding two civil service posts at once is consistent."""
    code, out = run(str(FIXTURES / "consistent.ttl"))
    assert code == 0, out


def test_minister_and_permanent_secretary_in_one_person_is_inconsistent() -> None:
    """The separation of roles is broken: exit 1 naming the person, not the bystander."""
    code, out = run(str(FIXTURES / "two-hats.ttl"))
    assert code == 1, out
    assert "INCONSISTENT" in out
    assert "Pat Twohats <https://w3id.org/govkg/id/person/pat-twohats>" in out
    assert "sam-onehat" not in out


def test_unparsable_file_is_file_line_message() -> None:
    """A Turtle syntax error: exit 2, `path:line: message`."""
    code, out = run(str(FIXTURES / "broken.ttl"))
    assert code == 2
    assert f"{FIXTURES / 'broken.ttl'}:4:" in out


def test_inferences_go_to_their_own_file(tmp_path: Path) -> None:
    """--infer --out writes entailed triples, none of them stated ones."""
    out_file = tmp_path / "inferred.ttl"
    code, out = run(str(FIXTURES / "consistent.ttl"), "--infer", "--out", str(out_file))
    assert code == 0, out
    text = out_file.read_text(encoding="utf-8")
    assert "CivilServant" in text  # Sir Bob Kerslake is inferred to be a civil servant
