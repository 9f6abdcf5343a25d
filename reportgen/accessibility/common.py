"""What every check shares: findings, the WCAG thresholds, link text, heading order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


VENDOR = Path(__file__).resolve().parent / "vendor"  # package data: axe-core
TEXT_CONTRAST = 4.5  # WCAG 1.4.3: text and images of text
GRAPHIC_CONTRAST = 3.0  # WCAG 1.4.11: graphics and the parts of user interface components
PAGE_BACKGROUND = "FFFFFF"
CHECKLIST = "accessibility-checklist.md"  # written by the build next to the outputs
REFLOW_WIDTH = 320  # WCAG 1.4.10: 320 CSS px, the width of 1280 px at 400% zoom
DESKTOP_WIDTH = 1280
# Link text that does not make sense on its own (WCAG 2.4.4, GOV.UK content guidance).
VAGUE_LINK_TEXT = {"click here", "here", "click", "read more", "more", "link", "this link",
                   "this page", "page", "more information", "find out more", "learn more",
                   "details", "go", "website", "this website"}
URL_TEXT = re.compile(r"^\s*(https?://|www\.)\S+\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One failed check: the `file` it is about, a short `rule` name and what is wrong."""

    file: str
    rule: str
    message: str

    def describe(self) -> str:
        return f"{self.file}: [{self.rule}] {self.message}"

    def as_dict(self) -> dict:
        return {"file": self.file, "rule": self.rule, "message": self.message}


@dataclass
class Outcome:
    """What the checks of one output folder found, and what they could not run (`skipped`)."""

    findings: list[Finding] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings


def link_text_problem(text: str) -> str | None:
    """Return why link `text` does not make sense on its own, or None when it does."""
    words = " ".join(text.split()).strip(" .:;,!?").casefold()
    if not words:
        return "a link has no text"
    if words in VAGUE_LINK_TEXT:
        return f"link text '{text.strip()}' does not say where the link goes"
    if URL_TEXT.match(text):
        return f"link text '{text.strip()}' is a bare web address; describe the destination"
    return None


def heading_order_problems(levels: list[int]) -> list[str]:
    """Return what is wrong with a sequence of heading levels (1-6), in document order."""
    problems = []
    if levels and levels[0] != 1:
        problems.append(f"the first heading is level {levels[0]}, not 1")
    for before, after in zip(levels, levels[1:]):
        if after > before + 1:
            problems.append(f"heading level {after} follows level {before} (a level is skipped)")
    return problems
