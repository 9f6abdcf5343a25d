"""Read a report set's workbooks (outturns.xlsx, commentary.xlsx) into the domain model.

openpyxl lives here and nowhere else. Every problem is collected with its file, sheet and
cell and a fix, so an officer can correct a workbook in one pass.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import defusedxml  # noqa: F401  (openpyxl uses defusedxml for parsing when it is installed)
import openpyxl
from openpyxl.utils import get_column_letter

from reportgen.model import (
    BENCHMARKS, Commentary, Measure, NarrativeRow, Number, Observation, Polarity, ReportSet,
    Settings,
)
from reportgen.problems import Problems, ReportgenError, Where
from reportgen.schemes import apply_schemes, scheme_files
from reportgen.text import clean_text

OUTTURNS, COMMENTARY = "outturns.xlsx", "commentary.xlsx"
HEADER_ROWS = 10
MAX_ROWS = 20_000
MAX_UNPACKED = 100 * 1024 * 1024
MAX_RATIO = 100
UNAVAILABLE_WORDS = {"n/a", "na", "data currently unavailable", "unavailable",
                     "this measure is currently under development", "under development"}

MEASURE_COLUMNS = ("ID", "Portfolio", "Service area", "Outcome", "Theme", "Measure", "Good to be",
                   "Unit", "Data period", "Target", "Tolerance", "Tolerance note", "Amber band",
                   "Stat neighbours", "South East", "England", "Benchmark note", "Scheme")
MEASURE_REQUIRED = ("ID", "Measure", "Good to be", "Unit", "Target", "Tolerance")
COMMENTARY_COLUMNS = ("ID", "Benchmarking", "Commentary", "Actions", "Value note",
                      "RAG override", "Override reason")
REPORT_FIELDS = ("Title", "Committee", "Meeting date", "Portfolio holder", "Author",
                 "Date can be implemented", "Contact officer", "Local members affected",
                 "Portfolio areas affected", "Confidential", "Summary", "Recommendation",
                 "Background papers", "Views deadline", "Press office phone",
                 "Member Services phone", "Member Services email")
DATE_FIELDS = ("Meeting date", "Date can be implemented", "Views deadline")
SETTINGS = ("Amber band", "Reporting period", "Actions label", "Roll-up", "Period columns",
            "Call-in working days", "Scheme", "Direction comparator", "No change margin")
DIRECTION_COMPARATORS = ("Previous period", "Same period last year", "Both")
NARRATIVE_COLUMNS = ("Section", "Numbered", "Heading", "Text")
BENCHMARK_COLUMNS = dict(zip(("Stat neighbours", "South East", "England"), BENCHMARKS))


@dataclass
class Sheet:
    """A worksheet with its located header row: column name -> column index (1-based)."""

    file: str
    ws: object
    header_row: int
    columns: dict[str, int]
    extra: dict[str, int]

    @property
    def name(self) -> str:
        return self.ws.title

    def where(self, row: int, column: str | int | None = None) -> Where:
        if column is None:
            return Where(self.file, self.name, f"row {row}")
        index = self.columns[column] if isinstance(column, str) else column
        return Where(self.file, self.name, f"{get_column_letter(index)}{row}")

    def cell(self, row: int, column: str):
        index = self.columns.get(column)
        return None if index is None else self.ws.cell(row=row, column=index)

    def rows(self):
        """Yield the numbers of the data rows below the header that hold anything."""
        last = min(self.ws.max_row, self.header_row + MAX_ROWS)
        for row in range(self.header_row + 1, last + 1):
            if any(_blank(self.ws.cell(row=row, column=c).value) is False
                   for c in self.columns.values()):
                yield row


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _key(text) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


# --- opening files -----------------------------------------------------------------------

def open_workbook(path: Path, problems: Problems):
    """Return the openpyxl workbook at `path` (values only), or None after adding a problem."""
    where = Where(path.name)
    if not path.exists():
        problems.error(f"{path.name} is missing from the report set folder {path.parent}",
                       f"put {path.name} in {path.parent}", where)
        return None
    if path.suffix.lower() == ".xls" or not zipfile.is_zipfile(path):
        problems.error(f"{path.name} is not an Excel workbook (.xlsx); it may be a legacy .xls "
                       "file or damaged", "open it in Excel and save it as 'Excel Workbook (.xlsx)'",
                       where)
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        problems.error(f"{path.name} cannot be read as a workbook ({exc})",
                       "open it in Excel and save it again as .xlsx", where)
        return None
    unpacked = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if unpacked > MAX_UNPACKED or unpacked / packed > MAX_RATIO and unpacked > 10 * 1024 * 1024:
        problems.error(f"{path.name} unpacks to {unpacked // (1024 * 1024)} MB, beyond the "
                       f"{MAX_UNPACKED // (1024 * 1024)} MB limit", "remove unused sheets, "
                       "images and formatting, or split the workbook", where)
        return None
    lock = path.with_name("~$" + path.name)
    if lock.exists():
        problems.warning(f"{path.name} looks open in Excel (lock file {lock.name} beside it); "
                         "unsaved edits are not in the file", "save and close it in Excel, then "
                         "build again", where)
    try:
        return openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        problems.error(f"{path.name} cannot be opened as a workbook ({type(exc).__name__}: {exc})",
                       "open it in Excel and save it again as .xlsx", where)
        return None


def find_sheet(wb, file: str, name: str, problems: Problems, required: bool = True):
    """Return the worksheet called `name` (case and spaces ignored), or None."""
    for ws in wb.worksheets:
        if _key(ws.title) == _key(name):
            return ws
    if required:
        found = ", ".join(f"'{ws.title}'" for ws in wb.worksheets)
        problems.error(f"sheet '{name}' is missing (found: {found})",
                       f"add a sheet named '{name}' or rename the right one", Where(file))
    return None


def locate_header(ws, file: str, known: tuple[str, ...], required: tuple[str, ...],
                  problems: Problems, extra_allowed: bool = False) -> Sheet | None:
    """Return the sheet's header: the first row in rows 1-10 holding every required header."""
    wanted = {_key(k): k for k in known}
    best: tuple[int, set] = (0, set())
    for row in range(1, min(HEADER_ROWS, ws.max_row) + 1):
        seen = {}
        for col in range(1, min(ws.max_column, 200) + 1):
            value = ws.cell(row=row, column=col).value
            if not _blank(value):
                seen.setdefault(_key(value), []).append(col)
        present = {wanted[k] for k in seen if k in wanted}
        if len(present & set(required)) > len(best[1] & set(required)):
            best = (row, present)
        if set(required) <= present:
            return _make_sheet(ws, file, row, seen, wanted, problems, extra_allowed)
    missing = [r for r in required if r not in best[1]]
    at = f" (best match: row {best[0]})" if best[0] else ""
    problems.error(f"no header row with the columns {', '.join(required)} in rows 1-{HEADER_ROWS}; "
                   f"missing {', '.join(missing)}{at}",
                   f"add a header row naming the columns: {', '.join(known)}",
                   Where(file, ws.title))
    return None


