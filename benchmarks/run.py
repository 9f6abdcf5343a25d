"""Measure how long reportgen takes per stage and per build, at several set sizes.

    .venv/bin/python benchmarks/run.py            # N = 40, 400, 4000
    .venv/bin/python benchmarks/run.py --quick    # N = 40, 400
    .venv/bin/python benchmarks/run.py --sizes 40 400 --runs 5 --themes
    .venv/bin/python benchmarks/run.py --sizes 400 --pack   # a whole-council Cabinet set
    .venv/bin/python benchmarks/run.py --samples  # the sets in inputs/, whole process only

For each N the set is generated once (benchmarks/generate.py), then:

- stages: a fresh Python process runs `reportgen.pipeline.build_set` `--runs` times with the
  library's stage functions wrapped by timers (read, rate, compose, charts, DOCX, HTML, PDF,
  write; exclusive time, wall by time.perf_counter and CPU by time.process_time); medians are
  reported, every run is kept in the JSON;
- whole build: `.venv/bin/reportgen build SET --out DIR` into an empty folder: wall time, CPU
  time (user + sys) and peak RSS (largest single process) of its process tree, read with
  getrusage(RUSAGE_CHILDREN) in a small parent process that has no other child, and the peak
  PSS summed over the whole tree (fork server and set workers), sampled from /proc every
  25 ms; then the same command again (an unchanged rebuild) measured the same way;
- LibreOffice (if `soffice` is installed): one `soffice --headless --convert-to pdf` call
  converting that build's DOCX files, with a profile folder created and warmed once before
  timing, and the ratio reportgen whole build / LibreOffice convert.

With --samples [DIR] (default inputs/) it measures instead one whole build of every set in
DIR, in one `reportgen build SET… --out DIR` command, its unchanged rebuild, and one
LibreOffice call converting every DOCX that build made; no stages, no imports.

Before measuring, reportgen's bytecode is written (`compile_bytecode`), as an installed
package has it. It prints Markdown tables and writes benchmarks/results-<date>.json
(…-quick.json with --quick, …-samples.json with --samples). It asserts nothing about time:
benchmarks are measurements, not tests. What each number means: benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV_BIN = ROOT / ".venv" / "bin"
STAGES = ("read", "rate", "compose", "charts", "docx", "html", "pdf", "write")
LO_PROFILE = Path("/tmp/lo-profile")
HEAVY_MODULES = ("openpyxl", "jinja2", "matplotlib", "matplotlib.pyplot", "docxtpl", "docx",
                 "weasyprint")

# A parent for one measured command: with no other child, RUSAGE_CHILDREN is that command's
# process tree (user + sys of every descendant waited for, and the largest peak RSS among them).
# A sampler thread adds the peak PSS of the whole tree: every 25 ms it finds the command's
# descendants by their ppid in /proc/<pid>/stat and sums the Pss of their smaps_rollup (PSS
# shares copy-on-write pages among the processes that map them, so forked workers are not
# counted twice, as summing RSS would). A process that starts and ends between two samples is
# missed. tree_pss_mb is None where /proc/<pid>/smaps_rollup does not exist (not Linux).
MEASURE = r"""
import json, os, resource, subprocess, sys, threading, time

def tree(root):
    children = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as stat:
                    fields = stat.read().rpartition(b")")[2].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(name))
    found, todo = [], [root]
    while todo:
        found.append(todo.pop())
        todo.extend(children.get(found[-1], ()))
    return found

def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0

def sample(root, stop, peak):
    while True:
        pids = tree(root)
        peak["kb"] = max(peak["kb"], sum(map(pss_kb, pids)))
        peak["processes"] = max(peak["processes"], len(pids))
        if stop.wait(0.025):
            return

pss = os.path.exists(f"/proc/{os.getpid()}/smaps_rollup")
peak, stop = {"kb": 0, "processes": 0}, threading.Event()
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
sampler = threading.Thread(target=sample, args=(child.pid, stop, peak), daemon=True)
if pss:
    sampler.start()
