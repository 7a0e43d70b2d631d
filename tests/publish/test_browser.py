"""The site in real Chromium: search, the replaced-certificate banner, the catalogue's
filters (with and without JavaScript), and no request to any other host."""

from __future__ import annotations

import pytest

from tests.helpers import search_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def search(page, base: str, query: str) -> list[str]:
    """The titles of the first screen of results for a query typed on the home page."""
    page.goto(base)
    return search_site(page, query).locator("h1").all_inner_texts()[:8]


SEARCHES = {
    "工业机器人": ["工业机器人操作与运维", "工业机器人应用编程"],
    "老年照护": ["老年照护"],
    "BIM": ["建筑信息模型（BIM）"],
    "logistics": ["物流管理"],  # English names
    "gongye jiqiren": ["工业机器人操作与运维", "工业机器人应用编程"],  # pinyin
    "gyjqr": ["工业机器人应用编程"],  # pinyin initials
}


def test_search_finds_certificates_on_the_first_screen(page, real_url):
    missing = {}
    for query, expected in SEARCHES.items():
        titles = search(page, real_url, query)
        lost = [name for name in expected if not any(title.startswith(name) for title in titles)]
        if lost:
            missing[query] = (lost, titles)
    assert missing == {}


def test_replaced_certificate_banner_leads_to_the_successor(page, fictional_url):
    page.goto(fictional_url + "certificates/fictional-alpha/")
    banner = page.locator(".admonition.warning")
    assert "已替代 Replaced" in banner.inner_text()
    banner.get_by_role("link", name="虚构证书丙").first.click()
    page.wait_for_url("**/certificates/fictional-gamma/")
    assert page.locator("h1").inner_text().startswith("虚构证书丙")
    assert page.locator(".x-badge--transferred").first.is_visible()  # by the fictional handover


def test_a_transferred_certificate_shows_the_handover_banner_and_what_to_take_now(page, fictional_url):
    page.goto(fictional_url + "certificates/fictional-iota/")
    banner = page.locator(".admonition.warning", has_text="No longer taken through 1+X")
    assert banner.is_visible()
    assert "自 2023 年起，X 证书不再通过 1+X 制度考取" in banner.inner_text()
    assert "虚构新闻报道 Fictional news report" in banner.inner_text()  # the programme event's source
    assert "对应目录尚未公布 · correspondence table not yet published" in page.locator("article").inner_text()
    banner.get_by_role("link", name="移交意味着什么 What the handover means →").click()
    page.wait_for_url("**/handover/")
    assert page.locator("h1").inner_text().startswith("X 证书移交人社部门")


def test_the_handover_page_explains_points_one_to_five_and_the_timeline(page, fictional_url):
    page.goto(fictional_url + "handover/")
    points = page.locator("article ol:not(.x-timeline) > li").all_inner_texts()
    assert [p.split(" ", 1)[0] for p in points] == ["移交", "对应目录", "成为认定机构", "收尾", "停止"]
    # the totals of the programme event's file (the fictional handover states 12 and 5)
    assert "12 个 X 证书目录" in points[0] and "5 家培训评价组织" in points[0]
    audiences = [h.replace("¶", "").strip() for h in page.locator("article h3").all_inner_texts()]
    assert audiences == ["学生 Students", "持证人 Holders", "院校 Schools", "培训评价组织 Organizations"]
    steps = page.locator("ol.x-timeline > li").all_inner_texts()
    assert [s.split("\n")[0].split(" ")[0] for s in steps] == ["2020-01", "日期不详", "2023"]
    assert "虚构移交（测试用）" in steps[-1]


def test_occupations_from_a_correspondence_table_are_listed(page, fictional_url):
    page.goto(fictional_url + "certificates/fictional-gamma/")
    row = page.locator("article table tbody tr", has_text="9-99-99-99")
    assert row.locator("td").all_inner_texts()[:3] == ["9-99-99-99", "虚构职业 Fictional occupation", "虚构工种"]


def visible_rows(page) -> list[str]:
    return page.locator("#x-catalogue tbody tr:visible td:first-child a").all_inner_texts()


