"""Render a set's documents as independent jobs: pieces, then finished PDFs.

A piece is one document's HTML and DOCX files, or one stretch of its PDF body: the whole
body, or a chunk of a long performance report or scorecard (`chunk_plan`: whole service
areas, or outcomes and the themes of a large outcome; the unit that begins a chunk begins a
printed page). No piece waits for another. Then each document's PDF is its pieces' bodies
joined and stamped with its running head and "Page n of N", and the pack is every
document's bodies joined and stamped with its own numbers: no page is laid out twice.

A body is cached in the set's cache folder by the hash of the HTML it was laid out from (the
stylesheet and images are inlined in it) and the engine's version, and so is a margin sheet:
a rebuild after one measure's commentary changed lays out only the chunk that holds it. The
same inputs give the same bytes from a clean or an incremental build.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from reportgen.document import CabinetReport, Dashboard, PerformanceReport, Scorecard

FORMATS = ("docx", "pdf", "html")
CHUNK_ROWS = 50   # a long document's PDF is laid out in chunks of at least this many rows,
MAX_CHUNKS = 8    # in no more than this many chunks, once it has 4 x CHUNK_ROWS rows
CHUNK_SETTING = "REPORTGEN_CHUNK_MEASURES"  # another CHUNK_ROWS (tests: small sets in chunks)


def chunk_rows() -> int:
    value = os.environ.get(CHUNK_SETTING, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else CHUNK_ROWS


def chunk_plan(report) -> list[tuple[int, int]]:
    """Return the (start, stop) ranges of units a performance report's or scorecard's PDF is
    laid out in: the performance report's units are its parts (service areas), the
    scorecard's its outcomes, an outcome larger than a chunk cut into its themes
    (`scorecard_units`).

    One range for a report under 4 x CHUNK_ROWS (200) measures (every sample set). A longer
    report is cut at unit boundaries into chunks of about max(CHUNK_ROWS, rows / MAX_CHUNKS)
    measures, which are laid out independently (and cached: a change to one measure lays out
    about 50 measures again); the unit that begins a chunk begins a printed page. The plan
    depends on the report alone, never on the machine, so the PDF is the same bytes
    everywhere.
    """
    rows = _unit_rows(report)
    if sum(rows) < 4 * chunk_rows():
        return [(0, len(rows))]
    target = _target(sum(rows))
    plan, start, count = [], 0, 0
    for index, size in enumerate(rows):
        count += size
        if count >= target and index + 1 < len(rows):
            plan.append((start, index + 1))
            start, count = index + 1, 0
    plan.append((start, len(rows)))
    return plan


def _target(rows: int) -> int:
    return max(chunk_rows(), -(-rows // MAX_CHUNKS))


def scorecard_units(scorecard) -> list[tuple[int, int, int]]:
    """The scorecard's units to cut between, as (outcome, first theme, stop theme): each
    outcome whole, or each of its themes where the outcome is larger than a chunk."""
    sizes = [[len(theme.rows) for theme in outcome.themes] for outcome in scorecard.outcomes]
    target = _target(sum(map(sum, sizes)))
    return [unit for o, themes in enumerate(sizes) for unit in (
        [(o, t, t + 1) for t in range(len(themes))] if sum(themes) > target
        else [(o, 0, len(themes))])]


def _unit_rows(report) -> list[int]:
    """Measures in each unit a report can be cut between (`chunk_plan`)."""
    if hasattr(report, "outcomes"):
        return [sum(len(t.rows) for t in report.outcomes[o].themes[first:stop])
                for o, first, stop in scorecard_units(report)]
    return [sum(len(table.rows) for table in part.tables) for part in report.parts]


def chunk_starts(report) -> set[int]:
    """The units that begin a chunk after the first (they begin a printed page)."""
    return {start for start, _ in chunk_plan(report)[1:]}


def scorecard_chunk(scorecard, chunk: tuple[int, int] | None
                    ) -> tuple[dict[int, set[int]], set[tuple[int, int]]]:
    """The themes of each outcome that `chunk` (None: the whole scorecard) holds, by outcome
    index, and the (outcome, theme) pairs that begin a chunk after the first (each begins a
    printed page)."""
    units = scorecard_units(scorecard)
    first, stop = chunk or (0, len(units))
    shown: dict[int, set[int]] = {}
    for o, start, end in units[first:stop]:
        shown.setdefault(o, set()).update(range(start, end))
    return shown, {units[i][:2] for i in chunk_starts(scorecard)}


@dataclass(frozen=True)
class Piece:
    """A job on document `index` (of the set, in pack order): its HTML and DOCX (`files`),
    and its PDF body (`body`) laid out whole (`chunk` None) or a chunk of it."""

    index: int
    chunk: tuple[int, int] | None
    files: bool
    body: bool = True


@dataclass(frozen=True)
class Finish:
    """A job: join the bodies of `pieces` (indexes into the set's pieces) and stamp them.
    `nest`: for each body, whether its bookmarks go under the previous body's title (a
    chunk) rather than beside it (a document's first body); `markings` the protective
    marking of each body's pages; `title`: the PDF's title when not its first body's;
    `lead`: for each body, how many of its first bookmarks continue the previous body's last
    section (a scorecard chunk beginning at a theme: its themes go under their outcome)."""

    name: str
    pieces: tuple[int, ...]
    nest: tuple[bool, ...]
    markings: tuple[str, ...]
    title: str | None = None
    lead: tuple[int, ...] = ()


def plan_pieces(documents: list, formats: tuple[str, ...] = FORMATS) -> list[Piece]:
    """Every document's pieces in page order: a long report or scorecard as its files, then
    its chunks; any other document whole, files and body from the same HTML. Only the work
    `formats` need is planned: no PDF body without "pdf", no files without "docx" or "html"."""
    files, body = bool({"docx", "html"} & set(formats)), "pdf" in formats
    pieces = []
    for index, document in enumerate(documents):
        plan = chunk_plan(document) if isinstance(document, (PerformanceReport, Scorecard)) \
            else []
        if len(plan) < 2:
            pieces.append(Piece(index, None, files, body))
            continue
        if files:
            pieces.append(Piece(index, None, True, body=False))
        if body:
            pieces.extend(Piece(index, chunk, False) for chunk in plan)
    return pieces


def _continued(document, chunk: tuple[int, int] | None) -> int:
    """How many themes a scorecard chunk opens with whose outcome began in the chunk before
    (their bookmarks go under that outcome's)."""
    if chunk is None or not isinstance(document, Scorecard):
        return 0
    shown, _ = scorecard_chunk(document, chunk)
    first = min(shown, default=None)
    return 0 if first is None or 0 in shown[first] else len(shown[first])


def marking(document) -> str:
    return "Confidential" if getattr(document, "confidential", False) else ""


def plan_finishes(documents: list, pieces: list[Piece], names: list[str],
                  pack: tuple[str, str] | None) -> list[Finish]:
    """A finishing job for each document's PDF (`names`: its file name) and, with `pack`
    (file name, title), one for the pack."""
    def finish(name, chosen, title=None):
        nest = [False] + [pieces[a].index == pieces[b].index for a, b in zip(chosen, chosen[1:])]
        return Finish(name, tuple(chosen), tuple(nest),
                      tuple(marking(documents[pieces[i].index]) for i in chosen), title,
                      tuple(_continued(documents[pieces[i].index], pieces[i].chunk)
                            for i in chosen))
    bodies = [i for i, piece in enumerate(pieces) if piece.body]
    finishes = [finish(name, [i for i in bodies if pieces[i].index == index])
                for index, name in enumerate(names)]
    if pack is not None:
        finishes.append(finish(pack[0], bodies, pack[1]))
    return finishes


def _cached(cache: Path | None, kind: str, source: str, make) -> bytes:
    """`make()`'s bytes, kept in `cache` under the hash of `source`, from which they are made,
    and of the code and libraries that make them (`cache.code_digest`)."""
    if cache is None:
        return make()
    from reportgen.cache import code_digest, keep, kept

    key = hashlib.sha256(f"{kind} {code_digest()}\n{source}".encode()).hexdigest()
    path = cache / f"{kind}-{key}.pdf"
    data = kept(path)
    if data is None:
        data = make()
        keep(path, data)
    return data


def render_piece(document, piece: Piece, stem: str, template_dir: Path,
                 cache: Path | None = None, formats: tuple[str, ...] = FORMATS
                 ) -> tuple[dict[str, bytes | str], bytes | None]:
    """Return (the HTML and DOCX files of `formats` when `piece.files`, the tagged PDF body
    when `piece.body`). A PDF body is laid out from the HTML, made for it when no HTML file
    is wanted."""
    from reportgen.render import charts
    from reportgen.render.html import render_html
    from reportgen.render.pdf import lay_out_body

    charts.keep_in(cache)
    files: dict[str, bytes | str] = {}
    html = None
    if piece.files and "html" in formats:
        html = files[f"{stem}.html"] = render_html(document, template_dir)
    if piece.files and "docx" in formats:
        files[f"{stem}.docx"] = render_docx(document, template_dir)
    if not piece.body:
        return files, None
    if piece.chunk is not None or html is None:
        html = render_html(document, template_dir, chunk=piece.chunk)
    return files, _cached(cache, "body", html, lambda: lay_out_body(html, template_dir))


def render_docx(document, template_dir: Path) -> bytes:
    from reportgen.render import docx as docx

    if isinstance(document, Scorecard):
        return docx.render_scorecard_docx(document, template_dir)
    if isinstance(document, CabinetReport):
        return docx.render_cabinet_docx(document, template_dir)
    from reportgen.render.charts import chart_png

    if isinstance(document, Dashboard):
        return docx.render_dashboard_docx(document, chart_png, template_dir)
    return docx.render_docx(document, chart_png, template_dir)


def finish_pdf(bodies: list[bytes], finish: Finish, template_dir: Path,
               cache: Path | None = None) -> bytes:
    """Return the finished PDF of `finish`: its `bodies` joined, each page stamped."""
    from reportgen.render.pdf_assemble import furniture, joined, page_count, stamp
    from reportgen.render.pdf import lay_out_sheet, sheet_html

    markings = [mark for data, mark in zip(bodies, finish.markings)
                for _ in range(page_count(data))]
    with joined(bodies, list(finish.nest), list(finish.lead)) as body:  # written once, when stamped
        html = sheet_html(furniture(body, markings), template_dir)
        sheet = _cached(cache, "sheet", html, lambda: lay_out_sheet(html, template_dir))
        return stamp(body, sheet, finish.title)
