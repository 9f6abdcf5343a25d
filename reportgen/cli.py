"""The command line: parse arguments, call the library, print results, return exit codes.

Exit codes: 0 all well (warnings allowed), 1 some set has errors (or the output folder is
locked by another build), 2 usage error, 130 stopped by Ctrl-C.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from shlex import quote
import traceback
from decimal import Decimal
from pathlib import Path

from reportgen import __version__
from reportgen.errors import ReportgenError, UsageError

INPUTS = Path("inputs")


def find_sets(names: list[str]) -> list[Path]:
    """Return the report set folders named (paths, or bare names in ./inputs), or the default."""
    if not names:
        if not INPUTS.is_dir():
            raise UsageError("no report sets named and no ./inputs folder here; name a set "
                             "folder (one holding outturns.xlsx and commentary.xlsx)")
        sets = sorted(p for p in INPUTS.iterdir() if p.is_dir() and (p / "outturns.xlsx").exists())
        if not sets:
            raise UsageError("./inputs holds no report set (a folder with outturns.xlsx)")
        return sets
    found = []
    for name in names:
        path = Path(name)
        if not path.is_dir() and (INPUTS / name).is_dir():
            path = INPUTS / name
        if not path.is_dir():
            raise UsageError(f"report set '{name}' not found: give a folder path or the name of "
                             "a folder in ./inputs")
        same = [f for f in found if f.name == path.name]
        if same:
            raise UsageError(f"two report sets are named '{path.name}' ({same[0]} and {path}): "
                             "they would be built into the same output folder; rename one")
        found.append(path)
    return found


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="reportgen", description=__doc__.splitlines()[0])
    top.add_argument("--version", action="version", version=f"reportgen {__version__}")
    top.add_argument("--debug", action="store_true", help="show tracebacks for unexpected errors")
    sub = top.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build every document of each report set")
    build.add_argument("sets", nargs="*", metavar="SET",
                       help="report set folder, or a name in ./inputs (default: all in ./inputs)")
    build.add_argument("--out", default="build", type=Path, help="output folder (default: build)")
    build.add_argument("--force", action="store_true",
                       help="build even when inputs, templates and outputs are unchanged")
    build.add_argument("--wait", action="store_true",
                       help="when another build is writing into the output folder, wait for "
                            "it to finish (default: stop at once, exit code 1)")
    build.add_argument("--format", dest="formats", type=_formats, default=None,
                       metavar="FORMATS",
                       help="write only these formats, comma-separated: docx, pdf, html "
                            "(default: all three; the manifest and CSV are always written)")
    build.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N",
                       help="run up to N processes at once, for all sets' documents and "
                            "chunks (default N: the number of CPU cores)")
    new = sub.add_parser("new", help="start a report set: a folder with blank outturns.xlsx and "
                                     "commentary.xlsx, every sheet and header in place")
    new.add_argument("set", metavar="SET", type=Path,
                     help="the folder to create (e.g. inputs/cabinet-2027-q1); it must be new "
                          "or empty")
    roll = sub.add_parser("roll", help="start next period's set from this one: a new folder, "
                                       "SET untouched")
    roll.add_argument("set", metavar="SET", help="report set folder, or a name in ./inputs")
    roll.add_argument("--to", required=True, metavar="PERIOD",
                      help="the new period's label, as its Outturns column will be headed "
                           "(e.g. \"Q3 2017/18\")")
    roll.add_argument("--out", type=Path, metavar="NEWSET",
                      help="the new set's folder (default: beside SET, named after the "
                           "period, a slash becoming a hyphen)")
    collect = sub.add_parser("collect", help="write a commentary return for each owner into "
                                             "SET/returns/, for service managers to fill")
    status = sub.add_parser("status", help="the chase list: what each owner still owes "
                                           "(exit 0 whatever it finds)")
    for command in (collect, status):
        command.add_argument("set", metavar="SET",
                             help="report set folder, or a name in ./inputs")
        command.add_argument("--by", default="Service area", metavar="COLUMN",
                             help="the Measures column naming each measure's owner: Service "
                                  "area (default) or Lead officer (also Portfolio, Outcome, "
                                  "Theme)")
    form = status.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print only JSON")
    form.add_argument("--csv", action="store_true",
                      help="print CSV: owner, return, what is missing, measure ID")
    schemes = sub.add_parser("schemes", help="list the rating schemes a set can use, with legends")
    schemes.add_argument("sets", nargs="*", metavar="SET")
    check = sub.add_parser("check", help="validate report sets without rendering")
    check.add_argument("sets", nargs="*", metavar="SET")
    check.add_argument("--json", action="store_true", help="print the problems as JSON")
    check.add_argument("--accessibility", action="store_true",
                       help="also check the built outputs in --out: PDF and DOCX structure, "
                            "HTML, the colour palette, and axe-core in headless Chromium when "
                            "the 'accessibility' extra and Chromium are installed")
    check.add_argument("--out", default="build", type=Path,
                       help="where the sets were built (default: build)")
    return top


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of sets to build at once "
                                         "(give 1 or more)")
    return jobs


def _formats(text: str) -> tuple[str, ...]:
    """Return the formats `--format` names ("pdf", "docx,html"), in the usual order."""
    from reportgen.render.documents import FORMATS

    named = [part.strip().lower().lstrip(".") for part in text.split(",") if part.strip()]
    unknown = [name for name in named if name not in FORMATS]
    if unknown or not named:
        what = f"'{', '.join(unknown)}' is not a format" if unknown else "no format named"
        raise argparse.ArgumentTypeError(f"{what}: give one or more of {', '.join(FORMATS)}, "
                                         "comma-separated (e.g. --format pdf)")
    return tuple(f for f in FORMATS if f in named)


def cpu_count() -> int:
    """The CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def print_problems(result, stream) -> None:
    for problem in result.problems:
        print(f"  {problem.describe()}", file=stream)


