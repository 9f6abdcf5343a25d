"""Build each report set in its own worker process, bounded in time and memory.

A hostile workbook that gets past the reader's checks could still make layout slow or memory
grow. In a worker with a memory limit (RLIMIT_AS) and a deadline it can only fail its own
set, with a message, while the other sets build. The worker writes into a staging folder;
only when it has finished does this process move the files into place, all or none, so a
stopped worker leaves nothing half-written. `build.build_set` stays callable in-process.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import time
import traceback
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from reportgen import progress
from reportgen.forks import ProcessDied
from reportgen.limits import Limits, current_limits, env_name
from reportgen.paths import TEMPLATES
from reportgen.progress import Event
from reportgen.problems import Problem, ReportgenError, SetResult, Where
from reportgen.write import write_outputs, write_problem

PRELOAD = ["reportgen.preload"]  # imported once by the fork server
CHECK_PRELOAD = ["reportgen.build"]  # `check` reads and rates: no renderers
KILL_GRACE = 5  # seconds to wait for a worker that sent its result to exit


def _context(preload: list[str] = PRELOAD):
    """The fork server's context (it imports `preload` once, when it starts), else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(preload)
        return context
    return multiprocessing.get_context("spawn")


def stop_workers() -> None:
    """Stop the fork server and wait for it, so that it ends with the build (and its CPU time
    and memory are counted as the build's, e.g. by `time` or getrusage). Every worker has been
    waited for, so the server is killed rather than left to tear its interpreter down (0.2 s).
    Python has no public call for this; without it the server exits after this process."""
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    pid = getattr(server, "_forkserver_pid", None)
    if pid is None or not hasattr(server, "_stop"):
        return
    try:
        os.kill(pid, signal.SIGKILL)
        server._stop()
    except OSError:
        pass


@dataclass(frozen=True)
class BuildJob:
    """`build.build_set` with up to `jobs` processes for the set's documents, as a worker's
    job. The pipeline is imported in the worker (from the fork server's preload), never by
    the process that starts workers: that saves 0.3 s before the first set can start."""

    jobs: int = 1

    def __call__(self, folder: Path, out_root: Path, template_dir: Path) -> SetResult:
        from reportgen.build import build_set

        return build_set(folder, out_root, template_dir, jobs=self.jobs)


def build_set_in_worker(folder: Path, out_root: Path, template_dir: Path = TEMPLATES,
                        limits: Limits | None = None, debug: bool = False,
                        job=None,
                        on_progress: Callable[[Event], None] | None = None) -> SetResult:
    """Return the result of building `folder` into `out_root` in a worker process.

    `job` (default `BuildJob()`, any picklable function with `build_set`'s signature) runs
    in the worker with the memory limit; it is stopped after `limits.set_seconds`. Once the worker
    has read the set's measures, both limits grow with their number (`Limits.seconds_for`,
    `memory_mb_for`). `on_progress` gets the worker's progress events as they happen. Files
    reach `out_root` only when the job finished without errors.
    """
    job = job or BuildJob()
    folder, out_root = folder.resolve(), out_root.resolve()
    try:
        out_root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".reportgen-staging-", dir=out_root))
    except OSError as exc:
        return SetResult(folder.name, [write_problem(out_root, exc)])
    try:
        result = run_in_worker(job, folder, staging, template_dir, limits, debug, on_progress)
        if result.ok:
            _publish(result, out_root / folder.name)
        else:
            result.written = []
        return result
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def check_set_in_worker(folder: Path, limits: Limits | None = None,
                        debug: bool = False) -> SetResult:
    """Return `build.check_set(folder)` run in a worker process with the build's time and
    memory limits, so that a hostile workbook cannot hang or exhaust `reportgen check`
    either. Nothing is written."""
    return run_in_worker(_check_job, folder.resolve(), None, TEMPLATES, limits, debug, None,
                         doing="checking", preload=CHECK_PRELOAD)