def _make_sheet(ws, file, row, seen, wanted, problems, extra_allowed) -> Sheet:
    columns, extra = {}, {}
    for key, cols in seen.items():
        name = wanted.get(key)
        if name is None:
            for col in cols:
                header = str(ws.cell(row=row, column=col).value).strip()
                extra[header] = col
                if extra_allowed:
                    continue
                problems.warning(f"column '{header}' is not one reportgen reads; it is ignored",
                                 "rename it to one of: " + ", ".join(wanted.values())
                                 + ", or leave it", Where(file, ws.title,
                                                          f"{get_column_letter(col)}{row}"))
            continue
        if len(cols) > 1:
            cells = ", ".join(f"{get_column_letter(c)}{row}" for c in cols)
            problems.error(f"column '{name}' appears {len(cols)} times ({cells})",
                           "keep one column with that header", Where(file, ws.title, cells))
        columns[name] = cols[0]
    return Sheet(file, ws, row, columns, extra)


# --- cells -------------------------------------------------------------------------------

_NUMBER_TEXT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def format_decimals(number_format: str | None) -> int | None:
    """Return the decimals an Excel number format shows (None for General)."""
    if not number_format or number_format == "General":
        return None
    section = number_format.split(";")[0]
    section = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", section)
    match = re.search(r"\.([0#?]+)", section)
    return len(match.group(1)) if match else 0


