"""Hypothesis strategies for report sets as officers and hostile tools might write them.

A drawn `SetSpec` is mostly the contract's shape, so builds get deep, with mutations mixed
in: sheet and header names, title rows, hidden parts, merges, stray cells, values of every
type and format, hostile text, raw XML openpyxl would never write, and damaged zip bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from reportgen.read.workbook import EXCEL_ERRORS
from reportgen.read.contract import COMMENTARY_COLUMNS
from tests.conftest import MEASURE_HEADER
from tests.fuzz.workbooks import HOSTILE_TEXTS, edit_part

# The text columns of the contract's Commentary sheet (overrides are rated, not free text).
COMMENTARY_HEADER = [c for c in COMMENTARY_COLUMNS if c not in ("RAG override", "Override reason")]
FORMATS = ["General", "0", "0.0", "0%", "0.0%", "0.00%", "#,##0", "dd/mm/yyyy", "@",
           '0.0" days"']

texts = st.one_of(
    st.sampled_from(HOSTILE_TEXTS),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
    st.sampled_from(["", " ", "n/a", "Data currently unavailable", "Monitor", "High", "low",
                     "<p>para <b>bold</b></p><ul><li>one</li></ul>", "a\n\nb", "_x000B_x",
                     "_xD83D__xDE00_", "x" * 300, "y " * 200]),
)
numbers_as_text = st.sampled_from([
    "95%", "95 %", " 95 ", "1,241", "95\u00a0%", "0.96", "-5", "105%", "1e5", "9" * 30,
    ".5", "+7", "1.2.3", "12,34,5", "٩٥", "0x10", "∞", "NaN", "-0", "00012",
])
cell_values = st.one_of(
    st.none(),
    st.integers(min_value=-10**15, max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.floats(min_value=0, max_value=1.5),
    numbers_as_text,
    st.sampled_from(sorted(EXCEL_ERRORS)),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
    texts,
)
clean_values = st.one_of(
    st.none(), st.integers(0, 200),
    st.floats(min_value=0, max_value=150).map(lambda f: round(f, 2)),
    st.sampled_from(["95%", " 95 ", "1,241", "95\u00a0%", "n/a", "Data currently unavailable",
                     0.5, 0.04]),
)
identifiers = st.one_of(st.sampled_from(["M1", "M2", "m1 ", " M3", "12", "CSC01"]),
                        st.integers(min_value=0, max_value=20), st.just(12.0), texts)

# Raw cells openpyxl would never write; {ref} is the cell reference.
RAW_CELLS = [
    '<c r="{ref}"><v>nan</v></c>', '<c r="{ref}"><v>inf</v></c>', '<c r="{ref}"><v>1E999</v></c>',
    '<c r="{ref}"><f>A1/0</f></c>', '<c r="{ref}"><f>SUM(B:B)</f><v></v></c>',
    '<c r="{ref}" t="e"><v>#DIV/0!</v></c>', '<c r="{ref}" t="b"><v>1</v></c>',
    '<c r="{ref}" t="inlineStr"><is><t>{long}</t></is></c>', '<c r="{ref}" t="s"><v>99999</v></c>',
    '<c r="{ref}" t="d"><v>2017-13-45</v></c>', '<c r="{ref}" s="999"><v>1</v></c>',
    '<c r="{ref}" t="str"><f>"x"</f><v>_x0007_bell</v></c>', '<c r="{ref}"><v>99999999999</v></c>',
]
RAW_SHEET = [
    '<mergeCells count="1"><mergeCell ref="A2:B3"/></mergeCells>',
    '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
    '<hyperlinks><hyperlink ref="A1:C3" display="x"/></hyperlinks>',
]


@dataclass
class SheetMutation:
    """What to do to one sheet after writing it the contract's way."""

    title: str | None = None  # rename the sheet (None: keep)
    title_rows: int = 0
    header_edits: dict[int, object] = field(default_factory=dict)  # column -> new header
    hidden: bool = False
    hidden_rows: list[int] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)
    stray: list[tuple[str, object]] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)


