"""Compose the Appendix 1 scorecard (seed 001): outcome → theme → measures, each with a RAG.

Values carry a direction-of-travel arrow against the value before it in the workbook (a
period the scorecard does not show, too), or the arrow the service typed in the Arrows sheet,
and groups roll up their members' statuses (`rate.roll_up`).

Seed 001's arrows, read back against its figures (tests/compose/test_scorecard.py counts
them): ↑ better, ↓ worse, → the same, in performance terms, but against the month before each
quarter-end column, which the seed does not print. Its Jun and Sep arrows agree with the
quarter-on-quarter change 27 times in 34; the 7 others (97% → 97% printed ↑, 99% → 95% printed
→) and all 17 Mar 2016 arrows stand against months the seed lacks. ↘ (row 10 Jun, row 11 Mar)
and ↔ (row 27 Mar) are printed 3 times, each against a month not printed; no rule explains
them: row 10's 90% → 85% (Jun against Mar) is a fall like row 11's 93% → 90%, printed ↓, and
the rows' statuses (Red, Amber, Red) and targets differ. They print as typed, with no meaning
claimed.
"""

from __future__ import annotations

from reportgen.compose.performance import (
    ARROW_LEGEND, benchmarking_flow, commentary_flow, compose_legend, compose_properties,
    format_number, override_note, portfolio, report_heading, status_view, status_views,
    target_text,
)
from reportgen.document import Flow, Group, Outcome, Properties, Scorecard, ScoreRow, StatusView, ValueCell
from reportgen.model import Measure, ReportSet
from reportgen.read.contract import ARROW_SYMBOLS
from reportgen.rate.rules import (
    UNAVAILABLE, Rating, compare, directions, roll_up, same_period_last_year, value_at,
)
from reportgen.text import read_flow

TITLE = "Appendix 1"
NO_THEME = "Other measures"
ARROWS = {"better": "↑", "worse": "↓", "same": "→"}
MEANINGS = {arrow: direction for direction, arrow in ARROWS.items()}
NO_MEANING = "arrow as published, meaning not stated"  # ↘, ↔ (seed 001): no rule explains them


def has_themes(report_set: ReportSet) -> bool:
    """Return whether the set's measures are grouped by theme (so it gets a scorecard)."""
    return any(m.theme for m in report_set.measures)


def shown_periods(report_set: ReportSet) -> list[str]:
    """Return the periods `Period columns` names, else the last `Period columns` of the
    workbook."""
    settings = report_set.settings
    return list(settings.shown_periods) or report_set.periods[-settings.period_columns:]


def _long(measure: Measure, obs, report_set: ReportSet) -> str | None:
    earlier = value_at(measure, same_period_last_year(obs.period, report_set.periods))
    if earlier is None or obs.number is None:
        return None
    return compare(obs.number.value, earlier, measure.polarity,
                   report_set.settings.no_change_margin)


def value_cells(measure: Measure, periods: list[str], report_set: ReportSet
                ) -> tuple[ValueCell, ...]:
    """Return the period cells with arrows per the `Direction comparator` setting."""
    comparator = report_set.settings.direction_comparator
    found = directions(measure, report_set.settings.no_change_margin)
    cells = []
    for obs, short in zip(measure.observations, found):
        if obs.period not in periods:
            continue
        if obs.number is None:
            cells.append(ValueCell("Data currently unavailable" if obs.unavailable else ""))
            continue
        if obs.arrow is not None:  # typed in the Arrows sheet, as published
            cells.append(published_cell(format_number(obs.number, measure.unit), obs.arrow))
            continue
        long = _long(measure, obs, report_set) if comparator != "Previous period" else None
        chosen = [d for d in ((short if comparator != "Same period last year" else None), long)
                  if d]
        arrow = "".join(ARROWS[d] for d in chosen) or None
        cells.append(ValueCell(format_number(obs.number, measure.unit), arrow,
                               ", ".join(chosen) or None))
    return tuple(cells)


def published_cell(text: str, arrow: str) -> ValueCell:
    """Return a value cell with the arrow the service typed ("": none)."""
    if not arrow:
        return ValueCell(text)
    return ValueCell(text, arrow, MEANINGS.get(arrow, NO_MEANING))


