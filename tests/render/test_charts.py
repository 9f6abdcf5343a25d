"""Tests for reportgen.render.charts: every text of a chart is drawn as the officer typed it."""

from __future__ import annotations

import pytest
from lxml import etree

from reportgen.document import Chart, Count, StatusView
from reportgen.render.charts import chart_svg

# Text matplotlib would read as mathtext or markup: "$x$" in italics, "$5 and $6" run together,
# "$\frac{1}{2}$" a fraction, an unbalanced "\frac" inside dollars a crash.
MATH_TEXTS = ["$x$", r"$\frac{1}{2}$", r"costs $5 and $6", r"$\frac{1}{2$ left open",
              r"line\nbreak", "a_{}b", "x^2 and ^", "<b>bold</b>", r"$\alpha_{i}^{2}$ %"]


def svg_texts(svg: str) -> list[str]:
    """Return the text of every <text> element of `svg` (charts use svg.fonttype 'none')."""
    root = etree.fromstring(svg.encode("utf-8"))
    return ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]


@pytest.mark.parametrize("typed", MATH_TEXTS)
def test_titles_and_status_names_are_drawn_as_typed(typed):
    status = StatusView(f"Green {typed}", "★", "green", "00703C", "FFFFFF")
    chart = Chart(f"Measures by RAG status in {typed}", (Count(status, 3),), "alt text")
    texts = svg_texts(chart_svg(chart))
    assert f"Measures by RAG status in {typed}" in texts
    assert f"★ Green {typed}" in texts


def test_benchmarks_at_the_same_value_are_one_line_with_one_label():
    """Seed 003's "% repeat referrals": Stat. neighbours and National are both 23.4%; two
    lines drawn one on the other would show one and list both in the legend."""
    from decimal import Decimal

    from reportgen.document import Trend
    from reportgen.render.charts import reference_lines

    trend = Trend("% repeat referrals", "%", (("Apr 2014", Decimal(35), "35.0%"),
                                              ("May 2014", Decimal(29), "29.0%")),
                  (Decimal(25), "25.0%"),
                  (("Stat. neighbours", Decimal("23.4"), "23.4%"),
                   ("South East", Decimal("28.1"), "28.1%"),
                   ("National", Decimal("23.4"), "23.4%")), "alt")
    lines = reference_lines(trend)
    assert [(" ".join(label.split()), value) for label, value in lines] == [
        ("Target 25.0%", Decimal(25)), ("Stat. neighbours and National 23.4%", Decimal("23.4")),
        ("South East 28.1%", Decimal("28.1"))]
    drawn = " ".join(svg_texts(chart_svg(trend)))
    assert "National 23.4%" in drawn and drawn.count("Stat. neighbours") == 1