def run_check(args) -> int:
    from reportgen.run.pool import check_sets

    folders = find_sets(args.sets)
    results = check_sets(folders, min(cpu_count(), len(folders)), args.debug)
    if args.accessibility:
        return run_accessibility_check(args, results)
    if args.json:
        print(json.dumps({"sets": [{"set": r.name, "ok": r.ok,
                                    "problems": [p.as_dict() for p in r.problems]}
                                   for r in results]}, indent=2, ensure_ascii=False))
    else:
        for r in results:
            print(f"{r.name}: {'ok' if r.ok else 'has errors'}"
                  f" ({len(r.problems)} problem{'s' * (len(r.problems) != 1)})")
            print_problems(r, sys.stdout)
    return 0 if all(r.ok for r in results) else 1


def run_accessibility_check(args, results) -> int:
    """`check --accessibility`: validate the sets, then check what the build wrote for them."""
    from reportgen.accessibility import check_outputs, palette_findings
    from reportgen.render import TEMPLATES

    palette = palette_findings(TEMPLATES)
    outcomes = [check_outputs(args.out / r.name) for r in results]
    ok = not palette and all(r.ok and o.ok for r, o in zip(results, outcomes))
    if args.json:
        print(json.dumps({"palette": [f.as_dict() for f in palette], "sets": [
            {"set": r.name, "ok": r.ok and o.ok, "problems": [p.as_dict() for p in r.problems],
             "accessibility": {"ok": o.ok, "checked": o.checked, "skipped": o.skipped,
                               "findings": [f.as_dict() for f in o.findings]}}
            for r, o in zip(results, outcomes)]}, indent=2, ensure_ascii=False))
        return 0 if ok else 1
    for finding in palette:
        print(f"colour palette: {finding.describe()}")
    for r, o in zip(results, outcomes):
        state = "ok" if r.ok and o.ok else "has problems"
        print(f"{r.name}: {state} ({len(r.problems)} workbook problem"
              f"{'s' * (len(r.problems) != 1)}; {len(o.checked)} files in "
              f"{args.out / r.name} checked, {len(o.findings)} accessibility finding"
              f"{'s' * (len(o.findings) != 1)})")
        print_problems(r, sys.stdout)
        for finding in o.findings:
            print(f"  {finding.describe()}")
        for skipped in o.skipped:
            print(f"  not run: {skipped}")
    return 0 if ok else 1


