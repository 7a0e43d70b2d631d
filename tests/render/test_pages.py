"""The generated pages, rendered from the fictional fixture without running MkDocs: the
certificate, organization and major pages are finished HTML (read as a tree, tests/helpers.py),
the others Markdown."""

from __future__ import annotations

import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import jinja2
import markdown
import markupsafe
import pytest

from tests.helpers import MODULE, TODAY, Element, copy_fictional, edit, html_body, model_of, resolve, write
from xcat import urls
from xcat.check.catalogue import check_catalogue
from xcat.check.schemas import SchemaSet
from xcat.model import Catalogue, Name, build_catalogue
from xcat.render import charts, finder, pages
from xcat.settings import ROOT, SCHEMAS

EDIT_BASE = "https://github.com/x-catalogue/x-catalogue/edit/main/"


@pytest.fixture(scope=MODULE)
def docs(tmp_path_factory, fictional_model) -> Path:
    target = tmp_path_factory.mktemp("docs")
    pages.write_pages(fictional_model, target, edit_base=EDIT_BASE)
    return target


def read(docs: Path, page: str) -> str:
    """A generated page, with the English halves of labels unwrapped ("已替代 Replaced"):
    tests/publish/test_accessibility.py checks the lang="en" marks themselves."""
    return _unmarked((docs / page).read_text(encoding="utf-8"))


def _unmarked(text: str) -> str:
    return re.sub(r'<span lang="en">([^<]*)</span>', r"\1", text)


def body(docs: Path, page: str) -> Element:
    """A page written as HTML (certificate, organization, major), as a tree."""
    return html_body(read(docs, page))


def banner(page: Element) -> Element | None:
    """The admonition at the top of a certificate page (the first one), if it has one."""
    found = page.all("div", cls="admonition")
    return found[0] if found else None


def title(admonition: Element) -> str:
    return admonition.find("p", cls="admonition-title").text


def item(page: Element, label: str) -> Element:
    """The entry of a certificate page's list of facts whose label (in bold) is this."""
    found = [li for li in page.all("li") if li.children and getattr(li.children[0], "text", None) == label]
    assert len(found) == 1, label
    return found[0]


# --- Escaping and pinyin -----------------------------------------------------


def test_plain_text_makes_markup_inert():
    shown = str(pages.plain_text("<script>x</script> [a](javascript:b) **c** _d_ `e` | f\n\n1. g"))
    assert "<" not in shown and ">" not in shown
    assert "[" not in shown and "(" not in shown and "*" not in shown and "_" not in shown
    assert "`" not in shown and "|" not in shown and "\n" not in shown
    assert shown.startswith("&#60;script&#62;x")


def test_plain_text_stops_a_leading_list_marker():
    assert not str(pages.plain_text("1. first")).startswith("1.")
    assert not str(pages.plain_text("- item")).startswith("-")


def test_external_url_accepts_only_https():
    assert pages.external_url("https://example.org/a_(b)") == "https://example.org/a_(b)"
    assert pages.external_url("javascript:alert(1)") is None
    assert pages.external_url("http://example.org/") is None
    assert pages.external_url("https://example.org/<x>") is None


@pytest.mark.parametrize(
    ("url", "written"),
    [
        ("https://x.org/a|b", "https://x.org/a%7Cb"),  # each character that would end a table cell,
        ("https://x.org/a`b", "https://x.org/a%60b"),  # start code,
        ("https://x.org/a\\b", "https://x.org/a%5Cb"),  # escape the next one
        ("https://x.org/a'b", "https://x.org/a%27b"),  # or end an attribute, as its percent code
        ("https://x.org/a\tb", None),  # whitespace, quotes and angle brackets: no link at all
        ('https://x.org/a"b', None),
        ("https://x.org/a>b", None),
        ("HTTPS://x.org/", None),
        ("", None),
        (None, None),
    ],
)
def test_an_external_address_is_written_so_markdown_and_html_read_it_whole(url, written):
    assert pages.external_url(url) == written


def test_a_page_title_is_one_json_line_with_chinese_as_written_and_look_alikes_for_markup():
    assert str(pages.page_title(Name("虚构  证书\n甲", "Fictional"))) == '"虚构 证书 甲 Fictional"'
    assert str(pages.page_title("&<>\"'")) == '"＆＜＞＂’"'


def test_json_in_a_script_element_escapes_what_html_reads_and_parses_back_the_same():
    data = '{"a":"</script><b>&amp;"}'
    safe = finder.script_safe(data)
    assert safe == '{"a":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026amp;"}'
    assert json.loads(safe) == json.loads(data)


def test_an_https_url_with_markdown_characters_stays_one_link():

    url = "https://example.org/a`b|c)d'e\\f"
    html = markdown.markdown(
        f"| a | b |\n|---|---|\n| [T1](<{pages.external_url(url)}>) `x` | [T2](<https://example.org/>) |",
        extensions=["tables"],
    )
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert [unquote(h) for h in hrefs] == [url, "https://example.org/"]
    assert "<code>x</code>" in html


def test_page_title_cannot_become_markup_after_any_decoding():

    hostile = "</title><img src=x onerror=alert(1)> &amp;lt;b&amp;gt; \" onmouseover='x'"
    title = json.loads(str(pages.page_title(hostile)))
    for _ in range(3):
        title = html.unescape(title)
        assert not re.search(r"[<>&\"']", title)
    assert "＜/title＞＜img src=x onerror=alert(1)＞" in title


def test_pinyin_terms_give_words_joined_and_initials():
    terms = pages.pinyin_terms("工业机器人应用编程")
    assert terms[0].startswith("gongye jiqiren")
    assert "gongyejiqirenyingyongbiancheng" in terms
    assert "gyjqryybc" in terms  # a prefix search for "gyjqr" finds it


# --- Certificate pages -------------------------------------------------------


