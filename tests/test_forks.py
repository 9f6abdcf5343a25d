"""Documents of a set rendered in parallel processes: same results, in order, errors raised."""

from __future__ import annotations

import os

import pytest

from reportgen.build import build_set
from reportgen.forks import in_forks
from tests.conftest import measure, write_set

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


def test_results_come_back_in_order_from_other_processes():
    jobs = [lambda i=i: (i, os.getpid()) for i in range(5)]
    results = in_forks(jobs, workers=3)
    assert [i for i, _ in results] == [0, 1, 2, 3, 4]
    pids = {pid for _, pid in results}
    assert len(pids) == 5 and os.getpid() not in pids   # each in a child of its own


def test_large_results_come_back_whole():
    big = [lambda i=i: bytes([i]) * 3_000_000 for i in range(3)]   # beyond any pipe buffer
    assert [len(r) for r in in_forks(big, workers=2)] == [3_000_000] * 3
    assert [r[0] for r in in_forks(big, workers=2)] == [0, 1, 2]


def test_an_error_in_a_child_is_raised_here():
    def fails():
        raise ValueError("bad cell")

    with pytest.raises(ValueError, match="bad cell"):
        in_forks([fails, lambda: 1], workers=2)


def test_a_child_that_dies_without_a_result_is_an_error():
    with pytest.raises(ChildProcessError, match="without a result"):
        in_forks([lambda: os._exit(3), lambda: 1], workers=2)


def test_one_worker_runs_everything_here():
    assert in_forks([os.getpid, os.getpid], workers=1) == [os.getpid()] * 2


def test_a_set_built_with_documents_at_once_gives_the_same_files(tmp_path):
    folder = write_set(tmp_path / "t", [measure("M1", target=90, Theme="Quality"),
                                        measure("M2", target=80, Theme="Demand")],
                       {"M1": [85, 95], "M2": [70, 90]})
    one = build_set(folder, tmp_path / "one", jobs=1)
    two = build_set(folder, tmp_path / "two", jobs=2)
    assert one.ok and two.ok
    assert len(one.written) >= 7       # scorecard and report: DOCX, PDF, HTML each
    for path in one.written:
        assert (tmp_path / "two" / folder.name / path.name).read_bytes() == path.read_bytes()
