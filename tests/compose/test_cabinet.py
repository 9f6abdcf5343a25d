"""The Report to Cabinet (seed 004): numbering, markup, dates, names, properties and the pack."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pikepdf
import pytest

from reportgen.accessibility import check_pdf
from reportgen.compose import compose_documents, file_stem

from reportgen.pipeline import build_set

from reportgen.rate import rate_report_set

from reportgen.render import TEMPLATES
from reportgen.compose.cabinet import compose_cabinet_report
from reportgen.compose.dates import add_working_days, format_date, last_working_day_before
from reportgen.document import Block, Run, TableBlock
from reportgen.compose.markup import parse_inline, parse_markup
from reportgen.run.pool import run_sets
from reportgen.read.workbook import require_report_set
from reportgen.render.html import render_html
from tests.conftest import ROOT, measure, write_set

REPORT = {"Title": "Children's Services Update", "Committee": "Cabinet",
          "Meeting date": dt.datetime(2017, 6, 5), "Author": "Cabinet Member",
          "Summary": "First.\n\nSecond with **bold**.", "Recommendation": "Cabinet note it.",
          "Press office phone": "01296 382444", "Member Services phone": "01296 382343",
          "Member Services email": "democracy@example.gov.uk"}
NARRATIVE = [
    ("A. National Context", "No", None, "Intro to A."),
    (None, "Yes", "The Changing Landscape", "Body one."),
    (None, "No", None, "More under one."),
    (None, "Yes", "**Wood Report** (March 2016)", "1. first\n2. second"),
    ("B. Inspection Regimes/ Update", "Yes", "Future", "1. again\n2. restarts"),
    ("B. Inspection Regimes/ Update", "Yes", "Overview", "| Judgement | Count | % |\n"
     "|---|---|---|\n| Good | 35 | 27% |"),
    ("E. Conclusion", "No", None, "Closing."),
]


@pytest.fixture
def cabinet_set(tmp_path):
    return write_set(tmp_path / "cab", [measure("M1", target=90, Theme="Quality"),
                                        measure("M2", target=80)],
                     {"M1": [80, 95], "M2": [70, 75]}, report=REPORT, narrative=NARRATIVE)


def compose(folder):
    report_set, _ = require_report_set(folder)
    return compose_cabinet_report(report_set)


def test_numbers_run_through_sections_and_extra_blocks_join_their_number(cabinet_set):
    report = compose(cabinet_set)
    layout = [(s.title, [(p.number, "".join(r.text for r in p.heading),
                          [b.text for b in p.body]) for p in s.paragraphs])
              for s in report.sections]
    assert layout == [
        ("A. National Context", [(None, "", ["Intro to A."]),
                                 (1, "The Changing Landscape", ["Body one.", "More under one."]),
                                 (2, "Wood Report (March 2016)", ["first", "second"])]),
        ("B. Inspection Regimes/ Update", [(3, "Future", ["again", "restarts"]),
                                           (4, "Overview", ["Judgement | Count | %\n"
                                                            "Good | 35 | 27%"])]),
        ("E. Conclusion", [(None, "", ["Closing."])]),
    ]


def test_heading_is_bold_unless_the_officer_marked_the_bold_part(cabinet_set):
    sections = compose(cabinet_set).sections
    assert all(r.bold for r in sections[0].paragraphs[1].heading)
    assert [(r.text, r.bold) for r in sections[0].paragraphs[2].heading] == \
        [("Wood Report", True), (" (March 2016)", False)]


def test_numbered_items_restart_in_each_block(cabinet_set):
    html = render_html(compose(cabinet_set), TEMPLATES)
    assert html.count("<ol><li>first</li><li>second</li></ol>") == 1
    assert html.count("<ol><li>again</li><li>restarts</li></ol>") == 1
    assert '<span class="num">3.</span>' in html and '<span class="num">5.</span>' not in html


@pytest.mark.parametrize("text, blocks", [
    ("one\n\ntwo", [Block((Run("one"),)), Block((Run("two"),))]),
    ("line one\nline two", [Block((Run("line one\nline two"),))]),
    ("- a\n  - b\n- c", [Block((Run("a"),), "bullet"), Block((Run("b"),), "bullet", 1),
                        Block((Run("c"),), "bullet")]),
    ("1. a\n2. b", [Block((Run("a"),), "number"), Block((Run("b"),), "number")]),
    ("### Leadership", [Block((Run("Leadership"),), "subheading")]),
    ("| A | B |\n|---|---|\n| 1 | 2 |",
     [TableBlock(((Run("A"),), (Run("B"),)), (((Run("1"),), (Run("2"),)),))]),
])
def test_markup_blocks(text, blocks):
    assert list(parse_markup(text)) == blocks


@pytest.mark.parametrize("text, runs", [
    ("**bold** and *it*", [Run("bold", bold=True), Run(" and "), Run("it", italic=True)]),
    ("[gov](https://www.gov.uk)", [Run("gov", href="https://www.gov.uk")]),
    ("[x](http://127.0.0.1/)", [Run("x")]),        # not https: its text only
    ("[x](javascript:alert(1))", [Run("x")]),     # the whole target, parentheses and all
    ("[x](file:///etc/passwd)", [Run("x")]),
    ("3*4*5 stays", [Run("3*4*5 stays")]),
    ("<b>{{ 7*7 }}</b>", [Run("<b>{{ 7*7 }}</b>")]),
])
def test_markup_inline(text, runs):
    assert list(parse_inline(text)) == runs


def test_markup_is_never_raw_html(cabinet_set, tmp_path):
    folder = write_set(tmp_path / "h", [measure("M1")], {"M1": [1, 2]}, report=REPORT,
                       narrative=[("A. X", "Yes", "<i>h</i>", "<script>alert(1)</script> & "
                                   "[a](https://x.example/\"onclick=\"y)")])
    html = render_html(compose(folder), TEMPLATES)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in html
    assert "&lt;i&gt;h&lt;/i&gt;" in html
    assert 'onclick="y' not in html


@pytest.mark.parametrize("start, days, expected", [
    (dt.date(2017, 6, 5), 6, dt.date(2017, 6, 13)),     # seed 004: Monday 5 -> Tuesday 13 June
    (dt.date(2018, 5, 24), 1, dt.date(2018, 5, 25)),
    (dt.date(2018, 5, 25), 1, dt.date(2018, 5, 29)),    # over the May bank holiday weekend
    (dt.date(2017, 12, 22), 2, dt.date(2017, 12, 28)),  # Christmas and Boxing Day
])
def test_working_days_skip_weekends_and_bank_holidays(start, days, expected):
    assert add_working_days(start, days) == expected


@pytest.mark.parametrize("meeting, deadline", [
    (dt.date(2017, 6, 5), dt.date(2017, 6, 2)),    # seed 004: Friday 2 June 2017
    (dt.date(2018, 5, 29), dt.date(2018, 5, 25)),  # the day after a bank holiday
    (dt.date(2017, 6, 7), dt.date(2017, 6, 6)),
])
def test_views_deadline_is_the_last_working_day_before(meeting, deadline):
    assert last_working_day_before(meeting) == deadline


def test_cover_and_views_use_the_computed_dates(cabinet_set):
    report = compose(cabinet_set)
    cover = {r.label: r.value for r in report.cover}
    assert cover["Date"] == "Monday 5 June 2017"
    assert cover["Date can be implemented"] == "Tuesday 13 June 2017"
    assert "by 5.00pm on Friday 2 June 2017. This can be done by telephone (to 01296 382343), " \
        "or e-mail to democracy@example.gov.uk" in report.views[1].text
    assert report.press_line.endswith("media office on 01296 382444")
    assert format_date(dt.date(2018, 5, 29)) == "Tuesday 29 May 2018"


def test_meeting_date_typed_as_text_and_call_in_setting(tmp_path):
    folder = write_set(tmp_path / "t", [measure("M1")], {"M1": [1, 2]},
                       report={**REPORT, "Meeting date": "Tuesday 29 May 2018"},
                       settings={"Call-in working days": 3}, narrative=NARRATIVE)
    report = compose(folder)
    cover = {r.label: r.value for r in report.cover}
    assert cover["Date can be implemented"] == "Friday 1 June 2018"
    assert "5.00pm on Friday 25 May 2018" in report.views[1].text


@pytest.mark.parametrize("report, suffix, stem", [
    ({"Meeting date": dt.date(2017, 6, 5), "Committee": "Cabinet"}, "",
     "2017-06-05 Cabinet - Children's Services Update"),
    ({"Meeting date": dt.date(2017, 6, 5), "Committee": "Cabinet"}, " - Appendix 1",
     "2017-06-05 Cabinet - Children's Services Update - Appendix 1"),
    ({"Committee": "Cabinet"}, " - Pack", "Cabinet - Children's Services Update - Pack"),
])
def test_file_names(report, suffix, stem):
    class Set:  # the only part of a ReportSet that names files
        pass
    s = Set()
    s.report = report
    assert file_stem(s, "Children's Services Update", suffix) == stem


def test_file_names_fold_line_breaks_and_tabs():
    class Set:
        report = {"Committee": "Cabinet"}
    assert file_stem(Set(), "Children's\nServices\tUpdate", "") == \
        "Cabinet - Children's Services Update"


def test_file_names_replace_forbidden_characters():
    class Set:
        report = {"Committee": "Cabinet"}
    assert file_stem(Set(), 'A/B: "C" <D>? *E* | F\\G', "") == "Cabinet - A-B- -C- -D-- -E- - F-G"


def test_a_title_too_long_for_a_file_name_is_found_by_check_naming_its_cell(tmp_path):
    """A 229-character Title makes "… - Performance report.docx" longer than a file name may
    be: the build could not write it, so check says so first, naming the Title's cell."""
    from reportgen.pipeline import check_set

    title = ("Children's Services Performance Update - Quarter 2 2017/18 - including Ofsted "
             "Inspection Outcomes, Workforce Stability, Placement Sufficiency and the "
             "Improvement Plan Progress Report for Members of the Cabinet for Buckinghamshire")
    folder = write_set(tmp_path / "long", [measure("M1", target=90, Theme="Quality"),
                                           measure("M2", target=80)],
                       {"M1": [80, 95], "M2": [70, 75]}, report={**REPORT, "Title": title},
                       narrative=NARRATIVE)
    for result in (check_set(folder), build_set(folder, tmp_path / "out")):
        (error,) = [p for p in result.problems if p.severity == "error"]
        assert "would be too long for a file name" in error.message
        assert "shorten the report's Title" in error.fix
        assert (error.where.file, error.where.sheet) == ("commentary.xlsx", "Report")
        assert error.where.cell and error.where.cell.startswith("B")
        assert not result.written


