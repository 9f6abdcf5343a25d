"""Check a composed set loses nothing and leaves nothing unexplained, before it is written.

Every measure and every commentary row read must reach a document, or a problem names it;
a measure in the "lower than expected" section (Red or Amber) without commentary would be
published without the explanation members expect, so it is named too.
"""

from __future__ import annotations

from reportgen.compose.manifest import positions
from reportgen.document import Dashboard, PerformanceReport, Scorecard
from reportgen.model import ReportSet
from reportgen.errors import Problem, Where
from reportgen.rate.rules import Rating

COMMENTARY_FILE, COMMENTARY_SHEET = "commentary.xlsx", "Commentary"


def _short(text: str, width: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[:width - 1] + "…"


def check_explained(report_set: ReportSet, ratings: dict[str, Rating]) -> list[Problem]:
    """Return a warning for each Red or Amber measure with no commentary and no actions."""
    problems = []
    for measure in report_set.measures:
        rating = ratings[measure.id]
        words = report_set.commentary.get(measure.id)
        if rating.section != "lower" or (words and (words.commentary or words.actions)):
            continue
        where = words.where if words else Where(COMMENTARY_FILE, COMMENTARY_SHEET)
        fix = ("fill in its Commentary and Actions cells in that row, saying why and what is "
               "being done" if words else
               f"add a row for {_short(measure.id)} in {COMMENTARY_FILE}, sheet "
               f"'{COMMENTARY_SHEET}', saying why and what is being done")
        problems.append(Problem(
            "warning", f"measure {_short(measure.id)} is {rating.status} but has no commentary "
            "or actions", fix, where))
    return problems


def check_placed(report_set: ReportSet, documents: list) -> list[Problem]:
    """Return an error for each measure or commentary row that reached no document (none
    when the set gets no document of measures: a `Documents` setting of the Report to
    Cabinet alone publishes none, by choice)."""
    placed = set(positions(documents))
    lost = [(m.id, m.where) for m in report_set.measures if m.id not in placed]
    lost += [(mid, c.where) for mid, c in report_set.commentary.items() if mid not in placed]
    if not any(isinstance(d, (PerformanceReport, Scorecard, Dashboard)) for d in documents):
        return []  # the `Documents` setting lists no document of measures: none is published
    return [Problem("error", f"measure {_short(mid)} (or its commentary) reached no document; "
                    "nothing "
                    "was written so that nothing is published without it",
                    "this is a reportgen fault: report it with the workbooks", where)
            for mid, where in dict(lost).items()]

