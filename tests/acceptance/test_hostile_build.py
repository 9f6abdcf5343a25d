"""Outputs: reproducible bytes, nothing fetched, all-or-nothing writes, bounded jobs."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
import zipfile
from pathlib import Path

import pytest

from reportgen.compose import integrity

from reportgen.render import pdf as render_pdf
from reportgen.errors import SetResult
from reportgen.pipeline import InProcess, build_set
from reportgen.cli import main
from reportgen.limits import Limits
from reportgen.errors import Problem, ReportgenError, Where
from reportgen.run.pool import SetRunner, SetStopped, process_pool, run_sets
from reportgen.write import write_outputs
from tests.conftest import SAMPLES, measure
from tests.fuzz.workbooks import digest, small_set
from tests.acceptance.test_hostile_text import RecordingFetcher, forbidden_in_pdf, only_bundled

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
    result = in_pool(SAMPLES / name, tmp_path)  # other processes, a new hash seed
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
                   in_pool(folder, tmp_path / "out")):
        assert not result.ok and result.written == []
    assert not (tmp_path / "out").exists()


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
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".cache", "a-good", "c-good"]
    assert "b-broken: not built" in captured.out and "Traceback" not in captured.err
    assert "commentary.xlsx is empty (0 bytes)" in captured.err


def test_a_long_author_does_not_stop_the_docx(tmp_path):
    """Found by the long fuzz run: Word's core properties hold 255 characters at most."""
    folder = small_set(tmp_path / "s", report={"Author": "Jane Officer " * 25})
    assert build_set(folder, tmp_path / "out").ok


def test_a_title_too_long_for_a_file_name_is_a_clear_error(tmp_path):
    folder = small_set(tmp_path / "s", report={"Title": "A very long title " * 14})
    result = build_set(folder, tmp_path / "out")
    assert not result.ok and not (tmp_path / "out" / "s").exists()
    (error,) = [p for p in result.problems if p.severity == "error"]
    assert "would be too long for a file name" in error.message
    assert "shorten the report's Title" in error.fix and error.where.cell == "B2"


# --- the process pool: every job within its set's limits ---------------------------------

def in_pool(folder: Path, out: Path, **kwargs) -> SetResult:
    """Build one set as `reportgen build` does: its jobs in the process pool."""
    ((_, result),) = run_sets([folder], out, jobs=2, force=True, **kwargs)
    return result


@pytest.fixture(scope="module")
def pool():
    with process_pool(2) as shared:
        yield shared


def run_job(pool, job, *args, limits=Limits(), measures=0, debug=False):
    """`job(*args)` as one of a set's jobs: its result, or the problem that stopped the set."""
    runner = SetRunner(pool, "s", limits, debug, None)
    if measures:
        runner.grow(measures)
    try:
        return runner.one("testing", job, *args)
    except ReportgenError as exc:  # SetStopped, or a job's own problems
        (problem,) = exc.problems
        return problem


def greedy_job():
    hoard = bytearray(8 * 1024 ** 3)  # beyond any sane memory limit
    return len(hoard)


def crashing_job():
    raise KeyError("a bug")


def refusing_job():
    raise ReportgenError([Problem("error", "cannot write x.pdf", "close it", Where("s"))])


def test_a_jobs_own_problem_reaches_the_officer_as_it_is(pool):
    error = run_job(pool, refusing_job)
    assert (error.message, error.fix) == ("cannot write x.pdf", "close it")


def hoarding_job(gigabytes: int):
    return len(bytearray(gigabytes * 1024 ** 3))


HELD: list = []  # what a job leaves mapped in its process, as a large layout does


def holding_job(megabytes: int) -> int:
    HELD.append(bytearray(megabytes * 1024 * 1024))
    return sum(map(len, HELD))


def test_a_job_after_a_larger_one_in_the_same_process_keeps_its_own_limit():
    with process_pool(1) as one:   # both jobs run in the same process
        assert run_job(one, holding_job, 700, limits=Limits(set_memory_mb=2000)) > 0
        assert run_job(one, hoarding_job, 0) == 0           # a small job, the usual limit
        assert run_job(one, holding_job, 600) > 0          # 700 left mapped + 600: not counted


def test_the_limit_is_lifted_between_jobs_so_large_arguments_arrive():
    with process_pool(1) as one:
        assert run_job(one, max, 1, 2, limits=Limits(set_memory_mb=350)) == 2
        assert run_job(one, len, bytes(300 * 1024 * 1024)) == 300 * 1024 * 1024


def test_time_waiting_behind_another_sets_jobs_does_not_count():
    import threading

    with process_pool(1) as one:
        busy = threading.Thread(target=run_job, args=(one, time.sleep, 3))
        busy.start()
        time.sleep(0.5)                                 # the other set's job is running
        assert run_job(one, max, 1, 2, limits=Limits(set_seconds=1)) == 2   # waited 2.5 s
        busy.join()


def where_errors_go_job():
    return os.readlink("/proc/self/fd/2")


def test_a_set_that_takes_too_long_is_stopped_and_the_pool_goes_on(pool):
    started = time.perf_counter()
    error = run_job(pool, time.sleep, 60, limits=Limits(set_seconds=1))
    assert time.perf_counter() - started < 15
    assert error.message.startswith("building this set took longer than the 1 s limit, so it "
                                    "was stopped; nothing was written")
    assert "REPORTGEN_SET_SECONDS" in error.fix
    assert run_job(pool, max, 1, 2) == 2          # the killed job's process was replaced


