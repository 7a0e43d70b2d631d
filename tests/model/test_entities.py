"""How model objects print: by kind and id, so a failing test's report names them in a line."""

from __future__ import annotations


def test_an_entity_prints_as_its_kind_and_id(fictional_model):
    certificate = fictional_model.certificates["fictional-alpha"]
    assert repr(certificate) == "Certificate('fictional-alpha')"
    assert repr(certificate.organization) == "Organization('fictional-org-a')"
    major = fictional_model.majors["860301"]
    assert repr(major) == "Major('860301')"
    assert repr(major.category) == f"MajorCategory({major.category.code!r})"  # a category has a code, not an id
    assert len(repr(list(fictional_model.certificates.values()))) < 400  # not the graph each one links to
