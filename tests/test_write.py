"""Outputs: atomic writes that leave the previous file on failure, stale files removed with
them, and safe CSV."""

import os
from pathlib import Path

import pytest

from reportgen.cache import sha256
from reportgen.errors import ReportgenError
from reportgen.write import find_leftovers, render_csv, write_atomic, write_outputs


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


def test_a_stale_file_that_cannot_be_removed_keeps_the_whole_previous_build(tmp_path,
                                                                            monkeypatch):
    write_outputs(tmp_path, {"a.pdf": b"old a", "Old - Pack.pdf": b"old pack"})
    replace = os.replace

    def locked(src, dst):  # Word on Windows holds the old pack open: it cannot be moved
        if Path(src).name == "Old - Pack.pdf":
            raise PermissionError(13, "Permission denied")
        return replace(src, dst)

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ReportgenError) as caught:
        write_outputs(tmp_path, {"a.pdf": b"new a"}, remove=["Old - Pack.pdf"])
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {
        "a.pdf": b"old a", "Old - Pack.pdf": b"old pack"}
    (problem,) = caught.value.problems
    assert problem.message.startswith("cannot remove Old - Pack.pdf (Permission denied)")
    assert "open in Word" in problem.fix


@pytest.mark.parametrize("formats, stale", [(None, ["old.docx", "old.pdf"]),
                                            (["pdf"], ["old.pdf"])])
def test_only_the_formats_a_build_writes_are_stale(tmp_path, formats, stale):
    previous = {name: sha256(name.encode()) for name in ("old.pdf", "old.docx", "new.pdf")}
    for name in previous:
        (tmp_path / name).write_text(name)
    assert find_leftovers(tmp_path, previous, ["new.pdf"], formats).stale == stale


def test_files_of_other_formats_are_kept_with_the_build_that_wrote_them(tmp_path):
    """A `--format pdf` build keeps the earlier DOCX (unchanged since) in its manifest, with
    the key of the build that wrote it; a changed one is the officer's, not kept."""
    import json

    from reportgen.write import find_kept

    for name in ("a.docx", "a.html", "a.pdf", "edited.docx"):
        (tmp_path / name).write_text(name)
    outputs = {name: sha256(name) for name in ("a.docx", "a.html", "a.pdf", "edited.docx")}
    (tmp_path / "edited.docx").write_text("edited by the clerk")
    (tmp_path / "manifest.json").write_text(json.dumps({"cache": {
        "key": "k1", "outputs": outputs, "kept": {"a.html": "k0"}}}))
    kept = find_kept(tmp_path, ("pdf",), "k1")
    assert kept.outputs == {"a.docx": sha256("a.docx"), "a.html": sha256("a.html")}
    assert kept.origins == {"a.docx": "k1", "a.html": "k0"} and kept.older == ["a.html"]
    assert find_kept(tmp_path, ("docx", "pdf", "html"), "k1").outputs == {}