def _natural_decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def read_number(cell, where: Where, label: str, problems: Problems,
                example: str = "85 or 85%") -> Number | None:
    """Return the number in `cell` in display units, or None (blank, or a problem added).

    A percentage-formatted cell (0.95 shown as 95%) reads as 95; text such as "95%",
    " 95 " or "1,241" reads as the number it shows.
    """
    value = cell.value
    if _blank(value):
        return None
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime, dt.time)):
        problems.error(f"{label} {value!r} is not a number", f"type a number, e.g. {example}",
                       where)
        return None
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            problems.error(f"{label} is not a finite number", f"type a number, e.g. {example}",
                           where)
            return None
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        decimals = format_decimals(cell.number_format)
        if "%" in (cell.number_format or ""):
            number *= 100
            if decimals is None:
                decimals = _natural_decimals(number)
        if decimals is None:
            decimals = min(_natural_decimals(number), 6)
        return Number(number.normalize() if number == number.to_integral() else number,
                      decimals, where)
    text = clean_text(str(value)).replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if text.startswith("#"):
        problems.error(f"{label} is the Excel error {text}",
                       "fix the formula or type the value", where)
        return None
    text = text.replace(",", "").removesuffix("%")
    if not _NUMBER_TEXT.match(text):
        problems.error(f"{label} '{value}' is not a number", f"type a number, e.g. {example}",
                       where)
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern above guards this
        problems.error(f"{label} '{value}' is not a number", f"type a number, e.g. {example}",
                       where)
        return None
    return Number(number, _natural_decimals(number), where)


def read_text(cell) -> str | None:
    """Return the cell as clean text (a whole number typed as 12.0 reads as "12")."""
    if cell is None or _blank(cell.value):
        return None
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return period_label(value)
    return clean_text(str(value)) or None


def period_label(value) -> str:
    """Return a period header as printed: a date reads as "Mar 2016"."""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%b %Y")
    return clean_text(str(value))


def read_band(cell, where: Where, problems: Problems) -> Decimal | None:
    """Return an amber band as a fraction: "10%", 10 and 0.1 all mean 10%."""
    number = read_number(cell, where, "amber band", problems, "10%")
    if number is None:
        return None
    plain_fraction = (isinstance(cell.value, (int, float)) and "%" not in (cell.number_format or "")
                      and number.value <= 1)
    band = number.value if plain_fraction else number.value / 100
    if not Decimal(0) <= band < 1:
        problems.error(f"amber band {cell.value!r} is not between 0% and 100%",
                       "type a band such as 10%", where)
        return None
    return band


# --- sheets ------------------------------------------------------------------------------

def read_measures(sheet: Sheet, problems: Problems) -> list[Measure]:
    """Return a `Measure` for every non-blank row of the `Measures` sheet."""
    measures, seen = [], {}
    for row in sheet.rows():
        measure = _read_measure(sheet, row, problems)
        if measure is None:
            continue
        key = _key(measure.id)
        if key in seen:
            problems.error(f"ID '{measure.id}' is used twice (also row {seen[key]})",
                           "give every measure its own ID", sheet.where(row, "ID"))
            continue
        seen[key] = row
        measures.append(measure)
    if not measures and not problems.has_errors:
        problems.error("no measures found", "add one row per measure below the header",
                       Where(sheet.file, sheet.name))
    return measures


