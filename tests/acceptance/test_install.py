"""A package that installs, and a `make` that sets up a fresh Debian machine.

The wheel is built from a copy of the source tree (setuptools writes build/ and *.egg-info next
to the source) and installed, with its dependencies from the package index, into a new venv
that knows nothing of this checkout; its `reportgen` then builds a sample set from another
directory, so the templates, stylesheet and axe-core must come from the wheel's package data.

The install test is skipped only when pip cannot build or install (no pip, or no index to fetch
setuptools and the dependencies from); under CI it fails instead.

The system-package checks are unit tests of `reportgen.run.system` with its lookups replaced,
and runs of the Makefile's `check-system` with fake `python`, `apt-get`, `sudo` and `id`.
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from reportgen.run import system
from tests.conftest import ROOT, SAMPLES

SAMPLE = "childrens-services-2018-q2"
PACKAGE_DATA = ["reportgen/render/templates/report.css",
                "reportgen/accessibility/vendor/axe-core/axe.min.js",
                "reportgen/read/instructions.toml"]
# What pip prints when it cannot reach an index, or the index lacks what is asked for.
OFFLINE = ("Could not find a version that satisfies", "No matching distribution found",
           "NewConnectionError", "Temporary failure in name resolution", "Network is unreachable",
           "Max retries exceeded")
# Top-level things not copied for the build: checkout state, venvs and build output.
NOT_SOURCE = {".git", ".venv", "build", ".pytest_cache", ".hypothesis", "inputs", "benchmarks"}


def unavailable(reason: str) -> None:
    """Skip, or under CI (env CI set) fail: CI must never pass by skipping this."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this fails instead of skipping)")
    pytest.skip(reason)


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without anything that points Python or make at this checkout."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP",
                        "MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    env.update(extra)
    return env


def run(cmd: list, cwd: Path, timeout: int = 600, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=clean_env(**env))


def setuptools_builds_this() -> bool:
    """Whether this interpreter's setuptools reads our pyproject (a PEP 639 licence: >= 77)."""
    try:
        version = importlib.metadata.version("setuptools")
    except importlib.metadata.PackageNotFoundError:
        return False
    return int(version.split(".")[0]) >= 77


def copy_source(dest: Path) -> Path:
    def ignore(folder: str, names: list[str]) -> set[str]:
        top = NOT_SOURCE if Path(folder) == ROOT else set()
        return {n for n in names if n in top or n == "__pycache__" or n.endswith(".egg-info")
                or n.endswith(".pyc")}
    shutil.copytree(ROOT, dest, ignore=ignore)
    return dest


def pip_failed(what: str, result: subprocess.CompletedProcess) -> None:
    output = result.stdout + result.stderr
    if any(sign in output for sign in OFFLINE):
        unavailable(f"{what}: pip cannot reach a package index:\n{output[-2000:]}")
    pytest.fail(f"{what} failed (exit {result.returncode}):\n{output[-4000:]}")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict:
    """Build the wheel, install it into a fresh venv; return paths and timings."""
    if run([sys.executable, "-m", "pip", "--version"], cwd=ROOT).returncode != 0:
        unavailable("pip is not available to build the wheel")
    base = tmp_path_factory.mktemp("install")
    source = copy_source(base / "source")
    wheels = base / "wheels"
    timings = {}

    start = time.monotonic()
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-cache-dir", "-w", wheels,
             source]
    if setuptools_builds_this():  # offline: this venv's setuptools
        build.insert(5, "--no-build-isolation")
    # Otherwise pip fetches the setuptools that [build-system] asks for.
    result = run(build, cwd=base)
    if result.returncode != 0:
        pip_failed("building the wheel", result)
    timings["build wheel"] = time.monotonic() - start
    (wheel,) = wheels.glob("reportgen-*.whl")

    venv = base / "venv"
    start = time.monotonic()
    result = run([sys.executable, "-m", "venv", venv], cwd=base)
    assert result.returncode == 0, result.stderr
    result = run([venv / "bin" / "python", "-m", "pip", "install", "--quiet",
                  "--disable-pip-version-check", wheel], cwd=base)
    if result.returncode != 0:
        pip_failed("installing the wheel and its dependencies", result)
    timings["venv + pip install"] = time.monotonic() - start

    work = base / "elsewhere"  # not the checkout, and holding no reportgen/ of its own
    work.mkdir()
    return {"wheel": wheel, "venv": venv, "work": work, "timings": timings}


def test_wheel_carries_the_package_data(installed):
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    for name in PACKAGE_DATA:
        assert name in names
    for folder in ("reportgen/render/templates", "reportgen/accessibility/vendor/axe-core"):
        shipped = {p.relative_to(ROOT).as_posix() for p in (ROOT / folder).iterdir()
                   if p.is_file()}
        assert shipped <= names, f"not in the wheel: {sorted(shipped - names)}"


