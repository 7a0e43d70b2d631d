"""The one order of every list of changes (the changes page, an organization's page, the feed):
dated events newest first, then the undated ones by the batch that announced them."""

from __future__ import annotations

from types import SimpleNamespace

from xcat.dates import sort_key
from xcat.model.catalogue import newest_first


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


def test_undated_events_follow_the_dated_ones_outside_the_batches_first_then_by_batch():
    """Stand-ins with only what the order reads: an undated event outside the batches comes before
    batch 1's even when its certificate's id sorts after theirs."""

    def event(ident, date=None, batch=None, kind="introduced"):
        return SimpleNamespace(
            date=date,
            type=kind,
            certificate=SimpleNamespace(id=ident),
            from_batch=SimpleNamespace(number=batch) if batch else None,
        )

    events = [
        event("a", batch=2),
        event("z"),
        event("b", batch=1),
        event("a", batch=1),
        event("m", "2021-06"),
        event("m", "2022", kind="withdrawn"),
    ]
    order = [(e.certificate.id, e.date, e.from_batch and e.from_batch.number) for e in newest_first(events)]
    assert order == [
        ("m", "2022", None),
        ("m", "2021-06", None),
        ("z", None, None),
        ("a", None, 1),
        ("b", None, 1),
        ("a", None, 2),
    ]
