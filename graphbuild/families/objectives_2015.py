"""Extractor for the 'objectives-2015-16' document family (placeholder: detects nothing yet)."""

from __future__ import annotations

from graphbuild.facts import DocumentGraph

NAME = "objectives-2015-16"


def detect(text: str) -> bool:
    """Whether the cleaned text has this family's layout."""
    return False


def extract(dg: DocumentGraph) -> None:
    """Add the document's facts to dg."""