def typed_arrows(report_set: ReportSet) -> set[str]:
    """Return the arrows typed in the Arrows sheet on the values the scorecard shows."""
    periods = set(shown_periods(report_set))
    return {obs.arrow for m in report_set.measures for obs in m.observations
            if obs.arrow and obs.period in periods and obs.number is not None}


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
        values=() if unavailable else value_cells(measure, periods, report_set),
        unavailable=unavailable,
        status=theme[rating.status],
        benchmarks=benchmarks(measure, words.benchmarking if words else None),
        narrative=override_note(rating) + commentary_flow(words.commentary if words else None,
                                  words.actions if words else None,
                                  report_set.settings.actions_label)
        + (read_flow(words.value_note) if words and words.value_note else ()),
    )


def group_status(report_set: ReportSet, order: int | None) -> StatusView | None:
    """Return the status a rolled-up `order` stands for in the set's own scheme."""
    if order is None:
        return None
    statuses = report_set.schemes[report_set.settings.scheme].statuses or (
        report_set.palette.green, report_set.palette.amber, report_set.palette.red)
    return status_view(statuses[min(order, len(statuses)) - 1])


def compose_scorecard(report_set: ReportSet, ratings: dict[str, Rating]) -> Scorecard:
    """Return the scorecard: outcomes and themes in workbook order, measures numbered 1..n."""
    theme = status_views(report_set)
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
            order = roll_up([report_set.scheme_of(m).order(ratings[m.id].status)
                             for m in measures], method)
            groups.append(Group(theme_name, group_status(report_set, order), tuple(rows),
                                order))
        order = roll_up([g.order for g in groups], method)
        outcomes.append(Outcome(outcome_name, group_status(report_set, order), tuple(groups)))
    return Scorecard(properties=scorecard_properties(report_set), title=TITLE,
                     heading=report_heading(report_set), periods=tuple(periods),
                     outcomes=tuple(outcomes),
                     legend=scorecard_legend(report_set, theme, ratings))


def scorecard_properties(report_set: ReportSet) -> Properties:
    base = compose_properties(report_set, None)
    title = report_set.report.get("Title")
    name = portfolio(report_set)
    about = str(title) if title else (f"{name} Portfolio scorecard" if name else "Scorecard")
    return Properties(title=f"{TITLE} - {about}", author=base.author, subject=base.subject,
                      keywords=", ".join(x for x in ("scorecard", "performance", "RAG", name) if x),
                      language=base.language)


def scorecard_legend(report_set: ReportSet, theme: dict[str, StatusView],
                     ratings: dict[str, Rating]) -> tuple[str, ...]:
    method = report_set.settings.roll_up
    roll = ("A theme's RAG is the mean of its rated measures' scores (Green 1, Amber 2, Red 3), "
            "rounded half up; an outcome's is the same over its themes; None when nothing is "
            "rated." if method == "Mean" else
            "A theme's RAG is the worst status among its rated measures; an outcome's is the "
            "worst among its themes; None when nothing is rated.")
    comparator = report_set.settings.direction_comparator
    arrows = (("Arrows compare each value with the one before it in the workbook (which may be "
               "a period not shown), in performance terms: ↑ better, ↓ worse, → the same."
               if comparator ==
               "Previous period" else ARROW_LEGEND[comparator])
              + " Measures without a target have no arrows.")
    return compose_legend(report_set, theme, ratings) + (roll, arrows) + \
        published_legend(typed_arrows(report_set))


def published_legend(typed: set[str]) -> tuple[str, ...]:
    """Return the legend line for arrows the service typed, when there are any: they are
    printed as published, and those with no rule behind them (↘, ↔) say so."""
    if not typed:
        return ()
    odd = [a for a in ARROW_SYMBOLS if a in typed and a not in MEANINGS]
    return ("Some arrows are printed as the service published them (typed in the workbook's "
            "Arrows sheet), where the figures in the workbook cannot give them."
            + (f" {' and '.join(odd)} {'is' if len(odd) == 1 else 'are'} printed as "
               "published; no meaning is stated for "
               f"{'it' if len(odd) == 1 else 'them'}." if odd else ""),)
