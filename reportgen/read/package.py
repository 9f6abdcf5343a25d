"""Inspect a workbook file before openpyxl parses it: what kind of file it is, whether it fits
the limits, and what it holds that openpyxl's values do not show (macros, links to other
workbooks, formulas saved without a result).

Only the zip's directory is read up front; sheet parts are streamed one at a time with
defusedxml, and only when asked. A file that breaks a limit is refused before openpyxl
parses it, so it cannot cost minutes or gigabytes.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree as SafeET

from reportgen.limits import Limits, env_name
from reportgen.errors import Problems, Where

MB = 1024 * 1024
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 files, and encrypted .xlsx files
MACRO_PARTS = ("xl/vbaproject.bin", "xl/vbaprojectsignature.bin", "xl/macrosheets/",
               "xl/dialogsheets/", "xl/activex/")
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
SAVE_AS = ("open it in Excel and save it as 'Excel Workbook (*.xlsx)' (File > Save As), then "
           "build again")
COPY_AGAIN = ("copy or download the workbook again; if Excel can open it, save it again as "
              ".xlsx")
ZIP_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_NUMBER = re.compile(r"^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$")


@dataclass
class Package:
    """What a workbook's zip directory says: its `macros` parts and external `links`."""

    macros: list[str] = field(default_factory=list)
    links: int = 0


def read_package(path: Path, problems: Problems, limits: Limits) -> Package | None:
    """Return what the zip directory of `path` says, or None after adding the one problem
    that says what the file is and what to do with it."""
    where = Where(path.name)
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        problems.error(f"{path.name} cannot be read ({exc.strerror or exc})",
                       "check the file is not locked by another program and that you can "
                       "open the folder, then build again", where)
        return None
    refusal = describe_non_zip(path, head)
    if refusal:
        problems.error(refusal[0], refusal[1], where)
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        ends_early = "not a zip file" in str(exc).lower()
        problems.error(f"{path.name} is incomplete or damaged: "
                       + ("the end of the file is missing (it may not have finished copying "
                          "or downloading)" if ends_early else f"its contents are broken ({exc})"),
                       COPY_AGAIN, where)
        return None
    except (OSError, ValueError, EOFError, zipfile.LargeZipFile, NotImplementedError) as exc:
        problems.error(f"{path.name} is damaged and cannot be read as a workbook ({exc})",
                       COPY_AGAIN, where)
        return None
    package = check_parts(path, infos, problems, limits)
    if package is not None and not check_ranges(path, problems, limits):
        return None
    return package


def describe_non_zip(path: Path, head: bytes) -> tuple[str, str] | None:
    """Return (message, fix) when `head` (the first bytes of `path`) is not an .xlsx zip."""
    name = path.name
    if not head:
        return f"{name} is empty (0 bytes)", COPY_AGAIN
    if head.startswith(b"PK"):
        return None
    if head.startswith(OLE2):
        if _is_encrypted(path):
            return (f"{name} is password-protected, so reportgen cannot read its cells",
                    "in Excel use File > Info > Protect Workbook > Encrypt with Password, "
                    "delete the password, save, and build again")
        if path.suffix.lower() == ".xls":
            return (f"{name} is an old-format Excel 97-2003 workbook (.xls); reportgen reads "
                    ".xlsx workbooks", SAVE_AS)
        return (f"{name} is an old-format Excel 97-2003 workbook (.xls) whose name was changed "
                "to .xlsx; renaming a file does not convert it", SAVE_AS)
    renamed = " with an Excel name" if path.suffix.lower() in SPREADSHEET_SUFFIXES else ""
    if head.startswith(b"%PDF"):
        return f"{name} is a PDF document{renamed}, not an Excel workbook", SAVE_AS
    text = head.decode("utf-8", "replace").lower()
    if "<html" in text or "<table" in text or "<!doctype" in text:
        return f"{name} is a web page (HTML){renamed}, not an Excel workbook", SAVE_AS
    if "<?xml" in text and "urn:schemas-microsoft-com:office:spreadsheet" in text:
        return f"{name} is an Excel 2003 XML spreadsheet, not an Excel workbook (.xlsx)", SAVE_AS
    if "\x00" not in text and ("," in text or "\t" in text or ";" in text):
        return f"{name} is a text (CSV) file{renamed}, not an Excel workbook", SAVE_AS
    return f"{name} is not an Excel workbook (.xlsx); it may be damaged", SAVE_AS


