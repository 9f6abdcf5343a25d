"""The CLI contract: sets by path or name, exit codes 0/1/2, `check --json` shape, messages."""

import base64
import json
import os
import shutil

import pytest

from reportgen.cli import main
from tests.conftest import measure, write_set
from tests.fuzz.workbooks import set_cell_xml
from tests.fuzz.workbooks import small_set as two_measure_set


@pytest.fixture
def project(tmp_path, monkeypatch, small_set):
    """A working folder with ./inputs holding one good set and one broken set."""
    inputs = tmp_path / "proj" / "inputs"
    inputs.mkdir(parents=True)
    shutil.copytree(small_set, inputs / "a-good")
    write_set(inputs / "b-broken", [measure("M1", target="lots")], {"M1": [1, 2]})
    (inputs / "not-a-set").mkdir()
    monkeypatch.chdir(tmp_path / "proj")
    return tmp_path / "proj"


def test_check_json_shape_and_exit_code(project, capsys):
    assert main(["check", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [s["set"] for s in data["sets"]] == ["a-good", "b-broken"]
    good, broken = data["sets"]
    assert good["ok"] is True and broken["ok"] is False
    (error,) = [p for p in broken["problems"] if p["severity"] == "error"]
    assert set(error) == {"severity", "file", "sheet", "cell", "message", "fix"}
    assert (error["file"], error["sheet"], error["cell"]) == ("outturns.xlsx", "Measures", "J2")


def test_check_one_good_set_by_name_exits_0(project, capsys):
    assert main(["check", "a-good"]) == 0
    assert "a-good: ok" in capsys.readouterr().out


def test_check_reads_each_set_within_the_memory_limit(tmp_path, capsys, monkeypatch):
    # `check` opens the same untrusted workbooks as `build`: in a worker with its limits.
    # A 30 MB commentary cell (Excel stops at 32,767 characters) needs more than 60 MB to read.
    folder = two_measure_set(tmp_path / "huge")
    text = base64.b64encode(os.urandom(22_000_000)).decode()
    set_cell_xml(folder / "commentary.xlsx", "Commentary", "C2",
                 f'<c r="C2" t="inlineStr"><is><t>{text}</t></is></c>')
    monkeypatch.setenv("REPORTGEN_SET_MEMORY_MB", "60")
    assert main(["check", "--json", str(folder)]) == 1
    problems = json.loads(capsys.readouterr().out)["sets"][0]["problems"]
    # Where the limit is met depends on the process's memory (with or without bytecode to
    # load): in the workbooks' reading (the small one too, when what is left of the limit
    # is used up before it opens), or just after it. Either way the officer reads it.
    assert problems and all(error["message"] in (
        "outturns.xlsx is too big to open within the memory limit",
        "commentary.xlsx is too big to open within the memory limit",
        "checking this set needed more than the 60 MB memory limit (each process of the set "
        "has it)") and "REPORTGEN_SET_MEMORY_MB" in error["fix"] for error in problems)
    monkeypatch.setenv("REPORTGEN_SET_MEMORY_MB", "2000")
    main(["check", "--json", str(folder)])   # the same set reads with more memory
    problems = json.loads(capsys.readouterr().out)["sets"][0]["problems"]
    assert not any("memory" in p["message"] for p in problems), problems


def test_check_writes_nothing(project, capsys):
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    assert main(["check", "a-good", "b-broken"]) == 1
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


def test_build_writes_good_sets_and_nothing_for_broken_ones(project, capsys):
    assert main(["build", "--out", "out"]) == 1
    captured = capsys.readouterr()
    assert (project / "out" / "a-good" / "manifest.json").exists()
    assert not (project / "out" / "b-broken").exists()
    assert "b-broken: not built" in captured.out
    assert "outturns.xlsx, sheet 'Measures', cell J2: target 'lots' is not a number" in captured.err
    assert "Traceback" not in captured.err


def test_build_by_path_to_default_build_folder(project, capsys):
    assert main(["build", str(project / "inputs" / "a-good")]) == 0
    manifest = json.loads((project / "build" / "a-good" / "manifest.json").read_text())
    assert {f for d in manifest["documents"] for f in d["files"]} == {"docx", "pdf", "html"}
    for doc in manifest["documents"]:
        for path in doc["files"].values():
            assert (project / "build" / "a-good" / path).stat().st_size > 0
    assert (project / "build" / "a-good" / "measures.csv").exists()


@pytest.mark.parametrize("argv", [["build", "no-such-set"], ["frobnicate"], []])
def test_usage_errors_exit_2(project, argv, capsys):
    assert main(argv) == 2


def test_python_dash_m_runs(project):
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-m", "reportgen", "check", "a-good"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_progress_display_only_on_a_terminal_outside_ci(monkeypatch):
    from reportgen import cli

    class Tty:
        def isatty(self):
            return True

    monkeypatch.delenv("CI", raising=False)
    assert cli.Display.on_terminal(3) is None     # pytest captures stdout: not a terminal
    monkeypatch.setattr(cli.sys, "stdout", Tty())
    assert cli.Display.on_terminal(1) is not None  # one long set shows its progress too
    monkeypatch.setenv("CI", "true")
    assert cli.Display.on_terminal(3) is None


def test_progress_display_says_what_each_set_is_doing():
    from reportgen.cli import Display
    from reportgen.run.progress import Event

    display = Display(2)
    display.started("north")
    display.heard("north", Event("measures", count=400))
    display.heard("north", Event("step", step="HTML, DOCX and PDF layout (12 parts)"))
    (line,) = [t.description for t in display.bar.tasks if "north" in t.description]
    assert line.strip() == "north (400 measures): HTML, DOCX and PDF layout (12 parts)"
    display.heard("north", Event("step", step="PDF joining"))
    (line,) = [t.description for t in display.bar.tasks if "north" in t.description]
    assert line.strip() == "north (400 measures): PDF joining"
    display.finished("north")
    assert [t.completed for t in display.bar.tasks] == [1]   # only the bar of sets is left


def test_two_sets_with_the_same_name_are_refused(tmp_path, capsys):
    from reportgen.cli import main
    from tests.fuzz.workbooks import small_set

    first = small_set(tmp_path / "a" / "north")
    second = small_set(tmp_path / "b" / "north")
    assert first.name == second.name
    assert main(["build", str(first), str(second), "--out", str(tmp_path / "out")]) == 2
    assert "same output folder" in capsys.readouterr().err


def test_ctrl_c_stops_the_build_at_once_and_writes_nothing_more(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    from tests.fuzz.workbooks import small_set

    sets = [str(small_set(tmp_path / f"s{i}").rename(tmp_path / f"set{i}")) for i in range(40)]
    build = subprocess.Popen([sys.executable, "-m", "reportgen", "build", *sets, "--out",
                              str(tmp_path / "out"), "-j", "1"], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, start_new_session=True)
    time.sleep(4)
    os.killpg(build.pid, signal.SIGINT)            # a terminal's Ctrl-C: the whole group
    started = time.perf_counter()
    said = build.communicate(timeout=60)[0].decode()
    assert build.returncode == 130
    assert "stopped (Ctrl-C)" in said and "Traceback" not in said
    assert time.perf_counter() - started < 10
    built = [p for p in (tmp_path / "out").iterdir()] if (tmp_path / "out").exists() else []
    assert len(built) < 40                         # it did not go on building every set


# Stale files: a build leaves only its own papers in the set's folder (issue 17).

TITLED = {"Title": "Q1 Update", "Committee": "Cabinet", "Meeting date": "Monday 5 June 2017"}
NARRATED = [("A. Context", "Yes", "Landscape", "Body.")]


def build_titled(tmp_path, capsys, **report) -> tuple[int, str, str]:
    """Build the set 's' into tmp_path/out with `report` over TITLED; return the exit code
    and what was printed."""
    args = {"narrative": NARRATED, **report.pop("set", {})}
    folder = two_measure_set(tmp_path / "s", report={**TITLED, **report}, **args)
    code = main(["build", str(folder), "--out", str(tmp_path / "out")])
    said = capsys.readouterr()
    return code, said.out, said.err


def names(folder) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_a_changed_title_leaves_only_the_new_papers(tmp_path, capsys):
    assert build_titled(tmp_path, capsys)[0] == 0
    old = names(tmp_path / "out" / "s")
    assert "2017-06-05 Cabinet - Q1 Update - Pack.pdf" in old
    code, out, _ = build_titled(tmp_path, capsys, Title="Q1 Update (revised)")
    assert code == 0
    new = names(tmp_path / "out" / "s")
    assert not {n for n in new if "Q1 Update." in n or "Q1 Update -" in n}, new
    assert "2017-06-05 Cabinet - Q1 Update (revised) - Pack.pdf" in new
    assert {"manifest.json", "measures.csv", "accessibility-checklist.md"} <= new
    assert "removed the last build's '2017-06-05 Cabinet - Q1 Update - Pack.pdf'" in out
    manifest = json.loads((tmp_path / "out" / "s" / "manifest.json").read_text())
    assert new == {*manifest["cache"]["outputs"], "manifest.json"}


def test_a_dropped_narrative_sheet_removes_the_old_pack_and_cabinet_report(tmp_path, capsys):
    assert build_titled(tmp_path, capsys)[0] == 0
    assert build_titled(tmp_path, capsys, set={"narrative": None})[0] == 0
    left = names(tmp_path / "out" / "s")
    assert not [n for n in left if n.endswith(" - Pack.pdf") or n.startswith(
        "2017-06-05 Cabinet - Q1 Update.")], left
    assert "2017-06-05 Cabinet - Q1 Update - Performance report.pdf" in left


def test_files_the_officer_put_in_the_output_folder_are_kept_and_named(tmp_path, capsys):
    assert build_titled(tmp_path, capsys)[0] == 0
    folder = tmp_path / "out" / "s"
    (folder / "notes.docx").write_bytes(b"the officer's own notes")
    edited = folder / "2017-06-05 Cabinet - Q1 Update - Pack.pdf"
    edited.write_bytes(edited.read_bytes() + b"% signed off")
    code, out, _ = build_titled(tmp_path, capsys, Title="Q2 Update")
    assert code == 0
    assert (folder / "notes.docx").read_bytes() == b"the officer's own notes"
    assert edited.exists()
    assert (f"warning: {folder / 'notes.docx'}: was not written by reportgen; it is kept "
            f"(fix: if it is not one of this set's papers, move it out of {folder}") in out
    assert f"{edited}: was written by the last build but has been changed since" in out
    assert main(["build", str(tmp_path / "s"), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out                   # the same workbooks: only verified
    assert "unchanged since the last build" in out and "notes.docx: was not written" in out


def test_a_build_that_fails_removes_nothing(tmp_path, capsys):
    assert build_titled(tmp_path, capsys)[0] == 0
    before = files_in(tmp_path / "out")
    code, out, err = build_titled(tmp_path, capsys, Title="Q2 Update",
                                  set={"measures": [measure("M1", target="lots")]})
    assert code == 1 and "s: not built" in out and "target 'lots' is not a number" in err
    assert files_in(tmp_path / "out") == before


def files_in(folder) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cache" not in p.parts}


# One build at a time per output folder.

HOLD = """
import fcntl, os, sys, time
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
fd = os.open(os.path.join(out, ".reportgen.lock"), os.O_RDWR | os.O_CREAT)
fcntl.flock(fd, fcntl.LOCK_EX)
os.write(fd, str(os.getpid()).encode())
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


def hold_lock(out, seconds: float):
    """Start another process that holds the lock of `out` for `seconds`, as a build does."""
    import subprocess
    import sys

    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(out), str(seconds)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "held\n"
    return holder


@pytest.mark.skipif(os.name == "nt", reason="the holder uses fcntl")
def test_a_second_build_into_a_locked_folder_stops_and_says_who_holds_it(tmp_path, capsys):
    folder, out = two_measure_set(tmp_path / "s"), tmp_path / "out"
    holder = hold_lock(out, 60)
    try:
        assert main(["build", str(folder), "--out", str(out)]) == 1
        err = capsys.readouterr().err
        assert f"{out} is locked by another build, process {holder.pid}" in err
        assert "add --wait to wait for it" in err
        assert not (out / "s").exists()
    finally:
        holder.kill()
        holder.wait()
    assert (out / ".reportgen.lock").read_text() == str(holder.pid)  # killed: left behind
    assert main(["build", str(folder), "--out", str(out)]) == 0      # but it blocks nothing
    assert (out / "s" / "manifest.json").exists() and not (out / ".reportgen.lock").exists()


@pytest.mark.skipif(os.name == "nt", reason="the holder uses fcntl")
def test_wait_waits_for_the_other_build_then_builds(tmp_path, capsys):
    folder, out = two_measure_set(tmp_path / "s"), tmp_path / "out"
    holder = hold_lock(out, 2)
    assert main(["build", str(folder), "--out", str(out), "--wait"]) == 0
    assert holder.poll() is not None    # it had finished before this build began writing
    assert f"{out} is locked by another build, process {holder.pid}; waiting for it to " \
           "finish" in capsys.readouterr().err
    assert (out / "s" / "manifest.json").exists()


@pytest.mark.parametrize("out, said", [
    ("build.txt", "--out build.txt is a file, not a folder: name a folder to build into"),
    ("build.txt/papers", "--out build.txt/papers is inside build.txt, which is a file, not a "
                         "folder"),
])
def test_out_naming_a_file_is_a_usage_error(project, capsys, out, said):
    (project / "build.txt").write_text("someone's notes")
    assert main(["build", "a-good", "--out", out]) == 2
    err = capsys.readouterr().err
    assert said in err and "Word" not in err
    assert (project / "build.txt").read_text() == "someone's notes"


# Ctrl-C: a message naming what was written, exit code 130, never a traceback.

# The interpreter itself, before it runs a line of reportgen, dies of a Ctrl-C while it imports
# its `site` module ("Fatal Python error: init_import_site", exit 1): nothing a program can
# catch. A test of Ctrl-C while reportgen starts waits for this line, printed once the
# interpreter is up and before `python -m reportgen` imports anything of reportgen's.
STARTED = "interpreter started"
RUN_AS_DASH_M = (f"import runpy, sys; print({STARTED!r}, file=sys.stderr, flush=True); "
                 "sys.argv[0] = 'reportgen'; runpy.run_module('reportgen', run_name='__main__', "
                 "alter_sys=True)")


def start_build(tmp_path, count: int):
    """Start `python -m reportgen build` of `count` small sets in its own process group, once
    its interpreter is up (`STARTED`)."""
    import subprocess
    import sys

    sets = [str(two_measure_set(tmp_path / f"set{i}")) for i in range(count)]
    build = subprocess.Popen([sys.executable, "-c", RUN_AS_DASH_M, "build", *sets, "--out",
                              str(tmp_path / "out"), "-j", "2"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, start_new_session=True)
    assert build.stderr.readline().strip() == STARTED
    return build


def press_ctrl_c(build) -> str:
    """Send a terminal's Ctrl-C (SIGINT to the whole process group); return stderr."""
    import signal

    os.killpg(build.pid, signal.SIGINT)
    err = build.communicate(timeout=60)[1]
    assert build.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    return err


@pytest.mark.parametrize("delay", [0.05, 0.2, 0.5])
def test_ctrl_c_while_starting_says_nothing_was_written(tmp_path, delay):
    import time

    build = start_build(tmp_path, 3)
    time.sleep(delay)                 # importing the CLI and its libraries, or starting
    err = press_ctrl_c(build)         # the pool's processes
    assert "stopped (Ctrl-C)" in err and "nothing was written" in err
    assert not (tmp_path / "out").exists() or not [
        p for p in (tmp_path / "out").iterdir() if p.name != ".cache"]


def test_ctrl_c_mid_build_names_the_sets_written(tmp_path):
    import time

    build = start_build(tmp_path, 8)
    out = tmp_path / "out"
    while not (out / "set0" / "manifest.json").exists():
        assert build.poll() is None
        time.sleep(0.05)
    err = press_ctrl_c(build)
    built = sorted(p.name for p in out.iterdir() if p.name.startswith("set"))
    rest = [f"set{i}" for i in range(8) if f"set{i}" not in built]
    assert rest and all((out / name / "manifest.json").exists() for name in built)
    assert (f"reportgen: build stopped (Ctrl-C); written: {', '.join(built)}; nothing was "
            f"written for {', '.join(rest)} (build again to build them)") in err


# `build --format`: only the formats asked for, beside the manifest and CSV (issue 14).

def build_formats(tmp_path, capsys, *formats: str, **report) -> tuple[int, str, str]:
    """Build the set 's' (as `build_titled`, written again only when `report` changes it)
    with `--format` for each of `formats`."""
    folder = tmp_path / "s"
    if report or not folder.exists():
        two_measure_set(folder, report={**TITLED, **report}, narrative=NARRATED)
    code = main(["build", str(folder), "--out", str(tmp_path / "out"),
                 *[arg for f in formats for arg in ("--format", f)]])
    said = capsys.readouterr()
    return code, said.out, said.err


def suffixes(folder) -> dict[str, int]:
    """How many files of each suffix `folder` holds."""
    found: dict[str, int] = {}
    for name in names(folder):
        found[name.rpartition(".")[2]] = found.get(name.rpartition(".")[2], 0) + 1
    return found


@pytest.mark.parametrize("formats, written", [
    ("pdf", {"pdf": 3}),                       # the cabinet report, the performance report, pack
    ("docx", {"docx": 2}),
    ("HTML, docx", {"docx": 2, "html": 2}),
])
def test_format_writes_only_those_formats_beside_manifest_and_csv(tmp_path, capsys, formats,
                                                                  written):
    assert build_formats(tmp_path, capsys, formats)[0] == 0
    # the manifest and measures.csv's metadata, measures.csv, the accessibility checklist
    assert suffixes(tmp_path / "out" / "s") == {**written, "json": 2, "csv": 1, "md": 1}
    manifest = json.loads((tmp_path / "out" / "s" / "manifest.json").read_text())
    assert {ext for d in manifest["documents"] for ext in d["files"]} == set(written)
    assert manifest["cache"]["formats"] == sorted(written, key=["docx", "pdf", "html"].index)


def test_a_pdf_build_keeps_the_docx_and_html_of_an_earlier_full_build(tmp_path, capsys):
    assert build_formats(tmp_path, capsys)[0] == 0
    folder = tmp_path / "out" / "s"
    earlier = {n: (folder / n).read_bytes() for n in names(folder) if not n.endswith(".pdf")
               and n.rpartition(".")[2] in ("docx", "html")}
    code, out, _ = build_formats(tmp_path, capsys, "pdf")
    assert code == 0 and "removed" not in out and "warning" not in out
    assert {n: (folder / n).read_bytes() for n in earlier} == earlier
    # a later full build with a new Title still knows them for reportgen's: they are removed
    code, out, _ = build_formats(tmp_path, capsys, Title="Q2 Update")
    assert code == 0 and not set(earlier) & names(folder)
    assert "was not written by reportgen" not in out


def test_a_kept_file_from_other_workbooks_is_named(tmp_path, capsys):
    """A clerk rebuilding only the PDF after an edit is told the DOCX is now out of step."""
    assert build_formats(tmp_path, capsys)[0] == 0
    code, out, _ = build_formats(tmp_path, capsys, "pdf", Author="Someone else")
    assert code == 0
    docx = sorted(n for n in names(tmp_path / "out" / "s") if n.endswith(".docx"))
    assert len(docx) == 2 and all(f"{n}: was written by an earlier build" in out for n in docx)
    assert "--format docx" in out


def test_a_full_build_after_a_pdf_build_is_not_taken_for_unchanged(tmp_path, capsys):
    assert build_formats(tmp_path, capsys, "pdf")[0] == 0
    code, out, _ = build_formats(tmp_path, capsys)
    assert code == 0 and "unchanged" not in out
    assert suffixes(tmp_path / "out" / "s")["docx"] == 2
    assert "unchanged" in build_formats(tmp_path, capsys, "pdf")[1]   # PDFs there: verified


@pytest.mark.parametrize("argv, said", [
    (["build", "--format", "docs"], "'docs' is not a format: give one or more of docx, pdf, html"),
    (["build", "--format", ","], "no format named"),
    (["check", "--format", "pdf"], "unrecognized arguments: --format"),
])
def test_format_usage_errors_exit_2_naming_the_formats(project, capsys, argv, said):
    assert main(argv) == 2
    assert said in capsys.readouterr().err
