"""Cell text: pasted HTML allow-listed into paragraphs, bold and lists; everything else is data."""

import pytest

from reportgen.document import Block, Run
from reportgen.text import clean_text, flow_text, read_flow


def test_seed_paragraphs_and_bold_are_kept():
    flow = read_flow("<p>The % of <b>CLA</b> &amp; others</p> <p>Note: 5%</p>")
    assert flow == (Block((Run("The % of "), Run("CLA", bold=True), Run(" & others"))),
                    Block((Run("Note: 5%"),)))


def test_lists_keep_their_levels():
    flow = read_flow("<ul><li>one<ul><li>deeper</li></ul></li></ul><ol><li>first</li></ol>")
    assert [(b.kind, b.level, b.text) for b in flow] == [
        ("bullet", 0, "one"), ("bullet", 1, "deeper"), ("number", 0, "first")]


@pytest.mark.parametrize("hostile, kept", [
    # without a tag we keep, the text is literal, whatever it looks like
    ("<script>alert(1)</script>Hello", "<script>alert(1)</script>Hello"),
    ('<img src="file:///etc/passwd">Hi', '<img src="file:///etc/passwd">Hi'),
    ("</w:t><w:t>injected", "</w:t><w:t>injected"),
    ("{{ 7*7 }} and {% for %}", "{{ 7*7 }} and {% for %}"),
    # within pasted HTML, only the allow-list survives
    ("<p>a</p><script>alert(1)</script>Hello", "a\nHello"),
    ('<p>Hi<img src="file:///etc/passwd"></p>', "Hi"),
    ('<p><a href="http://127.0.0.1/">link text</a></p>', "link text"),
    ("<p style='color:red' onclick='x()'>styled</p>", "styled"),
    ("x < 5 & y > 3", "x < 5 & y > 3"),
])
def test_hostile_text_comes_out_as_data(hostile, kept):
    assert flow_text(read_flow(hostile)) == kept


def test_plain_text_blank_line_starts_a_paragraph():
    assert [b.text for b in read_flow("one\nline\n\ntwo")] == ["one\nline", "two"]


@pytest.mark.parametrize("raw, clean", [
    ("a_x000B_b", "a\nb"), ("tab\tok", "tab\tok"), ("bell\x07gone", "bellgone"),
    ("Cymraeg: ŵ ŷ â — العربية 😀 zero\u200bwidth", "Cymraeg: ŵ ŷ â — العربية 😀 zero\u200bwidth"),
])
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


@pytest.mark.parametrize("typed, printed", [
    # an address in angle brackets, as mail writes one, is no <p>, <b> or <i> tag
    ("Contact Paul Jones <p.jones@bucks.gov.uk> or Beth Smith <b.smith@bucks.gov.uk>.",
     "Contact Paul Jones <p.jones@bucks.gov.uk> or Beth Smith <b.smith@bucks.gov.uk>."),
    ("See <Appendix B> (target <20%); escalate to <i.ward@bucks.gov.uk> if >25%.",
     "See <Appendix B> (target <20%); escalate to <i.ward@bucks.gov.uk> if >25%."),
    # within pasted HTML the officer's own <...> words are kept too, and only real tags go
    ("<p>See <Appendix B> or mail <jo@council.gov.uk>.</p><p>Case <Ref:HR2017> closed</p>",
     "See <Appendix B> or mail <jo@council.gov.uk>.\nCase <Ref:HR2017> closed"),
    ('<p class="MsoNormal">Word <span style="color:red">text</span><o:p></o:p></p>',
     "Word text"),
    ("<p>x < 5 & y > 3</p><br/>", "x < 5 & y > 3"),
])
def test_words_in_angle_brackets_print_as_typed(typed, printed):
    """(A letter that names an HTML element, "<B>" or "<Em>", is read as the tag within
    pasted HTML: old systems paste upper-case tags.)"""
    flow = read_flow(typed)
    assert flow_text(flow) == printed
    assert not any(run.bold for block in flow for run in block.runs)


@pytest.mark.parametrize("pasted, printed", [
    # what Word, a browser's clipboard or Outlook paste around the words
    ("<!--StartFragment--><p>Performance improved.</p><!--EndFragment-->",
     "Performance improved."),
    ('<p class=MsoListParagraph style="mso-list:l0"><![if !supportLists]><span>1.<span>&nbsp;'
     "</span></span><![endif]>First action<o:p></o:p></p>", "1.\xa0First action"),
    ("<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml>"
     "<![endif]--><p>Words</p>", "Words"),
    ("<p>a <!-- note --> b</p>", "a b"),
    ("<table><tr><td nowrap>Cell A</td></tr></table><p>x</p><hr noshade><p>y</p>",
     "Cell A\nx\ny"),
    ('<p>Select <time datetime="2017-06-01">1 June</time> and <button>OK</button></p>',
     "Select 1 June and OK"),
    ('<!DOCTYPE html><html><body><?xml:namespace prefix = o /><P CLASS=MsoNormal>Upper<BR>'
     "case</P></body></html>", "Upper\ncase"),
])
def test_pasted_markup_leaves_only_the_words(pasted, printed):
    assert flow_text(read_flow(pasted)) == printed


def test_a_cell_of_clipboard_comments_only_shows_nothing():
    from reportgen.text import shows_nothing

    assert shows_nothing("<p><!--StartFragment--> <!--EndFragment--></p>")
