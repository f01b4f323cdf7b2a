"""Generate a synthetic UK Civil Service in the data.gov.uk organogram format (412,000 posts).

Shaped like the bundled real organograms: spans of control are drawn from the real files'
managers (mean 4.7, median 4), and each department grows breadth-first from its Permanent
Secretary until its share of posts is used, so depth follows from those spans (6-9 levels).
Grades follow the level (SCS4 to AA); names are published for the senior civil service only
(half of SCS1 as N/D, as in the real files), N/D below; 4% of posts are vacant, some leaves
eliminated, some job shares; junior rows (5% of posts) report to middle-level posts. About
20 departments sized like the real ones, in every real variant (official headers; stray index
and blank column; Windows-1252 with `Valid`; compiled files with a snapshot label and a
level column), with a few real defects planted. Run:
`python benchmarks/gen_civil_service.py --posts 412000 --out /tmp/civil-service`; a second
release of the same departments with `--release 2015-09-30 --churn 0.1`: the same posts (same
seed), a tenth of them changed as between real releases (a new holder, a retitle, a move
under another manager, a vacancy).
"""

from __future__ import annotations

import argparse
import csv
import random
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

REAL = Path(__file__).resolve().parent.parent / "corpus" / "organograms"
DEPARTMENTS = {  # name: share (roughly the departments' headcounts, thousands)
    "Department for Work and Pensions": 80, "HM Revenue and Customs": 60,
    "Ministry of Justice": 70, "Ministry of Defence": 57, "Home Office": 33,
    "Department for Environment, Food and Rural Affairs": 20, "Department for Transport": 16,
    "Foreign and Commonwealth Office": 10, "Cabinet Office": 8,
    "Department for Business, Innovation and Skills": 8, "Department for Education": 7,
    "Department of Health": 5, "Department for International Trade": 3,
    "Department for International Development": 2,
    "Department for Communities and Local Government": 2, "HM Treasury": 1.5,
    "Department for Culture, Media and Sport": 1.5, "Northern Ireland Office": 0.2,
    "Scotland Office": 0.3, "Wales Office": 0.1,
}  # fmt: skip
GRADES = ["SCS4", "SCS3", "SCS2", "SCS1", "Grade 6", "Grade 7", "SEO", "HEO", "EO", "AO", "AA"]
TITLES = ["Permanent Secretary", "Director General", "Director", "Deputy Director", "Head of Team",
          "Team Leader", "Senior Policy Adviser", "Policy Adviser", "Case Manager",
          "Administrative Officer", "Administrative Assistant"]  # fmt: skip
FIRST = ("Adam Alan Alice Amanda Andrew Anna Anne Ben Brian Carol Catherine Chris Claire Clare "
         "Colin Daniel David Donna Edward Emma Fiona Gary George Helen Ian James Jane Janet John "
         "Jonathan Karen Kate Katherine Mark Mary Neil Paul Peter Robert Sarah Zoe")  # fmt: skip
SYLLABLES = ("Ash Brad Card Dal Ell Fair Gar Hal Kent Lang Mar Nor Pen Rad Sher Thorn Wal West "
             "Whit Wood Brook Cran Dun Fen Hart Lock Mill Rod Stan Tal")  # fmt: skip
ENDINGS = "ton ley worth field ford ham wood by well man ridge stone more low wick son shaw bury"
SENIOR = ["Post Unique Reference", "Name", "Grade (or equivalent)", "Job Title",
          "Job/Team Function", "Parent Department", "Organisation", "Unit", "Contact Phone",
          "Contact E-mail", "Reports to Senior Post", "Salary Cost of Reports (£)", "FTE",
          "Actual Pay Floor (£)", "Actual Pay Ceiling (£)", "Total Pay (£)",
          "Professional/Occupational Group", "Notes", "Valid?"]  # fmt: skip
