"""Benchmarks read from Explore Education Statistics CSV files in a set's benchmarks/ folder:
the neighbours' mean, the council's region and England, for the file's latest period, where
the workbook leaves them blank."""

from __future__ import annotations

import json

from reportgen.pipeline import build_set
from reportgen.read.workbook import read_report_set
from tests.conftest import measure, write_set

HEADER = ("time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
          "region_name,old_la_code,new_la_code,la_name,social_care_group,rate_per_10000,"
          "pct_repeat_referrals")
ROWS = [
    # the latest period: England, the South East, the council, three neighbours (one with a
    # suppressed value) and another authority; then a breakdown that is not a Total row
    "202324,Reporting year,National,E92000001,England,,,,,,Total,70.0,22.4",
    "202324,Reporting year,Regional,E92000001,England,E12000008,South East,,,,Total,65.5,21.0",
    "202324,Reporting year,Local authority,E92000001,England,E12000008,South East,825,"
    "E10000002,Buckinghamshire,Total,40.1,19.0",
    "202324,Reporting year,Local authority,E92000001,England,E12000008,South East,1,E1,A,"
    "Total,50.0,20.0",
    "202324,Reporting year,Local authority,E92000001,England,E12000008,South East,2,E2,B,"
    "Total,60.0,c",
    "202324,Reporting year,Local authority,E92000001,England,E12000006,East of England,3,E3,"
    "C,Total,x,30.0",
    "202324,Reporting year,Local authority,E92000001,England,E12000008,South East,825,"
    "E10000002,Buckinghamshire,Boys,99.9,99.9",
    # an earlier year, never read
    "202223,Reporting year,National,E92000001,England,,,,,,Total,1.0,1.0",
]
META = ("col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,"
        "filter_grouping_column\n"
        "social_care_group,Filter,Social care group,,,,,\n"
        "rate_per_10000,Indicator,Rate per 10000 children,,,1,,\n"
        "pct_repeat_referrals,Indicator,Repeat referrals,,%,1,,\n")
SETTINGS = {"Local authority code": "E10000002", "Statistical neighbours": "E1, E2, E3"}