output = child.communicate()[0]
wall = time.perf_counter() - start
stop.set()
if pss:
    sampler.join()
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
                  "user": usage.ru_utime, "sys": usage.ru_stime,
                  "max_rss_mb": usage.ru_maxrss / 1024,
                  "tree_pss_mb": peak["kb"] / 1024 if pss else None,
                  "tree_processes": peak["processes"] if pss else None,
                  "returncode": child.returncode,
                  "output": output.decode("utf-8", "replace")[-2000:]}))
"""

# --- the in-process stage timings (run in a fresh interpreter per set size) -----------------

# Where each stage's functions live: (module, attribute names; a missing name is skipped, so
# the timer follows the pipeline as it changes). The pipeline imports its stages' functions
# when it calls them, and render.html binds chart_svg at import, so both places are wrapped.
STAGE_FUNCTIONS = {
    "read": [("reportgen.read.workbook", ("require_report_set",))],
    "rate": [("reportgen.rate", ("rate_report_set",))],
    "compose": [("reportgen.compose", ("compose_documents",))],
    "charts": [("reportgen.render.charts", ("_drawn", "chart_png", "chart_svg")),
               ("reportgen.render.html", ("chart_svg",))],
    "docx": [("reportgen.render.docx", ("render_docx", "render_scorecard_docx",
                                        "render_cabinet_docx"))],
    "html": [("reportgen.render.html", ("render_html",))],
    "pdf": [("reportgen.render.pdf", ("lay_out_body", "lay_out_sheet")),
            ("reportgen.render.documents", ("finish_pdf",))],   # joining and stamping
    "write": [("reportgen.compose.manifest", ("compose_manifest",)),
              ("reportgen.write", ("render_json", "render_csv", "write_outputs"))],
}


class StageClock:
    """Wrap the library's stage functions so that `build_set` times itself, stage by stage.

    Time is exclusive: charts drawn inside the DOCX renderer count as charts, not DOCX.
    """

    def __init__(self):
        self.totals: dict[str, float] = {}  # wall seconds (time.perf_counter)
        self.cpu: dict[str, float] = {}  # CPU seconds of this process (time.process_time)
        self._children: list[list[float]] = []  # [wall, cpu] in wrapped calls below each call

    def wrap(self, stage: str, function):
        clock = self

        def timed(*args, **kwargs):
            start, start_cpu = time.perf_counter(), time.process_time()
            clock._children.append([0.0, 0.0])
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - start
                elapsed_cpu = time.process_time() - start_cpu
                inner, inner_cpu = clock._children.pop()
                clock.totals[stage] = clock.totals.get(stage, 0.0) + elapsed - inner
                clock.cpu[stage] = clock.cpu.get(stage, 0.0) + elapsed_cpu - inner_cpu
                if clock._children:
                    clock._children[-1][0] += elapsed
                    clock._children[-1][1] += elapsed_cpu

        timed.__wrapped__ = function
        return timed


def time_stages(folder: Path, out: Path, runs: int) -> dict:
    """Return {stage: [seconds per run]} for `build.build_set(folder)`, run `runs` times.

    The renderers and their libraries are imported first (timed as "imports"), then each run
    calls build_set with every stage function wrapped by a `StageClock`; "other" is what
    build_set spent outside them. Chart caches are cleared before each run.
    """
    import importlib
    import resource

    try:  # the installed reportgen (editable: this tree), or a snapshot on PYTHONPATH
        import reportgen  # noqa: F401
    except ImportError:
        sys.path.insert(0, str(ROOT))
    started = time.perf_counter()
    modules = {name: importlib.import_module(name)
               for places in STAGE_FUNCTIONS.values() for name, _ in places}
    imports = time.perf_counter() - started
    from reportgen import pipeline as build

    originals = {}
    for places in STAGE_FUNCTIONS.values():
        for name, attributes in places:
            for attribute in attributes:
                if hasattr(modules[name], attribute):
                    originals[name, attribute] = getattr(modules[name], attribute)
    timings: dict[str, list[float]] = {stage: [] for stage in (*STAGES, "other", "total")}
    cpu: dict[str, list[float]] = {stage: [] for stage in (*STAGES, "other", "total")}
    info: dict = {"imports_s": imports, "wrapped": sorted(f"{m}.{a}" for m, a in originals)}
    problems: list[str] = []
    for run in range(runs):
        clock = StageClock()
        for stage, places in STAGE_FUNCTIONS.items():
            for name, attributes in places:
                for attribute in attributes:
                    if (name, attribute) in originals:
                        setattr(modules[name], attribute,
                                clock.wrap(stage, originals[name, attribute]))
        for cached in ("_drawn", "chart_png", "chart_svg"):
            getattr(originals.get(("reportgen.render.charts", cached)), "cache_clear",
                    lambda: None)()
        gc.collect()
        started, started_cpu = time.perf_counter(), time.process_time()
        result = build.build_set(folder, out / f"run{run}")
        total = time.perf_counter() - started
        total_cpu = time.process_time() - started_cpu
        for stage in STAGES:
            timings[stage].append(clock.totals.get(stage, 0.0))
            cpu[stage].append(clock.cpu.get(stage, 0.0))
        timings["total"].append(total)
        timings["other"].append(total - sum(clock.totals.values()))
        cpu["total"].append(total_cpu)
        cpu["other"].append(total_cpu - sum(clock.cpu.values()))
        if not result.ok:
            problems = [p.describe() for p in result.problems if p.severity == "error"]
            break
        if run == 0:
            written = result.written
            info["files"] = {p.name: p.stat().st_size for p in written}
            info["file_types"] = sorted({p.suffix for p in written})
    for (name, attribute), function in originals.items():
        setattr(modules[name], attribute, function)
    info["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    errors = {"build": "; ".join(problems)[:1500]} if problems else {}
    return {"seconds": timings, "cpu_seconds": cpu, "errors": errors, "info": info}


def stages_in_fresh_process(folder: Path, runs: int, scratch: Path) -> dict:
    """Run `time_stages` in a new interpreter (cold imports, its own peak RSS) and return it."""
    command = [sys.executable, str(Path(__file__).resolve()), "_stages", str(folder),
               str(scratch), str(runs)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        return {"seconds": {s: [] for s in STAGES}, "info": {},
                "errors": {"process": done.stderr.strip()[-1500:]}}
    return json.loads(done.stdout.splitlines()[-1])


# --- whole-process measurements ------------------------------------------------------------

def measure(command: list[str], cwd: Path) -> dict:
    """Return wall, CPU, peak RSS and peak tree PSS of `command` and its children (MEASURE)."""
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True,
                          text=True, cwd=cwd)
    return json.loads(done.stdout.splitlines()[-1])


def whole_builds(folders: list[Path], runs: int,
                 scratch: Path) -> tuple[list[dict], list[dict], Path]:
    """Return (cold builds, unchanged rebuilds) of one `reportgen build` of all `folders`, and
    the --out folder of the last build (each set is built into a subfolder of it)."""
    reportgen = str(VENV_BIN / "reportgen")
    cold, warm = [], []
    scratch.mkdir(parents=True, exist_ok=True)
    out = scratch
    for run in range(runs):
        out = scratch / f"run{run}"
        shutil.rmtree(out, ignore_errors=True)
        command = [reportgen, "build", *map(str, folders), "--out", str(out)]
        cold.append(measure(command, scratch))
        warm.append(measure(command, scratch))  # the same command again: nothing changed
    return cold, warm, out


def compile_bytecode() -> None:
    """Write reportgen's bytecode before measuring, as an installed package has it (pip
    compiles on install; an editable install writes it on its first run): where
    PYTHONDONTWRITEBYTECODE is set (this sandbox sets it), each of a build's processes would
    otherwise compile every changed module again, 0.3-0.6 s of a sample build's wall time."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "reportgen")],
                   env=env, check=True)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def lo_command(files: list[Path], outdir: Path) -> list[str]:
    return [soffice(), f"-env:UserInstallation=file://{LO_PROFILE}", "--headless",
            "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)]


def warm_libreoffice(sample: Path, scratch: Path) -> None:
    """Create and warm the LibreOffice profile once, so no timed run pays for first start."""
    outdir = scratch / "lo-warm"
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(lo_command([sample], outdir), capture_output=True, timeout=600)


def libreoffice_converts(files: list[Path], runs: int, scratch: Path) -> list[dict]:
    """Return `runs` measurements of one LibreOffice call converting all `files` to PDF.

    The PDFs go to one folder, so two DOCX files with the same name give one PDF ("pdfs")."""
    results = []
    for run in range(runs):
        outdir = scratch / f"lo{run}"
        shutil.rmtree(outdir, ignore_errors=True)
        outdir.mkdir(parents=True)
        result = measure(lo_command(files, outdir), scratch)
        result["pdfs"] = len(list(outdir.glob("*.pdf")))
        result["pages"] = sum(pdf_pages(p) or 0 for p in outdir.glob("*.pdf"))
        results.append(result)
    return results


def our_pages(docx: list[Path]) -> int | None:
    """Return the pages of the PDFs reportgen built beside `docx` (the documents LibreOffice
    converts; a PDF without a DOCX, such as a pack, is not counted)."""
    return sum(pdf_pages(p.with_suffix(".pdf")) or 0 for p in docx
               if p.with_suffix(".pdf").exists()) or None


def pdf_pages(path: Path) -> int | None:
    if not shutil.which("pdfinfo"):
        return None
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True)
    for line in done.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


