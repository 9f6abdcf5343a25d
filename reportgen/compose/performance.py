"""Compose the document model from a rated report set: what each document says, in order.

Nothing here knows about DOCX, HTML or PDF; renderers walk what this returns.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from reportgen.document import (
    Block, Chart, Count, Flow, Part, PerformanceReport, Properties, Row, Run, StatusView, Table,
    plain,
)
from reportgen.compose.dates import format_date
from reportgen.model import Measure, Number, ReportSet
from reportgen.compose.draft import draft_benchmarking, repeats_unit
from reportgen.compose.units import shown_unit
from reportgen.rate.rules import MONITOR, UNAVAILABLE, Rating
from reportgen.schemes import Scheme, StatusDef
from reportgen.text import read_flow

GOOD_TITLE = "Key areas of good performance"
LOWER_TITLE = "All areas of lower than expected performance (Red or Amber)"
UNRATED_TITLE = "Measures without a RAG"
UNAVAILABLE_TEXT = "Data currently unavailable"
NO_BENCHMARKS = "Benchmarking information is not currently available."


def status_view(status: StatusDef) -> StatusView:
    key = re.sub(r"[^a-z0-9]+", "-", status.name.casefold()).strip("-")
    return StatusView(status.name, status.symbol, key, status.colour, status.text)


def status_views(report_set: ReportSet) -> dict[str, StatusView]:
    """Return how each status the set can show is drawn: its schemes' statuses (the set's own
    scheme first), then Monitor and Unavailable."""
    palette = report_set.palette
    views: dict[str, StatusView] = {}
    used = [report_set.settings.scheme] + [m.scheme for m in report_set.measures if m.scheme]
    for name in dict.fromkeys(used):
        for status in report_set.schemes[name].statuses:
            views.setdefault(status.name, status_view(status))
    for status in (palette.monitor, palette.unavailable):
        views.setdefault(status.name, status_view(status))
    return views


def format_number(number: Number, unit: str | None) -> str:
    """Return `number` as published: its decimals, then "%" or the unit's label (none for a
    count's "Number": `shown_unit`)."""
    unit = shown_unit(unit)
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
        # "100% (5% tolerance)", "426 days (20 days tolerance)"; another unit is said once:
        # "450 per 10,000 (5 tolerance)".
        each = measure.unit if repeats_unit(measure.unit) else None
        return f"{text} ({format_number(measure.tolerance, each)} tolerance)"
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


def typed_label(text: str, label: str) -> str | None:
    """Return the actions label the officer typed at the start of `text`, as typed
    ("Improvement Actions:", seed 002's singular "Improvement Action"), or None.

    It is the label's words (any case, singular or plural) followed by a colon, or by a new
    sentence: "Actions taken in Q2 …" is prose, not a label."""
    words = label.strip().rstrip(":").strip()
    if not words:
        return None
    stem = re.escape(words[:-1] if words.endswith("s") else words)
    found = re.match(rf"\s*{stem}s?(?::|(?=\s+(?-i:[A-Z0-9]))|$)", text, re.IGNORECASE)
    return found.group() if found else None


def bold_label(block: Block, label: str) -> Block | None:
    """Return `block` with the actions label it opens with in bold (kept as typed), or None
    when it does not open with one."""
    if not block.runs or block.runs[0].bold:
        return block if block.runs and typed_label(block.runs[0].text, label) else None
    first = block.runs[0]
    typed = typed_label(first.text, label)
    if typed is None:
        return None
    rest = first.text[len(typed):]
    runs = (replace(first, text=typed.strip(), bold=True),) + (
        (replace(first, text=rest),) if rest else ()) + block.runs[1:]
    return replace(block, runs=runs)


def commentary_flow(commentary: str | None, actions: str | None, label: str) -> Flow:
    """Return the Commentary cell: the commentary, then the actions introduced by `label`.

    A label the officer typed, in the actions or opening a commentary paragraph, is kept as
    typed and set in bold like the one added, so every row looks the same (seed 002 prints
    "Improvement Actions" and "Improvement Actions:")."""
    flow = [bold_label(b, label) or b for b in read_flow(commentary)]
    action_blocks = list(read_flow(actions))
    if action_blocks:
        first = action_blocks[0]
        own = bold_label(first, label) if first.kind == "paragraph" else None
        lead = own or Block((Run(label, bold=True), Run(" ")) + first.runs, first.kind,
                            first.level)
        if own is None and first.kind != "paragraph":
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


