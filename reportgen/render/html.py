"""Render the document model to standalone HTML (Jinja2 lives here and in DOCX only).

Autoescape is on: every text from a workbook is data. CSS is inlined and charts are data
URIs with text alternatives, so a file stands alone and the PDF engine fetches nothing.
A long performance report or scorecard is also rendered a chunk at a time (service areas;
outcomes, or the themes of a large outcome), for its PDF (`render.documents.chunk_plan`).
"""

from __future__ import annotations

import base64
from functools import lru_cache
from pathlib import Path

import jinja2
import markupsafe

from reportgen import __version__
from reportgen.render.charts import chart_svg
from reportgen.render.documents import chunk_starts, scorecard_chunk
from reportgen.render.fit import rag_width, row_is_tall


@lru_cache(maxsize=4)
def _environment(template_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(template_dir),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    env.globals["report_chunk_starts"] = chunk_starts
    env.globals["scorecard_chunk"] = scorecard_chunk
    env.globals["rag_width"] = rag_width
    env.globals["row_is_tall"] = row_is_tall
    env.globals["trend_uri"] = lambda trend: svg_data_uri(chart_svg(trend))
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
    """Return `document` (any kind) as a standalone HTML document; with `chunk`, only that
    chunk of a performance report or scorecard (`chunk_plan`), for laying out its PDF."""
    env = _environment(template_dir)
    # Our own bundled stylesheet, the one text not from a workbook: trusted, not escaped.
    css = markupsafe.Markup((template_dir / "report.css").read_text(encoding="utf-8"))
    charts = _charts(document, chunk)
    template = env.get_template(f"{document.kind}.html.j2")
    return template.render(doc=document, charts=charts, css=css, version=__version__,
                           body_class=document.kind, chunk=chunk)
