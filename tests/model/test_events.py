"""The one order of every list of changes (the changes page, an organization's page, the feed):
dated events newest first, then the undated ones by the batch that announced them."""

from __future__ import annotations

from xcat.dates import sort_key


def assert_newest_first(events) -> None:
    dated = [e for e in events if e.date]
    undated = [e for e in events if not e.date]
    assert events == dated + undated, "an undated event comes before a dated one"
    keys = [sort_key(e.date) for e in dated]
    assert len(set(keys)) > 1, "the fictional catalogue should have events on several dates"
    assert keys == sorted(keys, reverse=True)
    batches = [e.from_batch.number if e.from_batch else 0 for e in undated]
    assert batches == sorted(batches)


def test_the_catalogues_changes_are_newest_first(fictional_model):
    assert_newest_first(fictional_model.events)


def test_an_organizations_changes_are_newest_first(fictional_model):
    busiest = max(fictional_model.organizations.values(), key=lambda o: len({e.date for e in o.events}))
    assert_newest_first(busiest.events)
