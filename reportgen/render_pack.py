"""Render a packed set (one with a Report to Cabinet): its documents, and the pack of them all.

Each document is laid out once, in parts: a long performance report or scorecard in its
chunks (`render_html.chunk_plan`), any other document whole. Every part is laid out at once,
each in a process of its own (`forks.in_two_phases`), and learns its page count and the
running strings (the page header's title) it sets. Each part is then told its page numbers
twice, within its document and within the pack, and writes its part of both; `merge_pdfs`
joins a document's parts into its PDF, and all the parts into the pack: a document's later
chunks' bookmarks under its title, the documents side by side. A document laid out whole
writes its own PDF while the other parts are still being laid out.

Every page of the pack reads as the same page of its own document, but for "Page n of m".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen import progress
from reportgen.build import LABEL, _prepare, pack_entry, pack_title
from reportgen.document import PerformanceReport, Scorecard
from reportgen.forks import in_two_phases
from reportgen.render_chunks import numbering
from reportgen.render_html import chunk_plan, render_html
from reportgen.render_pdf import lay_out, merge_pdfs, running_strings, write_part, write_pdf


@dataclass(frozen=True)
class Part:
    """Part `index` of document `document` (in the set's order), laying out `chunk` of it
    (None: the whole document)."""

    document: int
    index: int
    chunk: tuple[int, int] | None


def plan_parts(documents: list) -> list[Part]:
    """The parts every document of a pack is laid out in, in page order."""
    parts = []
    for number, document in enumerate(documents):
        plan = chunk_plan(document) if isinstance(document, (PerformanceReport, Scorecard)) \
            else []
        if len(plan) < 2:
            parts.append(Part(number, 0, None))
        else:
            parts.extend(Part(number, index, chunk) for index, chunk in enumerate(plan))
    return parts


def render_packed(report_set, documents: list, template_dir: Path,
                  jobs: int) -> list[tuple[dict, dict]]:
    """Return [({file name: bytes or text}, manifest entry)] for each of `documents` and then
    the pack. Parts run in processes of their own when `jobs` > 1; the bytes are the same
    either way."""
    parts = plan_parts(documents)
    title = pack_title(documents)

    def decide(learnt):  # every part is laid out
        progress.report("step", document=LABEL["pack"], step=f"PDF writing in {len(parts)} parts")
        return tell(parts, learnt)
    laid = in_two_phases([_part_job(report_set, documents, part, template_dir, title, len(parts))
                          for part in parts], decide, forked=jobs > 1)
    done = []
    for number, document in enumerate(documents):
        mine = [result for part, result in zip(parts, laid) if part.document == number]
        files, entry = mine[0][0], mine[0][1]
        own = [result[2] for result in mine]
        files[entry["files"]["pdf"]] = own[0] if len(own) == 1 else merge_pdfs(own)
        done.append((files, entry))
    progress.report("step", document=LABEL["pack"], step="PDF joining")
    entry = pack_entry(report_set, documents)
    pack = merge_pdfs([result[3] for result in laid],
                      nest=[part.index > 0 for part in parts])
    done.append(({entry["files"]["pdf"]: pack}, entry))
    return done


def tell(parts: list[Part], learnt: list[tuple[int, dict]]) -> list[tuple[tuple, tuple]]:
    """For each part, from every part's (page count, running strings): its numbering in its
    document and in the pack, each (first page, total pages, running strings inherited).
    Running strings carry on between the chunks of a document, never from one document into
    the next (each page keeps its own document's title)."""
    own: list = [None] * len(parts)
    for number in sorted({part.document for part in parts}):
        indexes = [i for i, part in enumerate(parts) if part.document == number]
        for i, told in zip(indexes, numbering([learnt[i] for i in indexes])):
            own[i] = told
    total, first, told = sum(count for count, _ in learnt), 1, []
    for (count, _), mine in zip(learnt, own):
        told.append((mine, (first, total, mine[2])))
        first += count
    return told


def _part_job(report_set, documents: list, part: Part, template_dir: Path, title: str,
              parts: int):
    """A part's job for `in_two_phases`. The document's first part also makes its HTML and
    DOCX files. Returns (files or None, manifest entry or None, its part of the document's
    PDF, its part of the pack). Progress: the pages laid out in all `parts` count as the
    pack's."""
    document = documents[part.document]

    def job():
        files = entry = None
        if part.index == 0:
            files, entry, html = _prepare(report_set, document, template_dir)
        if part.chunk is not None:
            html = render_html(document, template_dir, chunk=part.chunk)
        progress.report("step", document=LABEL["pack"], step=f"PDF layout in {parts} parts")
        pages = lay_out(html, template_dir, combinable=True)

        def rest(told):
            own = write_pdf(pages) if part.chunk is None else None
            (first, total, inherited), (pack_first, pack_total, _) = told()
            if own is None:
                own = write_part(pages, first, total, inherited)
            pack = write_part(pages, pack_first, pack_total, inherited,
                              title=title if pack_first == 1 else None)
            return files, entry, own, pack
        return (len(pages.pages), running_strings(pages)), rest
    return job
