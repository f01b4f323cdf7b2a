"""Format adapters (graphbuild/formats): canonical text and structure, and bad files.

Issue "Real documents in any layout and format" §1: a PDF's tables become rows and cells, a
GOV.UK page loses its boilerplate and keeps headings, lists and tables; a PDF with no text
layer, an encrypted or corrupt PDF, an HTML page with no main content is a clear per-file
error and the rest of the build goes on.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fpdf import FPDF
from render_documents import to_html, to_pdf

from govkg.cli import main
from graphbuild.formats import FormatError, read_source

SAMPLE = (
    "# Permanent Secretary objectives 2016 to 2017\n"
    "JANE EXAMPLE, DEPARTMENT FOR EDUCATION\n"
    "She chairs the Executive Committee and is a member of the Civil Service Board.\n"
    "# Objectives\n"
    "Objective\tPerformance measures\tMilestones\n"
    "1. Open new schools\tSchools opened; Feedback from the Secretary of State\tSeptember 2016\n"
    "- an item of a list\n"
)


def test_pdf_tables_become_rows_of_cells(tmp_path: Path) -> None:
    """A ruled three-column table is one row per line, cells joined by tabs, in page order."""
    canonical = read_source(to_pdf(SAMPLE, tmp_path / "doc.pdf"))
    lines = canonical.text.split("\n")
    assert "Objective\tPerformance measures\tMilestones" in lines
    row = (
        "1. Open new schools\tSchools opened; Feedback from the Secretary of State\tSeptember 2016"
    )
    assert row in lines
    kinds = [b.kind for b in canonical.blocks]
    assert kinds[0] == "title" and kinds.count("row") == 2 and "item" in kinds
    assert canonical.format == "pdf" and canonical.pages == 1
    assert "1\n" not in canonical.text.split("- an item of a list")[1]  # page number dropped


def test_html_boilerplate_is_dropped_and_structure_kept(tmp_path: Path) -> None:
    """Cookie banner, header, navigation, contents list, footer and scripts are not text."""
    canonical = read_source(to_html(SAMPLE, tmp_path / "doc.html", title="A page"))
    for boilerplate in ("Cookies", "Skip to", "Search", "Contents", "Open Government", "window"):
        assert boilerplate not in canonical.text
    assert canonical.text.startswith("Permanent Secretary objectives 2016 to 2017\n")
    assert canonical.blocks[0].kind == "title"
    assert "- an item of a list" in canonical.text.split("\n")


def test_inline_markup_adds_no_space(tmp_path: Path) -> None:
    """'<abbr>non-executive</abbr>.' reads 'non-executive.', as a browser shows it."""
    page = tmp_path / "inline.html"
    page.write_text(
        "<html><body><main><p>The <b>lead</b> <abbr title='x'>non-executive</abbr>."
        "<br>Next line</p></main></body></html>",
        encoding="utf-8",
    )
    assert read_source(page).text == "The lead non-executive. Next line\n"


def encrypted_pdf(path: Path) -> Path:
    """A PDF that needs a password to open."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "Secret objectives 2015/16")
    pdf.set_encryption(owner_password="owner", user_password="user")
    pdf.output(str(path))
    return path


def image_only_pdf(path: Path) -> Path:
    """A PDF whose page is drawn, with no text layer (as a scanned page)."""
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")
    pdf.output(str(path))
    return path


def corrupt_pdf(path: Path) -> Path:
    """A PDF cut short half-way."""
    whole = to_pdf(SAMPLE, path.with_suffix(".whole")).read_bytes()
    path.write_bytes(whole[: len(whole) // 3])
    return path


def no_main_content(path: Path) -> Path:
    """A page of navigation only."""
    path.write_text(
        "<!DOCTYPE html><html><head><title>Menu</title><script>x()</script></head>"
        "<body><header><nav><a href='/'>Home</a></nav></header><footer>Footer</footer>"
        "</body></html>",
        encoding="utf-8",
    )
    return path


def not_a_word_file(path: Path) -> Path:
    """A .docx that is not a zip."""
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    return path


BAD = {
    "broken.docx": (not_a_word_file, "not a Word document"),
    "encrypted.pdf": (encrypted_pdf, "encrypted"),
    "scanned.pdf": (image_only_pdf, "no text layer"),
    "corrupt.pdf": (corrupt_pdf, "corrupt"),
    "menu.html": (no_main_content, "no main content"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_unreadable_documents_are_a_clear_error(name: str, tmp_path: Path) -> None:
    """Each bad file raises FormatError saying why."""
    make, reason = BAD[name]
    with pytest.raises(FormatError, match=reason):
        read_source(make(tmp_path / name))


def test_a_folder_with_bad_files_builds_the_rest(tmp_path: Path) -> None:
    """`govkg build FOLDER`: one warning per bad file, the good document built, exit 1."""
    folder = tmp_path / "documents"
    folder.mkdir()
    for name, (make, _) in BAD.items():
        make(folder / name)
    to_pdf(SAMPLE, folder / "good.pdf")
    result = CliRunner().invoke(main, ["build", str(folder), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1, result.output
    for name, (_, reason) in BAD.items():
        assert f"{name}: " in result.output and reason in result.output
    assert "good [objectives, pdf]" in result.output
    assert "built 1 of 6 documents" in result.output
    assert "Traceback" not in result.output
