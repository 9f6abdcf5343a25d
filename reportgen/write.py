"""Write outputs to disk atomically: temporary files in the same folder, then replaces.

A reader (or a clerk's Word) never sees half a file. A set's files are written all or none:
each is staged first, and if one cannot replace its previous version (open in Word on
Windows, a full disk) those already replaced are put back, so the folder holds the previous
build, whole. The files the previous build wrote and this one does not (an old title's, a
dropped Narrative sheet's pack) are removed in the same all-or-none step (`find_leftovers`):
a folder never shows a new build beside an old one's papers. A file reportgen did not write
is never removed.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Collection

from reportgen.cache import sha256
from reportgen.errors import Problem, ReportgenError, Where

_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK  # what open() would give; mkstemp's files are private (0600)


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write `data` to `path` via a temporary sibling and `os.replace`."""
    write_outputs(path.parent, {path.name: data})


def write_outputs(folder: Path, outputs: dict[str, bytes | str],
                  remove: Collection[str] = ()) -> list[Path]:
    """Write every file of `outputs` ({name: bytes or text}) into `folder` and remove the
    files named in `remove` (a previous build's, stale), or do none of it.

    Raises `ReportgenError` naming the file that could not be written or removed; the folder
    is then as it was (a folder this call created is removed again).
    """
    created = first_missing(folder)
    staged: dict[Path, Path] = {}
    backups: dict[Path, Path] = {}
    replaced: list[Path] = []   # in place, or (`remove`) set aside: `_undo` puts them back
    current, doing = folder, "write"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in outputs.items():
            current = folder / name
            staged[current] = _stage(current, data)
        for path, tmp in staged.items():
            current = path
            if path.exists():
                backups[path] = _keep(path)
            os.replace(tmp, path)
            replaced.append(path)
        doing = "remove"
        for name in remove:
            current = folder / name
            backups[current] = _set_aside(current)  # deleted with the other backups below
            replaced.append(current)
    except OSError as exc:
        _undo(replaced, backups, staged, created)
        raise ReportgenError([write_problem(current, exc, doing)]) from exc
    finally:
        for backup in backups.values():
            _remove(backup)
    return list(staged)


def _undo(replaced: list[Path], backups: dict[Path, Path], staged: dict[Path, Path],
          created: Path | None) -> None:
    """Put back the previous versions of `replaced` files and remove what was staged (best
    effort: the error being reported matters more than one that follows it)."""
    for path in reversed(replaced):
        try:
            if path in backups:
                os.replace(backups.pop(path), path)
            else:
                path.unlink(missing_ok=True)
        except OSError:
            pass
    for tmp in staged.values():
        _remove(tmp)
    if created is not None:
        shutil.rmtree(created, ignore_errors=True)


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def first_missing(folder: Path) -> Path | None:
    """Return the outermost of `folder` and its parents that does not exist yet."""
    missing = None
    for path in (folder, *folder.parents):
        if path.exists():
            break
        missing = path
    return missing


def _stage(path: Path, data: bytes | str) -> Path:
    """Return a temporary sibling of `path` holding `data`."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, FILE_MODE)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _keep(path: Path) -> Path:
    """Return a hidden sibling holding `path`'s current contents (a hard link, else a copy)."""
    backup = _unused_sibling(path)
    try:
        os.link(path, backup)
    except OSError:
        shutil.copy2(path, backup)
    return backup


def _set_aside(path: Path) -> Path:
    """Move `path` to a hidden sibling and return it (on Windows this fails, as a replace
    does, while the file is open in Word: then nothing is removed)."""
    backup = _unused_sibling(path)
    os.replace(path, backup)
    return backup


def _unused_sibling(path: Path) -> Path:
    """Return a hidden name beside `path` that nothing uses."""
    fd, sibling = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".previous",
                                   dir=path.parent)
    os.close(fd)
    os.unlink(sibling)
    return Path(sibling)


_REASONS = {
    errno.ENOSPC: ("the disk is full", "free some space on the disk, then build again"),
    errno.ENAMETOOLONG: ("the file name is too long",
                         "shorten the report's Title (commentary.xlsx, sheet 'Report') or "
                         "build into a shorter folder path (--out)"),
    errno.EROFS: ("the disk is read-only", "build into another folder (--out)"),
}
_IN_USE = ("close the file if it is open in Word, Excel or a PDF viewer, check you can write "
           "to the folder, then build again")


def write_problem(path: Path, exc: OSError, doing: str = "write") -> Problem:
    """Return the problem for failing to `doing` ("write", "remove") `path`: what happened
    and how to fix it."""
    reason, fix = _REASONS.get(exc.errno, (None, _IN_USE))
    reason = reason or exc.strerror or str(exc)
    return Problem("error", f"cannot {doing} {path.name} ({reason}); the previous files are "
                   "kept as they were", fix, Where(str(path)))


