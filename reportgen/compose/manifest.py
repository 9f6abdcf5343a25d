"""Compose `manifest.json` and `measures.csv`: what a build read, rated and wrote.

Other tools rely on these field names (the foundation contract): extend, never rename.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportgen import __version__
from reportgen.cache import sha256
from reportgen.document import Dashboard, PerformanceReport, Scorecard
from reportgen.model import BENCHMARKS, Number, ReportSet
from reportgen.rate.rules import Rating


def number_json(number: Number | Decimal | None):
    """Return a number for JSON: an int when whole, else a float (display units)."""
    if number is None:
        return None
    value = number.value if isinstance(number, Number) else number
    return int(value) if value == value.to_integral_value() else float(value)


def positions(documents: list) -> dict[str, int]:
    """Return each measure's number in its table: the performance report's, else the
    scorecard's, else its place on the dashboard (1 for the first measure it shows)."""
    found: dict[str, int] = {}
    for document in reversed(documents):
        if isinstance(document, Dashboard):
            found.update((mid, number) for number, mid in enumerate(document.measure_ids(), 1))
        elif isinstance(document, PerformanceReport):
            found.update({row.measure_id: row.number for part in document.parts
                          for table in part.tables for row in table.rows})
        elif isinstance(document, Scorecard):
            found.update({row.measure_id: row.number for outcome in document.outcomes
                          for theme in outcome.themes for row in theme.rows})
    return found


def measure_rows(report_set: ReportSet, ratings: dict[str, Rating], documents: list) -> list[dict]:
    """Return one manifest row per measure, in workbook order."""
    numbers = positions(documents)
    drafted = {row.measure_id: row.drafted for document in documents
               if isinstance(document, PerformanceReport)
               for part in document.parts for table in part.tables for row in table.rows}
    rows = []
    for m in report_set.measures:
        rating = ratings[m.id]
        region = next((k for k in m.benchmarks if k not in (BENCHMARKS[0], BENCHMARKS[2])),
                      None)  # the region's figure is named after the region
        rows.append({
            "id": m.id,
            "name": m.name,
            "portfolio": m.portfolio,
            "service_area": m.service_area,
            "outcome": m.outcome,
            "theme": m.theme,
            "period": rating.period,
            "value": number_json(rating.value),
            "target": number_json(m.target),
            "tolerance": number_json(m.tolerance) if m.target is not None else None,
            "polarity": m.polarity.value if m.polarity else None,
            "status": rating.status,
            "section": rating.section,
            "position": numbers.get(m.id),
            "direction": rating.direction,
            "direction_long": rating.direction_long,
            "scheme": rating.scheme,
            "computed_status": rating.computed_status or rating.status,
            "override_reason": rating.override_reason,
            "drafted": sorted(drafted.get(m.id, ())),
            "unit": m.unit,
            "tolerance_target": number_json(rating.tolerance_target),
            "stat_neighbours": number_json(m.benchmarks.get(BENCHMARKS[0])),
            "region": number_json(m.benchmarks.get(region)) if region else None,
            "region_name": region,
            "england": number_json(m.benchmarks.get(BENCHMARKS[2])),
            "benchmark_note": m.benchmark_note,
            "benchmark_period": m.benchmark_period,
            "baseline": number_json(m.baseline),
            "next_target": number_json(m.next_target),
        })
    return rows


