"""The workbook contract: the files, sheets, columns and row names a report set is made of.

README.md ("The workbooks") describes it for officers. This module is its one definition: the
reader (read_workbook.py), the test fixtures (tests/conftest.py), the sample writer
(scripts/make_sample_inputs.py) and the benchmark generator (benchmarks/generate.py) all take
the names from here. It imports nothing, so a script can use it without loading the library (nor openpyxl).
The defaults of the Settings rows are those of `reportgen.model.Settings`.
"""

from __future__ import annotations

# The two workbooks of a report set folder.
OUTTURNS, COMMENTARY = "outturns.xlsx", "commentary.xlsx"

# Their sheets, in the order the sample and benchmark workbooks hold them. Settings, Arrows,
# Report, Narrative and Dashboard are optional; a Narrative sheet makes the set a Report to
# Cabinet, a Dashboard sheet a dashboard.
MEASURES_SHEET, OUTTURNS_SHEET, SETTINGS_SHEET = "Measures", "Outturns", "Settings"
ARROWS_SHEET = "Arrows"
REPORT_SHEET, COMMENTARY_SHEET, NARRATIVE_SHEET = "Report", "Commentary", "Narrative"
DASHBOARD_SHEET = "Dashboard"
WORKBOOK_SHEETS = {OUTTURNS: (MEASURES_SHEET, OUTTURNS_SHEET, SETTINGS_SHEET, ARROWS_SHEET),
                   COMMENTARY: (REPORT_SHEET, COMMENTARY_SHEET, NARRATIVE_SHEET,
                                DASHBOARD_SHEET)}
OPTIONAL_SHEETS = (SETTINGS_SHEET, ARROWS_SHEET, REPORT_SHEET, NARRATIVE_SHEET,
                   DASHBOARD_SHEET)
# `reportgen new` puts an Instructions sheet first in each workbook; the build does not read it.
INSTRUCTIONS_SHEET = "Instructions"
# A reference column beside Settings and Report values (a setting's default, a field's use):
# read by people, never by the build.
ABOUT = "About"

# A sheet's header row is the first of rows 1-HEADER_ROWS holding every required header;
# headers match ignoring case and spaces.
HEADER_ROWS = 10

# Measures: one row per measure.
ID = "ID"
BENCHMARK_HEADERS = ("Stat neighbours", "South East", "England")
MEASURE_COLUMNS = ("ID", "Portfolio", "Service area", "Outcome", "Theme", "Measure", "Good to be",
                   "Unit", "Data period", "Target", "Tolerance", "Tolerance note", "Amber band",
                   *BENCHMARK_HEADERS, "Benchmark note", "Scheme", "Lead officer",
                   "Benchmark indicator", "Benchmark period", "Baseline", "Next target")
MEASURE_REQUIRED = ("ID", "Measure", "Good to be", "Unit", "Target", "Tolerance")

# Outturns: the ID column, then one column per period headed by its label (text or a date).
OUTTURNS_REQUIRED = (ID,)

# Arrows: shaped as Outturns (the ID column, then a column per period), each cell the
# direction-of-travel arrow as published, printed instead of the one worked out from the
# values: one of ARROW_SYMBOLS, or a word of ARROW_WORDS ("none": no arrow).
ARROW_SYMBOLS = ("↑", "↓", "→", "↘", "↔", "↗")
ARROW_WORDS = {"better": "↑", "worse": "↓", "same": "→", "none": ""}

# Settings: `Setting | Value` rows.
SETTING_COLUMNS = ("Setting", "Value")
SETTINGS = ("Amber band", "Reporting period", "Actions label", "Roll-up", "Period columns",
            "Call-in working days", "Scheme", "Direction comparator", "No change margin",
            "Documents", "Licence", "Local authority code", "Statistical neighbours", "Region",
            "Authority name", "Baseline label", "Next target label")
ROLL_UPS = ("Mean", "Worst")
DIRECTION_COMPARATORS = ("Previous period", "Same period last year", "Both")
# The documents a set can get, by the names the `Documents` setting and README use, with the
# kind each is built as (manifest.json's "kind"), in pack order. A new document is added here
# and in `reportgen.compose.compose_documents`.
DOCUMENTS = {"Report to Cabinet": "cabinet-report", "Appendix 1": "appendix-scorecard",
             "Performance report": "performance-report", "Dashboard": "dashboard",
             "Pack": "pack"}

# Commentary: one row per measure.
COMMENTARY_COLUMNS = ("ID", "Benchmarking", "Commentary", "Actions", "Value note",
                      "RAG override", "Override reason")
COMMENTARY_REQUIRED = (ID,)
# Beside them, for reference and never printed: the words of the period before, as
# `reportgen roll` carries them forward (and `collect` copies them into each return).
PREVIOUS_WORDS = "Last period's commentary"

# Commentary returns: `reportgen collect` writes one workbook per owner into this folder of
# the set, each with a Commentary sheet (the columns above, then reference columns);
# build and check read them all beside commentary.xlsx. Owners are the values of a Measures
# column: Service area unless another is asked for.
RETURNS_FOLDER = "returns"
OWNER_COLUMNS = ("Service area", "Lead officer", "Portfolio", "Outcome", "Theme")
RETURN_REFERENCE = ("Measure", "Status", "Recent values", "Target", PREVIOUS_WORDS)


def return_files(folder):
    """The return workbooks in the set `folder`'s returns/ (a pathlib.Path), sorted: .xlsx
    and .xlsm files, Excel's lock files (~$…) and hidden files aside."""
    returns = folder / RETURNS_FOLDER
    if not returns.is_dir():
        return []
    return sorted(p for p in returns.iterdir()
                  if p.is_file() and p.suffix.casefold() in (".xlsx", ".xlsm")
                  and not p.name.startswith(("~$", ".")))

# Report: `Field | Value` rows, the Report to Cabinet's cover.
REPORT_COLUMNS = ("Field", "Value")
REPORT_FIELDS = ("Title", "Committee", "Meeting date", "Portfolio holder", "Author",
                 "Date can be implemented", "Contact officer", "Local members affected",
                 "Portfolio areas affected", "Confidential", "Summary", "Recommendation",
                 "Background papers", "Views deadline", "Press office phone",
                 "Member Services phone", "Member Services email")
DATE_FIELDS = ("Meeting date", "Date can be implemented", "Views deadline")

# Narrative: one row per block of the Report to Cabinet's body, in order.
NARRATIVE_COLUMNS = ("Section", "Numbered", "Heading", "Text")
NARRATIVE_REQUIRED = ("Numbered", "Text")

# Dashboard: one row per block of the dashboard (seed 003), in order. Block is one of
# DASHBOARD_BLOCKS; Measures names IDs (comma-separated) where the block shows measures; Title
# heads the block; Text is words in the Narrative's light markup (pipe tables included).
DASHBOARD_COLUMNS = ("Block", "Measures", "Title", "Text")
DASHBOARD_REQUIRED = ("Block",)
SUCCESS_BLOCK, COMPARISON_BLOCK, CHARTS_BLOCK, TEXT_BLOCK = (
    "Success measures", "Comparison", "Charts", "Text")
DASHBOARD_BLOCKS = (SUCCESS_BLOCK, COMPARISON_BLOCK, CHARTS_BLOCK, TEXT_BLOCK)
