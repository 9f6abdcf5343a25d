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
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
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
    """One EES data file: its rows (Total of every filter), the indicators its .meta.csv
    describes, and the columns it has."""

    path: Path
    indicators: set[str]
    header: set[str] = field(default_factory=set)
    rows: list[dict[str, str]] = field(default_factory=list)

    @property
    def shown(self) -> str:
        return f"{BENCHMARKS_FOLDER}/{self.path.name}"


def read_data_file(path: Path, problems: Problems) -> DataFile | None:
    """Return the file at `path` if it is an EES data file with its .meta.csv, else None
    after an error naming it."""
    shown = f"{BENCHMARKS_FOLDER}/{path.name}"
    download = ("download the file again from Explore Education Statistics (Download > CSV) "
                "with its .meta.csv, and save both as they come")
    text = _text(path)
    if text is None:
        problems.error(f"{shown} is not a UTF-8 CSV file", download, Where(shown))
        return None
    reader = csv.DictReader(io.StringIO(text))
    header = [(name or "").strip() for name in reader.fieldnames or []]
    if not set(EES_COLUMNS) <= set(header):
        problems.error(f"{shown} is not an Explore Education Statistics data file (it has no "
                       f"{', '.join(c for c in EES_COLUMNS if c not in header)} column); "
                       "reportgen reads EES CSV files only", "put only CSV files downloaded "
                       "from Explore Education Statistics in benchmarks/, each with its "
                       ".meta.csv", Where(shown))
        return None
    meta = read_meta(path, problems)
    if meta is None:
        return None
    filters, indicators = meta
    lacking = sorted(filters - set(header))
    if lacking:
        problems.error(f"{shown} has no column {', '.join(lacking)}, which its .meta.csv names "
                       "as a filter", download, Where(shown))
        return None
    data = DataFile(path, indicators, set(header))
    for line, raw in enumerate(reader, start=2):
        if None in raw:  # more fields than the header has
            problems.error(f"{shown}, line {line}, has more fields than the header",
                           download, Where(shown, cell=f"line {line}"))
            return None
        row = {k.strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        if all(row.get(f, "").casefold() == "total" for f in filters):
            data.rows.append(row)
    return data


def _text(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def read_meta(path: Path, problems: Problems) -> tuple[set[str], set[str]] | None:
    """Return the filter and indicator columns its .meta.csv gives the data file at `path`,
    or None after an error (without it a file's breakdowns cannot be told from its totals)."""
    meta = path.with_name(path.name[:-len(path.suffix)] + ".meta.csv")
    shown = f"{BENCHMARKS_FOLDER}/{meta.name}"
    text = _text(meta) if meta.is_file() else None
    rows = list(csv.DictReader(io.StringIO(text))) if text is not None else []
    kinds = {(r.get("col_name") or "").strip(): (r.get("col_type") or "").strip().casefold()
             for r in rows}
    if not meta.is_file() or text is None or not any(kinds.values()):
        said = ("is missing" if not meta.is_file() else "is not a UTF-8 CSV file"
                if text is None else "has no col_name and col_type columns")
        problems.error(f"{shown} {said}: it says which columns of "
                       f"{BENCHMARKS_FOLDER}/{path.name} are filters and which indicators",
                       "download the data file again from Explore Education Statistics with "
                       "its metadata file (.meta.csv) and put both in benchmarks/", Where(shown))
        return None
    return ({c for c, k in kinds.items() if k == "filter"},
            {c for c, k in kinds.items() if k == "indicator"})


def number(text: str) -> Decimal | None:
    """The figure a cell holds, or None for a symbol (x, z, c, low, u, ...) or a blank."""
    try:
        value = Decimal(text.replace(",", ""))
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def ees_period(row: dict[str, str]) -> str:
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
    repeated = len(neighbours) != len(set(neighbours))
    neighbours = list(dict.fromkeys(neighbours))
    if repeated:
        problems.warning("Statistical neighbours names a code twice; each is counted once",
                         "type each neighbour's code once", settings_where)
    found = []
    for measure in wanted:
        cell = indicators[measure.id]
        name = cell.value
        holding = [f for f in files if name in f.indicators]
        if len(holding) > 1:
            problems.error(f"Benchmark indicator '{name}' of measure {measure.id} is in "
                           f"{' and '.join(f.shown for f in holding)}", "keep one of the files "
                           f"in {BENCHMARKS_FOLDER}/ (the one with the latest figures)",
                           cell.where)
            continue
        if not holding:
            listed = ", ".join(f.shown for f in files) or "none"
            problems.error(f"Benchmark indicator '{name}' of measure {measure.id} is in no "
                           f"file of {BENCHMARKS_FOLDER}/ (files: {listed})",
                           "type the indicator's column name as the file's .meta.csv gives it "
                           "(col_name), or add the file that holds it", cell.where)
            continue
        imported = pick(holding[0], name, measure, authority, neighbours, cell.where, problems)
        if imported:
            found.append(imported)
    return found


# Parts of a year in the order they come, for files holding several in one time_period
# (terms of absence data, quarters, months): the latest is read.
PARTS = ["autumn term", "autumn and spring term", "spring term", "summer term",
         "q1", "q2", "q3", "q4", "quarter 1", "quarter 2", "quarter 3", "quarter 4",
         "january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"]


def latest_rows(data: DataFile, name: str, where: Where,
                problems: Problems) -> list[dict[str, str]] | None:
    """The rows of the file's latest period (time_period, then the part of the year it
    names), or None after an error when the parts cannot be ordered."""
    def year(period: str) -> tuple:  # "202324" and "2023" both start in 2023
        return (int(period[:4]) if period[:4].isdigit() else -1, period)

    periods = {(r["time_period"], r["time_identifier"]) for r in data.rows}
    if not periods:
        problems.error(f"{data.shown} has no rows in which every filter is Total", "download "
                       "the file with its totals (the EES default)", where)
        return None
    last_year = max((p for p, _ in periods), key=year)
    parts = sorted({i for p, i in periods if p == last_year})
    if len(parts) > 1:
        if not all(i.casefold() in PARTS for i in parts):
            problems.error(f"{data.shown} holds {', '.join(parts)} for {last_year}: which is the "
                           "latest cannot be told", "keep the rows of one period in the file, "
                           "or download the period wanted alone", where)
            return None
        parts = [max(parts, key=lambda i: PARTS.index(i.casefold()))]
    return [r for r in data.rows if (r["time_period"], r["time_identifier"]) ==
            (last_year, parts[0])]


def pick(data: DataFile, name: str, measure: Measure, authority: str, neighbours: list[str],
         where: Where, problems: Problems) -> Imported | None:
    """Fill `measure`'s blank benchmarks from `data`'s latest period; return the record."""
    if name not in data.header:
        problems.error(f"{data.shown} has no column '{name}', though its .meta.csv describes "
                       f"it (measure {measure.id})", "download the data file again with its "
                       ".meta.csv, or type another indicator", where)
        return None
    rows = latest_rows(data, name, where, problems)
    if rows is None:
        return None
    period = ees_period(rows[0])
    level = {key: [r for r in rows if r["geographic_level"].casefold() == key]
             for key in (NATIONAL, REGIONAL, LOCAL)}
    by_code: dict[str, dict[str, str]] = {}
    for row in level[LOCAL]:
        code = row.get("new_la_code", "")
        if code in (authority, *neighbours) and code in by_code:
            problems.error(f"{data.shown} has two rows for {code} in {period} (measure "
                           f"{measure.id})", "keep one row per authority and period: "
                           "download the file again", where)
            return None
        by_code[code] = row
    own = by_code.get(authority)
    if own is None:
        column = "" if "new_la_code" in data.header else " (the file has no new_la_code column)"
        problems.error(f"{data.shown} has no local authority row for {authority} in {period}"
                       f"{column} (measure {measure.id})", "check the Local authority code in "
                       "Settings (the new_la_code of the file), or download a file that covers "
                       "the council", where)
        return None
    missing = [code for code in neighbours if code not in by_code]
    if missing:
        problems.error(f"{data.shown} has no row for the statistical neighbours "
                       f"{', '.join(missing)} in {period} (measure {measure.id})",
                       "check the Statistical neighbours codes in Settings (new_la_code "
                       "values of the file)", where)
        return None
    counted = [f for f in (number(by_code[code].get(name, "")) for code in neighbours)
               if f is not None]
    region_code = own.get("region_code") or None
    regions = [r for r in level[REGIONAL] if region_code and r.get("region_code") == region_code]
    england = [r for r in level[NATIONAL] if r.get("country_code", ENGLAND) in (ENGLAND, "")]
    if len(regions) > 1 or len(england) > 1:
        problems.error(f"{data.shown} has two {'regional' if len(regions) > 1 else 'national'} "
                       f"rows in {period} (measure {measure.id})", "keep one row per area and "
                       "period: download the file again", where)
        return None
    region = regions[0] if regions else None
    if region_code is None:
        problems.warning(f"{data.shown} gives no region_code for {authority}, so no regional "
                         f"figure is read (measure {measure.id})", "type the region's figure "
                         "in the measure's South East cell", where)
    published = {BENCHMARKS[0]: [by_code[c].get(name, "") for c in neighbours]}
    values = {BENCHMARKS[0]: sum(counted) / len(counted) if counted else None}
    if region is not None:
        key = region.get("region_name") or BENCHMARKS[1]
        values[key], published[key] = number(region.get(name, "")), [region.get(name, "")]
    if england:
        values[BENCHMARKS[2]] = number(england[0].get(name, ""))
        published[BENCHMARKS[2]] = [england[0].get(name, "")]
    filled = []
    typed_region = any(k not in (BENCHMARKS[0], BENCHMARKS[2]) for k in measure.benchmarks)
    for key, value in values.items():
        is_region = key not in (BENCHMARKS[0], BENCHMARKS[2])
        if value is None or key in measure.benchmarks or (is_region and typed_region):
            continue  # a typed figure wins; a symbol is no figure
        places = max((_decimals(text) for text in published[key]), default=0)
        with localcontext() as context:
            context.prec = max(60, len(str(value)) + places + 2)  # huge figures quantize too
            shown = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        measure.benchmarks[key] = Number(shown, places)
        filled.append(key)
    ordered = sorted(measure.benchmarks.items(), key=lambda kv: (
        kv[0] != BENCHMARKS[0], kv[0] == BENCHMARKS[2]))
    measure.benchmarks.clear()
    measure.benchmarks.update(ordered)
    if filled:
        source = f"(Source: Explore Education Statistics, {period}.)"
        measure.benchmark_note = f"{measure.benchmark_note} {source}" \
            if measure.benchmark_note else source
    return Imported(measure.id, data.shown, name, period, authority, region_code, neighbours,
                    len(counted), filled)


def _decimals(text: str) -> int:
    """The decimals a published figure is given with ("82.3" has 1)."""
    value = number(text)
    return max(0, -value.as_tuple().exponent) if value is not None else 0
