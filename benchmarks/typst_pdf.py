"""Experiment: the performance report's PDF laid out by Typst instead of WeasyPrint.

    .venv/bin/pip install typst                      # not a reportgen dependency
    .venv/bin/python benchmarks/typst_pdf.py         # N = 40, 400 (and --sizes 4000)

For each N it generates a set (benchmarks/generate.py), composes the performance report with
the library (the same document model every renderer walks), and then, in this process, times
in CPU seconds (median of --runs):

- reportgen today: `render_pdf` (WeasyPrint, PDF/UA-1, finish_tagging);
- Typst (the `typst` package, its compiler built in) compiling benchmarks/typst/
  performance-report.typ with the report as JSON data, PDF/UA-1 (`pdf_standards=["ua-1"]`),
  plus reportgen's `finish_tagging` pass (TH /Scope), which the Typst column includes.

It then runs reportgen's own PDF checks (`accessibility.check_pdf`, and the `pdfua` checker
when installed) on both PDFs and prints what each one fails, so the cost of a port can be
judged by what it would have to fix. Nothing here is used by reportgen; no timing asserts.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
TEMPLATE = HERE / "typst" / "performance-report.typ"


def report_data(report, chart_svg) -> dict:
    """The performance report as JSON-able data for the Typst template."""

    def flow(blocks):
        return [{"kind": b.kind, "level": getattr(b, "level", 0),
                 "runs": [{"text": r.text, "bold": r.bold, "italic": r.italic}
                          for r in getattr(b, "runs", ())]}
                for b in blocks]

    return {
        "title": report.properties.title, "author": report.properties.author,
        "keywords": report.properties.keywords,
        "heading": report.heading or report.properties.title,
        "subtitle": report.properties.title if report.heading else None,
        "legend": list(report.legend),
        "parts": [{
            "name": part.name or "Summary of measures", "rated": part.rated,
            "unavailable": part.unavailable, "chart": chart_svg(part.chart),
            "alt": part.chart.alt,
            "tables": [{"title": table.title, "rows": [{
                "number": row.number, "measure": row.measure, "target": row.target,
                "position": row.position, "position_note": flow(row.position_note),
                "status": row.status.name, "symbol": row.status.symbol,
                "colour": row.status.colour, "text_colour": row.status.text_colour,
                "benchmarking": flow(row.benchmarking), "commentary": flow(row.commentary),
            } for row in table.rows]} for table in part.tables],
        } for part in report.parts],
    }


def compose_report(n: int, scratch: Path):
    from generate import generate

    from reportgen.compose import compose_documents

    from reportgen.rate import rate_report_set

    from reportgen.render import TEMPLATES
    from reportgen.read.workbook import require_report_set

    folder = scratch / f"set-{n}"
    generate(n, folder)
    report_set, _ = require_report_set(folder)
    documents = compose_documents(report_set, rate_report_set(report_set), TEMPLATES)
    return next(d for d in documents if d.kind == "performance-report")


def failures(path: Path) -> list[str]:
    from reportgen.accessibility import check_pdf, pdfua_findings

    found = [f.describe() for f in check_pdf(path)]
    pdfua = pdfua_findings(path)
    found += [f"pdfua: {f.describe()}" for f in pdfua or []]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[40, 400], metavar="N")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the PDFs here")
    args = parser.parse_args(argv)
    try:
        import typst
    except ImportError:
        print("needs the typst package: .venv/bin/pip install typst", file=sys.stderr)
        return 2
    import logging

    from experiments import pages, timed

    from reportgen.render import TEMPLATES
    from reportgen.render.charts import chart_svg
    from reportgen.render.html import render_html
    from reportgen.render.pdf import finish_tagging, render_pdf

    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
    source = TEMPLATE.read_bytes()
    print(f"typst (Python package) {getattr(typst, '__version__', '?')}\n")
    print("| N | WeasyPrint CPU | Typst CPU | WeasyPrint / Typst | pages, WeasyPrint / Typst | "
          "PDF bytes, WeasyPrint / Typst |")
    print("|---|---|---|---|---|---|")
    checks = {}
    with tempfile.TemporaryDirectory(prefix="reportgen-typst-") as scratch:
        out = args.keep or Path(scratch)
        out.mkdir(parents=True, exist_ok=True)
        for n in args.sizes:
            report = compose_report(n, Path(scratch))
            html = render_html(report, TEMPLATES)
            data = json.dumps(report_data(report, chart_svg))
            runs = args.runs if n < 4000 else 1
            weasy_s, weasy_pdf = timed(lambda: render_pdf(html, TEMPLATES), runs)
            typst_s, typst_pdf = timed(lambda: typst.compile(
                source, root=str(TEMPLATE.parent), sys_inputs={"data": data},
                pdf_standards=["ua-1"], timestamp=0), runs)
            finish_s, finished = timed(lambda: finish_tagging(typst_pdf), runs)
            paths = (out / f"weasyprint-{n}.pdf", out / f"typst-{n}.pdf",
                     out / f"typst-{n}-finished.pdf")
            for path, data in zip(paths, (weasy_pdf, typst_pdf, finished)):
                path.write_bytes(data)
            typst_s += finish_s
            print(f"| {n} | {weasy_s:.2f} s | {typst_s:.2f} s | {weasy_s / typst_s:.1f}× | "
                  f"{pages(weasy_pdf)} / {pages(typst_pdf)} | {len(weasy_pdf):,} / "
                  f"{len(typst_pdf):,} |", flush=True)
            engines = ("WeasyPrint", "Typst alone", "Typst + finish_tagging")
            checks[n] = {name: failures(path) for name, path in zip(engines, paths)}
    for n, found in checks.items():
        for engine, problems in found.items():
            print(f"\nN={n}, {engine}: reportgen's PDF checks: "
                  f"{'all pass' if not problems else f'{len(problems)} failed'}")
            for problem in problems[:15]:
                print(f"- {problem}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
