"""HTML pages (GOV.UK publications): the main content as canonical text, boilerplate dropped.

Parsed with BeautifulSoup over Python's own HTML parser (docs/architecture.md §5). The main
content is the first of `<main>`, `role="main"`, GOV.UK's content wrappers, `<article>`,
else `<body>`; scripts, styles, navigation, headers, footers, cookie banners, forms and
hidden elements are dropped. Headings, paragraphs, list items (nested ones too) and table
rows become canonical blocks; the page `<title>` is the title when the content has no h1.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from graphbuild.formats.canonical import Canonical, CanonicalWriter, FormatError
from graphbuild.formats.plain import decode

MAIN = ("main", "[role=main]", "#content", ".govuk-main-wrapper", "article", "body")
DROP = (
    "script, style, noscript, template, nav, header, footer, aside, form, svg, button, iframe,"
    " [hidden], [aria-hidden=true], .govuk-cookie-banner, .gem-c-cookie-banner,"
    " #global-cookie-message, .govuk-skip-link, .govuk-breadcrumbs, .gem-c-contents-list,"
    " .gem-c-print-link, .gem-c-share-links, .govuk-visually-hidden"
)
HEADING = re.compile(r"^h([1-6])$")
BLOCKS = frozenset(
    ["p", "li", "table", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "figure", "figcaption"]
)
CONTAINERS = frozenset(
    ["div", "section", "article", "main", "body", "span", "details", "summary", "header"]
)


def read_html(data: bytes) -> Canonical:
    """An HTML page's main content as canonical text; FormatError when it has none."""
    soup = BeautifulSoup(decode(data), "html.parser")
    page_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    main = next((m for m in (soup.select_one(s) for s in MAIN) if m is not None), soup)
    for element in main.select(DROP):
        if not (element.name == "header" and element.find("h1")):  # GOV.UK's title header
            element.decompose()
    writer = CanonicalWriter("html")
    if page_title and main.find("h1") is None:
        writer.add("title", page_title.split("|")[0].split(" - GOV.UK")[0])
    _walk(main, writer)
    result = writer.result()
    if not any(b.kind != "title" for b in result.blocks):
        raise FormatError("the page has no main content (no text outside navigation)")
    return result


SPACED = (
    BLOCKS | CONTAINERS | frozenset({"br", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})
)


def text_of(element: Tag) -> str:
    """An element's text as a browser shows it: inline tags add no space, blocks and <br> do."""
    parts: list[str] = []
    for node in element.descendants:
        if isinstance(node, NavigableString) and not isinstance(node, Comment):
            parts.append(str(node))
        elif isinstance(node, Tag) and node.name.lower() in SPACED:
            parts.append(" ")
    return "".join(parts)


def _walk(element: Tag, writer: CanonicalWriter) -> None:
    """Write the blocks under an element, in document order."""
    loose: list[str] = []
    for child in element.children:
        if isinstance(child, NavigableString):
            if not isinstance(child, Comment):
                loose.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name.lower()
        if name not in BLOCKS and not HEADING.match(name) and name not in CONTAINERS:
            loose.append(text_of(child))
            continue
        _flush(loose, writer)
        _block(child, name, writer)
    _flush(loose, writer)


def _flush(loose: list[str], writer: CanonicalWriter) -> None:
    """Write text found directly inside a container as one paragraph."""
    writer.add("paragraph", " ".join(loose))
    loose.clear()


def _block(child: Tag, name: str, writer: CanonicalWriter) -> None:
    """Write one block element."""
    if heading := HEADING.match(name):
        level = int(heading.group(1))
        writer.add("title" if level == 1 else "heading", text_of(child), level)
    elif name in ("ul", "ol"):
        _list(child, writer, ordered=name == "ol")
    elif name == "table":
        _table(child, writer)
    elif name in CONTAINERS or name in ("blockquote", "figure", "dl"):
        _walk(child, writer)
    elif name == "p" and _all_bold(child):
        writer.add("heading", text_of(child), 3)
    else:
        writer.add("paragraph", text_of(child))


def _all_bold(paragraph: Tag) -> bool:
    """A paragraph whose whole text is bold: a heading written as '<p><strong>'."""
    text = text_of(paragraph).strip()
    bold = "".join(text_of(b) for b in paragraph.find_all(("strong", "b"))).strip()
    return bool(text) and " ".join(bold.split()) == " ".join(text.split()) and len(text) < 150


def _list(element: Tag, writer: CanonicalWriter, ordered: bool) -> None:
    """Write each item of a list (its own text first, then any list nested in it)."""
    items = [li for li in element.find_all("li", recursive=False) if isinstance(li, Tag)]
    for number, item in enumerate(items, 1):
        nested = [n for n in item.find_all(("ul", "ol"), recursive=False) if isinstance(n, Tag)]
        for n in nested:
            n.extract()
        text = text_of(item)
        writer.add("item", f"{number}. {text}" if ordered and text.strip() else text)
        for n in nested:
            _list(n, writer, ordered=n.name == "ol")


def _table(table: Tag, writer: CanonicalWriter) -> None:
    """Write each row of a table, its cells joined by tabs (nested lists joined by '; ')."""
    writer.end_table()
    caption = table.find("caption")
    if isinstance(caption, Tag):
        writer.add("heading", text_of(caption), 4)
    for row in table.find_all("tr"):
        if not isinstance(row, Tag) or row.find_parent("table") is not table:
            continue
        writer.row([_cell_text(c) for c in row.find_all(("td", "th"), recursive=False)])
    writer.end_table()


def _cell_text(cell: Tag) -> str:
    """A cell's text; the items of a list inside it are joined by '; '."""
    items = [text_of(li).strip() for li in cell.find_all("li")]
    if items:
        for lst in cell.find_all(("ul", "ol")):
            lst.decompose()
        return "; ".join(filter(None, [text_of(cell).strip(), *items]))
    return text_of(cell)