def _read_measure(sheet: Sheet, row: int, problems: Problems) -> Measure | None:
    text = {name: read_text(sheet.cell(row, name)) for name in MEASURE_COLUMNS}
    if not text["ID"]:
        problems.error("this row has no ID", "type a unique ID (e.g. CSC01) in the ID column",
                       sheet.where(row, "ID"))
        return None
    if not text["Measure"]:
        problems.error(f"measure {text['ID']} has no name", "type the measure's name",
                       sheet.where(row, "Measure"))
    unit = text["Unit"]
    measure = Measure(id=text["ID"], name=text["Measure"] or text["ID"],
                      portfolio=text["Portfolio"], service_area=text["Service area"],
                      outcome=text["Outcome"], theme=text["Theme"], unit=unit,
                      data_period=text["Data period"], tolerance_note=text["Tolerance note"],
                      benchmark_note=text["Benchmark note"], scheme=text["Scheme"],
                      where=sheet.where(row))
    target_cell = sheet.cell(row, "Target")
    if text["Target"] and _key(text["Target"]) != "monitor":
        measure.target = read_number(target_cell, sheet.where(row, "Target"), "target", problems)
    tolerance = read_number(sheet.cell(row, "Tolerance"), sheet.where(row, "Tolerance"),
                            "tolerance", problems, "5 or 5%")
    if tolerance is not None:
        measure.tolerance = tolerance
    polarity = text["Good to be"]
    if polarity:
        try:
            measure.polarity = Polarity(polarity.strip().capitalize())
        except ValueError:
            problems.error(f"Good to be '{polarity}' is not High or Low",
                           "type High (higher is better) or Low (lower is better)",
                           sheet.where(row, "Good to be"))
    elif measure.target is not None:
        problems.error(f"measure {measure.id} has a target but no Good to be",
                       "type High or Low, or clear the target to report it as Monitor",
                       sheet.where(row, "Good to be"))
    if "Amber band" in sheet.columns:
        measure.amber_band = read_band(sheet.cell(row, "Amber band"),
                                       sheet.where(row, "Amber band"), problems)
    for column, name in BENCHMARK_COLUMNS.items():
        if column in sheet.columns:
            value = read_number(sheet.cell(row, column), sheet.where(row, column),
                                f"{name} benchmark", problems)
            if value is not None:
                measure.benchmarks[name] = value
    return measure


def read_outturns(sheet: Sheet, measures: list[Measure], problems: Problems) -> list[str]:
    """Attach each measure's values, in period order; return the period labels."""
    header = sheet.header_row
    periods, period_cols = [], []
    for col in range(1, sheet.ws.max_column + 1):
        if col == sheet.columns["ID"]:
            continue
        value = sheet.ws.cell(row=header, column=col).value
        if _blank(value):
            continue
        label = period_label(value)
        if label in periods:
            problems.error(f"period '{label}' has two columns", "keep one column per period",
                           sheet.where(header, col))
            continue
        periods.append(label)
        period_cols.append(col)
    sheet.columns.update({p: c for p, c in zip(periods, period_cols)})
    if not periods:
        problems.error("no period columns after ID",
                       "add one column per period, headed by its label (e.g. Sep 2017)",
                       Where(sheet.file, sheet.name, f"row {header}"))
    by_id = {_key(m.id): m for m in measures}
    seen: dict[str, int] = {}
    for row in range(header + 1, min(sheet.ws.max_row, header + MAX_ROWS) + 1):
        ident = read_text(sheet.ws.cell(row=row, column=sheet.columns["ID"]))
        cells = [sheet.ws.cell(row=row, column=c) for c in period_cols]
        if not ident:
            if any(not _blank(c.value) for c in cells):
                problems.error("values with no ID", "type the measure's ID in the ID column",
                               sheet.where(row, "ID"))
            continue
        measure = by_id.get(_key(ident))
        if measure is None:
            problems.error(f"ID '{ident}' is not in the Measures sheet",
                           "correct the ID or add the measure to Measures", sheet.where(row, "ID"))
            continue
        if _key(ident) in seen:
            problems.error(f"ID '{ident}' has two rows (also row {seen[_key(ident)]})",
                           "keep one row per measure", sheet.where(row, "ID"))
            continue
        seen[_key(ident)] = row
        measure.observations = [_read_observation(c, p, sheet.where(row, c.column), measure,
                                                  problems) for c, p in zip(cells, periods)]
    for measure in measures:
        if _key(measure.id) not in seen:
            measure.observations = [Observation(p) for p in periods]
            problems.warning(f"measure {measure.id} has no row in Outturns; it is reported as "
                             "data currently unavailable", "add a row for it in Outturns",
                             Where(sheet.file, sheet.name))
    return periods


