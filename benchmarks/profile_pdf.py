"""Profile the PDF stage (WeasyPrint) for a generated set, and say where its time goes.

    .venv/bin/python benchmarks/profile_pdf.py            # N = 400, the performance report
    .venv/bin/python benchmarks/profile_pdf.py 40 --themes --top 40 --save /tmp/pdf.prof

Generates the set (benchmarks/generate.py), reads, rates and composes it with the library, renders
each document's HTML, then runs `render_pdf` once untimed (fonts, caches) and once under
cProfile. It prints the top functions by cumulative time and WeasyPrint's phases: HTML parse,
style (CSS cascade), boxes, layout (with table layout and text shaping inside it), draw, fonts
(subsetting and embedding), tags (PDF/UA structure tree) and writing the PDF file.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
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

# (phase, file suffix, function name): cumulative time of that function in the profile.
# Phases nest where noted; the table says "within layout" so nobody adds them up twice.
PHASES = [
    ("HTML parse (tinyhtml5)", "weasyprint/__init__.py", "_find_base_url"),
    ("HTML parse (tinyhtml5)", "tinyhtml5/parser.py", "parse"),
    ("style: CSS cascade and computed values", "weasyprint/css/__init__.py",
     "get_all_computed_styles"),
    ("style: CSS cascade and computed values", "weasyprint/css/__init__.py",
     "set_computed_styles"),
    ("boxes: formatting structure", "weasyprint/formatting_structure/build.py",
     "build_formatting_structure"),
    ("layout (all)", "weasyprint/layout/__init__.py", "layout_document"),
    ("  within layout: table layout", "weasyprint/layout/table.py", "table_layout"),
    ("  within layout: auto table widths", "weasyprint/layout/table.py", "auto_table_layout"),
    ("  within layout: preferred widths (min/max-content)", "weasyprint/layout/preferred.py",
     "table_and_columns_preferred_widths"),
    ("  within layout: inline/line boxes", "weasyprint/layout/inline.py", "iter_line_boxes"),
    ("  within layout: Pango line breaking (split_first_line)",
     "weasyprint/text/line_break.py", "split_first_line"),
    ("  within layout: page breaks re-layout (remake_page)", "weasyprint/layout/page.py",
     "remake_page"),
    ("draw: page content streams", "weasyprint/draw/__init__.py", "draw_page"),
    ("fonts: configuration (fontconfig)", "weasyprint/text/fonts.py", "__init__"),
    ("fonts: subset and embed", "weasyprint/pdf/fonts.py", "build_fonts_dictionary"),
    ("tags: PDF/UA structure tree", "weasyprint/pdf/tags.py", "add_tags"),
    ("PDF: generate (draw + fonts + tags + objects)", "weasyprint/pdf/__init__.py",
     "generate_pdf"),
    ("PDF: serialise (pydyf write)", "pydyf/__init__.py", "write"),
    ("reportgen finish_tagging: pikepdf re-open, rewrite page streams, re-save",
     "reportgen/render_pdf.py", "finish_tagging"),
    ("  within finish_tagging: parse/unparse content streams", "reportgen/render_pdf.py",
     "_furniture_to_artifacts"),
]


def documents_html(folder: Path):
    """Return [(kind, html)] for every document the library composes for `folder`."""
    from reportgen.compose import compose_documents
    from reportgen.rate import rate_report_set
    from reportgen.render import TEMPLATES
    from reportgen.read.workbook import require_report_set
    from reportgen.render.html import render_html

    report_set, _ = require_report_set(folder)
    ratings = rate_report_set(report_set)
    return [(d.kind, render_html(d, TEMPLATES)) for d in
            compose_documents(report_set, ratings, TEMPLATES)]


def phase_times(stats: pstats.Stats) -> list[tuple[str, float]]:
    """Return (phase, seconds) from the cumulative times of the PHASES functions."""
    found: dict[str, float] = {}
    for (filename, _, name), (_, _, _, cumulative, _) in stats.stats.items():
        for phase, suffix, function in PHASES:
            if name == function and filename.replace("\\", "/").endswith(suffix):
                # A phase named twice keeps its larger entry (the outer call).
                found[phase] = max(found.get(phase, 0.0), cumulative)
    return [(phase, found[phase]) for phase in dict.fromkeys(p for p, _, _ in PHASES)
            if phase in found]


def main(argv: list[str] | None = None) -> int:
    from generate import generate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=400, metavar="N")
    parser.add_argument("--themes", action="store_true", help="measures get outcomes and themes")
    parser.add_argument("--kind", default="performance-report",
                        help="document kind to profile (default performance-report)")
    parser.add_argument("--top", type=int, default=25, help="functions to list (default 25)")
    parser.add_argument("--save", type=Path, help="write the raw profile (for snakeviz etc.)")
    args = parser.parse_args(argv)

    from reportgen.render import TEMPLATES
    from reportgen.render.pdf import render_pdf

    with tempfile.TemporaryDirectory(prefix="reportgen-profile-") as scratch:
        folder = Path(scratch) / f"set-{args.n}"
        generate(args.n, folder, themes=args.themes)
        documents = dict(documents_html(folder))
    html = documents.get(args.kind)
    if html is None:
        print(f"no {args.kind} document; this set has: {', '.join(documents)}", file=sys.stderr)
        return 2
    started = time.process_time()
    render_pdf(html, TEMPLATES)  # warm: fontconfig, font files, CSS of the user agent
    warm = time.process_time() - started
    # CPU time, not wall time: phases keep their shares when other work shares the machine.
    profiler = cProfile.Profile(time.process_time)
    started = time.process_time()
    profiler.enable()
    pdf = render_pdf(html, TEMPLATES)
    profiler.disable()
    elapsed = time.process_time() - started
    if args.save:
        profiler.dump_stats(args.save)

    from experiments import pages

    print(f"# PDF stage profile: N={args.n}, {args.kind}, {len(html):,} characters of HTML, "
          f"{len(pdf):,} bytes of PDF, {pages(pdf)} pages\n")
    print(f"first (warm-up) render {warm:.2f} s CPU; profiled render {elapsed:.2f} s CPU under "
          "cProfile (which adds overhead: compare phases with each other, not with the "
          "benchmark)\n")
    stats = pstats.Stats(profiler)
    total = max(cumulative for (_, _, _, cumulative, _) in stats.stats.values())
    print("## WeasyPrint phases (cumulative CPU seconds under cProfile)\n")
    print("| phase | seconds | share |\n|---|---|---|")
    for phase, seconds in phase_times(stats):
        print(f"| {phase} | {seconds:.2f} | {seconds / total:.0%} |")
    print(f"\n## Top {args.top} functions by cumulative time\n\n```")
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).strip_dirs().sort_stats("cumulative").print_stats(
        args.top)
    print(buffer.getvalue().split("\n\n", 1)[-1].strip())
    print("```")
    buffer = io.StringIO()
    print(f"\n## Top {args.top} functions by own (tottime) time\n\n```")
    pstats.Stats(profiler, stream=buffer).strip_dirs().sort_stats("tottime").print_stats(
        args.top)
    print(buffer.getvalue().split("\n\n", 1)[-1].strip())
    print("```")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
