"""For students (issue #16), without MkDocs: each certificate page's JSON-LD (fictional and hostile
catalogues), each page's meta description, the official platform, and the major finder's data and
its lists without JavaScript."""

from __future__ import annotations

import html as html_module
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from tests.helpers import MODULE, TODAY
from xcat import urls, vocabulary
from xcat.check.catalogue import check_catalogue
from xcat.check.schemas import SchemaSet
from xcat.model import build_catalogue
from xcat.render import finder, pages
from xcat.settings import ROOT, SCHEMAS

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc"]  # mkdocs.yml's markdown_extensions
HOSTILE = ROOT / "tests" / "fixtures" / "hostile" / "catalogue"


@pytest.fixture(scope=MODULE)
def docs(tmp_path_factory, fictional_model) -> Path:
    target = tmp_path_factory.mktemp("docs")
    pages.write_pages(fictional_model, target)
    return target


@pytest.fixture(scope=MODULE)
def hostile_model():
    checked = check_catalogue(HOSTILE, SchemaSet(SCHEMAS), today=TODAY, base=ROOT)
    assert checked.ok, checked.problems[:3]
    return build_catalogue(checked.index)


@pytest.fixture(scope=MODULE)
def hostile_docs(tmp_path_factory, hostile_model) -> Path:
    target = tmp_path_factory.mktemp("hostile-docs")
    pages.write_pages(hostile_model, target)
    return target


class _Scripts(HTMLParser):
    """The JSON-LD scripts of a page as a browser reads them: the text up to the first </script>."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        self._inside = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if self._inside:
            self.found.append("")

    def handle_endtag(self, tag):
        self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.found[-1] += data


def page_parts(path: Path) -> tuple[dict, str]:
    """A page's front matter and its HTML, as MkDocs would make them."""
    content, meta = get_data(path.read_text(encoding="utf-8"))
    return meta, markdown.markdown(content, extensions=EXTENSIONS)


def json_ld(path: Path) -> dict:
    scripts = _Scripts()
    scripts.feed(page_parts(path)[1])
    assert len(scripts.found) == 1, path
    return json.loads(scripts.found[0])


# --- JSON-LD -------------------------------------------------------------------


def test_each_certificate_page_describes_the_credential_in_json_ld(docs, fictional_model):
    for c in fictional_model.certificates.values():
        data = json_ld(docs / urls.page_source("certificate", c.id))
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "EducationalOccupationalCredential"
        assert data["name"] == c.name.zh
        assert data["recognizedBy"]["name"] == c.organization.name.zh
        assert data["credentialCategory"].startswith("职业技能等级证书")
        assert data.get("educationalLevel") == ([level.level for level in c.levels] or None)


def test_alpha_has_its_levels_and_english_name_in_json_ld(docs):
    data = json_ld(docs / "certificates/fictional-alpha.md")
    assert data["alternateName"] == "Fictional certificate Alpha"
    assert data["educationalLevel"] == ["初级", "中级"]


def test_hostile_names_cannot_close_the_json_ld_script(hostile_docs, hostile_model):
    """Each hostile certificate's name and description come back exactly from the JSON-LD: the
    script's text holds no < > & at all, so nothing in it can end the element."""
    for c in hostile_model.certificates.values():
        path = hostile_docs / urls.page_source("certificate", c.id)
        scripts = _Scripts()
        scripts.feed(page_parts(path)[1])
        assert not re.search(r"[<>&]", scripts.found[0]), c.id
        data = json.loads(scripts.found[0])
        assert data["name"] == c.name.zh
        assert data["recognizedBy"]["name"] == c.organization.name.zh
        if c.description:
            assert data["description"] == c.description.zh
    assert any("<" in c.name.zh for c in hostile_model.certificates.values())  # the payload is there


# --- Meta descriptions ------------------------------------------------------------


def test_each_page_kind_has_its_own_description_from_its_data(docs, fictional_model):
    alpha = page_parts(docs / "certificates/fictional-alpha.md")[0]["description"]
    assert "虚构证书甲" in alpha and "虚构评价组织甲" in alpha and "已替代" in alpha
    descriptions = {
        page: page_parts(docs / page)[0].get("description")
        for page in [
            "index.md",
            "certificates/fictional-alpha.md",
            "certificates/fictional-gamma.md",
            "organizations/fictional-org-a.md",
            "batches/batch-1.md",
            "fields/equipment-manufacturing.md",
            "majors/860301.md",
            urls.FINDER_SOURCE,
            urls.COMPARE_SOURCE,
        ]
    }
    assert all(descriptions.values()), descriptions
    assert len(set(descriptions.values())) == len(descriptions)
    assert "已移交人社部门" in descriptions["certificates/fictional-gamma.md"]
    assert "860301 虚构专业" in descriptions["majors/860301.md"]


