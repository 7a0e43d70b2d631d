"""Partial dates (xcat/dates.py) as the catalogue writes them: YYYY, YYYY-MM or YYYY-MM-DD,
a bare year possibly arriving as a number."""

from __future__ import annotations

import pytest

from xcat import dates


@pytest.mark.parametrize(
    ("value", "parts"),
    [(2021, (2021,)), ("2021", (2021,)), ("2021-06", (2021, 6)), ("2021-06-19", (2021, 6, 19))],
)
def test_a_date_is_read_as_its_numbers_and_its_year(value, parts):
    assert dates.normalize(value) == str(value)
    assert dates.parts(value) == parts
    assert dates.year(value) == 2021


@pytest.mark.parametrize(
    ("value", "real"),
    [
        (2021, True),
        ("2021-02", True),
        ("2021-12", True),
        ("2021-13", False),
        ("2021-00", False),
        ("2020-02-29", True),  # a leap year
        ("2021-02-29", False),
        ("2021-04-31", False),
        ("2021-12-31", True),
        ("2021-01-00", False),
        ("0000", False),
    ],
)
def test_a_date_is_real_only_when_the_calendar_has_it(value, real):
    assert dates.is_real(value) is real


@pytest.mark.parametrize(
    ("first", "second", "order"),
    [
        ("2019", "2019-06", 0),  # equal at the precision both share
        ("2019-06", "2019-06-19", 0),
        ("2019-05-31", "2019-06", -1),
        ("2019-06", "2019-05-31", 1),
        (2020, "2019-12-31", 1),
        ("2019-06-18", "2019-06-19", -1),
        ("2019-06-19", "2019-06-19", 0),
    ],
)
def test_dates_compare_at_the_precision_both_share(first, second, order):
    assert dates.compare(first, second) == order


def test_undated_sorts_first_and_a_year_before_its_months_and_a_month_before_its_days():
    written = ["2021-06-01", None, "2021", 2020, "2021-06", "2021-05-31", "2022"]
    assert sorted(written, key=dates.sort_key) == [None, 2020, "2021", "2021-05-31", "2021-06", "2021-06-01", "2022"]
    assert dates.sort_key(None) == (0, 0, 0)
    assert dates.sort_key("2021-06") == (2021, 6, 0)
