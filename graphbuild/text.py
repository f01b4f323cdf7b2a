"""Text normalisation that keeps offsets back to the raw document (docs/architecture.md §5).

Extractors read `CleanText.text`; every quote they emit is `CleanText.quote(...)`, an exact
substring of the raw document, located by raw character offsets (`Span`). Cleaning rules:
- block tags (`<p>`, `</p>`, `<li>`, `<br>`, `<ul ...>`, ...), bullets (•, U+F0B7, ...) and
  dash bullets (`-`/`–`/`—` + space at a line/cell start or after a separator) become a
  *separator*; inline tags (`<u>`, `<b>`, ...) and comments vanish; entities are decoded;
- a run of spaces and separators between two words becomes one space, or one newline if it
  holds a separator; such runs vanish next to a tab, a newline or a line start (a run at the
  very end is kept, so a range ending in a separator re-cleans to itself);
- tabs (table columns) and newlines (raw lines) are always kept.
Each clean character remembers its raw span, so a clean range maps to the smallest covering
raw span, which re-cleans (in its line-start context, `CleanText.reclean`) to the range.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

BLOCK_TAGS = (
    "p|br|li|ul|ol|div|tr|td|th|table|thead|tbody|tfoot|h[1-6]|hr|dl|dt|dd|blockquote|section"
)
INLINE_TAGS = "u|b|i|em|strong|span|a|sup|sub|font|s|strike|small|big|mark|code|del|ins|abbr"
_MARKUP = re.compile(
    r"<!--.*?-->"
    rf"|</?(?:(?P<block>{BLOCK_TAGS})|(?:{INLINE_TAGS}))(?=[\s/>])[^<>]*>"
    r"|(?P<entity>&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)",
    re.IGNORECASE | re.DOTALL,
)
BULLETS = frozenset("•\uf0b7\uf0a7\uf0d8‣◦▪●⁃")
DASH_BULLETS = frozenset("-–—")
INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_Token = tuple[str, str, int, int]  # (kind, clean char, raw start, raw end)


@dataclass(frozen=True)
class Span:
    """A half-open range [start, end) of raw character offsets."""

    start: int
    end: int

    @property
    def length(self) -> int:
        """Number of raw characters covered."""
        return self.end - self.start

    def of(self, raw: str) -> str:
        """The raw text covered by this span."""
        return raw[self.start : self.end]

    def union(self, other: Span) -> Span:
        """The smallest span covering both spans."""
        return Span(min(self.start, other.start), max(self.end, other.end))


@dataclass(frozen=True)
class Line:
    """One line of cleaned text with its clean offsets and 1-based raw line number."""

    text: str
    start: int
    end: int
    raw_line: int


def _char_kind(ch: str) -> str:
    """Classify one character as newline, tab, break, drop, space or text."""
    if ch == "\n":
        return "newline"
    if ch == "\t":
        return "tab"
    if ch in BULLETS:
        return "break"
    if ch in INVISIBLE:
        return "drop"
    return "space" if ch.isspace() else "text"


def _char_tokens(raw: str, start: int, end: int) -> Iterator[_Token]:
    """Tokens for the plain characters raw[start:end]."""
    for i in range(start, end):
        yield _char_kind(raw[i]), raw[i], i, i + 1


def _markup_tokens(raw: str, m: re.Match[str]) -> Iterator[_Token]:
    """Tokens for one tag, comment or entity match."""
    if m.group("entity"):
        decoded = html.unescape(m.group())
        if len(decoded) != 1 or decoded == m.group():
            yield from _char_tokens(raw, m.start(), m.end())
            return
        kind = "space" if decoded.isspace() else _char_kind(decoded)
        yield kind, decoded, m.start(), m.end()
    else:
        yield "break" if m.group("block") else "drop", "", m.start(), m.end()


def _tokens(raw: str) -> Iterator[_Token]:
    """Split the raw text into classified tokens, in order."""
    pos = 0
    for m in _MARKUP.finditer(raw):
        yield from _char_tokens(raw, pos, m.start())
        yield from _markup_tokens(raw, m)
        pos = m.end()
    yield from _char_tokens(raw, pos, len(raw))


class CleanText:
    """Cleaned text of a raw document plus the clean → raw offset mapping."""

    def __init__(self, raw: str, *, at_line_start: bool = True) -> None:
        """Clean `raw`; `at_line_start` says whether raw[0] starts a line (or cell)."""
        self.raw = raw
        self._chars: list[str] = []
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._boundary_before: list[bool] = []
        self._at_boundary = at_line_start
        self._pending: tuple[str, int, int] | None = None
        for kind, ch, start, end in _tokens(raw):
            self._feed(kind, ch, start, end)
        self._flush()
        self.text = "".join(self._chars)
        self._raw_newlines = [i for i, ch in enumerate(raw) if ch == "\n"]

    def _feed(self, kind: str, ch: str, start: int, end: int) -> None:
        """Advance the cleaning state machine by one token."""
        if kind == "text" and self._is_dash_bullet(ch, end):
            kind = "break"
        if kind == "text":
            self._flush()
            self._emit(ch, start, end, self._at_boundary)
            self._at_boundary = False
        elif kind in ("newline", "tab"):
            self._pending = None
            self._emit(ch, start, end, self._at_boundary)
            self._at_boundary = True
        elif kind in ("space", "break"):
            self._hold(" " if kind == "space" else "\n", start, end)

    def _is_dash_bullet(self, ch: str, end: int) -> bool:
        """A dash followed by a space, at a line/cell start or after a separator."""
        after_break = self._pending is not None and self._pending[0] == "\n"
        next_is_space = self.raw[end : end + 1] in (" ", "\xa0")
        return ch in DASH_BULLETS and next_is_space and (self._at_boundary or after_break)

    def _hold(self, sep: str, start: int, end: int) -> None:
        """Merge a space or separator into the pending run (a separator wins)."""
        if self._pending is None:
            self._pending = (sep, start, end)
        else:
            kept = "\n" if "\n" in (sep, self._pending[0]) else " "
            self._pending = (kept, self._pending[1], end)

    def _flush(self) -> None:
        """Emit the pending run unless it sits at a line or cell start."""
        if self._pending is not None and not self._at_boundary:
            self._emit(*self._pending, False)
        self._pending = None

    def _emit(self, ch: str, start: int, end: int, boundary_before: bool) -> None:
        """Append one clean character and its raw span."""
        self._chars.append(ch)
        self._starts.append(start)
        self._ends.append(end)
        self._boundary_before.append(boundary_before)

    def __len__(self) -> int:
        """Length of the cleaned text."""
        return len(self.text)

    def raw_span(self, clean_start: int, clean_end: int) -> Span:
        """Smallest raw span covering the clean characters [clean_start, clean_end)."""
        if not 0 <= clean_start <= clean_end <= len(self.text):
            raise ValueError(f"bad clean range {clean_start}:{clean_end}")
        if clean_start == clean_end:
            pos = self._starts[clean_start] if clean_start < len(self.text) else len(self.raw)
            return Span(pos, pos)
        return Span(self._starts[clean_start], self._ends[clean_end - 1])

    def quote(self, clean_start: int, clean_end: int) -> str:
        """The verbatim raw text behind the clean range."""
        return self.raw_span(clean_start, clean_end).of(self.raw)

    def reclean(self, clean_start: int, clean_end: int) -> str:
        """Clean the quote of a clean range again, in its original line-start context."""
        if clean_start >= min(clean_end, len(self.text)):
            return ""
        context = self._boundary_before[clean_start]
        return CleanText(self.quote(clean_start, clean_end), at_line_start=context).text

    def raw_line_at(self, raw_offset: int) -> int:
        """1-based raw line number of a raw offset."""
        return bisect_right(self._raw_newlines, raw_offset - 1) + 1

    def raw_line(self, clean_offset: int) -> int:
        """1-based raw line number of a clean offset."""
        return self.raw_line_at(self.raw_span(clean_offset, clean_offset).start)


def lines(clean: CleanText) -> list[Line]:
    """The lines of the cleaned text, each with clean offsets and raw line number."""
    result: list[Line] = []
    start = 0
    for text in clean.text.split("\n"):
        end = start + len(text)
        result.append(Line(text, start, end, clean.raw_line(start)))
        start = end + 1
    return result


def tab_cells(line: Line) -> list[tuple[int, int]]:
    """The tab-separated cells of a line (a table row), as clean offsets."""
    out, pos = [], line.start
    for part in line.text.split("\t"):
        out.append((pos, pos + len(part)))
        pos += len(part) + 1
    return out


def normalise_ws(s: str) -> str:
    """Collapse every whitespace run to one space and strip the ends."""
    return " ".join(s.split())


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of a and b, or limit + 1 as soon as it is known to exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def slug(s: str) -> str:
    """Lowercase ASCII slug for IRIs; never empty (falls back to a short hash)."""
    ascii_text = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")
    ascii_text = re.sub(r"['’]", "", ascii_text.lower())
    text = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return text or "id-" + hashlib.sha1(s.encode("utf-8")).hexdigest()[:8]


def phrase_pattern(phrase: str) -> re.Pattern[str] | None:
    """Case-insensitive regex for a phrase whose spaces match any whitespace run."""
    words = phrase.split()
    if not words:
        return None
    body = r"\s+".join(re.escape(word) for word in words)
    before = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    after = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    return re.compile(before + body + after, re.IGNORECASE)


def find_all(clean: CleanText, phrase: str) -> list[tuple[int, int]]:
    """Clean offsets of every whole-word, case/whitespace-insensitive match of a phrase."""
    pattern = phrase_pattern(phrase)
    if pattern is None:
        return []
    return [m.span() for m in pattern.finditer(clean.text)]
