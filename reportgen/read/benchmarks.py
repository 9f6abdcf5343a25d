"""Benchmark figures read from published statistics: the CSV files of the Department for
Education's Explore Education Statistics (EES), as downloaded, in a set's `benchmarks/` folder.

An EES data file is tidy: one row per time period, geography and filter combination, the
columns `time_period`, `time_identifier`, `geographic_level` (National, Regional, Local
authority, ...), the geography's codes and names (`country_code`, `region_code`,
`region_name`, `new_la_code`, `la_name`, ...), filter columns, then one column per indicator.
Beside it, `<name>.meta.csv` says which columns are filters and which indicators
(`col_name`, `col_type`, `label`, ...). Values that are not numbers are symbols for figures
not published (`x` not available, `z` not applicable, `c` confidential, `low` rounding to
zero, `u` low reliability, ...): they are never read as numbers.

A measure names its indicator in the Measures column `Benchmark indicator`; the Settings
`Local authority code` (the council's GSS code, e.g. E10000002) and `Statistical neighbours`
(GSS codes, comma-separated) say whose figures to take. For the latest period the file holds,
the build fills the measure's blank benchmark cells: the neighbours' mean (a neighbour without
a value left out, and counted), the council's own region, and England. A typed figure always
wins. Rows are those whose every filter is "Total" (the EES convention for all of a
breakdown). LG Inform's CSV exports are not read: their columns could not be established
from its published documentation here, so such a file is named as not an EES file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from reportgen.errors import Problems, Where
from reportgen.model import BENCHMARKS, Measure, Number

BENCHMARKS_FOLDER = "benchmarks"
EES_COLUMNS = ("time_period", "time_identifier", "geographic_level")
GEOGRAPHY = {"country_code", "country_name", "region_code", "region_name", "old_la_code",
             "new_la_code", "la_name", "pcon_code", "pcon_name", "lad_code", "lad_name",
             "school_urn", "school_laestab", "school_name", "opportunity_area_code",
             "opportunity_area_name", "ward_code", "ward_name", "version"}
NATIONAL, REGIONAL, LOCAL = "national", "regional", "local authority"
ENGLAND = "E92000001"


def benchmark_files(folder: Path) -> list[Path]:
    """The data files of the set `folder`'s benchmarks/ (their .meta.csv aside), sorted."""
    place = folder / BENCHMARKS_FOLDER
    if not place.is_dir():
        return []
    return sorted(p for p in place.iterdir() if p.is_file() and not p.name.startswith(("~$", "."))
                  and p.suffix.casefold() == ".csv" and not p.name.casefold().endswith(".meta.csv"))


def benchmark_inputs(folder: Path) -> list[Path]:
    """Every file of benchmarks/ a build reads: the data files and their .meta.csv."""
    found = []
    for path in benchmark_files(folder):
        meta = path.with_name(path.name[:-len(path.suffix)] + ".meta.csv")
        found += [path, meta] if meta.is_file() else [path]
    return found


@dataclass
class DataFile:
    """One EES data file: its rows (Total of every filter), indicators and time identifier."""

    path: Path
    indicators: set[str]
    rows: list[dict[str, str]] = field(default_factory=list)

    @property
    def shown(self) -> str:
        return f"{BENCHMARKS_FOLDER}/{self.path.name}"


def read_data_file(path: Path, problems: Problems) -> DataFile | None:
    """Return the file at `path` if it is an EES data file, else None after an error."""
    shown = f"{BENCHMARKS_FOLDER}/{path.name}"
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.error(f"{shown} is not a UTF-8 CSV file", "download the file again from "
                       "Explore Education Statistics (Download > CSV) and save it as it comes",
                       Where(shown))
        return None
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in reader.fieldnames or []]
    if not set(EES_COLUMNS) <= set(header):
        problems.error(f"{shown} is not an Explore Education Statistics data file (it has no "
                       f"{', '.join(c for c in EES_COLUMNS if c not in header)} column); "
                       "reportgen reads EES CSV files only", "put only CSV files downloaded "
                       "from Explore Education Statistics in benchmarks/, each with its "
                       ".meta.csv", Where(shown))
        return None
    filters, indicators = read_meta(path, header, problems)
    data = DataFile(path, indicators)
    for raw in reader:
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items()}
        if all(row.get(f, "").casefold() == "total" for f in filters):
            data.rows.append(row)
    return data


