"""Compose the monthly dashboard (seed 003): blocks in the order the Dashboard sheet gives.

A success measures table (measure, baseline, a column per month, the benchmarks, current
outturn, target and RAG, next year's target), comparison tables (a measure's latest value
beside its benchmarks, each with its own period, then the measure's words), the officers'
own words and plain tables (light markup), and a trend chart per success measure with a
series to draw, its words beneath.

Without a Dashboard sheet the dashboard is the success measures table of every measure and
their charts. A Success measures block with a blank Measures cell holds every measure no
other block names; a sheet without one gets one at the end for them, so no measure is left
out. Charts follow the last success measures table unless a Charts block places them.
"""

from __future__ import annotations

from reportgen.compose.markup import parse_markup
from reportgen.compose.performance import (
    benchmarking_flow, commentary_flow, compose_legend, compose_properties, format_number,
    override_note, portfolio, report_heading, reporting_period, status_views,
)
from reportgen.compose.scorecard import shown_periods
from reportgen.document import (
    Charts, Comparison, Dashboard, DashRow, Figure, Flow, Properties, SuccessTable, Trend,
    TrendItem, Words, plain,
)
from reportgen.model import BENCHMARKS, DashboardRow, Measure, Number, ReportSet
from reportgen.rate.rules import MONITOR, Rating
from reportgen.read.contract import CHARTS_BLOCK, COMPARISON_BLOCK, SUCCESS_BLOCK
from reportgen.text import read_flow

TITLE = "Dashboard"
SUCCESS_TITLE = "Success measures"
CHARTS_TITLE = "Trends"
NATIONAL = "National"  # seed 003 heads England's figures so
NEIGHBOURS = "Stat. neighbours"
UNAVAILABLE = "n/a"


def has_dashboard(report_set: ReportSet) -> bool:
    return bool(report_set.dashboard)


def compose_dashboard(report_set: ReportSet, ratings: dict[str, Rating]) -> Dashboard:
    rows = list(report_set.dashboard or ())
    listed = {mid for row in rows if row.block != CHARTS_BLOCK for mid in row.measures}
    if not any(r.block == SUCCESS_BLOCK and not r.measures for r in rows):
        if any(m.id not in listed for m in report_set.measures):
            rows.append(DashboardRow(SUCCESS_BLOCK, (), None, None))
    successes = [r for r in rows if r.block == SUCCESS_BLOCK]
    if not any(r.block == CHARTS_BLOCK for r in rows) and successes:
        rows.insert(rows.index(successes[-1]) + 1, DashboardRow(CHARTS_BLOCK, (), None, None))
    by_id = {m.id: m for m in report_set.measures}
    views = status_views(report_set)
    periods = shown_periods(report_set)
    in_success = []
    for row in successes:
        ids = row.measures or [m.id for m in report_set.measures if m.id not in listed]
        in_success.append([by_id[mid] for mid in ids])
    blocks, tables = [], iter(in_success)
    for row in rows:
        if row.block == SUCCESS_BLOCK:
            measures = next(tables)
            if measures:  # a table with no rows (all compared elsewhere) is left out
                blocks.append(success_table(row, measures, report_set, ratings, views,
                                            periods))
        elif row.block == COMPARISON_BLOCK:
            blocks.append(comparison(row, by_id[row.measures[0]], report_set, ratings[
                row.measures[0]], views))
        elif row.block == CHARTS_BLOCK:
            measures = [m for table in in_success for m in table]
            drawn = set(row.measures) or {m.id for m in measures}
            items = tuple(item for m in measures if (item := trend_item(
                m, report_set, ratings[m.id], periods, m.id in drawn)) is not None)
            if items:
                blocks.append(Charts(row.title or CHARTS_TITLE, items))
        else:
            blocks.append(Words(row.title, parse_markup(row.text)))
    period = reporting_period(report_set, ratings)
    return Dashboard(properties=dashboard_properties(report_set, period),
                     title=f"{TITLE}: {period}" if period else TITLE,
                     heading=report_heading(report_set) or portfolio(report_set),
                     blocks=tuple(blocks), legend=compose_legend(report_set, views, ratings))


def region_of(measure: Measure) -> str | None:
    """The key of the measure's regional figure in `Measure.benchmarks` (the Region setting's
    name for a typed figure, the file's for an imported one), if it has one."""
    return next((k for k in measure.benchmarks if k not in (BENCHMARKS[0], BENCHMARKS[2])),
                None)


def region_name(report_set: ReportSet) -> str:
    """The region the set's benchmark column is headed with: the first measure's that has
    one, else the Region setting."""
    return next((r for m in report_set.measures if (r := region_of(m))),
                report_set.settings.region)


def figures_of(measure: Measure, region: str) -> list[tuple[str, Number | None]]:
    """The measure's (column head, figure) for Stat. neighbours, its region and National; a
    regional figure for another region than `region` (the column's) is named beside it."""
    own = region_of(measure)
    head = region if own in (None, region) else own
    return [(NEIGHBOURS, measure.benchmarks.get(BENCHMARKS[0])),
            (head, measure.benchmarks.get(own) if own else None),
            (NATIONAL, measure.benchmarks.get(BENCHMARKS[2]))]


def heads(report_set: ReportSet) -> tuple[str, str, str]:
    """The benchmark columns as seed 003 heads them: Stat. neighbours, the region, National."""
    return NEIGHBOURS, region_name(report_set), NATIONAL


def _shown(number: Number | None, unit: str | None) -> str:
    return format_number(number, unit) if number is not None else ""


