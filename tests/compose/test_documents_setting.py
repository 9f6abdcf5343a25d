"""The `Documents` setting: which documents a set gets, and the pack."""

import pytest

from reportgen.compose import compose_documents, has_pack
from reportgen.rate import rate_report_set
from reportgen.read.contract import DOCUMENTS
from reportgen.read.workbook import read_report_set, require_report_set
from tests.compose.test_cabinet import NARRATIVE, REPORT
from tests.conftest import measure, write_set

MEASURES = [measure("M1", target=90, Theme="Quality"),
            measure("M2", target=None, polarity=None, Theme="Demand")]
VALUES = {"M1": [80, 95], "M2": [3, 4]}


def documents_of(tmp_path, documents, narrative=NARRATIVE):
    """Return (kinds of the documents composed, whether there is a pack) for a themed set
    with a Narrative sheet and the `Documents` setting `documents` (None: no such row)."""
    settings = {"Documents": documents} if documents is not None else None
    folder = write_set(tmp_path / "s", MEASURES, VALUES, settings=settings, report=REPORT,
                       narrative=narrative)
    report_set, _ = require_report_set(folder)
    kinds = [d.kind for d in compose_documents(report_set, rate_report_set(report_set))]
    return kinds, has_pack(report_set)


def errors_of(tmp_path, documents, narrative=NARRATIVE):
    folder = write_set(tmp_path / "s", MEASURES, VALUES, settings={"Documents": documents},
                       report=REPORT, narrative=narrative)
    _, problems = read_report_set(folder)
    return [p for p in problems if p.severity == "error"]


@pytest.mark.parametrize("documents, kinds, pack", [
    (None, ["cabinet-report", "appendix-scorecard", "performance-report"], True),
    ("Report to Cabinet, Appendix 1, Pack", ["cabinet-report", "appendix-scorecard"], True),
    ("appendix1;  REPORT TO cabinet", ["cabinet-report", "appendix-scorecard"], False),
    ("Pack\nAppendix 1\nPerformance report", ["appendix-scorecard", "performance-report"], True),
    ("Report to Cabinet", ["cabinet-report"], False),
])
def test_documents_lists_what_is_built_in_pack_order(tmp_path, documents, kinds, pack):
    assert documents_of(tmp_path, documents) == (kinds, pack)


def test_an_unknown_name_names_the_cell_and_the_names_allowed(tmp_path):
    (error,) = errors_of(tmp_path, "Appendix 1, Scorecard")
    assert (error.where.file, error.where.sheet) == ("outturns.xlsx", "Settings")
    assert error.where.cell and "'Scorecard'" in error.message
    assert all(name in error.fix for name in DOCUMENTS)
    from reportgen.pipeline import check_set   # `check` finds it: the set is read the same

    assert [p.message for p in check_set(tmp_path / "s").problems
            if p.severity == "error"] == [error.message]


def test_a_report_to_cabinet_needs_a_narrative_sheet(tmp_path):
    (error,) = errors_of(tmp_path, "Report to Cabinet, Appendix 1", narrative=None)
    assert error.where.sheet == "Settings" and "Narrative" in error.message


def test_a_pack_alone_joins_nothing(tmp_path):
    (error,) = errors_of(tmp_path, "Pack")
    assert error.where.sheet == "Settings" and "only Pack" in error.message


def test_a_narrative_sheet_left_out_needs_no_meeting_date(tmp_path):
    """The meeting date is needed for the Report to Cabinet's dates only."""
    folder = write_set(tmp_path / "s", MEASURES, VALUES, settings={"Documents": "Appendix 1"},
                       narrative=NARRATIVE)
    report_set, problems = read_report_set(folder)
    assert report_set is not None and not [p for p in problems if p.severity == "error"]


@pytest.mark.parametrize("documents, placed", [
    ("Performance report", {"M1", "M2"}),   # a Monitor measure too, in its own table
    ("Report to Cabinet", set()),           # no document of measures: none is published
])
def test_every_measure_reaches_a_listed_document_of_measures(tmp_path, documents, placed):
    from reportgen.compose.manifest import positions
    from reportgen.pipeline import check_set

    folder = write_set(tmp_path / "s", MEASURES, VALUES, settings={"Documents": documents},
                       report=REPORT, narrative=NARRATIVE)
    assert check_set(folder).ok
    report_set, _ = require_report_set(folder)
    assert set(positions(compose_documents(report_set, rate_report_set(report_set)))) == placed


def test_a_pack_without_a_report_to_cabinet_joins_the_appendices(tmp_path):
    """No Narrative sheet: the pack is Appendix 1 then the performance report, in one PDF."""
    import pikepdf

    from reportgen.pipeline import build_set

    folder = write_set(tmp_path / "s", MEASURES, VALUES, report={"Title": "Q1 Update"},
                       settings={"Documents": "Pack, Performance report, Appendix 1"})
    result = build_set(folder, tmp_path / "out")
    assert result.ok, [p.describe() for p in result.problems]
    built = {p.name for p in result.written}
    assert {"Q1 Update - Appendix 1.pdf", "Q1 Update - Performance report.pdf",
            "Q1 Update - Pack.pdf"} <= built
    pages = {}
    for name in (n for n in built if n.endswith(".pdf")):
        with pikepdf.open(tmp_path / "out" / "s" / name) as pdf:
            pages[name] = len(pdf.pages)
    assert pages["Q1 Update - Pack.pdf"] == pages["Q1 Update - Appendix 1.pdf"] + \
        pages["Q1 Update - Performance report.pdf"]
