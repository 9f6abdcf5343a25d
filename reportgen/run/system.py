"""Check the system packages that building and testing need; exit 1 naming what is missing.

Run by `make build` / `make test` before the venv is made, with the system Python and only the
standard library, so it can run as a plain script (`python3 reportgen/run/system.py`) as well as
`python -m reportgen.run.system`. Checks: the libraries and fonts the PDF needs, poppler-utils
(pdftotext/pdftoppm, used by the tests), and, outside a venv, what `python -m venv` and pip need.

`--packages` prints just the missing Debian package names, space-separated, on stdout, so the
Makefile can `apt-get install` exactly those. Exit codes either way: 0 all present, 1 missing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from ctypes.util import find_library
from importlib.util import find_spec
from os.path import exists
from shutil import which

LIBRARIES = {"pango-1.0": "libpango-1.0-0", "pangoft2-1.0": "libpangoft2-1.0-0",
             "harfbuzz-subset": "libharfbuzz-subset0"}
FONTS = {"Liberation Sans": "fonts-liberation2", "DejaVu Sans": "fonts-dejavu-core"}
PROGRAMS = {"pdftotext": "poppler-utils", "pdftoppm": "poppler-utils"}
# Debian's CA bundle: without it pip cannot reach the package index over HTTPS.
CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"


def _font_families() -> str | None:
    """Return `fc-list`'s font families, or None when fontconfig's tools are not installed."""
    if not which("fc-list"):
        return None
    return subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True,
                          check=False).stdout


def _in_venv() -> bool:
    return sys.prefix != sys.base_prefix


def missing_packages() -> list[str]:
    """Return the Debian packages whose libraries, fonts or programs are not found, no repeats."""
    missing = [pkg for lib, pkg in LIBRARIES.items() if find_library(lib) is None]
    families = _font_families()
    if families is None:
        # Cannot see which fonts are installed without fc-list: ask for fontconfig and the fonts
        # (installing a package that is already there does nothing).
        missing += ["fontconfig", *FONTS.values()]
    else:
        missing += [pkg for font, pkg in FONTS.items() if font not in families]
    missing += [pkg for prog, pkg in PROGRAMS.items() if which(prog) is None]
    if not _in_venv():
        # Debian's own Python leaves `ensurepip` (so `python -m venv`) to a separate package.
        if find_spec("ensurepip") is None:
            missing.append(f"python{sys.version_info.major}.{sys.version_info.minor}-venv")
        if exists("/etc/debian_version") and not exists(CA_BUNDLE):
            missing.append("ca-certificates")
    return list(dict.fromkeys(missing))


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--packages", action="store_true",
                      help="print only the missing Debian package names, space-separated")
    options = args.parse_args(argv)
    missing = missing_packages()
    if options.packages:
        if missing:
            print(" ".join(missing))
    elif missing:
        print("reportgen needs system packages that are not installed: " + ", ".join(missing),
              file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
