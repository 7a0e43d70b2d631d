"""Partial dates: YYYY, YYYY-MM or YYYY-MM-DD, as precise as a source allows."""

from __future__ import annotations

import datetime

# No date in the catalogue is older (the schema's minimum for a year written as a number). Charts
# have a column for every year since the oldest date: an ancient one made them cost minutes.
FIRST_YEAR = 1949


def normalize(value: str | int) -> str:
    """A year written without quotes arrives as a number; keep every date as text."""
    return str(value)


def parts(value: str | int) -> tuple[int, ...]:
    return tuple(int(piece) for piece in normalize(value).split("-"))


def is_real(value: str | int) -> bool:
    numbers = parts(value)
    try:
        # A missing month or day is padded with one that every month has: any such padding
        # gives the same verdict (so not mutated).
        datetime.date(numbers[0], *(numbers[1:] + (1, 1))[:2])  # pragma: no mutate
    except ValueError:
        return False
    return True


def compare(first: str | int, second: str | int) -> int:
    """Compare at the precision both dates share: 2019 and 2019-06 are equal."""
    a, b = parts(first), parts(second)
    common = min(len(a), len(b))
    a, b = a[:common], b[:common]
    return (a > b) - (a < b)


def sort_key(value: str | int | None) -> tuple[int, int, int]:
    """Undated things sort first; a year sorts before its months."""
    if value is None:
        return (0, 0, 0)
    # Equivalent mutants: a bare year's padded day never decides, since its month is 0.
    year, month, day = (parts(value) + (0, 0))[:3]  # pragma: no mutate
    return (year, month, day)


def year(value: str | int) -> int:
    return parts(value)[0]


def today() -> str:
    return datetime.date.today().isoformat()
