"""The officers' quarter around a build: commentary returns out (`collect`) and the chase list
of what is still missing (`status`).

Owners are the values of a Measures column (`OWNER_COLUMNS`: Service area by default, or Lead
officer); each owner's return is `SET/returns/<owner>.xlsx`, which build and check read beside
commentary.xlsx. Both commands read the set as the build does, rate it as the build does and
write nothing but returns (`collect`, never over an existing one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.errors import Problem, ReportgenError
from reportgen.model import Commentary, Measure, ReportSet
from reportgen.read.contract import OWNER_COLUMNS, PREVIOUS_WORDS, RETURNS_FOLDER
from reportgen.read.returns import has_words

UNASSIGNED = "Unassigned"
RECENT = 3  # periods of values a return shows beside each measure
ATTRIBUTES = {"Service area": "service_area", "Lead officer": "lead_officer",
              "Portfolio": "portfolio", "Outcome": "outcome", "Theme": "theme"}
assert set(ATTRIBUTES) == set(OWNER_COLUMNS)


def owner_column(name: str) -> str:
    """The Measures column `name` (case and spaces ignored) that owners are read from."""
    wanted = {re.sub(r"\s+", "", c).casefold(): c for c in OWNER_COLUMNS}
    column = wanted.get(re.sub(r"\s+", "", name).casefold())
    if column is None:
        from reportgen.errors import UsageError

        raise UsageError(f"--by '{name}' is not a Measures column owners can be read from; "
                         f"use one of: {', '.join(OWNER_COLUMNS)}")
    return column


def owners(measures: list[Measure], column: str) -> dict[str, list[Measure]]:
    """Measures by owner, owners and measures in the workbook's order."""
    found: dict[str, list[Measure]] = {}
    for measure in measures:
        found.setdefault(getattr(measure, ATTRIBUTES[column]) or UNASSIGNED, []).append(measure)
    return found


def return_names(names) -> dict[str, str]:
    """Each owner's return file name: the owner's name without the characters a file name
    cannot hold; owners whose names would give the same file (on any system: "Care/Support"
    and "Care-Support", "Schools" and "schools") get " (2)", " (3)" in the workbook's order."""
    found, taken = {}, set()
    for owner in names:
        safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", owner).strip(" .-")[:100] or UNASSIGNED
        name, n = safe, 1
        while name.casefold() in taken:
            n += 1
            name = f"{safe} ({n})"
        taken.add(name.casefold())
        found[owner] = f"{name}.xlsx"
    return found


def unowned(measures: list[Measure], column: str) -> list[Problem]:
    """A warning when measures have no owner in `column`: they are listed as Unassigned."""
    blank = [m for m in measures if not getattr(m, ATTRIBUTES[column])]
    if not blank:
        return []
    return [Problem("warning", f"{len(blank)} of {len(measures)} measures have no {column} "
                    f"({', '.join(m.id for m in blank[:8])}{' …' if len(blank) > 8 else ''}), "
                    f"so they are listed under {UNASSIGNED}",
                    f"fill in the {column} column of Measures, or choose another with --by",
                    blank[0].where)]


def read_set(folder: Path, partial: bool) -> tuple[ReportSet, list[Problem]]:
    from reportgen.read.workbook import read_report_set

    report_set, problems = read_report_set(folder, partial=partial)
    if report_set is None:
        raise ReportgenError([p for p in problems if p.severity == "error"])
    return report_set, list(problems)


# --- collect -------------------------------------------------------------------------------

def collect(folder: Path, column: str = "Service area") -> tuple[list[Path], list[Path],
                                                                  list[Problem]]:
    """Write each owner's return into `folder`/returns; return (written, kept, problems):
    a return already there is kept as it is (it may hold a manager's words). The set may
    still have errors (a rolled set has no meeting date yet); only unreadable Measures stop it."""
    from reportgen.rate import rate_report_set
    from reportgen.read.returns import write_return
    from reportgen.write import write_outputs

    report_set, problems = read_set(folder, partial=True)  # a set still being filled
    ratings = rate_report_set(report_set)
    returns = folder / RETURNS_FOLDER
    grouped = owners(report_set.measures, column)
    names = return_names(grouped)
    written, kept, outputs = [], [], {}
    for owner, measures in grouped.items():
        path = returns / names[owner]
        if path.exists():
            kept.append(path)
            continue
        rows = [return_row(report_set, m, ratings[m.id]) for m in measures]
        outputs[path.name] = write_return(rows, owner)
        written.append(path)
    if outputs:
        returns.mkdir(exist_ok=True)
        write_outputs(returns, outputs)
    return written, kept, problems + unowned(report_set.measures, column)