def override_note(rating: Rating) -> Flow:
    """Return the sentence that makes an officer's override visible in every output."""
    if not rating.override_reason:
        return ()
    return (Block((Run(f"Rated {rating.status} by the service: ", bold=True),
                   Run(f"{rating.override_reason} (calculated: {rating.computed_status})"))),)


def tolerance_names(report_set: ReportSet, measure: Measure) -> tuple[str, str, str] | None:
    """Return the status names of a tolerance scheme (for the drafted note), else None."""
    scheme = report_set.scheme_of(measure)
    if scheme.rule != "tolerance" or len(scheme.statuses) != 3:
        return None
    return tuple(s.name for s in scheme.statuses)


def drafted_benchmarking(report_set: ReportSet, measure: Measure, rating: Rating,
                         typed: str | None) -> tuple[Flow, bool]:
    """Return the Benchmarking cell and whether it was drafted (the officer left it blank)."""
    if typed:
        return read_flow(typed), False
    if not rating.is_rated and not measure.benchmarks:
        return plain(NO_BENCHMARKS), False
    paragraphs = draft_benchmarking(measure, rating, tolerance_names(report_set, measure))
    return tuple(Block((Run(p),)) for p in paragraphs), True


def compose_row(number: int, measure: Measure, rating: Rating, report_set: ReportSet,
                theme: dict[str, StatusView]) -> Row:
    words = report_set.commentary.get(measure.id)
    benchmarking, drafted = drafted_benchmarking(report_set, measure, rating,
                                                 words.benchmarking if words else None)
    return Row(
        number=number,
        measure_id=measure.id,
        measure=measure.name,
        target=target_text(measure),
        position=position_text(measure, rating),
        position_note=override_note(rating)
        + position_note(report_set, rating, words.value_note if words else None),
        status=theme[rating.status],
        benchmarking=benchmarking,
        commentary=commentary_flow(words.commentary if words else None,
                                   words.actions if words else None,
                                   report_set.settings.actions_label),
        drafted=("benchmarking",) if drafted else (),
    )


def compose_part(name: str | None, measures: list[Measure], ratings: dict[str, Rating],
                 report_set: ReportSet, theme: dict[str, StatusView]) -> Part:
    """Return one service area's counts, chart and tables: good best first, lower worst first
    (Red before Amber), each in workbook order within a status; numbering per table."""
    def order(m: Measure) -> int:
        return report_set.scheme_of(m).order(ratings[m.id].status) or 0

    def section(key: str | None, worst_first: bool = False) -> list[Measure]:
        chosen = [m for m in measures if ratings[m.id].section == key]
        return sorted(chosen, key=lambda m: -order(m) if worst_first else order(m))

    tables = []
    for key, title, chosen in (("good", GOOD_TITLE, section("good")),
                               ("lower", LOWER_TITLE, section("lower", worst_first=True)),
                               ("unrated", UNRATED_TITLE, section(None))):
        if not chosen and key == "unrated":
            continue
        rows = tuple(compose_row(i, m, ratings[m.id], report_set, theme)
                     for i, m in enumerate(chosen, start=1))
        caption = f"{name}: {title}" if name else title
        tables.append(Table(key, title, rows, caption))
    shown = [s.name for s in report_set.schemes[report_set.settings.scheme].statuses]
    shown += [r.status for r in (ratings[m.id] for m in measures)
              if r.is_rated and r.status not in shown]
    counts = tuple(Count(theme[name], sum(ratings[m.id].status == name for m in measures))
                   for name in dict.fromkeys(shown))
    rated = sum(ratings[m.id].is_rated for m in measures)
    unavailable = sum(ratings[m.id].status == UNAVAILABLE for m in measures)
    where = f" in {name}" if name else ""
    alt = (f"Bar chart of the {rated} measures with a RAG{where}: "
           + ", ".join(f"{c.status.name} {c.count}" for c in counts) + ".")
    chart = Chart(f"Measures by RAG status{where}", counts, alt)
    return Part(name, rated, unavailable, chart, tuple(tables))


