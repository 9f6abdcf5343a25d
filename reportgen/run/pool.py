"""Build (or check) many report sets at once: one pool of processes runs every set's jobs.

A thread per set hands its pipeline's jobs (read; render the pieces; finish the PDFs) to one
`pebble.ProcessPool` shared by all sets, then writes the set's files, all or none. Every job
runs under its set's memory limit (RLIMIT_AS, in its process), and the set has a deadline from
when it starts; both grow with its measures (`Limits`). A set over its limit is stopped with a
message naming the setting to raise: its running jobs killed (pebble replaces the process), its
other jobs cancelled; the other sets go on. A job's traceback reaches `--debug`.
"""

from __future__ import annotations

import errno
import importlib
import logging
import multiprocessing
import os
import signal
import sys
import time
import traceback
import warnings
from concurrent.futures import CancelledError, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Callable, Iterator

import pebble

from reportgen.limits import Limits, current_limits, failure_problem, stopped_problem
from reportgen.render import TEMPLATES
from reportgen.render.documents import FORMATS
from reportgen.errors import Problem, ReportgenError, SetResult, SetStopped
from reportgen.run.progress import Event

# What a pool's processes import before any job's limits apply (imports count as memory):
# `prepare` (read, rate, compose: all `check` runs) and, for a build, the renderers.
READER = ["reportgen.pipeline", "reportgen.read.workbook", "reportgen.rate", "reportgen.compose",
          *(f"reportgen.compose.{name}" for name in ("cabinet", "performance", "scorecard",
                                                     "dashboard", "manifest", "integrity")),
          "reportgen.accessibility", "reportgen.render.documents", "reportgen.write"]
PIPELINE = [*READER, "reportgen.render.html", "reportgen.render.pdf", "reportgen.render.docx",
            "reportgen.render.charts"]

Listener = Callable[[str, Event], None]


def process_pool(workers: int, imports: list[str] = PIPELINE) -> pebble.ProcessPool:
    """A pool of `workers` spawned processes (fresh interpreters, on every platform) that have
    imported `imports`; being our children, their CPU time and memory count as the build's."""
    return pebble.ProcessPool(max_workers=workers, initializer=_import, initargs=(imports,),
                              context=multiprocessing.get_context("spawn"))


_BASE: list[int] = []  # a pool process's address space once its imports are done


def _import(modules: list[str]) -> None:
    """A pool process's start: Ctrl-C is for the process running the pool; the imports."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for module in modules:
        importlib.import_module(module)
    _BASE[:] = [address_space()]


def address_space() -> int:
    """This process's address space in bytes (0 where /proc does not tell)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return 0


def run_sets(folders: list[Path], out_root: Path, jobs: int, force: bool = False,
             debug: bool = False, listener: Listener | None = None,
             template_dir: Path = TEMPLATES, formats: tuple[str, ...] = FORMATS
             ) -> Iterator[tuple[Path, SetResult]]:
    """Build each set of `folders` into `out_root` in `formats`, up to `jobs` processes at
    once; yield (folder, its result), in order (`verified`: unchanged, only verified)."""
    from reportgen.pipeline import build_set, verify_set

    def build(pool, live, folder: Path) -> SetResult:
        """Build the set (unless unchanged), then tell the listener when its files are in
        place (a build stopped by Ctrl-C then says which sets were written)."""
        result = not force and verify_set(folder, out_root, template_dir, formats)
        if not result:
            runner = SetRunner(pool, folder.name, current_limits(), debug, listener, live=live)
            result = runner.guarded(build_set, folder, out_root, template_dir, run=runner,
                                    force=force, formats=formats)
        if listener is not None and (result.verified or result.written):
            listener(folder.name, Event("unchanged" if result.verified else "written",
                                        count=len(result.written)))
        return result

    yield from _each_set(folders, jobs, build, PIPELINE)