@dataclass
class Leftovers:
    """What an output folder holds besides the files a build writes now, by who wrote it."""

    stale: list[str] = field(default_factory=list)    # the previous build, unchanged since
    changed: list[str] = field(default_factory=list)  # the previous build, changed since
    foreign: list[str] = field(default_factory=list)  # not reportgen

    def problems(self, folder: Path) -> list[Problem]:
        """The warnings for the files kept: nobody should take them for this build's."""
        fix = (f"if it is not one of this set's papers, move it out of {folder}: whoever "
               "publishes the folder may take it for one")
        return [Problem("warning", f"{what}; it is kept", fix, Where(str(folder / name)))
                for names, what in ((self.changed, "was written by the last build but has "
                                     "been changed since"),
                                    (self.foreign, "was not written by reportgen"))
                for name in names]


def find_leftovers(folder: Path, previous: dict[str, str], outputs: Collection[str],
                   formats: Collection[str] | None = None) -> Leftovers:
    """Sort the files in `folder` that are not among `outputs` (names): those the previous
    build wrote (`previous`, its manifest's {name: sha256}) and nobody has changed since are
    stale; the rest are kept. `formats` ("pdf", "docx", …; None: every one) are the formats
    this build writes: another format's files are left alone, stale or not. Hidden files
    (temporary ones, the lock) are not looked at."""
    found = Leftovers()
    names = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    for name in names:
        path = folder / name
        if name.startswith(".") or name in outputs or \
                formats is not None and path.suffix.lstrip(".") not in formats:
            continue
        if name not in previous or not path.is_file():
            found.foreign.append(name)
        elif sha256(path.read_bytes()) == previous[name]:
            found.stale.append(name)
        else:
            found.changed.append(name)
    return found


@dataclass
class Kept:
    """The files of other formats than a build's (`build --format`) that an earlier build
    wrote into the folder and nobody changed since: they stay, listed in the new manifest
    (`outputs`, {name: sha256}) so a later build still knows them for reportgen's, each with
    the cache key of the build that wrote it (`origins`). `older`: those written from other
    workbooks (or by other code) than this build's, so out of step with its files."""

    outputs: dict[str, str] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)
    older: list[str] = field(default_factory=list)

    def problems(self, folder: Path) -> list[Problem]:
        """A warning for each kept file that an earlier build made from other workbooks."""
        return [Problem("warning", "was written by an earlier build, from workbooks (or a "
                        "reportgen) that have changed since; it is kept, but does not match "
                        "this build's files", f"build again with --format "
                        f"{Path(name).suffix.lstrip('.')} (or without --format) to bring it "
                        "up to date, or move it out of the folder", Where(str(folder / name)))
                for name in self.older]


def find_kept(folder: Path, formats: Collection[str], key: str) -> Kept:
    """Return the files of `FORMATS` other than `formats` that the previous build in
    `folder` wrote (or kept) and nobody has changed since; `key` is this build's cache key."""
    from reportgen.cache import previous_build
    from reportgen.render.documents import FORMATS

    previous = previous_build(folder)
    origins = previous.get("kept", {}) if isinstance(previous.get("kept"), dict) else {}
    found = Kept()
    for name, digest in previous.get("outputs", {}).items():
        path = folder / name
        suffix = path.suffix.lstrip(".")
        if suffix not in FORMATS or suffix in formats or not path.is_file() or \
                sha256(path.read_bytes()) != digest:
            continue
        found.outputs[name] = digest
        found.origins[name] = str(origins.get(name, previous.get("key", "")))
        if found.origins[name] != key:
            found.older.append(name)
    return found


def render_json(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_safe(value) -> str:
    """Return `value` as CSV text that a spreadsheet will not run as a formula."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return text
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def render_csv(rows: list[dict]) -> str:
    """Return `rows` as CSV, guarding every text cell against formula injection."""
    buffer = io.StringIO()
    if not rows:
        return ""
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(list(rows[0]))
    for row in rows:
        writer.writerow([_csv_safe(v) for v in row.values()])
    return buffer.getvalue()


def prune(cache: Path, everything: bool = False, older_than: float | None = None) -> Path:
    """Remove from the cache folder `cache` every file (`everything`) or those not used since
    `older_than` (a time: a build touches what it uses); return the folder."""
    if cache.is_dir():
        for path in cache.iterdir():
            try:
                if everything or (older_than is not None and path.stat().st_mtime < older_than):
                    path.unlink()
            except OSError:  # another build's, or already gone: a cache only
                pass
    return cache
