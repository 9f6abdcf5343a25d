"""The officers' light markup (reportgen.compose.markup on markdown-it): the forms it keeps, the text
it leaves as typed, and three things the regular expressions got wrong: a link target with
parentheses, an escaped "|" in a table cell and a numbered list that does not start at 1."""

from __future__ import annotations

import dataclasses
import io
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn

from reportgen.document import Block, Paragraph, Run, Section, TableBlock
from reportgen.compose.markup import parse_inline, parse_markup
from reportgen.render.docx import render_cabinet_docx
from reportgen.render.html import render_html
from tests.render.test_docx_cabinet import TEMPLATES, hostile_report, num_id, numbering

WIKI = "https://example.org/Foo_(bar)"


def cells(table: TableBlock) -> list[list[str]]:
    return [["".join(r.text for r in cell) for cell in row] for row in (table.header, *table.rows)]


def report_with(body) -> object:
    """The hostile report with one section whose one numbered paragraph has `body`."""
    return dataclasses.replace(hostile_report(), sections=(
        Section("A. Lists", (Paragraph(1, (Run("Heading", bold=True),), body),)),))


# 1. A link target keeps its balanced parentheses (the old code cut it at the first ")").

def test_link_target_keeps_its_parentheses():
    assert parse_inline(f"[x]({WIKI})") == (Run("x", href=WIKI),)
    assert parse_markup(f"See [Foo]({WIKI}) now.") == (
        Block((Run("See "), Run("Foo", href=WIKI), Run(" now."))),)


def test_link_target_with_parentheses_is_the_html_anchor():
    html = render_html(report_with(parse_markup(f"See [Foo]({WIKI}).")), TEMPLATES)
    assert f'<a href="{WIKI}">Foo</a>.' in html


# 2. An escaped "\|" in a table cell is a "|" in that cell, not a new column.

def test_escaped_pipe_stays_in_its_cell():
    (table,) = parse_markup("| Route | Share |\n|---|---|\n| A \\| B | 10% |\n| C | 5% |")
    assert cells(table) == [["Route", "Share"], ["A | B", "10%"], ["C", "5%"]]


def test_escaped_pipe_in_a_header_cell():
    (table,) = parse_markup("| In \\| out | n |\n|---|---|\n| x | 1 |")
    assert cells(table) == [["In | out", "n"], ["x", "1"]]


# 3. A numbered list keeps the numbers typed ("3." and "5."), in the model and in print.

TYPED = "3. three\n5. five\n\nBetween.\n\n1. one\n2. two"


def test_typed_numbers_are_kept_in_the_model():
    assert parse_markup(TYPED) == (
        Block((Run("three"),), "number", 0, 3), Block((Run("five"),), "number", 0, 5),
        Block((Run("Between."),)),
        Block((Run("one"),), "number"), Block((Run("two"),), "number"))


@pytest.mark.parametrize("text, numbers", [
    ("1. a\n2. b\n3. c", [None, None, None]),     # counting gives them: no number to keep
    ("3. a\n4. b", [3, None]),
    ("2. a\n2. b", [2, 2]),                       # as typed, not renumbered
    ("1. a\n   - sub\n2. b", [None, "bullet", 2]),  # a list restarts after a bullet
    ("Intro:\n3. a\n5. b", ["paragraph", 3, 5]),  # a list from 3 still ends the paragraph
    ("1) a\n2) b", [None, None]),
])
def test_numbers_are_none_only_where_counting_gives_them(text, numbers):
    blocks = parse_markup(text)
    assert [b.number if b.kind == "number" else b.kind for b in blocks] == numbers


def test_html_prints_the_typed_numbers():
    html = render_html(report_with(parse_markup(TYPED)), TEMPLATES)
    assert '<ol><li value="3" style="counter-reset:list-item 2">three</li>' \
        '<li value="5" style="counter-reset:list-item 4">five</li></ol>' in html
    assert "<ol><li>one</li><li>two</li></ol>" in html


def test_docx_numbering_starts_at_the_typed_numbers():
    doc = Document(io.BytesIO(render_cabinet_docx(report_with(parse_markup(TYPED)), TEMPLATES)))
    items = [p for p in doc.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in items] == ["three", "five", "one", "two"]
    ids = [num_id(p) for p in items]
    assert len({ids[0], ids[1], ids[2]}) == 3 and ids[2] == ids[3]
    starts = [numbering(doc).num_having_numId(n).find(qn("w:lvlOverride"))
              .find(qn("w:startOverride")).get(qn("w:val")) for n in ids[:3]]
    assert starts == ["3", "5", "1"]


