"""Extractor for the 'business-plan' document family (placeholder: detects nothing yet)."""

from __future__ import annotations

from graphbuild.facts import DocumentGraph

NAME = "business-plan"


def detect(text: str) -> bool:
    """Whether the cleaned text has this family's layout."""
    return False


def extract(dg: DocumentGraph) -> None:
    """Add the document's facts to dg."""