def test_replaced_certificate_follows_the_chain_to_the_current_successor(docs):
    page = "certificates/fictional-alpha.md"
    box = banner(body(docs, page))
    assert box is not None and box.classes == ["admonition", "warning"] and title(box) == "已替代 Replaced"
    # The whole chain alpha -> beta (full) -> gamma (partial), then the current one.
    (chain,) = box.all("li")
    assert chain.links(page) == [
        ("certificates/fictional-beta/", "虚构证书乙"),
        ("certificates/fictional-gamma/", "虚构证书丙"),
    ]
    assert chain.text == (
        "虚构证书甲 Fictional certificate Alpha → 虚构证书乙 Fictional certificate Beta (完全等同 fully equivalent)"
        " → 虚构证书丙 Fictional certificate Gamma (部分等同 partly equivalent)"
    )
    (current,) = [p for p in box.all("p") if p.text.startswith("现行后继证书 Current successor(s): ")]
    assert current.links(page) == [("certificates/fictional-gamma/", "虚构证书丙")]
    assert "2021-06-01" in box.text
    assert "已颁发的证书继续有效" in box.text and "Certificates already issued remain valid" in box.text


def test_merged_certificate_names_its_successor_and_equivalence(docs):
    page = "certificates/fictional-delta.md"
    box = banner(body(docs, page))
    assert box is not None and title(box) == "已合并 Merged"
    (chain,) = box.all("li")
    assert chain.links(page) == [("certificates/fictional-zeta/", "虚构证书己")]
    assert chain.text.endswith("→ 虚构证书己 Fictional certificate Zeta (部分等同 partly equivalent)")


def test_successor_lists_what_it_replaced(docs):
    zeta = banner(body(docs, "certificates/fictional-zeta.md"))
    assert zeta is not None and zeta.classes == ["admonition", "info"] and title(zeta) == "替代了 Replaces"
    assert zeta.links("certificates/fictional-zeta.md") == [
        ("certificates/fictional-delta/", "虚构证书丁"),
        ("certificates/fictional-epsilon/", "虚构证书戊"),
    ]
    gamma = banner(body(docs, "certificates/fictional-gamma.md"))
    assert gamma is not None and title(gamma) == "替代了 Replaces"
    assert gamma.links("certificates/fictional-gamma.md") == [("certificates/fictional-beta/", "虚构证书乙")]


@pytest.mark.parametrize(
    "certificate, heading, meaning, reason",
    [
        ("fictional-eta", "已退出 Withdrawn", "主动退出（自愿）", "虚构组织主动退出。"),
        ("fictional-theta", "已撤销 Revoked", "取消了批准", "虚构原因撤销。"),
    ],
)
def test_retired_certificate_says_when_why_and_that_issued_ones_stay_valid(docs, certificate, heading, meaning, reason):
    box = banner(body(docs, f"certificates/{certificate}.md"))
    assert box is not None and box.classes == ["admonition", "danger"] and title(box) == heading
    assert meaning in box.text and reason in box.text
    assert "已颁发的证书继续有效" in box.text
    assert "来源 Sources:" in box.text


def test_reinstated_then_transferred_certificate_has_only_the_handover_banner(docs):
    page = body(docs, "certificates/fictional-iota.md")
    status = page.find("p")  # the line under the title
    assert [badge.classes for badge in status.all(cls="x-badge")] == [["x-badge", "x-badge--transferred"]]
    admonitions = page.all("div", cls="admonition")
    assert [(box.classes, title(box)) for box in admonitions] == [
        (["admonition", "warning"], "已移交人社部门 · No longer taken through 1+X")
    ]
    said = " ".join(admonitions[0].text.split())
    assert "自 2023 年起，X 证书不再通过 1+X 制度考取" in said and "，2023-12-31 前完成移交。" in said
    assert "Since 2023, X certificates" in said and ", handed over by 2023-12-31." in said
    timeline = page.find("ol", cls="x-timeline").text
    assert "暂停 Suspended" in timeline and "恢复 Reinstated" in timeline  # still in the timeline
    assert "对应目录尚未公布 · correspondence table not yet published" in page.section("what-to-take-now").text


def test_a_certificate_outside_the_programme_events_list_has_no_banner(docs):
    assert banner(body(docs, "certificates/fictional-kappa.md")) is None


def test_former_name_is_shown_with_its_pinyin(docs):
    text = read(docs, "certificates/fictional-gamma.md")
    assert "曾用名 Former names: 虚构证书丙旧名" in text
    pinyin = re.search(r"拼音 Pinyin: (.*)</p>", text).group(1)
    assert "xugouzhengshubingjiuming" in pinyin  # the former name, searchable


def test_a_certificate_page_cites_each_source_once_its_own_first_then_in_the_order_of_its_facts(
    fictional_model, monkeypatch
):
    alpha = fictional_model.certificates["fictional-alpha"]
    cited = [source.id for source in pages.cited_sources(alpha)]
    assert cited == ["fictional-notice-2020", "fictional-notice-2021", "fictional-report", "fictional-paper"]
    monkeypatch.setattr(alpha, "sources", [fictional_model.sources["fictional-paper"]])
    cited = [source.id for source in pages.cited_sources(alpha)]
    assert cited == ["fictional-paper", "fictional-notice-2020", "fictional-notice-2021", "fictional-report"]
    # An occupation's source is cited too (here the paper, which nothing else of gamma's cites).
    gamma = fictional_model.certificates["fictional-gamma"]
    monkeypatch.setattr(gamma.occupations[0], "sources", [fictional_model.sources["fictional-paper"]])
    assert [source.id for source in pages.cited_sources(gamma)][-1] == "fictional-paper"


