"""Lay HTML out as PDF pages with WeasyPrint (which lives here only).

A document's PDF is made of two layouts, each done once: its body (`lay_out_body`: tagged,
PDF/UA-1, the page margin boxes left empty) and a margin-only sheet (`lay_out_sheet`: untagged,
one empty page per body page, whose margin boxes carry the running head and "Page n of N").
`pdf_assemble` joins bodies and stamps the sheet's pages over them as artifacts. A long
document's body is laid out in chunks, each independently of the others; a pack is its
documents' bodies joined, with a sheet of its own. Both layouts read the same stylesheet, so
the margins look as a whole-document layout would draw them.

The URL fetcher serves `data:` URIs and files inside our bundled `templates/` folder, and
nothing else: WeasyPrint's default fetcher reads `file://` and would attach local files.

WeasyPrint's `pdf/ua-1` variant tags the body (headings, lists, tables with THead/TBody,
TD /Headers pointing at TH /IDs, figures with /Alt, captions, Lang, Title, DisplayDocTitle,
bookmarks from h1-h6); `pdf_assemble.finish_tagging` fills what WeasyPrint 70 leaves out.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint import CSS, HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from reportgen.render.pdf_assemble import Furniture, finish_tagging, furniture, stamp

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "uncompressed_pdf": False}

# The body's margin boxes stay empty: the sheet draws them (report.css says what they hold).
NO_FURNITURE = """@page { @top-left { content: none !important }
  @top-right { content: none !important } @bottom-center { content: none !important } }"""

# A sheet page per body page: empty, on the body page's named page, setting the running
# strings report.css's margin boxes print (from attributes: text is data, never CSS).
SHEET_CSS = """.sheet { break-before: page;
  string-set: doctitle attr(data-title), confidentiality attr(data-marking); }
.sheet:first-child { break-before: auto; } .sheet.landscape { page: landscape; }"""


class BundledOnlyFetcher(URLFetcher):
    """Fetch `data:` URIs and files under `root`; refuse everything else, and record asks."""

    def __init__(self, root: Path):
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)
        self.root = root.resolve()
        self.requested: list[str] = []

    def fetch(self, url, headers=None):
        self.requested.append(url)
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(unquote(urlparse(url).path)).resolve()
            if path.is_relative_to(self.root) and path.is_file():
                return super().fetch(url, headers)
        raise FatalURLFetchingError(f"reportgen does not fetch {url!r}: only bundled assets")


def lay_out_body(html: str, template_dir: Path,
                 fetcher: BundledOnlyFetcher | None = None) -> bytes:
    """Return `html` laid out as a tagged PDF/UA-1 body: every page, no page furniture."""
    fetcher = fetcher or BundledOnlyFetcher(template_dir)
    source = HTML(string=html, base_url=str(template_dir) + "/", url_fetcher=fetcher)
    document = source.render(stylesheets=[CSS(string=NO_FURNITURE)], **PDF_OPTIONS)
    return finish_tagging(document.write_pdf(**PDF_OPTIONS))


def sheet_html(pages: list[Furniture], template_dir: Path) -> str:
    """The margin-only sheet's HTML: one empty block a page, and our stylesheet."""
    css = (template_dir / "report.css").read_text(encoding="utf-8")
    blocks = "".join(
        f'<div class="sheet{" landscape" if page.landscape else ""}" '
        f'data-title="{escape(page.title)}" data-marking="{escape(page.marking)}"></div>'
        for page in pages)
    return (f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><style>{css}\n'
            f"{SHEET_CSS}</style></head><body>{blocks}</body></html>")


def lay_out_sheet(html: str, template_dir: Path) -> bytes:
    """Return the sheet `html` (`sheet_html`) as an untagged PDF whose pages show only their
    margin boxes ("Page n of N" counts the sheet's own pages)."""
    source = HTML(string=html, base_url=str(template_dir) + "/",
                  url_fetcher=BundledOnlyFetcher(template_dir))
    return source.render().write_pdf(uncompressed_pdf=False)


def render_pdf(html: str, template_dir: Path, fetcher: BundledOnlyFetcher | None = None,
               marking: str = "") -> bytes:
    """Return `html` as a finished PDF laid out in one piece: its body, stamped with its
    running head, `marking` and page numbers."""
    body = lay_out_body(html, template_dir, fetcher)
    sheet = lay_out_sheet(sheet_html(furniture(body, marking), template_dir), template_dir)
    return stamp(body, sheet)
