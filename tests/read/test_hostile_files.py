"""Broken files: each gives one message naming the file and what to do, before openpyxl parses."""

from __future__ import annotations

import io
import time
import zipfile

import openpyxl
import pytest

from reportgen.pipeline import build_set, check_set
from reportgen.limits import Limits, current_limits
from reportgen.errors import ReportgenError
from reportgen.read.workbook import read_report_set
from tests.fuzz.workbooks import (
    OLE2, add_parts, digest, insert_in_sheet, set_cell_xml, small_set,
)


def errors(folder):
    _, problems = read_report_set(folder)
    return [p for p in problems if p.severity == "error"]


def only_error(folder, file="outturns.xlsx"):
    (error,) = errors(folder)
    assert error.where.file == file and error.fix, error
    return error


def warnings_of(folder):
    report_set, problems = read_report_set(folder)
    assert report_set is not None, [p.describe() for p in problems]
    return [p for p in problems if p.severity == "warning"]


@pytest.fixture
def good(tmp_path):
    return small_set(tmp_path / "set")


@pytest.fixture
def no_openpyxl(monkeypatch):
    """Fail if openpyxl is asked to parse outturns.xlsx: it must be refused before that."""
    load = openpyxl.load_workbook

    def guarded(filename, *args, **kwargs):
        assert "outturns" not in str(filename), "openpyxl was asked to parse a refused file"
        return load(filename, *args, **kwargs)
    monkeypatch.setattr(openpyxl, "load_workbook", guarded)


@pytest.mark.parametrize("content, said", [
    (b"ID,Value\nM1,95\n", "is a text (CSV) file with an Excel name"),
    (b"", "is empty (0 bytes)"),
    (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "is a web page (HTML)"),
    (b"%PDF-1.7\n", "is a PDF document"),
    (OLE2 + bytes(600), "Excel 97-2003 workbook (.xls) whose name was changed to .xlsx"),
    (OLE2 + bytes(64) + "EncryptedPackage".encode("utf-16-le") + bytes(64), "password-protected"),
    (b"\x00\x01\x02garbage", "is not an Excel workbook"),
])
def test_not_a_workbook_says_what_the_file_is(good, no_openpyxl, content, said):
    (good / "outturns.xlsx").write_bytes(content)
    error = only_error(good)
    assert said in error.message
    assert error.fix.startswith(("open it in Excel", "in Excel", "copy or download"))


def test_legacy_xls_beside_no_xlsx_is_named(good, no_openpyxl):
    (good / "outturns.xlsx").unlink()
    (good / "outturns.xls").write_bytes(OLE2 + bytes(600))
    error = only_error(good, file="outturns.xls")
    assert "old-format Excel 97-2003 workbook (.xls)" in error.message
    assert "save it as 'Excel Workbook (*.xlsx)'" in error.fix


def test_an_xlsx_saved_under_an_xls_name_says_rename_it(good):
    (good / "outturns.xlsx").rename(good / "outturns.xls")
    error = only_error(good, file="outturns.xls")
    assert error.message == "outturns.xls is an Excel workbook (.xlsx) with another name"
    assert error.fix == "rename it to outturns.xlsx"