def test_certificate_page_shows_facts_with_sources(docs):
    page = body(docs, "certificates/fictional-alpha.md")
    notice = ("https://fictional.invalid/notice-2020", "虚构通知（测试用）Fictional notice for tests")
    levels = page.section("levels").rows()
    assert [[cell.text for cell in row] for row in levels] == [
        ["初级", "虚构初级", "100 元", notice[1]],
        ["中级", "—", "200 元", notice[1]],
    ]
    assert [row[3].links() for row in levels] == [[notice], [notice]]  # each level's source, linked
    pilots = page.section("pilot-institutions").rows()
    assert [[cell.text for cell in row[:2]] for row in pilots] == [["2020-03", "10"], ["2021", "25"]]
    assert item(page, "专业大类 Fields").text.endswith("（编辑分类 editorial classification）")
    assert item(page, "相关专业 Related majors").text.endswith(
        "（有来源 sourced: A fictional paper about fictional certificates）"
    )
    sources = page.section("sources").all("li")
    assert "论文 Paper A fictional paper about fictional certificates — Fictional Author" in [s.text for s in sources]
    assert sources[0].links() == [notice]


def test_certificate_page_links_to_its_yaml_and_json(docs):
    page = body(docs, "certificates/fictional-alpha.md")
    top = [child for child in page.children if isinstance(child, Element)]
    foot = top[[element.tag for element in top].index("hr") + 1]  # after the rule that ends the page
    assert foot.links("certificates/fictional-alpha.md") == [
        (
            "https://github.com/x-catalogue/x-catalogue/edit/main/tests/fixtures/fictional/catalogue/certificates/fictional-alpha.yaml",
            "在 GitHub 上编辑 Edit on GitHub",
        ),
        ("api/certificates/fictional-alpha.json", "JSON 数据 data"),
    ]


def test_history_is_a_timeline_starting_with_the_batch(docs):
    timeline = body(docs, "certificates/fictional-iota.md").find("ol", cls="x-timeline")
    events = [event.find("p").text for event in timeline.children if isinstance(event, Element)]
    assert events == [
        "2020-01 发布 Introduced：虚构第一批",
        "2020-09 更换评价组织 Organization changed",
        "2021 暂停 Suspended",
        "2022 恢复 Reinstated",
        "2023 移交人社部门 Transferred to the human-resources system",
    ]
    (previous,) = [p for p in timeline.all("p") if p.text.startswith("原评价组织 Previous organization:")]
    assert previous.links("certificates/fictional-iota.md") == [("organizations/fictional-org-b/", "虚构评价组织乙")]


# --- Hostile contributor text ------------------------------------------------


@pytest.mark.parametrize("page", ["certificates/fictional-iota.md", "organizations/fictional-org-b.md"])
def test_hostile_text_stays_text(docs, page):
    text = read(docs, page)
    assert "&#60;script&#62;alert" in text  # shown, not run
    # The page's own JSON-LD aside (its text holds no "<": tests/render/test_students.py parses it).
    text = re.sub(r'<script type="application/ld\+json">[^<]*</script>', "", text)
    assert "<script" not in text and "<img" not in text and "<b>" not in text
    assert "](javascript" not in text and "**not bold**" not in text


# --- Other pages -------------------------------------------------------------


@pytest.mark.parametrize(
    ("organization", "sections"),
    [
        (
            "fictional-org-a",
            {
                "current-certificates": ["fictional-kappa"],
                "transferred-certificates": ["fictional-iota", "fictional-gamma"],
                "ended-certificates": ["fictional-alpha", "fictional-beta"],
                "sources": None,
            },
        ),
        (
            "fictional-org-b",
            {
                "current-certificates": ["fictional-zeta"],
                # by name: 丁 庚 戊 辛
                "ended-certificates": ["fictional-delta", "fictional-eta", "fictional-epsilon", "fictional-theta"],
                "formerly-issued": ["fictional-iota"],
                "disagreements": None,
                "sources": None,
            },
        ),
    ],
)
def test_an_organization_page_lists_its_certificates_section_by_section(docs, organization, sections):
    """Each h2 of the page in order and, under those that list certificates (None: not such a
    list), the certificates it lists."""
    source = f"organizations/{organization}.md"
    page = body(docs, source)
    assert [h.attrs["id"] for h in page.all("h2")] == list(sections)
    for section, certificates in sections.items():
        if certificates is not None:
            listed = [row[0].links(source)[0][0] for row in page.section(section).rows()]
            assert listed == [f"certificates/{certificate}/" for certificate in certificates], section


def test_a_formerly_issued_certificate_names_who_issues_it_now(docs):
    source = "organizations/fictional-org-b.md"
    former = body(docs, source).section("formerly-issued").rows()
    assert [row[0].links(source) for row in former] == [[("certificates/fictional-iota/", "虚构工业机器人证书")]]
    assert former[0][2].links(source) == [("organizations/fictional-org-a/", "虚构评价组织甲")]  # who issues it now


@pytest.mark.parametrize(
    ("certificate", "status_line"),
    [
        ("fictional-kappa", "有效 Active"),
        ("fictional-alpha", "已替代 Replaced 自 since 2021-06-01"),
        ("fictional-eta", "已退出 Withdrawn 自 since 2021-09"),
        ("fictional-gamma", "已移交人社部门 No longer assessed under 1+X / transferred 自 since 2023"),
    ],
)
def test_a_certificate_page_says_its_status_and_since_when_under_its_title(docs, certificate, status_line):
    page = body(docs, f"certificates/{certificate}.md")
    badge = page.find(cls="x-badge")
    shown = next(p.text for p in page.all("p") if badge.text in p.text)
    assert " ".join(shown.split()) == status_line


def test_an_organization_page_links_its_website_and_counts_every_certificate_it_issues(docs):
    source = "organizations/fictional-org-a.md"
    assert ("https://fictional.invalid/org-a", "网站 Website") in body(docs, source).links(source)
    # Its description counts every certificate it issues, whatever their status: 1 + 2 + 2.
    assert 'description: "虚构评价组织甲：培训评价组织，颁发 5 个 1+X 证书。"\n' in read(docs, source)


def test_batch_page_shows_catalogued_share_and_basis(docs):
    text = read(docs, "batches/batch-2.md")
    assert "| 已收录证书 Catalogued | 1 / 40（2%） |" in text
    assert "推算数 derived" in text and "虚构推算。" in text
    assert "fictional-kappa.md" in text
    assert "公布数 announced" in read(docs, "batches/batch-1.md")