@dataclass
class SetSpec:
    measures: list[dict]
    periods: list[object]
    values: dict[object, list[object]]
    commentary: list[dict]
    report: dict[str, object]
    settings: dict[str, object]
    sheets: dict[str, SheetMutation]
    raw: list[tuple[str, str, str]]  # (file, sheet, raw xml for one cell)
    raw_sheet: list[tuple[str, str]]  # (sheet, xml inserted before <pageMargins)
    damage: tuple[str, int, int] | None  # ("truncate" | "flip", position, value)
    narrative: list[tuple] | None = None  # Narrative rows (Section, Numbered, Heading, Text)
    narrative_title: str = "Narrative"    # the sheet's name, as an officer may misspell it
    copies: list[str] = field(default_factory=list)  # commentary.xlsx saved again as these


@st.composite
def measure_rows(draw, clean: bool = False):
    count = draw(st.integers(min_value=1 if clean else 0, max_value=5))
    rows = []
    for index in range(count):
        if clean:
            rows.append(draw(clean_measure(index)))
            continue
        plain = draw(st.booleans())
        row = {"ID": draw(identifiers) if not plain else f"M{index + 1}",
               "Measure": draw(texts) if not plain else f"% of things {index}",
               "Good to be": draw(st.sampled_from(["High", "Low", "high ", None, "Up"])),
               "Unit": draw(st.sampled_from(["%", "days", None, "%", "£"])),
               "Target": draw(cell_values) if not plain else draw(st.sampled_from([90, 0.9, None,
                                                                                    "Monitor"])),
               "Tolerance": draw(st.one_of(st.none(), cell_values)),
               "Theme": draw(st.one_of(st.none(), st.sampled_from(["Quality", "Demand"]), texts)),
               "Service area": draw(st.one_of(st.none(), texts))}
        for extra in ("Portfolio", "Outcome", "Data period", "Tolerance note", "Amber band",
                      "Stat neighbours", "England", "Benchmark note"):
            if draw(st.integers(0, 4)) == 0:
                row[extra] = draw(cell_values)
        rows.append(row)
    return rows


@st.composite
def clean_measure(draw, index: int):
    """A row an officer would type: the contract's types, any text where text is allowed."""
    target = draw(st.sampled_from([90, 95, 0.9, 20, None, "Monitor", 100]))
    # A prefix keeps the name non-blank and not "=..." (which openpyxl writes as a formula).
    return {"ID": f"M{index + 1}", "Measure": f"Measure {index} " + draw(texts),
            "Good to be": draw(st.sampled_from(["High", "Low"])) if target is not None else None,
            "Unit": draw(st.sampled_from(["%", "days", None])), "Target": target,
            "Tolerance": draw(st.sampled_from([None, 5, 2.5])),
            "Theme": draw(st.one_of(st.none(), st.sampled_from(["Quality", "Demand"]), texts)),
            "Outcome": draw(st.one_of(st.none(), texts)),
            "Service area": draw(st.one_of(st.none(), texts)),
            "Data period": draw(st.one_of(st.none(), texts)),
            "Tolerance note": draw(st.one_of(st.none(), texts)),
            "England": draw(st.one_of(st.none(), st.integers(0, 100))),
            "Benchmark note": draw(st.one_of(st.none(), texts))}


@st.composite
def sheet_mutations(draw, header_width: int, titles: list[str], clean: bool = False):
    if draw(st.integers(0, 2)):
        return SheetMutation()  # most sheets as the contract says
    refs = st.builds(lambda c, r: f"{get_column_letter(c)}{r}", st.integers(1, header_width + 3),
                     st.integers(1, 8))
    if clean:  # what does not make a set fail: warnings at most
        return SheetMutation(
            title_rows=draw(st.integers(0, 3)), hidden=draw(st.integers(0, 5)) == 0,
            hidden_rows=draw(st.lists(st.integers(2, 8), max_size=2)),
            stray=draw(st.lists(st.tuples(st.sampled_from(["XFD1048576", "Z9", "AB3"]), texts),
                                max_size=2)),
            formats={f"{get_column_letter(c)}{r}": f for c, r, f in draw(st.lists(st.tuples(
                st.integers(2, header_width), st.integers(2, 6),
                st.sampled_from(["0%", "0.0", "General", "#,##0"])), max_size=3))})
    return SheetMutation(
        title=draw(st.one_of(st.none(), st.sampled_from(titles))),
        title_rows=draw(st.integers(0, 3)),
        header_edits=draw(st.dictionaries(st.integers(1, header_width + 2),
                                          st.one_of(st.sampled_from(MEASURE_HEADER), texts,
                                                    st.none()), max_size=3)),
        hidden=draw(st.integers(0, 5)) == 0,
        hidden_rows=draw(st.lists(st.integers(2, 8), max_size=2)),
        merges=draw(st.lists(st.builds(lambda a, b: f"{a}:{b}", refs, refs), max_size=2)),
        stray=draw(st.lists(st.tuples(st.one_of(refs, st.sampled_from(["XFD1048576", "Z9"])),
                                      cell_values), max_size=2)),
        formats=draw(st.dictionaries(refs, st.sampled_from(FORMATS), max_size=4)),
    )


