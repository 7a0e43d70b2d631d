"""Every page type in real Chromium, as people with other screens and other means read it:
axe-core (from npm, package.json) finds no serious or critical violation at 1280 and 390 px in
the light and the dark scheme (the phone in light only); no page is wider than a 360 px phone; English is marked
lang="en"; every tab stop can be seen; the tab bar fits; the catalogue is a list of cards on a
phone, its filters count and say when nothing matches; the 404 page helps; print shows the
content with its address and build date and nothing to click."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.helpers import MODULE, serve
from xcat import urls, vocabulary
from xcat.settings import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
HOSTILE_CATALOGUE = ROOT / "tests" / "fixtures" / "hostile" / "catalogue"
MISSING = "certificates/no-such-certificate/"  # answered with 404.html, as GitHub Pages does


def page_types(site: Path) -> dict[str, str]:
    """One address per page type: the hand-written pages, each index, the first item of each kind."""
    pages = {
        "home": "",
        "catalogue": urls.CATALOGUE_PAGE,
        "changes": "changes/",
        "coverage": "coverage/",
        "disagreements": "disagreements/",
        "handover": urls.HANDOVER_PAGE,
        "open-data": "open-data/",
        "contributing": "contributing/",
        "about": "about/",
        "performance": "performance/",
        "mutation-testing log": "mutation-runs/",
        "field reference": "reference/fields/",
        "404": MISSING,
        "major finder": urls.FINDER_PAGE,
        "compare": urls.COMPARE_PAGE + "?ids=fictional-alpha,fictional-beta",
    }
    for kind, folder in urls.FOLDERS.items():
        if kind != "certificate":
            pages[f"{kind} index"] = f"{folder}/"
        first = sorted(p.name for p in (site / folder).iterdir() if (p / "index.html").is_file())[0]
        pages[kind] = urls.page(kind, first)
    return pages


@pytest.fixture(scope=MODULE)
def site(fictional_site, fictional_url):
    return fictional_site, fictional_url


def open_page(browser, url: str, site: Path, width: int, scheme: str = "light", height: int = 900):
    """A page in a window of this width and colour scheme, where a missing address gets the
    site's 404.html with status 404."""
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    page = context.new_page()
    page.route(
        "**/" + MISSING, lambda route: route.fulfill(status=404, path=site / "404.html", content_type="text/html")
    )
    return context, page