@pytest.mark.parametrize("parts, said", [
    ({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"},
     "OpenDocument spreadsheet (.ods)"),
    ({"word/document.xml": b"<w/>", "[Content_Types].xml": b"<T/>"}, "Word document"),
    ({"notes.txt": b"hello"}, "zip archive, not an Excel workbook"),
    ({"xl/workbook.bin": b"\x00", "[Content_Types].xml": b"<T/>"}, "binary workbook (.xlsb)"),
])
def test_other_zips_are_named(good, no_openpyxl, parts, said):
    with zipfile.ZipFile(good / "outturns.xlsx", "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert said in only_error(good).message


def test_truncated_workbook_says_it_ends_early(good, no_openpyxl):
    data = (good / "outturns.xlsx").read_bytes()
    (good / "outturns.xlsx").write_bytes(data[: len(data) // 2])
    error = only_error(good)
    assert "incomplete or damaged: the end of the file is missing" in error.message
    assert "copy or download the workbook again" in error.fix


def test_corrupt_contents_are_named_without_a_traceback(good):
    path = good / "outturns.xlsx"
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 5, start + info.compress_size - 5):
        data[i] ^= 0x5A  # scramble the compressed sheet; the zip directory stays intact
    path.write_bytes(bytes(data))
    error = only_error(good)
    assert "outturns.xlsx is damaged and cannot be opened" in error.message
    assert "Traceback" not in error.message and "repair" in error.fix


def test_missing_workbook_lists_what_the_folder_holds(good):
    (good / "outturns.xlsx").rename(good / "Outturns Q2 final.xlsx")
    error = only_error(good)
    assert "outturns.xlsx is missing from the report set folder" in error.message
    assert "Outturns Q2 final.xlsx" in error.message and "rename" in error.fix


def test_a_name_differing_only_in_case_is_found(good):
    (good / "outturns.xlsx").rename(good / "Outturns.XLSX")
    assert warnings_of(good) == []


def test_lock_file_is_skipped_with_a_warning_that_edits_are_unsaved(good):
    (good / "~$outturns.xlsx").write_bytes(b"\x0bJane Officer" + bytes(150))  # not a workbook
    (good / "~$mmentary.xlsx").write_bytes(b"\x0bJane Officer")  # Word-style short lock name
    found = warnings_of(good)
    assert [(w.where.file, "unsaved" in w.message or "not yet saved" in w.message)
            for w in found] == [("outturns.xlsx", True), ("commentary.xlsx", True)]
    assert "save and close it in Excel" in found[0].fix


def test_default_limits_are_sane():
    assert Limits() == current_limits({})
    assert (Limits().max_unpacked_mb, Limits().max_ratio, Limits().max_rows,
            Limits().set_seconds, Limits().set_memory_mb) == (100, 100, 20_000, 120, 1024)


def test_limits_come_from_the_environment_and_bad_values_are_named():
    assert current_limits({"REPORTGEN_MAX_ROWS": "50_000"}).max_rows == 50_000
    with pytest.raises(ReportgenError) as caught:
        current_limits({"REPORTGEN_SET_SECONDS": "soon"})
    assert "REPORTGEN_SET_SECONDS='soon' is not a whole number" in caught.value.problems[0].message


def _stuff(path, name, megabytes, byte=b" "):
    """Add a part of `megabytes` of one repeated byte: it compresses about 1000:1."""
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        with archive.open(name, "w", force_zip64=True) as part:
            chunk = byte * (1024 * 1024)
            for _ in range(megabytes):
                part.write(chunk)


def test_bomb_ratio_is_refused_before_parsing_with_default_limits(good, no_openpyxl):
    _stuff(good / "outturns.xlsx", "xl/media/padding.bin", 3)
    started = time.perf_counter()
    error = only_error(good)
    assert time.perf_counter() - started < 5
    assert "beyond the 100:1 limit" in error.message and "xl/media/padding.bin" in error.message
    assert "REPORTGEN_MAX_RATIO" in error.fix


def test_bomb_size_is_refused_before_parsing(good, no_openpyxl, monkeypatch):
    monkeypatch.setenv("REPORTGEN_MAX_UNPACKED_MB", "2")
    monkeypatch.setenv("REPORTGEN_MAX_RATIO", "100000")
    _stuff(good / "outturns.xlsx", "xl/media/padding.bin", 3)
    error = only_error(good)
    assert "unpacks to 3 MB, beyond the 2 MB limit" in error.message
    assert "REPORTGEN_MAX_UNPACKED_MB" in error.fix


def test_too_many_parts_are_refused(good, no_openpyxl, monkeypatch):
    monkeypatch.setenv("REPORTGEN_MAX_PARTS", "12")
    add_parts(good / "outturns.xlsx", {f"xl/media/i{n}.png": b"x" for n in range(10)})
    assert "parts, beyond the limit of 12" in only_error(good).message


@pytest.mark.parametrize("tag", ["mergeCell", "hyperlink"])
def test_a_range_covering_the_whole_sheet_is_refused_before_openpyxl_expands_it(good, tag):
    path = good / "outturns.xlsx"
    xml = (f'<mergeCells count="1"><mergeCell ref="A20:XFD1048576"/></mergeCells>'
           if tag == "mergeCell" else
           '<hyperlinks><hyperlink ref="A20:XFD1048576" display="x"/></hyperlinks>')
    insert_in_sheet(path, "Measures", "<pageMargins", xml)
    started = time.perf_counter()
    error = only_error(good)
    assert time.perf_counter() - started < 5
    assert error.where.sheet == "Measures" and error.where.cell == "A20:XFD1048576"
    assert "beyond the limit of 100,000" in error.message and "unmerge" in error.fix


def test_xlsm_is_read_for_values_and_macros_are_neither_kept_nor_run(good, tmp_path):
    path = good / "outturns.xlsx"
    add_parts(path, {"xl/vbaProject.bin": b"Attribute VB_Name = \"AutoOpen\"\nShell \"calc\""})
    path.rename(good / "outturns.xlsm")
    before = digest(good)
    found = warnings_of(good)
    assert len(found) == 1 and found[0].where.file == "outturns.xlsm"
    assert "holds macros (xl/vbaProject.bin)" in found[0].message
    assert "never runs or keeps macros" in found[0].message
    result = build_set(good, tmp_path / "out")
    assert result.ok and digest(good) == before
    for written in result.written:
        if written.suffix == ".docx":
            assert not any("vba" in n.lower() for n in zipfile.ZipFile(written).namelist())


def test_links_to_other_workbooks_are_not_followed(good):
    add_parts(good / "outturns.xlsx", {"xl/externalLinks/externalLink1.xml": b"<externalLink/>"})
    (warning,) = warnings_of(good)
    assert "uses the values saved in this file and opens no other file" in warning.message


@pytest.mark.parametrize("raw", ["nan", "NaN", "inf", "-inf", "1e400x"])
def test_a_number_cell_holding_text_from_another_program_is_named(good, raw):
    set_cell_xml(good / "outturns.xlsx", "Outturns", "C2", f'<c r="C2"><v>{raw}</v></c>')
    errs = errors(good)
    assert [(e.where.sheet, e.where.cell) for e in errs] == [("Outturns", "C2")], errs
    assert "not a number Excel can store" in errs[0].message or "finite" in errs[0].message


def test_inputs_are_never_modified(good, tmp_path):
    (good / "~$outturns.xlsx").write_bytes(b"lock")
    before = digest(good)
    assert check_set(good).ok
    assert build_set(good, tmp_path / "out").ok
    assert digest(good) == before


def test_a_bad_limit_setting_is_a_usage_error(good, monkeypatch, capsys):
    from reportgen.cli import main
    monkeypatch.setenv("REPORTGEN_SET_MEMORY_MB", "lots")
    assert main(["check", str(good)]) == 2
    assert "REPORTGEN_SET_MEMORY_MB='lots' is not a whole number above 0" in capsys.readouterr().err
