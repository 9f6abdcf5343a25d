"""Fit tables to their text: how wide the RAG column must be for its words, and which rows of
a performance table or scorecard are tall enough to be let break across printed pages.

Both are estimates from character counts, made before layout (the PDF body is laid out once):
Arial averages about half an em a character, bold about 0.6 em. They only choose between
layouts that are all correct; the browser test (tests/render/test_text_fits.py) checks that
no word runs out of its cell, whatever these say.
"""

from __future__ import annotations

import math

from reportgen.document import Row, ScoreRow, StatusView

BOLD_EM = 0.62     # average width of a bold Arial character, in em
SYMBOL_EM = 1.3    # a status symbol (★ ● ■ □ ○, drawn from a fallback font) and its space
RAG_MOST_EM = 8.0  # a longer status label wraps between its words rather than widen the column

# The performance table as report.css prints it (A4 portrait, 7.9 pt text, line-height 1.4):
# the printed widths of its long-text columns in mm (keep in step with report.css), the
# width of an average character and a line's height. A fifth of the page's text area
# (297 mm less 34 mm of margins) is the height above which a row may break across pages.
COLUMN_MM = {"measure": 27.0, "position": 17.0, "benchmarking": 42.0, "commentary": 58.0}
PADDING_MM = 2.6
CHAR_MM = 1.45
LINE_MM = 3.9
PARAGRAPH_MM = 1.6
TALL_MM = (297 - 34) / 5
# The scorecard (A4 landscape, 7.5 pt text): its long-text columns in mm (Narrative gets what
# is left of 273 mm beside five periods), and a fifth of its text area (210 mm less 26 mm).
SCORE_COLUMN_MM = {"measure": 42.0, "benchmarks": 32.0, "narrative": 55.0}
SCORE_SCALE = 7.5 / 7.9  # characters and lines against the performance table's 7.9 pt
SCORE_TALL_MM = (210 - 26) / 5


def shown_statuses(report) -> list[StatusView]:
    """Return the statuses a performance report's or scorecard's RAG column shows."""
    if hasattr(report, "outcomes"):
        return [row.status for outcome in report.outcomes for theme in outcome.themes
                for row in theme.rows]
    return [row.status for part in report.parts for table in part.tables for row in table.rows]


def rag_width(report, heading: str = "RAG") -> str:
    """Return the CSS width of `report`'s RAG column: its longest label on one line, or,
    past `RAG_MOST_EM`, its longest word (labels then wrap between words). The same in every
    table and chunk of the report, so its columns line up from page to page. It is never
    narrower than the longest word of its `heading` ("performance")."""
    names = [s.name for s in shown_statuses(report)] or [""]
    whole = max(SYMBOL_EM + BOLD_EM * len(name) for name in names)
    word = max(BOLD_EM * len(w) for name in names + [heading] for w in (name.split() or [""]))
    whole = max(whole, word)
    em = min(whole, max(word, SYMBOL_EM, RAG_MOST_EM))
    return f"calc({math.ceil(em * 10) / 10}em + .8rem)"  # rounded up: never too narrow


def text_height(paragraphs: list[str], width_mm: float, scale: float = 1.0) -> float:
    """Return the estimated printed height of `paragraphs` in a column `width_mm` wide, in mm
    (`scale`: the text's size against the performance table's)."""
    per_line = max(1, int((width_mm - PADDING_MM) / (CHAR_MM * scale)))
    lines = sum(max(1, math.ceil(len(text) / per_line)) for text in paragraphs)
    return (lines * LINE_MM + PARAGRAPH_MM * len(paragraphs)) * scale


def row_is_tall(row: Row | ScoreRow) -> bool:
    """Return whether `row` is likely taller than a fifth of a printed page: such a row may
    break across pages (its header row repeats); a shorter one is kept whole."""
    if isinstance(row, ScoreRow):
        return max(text_height([b.text for b in row.narrative], SCORE_COLUMN_MM["narrative"],
                               SCORE_SCALE),
                   text_height([b.text for b in row.benchmarks], SCORE_COLUMN_MM["benchmarks"],
                               SCORE_SCALE),
                   text_height([row.measure], SCORE_COLUMN_MM["measure"], SCORE_SCALE)
                   ) > SCORE_TALL_MM
    heights = (text_height([b.text for b in row.benchmarking], COLUMN_MM["benchmarking"]),
               text_height([b.text for b in row.commentary], COLUMN_MM["commentary"]),
               text_height([row.measure], COLUMN_MM["measure"]),
               text_height([row.position] + [b.text for b in row.position_note],
                           COLUMN_MM["position"]))
    return max(heights) > TALL_MM