def test_a_job_that_needs_too_much_memory_fails_its_set_alone(pool):
    error = run_job(pool, greedy_job)
    assert error.message.startswith("building this set needed more than the 1024 MB memory "
                                    "limit") and "REPORTGEN_SET_MEMORY_MB" in error.fix
    assert run_job(pool, max, 1, 2) == 2


def test_a_job_whose_process_dies_is_reported_as_the_memory_limit(pool):
    error = run_job(pool, os._exit, 9)   # what RLIMIT_AS does to a native library
    assert error.message.startswith("building this set stopped unexpectedly (exit code 9), "
                                    "most likely beyond the 1024 MB memory limit")
    assert "REPORTGEN_SET_MEMORY_MB" in error.fix and "Traceback" not in error.message


@pytest.mark.parametrize("debug", [False, True])
def test_a_crashing_job_gives_a_message_and_its_traceback_only_under_debug(pool, capfd, debug):
    error = run_job(pool, crashing_job, debug=debug)
    assert error.message.startswith("unexpected failure while building this set: KeyError: "
                                    "'a bug'") and "Traceback" not in error.message
    said = capfd.readouterr().err
    assert ("crashing_job" in said and "Traceback" in said) is debug


def test_a_large_set_gets_more_memory_once_its_size_is_known(pool):
    assert run_job(pool, hoarding_job, 2, measures=2000) == 2 * 1024 ** 3   # 1024 + 2500 MB
    assert run_job(pool, hoarding_job, 2).message.startswith("building this set needed more")


def test_a_large_set_gets_more_time_once_its_size_is_known(pool):
    limits = Limits(set_seconds=1, set_seconds_per_100_measures=1)
    assert run_job(pool, time.sleep, 2, limits=limits, measures=1000) is None   # 1 + 10 s
    error = run_job(pool, time.sleep, 60, limits=limits, measures=100)
    assert error.message.startswith("building this set took longer than the 2 s limit for "
                                    "100 measures")
    assert "REPORTGEN_SET_SECONDS_PER_100_MEASURES" in error.fix


@pytest.mark.skipif(not Path("/proc/self/fd/2").exists(), reason="needs /proc")
@pytest.mark.parametrize("debug", [False, True])
def test_native_libraries_output_is_silent_unless_debugging(debug):
    # e.g. "GLib-ERROR ... creating thread" when Pango meets the memory limit
    with process_pool(1) as fresh:
        assert (run_job(fresh, where_errors_go_job, debug=debug) == os.devnull) is not debug


def test_the_pool_reports_what_a_build_is_doing(tmp_path):
    events = []
    result = in_pool(small_set(tmp_path / "s"), tmp_path / "out",
                     listener=lambda name, event: events.append((name, event)))
    assert result.ok
    assert {name for name, _ in events} == {"s"}
    assert [e.describe() for _, e in events] == [
        "reading", "2 measures", "HTML, DOCX and PDF layout (1 part)", "PDF joining",
        f"{len(result.written)} files written"]


def test_the_pool_uses_the_callers_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTGEN_MAX_ROWS", "1")
    result = in_pool(small_set(tmp_path / "s"), tmp_path / "out")
    assert any("data below the first 1 rows" in p.message for p in result.problems)


def test_a_set_stopped_while_rendering_writes_nothing(tmp_path):
    class StopsRendering(InProcess):
        def all(self, step, function, calls):
            raise SetStopped(Problem("error", "stopped", "", Where("s")))
    folder = small_set(tmp_path / "s")
    result = build_set(folder, tmp_path / "out", run=StopsRendering())
    assert not result.ok and result.written == [] and result.problems[-1].message == "stopped"
    assert not (tmp_path / "out" / "s").exists()


def test_a_locked_output_keeps_the_previous_build(tmp_path, monkeypatch):
    folder = small_set(tmp_path / "s")
    assert in_pool(folder, tmp_path / "out").ok
    before = files_of(tmp_path / "out" / "s")
    replace = os.replace

    def locked(src, dst):
        if Path(dst).suffix == ".pdf" and str(src).endswith(".tmp"):
            raise PermissionError(13, "Permission denied")
        return replace(src, dst)
    monkeypatch.setattr(os, "replace", locked)  # this process moves the files into place
    small_set(folder, commentary=[{"ID": "M1", "Commentary": "Changed."},
                                  {"ID": "M2", "Commentary": "Changed.", "Actions": "Hire."}])
    result = in_pool(folder, tmp_path / "out")
    assert not result.ok and result.written == []
    assert files_of(tmp_path / "out" / "s") == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".cache", "s"]


def test_an_output_folder_that_cannot_be_made_is_a_clear_error(tmp_path):
    (tmp_path / "out").write_text("a file where the folder should be")
    result = in_pool(small_set(tmp_path / "s"), tmp_path / "out")
    (error,) = result.problems
    assert error.message.startswith("cannot write s (Not a directory)")
    assert error.where.file.endswith("out/s") and "then build again" in error.fix


def test_inputs_are_untouched_by_a_pool_build(tmp_path):
    folder = small_set(tmp_path / "s")
    before = digest(folder)
    assert in_pool(folder, tmp_path / "out").ok
    assert digest(folder) == before
