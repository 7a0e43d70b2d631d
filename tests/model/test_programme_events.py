"""A programme event (catalogue/programme-events/) is recorded once and derived into the history
and status of each certificate it applies to, unless that certificate's own history ended earlier."""

from __future__ import annotations

import pytest

from tests.helpers import add_later_programme_event, copy_fictional, edit, model_of

HANDOVER = "programme-events/fictional-handover.yaml"
LIST = "applies_to: [fictional-eta, fictional-gamma, fictional-iota]"


def test_the_status_source_and_date_come_from_the_programme_event(fictional_model):
    gamma = fictional_model.certificates["fictional-gamma"]
    event = gamma.status_event
    assert (gamma.status, event.date, [s.id for s in event.sources]) == ("transferred", "2023", ["fictional-report"])
    assert event.programme_event is fictional_model.programme_events["fictional-handover"]
    assert event.details.en == "The fictional certificates move to a fictional authority; only the year is known."


def test_the_derived_event_comes_after_the_certificates_own_earlier_events(fictional_model):
    iota = fictional_model.certificates["fictional-iota"]
    assert [(e.type, e.date) for e in iota.history] == [
        ("introduced", "2020-01"),
        ("organization_changed", "2020-09"),
        ("suspended", "2021"),
        ("reinstated", "2022"),
        ("transferred", "2023"),
    ]


def test_a_certificate_withdrawn_before_the_programme_event_stays_withdrawn(fictional_model):
    eta = fictional_model.certificates["fictional-eta"]
    assert (eta.status, eta.status_event.date) == ("withdrawn", "2021-09")
    assert [e.type for e in eta.history] == ["introduced", "withdrawn"]


def test_applies_to_a_list_reaches_only_the_listed_certificates_it_can(fictional_model):
    programme = fictional_model.programme_events["fictional-handover"]
    assert [c.id for c in programme.certificates] == ["fictional-gamma", "fictional-iota"]
    assert not programme.applies_to_all
    assert fictional_model.certificates["fictional-kappa"].status == "active"  # not listed


def test_applies_to_all_reaches_every_certificate_whose_history_had_not_ended(tmp_path):
    catalogue = copy_fictional(tmp_path)
    edit(catalogue, HANDOVER, LIST, "applies_to: all")
    model = model_of(catalogue)
    statuses = {c.id: c.status for c in model.certificates.values()}
    assert statuses == {
        "fictional-alpha": "replaced",
        "fictional-beta": "replaced",
        "fictional-delta": "replaced",
        "fictional-epsilon": "replaced",
        "fictional-eta": "withdrawn",
        "fictional-theta": "revoked",
        "fictional-gamma": "transferred",
        "fictional-iota": "transferred",
        "fictional-kappa": "transferred",  # its batch is undated: introduced before any date
        "fictional-zeta": "transferred",
    }
    assert model.programme_events["fictional-handover"].applies_to_all


def test_an_ending_after_the_programme_event_ends_the_transferred_certificate(tmp_path):
    catalogue = copy_fictional(tmp_path)
    edit(
        catalogue,
        "certificates/fictional-kappa.yaml",
        "sources: [fictional-report]\nsources:",
        "sources: [fictional-report]\nhistory:\n  - type: withdrawn\n    date: 2024\n    sources: [fictional-report]\nsources:",
    )
    edit(catalogue, HANDOVER, LIST, "applies_to: [fictional-kappa]")
    kappa = model_of(catalogue).certificates["fictional-kappa"]
    assert [(e.type, e.date) for e in kappa.history] == [
        ("introduced", None),
        ("transferred", "2023"),
        ("withdrawn", "2024"),
    ]
    assert kappa.status == "withdrawn"


@pytest.mark.parametrize(
    "organization, current, transferred",
    [("fictional-org-a", ["fictional-kappa"], ["fictional-gamma", "fictional-iota"])],
)
def test_an_organizations_transferred_certificates_are_not_current_nor_ended(
    fictional_model, organization, current, transferred
):
    found = fictional_model.organizations[organization]
    assert [c.id for c in found.current_certificates] == current
    assert sorted(c.id for c in found.transferred_certificates) == transferred
    assert not set(transferred) & {c.id for c in found.ended_certificates}


def test_the_list_of_changes_holds_the_programme_event_once(fictional_model):
    derived = [e for e in fictional_model.events if e.programme_event]
    assert len(derived) == 2
    once = [e for e in fictional_model.changes if e.programme_event]
    assert len(once) == 1 and len(fictional_model.changes) == len(fictional_model.events) - 1


def test_a_certificate_whose_batch_is_unknown_is_reached_by_a_programme_event(tmp_path):
    """批次不详: no source says when it came, so its history starts undated, before the event."""
    catalogue = copy_fictional(tmp_path)
    edit(catalogue, "certificates/fictional-kappa.yaml", "batch: batch-2\n", "")
    edit(catalogue, HANDOVER, LIST, "applies_to: [fictional-eta, fictional-gamma, fictional-iota, fictional-kappa]")
    kappa = model_of(catalogue).certificates["fictional-kappa"]
    assert kappa.introduced is None
    assert (kappa.status, kappa.status_event.date) == ("transferred", "2023")
    assert [(e.type, e.date) for e in kappa.history] == [("transferred", "2023")]


def test_programme_events_are_kept_oldest_first_whatever_their_file_names(tmp_path):
    """The handover page and the changes page list them in this order."""
    catalogue = copy_fictional(tmp_path)
    add_later_programme_event(catalogue, "a-fictional-later-notice", "[fictional-kappa]")
    assert list(model_of(catalogue).programme_events) == ["fictional-handover", "a-fictional-later-notice"]
