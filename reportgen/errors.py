"""Problems found in a report set: what, where (file, sheet, cell), and how to fix it; and
the exceptions that carry them.

The library collects `Problem`s instead of stopping at the first one, so an officer can
fix a workbook in one pass. Only the CLI turns them into messages and exit codes.

    Exception
    └── ReportgenError        stops a report set; `.problems` say what, where and how to fix
        ├── SetStopped        a set's time or memory ran out, or one of its jobs failed
        │                     (run.pool; the set writes nothing, the other sets go on)
        ├── UsageError        the command line or a REPORTGEN_* setting is unusable (exit 2)
        └── BrowserError      headless Chromium could not be driven (check --accessibility)

Every one crosses a process boundary whole (`__reduce__`), problems included.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Where:
    """A place in a workbook: `file` name, `sheet` name and `cell` reference (any may be None)."""

    file: str | None = None
    sheet: str | None = None
    cell: str | None = None

    def describe(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.cell:
            parts.append(self.cell if self.cell.startswith(("row ", "rows ")) else
                         f"cell {self.cell}")
        return ", ".join(parts)


def cells_text(refs: list[str], limit: int = 6) -> str:
    """Return cell references as a message lists them: "C2, D2 and 7 more"."""
    more = f" and {len(refs) - limit:,} more" if len(refs) > limit else ""
    return ", ".join(refs[:limit]) + more


@dataclass(frozen=True)
class Problem:
    severity: str  # "error" or "warning"
    message: str
    fix: str
    where: Where = field(default_factory=Where)

    def as_dict(self) -> dict:
        return {
            "severity": self.severity,
            "file": self.where.file,
            "sheet": self.where.sheet,
            "cell": self.where.cell,
            "message": self.message,
            "fix": self.fix,
        }

    def describe(self) -> str:
        place = self.where.describe()
        head = f"{place}: " if place else ""
        return f"{self.severity}: {head}{self.message} (fix: {self.fix})"


class Problems(list):
    """A list of `Problem`s with helpers to add errors and warnings."""

    def error(self, message: str, fix: str, where: Where = Where()) -> None:
        self.append(Problem("error", message, fix, where))

    def warning(self, message: str, fix: str, where: Where = Where()) -> None:
        self.append(Problem("warning", message, fix, where))

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self)


class ReportgenError(Exception):
    """A failure that stops a report set, carrying the `problems` that explain it."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(p.describe() for p in self.problems))

    def __reduce__(self):  # crosses process boundaries (the pool) with its problems
        return ReportgenError, (self.problems,)


@dataclass
class SetResult:
    """What happened to one report set: its `problems` and the files written. (Here, not in
    `build`, so that the process that only collects results never imports the pipeline.)"""

    name: str
    problems: list[Problem] = field(default_factory=list)
    written: list = field(default_factory=list)  # Path of each file written
    removed: list = field(default_factory=list)  # the names of the last build's files it
    #                                              does not write (stale), removed
    verified: bool = False  # unchanged since the last build: its files were only verified

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


class SetStopped(ReportgenError):
    """A set's time or memory ran out, or one of its jobs failed: its one problem says so."""

    def __init__(self, problem: Problem):
        super().__init__([problem])
        self.problem = problem

    def __reduce__(self):
        return SetStopped, (self.problem,)


class UsageError(ReportgenError):
    """The command line, or a REPORTGEN_* setting, cannot be used: `message` says why."""

    def __init__(self, message: str):
        super().__init__([Problem("error", message, "")])
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __reduce__(self):
        return UsageError, (self.message,)


class BrowserError(ReportgenError):
    """Headless Chromium could not be started or driven (`check --accessibility`)."""

    def __init__(self, message: str):
        super().__init__([Problem("error", message, "install Chromium, or set "
                                  "REPORTGEN_CHROMIUM to its path")])
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __reduce__(self):
        return BrowserError, (self.message,)
