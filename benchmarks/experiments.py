"""Try proposed speed-ups against the library's real output, without changing the library.

    .venv/bin/python benchmarks/experiments.py            # N = 400
    .venv/bin/python benchmarks/experiments.py 40 --only pdf charts

Each experiment renders what reportgen renders today and a variant of it, and prints the
times side by side (median of `--runs`, after one untimed warm-up), so a proposed change in
benchmarks/README.md comes with its evidence:

- pdf: the performance report's HTML through `render_pdf`, and variants made by appending CSS
  to its stylesheet (rows allowed to break, separate borders, no running header/footer, tables
  laid out as blocks, `table-layout: auto`) or by dropping PDF/UA tagging;
- charts: each chart drawn as today (a figure for the PNG and another for the SVG, each with
  tight_layout), one figure saved twice, and fixed margins instead of tight_layout;
- parallel: the same PDF rendered twice one after the other, then in two processes at once;
- tags: WeasyPrint's `pdf.page_references`, which the PDF/UA tagger reads once per tagged box
  and which rebuilds a tuple of every page each time (cost per call against page count);
- tagfix: the PDF rendered with that property cached (patched here only), same bytes or not;
- finish: reportgen's own pikepdf post-pass (`finish_tagging`) split into its parts;
- rebuild: hashing the inputs and templates, what a "nothing changed" check would cost.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
try:  # the installed reportgen (editable: this tree), or a snapshot on PYTHONPATH
    import reportgen  # noqa: F401
except ImportError:
    sys.path.insert(0, str(HERE.parent))

WARM_UP = True  # one untimed call before timing (off with --no-warm-up, for large N)

CSS_VARIANTS = {
    "rows may break across pages (tr break-inside: auto)": "tr { break-inside: auto; }",
    "border-collapse: separate": "table { border-collapse: separate; border-spacing: 0; }",
    "no running header/footer (@page margin boxes)":
        "@page { @top-left { content: none; } @bottom-center { content: none; } }",
    "no running header (string(doctitle)) only": "@page { @top-left { content: none; } }",
    "footer \"Page N\" without \"of M\" (no counter(pages))":
        "@page { @bottom-center { content: \"Page \" counter(page); } }",
    "table-layout: auto (instead of fixed)": "table { table-layout: auto; }",
    "tables as blocks (no table layout; upper bound)":
        "table, thead, tbody, tr, th, td, caption, colgroup { display: block; }"
        " col { display: none; }",
}


def timed(function, runs: int) -> tuple[float, object]:
    """Return (median CPU seconds of `runs` calls after one untimed call, the last result).

    CPU time of this process (time.process_time), not wall time: every experiment here is
    single-threaded, and CPU time is not inflated when other work shares the machine.
    """
    result = function() if WARM_UP else None
    times = []
    for _ in range(runs):
        started = time.process_time()
        result = function()
        times.append(time.process_time() - started)
    return statistics.median(times), result


def pages(pdf: bytes) -> int | str:
    """Return the page count (pdfinfo), or "?" without poppler-utils."""
    import shutil
    import subprocess

    if not shutil.which("pdfinfo"):
        return "?"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        info = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True).stdout
    return next((int(line.split()[1]) for line in info.splitlines()
                 if line.startswith("Pages:")), "?")


def composed(folder: Path):
    from reportgen.compose import compose_documents
    from reportgen.rate import rate_report_set
    from reportgen.render import TEMPLATES
    from reportgen.read.workbook import require_report_set

    report_set, _ = require_report_set(folder)
    ratings = rate_report_set(report_set)
    return compose_documents(report_set, ratings, TEMPLATES)


def experiment_pdf(documents, runs: int) -> None:
    from weasyprint import HTML

    from reportgen.render import TEMPLATES
    from reportgen.render.html import render_html
    from reportgen.render.pdf import BundledOnlyFetcher, render_pdf

    report = next(d for d in documents if d.kind == "performance-report")
    html = render_html(report, TEMPLATES)
    base, pdf = timed(lambda: render_pdf(html, TEMPLATES), runs)
    print("\n## PDF variants (performance report)\n")
    print("| variant | CPU seconds | vs today | pages |\n|---|---|---|---|")
    print(f"| today (`render_pdf`) | {base:.2f} | 1.00 | {pages(pdf)} |")
    for name, css in CSS_VARIANTS.items():
        variant = html.replace("</style>", css + "\n</style>", 1)
        seconds, pdf = timed(lambda: render_pdf(variant, TEMPLATES), runs)
        print(f"| {name} | {seconds:.2f} | {seconds / base:.2f} | {pages(pdf)} |")

    def untagged():
        fetcher = BundledOnlyFetcher(TEMPLATES)
        return HTML(string=html, base_url=str(TEMPLATES) + "/",
                    url_fetcher=fetcher).write_pdf(uncompressed_pdf=False)

    seconds, pdf = timed(untagged, runs)
    print(f"| no PDF/UA variant (untagged; not a proposal) | {seconds:.2f} | "
          f"{seconds / base:.2f} | {pages(pdf)} |")

    def phases():
        fetcher = BundledOnlyFetcher(TEMPLATES)
        started = time.process_time()
        document = HTML(string=html, base_url=str(TEMPLATES) + "/", url_fetcher=fetcher)
        parsed = time.process_time()
        rendered = document.render(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
        laid_out = time.process_time()
        rendered.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
        done = time.process_time()
        return parsed - started, laid_out - parsed, done - laid_out

    parse, layout, write = phases()
    print(f"\nWithout the profiler, one render splits into (CPU): parse {parse:.2f} s, "
          f"style + boxes + layout (`HTML.render`) {layout:.2f} s, "
          f"draw + tags + fonts + write (`Document.write_pdf`) {write:.2f} s.")


def experiment_charts(documents, runs: int) -> None:
    import io

    from matplotlib.figure import Figure

    from reportgen.render import charts

    found = [part.chart for d in documents for part in getattr(d, "parts", ())]
    if not found:
        print("\n(no charts in these documents)")
        return

    def today():
        charts.chart_png.cache_clear()
        charts.chart_svg.cache_clear()
        for chart in found:
            charts.chart_png(chart)
            charts.chart_svg(chart)

    def one_figure():
        for chart in found:
            figure = charts._figure(chart)
            figure.savefig(io.BytesIO(), format="png", metadata={"Software": None})
            figure.savefig(io.StringIO(), format="svg", metadata={"Date": None, "Creator": None})

    def fixed_margins():
        original = Figure.tight_layout
        Figure.tight_layout = lambda self, *a, **k: self.subplots_adjust(
            left=0.12, right=0.98, top=0.88, bottom=0.14)
        try:
            one_figure()
        finally:
            Figure.tight_layout = original

    base, _ = timed(today, runs)
    print(f"\n## Charts ({len(found)} charts, PNG + SVG each)\n")
    print("| variant | CPU seconds | per chart | vs today |\n|---|---|---|---|")
    for name, function in (("today (two figures, tight_layout each)", today),
                           ("one figure saved as PNG and SVG", one_figure),
                           ("one figure, fixed margins (no tight_layout)", fixed_margins)):
        seconds = base if function is today else timed(function, runs)[0]
        print(f"| {name} | {seconds:.2f} | {seconds / len(found) * 1000:.0f} ms | "
              f"{seconds / base:.2f} |")


def _render_in_worker(html: str) -> float:
    from reportgen.render import TEMPLATES
    from reportgen.render.pdf import render_pdf

    started = time.perf_counter()
    render_pdf(html, TEMPLATES)
    return time.perf_counter() - started


def experiment_parallel(documents) -> None:
    from reportgen.render import TEMPLATES
    from reportgen.render.html import render_html

    report = next(d for d in documents if d.kind == "performance-report")
    html = render_html(report, TEMPLATES)
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        list(pool.map(_render_in_worker, ["<p>warm</p>", "<p>warm</p>"]))  # import, fonts
        started = time.perf_counter()
        for _ in range(2):
            pool.submit(_render_in_worker, html).result()
        sequential = time.perf_counter() - started
        started = time.perf_counter()
        list(pool.map(_render_in_worker, [html, html]))
        parallel = time.perf_counter() - started
    print("\n## Two PDFs: one after the other vs two processes (2 CPUs)\n")
    print(f"sequential {sequential:.2f} s, parallel {parallel:.2f} s: "
          f"{sequential / parallel:.2f}× faster")


def cached_page_references(self):
    """pydyf's `PDF.page_references`, rebuilt only when a page was added (the proposed fix)."""
    kids = self.pages["Kids"]
    cache = self.__dict__.get("_page_references")
    if cache is None or cache[0] != len(kids):
        cache = (len(kids), tuple(f"{n} 0 R".encode("ascii") for n in kids[::3]))
        self.__dict__["_page_references"] = cache
    return cache[1]