class Display:
    """The terminal's progress display while sets build: a bar of sets done, and a line for
    each set building saying what it does ("north (400 measures): PDF joining").
    `Display.on_terminal` gives None in CI and when output is piped: the plain result lines
    are all that is printed there."""

    def __init__(self, total: int):
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(TextColumn("{task.description}"), BarColumn(),
                            TextColumn("{task.fields[count]}"), TimeElapsedColumn(),
                            transient=True)
        self.sets = self.bar.add_task("Report sets built", total=total, count=f"0/{total}")
        self.lines: dict[str, tuple[int, dict]] = {}

    @classmethod
    def on_terminal(cls, total: int):
        if not sys.stdout.isatty() or os.environ.get("CI"):
            return None
        return cls(total)

    def started(self, name: str) -> None:
        task = self.bar.add_task(f"  {name}: reading", total=None, count="")
        self.lines[name] = (task, {})

    def heard(self, name: str, event) -> None:
        """Show a set's progress event on its line."""
        if name not in self.lines:
            self.started(name)
        task, state = self.lines[name]
        state["measures" if event.kind == "measures" else "doing"] = event.describe()
        size = f" ({state['measures']})" if "measures" in state else ""
        self.bar.update(task, description=f"  {name}{size}: {state.get('doing', 'reading')}")

    def finished(self, name: str) -> None:
        if name in self.lines:
            self.bar.remove_task(self.lines.pop(name)[0])
        self.bar.advance(self.sets)
        sets = self.bar.tasks[0]
        self.bar.update(self.sets, count=f"{sets.completed:.0f}/{sets.total:.0f}")


def outcome(result, out_dir: Path) -> str:
    """What became of a set's build in `out_dir`, for its result line."""
    if result.verified:
        return (f"unchanged since the last build in {out_dir} (outputs verified; --force to "
                "build again)")
    if not result.ok:
        return "not built (errors below; nothing written)"
    removed = (f"; removed the last build's {', '.join(repr(n) for n in result.removed)}, "
               "which this one does not write") if result.removed else ""
    return f"built {len(result.written)} files in {out_dir}{removed}"


def check_out(out: Path) -> None:
    """Raise `UsageError` when the output folder `out`, or a folder it would be made in,
    is a file."""
    for path in (out, *out.parents):
        if path.is_dir():
            return
        if path.exists():
            where = "is a file" if path == out else f"is inside {path}, which is a file"
            raise UsageError(f"--out {out} {where}, not a folder: name a folder to build "
                             "into (it is made if missing), e.g. --out build")


def say_waiting(problem) -> None:
    print(f"reportgen: {problem.message} ({problem.fix})", file=sys.stderr)


def run_build(args) -> int:
    """`build`: one build at a time in the output folder (`lock`), then every set."""
    from reportgen.lock import hold_folder

    folders = find_sets(args.sets)
    check_out(args.out)
    with hold_folder(args.out, args.wait, say_waiting):
        return build_sets(args, folders)


def build_sets(args, folders: list[Path]) -> int:
    """Build `folders` and print each set's result line and problems as it is reported; on
    Ctrl-C, say which sets were written (exit code 130)."""
    from contextlib import closing

    from reportgen.render.documents import FORMATS
    from reportgen.run.pool import run_sets

    jobs = args.jobs or cpu_count()
    display = Display.on_terminal(len(folders))
    finished: dict[str, str] = {}  # set name: "written" or "unchanged", as each finishes

    def heard(name: str, event) -> None:
        if event.kind in ("written", "unchanged"):
            finished[name] = event.kind
        elif display:
            display.heard(name, event)

    ok = True
    try:
        if display:
            display.bar.start()
        try:
            # Reported in the order of the sets, whichever finishes first; closed on Ctrl-C
            # (every set's thread has ended, its files written or not, when it is).
            with closing(run_sets(folders, args.out, jobs, args.force, args.debug, heard,
                                  formats=args.formats or FORMATS)) as results:
                for folder, result in results:
                    if display:
                        display.finished(folder.name)
                    ok &= result.ok
                    print(f"{result.name}: {outcome(result, args.out / folder.name)}")
                    print_problems(result, sys.stdout if result.ok else sys.stderr)
        finally:
            if display:
                display.bar.stop()
    except KeyboardInterrupt:
        print(stopped(folders, finished), file=sys.stderr)
        return 130
    return 0 if ok else 1


def stopped(folders: list[Path], finished: dict[str, str], listed: int = 10) -> str:
    """The message for a build stopped by Ctrl-C: the sets written, those unchanged, and
    that nothing was written for the others (named, up to `listed` of them)."""
    def named(state):
        return [f.name for f in folders if finished.get(f.name) == state]

    written, unchanged, rest = named("written"), named("unchanged"), named(None)
    parts = [f"{what}: {', '.join(names)}" for what, names in
             (("written", written), ("unchanged since the last build", unchanged)) if names]
    if rest:
        others = ", ".join(rest) if len(rest) <= listed else \
            f"{'the other' if parts else 'any of the'} {len(rest)} sets"
        parts.append(f"nothing was written for {others} (build again to build them)")
    return f"reportgen: build stopped (Ctrl-C); {'; '.join(parts)}"


