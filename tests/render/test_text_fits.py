"""Text that fits (issue 14): in headless Chromium, no table cell's text runs outside its cell,
in each sample's HTML edition and in a portfolio with long units ("days per 100,000",
"Number", five-digit values, tolerances), on screen at 320, 800 and 1280 CSS px (a table
narrower than its columns need scrolls in its own region) and as printed (print
media at the PDF's text width: 182 mm portrait, 273 mm for the landscape scorecard and dashboard). Short
cells wrap between words only: "(5% tolerance)" never breaks inside "tolerance".

Chromium is found as in tests/accessibility/test_browser.py; without it these tests skip
(except under CI).
"""

from __future__ import annotations

import json

import pytest

from reportgen import accessibility as a11y
from reportgen.pipeline import build_set
from tests.accessibility.test_browser import chromium  # noqa: F401 (a fixture)
from tests.accessibility.test_outputs import SETS, built_samples, files  # noqa: F401
from tests.conftest import measure, write_set

MM = 96 / 25.4  # CSS px per mm
PRINT_WIDTHS = {"portrait": round(182 * MM), "landscape": round(273 * MM)}
SCREEN_WIDTHS = (a11y.REFLOW_WIDTH, 800, a11y.DESKTOP_WIDTH)  # a phone, a tablet, a desktop

# Each cell whose content is wider than the cell, or one of whose text lines reaches past
# the cell's edge (a visually hidden cell or span, a screen reader's, is clipped to 1 px and skipped); and each
# word of a short cell broken across lines (two line boxes of one word).
OVERFLOWS = """(() => {
  const found = [];
  const name = cell => (cell.closest('tr') && cell.closest('tr').id || '') + ' ' +
    cell.textContent.trim().slice(0, 40);
  for (const cell of document.querySelectorAll('td, th')) {
    if (!cell.getClientRects().length || cell.closest('caption, .visually-hidden')) continue;
    const box = cell.getBoundingClientRect();
    if (cell.scrollWidth > cell.clientWidth + 1) {
      found.push('wider than its cell: ' + name(cell));
      continue;
    }
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.visually-hidden')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        if (rect.width && (rect.right > box.right + 0.5 || rect.left < box.left - 0.5)) {
          found.push('runs out of its cell: ' + name(cell));
        }
      }
    }
  }
  for (const cell of document.querySelectorAll('td.short, td.rag, td.no')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) found.push('breaks the word ' + word[0] + ': ' + name(cell));
      }
    }
  }
  return JSON.stringify([...new Set(found)]);
})()"""

PRINT = "window.matchMedia('print').matches"


def overflows(browser, path, width: int, media: str = "") -> list[str]:
    """Return what runs outside its cell in `path` laid out `width` CSS px wide."""
    browser.call("Emulation.setEmulatedMedia", {"media": media})
    browser.viewport(width)
    browser.open(path)
    assert browser.evaluate(PRINT) == (media == "print")
    return json.loads(browser.evaluate(OVERFLOWS))


def check(browser, kind: str, path) -> list[str]:
    """Return every overflow of one HTML edition on screen and as printed."""
    printed = PRINT_WIDTHS["landscape" if kind in ("appendix-scorecard", "dashboard")
                           else "portrait"]
    found = [f"screen at {width} px: {x}" for width in SCREEN_WIDTHS
             for x in overflows(browser, path, width)]
    found += [f"print: {x}" for x in overflows(browser, path, printed, "print")]
    return found


@pytest.fixture(scope="module")
def long_units(tmp_path_factory):
    """A portfolio whose units are long and whose values are wide: a scorecard (themes) and a
    performance report, with tolerances in those units."""
    root = tmp_path_factory.mktemp("long-units")
    extra = {"Theme": "Demand", "Outcome": "Safe children",
             "Data_period": "Cumulative (year to date)"}
    folder = write_set(root / "long", [
        measure("L1", "Rate of days lost to sickness", unit="days per 100,000", target=450,
                tolerance=5, polarity="Low", **extra),
        measure("L2", "Number of contacts", unit="Number", target=12000, tolerance=500,
                **extra),
        measure("L3", "Average days from entering care to adoption", unit="days", target=426,
                tolerance=20, polarity="Low", Stat_neighbours=510, England=520, **extra),
        measure("L4", "Rate of children in need", unit="per 10,000 children", target=None,
                polarity=None, **extra),
        measure("L5", "% seen", target=100, tolerance=5, **{**extra, "Theme": "Quality"}),
    ], {"L1": [430.25, 470.5, 455.75], "L2": [11234, 12345, 11999],
        "L3": [430, 445, 498], "L4": [345.6, 351.2, 360.9], "L5": [95, 96, 94]},
        periods=("Q4 2017/18", "Q1 2018/19", "Q2 2018/19"))
    result = build_set(folder, root / "out")
    assert result.ok, [p.describe() for p in result.problems]
    return root / "out" / "long"


def html_files(folder):
    manifest = json.loads((folder / "manifest.json").read_text())
    return [(d["kind"], folder / d["files"]["html"]) for d in manifest["documents"]
            if "html" in d["files"]]


@pytest.mark.parametrize("name", SETS)
def test_no_text_runs_outside_its_cell_in_the_samples(built_samples, chromium, name):
    found = [f"{path.name}: {x}" for kind, path in files(built_samples, name, "html")
             for x in check(chromium, kind, path)]
    assert found == []


def test_long_units_fit_their_cells(long_units, chromium):
    pages = html_files(long_units)
    assert {kind for kind, _ in pages} >= {"performance-report", "appendix-scorecard"}
    text = " ".join(path.read_text() for _, path in pages)
    assert "days per 100,000" in text and "Number" not in text.replace("Number of", "")
    found = [f"{path.name}: {x}" for kind, path in pages for x in check(chromium, kind, path)]
    assert found == []


def test_the_check_finds_text_that_runs_out_and_broken_words(chromium, tmp_path):
    """Guard against a check that passes because it checks nothing."""
    page = tmp_path / "narrow.html"
    page.write_text('<!DOCTYPE html><html lang="en-GB"><head><title>t</title></head><body>'
                    '<table style="table-layout:fixed;width:200px"><tr>'
                    '<td style="width:40px">12345678901234567890</td>'
                    '<td class="short" style="width:40px;overflow-wrap:anywhere">'
                    '(5% tolerance)</td><td>fine</td></tr></table></body></html>')
    found = overflows(chromium, page, 800)
    assert any(x.startswith("wider than its cell: ") and "1234" in x for x in found)
    assert any(x.startswith("breaks the word tolerance)") for x in found)
