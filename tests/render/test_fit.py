"""Fitting tables to their text (render/fit.py): the RAG column is as wide as its labels, and
only a row taller than about a fifth of a page is marked as one that may break."""

from __future__ import annotations

import pytest

from reportgen.document import (
    Block, Part, PerformanceReport, Properties, Row, Run, StatusView, Table,
)
from reportgen.render.fit import TALL_MM, rag_width, row_is_tall, text_height

GREEN = StatusView("Green", "★", "green", "00703C", "FFFFFF")
LONG = StatusView("Significantly below expected", "■", "sig", "B10E1E", "FFFFFF")


def row(status=GREEN, commentary="Short.", measure="% seen") -> Row:
    return Row(1, "M1", measure, "90%", "95%", (), status, (),
               tuple(Block((Run(p),)) for p in commentary.split("\n")))


def report(*rows) -> PerformanceReport:
    return PerformanceReport(Properties("t", "a", "s", "k"), None, None,
                             (Part(None, 1, 0, None, (Table("good", "t", rows, "c"),)),), ())


def em(width: str) -> float:
    return float(width.removeprefix("calc(").split("em")[0])


def test_the_rag_column_is_as_wide_as_its_words():
    assert em(rag_width(report(row()))) == pytest.approx(1.3 + 0.62 * 5)
    # a long status name wraps between its words: the column holds its longest word
    long = em(rag_width(report(row(), row(LONG))))
    assert long < 1.3 + 0.62 * len(LONG.name)
    assert long >= 0.62 * len("Significantly")
    # never narrower than its heading's longest word
    assert em(rag_width(report(row()), "Latest performance (RAG)")) >= 0.62 * len("performance")


@pytest.mark.parametrize("paragraphs, tall", [
    (1, False), (3, False), (12, True), (30, True),
])
def test_only_rows_taller_than_a_fifth_of_a_page_may_break(paragraphs, tall):
    text = "\n".join(["A sentence of about sixty characters, as officers write them."]
                     * paragraphs)
    assert row_is_tall(row(commentary=text)) is tall


def test_height_grows_with_text_and_narrower_columns():
    text = ["word " * 60]
    assert text_height(text, 30) > text_height(text, 60) > text_height(["word"], 60)
    assert text_height(["x" * 2000], 58) > TALL_MM
