"""Run independent jobs in forked processes, results in order (documents of one set at once).

A set's worker is a daemon process, which `multiprocessing` does not let have children, and
the jobs are closures over the set (not picklable), so this forks directly: each child runs
its job on a copy of the parent's memory and sends back only the pickled result. Where there
is no `fork` (Windows), the jobs run one after another.
"""

from __future__ import annotations

import os
import pickle
import signal
from typing import Callable, TypeVar

T = TypeVar("T")


def in_forks(jobs: list[Callable[[], T]], workers: int) -> list[T]:
    """Return each job's result, in the order of `jobs`, running up to `workers` at once.

    This process runs the last job itself while children run the others. An exception in a
    job is raised here (the first, in job order); a child that dies without a result raises
    ChildProcessError. Nothing is left running when this returns or raises.
    """
    if workers < 2 or len(jobs) < 2 or not hasattr(os, "fork"):
        return [job() for job in jobs]
    results: list = [None] * len(jobs)
    waiting = list(range(len(jobs) - 1))
    running: list[tuple[int, int, int]] = []  # (job index, child pid, read end of its pipe)
    try:
        while waiting and len(running) < workers - 1:
            index = waiting.pop(0)
            running.append((index, *_start(jobs[index])))
        results[-1] = jobs[-1]()
        while running:
            index, pid, fd = running.pop(0)
            results[index] = _collect(pid, fd)
            if waiting:
                index = waiting.pop(0)
                running.append((index, *_start(jobs[index])))
    finally:
        for _, pid, fd in running:  # only after an exception: stop and reap the rest
            os.close(fd)
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except OSError:
                pass
    return results


def _start(job: Callable[[], T]) -> tuple[int, int]:
    """Fork a child that runs `job` and writes (ok, result or exception) pickled to a pipe."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the parent's code
        os.close(read)
        try:
            try:
                payload = pickle.dumps((True, job()))
            except BaseException as exc:  # noqa: BLE001 — sent to the parent, raised there
                try:
                    payload = pickle.dumps((False, exc))
                except Exception:
                    payload = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
            with os.fdopen(write, "wb") as out:
                out.write(payload)
        finally:
            os._exit(0)
    os.close(write)
    return pid, read


def _collect(pid: int, fd: int):
    """Read a child's result, reap it, and return the result or raise its exception."""
    with os.fdopen(fd, "rb") as stream:
        payload = stream.read()
    _, status = os.waitpid(pid, 0)
    if not payload:
        raise ChildProcessError(f"a document's process ended without a result "
                                f"(wait status {status}; most likely the memory limit)")
    ok, value = pickle.loads(payload)
    if not ok:
        raise value
    return value
