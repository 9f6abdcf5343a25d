"""Turn a rated `ReportSet` into document models (`reportgen.document`) and the manifest.

`performance` (the portfolio performance report), `scorecard` (Appendix 1), `cabinet` (the
Report to Cabinet) and `dashboard` (the monthly dashboard) compose the documents; `draft` words what the workbook left blank, `dates`
works out the meeting's dates, `markup` reads the Narrative's light markup (markdown-it-py);
`manifest` says what a build read, rated and wrote, and `integrity` that nothing was lost.
"""

from __future__ import annotations

import re

from reportgen.errors import Problem, Where
from reportgen.model import ReportSet
from reportgen.rate.rules import Rating

SUFFIX = {"cabinet-report": "", "performance-report": " - Performance report",
          "appendix-scorecard": " - Appendix 1", "dashboard": " - Dashboard", "pack": " - Pack"}


def compose_documents(report_set: ReportSet, ratings: dict[str, Rating],
                      template_dir=None) -> list:
    """Return the documents this set gets, in pack order: those its `Documents` setting
    lists, else the Report to Cabinet when the commentary has a Narrative sheet, the
    scorecard when measures have themes, the performance report when any measure is
    rated (or when there is no scorecard, so every measure reaches a document), and the
    dashboard when the commentary has a Dashboard sheet."""
    from reportgen.compose.cabinet import compose_cabinet_report
    from reportgen.compose.dashboard import compose_dashboard
    from reportgen.compose.performance import compose_performance_report
    from reportgen.compose.scorecard import compose_scorecard

    composers = {"cabinet-report": lambda: compose_cabinet_report(report_set),
                 "appendix-scorecard": lambda: compose_scorecard(report_set, ratings),
                 "performance-report": lambda: compose_performance_report(report_set, ratings),
                 "dashboard": lambda: compose_dashboard(report_set, ratings)}
    return [composers[kind]() for kind in document_kinds(report_set, ratings)
            if kind in composers]


def document_kinds(report_set: ReportSet, ratings: dict[str, Rating]) -> list[str]:
    """Return the kinds of the documents the set gets, the pack included, in pack order."""
    from reportgen.compose.cabinet import has_narrative
    from reportgen.compose.dashboard import has_dashboard
    from reportgen.compose.scorecard import has_themes

    if report_set.settings.documents:
        return list(report_set.settings.documents)
    kinds = ["cabinet-report"] if has_narrative(report_set) else []
    if has_themes(report_set):
        kinds.append("appendix-scorecard")
    if any(r.is_rated for r in ratings.values()) or not has_themes(report_set):
        kinds.append("performance-report")
    if has_dashboard(report_set):
        kinds.append("dashboard")
    return kinds + ["pack"] * has_pack(report_set)


def has_pack(report_set: ReportSet) -> bool:
    """Return whether the set gets the pack, every other document in one PDF: when its
    `Documents` setting lists it, else when it has a Report to Cabinet."""
    from reportgen.compose.cabinet import has_narrative

    if report_set.settings.documents:
        return "pack" in report_set.settings.documents
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


NAME_MAX = 255  # bytes of one file name (UTF-8), on Linux, macOS and Windows alike


def long_names(report_set: ReportSet, names: list[str]) -> list[Problem]:
    """Return an error for each file name longer than a file name may be: the build could
    not write it, so `check` says so first, naming what to shorten."""
    from reportgen.read.contract import COMMENTARY, REPORT_SHEET

    problems = []
    for name in names:
        over = 0  # characters to cut (an accented letter takes two bytes or more)
        while len(name[:len(name) - over].encode("utf-8")) > NAME_MAX:
            over += 1
        if over > 0:
            field = "Title" if report_set.report.get("Title") else "Committee"
            problems.append(Problem(
                "error", f"the file name '{name[:60]}…' would be too long for a file name "
                f"({len(name)} characters)",
                f"shorten the report's {field} in {COMMENTARY}, sheet '{REPORT_SHEET}', by at "
                f"least {over} characters", report_set.report_cells.get(
                    field, Where(COMMENTARY, REPORT_SHEET))))
    return problems[:1]  # the longest name says it for all


def document_stem(report_set: ReportSet, kind: str, title: str) -> str:
    """Return a document's file name without extension: the clerk's pattern when the set
    has a Title, else the document's own title."""
    titled = report_set.report.get("Title")
    if titled:
        return file_stem(report_set, str(titled), SUFFIX[kind])
    return file_stem(report_set, title, "")
