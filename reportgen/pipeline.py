"""Build a report set: read → rate → compose → render → write. The whole pipeline is here.

`build_set` runs each stage's jobs through a runner: here, one after another (`InProcess`),
or, from `run_sets`, in a pool of processes within the set's limits (`pool.SetRunner`). The
jobs are plain functions of picklable arguments, so both give the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportgen.cache import cache_key, sha256
from reportgen.render import TEMPLATES
from reportgen.render.documents import FORMATS
from reportgen.errors import Problem, ReportgenError, SetResult  # noqa: F401 (re-exported)

CACHE = ".cache"  # in the output folder: laid-out PDF bodies and sheets, by hash


class InProcess:
    """Run a set's jobs here, one after another."""

    def one(self, step: str, function, *args):
        return function(*args)

    def all(self, step: str, function, calls: list[tuple]) -> list:
        return [function(*args) for args in calls]

    def grow(self, measures: int) -> None:
        """The set has `measures` measures (a pool gives a large set more time and memory)."""


def build_set(folder: Path, out_root: Path, template_dir: Path = TEMPLATES,
              run=None, force: bool = False, formats: tuple[str, ...] = FORMATS) -> SetResult:
    """Read, rate, compose, render and write one report set, in `formats` (beside the
    manifest and CSV); write nothing if it has errors."""
    from reportgen.render.documents import finish_pdf, render_piece
    from reportgen.write import find_kept, prune

    run = run or InProcess()
    plan = run.one("reading", prepare, folder, template_dir, formats)  # read, rate, compose
    if plan.has_errors:
        return SetResult(folder.name, plan.problems)
    run.grow(plan.measures)
    cache = prune(out_root / CACHE / folder.name, everything=force)
    out_dir = out_root / folder.name
    try:
        pieces = run.all(plan.layout_step(), render_piece,
                         [(plan.documents[p.index], p, plan.stems[p.index], template_dir,
                           cache, formats) for p in plan.pieces])  # files and PDF bodies
        pdfs = run.all("PDF joining", finish_pdf,
                       [([pieces[i][1] for i in f.pieces], f, template_dir, cache)
                        for f in plan.finishes])                   # joined, page furniture
        kept = find_kept(out_dir, formats, plan.manifest["cache"]["key"])
        result = write_set(out_dir, plan.outputs(pieces, pdfs, kept), formats)
    except ReportgenError as exc:  # a job stopped (time, memory, a failure), or a file
        return SetResult(folder.name, plan.problems + exc.problems)  # not written: nothing
    prune(cache, older_than=plan.started)
    result.problems[:0] = plan.problems + kept.problems(out_dir)
    return result


def write_set(out_dir: Path, outputs: dict[str, bytes | str],
              formats: tuple[str, ...] = FORMATS) -> SetResult:
    """Write a set's `outputs` into `out_dir` and remove what its previous build there wrote
    and this one does not, all or none; warn of the files kept (not reportgen's, or changed
    since). Files of formats other than `formats` are left alone. Raises `ReportgenError`
    when a file cannot be written or removed."""
    from reportgen.cache import previous_build
    from reportgen.write import find_leftovers, write_outputs

    leftovers = find_leftovers(out_dir, previous_build(out_dir).get("outputs", {}), outputs,
                               None if set(formats) == set(FORMATS) else formats)
    written = write_outputs(out_dir, outputs, remove=leftovers.stale)
    return SetResult(out_dir.name, leftovers.problems(out_dir), written, leftovers.stale)


def verify_set(folder: Path, out_root: Path, template_dir: Path = TEMPLATES,
               formats: tuple[str, ...] = FORMATS) -> SetResult | None:
    """Return the result of a set unchanged since its last build into `out_root` (its files
    verified, byte for byte; the other files in its folder warned of, as `write_set` does),
    or None when it has to be built (in `formats`)."""
    from reportgen.cache import is_unchanged, previous_build
    from reportgen.write import find_kept, find_leftovers

    out_dir = out_root / folder.name
    if not is_unchanged(folder, out_dir, template_dir, formats):
        return None
    previous = previous_build(out_dir)
    leftovers = find_leftovers(out_dir, {}, {*previous["outputs"], "manifest.json"})
    kept = find_kept(out_dir, formats, previous["key"])
    return SetResult(folder.name, leftovers.problems(out_dir) + kept.problems(out_dir),
                     verified=True)


def check_set(folder: Path, template_dir: Path = TEMPLATES) -> SetResult:
    """Validate the set in `folder` without rendering: every problem `build` would find.

    It is the build's own first step (`prepare`: read, rate, compose), so a problem that
    stops a build cannot pass a check."""
    return SetResult(folder.name, prepare(folder, template_dir).problems)


