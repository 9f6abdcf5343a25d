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
    ("<p>See <Appendix B> or mail <jo@council.gov.uk>.</p><p>A<B and C>D</p>",
     "See <Appendix B> or mail <jo@council.gov.uk>.\nA<B and C>D"),
    ('<p class="MsoNormal">Word <span style="color:red">text</span><o:p></o:p></p>',
     "Word text"),
    ("<p>x < 5 & y > 3</p><br/>", "x < 5 & y > 3"),
])
def test_words_in_angle_brackets_print_as_typed(typed, printed):
    flow = read_flow(typed)
    assert flow_text(flow) == printed
    assert not any(run.bold for block in flow for run in block.runs)