JUNIOR = ["Parent Department", "Organisation", "Unit", "Reporting Senior Post", "Grade",
          "Payscale Minimum (£)", "Payscale Maximum (£)", "Generic Job Title",
          "Number of Posts in FTE", "Professional/Occupational Group"]  # fmt: skip
LEVEL_COLUMNS = ["Senior/Junior", "Junior/Senior", "Seniority"]
MIN_POSTS = 1_000
RELEASE = date(2015, 3, 31)


def real_spans() -> list[int]:
    """Direct reports of every manager in the bundled real compiled files."""
    spans: list[int] = []
    for name in ("cabinet-office-2011-2017.csv", "dcms-2010-2015.csv"):
        with (REAL / name).open(encoding="utf-8") as f:
            rows = [r for r in csv.DictReader(f) if r["Senior/Junior"] == "Senior"]
        for label in sorted({r["Back to Index"] for r in rows}):  # not by hash: reproducible
            live = [r for r in rows if r["Back to Index"] == label and r["Name"] != "Eliminated"]
            refs = {r["Post Unique Reference"] for r in live}
            counts = Counter(r["Reports to Senior Post"] for r in live)
            spans += [n for ref, n in counts.items() if ref in refs]
    return spans


class Names:
    """Unique 'First Surname' pairs, drawn without replacement."""

    def __init__(self, rng: random.Random) -> None:
        surnames = [a + b for a in SYLLABLES.split() for b in ENDINGS.split()]
        self.pairs = [(f, s) for f in FIRST.split() for s in surnames]
        rng.shuffle(self.pairs)

    def next(self) -> str:
        """The next unused name."""
        first, last = self.pairs.pop()
        return f"{first} {last}"


def grow(size: int, spans: list[int], rng: random.Random) -> list[tuple[int, int, int]]:
    """(post, manager, level) breadth-first until `size` posts; the top's manager is -1."""
    posts = [(0, -1, 1)]
    cursor = 0
    while len(posts) < size:
        post, _boss, level = posts[cursor]
        for _ in range(min(rng.choice(spans), size - len(posts))):
            posts.append((len(posts), post, level + 1))
        cursor += 1
    return posts


def senior_rows(
    dept: str, code: str, size: int, ctx: dict[str, Any]
) -> tuple[list[list[str]], dict[str, int]]:
    """The senior rows of one department and the level of each post reference."""
    rng, names = ctx["rng"], ctx["names"]
    tree = grow(size, ctx["spans"], rng)
    ref = [f"{code}{n:06d}" for n in range(size)]
    has_reports = {boss for _p, boss, _l in tree}
    rows: list[list[str]] = []
    levels: dict[str, int] = {}
    for post, boss, level in tree:
        grade = GRADES[min(level, len(GRADES)) - 1]
        title = TITLES[min(level, len(TITLES)) - 1]
        unit = f"{dept} Directorate {post % 37 if level > 2 else 0}"
        name = _name(level, post in has_reports, names, rng)
        reports = ("XX" if rng.random() < 0.5 else "xx") if boss < 0 else ref[boss]
        pay = _pay_band(level, name, rng)
        rows.append(_senior(ref[post], name, grade, title, dept, unit, reports, "1", pay))
        levels[ref[post]] = level
        if name not in ("N/D", "Vacant", "Eliminated") and rng.random() < 0.003:
            rows[-1][12] = "0.5"  # a job share: same reference, another name
            share = _senior(ref[post], names.next(), grade, title, dept, unit, reports, "0.5", pay)
            rows.append(share)
    return rows, levels


def _name(level: int, manages: bool, names: Names, rng: random.Random) -> str:
    """Named at SCS2 and above, half N/D at SCS1, N/D below; some vacant or eliminated."""
    draw = rng.random()
    if draw < 0.04:
        return "Vacant"
    if draw < 0.05 and not manages:
        return "Eliminated"
    if level <= 3 or (level == 4 and draw < 0.5):
        return names.next()
    return "N/D"


