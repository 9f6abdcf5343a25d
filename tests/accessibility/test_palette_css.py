"""The palette check reads report.css with a CSS parser (tinycss2), not a regular expression:
it reports real selectors only (never an @page block's declarations or margin boxes), reads
the rules inside @media, and still finds every colour pair of the stylesheet."""

from __future__ import annotations

import re

from reportgen.accessibility.colour import _css_rules, css_pairs
from reportgen.render import TEMPLATES

REPORT_CSS = (TEMPLATES / "report.css").read_text(encoding="utf-8")

# The pairs the regular-expression reader found in report.css before the parser replaced it
# (21). The parser must still find each of them; add, never drop, when the stylesheet grows.
PAIRS_BEFORE = {
    "report.css html: text", "report.css .skip:focus: text", "report.css a:focus: text",
    "report.css a:focus: outline", "report.css h2: border-bottom", "report.css .meta: text",
    "report.css .table-wrap:focus: outline", "report.css th, td: border",
    "report.css thead th: text on background", "report.css td.green: text",
    "report.css td.amber: text", "report.css td.red: text", "report.css td.monitor: text",
    "report.css td.unavailable: text", "report.css a: text", "report.css .badge: border",
    "report.css .badge.green: text", "report.css .badge.amber: text",
    "report.css .badge.red: text", "report.css .confidential: border",
    "report.css table.cover th: text on background",
}
# A declaration ("size: A4", "margin: 16mm") where a selector should be; a pseudo-class
# (a:focus, :not(...)) has no space after its colon.
DECLARATION = re.compile(r"[\w-]+\s*:\s+\S")


def bogus(selector: str) -> bool:
    return bool("@" in selector or set(selector) & set(";{}") or DECLARATION.search(selector))


def test_report_css_yields_only_real_selectors():
    selectors = [selector for selector, _ in _css_rules(REPORT_CSS)]
    assert selectors and not [s for s in selectors if bogus(s)]
    assert {"a:focus", ".numbered > :not(.para-heading), .intro", "td.green"} <= set(selectors)
    # the rules inside @media print and @media (max-width: 40rem) are read too
    assert {"thead", "table.inline th, table.inline td", "article.scorecard"} <= set(selectors)
    for _, declarations in _css_rules(REPORT_CSS):
        assert all(re.fullmatch(r"--[\w-]+|[a-z-]+", name) for name in declarations)
    assert [where for where in (p.where for p in css_pairs(REPORT_CSS)) if bogus(
        where.removeprefix("report.css ").rsplit(": ", 1)[0])] == []


def test_report_css_still_gives_every_pair_it_gave_before():
    pairs = css_pairs(REPORT_CSS)
    assert PAIRS_BEFORE <= {p.where for p in pairs}
    assert len(pairs) >= len(PAIRS_BEFORE)


def test_page_blocks_and_their_margin_boxes_yield_no_rule():
    css = """
    @page { size: A4 portrait; margin: 16mm 14mm 18mm;
            @bottom-center { content: "Page " counter(page); color: #777; }
            @top-left { content: string(doctitle); color: #383f43; } }
    @media print { @page landscape { size: A4 landscape; }
                   .p { color: #aaa; } }
    @font-face { font-family: X; src: url(x.woff2); }
    h1 { color: #111; }
    """
    assert _css_rules(css) == [(".p", {"color": "#aaa"}), ("h1", {"color": "#111"})]
    assert [p.where for p in css_pairs(css)] == ["report.css .p: text", "report.css h1: text"]


def test_declarations_are_read_as_css_reads_them():
    css = """
    :root { --Ink: #0b0c0c; --pale: #aaaaaa; }
    /* a comment { .not-a-rule { color: #fff } } */
    .a /* between */ .b { COLOR: var(--pale) !important; /* note */ background: #000; }
    .c { content: "a; b: c { }"; border: 1px solid var(--pale) }
    @supports (display: grid) { @media screen { .d { color: #fff; background: #fff; } } }
    """
    rules = dict(_css_rules(css))
    assert list(rules) == [":root", ".a .b", ".c", ".d"]
    assert rules[".a .b"] == {"color": "var(--pale)", "background": "#000"}
    assert rules[".c"] == {"content": '"a; b: c { }"', "border": "1px solid var(--pale)"}
    found = {(p.where, p.foreground, p.background) for p in css_pairs(css)}
    assert found == {("report.css .a .b: text", "aaaaaa", "000"),
                     ("report.css .c: border", "aaaaaa", "FFFFFF"),
                     ("report.css .d: text", "fff", "fff")}