def experiment_tagfix(documents, runs: int) -> None:
    import pydyf

    from reportgen.render import TEMPLATES
    from reportgen.render.html import render_html
    from reportgen.render.pdf import render_pdf

    report = next(d for d in documents if d.kind == "performance-report")
    html = render_html(report, TEMPLATES)
    base, pdf = timed(lambda: render_pdf(html, TEMPLATES), runs)
    original = pydyf.PDF.page_references
    pydyf.PDF.page_references = property(cached_page_references)
    try:
        fixed, fixed_pdf = timed(lambda: render_pdf(html, TEMPLATES), runs)
    finally:
        pydyf.PDF.page_references = original
    print("\n## PDF with `page_references` cached (pydyf/WeasyPrint patch, experiment only)\n")
    print("| variant | CPU seconds | vs today | pages | same bytes |\n|---|---|---|---|---|")
    print(f"| today | {base:.2f} | 1.00 | {pages(pdf)} | |")
    print(f"| page_references cached | {fixed:.2f} | {fixed / base:.2f} | {pages(fixed_pdf)} | "
          f"{'yes' if fixed_pdf == pdf else 'no'} |")


def experiment_finish(documents, runs: int) -> None:
    """Split reportgen's `finish_tagging` pikepdf pass into open+save, tree walk, streams."""
    import io

    import pikepdf
    from weasyprint import HTML

    from reportgen.render import pdf as module
    from reportgen.render import TEMPLATES
    from reportgen.render.html import render_html

    if not hasattr(module, "finish_tagging"):
        print("\n(render_pdf has no finish_tagging pass)")
        return
    report = next(d for d in documents if d.kind == "performance-report")
    html = render_html(report, TEMPLATES)
    raw = HTML(string=html, base_url=str(TEMPLATES) + "/",
               url_fetcher=module.BundledOnlyFetcher(TEMPLATES)).write_pdf(
        pdf_variant="pdf/ua-1", uncompressed_pdf=False)

    def open_and_save():
        with pikepdf.open(io.BytesIO(raw)) as pdf:
            out = io.BytesIO()
            pdf.save(out, deterministic_id=True, compress_streams=True,
                     object_stream_mode=pikepdf.ObjectStreamMode.generate)
            return out.getvalue()

    def without_streams():
        original = module._furniture_to_artifacts
        module._furniture_to_artifacts = lambda *args: None
        try:
            return module.finish_tagging(raw)
        finally:
            module._furniture_to_artifacts = original

    full, _ = timed(lambda: module.finish_tagging(raw), runs)
    print("\n## reportgen `finish_tagging` (pikepdf post-pass), split\n")
    print("| variant | CPU seconds | share |\n|---|---|---|")
    print(f"| whole pass today | {full:.2f} | 100% |")
    for name, function in (("pikepdf open + save only", open_and_save),
                           ("without rewriting page content streams", without_streams)):
        seconds, _ = timed(function, runs)
        print(f"| {name} | {seconds:.2f} | {seconds / full:.0%} |")


