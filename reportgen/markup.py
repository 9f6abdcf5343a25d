"""Parse the light markup officers type in Narrative cells into a `Flow`.

The forms (issue: Report to Cabinet): a blank line starts a paragraph; "- " and "  - "
bullets; "1. " numbered items (restarting in each cell); "### " sub-headings; **bold**,
*italic*; [text](https://…) links (any other target prints as its text only); pipe tables.
Markup becomes document-model objects, never raw HTML or Word XML.
"""

from __future__ import annotations

import re

from reportgen.document import Block, Flow, Run, TableBlock
from reportgen.text import clean_text

_BULLET = re.compile(r"^(\s*)[-•*]\s+(.*)$")
_NUMBER = re.compile(r"^\s*(\d{1,3})[.)]\s+(.*)$")
_SUBHEADING = re.compile(r"^#{2,4}\s+(.*)$")
_TABLE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_INLINE = re.compile(r"\*\*(?P<bold>.+?)\*\*|(?<![\w*])\*(?P<italic>[^*\s](?:[^*]*[^*\s])?)\*(?![\w*])"
                     r"|\[(?P<text>[^\]]+)\]\((?P<href>[^)\s]*)\)")


def parse_inline(text: str, bold: bool = False) -> tuple[Run, ...]:
    """Return the runs of one line: **bold**, *italic* and [links](https://…)."""
    runs: list[Run] = []
    at = 0
    for match in _INLINE.finditer(text):
        if match.start() > at:
            runs.append(Run(text[at:match.start()], bold=bold))
        if match.group("bold") is not None:
            runs.extend(Run(r.text, True, r.italic, r.href)
                        for r in parse_inline(match.group("bold"), bold=True))
        elif match.group("italic") is not None:
            runs.append(Run(match.group("italic"), bold=bold, italic=True))
        else:
            href = match.group("href")
            safe = href if href.lower().startswith("https://") else None
            runs.append(Run(match.group("text"), bold=bold, href=safe))
        at = match.end()
    if at < len(text):
        runs.append(Run(text[at:], bold=bold))
    return tuple(runs)


def _table(lines: list[str]) -> TableBlock:
    rows = []
    for line in lines:
        if _TABLE_SEPARATOR.match(line):
            continue
        cells = line.strip().strip("|").split("|")
        rows.append(tuple(parse_inline(c.strip()) for c in cells))
    width = max(len(r) for r in rows)
    rows = [r + ((),) * (width - len(r)) for r in rows]
    return TableBlock(header=rows[0], rows=tuple(rows[1:]))


def parse_markup(value: str | None) -> Flow:
    """Return the blocks of a cell written in the light markup."""
    if not value:
        return ()
    blocks: list[Block | TableBlock] = []
    paragraph: list[str] = []
    table: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block(parse_inline("\n".join(paragraph))))
            paragraph.clear()
        if table:
            blocks.append(_table(table))
            table.clear()

    for line in clean_text(value).split("\n"):
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if stripped.startswith("|"):
            if paragraph:
                flush()
            table.append(stripped)
            continue
        if table:
            flush()
        if match := _SUBHEADING.match(stripped):
            flush()
            blocks.append(Block(parse_inline(match.group(1)), "subheading"))
        elif match := _BULLET.match(line):
            flush()
            level = 1 if len(match.group(1).expandtabs(4)) >= 2 else 0
            blocks.append(Block(parse_inline(match.group(2)), "bullet", level))
        elif match := _NUMBER.match(line):
            flush()
            blocks.append(Block(parse_inline(match.group(2)), "number", 0))
        else:
            paragraph.append(stripped)
    flush()
    return tuple(blocks)
