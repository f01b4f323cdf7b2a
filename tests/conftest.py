"""Shared fixtures: the corpus built once per test session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from graphbuild.pipeline import BuildResult, build_corpus


@pytest.fixture(scope="session")
def corpus_build() -> BuildResult:
    """The bundled corpus, built in memory."""
    return build_corpus()
