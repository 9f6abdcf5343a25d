"""Skip unchanged work: a build is unchanged when its inputs, templates, schemes and code
hash the same as last time and every output it wrote is still there, byte for byte; and the
cache folder of laid-out PDF bodies, margin sheets and charts (`kept`, `keep`).

An unchanged rebuild only verifies (hashing, milliseconds) instead of rendering again
(benchmarks/README.md: a rebuild cost as much as a first build).
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from reportgen import __version__

PACKAGE = Path(__file__).resolve().parent  # reportgen/: every module and template


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The hash of reportgen's code and templates and of the libraries that shape the PDF's
    bytes: a laid-out body or a build made by other code is never reused."""
    import pikepdf
    import pydyf
    import weasyprint

    digest = hashlib.sha256(f"reportgen {__version__} WeasyPrint {weasyprint.__version__} "
                            f"pydyf {pydyf.__version__} pikepdf {pikepdf.__version__} "
                            f"qpdf {pikepdf.__libqpdf_version__}\n".encode())
    for path in _files(PACKAGE):
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cache_key(folder: Path, template_dir: Path) -> str:
    """Return the hash of everything a set's outputs depend on."""
    from reportgen.read.benchmarks import BENCHMARKS_FOLDER, benchmark_inputs
    from reportgen.read.contract import RETURNS_FOLDER, return_files
    from reportgen.schemes import scheme_files

    digest = hashlib.sha256(f"reportgen {__version__}\n".encode())
    for name in ("SOURCE_DATE_EPOCH", "REPORTGEN_CHUNK_MEASURES"):  # they change the bytes
        digest.update(f"{name}={os.environ.get(name, '')}\n".encode())
    inputs = [folder / "outturns.xlsx", folder / "commentary.xlsx", *scheme_files(folder),
              *return_files(folder), *benchmark_inputs(folder)]
    # A workbook saved beside them ("commentary (1).xlsx") is warned about when the set is
    # read, as is a return open in Excel: a file added or removed means reading the set
    # again, not "unchanged".
    for place in (folder, folder / RETURNS_FOLDER, folder / BENCHMARKS_FOLDER):
        digest.update("\0".join(sorted(p.name for p in place.iterdir() if p.is_file())).encode()
                      if place.is_dir() else b"")
    for path in inputs + _files(template_dir) + _files(PACKAGE):
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"(missing)")
    return digest.hexdigest()


def sha256(data: bytes | str) -> str:
    """Return the SHA-256 of `data` (text as UTF-8) in hex: the project's one file and output
    hash (a file's: `sha256(path.read_bytes())`)."""
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def previous_build(out_dir: Path) -> dict:
    """Return the `cache` entry of the manifest the last build wrote in `out_dir` ({} when
    there is none, or it cannot be read): its `key`, and its `outputs`, {name: sha256} of
    every file it wrote but the manifest."""
    try:
        manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
        cache = manifest["cache"]
        outputs = cache["outputs"]
        if isinstance(outputs, dict) and all(isinstance(v, str) for v in outputs.values()):
            return cache
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return {}


def is_unchanged(folder: Path, out_dir: Path, template_dir: Path,
                 formats: tuple[str, ...] | None = None) -> bool:
    """Return whether `out_dir` already holds this exact build of the set in `folder`, in
    `formats` at least (None: every format). A manifest from before `build --format` lists no
    formats: its build wrote them all."""
    from reportgen.render.documents import FORMATS

    cache = previous_build(out_dir)
    built = cache.get("formats")
    built = set(built) if isinstance(built, list) else set(FORMATS)
    try:
        if cache.get("key") != cache_key(folder, template_dir) or \
                not set(formats or FORMATS) <= built:
            return False
        return all(sha256((out_dir / name).read_bytes()) == digest
                   for name, digest in cache["outputs"].items())
    except OSError:
        return False


def kept(path: Path) -> bytes | None:
    """The bytes a build kept at `path` in a cache folder, marked as used by this build (so
    `write.prune` keeps them); None when there are none, or they cannot be read or marked
    (gone meanwhile, another user's): then they are made again."""
    try:
        data = path.read_bytes()
        os.utime(path)
        return data
    except OSError:
        return None


def keep(path: Path, data: bytes | str) -> None:
    """Keep `data` at `path` in a cache folder, atomically; a cache only: a failure is
    ignored (the build goes on, and says so if it cannot write its outputs)."""
    from reportgen.errors import ReportgenError
    from reportgen.write import write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    except (OSError, ReportgenError):
        pass
