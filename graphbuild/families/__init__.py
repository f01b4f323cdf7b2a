"""One extractor per document family, chosen by what the text looks like (docs/architecture.md §5).

Each family module exposes NAME, `detect(text) -> bool` (on the cleaned text) and
`extract(dg: DocumentGraph) -> None`. Families are tried in order: the most specific
layout first, so a 2015/16 objectives document is not taken for a 2012/13 one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from graphbuild.facts import DocumentGraph


@dataclass(frozen=True)
class Family:
    """A document family: its name, its detector and its extractor."""

    name: str
    detect: Callable[[str], bool]
    extract: Callable[[DocumentGraph], None]


def _family(module: ModuleType) -> Family:
    """Wrap a family module."""
    return Family(module.NAME, module.detect, module.extract)


def families() -> list[Family]:
    """Every known family, most specific first."""
    from graphbuild.families import (
        business_plan,
        improvement_plan,
        objectives_2012,
        objectives_2015,
    )

    return [_family(m) for m in (objectives_2015, objectives_2012, improvement_plan, business_plan)]


def detect_family(text: str) -> Family | None:
    """The first family whose detector accepts the cleaned text, or None."""
    return next((f for f in families() if f.detect(text)), None)
