"""Draw charts (matplotlib lives here only): counts of measures by status, and a measure's
trend by month (the dashboard) with its target and benchmarks as labelled reference lines
(told apart by line style and label, never by colour alone).

Figures are built without pyplot (no global state, no GUI backend) and written with fixed
metadata, so the same chart gives the same bytes. Every text is drawn as typed: a service
area named "$5 and $6" or "$\\frac{1}{2}$" is not mathematics (mathtext off, TeX off).
"""

from __future__ import annotations

import hashlib
import io
import textwrap
from functools import lru_cache
from pathlib import Path

from reportgen.document import Chart, Trend

# DejaVu Sans carries the status symbols (★ ● ■ □) that Liberation Sans lacks.
FONT = ["Liberation Sans", "DejaVu Sans", "sans-serif"]
# Officers' words (service area names in titles, status names in tick labels) are text, never
# mathtext or TeX: "$...$" would be typeset in italics, and a backslash inside it can stop the
# build. Every Text the figure makes takes `parse_math` from here.
LITERAL_TEXT = {"text.parse_math": False, "text.usetex": False}


def _new_figure(size: tuple[float, float]):
    import matplotlib

    matplotlib.rcParams.update({"font.family": FONT, **LITERAL_TEXT,
                                "svg.hashsalt": "reportgen", "svg.fonttype": "none"})
    from matplotlib.figure import Figure

    return Figure(figsize=size, dpi=150)


# A trend's reference lines: (line style, colour) for the target, then each benchmark.
REFERENCE_STYLES = (("--", "#0B0C0C"), (":", "#505A5F"), ("-.", "#505A5F"),
                    ((0, (5, 1, 1, 1, 1, 1)), "#505A5F"))


# A trend's text size: the chart prints about 130 mm wide (two to a landscape page, 5.6 in
# drawn), so 8.5 pt prints at about 8 pt, as the tables' text.
TEXT_PT = 8.5
LEGEND_CHARACTERS = 22  # a legend label wraps to lines of this many characters at most


def reference_lines(trend: Trend) -> list[tuple[str, object]]:
    """The target's and benchmarks' lines as (legend label, value): references at the same
    value are one line with one label ("Stat. neighbours and National 23.4%"), as two lines
    drawn one on the other would show one and list both."""
    lines = ([("Target", *trend.target)] if trend.target else []) + list(trend.references)
    merged: dict[object, tuple[list[str], str]] = {}
    for name, value, text in lines:
        merged.setdefault(value, ([], text))[0].append(name)
    return [(textwrap.fill(f"{' and '.join(names)} {text}", LEGEND_CHARACTERS), value)
            for value, (names, text) in merged.items()]


def _trend_figure(trend: Trend):
    fig = _new_figure((5.6, 2.7))
    ax = fig.add_subplot()
    labels = [period for period, _, _ in trend.points]
    values = [float(value) if value is not None else float("nan")
              for _, value, _ in trend.points]
    ax.plot(range(len(labels)), values, color="#1D70B8", marker="o", linewidth=2,
            markersize=4, label="Value")
    for (label, value), (style, colour) in zip(reference_lines(trend), REFERENCE_STYLES):
        ax.axhline(float(value), linestyle=style, color=colour, linewidth=1.2, label=label)
    ax.set_xticks(range(len(labels)), labels, fontsize=TEXT_PT, rotation=45, ha="right")
    ax.tick_params(axis="y", labelsize=TEXT_PT)
    if trend.unit == "%":
        ax.yaxis.set_major_formatter("{x:g}%")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=TEXT_PT, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    # The measure's name heads the chart in every format, so the figure has no title.
    fig.subplots_adjust(left=0.09, right=0.66, top=0.95, bottom=0.26)
    return fig


def _figure(chart: Chart | Trend):
    if isinstance(chart, Trend):
        return _trend_figure(chart)
    fig = _new_figure((5.0, 2.4))
    ax = fig.add_subplot()
    labels = [f"{c.status.symbol} {c.status.name}" for c in chart.counts]
    counts = [c.count for c in chart.counts]
    colours = ["#" + c.status.colour for c in chart.counts]
    bars = ax.bar(labels, counts, color=colours, edgecolor="#0B0C0C", linewidth=0.8)
    for bar, count in zip(bars, counts):
        ax.annotate(str(count), (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    ha="center", va="bottom", fontsize=10, xytext=(0, 2),
                    textcoords="offset points")
    ax.set_ylabel("Measures")
    ax.set_ylim(0, max(counts + [1]) * 1.25)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(chart.title, fontsize=10, loc="left")
    # Fixed margins: the labels are short fixed strings, and tight_layout cost 44% of a
    # chart's time (benchmarks/README.md).
    fig.subplots_adjust(left=0.12, right=0.98, top=0.86, bottom=0.14)
    return fig


_CACHE: list[Path] = []  # where a build keeps drawn charts (`keep_in`), if anywhere


def keep_in(cache: Path | None) -> None:
    """Keep the charts this process draws in the cache folder `cache` (None: nowhere), by
    the hash of the chart and of reportgen's code: a rebuild draws only changed charts."""
    _CACHE[:] = [cache] if cache is not None else []


@lru_cache(maxsize=64)
def _drawn(chart: Chart | Trend) -> tuple[str, bytes]:
    """Draw `chart` once and save it in both formats (SVG for HTML/PDF, PNG for DOCX)."""
    if _CACHE:
        from reportgen.cache import code_digest, keep, kept

        key = hashlib.sha256(f"{code_digest()}\n{chart!r}".encode()).hexdigest()
        svg_path, png_path = (_CACHE[0] / f"chart-{key}.{ext}" for ext in ("svg", "png"))
        svg_kept, png_kept = kept(svg_path), kept(png_path)
        if svg_kept is not None and png_kept is not None:
            return svg_kept.decode("utf-8"), png_kept
    fig = _figure(chart)
    svg, png = io.StringIO(), io.BytesIO()
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    fig.savefig(png, format="png", metadata={"Software": None})
    if _CACHE:
        keep(svg_path, svg.getvalue())
        keep(png_path, png.getvalue())
    return svg.getvalue(), png.getvalue()


def chart_svg(chart: Chart | Trend) -> str:
    """Return `chart` as an SVG document (drawn once per distinct chart)."""
    return _drawn(chart)[0]


def chart_png(chart: Chart | Trend) -> bytes:
    """Return `chart` as PNG bytes (for the DOCX)."""
    return _drawn(chart)[1]
