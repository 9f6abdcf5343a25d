"""Decide which unit a number is printed with: "%", "days", "per 10,000", or none.

Officers type a unit for every measure, and some type a word that only says the measure is a
count ("Number", "No.", "Count"). Printed after every value, such a word explains nothing
("430 Number") and widens every cell, so it reads as no unit, like a blank.
"""

from __future__ import annotations

COUNT_WORDS = {"number", "numbers", "no", "no.", "nos", "nos.", "count", "#"}


def shown_unit(unit: str | None) -> str | None:
    """Return the unit to print after a value of a measure typed with `unit`, or None."""
    text = (unit or "").strip()
    if not text or text.casefold() in COUNT_WORDS:
        return None
    return text