def council(tmp_path, measures, settings=SETTINGS, rows=ROWS, meta=META):
    folder = write_set(tmp_path / "set", measures, {m["ID"]: [30, 40] for m in measures},
                       settings=settings)
    (folder / "benchmarks").mkdir()
    (folder / "benchmarks" / "cla_rates.csv").write_text(
        "\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    if meta:
        (folder / "benchmarks" / "cla_rates.meta.csv").write_text(meta, encoding="utf-8")
    return folder


def rate(id="M1", **extra):
    return measure(id, name="Rate of referrals per 10,000", polarity="Low", unit="per 10,000",
                   target=45, **{"Benchmark indicator": "rate_per_10000", **extra})


def test_blank_benchmarks_are_filled_from_the_latest_period_of_the_file(tmp_path):
    report_set, problems = read_report_set(council(tmp_path, [rate()]))
    assert not problems.has_errors, [p.describe() for p in problems]
    figures = {k: (str(v.value), v.decimals) for k, v in report_set.measures[0].benchmarks.items()}
    # E3 has "x" (not available): the mean is of E1 and E2 only, (50.0 + 60.0) / 2
    assert figures == {"Statistical Neighbours": ("55.0", 1), "South East": ("65.5", 1),
                       "England": ("70.0", 1)}
    assert report_set.measures[0].benchmark_note == \
        "(Source: Explore Education Statistics, 2023/24 (Reporting year).)"


def test_a_suppressed_neighbour_is_left_out_of_the_mean_and_the_manifest_says_so(tmp_path):
    folder = council(tmp_path, [measure("M2", name="Repeat referrals", target=20,
                                        **{"Benchmark indicator": "pct_repeat_referrals"})])
    assert build_set(folder, tmp_path / "out").ok
    manifest = json.loads((tmp_path / "out" / "set" / "manifest.json").read_text())
    (source,) = manifest["benchmark_sources"]
    assert source == {"measure": "M2", "file": "benchmarks/cla_rates.csv",
                      "indicator": "pct_repeat_referrals", "period": "2023/24 (Reporting year)",
                      "local_authority_code": "E10000002", "region_code": "E12000008",
                      "statistical_neighbours": ["E1", "E2", "E3"], "neighbours_averaged": 2,
                      "filled": ["Statistical Neighbours", "South East", "England"]}
    row = manifest["measures"][0]
    assert (row["stat_neighbours"], row["region"], row["region_name"], row["england"]) == \
        (25, 21, "South East", 22.4)  # (20.0 + 30.0) / 2; "c" (confidential) is no figure
    assert row["benchmark_period"] == "2023/24 (Reporting year)"
    assert "benchmarks/cla_rates.csv" in {i["path"] for i in manifest["inputs"]}


def test_a_typed_figure_always_wins(tmp_path):
    report_set, _ = read_report_set(council(tmp_path, [rate(**{"Stat neighbours": 41,
                                                               "England": 69})]))
    figures = {k: v.value for k, v in report_set.measures[0].benchmarks.items()}
    assert figures == {"Statistical Neighbours": 41, "South East": 65.5, "England": 69}


def test_an_indicator_no_file_holds_is_an_error_naming_the_cell(tmp_path):
    report_set, problems = read_report_set(council(tmp_path, [rate(
        **{"Benchmark indicator": "rate_per_1000"})]))
    (error,) = [p for p in problems if p.severity == "error"]
    assert "Benchmark indicator 'rate_per_1000' of measure M1 is in no file" in error.message
    assert (error.where.sheet, error.where.cell) == ("Measures", "T2")  # its column, row 2


def test_codes_the_file_lacks_and_a_missing_council_code_are_errors(tmp_path):
    _, problems = read_report_set(council(tmp_path, [rate()], settings={
        "Local authority code": "E10000002", "Statistical neighbours": "E1, E9"}))
    assert any("no row for the statistical neighbours E9" in p.message for p in problems)
    _, problems = read_report_set(council(tmp_path / "b", [rate()], settings={}))
    assert any("Settings has no Local authority code" in p.message for p in problems)


def test_a_file_in_another_format_is_named(tmp_path):
    folder = council(tmp_path, [rate()], meta=None)
    (folder / "benchmarks" / "lg_inform.csv").write_text("area,value\nBucks,1\n",
                                                         encoding="utf-8")
    _, problems = read_report_set(folder)
    error = next(p for p in problems if "lg_inform.csv" in p.message)
    assert "is not an Explore Education Statistics data file" in error.message
    assert error.where.file == "benchmarks/lg_inform.csv"


def test_without_a_benchmarks_folder_nothing_changes(tmp_path):
    folder = write_set(tmp_path / "set", [measure("M1", **{"Stat neighbours": 80})],
                       {"M1": [30, 40]})
    report_set, problems = read_report_set(folder)
    assert not problems.has_errors, [p.describe() for p in problems]
    assert report_set.benchmark_sources == []
    assert {k: v.value for k, v in report_set.measures[0].benchmarks.items()} == {
        "Statistical Neighbours": 80}


def test_a_file_no_measure_uses_is_named(tmp_path):
    folder = council(tmp_path, [measure("M1")])
    _, problems = read_report_set(folder)
    warning = next(p for p in problems if "cla_rates.csv" in p.message)
    assert warning.severity == "warning" and "is not read: no measure names" in warning.message


def test_the_region_setting_names_typed_region_figures(tmp_path):
    folder = write_set(tmp_path / "set", [measure("M1", **{"South East": 70})], {"M1": [30, 40]},
                       settings={"Region": "London"})
    report_set, _ = read_report_set(folder)
    assert list(report_set.measures[0].benchmarks) == ["London"]


def test_the_papers_give_the_imported_figures_with_their_period(tmp_path):
    from reportgen.compose.performance import compose_performance_report
    from reportgen.rate import rate_report_set

    report_set, _ = read_report_set(council(tmp_path, [rate()]))
    report = compose_performance_report(report_set, rate_report_set(report_set))
    (row,) = [row for part in report.parts for table in part.tables for row in table.rows]
    text = " ".join(str(x) for x in row.benchmarking)
    assert "Statistical Neighbours (55.0 per 10,000)" in text
    assert "(Source: Explore Education Statistics, 2023/24 (Reporting year).)" in text


def test_a_region_is_named_as_a_sentence_says_it():
    from decimal import Decimal

    from reportgen.compose.draft import draft_benchmarks
    from reportgen.model import Measure, Number, Polarity

    m = Measure("M1", "Rate", unit="%", polarity=Polarity.HIGH, benchmarks={"East of England": Number(Decimal(30)),
                                                    "London": Number(Decimal(40))})
    assert draft_benchmarks(m, Number(Decimal(35))) == \
        "performing above the East of England (30%) and below London (40%)"


def messages(problems, severity="error") -> str:
    return " | ".join(p.message for p in problems if p.severity == severity)


def test_files_that_cannot_be_read_rightly_are_errors_never_guesses(tmp_path):
    cases = {
        "a row with a field too many": dict(rows=[*ROWS, ROWS[2] + ",extra"]),
        "no .meta.csv": dict(meta=None),
        "a duplicated neighbour row": dict(rows=[*ROWS, ROWS[3].replace("50.0", "99.0")]),
        "an indicator the data lacks": dict(meta=META + "rate_per_1000,Indicator,Rate,,,1,,\n"),
    }
    said = {}
    for n, (case, changes) in enumerate(cases.items()):
        indicator = "rate_per_1000" if case == "an indicator the data lacks" else None
        folder = council(tmp_path / str(n), [rate(**({"Benchmark indicator": indicator}
                                                     if indicator else {}))], **changes)
        report_set, problems = read_report_set(folder)
        said[case] = messages(problems)
        assert report_set is None, case  # stopped: nothing built from a guess
    assert "line 10, has more fields than the header" in said["a row with a field too many"]
    assert "cla_rates.meta.csv is missing" in said["no .meta.csv"]
    assert "has two rows for E1 in 2023/24" in said["a duplicated neighbour row"]
    assert "has no column 'rate_per_1000', though its .meta.csv" in \
        said["an indicator the data lacks"]


def test_two_files_holding_one_indicator_are_named(tmp_path):
    folder = council(tmp_path, [rate()])
    for suffix in (".csv", ".meta.csv"):
        (folder / "benchmarks" / f"copy{suffix}").write_bytes(
            (folder / "benchmarks" / f"cla_rates{suffix}").read_bytes())
    _, problems = read_report_set(folder)
    assert "is in benchmarks/cla_rates.csv and benchmarks/copy.csv" in messages(problems)


def test_the_latest_term_is_read_and_huge_figures_do_not_stop_the_build(tmp_path):
    rows = [r.replace("Reporting year", "Autumn term") for r in ROWS] + [
        r.replace("Reporting year", "Spring term").replace("70.0", "1E+30")
        for r in ROWS if r.startswith("202324")]
    report_set, problems = read_report_set(council(tmp_path, [rate()], rows=rows))
    assert not problems.has_errors, messages(problems)
    figures = {k: v.value for k, v in report_set.measures[0].benchmarks.items()}
    assert figures["England"] == 10 ** 30  # the Spring term's, the later part of the year
    assert "2023/24 (Spring term)" in report_set.measures[0].benchmark_note


def test_no_region_code_means_no_regional_figure_and_a_code_typed_twice_counts_once(tmp_path):
    header = HEADER.replace("region_code,", "")
    rows = [",".join(f for i, f in enumerate(r.split(",")) if i != 5) for r in ROWS]
    folder = council(tmp_path, [rate()], rows=rows, settings={
        "Local authority code": "E10000002", "Statistical neighbours": "E1, E1, E2"})
    (folder / "benchmarks" / "cla_rates.csv").write_text("\n".join([header, *rows]) + "\n",
                                                         encoding="utf-8")
    report_set, problems = read_report_set(folder)
    assert not problems.has_errors, messages(problems)
    figures = {k: v.value for k, v in report_set.measures[0].benchmarks.items()}
    assert figures == {"Statistical Neighbours": 55, "England": 70}  # (50 + 60) / 2
    assert "gives no region_code for E10000002" in messages(problems, "warning")
    assert "names a code twice" in messages(problems, "warning")
