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
    (error,) = json.loads(capsys.readouterr().out)["sets"][0]["problems"]
    assert error["message"] == "commentary.xlsx is too big to open within the memory limit"
    assert "REPORTGEN_SET_MEMORY_MB" in error["fix"]
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
