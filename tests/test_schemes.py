"""Rating schemes as configuration: every built-in rule, the seeds' ratings, overrides,
legends, drafted wording and schemes.toml validation."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.pipeline import build_set, check_set

from reportgen.rate import rate_report_set
from reportgen.compose.performance import compose_performance_report
from reportgen.compose.draft import draft_benchmarks, draft_distance, draft_note
from reportgen.model import Polarity
from reportgen.rate.rules import (
    rank_around_target, rank_compound, rank_thresholds, rank_tolerance, same_period_last_year,
)
from reportgen.read.workbook import read_report_set, require_report_set
from tests.conftest import SAMPLES, measure, write_set

HIGH, LOW = Polarity.HIGH, Polarity.LOW
G, A, R = 0, 1, 2

# --- the examples, one line each -------------------------------------------------


@pytest.mark.parametrize("value, last_year, expected, warned", [
    ("75", "70", G, False),   # within 10% of the target of 80
    ("70", "65", A, False),   # more than 10% off, but improved
    ("70", "70", A, False),   # maintained
    ("70", "74", R, False),   # worse than last year
    ("70", None, R, True),    # nothing to compare with: Red, with a warning
])
def test_compound_rule(value, last_year, expected, warned):
    rank, warning = rank_compound(D(value), D(80), D(0), HIGH, D("0.1"),
                                  D(last_year) if last_year else None)
    assert (rank, warning is not None) == (expected, warned)


@pytest.mark.parametrize("value, expected", [("85", G), ("84.9", A), ("50", A), ("49.9", R)])
def test_thresholds_rule(value, expected):
    assert rank_thresholds(D(value), HIGH, D(85), D(50)) == expected


@pytest.mark.parametrize("value, expected", [("92.1", G), ("92", A), ("88", A), ("87.9", R)])
def test_around_target_rule_above_on_below(value, expected):
    assert rank_around_target(D(value), D(90), D(2), HIGH) == expected


# --- every rating printed in seeds 000-003 (value, target, tolerance, polarity, band, RAG) -
SEED_RATINGS = [
    # seed 000 (band 10%)
    (95, 100, 5, HIGH, "0.1", G), (97, 100, 5, HIGH, "0.1", G), (89, 100, 18, HIGH, "0.1", G),
    (35, 20, 0, LOW, "0.1", R), (75, 100, 14, HIGH, "0.1", R), (3, 2, 0, LOW, "0.1", R),
    (23, 18, 0, LOW, "0.1", R), (16, 24, 0, HIGH, "0.1", R), (12, 10, 0, LOW, "0.1", R),
    (50, 100, 0, HIGH, "0.1", R), (81, 100, 15, HIGH, "0.1", A), (88, 100, 5, HIGH, "0.1", A),
    (93, 100, 5, HIGH, "0.1", A),
    # seed 001 (band 10%, no tolerances)
    (61, 60, 0, HIGH, "0.1", G), (57, 89, 0, HIGH, "0.1", R), (94, 85, 0, HIGH, "0.1", G),
    (36, 25, 0, LOW, "0.1", R), (95, 100, 0, HIGH, "0.1", A), (73, 100, 0, HIGH, "0.1", R),
    (83, 98, 0, HIGH, "0.1", R), (98, 100, 0, HIGH, "0.1", A), (55, 85, 0, HIGH, "0.1", R),
    (97, 95, 0, HIGH, "0.1", G), (97, 95, 0, HIGH, "0.1", G), (62, 90, 0, HIGH, "0.1", R),
    (85, 100, 0, HIGH, "0.1", R), (93, 100, 0, HIGH, "0.1", A), (80, 100, 0, HIGH, "0.1", R),
    (49, 55, 0, HIGH, "0.1", R), (41, 50, 0, HIGH, "0.1", R),
    # seed 002 (band 5%)
    ("13.7", 19, 0, LOW, "0.05", G), (51, 82, 0, HIGH, "0.05", R), (68, 80, 0, HIGH, "0.05", R),
    (30, 28, 0, LOW, "0.05", R), (80, 91, 0, HIGH, "0.05", R), (55, 47, 0, LOW, "0.05", R),
    (39, 75, 0, HIGH, "0.05", R), (57, 60, 0, HIGH, "0.05", A), (79, 79, 0, HIGH, "0.05", G),
    (72, 69, 0, HIGH, "0.05", G), (78, 76, 0, HIGH, "0.05", G), (66, 64, 0, HIGH, "0.05", G),
    ("0.04", "0.03", 0, LOW, "0.05", R), ("0.25", "0.17", 0, LOW, "0.05", R),
    # seed 003 (band 10%)
    (31, 25, 0, LOW, "0.1", R), (76, 85, 0, HIGH, "0.1", R), (89, 93, 0, HIGH, "0.1", A),
    (95, 85, 0, HIGH, "0.1", G), ("66.8", 85, 0, HIGH, "0.1", R), (46, 46, 0, HIGH, "0.1", G),
    (44, 70, 0, HIGH, "0.1", R),
]


def test_the_seeds_ratings_count():
    assert len(SEED_RATINGS) == 51   # DOMAIN.md: all 51 ratings of seeds 000-003


@pytest.mark.parametrize("value, target, tolerance, polarity, band, expected", SEED_RATINGS)
def test_every_seed_rating(value, target, tolerance, polarity, band, expected):
    assert rank_tolerance(D(str(value)), D(str(target)), D(tolerance), polarity,
                          D(band)) == expected


# --- properties of every built-in rule ---------------------------------------------------

values = st.decimals(min_value=-1000, max_value=1000, places=1, allow_nan=False)
positive = st.decimals(min_value=0, max_value=100, places=1)
bands = st.decimals(min_value=0, max_value=D("0.5"), places=2)
polarities = st.sampled_from([HIGH, LOW])


def rules(t, tol, band, g, a, earlier):
    """Every built-in rule as a function of (value, polarity) -> rank."""
    lo, hi = min(g, a), max(g, a)
    return {
        "tolerance": lambda v, p: rank_tolerance(v, t, tol, p, band),
        "compound": lambda v, p: rank_compound(v, t, tol, p, band, earlier)[0],
        "thresholds": lambda v, p: rank_thresholds(v, p, hi if p is HIGH else lo,
                                                   lo if p is HIGH else hi),
        "around-target": lambda v, p: rank_around_target(v, t, tol, p),
    }


@given(values, values, positive, positive, bands, values, values, values, polarities)
def test_every_input_gets_one_status_and_better_is_never_worse(a, b, t, tol, band, g, x, e, p):
    for name, rank in rules(t, tol, band, g, x, e).items():
        better, worse = (max(a, b), min(a, b)) if p is HIGH else (min(a, b), max(a, b))
        assert rank(a, p) in (G, A, R), name
        assert rank(better, p) <= rank(worse, p), name


@given(values, values, positive, values, values)
def test_high_and_low_mirror_each_other(v, t, tol, g, a):
    lo, hi = min(g, a), max(g, a)
    assert rank_thresholds(v, HIGH, hi, lo) == rank_thresholds(-v, LOW, -hi, -lo)
    assert rank_around_target(v, t, tol, HIGH) == rank_around_target(-v, -t, tol, LOW)
    assert (rank_tolerance(v, t, tol, HIGH, D(0)) == G) == \
        (rank_tolerance(-v, -t, tol, LOW, D(0)) == G)


@given(positive, positive, bands, polarities)
def test_boundaries_land_where_the_legend_says(t, tol, band, p):
    tt = t - tol if p is HIGH else t + tol
    assert rank_tolerance(tt, t, tol, p, band) == G          # "at or better than"
    edge = tt * (1 - band) if p is HIGH else tt * (1 + band)
    assert rank_tolerance(edge, t, tol, p, band) <= A        # "by no more than b of it"
    assert rank_thresholds(D(85), HIGH, D(85), D(50)) == G
    assert rank_around_target(t + tol, t, tol, HIGH) == A    # within the tolerance: "on"


@pytest.mark.parametrize("label, periods, expected", [
    ("Q2 2017/18", ["Q2 2016/17", "Q1 2017/18", "Q2 2017/18"], "Q2 2016/17"),
    ("Mar 2017", ["Mar 2016", "Jun 2016", "Mar 2017"], "Mar 2016"),
    ("2018", ["2017", "2018"], "2017"),
    ("Q2 2017/18", ["Q1 2017/18", "Q2 2017/18"], None),
    ("Autumn term", ["Autumn term"], None),
])
def test_same_period_last_year(label, periods, expected):
    assert same_period_last_year(label, periods) == expected


# --- schemes.toml, Scheme column, overrides: end to end ----------------------------------

SCHEMES_TOML = """
[schemes.progress]
rule = "thresholds"
green_from = 85
amber_from = 50