# measures.csv's columns (the manifest's measure fields, in order): name, CSV on the Web
# datatype, what the column holds. `csv_metadata` describes the file with them.
FIGURE = "in the measure's unit as displayed (93 is 93% for a percentage measure)"
MEASURE_COLUMNS = (
    ("id", "string", "The measure's ID, as the workbook gives it; unique in the file."),
    ("name", "string", "The measure's name."),
    ("portfolio", "string", "The portfolio the measure belongs to."),
    ("service_area", "string", "The service area that reports the measure."),
    ("outcome", "string", "The outcome the measure serves (Appendix 1)."),
    ("theme", "string", "The theme within the outcome (Appendix 1)."),
    ("period", "string", "The period of the value reported (an Outturns column's label)."),
    ("value", "decimal", f"The value reported for the period, {FIGURE}."),
    ("target", "decimal", f"The target, {FIGURE}; blank for a measure monitored without one."),
    ("tolerance", "decimal", "How far from the target still counts as on target, in the "
     "measure's unit (5 is 5 percentage points for a percentage measure)."),
    ("polarity", {"base": "string", "format": "High|Low"},
     "Which way is better: High or Low; blank when the measure is only monitored."),
    ("status", "string", "The RAG status published (Green, Amber, Red, Monitor, "
     "Unavailable, or a status of another rating scheme)."),
    ("section", "string", "The part of the performance report the measure is listed in."),
    ("position", "integer", "The measure's number in its published table."),
    ("direction", "string", "The direction of travel against the value before: better, "
     "worse or same."),
    ("direction_long", "string", "The direction of travel against the same period last year."),
    ("scheme", "string", "The rating scheme that rated the measure."),
    ("computed_status", "string", "The status the rules gave, before any override."),
    ("override_reason", "string", "Why the published status differs from the computed one."),
    ("drafted", "string", "The sentences reportgen drafted because the workbook left them "
     "blank, separated by '; '."),
    ("unit", "string", "The measure's unit: % for a percentage, another label such as days, "
     "or blank for a count."),
    ("tolerance_target", "decimal", f"The target less its tolerance (plus it, when Low is "
     f"good): the line between Green and Amber, {FIGURE}."),
    ("stat_neighbours", "decimal", f"The mean of the statistical neighbours, {FIGURE}."),
    ("region", "decimal", f"The region's figure, {FIGURE}."),
    ("region_name", "string", "The region the region's figure is for."),
    ("england", "decimal", f"The figure for England, {FIGURE}."),
    ("benchmark_note", "string", "What the workbook says of the benchmark figures (their "
     "source or period), as typed; for figures read from published statistics, their period "
     "and source."),
    ("benchmark_period", "string", "The period of the benchmark figures: as typed in the "
     "workbook, or the latest period of the file of published statistics (benchmarks/) they "
     "were read from; blank when not given."),
    ("baseline", "decimal", f"The measure's baseline, the starting point it is measured "
     f"from (the dashboard), {FIGURE}."),
    ("next_target", "decimal", f"Next year's target (the dashboard), {FIGURE}."),
)
LICENCES = {"open government licence v3.0":
            "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}


def csv_metadata(report_set: ReportSet, csv_name: str = "measures.csv") -> dict:
    """Return the CSV on the Web (W3C) description of `csv_name`: one table, every column's
    title, datatype and meaning, and the licence (the Licence setting: a known licence's
    name or a web address becomes a link, any other text is given as typed)."""
    licence = report_set.settings.licence
    link = LICENCES.get(" ".join(licence.split()).casefold()) or (
        licence if licence.startswith(("https://", "http://")) else None)
    return {
        "@context": "http://www.w3.org/ns/csvw",
        "url": csv_name,
        "dc:title": f"{report_set.name}: measures, values and ratings",
        "dc:description": (
            "One row per measure of the report set, in workbook order, as reportgen rated and "
            "published it. A blank cell holds no value. A text cell that would start with =, "
            "+, - or @ starts with an apostrophe, so a spreadsheet never runs it as a formula."),
        "dc:license": {"@id": link} if link else licence,
        "tableSchema": {
            "columns": [{"name": name, "titles": name, "datatype": datatype,
                         "dc:description": description,
                         **({"separator": "; "} if name == "drafted" else {})}
                        for name, datatype, description in MEASURE_COLUMNS],
            "primaryKey": "id",
        },
    }


def commentary_counts(report_set: ReportSet, documents: list) -> tuple[int, int]:
    """Return (cells read, cells placed in a document): every non-blank commentary cell."""
    placed = set(positions(documents))
    cells_in = sum(len(c.cells()) for c in report_set.commentary.values())
    cells_out = sum(len(c.cells()) for mid, c in report_set.commentary.items() if mid in placed)
    return cells_in, cells_out


def groups(documents: list) -> list[dict]:
    """Return the scorecard's roll-ups: one row per theme, one per outcome with theme None."""
    rows = []
    for document in documents:
        if isinstance(document, Scorecard):
            for outcome in document.outcomes:
                rows.append({"outcome": outcome.name, "theme": None,
                             "status": outcome.status.name if outcome.status else None})
                rows.extend({"outcome": outcome.name, "theme": theme.name,
                             "status": theme.status.name if theme.status else None}
                            for theme in outcome.themes)
    return rows


def compose_manifest(report_set: ReportSet, ratings: dict[str, Rating], documents: list,
                     entries: list[dict]) -> dict:
    rows = measure_rows(report_set, ratings, documents)
    placed = len(positions(documents))
    cells_in, cells_out = commentary_counts(report_set, documents)
    return {
        "reportgen_version": __version__,
        "report_set": report_set.name,
        "inputs": [{"path": input_name(p, report_set.folder), "sha256": sha256(p.read_bytes())}
                   for p in report_set.inputs],
        "documents": entries,
        "counts": {"measures_in": len(report_set.measures), "measures_out": placed,
                   "commentary_in": cells_in, "commentary_out": cells_out},
        "measures": rows,
        "groups": groups(documents),
        "benchmark_sources": [source.record() for source in report_set.benchmark_sources],
    }


def input_name(path: Path, folder: Path) -> str:
    """An input's name: its path inside the set folder ("returns/Education.xlsx"), or its
    file name for one beside the set (a shared schemes.toml)."""
    return path.relative_to(folder).as_posix() if path.is_relative_to(folder) else path.name
