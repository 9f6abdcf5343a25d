"""Builders for broken and hostile report sets, shared by tests/test_hostile_*.py and the fuzzer."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path

from tests.conftest import measure, write_set

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Text an officer might paste, or an attacker might try, in any text cell.
HOSTILE_TEXTS = [
    "<script>alert('x')</script>Script",
    "<style>body{display:none}</style>Style",
    '<img src="file:///etc/passwd">Image',
    '<img src="http://127.0.0.1:8000/beacon.png">Beacon',
    '<a href="file:///etc/shadow">local link</a>',
    '<link rel="stylesheet" href="http://localhost/x.css">Sheet',
    "url(file:///etc/hostname) and @import 'http://[::1]/a.css';",
    "{{ 7*7 }} and {% for x in range(3) %}loop{% endfor %} {# note #}",
    "</w:t></w:r><w:r><w:t>injected</w:t></w:r><w:r><w:t>",
    '<w:p><w:r><w:instrText>INCLUDETEXT "file:///etc/passwd"</w:instrText></w:r></w:p>',
    "x < 5 & y > 3; a && b; \"quoted\" 'single'",
    "Cymraeg: Llwyddiant ŵ ŷ â ê î ô û — العربية עברית 😀 zero\u200bwidth",
]


def digest(folder: Path) -> dict[str, tuple[str, int]]:
    """Return each file's sha256 and modification time in `folder` (to prove it unchanged)."""
    return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.iterdir()) if p.is_file()}


def small_set(folder: Path, **kwargs) -> Path:
    """Write a valid two-measure set (M1 Green, M2 Red), overriding any `write_set` argument."""
    args = dict(measures=[measure("M1", "% seen", target=100, tolerance=5),
                          measure("M2", "% late", polarity="Low", target=10)],
                outturns={"M1": [90, 96], "M2": [12, 15]},
                commentary=[{"ID": "M1", "Commentary": "Good."},
                            {"ID": "M2", "Commentary": "Too late.", "Actions": "Hire."}])
    args.update(kwargs)
    return write_set(folder, **args)


def edit_part(path: Path, part: str, edit) -> None:
    """Rewrite one part of the zip at `path` with `edit(text) -> text`."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == part:
                data = edit(data.decode("utf-8")).encode("utf-8")
            target.writestr(info, data)
    path.write_bytes(out.getvalue())


def add_parts(path: Path, parts: dict[str, bytes]) -> None:
    """Add parts (e.g. xl/vbaProject.bin) to the zip at `path`."""
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def sheet_part(path: Path, title: str) -> str:
    """Return the zip part holding the sheet `title` (openpyxl writes them in order)."""
    import openpyxl
    names = openpyxl.load_workbook(path, read_only=True).sheetnames
    return f"xl/worksheets/sheet{names.index(title) + 1}.xml"


def set_cell_xml(path: Path, title: str, ref: str, cell_xml: str) -> None:
    """Replace the XML of cell `ref` in sheet `title` with `cell_xml` (raw, as a hostile tool
    might write it)."""
    def edit(text: str) -> str:
        new, count = re.subn(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', cell_xml, text, count=1)
        assert count == 1, f"cell {ref} not found"
        return new
    edit_part(path, sheet_part(path, title), edit)


def insert_in_sheet(path: Path, title: str, before: str, xml: str) -> None:
    """Insert raw `xml` before the first `before` tag (e.g. "</worksheet>") of sheet `title`."""
    edit_part(path, sheet_part(path, title), lambda text: text.replace(before, xml + before, 1))


def share_strings(path: Path) -> None:
    """Move every inline string of the workbook at `path` into a shared string table, as Excel
    saves text (openpyxl writes text inline)."""
    strings: list[str] = []

    def to_shared(match) -> str:
        strings.append(match.group(2))
        return f'<c {match.group(1)}t="s"><v>{len(strings) - 1}</v></c>'

    with zipfile.ZipFile(path) as package:
        sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/sheet")]
    for part in sheets:
        edit_part(path, part, lambda text: re.sub(
            r'<c ([^>]*?)t="inlineStr"\s*><is>(.*?)</is></c>', to_shared, text, flags=re.S))
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    add_parts(path, {"xl/sharedStrings.xml": (
        f'<sst xmlns="{main}" count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si>{s}</si>" for s in strings) + "</sst>").encode("utf-8")})
    edit_part(path, "[Content_Types].xml", lambda text: text.replace("</Types>", (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')))
    edit_part(path, "xl/_rels/workbook.xml.rels", lambda text: text.replace(
        "</Relationships>", '<Relationship Id="rIdShared" Type="http://schemas.openxmlformats'
        '.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"))
