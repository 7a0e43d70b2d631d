"""Coverage, disagreements and certificates whose batch is unknown, as the model derives them."""

from __future__ import annotations

from tests.helpers import copy_fictional, edit, model_of, run_check


def test_announced_certificates_are_the_sum_of_the_batches_totals(fictional_model):
    assert [b.totals.certificates for b in fictional_model.batches.values()] == [8, 40]
    assert fictional_model.announced_certificates == 48
    assert [len(b.certificates) for b in fictional_model.batches.values()] == [6, 1]


def test_a_certificate_without_batch_or_introduction_has_an_unknown_batch(tmp_path):
    catalogue = copy_fictional(tmp_path)
    edit(catalogue, "certificates/fictional-kappa.yaml", "batch: batch-2\n", "")
    assert run_check(catalogue)[1] == []  # allowed: a source lists it, none says when it came
    model = model_of(catalogue)
    kappa = model.certificates["fictional-kappa"]
    assert kappa.batch is None and kappa.batch_unknown
    assert kappa.status == "active" and kappa.introduced is None
    assert model.batch_unknown_count == 1
    assert not model.certificates["fictional-zeta"].batch_unknown  # introduced outside the batches
    assert len(model.batches["batch-2"].certificates) == 0


def test_a_disagreement_carries_both_values_each_with_its_sources(fictional_model):
    org = fictional_model.organizations["fictional-org-b"]
    [d] = org.disagreements
    assert (d.field, d.own_value, [s.id for s in d.own_sources]) == (
        "name.zh",
        "虚构评价组织乙",
        ["fictional-notice-2020"],
    )
    assert (d.value, [s.id for s in d.sources]) == ("虚构评价组织乙（虚构别名）", ["fictional-paper"])
    assert d.note.en == "The fictional paper adds an alias."
    assert fictional_model.disagreements == [(org, d)]


def test_the_files_own_sources_leave_out_the_one_that_gives_the_other_value(tmp_path):
    catalogue = copy_fictional(tmp_path)
    edit(
        catalogue,
        "organizations/fictional-org-b.yaml",
        "sources: [fictional-notice-2020]\n",
        "sources: [fictional-notice-2020, fictional-paper]\n",
    )
    [d] = model_of(catalogue).organizations["fictional-org-b"].disagreements
    assert [s.id for s in d.own_sources] == ["fictional-notice-2020"]


def test_facts_are_counted_once_per_kind_of_source_they_cite(fictional_model):
    """Counted by hand from tests/fixtures/fictional/catalogue: each certificate's own listing, its
    levels, pilot counts, events (but not the introductions its batch file already gives) and major
    links; a fact citing two sources of one kind counts once. Editorial: the 11 field placements."""
    assert fictional_model.facts_by_source_kind() == {"official": 19, "secondary": 12, "paper": 1, "editorial": 11}


def test_a_major_link_without_a_source_counts_as_editorial(fictional_model, monkeypatch):
    [link] = fictional_model.certificates["fictional-alpha"].related_majors
    monkeypatch.setattr(link, "sources", [])  # the paper no longer backs it: an editorial judgement
    assert fictional_model.facts_by_source_kind() == {"official": 19, "secondary": 12, "paper": 0, "editorial": 12}


def test_a_fact_citing_two_sources_of_one_kind_counts_once(fictional_model, monkeypatch):
    alpha = fictional_model.certificates["fictional-alpha"]
    monkeypatch.setattr(alpha, "sources", [*alpha.sources, fictional_model.sources["fictional-notice-2021"]])
    assert fictional_model.facts_by_source_kind()["official"] == 19


def test_the_sources_certificate_files_cite_come_most_cited_first_then_by_id(fictional_model, monkeypatch):
    assert [(source.id, count) for source, count in fictional_model.certificates_by_source()] == [
        ("fictional-notice-2020", 6),
        ("fictional-notice-2021", 2),
        ("fictional-report", 2),
    ]
    # Equal counts go by id, whichever certificate cites its source first.
    cited_first = {i: fictional_model.certificates[i] for i in ("fictional-kappa", "fictional-zeta")}
    monkeypatch.setattr(fictional_model, "certificates", cited_first)  # the report, then notice 2021
    assert [source.id for source, _ in fictional_model.certificates_by_source()] == [
        "fictional-notice-2021",
        "fictional-report",
    ]
