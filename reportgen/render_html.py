"""Render the document model to standalone HTML (Jinja2 lives here and in DOCX only).

Autoescape is on: every text from a workbook is data. CSS is inlined and charts are data
URIs with text alternatives, so a file stands alone and the PDF engine fetches nothing.
The pack is one HTML document holding every document's body, so WeasyPrint lays it out as
one tagged PDF with continuous page numbers.
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


@lru_cache(maxsize=4)
def _environment(template_dir: Path) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(template_dir),
                              autoescape=True, undefined=jinja2.StrictUndefined)


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _charts(document) -> list[str]:
    return [svg_data_uri(chart_svg(part.chart)) for part in getattr(document, "parts", ())]


def render_html(document, template_dir: Path) -> str:
    """Return `document` (any kind, or a `Pack`) as a standalone HTML document."""
    env = _environment(template_dir)
    # Our own bundled stylesheet, the one text not from a workbook: trusted, not escaped.
    css = markupsafe.Markup((template_dir / "report.css").read_text(encoding="utf-8"))
    if isinstance(document, Pack):
        charts = [_charts(d) for d in document.documents]
        doc = {"properties": document.properties, "documents": document.documents,
               "charts": charts}
    else:
        charts, doc = _charts(document), document
    template = env.get_template(f"{document.kind}.html.j2")
    return template.render(doc=doc, charts=charts, css=css, version=__version__,
                           body_class=document.kind)
