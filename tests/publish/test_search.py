"""The search box, as a student uses it, in Chromium: a table of queries and the page that must
come first (or the pages that must be in the top N), on the real catalogue and on the fictional
one. Search runs Pagefind's index from the built site (site/pagefind/); the `page` fixture fails
the test if any request leaves 127.0.0.1."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.helpers import search_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def search(page, query: str) -> list[str]:
    """The results' addresses, best first."""
    links = search_site(page, query).locator("a")
    return [href.split("/", 3)[3] for href in links.evaluate_all("links => links.map(a => a.href)")]


C, ORG, M, F = "certificates/", "organizations/", "majors/", "fields/"
WEB = C + "web-front-end-development/"
BIM = C + "building-information-model/"
ROBOTS = {
    C + "industrial-robot-application-programming/",
    C + "industrial-robot-operation-and-maintenance/",
    C + "gong-ye-ji-qi-ren-zhuang-diao/",  # 工业机器人装调, from the platform's list
}
ZHONGCHEHANG = {
    ORG + "zhongchehang/",
    C + "automobile-operation-and-maintenance/",
    C + "intelligent-new-energy-vehicles/",
}

# query -> the first result, or a set of pages that must all be in the top len(set).
REAL = {
    # The exact name, and the same name typed as students type it (issue #12's failing queries).
    "Web前端开发": WEB,
    "web前端开发": WEB,
    "Web 前端开发": WEB,
    "Ｗｅｂ前端开发。": WEB,  # full-width letters and punctuation
    "Web前端": WEB,
    "前端": {WEB, C + "ren-gong-zhi-neng-qian-duan-she-bei-ying-yong/"},  # both names hold 前端
    "web front-end development": WEB,
    "BIM建模": BIM,
    "BIM": BIM,
    "（BIM）": BIM,
    "建筑信息模型（BIM）": BIM,
    "1+X证书": "",  # the home page
    "１＋Ｘ证书": "",
    "X证书": "",
    # Fragments and organizations: the organization's page and its certificates near the top.
    "中车行": ZHONGCHEHANG,
    "北京中车行高新技术有限公司": ORG + "zhongchehang/",
    "中物联": {C + "logistics-management/", ORG + "zhongwulian-wuliu/"},
    # Certificates before fields: 电子商务数据分析, not the field 电子与信息.
    "电子商务": C + "e-commerce-data-analysis/",
    # An exact name before a longer name that contains it.
    "老年照护": C + "elderly-care/",
    # Editorial synonyms (catalogue/synonyms.yaml).
    "护理": {
        C + "maternal-and-infant-care/",
        C + "pi-fu-hu-li/",
        C + "elderly-care/",
        C + "dementia-elderly-care/",
    },
    "养老": {C + "elderly-care/", C + "dementia-elderly-care/"},
    "电商": C + "e-commerce-data-analysis/",
    "物联网": C + "sensor-network-application-development/",
    # Pinyin: words, joined, syllables, tone marks, initials.
    "gongye jiqiren": ROBOTS,
    "gongyejiqiren": ROBOTS,
    "gong ye ji qi ren": ROBOTS,
    "gōngyè jīqìrén": ROBOTS,
    "gyjqr": ROBOTS,
    "wuliu guanli": C + "logistics-management/",
    "shizhi": C + "dementia-elderly-care/",  # 失智: a word jieba finds (HMM) though its dictionary lacks it
    # English names.
    "Logistics": C + "logistics-management/",
    "elderly care": C + "elderly-care/",
    # A major's name: its certificates and its page.
    "软件技术": {M + "510203/", WEB, C + "web-ying-yong-ruan-jian-ce-shi/"},
    # A major's 2021 code: its page and the certificates linked to it.
    "510203": {M + "510203/", WEB, C + "web-ying-yong-ruan-jian-ce-shi/"},
    # A major without linked certificates is an entry on its field's page.
    "610101": F + "agriculture-forestry-animal-husbandry-fishery/",
    # ... and so are its name and its pinyin, joined or as initials (种子生产技术, a 中职 major).
    "种子生产技术": F + "agriculture-forestry-animal-husbandry-fishery/",
    "zhongzishengchanjishu": F + "agriculture-forestry-animal-husbandry-fishery/",
    "zzscjs": F + "agriculture-forestry-animal-husbandry-fishery/",
}


def assert_found(found: list[str], expected: str | set[str], query: str) -> None:
    if isinstance(expected, str):
        assert found[:1] == [expected], (query, found[:5])
    else:
        assert set(found[: len(expected)]) == expected, (query, found[:5])


@pytest.mark.parametrize("query", list(REAL))
def test_real_catalogue_query(page, real_url, query):
    page.goto(real_url)
    assert_found(search(page, query), REAL[query], query)


