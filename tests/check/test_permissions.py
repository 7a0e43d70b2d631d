"""Files and folders the build may not read or write give a one-line message, not a traceback.
Root may read and write anything, so as root these commands run without that privilege."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import copy_fictional, run_check
from xcat.check.load import _unreadable
from xcat.settings import ROOT


def as_an_ordinary_user(forbidden: Path, access: str) -> list[str]:
    """A command prefix under which `forbidden` cannot be read ("r") or written ("w")."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root, who may read anything, and setpriv (util-linux) is missing to drop that")
    # Root without the capabilities that override file permissions: the planted file's mode applies.
    prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    probe = ["test", "-" + access, str(forbidden)]
    if subprocess.run(prefix + probe, capture_output=True, timeout=60).returncode == 0:
        pytest.skip("running as root, and root's permission to read and write anything could not be dropped here")
    return prefix


def run(prefix: list[str], *arguments: str) -> subprocess.CompletedProcess:
    command = [*prefix, sys.executable, str(ROOT / "build.py"), *arguments]
    return subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "XCAT_JOBS": "1", "PYTHONDONTWRITEBYTECODE": "1"},
    )


@pytest.mark.parametrize("unreadable", ["certificates/fictional-alpha.yaml", "sources"])
def test_an_unreadable_catalogue_file_or_folder_is_a_problem_not_a_traceback(tmp_path, unreadable):
    catalogue = copy_fictional(tmp_path)
    planted = catalogue / unreadable
    planted.chmod(0)
    try:
        result = run(as_an_ordinary_user(planted, "r"), "check", "--catalogue", str(catalogue))
    finally:
        planted.chmod(0o755 if planted.is_dir() else 0o644)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    line = next((line for line in result.stdout.splitlines() if line.startswith(f"catalogue/{unreadable}:")), "")
    assert line.startswith(f"catalogue/{unreadable}:1:1: error: ") and "cannot be read (permission denied)" in line, (
        result.stdout
    )


@pytest.mark.parametrize(
    ("what", "error", "expected"),
    [
        (
            "file",
            PermissionError(13, "Permission denied"),
            "文件无法读取（没有权限）：请给自己读取它的权限（chmod u+r），或删除它 · "
            "the file cannot be read (permission denied): give yourself permission to read it (chmod u+r), or remove it",
        ),
        (
            "folder",
            PermissionError(13, "Permission denied"),
            "文件夹无法读取（没有权限）：请给自己读取和进入它的权限（chmod u+rx），或删除它 · "
            "the folder cannot be read (permission denied): give yourself permission to read and enter it (chmod u+rx), or remove it",
        ),
        (
            "file",
            OSError(5, "Input/output error"),
            "文件无法读取（input/output error）：请给自己读取它的权限（chmod u+r），或删除它 · "
            "the file cannot be read (input/output error): give yourself permission to read it (chmod u+r), or remove it",
        ),
        (
            "folder",
            OSError("Stale file handle"),  # no errno: its text
            "文件夹无法读取（stale file handle）：请给自己读取和进入它的权限（chmod u+rx），或删除它 · "
            "the folder cannot be read (stale file handle): give yourself permission to read and enter it (chmod u+rx), or remove it",
        ),
    ],
)
def test_what_cannot_be_read_says_why_and_what_to_do(what, error, expected):
    """The message the subprocess tests above see, for every kind of failure (they can only plant one)."""
    assert _unreadable(what, error) == expected


def test_a_site_folder_that_cannot_be_written_is_a_one_line_error(tmp_path):
    locked = tmp_path / "read-only"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = run(
            as_an_ordinary_user(locked, "w"),
            "build",
            "--catalogue",
            str(copy_fictional(tmp_path)),
            "--site-dir",
            str(locked / "site"),
        )
    finally:
        locked.chmod(0o755)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "could not write the site" in result.stderr and "Permission denied" in result.stderr
    assert not (locked / "site").exists()


def test_a_catalogue_folder_that_cannot_be_listed_is_reported_in_this_process(tmp_path, monkeypatch):
    """The check above, in this process (so whatever the user is), with the whole message."""
    catalogue = copy_fictional(tmp_path)
    sources, listing = catalogue / "sources", Path.iterdir

    def iterdir(folder: Path):
        if folder == sources:
            raise PermissionError(13, "Permission denied")
        return listing(folder)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    code, lines = run_check(catalogue)
    assert code == 1
    assert (
        "catalogue/sources:1:1: error: 文件夹无法读取（没有权限）：请给自己读取和进入它的权限（chmod u+rx），或删除它 · "
        "the folder cannot be read (permission denied): give yourself permission to read and enter it (chmod u+rx), or remove it"
    ) in lines
