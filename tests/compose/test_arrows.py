"""Direction-of-travel arrows as published: against the value before in the workbook (a
period not shown, too), the scorecard's period columns by label, and the arrows an officer
types from the published paper (the Arrows sheet). Seed 001 is the measure of it."""

from __future__ import annotations

import dataclasses
import re

import pytest

from reportgen.compose.scorecard import compose_scorecard
from reportgen.rate import rate_report_set
from reportgen.read.workbook import read_report_set, require_report_set
from tests.compose.test_scorecard import SEED_001
from tests.conftest import SAMPLES, measure, write_set

PERIODS = ("Mar 2016", "Jun 2016", "Sep 2016")   # the seed's columns holding values
MONTHS = ["Jan 2016", "Feb 2016", "Mar 2016", "Apr 2016", "May 2016", "Jun 2016"]

# Seed 001's arrows that its own figures cannot give, and why: each of its arrows compares a
# quarter-end value with the month before, which the seed does not print.
UNREPRODUCIBLE = {
    **{(row, "Mar 2016"): "the first column: against Feb 2016, not printed"
       for row in (1, 2, 3, 5, 8, 9, 10, 11, 24, 25, 26, 27, 28, 29, 30, 31, 32)},
    (8, "Sep 2016"): "99% then 95%, printed →: against Aug 2016",
    (10, "Jun 2016"): "90% then 85%, printed ↘ (no rule): against May 2016",
    (24, "Jun 2016"): "64% then 60%, printed →: against May 2016",
    (25, "Sep 2016"): "97% then 97%, printed ↑: against Aug 2016",
    (28, "Jun 2016"): "74% then 74%, printed ↓: against May 2016",
    (29, "Sep 2016"): "93% then 93%, printed ↑: against Aug 2016",
    (32, "Sep 2016"): "39% then 41%, printed →: against Aug 2016",
}


def seed_arrows() -> dict[tuple[int, str], str]:
    """Return seed 001's arrows by (row number, period): the cells printed "↑ 83%"."""
    found = {}
    for line in SEED_001.read_text(encoding="utf-8").splitlines():
        row = re.match(r"^\s*(\d{1,2})[\t ]+[^\t]+?\t", line)
        cells = [re.fullmatch(r"([↑↓→↘↔]) \S+", c.strip()) for c in line.split("\t")]
        arrows = [c[1] for c in cells if c]
        if row and arrows:
            found.update({(int(row[1]), p): a for p, a in zip(PERIODS, arrows)})
    return found


def built_arrows(report_set) -> dict[tuple[int, str], str]:
    card = compose_scorecard(report_set, rate_report_set(report_set))
    return {(row.number, period): cell.arrow
            for outcome in card.outcomes for theme in outcome.themes for row in theme.rows
            for period, cell in zip(card.periods, row.values) if cell.arrow}


def without_typed_arrows(report_set):
    """The set as if its Arrows sheet were empty: every arrow worked out from the figures."""
    for m in report_set.measures:
        m.observations = [dataclasses.replace(o, arrow=None) for o in m.observations]
    return report_set


@pytest.mark.skipif(not SEED_001.exists(), reason="../shared/seeds is not beside the checkout")
def test_the_cabinet_sample_prints_every_arrow_of_seed_001():
    seed = seed_arrows()
    assert len(seed) == 51
    report_set, _ = require_report_set(SAMPLES / "cabinet-2017-06")
    assert built_arrows(report_set) == seed


@pytest.mark.skipif(not SEED_001.exists(), reason="../shared/seeds is not beside the checkout")
def test_the_figures_alone_give_27_of_seed_001s_arrows_and_the_others_need_months_not_printed():
    """Before arrows could be typed: 27 of 51. The 24 others are in the Arrows sheet."""
    seed = seed_arrows()
    report_set, _ = require_report_set(SAMPLES / "cabinet-2017-06")
    ours = built_arrows(without_typed_arrows(report_set))
    agree = {key for key, arrow in seed.items() if ours.get(key) == arrow}
    assert len(agree) == 27
    assert set(seed) - agree == set(UNREPRODUCIBLE)
    assert set(ours) <= set(seed)   # no arrow the seed does not print


def monthly_set(tmp_path, columns, values=(70, 72, 75, 75, 80, 78), **settings):
    """A one-measure set of monthly values Jan-Jun 2016, with `Period columns` `columns`."""
    return write_set(tmp_path / "m", [measure("M1", target=90, Theme="Quality")],
                     {"M1": list(values)}, periods=MONTHS,
                     settings={"Period columns": columns, **settings})


