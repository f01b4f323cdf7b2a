"""Locality blocks of a business plan (family 'business-plan', e.g. the CS Local plan 2018/20).

A block is a heading line followed by role lines and closed by a headcount line:

    North West
    Permanent Secretary Champion: <name>
    Senior Responsible Owner: <name | TBC>
    Assistant Coordinators:
    <name> & <name>
    <name> (shared with <abbreviation>)
    52,100 UK Government civil servants

Role labels are posts of the gazetteer. A locality role (champion, SRO, coordinator,
assistant coordinator) becomes the post '<Role>, <Locality>'; a label that, prefixed with the
heading, names a reference post ('National' + 'Coordinators') or that is itself a reference
post ('Head of CS Local') is held as such. 'Total <organisation> ~N' gives a count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from graphbuild.facts import DocumentGraph, Offsets
from graphbuild.families.business_plan_people import Holder, parse_holders, resolve_abbreviation
from graphbuild.families.cues import is_organisation, is_post, post_class
from graphbuild.gazetteer import Entry
from graphbuild.text import Line, lines
from ontology.namespace import GK, POST_STATUS

FIELD = re.compile(r"^(?P<label>[A-Z][A-Za-z' -]+?)\s*:\s*(?P<value>.*)$")
NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+)"
COUNT = re.compile(rf"^~?{NUMBER}\s+(?:\w+\s+)*civil servants\.?$", re.IGNORECASE)
TOTAL = re.compile(rf"^Total\s+(?P<what>.+?)\s+(?P<approx>~)?{NUMBER}$", re.IGNORECASE)
ROLE_OF = {
    GK.PermanentSecretaryChampionPost: GK.championOf,
    GK.SeniorResponsibleOwnerPost: GK.seniorResponsibleOwnerOf,
    GK.CoordinatorPost: GK.coordinatorOf,
    GK.AssistantCoordinatorPost: GK.assistantCoordinatorOf,
}


@dataclass
class Role:
    """One role line: the post it names and its holders (or vacancy)."""

    entry: Entry
    line: Offsets
    reference: bool
    holders: list[Holder] = field(default_factory=list)


@dataclass
class Block:
    """A heading with its role lines and headcount."""

    heading: Offsets
    name: str
    roles: list[Role] = field(default_factory=list)
    count: tuple[int, Offsets] | None = None


def extract_localities(dg: DocumentGraph) -> None:
    """Localities, their role posts, holders and headcounts; national posts; totals."""
    blocks, loose = _read_blocks(dg)
    names = {b.name: b for b in blocks if _is_locality(b)}
    for block in blocks:
        locality = _locality(dg, block) if block.name in names else None
        for role in block.roles:
            _emit_role(dg, role, block, locality, names)
        if locality is not None and block.count is not None:
            value, at = block.count
            dg.add(locality, GK.civilServantCount, Literal(value), at, "headcount")
    for role in loose:
        _emit_role(dg, role, None, None, names)


def _read_blocks(dg: DocumentGraph) -> tuple[list[Block], list[Role]]:
    """Group the role lines into blocks; role lines outside any block are 'loose'."""
    all_lines = [ln for ln in lines(dg.clean) if ln.text.strip()]
    blocks: list[Block] = []
    loose: list[Role] = []
    block: Block | None = None
    for i, line in enumerate(all_lines):
        role = _role(dg, line, block)
        if role is not None:
            (block.roles if block is not None else loose).append(role)
        elif _count(dg, line, block):
            block = None
        elif i + 1 < len(all_lines) and _role_entry(dg, all_lines[i + 1], None) is not None:
            block = Block((line.start, line.end), " ".join(line.text.split()))
            blocks.append(block)
        elif block is not None and block.roles:
            _continuation(dg, line, block.roles[-1])
    return blocks, loose


def _role_entry(dg: DocumentGraph, line: Line, block: Block | None) -> tuple[Entry, bool] | None:
    """The post a '<Post label>: ...' line names, and whether it is a reference post."""
    m = FIELD.match(line.text)
    if m is None or "\t" in line.text:
        return None
    label = m.group("label")
    qualified = dg.gazetteer.lookup(f"{block.name} {label}") if block is not None else None
    entry = qualified if qualified is not None else dg.gazetteer.lookup(label)
    if entry is None or not is_post(entry):
        return None
    return entry, qualified is not None or post_class(entry.iri) not in ROLE_OF


def _role(dg: DocumentGraph, line: Line, block: Block | None) -> Role | None:
    """'<Post label>: <holders>' -> a Role (None when the label names no post)."""
    found = _role_entry(dg, line, block)
    m = FIELD.match(line.text)
    if found is None or m is None:
        return None
    role = Role(found[0], (line.start, line.end), found[1])
    start = line.start + m.start("value")
    role.holders = parse_holders(dg, start, line.start + m.end("value"), role.line)
    return role


def _continuation(dg: DocumentGraph, line: Line, role: Role) -> None:
    """More holders of the previous role ('Vanessa Boden (shared with Mids)'), evidenced from it."""
    role.holders.extend(parse_holders(dg, line.start, line.end, (role.line[0], line.end)))


def _count(dg: DocumentGraph, line: Line, block: Block | None) -> bool:
    """A headcount line ('52,100 UK Government civil servants', 'Total X ~412,000')."""
    text = line.text.strip()
    if (m := COUNT.match(text)) is not None:
        if block is None:
            dg.warn(line.start, "headcount outside a locality block")
        else:
            block.count = (int(m.group(1).replace(",", "")), (line.start, line.end))
        return True
    if (m := TOTAL.match(text)) is None:
        return False
    at = (line.start, line.start + len(line.text.rstrip()))
    orgs = [o for o in dg.gazetteer.find(dg.text, *at) if is_organisation(o.entry)]
    if not orgs:
        dg.warn(line.start, f"total: no organisation named in {text!r}")
        return True
    value = int(m.group(3).replace(",", ""))
    dg.add(orgs[0].iri, GK.civilServantCount, Literal(value), at, "total")
    if m.group("approx"):
        dg.add(orgs[0].iri, GK.approximate, Literal(True), at, "total")
    return True


def _is_locality(block: Block) -> bool:
    """A block with a locality role or a headcount is a locality."""
    return block.count is not None or any(not r.reference for r in block.roles)


def _locality(dg: DocumentGraph, block: Block) -> URIRef:
    """The locality node of a block, evidenced by its heading."""
    return dg.named("locality", block.name, GK.Locality, block.heading, "locality")


def _emit_role(
    dg: DocumentGraph,
    role: Role,
    block: Block | None,
    locality: URIRef | None,
    localities: dict[str, Block],
) -> None:
    """The role's post, its vacancy or holders, and posts shared with other localities."""
    post = _post(dg, role, locality, role.line)
    if not role.holders:
        dg.warn(role.line[0], "role line without a holder or 'TBC'")
    for holder in role.holders:
        if holder.vacant:
            dg.add(post, POST_STATUS.postStatus, POST_STATUS.vacant, holder.at, "vacant")
            continue
        person = dg.person(holder.name, holder.name_at, "locality-role")
        dg.hold(person, post, holder.at, "locality-role")
        if holder.shared_with is None or block is None:
            continue
        other = resolve_abbreviation(holder.shared_with, [n for n in localities if n != block.name])
        if other is None:
            dg.warn(holder.at[0], f"cannot tell which locality {holder.shared_with!r} is")
            continue
        shared = _post(dg, role, _locality(dg, localities[other]), holder.at)
        dg.hold(person, shared, holder.at, "shared-role")


def _post(dg: DocumentGraph, role: Role, locality: URIRef | None, at: Offsets) -> URIRef:
    """The reference post, or the specific post '<Role>, <Locality>' tied to its locality."""
    if role.reference:
        return role.entry.iri
    if locality is None:
        dg.warn(at[0], "locality role outside a locality block: read as the generic post")
        return role.entry.iri
    cls = post_class(role.entry.iri)
    post = dg.specific_post(role.entry.iri, locality, cls, at, "locality-role")
    dg.add(post, ROLE_OF[cls], locality, at, "locality-role")
    return post