def check_sets(folders: list[Path], jobs: int, debug: bool = False) -> list[SetResult]:
    """Each set's `pipeline.check_set` result, read in the pool within the build's limits."""
    from reportgen.pipeline import check_set

    def check(pool, live, folder: Path) -> SetResult:
        runner = SetRunner(pool, folder.name, current_limits(), debug, None, "checking", live)
        return runner.guarded(runner.one, "checking", check_set, folder)

    return [result for _, result in _each_set(folders, jobs, check, READER)]


def _each_set(folders: list[Path], jobs: int, drive,
              imports: list[str]) -> Iterator[tuple[Path, object]]:
    """Run `drive(pool, live, folder)` for each folder in a thread, up to `jobs` sets at once
    (`live`: the jobs scheduled and not done); on Ctrl-C, kill every job and start no other."""
    if not folders:
        return
    pool, live = process_pool(jobs, imports), set()
    threads = ThreadPoolExecutor(min(jobs, len(folders)), thread_name_prefix="reportgen-set")
    try:
        with ctrl_c_held():  # the sets' threads start here, and they start the processes
            futures = [(folder, threads.submit(drive, pool, live, folder)) for folder in folders]
        for folder, future in futures:
            yield folder, future.result()
    except BaseException:   # Ctrl-C (KeyboardInterrupt), or the caller stopped listening
        threads.shutdown(wait=False, cancel_futures=True)
        pool.stop()
        for job in list(live):  # the sets waiting on them stop, writing nothing
            job.cancel()
        raise
    finally:
        threads.shutdown(wait=True)
        pool.close()
        pool.join()
        # A pool process still starting when the pool stopped (Ctrl-C at start-up) is not yet
        # the pool's to end: ended here, before the semaphores it unpickles go with us.
        for child in multiprocessing.active_children():
            child.terminate()
            child.join(timeout=5)


