"""Extractor for the 'improvement-plan' document family (placeholder: detects nothing yet)."""

from __future__ import annotations

from graphbuild.facts import DocumentGraph

NAME = "improvement-plan"


def detect(text: str) -> bool:
    """Whether the cleaned text has this family's layout."""
    return False


def extract(dg: DocumentGraph) -> None:
    """Add the document's facts to dg."""
