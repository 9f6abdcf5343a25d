"""The colour palette check: every text and graphic colour pair of the theme, the
stylesheet and the charts against WCAG contrast."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import tinycss2

from reportgen.accessibility.common import (GRAPHIC_CONTRAST, PAGE_BACKGROUND, TEXT_CONTRAST,
                                           Finding)
# The one WCAG 2 contrast function is the schemes' (which import nothing heavy: the scheme
# check uses it too); the accessibility package offers it under these names.
from reportgen.schemes import contrast as contrast_ratio
from reportgen.schemes import relative_luminance  # noqa: F401 (re-exported)


@dataclass(frozen=True)
class ColourPair:
    """A foreground drawn on a background somewhere in the outputs, and the ratio it needs."""

    where: str
    foreground: str
    background: str
    minimum: float

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.foreground, self.background)


def theme_pairs(template_dir: Path) -> list[ColourPair]:
    """Return the status colours of theme.toml: each `text` on its `colour` (4.5:1)."""
    data = tomllib.loads((template_dir / "theme.toml").read_text(encoding="utf-8"))
    return [ColourPair(f"theme.toml status {name}: text on colour", spec["text"], spec["colour"],
                       TEXT_CONTRAST) for name, spec in data.get("status", {}).items()]


# At-rules whose block holds style rules that apply in some condition: the palette check reads
# those rules as if the condition held. Every other at-rule is skipped whole: @font-face and
# @import, and @page with its margin boxes (the PDF's running header and footer, which hold
# declarations, not selectors).
CSS_GROUPING_RULES = {"media", "supports", "layer", "container"}
CSS_VAR = re.compile(r"var\(\s*(--[\w-]+)\s*\)")
CSS_HEX = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")


def _css_rules(css: str) -> list[tuple[str, dict[str, str]]]:
    """Return the style rules of `css` in order, each as its selector (whitespace collapsed)
    and its declarations (lower-case property: value, without `!important`), those inside
    @media and the other `CSS_GROUPING_RULES` included."""
    rules = []

    def read(nodes) -> None:
        for node in nodes:
            if node.type == "qualified-rule":
                declarations = {
                    item.lower_name: tinycss2.serialize(item.value).strip()
                    for item in tinycss2.parse_declaration_list(
                        node.content, skip_comments=True, skip_whitespace=True)
                    if item.type == "declaration"}
                rules.append((" ".join(tinycss2.serialize(node.prelude).split()), declarations))
            elif (node.type == "at-rule" and node.lower_at_keyword in CSS_GROUPING_RULES
                  and node.content is not None):
                read(tinycss2.parse_rule_list(node.content, skip_comments=True,
                                              skip_whitespace=True))

    read(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return rules


def css_pairs(css: str) -> list[ColourPair]:
    """Return the colour pairs a stylesheet draws.

    Text: a rule's `color` on its own `background` (else the white page); a rule's
    `background` under the inherited ink when it sets no `color`. Graphics (3:1 against what
    surrounds them): `outline`, `border*` and `box-shadow` colours against the rule's
    background, else the page. Custom properties resolve from `:root`.
    """
    rules = _css_rules(css)
    variables = {name: value for selector, declarations in rules if selector == ":root"
                 for name, value in declarations.items() if name.startswith("--")}

    def colours(value: str) -> list[str]:
        value = CSS_VAR.sub(lambda m: variables.get(m.group(1), m.group(0)), value)
        return [m.group(1) for m in CSS_HEX.finditer(value)]

    ink = next((colours(d["color"])[0] for s, d in rules if s == "html" and "color" in d),
               "0B0C0C")
    pairs = []
    for selector, declarations in rules:
        if selector == ":root":
            continue
        background = next((colours(declarations[k])[0] for k in ("background", "background-color")
                           if k in declarations and colours(declarations[k])), None)
        foreground = colours(declarations["color"]) if "color" in declarations else []
        if foreground:
            pairs.append(ColourPair(f"report.css {selector}: text", foreground[0],
                                    background or PAGE_BACKGROUND, TEXT_CONTRAST))
        elif background:
            pairs.append(ColourPair(f"report.css {selector}: text on background", ink,
                                    background, TEXT_CONTRAST))
        for name, value in declarations.items():
            if name.startswith(("outline", "border", "box-shadow")) and name != "border-collapse":
                for colour in colours(value):
                    pairs.append(ColourPair(f"report.css {selector}: {name}", colour,
                                            PAGE_BACKGROUND, GRAPHIC_CONTRAST))
    return pairs


def svg_pairs(svg: str, where: str) -> list[ColourPair]:
    """Return a chart's strokes (bar outlines, axes, ticks) against the white page (3:1).
    Fills are not listed: every bar has an outline, a count and a labelled status under it,
    so its colour never identifies it on its own."""
    return [ColourPair(f"{where}: stroke", stroke, PAGE_BACKGROUND, GRAPHIC_CONTRAST)
            for stroke in dict.fromkeys(re.findall(r"stroke:\s*#([0-9a-fA-F]{6})", svg))]


def palette_findings(template_dir: Path) -> list[Finding]:
    """Return every colour pair of theme.toml and report.css below its WCAG minimum."""
    css = (template_dir / "report.css").read_text(encoding="utf-8")
    return [Finding(pair.where.split(" ", 1)[0], "contrast",
                    f"{pair.where}: #{pair.foreground.lstrip('#')} on "
                    f"#{pair.background.lstrip('#')} is {pair.ratio:.2f}:1, below "
                    f"{pair.minimum}:1")
            for pair in theme_pairs(template_dir) + css_pairs(css) if pair.ratio < pair.minimum]
