"""A sample DOCX printed through LibreOffice runs to at most one page more than its PDF.

Kept whole, a performance-report row of long commentary used to push to the next page and
leave up to half a page blank (12 pages where the PDF has 7); the renderer now fits the
columns and lets tall rows break. Word lays pages out a little differently from LibreOffice;
this is the check a clerk without Word would make.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from tests.conftest import build_samples

SETS = ("childrens-services-2017-q2", "childrens-services-2018-q2", "cabinet-2017-06")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice (soffice)")


def pages(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


@pytest.fixture(scope="module")
def counts(tmp_path_factory) -> dict[str, tuple[int, int]]:
    """Return {DOCX name: (its pages through LibreOffice, its PDF's pages)}."""
    out = tmp_path_factory.mktemp("pages")
    profile = tmp_path_factory.mktemp("lo-profile")  # its own, beside any other soffice
    found = {}
    build_samples(out, SETS)
    for name in SETS:
        manifest = json.loads((out / name / "manifest.json").read_text())
        docs = [d["files"] for d in manifest["documents"] if "docx" in d["files"]]
        converted = out / name / "lo"
        subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(converted),
                        *(str(out / name / files["docx"]) for files in docs)],
                       check=True, capture_output=True, timeout=300)
        for files in docs:
            stem = Path(files["docx"]).stem
            found[stem] = (pages(converted / f"{stem}.pdf"), pages(out / name / files["pdf"]))
    return found


def test_every_docx_is_at_most_one_page_longer_than_its_pdf(counts):
    # two performance reports; the cabinet set's Report to Cabinet and Appendix 1 (its
    # Documents setting leaves out the performance report; the pack is a PDF only)
    assert len(counts) == 4, sorted(counts)
    longer = {name: pair for name, pair in counts.items() if pair[0] > pair[1] + 1}
    assert not longer, f"(DOCX pages, PDF pages): {longer}"
