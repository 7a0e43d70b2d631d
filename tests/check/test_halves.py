"""A large catalogue is checked on two cores (xcat/check/halves.py): the report is the one a
single process makes, problem for problem and in the same order, and a child that fails
costs nothing but time."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from tests.helpers import FICTIONAL, TODAY, edit, run_check
from xcat.check import halves
from xcat.settings import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate


def pids(items: list[int]) -> list[tuple[int, int]]:
    return [(item, os.getpid()) for item in items]


def test_the_last_part_is_done_in_a_child_and_comes_back_in_order(monkeypatch):
    monkeypatch.setenv("XCAT_JOBS", "2")
    done = halves.in_two(pids, list(range(400)))
    assert [item for item, _ in done] == list(range(400))
    assert {pid for _, pid in done[:100]} == {os.getpid()}
    assert os.getpid() not in {pid for _, pid in done[-100:]}


def test_xcat_jobs_1_and_small_lists_stay_in_this_process(monkeypatch):
    monkeypatch.setenv("XCAT_JOBS", "1")
    assert {pid for _, pid in halves.in_two(pids, list(range(400)))} == {os.getpid()}
    monkeypatch.setenv("XCAT_JOBS", "2")
    assert {pid for _, pid in halves.in_two(pids, list(range(halves.SMALLEST - 1)))} == {os.getpid()}
    assert len({pid for _, pid in halves.in_two(pids, list(range(halves.SMALLEST)))}) == 2  # from SMALLEST on


def test_the_child_is_waited_for_and_no_descriptor_is_left_open_or_closed(monkeypatch):
    """A check run again and again (the preview) must not pile up finished children or pipes,
    nor close a descriptor that is not its own (1 is standard output)."""
    monkeypatch.setenv("XCAT_JOBS", "2")
    exit_now = os._exit

    def exit_late(status):  # the child lingers after sending its part: the parent must still wait
        time.sleep(0.3)
        exit_now(status)

    monkeypatch.setattr(halves.os, "_exit", exit_late)
    before = sorted(os.listdir("/proc/self/fd"))
    done = halves.in_two(pids, list(range(400)))
    assert sorted(os.listdir("/proc/self/fd")) == before
    (child,) = {pid for _, pid in done} - {os.getpid()}
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)  # reaped already: no such child


def test_a_child_that_fails_leaves_its_part_to_this_process(monkeypatch):
    monkeypatch.setenv("XCAT_JOBS", "2")
    parent = os.getpid()

    def fails_in_a_child(items: list[int]) -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        return [item * 2 for item in items]

    assert halves.in_two(fails_in_a_child, list(range(400))) == [item * 2 for item in range(400)]


def test_a_failure_everywhere_is_raised_here(monkeypatch):
    monkeypatch.setenv("XCAT_JOBS", "2")

    def fails(items: list[int]) -> list[int]:
        raise ValueError("a bug")

    before = sorted(os.listdir("/proc/self/fd"))
    with pytest.raises(ValueError, match="a bug"):
        halves.in_two(fails, list(range(400)))
    assert sorted(os.listdir("/proc/self/fd")) == before  # the pipe is closed on the way out


def test_two_processes_report_what_one_reports(tmp_path, monkeypatch):
    """Problems in files read by each process: a syntax error, a schema problem, a rule across files."""
    catalogue = generate(150, tmp_path / "catalogue")  # 215 files: enough to be shared out
    edit(catalogue, "batches/batch-1.yaml", "id: batch-1", "id: batch-1\nid: batch-1")  # read by this process
    edit(catalogue, "certificates/synthetic-certificate-0002.yaml", "organization:", "organisation:")
    edit(catalogue, "sources/synthetic-source-003.yaml", "kind:", "kind: [")  # read by the child
    edit(catalogue, "organizations/synthetic-org-0001.yaml", "id: synthetic-org-0001", "id: synthetic-org-zzzz")
    reports = {}
    for jobs in ("1", "2"):
        monkeypatch.setenv("XCAT_JOBS", jobs)
        reports[jobs] = run_check(catalogue)
    assert reports["2"] == reports["1"]
    code, lines = reports["2"]
    assert code == 1
    for path in ("batch-1.yaml", "synthetic-certificate-0002.yaml", "synthetic-source-003.yaml", "synthetic-org-0001"):
        assert any(path in line for line in lines), path


def test_check_imports_neither_the_site_nor_jsonschema():
    """`build.py check` starts in a fraction of the time when it loads check/ alone; jsonschema
    is imported only to explain a file that fails its compiled check."""
    script = (
        "import sys; from xcat.cli import main; "
        f"code = main(['check', '--catalogue', {str(FICTIONAL)!r}, '--today', {TODAY!r}]); "
        "print(code, ' '.join(sorted(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    code, modules = result.stdout.split(" ", 1)
    assert code == "0", result.stderr
    loaded = set(modules.split())
    assert "xcat.check.catalogue" in loaded
    for heavy in ("mkdocs", "jinja2", "jsonschema", "xcat.render", "xcat.model", "xcat.publish", "xcat.opendata"):
        assert heavy not in loaded, heavy


class Exited(Exception):
    """os._exit, as the child calls it, in this process."""


def child_here(monkeypatch, work, items) -> tuple[int, bytes]:
    """halves._child run in this process: the status it exits with and what it wrote to the pipe."""

    def exit_(status):
        raise Exited(status)

    monkeypatch.setattr(halves.os, "_exit", exit_)
    reader, writer = os.pipe()
    with pytest.raises(Exited) as exited:
        halves._child(work, items, writer)
    with os.fdopen(reader, "rb") as pipe:
        return exited.value.args[0], pipe.read()


def test_a_child_writes_its_results_pickled_and_exits_0(monkeypatch):
    import pickle  # noqa: PLC0415

    status, sent = child_here(monkeypatch, lambda items: [item * 2 for item in items], [1, 2, 3])
    assert (status, pickle.loads(sent)) == (0, [2, 4, 6])


def test_a_child_whose_work_fails_writes_nothing_and_exits_1(monkeypatch):
    def fails(items):
        raise MemoryError

    assert child_here(monkeypatch, fails, [1, 2, 3]) == (1, b"")