def read_meta(path: Path, header: list[str], problems: Problems) -> tuple[set[str], set[str]]:
    """Return the data file's filter and indicator columns, from its .meta.csv when there is
    one; without it, every column that is neither time nor geography is taken as an
    indicator and none as a filter."""
    meta = path.with_name(path.name[:-len(path.suffix)] + ".meta.csv")
    rest = [c for c in header if c not in EES_COLUMNS and c not in GEOGRAPHY]
    if not meta.is_file():
        return set(), set(rest)
    try:
        rows = list(csv.DictReader(io.StringIO(meta.read_bytes().decode("utf-8-sig"))))
    except UnicodeDecodeError:
        rows = []
    kinds = {(r.get("col_name") or "").strip(): (r.get("col_type") or "").strip().casefold()
             for r in rows}
    if not any(kinds.values()):
        problems.warning(f"{BENCHMARKS_FOLDER}/{meta.name} has no col_name and col_type "
                         "columns, so the data file's filters are not known",
                         "download the metadata file again with the data file",
                         Where(f"{BENCHMARKS_FOLDER}/{meta.name}"))
        return set(), set(rest)
    return ({c for c, k in kinds.items() if k == "filter"},
            {c for c, k in kinds.items() if k == "indicator"})


def number(text: str) -> Decimal | None:
    """The figure a cell holds, or None for a symbol (x, z, c, low, u, ...) or a blank."""
    try:
        value = Decimal(text.replace(",", ""))
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def period_label(row: dict[str, str]) -> str:
    """An EES period as a reader says it: 202324 is 2023/24, with its time identifier."""
    period, identifier = row.get("time_period", ""), row.get("time_identifier", "")
    shown = f"{period[:4]}/{period[4:]}" if len(period) == 6 and period.isdigit() else period
    return f"{shown} ({identifier})" if identifier else shown


@dataclass
class Imported:
    """What one measure's benchmarks were read from, as the manifest records it."""

    measure: str
    file: str
    indicator: str
    period: str
    local_authority: str
    region: str | None
    neighbours: list[str]
    neighbours_averaged: int
    filled: list[str]

    def record(self) -> dict:
        return {"measure": self.measure, "file": self.file, "indicator": self.indicator,
                "period": self.period, "local_authority_code": self.local_authority,
                "region_code": self.region, "statistical_neighbours": self.neighbours,
                "neighbours_averaged": self.neighbours_averaged, "filled": self.filled}


@dataclass
class IndicatorCell:
    """A Benchmark indicator as typed, and where."""

    value: str
    where: Where


def import_benchmarks(folder: Path, measures: list[Measure],
                      indicators: dict[str, IndicatorCell],
                      authority: str | None, neighbours: list[str], settings_where: Where,
                      problems: Problems) -> list[Imported]:
    """Fill each measure's blank benchmarks from the file that holds its indicator
    (`indicators`: measure ID -> the Benchmark indicator cell, whose text is the name)."""
    files = [f for f in (read_data_file(p, problems) for p in benchmark_files(folder)) if f]
    wanted = [m for m in measures if m.id in indicators]
    for data in files:
        if not any(indicators[m.id].value in data.indicators for m in wanted):
            problems.warning(f"{data.shown} is not read: no measure names one of its "
                             "indicators in its Benchmark indicator cell",
                             "type the indicator's column name (its col_name in the "
                             ".meta.csv) in the Benchmark indicator column of Measures, or "
                             "remove the file", Where(data.shown))
    if not wanted:
        return []
    if not authority:
        problems.error("measures name a Benchmark indicator, but Settings has no Local "
                       "authority code", "add a Settings row 'Local authority code' with the "
                       "council's GSS code (e.g. E10000002)", settings_where)
        return []
    found = []
    for measure in wanted:
        where = indicators[measure.id]
        name = where.value
        holding = [f for f in files if name in f.indicators]
        if not holding:
            listed = ", ".join(f.shown for f in files) or f"none: {BENCHMARKS_FOLDER}/ is empty"
            problems.error(f"Benchmark indicator '{name}' of measure {measure.id} is in no "
                           f"file of {BENCHMARKS_FOLDER}/ (files: {listed})",
                           "type the indicator's column name as the file's .meta.csv gives it "
                           "(col_name), or add the file that holds it", where.where)
            continue
        imported = pick(holding[0], name, measure, authority, neighbours, where.where,
                        problems)
        if imported:
            found.append(imported)
    return found