def test_a_hostile_description_holds_no_markup_character(hostile_docs, hostile_model):
    """Material prints the description unescaped in <meta content="...">: like a title, it holds
    look-alikes instead of & < > " '."""
    for c in hostile_model.certificates.values():
        description = page_parts(hostile_docs / urls.page_source("certificate", c.id))[0]["description"]
        assert not re.search(r"[&<>\"']", description), description
        assert c.organization.name.zh.translate(pages._TITLE_LOOK_ALIKES).split()[0] in description


# --- The official platform ---------------------------------------------------------


def test_the_official_platform_is_the_address_its_source_file_gives():
    source = yaml.safe_load((ROOT / "catalogue" / "sources" / f"{urls.OFFICIAL_PLATFORM_SOURCE}.yaml").read_text())
    assert source["url"] == urls.OFFICIAL_PLATFORM
    assert "职业技能等级证书信息管理服务平台" in source["title"]


def test_each_certificate_page_says_where_and_what_to_check(docs, fictional_model):
    for c in fictional_model.certificates.values():
        html = page_parts(docs / urls.page_source("certificate", c.id))[1]
        assert f'href="{urls.OFFICIAL_PLATFORM}"' in html
        assert "职业技能等级证书信息管理服务平台" in html
        for what in ("持证人姓名", "证书名称与等级", "培训评价组织", "证书编号"):
            assert what in html


# --- The finder's data and its lists -------------------------------------------------


def test_the_finder_data_holds_every_major_with_its_place_and_pinyin(docs, fictional_model):
    data = json.loads((docs / urls.FINDER_DATA).read_text(encoding="utf-8"))
    majors = {m["code"]: m for m in data["majors"]}
    assert set(majors) == set(fictional_model.majors)
    linked = majors["860301"]
    assert linked["page"] == "majors/860301/" and linked["feed"] == "feeds/majors/860301.xml"
    assert linked["certificates"] == [
        {"id": "fictional-alpha", "sources": ["A fictional paper about fictional certificates"]}
    ]
    assert linked["pinyin"] == ["xugouzhuanye", "xgzy"]
    assert majors["810201"]["page"] == "fields/electronics-information/#major-810201"
    category = {"name": {"zh": "虚构机器人类", "en": None}, "level": "高职专科", "parent": "86", "field": None}
    assert data["categories"]["8603"] == category
    assert data["categories"]["86"]["field"] == "equipment-manufacturing"  # a 大类 is in a field; its 专业类 through it
    assert data["certificates"]["fictional-gamma"]["status"] == "transferred"
    assert data["statuses"]["transferred"][0] == "已移交人社部门"


def test_the_finder_data_cannot_end_a_script_element(hostile_docs):
    text = (hostile_docs / urls.FINDER_DATA).read_text(encoding="utf-8")
    assert not re.search(r"[<>&]", text)
    assert any("<" in c["name"]["zh"] for c in json.loads(text)["certificates"].values())


def test_the_finder_page_lists_every_major_linking_only_to_pages_that_exist(docs, fictional_model):
    html = page_parts(docs / urls.FINDER_SOURCE)[1]
    site_root = "../"  # finder.md is served at finder/
    links = re.findall(r'<a href="([^"]+)">(\d{6}K?) ', html)
    assert {code for _, code in links} == {m.id for m in fictional_model.majors.values() if finder.major_page(m)}
    for href, _code in links:
        href = html_module.unescape(href)  # the page's # is written &#35;: the same address to a browser
        assert href.startswith(site_root)
        path, _, anchor = href[len(site_root) :].partition("#")
        source = docs / (path.rstrip("/") + ".md")
        assert source.exists(), href
        if anchor:
            assert f'id="{anchor}"' in source.read_text(encoding="utf-8"), href
    for level in ("中职", "高职专科", "职业本科"):
        assert f">{level} <span" in html


def test_the_finder_says_since_when_and_the_compare_page_how_many(docs, fictional_model):
    """Since the handover, X certificates are not taken through 1+X; compare takes 2 to COMPARE_LIMIT."""
    handover = next(p for p in fictional_model.programme_events.values() if p.type == vocabulary.TRANSFERRED)
    finder_page = (docs / urls.FINDER_SOURCE).read_text(encoding="utf-8")
    assert f"自 {handover.date} 年起 X 证书不再通过 1+X 考取" in finder_page
    assert f" Since {handover.date}, X certificates are no longer taken through 1+X" in finder_page
    compare_page = (docs / urls.COMPARE_SOURCE).read_text(encoding="utf-8")
    assert f'data-limit="{finder.COMPARE_LIMIT}"' in compare_page
    assert f"可比较 2 至 {finder.COMPARE_LIMIT} 个证书" in compare_page
