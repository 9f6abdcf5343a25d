"""The document model: what a rendered document says, independent of DOCX, HTML or PDF.

`compose` builds these from rated measures; each renderer walks them. Text is always data:
a `Run` holds plain text that every renderer escapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """A stretch of text with its emphasis; "\n" inside `text` is a line break.

    `href` is an https link target (never anything else: `markup` keeps other targets as text).
    """

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


@dataclass(frozen=True)
class Block:
    """A paragraph (`kind` "paragraph"), a sub-heading ("subheading") or a list item
    ("bullet", "number") at `level` 0 or 1.

    `number` is a numbered item's number as typed when it is not the one counting gives
    (1 for the first item after any other block, else one more than the item before);
    None: count on.
    """

    runs: tuple[Run, ...]
    kind: str = "paragraph"
    level: int = 0
    number: int | None = None

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class TableBlock:
    """A small table typed in a cell (pipe-table markup): a header row and body rows of cells."""

    header: tuple[tuple[Run, ...], ...]
    rows: tuple[tuple[tuple[Run, ...], ...], ...]
    kind = "table"

    @property
    def text(self) -> str:
        cells = [self.header, *self.rows]
        return "\n".join(" | ".join("".join(r.text for r in c) for c in row) for row in cells)


Flow = tuple[Block | TableBlock, ...]


def plain(text: str | None, bold: bool = False) -> Flow:
    """Return `text` as a one-paragraph flow (empty when `text` is empty)."""
    return (Block((Run(text, bold=bold),)),) if text else ()


@dataclass(frozen=True)
class StatusView:
    """A status as shown: its `name`, `symbol` and the CSS/Word colour `key` (never colour alone)."""

    name: str
    symbol: str
    key: str
    colour: str  # background hex, e.g. "00703C"
    text_colour: str  # foreground hex that meets contrast on `colour`

    @property
    def label(self) -> str:
        return f"{self.symbol} {self.name}"


@dataclass(frozen=True)
class Row:
    """One measure in a performance table."""

    number: int
    measure_id: str
    measure: str
    target: str
    position: str
    position_note: Flow
    status: StatusView
    benchmarking: Flow
    commentary: Flow
    drafted: tuple[str, ...] = ()  # which cells reportgen drafted ("benchmarking")


@dataclass(frozen=True)
class Table:
    """A numbered table of measures: `key` is "good", "lower" or "unrated"."""

    key: str
    title: str
    rows: tuple[Row, ...]
    caption: str


@dataclass(frozen=True)
class Count:
    status: StatusView
    count: int


@dataclass(frozen=True)
class Chart:
    """A bar chart of measures by status, with the text alternative every format carries."""

    title: str
    counts: tuple[Count, ...]
    alt: str


@dataclass(frozen=True)
class Part:
    """One service area's part of the performance report (`name` None when unnamed)."""

    name: str | None
    rated: int
    unavailable: int
    chart: Chart
    tables: tuple[Table, ...]


@dataclass(frozen=True)
class Properties:
    """Document properties every format carries."""

    title: str
    author: str
    subject: str
    keywords: str
    language: str = "en-GB"


@dataclass(frozen=True)
class PerformanceReport:
    """The portfolio performance report (seeds 000 and 002)."""

    kind = "performance-report"
    properties: Properties
    heading: str | None
    period: str | None
    parts: tuple[Part, ...]
    legend: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class ValueCell:
    """One period's value in the scorecard with its direction-of-travel arrow (may be blank)."""

    text: str
    arrow: str | None = None  # "↑" better, "↓" worse, "→" same
    direction: str | None = None  # "better", "worse", "same"

    @property
    def label(self) -> str:
        return f"{self.arrow} {self.text}" if self.arrow else self.text


@dataclass(frozen=True)
class ScoreRow:
    """One measure in the scorecard. When `unavailable`, one cell spans the value columns."""

    number: int
    measure_id: str
    measure: str
    polarity: str
    data_period: str
    target: str
    values: tuple[ValueCell, ...]
    unavailable: bool
    status: StatusView
    benchmarks: Flow
    narrative: Flow


@dataclass(frozen=True)
class Group:
    """A theme (or an outcome) with its rolled-up status; `status` None prints "None"."""

    name: str
    status: StatusView | None
    rows: tuple[ScoreRow, ...] = ()
    order: int | None = None  # the rolled-up order (1 = best) the status stands for

    @property
    def status_label(self) -> str:
        return self.status.label if self.status else "None"