def test_results_show_organization_status_and_levels_not_pinyin(page, real_url):
    page.goto(real_url)
    search(page, "jianzhu xinxi moxing")
    first = page.locator("#x-search-results .md-search-result__item").first
    text = first.inner_text()
    assert text.startswith("建筑信息模型（BIM）")
    assert "证书 Certificate · Building information model (BIM)" in text
    assert (
        "廊坊市中科建筑产业化创新研究中心 · 已移交人社部门 No longer assessed under 1+X / transferred · 初级、中级、高级"
        in text
    )
    assert "jianzhu" not in text and "缺少" not in text


def test_a_query_that_matches_nothing_says_so(page, real_url):
    page.goto(real_url)
    assert search(page, "量子引力") == []
    assert page.locator("#x-search-results .md-search-result__meta").inner_text() == "没有结果 No results"


FICTIONAL = {
    "虚构证书甲": C + "fictional-alpha/",
    "Fictional certificate Gamma": C + "fictional-gamma/",
    "xugou zhengshu bing": C + "fictional-gamma/",
    "xgzsb": C + "fictional-gamma/",
    "虚构证书丙旧名": C + "fictional-gamma/",  # a former name
    "工业机器人": C + "fictional-iota/",
    "虚构评价组织甲": ORG + "fictional-org-a/",
    "评价组织乙": ORG + "fictional-org-b/",
}


@pytest.mark.parametrize("query", list(FICTIONAL))
def test_fictional_catalogue_query(page, fictional_url, query):
    page.goto(fictional_url)
    assert_found(search(page, query), FICTIONAL[query], query)


def test_an_editorial_synonym_finds_the_names_with_its_words(page, fictional_url, fictional_model):
    """tests/fixtures/fictional/catalogue/synonyms.yaml: 假想 finds 虚构, and no name has 假想."""
    page.goto(fictional_url)
    found = search(page, "假想")
    certificates = {f"{C}{c}/" for c in fictional_model.certificates}
    assert certificates <= set(found)
    assert found[: len(certificates)] == [f for f in found if f.startswith(C)]  # certificates first


def test_a_major_code_finds_the_major_and_its_certificates(page, fictional_url, fictional_model):
    """A major's id (its 2021 code once majors are restructured) finds its page and its certificates."""
    page.goto(fictional_url)
    for major in fictional_model.majors.values():
        found = search(page, major.id)
        # its own page when certificates link to it, else its field's page, where it is an entry
        own = M + major.id + "/" if major.certificates else F + major.field.id + "/"
        expected = {own} | {f"{C}{c.id}/" for c in major.certificates}
        assert set(found[: len(expected)]) == expected, (major.id, found)


def _engine_requests_after_load(page, url: str) -> list[str]:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(1_500)  # the browser's idle time after load, when the home page warms up
    return [u for u in requested if "/pagefind/" in u]


def test_the_home_page_loads_the_search_engine_before_the_visitor_types(page, fictional_url):
    """Search is the home page's first job: the engine loads while the page is idle, so the first
    result does not wait for it (docs/performance.md)."""
    assert any(u.endswith("/pagefind/pagefind.js") for u in _engine_requests_after_load(page, fictional_url))


def test_other_pages_load_the_search_engine_only_when_the_visitor_reaches_for_it(page, fictional_url):
    """A visitor on a phone who only reads a certificate page downloads no search engine."""
    assert _engine_requests_after_load(page, fictional_url + C + "fictional-alpha/") == []
    page.locator("label.md-search__icon, .md-search__input").first.hover()
    page.wait_for_function("() => performance.getEntriesByType('resource').some(e => /pagefind\\.js$/.test(e.name))")


def test_a_link_to_a_search_opens_the_box_with_its_answer(page, fictional_url):
    """?q= (the parameter Material's own search reads) on any page: the box holds the query and the
    results answer it, without a keystroke."""
    page.goto(fictional_url + C + "fictional-alpha/?q=xgzsb")
    page.wait_for_function("() => document.getElementById('x-search-results').dataset.query === 'xgzsb'")
    assert page.locator("input.md-search__input").input_value() == "xgzsb"
    assert page.locator("#__search").is_checked()  # the results panel is open
    first = page.locator("#x-search-results .md-search-result__item a").first.get_attribute("href")
    assert first.endswith(C + "fictional-gamma/")


def test_a_hostile_search_link_stays_text(page, fictional_url):
    payload = '<img src=x onerror=alert(document.domain)>"><script>alert(1)</script>'
    page.goto(fictional_url + "?q=" + quote(payload))
    page.wait_for_function("q => document.getElementById('x-search-results').dataset.query === q", arg=payload)
    assert page.locator("input.md-search__input").input_value() == payload
    assert page.locator("#x-search-results img, #x-search-results script").count() == 0
    assert page.dialogs == []