def test_installed_package_comes_from_the_new_venv(installed):
    venv = installed["venv"]
    result = run([venv / "bin" / "python", "-c",
                  "import reportgen, reportgen.render as r, reportgen.accessibility.common as a;"
                  "print(reportgen.__file__); print(r.TEMPLATES); print(a.VENDOR)"],
                 cwd=installed["work"])
    assert result.returncode == 0, result.stderr
    module, templates, vendor = (Path(line).resolve() for line in result.stdout.splitlines())
    for path in (module, templates, vendor):
        assert path.is_relative_to(venv.resolve()), path
        assert not path.is_relative_to(ROOT), path
    assert (templates / "report.css").is_file()
    assert (vendor / "axe-core" / "axe.min.js").is_file()


def test_installed_cli_builds_a_sample_set_from_elsewhere(installed, tmp_path):
    venv, work = installed["venv"], installed["work"]
    sample = shutil.copytree(SAMPLES / SAMPLE, tmp_path / SAMPLE)
    out = tmp_path / "out"
    start = time.monotonic()
    result = run([venv / "bin" / "reportgen", "build", sample, "--out", out], cwd=work,
                 PATH=f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    installed["timings"]["reportgen build"] = time.monotonic() - start
    assert result.returncode == 0, result.stdout + result.stderr
    built = out / SAMPLE
    for suffix, magic in ((".docx", b"PK"), (".pdf", b"%PDF"), (".html", b"<!")):
        files = list(built.glob(f"*{suffix}"))
        assert files, f"no {suffix} in {sorted(p.name for p in built.iterdir())}"
        assert all(f.read_bytes()[:len(magic)].upper() == magic.upper() for f in files), files
    print("install timings:", {k: f"{v:.1f}s" for k, v in installed["timings"].items()})


def test_installed_cli_starts_a_new_set(installed, tmp_path):
    result = run([installed["venv"] / "bin" / "reportgen", "new", tmp_path / "q1"],
                 cwd=installed["work"])
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "q1").iterdir()) == ["commentary.xlsx",
                                                                    "outturns.xlsx"]


def test_installed_module_entry_point(installed):
    result = run([installed["venv"] / "bin" / "python", "-m", "reportgen", "--help"],
                 cwd=installed["work"])
    assert result.returncode == 0, result.stderr
    assert "build" in result.stdout


# --- reportgen.run.system: which Debian packages are missing --------------------------------

FC_LIST = "DejaVu Sans\nLiberation Sans\nLiberation Serif\n"


@pytest.fixture
def lookups(monkeypatch):
    """Replace every lookup missing_packages makes; return the knobs the tests turn."""
    state = {"libraries": set(system.LIBRARIES), "programs": {"fc-list", *system.PROGRAMS},
             "families": FC_LIST, "in_venv": True, "ensurepip": True, "files": set()}

    monkeypatch.setattr(system, "find_library",
                        lambda name: f"lib{name}.so" if name in state["libraries"] else None)
    monkeypatch.setattr(system, "which",
                        lambda name: f"/usr/bin/{name}" if name in state["programs"] else None)

    monkeypatch.setattr(system, "_font_families",  # fc-list's output, None without fc-list
                        lambda: state["families"] if "fc-list" in state["programs"] else None)
    monkeypatch.setattr(system, "_in_venv", lambda: state["in_venv"])
    monkeypatch.setattr(system, "find_spec",
                        lambda name: object() if name != "ensurepip" or state["ensurepip"]
                        else None)
    monkeypatch.setattr(system, "exists", lambda path: path in state["files"])
    return state


def test_nothing_missing(lookups, capsys):
    assert system.missing_packages() == []
    assert system.main([]) == 0
    assert system.main(["--packages"]) == 0
    assert capsys.readouterr() == ("", "")


def test_missing_libraries_fonts_and_poppler(lookups):
    lookups["libraries"] = {"pango-1.0"}
    lookups["families"] = "DejaVu Sans\n"
    lookups["programs"] = {"fc-list", "pdftoppm"}
    assert system.missing_packages() == ["libpangoft2-1.0-0", "libharfbuzz-subset0",
                                         "fonts-liberation2", "poppler-utils"]


def test_poppler_named_once_when_both_programs_are_missing(lookups):
    lookups["programs"] = {"fc-list"}
    assert system.missing_packages() == ["poppler-utils"]


def test_without_fc_list_asks_for_fontconfig_and_the_fonts(lookups):
    lookups["programs"] = set(system.PROGRAMS)
    assert system.missing_packages() == ["fontconfig", "fonts-liberation2", "fonts-dejavu-core"]


