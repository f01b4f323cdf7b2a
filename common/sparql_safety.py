"""Read-only by construction: refuse SPARQL Update and federated SERVICE before evaluation.

SPARQL 1.1 Protocol (https://www.w3.org/TR/sparql11-protocol/) lets a service refuse an
operation; we answer 403 with a message for SPARQL 1.1 Update
(https://www.w3.org/TR/sparql11-update/: INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD,
MOVE, COPY, WITH) and for SERVICE (SPARQL 1.1 Federated Query), which Oxigraph evaluates
as an outbound HTTP call: a server-side request forgery (docs/architecture.md §7).

Detection works on tokens, never on substrings: strings, IRIs and comments are skipped the
way the parser skips them (common.sparql_lexer). Two places need care. (1) Oxigraph matches a
keyword with no word boundary, so `?s ?p trueSERVICE<http://x>{}` is a true literal followed
by SERVICE: any name token whose part before the first `:` contains SERVICE is refused.
(2) After an operand inside parentheses (where expressions live), `<` may be a less-than
rather than the start of an IRI (`FILTER(?a<?b)SERVICE#>` hides SERVICE from a lexer that
reads an IRI there): both readings are followed, and SERVICE in either is refused. The states
explored are (offset, context, depth) triples, so the work is linear in the query's length.
"""

from __future__ import annotations

from common.sparql_lexer import first_keyword, skip_space, token_at

UPDATE_WORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
NOT_OPERANDS = frozenset(
    {"BASE", "PREFIX", "SELECT", "CONSTRUCT", "DESCRIBE", "ASK", "FROM", "NAMED", "WHERE",
     "GRAPH", "OPTIONAL", "UNION", "MINUS", "FILTER", "BIND", "AS", "VALUES", "SERVICE",
     "SILENT", "ORDER", "GROUP", "BY", "HAVING", "ASC", "DESC", "LIMIT", "OFFSET", "DISTINCT",
     "REDUCED", "NOT", "EXISTS", "IN", "A", "UNDEF"}
)  # fmt: skip
OPERAND, OTHER, AFTER_PREFIX = 0, 1, 2
MAX_DEPTH = 32


class Refused(Exception):
    """The request asks for something this read-only endpoint never does (HTTP 403)."""


def _hides_service(name: str) -> bool:
    """True when a name token could be read as the SERVICE keyword (before its first `:`)."""
    return "SERVICE" in name.split(":", 1)[0].upper()


def _context_after(kind: str, text: str, context: int) -> int:
    """Whether the token just read can end an operand (so a following `<` may be less-than)."""
    if kind in {"string", "iri", "var"}:
        return OPERAND
    if kind == "punct":
        return OPERAND if text in ")]" else OTHER
    word = text.upper()
    if word == "PREFIX":
        return AFTER_PREFIX
    if context == AFTER_PREFIX or word in NOT_OPERANDS or not word.strip("."):
        return OTHER
    return OPERAND


def _depth_after(word: str, depth: int) -> int:
    """Parenthesis depth after a punctuation token; at MAX_DEPTH it stays (never under-counts)."""
    if depth >= MAX_DEPTH:
        return MAX_DEPTH
    if word == "(":
        return depth + 1
    return max(depth - 1, 0) if word == ")" else depth


def find_service(text: str) -> bool:
    """True when any reading of the text, as Oxigraph might parse it, has a SERVICE keyword."""
    if "SERVICE" not in text.upper():  # no escapes outside strings and IRIs: a fast, sound no
        return False
    seen: set[tuple[int, int, int]] = set()
    todo = [(0, OTHER, 0)]
    while todo:
        pos, context, depth = todo.pop()
        while (pos := skip_space(text, pos)) < len(text) and (pos, context, depth) not in seen:
            seen.add((pos, context, depth))
            token = token_at(text, pos)
            if token.kind == "iri" and context == OPERAND and depth > 0:
                todo.append((pos + 1, OTHER, depth))
            pos = token.end
            if token.kind == "comment":
                continue
            word = token.text(text)
            if token.kind == "name" and _hides_service(word):
                return True
            context = _context_after(token.kind, word, context)
            depth = _depth_after(word, depth) if token.kind == "punct" else depth
    return False


def check_query(text: str) -> None:
    """Refuse SPARQL Update and SERVICE with a message; anything else goes to the parser."""
    first = first_keyword(text)
    if first in UPDATE_WORDS:
        raise Refused(
            f"SPARQL Update ({first}) is not allowed: this endpoint is read-only "
            "(SELECT, ASK, CONSTRUCT and DESCRIBE only)"
        )
    if find_service(text):
        raise Refused(
            "SERVICE (federated query) is not allowed: this endpoint answers from its own "
            "graph and never calls another server"
        )


def mentions_update(text: str) -> bool:
    """True when a query the parser refused has an update keyword (so 403, not 400)."""
    from common.sparql_lexer import keywords

    return bool(UPDATE_WORDS & set(keywords(text)))
