"""Turn a rated `ReportSet` into document models (`reportgen.document`) and the manifest.

`performance` (the portfolio performance report), `scorecard` (Appendix 1) and `cabinet` (the
Report to Cabinet) compose the documents; `draft` words what the workbook left blank, `dates`
works out the meeting's dates, `markup` reads the Narrative's light markup (markdown-it-py);
`manifest` says what a build read, rated and wrote, and `integrity` that nothing was lost.
"""

from __future__ import annotations

import re

from reportgen.model import ReportSet
from reportgen.rate.rules import Rating

SUFFIX = {"cabinet-report": "", "performance-report": " - Performance report",
          "appendix-scorecard": " - Appendix 1", "pack": " - Pack"}


def compose_documents(report_set: ReportSet, ratings: dict[str, Rating],
                      template_dir=None) -> list:
    """Return the documents this set gets, in pack order: the Report to Cabinet when the
    commentary has a Narrative sheet, the scorecard when measures have themes, and the
    performance report when any measure is rated (or when there is no scorecard, so every
    measure reaches a document)."""
    from reportgen.compose.cabinet import compose_cabinet_report, has_narrative
    from reportgen.compose.performance import compose_performance_report
    from reportgen.compose.scorecard import compose_scorecard, has_themes

    scorecard = compose_scorecard(report_set, ratings) if has_themes(report_set) else None
    documents = []
    if has_narrative(report_set):
        documents.append(compose_cabinet_report(report_set))
    if scorecard is not None:
        documents.append(scorecard)
    if any(r.is_rated for r in ratings.values()) or scorecard is None:
        documents.append(compose_performance_report(report_set, ratings))
    return documents


def has_pack(report_set: ReportSet) -> bool:
    """A set with a Report to Cabinet gets the pack: every document in one PDF."""
    from reportgen.compose.cabinet import has_narrative

    return has_narrative(report_set)


def file_stem(report_set: ReportSet, title: str, suffix: str) -> str:
    """Return a file name a clerk can file: "{YYYY-MM-DD} {Committee} - {Title}{suffix}"."""
    report = report_set.report
    date = report.get("Meeting date")
    committee = report.get("Committee")
    head = " ".join(x for x in (date.isoformat() if hasattr(date, "isoformat") else None,
                                committee) if x)
    stem = f"{head} - {title}{suffix}" if head else f"{title}{suffix}"
    stem = re.sub(r"\s+", " ", stem)  # a Title typed over two lines, or with tabs
    return re.sub(r'[\\/:*?"<>|]', "-", stem).strip()


def document_stem(report_set: ReportSet, kind: str, title: str) -> str:
    """Return a document's file name without extension: the clerk's pattern when the set
    has a Title, else the document's own title."""
    titled = report_set.report.get("Title")
    if titled:
        return file_stem(report_set, str(titled), SUFFIX[kind])
    return file_stem(report_set, title, "")