def _read_observation(cell, period: str, where: Where, measure: Measure,
                      problems: Problems) -> Observation:
    value = cell.value
    if isinstance(value, str) and _key(value) in UNAVAILABLE_WORDS:
        return Observation(period, unavailable=True, where=where)
    number = read_number(cell, where, f"value for {measure.id} in {period}", problems)
    return Observation(period, number, where=where)


def read_commentary(sheet: Sheet, measures: list[Measure], problems: Problems
                    ) -> dict[str, Commentary]:
    """Return each measure's commentary by measure ID; unknown IDs are errors."""
    ids = {_key(m.id): m.id for m in measures}
    found: dict[str, Commentary] = {}
    rows: dict[str, int] = {}
    for row in sheet.rows():
        text = {name: read_text(sheet.cell(row, name)) for name in COMMENTARY_COLUMNS}
        ident = text["ID"]
        if not ident:
            problems.error("commentary with no ID", "type the measure's ID in the ID column",
                           sheet.where(row, "ID"))
            continue
        measure_id = ids.get(_key(ident))
        if measure_id is None:
            problems.error(f"commentary for ID '{ident}', which is not in outturns.xlsx Measures",
                           "correct the ID (a typo leaves a measure without its words)",
                           sheet.where(row, "ID"))
            continue
        if measure_id in found:
            problems.error(f"second commentary row for {measure_id} (also row {rows[measure_id]})",
                           "merge the two rows into one", sheet.where(row, "ID"))
            continue
        rows[measure_id] = row
        found[measure_id] = Commentary(measure_id, text["Benchmarking"], text["Commentary"],
                                       text["Actions"], text["Value note"], text["RAG override"],
                                       text["Override reason"], sheet.where(row))
    return found


def read_pairs(sheet: Sheet, key_column: str, known: tuple[str, ...], problems: Problems,
               what: str) -> dict[str, object]:
    """Return `Field | Value` style rows keyed by their canonical name; warn on unknown keys."""
    wanted = {_key(k): k for k in known}
    pairs: dict[str, object] = {}
    for row in sheet.rows():
        key = read_text(sheet.cell(row, key_column))
        cell = sheet.cell(row, "Value")
        if not key:
            continue
        name = wanted.get(_key(key))
        if name is None:
            problems.warning(f"{what} '{key}' is not one reportgen reads; it is ignored",
                             "use one of: " + ", ".join(known), sheet.where(row, key_column))
            continue
        if cell is not None and not _blank(cell.value):
            pairs[name] = cell
    return pairs


def _whole(cell, sheet: Sheet, label: str, low: int, high: int, what: str,
           problems: Problems, default: int) -> int:
    """Return a setting that must be a whole number from `low` to `high` (else the default)."""
    where = Where(sheet.file, sheet.name, cell.coordinate)
    number = read_number(cell, where, label, problems, str(default))
    if number is None:
        return default
    if number.value != number.value.to_integral_value() or not low <= number.value <= high:
        problems.error(f"{label} {cell.value!r} is not a whole number from {low} to {high}",
                       f"type {what}", where)
        return default
    return int(number.value)


