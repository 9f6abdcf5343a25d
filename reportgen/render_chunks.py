"""Lay a long performance report's PDF out in chunks, in parallel processes, and join them.

WeasyPrint lays a document out in one process, about 50 ms a page. A report of hundreds of
measures is cut at service-area boundaries (`render_html.chunk_plan`: the part that begins a
chunk begins a printed page, whatever the machine). Each chunk is laid out in a child process;
once every chunk knows its page count, each is told its first page number, the total and the
running header strings of the chunks before it, writes its tagged PDF, and `merge_pdfs` joins
them. The result reads as the whole report laid out at once: same pages, same page numbers,
one structure tree, one bookmark tree.
"""

from __future__ import annotations

from pathlib import Path

from reportgen import progress
from reportgen.forks import in_two_phases
from reportgen.render_html import chunk_plan, render_html
from reportgen.render_pdf import (KEEPS_CONTEXT, lay_out, merge_pdfs, running_strings,
                                  write_part)


def render_chunked_pdf(report, template_dir: Path, jobs: int, label: str = "") -> bytes | None:
    """Return the report's PDF laid out in chunks (in parallel processes when `jobs` > 1;
    then all chunks at once, as each waits for the others' page counts), or None when the
    report is one chunk, or the WeasyPrint is not the one `render_pdf.write_part` was checked
    against: then `render_pdf` lays it out whole (the same pages: the HTML carries the page
    breaks)."""
    plan = chunk_plan(report)
    if len(plan) < 2 or not KEEPS_CONTEXT:  # another WeasyPrint: laid out whole, same pages
        return None
    progress.report("step", document=label, step=f"PDF layout in {len(plan)} chunks")
    htmls = [render_html(report, template_dir, chunk=chunk) for chunk in plan]
    chunks = [_chunk_job(html, template_dir) for html in htmls]

    def decide(learnt):  # every chunk is laid out
        progress.report("step", document=label, step=f"PDF writing in {len(plan)} chunks")
        return numbering(learnt)
    return merge_pdfs(in_two_phases(chunks, decide, forked=jobs > 1))


def _chunk_job(html: str, template_dir: Path):
    """A chunk's job for `in_two_phases`: lay out, learn (page count, running strings); told
    the numbering, write the PDF part."""
    def job():
        document = lay_out(html, template_dir, combinable=True)
        return ((len(document.pages), running_strings(document)),
                lambda told: write_part(document, *told()))
    return job


def numbering(learnt: list[tuple[int, dict]]) -> list[tuple[int, int, dict]]:
    """(first page number, total pages, running strings inherited) for each of the parts of
    one document that learnt (page count, running strings set)."""
    total, first, inherited, out = sum(count for count, _ in learnt), 1, {}, []
    for count, own in learnt:
        out.append((first, total, dict(inherited)))
        first += count
        inherited.update(own)
    return out
