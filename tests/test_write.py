"""Outputs: atomic writes that leave the previous file on failure, and safe CSV."""

import os

import pytest

from reportgen.errors import ReportgenError
from reportgen.write import render_csv, write_atomic


def test_write_atomic_replaces_and_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "out" / "report.pdf"
    write_atomic(target, b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.pdf"]


def test_failed_replace_keeps_the_previous_file_and_says_what_to_do(tmp_path, monkeypatch):
    target = tmp_path / "report.docx"
    write_atomic(target, b"previous")

    def locked(src, dst):  # Word on Windows holds the file open; a rename fails
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ReportgenError) as caught:
        write_atomic(target, b"new")
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]
    assert "open in Word" in caught.value.problems[0].fix


@pytest.mark.parametrize("text, cell", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"\"http://x\"\")"),
    ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("plain", "plain"),
])
def test_csv_cells_cannot_run_as_formulas(text, cell):
    assert render_csv([{"name": text, "value": -5}]).splitlines()[1] in \
        (f"{cell},-5", f'"{cell}",-5')
