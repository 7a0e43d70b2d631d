"""Generation on every core (xcat/publish/parallel.py): the same bytes as one process, and a failure
in a child process reaches the contributor exactly as one in the build process would."""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import pickle
import threading
import time
from pathlib import Path

import jinja2
import pytest

from tests.helpers import ROOT
from xcat.opendata import buildinfo
from xcat.publish import parallel, site
from xcat.settings import SCHEMAS, SiteSettings

# Each test runs in a second or two. A bug in how the processes wait for each other hangs instead of
# failing (an idle wait that no CPU limit ends): end it here, in seconds rather than minutes.
pytestmark = pytest.mark.timeout(20)


def files(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.timeout(60)  # builds the fictional site's pages twice, in 2 s
def test_parallel_generation_writes_the_same_bytes_as_one_process(tmp_path, monkeypatch, fictional_model):
    catalogue = fictional_model
    settings = SiteSettings("https://example.invalid/", "https://example.invalid/edit/")
    built = buildinfo.build_date(catalogue, ROOT)
    written = {}
    for jobs in ("1", "2"):
        monkeypatch.setenv("XCAT_JOBS", jobs)
        site.generate(catalogue, tmp_path / jobs, settings, built, SCHEMAS)
        written[jobs] = files(tmp_path / jobs)
    assert len(written["1"]) > 50 and any(str(p).startswith("certificates/") for p in written["1"])
    assert written["1"] == written["2"]
    assert not multiprocessing.active_children()


def raise_in_the_child(failure, started: Path):
    """A task that fails only where the build process did not start it; the parent's waits until
    a child has taken one (`started`), however slowly a loaded machine starts the child."""
    parent = os.getpid()

    def task():
        if os.getpid() != parent:
            started.touch()
            raise failure
        wait_for(started)

    return task


def wait_for(path: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.01)


@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        (
            jinja2.TemplateSyntaxError("unexpected '}'", 3, "certificate.md.j2", "certificate.md.j2"),
            "a page template failed (certificate.md.j2, line 3): unexpected '}'",
        ),
        (
            jinja2.UndefinedError("'Certificate object' has no attribute 'colour'"),
            "a page template failed: 'Certificate object' has no attribute 'colour'",  # it knows no line
        ),
    ],
)
def test_a_template_error_in_a_child_gives_the_same_one_line_message(tmp_path, failure, expected):
    assert site._explain(failure) == expected
    with pytest.raises(type(failure)) as raised:  # Jinja's errors pickle with what _explain reads
        parallel.run([raise_in_the_child(failure, tmp_path / "started")] * 20, jobs=2)
    assert site._explain(raised.value) == expected
    assert not multiprocessing.active_children()


def test_an_os_error_in_a_child_is_raised_in_the_parent(tmp_path):
    failure = PermissionError(13, "Permission denied", "docs/index.md")
    with pytest.raises(PermissionError) as raised:
        parallel.run([raise_in_the_child(failure, tmp_path / "started")] * 20, jobs=2)
    assert site._explain(raised.value) == "could not write the site: [Errno 13] Permission denied: 'docs/index.md'"
    assert not multiprocessing.active_children()


def test_ctrl_c_in_the_parent_stops_the_children():
    parent = os.getpid()

    def task():
        if os.getpid() == parent:
            time.sleep(0.2)  # let the child start its long task first
            raise KeyboardInterrupt
        time.sleep(60)

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        parallel.run([task, task], jobs=2)
    assert time.monotonic() - started < 10
    assert not multiprocessing.active_children()