def return_row(report_set: ReportSet, measure: Measure, rating) -> dict[str, object]:
    """A return's row: the ID, the words already given (in commentary.xlsx or an earlier
    return: the owner sees and edits them), and the reference an owner writes from."""
    from reportgen.compose.performance import format_number

    shown = [o for o in measure.observations if o.number is not None or o.unavailable]
    last = report_set.settings.reporting_period
    if last in report_set.periods:
        shown = [o for o in shown if report_set.periods.index(o.period)
                 <= report_set.periods.index(last)]
    recent = "; ".join(f"{o.period}: " + ("n/a" if o.number is None else
                                          format_number(o.number, measure.unit))
                       for o in shown[-RECENT:])
    target = "Monitor" if measure.target is None else format_number(measure.target,
                                                                    measure.unit)
    if measure.target is not None and measure.tolerance.value:
        target += f" ({format_number(measure.tolerance, measure.unit)} tolerance)"
    words = report_set.commentary.get(measure.id)
    given = {name: text for name, text in words.cells().items()} if words else {}
    return {"ID": measure.id, "Measure": measure.name, "Recent values": recent or "none yet",
            "Target": target, "Status": rating.status,
            PREVIOUS_WORDS: words.previous if words else None, **given}


# --- roll -----------------------------------------------------------------------------------

def roll(folder: Path, period: str, new_folder: Path | None = None) -> tuple[Path, list[Problem]]:
    """Write the set in `folder` rolled forward to `period` (default: a sibling folder named
    after it, "Q3 2017/18" as "Q3 2017-18"); return the new folder and the warnings: the
    reading's, and every Report or Narrative cell that still speaks of the last period."""
    from reportgen.errors import UsageError
    from reportgen.rate import last_period_with_values
    from reportgen.read.roll import roll_set

    period = " ".join(period.split())
    if not period:
        raise UsageError("--to needs the new period's label, e.g. --to \"Q3 2017/18\"")
    report_set, problems = read_set(folder, partial=False)
    old = report_set.settings.reporting_period or last_period_with_values(report_set)
    if period == old:
        raise UsageError(f"{period} is already the reporting period of {folder}")
    if report_set.periods:
        check_next_period(period, report_set.periods, old)
    new_folder = new_folder or folder.parent / period.replace("/", "-")
    warnings = roll_set(folder, new_folder, period, old, status_names(report_set.schemes),
                        previous_words(report_set))
    return new_folder, problems + warnings


def check_next_period(period: str, periods: list[str], old: str | None) -> None:
    """Stop a roll to a period that is not written like the set's period columns, or that
    comes before its last one: "Q3 17/18" beside "Q2 2017/18" would head a column the build
    reads as a period of its own, in the wrong place."""
    from reportgen.errors import UsageError
    from reportgen.rate.rules import next_period, period_key, period_step

    last = periods[-1]
    last_key, key = period_key(last), period_key(period)
    if last_key is None:
        return  # labels the tool cannot order ("Autumn term"): the officer's word stands
    later = periods[periods.index(old) + 1:] if old in periods else []
    suggestion = later[0] if later else next_period(last, period_step(periods))
    example = f'e.g. --to "{suggestion}"'

    def shape(label: str) -> str:
        return re.sub(r"[a-z]", "a", re.sub(r"\d", "9", label.casefold()))  # "Sep" not "April"

    if key is None or key[0] != last_key[0] or shape(period) != shape(last):
        raise UsageError(f'--to "{period}" is not written like this set\'s periods (the last '
                         f'column is "{last}"): write it the same way, {example}')
    if period not in periods and key <= last_key:
        raise UsageError(f'--to "{period}" comes before the set\'s last period column, '
                         f'"{last}": roll forward to a later period, {example}')
    if old and period_key(old) and key < period_key(old):
        raise UsageError(f'--to "{period}" comes before the reporting period, "{old}": roll '
                         f'forward to a later period, {example}')


def status_names(schemes: dict) -> list[str]:
    """Every status name of the schemes, once each, best first."""
    return list(dict.fromkeys(s.name for scheme in schemes.values() for s in scheme.statuses))