def test_a_batch_page_shows_its_chart_of_pilot_counts(docs, fictional_model):
    text = read(docs, "batches/batch-1.md")
    assert "![虚构第一批：各证书试点院校数 Pilot institutions per certificate](../charts/batches/batch-1.svg)\n" in text
    written = (docs / "charts" / "batches" / "batch-1.svg").read_text(encoding="utf-8")
    assert written == charts.batch_counts_svg(fictional_model.batches["batch-1"])


def test_field_and_major_pages_list_their_certificates(docs):
    health = read(docs, "fields/medicine-health.md")
    assert all(f"{c}.md" in health for c in ("fictional-delta", "fictional-epsilon", "fictional-zeta"))
    assert "fictional-alpha.md" not in health
    major = body(docs, "majors/860301.md").section("linked-certificates")
    assert major.links("majors/860301.md")[:1] == [("certificates/fictional-alpha/", "虚构证书甲")]
    assert "medicine-health.md" in read(docs, "fields/index.md")


def test_every_major_is_an_entry_on_its_fields_page_and_only_linked_ones_have_a_page(docs):
    equipment = read(docs, "fields/equipment-manufacturing.md")
    # Both levels' 大类 of the field, each major under its 专业类 with its code, name and pinyin.
    assert '中职 <span class="x-en" lang="en">Secondary vocational</span> · 96 装备制造大类 { #level-96 }' in equipment
    assert '<h4 id="major-960101">960101 虚构中职专业</h4>' in equipment
    assert '<h4 id="major-860302K">860302K 虚构控制专业</h4>' in equipment
    assert "xugou kongzhi zhuanye" in equipment or "xugoukongzhizhuanye" in equipment
    # A major without certificates says so and offers the field's certificates (editorial).
    controlled = equipment.split('id="major-860302K"')[1].split("<h4")[0]
    assert "暂无关联证书" in controlled and 'href="#certificates"' in controlled and "编辑分类 editorial" in controlled
    # Only one conversion of the ministry's document lists 960101: the page says so.
    secondary = equipment.split('id="major-960101"')[1].split("<h4")[0]
    assert "仅一份目录转换件载有" in secondary
    linked = equipment.split('id="major-860301"')[1].split("<h4")[0]
    assert "certificates/fictional-alpha/" in linked and "majors/860301/" in linked
    assert (docs / "majors" / "860301.md").exists()
    assert not (docs / "majors" / "860302K.md").exists()
    major = read(docs, "majors/860301.md")
    assert "8603 虚构机器人类" in major and "86 装备制造大类" in major
    assert "有来源 sourced: A fictional paper about fictional certificates" in major


def test_changes_page_lists_every_event_newest_first(docs, fictional_model):
    text = read(docs, "changes.md")
    dated = re.findall(r"^\| (\d{4}(?:-\d\d){0,2}) \|", text, re.M)
    catalogue = fictional_model
    assert len(re.findall(r"^\| (?:\d{4}|日期不详)", text, re.M)) == len(catalogue.events) - 1
    assert dated == [e.date for e in catalogue.changes if e.date]
    # the programme event once, for gamma and iota together
    assert dated[0] == "2023"
    assert "| 2023 | [虚构移交（测试用）](handover.md)：2 个证书 certificates |" in text
    # What each kind of event says in its last column: the successor, the old name, the batch.
    cells = [line.split(" | ") for line in text.splitlines() if line.startswith("| ") and line.count(" | ") == 3]
    rows = {(cell[1], cell[2]): cell[3].removesuffix("|").strip() for cell in cells}
    certificate = '[{0}](certificates/{1}.md) <span class="x-en" lang="en">{2}</span>'
    alpha = certificate.format("虚构证书甲", "fictional-alpha", "Fictional certificate Alpha")
    beta = certificate.format("虚构证书乙", "fictional-beta", "Fictional certificate Beta")
    delta = certificate.format("虚构证书丁", "fictional-delta", "Fictional certificate Delta")
    zeta = certificate.format("虚构证书己", "fictional-zeta", "Fictional certificate Zeta")
    gamma = certificate.format("虚构证书丙", "fictional-gamma", "Fictional certificate Gamma")
    assert rows[(alpha, "被替代 Replaced")].startswith(f"→ {beta} 由虚构证书乙替代。")
    assert rows[(delta, "被合并 Merged")] == f"→ {zeta}"
    assert rows[(gamma, "更名 Renamed")] == "原名 虚构证书丙旧名"
    assert rows[(alpha, "发布 Introduced")] == "[虚构第一批](batches/batch-1.md)"


