"""The major finder's and compare page's data (render/finder.py), value by value, against the
fictional catalogue's files: what finder.js and compare.js print is what this holds."""

from __future__ import annotations

import json

import pytest

from tests.helpers import MODULE, copy_fictional, model_of
from xcat import urls, vocabulary
from xcat.render.finder import COMPARE_LIMIT, finder_data, finder_json
from xcat.settings import ROOT


@pytest.fixture(scope=MODULE)
def data(fictional_model):
    return finder_data(fictional_model)


# certificate: name (zh, en), status on TODAY, organization's Chinese name, batch's Chinese name
CERTIFICATES = {
    "fictional-alpha": ("虚构证书甲", "Fictional certificate Alpha", "replaced", "虚构评价组织甲", "虚构第一批"),
    "fictional-beta": ("虚构证书乙", None, "replaced", "虚构评价组织甲", None),
    "fictional-delta": ("虚构证书丁", None, "replaced", "虚构评价组织乙", "虚构第一批"),
    "fictional-eta": ("虚构证书庚", None, "withdrawn", "虚构评价组织乙", "虚构第一批"),
    "fictional-gamma": ("虚构证书丙", None, "transferred", "虚构评价组织甲", None),
    "fictional-kappa": ("虚构证书癸", None, "active", "虚构评价组织甲", "虚构第二批"),
    "fictional-theta": ("虚构证书辛", None, "revoked", "虚构评价组织乙", "虚构第一批"),
}


@pytest.mark.parametrize(("certificate", "expected"), CERTIFICATES.items())
def test_each_certificate_has_its_name_status_organization_batch_and_addresses(data, certificate, expected):
    zh, en, status, organization, batch = expected
    shown = data["certificates"][certificate]
    assert shown["name"]["zh"] == zh
    if en:
        assert shown["name"]["en"] == en
    assert (shown["status"], shown["organization"], shown["batch"]) == (status, organization, batch)
    assert shown["page"] == f"certificates/{certificate}/"
    assert shown["api"] == f"api/certificates/{certificate}.json"


def test_certificates_are_listed_by_id_and_all_of_them(data, fictional_model):
    assert list(data["certificates"]) == sorted(fictional_model.certificates)


# major: (level, category, pinyin, page, feed, linked certificates)
MAJORS = {
    "960101": ("中职", "9601", ["xugouzhongzhizhuanye", "xgzzzy"], "fields/equipment-manufacturing/#major-960101"),
    "810201": ("高职专科", "8102", ["xugouruanjianzhuanye", "xgrjzy"], "fields/electronics-information/#major-810201"),
    "860301": ("高职专科", "8603", ["xugouzhuanye", "xgzy"], "majors/860301/"),
    "860302K": ("高职专科", "8603", ["xugoukongzhizhuanye", "xgkzzy"], "fields/equipment-manufacturing/#major-860302K"),
}


@pytest.mark.parametrize(("code", "expected"), MAJORS.items())
def test_each_major_has_its_place_pinyin_page_and_feed(data, code, expected):
    level, category, pinyin, page = expected
    (major,) = [m for m in data["majors"] if m["code"] == code]
    assert (major["level"], major["category"], major["pinyin"], major["page"]) == (level, category, pinyin, page)
    # Only a major with certificates has a page and a feed of its own; the others are entries on their field's page.
    assert major["feed"] == (f"feeds/majors/{code}.xml" if code == "860301" else None)


def test_categories_name_their_parent_and_the_field_of_a_top_category(data):
    assert data["categories"]["9601"] == {
        "name": {"zh": "虚构加工类", "en": None},
        "level": "中职",
        "parent": "96",
        "field": None,
    }
    assert data["categories"]["86"]["parent"] is None
    assert data["categories"]["86"]["field"] == "equipment-manufacturing"
    assert data["categories"]["81"]["field"] == "electronics-information"


def test_fields_list_their_certificates_in_pinyin_order_with_their_page(data):
    fields = data["fields"]
    assert fields["equipment-manufacturing"]["certificates"] == [
        "fictional-iota",  # 虚构工业机器人证书: xugou gongye… before xugou zhengshu…
        "fictional-gamma",  # 丙 bing
        "fictional-alpha",  # 甲 jia
        "fictional-beta",  # 乙 yi
    ]
    assert fields["medicine-health"]["certificates"] == ["fictional-delta", "fictional-zeta", "fictional-epsilon"]
    assert fields["finance-commerce"] == {
        "name": {"zh": "财经商贸", "en": fields["finance-commerce"]["name"]["en"]},
        "page": "fields/finance-commerce/",
        "certificates": ["fictional-eta", "fictional-theta"],
    }