def _is_encrypted(path: Path) -> bool:
    """Return whether an OLE2 file is an encrypted Office package (it names its streams)."""
    with path.open("rb") as handle:
        data = handle.read(4 * MB)
    return "EncryptedPackage".encode("utf-16-le") in data


def check_parts(path: Path, infos: list[zipfile.ZipInfo], problems: Problems,
                limits: Limits) -> Package | None:
    """Return the `Package` for a zip's entries `infos`, or None after adding a problem."""
    where = Where(path.name)
    names = {i.filename.lower() for i in infos}
    if not any(n.startswith("xl/") for n in names):
        problems.error(describe_other_zip(path, names), SAVE_AS, where)
        return None
    if "xl/workbook.bin" in names:
        problems.error(f"{path.name} is an Excel binary workbook (.xlsb), not an Excel workbook "
                       "(.xlsx)", SAVE_AS, where)
        return None
    if len(infos) > limits.max_parts:
        problems.error(f"{path.name} holds {len(infos):,} parts, beyond the limit of "
                       f"{limits.max_parts:,} for a workbook",
                       "save it again from Excel; if it really needs more, raise "
                       f"{env_name('max_parts')}", where)
        return None
    if any(i.flag_bits & 0x1 for i in infos):
        problems.error(f"{path.name} has password-protected parts, so reportgen cannot read it",
                       "remove the password in Excel, save, and build again", where)
        return None
    if any(i.compress_type not in ZIP_METHODS for i in infos):
        problems.error(f"{path.name} was packed in a way Excel does not write, so reportgen "
                       "cannot read it", SAVE_AS, where)
        return None
    unpacked = sum(i.file_size for i in infos)
    packed = max(sum(i.compress_size for i in infos), 1)
    limit_mb = limits.max_unpacked_mb
    if unpacked > limit_mb * MB:
        problems.error(f"{path.name} unpacks to {_mb(unpacked)} MB, beyond the {limit_mb} MB "
                       "limit for a workbook", _SHRINK + f"; the limit is "
                       f"{env_name('max_unpacked_mb')}", where)
        return None
    if unpacked > limits.ratio_floor_mb * MB and unpacked / packed > limits.max_ratio:
        worst = max(infos, key=lambda i: i.file_size / max(i.compress_size, 1))
        problems.error(f"{path.name} unpacks to {unpacked / packed:,.0f} times its size "
                       f"({_mb(unpacked)} MB from {_mb(packed)} MB; most in "
                       f"{worst.filename[:80]}), "
                       f"beyond the {limits.max_ratio}:1 limit; a normal workbook is about 10:1",
                       _SHRINK + f"; the limit is {env_name('max_ratio')}", where)
        return None
    macros = sorted(i.filename for i in infos if i.filename.lower().startswith(MACRO_PARTS))
    links = sum(1 for n in names if n.startswith("xl/externallinks/") and n.endswith(".xml"))
    return Package(macros, links)


_SHRINK = ("this is usually formatting applied to whole rows or columns, or pasted images: "
           "delete the empty rows and columns below and to the right of the data and any "
           "unused sheets, save, and build again")


def _mb(size: int) -> str:
    return f"{size / MB:,.1f}".removesuffix(".0")


def describe_other_zip(path: Path, names: set[str]) -> str:
    """Return what a zip that is not a spreadsheet is, from its part `names`."""
    name = path.name
    renamed = " with an Excel name" if path.suffix.lower() in SPREADSHEET_SUFFIXES else ""
    if "content.xml" in names and "mimetype" in names:
        return f"{name} is an OpenDocument spreadsheet (.ods){renamed}, not an Excel workbook"
    if any(n.startswith("word/") for n in names):
        return f"{name} is a Word document{renamed}, not an Excel workbook"
    if any(n.startswith("ppt/") for n in names):
        return f"{name} is a PowerPoint file{renamed}, not an Excel workbook"
    return f"{name} is a zip archive, not an Excel workbook (it holds no workbook parts)"


