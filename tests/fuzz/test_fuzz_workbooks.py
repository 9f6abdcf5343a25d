"""Fuzz the reader and the whole build with generated workbooks.

The only allowed outcomes are a report, or problems that say what, where and how to fix:
never an exception, a traceback in a message, a changed input or half-written output.

CI runs a bounded, repeatable sample (about a minute). A longer run draws fresh examples:

    REPORTGEN_FUZZ=long REPORTGEN_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/fuzz -q
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings

from reportgen.pipeline import build_set
from reportgen.read.workbook import read_report_set
from tests.fuzz.strategies import set_specs, trap_specs, write_spec
from tests.fuzz.workbooks import digest

LONG = os.environ.get("REPORTGEN_FUZZ") == "long"
# Fuzzed names hold characters no bundled font has; matplotlib says so, harmlessly.
pytestmark = pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
EXAMPLES = int(os.environ.get("REPORTGEN_FUZZ_EXAMPLES", "0"))


def bounded(ci_examples: int):
    """Settings: `ci_examples` repeatable examples in CI; fresh ones in a long run."""
    return settings(max_examples=EXAMPLES or ci_examples, deadline=None, derandomize=not LONG,
                    database=None, print_blob=True,
                    suppress_health_check=list(HealthCheck))


def check_problems(problems, set_name: str) -> None:
    """Every problem is complete and readable: severity, message, fix, and a place."""
    for problem in problems:
        assert problem.severity in ("error", "warning"), problem
        assert problem.message.strip() and problem.fix.strip(), problem
        assert problem.where.file, problem
        text = problem.describe()
        assert "Traceback" not in text and "File \"" not in text, text
        assert len(problem.message) < 2_000, problem.message[:200]
        text.encode("utf-8")
        assert problem.as_dict()["message"] == problem.message


@given(spec=set_specs())
@bounded(120)
def test_reading_any_workbook_gives_a_set_or_clear_problems(spec):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_spec(Path(tmp) / "set", spec)
        before = digest(folder)
        report_set, problems = read_report_set(folder)
        check_problems(problems, "set")
        event("read" if report_set else "refused with errors")
        assert (report_set is None) == problems.has_errors
        assert digest(folder) == before


@given(spec=set_specs(damage=True))
@bounded(80)
def test_damaged_workbook_bytes_give_clear_problems(spec):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_spec(Path(tmp) / "set", spec)
        report_set, problems = read_report_set(folder)
        check_problems(problems, "set")
        assert (report_set is None) == problems.has_errors


@given(spec=set_specs())
@bounded(20)
def test_building_any_workbook_gives_a_report_or_clear_errors(spec):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_spec(Path(tmp) / "set", spec)
        before = digest(folder)
        result = build_set(folder, Path(tmp) / "out")
        check_problems(result.problems, "set")
        event("built" if result.ok else "refused with errors")
        target = Path(tmp) / "out" / "set"
        if result.ok:
            assert result.written and all(p.is_file() and p.stat().st_size for p in
                                          result.written)
            assert not [p for p in target.iterdir() if p.name.startswith(".")]
            counts = json.loads((target / "manifest.json").read_text())["counts"]
            assert counts["measures_in"] == counts["measures_out"]
            assert counts["commentary_in"] == counts["commentary_out"]
        else:
            assert result.written == [] and not target.exists()
        assert digest(folder) == before


def files_under(root: Path, leave_out: Path) -> set[Path]:
    return {p for p in root.rglob("*") if leave_out not in p.parents and p != leave_out}


@given(spec=trap_specs())
@bounded(40)
def test_the_traps_officers_fall_into_are_named_never_published_wrong(spec):
    """Percentages on the wrong scale, decimal commas, a misspelt Narrative sheet, a copied
    workbook, no meeting date, mathematics-like and escape-like text, mixed into clean sets."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_spec(Path(tmp) / "set", spec)
        before, around = digest(folder), files_under(Path(tmp), Path(tmp) / "out")
        result = build_set(folder, Path(tmp) / "out")
        check_problems(result.problems, "set")
        assert not [p for p in result.problems if "unexpected failure" in p.message]
        assert files_under(Path(tmp), Path(tmp) / "out") == around  # nothing outside --out
        assert digest(folder) == before
        event("built" if result.ok else "refused with errors")
        if not result.ok:
            assert any(p.severity == "error" for p in result.problems)
            assert not (Path(tmp) / "out" / "set").exists()
            return
        said = " ".join(p.message for p in result.problems)
        # "narrative " is the Narrative sheet (case and spaces ignored) and is read; a
        # misspelt "Narative" is named
        if spec.narrative is not None and "".join(spec.narrative_title.split()).casefold() \
                != "narrative":
            assert f"'{spec.narrative_title}'" in said, said
        for copy in spec.copies:
            assert copy in said, said
        manifest = json.loads((Path(tmp) / "out" / "set" / "manifest.json").read_text())
        counts = manifest["counts"]
        assert counts["measures_in"] == counts["measures_out"] == len(spec.measures)
        assert counts["commentary_in"] == counts["commentary_out"]
        csv = (Path(tmp) / "out" / "set" / "measures.csv").read_text(encoding="utf-8-sig")
        percentages = {m["ID"] for m in spec.measures if m.get("Unit") == "%"}
        for entry in manifest["measures"]:
            assert entry["id"] in csv
            value, target = entry["value"], entry["target"]
            if entry["id"] in percentages and entry["status"] in ("Green", "Amber", "Red") \
                    and value and target:
                # a rating is never computed from figures 100 times apart
                assert max(abs(value), abs(target)) / min(abs(value), abs(target)) < 30, entry
