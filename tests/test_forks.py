"""Documents of a set rendered in parallel processes: same results, in order, errors raised."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from reportgen.build import build_set
from reportgen.forks import ProcessDied, in_forks, in_two_phases
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
    with pytest.raises(ProcessDied, match="without a result"):
        in_forks([lambda: os._exit(3), lambda: 1], workers=2)


def test_one_worker_runs_everything_here():
    assert in_forks([os.getpid, os.getpid], workers=1) == [os.getpid()] * 2


def _counting(count):
    """A two-phase job: learns `count` (its pages, say), told where it starts, returns
    (start, count, its process id)."""
    def job():
        return count, lambda told: (told(), count, os.getpid())
    return job


def _starts(counts):
    return [1 + sum(counts[:i]) for i in range(len(counts))]


@pytest.mark.parametrize("forked", [True, False])
def test_two_phase_jobs_are_told_what_all_of_them_learnt(forked):
    results = in_two_phases([_counting(c) for c in (3, 5, 2)], _starts, forked=forked)
    assert [(start, count) for start, count, _ in results] == [(1, 3), (4, 5), (9, 2)]
    pids = {pid for *_, pid in results}
    assert (os.getpid() not in pids and len(pids) == 3) if forked else pids == {os.getpid()}


def test_an_error_in_either_phase_is_raised_here():
    def fails_first():
        raise ValueError("bad layout")

    def fails_after():
        return 1, lambda told: {}["no " + str(told())]

    with pytest.raises(ValueError, match="bad layout"):
        in_two_phases([fails_first, _counting(2)], _starts)
    with pytest.raises(KeyError, match="no 1"):
        in_two_phases([fails_after, _counting(2)], _starts)


def test_a_two_phase_job_that_dies_is_an_error_and_leaves_nothing_running():
    def dies():
        os._exit(3)

    children = Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children")
    before = set(children.read_text().split()) if children.exists() else set()  # fork server
    with pytest.raises(ProcessDied, match="without a result"):
        in_two_phases([_counting(1), dies, _counting(2)], _starts)
    if children.exists():
        assert set(children.read_text().split()) <= before


def _slow(count):
    def job():
        time.sleep(0.5)
        return count, lambda told: told()
    return job


def test_a_second_phase_failure_before_being_told_is_raised_as_itself():
    # The failing job ends before the parent tells it anything (its sibling is slower).
    def fails_early():
        def rest(told):
            raise MemoryError("no room to write")
        return 1, rest

    with pytest.raises(MemoryError, match="no room to write"):
        in_two_phases([_slow(1), fails_early, _slow(1)], _starts)


def test_a_process_killed_in_its_second_phase_is_process_died():
    def killed():
        return 1, lambda told: os.kill(os.getpid(), signal.SIGKILL)

    for jobs in ([killed, _slow(2)], [_slow(2), killed]):
        with pytest.raises(ProcessDied, match="without a result"):
            in_two_phases(jobs, _starts)


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


def test_a_set_error_crosses_the_process_boundary_whole():
    from reportgen.problems import Problem, ReportgenError, Where

    def stops():
        raise ReportgenError([Problem("error", "bad cell", "fix it", Where("outturns.xlsx"))])

    with pytest.raises(ReportgenError) as caught:
        in_forks([stops, lambda: 1], workers=2)
    assert [p.message for p in caught.value.problems] == ["bad cell"]


def test_no_process_is_left_behind_when_a_sibling_fails(tmp_path):
    """A job that itself forks (a report laid out in chunks) is stopped with its children."""
    import time

    def grandchild():
        (tmp_path / f"pid-{os.getpid()}").write_text("")
        time.sleep(30)

    def fails_later():
        time.sleep(1.5)
        raise ValueError("a sibling failed")

    with pytest.raises(ValueError):
        in_forks([fails_later, lambda: in_forks([grandchild, grandchild], workers=2)], workers=2)
    pids = [int(p.name[4:]) for p in tmp_path.glob("pid-*")]
    assert len(pids) == 2
    time.sleep(0.5)
    assert [pid for pid in pids if running(pid)] == []


def running(pid: int) -> bool:
    """Whether `pid` is a live process (a zombie waiting for init to reap it is not)."""
    status = Path(f"/proc/{pid}/status")
    if not Path("/proc/self/status").exists():  # no /proc (macOS): only ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    try:
        state = next(line for line in status.read_text().splitlines()
                     if line.startswith("State:"))
    except (FileNotFoundError, ProcessLookupError):
        return False
    return "zombie" not in state
