"""What a build is doing now, for a progress display: a set's size and its step.

A set's runner (`pool.SetRunner`) sends these to the listener `run_sets` was given, as the
set's jobs start: the CLI shows them on the terminal's progress bar; and when its files are
written, for the message of a build stopped by Ctrl-C.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    """One progress event: `kind` is "measures" (`count`), "step" (`step`, e.g.
    "HTML, DOCX and PDF layout (5 parts)"), or, once the set is done, "written" (`count`
    files, all in place) or "unchanged" (only verified)."""

    kind: str
    count: int = 0
    step: str = ""

    def describe(self) -> str:
        if self.kind == "measures":
            return f"{self.count} measures"
        if self.kind == "written":
            return f"{self.count} files written"
        if self.kind == "unchanged":
            return "unchanged"
        return self.step