def test_catalogue_filters_update_the_address_and_a_shared_address_restores_them(page, fictional_url):
    page.goto(fictional_url + "catalogue/")
    assert len(visible_rows(page)) == 10
    page.select_option("select[name=field]", "medicine-health")
    page.select_option("select[name=status]", "replaced")
    assert sorted(visible_rows(page)) == sorted(["虚构证书丁", "虚构证书戊"])
    assert "field=medicine-health" in page.url and "status=replaced" in page.url

    page.goto(fictional_url + "catalogue/?status=revoked&organization=fictional-org-b")
    assert visible_rows(page) == ["虚构证书辛"]
    assert page.locator("select[name=status]").input_value() == "revoked"

    page.goto(fictional_url + "catalogue/?major=860301")
    assert visible_rows(page) == ["虚构证书甲"]

    page.goto(fictional_url + "catalogue/?status=transferred")
    assert sorted(visible_rows(page)) == sorted(["虚构证书丙", "虚构工业机器人证书"])


def test_catalogue_sorts_by_pilot_institutions(page, fictional_url):
    page.goto(fictional_url + "catalogue/?sort=pilot&order=desc")
    assert visible_rows(page)[:3] == ["虚构证书丙", "虚构证书甲", "虚构证书癸"]  # 40, 25, 7
    page.locator("th[data-sort-key=pilot] button").click()
    assert "order=asc" in page.url
    assert visible_rows(page)[-1] == "虚构证书丙"
    # Clearing the filters clears the sort too: the table and its address are as first opened.
    page.goto(fictional_url + "catalogue/")
    unsorted = visible_rows(page)
    page.locator("th[data-sort-key=pilot] button").click()
    assert visible_rows(page) != unsorted
    page.locator("#x-filters button[type=reset]").click()
    page.wait_for_function("!location.search.includes('sort=')")
    assert visible_rows(page) == unsorted


def test_without_javascript_the_catalogue_lists_everything(browser, fictional_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(fictional_url + "catalogue/?status=revoked")
    assert len(visible_rows(page)) == 10
    assert not page.locator("#x-filters").is_visible()
    context.close()


def test_a_former_name_finds_the_current_page(page, fictional_url):
    titles = search(page, fictional_url, "old name")  # only in Gamma's former English name
    assert any(title.startswith("虚构证书丙") for title in titles), titles


def test_home_page_leads_to_the_coverage_page_with_counts_from_the_data(page, fictional_url):
    page.goto(fictional_url)
    # The counts' links are Markdown inside HTML (md_in_html): links, not their source text.
    stats = page.locator(".x-stats")
    assert "](" not in stats.inner_text()
    assert stats.get_by_role("link", name="评价组织 Organizations").get_attribute("href").endswith("organizations/")
    page.get_by_role("link", name="收录范围 Coverage").first.click()
    page.wait_for_url("**/coverage/")
    assert page.locator("h1").inner_text().startswith("收录范围")
    total = page.locator("tr", has_text="合计 Total")
    assert total.locator("td").all_inner_texts()[:4] == ["合计 Total", "48", "10", "38"]
    assert page.locator("tr", has_text="虚构评价组织乙（虚构别名）").is_visible()
    page.screenshot(path="/tmp/t15-coverage.png", full_page=True)


@pytest.mark.parametrize("query", ["610101", "种子生产技术"])
def test_a_major_without_certificates_is_found_on_its_field_page_at_its_entry(page, real_url, query):
    search(page, real_url, query)
    # 610101 种子生产技术 has no linked certificate: an entry on its field's page, not a page.
    hit = page.locator('#x-search-results a[href*="/fields/agriculture-forestry-animal-husbandry-fishery/"]').first
    hit.click()
    page.goto(page.url.split("#")[0] + "#major-610101")
    entry = page.locator("#major-610101")
    assert entry.inner_text().replace("\u200b", "") == "610101 种子生产技术" and entry.is_visible()
    page.screenshot(path=f"/tmp/t15-major-{query}.png")
