"""Compose the Appendix 1 scorecard (seed 001): outcome → theme → measures, each with a RAG.

Values carry a direction-of-travel arrow against the previous period in the workbook, and
groups roll up their members' statuses (`rate.roll_up`).
"""

from __future__ import annotations

from reportgen.compose import (
    benchmarking_flow, commentary_flow, format_number, portfolio, report_heading, target_text,
)
from reportgen.document import Flow, Group, Outcome, Properties, Scorecard, ScoreRow, StatusView, ValueCell
from reportgen.model import Measure, ReportSet
from reportgen.rate import UNAVAILABLE, Rating, directions, roll_up
from reportgen.text import read_flow

TITLE = "Appendix 1"
NO_THEME = "Other measures"
ARROWS = {"better": "↑", "worse": "↓", "same": "→"}


def has_themes(report_set: ReportSet) -> bool:
    """Return whether the set's measures are grouped by theme (so it gets a scorecard)."""
    return any(m.theme for m in report_set.measures)


def shown_periods(report_set: ReportSet) -> list[str]:
    """Return the last `Period columns` periods of the workbook."""
    return report_set.periods[-report_set.settings.period_columns:]


def value_cells(measure: Measure, periods: list[str]) -> tuple[ValueCell, ...]:
    found = directions(measure)
    cells = []
    for obs, direction in zip(measure.observations, found):
        if obs.period not in periods:
            continue
        if obs.number is None:
            cells.append(ValueCell("Data currently unavailable" if obs.unavailable else ""))
            continue
        cells.append(ValueCell(format_number(obs.number, measure.unit), ARROWS.get(direction),
                               direction))
    return tuple(cells)


def benchmarks(measure: Measure, typed: str | None) -> Flow:
    """Return the Benchmarks cell: typed text, else the figures; blank when there are none."""
    return benchmarking_flow(measure, typed) if typed or measure.benchmarks else ()


def compose_score_row(number: int, measure: Measure, rating: Rating, report_set: ReportSet,
                      periods: list[str], theme: dict[str, StatusView]) -> ScoreRow:
    words = report_set.commentary.get(measure.id)
    unavailable = rating.status == UNAVAILABLE
    return ScoreRow(
        number=number,
        measure_id=measure.id,
        measure=measure.name,
        polarity=measure.polarity.value if measure.polarity else "",
        data_period=measure.data_period or "",
        target="" if unavailable and measure.target is None else target_text(measure),
        values=() if unavailable else value_cells(measure, periods),
        unavailable=unavailable,
        status=theme[rating.status],
        benchmarks=benchmarks(measure, words.benchmarking if words else None),
        narrative=commentary_flow(words.commentary if words else None,
                                  words.actions if words else None,
                                  report_set.settings.actions_label)
        + (read_flow(words.value_note) if words and words.value_note else ()),
    )


def compose_scorecard(report_set: ReportSet, ratings: dict[str, Rating],
                      theme: dict[str, StatusView]) -> Scorecard:
    """Return the scorecard: outcomes and themes in workbook order, measures numbered 1..n."""
    periods = shown_periods(report_set)
    method = report_set.settings.roll_up
    tree: dict[str | None, dict[str, list[Measure]]] = {}
    for measure in report_set.measures:
        tree.setdefault(measure.outcome, {}).setdefault(measure.theme or NO_THEME, []).append(measure)
    number, outcomes = 0, []
    for outcome_name, themes in tree.items():
        groups = []
        for theme_name, measures in themes.items():
            rows = []
            for measure in measures:
                number += 1
                rows.append(compose_score_row(number, measure, ratings[measure.id], report_set,
                                              periods, theme))
            status = roll_up([ratings[m.id].status for m in measures], method)
            groups.append(Group(theme_name, theme.get(status), tuple(rows)))
        status = roll_up([g.status.name if g.status else None for g in groups], method)
        outcomes.append(Outcome(outcome_name, theme.get(status), tuple(groups)))
    return Scorecard(properties=scorecard_properties(report_set), title=TITLE,
                     heading=report_heading(report_set), periods=tuple(periods),
                     outcomes=tuple(outcomes), legend=scorecard_legend(report_set, theme))


def scorecard_properties(report_set: ReportSet) -> Properties:
    from reportgen.compose import compose_properties

    base = compose_properties(report_set, None)
    title = report_set.report.get("Title")
    name = portfolio(report_set)
    about = str(title) if title else (f"{name} Portfolio scorecard" if name else "Scorecard")
    return Properties(title=f"{TITLE} - {about}", author=base.author, subject=base.subject,
                      keywords=", ".join(x for x in ("scorecard", "performance", "RAG", name) if x),
                      language=base.language)


def scorecard_legend(report_set: ReportSet, theme: dict[str, StatusView]) -> tuple[str, ...]:
    from reportgen.compose import compose_legend

    method = report_set.settings.roll_up
    roll = ("A theme's RAG is the mean of its rated measures' scores (Green 1, Amber 2, Red 3), "
            "rounded half up; an outcome's is the same over its themes; None when nothing is "
            "rated." if method == "Mean" else
            "A theme's RAG is the worst status among its rated measures; an outcome's is the "
            "worst among its themes; None when nothing is rated.")
    arrows = ("Arrows compare each value with the previous period in the workbook, in "
              "performance terms: ↑ better, ↓ worse, → the same. Measures without a target have "
              "no arrows.")
    return compose_legend(report_set, theme) + (roll, arrows)