def test_pdf_prints_the_typed_numbers(tmp_path):
    """WeasyPrint ignores `value`; the counter-reset beside it gives the same numbers."""
    from reportgen.render.pdf import render_pdf
    html = render_html(report_with(parse_markup(TYPED)), TEMPLATES)
    (tmp_path / "r.pdf").write_bytes(render_pdf(html, TEMPLATES))
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "r.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert {"3. three", "5. five", "1. one", "2. two"} <= set(lines)


# The forms the old parser accepted, kept.

@pytest.mark.parametrize("text, blocks", [
    ("• a\n• b", [Block((Run("a"),), "bullet"), Block((Run("b"),), "bullet")]),
    ("* a\n  * b", [Block((Run("a"),), "bullet"), Block((Run("b"),), "bullet", 1)]),
    ("Text\n\n  - no parent", [Block((Run("Text"),)), Block((Run("no parent"),), "bullet", 1)]),
    ("Intro:\n- a\nAfter.", [Block((Run("Intro:"),)), Block((Run("a"),), "bullet"),
                             Block((Run("After."),))]),
    ("## Two\n#### Four", [Block((Run("Two"),), "subheading"),
                           Block((Run("Four"),), "subheading")]),
    ("Text\n### Sub", [Block((Run("Text"),)), Block((Run("Sub"),), "subheading")]),
    ("- **Lead**\n  - detail", [Block((Run("Lead", bold=True),), "bullet"),
                                Block((Run("detail"),), "bullet", 1)]),
    ("  spaced  \n  lines  ", [Block((Run("spaced\nlines"),))]),
])
def test_forms_the_old_parser_accepted(text, blocks):
    assert list(parse_markup(text)) == blocks


def test_a_table_ends_at_the_first_line_not_starting_with_a_pipe():
    table, after = parse_markup("| A | B |\n|---|---|\n| 1 | 2 |\nSource: Ofsted")
    assert cells(table) == [["A", "B"], ["1", "2"]] and after == Block((Run("Source: Ofsted"),))


def test_a_row_with_more_cells_than_the_header_loses_none():
    (table,) = parse_markup("| A | B |\n|---|---|\n| 1 | 2 | 3 |\n| 4 |")
    assert cells(table) == [["A", "B", ""], ["1", "2", "3"], ["4", "", ""]]


# Text that is none of the forms prints as typed.

@pytest.mark.parametrize("text", [
    "    four spaces in",           # not a code block (its indent goes, as before)
    "```\nfenced\n```",
    "> quoted",
    "# One hash",
    "##### Five hashes",
    "Title\n=====",
    "Title\n---",
    "---",
    "***",
    "[ref]: https://example.org",
    "[ref]",
    "<https://example.org>",
    "<b>bold</b> &amp; &lt;",
    "C:\\Temp \\| a\\\\b c\\\nd",     # backslashes are text (no escapes, no hard break)
    "`code`",
    "_under_ __score__ snake_case",
    "+ plus",
    "2017. was a year",
    "-",
    "| one line with a pipe",
    "a | b\n--|--",
])
def test_text_that_is_no_form_prints_as_typed(text):
    expected = "\n".join(line.strip() for line in text.split("\n"))
    assert [(b.kind, b.text) for b in parse_markup(text)] == [("paragraph", expected)]
    assert all(not (r.bold or r.italic or r.href) for b in parse_markup(text) for r in b.runs)


@pytest.mark.parametrize("text, runs", [
    ("![chart](https://x.example/c.png)", [Run("!"), Run("chart", href="https://x.example/c.png")]),
    ("[](https://x.example)", [Run("[](https://x.example)")]),
    ("[**a**](https://x.example)", [Run("a", bold=True, href="https://x.example")]),
    ("**bold *both***", [Run("bold ", bold=True), Run("both", bold=True, italic=True)]),
    ("[a](HTTPS://x.example)", [Run("a", href="HTTPS://x.example")]),
    ("[a](mailto:x@example.org)", [Run("a")]),
])
def test_inline_edges(text, runs):
    assert list(parse_inline(text)) == runs
