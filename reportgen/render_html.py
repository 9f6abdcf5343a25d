"""Render the document model to a standalone HTML file (Jinja2 lives here and in DOCX only).

Autoescape is on: every text from a workbook is data. CSS is inlined and charts are data
URIs with text alternatives, so the file stands alone and the PDF engine fetches nothing.
"""

from __future__ import annotations

import base64
from functools import lru_cache
from pathlib import Path

import jinja2
import markupsafe

from reportgen import __version__
from reportgen.charts import chart_svg
from reportgen.document import PerformanceReport, Scorecard


@lru_cache(maxsize=4)
def _environment(template_dir: Path) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(template_dir),
                              autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=False, lstrip_blocks=False)


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def render_html(report: PerformanceReport | Scorecard, template_dir: Path) -> str:
    """Return `report` (any document kind) as a standalone HTML document."""
    env = _environment(template_dir)
    # Our own bundled stylesheet, the one text not from a workbook: trusted, not escaped.
    css = markupsafe.Markup((template_dir / "report.css").read_text(encoding="utf-8"))
    charts = [svg_data_uri(chart_svg(part.chart)) for part in getattr(report, "parts", ())]
    template = env.get_template(f"{report.kind}.html.j2")
    return template.render(report=report, css=css, charts=charts, version=__version__)