def test_a_long_welsh_title_is_cut_by_characters_not_bytes(tmp_path):
    """"ŵ" takes two bytes of the 255 a file name may have: the fix says how many
    characters to cut, and cutting that many makes every name fit."""
    from reportgen.compose import NAME_MAX
    from reportgen.pipeline import check_set

    title = "Adroddiad perfformiad ŵyr ŷd " * 8
    folder = write_set(tmp_path / "cy", [measure("M1", target=90, Theme="Quality")],
                       {"M1": [80, 95]}, report={**REPORT, "Title": title},
                       narrative=NARRATIVE)
    (error,) = [p for p in check_set(folder).problems if p.severity == "error"]
    cut = int(error.fix.split("by at least ")[1].split()[0])
    longest = f"2017-06-05 Cabinet - {title.strip()} - Performance report.docx"
    assert len(longest[:len(longest) - cut].encode("utf-8")) <= NAME_MAX
    assert len(longest[:len(longest) - cut + 1].encode("utf-8")) > NAME_MAX


@pytest.mark.parametrize("years", [18, 24])
def test_a_wide_narrative_table_keeps_every_column_on_the_printed_page(tmp_path, years):
    """A table of an area and 18 (or 24) years typed in a Narrative cell ran past the right
    margin, its last columns cut from the PDF and the pack: it is set small and fits."""
    header = "| Area | " + " | ".join(f"Y{2000 + i}" for i in range(years)) + " |"
    rule = "|---" * (years + 1) + "|"
    row = "| Bucks | " + " | ".join(str(100 + i) for i in range(years)) + " |"
    narrative = [*NARRATIVE[:1], (None, "Yes", "Trend", f"{header}\n{rule}\n{row}"),
                 *NARRATIVE[1:]]
    folder = write_set(tmp_path / "wide", [measure("M1", target=90, Theme="Quality")],
                       {"M1": [80, 95]}, report=REPORT, narrative=narrative)
    result = build_set(folder, tmp_path / "out")
    assert result.ok
    pdf = next(p for p in result.written if p.name.endswith("Update.pdf"))
    words = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout.split()
    assert [str(100 + i) for i in range(years)] == [w for w in words if w.isdigit()
                                                     and 100 <= int(w) < 200]
    if years == 18:  # the headings too, on a line each (24 wrap inside the word)
        assert f"Y{2000 + years - 1}" in words
    assert check_pdf(pdf) == []