def previous_words(report_set: ReportSet) -> dict[str, str]:
    """Each measure's commentary and actions (from commentary.xlsx or a return), as roll
    keeps them for next period: "…\n\nActions: …"."""
    label = report_set.settings.actions_label
    kept = {}
    for measure_id, words in report_set.commentary.items():
        said = [t for t in (words.commentary, f"{label} {words.actions}" if words.actions
                            else None) if t]
        if said:
            kept[measure_id] = "\n\n".join(said)
    return kept


# --- status: the chase list ----------------------------------------------------------------

@dataclass
class Owed:
    """What one owner still owes: measure IDs under each heading, and their return's state."""

    owner: str
    return_file: str | None  # returns/<owner>.xlsx, or None when the set uses no returns
    return_state: str | None  # "missing", "empty" or "started"; None without returns
    missing_commentary: list[str] = field(default_factory=list)
    missing_actions: list[str] = field(default_factory=list)
    override_without_reason: list[str] = field(default_factory=list)
    no_value: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"owner": self.owner,
                "return": None if self.return_file is None else
                {"file": self.return_file, "state": self.return_state},
                "missing_commentary": self.missing_commentary,
                "missing_actions": self.missing_actions,
                "override_without_reason": self.override_without_reason,
                "no_value": self.no_value}


@dataclass
class ChaseList:
    set: str
    period: str | None
    measures: int
    owners: list[Owed]
    problems: list[Problem]

    def totals(self) -> dict[str, int]:
        def count(name):
            return sum(len(getattr(o, name)) for o in self.owners)

        return {"measures": self.measures, "missing_commentary": count("missing_commentary"),
                "missing_actions": count("missing_actions"),
                "override_without_reason": count("override_without_reason"),
                "no_value": count("no_value"),
                "returns_missing": sum(o.return_state == "missing" for o in self.owners),
                "returns_empty": sum(o.return_state == "empty" for o in self.owners)}

    def as_dict(self) -> dict:
        return {"set": self.set, "period": self.period,
                "owners": [o.as_dict() for o in self.owners], "totals": self.totals(),
                "errors": [p.as_dict() for p in self.problems if p.severity == "error"]}


def chase_list(folder: Path, column: str = "Service area") -> ChaseList:
    """What each owner still owes for the reporting period; the set may still have errors."""
    from reportgen.rate import last_period_with_values, rate_report_set

    report_set, problems = read_set(folder, partial=True)
    ratings = rate_report_set(report_set)
    period = report_set.settings.reporting_period or last_period_with_values(report_set)
    uses_returns = (folder / RETURNS_FOLDER).is_dir()
    grouped = owners(report_set.measures, column)
    names = return_names(grouped)
    unreadable = {p.where.file for p in problems if p.severity == "error"}
    listed = []
    for owner, measures in grouped.items():
        name = f"{RETURNS_FOLDER}/{names[owner]}"
        owed = Owed(owner, name if uses_returns else None,
                    return_state(folder / name, measures, report_set.commentary, unreadable)
                    if uses_returns else None)
        for measure in measures:
            words = report_set.commentary.get(measure.id)
            rating = ratings[measure.id]
            if not (words and words.commentary):
                owed.missing_commentary.append(measure.id)
            if rating.section == "lower" and not (words and words.actions):
                owed.missing_actions.append(measure.id)
            if words and words.rag_override and not words.override_reason:
                owed.override_without_reason.append(measure.id)
            if not has_value(measure, period):
                owed.no_value.append(measure.id)
        listed.append(owed)
    return ChaseList(report_set.name, period, len(report_set.measures), listed,
                     problems + unowned(report_set.measures, column))


def has_value(measure: Measure, period: str | None) -> bool:
    """A value, or a deliberate "n/a", typed for `period`."""
    obs = next((o for o in measure.observations if o.period == period), None)
    return bool(obs and (obs.number is not None or obs.unavailable))


def return_state(path: Path, measures: list[Measure], words: dict[str, Commentary],
                 unreadable: set[str]) -> str:
    """"missing" (no file), "started" (words read from it), "unreadable" (none, and an error
    names the file: no Commentary sheet, say) or "empty"."""
    name = f"{RETURNS_FOLDER}/{path.name}"
    if not path.is_file():
        return "missing"
    if any(has_words(words.get(m.id)) and words[m.id].where.file == name for m in measures):
        return "started"
    return "unreadable" if name in unreadable else "empty"