def _percent(fraction: Decimal) -> str:
    return f"{(fraction * 100).normalize():f}%"


def rule_legend(scheme: Scheme, band: Decimal) -> tuple[str, ...]:
    """Return the plain-English meaning of each status of `scheme`, with its numbers."""
    if scheme.rule == "none":
        return (f"Measures rated under '{scheme.name}' are not rated: they show as Monitor.",)
    best, middle, worst = (status_view(s).label for s in scheme.statuses)
    band_text = _percent(scheme.band if scheme.band is not None else band)
    if scheme.rule == "tolerance":
        return (f"{best}: at or better than the tolerance target (the target less its tolerance, "
                "on the side that is worse).",
                f"{middle}: worse than the tolerance target by no more than {band_text} of it.",
                f"{worst}: worse than the tolerance target by more than {band_text} of it.")
    if scheme.rule == "compound":
        versus = ("the previous period" if scheme.comparator == "Previous period"
                  else "the same period last year")
        return (f"{best}: at or better than the tolerance target, or worse by no more than "
                f"{band_text} of it.",
                f"{middle}: further from the target, but improved on or the same as {versus}.",
                f"{worst}: further from the target and worse than {versus}, or with no value "
                "to compare with.")
    if scheme.rule == "thresholds":
        g, a = (f"{x.normalize():f}" for x in (scheme.green_from, scheme.amber_from))
        return (f"{best}: {g} or better (at least {g} when High is good, at most {g} when Low "
                "is good).",
                f"{middle}: {a} or better, but not {g}.",
                f"{worst}: worse than {a}.")
    return (f"{best}: better than the target by more than its tolerance.",
            f"{middle}: within the tolerance either side of the target.",
            f"{worst}: worse than the target by more than its tolerance.")


ARROW_LEGEND = {
    "Previous period": "Arrows compare with the previous period: ↑ better, ↓ worse, → the same.",
    "Same period last year": "Arrows compare with the same period last year: ↑ better, ↓ worse, "
                             "→ the same.",
    "Both": "Arrows compare with the previous period and then the same period last year: "
            "↑ better, ↓ worse, → the same.",
}


def compose_legend(report_set: ReportSet, theme: dict[str, StatusView],
                   ratings: dict[str, Rating] | None = None) -> tuple[str, ...]:
    """Return the legend: each scheme in use, with its numbers, then Monitor and Unavailable."""
    used = [report_set.settings.scheme] + [m.scheme for m in report_set.measures if m.scheme]
    lines: list[str] = []
    for name in dict.fromkeys(used):
        scheme = report_set.schemes[name]
        lead = [] if len(set(used)) == 1 else [f"Scheme '{name}':"]
        lines += lead + list(rule_legend(scheme, report_set.settings.amber_band))
    lines += [f"{theme[MONITOR].label}: no target; reported for information.",
              f"{theme[UNAVAILABLE].label}: no value for the period yet."]
    if ratings and any(r.override_reason for r in ratings.values()):
        lines.append("A status marked 'rated … by the service' was set by the service, for the "
                     "reason given; the calculated status is shown beside it.")
    return tuple(lines)


def compose_performance_report(report_set: ReportSet, ratings: dict[str, Rating]
                               ) -> PerformanceReport:
    """Return the portfolio performance report: one part per service area, in workbook order."""
    areas: dict[str | None, list[Measure]] = {}
    for measure in report_set.measures:
        areas.setdefault(measure.service_area, []).append(measure)
    theme = status_views(report_set)
    parts = tuple(compose_part(name, ms, ratings, report_set, theme) for name, ms in areas.items())
    period = reporting_period(report_set, ratings)
    return PerformanceReport(properties=compose_properties(report_set, period),
                             heading=report_heading(report_set), period=period, parts=parts,
                             legend=compose_legend(report_set, theme, ratings))


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

