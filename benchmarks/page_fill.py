"""Measure how full each PDF page is: the fraction of its text area down to its lowest ink.

    .venv/bin/python benchmarks/page_fill.py out/*/*.pdf          # a table per PDF
    .venv/bin/python benchmarks/page_fill.py --min 0.8 out/*/*.pdf  # exit 1 below 80%
    .venv/bin/python benchmarks/page_fill.py --deliberate Education report.pdf

A page is drawn in grey at 36 dpi with poppler's `pdftoppm` (a system requirement already);
its lowest non-white pixel row inside the text area (the page less its `@page` margins, so the
running head and "Page n of N" do not count) gives its fill. Text, images, charts (drawn as
vectors, which `pdftotext -bbox` would miss) and table rules all count, as they do for a clerk
looking at the page.

A page is exempt from the 80% rule (`PageFill.exempt`) when it ends a document: it is the
PDF's last page, or the next page opens a document (a top-level bookmark, a document's h1), or
the next page opens with one of `deliberate` headings (a service area or outcome that starts
a page on purpose). The test tests/render/test_page_fill.py asserts the rule on the samples.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pikepdf

DPI = 36
MM = DPI / 25.4                  # pixels per millimetre
# report.css @page margins (top, bottom) in mm: portrait A4, and the named page `landscape`.
MARGINS = {"portrait": (16, 18), "landscape": (12, 14)}
WHITE = 250                      # grey level above which a pixel is paper


@dataclass(frozen=True)
class PageFill:
    """One page: its number (from 1), how full its text area is (0..1), whether the 80% rule
    leaves it out, and the headings that start on it (its bookmarks)."""

    number: int
    fill: float
    exempt: bool
    headings: tuple[str, ...] = ()


def read_pgm(data: bytes) -> tuple[int, int, bytes]:
    """Return (width, height, pixels) of a binary greyscale PGM (`P5`, 8-bit)."""
    fields, position = [], 0
    while len(fields) < 4:
        while data[position:position + 1].isspace():
            position += 1
        end = position
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[position:end])
        position = end
    magic, width, height, _ = fields
    if magic != b"P5":
        raise ValueError(f"expected a binary PGM, got {magic!r}")
    width, height = int(width), int(height)
    return width, height, data[position + 1:position + 1 + width * height]


def lowest_ink(width: int, height: int, pixels: bytes, top: int, bottom: int) -> int | None:
    """Return the lowest pixel row in rows `top`..`bottom` (exclusive) holding any ink."""
    for row in range(bottom - 1, top - 1, -1):
        line = pixels[row * width:(row + 1) * width]
        if min(line) < WHITE:
            return row
    return None


def page_fraction(pgm: bytes) -> float:
    """Return how much of a rendered page's text area lies above its lowest ink (0..1)."""
    width, height, pixels = read_pgm(pgm)
    top_mm, bottom_mm = MARGINS["landscape" if width > height else "portrait"]
    top, bottom = round(top_mm * MM), height - round(bottom_mm * MM)
    row = lowest_ink(width, height, pixels, top, bottom)
    return 0.0 if row is None else (row + 1 - top) / (bottom - top)


def render_pages(pdf: Path) -> list[bytes]:
    """Return each page of `pdf` as a greyscale PGM at `DPI`."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), str(pdf), f"{folder}/p"],
                       check=True)
        files = sorted(Path(folder).glob("p-*.pgm"), key=lambda p: int(p.stem.split("-")[-1]))
        return [f.read_bytes() for f in files]


def bookmarks(pdf: Path) -> dict[int, list[tuple[int, str]]]:
    """Return each page's bookmarks as (depth, title), depth 0 for a document's h1."""
    found: dict[int, list[tuple[int, str]]] = {}
    with pikepdf.open(pdf) as document, document.open_outline() as outline:
        index = {page.objgen: number for number, page in enumerate(document.pages)}

        def walk(items, depth):
            for item in items:
                destination = item.destination
                if isinstance(destination, pikepdf.Array) and len(destination):
                    number = index.get(destination[0].objgen)
                    if number is not None:
                        found.setdefault(number, []).append((depth, item.title))
                walk(item.children, depth + 1)

        walk(outline.root, 0)
    return found


def page_fill(pdf: Path, deliberate: frozenset[str] = frozenset()) -> list[PageFill]:
    """Return every page of `pdf` with its fill and whether the 80% rule leaves it out."""
    marks = bookmarks(pdf)
    pages = render_pages(pdf)
    result = []
    for number, pgm in enumerate(pages):
        following = marks.get(number + 1, [])
        ends = (number + 1 == len(pages) or any(depth == 0 for depth, _ in following)
                or any(title in deliberate for _, title in following[:1]))
        result.append(PageFill(number + 1, page_fraction(pgm), ends,
                               tuple(title for _, title in marks.get(number, []))))
    return result


def report(pdf: Path, pages: list[PageFill]) -> str:
    """Return a few lines about `pdf`: its pages' fills, exempt pages in brackets."""
    shown = " ".join(f"({p.fill:.0%})" if p.exempt else f"{p.fill:.0%}" for p in pages)
    rated = [p.fill for p in pages if not p.exempt]
    low = f"lowest {min(rated):.0%}" if rated else "no page rated"
    return f"{pdf.name}: {len(pages)} pages, {low}: {shown}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="+", type=Path)
    parser.add_argument("--min", type=float, default=None,
                        help="exit 1 when a page the rule covers is less full than this")
    parser.add_argument("--deliberate", action="append", default=[], metavar="HEADING",
                        help="a heading that starts a page on purpose (a service area or "
                             "outcome): the page before it is exempt; repeatable")
    args = parser.parse_args(argv)
    failed = False
    for pdf in args.pdfs:
        pages = page_fill(pdf, frozenset(args.deliberate))
        print(report(pdf, pages))
        if args.min is not None and any(p.fill < args.min for p in pages if not p.exempt):
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