@st.composite
def set_specs(draw, damage: bool = False) -> SetSpec:
    """Three sets in four are "clean": they reach composing and rendering; the rest are
    hostile anywhere."""
    clean = not damage and draw(st.integers(0, 3)) > 0
    if clean:
        return draw(clean_specs())
    measures = draw(measure_rows())
    periods = draw(st.lists(st.one_of(st.sampled_from(["Q1 2017/18", "Q2 2017/18", "Sep 2016"]),
                                      st.datetimes(min_value=dt.datetime(2015, 1, 1),
                                                   max_value=dt.datetime(2019, 1, 1)),
                                      texts, st.integers(2015, 2020)),
                            min_size=0, max_size=4))
    ids = [m["ID"] for m in measures] or ["M1"]
    values = {draw(st.one_of(st.sampled_from(ids), identifiers)):
              draw(st.lists(cell_values, min_size=len(periods), max_size=len(periods)))
              for _ in range(draw(st.integers(0, len(ids) + 1)))}
    commentary = [{"ID": draw(st.one_of(st.sampled_from(ids), identifiers)),
                   **{k: draw(st.one_of(st.none(), texts)) for k in COMMENTARY_HEADER[1:]}}
                  for _ in range(draw(st.integers(0, len(ids) + 1)))]
    report = draw(st.dictionaries(st.sampled_from(["Title", "Committee", "Meeting date", "Author",
                                                   "Portfolio holder", "Unknown field"]),
                                  st.one_of(texts, cell_values), max_size=4))
    settings = draw(st.dictionaries(st.sampled_from(["Amber band", "Reporting period",
                                                     "Actions label", "Roll-up",
                                                     "Period columns", "Documents",
                                                     "Colour"]),
                                    cell_values, max_size=3))
    sheets = {name: draw(sheet_mutations(width, titles)) for name, width, titles in (
        ("Measures", len(MEASURE_HEADER), ["Measure", "measures ", "Sheet1"]),
        ("Outturns", len(periods) + 1, ["Outturn", "OUTTURNS", "Data"]),
        ("Commentary", len(COMMENTARY_HEADER), ["Comments", "commentary"]))}
    raw = draw(st.lists(st.tuples(
        st.sampled_from(["outturns.xlsx", "commentary.xlsx"]),
        st.sampled_from(["B2", "C2", "J2", "A2"]), st.sampled_from(RAW_CELLS)), max_size=2))
    raw_sheet = draw(st.lists(st.tuples(st.sampled_from(["Measures", "Outturns"]),
                                        st.sampled_from(RAW_SHEET)), max_size=1))
    hurt = draw(st.tuples(st.sampled_from(["truncate", "flip", "flip"]),
                          st.integers(0, 10**6), st.integers(1, 255))) if damage else None
    return SetSpec(measures, periods, values, commentary, report, settings, sheets, raw,
                   raw_sheet, hurt)


@st.composite
def clean_specs(draw) -> SetSpec:
    measures = draw(measure_rows(clean=True))
    periods = draw(st.lists(st.sampled_from(["Q1 2017/18", "Q2 2017/18", "Q3 2017/18",
                                             "Mar 2016"]), min_size=1, max_size=4, unique=True))
    ids = [m["ID"] for m in measures]
    values = {i: draw(st.lists(clean_values, min_size=len(periods), max_size=len(periods)))
              for i in ids if draw(st.integers(0, 5))}
    commentary = [{"ID": i, **{k: draw(st.one_of(st.none(), texts))
                               for k in COMMENTARY_HEADER[1:]}}
                  for i in ids if draw(st.integers(0, 3))]
    report = draw(st.dictionaries(st.sampled_from(["Title", "Committee", "Author",
                                                   "Portfolio holder"]), texts, max_size=4))
    if draw(st.booleans()):
        report["Meeting date"] = draw(st.datetimes(min_value=dt.datetime(2000, 1, 1),
                                                   max_value=dt.datetime(2030, 1, 1)))
    settings = {}
    if draw(st.booleans()):
        settings["Amber band"] = draw(st.sampled_from(["10%", 0.05, 5]))
    if draw(st.booleans()):
        settings["Actions label"] = draw(texts)
    sheets = {name: draw(sheet_mutations(width, [], clean=True)) for name, width in (
        ("Measures", len(MEASURE_HEADER)), ("Outturns", len(periods) + 1),
        ("Commentary", len(COMMENTARY_HEADER)))}
    raw = draw(st.lists(st.tuples(st.just("outturns.xlsx"), st.sampled_from(["B2", "C2"]),
                                  st.just('<c r="{ref}"><f>1+1</f><v>88</v></c>')), max_size=1))
    return SetSpec(measures, periods, values, commentary, report, settings, sheets, raw, [], None)


