"""The generated Markdown pages, rendered from the fictional fixture without running MkDocs."""

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
import pytest

from tests.helpers import TODAY, copy_fictional, edit
from xcat.check.catalogue import check_catalogue
from xcat.check.schemas import SchemaSet
from xcat.model import build_catalogue
from xcat.render import charts, pages
from xcat.settings import ROOT, SCHEMAS

EDIT_BASE = "https://github.com/x-catalogue/x-catalogue/edit/main/"


@pytest.fixture(scope="module")
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


def banner(text: str) -> str:
    """The admonition at the top of a certificate page (its indented block)."""
    match = re.search(r"^!!! \w+ .*\n((?:\n|    .*\n)*)", text, re.M)
    return match.group(0) if match else ""


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
    text = banner(read(docs, "certificates/fictional-alpha.md"))
    assert text.startswith('!!! warning "已替代 Replaced"')
    # The whole chain alpha -> beta (full) -> gamma (partial), then the current one.
    chain = re.search(r"^    - .*$", text, re.M).group(0)
    assert (
        chain.index("fictional-beta.md")
        < chain.index("完全等同")
        < chain.index("fictional-gamma.md")
        < chain.index("部分等同")
    )
    assert re.search(r"Current successor\(s\): \[虚构证书丙\]\(\.\./certificates/fictional-gamma\.md\)", text)
    assert "2021-06-01" in text
    assert "已颁发的证书继续有效" in text and "Certificates already issued remain valid" in text


def test_merged_certificate_names_its_successor_and_equivalence(docs):
    text = banner(read(docs, "certificates/fictional-delta.md"))
    assert "已合并 Merged" in text
    assert "fictional-zeta.md" in text and "部分等同 partly equivalent" in text


def test_successor_lists_what_it_replaced(docs):
    zeta = read(docs, "certificates/fictional-zeta.md")
    assert "替代了 Replaces" in zeta
    assert "fictional-delta.md" in zeta and "fictional-epsilon.md" in zeta
    gamma = read(docs, "certificates/fictional-gamma.md")
    assert "fictional-beta.md" in banner(gamma)


@pytest.mark.parametrize(
    "certificate, title, meaning, reason",
    [
        ("fictional-eta", "已退出 Withdrawn", "主动退出（自愿）", "虚构组织主动退出。"),
        ("fictional-theta", "已撤销 Revoked", "取消了批准", "虚构原因撤销。"),
    ],
)
def test_retired_certificate_says_when_why_and_that_issued_ones_stay_valid(docs, certificate, title, meaning, reason):
    text = banner(read(docs, f"certificates/{certificate}.md"))
    assert title in text and meaning in text and reason in text
    assert "已颁发的证书继续有效" in text
    assert "来源 Sources:" in text


def test_reinstated_then_transferred_certificate_has_only_the_handover_banner(docs):
    text = read(docs, "certificates/fictional-iota.md")
    assert "x-badge--transferred" in text.split("\n\n")[1]
    assert banner(text).startswith('!!! warning "已移交人社部门 · No longer taken through 1+X"')
    assert "暂停 Suspended" in text and "恢复 Reinstated" in text  # still in the timeline
    assert "对应目录尚未公布 · correspondence table not yet published" in text


def test_a_certificate_outside_the_programme_events_list_has_no_banner(docs):
    assert banner(read(docs, "certificates/fictional-kappa.md")) == ""


def test_former_name_is_shown_with_its_pinyin(docs):
    text = read(docs, "certificates/fictional-gamma.md")
    assert "曾用名 Former names: 虚构证书丙旧名" in text
    pinyin = re.search(r"拼音 Pinyin: (.*)</p>", text).group(1)
    assert "xugouzhengshubingjiuming" in pinyin  # the former name, searchable


def test_certificate_page_shows_facts_with_sources(docs):
    text = read(docs, "certificates/fictional-alpha.md")
    assert "| 初级 | 虚构初级 | 100 元 |" in text
    assert "| 2020-03 | 10 |" in text and "| 2021 | 25 |" in text
    assert "编辑分类 editorial classification" in text
    assert "有来源 sourced: A fictional paper" in text
    assert "论文 Paper</span> A fictional paper about fictional certificates — Fictional Author" in text
    assert "(<https://fictional.invalid/notice-2020>)" in text


def test_certificate_page_links_to_its_yaml_and_json(docs):
    text = read(docs, "certificates/fictional-alpha.md")
    assert (
        "(<https://github.com/x-catalogue/x-catalogue/edit/main/tests/fixtures/fictional/catalogue/certificates/fictional-alpha.yaml>)"
        in text
    )
    assert 'href="../../api/certificates/fictional-alpha.json"' in text


