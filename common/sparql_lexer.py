"""SPARQL 1.1 lexical scanning: which text is code, and which is a string, IRI or comment.

Follows the terminals of the SPARQL 1.1 Query grammar
(https://www.w3.org/TR/sparql11-query/#sparqlGrammar, §19.8): IRIREF, the four
STRING_LITERAL forms, VAR1/VAR2, comments, and names (keywords, prefixed names, numbers,
blank node labels) as runs of PN_CHARS with `.`, `:`, `%` and PLX escapes. A token never
reaches further than the engine's own would; where this lexer is unsure it ends a token
early, which only exposes more text to the safety checks (common.sparql_safety).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
WHITESPACE = " \t\r\n"
LINE_ENDS = re.compile(r"[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_BASE_RANGES = (
    (0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x2FF), (0x370, 0x37D), (0x37F, 0x1FFF),
    (0x200C, 0x200D), (0x2070, 0x218F), (0x2C00, 0x2FEF), (0x3001, 0xD7FF),
    (0xF900, 0xFDCF), (0xFDF0, 0xFFFD), (0x10000, 0xEFFFF),
)  # fmt: skip
_EXTRA_RANGES = ((0xB7, 0xB7), (0x300, 0x36F), (0x203F, 0x2040))


@dataclass(frozen=True)
class Token:
    """One token: its kind (string, iri, var, name, punct), start and end offsets."""

    kind: str
    start: int
    end: int

    def text(self, source: str) -> str:
        """The token's text in the source."""
        return source[self.start : self.end]