@contextmanager
def ctrl_c_held() -> Iterator[None]:
    """Hold back Ctrl-C (SIGINT) while this thread starts threads; deliver it when done. They
    and the pool processes they start keep the mask, so a terminal's Ctrl-C, which reaches
    every process, cannot hit one before `_import` ignores it (a traceback); only this
    process stops the build. The resource tracker starts first: starting it unblocks SIGINT.
    (Windows has no signal masks: nothing is held there.)"""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class SetRunner:
    """Run one set's jobs in the pool, within its limits (`pipeline.InProcess`'s interface)."""

    def __init__(self, pool: pebble.ProcessPool, name: str, limits: Limits, debug: bool,
                 listener: Listener | None, doing: str = "building", live: set | None = None):
        self.pool, self.name, self.limits, self.debug = pool, name, limits, debug
        self.listener, self.doing = listener or (lambda name, event: None), doing
        self.live = set() if live is None else live
        self.budget = limits.set_seconds  # seconds, from when the set's first job starts
        self.measures, self.started = 0, None  # `started`: when its first job ran

    def one(self, step: str, function, *args):
        return self.all(step, function, [args])[0]

    def guarded(self, function, *args, **kwargs) -> SetResult:
        """`function`'s result; a stop or any failure (an unreadable cache) is this set's."""
        try:
            return function(*args, **kwargs)
        except ReportgenError as exc:
            return SetResult(self.name, exc.problems)
        except Exception as exc:
            return SetResult(self.name, [self.unexpected(exc)])

    def all(self, step: str, function, calls: list[tuple]) -> list:
        """Each call's result, in order; raise `SetStopped` on the first failure, or when the
        set's time is up, killing and cancelling the rest."""
        self._say(Event("step", step=step))
        memory = self.limits.memory_mb_for(self.measures)
        futures = []
        try:
            for args in calls:
                futures.append(self.pool.schedule(bounded, (function, args, memory,
                                                            dict(os.environ), self.debug)))
                self.live.add(futures[-1])
            return [self._result(future, futures) for future in futures]
        except RuntimeError as exc:  # the pool itself stopped (Ctrl-C, or a broken pool)
            raise SetStopped(self._problem(f"was stopped ({exc})")) from None
        finally:
            for future in futures:  # all done, unless one failed or time ran out
                future.cancel()
            self.live.difference_update(futures)

    def grow(self, measures: int) -> None:
        """Give the set the time and memory of its size."""
        self.measures = measures
        self.budget += self.limits.seconds_for(measures) - self.limits.set_seconds
        self._say(Event("measures", count=measures))

    def _say(self, event: Event) -> None:
        self.listener(self.name, event)

    def _result(self, future, futures: list):
        """`future`'s result, unless the set's time is up first (its clock runs from when one
        of its jobs first runs: waiting behind other sets' jobs is not counted)."""
        try:
            while True:
                if self.started is None and any(f.running() or f.done() for f in futures):
                    self.started = time.monotonic()
                try:
                    return future.result(timeout=0.25 if self.started is None else max(
                        0.0, self.started + self.budget - time.monotonic()))
                except FutureTimeout:
                    if self.started is not None:
                        raise
        except FutureTimeout:
            raise SetStopped(self._problem(
                f"took longer than the {self.limits.seconds_for(self.measures)} s limit"
                f"{self._size()}, so it was stopped", "very long text or very many rows",
                "set_seconds")) from None
        except CancelledError:
            raise SetStopped(self._problem("was stopped")) from None
        except MemoryError:
            raise SetStopped(self._memory("needed more than")) from None
        except ReportgenError:  # a job's own problems (e.g. a file it cannot write)
            raise
        except pebble.ProcessExpired as exc:
            code = f" (exit code {exc.exitcode})" if exc.exitcode is not None else ""
            raise SetStopped(self._memory(f"stopped unexpectedly{code}, most likely beyond")) \
                from None
        except Exception as exc:  # the set fails with a message; the other sets still build
            if getattr(exc, "errno", None) == errno.ENOMEM:  # the OS's "cannot allocate memory"
                raise SetStopped(self._memory("needed more than")) from None
            raise SetStopped(self.unexpected(exc)) from None

    def unexpected(self, exc: Exception) -> Problem:
        """The problem for a failure nobody foresaw (its traceback under --debug)."""
        if self.debug:
            print(getattr(exc.__cause__, "traceback", None) or "".join(
                traceback.format_exception(exc)), file=sys.stderr)
        return failure_problem(self.name, self.doing, exc)

    def _size(self) -> str:
        return f" for {self.measures} measures" if self.measures else ""

    def _memory(self, what: str) -> Problem:
        return self._problem(f"{what} the {self.limits.memory_mb_for(self.measures)} MB "
                             f"memory limit{self._size()} (each process of the set has it)",
                             "very large sheets, text or images", "set_memory_mb")

    def _problem(self, *said: str) -> Problem:  # what, what to look for, the setting
        return stopped_problem(self.name, self.doing, *said)


def bounded(function, args: tuple, memory_mb: int, environ: dict[str, str], debug: bool):
    """In a pool process: take the caller's environment (SOURCE_DATE_EPOCH, REPORTGEN_*),
    cap memory at `memory_mb` (what an earlier, larger job left mapped is not counted), keep
    library chatter and native libraries' raw errors ("GLib-ERROR ... creating thread" at the
    limit) from the officer unless `debug`, run `function(*args)`, then lift the cap."""
    if os.environ != environ:
        os.environ.clear()
        os.environ.update(environ)
    if not debug:
        warnings.simplefilter("ignore")
        for name in ("weasyprint", "fontTools"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
        with suppress(OSError), open(os.devnull, "w", encoding="utf-8") as null:
            os.dup2(null.fileno(), 2)
    left_over = max(0, address_space() - _BASE[0]) if _BASE and _BASE[0] else 0
    limit_memory(memory_mb, left_over)
    try:
        return function(*args)
    finally:
        limit_memory(None)


def limit_memory(megabytes: int | None, extra: int = 0) -> None:
    """Cap this process's address space at `megabytes` and `extra` bytes (None: lift the cap
    to the hard limit), where the platform allows it (not Windows: the deadline still applies)."""
    try:
        import resource

        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        limit = hard if megabytes is None else megabytes * 1024 * 1024 + extra
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY
                                                else min(limit, hard), hard))
    except ImportError:
        pass
    except (ValueError, OSError):
        print(f"reportgen: could not set the memory limit of {megabytes} MB", file=sys.stderr)
