"""Outputs: reproducible bytes, nothing fetched, all-or-nothing writes, bounded worker processes."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
import zipfile
from pathlib import Path

import pytest

from reportgen import integrity, progress, render_pdf
from reportgen.build import SetResult, build_set
from reportgen.cli import main
from reportgen.limits import Limits
from reportgen.problems import Problem, ReportgenError, Where
from reportgen.worker import build_set_in_worker
from reportgen.write import write_outputs
from tests.conftest import SAMPLES, measure
from tests.fuzz.workbooks import digest, small_set
from tests.test_hostile_text import RecordingFetcher, forbidden_in_pdf, only_bundled

SAMPLE_SETS = sorted(p.name for p in SAMPLES.iterdir() if (p / "outturns.xlsx").exists())
EPOCH = "1496620800"  # 2017-06-05 00:00 UTC


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def first_builds(tmp_path_factory):
    """Every sample set built in this process, recording what the PDF engine asks for."""
    out = tmp_path_factory.mktemp("first")
    RecordingFetcher.asked = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        patch.setattr(render_pdf, "BundledOnlyFetcher", RecordingFetcher)
        for name in SAMPLE_SETS:
            result = build_set(SAMPLES / name, out)
            assert result.ok, [p.describe() for p in result.problems]
    return out, list(RecordingFetcher.asked)


@pytest.mark.parametrize("name", SAMPLE_SETS)
def test_two_builds_are_byte_identical_across_processes(first_builds, tmp_path, monkeypatch,
                                                        name):
    first, _ = first_builds
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = build_set_in_worker(SAMPLES / name, tmp_path)  # a second process, a new hash seed
    assert result.ok, [p.describe() for p in result.problems]
    again, before = files_of(tmp_path / name), files_of(first / name)
    assert sorted(again) == sorted(before)
    assert {n for n in before if n.endswith((".docx", ".pdf", ".html"))} and \
        {"manifest.json", "measures.csv"} <= set(before)
    assert [n for n in before if again[n] != before[n]] == []


def test_docx_entries_are_dated_source_date_epoch(first_builds):
    first, _ = first_builds
    stamp = dt.datetime.fromtimestamp(int(EPOCH), dt.timezone.utc).timetuple()[:6]
    for path in first.glob("*/*.docx"):
        with zipfile.ZipFile(path) as package:
            assert {i.date_time for i in package.infolist()} == {stamp}, path.name
            assert b"2017-06-05T00:00:00Z" in package.read("docProps/core.xml")


def test_pdf_engine_asks_only_for_bundled_assets_across_all_sample_sets(first_builds):
    _, asked = first_builds
    assert asked and only_bundled(asked) == []


def test_sample_pdfs_hold_no_attachment_script_or_launch(first_builds):
    first, _ = first_builds
    pdfs = list(first.glob("*/*.pdf"))
    assert len(pdfs) >= len(SAMPLE_SETS)
    for path in pdfs:
        assert forbidden_in_pdf(path) == [], path.name


def test_manifest_counts_everything_in_and_out(first_builds):
    first, _ = first_builds
    for name in SAMPLE_SETS:
        counts = json.loads((first / name / "manifest.json").read_text())["counts"]
        assert counts["measures_in"] == counts["measures_out"] > 0
        assert counts["commentary_in"] == counts["commentary_out"]


# --- writing all or nothing --------------------------------------------------------------

def test_a_file_that_cannot_be_replaced_leaves_every_previous_file(tmp_path, monkeypatch):
    folder = tmp_path / "out"
    write_outputs(folder, {"a.docx": b"old a", "b.pdf": b"old b", "c.html": b"old c"})
    replace = os.replace

    def locked(src, dst):  # Word on Windows holds b.pdf open: replacing it fails
        if Path(dst).name == "b.pdf" and str(src).endswith(".tmp"):
            raise PermissionError(13, "Permission denied")
        return replace(src, dst)
    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ReportgenError) as caught:
        write_outputs(folder, {"a.docx": b"new a", "b.pdf": b"new b", "c.html": b"new c"})
    assert files_of(folder) == {"a.docx": b"old a", "b.pdf": b"old b", "c.html": b"old c"}
    (problem,) = caught.value.problems
    assert problem.message.startswith("cannot write b.pdf (Permission denied); the previous "
                                      "files are kept")
    assert "open in Word" in problem.fix


def test_a_failed_first_write_creates_no_folder(tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "fdopen", full)
    with pytest.raises(ReportgenError) as caught:
        write_outputs(tmp_path / "new", {"a.pdf": b"x"})
    assert not (tmp_path / "new").exists()
    assert "the disk is full" in caught.value.problems[0].message


def test_outputs_are_readable_like_any_file(tmp_path):
    (path,) = write_outputs(tmp_path, {"a.pdf": b"x"})
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_set_with_errors_writes_nothing(tmp_path):
    folder = small_set(tmp_path / "broken", measures=[measure("M1", target="lots")],
                       outturns={"M1": [1, 2]}, commentary=[])
    for result in (build_set(folder, tmp_path / "out"),
                   build_set_in_worker(folder, tmp_path / "out")):
        assert not result.ok and result.written == []
    assert [p.name for p in (tmp_path / "out").iterdir()] == []


def test_a_measure_that_reaches_no_document_stops_the_set(tmp_path, monkeypatch):
    folder = small_set(tmp_path / "s")
    real = integrity.positions
    monkeypatch.setattr(integrity, "positions",
                        lambda documents: {k: v for k, v in real(documents).items() if k != "M2"})
    result = build_set(folder, tmp_path / "out")
    assert not result.ok and not (tmp_path / "out").exists()
    (error,) = [p for p in result.problems if p.severity == "error"]
    assert error.message.startswith("measure M2 (or its commentary) reached no document")


def test_other_sets_still_build_and_the_exit_code_says_some_failed(tmp_path, monkeypatch,
                                                                   capsys):
    inputs = tmp_path / "inputs"
    small_set(inputs / "a-good")
    small_set(inputs / "b-broken", measures=[measure("M1", target="lots")],
              outturns={"M1": [1, 2]}, commentary=[])
    small_set(inputs / "c-good")
    (inputs / "b-broken" / "commentary.xlsx").write_bytes(b"")  # and a broken file
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--out", "out"]) == 1
    captured = capsys.readouterr()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a-good", "c-good"]
    assert "b-broken: not built" in captured.out and "Traceback" not in captured.err
    assert "commentary.xlsx is empty (0 bytes)" in captured.err


def test_a_long_author_does_not_stop_the_docx(tmp_path):
    """Found by the long fuzz run: Word's core properties hold 255 characters at most."""
    folder = small_set(tmp_path / "s", report={"Author": "Jane Officer " * 25})
    assert build_set(folder, tmp_path / "out").ok