def _check_job(folder: Path, staging: None, template_dir: Path) -> SetResult:
    from reportgen.build import check_set

    return check_set(folder)


def run_in_worker(job, folder: Path, staging: Path | None, template_dir: Path,
                  limits: Limits | None, debug: bool,
                  on_progress: Callable[[Event], None] | None,
                  doing: str = "building", preload: list[str] = PRELOAD) -> SetResult:
    """Return `job(folder, staging, template_dir)` run in a worker process within `limits`
    (a `SetResult` saying why when the worker was stopped or died). The first worker of a
    run starts the fork server, which imports `preload`."""
    limits = limits or current_limits()
    context = _context(preload)
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_work, name=f"reportgen {folder.name}", daemon=True,
                              args=(sender, job, folder, staging, Path(template_dir).resolve(),
                                    limits, debug, dict(os.environ), doing))
    measures = [0]  # learnt from the worker's "measures" event

    def heard(event: Event) -> None:
        if event.kind == "measures":
            measures[0] = event.count
        if on_progress is not None:
            on_progress(event)

    try:
        process.start()
        _RUNNING.add(process)
        sender.close()
        result, timed_out = _receive(receiver, limits, heard)
        process.join(0 if timed_out else KILL_GRACE)
        if process.is_alive():
            _kill(process)
        if result is None:
            code = None if timed_out else process.exitcode
            return SetResult(folder.name, [_stopped(folder, code, limits, measures[0], doing)])
        return result
    finally:
        _RUNNING.discard(process)
        if process.is_alive():
            _kill(process)
        _kill_group(process.pid)  # a document or chunk process the worker left behind
        receiver.close()


_RUNNING: set = set()  # the set workers running now, for `stop_running`


def stop_running() -> None:
    """Kill every running set worker and the processes it forked (Ctrl-C). The threads
    waiting on them then see the pipe close and report the set as stopped."""
    for process in list(_RUNNING):
        if process.pid is not None:
            _kill_group(process.pid)


def _kill_group(pid: int) -> bool:
    """Kill the process group led by `pid`; False if there is none (or no groups: Windows)."""
    if pid is None:  # the process never started
        return False
    try:
        os.killpg(pid, signal.SIGKILL)
        return True
    except (AttributeError, OSError):
        return False


def _kill(process) -> None:
    """Stop a worker and the processes it forked for documents (its process group)."""
    if not _kill_group(process.pid):
        process.kill()
    process.join()


def _own_process_group() -> None:
    """Make this worker the leader of a process group with its document processes, so that
    stopping it stops them too (on a deadline, or SIGTERM when the build is interrupted)."""
    try:
        os.setpgid(0, 0)
    except (AttributeError, OSError):
        return
    signal.signal(signal.SIGTERM, lambda *_: os.killpg(0, signal.SIGKILL))


def _receive(receiver, limits: Limits, heard: Callable[[Event], None]):
    """Return the worker's result (None if it died first) and whether time ran out, passing
    its progress events to `heard` on the way. The deadline grows with the set's measures."""
    deadline = time.monotonic() + limits.set_seconds
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not receiver.poll(remaining):
                return None, True
            message = receiver.recv()
            if not (isinstance(message, tuple) and message[:1] == ("progress",)):
                return message, False
            event = message[1]
            if event.kind == "measures":
                deadline += limits.seconds_for(event.count) - limits.set_seconds
            heard(event)
    except (EOFError, OSError):
        return None, False


def _publish(result: SetResult, target: Path) -> None:
    """Move the worker's staged files into `target`, all or none."""
    try:
        outputs = {path.name: path.read_bytes() for path in result.written}
        result.written = write_outputs(target, outputs)
    except ReportgenError as exc:
        result.problems.extend(exc.problems)
        result.written = []
    except OSError as exc:
        result.problems.append(Problem("error", f"cannot read the built files back ({exc})",
                                       "check the output folder can be written, then build "
                                       "again", Where(str(target))))
        result.written = []