# --- imports ------------------------------------------------------------------------------

def import_report(scratch: Path, folder: Path) -> dict:
    """Return which heavy modules each entry point imports, from `python -X importtime`."""
    python = str(VENV_BIN / "python")
    cases = {
        "import reportgen.pipeline": [python, "-X", "importtime", "-c", "import reportgen.pipeline"],
        "reportgen --help": [python, "-X", "importtime", "-m", "reportgen", "--help"],
        "reportgen check SET": [python, "-X", "importtime", "-m", "reportgen", "check",
                                str(folder)],
        "reportgen build SET": [python, "-X", "importtime", "-m", "reportgen", "build",
                                str(folder), "--out", str(scratch / "imports")],
    }
    report = {}
    for name, command in cases.items():
        done = subprocess.run(command, capture_output=True, text=True, cwd=scratch)
        report[name] = parse_importtime(done.stderr)
    return report


def parse_importtime(text: str) -> dict:
    """Return, per heavy package, its import time and which module imported it.

    `-X importtime` prints each import when it finishes, indented by depth, so a line's
    children are the deeper lines just before it. A package's time is the cumulative time of
    its outermost imports; "by" names the nearest reportgen module above them, marked
    "← function" when that module was itself imported by running code rather than by another
    module's top-level imports, or "function" for a lazy import inside a function.
    """
    pending: list[dict] = []
    total = 0.0
    for line in text.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        self_us, cumulative_us, name = line.removeprefix("import time:").split("|", 2)
        try:
            node = {"self": int(self_us), "cum": int(cumulative_us), "children": []}
        except ValueError:
            continue  # the header line
        node["depth"] = (len(name) - len(name.lstrip(" "))) // 2
        node["name"] = name.strip()
        total += node["self"]
        while pending and pending[-1]["depth"] > node["depth"]:
            node["children"].insert(0, pending.pop())
        pending.append(node)
    found: dict[str, dict] = {}

    def walk(node: dict, owner: str | None, inside: set[str]) -> None:
        family = next((f for f in HEAVY_MODULES if node["name"] == f
                       or node["name"].startswith(f + ".") and f != "matplotlib"
                       or f == "matplotlib" and node["name"].startswith("matplotlib.")
                       and node["name"] != "matplotlib.pyplot"), None)
        if node["name"] == "matplotlib.pyplot":
            family = "matplotlib.pyplot"
        if family and family not in inside:
            entry = found.setdefault(family, {"ms": 0.0, "by": []})
            entry["ms"] = round(entry["ms"] + node["cum"] / 1000, 1)
            by = owner or "function"
            if by not in entry["by"]:
                entry["by"].append(by)
        if node["name"].startswith("reportgen"):
            # A reportgen module at depth 0 was imported by running code (a function body or
            # `-m`), not by another module's import statements.
            owner = node["name"] + (" ← function" if node["depth"] == 0 else "")
        for child in node["children"]:
            walk(child, owner, inside | ({family} if family else set()))

    for root in pending:
        walk(root, None, set())
    return {"modules": found, "total_ms": round(total / 1000, 1)}


