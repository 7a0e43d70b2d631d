"""How the tests meet mutmut: the order conftest.py gives them, and the scope of shared fixtures."""

from __future__ import annotations

import os
import subprocess
import sys
from types import SimpleNamespace

from tests.conftest import _nearness_to
from tests.helpers import MODULE, SESSION
from xcat.settings import ROOT

ITEMS = [
    SimpleNamespace(nodeid=nodeid)
    for nodeid in (
        "tests/tools/test_new.py::test_a",
        "tests/check/test_load.py::test_b",
        "tests/check/test_rules_table.py::test_c[x.yaml]",
        "tests/test_dates.py::test_d",
    )
]


def names(items) -> list[str]:
    return [item.nodeid.rsplit("::", 1)[1] for item in items]


def test_a_mutants_own_module_runs_first_then_its_stage_then_the_rest():
    assert names(sorted(ITEMS, key=_nearness_to("xcat.check.rules.x_pilot_counts__mutmut_3"))) == [
        "test_c[x.yaml]",
        "test_b",
        "test_a",
        "test_d",
    ]
    assert names(sorted(ITEMS, key=_nearness_to("xcat.dates.x_year__mutmut_1"))) == [
        "test_d",
        "test_a",
        "test_b",
        "test_c[x.yaml]",
    ]


def test_outside_mutmut_the_order_is_kept():
    for outside in ("", "stats", "fail"):
        assert sorted(ITEMS, key=_nearness_to(outside)) == ITEMS


def test_shared_fixtures_are_set_up_by_each_test_while_mutmut_records_who_calls_what(monkeypatch):
    monkeypatch.delenv("MUTANT_UNDER_TEST", raising=False)
    assert (MODULE("data", None), SESSION("catalogue", None)) == ("module", "session")
    monkeypatch.setenv("MUTANT_UNDER_TEST", "xcat.model.x_build__mutmut_1")  # a mutant's run shares them
    assert (MODULE("data", None), SESSION("catalogue", None)) == ("module", "session")
    monkeypatch.setenv("MUTANT_UNDER_TEST", "stats")
    assert (MODULE("data", None), SESSION("catalogue", None)) == ("function", "function")


def collected(mutant: str | None, *files: str) -> str:
    env = {key: value for key, value in os.environ.items() if key != "MUTANT_UNDER_TEST"}
    if mutant:
        env["MUTANT_UNDER_TEST"] = mutant
    command = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
    return subprocess.run(
        [*command, *(files or ["tests/check/test_rules_table.py"])],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_a_mutation_run_leaves_out_the_table_guards_and_keeps_the_cases():
    guard, case = "test_without_its_rule_the_case_reports_something_else", "test_breaking_a_rule_reports_its_lines"
    outside = collected(None)
    assert guard in outside and case in outside
    inside = collected("xcat.check.rules.x_pilot_counts_out_of_order__mutmut_3")
    assert guard not in inside and case in inside


def test_a_mutation_run_collects_the_mutants_own_tests_first():
    files = ("tests/check/test_rules_table.py", "tests/tools/test_new.py")
    assert collected(None, *files).startswith("tests/check/")
    assert collected("xcat.tools.new.x_render__mutmut_1", *files).startswith("tests/tools/test_new.py::")