@pytest.fixture
def built_cabinet(cabinet_set, tmp_path):
    result = build_set(cabinet_set, tmp_path / "out")
    assert result.ok, [p.describe() for p in result.problems]
    folder = tmp_path / "out" / cabinet_set.name
    return folder, json.loads((folder / "manifest.json").read_text())


def test_build_names_every_document_for_the_clerk(built_cabinet):
    folder, manifest = built_cabinet
    files = {d["kind"]: d["files"] for d in manifest["documents"]}
    stem = "2017-06-05 Cabinet - Children's Services Update"
    assert files == {
        "cabinet-report": {ext: f"{stem}.{ext}" for ext in ("docx", "pdf", "html")},
        "appendix-scorecard": {ext: f"{stem} - Appendix 1.{ext}" for ext in ("docx", "pdf", "html")},
        "performance-report": {ext: f"{stem} - Performance report.{ext}"
                               for ext in ("docx", "pdf", "html")},
        "pack": {"pdf": f"{stem} - Pack.pdf"},
    }
    for kind in files.values():
        for name in kind.values():
            assert (folder / name).stat().st_size > 0


def test_pdf_properties_and_the_packs_bookmarks_tags_and_pages(built_cabinet):
    folder, manifest = built_cabinet
    files = {d["kind"]: d["files"] for d in manifest["documents"]}
    with pikepdf.open(folder / files["cabinet-report"]["pdf"]) as pdf:
        info = pdf.docinfo
        assert str(info.Title) == "Children's Services Update"
        assert str(info.Author) == "Cabinet Member"
        assert str(info.Subject) == "Cabinet Monday 5 June 2017"
        assert "Cabinet" in str(info.Keywords) and str(pdf.Root.Lang) == "en-GB"
    with pikepdf.open(folder / files["pack"]["pdf"]) as pdf:
        with pdf.open_outline() as outline:
            tops = [item.title for item in outline.root]
        assert tops == ["Report to Cabinet", "Appendix 1", "Performance report Q2 2017/18"]
        assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked
        sizes = [tuple(round(float(x)) for x in p.MediaBox[2:]) for p in pdf.pages]
        assert (842, 595) in sizes and (595, 842) in sizes   # the scorecard is landscape
        labels = [str(p.obj.get("/Contents", "")) for p in pdf.pages]
    assert len(labels) >= 3


