"""For students (issue #16), in Chromium on the fictional site: the major finder (by choosing, by
typing, by a shared address), comparing certificates through the shareable address and the tray on
certificate pages, and what each shows without JavaScript."""

from __future__ import annotations

import pytest

from tests.helpers import MODULE

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope=MODULE)
def url(fictional_url):
    return fictional_url


def texts(page, selector: str) -> list[str]:
    return [" ".join(t.split()) for t in page.locator(selector).all_inner_texts()]


def test_choosing_a_major_shows_its_sourced_certificates_then_its_fields(page, url):
    page.goto(url)
    finder = page.locator("#finder")
    finder.locator("select[name=level]").select_option("高职专科")
    finder.locator("select[name=big]").select_option("86")
    finder.locator("select[name=category]").select_option("8603")
    finder.locator("select[name=major]").select_option("860301")
    linked = texts(page, ".x-finder__linked li")
    assert len(linked) == 1
    assert linked[0].startswith("虚构证书甲") and "有来源 sourced: A fictional paper" in linked[0]
    assert "已替代" in linked[0] and "虚构评价组织甲 的职业技能等级证书（虚构第一批）" in linked[0]
    field = texts(page, ".x-finder__field li")
    assert [t.split()[0] for t in field] == ["虚构工业机器人证书", "虚构证书丙", "虚构证书乙"]  # pinyin order
    assert all("编辑判断 · editorial" in t for t in field)
    assert any("已移交人社部门" in t for t in field)  # what it was, and its status: not "take this"
    assert "?major=860301" in page.url
    page.locator(".x-finder__linked a").first.click()
    page.wait_for_url("**/certificates/fictional-alpha/")


def test_a_shared_address_opens_the_finder_on_the_major(page, url):
    page.goto(url + "?major=860301")
    page.locator(".x-finder__linked li").first.wait_for()
    assert page.locator("#finder select[name=major]").input_value() == "860301"
    assert page.locator("#finder select[name=level]").input_value() == "高职专科"
    assert texts(page, ".x-finder__result h3") == ["860301 虚构专业 Fictional major"]
    # Choosing another 大类 leaves the major: a reload or a shared link must not bring it back.
    page.locator("#finder select[name=big]").select_option("")
    assert "major=" not in page.url


def test_a_level_and_field_chosen_without_a_major_survive_a_reload(page, url):
    """A student who chose a level and a 大类 and reloads (or shares the link) finds them still chosen."""
    page.goto(url)
    finder = page.locator("#finder")
    finder.locator("select[name=level]").select_option("高职专科")
    finder.locator("select[name=big]").select_option("86")
    assert "level=" in page.url and "big=86" in page.url and "major=" not in page.url
    page.reload()
    finder.locator("select[name=category] option[value='8603']").wait_for(state="attached")
    assert finder.locator("select[name=level]").input_value() == "高职专科"
    assert finder.locator("select[name=big]").input_value() == "86"
    assert finder.locator("select[name=category]").input_value() == ""
    # A step that does not exist under the one before it is not restored (an edited address).
    page.goto(url + "?level=%E9%AB%98%E8%81%8C%E4%B8%93%E7%A7%91&big=99&category=8603")
    finder.locator("select[name=big] option[value='86']").wait_for(state="attached")
    assert finder.locator("select[name=big]").input_value() == ""
    assert finder.locator("select[name=category]").input_value() == ""
    # Choosing the major then keeps only the major.
    page.goto(url)
    finder.locator("select[name=level]").select_option("高职专科")
    finder.locator("select[name=big]").select_option("86")
    finder.locator("select[name=category]").select_option("8603")
    finder.locator("select[name=major]").select_option("860301")
    assert page.url.split("?")[1] == "major=860301#finder"


@pytest.mark.parametrize("typed", ["810201", "虚构软件", " 虚构软件 ", "xugou ruanjian", "xgrj", "software"])
def test_typing_a_name_code_or_pinyin_finds_the_major(page, url, typed):
    page.goto(url)
    page.locator("#finder input[name=q]").fill(typed)
    page.locator(".x-finder__matches a", has_text="810201").click()
    assert texts(page, ".x-finder__result h3")[0].startswith("810201 虚构软件专业")
    assert "No certificate is linked to this major yet" in page.locator(".x-finder__result").inner_text()
    assert "?major=810201" in page.url
    # The field's certificates: gamma (also in equipment manufacturing) and kappa.
    assert [t.split()[0] for t in texts(page, ".x-finder__field li")] == ["虚构证书丙", "虚构证书癸"]