def read_settings(sheet: Sheet | None, periods: list[str], problems: Problems) -> Settings:
    """Return the `Settings` sheet's values with the contract's defaults."""
    settings = Settings()
    if sheet is None:
        return settings
    pairs = read_pairs(sheet, "Setting", SETTINGS, problems, "setting")
    if "Amber band" in pairs:
        cell = pairs["Amber band"]
        band = read_band(cell, Where(sheet.file, sheet.name, cell.coordinate), problems)
        if band is not None:
            settings.amber_band = band
    if "Reporting period" in pairs:
        cell = pairs["Reporting period"]
        label = period_label(cell.value)
        if label not in periods:
            problems.error(f"reporting period '{label}' is not a period column of Outturns "
                           f"({', '.join(periods)})", "type one of the Outturns period headers",
                           Where(sheet.file, sheet.name, cell.coordinate))
        else:
            settings.reporting_period = label
    if "Actions label" in pairs:
        settings.actions_label = read_text(pairs["Actions label"])
    if "Roll-up" in pairs:
        cell = pairs["Roll-up"]
        method = (read_text(cell) or "").capitalize()
        if method not in ("Mean", "Worst"):
            problems.error(f"Roll-up '{cell.value}' is not Mean or Worst",
                           "type Mean (the mean score, half up) or Worst (the worst status)",
                           Where(sheet.file, sheet.name, cell.coordinate))
        else:
            settings.roll_up = method
    if "Scheme" in pairs:
        settings.scheme = read_text(pairs["Scheme"]) or settings.scheme
    if "Direction comparator" in pairs:
        cell = pairs["Direction comparator"]
        wanted = {_key(c): c for c in DIRECTION_COMPARATORS}
        choice = wanted.get(_key(read_text(cell) or ""))
        if choice is None:
            problems.error(f"Direction comparator '{cell.value}' is not one reportgen knows",
                           "type " + ", ".join(DIRECTION_COMPARATORS[:-1]) + " or Both",
                           Where(sheet.file, sheet.name, cell.coordinate))
        else:
            settings.direction_comparator = choice
    if "No change margin" in pairs:
        cell = pairs["No change margin"]
        number = read_number(cell, Where(sheet.file, sheet.name, cell.coordinate),
                             "No change margin", problems, "0.5")
        if number is not None:
            settings.no_change_margin = abs(number.value)
    if "Call-in working days" in pairs:
        settings.call_in_days = _whole(pairs["Call-in working days"], sheet, "Call-in working days",
                                       0, 60, "the call-in period in working days, e.g. 6",
                                       problems, settings.call_in_days)
    if "Period columns" in pairs:
        settings.period_columns = _whole(pairs["Period columns"], sheet, "Period columns", 1, 12,
                                         "how many period columns the scorecard shows, e.g. 5",
                                         problems, settings.period_columns)
    return settings


def read_report_fields(sheet: Sheet | None, problems: Problems) -> dict[str, object]:
    """Return the `Report` sheet's fields: text, or a date for a date cell."""
    if sheet is None:
        return {}
    fields = {}
    for name, cell in read_pairs(sheet, "Field", REPORT_FIELDS, problems, "field").items():
        value = cell.value
        if name in DATE_FIELDS:
            fields[name] = read_date(cell)
        elif name == "Confidential":
            fields[name] = read_yes_no(cell, Where(sheet.file, sheet.name, cell.coordinate),
                                       "Confidential", problems)
        else:
            fields[name] = value.date() if isinstance(value, dt.datetime) else read_text(cell)
    return fields