def experiment_tags() -> None:
    import pydyf

    print("\n## WeasyPrint `pdf.page_references` (read once per tagged box by pdf/tags.py)\n")
    print("| pages | µs per call |\n|---|---|")
    for count in (20, 200, 2000):
        pdf = pydyf.PDF()
        for _ in range(count):
            pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
        calls = 2000
        started = time.perf_counter()
        for _ in range(calls):
            pdf.page_references[0]
        print(f"| {count} | {(time.perf_counter() - started) / calls * 1e6:.0f} |")


def experiment_rebuild(folder: Path) -> None:
    from reportgen.render import TEMPLATES

    files = sorted(folder.glob("*.xlsx")) + sorted(p for p in TEMPLATES.rglob("*") if p.is_file())
    started = time.perf_counter()
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    seconds = time.perf_counter() - started
    size = sum(p.stat().st_size for p in files)
    print(f"\n## Unchanged-rebuild check\n\nhashing the {len(files)} input and template files "
          f"({size / 1e6:.1f} MB): {seconds * 1000:.1f} ms")


def main(argv: list[str] | None = None) -> int:
    from generate import generate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=400, metavar="N")
    parser.add_argument("--runs", type=int, default=1, help="timed runs per variant (median)")
    parser.add_argument("--themes", action="store_true")
    parser.add_argument("--only", nargs="+", default=["pdf", "tagfix", "finish", "charts",
                                                      "parallel", "tags", "rebuild"],
                        help="experiments to run (default: all)")
    parser.add_argument("--no-warm-up", action="store_true",
                        help="time the first call too (saves a render at large N)")
    args = parser.parse_args(argv)
    global WARM_UP
    WARM_UP = not args.no_warm_up
    with tempfile.TemporaryDirectory(prefix="reportgen-experiments-") as scratch:
        folder = Path(scratch) / f"set-{args.n}"
        generate(args.n, folder, themes=args.themes)
        documents = composed(folder)
        print(f"# Experiments, N={args.n}, documents: {', '.join(d.kind for d in documents)}")
        if "pdf" in args.only:
            experiment_pdf(documents, args.runs)
        if "charts" in args.only:
            experiment_charts(documents, max(args.runs, 3))
        if "parallel" in args.only:
            experiment_parallel(documents)
        if "tags" in args.only:
            experiment_tags()
        if "tagfix" in args.only:
            experiment_tagfix(documents, args.runs)
        if "finish" in args.only:
            experiment_finish(documents, max(args.runs, 3))
        if "rebuild" in args.only:
            experiment_rebuild(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
