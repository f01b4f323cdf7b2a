"""Rows grouped into department snapshots: posts (job shares merged) and junior groups.

Follows the data.gov.uk ETL: a job share is one post reference on several rows that differ
only in name, pay, contact and FTE, so the rows become one post with several holders, the
FTEs summed and the widest actual pay band (floor to ceiling) of its rows; reference `0`
(paid but not in post) is never a post anyone reports to, so each such row stays its own
node. One snapshot = one department on one date.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from graphbuild.organogram.rows import Row, status_of

NOT_IN_POST_REF = "0"
UNDATED = "undated"


@dataclass(slots=True)
class Post:
    """One senior post of one snapshot."""

    key: str
    ref: str
    title: str
    grade: str
    unit: str
    organisation: str
    reports_to: list[str] = field(default_factory=list)
    holders: list[str] = field(default_factory=list)
    statuses: set[str] = field(default_factory=set)
    fte: float | None = None
    rows: list[str] = field(default_factory=list)
    pay_floor: int | None = None
    pay_ceiling: int | None = None
    contacts: list[tuple[str, str]] = field(default_factory=list)  # ("phone" or "email", value)

    @property
    def pay_band(self) -> str:
        """'£140,000–£144,999' (the post's actual pay floor to ceiling), or '' when unknown."""
        if self.pay_floor is None or self.pay_ceiling is None:
            return ""
        return f"£{self.pay_floor:,}–£{self.pay_ceiling:,}"

    @property
    def status(self) -> str:
        """current when anyone (named or not) is in post, else vacant, else eliminated."""
        if self.statuses & {"current", "undisclosed"}:
            return "current"
        return "vacant" if "vacant" in self.statuses else "eliminated"


@dataclass(frozen=True, slots=True)
class JuniorGroup:
    """One junior row: a number of posts of one grade reporting to a senior post."""

    row: str
    reports_to: str
    grade: str
    title: str
    unit: str
    organisation: str
    fte: float


@dataclass
class Snapshot:
    """Everything one department published for one date."""

    department: str
    date: date | None
    label: str
    posts: dict[str, Post] = field(default_factory=dict)
    juniors: list[JuniorGroup] = field(default_factory=list)
    files: set[str] = field(default_factory=set)

    @property
    def date_key(self) -> str:
        """'2015-09-30', or 'undated'."""
        return self.date.isoformat() if self.date else UNDATED

    def add(self, row: Row, file: str) -> None:
        """Add one row (senior rows merge into their post)."""
        self.files.add(file)
        source = f"{file}:{row.line}"
        if not row.senior:
            unit, org = row.unit, row.organisation
            self.juniors.append(
                JuniorGroup(source, row.reports_to, row.grade, row.title, unit, org, row.fte or 0.0)
            )
            return
        key = row.ref if row.ref != NOT_IN_POST_REF else f"{NOT_IN_POST_REF}/row-{row.line}"
        post = self.posts.get(key)
        if post is None:
            post = Post(key, row.ref, row.title, row.grade, row.unit, row.organisation)
            self.posts[key] = post
        _merge(post, row, source)


def _merge(post: Post, row: Row, source: str) -> None:
    """Fold one row of a post (first row or job share) into it."""
    post.rows.append(source)
    if row.reports_to not in post.reports_to:
        post.reports_to.append(row.reports_to)
    status = status_of(row.name)
    post.statuses.add(status)
    if status == "current" and row.name not in post.holders and _is_person(row):
        post.holders.append(row.name)
    if row.fte is not None:
        post.fte = (post.fte or 0.0) + row.fte
    for kind, value in (("phone", row.phone), ("email", row.email)):
        if value and (kind, value) not in post.contacts:
            post.contacts.append((kind, value))
    low, high = row.pay_floor, row.pay_ceiling
    if low is not None and high is not None and high > 0 and low <= high:  # '0'-'0': undisclosed
        post.pay_floor = low if post.pay_floor is None else min(low, post.pay_floor)
        post.pay_ceiling = (
            high if post.pay_ceiling is None else max(high, post.pay_ceiling)
        )  # widest


def _is_person(row: Row) -> bool:
    """False for names that repeat the organisation or unit (post 405 'Cabinet Office')."""
    name = row.name.lower()
    return name not in {row.organisation.lower(), row.parent.lower(), row.unit.lower()}


def department_of(rows: list[Row], fallback: str) -> str:
    """The publishing body: the commonest Organisation, else Parent Department, else fallback."""
    for values in ([r.organisation for r in rows], [r.parent for r in rows]):
        counts = Counter(v for v in values if v)
        if counts:
            return counts.most_common(1)[0][0]
    return fallback
