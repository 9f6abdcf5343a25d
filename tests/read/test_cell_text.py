"""Cell text as the officer typed it: Excel's `_xHHHH_` escapes decoded exactly once, in shared
and inline strings alike."""

from __future__ import annotations

import zipfile

import pytest

from reportgen.read.workbook import read_report_set
from tests.conftest import measure
from tests.fuzz.workbooks import set_cell_xml, share_strings, small_set

# What the file's XML holds -> what the officer typed. Excel saves a typed "_x000B_" as
# "_x005F_x000B_" (its underscore escaped) and a vertical tab as "_x000B_" (a line break).
STORED_TYPED = [
    ("_x005F_x000B_", "_x000B_"),
    ("_x000B_", "\n"),
    ("_x005F_x005F_", "_x005F_"),
    ("_x005F_x005F_x005F_x000B_", "_x005F_x000B_"),
    ("x005F_ kept", "x005F_ kept"),
    ("_xD83D__xDE00_", "\U0001F600"),
]


def text_set(tmp_path, stored: str, kind: str):
    """A set whose measure M1's name (Measures F2) and commentary (Commentary C2) hold
    `stored` between two words, as a shared string (as Excel saves text) or an inline string
    (as openpyxl does)."""
    name, words = f"Name {stored} end", f"Words {stored} end"
    folder = small_set(tmp_path / "s", measures=[measure("M1", name, target=100, tolerance=5)],
                       outturns={"M1": [90, 96]}, commentary=[{"ID": "M1", "Commentary": words}])
    for file in ("outturns.xlsx", "commentary.xlsx"):
        if kind == "shared":
            share_strings(folder / file)
        with zipfile.ZipFile(folder / file) as package:  # the XML holds the text as stored
            parts = [n for n in package.namelist() if n.startswith(
                "xl/sharedStrings" if kind == "shared" else "xl/worksheets/sheet")]
            assert stored in "".join(package.read(n).decode() for n in parts)
    return folder


@pytest.mark.parametrize("kind", ["shared", "inline"])
@pytest.mark.parametrize("stored, typed", STORED_TYPED)
def test_cell_text_is_decoded_exactly_once(tmp_path, stored, typed, kind):
    report_set, problems = read_report_set(text_set(tmp_path, stored, kind))
    assert report_set is not None, [p.describe() for p in problems]
    assert report_set.measures[0].name == f"Name {typed} end"
    assert report_set.commentary["M1"].commentary == f"Words {typed} end"
