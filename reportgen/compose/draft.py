"""Draft the formulaic sentences of seeds 000 and 002 when an officer leaves a cell blank.

The first sentences of the Benchmarking and Commentary cells follow from the numbers
(DOMAIN.md, "Wording that follows from the numbers"). What the officer typed always wins;
the manifest lists what was drafted so an author can review it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from reportgen.compose.units import shown_unit
from reportgen.model import Measure, Number, Polarity
from reportgen.rate.rules import Rating

TIME_UNITS = {"day", "days", "week", "weeks", "month", "months", "hour", "hours", "year",
              "years"}
PLACES = {"Statistical Neighbours": "our Statistical Neighbours", "England": "England",
          # England's regions as a sentence names them (a file of published statistics, or
          # the Region setting, gives the council's)
          **{region: f"the {region}" for region in (
              "North East", "North West", "East Midlands", "West Midlands", "East of England",
              "South East", "South West")}}


def number_text(value: Decimal, unit: str | None, decimals: int | None = None) -> str:
    """Return `value` with its unit (none for a count: `shown_unit`), keeping only the
    decimals it needs (85.5, 95, 0.04), or exactly `decimals`."""
    unit = shown_unit(unit)
    if decimals is None:
        value = value.normalize()
        text = f"{value:f}"
    else:
        text = f"{value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP):f}"
    if unit == "%":
        return f"{text}%"
    return f"{text} {_counted(unit, text)}" if unit else text


def _counted(unit: str, text: str) -> str:
    """A time unit as the number says it: "1 day", "3 days", whichever the officer typed."""
    if unit.casefold() not in TIME_UNITS:
        return unit
    if text == "1":
        return unit[:-1] if unit.casefold().endswith("s") else unit
    return unit if unit.casefold().endswith("s") else unit + "s"


def repeats_unit(unit: str | None) -> bool:
    """Return whether every number of a sentence carries `unit`: "%" and time ("11% below
    the tolerance target of 86%", "3 days longer"); any other unit ("per 10,000") is said
    once, after the target ("430 is 20 below the target of 450 per 10,000")."""
    shown = shown_unit(unit)
    return shown == "%" or (shown or "").casefold() in TIME_UNITS


def value_text(measure: Measure, value: Number) -> str:
    """Return the value that opens a drafted sentence: as published, its unit only when
    the sentence repeats it (`repeats_unit`)."""
    unit = measure.unit if repeats_unit(measure.unit) else None
    return number_text(value.value, unit, value.decimals)


def target_decimals(measure: Measure) -> int:
    """Return the decimals of the (tolerance) target as typed: "82%" has none, so it never
    reads "82.000%" beside a value published with three."""
    parts = [n.decimals for n in (measure.target, measure.tolerance) if n is not None]
    return max(parts, default=0)


def draft_distance(measure: Measure, rating: Rating) -> str | None:
    """Return "is 11% below the tolerance target of 86%" (or "is on…", "is above…"): the
    target with its own decimals, the gap with the value's."""
    if rating.tolerance_target is None or rating.value is None or measure.polarity is None:
        return None
    kind = "tolerance target" if measure.tolerance.value else "target"
    tt, value = rating.tolerance_target, rating.value.value
    each = measure.unit if repeats_unit(measure.unit) else None
    target = number_text(tt, measure.unit, target_decimals(measure))
    if value == tt:
        return f"is on the {kind} of {target}"
    higher = value > tt
    side = "above" if higher else "below"
    better = higher == (measure.polarity is Polarity.HIGH)
    if better:
        return f"is {side} the {kind} of {target}"
    gap = number_text(abs(value - tt), each, rating.value.decimals)
    return f"is {gap} {side} the {kind} of {target}"


def _relation(value: Number, other: Number, unit: str | None,
              polarity: Polarity | None) -> tuple[str, str]:
    """Return (relation words, amount) comparing at the displayed precision. A percentage
    of a High-is-good measure is "performing above/below" (seed 000); of a Low-is-good one,
    where above is worse, "higher/lower than" (seed 000's repeat referrals), as other units."""
    dp = max(value.decimals, other.decimals)
    q = Decimal(1).scaleb(-dp)
    a, b = value.value.quantize(q), other.value.quantize(q)
    if a == b:
        return "in line with", ""
    if unit and unit.casefold() in TIME_UNITS:
        return ("longer than" if a > b else "shorter than"), number_text(abs(a - b), unit, dp)
    if unit == "%" and polarity is Polarity.HIGH:
        return ("above" if a > b else "below"), ""
    return ("higher than" if a > b else "lower than"), ""


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def draft_benchmarks(measure: Measure, value: Number | None) -> str | None:
    """Return "performing above our Statistical Neighbours (82%), the South East (72%) and
    England (77%)", grouping benchmarks by how the value compares; None without any."""
    if value is None or not measure.benchmarks:
        return None
    groups: dict[tuple[str, str], list[str]] = {}
    for name, number in measure.benchmarks.items():
        words, amount = _relation(value, number, measure.unit, measure.polarity)
        shown = f"{PLACES.get(name, name)} ({number_text(number.value, measure.unit, number.decimals)})"
        groups.setdefault((words, amount), []).append(shown)
    clauses = [f"{f'{amount} ' if amount else ''}{words} {_join(places)}"
               for (words, amount), places in groups.items()]
    lead = "performing " if all(w in ("above", "below", "in line with") for w, _ in groups) else ""
    return lead + _join(clauses)


def draft_note(measure: Measure, rating: Rating, names: tuple[str, str, str]) -> str | None:
    """Return the tolerance note: "Note: There is a 5% tolerance against the target of 100% to
    allow for exceptions (95-100% = Green, less than 95% = Amber, less than 85.5% = Red)."""
    if (measure.target is None or not measure.tolerance.value or rating.tolerance_target is None
            or rating.amber_band is None):
        return None
    # "%" and time units on every number (seed 000); another unit once, after the target.
    unit = measure.unit if repeats_unit(measure.unit) else None
    target, tt = measure.target.value, rating.tolerance_target
    tolerance = number_text(measure.tolerance.value, unit)
    reason = f" {measure.tolerance_note}" if measure.tolerance_note else ""
    green, amber, red = names
    if measure.polarity is Polarity.HIGH:
        red_from = number_text(tt * (1 - rating.amber_band), unit)
        bands = (f"{number_text(tt, None)}-{number_text(target, unit)} = {green}, less than "
                 f"{number_text(tt, unit)} = {amber}, less than {red_from} = {red}")
    else:
        red_from = number_text(tt * (1 + rating.amber_band), unit)
        bands = (f"{number_text(target, None)}-{number_text(tt, unit)} = {green}, more than "
                 f"{number_text(tt, unit)} = {amber}, more than {red_from} = {red}")
    return (f"Note: There is a {tolerance} tolerance against the target of "
            f"{number_text(target, measure.unit)}{reason} ({bands}).")


def draft_benchmarking(measure: Measure, rating: Rating,
                       names: tuple[str, str, str] | None) -> list[str]:
    """Return the drafted Benchmarking paragraphs: the distance and benchmark sentence, then
    the tolerance note (tolerance schemes only)."""
    position = value_text(measure, rating.value) if rating.value is not None else ""
    distance = draft_distance(measure, rating) if names else None
    bench = draft_benchmarks(measure, rating.value)
    if distance and bench:
        first = f"{position} {distance} and is {bench}."
    elif distance:
        first = f"{position} {distance}. Benchmarking information is not currently available."
    elif bench:
        first = f"{position} is {bench}."
    else:
        first = "Benchmarking information is not currently available."
    if bench and measure.benchmarks_imported and measure.benchmark_note:
        first += f" {measure.benchmark_note}"  # figures read from published statistics
    note = draft_note(measure, rating, names) if names else None
    return [first] + ([note] if note else [])
