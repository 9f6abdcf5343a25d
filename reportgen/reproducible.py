"""Reproducible zip packages: the same entries and time give the same bytes on every run and
platform.

Every .docx and .xlsx the project writes is a zip: the DOCX renderer's outputs, and the
templates, sample inputs and benchmark inputs that scripts/make_docx_templates.py,
scripts/make_sample_inputs.py and benchmarks/generate.py write. Their writers stamp entries
with the current time and keep whatever order they like; these functions write each entry
deflated, with one fixed time, read/write (0644) permissions and Unix as the creating system,
in the order given (`write_zip`) or with `[Content_Types].xml` first and the rest sorted
(`reproducible_zip`).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterable

ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)  # earliest time a zip entry holds
CONTENT_TYPES = "[Content_Types].xml"  # an Open Packaging Conventions package's first part
UNIX = 3  # ZipInfo.create_system: the same bytes whichever system writes the zip
MODE = 0o644 << 16  # ZipInfo.external_attr: a file readable by all, writable by its owner


def zip_date_time(stamp: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """Return the zip entry time of `stamp`: its own (not converted) year to second, and no
    earlier than 1980-01-01, the first time a zip entry can hold."""
    epoch = ZIP_EPOCH if stamp.tzinfo is not None else ZIP_EPOCH.replace(tzinfo=None)
    return max(stamp, epoch).timetuple()[:6]


def package_order(names: Iterable[str]) -> list[str]:
    """Return `names` with `[Content_Types].xml` first and the rest sorted."""
    return sorted(names, key=lambda name: (name != CONTENT_TYPES, name))


def write_zip(entries: Iterable[tuple[str, bytes]], stamp: dt.datetime) -> bytes:
    """Return a zip of `entries` (name, data) in the order given, each deflated and dated
    `stamp`, with fixed permissions and creating system."""
    date_time = zip_date_time(stamp)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = UNIX
            info.external_attr = MODE
            target.writestr(info, data)
    return out.getvalue()


def reproducible_zip(data: bytes, stamp: dt.datetime, *, sort: bool = True,
                     edit: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """Return the zip `data` rewritten by `write_zip`: every entry dated `stamp`, in package
    order (`package_order`), or in the order of `data` when `sort` is false. `edit(name,
    content)`, when given, returns each entry's new content."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = package_order(source.namelist()) if sort else source.namelist()
        entries = [(name, source.read(name)) for name in names]
    if edit is not None:
        entries = [(name, edit(name, content)) for name, content in entries]
    return write_zip(entries, stamp)


def save_workbook(workbook, path, stamp: dt.datetime, creator: str) -> None:
    """Save an openpyxl `workbook` at `path` as the same bytes whenever its cells are the
    same: created and modified `stamp` (openpyxl stamps `modified` with the current time),
    entries as `write_zip` writes them, in openpyxl's order."""
    import re

    workbook.properties.creator = creator
    workbook.properties.created = stamp
    buffer = io.BytesIO()
    workbook.save(buffer)
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()

    def fix_modified(name: str, data: bytes) -> bytes:
        if name != "docProps/core.xml":
            return data
        return re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                      rb"\g<1>" + when + rb"\g<2>", data)

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(reproducible_zip(buffer.getvalue(), stamp, sort=False, edit=fix_modified))
