"""The HTML checks without a browser: lang, title, landmarks, skip link, tables, alt text,
scroll regions, headings, nothing fetched."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from reportgen.accessibility.common import Finding, heading_order_problems, link_text_problem


class _HtmlFacts(HTMLParser):
    """Collects what the static HTML checks need in one pass."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.title = ""
        self.in_title = False
        self.mains = 0
        self.ids = set()
        self.first_link = None
        self.headings: list[int] = []
        self.images: list[dict] = []
        self.tables = 0
        self.captions: list[str] = []
        self.in_caption = False
        self.header_cells: list[dict] = []
        self.regions: list[dict] = []
        self.external: list[str] = []
        self.heading_text: list[str] = []
        self.in_heading = False

    def handle_starttag(self, tag, attrs):
        attributes = {k: (v or "") for k, v in attrs}
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "html":
            self.lang = attributes.get("lang")
        elif tag == "title":
            self.in_title = True
        elif tag == "main":
            self.mains += 1
        elif tag == "a" and self.first_link is None:
            self.first_link = attributes
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
            self.heading_text.append("")
            self.in_heading = True
        elif tag == "img":
            self.images.append(attributes)
            if not attributes.get("src", "").startswith("data:"):
                self.external.append(attributes.get("src", ""))
        elif tag == "table":
            self.tables += 1
        elif tag == "caption":
            self.captions.append("")
            self.in_caption = True
        elif tag == "th":
            self.header_cells.append(attributes)
        elif tag in ("script", "iframe", "object", "embed", "video", "audio", "source"):
            if attributes.get("src") or attributes.get("data"):
                self.external.append(attributes.get("src") or attributes.get("data"))
        elif tag == "link" and attributes.get("href"):
            self.external.append(attributes["href"])
        if "table-wrap" in attributes.get("class", "").split():
            self.regions.append(attributes)

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        elif tag == "caption":
            self.in_caption = False
        elif re.fullmatch(r"h[1-6]", tag):
            self.in_heading = False

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        if self.in_caption:
            self.captions[-1] += data
        if self.in_heading:
            self.heading_text[-1] += data

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


class _LinkText(HTMLParser):
    """Collects (href, text) of every link."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[list[str]] = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append([dict(attrs).get("href") or "", ""])
            self.depth += 1
        elif tag == "img" and self.depth:
            self.links[-1][1] += dict(attrs).get("alt") or ""

    def handle_endtag(self, tag):
        if tag == "a" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.links[-1][1] += data


def check_html(path: Path) -> list[Finding]:
    """Return what the HTML edition at `path` lacks, checked without a browser."""
    name = path.name
    text = path.read_text(encoding="utf-8")
    facts = _HtmlFacts()
    facts.feed(text)
    links = _LinkText()
    links.feed(text)
    found: list[Finding] = []

    def fail(rule: str, message: str) -> None:
        found.append(Finding(name, rule, message))

    if not (facts.lang or "").strip():
        fail("html-lang", "<html> has no lang")
    if not facts.title.strip():
        fail("html-title", "the page has no <title>")
    if facts.mains != 1:
        fail("html-main", f"the page has {facts.mains} <main> landmarks, not one")
    skip = facts.first_link or {}
    if not skip.get("href", "").startswith("#") or skip["href"][1:] not in facts.ids:
        fail("html-skip-link", "the first link is not a skip link to an element on the page")
    for problem in heading_order_problems(facts.headings):
        fail("html-heading-order", problem)
    if any(not t.strip() for t in facts.heading_text):
        fail("html-heading-empty", "a heading is empty")
    for image in facts.images:
        if "alt" not in image or (not image["alt"].strip() and image.get("role") != "presentation"):
            fail("html-img-alt", f"an image ({image.get('src', '')[:40]}) has no alt text")
    captioned = len([c for c in facts.captions if c.strip()])
    if captioned < facts.tables:
        fail("html-table-caption", f"{facts.tables - captioned} tables have no caption")
    unscoped = [c for c in facts.header_cells if c.get("scope") not in
                ("col", "row", "colgroup", "rowgroup")]
    if unscoped:
        fail("html-th-scope", f"{len(unscoped)} header cells have no scope")
    for region in facts.regions:
        if region.get("tabindex") != "0" or region.get("role") != "region" or not (
                region.get("aria-label") or region.get("aria-labelledby")):
            fail("html-scroll-region", "a table container that may scroll is not a focusable "
                 "(tabindex=0), labelled region")
        for target in (region.get("aria-labelledby") or "").split():
            if target not in facts.ids:
                fail("html-scroll-region", f"aria-labelledby points at missing id '{target}'")
    for source in facts.external:
        fail("html-standalone", f"the page loads '{source[:60]}' from outside the file")
    for href, link in links.links:
        problem = link_text_problem(link)
        if problem:
            fail("html-link-text", problem)
    return found