@dataclass(frozen=True)
class Outcome:
    """An outcome heading with its status and its themes (`name` None: measures with no outcome)."""

    name: str | None
    status: StatusView | None
    themes: tuple[Group, ...]

    @property
    def status_label(self) -> str:
        return self.status.label if self.status else "None"


@dataclass(frozen=True)
class Scorecard:
    """The Appendix 1 scorecard (seed 001): landscape, outcome → theme → measures."""

    kind = "appendix-scorecard"
    properties: Properties
    title: str
    heading: str | None
    periods: tuple[str, ...]
    outcomes: tuple[Outcome, ...]
    legend: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class CoverRow:
    label: str
    value: str


@dataclass(frozen=True)
class Paragraph:
    """A block of a lettered section: numbered (`number`, with a bold `heading`) or not."""

    number: int | None
    heading: tuple[Run, ...]
    body: Flow


@dataclass(frozen=True)
class Section:
    title: str | None
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class CabinetReport:
    """The Report to Cabinet (seed 004): cover, summary, lettered sections numbered 1..n."""

    kind = "cabinet-report"
    properties: Properties
    title: str  # "Report to Cabinet"
    confidential: bool
    cover: tuple[CoverRow, ...]
    press_line: str | None
    summary: Flow
    recommendation: Flow
    sections: tuple[Section, ...]
    background_papers: Flow
    views: Flow


@dataclass(frozen=True)
class DashRow:
    """One measure of the dashboard's success measures table (seed 003); texts as printed,
    "" for a blank cell."""

    measure_id: str
    measure: str
    baseline: str
    values: tuple[str, ...]  # one per period column
    benchmarks: tuple[str, ...]  # one per benchmark column
    outturn: str
    target: str
    status: StatusView
    next_target: str


@dataclass(frozen=True)
class SuccessTable:
    """The success measures table: measure, baseline, a column per period, the benchmarks,
    current outturn, target and RAG, next year's target."""

    title: str
    baseline_label: str
    periods: tuple[str, ...]
    benchmark_names: tuple[str, ...]
    next_label: str
    rows: tuple[DashRow, ...]
    caption: str
    notes: tuple[str, ...] = ()  # the measures' Benchmark notes, "measure: note"
    kind = "success"


@dataclass(frozen=True)
class Figure:
    """One column of a comparison table: whose figure, for which period, and the figure."""

    name: str
    period: str
    value: str


@dataclass(frozen=True)
class Comparison:
    """A measure's latest value beside its benchmarks, each with its own period, then the
    measure's words."""

    title: str
    measure_id: str
    figures: tuple[Figure, ...]
    words: Flow
    target: str | None = None  # a measure with a target shows it and its RAG too
    status: StatusView | None = None
    kind = "comparison"


@dataclass(frozen=True)
class Trend:
    """A line chart of one measure's values by period, its target and benchmarks as reference
    lines; `alt` is its text alternative, `points` the data table that stands in for it."""

    title: str
    unit: str | None
    points: tuple[tuple[str, object, str], ...]  # (period, Decimal or None, value as printed)
    target: tuple[object, str] | None  # (Decimal, as printed)
    references: tuple[tuple[str, object, str], ...]  # (name, Decimal, as printed)
    alt: str


@dataclass(frozen=True)
class TrendItem:
    """A success measure in the charts block: its trend (None: too few values to draw one)
    and its words."""

    measure_id: str
    measure: str
    trend: Trend | None
    words: Flow


@dataclass(frozen=True)
class Charts:
    title: str
    items: tuple[TrendItem, ...]
    kind = "charts"


@dataclass(frozen=True)
class Words:
    """Words an officer typed for the dashboard (light markup, pipe tables included)."""

    title: str | None
    flow: Flow
    kind = "text"


@dataclass(frozen=True)
class Dashboard:
    """The monthly dashboard (seed 003): landscape, its blocks in the Dashboard sheet's order."""

    kind = "dashboard"
    properties: Properties
    title: str  # "Dashboard: Jan 2015"
    heading: str | None  # the portfolio, when known: then it heads the page, the title below
    blocks: tuple[SuccessTable | Comparison | Charts | Words, ...]
    legend: tuple[str, ...] = field(default_factory=tuple)

    def measure_ids(self) -> list[str]:
        """The measures the dashboard shows, in order (success rows, then comparisons)."""
        rows = [r.measure_id for b in self.blocks if isinstance(b, SuccessTable) for r in b.rows]
        return rows + [b.measure_id for b in self.blocks if isinstance(b, Comparison)]
