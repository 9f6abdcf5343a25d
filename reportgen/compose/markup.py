"""Parse the light markup officers type in Narrative cells into a `Flow`.

The forms (issue: Report to Cabinet): a blank line starts a paragraph; "- " and "  - "
bullets ("•" and "*" too; two or more spaces of indent make a second-level bullet); "1. "
numbered items (restarting in each cell, keeping the numbers as typed); "### " sub-headings
("##" to "####"); **bold**, *italic*; [text](https://…) links (any other target prints as its
text only); pipe tables ("\\|" is a "|" inside a cell). Markup becomes document-model objects,
never raw HTML or Word XML.

The parser is markdown-it (CommonMark) with its table rule, cut down to these forms: text
that is not one of them prints as typed (text is data), so indented or fenced code, block
quotes, rules, images, autolinks, raw HTML, entities, backslash escapes, `code`, _underscore_
emphasis, "#" and "#####" headings, underlined headings and reference links are all plain
text. As the officers' forms always were, each form is found line by line: a bullet, number,
sub-heading or table line ends the paragraph above it (a list numbered from 3 too), and an
unindented line after a list item starts a paragraph (no "lazy" continuation of the item).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_block import list_block, table
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.rules_block.table import escapedSplit
from markdown_it.rules_inline import emphasis, link
from markdown_it.rules_inline.state_inline import StateInline
from markdown_it.token import Token

from reportgen.document import Block, Flow, Run, TableBlock
from reportgen.text import tidy_text

# A list item's first line: a bullet ("-", "*" or "•") or a number of one to three digits
# with "." or ")", then white space and some text.
_ITEM = re.compile(r"(?:([-*•])|(\d{1,3})[.)])[ \t]+\S")
_SUBHEADING = re.compile(r"(#{2,4})[ \t]+(\S.*)")
_INDENT = re.compile(r"\s*")


def _line(state: StateBlock, line: int) -> str:
    """Return the text of `line` after its indent."""
    return state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]


def _item_start(state: StateBlock, line: int) -> bool:
    """Whether `line` is the first line of a list item's text: "- - x", "- ### x" and
    "- | x |" are items whose text is "- x", "### x" and "| x |" as typed."""
    return bool(state.tokens) and state.tokens[-1].type == "list_item_open" \
        and state.tokens[-1].map is not None and state.tokens[-1].map[0] == line


def _list(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's list rule for the officers' markers only (no "+", no empty item, at most
    three digits), "•" a bullet like "-", and a list numbered from any number may end a
    paragraph."""
    if _item_start(state, start):
        return False
    match = _ITEM.match(_line(state, start))
    if not match:
        return False
    src, parent = state.src, state.parentType
    if match.group(1) == "•":
        at = state.bMarks[start] + state.tShift[start]
        state.src = src[:at] + "-" + src[at + 1:]
    if silent and parent == "paragraph":
        state.parentType = "list"  # CommonMark lets only "1." interrupt a paragraph
    try:
        return list_block(state, start, end, silent)
    finally:
        state.src, state.parentType = src, parent


