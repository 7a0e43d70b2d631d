"""The code's own checks, run with the tests so they never drift: ruff (lint and format),
mypy (types) and import-linter (stages import only downward; nothing imports the CLI).
Each tool is configured in pyproject.toml."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from xcat.settings import ROOT

BIN = Path(sys.executable).parent


def run(tool: str, *arguments: str) -> subprocess.CompletedProcess:
    executable = BIN / tool if (BIN / tool).exists() else shutil.which(tool)
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{tool} is not installed: `make test` installs it from requirements.txt")
        pytest.skip(f"{tool} is not installed (pip install -r requirements.txt)")
    return subprocess.run([str(executable), *arguments], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing_to_lint():
    result = run("ruff", "check", "--quiet", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_formatted_as_ruff_formats_it():
    result = run("ruff", "format", "--check", "--quiet", ".")
    assert result.returncode == 0, "run `ruff format .`:\n" + result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_finds_no_type_errors():
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_stages_import_only_downward():
    result = run("lint-imports")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_no_mutate_pragma_is_on_a_line_that_holds_code():
    """mutmut reads `# pragma: no mutate` on the line it mutates: one the formatter moved onto a
    closing bracket (a long line wrapped) marks nothing, and the mutants it meant come back."""
    stray = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "xcat").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "# pragma: no mutate" in line and re.fullmatch(r"[\s)\]}:,]*", line.split("#", 1)[0])
    ]
    assert stray == [], "put the pragma on the line it marks (shorten the comment, or move the why above)"


def test_shared_fixtures_take_the_scopes_that_mutmut_can_link():
    """A fixture shared by its literal scope runs its functions during one test only, and mutmut
    links them to that test alone (tests/helpers.py, MODULE and SESSION)."""
    literal = re.compile(r"""scope\s*=\s*["'](module|session|package|class)["']""")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "tests").rglob("*.py"))
        if "fixtures" not in path.relative_to(ROOT / "tests").parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if literal.search(line)
    ]
    assert found == [], "write scope=MODULE or scope=SESSION (from tests.helpers)"