def _pay_band(level: int, name: str, rng: random.Random) -> tuple[str, str]:
    """A named holder's actual pay band (£5,000 wide, higher up the tree); '0' for the rest.

    As in the real files (a quarter of senior rows disclose a band), only named holders do.
    """
    if name in ("N/D", "Vacant", "Eliminated"):
        return ("0", "0") if name == "N/D" else ("N/A", "N/A")
    floor = max(60_000, 200_000 - 25_000 * level + 5_000 * rng.randint(0, 4))
    return str(floor), str(floor + 4_999)


def _senior(
    ref: str,
    name: str,
    grade: str,
    title: str,
    dept: str,
    unit: str,
    reports: str,
    fte: str,
    pay: tuple[str, str] = ("N/A", "N/A"),
) -> list[str]:
    """One senior row in the official column order."""
    return [ref, name, grade, title, f"{title} for {unit}", dept, dept, unit, "020 7000 0000",
            "N/D", reports, "0", fte, *pay, "", "Policy", "", "1"]  # fmt: skip


def junior_rows(
    dept: str, levels: dict[str, int], share: float, rng: random.Random
) -> list[list[str]]:
    """Junior rows reporting to middle-level posts (about `share` of the posts)."""
    middle = [ref for ref, level in levels.items() if 4 <= level <= 6] or list(levels)
    grades = [("HEO", 29000, 35000), ("EO", 23000, 28000), ("AO", 19000, 22000)]
    rows = []
    for _ in range(int(len(levels) * share)):
        grade, low, high = rng.choice(grades)
        title, fte = "Operational Delivery Officer", str(rng.randint(1, 12))
        boss, unit = rng.choice(middle), f"{dept} Operations"
        rows.append([dept, dept, unit, boss, grade, str(low), str(high), title, fte, "Operations"])
    return rows


def churn(seniors: list[list[str]], share: float, names: Names, rng: random.Random) -> None:
    """Change a share of the posts as a later release would: holder, title, manager, vacancy,
    pay band."""
    managers = {row[0]: row[10] for row in seniors}
    for row in rng.sample(seniors, int(len(seniors) * share)):
        change = rng.randrange(5)
        if change == 0 and row[1] not in ("Vacant", "Eliminated"):
            row[1] = names.next()
        elif change == 1:
            row[3] = f"{row[3]} (interim)"
        elif change == 2 and managers.get(row[10], "XX").upper() != "XX":
            row[10] = managers[row[10]]  # now reports to the manager's manager
        elif change == 3 and row[1] not in ("Eliminated",):
            row[1] = "Vacant"
        elif change == 4 and row[13].isdigit() and row[13] != "0":
            row[13], row[14] = str(int(row[13]) + 5_000), str(int(row[14]) + 5_000)


def plant_defects(index: int, seniors: list[list[str]], juniors: list[list[str]]) -> None:
    """A few real defects (self-report, unknown boss, loop, two tops, blank junior boss)."""
    last = seniors[-1]
    if index == 5:
        last[10] = last[0]  # reports to itself
    elif index == 7:
        last[10] = "GONE000001"  # unknown manager
    elif index == 9 and len(seniors) > 3:
        a, b, c = seniors[-3:]
        a[10], b[10], c[10] = b[0], c[0], a[0]  # a loop of three
    elif index == 11:
        seniors[1][10] = "XX"  # a second top post
    elif index == 13 and juniors:
        juniors[0][3] = ""  # a junior row with a blank reporting post
    elif index == 15:
        seniors[1][3], seniors[1][2] = "Special Adviser", "Special Adviser"