# --- sheet parts, streamed -------------------------------------------------------------

_RANGE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(mergeCell|hyperlink)\b[^>]*?\bref=[\"']"
                    rb"\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?")


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def check_ranges(path: Path, problems: Problems, limits: Limits) -> bool:
    """Return False after adding a problem when a sheet merges or links more cells than the
    limit: openpyxl makes an object for every cell of such a range, so one line of XML
    (`<mergeCell ref="A1:XFD1048576"/>`) would take hours and gigabytes to open."""
    try:
        with zipfile.ZipFile(path) as archive:
            for title, data in sheet_data(archive):
                total, largest = 0, (0, "")
                for match in _RANGE.finditer(data):
                    kind, c1, r1, c2, r2 = match.groups()
                    if c2 is None:
                        continue
                    area = ((abs(_column(c2) - _column(c1)) + 1)
                            * (abs(int(r2) - int(r1)) + 1))
                    total += area
                    if area > largest[0]:
                        largest = (area, f"{c1.decode()}{r1.decode()}:{c2.decode()}{r2.decode()}"
                                   + (" (merged)" if kind == b"mergeCell" else " (linked)"))
                if total > limits.max_range_cells:
                    problems.error(f"merged or linked ranges cover {total:,} cells (the largest "
                                   f"is {largest[1]}, {largest[0]:,} cells), beyond the limit of "
                                   f"{limits.max_range_cells:,}",
                                   "unmerge the cells (Home > Merge & Center) or remove the "
                                   "hyperlink from the whole rows or columns, save, and build "
                                   f"again; the limit is {env_name('max_range_cells')}",
                                   Where(path.name, title, largest[1].split(" ")[0]))
                    return False
    except Exception:  # a damaged part (zlib, XML, zip errors): openpyxl names it next
        pass
    return True

_ROW_OR_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s>/])([^>]*)>")
_REF = re.compile(rb"""\br=["']([A-Z]{0,3})([0-9]{0,7})["']""")


def stored_cells(path: Path) -> dict[str, list[tuple[int, int]]]:
    """Return, by sheet title, the (row, column) of every cell the sheet part stores, in the
    file's order. A cell or row written without its reference (r="B2", which Excel always
    writes) is placed as openpyxl places it: after the one before.

    openpyxl's worksheets list only the rectangle from A1 to the last stored cell, so one
    stray cell at XFD1048576 would make a loop over its rows and columns run for hours; the
    stored cells are what the file holds. Call it only after `read_package` accepted the
    file."""
    found: dict[str, list[tuple[int, int]]] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            for title, data in sheet_data(archive):
                cells, row, column = [], 0, 0
                for kind, attributes in _ROW_OR_CELL.findall(data):
                    ref = _REF.search(attributes)
                    if kind == b"row":
                        row = int(ref.group(2)) if ref and ref.group(2) else row + 1
                        column = 0
                        continue
                    if ref and ref.group(1):
                        column = _column(ref.group(1))
                        row = int(ref.group(2)) if ref.group(2) else row
                    else:
                        column += 1
                    cells.append((row, column))
                found[title] = cells
    except Exception:  # a damaged part: openpyxl names it
        pass
    return found


@dataclass
class CellScan:
    """Cells found by streaming the sheet parts: by sheet title, then cell reference."""

    uncached: dict[str, dict[str, str]] = field(default_factory=dict)  # formula, no result
    bad_numbers: dict[str, dict[str, str]] = field(default_factory=dict)  # text in a number


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def sheet_data(archive: zipfile.ZipFile):
    """Yield (title, XML bytes) for each worksheet whose part the workbook really holds."""
    for title, part in sheet_parts(archive).items():
        try:
            yield title, archive.read(part)
        except KeyError:
            continue


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Return each worksheet's title and the zip part that holds it."""
    root = SafeET.fromstring(archive.read("xl/workbook.xml"))
    rels = SafeET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") or "" for r in rels.iter()
               if _local(r.tag) == "Relationship"}
    parts = {}
    for sheet in root.iter():
        if _local(sheet.tag) != "sheet":
            continue
        rid = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
        target = targets.get(rid)
        if not target:
            continue
        part = target.lstrip("/") if target.startswith("/") else \
            posixpath.normpath(posixpath.join("xl", target))
        parts[sheet.get("name") or ""] = part
    return parts


