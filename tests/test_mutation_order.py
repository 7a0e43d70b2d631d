"""How the tests meet mutmut: the order conftest.py gives them, and the scope of shared fixtures."""

from __future__ import annotations

from types import SimpleNamespace

from tests.conftest import _nearness_to
from tests.helpers import MODULE, SESSION

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
