"""What a file may leave out, and what the model gives every page for it: no maintainers is an
empty list, a programme event without totals has no counts, a major is open to the second
conversion unless its file says otherwise; and which of its sources a disagreement stands beside."""

from __future__ import annotations

from tests.helpers import copy_fictional, edit, model_of


def test_an_organization_without_maintainers_has_none(tmp_path):
    catalogue = copy_fictional(tmp_path)
    edit(catalogue, "organizations/fictional-org-b.yaml", "maintainers: []\n", "")
    assert model_of(catalogue).organizations["fictional-org-b"].maintainers == []


def test_a_programme_event_without_totals_counts_nothing(tmp_path):
    catalogue = copy_fictional(tmp_path)
    edit(catalogue, "programme-events/fictional-handover.yaml", "totals: {certificates: 12, organizations: 5}\n", "")
    handover = model_of(catalogue).programme_events["fictional-handover"]
    assert (handover.total_certificates, handover.total_organizations) == (None, None)


def test_a_major_is_open_to_the_second_conversion_unless_its_file_says_not(fictional_model):
    majors = fictional_model.majors
    assert majors["960101"].second_conversion is False
    assert {m.second_conversion for code, m in majors.items() if code != "960101"} == {True}


def test_a_disagreement_stands_beside_the_sources_nearest_its_field_less_those_of_the_other_value(tmp_path):
    catalogue = copy_fictional(tmp_path)
    edit(
        catalogue,
        "batches/batch-1.yaml",
        "  sources: [fictional-notice-2020]\nsources: [fictional-notice-2020]\n",
        "  sources: [fictional-report, fictional-paper]\nsources: [fictional-notice-2020]\n"
        "disagreements:\n  - field: totals.certificates\n    value: 9\n    sources: [fictional-paper]\n",
    )
    (found,) = model_of(catalogue).batches["batch-1"].disagreements
    assert (found.field, found.value, found.own_value) == ("totals.certificates", 9, 8)
    assert ([s.id for s in found.sources], [s.id for s in found.own_sources]) == (
        ["fictional-paper"],
        ["fictional-report"],
    )


def test_a_batchs_totals_are_the_counts_its_file_gives_and_none_for_the_others(tmp_path, fictional_model):
    totals = fictional_model.batches["batch-1"].totals
    counts = (totals.certificates, totals.organizations, totals.applications, totals.applicant_units)
    assert counts == (8, 2, None, None)
    catalogue = copy_fictional(tmp_path)
    edit(catalogue, "batches/batch-1.yaml", "  organizations: 2\n", "  applications: 30\n  applicant_units: 20\n")
    totals = model_of(catalogue).batches["batch-1"].totals
    counts = (totals.certificates, totals.organizations, totals.applications, totals.applicant_units)
    assert counts == (8, None, 30, 20)


def test_a_certificates_disagreement_reaches_the_model(tmp_path):
    catalogue = copy_fictional(tmp_path)
    edit(
        catalogue,
        "certificates/fictional-zeta.yaml",
        "sources: [fictional-notice-2021]\n",
        "sources: [fictional-notice-2021]\n"
        "disagreements:\n  - field: name.zh\n    value: 虚构证书己（别名）\n    sources: [fictional-paper]\n",
    )
    (found,) = model_of(catalogue).certificates["fictional-zeta"].disagreements
    assert (found.field, found.value, found.own_value) == ("name.zh", "虚构证书己（别名）", "虚构证书己")
    assert [s.id for s in found.own_sources] == ["fictional-notice-2021"]
