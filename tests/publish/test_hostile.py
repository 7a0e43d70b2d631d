"""A catalogue whose every free-text field is hostile (tests/fixtures/hostile/, from
make_hostile.py) builds into a site where that text shows as text everywhere: every
generated page in Chromium (title, header, body, navigation, search), the charts, the
feeds and the open data. Nothing runs, nothing is injected, every link stays one link."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

from tests.fixtures.make_hostile import URLS
from tests.helpers import MODULE, build_site, serve
from xcat.settings import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HOSTILE_CATALOGUE = ROOT / "tests" / "fixtures" / "hostile" / "catalogue"
EMBEDDED = (
    "img, svg, iframe, object, embed, frame, video, audio, form, input, button, textarea, link, meta, base, style"
)

# Everything the browser finds that contributor text could have made: event-handler
# attributes, scripts that are not the site's own, javascript: addresses, embedded
# elements outside the theme's own places, autofocus, an element that is not where the
# theme or our templates put such elements.
SCAN = """(base) => {
  const found = [];
  const describe = (el) => el.outerHTML.slice(0, 160);
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
      if (name.startsWith('on')) found.push('handler: ' + describe(el));
      if (name === 'autofocus') found.push('autofocus: ' + describe(el));
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(name)
          && (value.startsWith('javascript:') || value.startsWith('data:text/html')))
        found.push('javascript address: ' + describe(el));
    }
  }
  for (const script of document.scripts) {
    if (script.type === 'application/ld+json') {  // a certificate page's structured data: one JSON value
      try { JSON.parse(script.textContent); } catch (e) { found.push('json-ld: ' + describe(script)); }
      continue;
    }
    if (script.src ? !script.src.startsWith(base) : /alert|import|fetch/.test(script.textContent))
      found.push('script: ' + describe(script));
  }
  for (const el of document.querySelectorAll('iframe, object, embed, frame')) found.push('embedded: ' + describe(el));
  for (const img of document.images) {
    // generated charts, the theme's assets and the hand-written pages' images (docs/images/)
    if (!['charts/', 'assets/', 'images/'].some(folder => img.src.startsWith(base + folder)))
      found.push('image: ' + describe(img));
  }
  for (const svg of document.querySelectorAll('svg')) {
    if (!svg.closest('.md-icon, .md-header, .md-search, .md-nav, .md-source, .md-footer, .md-top, .md-clipboard, .headerlink, .md-content__button, .twemoji, .md-tabs, .admonition-title, .md-typeset .admonition, details'))
      found.push('svg: ' + describe(svg));
  }
  if (document.querySelectorAll('title').length !== 1 || !document.head.contains(document.querySelector('title')))
    found.push('title element: ' + document.querySelectorAll('title').length);
  for (const el of document.querySelectorAll('body script:not([src]):not([type="application/json"]):not([type="application/ld+json"])')) {
    if (!/__md_|navigator|document\\.|var |const /.test(el.textContent)) found.push('inline script: ' + describe(el));
  }
  return found;
}"""


@pytest.fixture(scope=MODULE)
def hostile_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("hostile-site") / "site"
    result = build_site(site, HOSTILE_CATALOGUE)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope=MODULE)
def hostile_url(hostile_site):
    with serve(hostile_site) as url:
        yield url


def certificates() -> dict[str, dict]:
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((HOSTILE_CATALOGUE / "certificates").glob("*.yaml"))
    }


def without_markup_characters(text: str) -> str:
    return one_line(re.sub(r"[<>&\"'\uff1c\uff1e\uff06\uff02\u2019]", "", text))


def one_line(text: str) -> str:
    return " ".join(text.replace("\u200b", "").split())


def test_every_generated_page_shows_hostile_text_as_text(page, hostile_site, hostile_url):
    pages = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html"))
    assert len(pages) > 30
    problems = []
    for relative in pages:
        page.goto(hostile_url + relative, wait_until="load")
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))"
        )  # let autofocus and onload fire
        problems += [f"{relative}: {p}" for p in page.evaluate(SCAN, hostile_url)]
    assert (page.dialogs, problems) == ([], [])


def test_hostile_names_are_literal_in_title_heading_and_body(page, hostile_url):
    for cid, data in certificates().items():
        page.goto(f"{hostile_url}certificates/{cid}/")
        zh, en = data["name"]["zh"], data["name"]["en"]
        heading = one_line(page.locator("article h1").inner_text())
        assert one_line(zh) in heading and one_line(en) in heading, cid
        # The tab and the header show the name too, as text (markup characters may become look-alikes).
        for shown in (page.title(), page.locator(".md-header__topic:last-child").inner_text()):
            assert without_markup_characters(zh) in without_markup_characters(shown), (cid, shown)
    assert page.dialogs == []


@pytest.mark.parametrize("query", ["虚构", "onerror", "script", "javascript", "alert", "img src", "&lt;", "title"])
def test_search_results_for_hostile_text_are_inert(page, hostile_url, query):
    page.goto(hostile_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material searches on keyup
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))")
    assert page.evaluate(SCAN, hostile_url) == []
    assert page.dialogs == []


def test_a_url_with_markdown_characters_stays_one_link(page, hostile_url):
    """` | ) ' \\ in an https address: each citation is one link to that address, and table rows keep their cells."""
    linked = set()
    for cid in certificates():
        page.goto(f"{hostile_url}certificates/{cid}/")
        links = page.locator("article a[href^='https://fictional.invalid/']")
        linked |= {unquote(links.nth(i).get_attribute("href")) for i in range(links.count())}
        for text in links.all_inner_texts():
            # the title of a source or of the copy that carried it, nothing swallowed
            assert text.startswith(("Source ", "Carrier ")) and "fictional.invalid" not in text, cid
        for entry in page.locator("article li:has(.x-kind)").all():
            # every hostile source is carried by a copy: one link to the source, one to its carrier
            texts = entry.locator("a[href^='https://fictional.invalid/']").all_inner_texts()
            assert len(texts) == 2 and texts[0].startswith("Source "), cid
        for table in page.locator("article table").all():
            headers = table.locator("thead th").count()
            for row in table.locator("tbody tr").all():
                assert row.locator("td").count() == headers, cid
    assert linked == set(URLS)


def test_charts_and_feeds_hold_no_markup(hostile_site):
    svg_ns = "{http://www.w3.org/2000/svg}"
    charts = sorted((hostile_site / "charts").rglob("*.svg"))
    assert charts
    for chart in charts:
        for el in ET.parse(chart).iter():
            assert el.tag.startswith(svg_ns) and el.tag[len(svg_ns) :] in {
                "svg",
                "g",
                "title",
                "text",
                "path",
                "rect",
                "line",
                "circle",
                "tspan",
                "desc",
                "style",
                "defs",
                "polyline",
            }, (chart, el.tag)
            assert not [a for a in el.attrib if a.lower().startswith("on")], chart
    feeds = sorted((hostile_site / "feeds").rglob("*.xml"))
    assert feeds
    for feed in feeds:
        for el in ET.parse(feed).iter():
            assert el.get("type") in (None, "text", "application/atom+xml", "text/html"), (feed, el.tag, el.get("type"))
            if el.tag.endswith("}content") or el.tag.endswith("}title"):
                assert len(el) == 0 and el.get("type") in (None, "text"), feed  # plain text, no child elements


def test_open_data_carries_the_exact_text(hostile_site):
    for cid, data in certificates().items():
        exported = json.loads((hostile_site / "api" / "certificates" / f"{cid}.json").read_text(encoding="utf-8"))
        assert exported["name"]["zh"] == data["name"]["zh"] and exported["name"]["en"] == data["name"]["en"]
    rows = list(csv.DictReader((hostile_site / "data" / "certificates.csv").open(encoding="utf-8-sig")))
    names = {row.get("name_zh") for row in rows}
    assert {d["name"]["zh"] for d in certificates().values()} <= names


def test_json_ld_gives_each_hostile_name_back_exactly(page, hostile_url):
    """The browser reads one JSON-LD value per certificate page, holding the name as written."""
    for cid, data in certificates().items():
        page.goto(f"{hostile_url}certificates/{cid}/")
        found = page.evaluate(
            "() => [...document.querySelectorAll('script[type=\"application/ld+json\"]')].map(s => JSON.parse(s.textContent))"
        )
        assert [(item["@type"], item["name"]) for item in found] == [
            ("EducationalOccupationalCredential", data["name"]["zh"])
        ]
    assert page.dialogs == []