def success_table(row: DashboardRow, measures: list[Measure], report_set: ReportSet,
                  ratings: dict[str, Rating], views, periods: list[str]) -> SuccessTable:
    settings = report_set.settings
    region = region_name(report_set)
    title = row.title or SUCCESS_TITLE
    names = columns = heads(report_set)
    dated = {m.benchmark_period for m in measures if m.benchmarks}
    shared = len(dated) == 1 and None not in dated  # one period for every figure: say it once
    if shared:
        names = tuple(f"{name} {next(iter(dated))}" for name in names)
    body = []
    for m in measures:
        rating = ratings[m.id]
        cells = {o.period: o for o in m.observations}
        values = tuple(_shown(cells[p].number, m.unit) if p in cells and cells[p].number
                       else UNAVAILABLE if p in cells and cells[p].unavailable else ""
                       for p in periods)
        body.append(DashRow(
            measure_id=m.id, measure=m.name, baseline=_shown(m.baseline, m.unit), values=values,
            benchmarks=tuple(_dated(number, m, not shared, head if head != column else None)
                             for column, (head, number) in zip(columns,
                                                               figures_of(m, region))),
            outturn=_shown(rating.value, m.unit),
            target=_shown(m.target, m.unit) if m.target is not None else MONITOR,
            status=views[rating.status], next_target=_shown(m.next_target, m.unit)))
    return SuccessTable(title, settings.baseline_label, tuple(periods), names,
                        settings.next_target_label, tuple(body),
                        f"{title}: baseline, values by month, benchmarks, current outturn, "
                        "target and RAG, and next year's target",
                        tuple(f"{m.name}: {m.benchmark_note}" for m in measures
                              if m.benchmark_note))


def _dated(number: Number | None, measure: Measure, dated: bool, region: str | None) -> str:
    """A benchmark figure, with its period when the table's figures are not all for one, and
    its `region` when that is not the column's."""
    text = _shown(number, measure.unit)
    if text and dated and measure.benchmark_period:
        text += f" ({measure.benchmark_period})"
    return f"{text} ({region})" if text and region else text


def comparison(row: DashboardRow, measure: Measure, report_set: ReportSet,
               rating: Rating, views) -> Comparison:
    """The measure's latest value, named after the authority, then each benchmark it has,
    each with its period (the Benchmark period, else blank); a measure with a target also
    shows it and its RAG (the dashboard shows it nowhere else)."""
    figures = [Figure(report_set.settings.authority_name, rating.period or "",
                      _shown(rating.value, measure.unit) or UNAVAILABLE)]
    for head, number in figures_of(measure, region_of(measure) or region_name(report_set)):
        if number is not None:
            figures.append(Figure(head, measure.benchmark_period or "",
                                  _shown(number, measure.unit)))
    rated = measure.target is not None or rating.override_reason  # a status to show
    return Comparison(row.title or measure.name, measure.id, tuple(figures),
                      measure_words(measure, report_set, rating)
                      + plain(measure.benchmark_note),  # the figures' source or period
                      _shown(measure.target, measure.unit) or MONITOR if rated else None,
                      views[rating.status] if rated else None)


def measure_words(measure: Measure, report_set: ReportSet, rating: Rating) -> Flow:
    """Every word the Commentary sheet holds for `measure`: an override's reason, the
    commentary and actions, the value note and typed benchmarking."""
    words = report_set.commentary.get(measure.id)
    if words is None:
        return override_note(rating)
    return (override_note(rating)
            + commentary_flow(words.commentary, words.actions, report_set.settings.actions_label)
            + (read_flow(words.value_note) if words.value_note else ())
            + (benchmarking_flow(measure, words.benchmarking) if words.benchmarking else ()))


def trend_item(measure: Measure, report_set: ReportSet, rating: Rating, periods: list[str],
               draw: bool) -> TrendItem | None:
    """The measure's chart (when `draw` and it has two or more values in `periods`) and its
    words; None when it has neither."""
    drawn = measure_trend(measure, report_set, periods) if draw else None
    words = measure_words(measure, report_set, rating)
    if drawn is None and not words:
        return None
    return TrendItem(measure.id, measure.name, drawn, words)


def measure_trend(measure: Measure, report_set: ReportSet, periods: list[str]) -> Trend | None:
    cells = {o.period: o.number for o in measure.observations}
    points = tuple((p, cells[p].value if cells.get(p) else None, _shown(cells.get(p), measure.unit))
                   for p in periods)
    shown = [(p, text) for p, value, text in points if value is not None]
    if len(shown) < 2:
        return None
    target = ((measure.target.value, _shown(measure.target, measure.unit))
              if measure.target is not None else None)
    references = tuple((head, number.value, _shown(number, measure.unit))
                       for head, number in figures_of(measure, region_of(measure) or "")
                       if number is not None)
    alt = (f"Line chart of {measure.name}, {shown[0][0]} to {shown[-1][0]}: "
           + ", ".join(f"{p} {text}" for p, text in shown) + "."
           + (f" Target {target[1]}." if target else "")
           + "".join(f" {name} {text}." for name, _, text in references))
    return Trend(measure.name, measure.unit, points, target, references, alt)


def dashboard_properties(report_set: ReportSet, period: str | None) -> Properties:
    base = compose_properties(report_set, period)
    name = portfolio(report_set)
    title = " ".join(x for x in (f"{name} dashboard" if name else TITLE, period) if x)
    return Properties(title=title, author=base.author, subject=base.subject,
                      keywords=", ".join(x for x in ("dashboard", "performance", "RAG", name,
                                                     period) if x),
                      language=base.language)
