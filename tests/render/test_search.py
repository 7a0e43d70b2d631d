"""What the search index holds for a certificate and a batch: the names it is found by (with their pinyin and the
catalogue's synonyms), the date it is found by, and the summary a result shows."""

from __future__ import annotations

import pytest

from xcat.model.catalogue import Name
from xcat.render import search


def test_a_dated_batch_is_found_by_its_names_pinyin_synonyms_and_date(fictional_model):
    entry = search.batch(fictional_model.batches["batch-1"], fictional_model)
    assert (entry.kind, entry.title, entry.subtitle) == ("batch", "虚构第一批", "Fictional first batch")
    assert entry.summary == "2020-01 · 6 个证书 certificates"
    assert entry.names == ["虚构第一批", "Fictional first batch"]
    assert entry.terms == [
        "xugou diyipi", "xugoudiyipi", "xgdyp", "xu gou di yi pi",  # pinyin, joined and initials
        "虚构第一批", "构第一批", "第一批", "一批",  # the name's tails, for a query of its end
        "假想",  # the catalogue's synonym of 虚构
    ]  # fmt: skip
    assert (entry.context, entry.mentions) == (["2020-01"], [])


def test_an_undated_batch_is_summarised_by_its_count_alone(fictional_model):
    entry = search.batch(fictional_model.batches["batch-2"], fictional_model)
    assert (entry.summary, entry.context) == ("1 个证书 certificates", [])


def test_a_batch_without_an_english_name_has_an_empty_subtitle(fictional_model, monkeypatch):
    batch = fictional_model.batches["batch-2"]
    monkeypatch.setattr(batch, "name", Name("虚构第二批", None))
    entry = search.batch(batch, fictional_model)
    assert (entry.subtitle, entry.names) == ("", ["虚构第二批"])


def test_a_certificate_is_summarised_by_its_organization_status_and_levels(fictional_model):
    entry = search.certificate(fictional_model.certificates["fictional-alpha"], fictional_model)
    assert entry.summary == "虚构评价组织甲 · 已替代 Replaced · 初级、中级"


@pytest.mark.parametrize(
    ("name", "spelled"),
    [
        ("虚构A证书", ["xu gou zheng shu"]),  # the Han runs around a Latin letter, syllable by syllable
        ("1+X证书", ["zheng shu"]),
        ("ABC", []),  # nothing to spell
        ("虚构㐂证书", ["xu gou zheng shu"]),  # a rare character pypinyin cannot spell is left out
    ],
)
def test_a_name_is_spelled_one_syllable_at_a_time_from_its_chinese_characters(name, spelled):
    assert search.syllables(name) == spelled
