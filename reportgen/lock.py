"""One build at a time in an output folder: `hold_folder` takes the lock file
`<out>/.reportgen.lock` while a build writes there.

Two builds writing one folder at once would mix their sets' files and remove each other's as
stale. The lock is `fcntl.flock` (on Windows, `msvcrt.locking`), which the system releases
when the process holding it ends, however it ends: a lock file left by a killed build never
blocks. The file holds the holder's process number, only to say who holds it. Where a file
system cannot lock at all, the build goes on unlocked rather than not at all.
"""

from __future__ import annotations

import errno
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from reportgen.errors import Problem, ReportgenError
from reportgen.write import first_missing, write_problem

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
    import msvcrt

LOCK = ".reportgen.lock"
POLL = 0.5  # seconds between tries while waiting for another build
_HELD = {errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, errno.EDEADLK}
_PID_BYTES = 64  # Windows locks a byte past the process number, so others can read it


@contextmanager
def hold_folder(out: Path, wait: bool = False,
                waiting: Callable[[Problem], None] | None = None) -> Iterator[None]:
    """Hold the lock of the output folder `out` (made if missing) while the block runs.

    When another build holds it, raise `ReportgenError` saying which process does, or with
    `wait`, tell `waiting` once and wait for it. A folder made only for the lock is removed
    again when the block wrote nothing in it.
    """
    created, path = first_missing(out), out / LOCK
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = _acquire(path, wait, waiting or (lambda problem: None))
    except OSError as exc:
        _remove_empty(out, created)
        raise ReportgenError([write_problem(path, exc)]) from exc
    except BaseException:   # locked, or Ctrl-C while waiting
        _remove_empty(out, created)
        raise
    try:
        yield
    finally:
        _release(fd, path)
        _remove_empty(out, created)


def _acquire(path: Path, wait: bool, waiting: Callable[[Problem], None]) -> int:
    """Return the open lock file `path`, locked by this process, its number written in it."""
    told = False
    while (fd := _take(path)) is None:
        problem = locked_problem(path, wait)
        if not wait:
            raise ReportgenError([problem])
        if not told:
            waiting(problem)
            told = True
        time.sleep(POLL)
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)  # (Windows locked at _PID_BYTES)
    os.write(fd, f"{os.getpid()}\n".encode("ascii"))
    return fd


def _take(path: Path) -> int | None:
    """Return `path` opened and locked, or None when another process holds it. A file the
    holder removed while this one waited is no lock any more: open the path again."""
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        if not _lock(fd):
            os.close(fd)
            return None
        if _same_file(fd, path):
            return fd
        os.close(fd)


def _lock(fd: int) -> bool:
    """Lock the open file `fd` without waiting; False when another process holds it."""
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            os.lseek(fd, _PID_BYTES, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError as exc:
        if exc.errno in _HELD:
            return False
        # the file system cannot lock (some network shares): build unlocked, not at all
    return True


def _same_file(fd: int, path: Path) -> bool:
    try:
        held, named = os.fstat(fd), os.stat(path)
    except OSError:  # removed by the build that held it
        return False
    return not held.st_ino or (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino)


def _release(fd: int, path: Path) -> None:
    """Remove the lock file and unlock. On POSIX it is removed while still locked (so no
    other build can lock a file that is about to go); Windows cannot remove an open file,
    and does not remove one another build has open."""
    if fcntl is not None:
        _forget(path)
        os.close(fd)
    else:
        os.close(fd)
        _forget(path)


def _forget(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _remove_empty(out: Path, created: Path | None) -> None:
    """Remove `out` and the parents up to `created` (the folders `hold_folder` made) where
    they are empty: a build that wrote nothing leaves no folder."""
    if created is None:
        return
    for folder in (out, *out.parents):
        try:
            folder.rmdir()
        except OSError:
            return
        if folder == created:
            return


def holder(path: Path) -> str:
    """Return the process number written in the lock file `path` ("" when unknown)."""
    try:
        text = path.read_text(encoding="ascii", errors="replace")[:_PID_BYTES].strip()
    except OSError:
        return ""
    return text if text.isdigit() else ""


def locked_problem(path: Path, wait: bool) -> Problem:
    """Return the problem of the folder holding `path` being locked by another build."""
    pid = holder(path)
    who = f"another build, process {pid}" if pid else "another build"
    if wait:
        return Problem("warning", f"{path.parent} is locked by {who}; waiting for it to "
                       "finish", "press Ctrl-C to stop waiting")
    return Problem("error", f"{path.parent} is locked by {who}, which is writing into it; "
                   "nothing was built", "wait for that build to finish and build again, "
                   "add --wait to wait for it, or build into another folder (--out)")