@dataclass
class Plan:
    """A set read, rated and composed: its documents and every job that renders them."""

    name: str
    problems: list[Problem]
    started: float = 0.0
    measures: int = 0
    documents: list = field(default_factory=list)
    stems: list[str] = field(default_factory=list)
    pieces: list = field(default_factory=list)
    finishes: list = field(default_factory=list)
    manifest: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)   # measures.csv, the checklist

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def layout_step(self) -> str:
        parts = len(self.pieces)
        return f"HTML, DOCX and PDF layout ({parts} part{'s' * (parts != 1)})"

    def outputs(self, pieces: list, pdfs: list[bytes], kept=None) -> dict[str, bytes | str]:
        """Every file of the set, the manifest last: it lists the others' hashes, and those
        of the files of other formats an earlier build wrote that are `kept` (`Kept`)."""
        from reportgen.write import render_json

        outputs: dict[str, bytes | str] = {}
        for files, _ in pieces:
            outputs.update(sorted(files.items()))
        outputs.update((finish.name, pdf) for finish, pdf in zip(self.finishes, pdfs))
        outputs.update(self.extra)
        manifest = dict(self.manifest)
        manifest["cache"] = {**manifest["cache"], "outputs": {
            **{name: sha256(data) for name, data in outputs.items()},
            **(kept.outputs if kept else {})}}
        if kept and kept.origins:
            manifest["cache"]["kept"] = kept.origins
        outputs["manifest.json"] = render_json(manifest)
        return outputs


def prepare(folder: Path, template_dir: Path, formats: tuple[str, ...] = FORMATS) -> Plan:
    """Read, rate and compose the set in `folder`; plan the jobs that render it in
    `formats`. Every problem that stops a build is found here, before anything is
    rendered."""
    import json
    import time

    from reportgen.accessibility import CHECKLIST, checklist_markdown
    from reportgen.compose import compose_documents, document_stem, has_pack, long_names
    from reportgen.compose.integrity import check_explained, check_placed
    from reportgen.compose.manifest import compose_manifest, csv_metadata
    from reportgen.rate import rate_report_set, rating_warnings, stale_positions
    from reportgen.read.workbook import require_report_set
    from reportgen.render.documents import plan_finishes, plan_pieces
    from reportgen.write import render_csv

    started = time.time()
    try:
        report_set, warnings = require_report_set(folder)
    except ReportgenError as exc:
        return Plan(folder.name, exc.problems)
    ratings = rate_report_set(report_set)
    problems = [*warnings, *rating_warnings(report_set, ratings),
                *stale_positions(report_set, ratings)]
    try:
        documents = compose_documents(report_set, ratings)
    except ReportgenError as exc:
        return Plan(folder.name, problems + exc.problems)
    problems += check_explained(report_set, ratings)
    problems += check_placed(report_set, documents)
    stems = [document_stem(report_set, d.kind, d.properties.title) for d in documents]
    entries = [{"kind": d.kind, "title": d.properties.title,
                "files": {ext: f"{stem}.{ext}" for ext in formats}}
               for d, stem in zip(documents, stems)]
    pack = None
    if has_pack(report_set) and "pdf" in formats:
        title = f"{documents[0].properties.title} - Pack"
        entries.append({"kind": "pack", "title": title, "files": {
            "pdf": f"{document_stem(report_set, 'pack', title)}.pdf"}})
        pack = (entries[-1]["files"]["pdf"], title)
    problems += long_names(report_set, sorted((name for entry in entries
                                               for name in entry["files"].values()),
                                              key=len, reverse=True))
    if any(p.severity == "error" for p in problems):
        return Plan(folder.name, problems)
    pieces = plan_pieces(documents, formats)
    manifest = compose_manifest(report_set, ratings, documents, entries)
    manifest["cache"] = {"key": cache_key(folder, template_dir), "formats": list(formats)}
    finishes = plan_finishes(documents, pieces, [e["files"]["pdf"] for e in entries[
        :len(documents)]], pack) if "pdf" in formats else []
    return Plan(folder.name, problems, started, len(report_set.measures), documents, stems,
                pieces, finishes, manifest,
                {"measures.csv": render_csv(manifest["measures"]),
                 "measures.csv-metadata.json": json.dumps(csv_metadata(report_set), indent=2,
                                                          ensure_ascii=False) + "\n",
                 CHECKLIST: checklist_markdown(documents, entries)})