def test_outside_a_venv_checks_what_venv_and_pip_need(lookups):
    lookups["in_venv"] = False
    lookups["ensurepip"] = False
    lookups["files"] = {"/etc/debian_version"}
    minor = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert system.missing_packages() == [f"python{minor}-venv", "ca-certificates"]
    lookups["files"] = {"/etc/debian_version", system.CA_BUNDLE}
    lookups["ensurepip"] = True
    assert system.missing_packages() == []
    lookups["in_venv"] = True
    lookups["ensurepip"] = False
    lookups["files"] = {"/etc/debian_version"}
    assert system.missing_packages() == []  # a venv exists already: nothing to make one with


def test_main_prints_names_for_make_and_a_message_for_people(lookups, capsys):
    lookups["programs"] = {"fc-list"}
    lookups["families"] = "DejaVu Sans\n"
    assert system.main(["--packages"]) == 1
    assert capsys.readouterr() == ("fonts-liberation2 poppler-utils\n", "")
    assert system.main([]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "fonts-liberation2, poppler-utils" in err


def test_runs_as_a_plain_script_with_the_stdlib_only():
    """The Makefile runs it with the system Python, before the venv exists."""
    result = subprocess.run([sys.executable, "-S", "-I", str(ROOT / "reportgen/run/system.py"),
                             "--help"], capture_output=True, text=True, cwd="/")
    assert result.returncode == 0, result.stderr
    assert "--packages" in result.stdout


# --- the Makefile's check-system, with fake python, apt-get, sudo and id ---------------------

FAKES = {
    # The system check: prints the names in $FAKE_STATE and exits 1, or exits 0 when it is gone.
    "python": '[ "$1 $2" = "reportgen/run/system.py --packages" ] || exit 99\n'
              '[ -s "$FAKE_STATE" ] || exit 0\ncat "$FAKE_STATE"; exit 1\n',
    "apt-get": 'echo "apt-get $*" >> "$FAKE_LOG"\n'
               'case "$*" in *install*) [ -n "$FAKE_APT_FAIL" ] && exit 100; '
               ': > "$FAKE_STATE";; esac\nexit 0\n',
    "sudo": 'if [ "$1" = "-n" ]; then [ -n "$FAKE_SUDO_OK" ]; exit; fi\n'
            'echo "sudo:" >> "$FAKE_LOG"; exec "$@"\n',
    "id": 'echo "${FAKE_UID:-0}"\n',
}


@pytest.fixture
def check_system(tmp_path):
    if shutil.which("make") is None:
        unavailable("make is not installed")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in FAKES.items():
        (bin_dir / name).write_text("#!/bin/sh\n" + body)
        (bin_dir / name).chmod(0o755)
    state, log = tmp_path / "missing", tmp_path / "log"

    def make(missing: str = "", **env: str):
        state.write_text(missing)
        log.write_text("")
        result = run(["make", "-s", "--no-print-directory", "check-system",
                      f"PYTHON={bin_dir / 'python'}"], cwd=ROOT, timeout=60,
                     PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
                     FAKE_STATE=str(state), FAKE_LOG=str(log), **env)
        return result, log.read_text().splitlines()
    return make


def test_make_check_system_is_quiet_when_all_is_installed(check_system):
    result, calls = check_system("")
    assert (result.returncode, result.stdout, result.stderr, calls) == (0, "", "", [])


def test_make_check_system_installs_as_root(check_system):
    result, calls = check_system("fonts-liberation2 poppler-utils", FAKE_UID="0")
    assert result.returncode == 0, result.stderr
    assert calls == ["apt-get update -qq",
                     "apt-get install -y -qq --no-install-recommends fonts-liberation2 "
                     "poppler-utils"]
    assert "fonts-liberation2 poppler-utils" in result.stdout


def test_make_check_system_installs_through_passwordless_sudo(check_system):
    result, calls = check_system("poppler-utils", FAKE_UID="1000", FAKE_SUDO_OK="1")
    assert result.returncode == 0, result.stderr
    assert calls == ["sudo:", "apt-get update -qq", "sudo:",
                     "apt-get install -y -qq --no-install-recommends poppler-utils"]


def test_make_check_system_prints_the_one_line_otherwise(check_system):
    result, calls = check_system("fonts-liberation2 poppler-utils", FAKE_UID="1000")
    assert result.returncode != 0
    assert calls == []
    lines = [line for line in result.stderr.splitlines() if not line.startswith("make:")]
    assert len(lines) == 1 and result.stdout == "", result.stdout + result.stderr
    assert lines[0].endswith("sudo apt-get update && sudo apt-get install -y fonts-liberation2 "
                             "poppler-utils")


def test_make_check_system_fails_when_the_install_fails(check_system):
    result, calls = check_system("poppler-utils", FAKE_UID="0", FAKE_APT_FAIL="1")
    assert result.returncode != 0
    assert calls[-1] == "apt-get install -y -qq --no-install-recommends poppler-utils"
    assert "apt-get update && apt-get install -y poppler-utils" in result.stderr
    assert "sudo apt-get" not in result.stderr  # root needs no sudo

