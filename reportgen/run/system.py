"""Check the system libraries and fonts the PDF needs; exit 1 naming what is missing.

Run by `make build` / `make test` before anything renders, so a fresh machine gets the exact
`apt-get install` line instead of a traceback from deep inside WeasyPrint.
"""

from __future__ import annotations

import ctypes.util
import shutil
import subprocess
import sys

LIBRARIES = {"pango-1.0": "libpango-1.0-0", "pangoft2-1.0": "libpangoft2-1.0-0",
             "harfbuzz-subset": "libharfbuzz-subset0"}
FONTS = {"Liberation Sans": "fonts-liberation2", "DejaVu Sans": "fonts-dejavu-core"}


def missing_packages() -> list[str]:
    """Return the Debian packages whose libraries or fonts are not found."""
    missing = [pkg for lib, pkg in LIBRARIES.items() if ctypes.util.find_library(lib) is None]
    if shutil.which("fc-list"):
        families = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True,
                                  check=False).stdout
        missing += [pkg for font, pkg in FONTS.items() if font not in families]
    return missing


def main() -> int:
    missing = missing_packages()
    if missing:
        print("reportgen needs system packages that are not installed: " + ", ".join(missing),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
