"""Each fictional certificate's derived facts, read by hand from tests/fixtures/fictional/catalogue.

A certificate with a batch starts its history with the batch's announcement (batch-1: 2020-01;
batch-2 has no date). The status is set by the last event that changes it; its date is that
event's date, never the first or the last event's date as such (zeta: introduced 2021-06; alpha:
replaced 2021-06-01). The programme event fictional-handover (2023) makes gamma and iota
transferred; eta, withdrawn in 2021, stays withdrawn; the others are not in its applies_to."""

from __future__ import annotations

import pytest

from tests.helpers import copy_fictional, edit, model_of

# id -> (status, status date, event that set it, former names (zh), successors (id, equivalence),
#        current successors, predecessors)
EXPECTED = {
    "fictional-alpha": (
        "replaced",
        "2021-06-01",
        "replaced",
        [],
        [("fictional-beta", "full")],
        ["fictional-gamma"],
        [],
    ),
    "fictional-beta": (
        "replaced",
        "2022-03-03",
        "replaced",
        [],
        [("fictional-gamma", "partial")],
        ["fictional-gamma"],
        ["fictional-alpha"],
    ),
    "fictional-gamma": ("transferred", "2023", "transferred", ["虚构证书丙旧名"], [], [], ["fictional-beta"]),
    "fictional-delta": ("replaced", "2021-06", "merged", [], [("fictional-zeta", "partial")], ["fictional-zeta"], []),
    "fictional-epsilon": ("replaced", "2021-06", "merged", [], [("fictional-zeta", "partial")], ["fictional-zeta"], []),
    "fictional-zeta": ("active", "2021-06", "introduced", [], [], [], ["fictional-delta", "fictional-epsilon"]),
    "fictional-eta": ("withdrawn", "2021-09", "withdrawn", [], [], [], []),
    "fictional-theta": ("revoked", "2022-03-03", "revoked", [], [], [], []),
    "fictional-iota": ("transferred", "2023", "transferred", [], [], [], []),
    "fictional-kappa": ("active", None, "introduced", [], [], [], []),
}


def test_the_table_covers_every_fictional_certificate(fictional_model):
    assert set(fictional_model.certificates) == set(EXPECTED)


@pytest.mark.parametrize("certificate_id", list(EXPECTED))
def test_status_and_what_set_it(fictional_model, certificate_id):
    certificate = fictional_model.certificates[certificate_id]
    status, date, event_type, *_ = EXPECTED[certificate_id]
    assert (certificate.status, certificate.status_event.date, certificate.status_event.type) == (
        status,
        date,
        event_type,
    )


@pytest.mark.parametrize("certificate_id", list(EXPECTED))
def test_former_names(fictional_model, certificate_id):
    former = EXPECTED[certificate_id][3]
    assert [name.zh for name in fictional_model.certificates[certificate_id].former_names] == former


@pytest.mark.parametrize("certificate_id", list(EXPECTED))
def test_successors(fictional_model, certificate_id):
    successors = EXPECTED[certificate_id][4]
    certificate = fictional_model.certificates[certificate_id]
    assert [(s.certificate.id, s.equivalence) for s in certificate.successors] == successors


@pytest.mark.parametrize("certificate_id", list(EXPECTED))
def test_current_successors(fictional_model, certificate_id):
    current = EXPECTED[certificate_id][5]
    assert [c.id for c in fictional_model.certificates[certificate_id].current_successors] == current


@pytest.mark.parametrize("certificate_id", list(EXPECTED))
def test_predecessors(fictional_model, certificate_id):
    predecessors = EXPECTED[certificate_id][6]
    assert [c.id for c in fictional_model.certificates[certificate_id].predecessors] == predecessors


# Status at the end of each year, for the certificates whose status changed over time.
YEARLY = {
    "fictional-iota": {2019: None, 2020: "active", 2021: "suspended", 2022: "active", 2023: "transferred"},
    "fictional-gamma": {2021: None, 2022: "active", 2023: "transferred"},
    "fictional-beta": {2020: None, 2021: "active", 2022: "replaced"},
    "fictional-eta": {2019: None, 2020: "active", 2021: "withdrawn"},
    "fictional-kappa": {2030: None},  # introduced with an undated batch: never placed in a year
}


@pytest.mark.parametrize("certificate_id, year", [(c, y) for c, years in YEARLY.items() for y in years])
def test_status_at_the_end_of_a_year(fictional_model, certificate_id, year):
    assert fictional_model.certificates[certificate_id].status_at_end_of(year) == YEARLY[certificate_id][year]


def test_a_certificate_introduced_on_an_unknown_date_is_not_counted_even_after_a_dated_event(tmp_path):
    """Kappa's batch is undated; given a dated withdrawal, the catalogue chart still cannot say in which
    year it was active, so it counts it in no year (its page says the date is unknown)."""
    catalogue = copy_fictional(tmp_path)
    edit(
        catalogue,
        "certificates/fictional-kappa.yaml",
        "\nsources: [fictional-report]\n",
        "\nhistory:\n  - type: withdrawn\n    date: 2024-03\n    sources: [fictional-report]\nsources: [fictional-report]\n",
    )
    kappa = model_of(catalogue).certificates["fictional-kappa"]
    assert kappa.status == "withdrawn" and kappa.introduced is not None and kappa.introduced.date is None
    assert [kappa.status_at_end_of(year) for year in (2023, 2024, 2025)] == [None, None, None]
