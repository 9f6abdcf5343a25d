"""The HTML editions in a real browser: axe-core (vendored, reportgen/accessibility/vendor/axe-core) in headless
Chromium finds no violations at desktop width or at 320 CSS px, the page never scrolls
sideways at 320 px (only a data table's own focusable, labelled region may), and a page asks
for nothing from the network.

Chromium is Debian's `chromium`, launched by its path (REPORTGEN_CHROMIUM overrides). Without
it these tests skip with the reason, except under CI (CI=true), where .ci/run installs it and
they must run.
"""

from __future__ import annotations

import os

import pytest

from reportgen import accessibility as a11y
from tests.accessibility.test_outputs import SETS, built_samples, files  # noqa: F401 (a fixture)


@pytest.fixture(scope="module")
def chromium():
    reason = a11y.browser_unavailable()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"the browser tests must run in CI: {reason}")
        pytest.skip(reason)
    with a11y.Chromium(timeout=60) as browser:
        yield browser


def test_the_vendored_axe_core_runs(chromium, tmp_path):
    page = tmp_path / "p.html"
    page.write_text('<!DOCTYPE html><html lang="en-GB"><head><title>t</title></head>'
                    '<body><main><h1>t</h1></main></body></html>')
    chromium.viewport(a11y.DESKTOP_WIDTH)
    chromium.open(page)
    chromium.evaluate(a11y.find_axe().read_text())
    assert chromium.evaluate("axe.version") == "4.14.1"


@pytest.mark.parametrize("name", SETS)
def test_axe_core_and_reflow_pass_on_every_html_edition(built_samples, chromium, name):
    pages = [path for _, path in files(built_samples, name, "html")]
    assert pages
    found = a11y.check_html_in_browser(pages, chromium, a11y.find_axe())
    assert [f.describe() for f in found] == []


def test_the_browser_check_catches_violations_and_sideways_scrolling(chromium, tmp_path):
    """Guard against a check that passes because it checks nothing."""
    page = tmp_path / "poor.html"
    page.write_text('<!DOCTYPE html><html><head><title>t</title></head><body>'
                    '<p style="color:#bbb">faint text</p><img src="data:,x">'
                    '<div style="width:900px">a wide box</div>'
                    '<div style="overflow-x:auto"><div style="width:900px">scrolls</div></div>'
                    '</body></html>')
    found = a11y.check_html_in_browser([page], chromium, a11y.find_axe())
    rules = {f.rule for f in found}
    assert {"axe html-has-lang", "axe color-contrast", "axe image-alt", "reflow"} <= rules
    reflow = [f.message for f in found if f.rule == "reflow"]
    assert any("scrolls sideways" in m and "px wide" in m for m in reflow)
    assert any("not a focusable, labelled region" in m for m in reflow)


def test_check_outputs_runs_the_browser_check(built_samples, chromium):
    outcome = a11y.check_outputs(built_samples / "childrens-services-2018-q2",
                                 require_browser=True)
    assert outcome.skipped == [] and outcome.findings == []
    assert len(outcome.checked) == 3
