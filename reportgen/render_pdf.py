"""Render HTML to a tagged PDF with WeasyPrint (which lives here only).

The URL fetcher serves `data:` URIs and files inside our bundled `templates/` folder, and
nothing else: WeasyPrint's default fetcher reads `file://` and would attach local files.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher


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


def render_pdf(html: str, template_dir: Path, fetcher: BundledOnlyFetcher | None = None) -> bytes:
    """Return `html` laid out as a PDF/UA-1 tagged PDF."""
    fetcher = fetcher or BundledOnlyFetcher(template_dir)
    document = HTML(string=html, base_url=str(template_dir) + "/", url_fetcher=fetcher)
    return document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