def _in(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    """True when the code point falls in one of the ranges."""
    return any(low <= code <= high for low, high in ranges)


def is_var_char(ch: str) -> bool:
    """A character of VARNAME: PN_CHARS_U, digits, U+00B7, U+0300-036F, U+203F-2040."""
    if ch.isascii():
        return ch.isalnum() or ch == "_"
    code = ord(ch)
    return _in(code, _BASE_RANGES) or _in(code, _EXTRA_RANGES)


def is_name_char(ch: str) -> bool:
    """A character of a keyword, prefixed name, number or blank node label."""
    return is_var_char(ch) or ch in "-.:%"


def iri_end(text: str, pos: int) -> int | None:
    """The end of an IRIREF starting at `pos`, or None when `<` there is an operator."""
    match = IRIREF.match(text, pos)
    return match.end() if match else None


def string_end(text: str, pos: int) -> int:
    """The end of the string literal starting at `pos` (a short one also ends at a line end)."""
    quote = text[pos]
    if text.startswith(quote * 3, pos):
        i = pos + 3
        while i < len(text):
            if text[i] == "\\":
                i += 2
            elif text.startswith(quote * 3, i):
                return i + 3
            else:
                i += 1
        return len(text)
    i = pos + 1
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
        elif ch == quote:
            return i + 1
        elif ch in "\r\n":
            return i
        else:
            i += 1
    return len(text)


def comment_end(text: str, pos: int) -> int:
    """The end of a comment starting at `pos`: the first line break of any kind."""
    match = LINE_ENDS.search(text, pos)
    return match.start() if match else len(text)


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    """A regular-expression character class body for code point ranges."""
    return "".join(f"{re.escape(chr(low))}-{re.escape(chr(high))}" for low, high in ranges)


_VAR_CLASS = "A-Za-z0-9_" + _char_class(_BASE_RANGES + _EXTRA_RANGES)
_VAR_RUN = re.compile(f"[{_VAR_CLASS}]*")
_NAME_RUN = re.compile(f"(?:\\\\.|[{_VAR_CLASS}\\-.:%])*", re.DOTALL)
_SPACE = re.compile(f"[{WHITESPACE}]*")


def run_end(text: str, pos: int, var: bool = False) -> int:
    """The end of a run of name (or variable-name) characters; `\\x` escapes count as one."""
    match = (_VAR_RUN if var else _NAME_RUN).match(text, pos)
    return match.end() if match else pos


def skip_space(text: str, pos: int) -> int:
    """The first offset at or after `pos` that is not SPARQL whitespace."""
    match = _SPACE.match(text, pos)
    return match.end() if match else pos


def token_at(text: str, pos: int, iri: bool = True) -> Token:
    """The token starting at `pos` (not whitespace); `iri=False` reads `<` as an operator."""
    ch = text[pos]
    if ch == "#":
        return Token("comment", pos, comment_end(text, pos))
    if ch in "\"'":
        return Token("string", pos, string_end(text, pos))
    if ch == "<" and iri and (end := iri_end(text, pos)) is not None:
        return Token("iri", pos, end)
    if ch in "?$" and pos + 1 < len(text) and is_var_char(text[pos + 1]):
        return Token("var", pos, run_end(text, pos + 1, var=True))
    if ch == "\\" or is_name_char(ch):
        return Token("name", pos, max(run_end(text, pos), pos + 1))
    return Token("punct", pos, pos + 1)


def tokens(text: str) -> Iterator[Token]:
    """Every token of a trusted query, `<...>` read as an IRI wherever one fits."""
    pos = skip_space(text, 0)
    while pos < len(text):
        token = token_at(text, pos)
        if token.kind != "comment":
            yield token
        pos = skip_space(text, token.end)


def keywords(text: str) -> list[str]:
    """The upper-cased name tokens of a trusted query (keywords, prefixed names, numbers)."""
    return [t.text(text).upper() for t in tokens(text) if t.kind == "name"]


def first_keyword(text: str) -> str:
    """The first keyword after the prologue (PREFIX and BASE declarations), upper-cased."""
    skip = 0
    for token in tokens(text):
        if token.kind != "name":
            continue
        word = token.text(text).upper()
        if skip:
            skip -= 1
        elif word in {"PREFIX", "BASE"}:
            skip = 1 if word == "PREFIX" else 0
        else:
            return word
    return ""


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first such keyword ('' when there is none)."""
    forms = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
    return next((w for w in keywords(text) if w in forms), "")


def _mode_after(token: Token, word: str, mode: str) -> str:
    """SELECT inside a projection, BY inside GROUP BY / ORDER BY, else ''."""
    upper = word.upper()
    if token.kind == "name" and upper in {"SELECT", "BY"}:
        return upper
    if token.kind == "name" and upper in {"WHERE", "HAVING", "LIMIT", "OFFSET", "VALUES"}:
        return ""
    if token.kind == "punct" and (word == "}" or (word == "{" and mode == "SELECT")):
        return ""
    return mode


def substitute(text: str, terms: dict[str, str]) -> str:
    """Replace variables by RDF terms token by token (SEP-0007 semantics, for remote stores).

    `terms` maps a variable name to a term already written in N-Triples syntax by pyoxigraph
    (so escaped): a projected `?x` becomes `(term AS ?x)`, keeping the column — but in a
    subquery's projection it is dropped, since the outer query's `(term AS ?x)` may not
    rebind it; a GROUP BY or ORDER BY key becomes `(term)`; everywhere else, inside
    expressions too, the term itself.
    """
    out, last, mode, depth, selects = [], 0, "", 0, 0
    for token in tokens(text):
        word = token.text(text)
        mode = _mode_after(token, word, mode)
        if token.kind == "name" and word.upper() == "SELECT":
            selects += 1
        if token.kind == "punct" and word in "()":
            depth = depth + 1 if word == "(" else max(depth - 1, 0)
        if token.kind != "var" or word[1:] not in terms:
            continue
        term = terms[word[1:]]
        projected = f"({term} AS {word})" if selects == 1 else ""
        top = {"SELECT": projected, "BY": f"({term})"}.get(mode, term)
        out += [text[last : token.start], top if depth == 0 else term]
        last = token.end
    return "".join(out) + text[last:]