class _Rows(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "tr" and any(name == "data-status" for name, _ in attrs):
            self.rows.append(dict(attrs))


def test_catalogue_table_rows_carry_filter_attributes(docs):
    parser = _Rows()
    parser.feed(read(docs, "catalogue.md"))
    assert len(parser.rows) == 10
    assert sum(row["data-status"] == "replaced" for row in parser.rows) == 4
    gamma = next(
        row
        for row in parser.rows
        if "electronics-information" in row["data-field"].split() and row["data-batch"] == "none"
    )
    assert gamma["data-field"].split() == ["equipment-manufacturing", "electronics-information"]
    assert [row["data-major"] for row in parser.rows].count("860301") == 1
    assert {row["data-organization"] for row in parser.rows} == {"fictional-org-a", "fictional-org-b"}


def test_home_page_counts_and_latest_changes(docs):
    text = read(docs, "index.md")
    assert re.search(r'x-badge--replaced">已替代 Replaced</span> \| 4 \|', text)
    assert re.search(r'x-badge--withdrawn">已退出 Withdrawn</span> \| 1 \|', text)
    assert "about.md#papers" in text
    latest = text[text.index("## 最新变化") :]
    assert latest.index("2022-06") < latest.index("2021-06")
    # Each says what happened then, not the certificate's status now (gamma is transferred since).
    said = [line.split(" · ")[:2] for line in latest.splitlines() if line.startswith("- ")]
    assert said[:4] == [
        ["- 2023", "**移交人社部门 Transferred to the human-resources system**"],
        ["- 2022-06", "**更名 Renamed**"],
        ["- 2022-03-03", "**撤销 Revoked**"],
        ["- 2022-03-03", "**发布 Introduced**"],
    ]


def test_home_page_shows_the_catalogue_chart_and_is_found_by_its_names(docs):
    text = read(docs, "index.md")
    assert "![各年证书状态 Certificates by status over time](charts/catalogue.svg)\n" in text
    assert (docs / "charts" / "catalogue.svg").read_text(encoding="utf-8").startswith("<svg")
    assert '<span data-pagefind-ignore data-pagefind-meta="title">1+X 职业技能等级证书目录</span>\n' in text
    assert (
        '<span data-pagefind-ignore data-pagefind-meta="subtitle">1+X vocational skill level certificates</span>\n'
        in text
    )
    assert (
        '<p data-pagefind-weight="5">1+X 职业技能等级证书目录 · 1+X vocational skill level certificates'
        " · 1+X证书 · X证书</p>\n"
    ) in text
    assert '<span data-pagefind-ignore data-pagefind-meta="summary">首页 Home · 10 个证书 certificates</span>' in text
    assert '<p data-pagefind-weight="2">zhiyejineng dengjizhengshu mulu · ' in text  # found by its pinyin too


# --- Charts and failures -----------------------------------------------------


def test_charts_are_written_and_shown_when_there_is_one(tmp_path, monkeypatch, fictional_model):
    monkeypatch.setattr(
        charts,
        "pilot_counts_svg",
        lambda c: "<svg xmlns='http://www.w3.org/2000/svg'/>" if c.id == "fictional-alpha" else None,
    )
    pages.write_pages(fictional_model, tmp_path)
    assert (tmp_path / "charts/certificates/fictional-alpha.svg").read_text().startswith("<svg")
    source = "certificates/fictional-alpha.md"
    (chart,) = html_body(read(tmp_path, source)).section("pilot-institutions").all("img")
    assert resolve(source, chart.attrs["src"]) == "charts/certificates/fictional-alpha.svg"
    assert chart.attrs["alt"] == "虚构证书甲：试点院校数变化 Pilot institutions over time"
    assert not (tmp_path / "charts/certificates/fictional-gamma.svg").exists()
    gamma = read(tmp_path, "certificates/fictional-gamma.md")
    assert html_body(gamma).all("img") == [] and ".svg" not in gamma


def test_a_broken_template_raises_a_template_error(tmp_path, fictional_model):
    broken = tmp_path / "templates"
    shutil.copytree(pages.TEMPLATES, broken)
    (broken / "certificate.html.j2").write_text("{{ c.no_such_attribute }}", encoding="utf-8")
    with pytest.raises(jinja2.TemplateError):
        pages.write_pages(fictional_model, tmp_path / "docs", broken)


def test_rendering_is_deterministic(tmp_path, fictional_model):
    first, second = tmp_path / "a", tmp_path / "b"
    pages.write_pages(fictional_model, first, edit_base=EDIT_BASE)  # as the site renders them
    pages.write_pages(fictional_model, second, edit_base=EDIT_BASE)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files and files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    # The edit address reaches the pages (the module's pages are rendered once, before most tests).
    edit_link = f'<a href="{EDIT_BASE}tests/fixtures/fictional/catalogue/certificates/fictional-alpha.yaml">'
    assert edit_link in read(first, "certificates/fictional-alpha.md")


# --- Last verified -------------------------------------------------------------


def test_last_verified_is_on_the_certificate_page_with_its_source(docs):
    gamma = item(body(docs, "certificates/fictional-gamma.md"), "最近核实 Last verified")
    # fictional-report's title, the source that verified it, set apart (muted)
    assert gamma.text == "最近核实 Last verified：2022-03-03 （来源 sources: 虚构新闻报道 Fictional news report）"
    assert gamma.find("span", cls="x-muted").text == "（来源 sources: 虚构新闻报道 Fictional news report）"
    alpha = read(docs, "certificates/fictional-alpha.md")
    assert (
        '<li><strong>最近核实 Last verified</strong>：— <span class="x-muted">（尚无官方清单确认 no official list has confirmed it yet）</span></li>'
        in alpha
    )


def test_the_catalogue_table_has_a_sortable_last_verified_column(docs):
    text = read(docs, "catalogue.md")
    assert '<th data-sort-key="verified" class="x-card-extra">最近核实 Last verified</th>' in text
    rows = dict(
        re.findall(
            r'<a href="[^"]*certificates/(fictional-[a-z]+)/">.*?<td class="x-card-extra" data-sort="([^"]*)">[^<]*</td>\n</tr>',
            text,
            re.S,
        )
    )
    assert rows["fictional-gamma"] == "2022-03-03" and rows["fictional-alpha"] == ""


def test_each_source_on_a_certificate_page_says_its_kind_title_number_publisher_date_and_authors(docs):
    sources = body(docs, "certificates/fictional-alpha.md").section("sources").all("li")
    assert [" ".join(source.text.split()) for source in sources] == [
        "官方 Official 虚构通知（测试用）Fictional notice for tests — 虚构〔2020〕1号 — 2020-01-15",
        "官方 Official 虚构通知二（测试用）Second fictional notice — 2021-06 — 转载于 carried by: "
        "虚构学校新闻页转载 Fictional school news page（2021-07-02 读取 read）",
        "二手 Secondary 虚构新闻报道 Fictional news report — 虚构日报 — 2022-03-03",
        "论文 Paper A fictional paper about fictional certificates — Fictional Author",
    ]


def test_a_source_read_through_a_copy_says_who_carried_it(docs):
    page = body(docs, "certificates/fictional-alpha.md")
    sources = page.section("sources").all("li")
    (cited,) = [s for s in sources if "虚构通知二" in s.text]
    assert cited.text.endswith(
        " — 转载于 carried by: 虚构学校新闻页转载 Fictional school news page（2021-07-02 读取 read）"
    )
    assert cited.links() == [
        ("https://fictional.invalid/notice-2021", "虚构通知二（测试用）Second fictional notice"),
        ("https://fictional.invalid/school/news-1", "虚构学校新闻页转载 Fictional school news page"),
    ]
    direct = [s for s in sources if "虚构通知（测试用）" in s.text]
    assert direct and all("carried by" not in s.text for s in direct)
    assert page.text.count("carried by") == 1  # nowhere else on the page either


def test_coverage_page_counts_from_the_data_by_batch_by_source_and_kind(docs):
    text = read(docs, "coverage.md")
    assert "**收录 10 个证书、2 家评价组织 · 2023 年移交时共 12 个证书、5 家培训评价组织**" in text
    assert '| [虚构第一批](batches/batch-1.md) | 8 <span class="x-muted">公布数</span> | 6 | 2 |' in text
    assert "| 批次不详 Batch unknown | — | 0 | — | — |" in text
    assert "| 批次外 Outside the batches | — | 3 | — | — |" in text
    assert "| **合计 Total** | **48** | **10** | **38** | |" in text
    assert re.search(r"虚构通知（测试用）Fictional notice for tests.* \| 6 \|", text)
    assert "| 编辑判断 Editorial | 11 |" in text
    assert "虚构评价组织乙（虚构别名）" in text  # the disagreements, collected here too


def test_home_and_catalogue_pages_say_how_much_is_catalogued_and_link_the_coverage_page(docs):
    for page, link in (("index.md", "(coverage.md)"), ("catalogue.md", "(coverage.md)")):
        text = read(docs, page)
        assert (
            "**收录 10 个证书、2 家评价组织 · 2023 年移交时共 12 个证书、5 家培训评价组织**" in text
            and f"[收录范围 Coverage]{link}" in text
        )


def test_a_disagreement_is_shown_side_by_side_on_its_page_and_on_the_collected_page(docs):
    row = (
        '| name.zh | 虚构评价组织乙<br><span class="x-muted">[虚构通知（测试用）Fictional notice for tests]'
        '(<https://fictional.invalid/notice-2020>)</span> | 虚构评价组织乙（虚构别名）<br><span class="x-muted">'
        "A fictional paper about fictional certificates</span> | 虚构论文在名称后加注别名。"
    )
    source = "organizations/fictional-org-b.md"
    section = body(docs, source).section("disagreements")
    assert section.find("p").links(source) == [("disagreements/", "全部分歧 All disagreements")]
    ((field, own, other, note),) = section.rows()
    assert field.text == "name.zh"
    # Each value, then its sources set apart (muted; linked where the source has an address).
    assert [child for child in own.children if isinstance(child, str)] == ["虚构评价组织乙"]
    assert own.find("span", cls="x-muted").links() == [
        ("https://fictional.invalid/notice-2020", "虚构通知（测试用）Fictional notice for tests")
    ]
    assert [child for child in other.children if isinstance(child, str)] == ["虚构评价组织乙（虚构别名）"]
    other_sources = other.find("span", cls="x-muted")
    assert other_sources.text == "A fictional paper about fictional certificates" and other_sources.links() == []
    assert note.text.startswith("虚构论文在名称后加注别名。")
    assert "[虚构评价组织乙](organizations/fictional-org-b.md) " + row in read(docs, "disagreements.md")
    assert "来源之间的分歧" not in read(docs, "organizations/fictional-org-a.md")


def test_a_certificate_whose_batch_is_unknown_says_so_and_can_be_filtered(tmp_path):
    catalogue = copy_fictional(tmp_path)
    edit(catalogue, "certificates/fictional-kappa.yaml", "batch: batch-2\n", "")
    checked = check_catalogue(catalogue, SchemaSet(SCHEMAS), today=TODAY, base=ROOT)
    docs = tmp_path / "docs"
    pages.write_pages(build_catalogue(checked.index), docs)
    parser = _Rows()
    parser.feed(read(docs, "catalogue.md"))
    assert [row["data-batch"] for row in parser.rows].count("unknown") == 1
    assert '<option value="unknown">批次不详 Batch unknown</option>' in read(docs, "catalogue.md")
    assert "批次不详 batch unknown" in read(docs, "certificates/fictional-kappa.md")
    assert "| 批次不详 Batch unknown | — | 1 | — | — |" in read(docs, "coverage.md")


def test_coverage_is_counted_against_the_official_totals_with_their_source(docs):
    """The handover notice's totals (here a fictional one's: 12 and 5) are the denominators."""
    for page in ("index.md", "catalogue.md", "coverage.md"):
        text = read(docs, page)
        assert "**收录 10 个证书、2 家评价组织 · 2023 年移交时共 12 个证书、5 家培训评价组织**" in text, page
        assert "（来源 Source: 虚构新闻报道 Fictional news report）" in text, page


# --- Pieces of the pages written as HTML -----------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("等级 Levels", "levels", id="Chinese then English: the English"),
        pytest.param("来源之间的分歧 Sources disagree", "sources-disagree", id="words joined by hyphens"),
        pytest.param("虚构证书甲", "_1", id="Chinese alone: numbered"),
        pytest.param(
            '虚构 <span class="x-en" lang="en">Tom &amp; Jerry</span>', "tom-jerry", id="tags and &amp; left out"
        ),
        pytest.param("860301 虚构专业 <span>Fictional major</span>", "860301-fictional-major", id="digits kept"),
        pytest.param(str(pages.plain_text("a &amp; <b>")), "a-amp-b", id="escaped text decoded once"),
    ],
)
def test_heading_id_is_the_id_python_markdowns_toc_gives(text, expected):
    assert pages.heading_id(text) == expected
    md = markdown.Markdown(extensions=["toc"])
    assert md.convert(f"## {text}").startswith(f'<h2 id="{expected}">')