def _wording(doing: str) -> tuple[str, str]:
    """Return what a stopped `doing` ("building" or "checking") left, and where to look."""
    if doing == "building":
        return "; nothing was written", "run 'reportgen check' and look"
    return "", "look"


def _stopped(folder: Path, exitcode: int | None, limits: Limits, measures: int,
             doing: str = "building") -> Problem:
    """Return the problem for a worker that sent no result: too slow, or it died."""
    where = Where(folder.name)
    size = f" for {measures} measures" if measures else ""
    nothing, look = _wording(doing)
    if exitcode is None:
        return Problem("error", f"{doing} this set took longer than the "
                       f"{limits.seconds_for(measures)} s limit{size}, so it was stopped"
                       f"{nothing}",
                       f"{look} for very long text or very many rows; "
                       f"if the set is just large, raise {env_name('set_seconds')} or "
                       f"{env_name('set_seconds_per_100_measures')}", where)
    return Problem("error", f"{doing} this set stopped unexpectedly (exit code {exitcode}), "
                   f"most likely beyond the {limits.memory_mb_for(measures)} MB memory "
                   f"limit{size}{nothing}",
                   f"{look} for very large sheets, text or images; if "
                   f"the set is just large, raise {env_name('set_memory_mb')} or "
                   f"{env_name('set_memory_mb_per_100_measures')}", where)


def _work(sender, job, folder: Path, staging: Path | None, template_dir: Path, limits: Limits,
          debug: bool, environ: dict[str, str], doing: str = "building") -> None:
    """In the worker: take the caller's environment (the fork server's is from when it
    started; SOURCE_DATE_EPOCH and REPORTGEN_* must be the caller's), limit memory, run
    `job` sending its progress events, send back its `SetResult`."""
    memory_mb = limits.set_memory_mb
    nothing, look = _wording(doing)

    def send(event: Event) -> None:
        nonlocal memory_mb
        if event.kind == "measures":  # a large set gets the memory it needs, once known
            memory_mb = limits.memory_mb_for(event.count)
            limit_memory(memory_mb)
        sender.send(("progress", event))

    os.environ.clear()
    os.environ.update(environ)
    if not debug:  # library chatter (a glyph missing from a font) is not for the officer
        warnings.simplefilter("ignore")
        logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
        logging.getLogger("fontTools").setLevel(logging.CRITICAL)
        _silence_native_output()
    try:
        _own_process_group()
        limit_memory(memory_mb)
        with progress.reporting(send):
            result = job(folder, staging, template_dir)
    except (MemoryError, ProcessDied) as exc:  # a document's or chunk's process died: memory
        what = "needed" if isinstance(exc, MemoryError) else "stopped, most likely needing"
        each = " (each process of the set has it)" if doing == "building" else ""
        result = SetResult(folder.name, [Problem(
            "error", f"{doing} this set {what} more than the {memory_mb} MB memory limit"
            f"{each}{nothing}", f"{look} for very large sheets, text or images; if the set "
            f"is just large, raise {env_name('set_memory_mb')} or "
            f"{env_name('set_memory_mb_per_100_measures')}", Where(folder.name))])
    except Exception as exc:  # the set fails with a message; the other sets still build
        if debug:
            traceback.print_exc()
        result = SetResult(folder.name, [Problem(
            "error", f"unexpected failure while {doing} this set: {type(exc).__name__}: "
            f"{str(exc)[:300]}{nothing}",
            "run again with --debug and report it, with the workbooks", Where(folder.name))])
    sender.send(result)
    sender.close()


def _silence_native_output() -> None:
    """Send what native libraries write straight to the error stream to /dev/null (e.g.
    "GLib-ERROR ... creating thread" when Pango meets the memory limit): the set's problem
    says what happened; `--debug` shows the raw output."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)
    except OSError:
        pass


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space at `megabytes` (where the platform allows it)."""
    try:
        import resource
    except ImportError:  # Windows: the deadline still applies
        return
    limit = megabytes * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        print(f"reportgen: could not set the memory limit of {megabytes} MB", file=sys.stderr)
