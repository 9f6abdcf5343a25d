"""Run independent jobs in forked processes, results in order (documents of one set at once).

A set's worker is a daemon process, which `multiprocessing` does not let have children, and
the jobs are closures over the set (not picklable), so this forks directly: each child runs
its job on a copy of the parent's memory and sends back only the pickled result. Where there
is no `fork` (Windows), the jobs run one after another.
"""

from __future__ import annotations

import os
import pickle
import selectors
import signal
from multiprocessing.connection import Pipe
from typing import Any, Callable, TypeVar

T = TypeVar("T")
READ_SIZE = 1 << 20


class ProcessDied(RuntimeError):
    """A forked process ended without sending its result: killed, most likely by the memory
    limit (RLIMIT_AS makes a native library abort rather than raise MemoryError)."""


def in_forks(jobs: list[Callable[[], T]], workers: int) -> list[T]:
    """Return each job's result, in the order of `jobs`, running up to `workers` at once.

    Each job runs in a child process; a new one starts as soon as one ends. The last job
    starts first (in a set it is the performance report, the longest). An exception in a job
    is raised here; a child that dies without a result raises ProcessDied. Nothing is left
    running when this returns or raises.
    """
    if workers < 2 or len(jobs) < 2 or not hasattr(os, "fork"):
        return [job() for job in jobs]
    results: list = [None] * len(jobs)
    waiting = list(reversed(range(len(jobs))))
    running: dict[int, tuple[int, int, list[bytes]]] = {}  # fd: (job index, pid, bytes read)
    selector = selectors.DefaultSelector()
    try:
        while waiting or running:
            while waiting and len(running) < workers:
                index = waiting.pop(0)
                pid, fd = _start(jobs[index])
                running[fd] = (index, pid, [])
                selector.register(fd, selectors.EVENT_READ)
            for key, _ in selector.select():
                index, pid, chunks = running[key.fd]
                data = os.read(key.fd, READ_SIZE)
                if data:
                    chunks.append(data)
                    continue
                selector.unregister(key.fd)
                os.close(key.fd)
                del running[key.fd]
                results[index] = _result(pid, b"".join(chunks))
    finally:
        selector.close()
        for fd, (_, pid, _) in running.items():  # only after an exception: stop and reap
            os.close(fd)
            _stop(pid)
    return results


def _start(job: Callable[[], T]) -> tuple[int, int]:
    """Fork a child that runs `job` and writes (ok, result or exception) pickled to a pipe."""
    read, write = os.pipe()

    def child():
        os.close(read)
        try:
            payload = pickle.dumps((True, job()))
        except BaseException as exc:  # noqa: BLE001 — sent to the parent, raised there
            payload = pickle.dumps((False, picklable(exc)))
        with os.fdopen(write, "wb") as out:
            out.write(payload)

    try:
        pid = _fork(child)
    except OSError:
        os.close(read)
        os.close(write)
        raise
    os.close(write)
    return pid, read


def _fork(child: Callable[[], None]) -> int:
    """Fork; in the child run `child`, dying with this process, and exit whatever happens
    (it never returns into the parent's code). Return the child's pid."""
    pid = os.fork()
    if pid == 0:
        try:
            die_with_parent()
            child()
        finally:
            os._exit(0)
    return pid


def _stop(pid: int) -> None:
    """Kill a child (if it is still running) and reap it."""
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:
        pass


def _unwrap(ok: bool, value):
    """A child's (ok, result or exception): the result, or the exception raised."""
    if not ok:
        raise value
    return value


Phased = Callable[[], tuple[Any, Callable[[Callable[[], Any]], T]]]


def in_two_phases(jobs: list[Phased], decide: Callable[[list], list],
                  forked: bool = True) -> list[T]:
    """Return each job's result, in order, from jobs that need to hear from each other halfway.

    A job does its first phase and returns (what it learnt, the rest of its work); `decide`
    turns what every job learnt into what each is told. The rest is called at once with
    `told`, a function that waits for what the job is told and returns it, so a job can do
    work that needs no telling first; its result is returned. E.g. chunks of a document lay
    out their pages, learn their page counts, are told where their page numbers start, and
    write their PDFs.

    With fork (and `forked`), every job runs in a child of its own, all at once (each must
    wait for all the others' first phases); otherwise the jobs run here, first phases first.
    An exception in a job is raised here, whichever phase it came from; a child that dies
    without a result raises ProcessDied. No child is left running when this returns or
    raises.
    """
    if not forked or len(jobs) < 2 or not hasattr(os, "fork"):
        firsts = [job() for job in jobs]
        tells = decide([learnt for learnt, _ in firsts])
        return [rest(lambda told=told: told) for (_, rest), told in zip(firsts, tells)]
    children = []  # (pid, parent's end of the pipe)
    try:
        for job in jobs:
            ours, theirs = Pipe()

            def child(ours=ours, theirs=theirs, job=job):
                ours.close()
                _phased_child(theirs, job)

            try:
                pid = _fork(child)
            finally:
                theirs.close()
            children.append((pid, ours))
        learnt = [_phase_result(pid, connection) for pid, connection in children]
        for (_, connection), told in zip(children, decide(learnt)):
            try:
                connection.send(told)
            except OSError:  # it failed before being told; its result (read next) says how
                pass
        return [_phase_result(pid, connection) for pid, connection in children]
    finally:
        for pid, connection in children:  # all have finished, unless something failed
            connection.close()
            _stop(pid)


def _phased_child(connection, job: Phased) -> None:
    """In a child: run the job's first phase, send what it learnt, wait to be told, send the
    result of the rest (or the exception). The caller exits the child."""
    try:
        learnt, rest = job()
        connection.send((True, learnt))
        connection.send((True, rest(connection.recv)))
    except BaseException as exc:  # noqa: BLE001 — raised in the parent
        connection.send((False, picklable(exc)))


def _phase_result(pid: int, connection):
    try:
        ok, value = connection.recv()
    except (EOFError, OSError):  # closed, reset, or cut short mid-message
        raise ProcessDied(f"a process (pid {pid}) ended without a result "
                          "(most likely the memory limit)") from None
    return _unwrap(ok, value)


def picklable(exc: BaseException) -> BaseException:
    """`exc`, or a RuntimeError saying what it was when it cannot cross a process boundary."""
    try:
        pickle.dumps(exc)
        return exc
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")


def _result(pid: int, payload: bytes):
    """Reap a child and return its result, or raise its exception."""
    _, status = os.waitpid(pid, 0)
    try:
        ok, value = pickle.loads(payload) if payload else (None, None)
    except Exception:  # cut short: the child was killed while writing
        ok = None
    if ok is None:
        raise ProcessDied(f"a document's process ended without a result "
                          f"(wait status {status}; most likely the memory limit)")
    return _unwrap(ok, value)


def die_with_parent() -> None:
    """In a forked child: be killed when the parent dies (Linux's PR_SET_PDEATHSIG), so that
    a stopped or failed parent leaves no child laying out pages; elsewhere, nothing."""
    parent = os.getppid()
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
