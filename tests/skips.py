"""No silent skips: with CI=true a skipped test fails (its tool or browser must be there), unless
it is marked @pytest.mark.allow_skip_in_ci(reason=...) because it cannot run in CI at all.
Anywhere, a skip must say why. conftest.py imports the hook."""

from __future__ import annotations

import os

import pytest


def _reason(report: pytest.TestReport) -> str:
    text = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr or "")
    return text.removeprefix("Skipped: ").strip()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    if not report.skipped or hasattr(report, "wasxfail"):
        return
    reason = _reason(report)
    allowed = item.get_closest_marker("allow_skip_in_ci")
    allowed_because = (allowed.kwargs.get("reason") or (allowed.args[0] if allowed.args else "")) if allowed else ""
    if reason in ("", "Skipped", "unconditional skip"):
        report.outcome = "failed"
        report.longrepr = "skipped without saying why: give pytest.skip (or the skip marker) a reason"
    elif os.environ.get("CI") == "true" and not allowed_because:
        report.outcome = "failed"
        report.longrepr = (
            f"skipped in CI, where every test must run: {reason} "
            "(mark it @pytest.mark.allow_skip_in_ci(reason=...) only if it can never run in CI)"
        )
