"""Helpers for tests of `build.py check`: a copy of the fictional catalogue to break."""
from __future__ import annotations

import io
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from xcat.cli import main

FICTIONAL = Path(__file__).parent / "fixtures" / "fictional" / "catalogue"
TODAY = "2026-11-22"


def copy_fictional(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(FICTIONAL, target)
    return target


def run_check(catalogue: Path, *extra: str) -> tuple[int, list[str]]:
    """Run `build.py check` in-process; return the exit code and the printed problem lines."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["check", "--catalogue", str(catalogue), "--today", TODAY, *extra])
    assert "Traceback" not in err.getvalue()
    return code, out.getvalue().splitlines()


def write(catalogue: Path, relative: str, text: str | bytes) -> Path:
    path = catalogue / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def edit(catalogue: Path, relative: str, old: str, new: str) -> None:
    path = catalogue / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_after(catalogue: Path, relative: str, old: str, new: str) -> list[str]:
    """Make one edit to a valid catalogue and return what the check then reports (it must fail)."""
    edit(catalogue, relative, old, new)
    code, lines = run_check(catalogue)
    assert code == 1, "the change should have been refused"
    return lines
