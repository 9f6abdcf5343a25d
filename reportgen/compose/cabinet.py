"""Compose the Report to Cabinet (seed 004) from the Report fields and the Narrative sheet.

Paragraph numbers run 1..n straight through the lettered sections; an unnumbered block is a
section's introduction, or more text under the current number.
"""

from __future__ import annotations

import datetime as dt

from reportgen.compose.dates import add_working_days, format_date, last_working_day_before
from reportgen.document import (
    Block, CabinetReport, CoverRow, Flow, Paragraph, Properties, Run, Section, plain,
)
from reportgen.compose.markup import parse_inline, parse_markup
from reportgen.model import ReportSet
from reportgen.errors import Problem, ReportgenError, Where

QUESTIONS = ("If you have any questions about the matters contained in this paper please get in "
             "touch with the Contact Officer whose telephone number is given at the head of the "
             "paper.")


def has_narrative(report_set: ReportSet) -> bool:
    return report_set.narrative is not None


def _date_text(value) -> str:
    return format_date(value) if value else ""


def implementation_date(report_set: ReportSet):
    """Return "Date can be implemented": as typed, else the meeting plus the call-in period."""
    report = report_set.report
    if report.get("Date can be implemented"):
        return report["Date can be implemented"]
    meeting = report.get("Meeting date")
    if isinstance(meeting, dt.date):
        return add_working_days(meeting, report_set.settings.call_in_days)
    return None


def views_deadline(report_set: ReportSet) -> str:
    """Return the views deadline: as typed, else 5.00pm on the last working day before."""
    report = report_set.report
    typed, meeting = report.get("Views deadline"), report.get("Meeting date")
    if typed:
        return format_date(typed) if isinstance(typed, dt.date) else str(typed)
    if isinstance(meeting, dt.date):
        return f"5.00pm on {format_date(last_working_day_before(meeting))}"
    raise ReportgenError([Problem(
        "error", "the views deadline cannot be worked out: Meeting date is not a date",
        "type the meeting date as a date (e.g. 5 June 2017), or fill in 'Views deadline'",
        Where("commentary.xlsx", "Report"))])


def heading_runs(heading: str | None) -> tuple[Run, ...]:
    """Return a numbered paragraph's heading: bold, unless the officer marked the bold part."""
    if not heading:
        return ()
    return parse_inline(heading) if "**" in heading else parse_inline(heading, bold=True)


def compose_sections(report_set: ReportSet) -> tuple[Section, ...]:
    sections: list[tuple[str | None, list[Paragraph]]] = []
    number = 0
    for row in report_set.narrative or ():
        if not sections or row.section != sections[-1][0]:
            sections.append((row.section, []))
        paragraphs = sections[-1][1]
        body = parse_markup(row.text)
        if row.numbered:
            number += 1
            paragraphs.append(Paragraph(number, heading_runs(row.heading), body))
        elif paragraphs and paragraphs[-1].number is not None:
            last = paragraphs[-1]
            extra = ((Block(heading_runs(row.heading), "subheading"),) if row.heading else ())
            paragraphs[-1] = Paragraph(last.number, last.heading, last.body + extra + body)
        else:
            extra = ((Block(heading_runs(row.heading), "subheading"),) if row.heading else ())
            paragraphs.append(Paragraph(None, (), extra + body))
    return tuple(Section(title, tuple(paras)) for title, paras in sections)


def compose_cover(report_set: ReportSet) -> tuple[CoverRow, ...]:
    report = report_set.report
    rows = [("Title", report.get("Title")), ("Date", _date_text(report.get("Meeting date"))),
            ("Date can be implemented", _date_text(implementation_date(report_set))),
            ("Author", report.get("Author")), ("Contact officer", report.get("Contact officer")),
            ("Local members affected", report.get("Local members affected")),
            ("Portfolio areas affected", report.get("Portfolio areas affected"))]
    if report.get("Confidential"):
        rows.insert(0, ("Confidential", "Yes: not for publication"))
    # A blank field leaves its row out rather than a label with nothing after it.
    return tuple(CoverRow(label, str(value)) for label, value in rows if value)


def compose_views(report_set: ReportSet) -> Flow:
    report = report_set.report
    how = []
    if report.get("Member Services phone"):
        how.append(f"by telephone (to {report['Member Services phone']})")
    if report.get("Member Services email"):
        how.append(f"e-mail to {report['Member Services email']}")
    views = ("If you have any views on this paper that you would like the Cabinet Member to "
             "consider, or if you wish to object to the proposed decision, please inform the "
             f"Member Services Team by {views_deadline(report_set)}.")
    if how:
        views += " This can be done " + ", or ".join(how)
    return plain(QUESTIONS) + plain(views)


def cabinet_properties(report_set: ReportSet) -> Properties:
    report = report_set.report
    committee = report.get("Committee") or "Cabinet"
    meeting = report.get("Meeting date")
    subject = " ".join(x for x in (str(committee), _date_text(meeting)) if x)
    confidential = bool(report.get("Confidential"))
    if confidential:
        subject = f"Confidential - {subject}"
    keywords = ", ".join(x for x in ("Confidential" if confidential else None, str(committee),
                                     "report", report.get("Portfolio areas affected")) if x)
    return Properties(title=str(report.get("Title") or f"Report to {committee}"),
                      author=str(report.get("Author") or ""), subject=subject, keywords=keywords)


def compose_cabinet_report(report_set: ReportSet) -> CabinetReport:
    """Return the Report to Cabinet for a set with a Narrative sheet."""
    report = report_set.report
    committee = report.get("Committee") or "Cabinet"
    phone = report.get("Press office phone")
    press = (f"For press enquiries concerning this report, please contact the media office on "
             f"{phone}" if phone else None)
    return CabinetReport(
        properties=cabinet_properties(report_set),
        title=f"Report to {committee}",
        confidential=bool(report.get("Confidential")),
        cover=compose_cover(report_set),
        press_line=press,
        summary=parse_markup(report.get("Summary")),
        recommendation=parse_markup(report.get("Recommendation")),
        sections=compose_sections(report_set),
        # Blank: no section (never "None.", which would say something the workbook does not).
        background_papers=parse_markup(report.get("Background papers")),
        views=compose_views(report_set),
    )