def _page_texts(path) -> list[str]:
    """The text of each page of the PDF at `path` (poppler's pdftotext, a system requirement)."""
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True)
    return done.stdout.split("\f")[:-1]


def test_the_pack_is_the_documents_pages_numbered_through(built_cabinet):
    """The pack reuses each document's laid-out pages; only the page numbers change, and each
    page keeps the running title of its own document."""
    folder, manifest = built_cabinet
    files = {d["kind"]: d["files"] for d in manifest["documents"]}
    pieces = [_page_texts(folder / files[kind]["pdf"])
              for kind in ("cabinet-report", "appendix-scorecard", "performance-report")]
    pack = _page_texts(folder / files["pack"]["pdf"])
    assert len(pack) == sum(len(piece) for piece in pieces)
    number = 0
    for piece in pieces:
        for own, page in enumerate(piece, start=1):
            number += 1
            packed = pack[number - 1]
            assert f"Page {number} of {len(pack)}" in packed
            assert f"Page {own} of {len(piece)}" in page
            assert packed.split()[:3] == page.split()[:3]   # the running title
            body = page.replace(f"Page {own} of {len(piece)}", "")
            assert packed.replace(f"Page {number} of {len(pack)}", "").split() == body.split()


def test_a_confidential_reports_pages_are_marked_in_the_pdf_and_the_pack(tmp_path):
    """The marking is page furniture of the Report to Cabinet's pages only: in its own PDF
    and in the pack, never on the pages of the documents after it."""
    folder = write_set(tmp_path / "c", [measure("M1")], {"M1": [1, 2]},
                       report={**REPORT, "Confidential": "Yes"}, narrative=NARRATIVE)
    assert build_set(folder, tmp_path / "out").ok
    out = tmp_path / "out" / "c"
    files = {d["kind"]: out / d["files"]["pdf"]
             for d in json.loads((out / "manifest.json").read_text())["documents"]}
    cabinet = _page_texts(files["cabinet-report"])
    report = _page_texts(files["performance-report"])
    pack = _page_texts(files["pack"])
    marked = [page.splitlines()[0].rstrip().endswith("Confidential") for page in pack]
    assert all(page.splitlines()[0].rstrip().endswith("Confidential") for page in cabinet)
    assert marked == [True] * len(cabinet) + [False] * len(report)


def test_confidential_in_cover_header_and_properties(tmp_path):
    folder = write_set(tmp_path / "c", [measure("M1")], {"M1": [1, 2]},
                       report={**REPORT, "Confidential": "Yes"}, narrative=NARRATIVE)
    report = compose(folder)
    assert report.confidential and report.cover[0].label == "Confidential"
    assert report.properties.subject.startswith("Confidential")
    assert "Confidential" in report.properties.keywords
    assert '<p class="confidential">Confidential</p>' in render_html(report, TEMPLATES)