def axe(page, context: str = "document") -> list[str]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(f"axe.run({context}, {{resultTypes: ['violations']}})")
    return [
        f"{v['id']} ({v['impact']}): {', '.join(str(n['target']) for n in v['nodes'][:5])}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture(scope=MODULE, autouse=True)
def _axe_installed():
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: run `npm ci --ignore-scripts` (see package.json)")


# Contrast is a matter of the scheme, layout of the width: the phone in the light scheme covers
# what the phone in the dark one would add (each sweep is over a minute of the suite's time).
@pytest.mark.parametrize(("width", "scheme"), [(1280, "light"), (1280, "dark"), (390, "light")])
def test_no_serious_or_critical_axe_violation_on_any_page_type(browser, site, width, scheme):
    folder, base = site
    context, page = open_page(browser, base, folder, width, scheme)
    found = {}
    for name, path in page_types(folder).items():
        page.goto(base + path)
        # The palette follows the system setting (mkdocs.yml): slate is Material's dark scheme.
        assert page.get_attribute("body", "data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
        violations = axe(page)
        if violations:
            found[name] = violations
    context.close()
    assert found == {}


def test_the_open_search_dialog_has_a_name_and_no_violation(browser, site):
    folder, base = site
    context, page = open_page(browser, base, folder, 1280)
    page.goto(base)
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill("虚构")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    dialog = page.get_by_role("dialog", name="搜索 Search")
    assert dialog.is_visible()
    assert axe(page, "document.querySelector('.md-search')") == []
    context.close()


def every_page(site: Path) -> dict[str, str]:
    """Every page of the site (a page type's first item may not show what another item shows,
    such as a long status label in a list)."""
    pages = page_types(site)
    for index in sorted(site.rglob("index.html")):
        path = str(index.parent.relative_to(site)) + "/"
        pages.setdefault(path, "" if path == "./" else path)
    return pages


def test_no_page_is_wider_than_a_360_px_phone(browser, site):
    """In the light scheme: the dark one changes colours only (extra.css), never a width."""
    folder, base = site
    context, page = open_page(browser, base, folder, 360)
    wide = {}
    for name, path in every_page(folder).items():
        page.goto(base + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[name] = width
    context.close()
    assert wide == {}


def test_hostile_text_does_not_widen_a_phone_page(browser, tmp_path_factory):
    """Contributed text of any length (URLs, unbroken payloads) wraps inside the screen."""
    from tests.helpers import build_site  # noqa: PLC0415

    hostile = tmp_path_factory.mktemp("hostile-phone") / "site"
    assert build_site(hostile, HOSTILE_CATALOGUE).returncode == 0
    with serve(hostile) as base:
        context, page = open_page(browser, base, hostile, 360)
        wide = {}
        for name, path in page_types(hostile).items():
            page.goto(base + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 360:
                wide[name] = width
        context.close()
    assert wide == {}


ENGLISH_UNMARKED = """() => {
  const unmarked = [];
  const english = (el) => el.closest('[lang]') && el.closest('[lang]').getAttribute('lang') === 'en';
  for (const el of document.querySelectorAll('article .x-en, article .x-badge, article th'))
    if (el.matches('.x-en') && !english(el)) unmarked.push(el.outerHTML.slice(0, 120));
  // A badge or a heading that reads "中文 English" has its English half marked.
  for (const el of document.querySelectorAll('article .x-badge, article th'))
    if (/[A-Za-z]/.test(el.textContent) && /[\u4e00-\u9fff]/.test(el.textContent) && !el.querySelector('[lang="en"]'))
      unmarked.push(el.outerHTML.slice(0, 120));
  return unmarked;
}"""


def test_english_beside_chinese_is_marked_as_english(page, site):
    folder, base = site
    for path in page_types(folder).values():
        if path == MISSING:
            continue
        page.goto(base + path)
        assert page.get_attribute("html", "lang") == "zh"
        assert page.evaluate(ENGLISH_UNMARKED) == [], path
    page.goto(base + urls.CATALOGUE_PAGE)
    english = page.locator("#x-catalogue th [lang=en]").all_inner_texts()
    assert english[:2] == ["Certificate", "Status"]
    label = vocabulary.STATUS["replaced"]
    assert page.locator(".x-badge--replaced [lang=en]").first.inner_text() == label[1]


FOCUS_SEEN = """() => {
  const el = document.activeElement;
  const seen = (e) => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
    return r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && Number(s.opacity) > 0; };
  // Material's palette radio is hidden on purpose and shows its focus on the label after it.
  const shown = seen(el) || (el.matches('.md-option') && el.nextElementSibling && seen(el.nextElementSibling));
  return {shown, what: el.outerHTML.slice(0, 120)};
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_every_tab_stop_can_be_seen(browser, site, width):
    folder, base = site
    context, page = open_page(browser, base, folder, width)
    hidden = []
    for path in ("", urls.CATALOGUE_PAGE):
        page.goto(base + path)
        # Judge each stop as it ends up (Material fades the skip link in), not mid-transition.
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        for _ in range(30):
            page.keyboard.press("Tab")
            focus = page.evaluate(FOCUS_SEEN)
            if not focus["shown"]:
                hidden.append((path, focus["what"]))
    context.close()
    assert hidden == []


@pytest.mark.parametrize("width", [1024, 1280, 1440])
def test_every_tab_fits_in_the_tab_bar(browser, site, width):
    """Material shows the tab bar from 1220 px; below, the same entries are in the drawer."""
    folder, base = site
    context, page = open_page(browser, base, folder, width)
    page.goto(base)
    tabs = page.locator(".md-tabs__link")
    if width < 1220:
        assert not tabs.first.is_visible()
        assert page.locator(".md-nav--primary").get_by_text("参与贡献 Contribute").count() >= 1
    else:
        bar = page.locator(".md-tabs").bounding_box()
        for i in range(tabs.count()):
            box = tabs.nth(i).bounding_box()
            assert tabs.nth(i).is_visible()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, tabs.nth(i).inner_text()
            assert bar["y"] <= box["y"] and box["y"] + box["height"] <= bar["y"] + bar["height"]
        assert tabs.last.inner_text() == "参与贡献 Contribute"
    context.close()


def test_a_table_wider_than_the_window_is_a_named_keyboard_stop_as_the_window_changes(browser, site):
    """A phone turned, a window narrowed: a table that comes to scroll sideways becomes a tab stop
    with a name (docs/javascripts/accessibility.js), and one that fits again leaves the tab order."""
    folder, base = site
    context, page = open_page(browser, base, folder, 1280)
    page.goto(base + "changes/")
    table = page.locator(".md-typeset__scrollwrap").first

    def stop() -> tuple[str | None, str | None]:
        return table.get_attribute("tabindex"), table.get_attribute("aria-label")

    assert stop() == (None, None)
    page.set_viewport_size({"width": 390, "height": 900})
    page.wait_for_function("document.querySelector('.md-typeset__scrollwrap').tabIndex === 0")
    assert stop() == ("0", "可横向滚动的表格 Table, scrolls sideways")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_function("!document.querySelector('.md-typeset__scrollwrap').hasAttribute('tabindex')")
    assert stop() == (None, None)
    context.close()


def test_the_catalogue_is_a_list_of_cards_on_a_phone(browser, site, fictional_model):
    folder, base = site
    context, page = open_page(browser, base, folder, 390)
    page.goto(base + urls.CATALOGUE_PAGE)
    rows = page.locator("#x-catalogue tbody tr")
    assert rows.count() == len(fictional_model.certificates)
    first = rows.first
    assert first.evaluate("r => getComputedStyle(r).display") == "block"
    box = first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    text = first.inner_text()
    # Plain strings in the asserts: the model's objects refer to each other, too much to print.
    name = text.split("\n")[0]
    certificate = next(c for c in fictional_model.certificates.values() if c.name.zh == name)
    organization, status = certificate.organization.name.zh, vocabulary.STATUS[certificate.status][0]
    assert organization in text and status in text
    label = first.locator("td[data-label]").first.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"评价组织 Organization："'
    # Batch, fields, pilot count and last verified stay on the certificate's page.
    assert not first.locator("td.x-card-extra").first.is_visible()
    # The headings are sort buttons still.
    page.locator("#x-catalogue th[data-sort-key=name] button").click()
    assert page.get_attribute("#x-catalogue th[data-sort-key=name]", "aria-sort") == "ascending"
    context.close()


def test_filters_count_hide_empty_options_and_say_when_nothing_matches(page, site, fictional_model):
    _folder, base = site
    page.goto(base + urls.CATALOGUE_PAGE)
    certificates = list(fictional_model.certificates.values())
    status = page.locator("select[name=status]")
    organizations = page.locator("select[name=organization] option")
    # Every option says how many certificates it would show.
    for status_id in vocabulary.STATUS:
        count = sum(c.status == status_id for c in certificates)
        option = page.locator(f"select[name=status] option[value={status_id}]")
        assert option.inner_text().endswith(f"({count})")
        assert option.evaluate("o => o.hidden") == (count == 0)
    assert page.locator("select[name=status] option[value='']").inner_text() == f"全部 All ({len(certificates)})"
    # Choosing a status leaves only the organizations that have a certificate with it.
    status.select_option("withdrawn")
    withdrawn = {c.organization.id for c in certificates if c.status == "withdrawn"}
    offered = {o for o in organizations.evaluate_all("os => os.filter(o => !o.hidden).map(o => o.value)") if o}
    assert offered == withdrawn
    # An address whose filters match nothing (an old link) says so and offers to clear them.
    empty = next(
        (s, o.id)
        for s in vocabulary.STATUS
        for o in fictional_model.organizations.values()
        if any(c.status == s for c in certificates)
        and not any(c.status == s and c.organization.id == o.id for c in certificates)
    )
    page.goto(base + urls.CATALOGUE_PAGE + f"?status={empty[0]}&organization={empty[1]}")
    notice = page.locator("#x-none")
    expect(notice).to_be_visible()
    assert "没有证书符合所有这些条件" in notice.inner_text()
    notice.get_by_role("button").click()
    # The form's reset event fires before the fields are cleared, so the page applies it a tick later.
    expect(notice).to_be_hidden()
    assert page.locator("#x-catalogue tbody tr:not([hidden])").count() == len(certificates)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_404_page_explains_searches_and_leads_to_the_catalogue_and_home(browser, site, width):
    folder, base = site
    context, page = open_page(browser, base, folder, width)
    response = page.goto(base + MISSING)
    assert response.status == 404
    assert page.locator("h1").inner_text().replace("\n", " ") == "找不到此页 Page not found"
    form = page.get_by_role("search").filter(has=page.locator("#x-404-query"))
    assert page.locator("#x-404-query").input_value() == "no such certificate"  # from the address
    page.locator("#x-404-query").fill("虚构证书甲")
    form.get_by_role("button").click()
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert "虚构证书甲" in page.locator(".md-search-result__item").first.inner_text()
    page.keyboard.press("Escape")
    page.goto(base + MISSING)
    page.get_by_role("link", name="证书目录 All certificates").click()
    page.wait_for_url(base + urls.CATALOGUE_PAGE)
    page.goto(base + MISSING)
    page.get_by_role("link", name="首页 Home page").click()
    page.wait_for_url(base)
    context.close()


def test_print_shows_the_content_with_its_address_and_build_date_and_nothing_to_click(page, site):
    folder, base = site
    built = json.loads((folder / urls.CATALOGUE_JSON).read_text(encoding="utf-8"))["meta"]
    for path in (urls.CATALOGUE_PAGE, urls.page("certificate", "fictional-alpha")):
        page.goto(base + path)
        page.emulate_media(media="screen")
        assert not page.locator(".x-printed-from").is_visible()
        page.emulate_media(media="print")
        for hidden in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".md-search"):
            assert not page.locator(hidden).first.is_visible(), hidden
        if path == urls.CATALOGUE_PAGE:
            assert not page.locator("#x-filters").is_visible()
            # Every column prints: the table is no wider than the page.
            assert page.evaluate(
                "document.getElementById('x-catalogue').scrollWidth <= document.querySelector('article').clientWidth"
            )
        footer = page.locator(".x-printed-from")
        assert footer.is_visible()
        assert built["site_url"] + path in footer.inner_text()
        # The catalogue's date, not today's, from the build's stylesheet (so a new date rewrites no page).
        added = page.evaluate("getComputedStyle(document.querySelector('.x-printed-from'), '::after').content")
        assert built["build_date"][:10] in added