def run_schemes(args) -> int:
    from reportgen.compose.performance import rule_legend
    from reportgen.render import TEMPLATES
    from reportgen.errors import Problems
    from reportgen.schemes import available_schemes, builtin_schemes, load_palette

    palette = load_palette(TEMPLATES)
    folders = find_sets(args.sets) if args.sets or INPUTS.is_dir() else []
    listings = [(f.name, available_schemes(f, palette, problems := Problems()), problems)
                for f in folders] or [("built in", builtin_schemes(palette), [])]
    for name, schemes, problems in listings:
        print(f"{name}:")
        for scheme in schemes.values():
            print(f"  {scheme.name} ({scheme.rule}; {scheme.source})"
                  + (f": {scheme.description}" if scheme.description else ""))
            for line in rule_legend(scheme, Decimal("0.1")):
                print(f"    {line}")
        for problem in problems:
            print(f"  {problem.describe()}", file=sys.stderr)
    return 0 if not any(p for _, _, p in listings) else 1


def run_new(args) -> int:
    """`new`: write the blank workbooks, then say what to fill first."""
    from reportgen.errors import Problems
    from reportgen.quarter import status_names
    from reportgen.read.blank import new_set
    from reportgen.render import TEMPLATES
    from reportgen.schemes import available_schemes, load_palette

    palette = load_palette(TEMPLATES)
    schemes = available_schemes(args.set.resolve(), palette, problems := Problems())
    statuses = status_names(schemes)
    for problem in problems:
        print(f"reportgen: {problem.describe()}", file=sys.stderr)
    written = new_set(args.set, list(schemes), statuses)
    print(f"Created {args.set} with {', '.join(p.name for p in written)}.")
    print("Next: fill in outturns.xlsx (Measures, one row per measure; Outturns, one column "
          "per period), then commentary.xlsx; each workbook's Instructions sheet says what "
          "every column holds.")
    print(f"Then run: reportgen check {quote(str(args.set))}   and   "
          f"reportgen build {quote(str(args.set))}")
    return 0


def run_collect(args) -> int:
    """`collect`: one return per owner; returns already there are kept."""
    from reportgen.quarter import collect, owner_column

    column = owner_column(args.by)
    folder = find_sets([args.set])[0]
    try:
        written, kept, problems = collect(folder, column)
    except UsageError:
        raise
    except ReportgenError as exc:
        print(f"{folder.name}: no returns written (errors below; fix them, then collect "
              "again)", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem.describe()}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    for path in kept:
        print(f"kept {path} (already there: it may hold a manager's words; delete it to "
              "write it again)")
    for problem in problems:
        print(f"  {problem.describe()}")
    print(f"Send each return to its owner ({column}); when they come back, save them in "
          f"{folder / 'returns'} and build: reportgen reads them beside commentary.xlsx.")
    return 0


def run_roll(args) -> int:
    """`roll`: write next period's set; say what still speaks of the last one."""
    from reportgen.quarter import roll

    folder = find_sets([args.set])[0]
    try:
        new_folder, problems = roll(folder, args.to, args.out)
    except UsageError:
        raise
    except ReportgenError as exc:
        print(f"{folder.name}: not rolled (errors below; fix them, then roll again)",
              file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem.describe()}", file=sys.stderr)
        return 1
    print(f"wrote {new_folder} for {args.to.strip()}: a blank {args.to.strip()} column in "
          "Outturns, the Reporting period set to it, commentary cleared (last period's words "
          f"kept in its column for reference), meeting dates cleared; {folder} is unchanged")
    for problem in problems:
        print(f"  {problem.describe()}")
    print(f"Next: type the {args.to.strip()} values, then reportgen collect "
          f"{quote(str(new_folder))} or fill commentary.xlsx, and reportgen status "
          f"{quote(str(new_folder))} to see what is missing.")
    return 0


