"""The rule that a skip in CI fails, and that a skip says why, run on a small test file."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from xcat.settings import ROOT

TESTS = """
import pytest

def test_tool_missing():
    pytest.skip("the tool is not installed")

@pytest.mark.allow_skip_in_ci(reason="needs a display, which CI has not")
def test_allowed():
    pytest.skip("no display")

def test_silent():
    pytest.skip()

@pytest.mark.xfail(reason="a known bug")
def test_known_bug():
    assert False

def test_runs():
    pass
"""


def outcomes(tmp_path, ci: str | None) -> dict[str, str]:
    (tmp_path / "conftest.py").write_text(
        "from tests.conftest import pytest_runtest_makereport  # noqa: F401\n"
        "def pytest_configure(config):\n"
        "    config.addinivalue_line('markers', 'allow_skip_in_ci(reason): may skip in CI')\n",
        encoding="utf-8",
    )
    (tmp_path / "test_sample.py").write_text(TESTS, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env["PYTHONPATH"] = str(ROOT)
    if ci is not None:
        env["CI"] = ci
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-v", "-p", "no:cacheprovider", "-p", "no:randomly", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    verdicts = re.findall(r"^test_sample\.py::(\w+) (PASSED|FAILED|SKIPPED|XFAIL)", result.stdout, re.MULTILINE)
    return dict(verdicts)


@pytest.mark.parametrize(
    "ci, expected",
    [
        (
            "true",
            {
                "test_tool_missing": "FAILED",
                "test_allowed": "SKIPPED",
                "test_silent": "FAILED",
                "test_known_bug": "XFAIL",
                "test_runs": "PASSED",
            },
        ),
        (
            None,
            {
                "test_tool_missing": "SKIPPED",
                "test_allowed": "SKIPPED",
                "test_silent": "FAILED",
                "test_known_bug": "XFAIL",
                "test_runs": "PASSED",
            },
        ),
    ],
    ids=["in-ci", "elsewhere"],
)
def test_a_skip_fails_in_ci_and_must_say_why_everywhere(tmp_path, ci, expected):
    assert outcomes(tmp_path, ci) == expected