@pytest.mark.parametrize(
    "url, expected",
    [
        pytest.param("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&amp;c=2", id="& escaped"),
        pytest.param("https://example.org/a_(b)", "https://example.org/a_(b)", id="brackets kept"),
        pytest.param("https://example.org/a'b|c", "https://example.org/a%27b%7Cc", id="quote and bar percent-encoded"),
        pytest.param("http://example.org/", None, id="http refused"),
        pytest.param("javascript:alert(1)", None, id="javascript refused"),
        pytest.param('https://example.org/"onmouseover=x', None, id="a double quote refused"),
        pytest.param("https://example.org/a b", None, id="a space refused"),
        pytest.param(None, None, id="none"),
        pytest.param("", None, id="empty"),
    ],
)
def test_href_is_an_https_address_escaped_for_an_attribute(url, expected):
    assert pages.href(url) == expected
    if expected is not None:
        assert isinstance(pages.href(url), markupsafe.Markup)  # printed as it is, not escaped again
        link = html_body(f'<a href="{pages.href(url)}">x</a>').find("a")
        assert link.attrs["href"] == url.replace("'", "%27").replace("|", "%7C")  # what a browser follows


# --- Sources the pages look for by id -------------------------------------------
# The real catalogue's sources that some pages name; here fictional stand-ins under the same ids.


