"""The Atom feeds, part by part, read by hand from the fictional catalogue
(tests/fixtures/fictional/catalogue): each entry's id, title, link, date, content lines and
category, and which entries each feed holds in which order. Read as XML, as a feed reader would."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from tests.helpers import MODULE
from xcat.opendata import buildinfo, feeds
from xcat.opendata import files as exports
from xcat.opendata.records import Records
from xcat.settings import ROOT

SITE = "https://example.invalid/x/"
BUILT = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
ATOM = "{http://www.w3.org/2005/Atom}"
TAG = "tag:example.invalid,2026:"


@pytest.fixture(scope=MODULE)
def files(fictional_model):
    content = Records(SITE).catalogue(fictional_model)
    build = buildinfo.BuildInfo(buildinfo.version_of(content), BUILT, "SOURCE_DATE_EPOCH", SITE)
    return exports.open_data(fictional_model, build, ROOT / "schema")


def feed(files, path) -> ET.Element:
    return ET.fromstring(files[path])


def entries(files, path) -> dict[str, ET.Element]:
    return {e.findtext(f"{ATOM}id"): e for e in feed(files, path).iter(f"{ATOM}entry")}


def parts(entry: ET.Element) -> dict:
    link = entry.find(f"{ATOM}link")
    content = entry.find(f"{ATOM}content")
    category = entry.find(f"{ATOM}category")
    assert link is not None and content is not None and category is not None
    return {
        "title": entry.findtext(f"{ATOM}title"),
        "link": (link.get("href"), link.get("rel", "alternate")),  # RFC 4287: no rel means alternate
        "updated": entry.findtext(f"{ATOM}updated"),
        "content type": content.get("type"),
        "content": (content.text or "").split("\n"),
        "category term": category.get("term"),
        "category label": category.get("label"),
    }


def certificate_link(certificate_id):
    return (f"{SITE}certificates/{certificate_id}/", "alternate")


EXPECTED = {
    "certificates/fictional-alpha/replaced/2021-06-01": {
        "title": "被替代：虚构证书甲 · Replaced: Fictional certificate Alpha",
        "link": certificate_link("fictional-alpha"),
        "updated": "2021-06-01T00:00:00+00:00",
        "content type": "text",
        "content": [
            "日期 · Date: 2021-06-01",
            "后继证书 · Successor: 虚构证书乙 · Fictional certificate Beta（完全等同 · fully equivalent）",
            "说明 · Details: 由虚构证书乙替代。 · Replaced by Fictional certificate Beta.",
            "来源 · Sources: 虚构通知二（测试用）Second fictional notice",
        ],
        "category term": "replaced",
        "category label": "被替代 · Replaced",
    },
    "certificates/fictional-alpha/introduced/2020-01": {
        "title": "发布：虚构证书甲 · Introduced: Fictional certificate Alpha",
        "link": certificate_link("fictional-alpha"),
        "updated": "2020-01-01T00:00:00+00:00",  # a month counts from its first day
        "content type": "text",
        "content": [
            "日期 · Date: 2020-01",
            "批次 · Batch: 虚构第一批 · Fictional first batch",
            "来源 · Sources: 虚构通知（测试用）Fictional notice for tests",
        ],
        "category term": "introduced",
        "category label": "发布 · Introduced",
    },
    "certificates/fictional-gamma/renamed/2022-06": {
        "title": "更名：虚构证书丙 · Renamed: Fictional certificate Gamma",
        "link": certificate_link("fictional-gamma"),
        "updated": "2022-06-01T00:00:00+00:00",
        "content type": "text",
        "content": [
            "日期 · Date: 2022-06",
            "原名称 · Former name: 虚构证书丙旧名 · Fictional certificate Gamma (old name)",
            "来源 · Sources: 虚构新闻报道 Fictional news report",
        ],
        "category term": "renamed",
        "category label": "更名 · Renamed",
    },
    "certificates/fictional-iota/organization_changed/2020-09": {
        "title": "更换评价组织：虚构工业机器人证书 · Organization changed: Fictional industrial robot certificate",
        "link": certificate_link("fictional-iota"),
        "updated": "2020-09-01T00:00:00+00:00",
        "content type": "text",
        "content": [
            "日期 · Date: 2020-09",
            "原评价组织 · Former organization: 虚构评价组织乙 · Fictional Evaluation Organization B",
            "来源 · Sources: 虚构通知（测试用）Fictional notice for tests",
        ],
        "category term": "organization_changed",
        "category label": "更换评价组织 · Organization changed",
    },
    "certificates/fictional-eta/withdrawn/2021-09": {
        "title": "退出：虚构证书庚 · Withdrawn: Fictional certificate Eta",
        "link": certificate_link("fictional-eta"),
        "updated": "2021-09-01T00:00:00+00:00",
        "content type": "text",
        "content": [
            "日期 · Date: 2021-09",
            "说明 · Details: 虚构组织主动退出。 · The fictional organization withdrew it voluntarily.",
            "来源 · Sources: 虚构通知二（测试用）Second fictional notice",
        ],
        "category term": "withdrawn",
        "category label": "退出 · Withdrawn",
    },
    # A programme event is one entry, whatever number of certificates it reached; it links to the handover page.
    "programme-events/fictional-handover/transferred/2023": {
        "title": "移交人社部门：虚构移交（测试用） · Transferred to the human-resources system: Fictional handover (for tests)",
        "link": (f"{SITE}handover/", "alternate"),
        "updated": "2023-01-01T00:00:00+00:00",
        "content type": "text",
        "content": [
            "日期 · Date: 2023",
            "期限 · Deadline: 2023-12-31",
            "适用于 · Applies to: 所列证书 · the listed certificates（2 个证书 · 2 certificates）",
            "说明 · Details: 虚构证书移交虚构部门；日期只知年份。 · The fictional certificates move to a fictional authority; only the year is known.",
            "来源 · Sources: 虚构新闻报道 Fictional news report",
        ],
        "category term": "transferred",
        "category label": "移交人社部门 · Transferred to the human-resources system",
    },
}


# Each entry is the same in the whole catalogue's feed and in its organization's feed.
FEED_OF = {
    "fictional-handover": "feeds/organizations/fictional-org-b.xml",  # via iota, which org B issued before
    "fictional-alpha": "feeds/organizations/fictional-org-a.xml",
    "fictional-gamma": "feeds/organizations/fictional-org-a.xml",
    "fictional-iota": "feeds/organizations/fictional-org-a.xml",
    "fictional-eta": "feeds/organizations/fictional-org-b.xml",
}


@pytest.mark.parametrize(
    "path, entry, part",
    [
        (path, entry, part)
        for entry, record in EXPECTED.items()
        for path in ("feeds/changes.xml", FEED_OF[entry.split("/")[1]])
        for part in record
    ],
)
def test_entry_part(files, path, entry, part):
    assert parts(entries(files, path)[TAG + entry])[part] == EXPECTED[entry][part]


# Every dated event, newest first; same date: by certificate id, descending. Kappa's batch has no date.
# The programme event once, not once for gamma and once for iota.
CHANGES = [
    "programme-events/fictional-handover/transferred/2023",
    "certificates/fictional-gamma/renamed/2022-06",
    "certificates/fictional-theta/revoked/2022-03-03",
    "certificates/fictional-gamma/introduced/2022-03-03",
    "certificates/fictional-beta/replaced/2022-03-03",
    "certificates/fictional-iota/reinstated/2022",
    "certificates/fictional-eta/withdrawn/2021-09",
    "certificates/fictional-beta/introduced/2021-06-01",
    "certificates/fictional-alpha/replaced/2021-06-01",
    "certificates/fictional-zeta/introduced/2021-06",
    "certificates/fictional-epsilon/merged/2021-06",
    "certificates/fictional-delta/merged/2021-06",
    "certificates/fictional-iota/suspended/2021",
    "certificates/fictional-iota/organization_changed/2020-09",
    "certificates/fictional-theta/introduced/2020-01",
    "certificates/fictional-iota/introduced/2020-01",
    "certificates/fictional-eta/introduced/2020-01",
    "certificates/fictional-epsilon/introduced/2020-01",
    "certificates/fictional-delta/introduced/2020-01",
    "certificates/fictional-alpha/introduced/2020-01",
]
ORG_A = {
    "fictional-handover",
    "fictional-alpha",
    "fictional-beta",
    "fictional-gamma",
    "fictional-iota",
    "fictional-kappa",
}
# Organization B's feed keeps iota, which it issued until 2020-09.
ORG_B = {
    "fictional-handover",
    "fictional-delta",
    "fictional-epsilon",
    "fictional-eta",
    "fictional-theta",
    "fictional-zeta",
    "fictional-iota",
}


# A field's feed: the certificates classed in it (gamma is in both); the programme event once.
# Kappa (electronics) has no dated event. A major's feed: the certificates linked to it (alpha ended
# before the handover, so the handover is not in its history).
EQUIPMENT = {"fictional-handover", "fictional-alpha", "fictional-beta", "fictional-gamma", "fictional-iota"}
ELECTRONICS = {"fictional-handover", "fictional-gamma", "fictional-kappa"}
MAJOR_860301 = {"fictional-alpha"}


FEED_ENTRIES = {
    "feeds/changes.xml": CHANGES,
    "feeds/organizations/fictional-org-a.xml": [e for e in CHANGES if e.split("/")[1] in ORG_A],
    "feeds/organizations/fictional-org-b.xml": [e for e in CHANGES if e.split("/")[1] in ORG_B],
    "feeds/fields/equipment-manufacturing.xml": [e for e in CHANGES if e.split("/")[1] in EQUIPMENT],
    "feeds/fields/electronics-information.xml": [e for e in CHANGES if e.split("/")[1] in ELECTRONICS],
    "feeds/majors/860301.xml": [e for e in CHANGES if e.split("/")[1] in MAJOR_860301],
}


def test_every_feed_is_in_the_tables(files):
    """A feed the build writes that no table here describes fails: add it to FEED_ENTRIES and FEEDS
    (the fields without certificates of the fictional catalogue's own classification aside)."""
    written = {path for path in files if path.startswith("feeds/")}
    described = set(FEED_ENTRIES) | set(FEEDS)
    assert written - described == {"feeds/fields/finance-commerce.xml", "feeds/fields/medicine-health.xml"}
    assert "feeds/majors/860302K.xml" not in written  # a major without linked certificates has no page, no feed


@pytest.mark.parametrize("path", list(FEED_ENTRIES))
def test_feed_entries_in_order(files, path):
    assert list(entries(files, path)) == [TAG + e for e in FEED_ENTRIES[path]]


FEEDS = {
    "feeds/changes.xml": {
        "id": TAG + "changes",
        "title": "1+X 证书目录变更 · 1+X certificate catalogue changes",
        "updated": "2023-01-01T00:00:00+00:00",  # its newest entry (the fictional handover), not the build date
        "self": SITE + "feeds/changes.xml",
        "alternate": SITE,
    },
    "feeds/organizations/fictional-org-b.xml": {
        "id": TAG + "organizations/fictional-org-b/changes",
        "title": "虚构评价组织乙 的证书变更 · Changes: Fictional Evaluation Organization B",
        "updated": "2023-01-01T00:00:00+00:00",
        "self": SITE + "feeds/organizations/fictional-org-b.xml",
        "alternate": SITE + "organizations/fictional-org-b/",
    },
    "feeds/fields/equipment-manufacturing.xml": {
        "id": TAG + "fields/equipment-manufacturing/changes",
        "title": "装备制造 专业大类的证书变更 · Changes: Equipment manufacturing",
        "updated": "2023-01-01T00:00:00+00:00",
        "self": SITE + "feeds/fields/equipment-manufacturing.xml",
        "alternate": SITE + "fields/equipment-manufacturing/",
    },
    "feeds/majors/860301.xml": {
        "id": TAG + "majors/860301/changes",
        "title": "860301 虚构专业 的关联证书变更 · Changes: Fictional major",
        "updated": "2021-06-01T00:00:00+00:00",  # its certificate alpha was replaced before the handover
        "self": SITE + "feeds/majors/860301.xml",
        "alternate": SITE + "majors/860301/",
    },
}


@pytest.mark.parametrize("path, part", [(path, part) for path, record in FEEDS.items() for part in record])
def test_feed_part(files, path, part):
    root = feed(files, path)
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    found = {
        "id": root.findtext(f"{ATOM}id"),
        "title": root.findtext(f"{ATOM}title"),
        "updated": root.findtext(f"{ATOM}updated"),
        "self": links.get("self"),
        "alternate": links.get("alternate"),
    }
    assert found[part] == FEEDS[path][part]


@pytest.mark.parametrize("path", FEEDS)
def test_every_feed_says_its_language_author_link_types_and_generator(files, path):
    root = feed(files, path)
    author = root.find(f"{ATOM}author")
    generator = root.find(f"{ATOM}generator")
    assert author is not None and generator is not None
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-CN"
    assert (author.findtext(f"{ATOM}name"), author.findtext(f"{ATOM}uri")) == (
        "1+X 证书目录 · 1+X certificate catalogue",
        SITE,
    )
    types = {link.get("rel"): link.get("type") for link in root.findall(f"{ATOM}link")}
    assert types == {"self": "application/atom+xml", "alternate": "text/html"}
    assert (generator.text, generator.get("uri")) == ("xcat", SITE)


def test_a_feed_is_utf_8_one_element_a_line_so_two_builds_compare_line_by_line(files):
    lines = files["feeds/changes.xml"].decode("utf-8").split("\n")
    assert lines[:3] == [
        "<?xml version='1.0' encoding='UTF-8'?>",
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
        f"  <id>{TAG}changes</id>",
    ]


def test_a_feed_without_dated_entries_is_as_new_as_the_build():
    build = buildinfo.BuildInfo("0" * 12, BUILT, "SOURCE_DATE_EPOCH", SITE)
    empty = feeds._feed(build, path="feeds/x.xml", feed_id=TAG + "x", title="虚构", alternate=SITE, events=[])
    assert ET.fromstring(empty).findtext(f"{ATOM}updated") == "2026-01-02T03:04:05+00:00"


def event_like(**given) -> SimpleNamespace:
    """A certificate's event with nothing but what is given (a stand-in for the model's Event)."""
    nothing = {"programme_event": None, "from_batch": None, "previous_name": None, "previous_organization": None}
    return SimpleNamespace(
        **{
            **nothing,
            "date": "2023",
            "type": "withdrawn",
            "certificate": SimpleNamespace(id="fictional-x"),
            "successors": [],
            "details": None,
            "sources": [],
            **given,
        }
    )


def test_an_entry_says_a_programme_reached_every_certificate_and_lists_each_source():
    programme = SimpleNamespace(id="fictional-p", certificates=["a", "b", "c"], deadline=None, applies_to_all=True)
    sources = [SimpleNamespace(title="虚构甲"), SimpleNamespace(title="虚构乙")]
    assert feeds.entry_text(event_like(programme_event=programme, sources=sources)).split("\n") == [
        "日期 · Date: 2023",
        "适用于 · Applies to: 全部证书 · all certificates（3 个证书 · 3 certificates）",
        "来源 · Sources: 虚构甲; 虚构乙",
    ]


def test_the_same_kind_of_event_on_one_day_is_numbered_in_its_feed():
    build, used = buildinfo.BuildInfo("0" * 12, BUILT, "SOURCE_DATE_EPOCH", SITE), {}
    ids = [feeds._entry_id(event_like(), build, used) for _ in range(3)]
    ids.append(feeds._entry_id(event_like(type="introduced"), build, used))
    base = TAG + "certificates/fictional-x/"
    assert ids == [
        base + "withdrawn/2023",
        base + "withdrawn/2023/2",
        base + "withdrawn/2023/3",
        base + "introduced/2023",
    ]


def test_a_site_address_without_a_host_tags_its_feeds_under_localhost():
    build = buildinfo.BuildInfo("0" * 12, BUILT, "SOURCE_DATE_EPOCH", "/")
    assert feeds._tag(build, "changes") == TAG.replace("example.invalid", "localhost") + "changes"
