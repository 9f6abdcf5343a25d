"""Rating schemes as data: statuses (name, symbol, colours, order, section) and a rule.

Councils rate differently (issue: rating schemes). A scheme names one built-in rule and its
parameters; its statuses are listed best first. Schemes live in `schemes.toml` beside the
workbooks (in the set folder, or in the folder holding the sets for all of them); the
seeds' scheme is the built-in `default`, so a set without a file keeps working.

```toml
[schemes.progress]
rule = "thresholds"          # tolerance | compound | thresholds | around-target | none
green_from = 85              # High is good: Green from 85, Amber from 50 (Low: up to)
amber_from = 50
statuses = [
  { name = "Green", symbol = "★", colour = "00703C", text = "FFFFFF", section = "good" },
  { name = "Amber", symbol = "●", colour = "FFBF47", text = "0B0C0C", section = "lower" },
  { name = "Red", symbol = "■", colour = "B10E1E", text = "FFFFFF", section = "lower" },
]
```
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from reportgen.errors import Problems, Where

RULES = ("tolerance", "compound", "thresholds", "around-target", "none")
SECTIONS = ("good", "lower", None)
COMPARATORS = ("Previous period", "Same period last year")
SCHEMES_FILE = "schemes.toml"


@dataclass(frozen=True)
class StatusDef:
    """How a status is named and drawn, and which report section it counts towards."""

    name: str
    symbol: str
    colour: str
    text: str
    section: str | None  # "good", "lower" or None


@dataclass(frozen=True)
class Scheme:
    """A rating scheme: a `rule` with its parameters and its rated `statuses`, best first."""

    name: str
    rule: str
    statuses: tuple[StatusDef, ...]
    band: Decimal | None = None  # tolerance and compound: None means the set's Amber band
    green_from: Decimal | None = None
    amber_from: Decimal | None = None
    comparator: str = "Same period last year"  # compound: what "improved" compares with
    description: str = ""
    source: str = "built in"

    def rank_status(self, rank: int) -> StatusDef:
        return self.statuses[rank]

    def find(self, name: str) -> StatusDef | None:
        wanted = name.strip().casefold()
        return next((s for s in self.statuses if s.name.casefold() == wanted), None)

    def order(self, name: str) -> int | None:
        """Return the 1-based order of status `name` (1 = best), or None if not rated here."""
        return next((i for i, s in enumerate(self.statuses, 1) if s.name == name), None)


@dataclass(frozen=True)
class Palette:
    """The fixed statuses every scheme shares: Monitor and Unavailable, from theme.toml."""

    green: StatusDef
    amber: StatusDef
    red: StatusDef
    monitor: StatusDef
    unavailable: StatusDef


def load_palette(template_dir: Path) -> Palette:
    data = tomllib.loads((template_dir / "theme.toml").read_text(encoding="utf-8"))["status"]

    def status(name, section):
        spec = data[name]
        return StatusDef(name, spec["symbol"], spec["colour"], spec["text"], section)

    return Palette(status("Green", "good"), status("Amber", "lower"), status("Red", "lower"),
                   status("Monitor", None), status("Unavailable", None))


def builtin_schemes(palette: Palette) -> dict[str, Scheme]:
    """Return the schemes every set can use without a schemes.toml."""
    rag = (palette.green, palette.amber, palette.red)
    return {
        "default": Scheme("default", "tolerance", rag, description=(
            "Tolerance target with an amber band (seeds 000-003)")),
        "compound": Scheme("compound", "compound", rag, description=(
            "Green within the amber band of the tolerance target; otherwise Amber if improved "
            "or maintained on the same period last year, Red if not")),
        "none": Scheme("none", "none", (), description="No rating: every measure is Monitor"),
    }


_HEX = re.compile(r"[0-9A-F]{6}")


def relative_luminance(colour: str) -> float:
    """Return the WCAG 2 relative luminance of a hex colour ("0B0C0C", "#fd0")."""
    hex_digits = colour.lstrip("#")
    if len(hex_digits) == 3:
        hex_digits = "".join(c * 2 for c in hex_digits)
    if not re.fullmatch(r"[0-9a-fA-F]{6}", hex_digits):
        raise ValueError(f"not a hex colour: {colour!r}")

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_digits[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(first: str, second: str) -> float:
    """Return the WCAG 2 contrast ratio of two hex colours (1 to 21). The project's one
    contrast function: the scheme check here and the palette check
    (reportgen.accessibility.colour, as `contrast_ratio`) both use it."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _decimal(value, where: Where, key: str, problems: Problems) -> Decimal | None:
    if value is None:
        return None
    try:
        text = str(value).strip()
        number = Decimal(text.removesuffix("%"))
        return number / 100 if text.endswith("%") and key == "band" else number
    except InvalidOperation:
        problems.error(f"{key} = {value!r} is not a number", f"write {key} as a number, e.g. 10%"
                       if key == "band" else f"write {key} as a number, e.g. 85", where)
        return None