def with_sources(tmp_path: Path, sources: dict[str, str]) -> Catalogue:
    """The model of the fictional catalogue with these source files (id: YAML text) added."""
    catalogue = copy_fictional(tmp_path)
    for source_id, text in sources.items():
        write(catalogue, f"sources/{source_id}.yaml", text)
    return model_of(catalogue)


# --- The handover page's timeline ----------------------------------------------

LAUNCH = f"""\
id: {pages.LAUNCH_SOURCE}
title: 虚构实施方案
kind: official
document_number: 虚构〔2019〕4号
publisher: 虚构国务院
published: 2019
"""


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (LAUNCH, "虚构国务院《虚构实施方案》（虚构〔2019〕4号）启动 1+X 证书制度试点"),
        (
            LAUNCH.replace("document_number: 虚构〔2019〕4号\n", "").replace("publisher: 虚构国务院\n", ""),
            "《虚构实施方案》启动 1+X 证书制度试点",  # no empty brackets for a number the source lacks
        ),
    ],
    ids=["with its publisher and number", "title alone"],
)
def test_the_timeline_starts_with_the_plan_that_launched_the_programme_when_the_catalogue_holds_it(
    tmp_path, fictional_model, written, said
):
    assert [step.text.zh for step in pages.timeline(fictional_model)][:1] == ["虚构第一批"]  # no launch source
    model = with_sources(tmp_path, {pages.LAUNCH_SOURCE: written})
    steps = pages.timeline(model)
    assert (steps[0].date, steps[0].text.zh, steps[0].sources) == ("2019", said, [model.sources[pages.LAUNCH_SOURCE]])
    assert steps[0].text.en == (
        "The State Council's National Vocational Education Reform Implementation Plan launches the 1+X certificate pilot"
    )
    assert [step.text.zh for step in steps[1:]] == [step.text.zh for step in pages.timeline(fictional_model)]


# --- Orders and structured data ----------------------------------------------


def test_the_catalogue_lists_by_batch_then_pinyin_then_outside_the_batches_then_batch_unknown(tmp_path):
    catalogue = copy_fictional(tmp_path)
    edit(catalogue, "certificates/fictional-eta.yaml", "batch: batch-1\n", "")  # its batch becomes unknown
    model = model_of(catalogue)
    assert [c.id for c in pages.catalogue_order(model.certificates.values())] == [
        "fictional-iota", "fictional-delta", "fictional-alpha", "fictional-epsilon", "fictional-theta",  # batch 1: 工 丁 甲 戊 辛
        "fictional-kappa",  # batch 2
        "fictional-gamma", "fictional-zeta", "fictional-beta",  # outside the batches: 丙 己 乙
        "fictional-eta",  # batch unknown
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("certificate_id", "expected"),
    [
        (
            "fictional-alpha",
            {
                "@context": "https://schema.org",
                "@type": "EducationalOccupationalCredential",
                "name": "虚构证书甲",
                "alternateName": "Fictional certificate Alpha",
                "credentialCategory": "职业技能等级证书 · vocational skill level certificate (1+X)",
                "educationalLevel": ["初级", "中级"],
                "recognizedBy": {
                    "@type": "Organization",
                    "name": "虚构评价组织甲",
                    "alternateName": "Fictional Evaluation Organization A",
                    "url": "https://fictional.invalid/org-a",
                },
                "identifier": "fictional-alpha",
            },
        ),
        (
            "fictional-zeta",  # no levels, and an organization without a website: left out, not null
            {
                "@context": "https://schema.org",
                "@type": "EducationalOccupationalCredential",
                "name": "虚构证书己",
                "alternateName": "Fictional certificate Zeta",
                "credentialCategory": "职业技能等级证书 · vocational skill level certificate (1+X)",
                "recognizedBy": {
                    "@type": "Organization",
                    "name": "虚构评价组织乙",
                    "alternateName": "Fictional Evaluation Organization B",
                },
                "identifier": "fictional-zeta",
            },
        ),
    ],
)
def test_a_certificate_page_describes_the_credential_to_search_engines(fictional_model, certificate_id, expected):
    written = pages.credential_jsonld(fictional_model.certificates[certificate_id])
    assert json.loads(written) == expected
    assert list(json.loads(written)) == list(expected)  # in this order, on one line
    assert "\n" not in written and ", " not in written
    assert f'"name":"{expected["name"]}"' in written  # Chinese as written, not as \\u escapes


# --- Markdown that stays what the templates mean ----------------------------------


def test_every_page_keeps_its_tables_whole_and_ends_with_a_newline(docs):
    """A blank line between two rows would end a Markdown table there (the rest shown as text)."""
    written = sorted(docs.rglob("*.md"))
    assert len(written) > 30
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert text.endswith("\n"), path
        assert not re.search(r"^\|.*\n\s*\n\|", text, re.MULTILINE), path


