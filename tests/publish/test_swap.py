"""Publishing the built site: whenever a build stops, even killed at any step, site/ holds a
complete site (the previous one or the new one), and the next build cleans up after it."""

from __future__ import annotations

import fcntl
import hashlib
import io
import os
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from tests.helpers import FICTIONAL_CATALOGUE, copy_fictional, edit
from xcat.cli import main
from xcat.publish import swap as publishing
from xcat.render import pages
from xcat.settings import ROOT

pytestmark = pytest.mark.slow


def build(site: Path, catalogue: Path = FICTIONAL_CATALOGUE, under: list[str] = ()) -> subprocess.CompletedProcess:
    """`build.py build`, optionally under a wrapper such as strace; one process, so kills are deterministic."""
    command = [
        *under,
        sys.executable,
        str(ROOT / "build.py"),
        "build",
        "--catalogue",
        str(catalogue),
        "--site-dir",
        str(site),
    ]
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=600, env={**os.environ, "XCAT_JOBS": "1"}
    )


def fingerprint(site: Path) -> dict[str, str]:
    """Every file of a site and a hash of its bytes."""
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.glob(".site-build-*"))


def strace_or_skip() -> str:
    strace = shutil.which("strace")
    reason = "strace is not installed (scripts/install-browser.sh installs it)"
    if strace:
        probe = subprocess.run(
            [strace, "-f", "-qq", "-o", os.devnull, "true"], capture_output=True, text=True, timeout=60
        )
        reason = f"strace cannot trace here: {probe.stderr.strip()}" if probe.returncode else ""
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return strace


def killed_at(strace: str, syscall: str, when: int) -> list[str]:
    """Run the build under strace, killed with SIGKILL on entering the when-th `syscall`."""
    return [
        strace,
        "-f",
        "-qq",
        "-o",
        os.devnull,
        "-e",
        f"trace={syscall}",
        "-e",
        f"inject={syscall}:signal=KILL:when={when}",
    ]


def test_a_build_killed_at_any_step_leaves_a_complete_site(tmp_path):
    strace = strace_or_skip()
    earlier = copy_fictional(tmp_path)  # the catalogue of the previous site: one name differs
    edit(
        earlier,
        "certificates/fictional-alpha.yaml",
        "Fictional certificate Alpha",
        "Fictional certificate Alpha (earlier)",
    )
    old_site = tmp_path / "old" / "site"
    assert build(old_site, earlier).returncode == 0
    old = fingerprint(old_site)
    work = tmp_path / "work"
    work.mkdir()
    site = work / "site"
    outcomes = {}
    # Each step in order; stale staging folders of one step are left for the next build to clean.
    steps = [
        ("locking the new staging folder", "flock", 1, "old"),  # leaves an empty, unlocked staging folder
        ("removing the previous site after publishing", "unlinkat", 1, "new"),
        ("publishing (the exchange)", "renameat2", 1, "old"),
        ("cleaning an earlier build's staging folder", "unlinkat", 20, "old"),
        ("writing the generated pages", "write", 50, "old"),
        ("MkDocs writing the new site", "write", 90, "old"),
    ]
    for step, syscall, when, _ in steps:
        shutil.rmtree(site, ignore_errors=True)
        shutil.copytree(old_site, site)
        result = build(site, under=killed_at(strace, syscall, when))
        assert result.returncode != 0 and "Built" not in result.stderr, f"{step}: the build was not killed"
        assert (site / "index.html").is_file(), f"killed while {step}: no site"
        outcomes[step] = fingerprint(site)
    result = build(site)
    assert result.returncode == 0, result.stderr
    new = fingerprint(site)
    assert new != old
    assert leftovers(work) == [] and sorted(p.name for p in work.iterdir()) == ["site"]
    for step, _, _, expected in steps:
        assert outcomes[step] == (new if expected == "new" else old), (
            f"killed while {step}: site/ is not the {expected} site"
        )


def previous_site(folder: Path) -> Path:
    site = folder / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    return site


def test_staging_folders_of_killed_builds_are_removed_but_not_of_running_ones(tmp_path):
    site = previous_site(tmp_path)
    stale = tmp_path / ".site-build-killed"
    (stale / "site" / "sub").mkdir(parents=True)
    (stale / "site" / "sub" / "page.html").write_text("left by a killed build", encoding="utf-8")
    (stale / "site" / "sub").chmod(0o555)  # a read-only folder in it does not stop the cleanup
    running = tmp_path / ".site-build-running"
    running.mkdir()
    lock = os.open(running, os.O_RDONLY)
    fcntl.flock(lock, fcntl.LOCK_EX)  # as a build that is still running holds it
    try:
        result = build(site)
    finally:
        os.close(lock)
    assert result.returncode == 0, result.stderr
    assert leftovers(tmp_path) == [".site-build-running"]
    assert (site / "certificates" / "fictional-alpha" / "index.html").is_file()


@pytest.mark.parametrize("kind", ["file", "read-only folder"])
def test_a_leftover_site_old_does_not_stop_the_build(tmp_path, kind):
    site = previous_site(tmp_path)
    old = tmp_path / "site.old"
    if kind == "file":
        old.write_text("not a folder", encoding="utf-8")
    else:
        (old / "sub").mkdir(parents=True)
        (old / "sub").chmod(0o555)
        old.chmod(0o555)
    result = build(site)
    assert result.returncode == 0, result.stderr
    assert (site / "certificates" / "fictional-alpha" / "index.html").is_file()
    assert leftovers(tmp_path) == []


def test_a_file_where_the_site_goes_is_a_clear_error(tmp_path):
    site = tmp_path / "site"
    site.write_text("a file, not a site", encoding="utf-8")
    result = build(site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{site} is a file, not a folder" in result.stderr
    assert site.read_text(encoding="utf-8") == "a file, not a site"
    assert leftovers(tmp_path) == []


def build_in_process(site: Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["build", "--catalogue", str(FICTIONAL_CATALOGUE), "--site-dir", str(site)])
    return code, err.getvalue()


def test_without_an_atomic_exchange_the_site_is_replaced_in_two_renames(tmp_path, monkeypatch):
    monkeypatch.setattr(
        publishing, "_exchange", lambda first, second: False
    )  # as on a file system without RENAME_EXCHANGE
    site = previous_site(tmp_path)
    code, err = build_in_process(site)
    assert code == 0, err
    assert (site / "certificates" / "fictional-alpha" / "index.html").is_file()
    assert leftovers(tmp_path) == []


def test_a_site_left_between_the_two_renames_is_put_back_by_the_next_build(tmp_path, monkeypatch):
    """Killed between the two renames, a build leaves the old site in its staging folder and no
    site/: the next build puts it back first, even when that build then fails."""
    stale = tmp_path / ".site-build-killed"
    stale.mkdir()
    site = previous_site(stale)
    site.rename(stale / "previous-site")

    def fail(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "docs/index.md")

    monkeypatch.setattr(pages.PageWriter, "render", fail)
    code, err = build_in_process(tmp_path / "site")
    assert code == 1 and "Traceback" not in err
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "the previous site"
    assert leftovers(tmp_path) == []
