"""The domain model: what the officers' workbooks say, before any rating or layout.

Every parsed value keeps where it came from (`Where`, excluded from equality) so a rule can
compare meaning while a message can still name the file, sheet and cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import Path

from reportgen.errors import Where


class Polarity(Enum):
    """Which way is good: 'Good to be' High or Low."""

    HIGH = "High"
    LOW = "Low"


@dataclass(frozen=True)
class Number:
    """A number in display units (95 for 95%) and the decimals it is published with.

    `marked`: the officer said it is a percentage (a cell formatted as one, or "0.5%" typed),
    so its scale is never guessed (`read.scales`)."""

    value: Decimal
    decimals: int = 0
    where: Where = field(default_factory=Where, compare=False, repr=False)
    marked: bool = field(default=False, compare=False, repr=False)


@dataclass(frozen=True)
class Observation:
    """One Outturns cell: a `number`, or marked `unavailable`, for the period `period`;
    `arrow`: the direction-of-travel arrow typed in the Arrows sheet, as published ("" for
    none; None: work it out from the values)."""

    period: str
    number: Number | None = None
    unavailable: bool = False
    where: Where = field(default_factory=Where, compare=False, repr=False)
    arrow: str | None = None


BENCHMARKS = ("Statistical Neighbours", "South East", "England")


@dataclass
class Measure:
    """One row of the `Measures` sheet with its Outturns values, in period order."""

    id: str
    name: str
    portfolio: str | None = None
    service_area: str | None = None
    outcome: str | None = None
    theme: str | None = None
    polarity: Polarity | None = None
    unit: str | None = None  # "%" for a percentage, another label ("days"), or None for a count
    data_period: str | None = None
    target: Number | None = None  # None: a Monitor measure
    tolerance: Number = field(default_factory=lambda: Number(Decimal(0)))
    tolerance_note: str | None = None
    amber_band: Decimal | None = None  # a fraction (0.1 for 10%); None: the set's default
    benchmarks: dict[str, Number] = field(default_factory=dict)
    benchmark_note: str | None = None
    observations: list[Observation] = field(default_factory=list)
    scheme: str | None = None  # a rating scheme other than the set's, by name
    lead_officer: str | None = None  # who writes its commentary (returns and the chase list)
    benchmark_indicator: str | None = None  # a benchmarks/ file's column (read.benchmarks)
    indicator_where: Where = field(default_factory=Where, compare=False, repr=False)
    benchmark_period: str | None = None  # the period the benchmark figures are for
    benchmarks_imported: bool = False  # some were read from a benchmarks/ file
    baseline: Number | None = None  # the dashboard's starting point ("June outturn 2014")
    next_target: Number | None = None  # next year's target, printed on the dashboard
    where: Where = field(default_factory=Where, compare=False, repr=False)

    @property
    def is_percentage(self) -> bool:
        return self.unit == "%"


@dataclass
class Commentary:
    """One row of the `Commentary` sheet: texts as typed (may hold pasted HTML)."""

    id: str
    benchmarking: str | None = None
    commentary: str | None = None
    actions: str | None = None
    value_note: str | None = None
    rag_override: str | None = None
    override_reason: str | None = None
    previous: str | None = None  # last period's words, for reference (never printed)
    where: Where = field(default_factory=Where, compare=False, repr=False)
    refs: dict[str, str] = field(default_factory=dict, compare=False, repr=False)  # column: cell

    def at(self, column: str) -> Where:
        """Where the row's `column` cell is (the row, if its cell is not known)."""
        return Where(self.where.file, self.where.sheet, self.refs.get(column, self.where.cell))

    def cells(self) -> dict[str, str]:
        """Return the non-blank text cells by column name."""
        named = {
            "Benchmarking": self.benchmarking,
            "Commentary": self.commentary,
            "Actions": self.actions,
            "Value note": self.value_note,
            "RAG override": self.rag_override,
            "Override reason": self.override_reason,
        }
        return {k: v for k, v in named.items() if v}


@dataclass
class Settings:
    """The `Settings` sheet, with defaults for rows left out."""

    amber_band: Decimal = Decimal("0.1")
    reporting_period: str | None = None
    actions_label: str = "Actions:"
    roll_up: str = "Mean"  # "Mean" (mean score, half up) or "Worst"
    period_columns: int = 5
    call_in_days: int = 6  # working days after the meeting before a decision can be implemented
    scheme: str = "default"  # the rating scheme, by name (built in or from schemes.toml)
    direction_comparator: str = "Previous period"  # or "Same period last year", or "Both"
    no_change_margin: Decimal = Decimal(0)  # a change no bigger than this counts as the same
    # The scorecard's period columns by label ("Mar 2016", …); empty: the last `period_columns`
    shown_periods: tuple[str, ...] = ()
    # The documents to build, by kind (contract.DOCUMENTS' values), in pack order; empty:
    # those the workbooks call for (see `reportgen.compose.compose_documents`)
    documents: tuple[str, ...] = ()
    documents_where: Where = field(default_factory=Where, compare=False, repr=False)
    # The terms measures.csv is published under (its CSV on the Web metadata says them)
    licence: str = "Open Government Licence v3.0"
    # Whose published figures benchmarks/ files give (`read.benchmarks`): GSS codes
    local_authority: str | None = None
    neighbours: tuple[str, ...] = ()
    region: str = "South East"  # the name of the region typed figures are for
    # The dashboard's words: who "we" are beside the benchmarks ("Bucks"), and the headings
    # of the Baseline and Next target columns ("Annex A / Ofsted baseline, June outturn 2014")
    authority_name: str = "Council"
    baseline_label: str = "Baseline"
    next_target_label: str = "Next target"
    where: Where = field(default_factory=Where, compare=False, repr=False)  # the sheet


@dataclass
class NarrativeRow:
    """One row of the `Narrative` sheet: a block of a lettered section, as typed."""

    section: str | None
    numbered: bool
    heading: str | None
    text: str | None
    where: Where = field(default_factory=Where, compare=False, repr=False)


@dataclass
class DashboardRow:
    """One row of the `Dashboard` sheet: a block of the dashboard, as typed. `block` is one of
    contract.DASHBOARD_BLOCKS; `measures` the IDs it names, as typed."""

    block: str
    measures: tuple[str, ...]
    title: str | None
    text: str | None
    where: Where = field(default_factory=Where, compare=False, repr=False)


@dataclass
class ReportSet:
    """Everything read from one report set folder."""

    name: str
    folder: Path
    periods: list[str]
    measures: list[Measure]
    commentary: dict[str, Commentary]
    report: dict[str, str]
    settings: Settings
    inputs: list[Path]
    narrative: list[NarrativeRow] | None = None  # None: no Narrative sheet (no cabinet report)
    dashboard: list[DashboardRow] | None = None  # None: no Dashboard sheet (or no rows)
    schemes: dict = field(default_factory=dict)  # name -> schemes.Scheme available to the set
    palette: object = None  # schemes.Palette: the shared statuses (Monitor, Unavailable, RAG)
    benchmark_sources: list = field(default_factory=list)  # read.benchmarks.Imported
    report_cells: dict[str, Where] = field(default_factory=dict)  # where each `report` field is

    def scheme_of(self, measure: Measure):
        """Return the rating scheme that applies to `measure`."""
        return self.schemes[measure.scheme or self.settings.scheme]
