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
              run=None, force: bool = False) -> SetResult:
    """Read, rate, compose, render and write one report set; write nothing if it has errors."""
    from reportgen.render.documents import finish_pdf, render_piece
    from reportgen.write import prune

    run = run or InProcess()
    plan = run.one("reading", prepare, folder, template_dir)      # read, rate, compose: Plan
    if plan.has_errors:
        return SetResult(folder.name, plan.problems)
    run.grow(plan.measures)
    cache = prune(out_root / CACHE / folder.name, everything=force)
    try:
        pieces = run.all(plan.layout_step(), render_piece,
                         [(plan.documents[p.index], p, plan.stems[p.index], template_dir,
                           cache) for p in plan.pieces])           # files and PDF bodies
        pdfs = run.all("PDF joining", finish_pdf,
                       [([pieces[i][1] for i in f.pieces], f, template_dir, cache)
                        for f in plan.finishes])                   # joined, page furniture
        result = write_set(out_root / folder.name, plan.outputs(pieces, pdfs))
    except ReportgenError as exc:  # a job stopped (time, memory, a failure), or a file
        return SetResult(folder.name, plan.problems + exc.problems)  # not written: nothing
    prune(cache, older_than=plan.started)
    result.problems[:0] = plan.problems
    return result


def write_set(out_dir: Path, outputs: dict[str, bytes | str]) -> SetResult:
    """Write a set's `outputs` into `out_dir` and remove what its previous build there wrote
    and this one does not, all or none; warn of the files kept (not reportgen's, or changed
    since). Raises `ReportgenError` when a file cannot be written or removed."""
    from reportgen.cache import previous_build
    from reportgen.write import find_leftovers, write_outputs

    leftovers = find_leftovers(out_dir, previous_build(out_dir).get("outputs", {}), outputs)
    written = write_outputs(out_dir, outputs, remove=leftovers.stale)
    return SetResult(out_dir.name, leftovers.problems(out_dir), written, leftovers.stale)


def verify_set(folder: Path, out_root: Path, template_dir: Path = TEMPLATES) -> SetResult | None:
    """Return the result of a set unchanged since its last build into `out_root` (its files
    verified, byte for byte; the other files in its folder warned of, as `write_set` does),
    or None when it has to be built."""
    from reportgen.cache import is_unchanged, previous_build
    from reportgen.write import find_leftovers

    out_dir = out_root / folder.name
    if not is_unchanged(folder, out_dir, template_dir):
        return None
    outputs = {*previous_build(out_dir)["outputs"], "manifest.json"}
    leftovers = find_leftovers(out_dir, {}, outputs)
    return SetResult(folder.name, leftovers.problems(out_dir), verified=True)


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

    def outputs(self, pieces: list, pdfs: list[bytes]) -> dict[str, bytes | str]:
        """Every file of the set, the manifest last (it lists the others' hashes)."""
        from reportgen.write import render_json

        outputs: dict[str, bytes | str] = {}
        for files, _ in pieces:
            outputs.update(sorted(files.items()))
        outputs.update((finish.name, pdf) for finish, pdf in zip(self.finishes, pdfs))
        outputs.update(self.extra)
        manifest = dict(self.manifest)
        manifest["cache"] = {**manifest["cache"], "outputs": {
            name: sha256(data) for name, data in outputs.items()}}
        outputs["manifest.json"] = render_json(manifest)
        return outputs


def prepare(folder: Path, template_dir: Path) -> Plan:
    """Read, rate and compose the set in `folder`; plan its rendering jobs. Every problem
    that stops a build is found here, before anything is rendered."""
    import time

    from reportgen.accessibility import CHECKLIST, checklist_markdown
    from reportgen.compose import compose_documents, document_stem, has_pack
    from reportgen.compose.integrity import check_explained, check_placed
    from reportgen.compose.manifest import compose_manifest
    from reportgen.rate import rate_report_set, rating_warnings, stale_positions
    from reportgen.read.workbook import require_report_set
    from reportgen.render.documents import FORMATS, plan_finishes, plan_pieces
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
                "files": {ext: f"{stem}.{ext}" for ext in FORMATS}}
               for d, stem in zip(documents, stems)]
    pack = None
    if has_pack(report_set):
        title = f"{documents[0].properties.title} - Pack"
        entries.append({"kind": "pack", "title": title, "files": {
            "pdf": f"{document_stem(report_set, 'pack', title)}.pdf"}})
        pack = (entries[-1]["files"]["pdf"], title)
    pieces = plan_pieces(documents)
    manifest = compose_manifest(report_set, ratings, documents, entries)
    manifest["cache"] = {"key": cache_key(folder, template_dir)}
    return Plan(folder.name, problems, started, len(report_set.measures), documents, stems,
                pieces, plan_finishes(documents, pieces, [e["files"]["pdf"] for e in entries[
                    :len(documents)]], pack), manifest,
                {"measures.csv": render_csv(manifest["measures"]),
                 CHECKLIST: checklist_markdown(documents, entries)})