def import_table(report: dict) -> str:
    lines = ["| entry point | all imports | " + " | ".join(HEAVY_MODULES) + " |",
             "|---|---|" + "---|" * len(HEAVY_MODULES)]
    for name, found in report.items():
        cells = []
        for module in HEAVY_MODULES:
            entry = found["modules"].get(module)
            cells.append(f"{entry['ms']:.0f} ms ({', '.join(entry['by'])})" if entry else "no")
        lines.append(f"| `{name}` | {found['total_ms']:.0f} ms | " + " | ".join(cells) + " |")
    return "\n".join(lines)


# --- the machine --------------------------------------------------------------------------

def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    memory = next((line.split(":", 1)[1].strip() for line in
                   Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "?")
    versions = {}
    for package in ("weasyprint", "pydyf", "matplotlib", "docxtpl", "python-docx", "openpyxl",
                    "Jinja2", "fonttools"):
        done = subprocess.run([str(VENV_BIN / "python"), "-c",
                               f"import importlib.metadata as m; print(m.version({package!r}))"],
                              capture_output=True, text=True)
        versions[package] = done.stdout.strip() or None
    office = None
    if soffice():
        done = subprocess.run([soffice(), "--version"], capture_output=True, text=True)
        office = done.stdout.strip()
    git = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                         cwd=ROOT).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "reportgen"],
                           capture_output=True, text=True, cwd=ROOT).stdout.strip()
    # The reportgen measured: this tree (editable install), or a snapshot on PYTHONPATH.
    package = subprocess.run([str(VENV_BIN / "python"), "-c",
                              "import reportgen; print(reportgen.__file__)"],
                             capture_output=True, text=True).stdout.strip()
    measured = str(Path(package).parent.parent) if package else "?"
    return {"date": subprocess.run(["date"], capture_output=True, text=True).stdout.strip(),
            "reportgen_from": measured,
            "nproc": os.cpu_count(), "cpu": cpu, "memory": memory,
            "python": platform.python_version(), "packages": versions, "libreoffice": office,
            "commit": git, "library_changed_since_commit": bool(dirty)}