def test_history_is_a_timeline_starting_with_the_batch(docs):
    text = read(docs, "certificates/fictional-iota.md")
    timeline = text[text.index('<ol class="x-timeline"') : text.index("</ol>")]
    order = [
        timeline.index(label) for label in ("发布 Introduced", "更换评价组织", "暂停 Suspended", "恢复 Reinstated")
    ]
    assert order == sorted(order)
    assert "fictional-org-b.md" in timeline  # the previous organization


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


def test_organization_page_separates_current_ended_and_former(docs):
    text = read(docs, "organizations/fictional-org-b.md")
    current = text[text.index("## 现有证书") : text.index("## 已结束的证书")]
    ended = text[text.index("## 已结束的证书") : text.index("## 曾颁发的证书")]
    former = text[text.index("## 曾颁发的证书") : text.index("## 来源")]
    assert "fictional-zeta.md" in current and "fictional-delta.md" not in current
    for retired in ("fictional-delta", "fictional-epsilon", "fictional-eta", "fictional-theta"):
        assert f"{retired}.md" in ended
    assert "fictional-iota.md" in former


def test_batch_page_shows_catalogued_share_and_basis(docs):
    text = read(docs, "batches/batch-2.md")
    assert "| 已收录证书 Catalogued | 1 / 40（2%） |" in text
    assert "推算数 derived" in text and "虚构推算。" in text
    assert "fictional-kappa.md" in text
    assert "公布数 announced" in read(docs, "batches/batch-1.md")


def test_field_and_major_pages_list_their_certificates(docs):
    health = read(docs, "fields/medicine-health.md")
    assert all(f"{c}.md" in health for c in ("fictional-delta", "fictional-epsilon", "fictional-zeta"))
    assert "fictional-alpha.md" not in health
    assert "fictional-alpha.md" in read(docs, "majors/860301.md")
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


# --- Charts and failures -----------------------------------------------------


def test_charts_are_written_and_shown_when_there_is_one(tmp_path, monkeypatch, fictional_model):
    monkeypatch.setattr(
        charts,
        "pilot_counts_svg",
        lambda c: "<svg xmlns='http://www.w3.org/2000/svg'/>" if c.id == "fictional-alpha" else None,
    )
    pages.write_pages(fictional_model, tmp_path)
    assert (tmp_path / "charts/certificates/fictional-alpha.svg").read_text().startswith("<svg")
    assert "](../charts/certificates/fictional-alpha.svg)" in read(tmp_path, "certificates/fictional-alpha.md")
    assert not (tmp_path / "charts/certificates/fictional-gamma.svg").exists()
    assert ".svg)" not in read(tmp_path, "certificates/fictional-gamma.md")


def test_a_broken_template_raises_a_template_error(tmp_path, fictional_model):
    broken = tmp_path / "templates"
    shutil.copytree(pages.TEMPLATES, broken)
    (broken / "certificate.md.j2").write_text("{{ c.no_such_attribute }}", encoding="utf-8")
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
    edit_link = f"(<{EDIT_BASE}tests/fixtures/fictional/catalogue/certificates/fictional-alpha.yaml>)"
    assert edit_link in read(first, "certificates/fictional-alpha.md")


# --- Last verified -------------------------------------------------------------


def test_last_verified_is_on_the_certificate_page_with_its_source(docs):
    gamma = read(docs, "certificates/fictional-gamma.md")
    assert '- **最近核实 Last verified**：2022-03-03 <span class="x-muted">（来源 sources: ' in gamma
    assert "虚构新闻报道" in gamma.split("最近核实", 1)[1].split("\n", 1)[0]  # fictional-report's title
    alpha = read(docs, "certificates/fictional-alpha.md")
    assert (
        '- **最近核实 Last verified**：— <span class="x-muted">（尚无官方清单确认 no official list has confirmed it yet）</span>'
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


def test_a_source_read_through_a_copy_says_who_carried_it(docs):
    cited = [line for line in read(docs, "certificates/fictional-alpha.md").splitlines() if "虚构通知二" in line]
    assert cited and cited[-1].endswith(
        " — 转载于 carried by: [虚构学校新闻页转载 Fictional school news page]"
        "(<https://fictional.invalid/school/news-1>)（2021-07-02 读取 read）"
    )
    direct = [
        line for line in read(docs, "certificates/fictional-alpha.md").splitlines() if "虚构通知（测试用）" in line
    ]
    assert direct and all("carried by" not in line for line in direct)


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
    assert row in read(docs, "organizations/fictional-org-b.md")
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
