"""How model objects print: by kind and id, so a failing test's report names them in a line."""

from __future__ import annotations

from xcat.model.catalogue import Carrier, Source


def test_an_entity_prints_as_its_kind_and_id(fictional_model):
    certificate = fictional_model.certificates["fictional-alpha"]
    assert repr(certificate) == "Certificate('fictional-alpha')"
    assert repr(certificate.organization) == "Organization('fictional-org-a')"
    major = fictional_model.majors["860301"]
    assert repr(major) == "Major('860301')"
    assert repr(major.category) == f"MajorCategory({major.category.code!r})"  # a category has a code, not an id
    assert len(repr(list(fictional_model.certificates.values()))) < 400  # not the graph each one links to


def test_a_sources_dates_written_as_bare_years_are_text_like_every_date():
    source = Source.of(
        {
            "id": "fictional-notice",
            "title": "虚构通知",
            "kind": "official",
            "published": 2021,
            "carried_by": {"title": "虚构转载", "retrieved": 2022},
        }
    )
    assert (source.published, source.carried_by) == ("2021", Carrier(title="虚构转载", retrieved="2022"))
    assert Source.of({"id": "x", "title": "虚构", "kind": "paper"}).carried_by is None