def shared_strings_part(archive: zipfile.ZipFile) -> str | None:
    """Return the zip part holding the workbook's shared strings (as openpyxl finds it, by
    its content type), or None."""
    root = SafeET.fromstring(archive.read("[Content_Types].xml"))
    for override in root.iter():
        if (_local(override.tag) == "Override"
                and (override.get("ContentType") or "").endswith(".sharedStrings+xml")):
            return (override.get("PartName") or "").lstrip("/")
    return None


def literal_strings(path: Path) -> io.BytesIO | None:
    """Return a copy of the workbook at `path` whose shared strings openpyxl reads as the
    file holds them, or None when the file itself reads so.

    openpyxl deletes every "x005F_" from a shared string (and only there: it leaves inline
    strings alone), so the `_x005F_x000B_` Excel saves for a typed "_x000B_" would read as
    `_x000B_`, the escape of a vertical tab, and print as a line break. In the copy each
    "x005F_" is nested in another ("x005x005F_F_"): what openpyxl deletes leaves exactly the
    file's text, which `clean_text` then decodes once, like any other cell's.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            part = shared_strings_part(archive)
            strings = archive.read(part) if part in archive.namelist() else b""
            if b"x005F_" not in strings:
                return None
            copy = io.BytesIO()
            with zipfile.ZipFile(copy, "w") as target:
                for info in archive.infolist():
                    data = archive.read(info)
                    if info.filename == part:
                        data = data.replace(b"x005F_", b"x005x005F_F_")
                    target.writestr(info, data)
    except Exception:  # a damaged part (zlib, XML, zip errors): openpyxl names it next
        return None
    copy.seek(0)
    return copy


def scan_cells(path: Path, all_numbers: bool = False) -> CellScan:
    """Return the formulas saved without a result (and, with `all_numbers`, number cells that
    hold text openpyxl cannot read) in every worksheet of `path`.

    A sheet without any formula is skipped unread unless `all_numbers` is set. Call it only
    after `read_package` accepted the file: sizes are bounded by then.
    """
    scan = CellScan()
    try:
        with zipfile.ZipFile(path) as archive:
            for title, data in sheet_data(archive):
                if not all_numbers and not _FORMULA.search(data):
                    continue
                uncached, bad = _scan_part(data, all_numbers)
                if uncached:
                    scan.uncached[title] = uncached
                if bad:
                    scan.bad_numbers[title] = bad
    except Exception:  # a damaged part: openpyxl names it; this scan only adds detail
        pass
    return scan


def _scan_part(data: bytes, all_numbers: bool) -> tuple[dict[str, str], dict[str, str]]:
    uncached: dict[str, str] = {}
    bad: dict[str, str] = {}
    sheet_data = None
    for event, elem in SafeET.iterparse(io.BytesIO(data), events=("start", "end")):
        name = _local(elem.tag)
        if event == "start":
            if name == "sheetData":
                sheet_data = elem
            continue
        if name == "c":
            formula = value = None
            for child in elem:
                kind = _local(child.tag)
                if kind == "f":
                    formula = child
                elif kind == "v":
                    value = child
            ref = elem.get("r")
            # Only a text result can be empty (t="str"); an empty number is no result at all.
            if ref and formula is not None and (value is None or (
                    not value.text and elem.get("t", "n") != "str")):
                uncached[ref] = "=" + (formula.text or "").strip() if formula.text else ""
            if (ref and all_numbers and value is not None and elem.get("t", "n") == "n"
                    and value.text and not _NUMBER.match(value.text)):
                bad[ref] = value.text[:40]
            elem.clear()
        elif name == "row":
            if sheet_data is not None and len(sheet_data) and sheet_data[-1] is elem:
                sheet_data.remove(elem)  # keep memory flat on long sheets
    return uncached, bad