# --- the traps officers fall into (issue 17), mixed into clean sets ------------------------

TRAP_TEXTS = ["Cost $x$ per child", "£5 $\\frac{1}{2$ each", "$$", "a $b\\c$ d", "_x000B_ typed",
              "_x005F_x000B_", "12,5", "x^2_{i}", "<b>bold</b> $1 and $2"]


@st.composite
def trap_values(draw, count: int):
    """A % measure's figures as officers type them wrongly: all fractions, one fraction among
    whole numbers, a decimal comma, a figure confirmed with its sign."""
    kind = draw(st.sampled_from(["fractions", "fractions", "signed", "whole", "one fraction",
                                 "decimal comma"]))
    values = [draw(st.integers(60, 99)) for _ in range(count)]
    if kind == "fractions":
        values = [v / 100 for v in values]
    elif kind == "one fraction":
        values[draw(st.integers(0, count - 1))] = draw(st.floats(0.01, 1.0)).__round__(3)
    elif kind == "decimal comma":
        values[draw(st.integers(0, count - 1))] = draw(st.sampled_from(["12,5", "0,845",
                                                                        "84,5%"]))
    elif kind == "signed":
        values[draw(st.integers(0, count - 1))] = "0.845%"
    return kind, values


@st.composite
def trap_specs(draw) -> SetSpec:
    """A clean set with the traps of issue 17 mixed in: percentages on the wrong scale, a
    decimal comma, a misspelt Narrative sheet, a copied workbook, a cabinet report with no
    meeting date, chart text that looks like mathematics, escape-like text."""
    spec = draw(clean_specs())
    for row in spec.measures:
        if draw(st.integers(0, 2)) == 0:
            row["Unit"], row["Good to be"] = "%", "High"
            kind, values = draw(trap_values(len(spec.periods)))
            spec.values[row["ID"]] = values
            row["Target"] = 0.8 if kind == "fractions" and draw(st.booleans()) else 80
            row["Tolerance"] = draw(st.sampled_from([None, 5, 0.05, 1]))
        if draw(st.integers(0, 2)) == 0:
            row["Measure"] = draw(st.sampled_from(TRAP_TEXTS))
        if draw(st.integers(0, 2)) == 0:
            row["Service area"] = draw(st.sampled_from(TRAP_TEXTS))
    for row in spec.commentary:
        if draw(st.booleans()):
            row["Commentary"] = draw(st.sampled_from(TRAP_TEXTS))
    if draw(st.booleans()):
        spec.narrative = [("A. Context", "Yes", draw(st.sampled_from(TRAP_TEXTS)),
                           draw(st.sampled_from(TRAP_TEXTS)))]
        spec.narrative_title = draw(st.sampled_from(["Narrative", "Narative", "Narratives",
                                                     "narrative "]))
        if draw(st.integers(0, 3)) == 0:
            spec.report.pop("Meeting date", None)
        else:
            spec.report.setdefault("Meeting date", dt.datetime(2017, 6, 5))
    spec.copies = draw(st.lists(st.sampled_from(["commentary (1).xlsx", "Copy of outturns.xlsx"]),
                                max_size=1))
    return spec


# --- writing a spec ----------------------------------------------------------------------

