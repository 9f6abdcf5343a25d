"""What a build is doing now, for a progress display: a set's size, the document and step, the
page being laid out.

The pipeline calls `report(...)`; nothing happens unless a sink is installed (`reporting`).
The set worker installs one that sends each event to the main process, which shows it on the
terminal's progress bar and, on learning the set's size, gives a large set the time and
memory it needs (`limits.for_measures`). WeasyPrint's own progress log ("Step 5 - Creating
layout - Page 37") becomes `page` events.
"""

from __future__ import annotations

import logging
import os
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable

PAGE_EVERY = 0.2  # seconds between two page events: a bar needs no more


@dataclass(frozen=True)
class Event:
    """One progress event: `kind` is "measures" (`count`), "step" (`document`, `step`) or
    "page" (`count` pages laid out by process `part`: a document's chunks are laid out in
    several processes at once)."""

    kind: str
    count: int = 0
    document: str = ""
    step: str = ""
    part: int = 0

    def describe(self) -> str:
        if self.kind == "measures":
            return f"{self.count} measures"
        if self.kind == "page":
            return f"laying out page {self.count}"
        return f"{self.document}: {self.step}" if self.document else self.step


_sink: Callable[[Event], None] | None = None


def report(kind: str, **fields) -> None:
    """Send an event to the installed sink, if any. Never raises: progress is only shown."""
    if _sink is not None:
        try:
            _sink(Event(kind, **fields))
        except Exception:  # a closed pipe must not fail the build
            pass


class _PageLog(logging.Handler):
    """Turns WeasyPrint's "Creating layout - Page n" log lines into throttled `page` events."""

    PAGE = re.compile(r"Creating layout - Page (\d+)")

    def __init__(self):
        super().__init__(logging.INFO)
        self.last = 0.0

    def emit(self, record):
        match = self.PAGE.search(record.getMessage())
        now = time.monotonic()
        if match and now - self.last >= PAGE_EVERY:
            self.last = now
            report("page", count=int(match.group(1)), part=os.getpid())


@contextmanager
def reporting(sink: Callable[[Event], None]):
    """Install `sink` for the events of the pipeline (and WeasyPrint's page log) inside."""
    global _sink
    logger = logging.getLogger("weasyprint.progress")
    handler, level, propagate = _PageLog(), logger.level, logger.propagate
    previous, _sink = _sink, sink
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # page lines are events here, not log output
    try:
        yield
    finally:
        _sink = previous
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate
