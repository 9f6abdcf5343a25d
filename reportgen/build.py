"""Build a report set: read → rate → compose → render → write. The whole pipeline is here."""

from __future__ import annotations

import re
from pathlib import Path

from reportgen import progress
from reportgen.accessibility import CHECKLIST, checklist_markdown
from reportgen.compose import compose_performance_report
from reportgen.compose_scorecard import compose_scorecard, has_themes
from reportgen.compose_cabinet import compose_cabinet_report, has_narrative
from reportgen.document import CabinetReport, PerformanceReport, Properties, Scorecard
from reportgen.integrity import check_explained, check_placed
from reportgen.manifest import compose_manifest
from reportgen.cache import cache_key, sha256
from reportgen.model import ReportSet
from reportgen.paths import TEMPLATES
from reportgen.problems import Problem, ReportgenError, SetResult  # noqa: F401 (re-exported)
from reportgen.rate import UNAVAILABLE, Context, Rating, override, rate_measure
from reportgen.read_workbook import read_report_set, require_report_set
from reportgen.write import render_csv, render_json, write_outputs

FORMATS = ("docx", "pdf", "html")


def rate_report_set(report_set: ReportSet) -> dict[str, Rating]:
    """Return every measure's rating by ID under its scheme, with officers' overrides applied."""
    settings = report_set.settings
    ctx = Context(report_set.periods, settings.reporting_period, settings.amber_band,
                  settings.no_change_margin)
    ratings = {}
    for measure in report_set.measures:
        scheme = report_set.scheme_of(measure)
        rating = rate_measure(measure, scheme, ctx)
        words = report_set.commentary.get(measure.id)
        if words and words.rag_override and words.override_reason and rating.status != \
                UNAVAILABLE and scheme.find(words.rag_override):
            rating = override(rating, scheme, words.rag_override, words.override_reason)
        ratings[measure.id] = rating
    return ratings


def rating_warnings(report_set: ReportSet, ratings: dict[str, Rating]) -> list[Problem]:
    """Return a warning for every rating that could not use all of its rule (e.g. no
    comparison value for a compound rule)."""
    return [Problem("warning", f"measure {m.id}: {w}; it is rated {ratings[m.id].status}",
                    "add the value for the comparison period to Outturns", m.where)
            for m in report_set.measures for w in ratings[m.id].warnings]


def file_stem(report_set: ReportSet, title: str, suffix: str) -> str:
    """Return a file name a clerk can file: "{YYYY-MM-DD} {Committee} - {Title}{suffix}"."""
    report = report_set.report
    date = report.get("Meeting date")
    committee = report.get("Committee")
    head = " ".join(x for x in (date.isoformat() if hasattr(date, "isoformat") else None,
                                committee) if x)
    stem = f"{head} - {title}{suffix}" if head else f"{title}{suffix}"
    stem = re.sub(r"\s+", " ", stem)  # a Title typed over two lines, or with tabs
    return re.sub(r'[\\/:*?"<>|]', "-", stem).strip()


def check_set(folder: Path) -> SetResult:
    """Validate the set in `folder` without rendering."""
    report_set, problems = read_report_set(folder)
    if report_set is not None:
        problems.extend(check_explained(report_set, rate_report_set(report_set)))
    return SetResult(folder.name, list(problems))


def compose_documents(report_set: ReportSet, ratings: dict[str, Rating], template_dir: Path):
    """Return the documents this set gets, in pack order: the Report to Cabinet when the
    commentary has a Narrative sheet, the scorecard when measures have themes, and the
    performance report when any measure is rated (or when there is no scorecard, so every
    measure reaches a document)."""
    scorecard = compose_scorecard(report_set, ratings) if has_themes(report_set) else None
    documents = []
    if has_narrative(report_set):
        documents.append(compose_cabinet_report(report_set))
    if scorecard is not None:
        documents.append(scorecard)
    if any(r.is_rated for r in ratings.values()) or scorecard is None:
        documents.append(compose_performance_report(report_set, ratings))
    return documents


def build_set(folder: Path, out_root: Path, template_dir: Path = TEMPLATES,
              jobs: int = 1) -> SetResult:
    """Read, rate, compose, render and write one report set; write nothing if it has errors.

    With `jobs` > 1, documents render in parallel processes (`render_documents`); the files
    are the same bytes either way.
    """
    result = SetResult(folder.name)
    try:
        report_set, warnings = require_report_set(folder)
        progress.report("measures", count=len(report_set.measures))
        result.problems.extend(warnings)
        ratings = rate_report_set(report_set)
        result.problems.extend(rating_warnings(report_set, ratings))
        documents = compose_documents(report_set, ratings, template_dir)
        outputs, entries = render_documents(report_set, documents, template_dir,
                                            has_narrative(report_set), jobs)
        manifest = compose_manifest(report_set, ratings, documents, entries)
        outputs["measures.csv"] = render_csv(manifest["measures"])
        outputs[CHECKLIST] = checklist_markdown(documents, entries)
        manifest["cache"] = {"key": cache_key(folder, template_dir),
                             "outputs": {name: sha256(data) for name, data in outputs.items()}}
        outputs["manifest.json"] = render_json(manifest)
        result.problems.extend(check_explained(report_set, ratings))
        lost = check_placed(report_set, documents)
        if lost:
            raise ReportgenError(lost)
        result.written = write_outputs(out_root / folder.name, outputs)
    except ReportgenError as exc:
        result.problems.extend(exc.problems)
    return result


