"""Compose the document model from a rated report set: what each document says, in order.

Nothing here knows about DOCX, HTML or PDF; renderers walk what this returns.
"""

from __future__ import annotations

import tomllib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from reportgen.document import (
    Block, Chart, Count, Flow, Part, PerformanceReport, Properties, Row, Run, StatusView, Table,
    plain,
)
from reportgen.dates import format_date
from reportgen.model import Measure, Number, ReportSet
from reportgen.rate import AMBER, GREEN, MONITOR, RED, STATUSES, UNAVAILABLE, Rating
from reportgen.text import read_flow

GOOD_TITLE = "Key areas of good performance"
LOWER_TITLE = "All areas of lower than expected performance (Red or Amber)"
UNRATED_TITLE = "Measures without a RAG"
UNAVAILABLE_TEXT = "Data currently unavailable"
NO_BENCHMARKS = "Benchmarking information is not currently available."


def load_theme(template_dir: Path) -> dict[str, StatusView]:
    """Return how each status is shown, from `templates/theme.toml`."""
    data = tomllib.loads((template_dir / "theme.toml").read_text(encoding="utf-8"))
    return {name: StatusView(name, spec["symbol"], name.lower(), spec["colour"], spec["text"])
            for name, spec in data["status"].items() if name in STATUSES}


def format_number(number: Number, unit: str | None) -> str:
    """Return `number` as published: its decimals, then "%" or the unit's label."""
    quantum = Decimal(1).scaleb(-number.decimals)
    value = number.value.quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{value:f}"
    if text.startswith("-") and value == 0:
        text = text[1:]
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}" if unit else text


def target_text(measure: Measure) -> str:
    """Return the Target cell: "100% (5% tolerance)", "20%", or "Monitor"."""
    if measure.target is None:
        return MONITOR
    text = format_number(measure.target, measure.unit)
    if measure.tolerance.value:
        return f"{text} ({format_number(measure.tolerance, measure.unit)} tolerance)"
    return text


def position_text(measure: Measure, rating: Rating) -> str:
    if rating.value is None:
        return UNAVAILABLE_TEXT
    return format_number(rating.value, measure.unit)


def benchmarking_flow(measure: Measure, typed: str | None) -> Flow:
    """Return the Benchmarking cell: what the officer typed, else the benchmark figures."""
    if typed:
        return read_flow(typed)
    if not measure.benchmarks:
        return plain(NO_BENCHMARKS)
    figures = ", ".join(f"{name} {format_number(n, measure.unit)}"
                        for name, n in measure.benchmarks.items())
    note = f" {measure.benchmark_note}" if measure.benchmark_note else ""
    return plain(figures + note)


def commentary_flow(commentary: str | None, actions: str | None, label: str) -> Flow:
    """Return the Commentary cell: the commentary, then the actions introduced by `label`."""
    flow = list(read_flow(commentary))
    action_blocks = list(read_flow(actions))
    if action_blocks:
        first = action_blocks[0]
        lead = Block((Run(label, bold=True), Run(" ")) + first.runs, first.kind, first.level)
        if first.kind != "paragraph":
            flow.append(Block((Run(label, bold=True),)))
            flow.extend(action_blocks)
        else:
            flow.extend([lead] + action_blocks[1:])
    return tuple(flow)


def position_note(report_set: ReportSet, rating: Rating, typed: str | None) -> Flow:
    note = list(read_flow(typed))
    reporting = report_set.settings.reporting_period or (report_set.periods[-1]
                                                         if report_set.periods else None)
    if rating.period and rating.period != reporting:
        note.insert(0, Block((Run(f"Latest available: {rating.period}"),)))
    return tuple(note)


def reporting_period(report_set: ReportSet, ratings: dict[str, Rating]) -> str | None:
    """Return the period the report is for: the setting, else the last period with any value."""
    if report_set.settings.reporting_period:
        return report_set.settings.reporting_period
    used = {r.period for r in ratings.values() if r.period}
    return next((p for p in reversed(report_set.periods) if p in used), None)


def compose_row(number: int, measure: Measure, rating: Rating, report_set: ReportSet,
                theme: dict[str, StatusView]) -> Row:
    words = report_set.commentary.get(measure.id)
    return Row(
        number=number,
        measure_id=measure.id,
        measure=measure.name,
        target=target_text(measure),
        position=position_text(measure, rating),
        position_note=position_note(report_set, rating, words.value_note if words else None),
        status=theme[rating.status],
        benchmarking=benchmarking_flow(measure, words.benchmarking if words else None),
        commentary=commentary_flow(words.commentary if words else None,
                                   words.actions if words else None,
                                   report_set.settings.actions_label),
    )


