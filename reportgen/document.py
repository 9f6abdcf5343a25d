"""The document model: what a rendered document says, independent of DOCX, HTML or PDF.

`compose` builds these from rated measures; each renderer walks them. Text is always data:
a `Run` holds plain text that every renderer escapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """A stretch of text with its emphasis; "\n" inside `text` is a line break."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Block:
    """A paragraph (`kind` "paragraph") or a list item ("bullet", "number") at `level` 0 or 1."""

    runs: tuple[Run, ...]
    kind: str = "paragraph"
    level: int = 0

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


Flow = tuple[Block, ...]


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