def write_department(
    index: int, dept: str, size: int, out: Path, ctx: dict[str, Any], release: date = RELEASE
) -> list[Path]:
    """Write one department in the format variant its index selects; return its files."""
    code = "".join(w[0] for w in dept.split() if w[0].isupper())
    seniors, levels = senior_rows(dept, code, size, ctx)
    juniors = junior_rows(dept, levels, ctx["junior_share"], ctx["rng"])
    plant_defects(index, seniors, juniors)
    churn(seniors, ctx["churn"], ctx["churn_names"], random.Random(f"{release}{dept}"))
    slug = "-".join(dept.lower().replace(",", "").split())
    variant = index % 4
    if variant == 3:
        path = out / f"{slug}-{release.year}.csv"
        return [_compiled(path, seniors, juniors, LEVEL_COLUMNS[index % 3], release)]
    day = release.isoformat()
    senior, junior = out / f"{slug}-{day}-senior.csv", out / f"{slug}-{day}-junior.csv"
    if variant == 0:
        _write(senior, SENIOR, seniors, "utf-8")
        _write(junior, JUNIOR, juniors, "utf-8")
    elif variant == 1:
        header = ["", *SENIOR[:2], "Grade", *SENIOR[3:15], "", *SENIOR[16:]]
        _write(senior, header, [[str(n), *r] for n, r in enumerate(seniors)], "utf-8")
        _write(junior, ["", *JUNIOR], [[str(n), *r] for n, r in enumerate(juniors)], "utf-8")
    else:
        header = [*SENIOR[:15], "", *SENIOR[16:18], "Valid"]
        _write(senior, header, seniors, "cp1252", quote_all=True)
        _write(junior, JUNIOR, juniors, "cp1252", quote_all=True)
    return [senior, junior]


def _write(
    path: Path, header: list[str], rows: list[list[str]], encoding: str, quote_all: bool = False
) -> None:
    """One CSV file."""
    with path.open("w", encoding=encoding, newline="") as f:
        writer = csv.writer(f, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
        writer.writerow(header)
        writer.writerows(rows)


def _compiled(
    path: Path, seniors: list[list[str]], juniors: list[list[str]], level: str, release: date
) -> Path:
    """A compiled file: snapshot label, level column, junior rows in the senior columns."""
    header = ["Back to Index", level, *SENIOR]
    label = release.strftime("%b-%y")
    rows = [[label, "Senior", *r] for r in seniors]
    for j in juniors:
        row = ["", "", j[4], j[7], "", j[0], j[1], j[2], "", "", j[3], "", j[8], j[5], j[6], "",
               j[9], "", ""]  # fmt: skip
        rows.append([label, "Junior", *row])
    _write(path, header, rows, "utf-8")
    return path


def generate(
    posts: int,
    out: Path,
    seed: int = 2015,
    junior_share: float = 0.05,
    release: date = RELEASE,
    churn: float = 0.0,
) -> list[Path]:
    """Write the whole synthetic civil service; return the files (about 20 departments)."""
    if posts < MIN_POSTS:
        raise ValueError(f"--posts {posts}: at least {MIN_POSTS:,} (20 departments of 50 or more)")
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    ctx = {"rng": rng, "names": Names(rng), "spans": real_spans(), "junior_share": junior_share}
    ctx["churn"] = churn  # its own random streams: the unchanged posts stay the same
    ctx["churn_names"] = Names(random.Random(f"{seed}{release}"))
    total = sum(DEPARTMENTS.values())
    sizes = {d: max(20, round(posts * share / total)) for d, share in DEPARTMENTS.items()}
    largest = max(sizes, key=lambda d: sizes[d])
    sizes[largest] += posts - sum(sizes.values())
    files: list[Path] = []
    for index, (dept, size) in enumerate(sizes.items()):
        files += write_department(index, dept, size, out, ctx, release)
    return files


def main() -> None:
    """Command line: --posts N --out DIR [--seed S]."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=412_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2015)
    parser.add_argument("--release", type=date.fromisoformat, default=RELEASE)
    parser.add_argument("--churn", type=float, default=0.0, help="share of posts changed")
    args = parser.parse_args()
    if args.posts < MIN_POSTS:
        parser.error(f"--posts: at least {MIN_POSTS:,}")
    files = generate(args.posts, args.out, args.seed, release=args.release, churn=args.churn)
    print(f"wrote {len(files)} files to {args.out}")


if __name__ == "__main__":
    main()