def read_report_set(folder: Path) -> tuple[ReportSet | None, Problems]:
    """Return the report set in `folder` and every problem found (the set is None on errors)."""
    problems = Problems()
    out_path, com_path = folder / OUTTURNS, folder / COMMENTARY
    out_wb = open_workbook(out_path, problems)
    com_wb = open_workbook(com_path, problems)
    if out_wb is None:
        return None, problems
    measures_ws = find_sheet(out_wb, OUTTURNS, "Measures", problems)
    outturns_ws = find_sheet(out_wb, OUTTURNS, "Outturns", problems)
    settings_ws = find_sheet(out_wb, OUTTURNS, "Settings", problems, required=False)
    measures_sheet = measures_ws and locate_header(measures_ws, OUTTURNS, MEASURE_COLUMNS,
                                                   MEASURE_REQUIRED, problems)
    outturns_sheet = outturns_ws and locate_header(outturns_ws, OUTTURNS, ("ID",), ("ID",),
                                                   problems, extra_allowed=True)
    measures = read_measures(measures_sheet, problems) if measures_sheet else []
    periods = read_outturns(outturns_sheet, measures, problems) if outturns_sheet else []
    settings_sheet = settings_ws and locate_header(settings_ws, OUTTURNS, ("Setting", "Value"),
                                                   ("Setting", "Value"), problems)
    settings = read_settings(settings_sheet, periods, problems)
    commentary, report, narrative = {}, {}, None
    if com_wb is not None:
        com_ws = find_sheet(com_wb, COMMENTARY, "Commentary", problems)
        com_sheet = com_ws and locate_header(com_ws, COMMENTARY, COMMENTARY_COLUMNS, ("ID",),
                                             problems)
        commentary = read_commentary(com_sheet, measures, problems) if com_sheet else {}
        report_ws = find_sheet(com_wb, COMMENTARY, "Report", problems, required=False)
        report_sheet = report_ws and locate_header(report_ws, COMMENTARY, ("Field", "Value"),
                                                   ("Field", "Value"), problems)
        report = read_report_fields(report_sheet, problems)
        narrative_ws = find_sheet(com_wb, COMMENTARY, "Narrative", problems, required=False)
        if narrative_ws is not None:
            narrative_sheet = locate_header(narrative_ws, COMMENTARY, NARRATIVE_COLUMNS,
                                            ("Numbered", "Text"), problems)
            narrative = read_narrative(narrative_sheet, problems) if narrative_sheet else []
    if problems.has_errors:
        return None, problems
    report_set = ReportSet(folder.name, folder, periods, measures, commentary, report, settings,
                     [out_path, com_path], narrative)
    apply_schemes(report_set, problems)
    report_set.inputs += scheme_files(folder)
    if problems.has_errors:
        return None, problems
    return report_set, problems


def require_report_set(folder: Path) -> tuple[ReportSet, Problems]:
    """Return the report set in `folder`, raising `ReportgenError` when it has errors."""
    report_set, problems = read_report_set(folder)
    if report_set is None:
        raise ReportgenError([p for p in problems if p.severity == "error"])
    return report_set, problems


# --- the Report to Cabinet: dates, yes/no and the Narrative sheet --------------------------

_DATE_FORMATS = ("%A %d %B %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y")


def read_date(cell) -> dt.date | str | None:
    """Return a date cell, or text that reads as a date ("Monday 5 June 2017"), as a date;
    other text stays text (printed as typed)."""
    value = cell.value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = read_text(cell)
    if not text:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text), fmt).date()
        except ValueError:
            continue
    return text


def read_yes_no(cell, where: Where, label: str, problems: Problems) -> bool:
    text = (read_text(cell) or "").casefold()
    if text in ("", "no", "n", "false"):
        return False
    if text in ("yes", "y", "true") or cell.value is True:
        return True
    problems.error(f"{label} '{cell.value}' is not Yes or No", "type Yes or No", where)
    return False


def read_narrative(sheet: Sheet, problems: Problems) -> list[NarrativeRow]:
    """Return the `Narrative` sheet's blocks in order; a blank Section continues the last one."""
    rows, section = [], None
    for row in sheet.rows():
        cell = sheet.cell(row, "Section")
        typed = read_text(cell) if cell is not None else None
        section = typed or section
        numbered = read_yes_no(sheet.cell(row, "Numbered"), sheet.where(row, "Numbered"),
                               "Numbered", problems)
        heading = read_text(sheet.cell(row, "Heading")) if "Heading" in sheet.columns else None
        text = read_text(sheet.cell(row, "Text"))
        if numbered and not heading:
            problems.warning("a numbered paragraph has no heading",
                             "type the paragraph's heading, printed bold after its number",
                             sheet.where(row, "Heading"))
        if not text and not heading and not typed:
            continue
        rows.append(NarrativeRow(section, numbered, heading, text, sheet.where(row)))
    return rows