def _statuses(name: str, spec: dict, rule: str, palette: Palette, where: Where,
              problems: Problems) -> tuple[StatusDef, ...]:
    if rule == "none":
        return ()
    raw = spec.get("statuses")
    if raw is None:
        return (palette.green, palette.amber, palette.red)
    found = []
    for i, item in enumerate(raw if isinstance(raw, list) else [], 1):
        missing = [k for k in ("name", "symbol", "colour") if not item.get(k)]
        if missing:
            problems.error(f"scheme '{name}' status {i} has no {', '.join(missing)}",
                           "give every status a name, a symbol and a colour (hex)", where)
            continue
        section = item.get("section", "lower" if i > 1 else "good")
        section = None if section in ("neither", "", None) else section
        if section not in SECTIONS:
            problems.error(f"scheme '{name}' status '{item['name']}' has section {section!r}",
                           "use section = \"good\", \"lower\" or \"neither\"", where)
        colour = str(item["colour"]).lstrip("#").upper()
        text = str(item.get("text", "0B0C0C")).lstrip("#").upper()
        if not (_HEX.fullmatch(colour) and _HEX.fullmatch(text)):
            problems.error(f"scheme '{name}' status '{item['name']}' has colour {colour!r} or "
                           f"text {text!r}, not a six-digit hex colour",
                           "write colours like \"00703C\"", where)
            continue
        if contrast(colour, text) < 4.5:
            problems.warning(f"scheme '{name}' status '{item['name']}': text #{text} on "
                             f"#{colour} has contrast {contrast(colour, text):.1f}:1, below "
                             "WCAG's 4.5:1", "choose a darker or lighter text colour", where)
        found.append(StatusDef(str(item["name"]), str(item["symbol"]), colour, text, section))
    if len(found) != 3:
        problems.error(f"scheme '{name}' lists {len(found)} statuses; rule '{rule}' needs 3 "
                       "(best first)", "list three statuses, best first", where)
    names = [s.name.casefold() for s in found]
    clash = {"monitor", "unavailable"} & set(names)
    if clash or len(set(names)) != len(names):
        problems.error(f"scheme '{name}' repeats a status name or uses a reserved one "
                       "(Monitor, Unavailable)", "give each status its own name", where)
    return tuple(found)


def read_schemes(path: Path, palette: Palette, problems: Problems) -> dict[str, Scheme]:
    """Return the schemes defined in the TOML file at `path`, validating every field."""
    where = Where(path.name)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        problems.error(f"{path.name} is not valid TOML ({exc})",
                       "fix the line it names (see the example in the README)", where)
        return {}
    schemes = {}
    for name, spec in (data.get("schemes") or {}).items():
        if not isinstance(spec, dict):
            continue
        rule = spec.get("rule")
        if rule not in RULES:
            problems.error(f"scheme '{name}' has rule {rule!r}",
                           "use one of: " + ", ".join(RULES), where)
            continue
        comparator = spec.get("comparator", "Same period last year")
        if comparator not in COMPARATORS:
            problems.error(f"scheme '{name}' has comparator {comparator!r}",
                           "use \"Previous period\" or \"Same period last year\"", where)
        scheme = Scheme(
            name=name, rule=rule,
            statuses=_statuses(name, spec, rule, palette, where, problems),
            band=_decimal(spec.get("band"), where, "band", problems),
            green_from=_decimal(spec.get("green_from"), where, "green_from", problems),
            amber_from=_decimal(spec.get("amber_from"), where, "amber_from", problems),
            comparator=comparator, description=str(spec.get("description", "")),
            source=path.name)
        if rule == "thresholds" and (scheme.green_from is None or scheme.amber_from is None):
            problems.error(f"scheme '{name}' (thresholds) needs green_from and amber_from",
                           "add e.g. green_from = 85 and amber_from = 50", where)
        schemes[name] = scheme
    return schemes


def available_schemes(folder: Path, palette: Palette, problems: Problems) -> dict[str, Scheme]:
    """Return built-in schemes, then those of `schemes.toml` beside the sets, then the set's own."""
    schemes = builtin_schemes(palette)
    for path in (folder.parent / SCHEMES_FILE, folder / SCHEMES_FILE):
        if path.is_file():
            schemes.update(read_schemes(path, palette, problems))
    return schemes


def scheme_files(folder: Path) -> list[Path]:
    return [p for p in (folder.parent / SCHEMES_FILE, folder / SCHEMES_FILE) if p.is_file()]


def apply_schemes(report_set, problems: Problems, template_dir: Path | None = None) -> None:
    """Attach the set's available schemes and check every name and override against them."""
    from reportgen.render import TEMPLATES

    palette = load_palette(template_dir or TEMPLATES)
    schemes = available_schemes(report_set.folder, palette, problems)
    report_set.schemes, report_set.palette = schemes, palette
    known = ", ".join(schemes)
    if report_set.settings.scheme not in schemes:
        problems.error(f"scheme '{report_set.settings.scheme}' is not defined (known: {known})",
                       f"name a scheme defined in {SCHEMES_FILE}, or leave the Scheme row out",
                       Where("outturns.xlsx", "Settings"))
        report_set.settings.scheme = "default"
    measures = {m.id: m for m in report_set.measures}
    for measure in report_set.measures:
        if measure.scheme and measure.scheme not in schemes:
            problems.error(f"measure {measure.id} names scheme '{measure.scheme}', which is not "
                           f"defined (known: {known})", f"correct the name or define it in "
                           f"{SCHEMES_FILE}", measure.where)
            measure.scheme = None
    for words in report_set.commentary.values():
        if not words.rag_override:
            if words.override_reason:
                problems.warning(f"an override reason for {words.id} but no RAG override",
                                 "type the status in 'RAG override', or clear the reason",
                                 words.at("Override reason"))
            continue
        scheme = report_set.scheme_of(measures[words.id])
        if scheme.find(words.rag_override) is None:
            names = ", ".join(s.name for s in scheme.statuses) or "none (it rates nothing)"
            problems.error(f"RAG override '{words.rag_override}' for {words.id} is not a status "
                           f"of scheme '{scheme.name}' ({names})", "type one of its statuses",
                           words.at("RAG override"))
        elif not words.override_reason:
            problems.error(f"RAG override for {words.id} has no reason",
                           "say in 'Override reason' why the service rates it differently",
                           words.at("Override reason"))