def test_confidential_must_be_yes_or_no(tmp_path):
    from reportgen.read.workbook import read_report_set
    folder = write_set(tmp_path / "c", [measure("M1")], {"M1": [1, 2]},
                       report={**REPORT, "Confidential": "Maybe"}, narrative=NARRATIVE)
    _, problems = read_report_set(folder)
    (error,) = [p for p in problems if p.severity == "error"]
    assert error.where.sheet == "Report" and "Yes or No" in error.message


def test_sets_without_narrative_get_no_cabinet_report(tmp_path):
    folder = write_set(tmp_path / "n", [measure("M1")], {"M1": [1, 2]}, report=REPORT)
    report_set, _ = require_report_set(folder)
    kinds = [d.kind for d in compose_documents(report_set, rate_report_set(report_set),
                                               TEMPLATES)]
    assert kinds == ["performance-report"]


SEED_004 = ROOT.parent / "shared" / "seeds" / "004_22cb04ffd9cea7fb.txt"


def _words(text: str) -> str:
    import re
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\*+", "", text)
    return " ".join(text.split())


@pytest.mark.skipif(not SEED_004.exists(), reason="../shared/seeds is not beside the checkout")
def test_sample_reproduces_seed_004_whole_text():
    """Every paragraph of the seed from "A. National Context" to the Conclusion, and the
    cover, appear word for word in the built HTML (page-break splits mended)."""
    import re
    from html import unescape

    from tests.conftest import SAMPLES as samples
    report_set, _ = require_report_set(samples / "cabinet-2017-06")
    html = render_html(compose_cabinet_report(report_set), TEMPLATES)
    inline = re.sub(r"</?(strong|em|a|span)\b[^>]*>", "", html)
    shown = " ".join(unescape(re.sub(r"<[^>]+>", " ", inline)).split())
    seed = SEED_004.read_text(encoding="utf-8")
    body = seed[seed.index("A. National Context"):seed.index("Background Papers")]
    checked = 0
    for line in body.splitlines():
        line = re.sub(r"^\s*(-|\d+\.)\s+", "", line.strip())
        if len(line.split()) < 6:      # headings and page-break fragments are checked below
            continue
        # the extract splits some sentences over a page break; compare each sentence
        for sentence in re.split(r"(?<=[.:;])\s+", _words(line)):
            if len(sentence.split()) >= 4:
                assert sentence in shown, sentence
                checked += 1
    assert checked > 250
    for cover in ("Children's Services Update", "Monday 5 June 2017", "Tuesday 13 June 2017",
                  "(All Electoral Divisions);", "01296 382444", "5.00pm on Friday 2 June 2017",
                  "democracy@buckscc.gov.uk"):
        assert cover in shown
    assert [s.title for s in compose_cabinet_report(report_set).sections] == [
        "A. National Context", "B. Inspection Regimes/ Update", "C. Regional Context",
        "D. Local Context", "E. Conclusion"]
    numbers = [p.number for s in compose_cabinet_report(report_set).sections
               for p in s.paragraphs if p.number]
    assert numbers == list(range(1, 25))


def test_a_packed_set_written_in_parallel_gives_the_same_files(cabinet_set, tmp_path):
    one = build_set(cabinet_set, tmp_path / "one")
    ((_, two),) = run_sets([cabinet_set], tmp_path / "two", jobs=3)
    assert one.ok and two.ok
    assert sorted(p.name for p in one.written) == sorted(p.name for p in two.written)
    for path in one.written:
        assert (tmp_path / "two" / cabinet_set.name / path.name).read_bytes() == \
            path.read_bytes(), path.name


def test_a_blank_field_leaves_its_row_or_section_out(cabinet_set, tmp_path):
    """REPORT types no Background papers, Contact officer or members: nothing is printed for
    them (no "None.", no label with nothing after it)."""
    report = compose(cabinet_set)
    assert report.background_papers == ()
    assert "Contact officer" not in [r.label for r in report.cover]
    html = render_html(report, TEMPLATES)
    assert "Background Papers" not in html and "None." not in html
    folder = write_set(tmp_path / "typed", [measure("M1")], {"M1": [1, 2]},
                       report={**REPORT, "Background papers": "The 2016 audit."},
                       narrative=NARRATIVE)
    typed = compose(folder)
    assert [b.text for b in typed.background_papers] == ["The 2016 audit."]
    assert "Background Papers" in render_html(typed, TEMPLATES)
