"""Where reportgen's bundled templates and assets live."""

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
