"""Generation on every core (xcat/publish/parallel.py): the same bytes as one process, and a failure
in a child process reaches the contributor exactly as one in the build process would."""

from __future__ import annotations

import multiprocessing
import os
import time

import jinja2
import pytest

from tests.helpers import ROOT
from xcat.opendata import buildinfo
from xcat.publish import parallel, site
from xcat.settings import SCHEMAS, SiteSettings


def files(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


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


def raise_in_the_child(failure):
    """A task that fails only where the build process did not start it; the parent stays
    slow enough that the child surely takes some of the tasks."""
    parent = os.getpid()

    def task():
        if os.getpid() != parent:
            raise failure
        time.sleep(0.05)

    return task


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
def test_a_template_error_in_a_child_gives_the_same_one_line_message(failure, expected):
    assert site._explain(failure) == expected
    with pytest.raises(site.BuildFailed) as raised:
        parallel.run([raise_in_the_child(failure)] * 20, portable=site._portable, jobs=2)
    assert site._explain(raised.value) == expected
    assert not multiprocessing.active_children()


def test_an_os_error_in_a_child_is_raised_in_the_parent():
    failure = PermissionError(13, "Permission denied", "docs/index.md")
    with pytest.raises(PermissionError) as raised:
        parallel.run([raise_in_the_child(failure)] * 20, portable=site._portable, jobs=2)
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


def test_what_each_task_returns_comes_back_in_the_tasks_order():
    parent = os.getpid()

    def task(number):
        if os.getpid() == parent:
            time.sleep(0.02)  # the child surely takes some
        return number, os.getpid()

    results = parallel.run([lambda n=n: task(n) for n in range(40)], jobs=2)
    assert [number for number, _ in results] == list(range(40))
    assert len({pid for _, pid in results}) == 2
    assert parallel.run([lambda n=n: task(n) for n in range(3)], jobs=1) == [(0, parent), (1, parent), (2, parent)]
