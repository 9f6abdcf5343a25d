"""One of each helper: every .docx and .xlsx the project writes goes through one reproducible
zip writer (reportgen.reproducible), every file and output hash through one sha256
(reportgen.cache), every WCAG contrast ratio through one function (reportgen.schemes)."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import io
import subprocess
import sys
import zipfile

import pytest

from reportgen import reproducible, schemes

from reportgen import cache

from reportgen.compose import manifest

from reportgen.render import docx as render_docx
from reportgen.reproducible import package_order, reproducible_zip, write_zip, zip_date_time
from tests.conftest import ROOT

UTC = dt.timezone.utc
STAMP = dt.datetime(2017, 6, 5, 9, 30, 15, tzinfo=UTC)


def a_zip(entries: list[tuple[str, bytes]], when=(2024, 5, 6, 7, 8, 10)) -> bytes:
    """A zip as an ordinary writer leaves it: stored, dated now-ish, in any order."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, data in entries:
            archive.writestr(zipfile.ZipInfo(name, when), data)
    return out.getvalue()


ENTRIES = [("word/document.xml", b"<w:document/>" * 50), ("[Content_Types].xml", b"<Types/>"),
           ("_rels/.rels", b"<Relationships/>"), ("docProps/core.xml", b"<core/>")]


# --- The zip writer -------------------------------------------------------------------------

def test_write_zip_fixes_everything_but_the_entries():
    data = write_zip(ENTRIES, STAMP)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == [name for name, _ in ENTRIES]  # the order given
        for info, (_, content) in zip(archive.infolist(), ENTRIES):
            assert info.date_time == (2017, 6, 5, 9, 30, 14)  # zip times are in 2 s steps
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert info.create_system == 3
            assert info.external_attr == 0o644 << 16
            assert archive.read(info) == content
    assert write_zip(ENTRIES, STAMP) == data


def test_reproducible_zip_gives_the_same_bytes_whatever_the_source_order_and_times():
    first = reproducible_zip(a_zip(ENTRIES), STAMP)
    second = reproducible_zip(a_zip(ENTRIES[::-1], when=(1999, 1, 2, 3, 4, 6)), STAMP)
    assert first == second
    assert zipfile.ZipFile(io.BytesIO(first)).namelist() == [
        "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "word/document.xml"]
    assert first != reproducible_zip(a_zip(ENTRIES), STAMP + dt.timedelta(days=1))


def test_reproducible_zip_can_keep_the_order_and_edit_entries():
    def edit(name: str, data: bytes) -> bytes:
        return b"<core>fixed</core>" if name == "docProps/core.xml" else data

    data = reproducible_zip(a_zip(ENTRIES), STAMP, sort=False, edit=edit)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == [name for name, _ in ENTRIES]
        assert archive.read("docProps/core.xml") == b"<core>fixed</core>"
        assert archive.read("word/document.xml") == ENTRIES[0][1]
    assert data == write_zip([(n, edit(n, d)) for n, d in ENTRIES], STAMP)


def test_zip_times_are_the_stamps_own_and_never_before_1980():
    assert zip_date_time(dt.datetime(2000, 1, 1)) == (2000, 1, 1, 0, 0, 0)  # naive
    assert zip_date_time(dt.datetime(2000, 1, 1, tzinfo=UTC)) == (2000, 1, 1, 0, 0, 0)
    plus_one = dt.timezone(dt.timedelta(hours=1))
    assert zip_date_time(dt.datetime(2000, 1, 1, 1, tzinfo=plus_one)) == (2000, 1, 1, 1, 0, 0)
    assert zip_date_time(dt.datetime.fromtimestamp(0, tz=UTC)) == (1980, 1, 1, 0, 0, 0)
    assert zip_date_time(dt.datetime(1970, 1, 1)) == (1980, 1, 1, 0, 0, 0)
    data = write_zip(ENTRIES, dt.datetime(1970, 1, 1, tzinfo=UTC))  # SOURCE_DATE_EPOCH=0
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(data)).infolist()} == {
        (1980, 1, 1, 0, 0, 0)}


def test_package_order_puts_the_content_types_first():
    assert package_order(["b", "[Content_Types].xml", "a", "A"]) == [
        "[Content_Types].xml", "A", "a", "b"]


def load_script(relative: str):
    spec = importlib.util.spec_from_file_location(f"script_{relative.replace('/', '_')}",
                                                  ROOT / relative)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_every_zip_writer_is_the_one_in_the_library():
    assert render_docx.reproducible_zip is reproducible.reproducible_zip
    for script in ("scripts/make_docx_templates.py", "scripts/make_sample_inputs.py",
                   "benchmarks/generate.py"):
        source = (ROOT / script).read_text(encoding="utf-8")
        assert "ZipInfo" not in source and "ZIP_DEFLATED" not in source, script
        module = load_script(script)
        assert getattr(module, "reproducible_zip", None) is reproducible.reproducible_zip or \
            getattr(module, "save_workbook", None) is reproducible.save_workbook, script


def test_the_committed_templates_are_what_the_script_writes():
    templates = load_script("scripts/make_docx_templates.py")
    for name, build in (("performance-report.docx", templates.build_template),
                        ("appendix-scorecard.docx", templates.build_scorecard_template),
                        ("cabinet-report.docx", templates.build_cabinet_template)):
        assert build() == (ROOT / "reportgen" / "render" / "templates" / name).read_bytes(), name


# --- The hash -------------------------------------------------------------------------------

def test_one_sha256_for_bytes_text_and_files(tmp_path):
    assert manifest.sha256 is cache.sha256
    path = tmp_path / "x.txt"
    path.write_bytes("café\n".encode())
    expected = hashlib.sha256("café\n".encode()).hexdigest()
    assert cache.sha256(path.read_bytes()) == cache.sha256("café\n") == expected


# --- The contrast ratio ---------------------------------------------------------------------

def test_one_contrast_function():
    from reportgen.accessibility import colour

    assert colour.contrast_ratio is schemes.contrast
    assert colour.relative_luminance is schemes.relative_luminance
    assert schemes.contrast("00703C", "FFFFFF") == pytest.approx(6.21, abs=0.01)
    assert schemes.contrast("#fff", "000") == schemes.contrast("000000", "ffffff")
    with pytest.raises(ValueError):
        schemes.contrast("red", "FFFFFF")


def test_the_contrast_function_imports_nothing_heavy():
    code = ("import sys, reportgen.schemes; heavy = [m for m in sys.modules if m.split('.')[0] in "
            "('pikepdf', 'lxml', 'weasyprint', 'docx', 'tinycss2') or "
            "m.startswith('reportgen.accessibility')]; assert not heavy, heavy")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