LABEL = {"cabinet-report": "Report to Cabinet", "performance-report": "Performance report",
         "appendix-scorecard": "Appendix 1", "pack": "Pack"}
SUFFIX = {"cabinet-report": "", "performance-report": " - Performance report",
          "appendix-scorecard": " - Appendix 1", "pack": " - Pack"}


def document_stem(report_set: ReportSet, kind: str, title: str) -> str:
    """Return a document's file name without extension: the clerk's pattern when the set
    has a Title, else the document's own title."""
    titled = report_set.report.get("Title")
    if titled:
        return file_stem(report_set, str(titled), SUFFIX[kind])
    return file_stem(report_set, title, "")


def pack_title(documents: list) -> str:
    return f"{documents[0].properties.title} - Pack"


def pack_entry(report_set: ReportSet, documents: list) -> dict:
    """The pack's manifest entry."""
    title = pack_title(documents)
    stem = document_stem(report_set, "pack", title)
    return {"kind": "pack", "title": title, "files": {"pdf": f"{stem}.pdf"}}


def render_pack(report_set: ReportSet, documents: list, template_dir: Path):
    """Return ({file name: PDF}, manifest entry) of the pack laid out from ONE HTML of every
    document: tagged, a bookmark per document, continuous page numbers. `render_documents`
    builds the same pages from the documents' own layouts; this is its fallback (a
    WeasyPrint other than the one `render_pdf.write_part` was checked against)."""
    from reportgen.render_html import Pack, render_html
    from reportgen.render_pdf import render_pdf

    lead = documents[0].properties
    entry = pack_entry(report_set, documents)
    progress.report("step", document=LABEL["pack"], step="PDF")
    pack = Pack(Properties(entry["title"], lead.author, lead.subject, lead.keywords),
                tuple(documents))
    pdf = render_pdf(render_html(pack, template_dir), template_dir)
    return {entry["files"]["pdf"]: pdf}, entry


def render_documents(report_set: ReportSet, documents: list, template_dir: Path,
                     packed: bool, jobs: int = 1) -> tuple[dict, list]:
    """Return ({file name: bytes or text}, manifest entries) of `documents` and, when
    `packed`, of the pack after them.

    Without a pack, each document renders in one of up to `jobs` processes at once (a long
    report's chunks in the processes the other documents leave). With a pack, every document
    is laid out once, in parts, all at once, and the pack joins their pages
    (`render_pack`). The bytes are the same whatever `jobs` is.
    """
    from reportgen.forks import in_forks
    from reportgen.render_pdf import KEEPS_CONTEXT

    if packed and KEEPS_CONTEXT:
        from reportgen.render_pack import render_packed

        done = render_packed(report_set, documents, template_dir, jobs)
    else:
        # Processes left over from the documents lay a long report's chunks out at once
        # (more processes than cores would slow the longest document, e.g. the scorecard).
        inner = max(1, jobs - len(documents) + 1)

        def job(document):
            return lambda: render_document(report_set, document, template_dir, jobs=inner)

        renders = [job(d) for d in documents]
        if packed:  # another WeasyPrint: the pack laid out from one HTML
            renders.append(lambda: render_pack(report_set, documents, template_dir))
        done = in_forks(renders, jobs)
    outputs, entries = {}, []
    for files, entry in done:
        outputs.update(files)
        entries.append(entry)
    return outputs, entries


def render_document(report_set: ReportSet, document, template_dir: Path, jobs: int = 1):
    """Return ({file name: bytes or text}, the manifest entry) for one composed document. A
    long performance report's or scorecard's PDF is laid out in chunks, in parallel
    processes when `jobs` > 1 (render_chunks)."""
    files, entry, html = _prepare(report_set, document, template_dir)
    label = LABEL[document.kind]
    pdf = None
    if isinstance(document, (PerformanceReport, Scorecard)):
        from reportgen.render_chunks import render_chunked_pdf

        pdf = render_chunked_pdf(document, template_dir, jobs, label)
    if pdf is None:
        from reportgen.render_pdf import lay_out, write_pdf

        progress.report("step", document=label, step="PDF layout")
        pages = lay_out(html, template_dir)
        progress.report("step", document=label, step="PDF writing")
        pdf = write_pdf(pages)
    files[entry["files"]["pdf"]] = pdf
    return files, entry


def _prepare(report_set: ReportSet, document, template_dir: Path):
    """Return (the HTML and DOCX files, the manifest entry, the HTML)."""
    from reportgen.render_docx import render_cabinet_docx, render_docx, render_scorecard_docx
    from reportgen.render_html import render_html

    title = document.properties.title
    stem = document_stem(report_set, document.kind, title)
    progress.report("step", document=LABEL[document.kind], step="HTML and DOCX")
    html = render_html(document, template_dir)
    if isinstance(document, Scorecard):
        docx = render_scorecard_docx(document, template_dir)
    elif isinstance(document, CabinetReport):
        docx = render_cabinet_docx(document, template_dir)
    else:
        from reportgen.charts import chart_png
        docx = render_docx(document, chart_png, template_dir)
    entry = {"kind": document.kind, "title": title,
             "files": {ext: f"{stem}.{ext}" for ext in FORMATS}}
    return {f"{stem}.docx": docx, f"{stem}.html": html}, entry, html

