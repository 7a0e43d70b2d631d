"""What a file may leave out, and what the model gives every page for it: no maintainers is an
empty list, a programme event without totals has no counts, a major is open to the second
conversion unless its file says otherwise."""

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