[schemes.three]
rule = "around-target"
statuses = [
  { name = "Above target", symbol = "★", colour = "00703C", text = "FFFFFF", section = "good" },
  { name = "On target", symbol = "●", colour = "1D70B8", text = "FFFFFF", section = "good" },
  { name = "Below target", symbol = "▲", colour = "B10E1E", text = "FFFFFF", section = "lower" },
]

[schemes.yearly]
rule = "compound"
band = "10%"
"""


@pytest.fixture
def scheme_set(tmp_path):
    folder = write_set(tmp_path / "s", [
        measure("P1", "progress one", target=None, Scheme="progress"),
        measure("T1", "three above", target=90, tolerance=2, Scheme="three"),
        measure("T2", "three on", target=90, tolerance=2, Scheme="three"),
        measure("T3", "three below", target=90, tolerance=2, Scheme="three"),
        measure("C1", "compound", target=80, Scheme="yearly"),
        measure("D1", "demand", target=80, Scheme="none"),
        measure("O1", "overridden", target=90),
    ], {"P1": [80, 84.9], "T1": [90, 92.1], "T2": [90, 88], "T3": [90, 87.9],
        "C1": [65, 70], "D1": [5, 99], "O1": [50, 60]},
        periods=["Q2 2016/17", "Q2 2017/18"],
        commentary=[{"ID": "O1", "RAG override": "Amber",
                     "Override reason": "one-off data loss in May"}],
        settings={"Direction comparator": "Both"})
    (folder / "schemes.toml").write_text(SCHEMES_TOML, encoding="utf-8")
    return folder


def test_schemes_toml_scheme_column_and_override(scheme_set):
    report_set, problems = require_report_set(scheme_set)
    ratings = rate_report_set(report_set)
    assert {k: r.status for k, r in ratings.items()} == {
        "P1": "Amber", "T1": "Above target", "T2": "On target", "T3": "Below target",
        "C1": "Amber", "D1": "Monitor", "O1": "Amber"}
    assert ratings["O1"].computed_status == "Red"
    assert ratings["C1"].direction_long == "better"
    report = compose_performance_report(report_set, ratings)
    tables = {t.key: [r.measure_id for r in t.rows] for t in report.parts[0].tables}
    assert tables == {"good": ["T1", "T2"], "lower": ["T3", "P1", "C1", "O1"], "unrated": ["D1"]}
    legend = " ".join(report.legend)
    assert "★ Above target: better than the target by more than its tolerance." in legend
    assert "85 or better" in legend and "the same period last year" in legend


def test_override_is_visible_everywhere(scheme_set, tmp_path):
    result = build_set(scheme_set, tmp_path / "out")
    assert result.ok, [p.describe() for p in result.problems]
    out = tmp_path / "out" / scheme_set.name
    manifest = json.loads((out / "manifest.json").read_text())
    o1 = next(m for m in manifest["measures"] if m["id"] == "O1")
    assert (o1["status"], o1["computed_status"], o1["override_reason"]) == \
        ("Amber", "Red", "one-off data loss in May")
    assert next(m for m in manifest["measures"] if m["id"] == "T1")["scheme"] == "three"
    html = next(out.glob("*.html")).read_text()
    assert "Rated Amber by the service: </strong>one-off data loss in May (calculated: Red)" in html
    assert "schemes.toml" in [i["path"] for i in manifest["inputs"]]


@pytest.mark.parametrize("commentary, message, column", [
    ({"ID": "O1", "RAG override": "Amber"}, "has no reason", "Override reason"),
    ({"ID": "O1", "RAG override": "Purple", "Override reason": "x"}, "is not a status",
     "RAG override"),
])
def test_bad_overrides_are_errors_naming_the_cell(tmp_path, commentary, message, column):
    from openpyxl.utils import get_column_letter

    from reportgen.read.contract import COMMENTARY_COLUMNS

    folder = write_set(tmp_path / "s", [measure("O1", target=90)], {"O1": [50, 60]},
                       commentary=[commentary])
    _, problems = read_report_set(folder)
    (error,) = [p for p in problems if p.severity == "error"]
    assert message in error.message and error.where.sheet == "Commentary"
    letter = get_column_letter(COMMENTARY_COLUMNS.index(column) + 1)
    assert error.where.cell == f"{letter}2"


@pytest.mark.parametrize("toml, message", [
    ("[schemes.x]\nrule = \"magic\"\n", "rule 'magic'"),
    ("[schemes.x]\nrule = \"thresholds\"\ngreen_from = 85\n", "needs green_from and amber_from"),
    ("[schemes.x\n", "not valid TOML"),
    ("[schemes.x]\nrule = \"tolerance\"\nstatuses = [{ name = \"A\", symbol = \"*\", "
     "colour = \"000000\" }]\n", "needs 3"),
    ("[schemes.x]\nrule = \"tolerance\"\nstatuses = [{ name = \"A\", symbol = \"*\", "
     "colour = \"red;background:url(file:///etc/passwd)\" }]\n", "not a six-digit hex"),
])
def test_schemes_toml_is_validated_with_clear_errors(tmp_path, toml, message):
    folder = write_set(tmp_path / "s", [measure("M1", target=90)], {"M1": [50, 60]})
    (folder / "schemes.toml").write_text(toml)
    _, problems = read_report_set(folder)
    errors = [p for p in problems if p.severity == "error"]
    assert errors and message in errors[0].message and errors[0].where.file == "schemes.toml"


def test_unknown_scheme_names_are_errors(tmp_path):
    folder = write_set(tmp_path / "s", [measure("M1", target=90, Scheme="nope")],
                       {"M1": [50, 60]}, settings={"Scheme": "missing"})
    _, problems = read_report_set(folder)
    messages = " ".join(p.message for p in problems if p.severity == "error")
    assert "scheme 'missing' is not defined" in messages and "names scheme 'nope'" in messages


def test_compound_without_last_year_warns(tmp_path):
    folder = write_set(tmp_path / "s", [measure("C1", target=80)], {"C1": [None, 70]},
                       settings={"Scheme": "compound"})
    result = build_set(folder, tmp_path / "out")
    assert any("no comparison was possible" in p.message for p in result.problems)


# --- drafted wording next to the seed's own ----------------------------------------------

SEED_000_SENTENCES = {
    "CSC01": ("is on the tolerance target of 95%",
              "Note: There is a 5% tolerance against the target of 100% to allow for exceptions "
              "for this indicator where a child cannot be seen for legitimate reasons (95-100% = "
              "Green, less than 95% = Amber, less than 85.5% = Red)."),
    "CSC02": ("is above the tolerance target of 95%", None),
    "CSC05": ("is 11% below the tolerance target of 86%", None),
    "CSC11": ("is 4% below the tolerance target of 85%",
              "Note: There is a 15% tolerance against the target of 100% to allow for exceptions "
              "(85-100% = Green, less than 85% = Amber, less than 76.5% = Red)."),
    "CSC12": ("is 7% below the tolerance target of 95%", None),
    "CSC13": ("is 2% below the tolerance target of 95%", None),
}


@pytest.fixture(scope="module")
def seed_000():
    report_set, _ = require_report_set(SAMPLES / "childrens-services-2017-q2")
    return report_set, rate_report_set(report_set)


@pytest.mark.parametrize("ident", SEED_000_SENTENCES)
def test_drafted_sentences_read_like_the_seed(seed_000, ident):
    report_set, ratings = seed_000
    m = next(x for x in report_set.measures if x.id == ident)
    distance, note = SEED_000_SENTENCES[ident]
    assert draft_distance(m, ratings[ident]) == distance
    if note:
        assert draft_note(m, ratings[ident], ("Green", "Amber", "Red")) == note


def test_drafted_benchmark_sentence_reads_like_the_seed(seed_000):
    report_set, ratings = seed_000
    by_id = {m.id: m for m in report_set.measures}
    # seed 000: "… and is performing above our Statistical Neighbours (82%), the South East
    # (72%) and England (77%)."
    assert draft_benchmarks(by_id["CSC03"], ratings["CSC03"].value) == (
        "performing above our Statistical Neighbours (82%), the South East (72%) and "
        "England (77%)")
    assert draft_benchmarks(by_id["CSC05"], ratings["CSC05"].value) == (
        "performing below our Statistical Neighbours (86%), the South East (83%) and "
        "England (83%)")


def test_a_low_is_good_percentage_is_higher_or_lower_never_performing_below(tmp_path):
    # seed 000, repeat referrals (good to be low) at 35%: "is higher than our Statistical
    # Neighbours (20%), the South East (24%) and England (22%)"; "performing below" would
    # tell a councillor the council does worse where it does better.
    folder = write_set(tmp_path / "s", [
        measure("M1", "repeat referrals", polarity="Low", target=25, Stat_neighbours=20,
                South_East=24, England=22),
        measure("M2", "re-offending", polarity="Low", target=30, Stat_neighbours=29.4,
                England=24.9)], {"M1": [None, 35], "M2": [None, 24.9]})
    report_set, _ = require_report_set(folder)
    ratings = rate_report_set(report_set)
    m1, m2 = report_set.measures
    assert draft_benchmarks(m1, ratings["M1"].value) == (
        "higher than our Statistical Neighbours (20%), the South East (24%) and England (22%)")
    assert draft_benchmarks(m2, ratings["M2"].value) == (
        "lower than our Statistical Neighbours (29.4%) and in line with England (24.9%)")


def test_drafted_benchmarks_mixed_in_line_and_other_units(tmp_path):
    folder = write_set(tmp_path / "s", [
        measure("M1", target=90, Stat_neighbours=82, South_East=95, England=88),
        measure("M2", "days to adopt", unit="days", polarity="Low", target=120,
                Stat_neighbours=117, England=125)], {"M1": [None, 88], "M2": [None, 120]})
    report_set, _ = require_report_set(folder)
    ratings = rate_report_set(report_set)
    m1, m2 = report_set.measures
    assert draft_benchmarks(m1, ratings["M1"].value) == (
        "performing above our Statistical Neighbours (82%), below the South East (95%) and "
        "in line with England (88%)")
    assert draft_benchmarks(m2, ratings["M2"].value) == (
        "3 days longer than our Statistical Neighbours (117 days) and 5 days shorter than "
        "England (125 days)")


def test_typed_text_wins_and_the_manifest_lists_what_was_drafted(tmp_path):
    folder = write_set(tmp_path / "s", [measure("M1", target=90), measure("M2", target=90)],
                       {"M1": [None, 80], "M2": [None, 80]},
                       commentary=[{"ID": "M1", "Benchmarking": "Typed by the officer."}])
    build_set(folder, tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / "s" / "manifest.json").read_text())
    drafted = {m["id"]: m["drafted"] for m in manifest["measures"]}
    assert drafted == {"M1": [], "M2": ["benchmarking"]}


def test_scheme_colours_are_checked_for_contrast(tmp_path):
    folder = write_set(tmp_path / "s", [measure("M1", target=90)], {"M1": [50, 60]})
    (folder / "schemes.toml").write_text(
        "[schemes.pale]\nrule = \"tolerance\"\nstatuses = [\n"
        "{ name = \"Good\", symbol = \"+\", colour = \"FFFF00\", text = \"FFFFFF\" },\n"
        "{ name = \"Fair\", symbol = \"~\", colour = \"FFBF47\", text = \"0B0C0C\" },\n"
        "{ name = \"Poor\", symbol = \"-\", colour = \"B10E1E\", text = \"FFFFFF\" }]\n")
    _, problems = read_report_set(folder)
    (warning,) = [p for p in problems if p.severity == "warning" and "contrast" in p.message]
    assert "'Good'" in warning.message and "4.5:1" in warning.message


def test_custom_status_colours_reach_the_html(scheme_set, tmp_path):
    build_set(scheme_set, tmp_path / "out")
    html = next((tmp_path / "out" / scheme_set.name).glob("*.html")).read_text()
    assert 'style="background-color:#1D70B8;color:#FFFFFF"><span aria-hidden="true">●</span> ' \
        'On target</td>' in html


def test_no_change_margin_makes_small_moves_the_same(tmp_path):
    folder = write_set(tmp_path / "s", [measure("M1", target=90), measure("M2", target=90)],
                       {"M1": [90, 90.4], "M2": [90, 91]}, settings={"No change margin": 0.5})
    report_set, _ = require_report_set(folder)
    ratings = rate_report_set(report_set)
    assert (ratings["M1"].direction, ratings["M2"].direction) == ("same", "better")


def test_schemes_command_lists_schemes_with_legends(scheme_set, capsys):
    from reportgen.cli import main
    assert main(["schemes", str(scheme_set)]) == 0
    out = capsys.readouterr().out
    assert "progress (thresholds; schemes.toml)" in out
    assert "★ Above target: better than the target by more than its tolerance." in out
    assert "default (tolerance; built in)" in out


def test_a_tolerance_under_another_rule_is_not_checked_as_a_tolerance(tmp_path):
    """Around a target, a tolerance as large as the target is a band of its own: no warning
    that every value would be Green (the tolerance rule's), as under thresholds."""
    folder = write_set(tmp_path / "s", [
        measure("T1", "three", target=10, tolerance=10, Scheme="three"),
        measure("P1", "progress", target=2, tolerance=3, Scheme="progress")],
        {"T1": [5, 25], "P1": [80, 90]}, periods=["Q2 2016/17", "Q2 2017/18"],
        commentary=[{"ID": m, "Commentary": "Words."} for m in ("T1", "P1")])
    (folder / "schemes.toml").write_text(SCHEMES_TOML, encoding="utf-8")
    assert [p.message for p in check_set(folder).problems if "tolerance" in p.message] == []