def test_a_title_too_long_for_a_file_name_is_a_clear_error(tmp_path):
    folder = small_set(tmp_path / "s", report={"Title": "A very long title " * 14})
    result = build_set(folder, tmp_path / "out")
    assert not result.ok and not (tmp_path / "out").exists()
    (error,) = [p for p in result.problems if p.severity == "error"]
    assert "the file name is too long" in error.message and "shorten the report's Title" \
        in error.fix


# --- the worker process --------------------------------------------------------------------

def sleepy_job(folder, out_root, template_dir):
    time.sleep(60)


def greedy_job(folder, out_root, template_dir):
    hoard = bytearray(8 * 1024 ** 3)  # beyond any sane memory limit
    return SetResult(folder.name, written=[]) if hoard else None


def crashing_job(folder, out_root, template_dir):
    raise KeyError("a bug")


def dying_job(folder, out_root, template_dir):
    os._exit(9)


def large_slow_job(folder, out_root, template_dir):
    progress.report("measures", count=1000)
    time.sleep(2)
    return SetResult(folder.name)


def large_greedy_job(folder, out_root, template_dir):
    progress.report("measures", count=2000)   # 1024 + 125 x 20 = 3524 MB
    hoard = bytearray(2 * 1024 ** 3)           # over the base 1 GB, under the large set's limit
    return SetResult(folder.name) if hoard else None


def large_sleepy_job(folder, out_root, template_dir):
    progress.report("measures", count=100)
    time.sleep(60)


def job_with_a_dying_document(folder, out_root, template_dir):
    from reportgen.forks import in_forks
    return in_forks([lambda: 1, lambda: os._exit(9)], 2)


def test_a_document_process_that_dies_is_reported_as_the_memory_limit(tmp_path):
    # A document's (or chunk's) process has the set's memory limit; beyond it, it dies.
    result = build_set_in_worker(small_set(tmp_path / "s"), tmp_path / "out",
                                 job=job_with_a_dying_document)
    (error,) = result.problems
    assert error.message.startswith("building this set stopped, most likely needing more "
                                    "than the 1024 MB memory limit")
    assert "REPORTGEN_SET_MEMORY_MB" in error.fix and "Traceback" not in error.message
    assert [p.name for p in (tmp_path / "out").iterdir()] == []


def where_errors_go_job(folder, out_root, template_dir):
    where = os.readlink("/proc/self/fd/2")
    return SetResult(folder.name, [Problem("warning", where, "", Where(folder.name))])


@pytest.mark.skipif(not Path("/proc/self/fd/2").exists(), reason="needs /proc")
@pytest.mark.parametrize("debug", [False, True])
def test_native_libraries_output_is_silent_unless_debugging(tmp_path, debug):
    # e.g. "GLib-ERROR ... creating thread" when Pango meets the memory limit
    result = build_set_in_worker(small_set(tmp_path / "s"), tmp_path / "out", debug=debug,
                                 job=where_errors_go_job)
    (said,) = result.problems
    assert (said.message == os.devnull) is not debug


