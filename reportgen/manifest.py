"""Compose `manifest.json` and `measures.csv`: what a build read, rated and wrote.

Other tools rely on these field names (the foundation contract): extend, never rename.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

from reportgen import __version__
from reportgen.document import PerformanceReport
from reportgen.model import Number, ReportSet
from reportgen.rate import Rating


def number_json(number: Number | Decimal | None):
    """Return a number for JSON: an int when whole, else a float (display units)."""
    if number is None:
        return None
    value = number.value if isinstance(number, Number) else number
    return int(value) if value == value.to_integral_value() else float(value)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def measure_rows(report_set: ReportSet, ratings: dict[str, Rating],
                 report: PerformanceReport) -> list[dict]:
    """Return one manifest row per measure, in workbook order."""
    positions = {row.measure_id: (table.key, row.number)
                 for part in report.parts for table in part.tables for row in table.rows}
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
            "position": positions.get(m.id, (None, None))[1],
            "direction": rating.direction,
        })
    return rows


def commentary_counts(report_set: ReportSet, report: PerformanceReport) -> tuple[int, int]:
    """Return (cells read, cells placed in the report): every non-blank commentary cell."""
    placed = {row.measure_id for part in report.parts for table in part.tables
              for row in table.rows}
    cells_in = sum(len(c.cells()) for c in report_set.commentary.values())
    cells_out = sum(len(c.cells()) for mid, c in report_set.commentary.items() if mid in placed)
    return cells_in, cells_out


def compose_manifest(report_set: ReportSet, ratings: dict[str, Rating],
                     report: PerformanceReport, documents: list[dict]) -> dict:
    rows = measure_rows(report_set, ratings, report)
    placed = sum(len(t.rows) for p in report.parts for t in p.tables)
    cells_in, cells_out = commentary_counts(report_set, report)
    return {
        "reportgen_version": __version__,
        "report_set": report_set.name,
        "inputs": [{"path": p.name, "sha256": sha256(p)} for p in report_set.inputs],
        "documents": documents,
        "counts": {"measures_in": len(report_set.measures), "measures_out": placed,
                   "commentary_in": cells_in, "commentary_out": cells_out},
        "measures": rows,
    }
