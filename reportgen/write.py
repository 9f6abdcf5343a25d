"""Write outputs to disk atomically: a temporary file in the same folder, then a replace.

A reader (or a clerk's Word) never sees half a file, and a failed write leaves the previous
file as it was.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path

from reportgen.problems import Problem, ReportgenError, Where


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write `data` to `path` via a temporary sibling and `os.replace`."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ReportgenError([Problem(
            "error", f"cannot write {path.name} ({exc.strerror or exc})",
            "close the file if it is open in Word or a PDF viewer, check the folder can be "
            "written, then build again", Where(str(path)))]) from exc


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
