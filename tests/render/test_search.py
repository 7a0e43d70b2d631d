"""What the search index holds for each kind of page: the names it is found by (with their pinyin and the
catalogue's synonyms), what else finds it (context, mentions), and the summary a result shows."""

from __future__ import annotations

import pytest

from xcat.model.catalogue import Name
from xcat.render import search


def test_a_dated_batch_is_found_by_its_names_pinyin_synonyms_and_date(fictional_model):
    entry = search.batch(fictional_model.batches["batch-1"], fictional_model)  # its names and summary: KINDS
    assert entry.terms == [
        "xugou diyipi", "xugoudiyipi", "xgdyp", "xu gou di yi pi",  # pinyin, joined and initials
        "虚构第一批", "构第一批", "第一批", "一批",  # the name's tails, for a query of its end
        "假想",  # the catalogue's synonym of 虚构
    ]  # fmt: skip
    assert (entry.context, entry.mentions) == (["2020-01"], [])


def test_an_undated_batch_is_summarised_by_its_count_alone(fictional_model):
    entry = search.batch(fictional_model.batches["batch-2"], fictional_model)
    assert (entry.summary, entry.context) == ("1 个证书 certificates", [])


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


@pytest.mark.parametrize(
    ("name", "terms"),
    [
        (
            "工业机器人操作与运维",  # 运维 is not in jieba's dictionary: found by its own pinyin word too
            ["gongye jiqiren caozuo yu yunwei", "gongyejiqirencaozuoyuyunwei", "gyjqrczyyw"],
        ),
        ("失智老年人照护", ["shizhi laonianren zhaohu", "shizhilaonianrenzhaohu", "szlnrzh"]),
        ("B超诊断", ["chao zhenduan", "chaozhenduan", "czd"]),  # the Latin letter is found as written, not here
        ("IPv6", []),
    ],
)
def test_a_name_is_found_by_its_words_in_pinyin_whole_and_by_initials(name, terms):
    assert search.pinyin_terms(name) == terms


# Each kind of page: (how to find it in the model, how the index describes it, what a result shows).
KINDS = {
    "certificate": (
        lambda model: model.certificates["fictional-alpha"],
        search.certificate,
        ("虚构证书甲", "Fictional certificate Alpha", "虚构评价组织甲 · 已替代 Replaced · 初级、中级"),
    ),
    "organization": (
        lambda model: model.organizations["fictional-org-b"],
        search.organization,
        ("虚构评价组织乙", "Fictional Evaluation Organization B", "培训评价组织 · 5 个证书 certificates"),
    ),
    "major": (
        lambda model: model.majors["860301"],
        search.major,
        ("虚构专业", "Fictional major", "专业 860301 · 1 个证书 certificates"),
    ),
    "field": (
        lambda model: model.fields["medicine-health"],
        search.field_of_study,
        ("医药卫生", "Medicine and health", "专业大类 · 3 个证书 certificates"),
    ),
    "batch": (
        lambda model: model.batches["batch-1"],
        search.batch,
        ("虚构第一批", "Fictional first batch", "2020-01 · 6 个证书 certificates"),
    ),
}


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_page_is_found_by_its_names_and_their_spellings(fictional_model, kind):
    find, describe, (title, subtitle, summary) = KINDS[kind]
    entry = describe(find(fictional_model), fictional_model)
    assert (entry.kind, entry.title, entry.subtitle, entry.summary) == (kind, title, subtitle, summary)
    own_id = ["860301"] if kind == "major" else []  # a major is found by its code too
    assert entry.names == [title, subtitle, *own_id]
    assert entry.terms[: len(search.pinyin_terms(title))] == search.pinyin_terms(title)
    assert ("假想" in entry.terms) == ("虚构" in title)  # the catalogue's synonym of 虚构


@pytest.mark.parametrize("kind", KINDS)
def test_a_page_whose_name_has_no_english_has_an_empty_subtitle(fictional_model, monkeypatch, kind):
    find, describe, (title, _, _) = KINDS[kind]
    item = find(fictional_model)
    monkeypatch.setattr(item, "name", Name(title, None))
    entry = describe(item, fictional_model)
    assert (entry.subtitle, entry.names[0]) == ("", title)
    assert len(entry.names) == (2 if kind == "major" else 1)


def test_a_certificate_is_found_by_its_organization_status_fields_majors_batch_and_level_titles(fictional_model):
    entry = search.certificate(fictional_model.certificates["fictional-alpha"], fictional_model)
    assert entry.context == [
        "虚构评价组织甲", "Fictional Evaluation Organization A",  # its organization, then the name's tails
        "虚构评价组织甲", "构评价组织甲", "评价组织甲", "价组织甲", "组织甲", "织甲",
        "已替代", "Replaced",  # its status
        "装备制造", "Equipment manufacturing",  # its field
        "虚构专业", "Fictional major", "860301",  # its major, by name and by code
        "虚构第一批",  # its batch
        "虚构初级",  # a level's own title
    ]  # fmt: skip


def test_a_certificate_is_found_by_its_former_name_and_its_description(fictional_model):
    gamma = search.certificate(fictional_model.certificates["fictional-gamma"], fictional_model)
    assert gamma.terms[:3] == ["虚构证书丙旧名", "Fictional certificate Gamma (old name)", "xugou zhengshu bing"]
    assert "xu gou zheng shu bing jiu ming" in gamma.terms  # the former name's spellings too
    iota = fictional_model.certificates["fictional-iota"]
    assert search.certificate(iota, fictional_model).context[-2:] == [iota.description.zh, iota.description.en]


def test_a_field_is_found_by_its_majors_codes_and_names_and_mentions_their_spellings(fictional_model):
    entry = search.field_of_study(fictional_model.fields["equipment-manufacturing"], fictional_model)
    assert entry.context == [
        "960101", "860301", "860302K",
        "虚构中职专业", "Fictional secondary major", "虚构专业", "Fictional major", "虚构控制专业", "Fictional controlled major",
    ]  # fmt: skip
    # joined and initials only: the spaced pinyin would match every major with a common word
    assert entry.mentions == ["xugouzhongzhizhuanye", "xgzzzy", "xugouzhuanye", "xgzy", "xugoukongzhizhuanye", "xgkzzy"]
