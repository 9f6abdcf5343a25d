"""Limits a hostile or broken workbook cannot exceed: sane defaults, set by environment variables.

They are the operator's settings, never the workbook's: a file must not raise its own limits,
so there is no Settings row for them. Each is read when it is used, so a test or a one-off
build can set `REPORTGEN_MAX_ROWS=50000` without touching code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

from reportgen.errors import Problem, ReportgenError, Where


@dataclass(frozen=True)
class Limits:
    """The bounds on one report set (units in the field names)."""

    max_unpacked_mb: int = 100  # uncompressed size of one workbook, checked before parsing
    max_ratio: int = 100  # uncompressed : compressed, for workbooks over `ratio_floor_mb`
    ratio_floor_mb: int = 1  # smaller workbooks cannot hurt, whatever their ratio
    max_parts: int = 10_000  # files inside one workbook's zip
    max_rows: int = 20_000  # rows read below a sheet's header
    max_range_cells: int = 100_000  # cells in merged or hyperlinked ranges: openpyxl makes each
    set_seconds: int = 120  # wall-clock time to build one set, from its first job
    set_memory_mb: int = 1024  # address space of a process running one of a set's jobs
    # ... and more for a set that is simply large, once its measures are read (4,000 measures:
    # 720 s and 6 GB; the whole build of such a set took 340 s and 3.4 GB here)
    set_seconds_per_100_measures: int = 15
    set_memory_mb_per_100_measures: int = 125

    def seconds_for(self, measures: int) -> int:
        """The time a set of `measures` measures may take."""
        return self.set_seconds + self.set_seconds_per_100_measures * measures // 100

    def memory_mb_for(self, measures: int) -> int:
        """The memory (address space, MB) a set of `measures` measures may use."""
        return self.set_memory_mb + self.set_memory_mb_per_100_measures * measures // 100


def env_name(field_name: str) -> str:
    return "REPORTGEN_" + field_name.upper()


def current_limits(environ=None) -> Limits:
    """Return the limits: each `Limits` default unless `REPORTGEN_<FIELD>` is set.

    Raises `ReportgenError` naming the variable when one is not a whole number above 0.
    """
    environ = os.environ if environ is None else environ
    values = {}
    for field in fields(Limits):
        name = env_name(field.name)
        raw = environ.get(name)
        if raw is None or not raw.strip():
            continue
        try:
            value = int(raw.strip().replace("_", ""))
        except ValueError:
            value = 0
        if value <= 0:
            raise ReportgenError([Problem(
                "error", f"the setting {name}={raw!r} is not a whole number above 0",
                f"set {name} to a whole number (default {field.default}) or unset it",
                Where(name))])
        values[field.name] = value
    return Limits(**values)


# The messages of a set stopped by the pool (`run.pool`): what happened, and which setting
# to raise when the set is just large.
def stopped_problem(name: str, doing: str, what: str, look_for: str = "",
                    setting: str = "") -> Problem:
    look = "run 'reportgen check' and look" if doing == "building" else "look"
    fix = (f"{look} for {look_for}; if the set is just large, raise {env_name(setting)} "
           f"or {env_name(setting + '_per_100_measures')}") if setting else \
        "build the set again"
    return Problem("error", f"{doing} this set {what}{_nothing(doing)}", fix, Where(name))


def failure_problem(name: str, doing: str, exc: Exception) -> Problem:
    return Problem("error", f"unexpected failure while {doing} this set: "
                   f"{type(exc).__name__}: {str(exc)[:300]}{_nothing(doing)}",
                   "run again with --debug and report it, with the workbooks", Where(name))


def _nothing(doing: str) -> str:
    return "; nothing was written" if doing == "building" else ""
