"""Choosing a document's family: declared, a bundled layout, a general reader, or none.

docs/architecture.md §5. A family a manifest declares is always honoured: its bundled
layout reader when the text has that layout, else the layout-general reader of its kind
(with a warning). Undeclared, a bundled layout's detector is tried first, then the kinds of
layouts.toml by score; a document no kind fits still gets its sentence-level facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graphbuild.families import Family, families
from graphbuild.families.layouts import best_kind, score_kinds
from graphbuild.formats import Canonical
from graphbuild.text import CleanText

KIND_OF = {
    "objectives-2012-13": "objectives",
    "objectives-2015-16": "objectives",
    "objectives": "objectives",
    "improvement-plan": "improvement-plan",
    "business-plan": "business-plan",
    "plan": "improvement-plan",
}
NO_FAMILY = "none"


@dataclass(frozen=True)
class Choice:
    """The family chosen, whether it is a general reader, why, and what to warn about."""

    family: Family | None
    general: bool
    reason: str
    warnings: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The family's name ('none' when no family fits)."""
        return self.family.name if self.family is not None else NO_FAMILY


def general_families() -> dict[str, Family]:
    """The layout-general readers, by kind."""
    from graphbuild.families import objectives_general, plans_general

    def always(_: str) -> bool:
        return True

    objectives = Family(objectives_general.NAME, always, objectives_general.extract)
    plans = Family(plans_general.NAME, always, plans_general.extract)
    return {"objectives": objectives, "improvement-plan": plans, "business-plan": plans}


def choose_family(declared: str, clean: CleanText, canonical: Canonical) -> Choice:
    """The family to extract a document with."""
    bundled = {f.name: f for f in families()}
    if declared:
        return _declared(declared, bundled, clean, canonical)
    for family in bundled.values():
        if family.detect(clean.text):
            return Choice(family, False, "its layout is the bundled one of this family")
    best = best_kind(clean, canonical)
    general = general_families()
    if best is not None and best.kind in general:
        return Choice(general[best.kind], True, f"score {best.score}: {', '.join(best.cues)}")
    scores = "; ".join(f"{s.kind} {s.score}" for s in score_kinds(clean, canonical))
    why = f"no family fits (scores: {scores})"
    if best is not None:
        why = f"looks like {best.kind} (score {best.score}) but no general reader exists for it"
    return Choice(None, True, why, [f"{why}: sentence-level facts only"])


def _declared(
    declared: str, bundled: dict[str, Family], clean: CleanText, canonical: Canonical
) -> Choice:
    """Honour a declared family."""
    kind = KIND_OF.get(declared)
    general = general_families()
    if declared in bundled and bundled[declared].detect(clean.text):
        return Choice(bundled[declared], False, "the manifest")
    if kind in general:
        note = (
            f"the manifest says {declared!r}; the text does not have that family's bundled"
            f" layout, so the general {kind} reader extracts what it can"
        )
        return Choice(
            general[kind], True, "the manifest, general reader", [note] if declared != kind else []
        )
    if declared in bundled:
        note = f"the manifest says {declared!r}; the text does not have its layout"
        return Choice(bundled[declared], True, "the manifest", [note])
    note = f"the manifest names an unknown family {declared!r}; known: {', '.join(sorted(KIND_OF))}"
    return Choice(None, True, note, [note])
