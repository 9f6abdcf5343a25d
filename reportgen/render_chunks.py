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

import os
import signal
from multiprocessing.connection import Pipe
from pathlib import Path

from reportgen import progress
from reportgen.forks import die_with_parent, picklable
from reportgen.render_html import chunk_plan, render_html
from reportgen.render_pdf import (KEEPS_CONTEXT, lay_out, merge_pdfs, running_strings,
                                  write_part)


def render_chunked_pdf(report, template_dir: Path, jobs: int, label: str = "") -> bytes | None:
    """Return the report's PDF laid out in chunks (in up to `jobs` processes; all chunks at
    once when there are more, as each waits for the others' page counts), or None when the
    report is one chunk, or the WeasyPrint is not the one `render_pdf.combine` was checked
    against: then `render_pdf` lays it out whole (the same pages: the HTML carries the page
    breaks)."""
    plan = chunk_plan(report)
    if len(plan) < 2 or not KEEPS_CONTEXT:  # another WeasyPrint: laid out whole, same pages
        return None
    progress.report("step", document=label, step=f"PDF in {len(plan)} chunks")
    htmls = [render_html(report, template_dir, chunk=chunk) for chunk in plan]
    if jobs < 2 or not hasattr(os, "fork"):
        laid = [lay_out(html, template_dir, combinable=True) for html in htmls]
        counts = [len(document.pages) for document in laid]
        strings = [running_strings(document) for document in laid]
        return merge_pdfs([write_part(document, *numbering)
                           for document, numbering in zip(laid, _numbering(counts, strings))])
    return merge_pdfs(_in_children(htmls, template_dir))


def _numbering(counts: list[int], strings: list[dict]) -> list[tuple[int, int, dict]]:
    """(first page number, total pages, running strings inherited) for each chunk."""
    total, first, inherited, out = sum(counts), 1, {}, []
    for count, own in zip(counts, strings):
        out.append((first, total, dict(inherited)))
        first += count
        inherited.update(own)
    return out


def _in_children(htmls: list[str], template_dir: Path) -> list[bytes]:
    """Lay each chunk out in a child; hand out the numbering; collect the PDFs, in order."""
    children = []  # (pid, parent's end of the pipe)
    try:
        for html in htmls:
            ours, theirs = Pipe()
            pid = os.fork()
            if pid == 0:  # the child: whatever happens, it never returns into the parent's code
                try:
                    die_with_parent()
                    ours.close()
                    _child(theirs, html, template_dir)
                finally:
                    os._exit(0)
            theirs.close()
            children.append((pid, ours))
        laid = [_receive(pid, connection) for pid, connection in children]
        for (_, connection), numbering in zip(children, _numbering(*zip(*laid))):
            connection.send(numbering)
        return [_receive(pid, connection) for pid, connection in children]
    finally:
        for pid, connection in children:
            connection.close()
            try:
                os.kill(pid, signal.SIGKILL)  # all have finished, unless something failed
                os.waitpid(pid, 0)
            except OSError:
                pass


def _child(connection, html: str, template_dir: Path) -> None:
    """In a child: lay the chunk out, report (page count, running strings), wait for the
    numbering, send the PDF (or the exception). The caller exits the child."""
    try:
        document = lay_out(html, template_dir, combinable=True)
        connection.send((True, (len(document.pages), running_strings(document))))
        first, total, inherited = connection.recv()
        connection.send((True, write_part(document, first, total, inherited)))
    except BaseException as exc:  # noqa: BLE001 — raised in the parent
        connection.send((False, picklable(exc)))


def _receive(pid: int, connection):
    try:
        ok, value = connection.recv()
    except EOFError:
        raise ChildProcessError(f"a chunk's process (pid {pid}) ended without a result "
                                "(most likely the memory limit)") from None
    if not ok:
        raise value
    return value