def test_compare_two_certificates_through_the_shareable_address(page, url):
    page.goto(url + "compare/?ids=fictional-alpha,fictional-gamma")
    table = page.locator(".x-compare__scroll table")
    table.wait_for()
    headings = texts(page, ".x-compare__scroll table thead th")
    assert headings[1].startswith("虚构证书甲") and headings[2].startswith("虚构证书丙")
    rows = {
        r[0]: r[1:] for r in (texts(page, f".x-compare__scroll table tbody tr:nth-child({i}) > *") for i in range(1, 9))
    }
    assert rows["评价组织 Organization"] == ["虚构评价组织甲", "虚构评价组织甲"]
    assert rows["状态 Status"][0].startswith("已替代") and rows["状态 Status"][1].startswith("已移交人社部门")
    assert rows["状态 Status"][0].endswith(" 2021-06-01") and rows["状态 Status"][1].endswith(" 2023")  # since when
    assert "初级 虚构初级 · 100 元" in rows["等级 Levels (title, fee)"][0]
    assert rows["相关专业 Majors"][0] == "860301 虚构专业"
    assert rows["试点院校 Pilot institutions"][1] == "40（截至 as of 2022-09）"
    assert rows["批次 Batch"][0] == "虚构第一批"
    assert "A fictional paper about fictional certificates" in rows["来源 Sources"][0]
    assert not page.locator(".x-compare__nojs").is_visible()
    page.get_by_role("button", name="移除 Remove 虚构证书丙").click()
    assert page.url.endswith("compare/?ids=fictional-alpha")
    assert "请至少选择两个证书" in page.locator(".x-compare__message").inner_text()


def test_certificate_pages_add_to_the_comparison(page, url):
    for cid in ("fictional-beta", "fictional-kappa"):
        page.goto(f"{url}certificates/{cid}/")
        toggle = page.locator(".x-compare-toggle")
        toggle.click()
        assert toggle.get_attribute("aria-pressed") == "true"
    assert page.locator(".x-compare-count").inner_text() == "2"
    page.locator(".x-compare-link").click()
    page.locator(".x-compare__scroll table").wait_for()
    assert page.url.endswith("compare/?ids=fictional-beta,fictional-kappa")
    assert len(texts(page, ".x-compare__scroll table thead th")) == 3


def test_a_fifth_certificate_takes_the_place_of_the_first_chosen(page, url):
    chosen = ["fictional-alpha", "fictional-beta", "fictional-gamma", "fictional-delta", "fictional-kappa"]
    for cid in chosen:
        page.goto(f"{url}certificates/{cid}/")
        page.locator(".x-compare-toggle").click()
    assert page.locator(".x-compare-count").inner_text() == "4"
    assert page.locator(".x-compare-link").get_attribute("href").endswith("compare/?ids=" + ",".join(chosen[1:]))


def test_the_catalogue_adds_to_the_comparison(page, url):
    page.goto(url + "catalogue/")
    page.locator(".x-compare-choose").select_option("fictional-eta")
    assert page.locator(".x-compare-count").inner_text() == "1"
    assert page.locator(".x-compare-link").get_attribute("href").endswith("compare/?ids=fictional-eta")


def test_on_a_phone_the_compare_table_scrolls_within_itself_not_the_page(browser, url):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(url + "compare/?ids=fictional-alpha,fictional-beta,fictional-gamma,fictional-kappa")
    page.locator(".x-compare__scroll table").wait_for()
    scroll = page.locator(".x-compare__scroll")
    # The fictional names wrap to fit 390 px; real ones (long English names, fees) can be wider than
    # the screen, and then the columns past its edge must be reachable by scrolling the table.
    assert scroll.evaluate("e => getComputedStyle(e).overflowX") in ("auto", "scroll")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the page itself stays put
    context.close()


def test_without_javascript_the_finder_is_plain_lists_and_compare_explains(browser, url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url)
    assert not page.locator("#finder form").is_visible()
    page.locator(".x-finder__fallback a").click()
    page.wait_for_url("**/finder/#every-major")
    page.locator("summary", has_text="86 装备制造大类").click()
    page.locator("a", has_text="860301 虚构专业").click()
    page.wait_for_url("**/majors/860301/")
    page.goto(url + "finder/")
    page.locator("summary", has_text="81 电子与信息大类").click()
    page.locator("a", has_text="810201 虚构软件专业").click()
    page.wait_for_url("**/fields/electronics-information/#major-810201")
    page.goto(url + "compare/")
    assert "比较页需要 JavaScript" in page.locator(".x-compare__nojs").inner_text()
    page.locator(".x-compare__nojs a").first.click()
    page.wait_for_url("**/catalogue/")
    page.goto(url + "certificates/fictional-alpha/")
    assert not page.locator(".x-compare-tray").is_visible()
    context.close()
