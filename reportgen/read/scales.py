"""Percentages on one scale: a rating is never computed from a figure 100 times off.

Officers type a percentage as 93, as 93% or as 0.93 (a fraction, in a cell not formatted as a
percentage). A figure's scale is certain when the officer said it: a cell formatted as a
percentage, or text with a % sign ("0.5%", `Number.marked`). A plain figure of a % measure
between 0 and 1.5 may be a fraction, and is read by the company it keeps:

- every figure of the measure (values, target, benchmarks, baseline and next target) may be a fraction: they are all
  read as fractions (0.93 as 93%), and so is a tolerance below 1 (0.05 as 5 points), with a
  warning naming the cells;
- when every other figure is about 100 times larger (0.845 among 82 and 85), the build stops
  with an error naming the cell, because either reading of it publishes something wrong: a % sign or a
  percentage format says which it is;
- otherwise (0.5 beside 2 and 3) it is what it says.
"""

from __future__ import annotations

import statistics
from dataclasses import replace
from decimal import Decimal

from reportgen.errors import Problems, cells_text
from reportgen.model import Measure, Number

MAYBE_FRACTION = Decimal("1.5")  # a plain figure at most this may be a fraction (150%)
APART = 30  # figures this many times apart, across 1.5, are on different scales


def check_scales(measures: list[Measure], problems: Problems) -> None:
    """Read each % measure's fractions as fractions, stop on mixed scales, and warn about
    percentages below 0% or above 100%."""
    for measure in measures:
        if measure.is_percentage:
            figures = _figures(measure)
            if _all_fractions(figures):
                _read_as_fractions(measure, figures, problems)
            else:
                _check_mixed(figures, problems)
                _check_fraction_tolerance(measure, problems)
            _check_range(_figures(measure), problems)


def _figures(measure: Measure) -> list[tuple[str, Number]]:
    """Return the measure's figures, labelled as messages name them: values, target,
    benchmarks (the tolerance is a difference, so not a figure)."""
    ident = measure.id
    figures = [(f"value for {ident} in {o.period}", o.number)
               for o in measure.observations if o.number is not None]
    if measure.target is not None:
        figures.append((f"target of {ident}", measure.target))
    figures += [(f"{name} benchmark of {ident}", n) for name, n in measure.benchmarks.items()]
    figures += [(f"{label} of {ident}", n) for label, n in (
        ("baseline", measure.baseline), ("next target", measure.next_target)) if n is not None]
    return figures


def may_be_fraction(number: Number) -> bool:
    return not number.marked and 0 < abs(number.value) <= MAYBE_FRACTION


def _all_fractions(figures: list[tuple[str, Number]]) -> bool:
    shown = [n for _, n in figures if n.value]
    return bool(shown) and all(may_be_fraction(n) for n in shown)


def as_percent(number: Number) -> Number:
    """Return a fraction (0.935) as the percentage it means (93.5, two decimals fewer)."""
    value = number.value * 100
    value = value.normalize() if value == value.to_integral() else value
    return replace(number, value=value, decimals=max(number.decimals - 2, 0))


def _read_as_fractions(measure: Measure, figures: list, problems: Problems) -> None:
    measure.observations = [replace(o, number=as_percent(o.number))
                            if o.number is not None and o.number.value else o
                            for o in measure.observations]
    if measure.target is not None and measure.target.value:
        measure.target = as_percent(measure.target)
    measure.benchmarks = {name: as_percent(n) if n.value else n
                          for name, n in measure.benchmarks.items()}
    if measure.baseline is not None and measure.baseline.value:
        measure.baseline = as_percent(measure.baseline)
    if measure.next_target is not None and measure.next_target.value:
        measure.next_target = as_percent(measure.next_target)
    tolerance = measure.tolerance
    said = ""
    if not tolerance.marked and 0 < tolerance.value < 1:
        measure.tolerance = as_percent(tolerance)
        said = f"; tolerance {_plain(tolerance.value)} as {_plain(measure.tolerance.value)} points"
    elif tolerance.value:
        said = f"; tolerance {_plain(tolerance.value)} stays {_plain(tolerance.value)} points"
    shown = [n for _, n in figures if n.value]
    first = shown[0]
    problems.warning(
        f"{measure.id} is a % measure whose figures are all between 0 and 1.5 in cells not "
        f"formatted as percentages ({_places(shown)}), so they are read as fractions: "
        f"{_plain(first.value)} as {_plain(first.value * 100)}%{said}",
        "if that is right, nothing to do (format the cells as percentages to say so); if they "
        f"really are percentages below 1.5%, type them with a % sign ({_plain(first.value)}%)",
        first.where)


def _check_mixed(figures: list[tuple[str, Number]], problems: Problems) -> None:
    others = [abs(n.value) for _, n in figures if n.value and not may_be_fraction(n)]
    if not others:
        return
    reference, nearest = statistics.median(others), min(others)
    for label, number in figures:
        if may_be_fraction(number) and _apart(number.value, nearest):
            shown = _plain(number.value)
            problems.error(
                f"{label} reads as {shown}%, about 100 times smaller than the measure's "
                f"other figures (about {_plain(reference)}%): a fraction among percentages",
                f"if it is a fraction, type {_plain(number.value * 100)}% (or format the cell "
                f"as a percentage); if it really is {shown}%, type it with the % sign "
                f"({shown}%)", number.where)


def _check_fraction_tolerance(measure: Measure, problems: Problems) -> None:
    """Warn of a plain tolerance below 1 beside a target formatted as a percentage: 0.05
    beside 24% is read as 0.05 points (Green from 23.95%), where 5% was most likely meant."""
    tolerance, target = measure.tolerance, measure.target
    if target is not None and target.marked and not tolerance.marked and \
            0 < tolerance.value < 1:
        shown = _plain(tolerance.value)
        problems.warning(
            f"tolerance {shown} of {measure.id}, beside a target formatted as a percentage "
            f"({_plain(target.value)}%), is read as {shown} percentage points",
            f"if it means {_plain(tolerance.value * 100)}%, type {_plain(tolerance.value * 100)}%"
            " (or format the cell as a percentage); if it is right, type it with a % sign "
            f"({shown}%)", tolerance.where)


def _apart(value: Decimal, reference: Decimal) -> bool:
    value = abs(value)
    return value <= MAYBE_FRACTION < reference and reference / value >= APART


def _check_range(figures: list[tuple[str, Number]], problems: Problems) -> None:
    for label, number in figures:
        if number.value < 0 or number.value > 100:
            problems.warning(f"{label} is {_plain(number.value)}%, "
                             f"{'below 0%' if number.value < 0 else 'above 100%'}",
                             "check the value; a cell formatted as a percentage shows 95 "
                             "as 9500%, so type 95% or 0.95 there", number.where)


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _places(numbers: list[Number]) -> str:
    """Return the cells of `numbers` by sheet: "Outturns C2, D2; Measures J2"."""
    by_sheet: dict[str, list[str]] = {}
    for number in numbers:
        if number.where.cell:
            by_sheet.setdefault(number.where.sheet or "", []).append(number.where.cell)
    return "; ".join(f"{sheet} {cells_text(cells)}".strip() for sheet, cells in by_sheet.items())