def _heading(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A "##", "###" or "####" sub-heading line, its text as typed (closing "#"s kept)."""
    if _item_start(state, start):
        return False
    match = _SUBHEADING.match(_line(state, start))
    if not match:
        return False
    if silent:
        return True
    level = len(match.group(1))
    token = state.push("heading_open", f"h{level}", 1)
    token.markup, token.map = match.group(1), [start, start + 1]
    token = state.push("inline", "", 0)
    token.content, token.map, token.children = match.group(2).strip(), [start, start + 1], []
    token = state.push("heading_close", f"h{level}", -1)
    token.markup = match.group(1)
    state.line = start + 1
    return True


def _table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's pipe table over the run of lines that begin with "|" (a line that does
    not ends the table rather than becoming a row)."""
    if _item_start(state, start):
        return False
    stop = start
    while stop < end and _line(state, stop).startswith("|") \
            and state.sCount[stop] >= state.blkIndent:
        stop += 1
    return stop - start >= 2 and table(state, start, stop, silent)


def _paragraph(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's paragraph rule, except that every line may begin another form (however
    far it is indented) and a line indented less than a list item's text ends the item."""
    terminators = state.md.block.ruler.getRules("paragraph")
    end = state.lineMax
    parent, state.parentType = state.parentType, "paragraph"
    line = start + 1
    while line < end and not state.isEmpty(line) and state.sCount[line] >= state.blkIndent \
            and not any(rule(state, line, end, True) for rule in terminators):
        line += 1
    lines = state.getLines(start, line, state.blkIndent, False).split("\n")
    state.line = line
    token = state.push("paragraph_open", "p", 1)
    token.map = [start, line]
    token = state.push("inline", "", 0)
    token.content = "\n".join(text.strip() for text in lines).strip()
    token.map, token.children = [start, line], []
    state.push("paragraph_close", "p", -1)
    state.parentType = parent
    return True


def _emphasis(state: StateInline, silent: bool) -> bool:
    """markdown-it's emphasis for "*" only (_underscores_ are text), a single "*" inside a
    word being text ("3*4*5")."""
    start, count = state.pos, len(state.delimiters)
    if state.src[start] != "*" or not emphasis.tokenize(state, silent):
        return False
    if state.pos - start == 1:
        scanned = state.scanDelims(start, False)
        for delimiter in state.delimiters[count:]:
            delimiter.open, delimiter.close = scanned.can_open, scanned.can_close
    return True


def _link(state: StateInline, silent: bool) -> bool:
    """markdown-it's inline link; "[](…)", a link with nothing to read, is text."""
    return not state.src.startswith("[]", state.pos) and link(state, silent)


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.disable(["code", "fence", "blockquote", "hr", "reference", "html_block", "lheading",
                "autolink", "backticks", "entity", "escape", "html_inline", "image"])
    md.block.ruler.at("table", _table, {"alt": ["paragraph", "reference"]})
    md.block.ruler.at("list", _list, {"alt": ["paragraph", "reference", "blockquote"]})
    md.block.ruler.at("heading", _heading, {"alt": ["paragraph", "reference", "blockquote"]})
    md.block.ruler.at("paragraph", _paragraph)
    md.inline.ruler.at("emphasis", _emphasis)
    md.inline.ruler.at("link", _link)
    # Every target parses as a link, so that one not https prints as its text only (not as
    # the markup); `_runs` keeps https targets alone.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


_MD = _parser()
_MD.parse("x")  # compile the rule chains now, not in whichever thread parses first


def _runs(tokens: Sequence[Token], bold: bool = False) -> tuple[Run, ...]:
    """Return the runs of an inline token's children, neighbours that look alike joined
    except across a link's ends (a link is its own run, whatever its target, as it was)."""
    runs: list[Run] = []
    strong = em = 0
    href: str | None = None
    split = False  # the next text begins or ends a link
    for token in tokens:
        if token.type in ("strong_open", "strong_close"):
            strong += token.nesting
        elif token.type in ("em_open", "em_close"):
            em += token.nesting
        elif token.type == "link_open":
            target = str(token.attrGet("href") or "")
            href = target if target.lower().startswith("https://") else None
            split = True
        elif token.type == "link_close":
            href, split = None, True
        elif token.type in ("text", "softbreak", "hardbreak"):
            text = token.content if token.type == "text" else "\n"
            run = Run(text, bold or strong > 0, em > 0, href)
            if runs and not split and (runs[-1].bold, runs[-1].italic, runs[-1].href) == \
                    (run.bold, run.italic, run.href):
                run = Run(runs.pop().text + text, run.bold, run.italic, run.href)
            if run.text:
                runs.append(run)
                split = False
    return tuple(runs)


def parse_inline(text: str, bold: bool = False) -> tuple[Run, ...]:
    """Return the runs of one line: **bold**, *italic* and [links](https://…)."""
    if not text:
        return ()
    (inline,) = _MD.parseInline(text)
    return _runs(inline.children or (), bold)


def _table_block(lines: list[str]) -> TableBlock:
    """The table typed on `lines` (header, delimiter row, body), its cells split as
    markdown-it splits them (an escaped "\\|" stays in its cell); no typed cell is lost."""
    rows = []
    for line in (lines[0], *lines[2:]):
        cells = escapedSplit(line.strip())
        if cells and not cells[0].strip():
            cells.pop(0)
        if cells and not cells[-1].strip():
            cells.pop()
        rows.append(tuple(parse_inline(c.strip()) for c in cells))
    width = max(len(r) for r in rows)
    rows = [r + ((),) * (width - len(r)) for r in rows]
    return TableBlock(header=rows[0], rows=tuple(rows[1:]))


def parse_markup(value: str | None) -> Flow:
    """Return the blocks of a cell written in the light markup."""
    if not value:
        return ()
    lines = [line.rstrip() for line in tidy_text(value).split("\n")]
    tokens = _MD.parse("\n".join(lines))
    blocks: list[Block | TableBlock] = []
    kinds: list[str] = []       # the open lists, innermost last
    item: Block | None = None   # the list item whose text is the next paragraph
    count = 0                   # the number the last block printed (0: not a number)
    skip_to: str | None = None  # inside a table: the tokens up to its end are read already

    def add(block: Block | TableBlock) -> None:
        nonlocal count
        if isinstance(block, Block) and block.kind == "number":
            count = count + 1 if block.number is None else block.number
        else:
            count = 0
        blocks.append(block)

    for index, token in enumerate(tokens):
        if skip_to:
            skip_to = None if token.type == skip_to else skip_to
            continue
        if token.type in ("bullet_list_open", "ordered_list_open"):
            kinds.append("bullet" if token.type == "bullet_list_open" else "number")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            kinds.pop()
        elif token.type == "list_item_open" and token.map is not None:
            if kinds[-1] == "number":
                typed = int(token.info)
                # None: the number the renderers count to (1 after any other block)
                number = None if typed == count + 1 else typed
                item = Block((), "number", 0, number)
            else:
                indent = _INDENT.match(lines[token.map[0]]).group().expandtabs(4)
                item = Block((), "bullet", 1 if len(indent) >= 2 else 0)
        elif token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            runs = _runs(token.children or ())
            if item is not None:
                add(Block(runs, item.kind, item.level, item.number))
                item = None
            else:
                add(Block(runs))
        elif token.type == "inline" and tokens[index - 1].type == "heading_open":
            add(Block(_runs(token.children or ()), "subheading"))
        elif token.type == "table_open" and token.map is not None:
            add(_table_block(lines[token.map[0]:token.map[1]]))
            skip_to = "table_close"
    return tuple(blocks)