def test_what_each_task_returns_comes_back_in_the_tasks_order(tmp_path):
    def task(number):
        # Each process, once it has a task, waits for the other to take one: on a loaded machine
        # either may otherwise take all 40 before the other starts (the parent waiting for the
        # child alone let a child that started first take them all, CI run of stop 30).
        (tmp_path / str(os.getpid())).touch()
        deadline = time.monotonic() + 60
        while len(list(tmp_path.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        return number, os.getpid()

    results = parallel.run([lambda n=n: task(n) for n in range(40)], jobs=2)
    assert [number for number, _ in results] == list(range(40))
    pids = {pid for _, pid in results}
    assert len(pids) == 2 and os.getpid() in pids  # the child's results came back through its pipe

    def in_order(number):
        return number, os.getpid()

    assert parallel.run([lambda n=n: in_order(n) for n in range(3)], jobs=1) == [(n, os.getpid()) for n in range(3)]


def test_two_jobs_are_two_processes_and_one_job_forks_nothing(monkeypatch):
    """XCAT_JOBS is how many processes work (a machine short of memory sets 1), with or without
    the preview's stop."""

    def task():
        time.sleep(0.05)  # 40 tasks: long enough that every process started takes some
        return os.getpid()

    pids = set(parallel.run([task] * 40, jobs=2))
    assert len(pids) == 2 and os.getpid() in pids
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("a process was forked"))
    for stop in (None, threading.Event()):
        assert parallel.run([os.getpid] * 3, jobs=1, stop=stop) == [os.getpid()] * 3


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_stop_ends_the_run_and_no_task_starts_after_it(tmp_path, jobs):
    """The preview stops generating when another save comes. Forked children are ended at once,
    even in a long task (the open data takes seconds at 5,000): the save is shown without waiting."""
    stop = threading.Event()

    def task(number):
        (tmp_path / str(number)).touch()
        time.sleep(60 if number == 0 and jobs > 1 else 0.02)  # 200 tasks: 2 s on two processes

    def save_comes():  # in the parent, as the preview's file watcher would
        while len(list(tmp_path.iterdir())) < 5:
            time.sleep(0.002)
        stop.set()

    threading.Thread(target=save_comes, daemon=True).start()
    began = time.monotonic()
    with pytest.raises(parallel.Abandoned):
        parallel.run([lambda n=n: task(n) for n in range(200)], jobs=jobs, stop=stop)
    assert time.monotonic() - began < 30  # not the 60 s of the task under way
    assert 5 <= len(list(tmp_path.iterdir())) < 100
    assert not multiprocessing.active_children()
    assert parallel.run([lambda: 1, lambda: 2], jobs=jobs, stop=threading.Event()) == [1, 2]  # never set: all run


def test_the_parent_looks_for_a_stop_at_least_ten_times_a_second(monkeypatch):
    """The preview shows a new save at once: a parent waiting on its children looks at `stop` between
    short waits (timed, a wait of a second would pass a test of the stop most of the time)."""
    waits = []

    def wait(connections, timeout=None):
        waits.append(timeout)
        return multiprocessing.connection.wait(connections, timeout)

    monkeypatch.setattr(parallel, "wait", wait)
    assert parallel.run([lambda: time.sleep(0.3), lambda: 2], jobs=2, stop=threading.Event()) == [None, 2]
    assert waits and all(timeout is not None and timeout <= 0.1 for timeout in waits)


# What a child does, run in this process (a forked child's calls are out of mutation testing's sight).


def child_in_this_process(tasks, monkeypatch):
    """parallel._child on tasks here: what it sent, the shared counter after it, and the signals it set."""
    signals = []
    monkeypatch.setattr(parallel.signal, "signal", lambda number, handler: signals.append((number, handler)))
    context = multiprocessing.get_context("fork")
    counter = context.Value("i", 0)
    receiver, sender = context.Pipe(duplex=False)
    parallel._child(tasks, counter, sender)
    sent = parallel._result(None, receiver)
    receiver.close()
    return sent, counter.value, signals


def test_a_child_sends_what_each_task_returned_by_index_and_leaves_ctrl_c_to_the_parent(monkeypatch):
    sent, counter, signals = child_in_this_process([lambda: "a", lambda: None, lambda: 3], monkeypatch)
    assert sent == {0: "a", 1: None, 2: 3}
    assert counter == 4  # each task taken once, then one look that found none left
    assert signals == [(parallel.signal.SIGINT, parallel.signal.SIG_IGN)]


def test_a_failing_child_stops_the_others_taking_tasks_and_sends_its_failure(monkeypatch):
    def fails():
        raise PermissionError(13, "Permission denied", "docs/index.md")

    ran = []
    sent, counter, _ = child_in_this_process([lambda: ran.append(0), fails, lambda: ran.append(2)], monkeypatch)
    assert ran == [0]
    assert isinstance(sent, PermissionError) and sent.filename == "docs/index.md"
    assert counter == 3  # as many as there are tasks: nobody takes another
    assert "Raised in a child process" in sent.__notes__[0] and "in fails" in sent.__notes__[0]


class Unpicklable(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.callback = lambda: None  # a lambda cannot be pickled


class LosesItsText(Exception):
    def __init__(self, code, text):  # pickled with (code, text), rebuilt from args: fails to load
        super().__init__(f"{code}: {text}")


def test_a_failure_that_cannot_travel_is_sent_as_its_type_message_and_traceback():
    for failure in (Unpicklable("the lambda"), LosesItsText(7, "the text")):
        sent = pickle.loads(parallel._pickled(failure, "Traceback (most recent call last): ..."))
        assert type(sent) is RuntimeError
        assert str(sent) == f"{type(failure).__name__}: {failure}\nTraceback (most recent call last): ..."


def test_a_failure_that_pickles_keeps_its_type_and_gains_the_childs_traceback():
    sent = pickle.loads(parallel._pickled(OSError(28, "No space left on device"), "Traceback: line 1"))
    assert type(sent) is OSError and sent.errno == 28
    assert sent.__notes__ == ["Raised in a child process:\nTraceback: line 1"]


def test_a_child_that_dies_without_a_word_is_told_with_its_exit_code():
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=os._exit, args=(3,))
    child.start()
    sender.close()
    outcome = parallel._result(child, receiver)
    receiver.close()
    assert isinstance(outcome, ChildProcessError)
    assert str(outcome) == "a process writing the site stopped unexpectedly (exit code 3)"
