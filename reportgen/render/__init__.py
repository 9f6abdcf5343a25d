"""Turn document models into bytes: HTML, DOCX and tagged PDF; write nothing.

`documents` plans a set's rendering as independent jobs (a document's files; its PDF body,
whole or in chunks) and finishes each PDF from their bodies; `html` (Jinja2), `docx` (docxtpl
and python-docx), `charts` (matplotlib), `pdf` (WeasyPrint) and `pdf_assemble` (pikepdf) are
the only modules that import those libraries. The templates, stylesheet and status theme are
package data in `templates/`.
"""

from importlib.resources import files
from pathlib import Path

TEMPLATES = Path(str(files(__name__) / "templates"))
