"""The colour palette check: every text and graphic colour pair of the theme, the
stylesheet and the charts against WCAG contrast."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from reportgen.accessibility.common import (GRAPHIC_CONTRAST, PAGE_BACKGROUND, TEXT_CONTRAST,
                                           Finding)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """Return the WCAG relative luminance of a hex colour ("0B0C0C", "#fd0")."""
    hex_digits = colour.lstrip("#")
    if len(hex_digits) == 3:
        hex_digits = "".join(c * 2 for c in hex_digits)
    if not re.fullmatch(r"[0-9a-fA-F]{6}", hex_digits):
        raise ValueError(f"not a hex colour: {colour!r}")
    r, g, b = (int(hex_digits[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """Return the WCAG contrast ratio of two hex colours (1 to 21)."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


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


CSS_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
CSS_VAR = re.compile(r"var\(\s*(--[\w-]+)\s*\)")
CSS_HEX = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")


def _css_rules(css: str) -> list[tuple[str, dict[str, str]]]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules = []
    for selector, body in CSS_RULE.findall(css):
        declarations = {}
        for declaration in body.split(";"):
            if ":" in declaration:
                name, value = declaration.split(":", 1)
                declarations[name.strip().lower()] = value.strip()
        rules.append((" ".join(selector.split()), declarations))
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
        if selector == ":root" or selector.startswith("@"):
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
