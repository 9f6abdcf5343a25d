"""Measure an incremental rebuild: one measure's commentary changed, then `reportgen build`.

    .venv/bin/python benchmarks/incremental.py SET [--runs R]

SET is a report-set folder (e.g. one written by `generate.py 400 DIR --pack`). It is copied
to a scratch folder and built once; then, each run, the Commentary cell of the first measure
gets a sentence more and the set is built again into the same output folder (its chunk cache
in `<out>/.cache/`), measured as `run.py` measures a whole build (wall, CPU and peak PSS of
the process tree). A clean build of the last version goes into another folder, measured too,
and every file of the two is compared byte for byte. LibreOffice then converts the clean
build's DOCX files in one call, side by side. Nothing is asserted: the figures are printed and
written as JSON (`--json`).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import (ROOT, VENV_BIN, compile_bytecode, libreoffice_converts,  # noqa: E402
                 measure, soffice, warm_libreoffice)


def add_a_sentence(folder: Path, run: int) -> None:
    workbook = openpyxl.load_workbook(folder / "commentary.xlsx")
    sheet = workbook["Commentary"]
    column = [cell.value for cell in sheet[1]].index("Commentary") + 1
    cell = sheet.cell(row=2, column=column)
    cell.value = f"{cell.value or ''} Updated in week {run + 1}."
    workbook.save(folder / "commentary.xlsx")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    compile_bytecode()
    scratch = Path(tempfile.mkdtemp(prefix="reportgen-incremental-"))
    folder = scratch / args.set.name
    shutil.copytree(args.set, folder)
    build = [str(VENV_BIN / "reportgen"), "build", str(folder), "--out"]
    first = measure(build + [str(scratch / "out")], ROOT)
    rebuilds = []
    for run in range(args.runs):
        add_a_sentence(folder, run)
        rebuilds.append(measure(build + [str(scratch / "out")], ROOT))
    clean = measure(build + [str(scratch / "clean")], ROOT)
    ours, theirs = scratch / "out" / folder.name, scratch / "clean" / folder.name
    differ = [p.name for p in sorted(theirs.iterdir())
              if p.read_bytes() != (ours / p.name).read_bytes()]
    docx = sorted(theirs.glob("*.docx"))
    lo = []
    if soffice():
        warm_libreoffice(docx[0], scratch)
        lo = libreoffice_converts(docx, args.runs, scratch)
    wall = statistics.median(r["wall"] for r in rebuilds)
    cpu = statistics.median(r["cpu"] for r in rebuilds)
    lo_wall = statistics.median(r["wall"] for r in lo) if lo else None
    print(f"first build {first['wall']:.2f} s wall, {first['cpu']:.2f} s CPU; "
          f"clean build {clean['wall']:.2f} s, {clean['cpu']:.2f} s CPU")
    print(f"incremental rebuild (median of {args.runs}) {wall:.2f} s wall, {cpu:.2f} s CPU, "
          f"tree peak {max(r['tree_pss_mb'] or 0 for r in rebuilds):.0f} MB")
    if lo_wall:
        print(f"LibreOffice converting the {len(docx)} DOCX: {lo_wall:.2f} s; "
              f"incremental / LibreOffice {wall / lo_wall:.2f}×")
    print("files that differ from the clean build:", differ or "none")
    if args.json:
        args.json.write_text(json.dumps({"first": first, "rebuilds": rebuilds, "clean": clean,
                                         "libreoffice": lo, "differ": differ}, indent=1))
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