def test_quarter_end_columns_of_a_monthly_workbook_get_month_on_month_arrows(tmp_path):
    report_set, problems = read_report_set(monthly_set(tmp_path, "Mar 2016,  jun 2016"))
    card = compose_scorecard(report_set, rate_report_set(report_set))
    assert card.periods == ("Mar 2016", "Jun 2016")
    (row,) = card.outcomes[0].themes[0].rows
    # Mar 75 against Feb 72 (not shown): better; Jun 78 against May 80: worse, though Jun is
    # above the Mar column it follows
    assert [c.label for c in row.values] == ["↑ 75%", "↓ 78%"]


def test_the_first_column_gets_an_arrow_only_when_an_earlier_value_exists(tmp_path):
    folder = monthly_set(tmp_path, "Jan 2016, Mar 2016", values=(70, None, 75, 75, 80, 78))
    report_set, _ = read_report_set(folder)
    (row,) = compose_scorecard(report_set, rate_report_set(report_set)).outcomes[0].themes[0].rows
    assert [c.label for c in row.values] == ["70%", "↑ 75%"]   # Mar against Jan: Feb is blank


@pytest.mark.parametrize("columns, said", [
    ("Mar 2016, Sept 2016", "'Sept 2016'"),
    ("Q1 2016/17", "'Q1 2016/17'"),
])
def test_a_period_column_label_not_in_outturns_names_the_cell(tmp_path, columns, said):
    _, problems = read_report_set(monthly_set(tmp_path, columns))
    (error,) = [p for p in problems if p.severity == "error"]
    assert (error.where.sheet, error.where.cell) == ("Settings", "B2")
    assert said in error.message and "Jan 2016" in error.message


def test_a_number_of_period_columns_still_means_the_last_ones(tmp_path):
    report_set, _ = read_report_set(monthly_set(tmp_path, 2))
    assert compose_scorecard(report_set, rate_report_set(report_set)).periods == (
        "May 2016", "Jun 2016")


def with_arrows(folder, rows: list[list]):
    """Add an Arrows sheet of `rows` (header first) to the set's outturns.xlsx."""
    import openpyxl

    wb = openpyxl.load_workbook(folder / "outturns.xlsx")
    ws = wb.create_sheet("Arrows")
    for row in rows:
        ws.append(row)
    wb.save(folder / "outturns.xlsx")
    return folder


def shown(folder) -> list[tuple[str, str | None]]:
    report_set, _ = require_report_set(folder)
    (row,) = compose_scorecard(report_set, rate_report_set(report_set)).outcomes[0].themes[0].rows
    return [(c.label, c.direction) for c in row.values]


@pytest.mark.parametrize("typed, expected", [
    (["↑", None], [("↑ 75%", "better"), ("↓ 78%", "worse")]),        # blank: worked out
    (["Same", "BETTER"], [("→ 75%", "same"), ("↑ 78%", "better")]),  # words, as published
    (["none", "↘"], [("75%", None),
                     ("↘ 78%", "arrow as published, meaning not stated")]),
])
def test_arrows_typed_as_published_are_printed_instead(tmp_path, typed, expected):
    folder = with_arrows(monthly_set(tmp_path, "Mar 2016, Jun 2016"),
                         [["ID", "Mar 2016", "Jun 2016"], ["M1", *typed]])
    assert shown(folder) == expected


def test_the_legend_says_which_arrows_are_printed_as_published(tmp_path):
    folder = with_arrows(monthly_set(tmp_path, "Mar 2016, Jun 2016"),
                         [["ID", "Jun 2016"], ["M1", "↔"]])
    report_set, _ = require_report_set(folder)
    legend = " ".join(compose_scorecard(report_set, rate_report_set(report_set)).legend)
    assert "printed as the service published them" in legend
    assert "↔ is printed as published; no meaning is stated for it." in legend


@pytest.mark.parametrize("rows, cell, said", [
    ([["ID", "Jun 2016"], ["M1", "up"]], "B2", "arrow 'up' is not one reportgen prints"),
    ([["ID", "Jul 2016"], ["M1", "↑"]], "B1", "period 'Jul 2016' is not a period column"),
    ([["ID", "Jun 2016"], ["M9", "↑"]], "A2", "ID 'M9' is not in the Measures sheet"),
])
def test_a_wrong_arrows_cell_is_named(tmp_path, rows, cell, said):
    folder = with_arrows(monthly_set(tmp_path, 2), rows)
    _, problems = read_report_set(folder)
    (error,) = [p for p in problems if p.severity == "error"]
    assert (error.where.sheet, error.where.cell) == ("Arrows", cell) and said in error.message


def test_an_arrow_without_a_value_is_warned_of(tmp_path):
    folder = with_arrows(monthly_set(tmp_path, 2, values=(70, 72, 75, 75, 80, None)),
                         [["ID", "Jun 2016"], ["M1", "↑"]])
    report_set, problems = read_report_set(folder)
    (warning,) = [p for p in problems if p.where.sheet == "Arrows"]
    assert warning.severity == "warning" and "no value beside it" in warning.message