COVERAGE_SOURCES = {
    pages.HANDOVER_SOURCE: f"id: {pages.HANDOVER_SOURCE}\ntitle: 虚构移交通知\nkind: official\npublished: 2025-08\n"
    "url: https://fictional.invalid/handover\nnote: A fictional stand-in for the handover notice.\n",
    pages.LISTS_SOURCE: f"id: {pages.LISTS_SOURCE}\ntitle: 虚构名单汇编\nkind: secondary\npublished: 2026\n"
    "url: https://fictional.invalid/lists\n",
}


def test_the_coverage_page_names_the_handover_notice_and_where_the_lists_were_published(docs, tmp_path):
    assert "移交通知：" not in read(docs, "coverage.md")  # the fictional catalogue holds neither source
    pages.write_pages(with_sources(tmp_path, COVERAGE_SOURCES), tmp_path / "docs", edit_base=None)
    coverage = read(tmp_path / "docs", "coverage.md")
    assert "2025 年的移交通知：" in coverage and "虚构移交通知" in coverage
    assert "A fictional stand-in for the handover notice." in coverage
    assert "名单的公布地址 Where the lists were published: " in coverage and "虚构名单汇编" in coverage


def test_raw_html_links_lead_to_the_site_root_from_an_index_page_and_from_a_page_in_its_folder(docs):
    """index.md is served at the folder's address, any other page one folder deeper (finder.md at finder/)."""
    finder = '<section class="x-finder" id="finder" aria-label="按专业查证书 Certificates for your major" '
    assert f'{finder}data-finder="api/finder.json" data-site-root="">' in read(docs, "index.md")
    assert f'{finder}data-finder="../api/finder.json" data-site-root="../">' in read(docs, "finder.md")


def test_any_page_can_be_written_first_into_a_docs_folder_that_does_not_exist_yet(tmp_path, fictional_model):
    """The parallel build shares the jobs out in any order: no page may rely on another's folders."""
    writer = pages.PageWriter(fictional_model, tmp_path / "new" / "docs")
    writer.render("changes.md", "changes.md.j2", events=fictional_model.changes)
    assert (tmp_path / "new" / "docs" / "changes.md").is_file()


def test_a_certificate_page_cites_the_official_platform_where_a_holder_checks_it(tmp_path, docs):
    def checking_section(docs: Path) -> str:
        return read(docs, "certificates/fictional-alpha.md").split('id="official-platform"')[1].split("<h2")[0]

    assert "来源 Source:" not in checking_section(docs)  # the fictional catalogue has no record of the platform
    platform = urls.OFFICIAL_PLATFORM_SOURCE
    model = with_sources(
        tmp_path,
        {
            platform: f"id: {platform}\ntitle: 虚构平台查询\nkind: official\npublished: 2026-08-30\nurl: https://fictional.invalid/platform\n"
        },
    )
    pages.write_pages(model, tmp_path / "docs", edit_base=None)
    section = checking_section(tmp_path / "docs")
    assert "<p>来源 Source: " in section and "虚构平台查询" in section


def test_the_timeline_has_each_batch_with_its_date_sources_and_remarks_then_each_programme_event(
    fictional_model, monkeypatch
):
    first, second = fictional_model.batches["batch-1"], fictional_model.batches["batch-2"]
    monkeypatch.setattr(first, "remarks", ["a remark"])
    steps = pages.timeline(fictional_model)
    assert [(s.date, s.text.zh, s.batch, [x.id for x in s.sources], s.notes) for s in steps] == [
        ("2020-01", "虚构第一批", first, ["fictional-notice-2020"], ["a remark"]),
        (None, "虚构第二批", second, ["fictional-report"], []),  # an undated batch keeps its place
        ("2023", "虚构移交（测试用）", None, ["fictional-report"], []),  # the fictional handover
    ]


@pytest.mark.parametrize("page", ["majors/index.md", "fields/equipment-manufacturing.md"])
def test_the_major_catalogue_is_cited_by_its_own_source_wherever_its_majors_are_listed(docs, page):
    """majors.yaml's sources, not a certificate's: the fictional catalogue cites the fictional paper."""
    (line,) = [line for line in read(docs, page).splitlines() if "The " in line and "majors of" in line]
    assert line.endswith("来源 Source: A fictional paper about fictional certificates")


def test_the_majors_index_lists_each_major_that_has_a_certificate(docs):
    text = read(docs, "majors/index.md")
    linked = text.split("## 有关联证书的专业 Majors with linked certificates")[1]
    assert linked.endswith("|---|---|---|---:|\n| 860301 | [虚构专业](../majors/860301.md) | 高职专科 | 1 |\n")


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (None, ""),
        (7, "7"),
        ("虚构\n  证书", "虚构 证书"),  # one line: a newline could start a list or a code block
        ("12. 虚构", "12&#46; 虚构"),  # would start a numbered list
        ("- 虚构", "&#45; 虚构"),  # would start a list
        ("+86 虚构", "&#43;86 虚构"),
        ("= 虚构", "&#61; 虚构"),  # a Setext heading's underline
        ("虚构 1. 证书 - 甲", "虚构 1. 证书 - 甲"),  # only at the start
        ("<b>*虚构*</b>", "&#60;b&#62;&#42;虚构&#42;&#60;/b&#62;"),
        (markupsafe.Markup("<b>虚构</b>"), "<b>虚构</b>"),  # trusted markup passes
    ],
    ids=["none", "number", "newline", "numbered", "dash", "plus", "equals", "inside", "markup-like", "markup"],
)
def test_any_value_a_template_prints_is_inert_text(value, printed):
    assert pages.plain_text(value) == markupsafe.Markup(printed)


def test_the_finder_page_lists_each_field_with_its_number_of_majors(docs):
    summaries = re.findall(r"<summary>(.*?)</summary>", read(docs, "finder.md"))
    assert summaries == [
        "96 装备制造大类（1）",
        "81 电子与信息大类（1）",
        "82 医药卫生大类（0）",
        "83 财经商贸大类（0）",
        "86 装备制造大类（2）",  # two majors in one category
    ]
