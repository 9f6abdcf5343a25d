"""The exception tree: every error a set or the command line can stop on is a ReportgenError
whose problems say what happened, and each crosses a process boundary whole."""

import pickle

import pytest

from reportgen.errors import (BrowserError, Problem, ReportgenError, SetStopped, UsageError,
                              Where)

PROBLEM = Problem("error", "building this set took too long", "raise the limit", Where("s"))


@pytest.mark.parametrize("error", [ReportgenError([PROBLEM]), SetStopped(PROBLEM),
                                   UsageError("no report sets named"),
                                   BrowserError("no Chromium found")])
def test_every_error_is_a_reportgen_error_that_pickles_whole(error):
    assert isinstance(error, ReportgenError) and error.problems
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error)
    assert again.problems == error.problems and str(again) == str(error)


def test_the_tree_is_drawn_in_the_errors_module():
    import reportgen.errors as errors

    for name in ("ReportgenError", "SetStopped", "UsageError", "BrowserError"):
        assert name in errors.__doc__