def pick(data: DataFile, name: str, measure: Measure, authority: str, neighbours: list[str],
         where: Where, problems: Problems) -> Imported | None:
    """Fill `measure`'s blank benchmarks from `data`'s latest period; return the record."""
    latest = max((r["time_period"] for r in data.rows), default=None)
    rows = [r for r in data.rows if r["time_period"] == latest]
    level = {key: [r for r in rows if r["geographic_level"].casefold() == key]
             for key in (NATIONAL, REGIONAL, LOCAL)}
    by_code = {r.get("new_la_code", ""): r for r in level[LOCAL]}
    own = by_code.get(authority)
    if own is None:
        problems.error(f"{data.shown} has no local authority row for {authority} in "
                       f"{period_label(rows[0]) if rows else 'any period'} (measure "
                       f"{measure.id})", "check the Local authority code in Settings (the "
                       "new_la_code of the file), or download a file that covers the council",
                       where)
        return None
    missing = [code for code in neighbours if code not in by_code]
    if missing:
        problems.error(f"{data.shown} has no row for the statistical neighbours "
                       f"{', '.join(missing)} (measure {measure.id})", "check the Statistical "
                       "neighbours codes in Settings (new_la_code values of the file)", where)
        return None
    figures = [number(by_code[code].get(name, "")) for code in neighbours]
    counted = [f for f in figures if f is not None]
    region_code = own.get("region_code") or None
    region = next((r for r in level[REGIONAL] if r.get("region_code") == region_code), None)
    england = next((r for r in level[NATIONAL]
                    if r.get("country_code", ENGLAND) in (ENGLAND, "")), None)
    values = {BENCHMARKS[0]: sum(counted) / len(counted) if counted else None,
              (region or {}).get("region_name") or BENCHMARKS[1]:
                  number(region.get(name, "")) if region else None,
              BENCHMARKS[2]: number(england.get(name, "")) if england else None}
    decimals = max((_decimals(by_code[c].get(name, "")) for c in neighbours), default=1)
    filled = []
    typed_region = any(k not in (BENCHMARKS[0], BENCHMARKS[2]) for k in measure.benchmarks)
    for key, value in values.items():
        is_region = key not in (BENCHMARKS[0], BENCHMARKS[2])
        if value is None or key in measure.benchmarks or (is_region and typed_region):
            continue  # a typed figure wins; a symbol is no figure
        places = decimals if key == BENCHMARKS[0] else _decimals(
            (region if is_region else england).get(name, ""))
        measure.benchmarks[key] = Number(value.quantize(Decimal(1).scaleb(-places),
                                                        rounding=ROUND_HALF_UP), places)
        filled.append(key)
    ordered = sorted(measure.benchmarks.items(), key=lambda kv: (
        kv[0] != BENCHMARKS[0], kv[0] == BENCHMARKS[2]))
    measure.benchmarks.clear()
    measure.benchmarks.update(ordered)
    period = period_label(own)
    if filled and not measure.benchmark_note:
        measure.benchmark_note = f"(Source: Explore Education Statistics, {period}.)"
    return Imported(measure.id, data.shown, name, period, authority, region_code, neighbours,
                    len(counted), filled)


def _decimals(text: str) -> int:
    """The decimals a published figure is given with ("82.3" has 1)."""
    value = number(text)
    return max(0, -value.as_tuple().exponent) if value is not None else 0