# --- tables -------------------------------------------------------------------------------

def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def stage_table(results: list[dict], key: str = "seconds") -> str:
    """Return the per-stage Markdown table of `key` ("seconds": wall, "cpu_seconds": CPU)."""
    lines = ["| N | " + " | ".join(STAGES) + " | other | build_set | first run | "
             "imports | peak RSS |", "|" + "---|" * (len(STAGES) + 6)]
    for r in results:
        found = r["stages"].get(key) or {}
        if r["stages"]["errors"] or not found.get("total"):
            lines.append(f"| {r['n']} | failed: {r['stages']['errors']} |")
            continue
        cells = [seconds(median(found[s])) for s in (*STAGES, "other", "total")]
        info = r["stages"]["info"]
        lines.append(f"| {r['n']} | " + " | ".join(cells) + f" | {seconds(found['total'][0])} | "
                     f"{seconds(info.get('imports_s'))} | {info.get('max_rss_mb', 0):.0f} MB |")
    return "\n".join(lines)


def peak_mb(measured: list[dict], key: str) -> float | None:
    """Return the largest `key` ("max_rss_mb", "tree_pss_mb") over runs; None if none has it."""
    return max((m[key] for m in measured if m.get(key) is not None), default=None)


def megabytes(value: float | None) -> str:
    return f"{value:.0f} MB" if value else "—"


