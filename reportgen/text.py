"""Turn text typed or pasted into workbook cells into clean, allow-listed `Flow`s.

Cells are data, never markup: HTML pasted from other systems keeps only paragraphs, bold,
italic, line breaks and lists (nh3 allow-list, no attributes); everything else is dropped or
kept as the literal text the officer typed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

from reportgen.document import Block, Flow, Run

ALLOWED_TAGS = {"p", "br", "b", "strong", "i", "em", "ul", "ol", "li"}
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# C0 and C1 control characters other than tab and newline, surrogates left unpaired (only an
# escape such as _xD83D_ can make one) and the two noncharacters: they break XML and UTF-8.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_PAIR = re.compile(r"[\ud800-\udbff][\udc00-\udfff]")
# A word longer than this is data (a pasted token, an encoded image), not prose: a space is
# put after every WORD_PIECE characters. WeasyPrint lays out the whole rest of a text again
# for every break it must force inside a word (a 100,000-character word took minutes, and a
# 20,000-character measure name 43 s); pieces narrower than the narrowest column (Data period,
# about ten characters) wrap at the spaces, and layout stays linear (100,000 characters: 6 s).
LONG_WORD = 200
WORD_PIECE = 8
_LONG_WORD = re.compile(r"\S{%d,}" % (LONG_WORD + 1))
# Where HTML would start a tag: "<" or "</" and a name, up to a space, "/" or ">" (the name
# of "<p.jones@bucks.gov.uk>" is "p.jones@bucks.gov.uk", of "<Appendix B>" "Appendix").
_TAG_START = re.compile(r"<(/?)([A-Za-z][^\s/>]*)")
# Elements of HTML (as pasted from other systems: mail, Word, web pages) and Office's own
# prefixed ones (<o:p>, <w:View>, <v:shape>): stripped by nh3, with what ALLOWED_TAGS keeps
# kept. A "<" before any other name is the officer's text ("<Appendix B>", an address in
# angle brackets) and prints as typed; comments, <!DOCTYPE> and <?xml?> nh3 removes.
HTML_ELEMENTS = set("""a abbr acronym address applet area article aside audio b base basefont
    bdi bdo big blink blockquote body br button canvas caption center cite code col colgroup
    data datalist dd del details dfn dialog dir div dl dt em embed fieldset figcaption figure
    font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img
    input ins kbd label legend li link main map mark marquee math menu meta meter nav nobr
    noframes noscript object ol optgroup option output p param picture pre progress q rp rt
    ruby s samp script search section select slot small source span strike strong style sub
    summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u
    ul var video wbr xml""".split())
_OFFICE_PREFIX = re.compile(r"(o|w|v|m|x|st\d):", re.IGNORECASE)


def clean_text(value: str) -> str:
    """Return a cell's text as the officer typed it: Excel's `_xHHHH_` escapes decoded and
    control characters removed.

    Call it once, on the text the file holds (the reader does): decoding twice would turn the
    `_x005F_x000B_` Excel saves for a typed "_x000B_" into a line break. openpyxl leaves the
    escapes undecoded, in shared and inline strings alike (`read.package.literal_strings`).
    (docxtpl's rewriting of `{_{` in rendered output is guarded in `render_docx`.)
    """
    text = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
    # Excel escapes a character beyond the BMP as two: _xD83D__xDE00_ is one emoji.
    text = _PAIR.sub(lambda m: m.group().encode("utf-16", "surrogatepass").decode("utf-16"),
                     text)
    return tidy_text(text)


def tidy_text(value: str) -> str:
    """Return `value` with line ends normalised and control characters removed, and nothing
    decoded: for text already read from a cell (`clean_text`), so it is decoded only once."""
    text = value.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return _CONTROL.sub("", text).strip()


def has_long_word(text: str) -> bool:
    """Return whether `text` holds a word longer than `LONG_WORD` characters."""
    return _LONG_WORD.search(text) is not None


def break_long_words(text: str) -> str:
    """Return `text` with a space after every `WORD_PIECE` characters of each word longer
    than `LONG_WORD`; other text is unchanged."""
    if not has_long_word(text):
        return text
    return _LONG_WORD.sub(lambda m: " ".join(
        m.group()[i:i + WORD_PIECE] for i in range(0, len(m.group()), WORD_PIECE)), text)


def read_flow(value: str | None) -> Flow:
    """Return the paragraphs, emphasis and lists of a cell's text as a `Flow`."""
    if not value:
        return ()
    text = tidy_text(value)
    if not any(tag.group(2).lower() in ALLOWED_TAGS for tag in _TAG_START.finditer(text)):
        return _plain_flow(break_long_words(text))
    parser = _FlowParser()
    parser.feed(nh3.clean(_escape_words(text), tags=ALLOWED_TAGS, attributes={}))
    parser.close()
    return parser.flow()


def _escape_words(html: str) -> str:
    """Return pasted `html` with each "<" before a name that is no HTML element's escaped, so
    an address in angle brackets or "<Appendix B>" prints as typed instead of being dropped."""
    def escaped(tag: re.Match) -> str:
        name = tag.group(2).lower()
        if name in HTML_ELEMENTS or _OFFICE_PREFIX.match(name):
            return tag.group()
        return "&lt;" + tag.group()[1:]
    return _TAG_START.sub(escaped, html)


def _plain_flow(text: str) -> Flow:
    """A blank line starts a paragraph; a single newline is a line break."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text)]
    return tuple(Block((Run(p),)) for p in paragraphs if p)


class _FlowParser(HTMLParser):
    """Walk allow-listed HTML into blocks; text outside any block becomes a paragraph."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.runs: list[Run] = []
        self.kind = "paragraph"
        self.lists: list[str] = []
        self.bold = 0
        self.italic = 0

    def _flush(self) -> None:
        runs = _merge(self.runs)
        if runs and "".join(r.text for r in runs).strip():
            level = min(max(len(self.lists) - 1, 0), 1)
            self.blocks.append(Block(tuple(runs), self.kind, level if self.kind != "paragraph" else 0))
        self.runs = []

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "li", "ul", "ol"):
            self._flush()
        if tag in ("ul", "ol"):
            self.lists.append("bullet" if tag == "ul" else "number")
        elif tag == "li":
            self.kind = self.lists[-1] if self.lists else "bullet"
        elif tag == "p" and not self.lists:
            self.kind = "paragraph"
        elif tag in ("b", "strong"):
            self.bold += 1
        elif tag in ("i", "em"):
            self.italic += 1
        elif tag == "br":
            self.runs.append(Run("\n"))

    def handle_endtag(self, tag):
        if tag in ("p", "li"):
            self._flush()
            if tag == "li" or not self.lists:
                self.kind = "paragraph" if not self.lists else self.lists[-1]
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
            self.kind = self.lists[-1] if self.lists else "paragraph"
        elif tag in ("b", "strong"):
            self.bold = max(self.bold - 1, 0)
        elif tag in ("i", "em"):
            self.italic = max(self.italic - 1, 0)

    def handle_data(self, data):
        data = break_long_words(re.sub(r"[ \t\n]+", " ", data))
        if data:
            self.runs.append(Run(data, bold=self.bold > 0, italic=self.italic > 0))

    def flow(self) -> Flow:
        self._flush()
        return tuple(_strip_block(b) for b in self.blocks)


def _merge(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    return merged


def _strip_block(block: Block) -> Block:
    runs = list(block.runs)
    runs[0] = Run(runs[0].text.lstrip(" "), runs[0].bold, runs[0].italic)
    runs[-1] = Run(runs[-1].text.rstrip(" "), runs[-1].bold, runs[-1].italic)
    return Block(tuple(r for r in runs if r.text), block.kind, block.level)


def shows_nothing(value: str | None) -> bool:
    """Return whether a cell's text prints nothing: blank, or pasted HTML holding no words
    (`<br>`, `<p> </p>`: what rich-text systems paste for an empty field)."""
    return not value or not flow_text(read_flow(value)).strip()


def flow_text(flow: Flow) -> str:
    """Return the plain text of `flow`, one block a line (for search, CSV and parity tests)."""
    return "\n".join(b.text for b in flow)
