"""The order conftest.py gives the tests under mutmut: the mutant's nearest tests first."""

from __future__ import annotations

from types import SimpleNamespace

from tests.conftest import _nearness_to

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