def _cell(value):
    """Return `value` as openpyxl will store it (Excel's escapes for characters XML cannot hold)."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub(lambda m: f"_x{ord(m.group()):04X}_", value)
    return value


def _apply(ws, mutation: SheetMutation) -> None:
    for column, header in mutation.header_edits.items():
        ws.cell(row=1, column=column).value = _cell(header)
    for ref, fmt in mutation.formats.items():
        ws[ref].number_format = fmt
    for row in mutation.hidden_rows:
        ws.row_dimensions[row].hidden = True
    if mutation.title_rows:
        ws.insert_rows(1, amount=mutation.title_rows)
        ws["A1"] = "Performance measures"
    for ref, value in mutation.stray:
        ws[ref] = _cell(value)
    for merge in mutation.merges:
        try:
            ws.merge_cells(merge)
        except ValueError:
            pass
    if mutation.hidden:
        ws.sheet_state = "hidden"
    if mutation.title:
        ws.title = mutation.title


def write_spec(folder: Path, spec: SetSpec) -> Path:
    """Write the report set `spec` describes into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Measures"
    ws.append(MEASURE_HEADER)
    for m in spec.measures:
        ws.append([_cell(m.get(h)) for h in MEASURE_HEADER])
    out = wb.create_sheet("Outturns")
    out.append(["ID", *[_cell(p) for p in spec.periods]])
    for ident, values in spec.values.items():
        out.append([_cell(ident), *[_cell(v) for v in values]])
    if spec.settings:
        st_ws = wb.create_sheet("Settings")
        st_ws.append(["Setting", "Value"])
        for key, value in spec.settings.items():
            st_ws.append([key, _cell(value)])
    for name in ("Measures", "Outturns"):
        _apply(wb[name], spec.sheets[name])
    _keep_one_visible(wb)
    wb.save(folder / "outturns.xlsx")
    cw = openpyxl.Workbook()
    rep = cw.active
    rep.title = "Report"
    rep.append(["Field", "Value"])
    for key, value in spec.report.items():
        rep.append([key, _cell(value)])
    com = cw.create_sheet("Commentary")
    com.append(COMMENTARY_HEADER)
    for row in spec.commentary:
        com.append([_cell(row.get(h)) for h in COMMENTARY_HEADER])
    _apply(com, spec.sheets["Commentary"])
    if spec.narrative is not None:
        nar = cw.create_sheet(spec.narrative_title)
        nar.append(["Section", "Numbered", "Heading", "Text"])
        for row in spec.narrative:
            nar.append([_cell(v) for v in row])
    _keep_one_visible(cw)
    cw.save(folder / "commentary.xlsx")
    for name in spec.copies:
        (folder / name).write_bytes((folder / "commentary.xlsx").read_bytes())
    _write_raw(folder, spec)
    if spec.damage:
        _damage(folder / "outturns.xlsx", spec.damage)
    return folder


def _keep_one_visible(wb) -> None:
    """Excel (and openpyxl) need one visible sheet: add a notes sheet if all are hidden."""
    if all(ws.sheet_state != "visible" for ws in wb.worksheets):
        wb.create_sheet("Notes").sheet_state = "visible"
        wb.active = len(wb.worksheets) - 1


def _write_raw(folder: Path, spec: SetSpec) -> None:
    import re

    from tests.fuzz.workbooks import sheet_part
    for file, ref, template in spec.raw:
        path = folder / file
        title = "Outturns" if file == "outturns.xlsx" else "Commentary"
        try:
            part = sheet_part(path, title)
        except ValueError:
            continue  # the sheet was renamed by a mutation
        xml = template.format(ref=ref, long="z" * 40_000)

        def put(text, ref=ref, xml=xml):
            new, count = re.subn(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', xml, text, count=1)
            return new if count else text
        edit_part(path, part, put)
    for title, xml in spec.raw_sheet:
        try:
            part = sheet_part(folder / "outturns.xlsx", title)
        except ValueError:
            continue
        edit_part(folder / "outturns.xlsx", part,
                  lambda text, xml=xml: text.replace("<pageMargins", xml + "<pageMargins", 1)
                  if "<mergeCells" not in text else text)


def _damage(path: Path, damage: tuple[str, int, int]) -> None:
    kind, position, value = damage
    data = bytearray(path.read_bytes())
    at = position % len(data)
    if kind == "truncate":
        data = data[:at]
    else:
        data[at] ^= value
    path.write_bytes(bytes(data))


def random_zip_damage(data: bytes, seed: int) -> bytes:
    """Return `data` with a few random bytes changed (for long runs without Hypothesis)."""
    rng = random.Random(seed)
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def is_zip(data: bytes) -> bool:
    return zipfile.is_zipfile(io.BytesIO(data))