def test_the_vocabularies_and_the_compare_settings_are_the_projects(data):
    assert data["levels"] == {level: list(labels) for level, labels in vocabulary.MAJOR_LEVELS.items()}
    assert data["statuses"]["transferred"] == list(vocabulary.STATUS["transferred"])
    assert list(data["statuses"]) == list(vocabulary.STATUS)
    assert (data["compare_limit"], data["compare_page"]) == (COMPARE_LIMIT, "compare/")


def test_a_majors_certificates_come_sourced_first_in_pinyin_order_then_editorial(tmp_path):
    catalogue = copy_fictional(tmp_path)
    links = {  # certificate: the sources of its link to 860301 (none: an editorial link)
        "fictional-beta": ["fictional-paper"],  # 乙 yi
        "fictional-delta": ["fictional-report"],  # 丁 ding
        "fictional-gamma": [],  # 丙 bing, editorial: after every sourced link despite its pinyin
        "fictional-kappa": [],  # 癸 gui
    }
    for certificate, sources in links.items():
        link = '  - major: "860301"\n' + (f"    sources: [{', '.join(sources)}]\n" if sources else "")
        with (catalogue / "certificates" / f"{certificate}.yaml").open("a", encoding="utf-8") as file:
            file.write("related_majors:\n" + link)
    (major,) = [m for m in finder_data(model_of(catalogue))["majors"] if m["code"] == "860301"]
    paper, report = "A fictional paper about fictional certificates", "虚构新闻报道 Fictional news report"
    assert [c["id"] for c in major["certificates"]] == [
        "fictional-delta",  # ding
        "fictional-alpha",  # jia
        "fictional-beta",  # yi
        "fictional-gamma",  # bing, editorial
        "fictional-kappa",  # gui, editorial
    ]
    sources = {c["id"]: c["sources"] for c in major["certificates"]}
    assert sources["fictional-beta"] == [paper]
    assert sources["fictional-delta"] == [report]
    assert sources["fictional-alpha"] == [paper]  # its link in the fixture
    assert sources["fictional-gamma"] == sources["fictional-kappa"] == []


def test_the_json_is_compact_and_no_contributed_text_can_end_a_script(fictional_model):
    text = finder_json(fictional_model)
    assert "<" not in text and ">" not in text and "&" not in text
    assert ", " not in text and ": " not in text.replace("\\u", "")  # separators without spaces


def test_the_scripts_get_the_level_labels_and_the_compare_limit_by_the_names_they_read(data):
    """docs/javascripts/finder.js reads data.levels, compare.js data.compare_limit."""
    assert data["levels"] == {level: list(labels) for level, labels in vocabulary.MAJOR_LEVELS.items()}
    assert data["levels"]["高职专科"] == ["高职专科", "Higher vocational (junior college)"]
    assert data["compare_limit"] == COMPARE_LIMIT
    scripts = ROOT / "docs" / "javascripts"
    assert "data.levels[" in (scripts / "finder.js").read_text(encoding="utf-8")
    assert "data.compare_limit" in (scripts / "compare.js").read_text(encoding="utf-8")


def test_each_category_and_field_is_given_with_what_the_finder_shows(data):
    assert data["categories"]["96"] == {
        "name": {"zh": "装备制造大类", "en": None},
        "level": "中职",
        "parent": None,  # a field's own category (专业大类)
        "field": "equipment-manufacturing",
    }
    assert data["categories"]["9601"] == {
        "name": {"zh": "虚构加工类", "en": None},
        "level": "中职",
        "parent": "96",
        "field": None,
    }
    assert data["fields"]["equipment-manufacturing"] == {
        "name": {"zh": "装备制造", "en": "Equipment manufacturing"},
        "page": "fields/equipment-manufacturing/",
        "certificates": ["fictional-iota", "fictional-gamma", "fictional-alpha", "fictional-beta"],  # by pinyin
    }
    assert data["compare_page"] == urls.COMPARE_PAGE == "compare/"


def test_the_finder_json_is_compact_chinese_as_written_and_in_the_datas_order(fictional_model, data):
    text = finder_json(fictional_model)
    assert json.loads(text) == data
    assert text.startswith('{"levels":{"中职":["中职","Secondary vocational"],"高职专科":')  # no spaces, no \u escapes


def test_each_major_is_given_with_its_name_and_level(data):
    (major,) = [m for m in data["majors"] if m["code"] == "960101"]
    assert (major["name"], major["level"], major["category"]) == (
        {"zh": "虚构中职专业", "en": "Fictional secondary major"},
        "中职",
        "9601",
    )
