"""Compose `manifest.json` and `measures.csv`: what a build read, rated and wrote.

Other tools rely on these field names (the foundation contract): extend, never rename.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportgen import __version__
from reportgen.cache import sha256
from reportgen.document import PerformanceReport, Scorecard
from reportgen.model import Number, ReportSet
from reportgen.rate.rules import Rating


def number_json(number: Number | Decimal | None):
    """Return a number for JSON: an int when whole, else a float (display units)."""
    if number is None:
        return None
    value = number.value if isinstance(number, Number) else number
    return int(value) if value == value.to_integral_value() else float(value)


def positions(documents: list) -> dict[str, int]:
    """Return each measure's number in its table: the performance report's, else the scorecard's."""
    found: dict[str, int] = {}
    for document in reversed(documents):
        if isinstance(document, PerformanceReport):
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
        })
    return rows


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
    }


def input_name(path: Path, folder: Path) -> str:
    """An input's name: its path inside the set folder ("returns/Education.xlsx"), or its
    file name for one beside the set (a shared schemes.toml)."""
    return path.relative_to(folder).as_posix() if path.is_relative_to(folder) else path.name