def compose_part(name: str | None, measures: list[Measure], ratings: dict[str, Rating],
                 report_set: ReportSet, theme: dict[str, StatusView]) -> Part:
    """Return one service area's counts, chart and tables (Red before Amber; numbering per table)."""
    def pick(*statuses):
        return [m for s in statuses for m in measures if ratings[m.id].status == s]

    tables = []
    for key, title, chosen in (("good", GOOD_TITLE, pick(GREEN)),
                               ("lower", LOWER_TITLE, pick(RED, AMBER)),
                               ("unrated", UNRATED_TITLE, pick(MONITOR, UNAVAILABLE))):
        if not chosen and key == "unrated":
            continue
        rows = tuple(compose_row(i, m, ratings[m.id], report_set, theme)
                     for i, m in enumerate(chosen, start=1))
        caption = f"{name}: {title}" if name else title
        tables.append(Table(key, title, rows, caption))
    counts = tuple(Count(theme[s], len(pick(s))) for s in (GREEN, AMBER, RED))
    rated = sum(c.count for c in counts)
    unavailable = len(pick(UNAVAILABLE))
    where = f" in {name}" if name else ""
    alt = (f"Bar chart of the {rated} measures with a RAG{where}: "
           + ", ".join(f"{c.status.name} {c.count}" for c in counts) + ".")
    chart = Chart(f"Measures by RAG status{where}", counts, alt)
    return Part(name, rated, unavailable, chart, tuple(tables))


def compose_legend(report_set: ReportSet, theme: dict[str, StatusView]) -> tuple[str, ...]:
    band = report_set.settings.amber_band * 100
    band_text = f"{band.normalize():f}%"
    return (
        f"{theme[GREEN].label}: at or better than the tolerance target (the target less its "
        "tolerance, on the side that is worse).",
        f"{theme[AMBER].label}: worse than the tolerance target by no more than {band_text} of it.",
        f"{theme[RED].label}: worse than the tolerance target by more than {band_text} of it.",
        f"{theme[MONITOR].label}: no target; reported for information.",
        f"{theme[UNAVAILABLE].label}: no value for the period yet.",
    )


def compose_performance_report(report_set: ReportSet, ratings: dict[str, Rating],
                               theme: dict[str, StatusView]) -> PerformanceReport:
    """Return the portfolio performance report: one part per service area, in workbook order."""
    areas: dict[str | None, list[Measure]] = {}
    for measure in report_set.measures:
        areas.setdefault(measure.service_area, []).append(measure)
    parts = tuple(compose_part(name, ms, ratings, report_set, theme) for name, ms in areas.items())
    period = reporting_period(report_set, ratings)
    return PerformanceReport(properties=compose_properties(report_set, period),
                             heading=report_heading(report_set), period=period, parts=parts,
                             legend=compose_legend(report_set, theme))


def portfolio(report_set: ReportSet) -> str | None:
    return next((m.portfolio for m in report_set.measures if m.portfolio), None)


def report_heading(report_set: ReportSet) -> str | None:
    """Return "<Portfolio> Portfolio - <Portfolio holder>" when both are known (seed 002)."""
    name, holder = portfolio(report_set), report_set.report.get("Portfolio holder")
    return f"{name} Portfolio - {holder}" if name and holder else None


def compose_properties(report_set: ReportSet, period: str | None) -> Properties:
    report = report_set.report
    name = portfolio(report_set)
    default = " ".join(x for x in (f"{name} Portfolio" if name else None, "performance report",
                                   period) if x)
    # The Report sheet's Title names the meeting item (the cabinet paper), not this report.
    title = default[0].upper() + default[1:]
    subject = " ".join(x for x in (str(report.get("Committee") or ""),
                                   format_date(report["Meeting date"]) if report.get("Meeting date")
                                   else "") if x) or f"Performance report {period or ''}".strip()
    keywords = ", ".join(x for x in ("performance", "RAG", name, period) if x)
    return Properties(title=title, author=str(report.get("Author") or ""), subject=subject,
                      keywords=keywords)