def run_status(args) -> int:
    """`status`: the chase list; a report, not a gate (exit 0 whatever it finds)."""
    import csv

    from reportgen.quarter import chase_list, owner_column

    column = owner_column(args.by)
    folder = find_sets([args.set])[0]
    try:
        listing = chase_list(folder, column)
    except UsageError:
        raise
    except ReportgenError as exc:
        if args.json:
            print(json.dumps({"set": folder.name, "owners": [], "totals": {},
                              "errors": [p.as_dict() for p in exc.problems]}, indent=2,
                             ensure_ascii=False))
            return 0
        stream = sys.stderr if args.csv else sys.stdout
        if args.csv:
            print("owner,return,missing,measure")
        print(f"{folder.name}: the chase list cannot be made until these are fixed:",
              file=stream)
        for problem in exc.problems:
            print(f"  {problem.describe()}", file=stream)
        return 0
    if args.json:
        print(json.dumps(listing.as_dict(), indent=2, ensure_ascii=False))
        return 0
    if args.csv:
        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(["owner", "return", "missing", "measure"])
        for owed in listing.owners:
            for what in STATUS_HEADINGS:
                for measure in getattr(owed, what):
                    out.writerow([owed.owner, owed.return_file or "", what, measure])
            if owed.return_state in ("missing", "empty", "unreadable"):
                out.writerow([owed.owner, owed.return_file, f"return_{owed.return_state}", ""])
        return 0
    print(status_text(listing))
    return 0


STATUS_HEADINGS = {"missing_commentary": "no commentary",
                   "missing_actions": "Red or Amber without actions",
                   "override_without_reason": "RAG override without a reason",
                   "no_value": "no value for the reporting period"}


def status_text(listing) -> str:
    totals = listing.totals()
    period = f" for {listing.period}" if listing.period else ""
    lines = [f"{listing.set}{period}: {totals['missing_commentary']} of {totals['measures']} "
             f"measure{'s' * (totals['measures'] != 1)} still need commentary; "
             f"{totals['missing_actions']} Red or Amber without actions; "
             f"{totals['override_without_reason']} overrides without a reason; "
             f"{totals['no_value']} without a value{period}"]
    for owed in listing.owners:
        state = {"missing": "return missing", "empty": "return not filled in yet",
                 "unreadable": "return cannot be read, see the errors",
                 "started": "return started"}.get(owed.return_state)
        owes = [(STATUS_HEADINGS[what], getattr(owed, what)) for what in STATUS_HEADINGS
                if getattr(owed, what)]
        shown = state if owes or owed.return_state == "missing" else None
        lines.append(f"{owed.owner}" + (f" ({owed.return_file}: {shown})" if shown else "")
                     + ("" if owes else ": nothing missing"))
        lines += [f"  {heading}: {', '.join(ids)}" for heading, ids in owes]
    errors = [p for p in listing.problems if p.severity == "error"]
    if errors:
        lines.append(f"and {len(errors)} error{'s' * (len(errors) != 1)} that stop the build "
                     "(reportgen check lists them)")
    return "\n".join(lines)


def check_limits() -> None:
    """Raise `UsageError` when a REPORTGEN_* limit setting is not a usable number."""
    from reportgen.limits import current_limits

    try:
        current_limits()
    except ReportgenError as exc:
        problem = exc.problems[0]
        raise UsageError(f"{problem.message} ({problem.fix})") from exc


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code not in (0, None) else 0
    except KeyboardInterrupt:  # while reading the command line: nothing has started
        print("reportgen: stopped (Ctrl-C); nothing was written", file=sys.stderr)
        return 130
    try:
        check_limits()
        return {"build": run_build, "check": run_check, "new": run_new,
                "roll": run_roll, "collect": run_collect, "status": run_status,
                "schemes": run_schemes}[args.command](args)
    except UsageError as exc:
        print(f"reportgen: {exc}", file=sys.stderr)
        return 2
    except ReportgenError as exc:  # the output folder is locked, or cannot be made
        for problem in exc.problems:
            print(f"reportgen: {problem.describe()}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # while checking, or waiting for the output folder's lock
        print("reportgen: stopped (Ctrl-C); nothing was written", file=sys.stderr)
        return 130
    except Exception as exc:  # the last guard: a message, and a traceback only under --debug
        if args.debug:
            traceback.print_exc()
        print(f"reportgen: unexpected failure: {type(exc).__name__}: {exc} "
              "(run again with --debug and report it)", file=sys.stderr)
        return 1
