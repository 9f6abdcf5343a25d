"""Turn a `ReportSet` into one `Rating` per measure, under each measure's scheme.

`rules` holds the rules (tolerance and amber band, compound, thresholds, around-target,
none), overrides, directions of travel and the scorecard's roll-up; it imports the model only.
"""

from __future__ import annotations

from reportgen.errors import Problem
from reportgen.model import ReportSet
from reportgen.rate.rules import UNAVAILABLE, Context, Rating, override, rate_measure


def rate_report_set(report_set: ReportSet) -> dict[str, Rating]:
    """Return every measure's rating by ID under its scheme, with officers' overrides applied."""
    settings = report_set.settings
    ctx = Context(report_set.periods, settings.reporting_period, settings.amber_band,
                  settings.no_change_margin)
    ratings = {}
    for measure in report_set.measures:
        scheme = report_set.scheme_of(measure)
        rating = rate_measure(measure, scheme, ctx)
        words = report_set.commentary.get(measure.id)
        if words and words.rag_override and words.override_reason and rating.status != \
                UNAVAILABLE and scheme.find(words.rag_override):
            rating = override(rating, scheme, words.rag_override, words.override_reason)
        ratings[measure.id] = rating
    return ratings


def rating_warnings(report_set: ReportSet, ratings: dict[str, Rating]) -> list[Problem]:
    """Return a warning for every rating that could not use all of its rule (e.g. no
    comparison value for a compound rule)."""
    return [Problem("warning", f"measure {m.id}: {w}; it is rated {ratings[m.id].status}",
                    "add the value for the comparison period to Outturns", m.where)
            for m in report_set.measures for w in ratings[m.id].warnings]


def stale_positions(report_set: ReportSet, ratings: dict[str, Rating]) -> list[Problem]:
    """Warn, once for the set, when measures have no value for the reporting period and
    report an earlier period's value instead (a report titled with the new quarter that
    shows last quarter's figures, because they were not typed yet)."""
    period = report_set.settings.reporting_period or last_period_with_values(report_set)
    earlier = [(m, ratings[m.id].period) for m in report_set.measures
               if ratings[m.id].period not in (None, period)]
    if not earlier:
        return []
    shown = ", ".join(f"{m.id} ({when})" for m, when in earlier[:8])
    more = f" and {len(earlier) - 8} more" if len(earlier) > 8 else ""
    total = len(report_set.measures)
    return [Problem("warning", f"{len(earlier)} of {total} measure{'s' * (total != 1)} have "
                    f"no value for {period}, so they report an earlier period's: {shown}{more}",
                    f"type their {period} values in Outturns (or n/a where there is none), "
                    "or set the Reporting period in Settings if the report is for an earlier "
                    "period", earlier[0][0].where)]


def last_period_with_values(report_set: ReportSet) -> str | None:
    """The reporting period when Settings leave it blank: the last with any value."""
    typed = {o.period for m in report_set.measures for o in m.observations
             if o.number is not None or o.unavailable}
    return next((p for p in reversed(report_set.periods) if p in typed), None)