def whole_table(results: list[dict]) -> str:
    lines = ["| N | build wall | build CPU | build peak RSS | build tree peak (PSS) | "
             "unchanged rebuild wall | LibreOffice convert wall | LO CPU | LO peak RSS | "
             "LO tree peak (PSS) | build / LO (wall) | build / LO (CPU) | pages (ours / LO) | "
             "load avg before → after |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        cold = r["build"]
        ok = all(b["returncode"] == 0 for b in cold) if cold else False
        wall = median([b["wall"] for b in cold]) if ok else None
        cpu = median([b["cpu"] for b in cold]) if ok else None
        rss = peak_mb(cold, "max_rss_mb") if ok else None
        pss = peak_mb(cold, "tree_pss_mb") if ok else None
        rebuild = median([b["wall"] for b in r["rebuild"]]) if ok else None
        lo = r.get("libreoffice") or []
        lo_ok = [x for x in lo if x["returncode"] == 0 and x["pdfs"]]
        lo_wall = median([x["wall"] for x in lo_ok])
        lo_cpu = median([x["cpu"] for x in lo_ok])
        lo_rss = peak_mb(lo_ok, "max_rss_mb")
        lo_pss = peak_mb(lo_ok, "tree_pss_mb")
        ratio = f"{wall / lo_wall:.2f}×" if wall and lo_wall else "—"
        cpu_ratio = f"{cpu / lo_cpu:.2f}×" if cpu and lo_cpu else "—"
        load = (f"{r['load_before'][0]:.1f} → {r['load_after'][0]:.1f}"
                if r.get("load_after") else "—")
        lo_pages = lo_ok[0]["pages"] if lo_ok else None
        lines.append(
            f"| {r['n']} | {seconds(wall) if ok else 'failed'} | {seconds(cpu)} | "
            f"{megabytes(rss)} | {megabytes(pss)} | {seconds(rebuild)} | {seconds(lo_wall)} | "
            f"{seconds(lo_cpu)} | {megabytes(lo_rss)} | {megabytes(lo_pss)} | {ratio} | "
            f"{cpu_ratio} | {r.get('pages') or '—'} / {lo_pages or '—'} | {load} |")
    return "\n".join(lines)


# --- main ---------------------------------------------------------------------------------

def runs_for(n: int, args) -> int:
    return args.runs if n < 4000 else args.runs_large


def bench_size(n: int, args, scratch: Path) -> dict:
    from generate import generate

    folder = scratch / f"set-{n}"
    started = time.perf_counter()
    mix = generate(n, folder, args.seed, args.themes, args.pack)
    generated = time.perf_counter() - started
    runs = runs_for(n, args)
    log(f"N={n}: generated in {generated:.1f} s ({mix}); {runs} run(s) each")
    result = {"n": n, "runs": runs, "themes": args.themes, "pack": args.pack,
              "generated_mix": mix,
              "load_before": os.getloadavg()}
    result["stages"] = stages_in_fresh_process(folder, runs, scratch / f"stages-{n}")
    found = result["stages"]["seconds"]
    log(f"N={n}: stages {({s: seconds(median(v)) for s, v in found.items()})}"
        + (f" errors {result['stages']['errors']}" if result["stages"]["errors"] else ""))
    if args.no_whole:
        result["build"], result["rebuild"] = [], []
        result["load_after"] = os.getloadavg()
        return result
    cold, warm, out = whole_builds([folder], runs, scratch / f"build-{n}")
    result["build"], result["rebuild"] = cold, warm
    if any(b["returncode"] for b in cold):
        log(f"N={n}: reportgen build failed: {cold[0]['output'][-600:]}")
        result["load_after"] = os.getloadavg()
        return result
    docx = sorted((out / folder.name).glob("*.docx"))
    result["pages"] = our_pages(docx)
    log(f"N={n}: build {seconds(median([b['wall'] for b in cold]))}, "
        f"rebuild {seconds(median([b['wall'] for b in warm]))}")
    convert_with_libreoffice(result, docx, runs, args, scratch, f"lo-{n}", f"N={n}")
    result["load_after"] = os.getloadavg()
    return result


def convert_with_libreoffice(result: dict, docx: list[Path], runs: int, args, scratch: Path,
                             name: str, label: str) -> None:
    """Measure LibreOffice converting `docx` into result["libreoffice"], if it is installed
    and wanted; the profile is warmed once per `run.py`, before the first timed call."""
    if not (soffice() and docx and not args.no_libreoffice):
        return
    if not args._lo_warm:
        warm_libreoffice(docx[0], scratch)
        args._lo_warm = True
    result["libreoffice"] = libreoffice_converts(docx, runs, scratch / name)
    ok = [x["wall"] for x in result["libreoffice"] if x["returncode"] == 0]
    log(f"{label}: LibreOffice convert {seconds(median(ok))}")


def sample_sets(folder: Path) -> list[Path]:
    """Return the report sets in `folder`: its subfolders holding outturns.xlsx, as
    `reportgen build` with no SET finds them in ./inputs."""
    return sorted(p for p in folder.iterdir() if p.is_dir() and (p / "outturns.xlsx").exists())


def bench_samples(folder: Path, args, scratch: Path) -> dict:
    """Measure one `reportgen build` of every set in `folder` (whole process, no stages), its
    unchanged rebuild, and one LibreOffice call converting every DOCX that build made."""
    sets = sample_sets(folder)
    log(f"samples: {len(sets)} sets in {folder}; {args.runs} run(s) each")
    result = {"n": "samples", "folder": str(folder), "sets": [p.name for p in sets],
              "runs": args.runs, "load_before": os.getloadavg()}
    if not sets:
        log(f"samples: no report set (a folder with outturns.xlsx) in {folder}")
        result["build"], result["rebuild"] = [], []
        result["load_after"] = os.getloadavg()
        return result
    cold, warm, out = whole_builds(sets, args.runs, scratch / "build-samples")
    result["build"], result["rebuild"] = cold, warm
    if any(b["returncode"] for b in cold):
        log(f"samples: reportgen build failed: {cold[0]['output'][-600:]}")
        result["load_after"] = os.getloadavg()
        return result
    docx = sorted(out.rglob("*.docx"))
    result["documents"] = [str(p.relative_to(out)) for p in docx]
    result["pages"] = our_pages(docx)
    log(f"samples: build {seconds(median([b['wall'] for b in cold]))}, "
        f"rebuild {seconds(median([b['wall'] for b in warm]))}; {len(docx)} DOCX")
    convert_with_libreoffice(result, docx, args.runs, args, scratch, "lo-samples", "samples")
    result["load_after"] = os.getloadavg()
    return result


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_stages"]:  # the child process of stages_in_fresh_process
        folder, scratch, runs = Path(argv[1]), Path(argv[2]), int(argv[3])
        print(json.dumps(time_stages(folder, scratch, runs)))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[40, 400, 4000], metavar="N")
    parser.add_argument("--quick", action="store_true", help="N = 40 and 400 only")
    parser.add_argument("--samples", type=Path, nargs="?", const=ROOT / "inputs", metavar="DIR",
                        help="instead of generated sizes: one whole-process build of every set "
                             "in DIR (default: the repo's inputs/) and LibreOffice converting "
                             "all its DOCX; no stages or imports")
    parser.add_argument("--runs", type=int, default=3, help="runs per size, median (default 3)")
    parser.add_argument("--runs-large", type=int, default=1,
                        help="runs for N >= 4000 (default 1)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--themes", action="store_true",
                        help="measures get outcomes and themes: each set also gets the scorecard")
    parser.add_argument("--pack", action="store_true",
                        help="each set also gets a Report to Cabinet, so the pack of them all")
    parser.add_argument("--no-whole", action="store_true", help="stages only (no subprocess)")
    parser.add_argument("--no-libreoffice", action="store_true")
    parser.add_argument("--no-imports", action="store_true", help="skip the -X importtime check")
    parser.add_argument("--json", type=Path, help="where to write the results "
                        "(default benchmarks/results-<date>[-quick|-samples].json)")
    parser.add_argument("--keep", type=Path, help="keep the generated sets and outputs here")
    args = parser.parse_args(argv)
    args._lo_warm = False
    sizes = [40, 400] if args.quick else args.sizes
    compile_bytecode()
    sys.path.insert(0, str(HERE))

    scratch = args.keep or Path(tempfile.mkdtemp(prefix="reportgen-bench-"))
    scratch.mkdir(parents=True, exist_ok=True)
    try:
        results = {"machine": machine()}
        log(f"machine: {results['machine']['cpu']}, {results['machine']['nproc']} CPUs, "
            f"{results['machine']['memory']}")
        if args.samples:
            samples = args.samples.resolve()
            results["args"] = {"samples": str(samples), "runs": args.runs}
            results["samples"] = bench_samples(samples, args, scratch)
        else:
            results["sizes"] = []
            results["args"] = {"sizes": sizes, "runs": args.runs, "runs_large": args.runs_large,
                               "seed": args.seed, "themes": args.themes, "pack": args.pack}
            for n in sizes:
                results["sizes"].append(bench_size(n, args, scratch))
            if not args.no_imports:
                results["imports"] = import_report(scratch, scratch / f"set-{sizes[0]}")
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)

    today = dt.date.today().isoformat()
    suffix = "-samples" if args.samples else "-quick" if args.quick else ""
    path = args.json or HERE / f"results-{today}{suffix}.json"
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if args.samples:
        print_samples(results)
    else:
        print_sizes(results, args)
    print(f"\nwritten {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


def print_heading(results: dict, what: str) -> None:
    m = results["machine"]
    print(f"## reportgen benchmarks, {m['date']}\n\n{m['cpu']}, {m['nproc']} CPUs, "
          f"{m['memory']} memory, Python {m['python']}, "
          + (f"commit {m['commit']}"
             f"{' (library changed since)' if m['library_changed_since_commit'] else ''}"
             if m["reportgen_from"] == str(ROOT) else f"reportgen from {m['reportgen_from']}")
          + f"; {what}\n")


def print_sizes(results: dict, args) -> None:
    """Print the tables of the generated sizes: stages, whole process, imports."""
    sets = "themes (report + scorecard)" if args.themes else "performance report"
    if args.pack:
        sets += " + Report to Cabinet + pack"
    print_heading(results, f"{sets} sets")
    print("### Stages, wall (in-process `build_set`, median; time.perf_counter)\n")
    print(stage_table(results["sizes"]))
    print("\n### Stages, CPU of the process (time.process_time; less disturbed by other load)\n")
    print(stage_table(results["sizes"], "cpu_seconds"))
    errors = {r["n"]: r["stages"]["errors"] for r in results["sizes"] if r["stages"]["errors"]}
    if errors:
        print(f"\nStage errors: {errors}")
    if not args.no_whole:
        print("\n### Whole process (`reportgen build SET --out DIR`, median)\n")
        print(whole_table(results["sizes"]))
    if "imports" in results:
        print("\n### Imports (`python -X importtime`, cumulative)\n")
        print(import_table(results["imports"]))


def print_samples(results: dict) -> None:
    """Print the whole-process table of the --samples build."""
    r = results["samples"]
    print_heading(results, f"the sets in {r['folder']}")
    print(f"### Whole process (`reportgen build SET… --out DIR` of {len(r['sets'])} sets, "
          f"{len(r.get('documents', []))} DOCX; median of {r['runs']})\n")
    print(whole_table([r]))
    print(f"\nSets: {', '.join(r['sets']) or '—'}. LibreOffice converts all "
          f"{len(r.get('documents', []))} DOCX in one call; pages count the PDFs beside them.")


if __name__ == "__main__":
    raise SystemExit(main())
