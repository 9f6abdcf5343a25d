"""Render the document model to standalone HTML (Jinja2 lives here and in DOCX only).

Autoescape is on: every text from a workbook is data. CSS is inlined and charts are data
URIs with text alternatives, so a file stands alone and the PDF engine fetches nothing.
A pack's PDF joins its documents' laid-out pages (build.render_documents); `Pack` renders
all of them as one HTML document when that is not possible. A long performance report is
also rendered a chunk of parts at a time, for its PDF (`chunk_plan`, render_chunks).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
import markupsafe

from reportgen import __version__
from reportgen.charts import chart_svg
from reportgen.document import Properties


@dataclass(frozen=True)
class Pack:
    """Every document of a meeting item in one PDF (kind `pack`)."""

    kind = "pack"
    properties: Properties
    documents: tuple


CHUNK_ROWS = 100  # a long performance report's PDF is laid out in chunks of at least this many
MAX_CHUNKS = 8    # rows, and in no more than this many chunks


def chunk_plan(report) -> list[tuple[int, int]]:
    """Return the (start, stop) part ranges a performance report's PDF is laid out in (for the
    scorecard: outcome ranges).

    One range for a report under 2 x CHUNK_ROWS measures (every sample set). A longer report
    is cut at part (service area) boundaries into chunks of about max(CHUNK_ROWS,
    rows / MAX_CHUNKS) measures, which render_chunks lays out in parallel; the part that
    begins a chunk begins a printed page. The plan depends on the report alone, never on the
    machine, so the PDF is the same bytes everywhere.
    """
    rows = _unit_rows(report)
    if sum(rows) < 2 * CHUNK_ROWS:
        return [(0, len(rows))]
    target = max(CHUNK_ROWS, -(-sum(rows) // MAX_CHUNKS))
    plan, start, count = [], 0, 0
    for index, size in enumerate(rows):
        count += size
        if count >= target and index + 1 < len(rows):
            plan.append((start, index + 1))
            start, count = index + 1, 0
    plan.append((start, len(rows)))
    return plan


def _unit_rows(report) -> list[int]:
    """Measures in each unit a report can be cut between: the performance report's parts
    (service areas), the scorecard's outcomes."""
    if hasattr(report, "outcomes"):
        return [sum(len(theme.rows) for theme in outcome.themes) for outcome in report.outcomes]
    return [sum(len(table.rows) for table in part.tables) for part in report.parts]


def chunk_starts(report) -> set[int]:
    """The parts that begin a chunk after the first (they begin a printed page)."""
    return {start for start, _ in chunk_plan(report)[1:]}


@lru_cache(maxsize=4)
def _environment(template_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(template_dir),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    env.globals["report_chunk_starts"] = chunk_starts
    return env


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _charts(document, chunk: tuple[int, int] | None = None) -> list[str]:
    """Each part's chart as a data URI; with `chunk`, only the chunk's parts are drawn (a
    chunk is rendered in a process of its own: it draws no other chunk's charts)."""
    first, stop = chunk or (0, len(getattr(document, "parts", ())))
    return [svg_data_uri(chart_svg(part.chart)) if first <= index < stop else ""
            for index, part in enumerate(getattr(document, "parts", ()))]


def render_html(document, template_dir: Path, chunk: tuple[int, int] | None = None) -> str:
    """Return `document` (any kind, or a `Pack`) as a standalone HTML document; with `chunk`,
    only those parts of a performance report (`chunk_plan`), for laying out its PDF."""
    env = _environment(template_dir)
    # Our own bundled stylesheet, the one text not from a workbook: trusted, not escaped.
    css = markupsafe.Markup((template_dir / "report.css").read_text(encoding="utf-8"))
    if isinstance(document, Pack):
        charts = [_charts(d) for d in document.documents]
        doc = {"properties": document.properties, "documents": document.documents,
               "charts": charts}
    else:
        charts, doc = _charts(document, chunk), document
    template = env.get_template(f"{document.kind}.html.j2")
    return template.render(doc=doc, charts=charts, css=css, version=__version__,
                           body_class=document.kind, chunk=chunk)