def test_a_large_set_gets_more_time_once_its_size_is_known(tmp_path):
    events = []
    result = build_set_in_worker(small_set(tmp_path / "big"), tmp_path / "out",
                                 limits=Limits(set_seconds=1, set_seconds_per_100_measures=1),
                                 job=large_slow_job, on_progress=events.append)
    assert result.ok, [p.describe() for p in result.problems]   # 1 s + 10 s for 1,000
    assert [(e.kind, e.count) for e in events] == [("measures", 1000)]


def test_a_large_set_gets_more_memory_once_its_size_is_known(tmp_path):
    result = build_set_in_worker(small_set(tmp_path / "big"), tmp_path / "out",
                                 job=large_greedy_job)
    assert result.ok, [p.describe() for p in result.problems]


def test_the_time_limit_message_gives_the_limit_for_the_sets_size(tmp_path):
    result = build_set_in_worker(small_set(tmp_path / "big"), tmp_path / "out",
                                 limits=Limits(set_seconds=1, set_seconds_per_100_measures=1),
                                 job=large_sleepy_job)
    (error,) = result.problems
    assert error.message.startswith("building this set took longer than the 2 s limit for "
                                    "100 measures")
    assert "REPORTGEN_SET_SECONDS_PER_100_MEASURES" in error.fix


def test_the_worker_reports_what_a_build_is_doing(tmp_path):
    events = []
    result = build_set_in_worker(small_set(tmp_path / "s"), tmp_path / "out",
                                 on_progress=events.append)
    assert result.ok
    assert events[0].kind == "measures" and events[0].count == 2
    steps = [e.step for e in events if e.kind == "step"]
    assert steps == ["HTML and DOCX", "PDF layout", "PDF writing"]
    assert {e.document for e in events if e.kind == "step"} == {"Performance report"}
    assert any(e.kind == "page" and e.count >= 1 for e in events)


def test_a_set_that_takes_too_long_is_stopped_and_writes_nothing(tmp_path):
    folder = small_set(tmp_path / "slow")
    started = time.perf_counter()
    result = build_set_in_worker(folder, tmp_path / "out", limits=Limits(set_seconds=1),
                                 job=sleepy_job)
    assert time.perf_counter() - started < 15
    (error,) = result.problems
    assert error.message.startswith("building this set took longer than the 1 s limit")
    assert "REPORTGEN_SET_SECONDS" in error.fix
    assert [p.name for p in (tmp_path / "out").iterdir()] == []  # staging removed too


def test_a_set_that_needs_too_much_memory_fails_alone(tmp_path):
    folder = small_set(tmp_path / "greedy")
    result = build_set_in_worker(folder, tmp_path / "out", job=greedy_job)
    (error,) = result.problems
    assert "1024 MB memory limit" in error.message and "REPORTGEN_SET_MEMORY_MB" in error.fix
    assert [p.name for p in (tmp_path / "out").iterdir()] == []


@pytest.mark.parametrize("job, said", [
    (crashing_job, "unexpected failure while building this set: KeyError: 'a bug'"),
    (dying_job, "building this set stopped unexpectedly (exit code 9)"),
])
def test_a_crashing_worker_gives_a_message_not_a_traceback(tmp_path, job, said):
    folder = small_set(tmp_path / "crash")
    result = build_set_in_worker(folder, tmp_path / "out", job=job)
    (error,) = result.problems
    assert error.message.startswith(said) and "Traceback" not in error.message


def test_the_worker_uses_the_callers_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTGEN_MAX_ROWS", "1")
    result = build_set_in_worker(small_set(tmp_path / "s"), tmp_path / "out")
    assert any("data below the first 1 rows" in p.message for p in result.problems)


def test_a_locked_output_keeps_the_previous_build(tmp_path, monkeypatch):
    folder = small_set(tmp_path / "s")
    assert build_set_in_worker(folder, tmp_path / "out").ok
    before = files_of(tmp_path / "out" / "s")
    (folder / "commentary.xlsx").touch()
    replace = os.replace

    def locked(src, dst):
        if Path(dst).suffix == ".pdf" and str(src).endswith(".tmp"):
            raise PermissionError(13, "Permission denied")
        return replace(src, dst)
    monkeypatch.setattr(os, "replace", locked)  # the parent moves the files into place
    small_set(folder, commentary=[{"ID": "M1", "Commentary": "Changed."},
                                  {"ID": "M2", "Commentary": "Changed.", "Actions": "Hire."}])
    result = build_set_in_worker(folder, tmp_path / "out")
    assert not result.ok and result.written == []
    assert files_of(tmp_path / "out" / "s") == before
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["s"]


def test_an_output_folder_that_cannot_be_made_is_a_clear_error(tmp_path):
    (tmp_path / "out").write_text("a file where the folder should be")
    result = build_set_in_worker(small_set(tmp_path / "s"), tmp_path / "out")
    (error,) = result.problems
    assert error.message.startswith("cannot write out (") and "then build again" in error.fix


def test_inputs_are_untouched_by_a_worker_build(tmp_path):
    folder = small_set(tmp_path / "s")
    before = digest(folder)
    assert build_set_in_worker(folder, tmp_path / "out").ok
    assert digest(folder) == before
