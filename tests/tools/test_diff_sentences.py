"""`build.py diff`: the exact sentences of the change report, one test per kind of change, in
text and in Markdown. Every expected sentence is written by hand from the edits below and the
fictional catalogue (tests/fixtures/fictional/catalogue): a change the report drops, misnames or
describes with the other side's value fails with its kind named.

None of the sentences below holds a character that Markdown escaping changes (checked by hand:
no * _ < > | [ ] @ ~ & $ or backslash, and no line starting with - + # > =), so both formats
must carry the same sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import MODULE, edit, write
from tests.tools.test_diff import commit, diff, git, new_repo

OLD_MAJOR = '  - id: "860303"\n    name:\n      zh: 虚构旧专业\n      en: Fictional old major\n    level: 高职专科\n    category: "8603"\n'

# In the base only, so that the head can remove them.
BASE_EXTRAS = {
    "organizations/fictional-org-d.yaml": """\
id: fictional-org-d
name:
  zh: 虚构评价组织丁
  en: Fictional Evaluation Organization D
maintainers: []
sources: [fictional-report]
""",
    "batches/batch-3.yaml": """\
id: batch-3
number: 3
name:
  zh: 虚构第三批
  en: Fictional third batch
sources: [fictional-report]
""",
    "batches/batch-4.yaml": """\
id: batch-4
number: 4
name:
  zh: 虚构第四批
  en: Fictional fourth batch
date: 2023-01
sources: [fictional-report]
""",
    "sources/fictional-old-note.yaml": """\
id: fictional-old-note
title: 虚构旧说明 Fictional old note
kind: secondary
""",
}

# The programme event is not in the base; the head adds it for every certificate.
HANDOVER = "programme-events/fictional-handover.yaml"

HEAD_FILES = {
    "certificates/fictional-lambda.yaml": """\
id: fictional-lambda
name:
  zh: 虚构证书子
  en: Fictional certificate Lambda
organization: fictional-org-a
batch: batch-2
history:
  - type: withdrawn
    date: 2023-01
    sources: [fictional-report]
sources: [fictional-report]
""",
    "organizations/fictional-org-c.yaml": """\
id: fictional-org-c
name:
  zh: 虚构评价组织丙
  en: Fictional Evaluation Organization C
maintainers: []
sources: [fictional-report]
""",
    "batches/batch-5.yaml": """\
id: batch-5
number: 5
name:
  zh: 虚构第五批
  en: Fictional fifth batch
sources: [fictional-report]
""",
    "sources/fictional-notice-2023.yaml": """\
id: fictional-notice-2023
title: 虚构通知三 Third fictional notice
kind: official
""",
}

# (file, old text, new text): each edit made to the base to give the head.
HEAD_EDITS = [
    # eta: renamed without an event; given a level with neither title nor fee, and one with a fee only.
    ("certificates/fictional-eta.yaml", "zh: 虚构证书庚\n", "zh: 虚构证书庚新\n"),
    (
        "certificates/fictional-eta.yaml",
        "fields: [finance-commerce]\n",
        "fields: [finance-commerce]\nlevels:\n  - level: 初级\n    sources: [fictional-notice-2020]\n"
        "  - level: 中级\n    fee: 150\n    sources: [fictional-notice-2020]\n",
    ),
    # kappa: suspended, with details.
    (
        "certificates/fictional-kappa.yaml",
        "sources: [fictional-report]\nsources: [fictional-report]\n",
        """sources: [fictional-report]
history:
  - type: suspended
    date: 2023-02
    details:
      zh: 虚构暂停原因。
      en: Suspended for a fictional reason.
    sources: [fictional-report]
sources: [fictional-report]
""",
    ),
    # iota: its organization change removed from its history.
    (
        "certificates/fictional-iota.yaml",
        "  - type: organization_changed\n    date: 2020-09\n    previous_organization: fictional-org-b\n"
        "    sources: [fictional-notice-2020]\n",
        "",
    ),
    # beta: the same successor, now fully equivalent.
    ("certificates/fictional-beta.yaml", "equivalence: partial", "equivalence: full"),
    # gamma: moved from organization A to B, with the event.
    ("certificates/fictional-gamma.yaml", "organization: fictional-org-a", "organization: fictional-org-b"),
    (
        "certificates/fictional-gamma.yaml",
        "    sources: [fictional-report]\nlast_verified:\n",
        """    sources: [fictional-report]
  - type: organization_changed
    date: 2023-04
    previous_organization: fictional-org-a
    sources: [fictional-report]
last_verified:
""",
    ),
    # epsilon: from batch 1 (2020-01) to batch 2 (undated).
    ("certificates/fictional-epsilon.yaml", "batch: batch-1", "batch: batch-2"),
    # alpha: a new pilot count; level 初级 removed, 中级 given a title and its fee taken away, 高级 added.
    (
        "certificates/fictional-alpha.yaml",
        "    sources: [fictional-report]\nhistory:",
        "    sources: [fictional-report]\n  - count: 30\n    as_of: 2022\n    sources: [fictional-report]\nhistory:",
    ),
    (
        "certificates/fictional-alpha.yaml",
        """  - level: 初级
    title: 虚构初级
    fee: 100
    sources: [fictional-notice-2020]
  - level: 中级
    fee: 200
    sources: [fictional-notice-2020]
""",
        """  - level: 中级
    title: 虚构中级
    sources: [fictional-notice-2020]
  - level: 高级
    title: 虚构高级
    fee: 300
    sources: [fictional-notice-2020]
""",
    ),
    # delta: fields and description, which the report names but does not describe.
    (
        "certificates/fictional-delta.yaml",
        "fields: [medicine-health]",
        "fields: [medicine-health, finance-commerce]\ndescription:\n  zh: 虚构说明。",
    ),
    # zeta: renamed, then replaced by gamma.
    ("certificates/fictional-zeta.yaml", "zh: 虚构证书己\n", "zh: 虚构证书己新\n"),
    (
        "certificates/fictional-zeta.yaml",
        "    sources: [fictional-notice-2021]\nsources",
        """    sources: [fictional-notice-2021]
  - type: renamed
    date: 2023-01
    previous_name:
      zh: 虚构证书己
      en: Fictional certificate Zeta
    sources: [fictional-report]
  - type: replaced
    date: 2023-03
    successors:
      - certificate: fictional-gamma
        equivalence: partial
    sources: [fictional-report]
sources""",
    ),
    # Organizations: A renamed, its maintainer gone, its website changed; B gains a maintainer.
    ("organizations/fictional-org-a.yaml", "zh: 虚构评价组织甲\n", "zh: 虚构评价组织甲新\n"),
    ("organizations/fictional-org-a.yaml", "maintainers: [fictional-maintainer]", "maintainers: []"),
    ("organizations/fictional-org-a.yaml", "fictional.invalid/org-a", "fictional.invalid/org-a-new"),
    ("organizations/fictional-org-b.yaml", "maintainers: []", "maintainers: [fictional-reviewer]"),
    # Batches: 1 renamed; 4 redated and given an announcer.
    ("batches/batch-1.yaml", "en: Fictional first batch\n", "en: Fictional first batch (corrected)\n"),
    ("batches/batch-4.yaml", "date: 2023-01\n", "date: 2023-02\nannounced_by:\n  zh: 虚构主管部门\n"),
    # Sources: the paper retitled, with a second author.
    (
        "sources/fictional-paper.yaml",
        "title: A fictional paper about fictional certificates\n",
        "title: A fictional paper about fictional certificates, revised\n",
    ),
    ("sources/fictional-paper.yaml", "authors: [Fictional Author]", "authors: [Fictional Author, Second Author]"),
    # Fields: one renamed, one added, agriculture (base only) removed.
    ("fields.yaml", "en: Finance and commerce", "en: Finance and trade"),
    (
        "fields.yaml",
        '  - id: agriculture\n    name:\n      zh: 农林牧渔\n      en: Agriculture\n    categories: ["84"]\n',
        '  - id: transport\n    name:\n      zh: 交通运输\n      en: Transport\n    categories: ["85"]\n',
    ),
    # Majors: one renamed, one added, one (base only) removed.
    ("majors.yaml", "zh: 虚构专业\n", "zh: 虚构专业新\n"),
    (
        "majors.yaml",
        OLD_MAJOR,
        OLD_MAJOR.replace("860303", "860304").replace("旧", "新").replace("old", "new"),
    ),
]

CERTIFICATES_CHANGED = "有变化的证书 Certificates changed"
ORGANIZATIONS = "评价组织 Organizations"
BATCHES = "批次 Batches"
SOURCES = "来源 Sources"
FIELDS = "领域 Fields"
MAJORS = "专业 Majors"
PROGRAMME_EVENTS = "全局事件 Programme events"

# kind of change -> (section heading, item, its sentences in order)
EXPECTED = {
    "certificate added": (
        "新增证书 Certificates added",
        "虚构证书子 Fictional certificate Lambda (fictional-lambda)",
        [
            "评价组织 organization: 虚构评价组织甲新 Fictional Evaluation Organization A",  # the head's name
            "批次 batch: 虚构第二批 Fictional second batch",
            "状态 status: 已退出 Withdrawn",
        ],
    ),
    "certificate removed": (
        "删除的证书 Certificates removed",
        "虚构证书辛 Fictional certificate Theta (fictional-theta)",
        [
            "证书不应删除：请在 history 中记录其退出或替代。 Certificates are never deleted: "
            "record their end in history instead."
        ],
    ),
    "certificate renamed, levels added without a title": (
        CERTIFICATES_CHANGED,
        "虚构证书庚新 Fictional certificate Eta (fictional-eta)",
        [
            "名称 name: 虚构证书庚 Fictional certificate Eta → 虚构证书庚新 Fictional certificate Eta",
            "等级 level 初级: 新增 added",  # neither title nor fee: no brackets
            "等级 level 中级: 新增 added (150 元 yuan)",
        ],
    ),
    "status changed, history event added": (
        CERTIFICATES_CHANGED,
        "虚构证书癸 Fictional certificate Kappa (fictional-kappa)",
        [
            "状态 status: 有效 Active → 暂停 Suspended",
            "新事件 new event: 2023-02 暂停 Suspended — 虚构暂停原因。 Suspended for a fictional reason.",
        ],
    ),
    "history event removed": (
        CERTIFICATES_CHANGED,
        "虚构工业机器人证书 Fictional industrial robot certificate (fictional-iota)",
        ["删除的事件 event removed: 2020-09 更换评价组织 Organization changed"],
    ),
    "successor changed": (
        CERTIFICATES_CHANGED,
        "虚构证书乙 Fictional certificate Beta (fictional-beta)",
        [
            "状态 status: 已替代 Replaced → 已替代 Replaced; 后继证书 succeeded by: "
            "虚构证书丙 Fictional certificate Gamma (fictional-gamma, 完全等同 fully equivalent)",
            "新事件 new event: 2022-03-03 被替代 Replaced → 虚构证书丙 Fictional certificate Gamma (fictional-gamma)",
            "删除的事件 event removed: 2022-03-03 被替代 Replaced",
        ],
    ),
    "replaced, with successor and a rename before": (
        CERTIFICATES_CHANGED,
        "虚构证书己新 Fictional certificate Zeta (fictional-zeta)",
        [
            "名称 name: 虚构证书己 Fictional certificate Zeta → 虚构证书己新 Fictional certificate Zeta",
            "状态 status: 有效 Active → 已替代 Replaced; 后继证书 succeeded by: "
            "虚构证书丙 Fictional certificate Gamma (fictional-gamma, 部分等同 partly equivalent)",
            "新事件 new event: 2023-01 更名 Renamed (原名 formerly 虚构证书己 Fictional certificate Zeta)",
            "新事件 new event: 2023-03 被替代 Replaced → 虚构证书丙 Fictional certificate Gamma (fictional-gamma)",
        ],
    ),
    "certificate organization changed": (
        CERTIFICATES_CHANGED,
        "虚构证书丙 Fictional certificate Gamma (fictional-gamma)",
        [
            # The event names the organization as the head has it; the change, each side's own name.
            "新事件 new event: 2023-04 更换评价组织 Organization changed "
            "(原评价组织 previously 虚构评价组织甲新 Fictional Evaluation Organization A)",
            "评价组织 organization: 虚构评价组织甲 Fictional Evaluation Organization A → "
            "虚构评价组织乙 Fictional Evaluation Organization B",
        ],
    ),
    "certificate batch changed": (
        CERTIFICATES_CHANGED,
        "虚构证书戊 Fictional certificate Epsilon (fictional-epsilon)",
        [
            "新事件 new event: ? 发布 Introduced",  # batch 2 has no date
            "删除的事件 event removed: 2020-01 发布 Introduced",
            "批次 batch: 虚构第一批 Fictional first batch → 虚构第二批 Fictional second batch",
        ],
    ),
    "pilot count and levels changed": (
        CERTIFICATES_CHANGED,
        "虚构证书甲 Fictional certificate Alpha (fictional-alpha)",
        [
            "试点院校数 pilot institutions: 25 → 30 (截至 as of 2022)",
            "等级 level 初级: 删除 removed",
            "等级 level 中级 名称 title: — → 虚构中级",
            "等级 level 中级 费用 fee: 200 元 yuan → —",
            "等级 level 高级: 新增 added (虚构高级, 300 元 yuan)",
        ],
    ),
    "other certificate fields changed": (
        CERTIFICATES_CHANGED,
        "虚构证书丁 Fictional certificate Delta (fictional-delta)",
        ["其他字段 also changed: description, fields"],
    ),
    "organization renamed, maintainer removed, other field": (
        ORGANIZATIONS,
        "虚构评价组织甲新 Fictional Evaluation Organization A (fictional-org-a)",
        [
            "名称 name: 虚构评价组织甲 Fictional Evaluation Organization A → "
            "虚构评价组织甲新 Fictional Evaluation Organization A",
            "维护者 maintainers: -fictional-maintainer",
            "其他字段 also changed: website",
        ],
    ),
    "organization maintainer added": (
        ORGANIZATIONS,
        "虚构评价组织乙 Fictional Evaluation Organization B (fictional-org-b)",
        ["维护者 maintainers: +fictional-reviewer"],
    ),
    "organization added": (
        ORGANIZATIONS,
        "虚构评价组织丙 Fictional Evaluation Organization C (fictional-org-c)",
        ["新增 added"],
    ),
    "organization removed": (
        ORGANIZATIONS,
        "虚构评价组织丁 Fictional Evaluation Organization D (fictional-org-d)",
        ["删除 removed"],
    ),
    "batch renamed": (
        BATCHES,
        "虚构第一批 Fictional first batch (corrected) (batch-1)",
        ["名称 name: 虚构第一批 Fictional first batch → 虚构第一批 Fictional first batch (corrected)"],
    ),
    "batch removed": (BATCHES, "虚构第三批 Fictional third batch (batch-3)", ["删除 removed"]),
    "batch date and other field changed": (
        BATCHES,
        "虚构第四批 Fictional fourth batch (batch-4)",
        ["日期 date: 2023-01 → 2023-02", "其他字段 also changed: announced_by"],
    ),
    "batch added": (BATCHES, "虚构第五批 Fictional fifth batch (batch-5)", ["新增 added"]),
    "source added": (SOURCES, "虚构通知三 Third fictional notice (fictional-notice-2023)", ["新增 added"]),
    "source removed": (SOURCES, "虚构旧说明 Fictional old note (fictional-old-note)", ["删除 removed"]),
    "source changed": (
        SOURCES,
        "A fictional paper about fictional certificates, revised (fictional-paper)",
        [
            "标题 title: A fictional paper about fictional certificates → "
            "A fictional paper about fictional certificates, revised",
            "其他字段 also changed: authors",
        ],
    ),
    "field removed": (FIELDS, "农林牧渔 Agriculture (agriculture)", ["删除 removed"]),
    "field renamed": (
        FIELDS,
        "财经商贸 Finance and trade (finance-commerce)",
        ["名称 name: 财经商贸 Finance and commerce → 财经商贸 Finance and trade"],
    ),
    "field added": (FIELDS, "交通运输 Transport (transport)", ["新增 added"]),
    "major renamed": (
        MAJORS,
        "虚构专业新 Fictional major (860301)",
        ["名称 name: 虚构专业 Fictional major → 虚构专业新 Fictional major"],
    ),
    "major added": (MAJORS, "虚构新专业 Fictional new major (860304)", ["新增 added"]),
    "major removed": (MAJORS, "虚构旧专业 Fictional old major (860303)", ["删除 removed"]),
    # Once, however many certificates it reaches (gamma, iota and kappa, which it makes transferred,
    # are not reported one by one); the others had ended before 2023.
    "programme event added": (
        PROGRAMME_EVENTS,
        "虚构移交（测试用） Fictional handover (for tests) (fictional-handover)",
        [
            "新增 added: 2023 移交人社部门 Transferred to the human-resources system — "
            "虚构证书移交虚构部门；日期只知年份。 The fictional certificates move to a fictional authority; "
            "only the year is known.",
            "全部 3 个证书的状态变为已移交人社部门（另 7 个不在其列：此前已结束或已移交，或此后才发布） · all 3 certificates become "
            "No longer assessed under 1+X / transferred (7 others not reached: ended or handed over before it, or introduced after it)",
        ],
    ),
}

# Sections in the report's order; items in each by id.
SECTIONS = [
    ("新增证书 Certificates added", ["fictional-lambda"]),
    ("删除的证书 Certificates removed", ["fictional-theta"]),
    (
        CERTIFICATES_CHANGED,
        [
            "fictional-alpha",
            "fictional-beta",
            "fictional-delta",
            "fictional-epsilon",
            "fictional-eta",
            "fictional-gamma",
            "fictional-iota",
            "fictional-kappa",
            "fictional-zeta",
        ],
    ),
    (ORGANIZATIONS, ["fictional-org-a", "fictional-org-b", "fictional-org-c", "fictional-org-d"]),
    (BATCHES, ["batch-1", "batch-3", "batch-4", "batch-5"]),
    (SOURCES, ["fictional-notice-2023", "fictional-old-note", "fictional-paper"]),
    (FIELDS, ["agriculture", "finance-commerce", "transport"]),
    (MAJORS, ["860301", "860303", "860304"]),
    (PROGRAMME_EVENTS, ["fictional-handover"]),
]


@pytest.fixture(scope=MODULE)
def repo(tmp_path_factory) -> Path:
    repo = tmp_path_factory.mktemp("sentences")
    catalogue = new_repo(repo)
    for relative, text in BASE_EXTRAS.items():
        write(catalogue, relative, text)
    edit(
        catalogue,
        "fields.yaml",
        '    categories: ["83"]\n',
        '    categories: ["83"]\n  - id: agriculture\n    name:\n      zh: 农林牧渔\n      en: Agriculture\n    categories: ["84"]\n',
    )
    edit(
        catalogue,
        "majors.yaml",
        "categories:\n",
        'categories:\n  - {code: "84", name: {zh: 农林牧渔大类}, level: 高职专科}\n'
        '  - {code: "85", name: {zh: 交通运输大类}, level: 高职专科}\n',
    )
    edit(catalogue, "majors.yaml", "majors:\n", "majors:\n" + OLD_MAJOR)
    handover = (catalogue / HANDOVER).read_text(encoding="utf-8")
    (catalogue / HANDOVER).unlink()
    commit(repo, "base")
    git(repo, "tag", "base")
    write(
        catalogue,
        HANDOVER,
        handover.replace("applies_to: [fictional-eta, fictional-gamma, fictional-iota]", "applies_to: all"),
    )
    for relative, text in HEAD_FILES.items():
        write(catalogue, relative, text)
    for relative, old, new in HEAD_EDITS:
        edit(catalogue, relative, old, new)
    for relative in (
        "certificates/fictional-theta.yaml",
        "organizations/fictional-org-d.yaml",
        "batches/batch-3.yaml",
        "sources/fictional-old-note.yaml",
    ):
        (catalogue / relative).unlink()
    commit(repo, "head")
    return repo


PREFIXES = {
    "text": {"heading": "", "item": "  * ", "detail": "      "},
    "markdown": {"heading": "#### ", "item": "- ", "detail": "  - "},
}


def parse(out: str, style: str) -> dict[str, dict[str, list[str]]]:
    """The report's sections (heading with its count) -> items -> sentences, read by the line
    prefixes of each format."""
    prefix = PREFIXES[style]
    sections: dict[str, dict[str, list[str]]] = {}
    section = item = None
    for line in out.splitlines():
        if line.startswith(prefix["detail"]) and item is not None:
            section[item].append(line.removeprefix(prefix["detail"]))
        elif line.startswith(prefix["item"]) and section is not None:
            item = line.removeprefix(prefix["item"])
            section[item] = []
        elif line.startswith(prefix["heading"]) and line.endswith(")") and not line.startswith(("比较", "### ")):
            section = sections[line.removeprefix(prefix["heading"])] = {}
            item = None
    return sections


def without_count(heading: str) -> str:
    return heading.rsplit(" (", 1)[0]


def ident(item: str) -> str:
    return item.rsplit(" (", 1)[1].removesuffix(")")


@pytest.fixture(scope=MODULE)
def reports(repo) -> dict[str, dict[str, dict[str, list[str]]]]:
    return reports_of(repo)


def reports_of(repo: Path) -> dict[str, dict[str, dict[str, list[str]]]]:
    """The report of base → HEAD in each style, parsed: section -> item -> its sentences."""
    found = {}
    for style in PREFIXES:
        code, out, err = diff(repo, "base", "HEAD", "--format", style)
        assert (code, err) == (0, ""), out
        found[style] = parse(out, style)
    return found


@pytest.mark.parametrize("style", list(PREFIXES))
@pytest.mark.parametrize("kind", list(EXPECTED))
def test_change_is_described(reports, style, kind):
    heading, item, sentences = EXPECTED[kind]
    section = {without_count(h): items for h, items in reports[style].items()}.get(heading, {})
    assert section.get(item) == sentences


@pytest.mark.parametrize("style", list(PREFIXES))
def test_sections_with_their_counts_and_items_in_order(reports, style):
    found = [(heading, [ident(item) for item in items]) for heading, items in reports[style].items()]
    assert found == [(f"{heading} ({len(idents)})", idents) for heading, idents in SECTIONS]


def test_every_item_is_in_the_table():
    listed = {(heading, i) for heading, idents in SECTIONS for i in idents}
    assert {(heading, ident(item)) for heading, item, _ in EXPECTED.values()} == listed


def whole_report(repo: Path, style: str, expected: dict, sections: list) -> list[str]:
    """Every line the report of base → HEAD should have, in order, blank lines included: the title,
    the revisions compared, then each section set apart by an empty line (in Markdown the note too)."""
    prefix = PREFIXES[style]
    base, head = (git(repo, "rev-parse", "--short", revision) for revision in ("base", "HEAD"))
    lines = ["目录变化 What changed in the catalogue", f"比较 Comparing base ({base}) → HEAD ({head})"]
    if style == "markdown":
        lines = ["### " + lines[0], "", lines[1]]
    described = {(heading, ident(item)): (item, sentences) for heading, item, sentences in expected.values()}
    for heading, idents in sections:
        lines += ["", f"{prefix['heading']}{heading} ({len(idents)})"]
        for i in idents:
            item, sentences = described[(heading, i)]
            lines += [prefix["item"] + item, *(prefix["detail"] + sentence for sentence in sentences)]
    return lines


@pytest.mark.parametrize("style", list(PREFIXES))
def test_the_whole_report_line_by_line(repo, style):
    """Every line of one report, from a diff run by this test itself. The tests above read one
    report made once for the module; this one makes its own."""
    code, out, err = diff(repo, "base", "HEAD", "--format", style)
    assert (code, err) == (0, "")
    assert out.split("\n") == [*whole_report(repo, style, EXPECTED, SECTIONS), ""]


# ---------------------------------------------------------------- a second pair of revisions
# The changes the first pair does not make: an event or a batch that has no date on one side, a
# pilot count or a batch that only one side has, two names in one list, maintainers reordered,
# a programme event for every certificate removed, and another changed.

PROGRAMME_EVENT = """\
id: {id}
name:
  zh: {zh}
  en: {en}
type: transferred
date: {date}
applies_to: {applies_to}
details:
  zh: 虚构移交说明。
  en: A fictional handover note.
sources: [fictional-report]
"""


def organization(letter: str, zh: str, maintainers: str) -> str:
    return f"""\
id: fictional-org-{letter.lower()}
name:
  zh: 虚构评价组织{zh}
  en: Fictional Evaluation Organization {letter}
maintainers: [{maintainers}]
sources: [fictional-report]
"""


def batch(number: int, zh: str, date: str) -> str:
    return f"""\
id: batch-{number}
number: {number}
name:
  zh: 虚构第{zh}批
  en: Fictional batch {number}
{date}sources: [fictional-report]
"""


SECOND_BASE_EXTRAS = {
    "organizations/fictional-org-c.yaml": organization("C", "丙", "fictional-x, fictional-y"),
    "organizations/fictional-org-d.yaml": organization("D", "丁", "fictional-p, fictional-q"),
    "batches/batch-3.yaml": batch(3, "三", "date: 2023-01\n"),
    "batches/batch-4.yaml": batch(4, "四", ""),
    "programme-events/fictional-dropped-handover.yaml": PROGRAMME_EVENT.format(
        id="fictional-dropped-handover",
        zh="虚构撤回的移交",
        en="Fictional dropped handover",
        date="2022-12",
        applies_to="all",
    ),
}

SECOND_HEAD_FILES = {
    "organizations/fictional-org-c.yaml": organization("C", "丙", ""),
    "organizations/fictional-org-d.yaml": organization("D", "丁", "fictional-q, fictional-p"),
    "batches/batch-3.yaml": batch(3, "三", ""),
    "batches/batch-4.yaml": batch(4, "四", "date: 2023-02\n"),
    "programme-events/fictional-added-handover.yaml": PROGRAMME_EVENT.format(
        id="fictional-added-handover",
        zh="虚构新增的移交",
        en="Fictional added handover",
        date="2023",
        applies_to="[fictional-eta]",
    ),
}

SECOND_HEAD_EDITS = [
    # alpha: its pilot counts removed, its 初级 level's title removed.
    (
        "certificates/fictional-alpha.yaml",
        """pilot_institutions:
  - count: 10
    as_of: 2020-03
    sources: [fictional-notice-2020]
  - count: 25
    as_of: 2021
    sources: [fictional-report]
""",
        "",
    ),
    ("certificates/fictional-alpha.yaml", "    title: 虚构初级\n", ""),
    # beta: a first pilot count, with no date.
    (
        "certificates/fictional-beta.yaml",
        "fields: [equipment-manufacturing]\n",
        "fields: [equipment-manufacturing]\npilot_institutions:\n  - count: 5\n    sources: [fictional-report]\n",
    ),
    # delta: merged into two certificates instead of one.
    (
        "certificates/fictional-delta.yaml",
        "        equivalence: partial\n",
        "        equivalence: partial\n      - certificate: fictional-beta\n        equivalence: none\n",
    ),
    # eta: its batch removed (and with it the introduced event the batch gave it).
    ("certificates/fictional-eta.yaml", "batch: batch-1\n", ""),
    # gamma: given a batch, where it had none (the batch introduces it now, not its own event).
    (
        "certificates/fictional-gamma.yaml",
        "organization: fictional-org-a\n",
        "organization: fictional-org-a\nbatch: batch-2\n",
    ),
    (
        "certificates/fictional-gamma.yaml",
        "  - type: introduced\n    date: 2022-03-03\n    sources: [fictional-report]\n",
        "",
    ),
    # iota: the previous organization of its organization change corrected, nothing else.
    (
        "certificates/fictional-iota.yaml",
        "previous_organization: fictional-org-b",
        "previous_organization: fictional-org-c",
    ),
    # kappa: moved from batch 2 (undated) to batch 1.
    ("certificates/fictional-kappa.yaml", "batch: batch-2", "batch: batch-1"),
    # zeta: a 高级 level, with a title only; no 初级 or 中级 on either side.
    (
        "certificates/fictional-zeta.yaml",
        "fields: [medicine-health]\n",
        "fields: [medicine-health]\nlevels:\n  - level: 高级\n    title: 虚构高级\n    sources: [fictional-report]\n",
    ),
    # organization A: one maintainer replaced by two.
    ("organizations/fictional-org-a.yaml", "[fictional-maintainer]", "[fictional-one, fictional-two]"),
    # The handover renamed, moved a year, given another deadline, applied to every certificate.
    (
        "programme-events/fictional-handover.yaml",
        "en: Fictional handover (for tests)",
        "en: Fictional handover (revised)",
    ),
    (
        "programme-events/fictional-handover.yaml",
        "date: 2023\ndeadline: 2023-12-31",
        "date: 2024\ndeadline: 2024-06-30",
    ),
    (
        "programme-events/fictional-handover.yaml",
        "applies_to: [fictional-eta, fictional-gamma, fictional-iota]",
        "applies_to: all",
    ),
]


@pytest.fixture(scope=MODULE)
def second_repo(tmp_path_factory) -> Path:
    repo = tmp_path_factory.mktemp("second")
    catalogue = new_repo(repo)
    for relative, text in SECOND_BASE_EXTRAS.items():
        write(catalogue, relative, text)
    # Organization C, which the head makes iota's previous one, is a third organization of batch 1.
    edit(catalogue, "batches/batch-1.yaml", "organizations: 2", "organizations: 3")
    commit(repo, "base")
    git(repo, "tag", "base")
    for relative, text in SECOND_HEAD_FILES.items():
        write(catalogue, relative, text)
    for relative, old, new in SECOND_HEAD_EDITS:
        edit(catalogue, relative, old, new)
    (catalogue / "programme-events/fictional-dropped-handover.yaml").unlink()
    commit(repo, "head")
    return repo


@pytest.fixture(scope=MODULE)
def second_reports(second_repo) -> dict[str, dict[str, dict[str, list[str]]]]:
    return reports_of(second_repo)


ALL_FOUR = (
    "全部 4 个证书的状态变为已移交人社部门（另 6 个不在其列：此前已结束或已移交，或此后才发布） · all 4 certificates become "
    "No longer assessed under 1+X / transferred (6 others not reached: ended or handed over before it, or introduced after it)"
)

# kind of change -> (section heading, item, its sentences in order), as in EXPECTED
SECOND_EXPECTED = {
    "pilot counts removed, level title removed": (
        CERTIFICATES_CHANGED,
        "虚构证书甲 Fictional certificate Alpha (fictional-alpha)",
        ["试点院校数 pilot institutions: 25 → —", "等级 level 初级 名称 title: 虚构初级 → —"],
    ),
    "first pilot count, with no date": (
        CERTIFICATES_CHANGED,
        "虚构证书乙 Fictional certificate Beta (fictional-beta)",
        ["试点院校数 pilot institutions: — → 5"],
    ),
    "merged into two certificates": (
        CERTIFICATES_CHANGED,
        "虚构证书丁 Fictional certificate Delta (fictional-delta)",
        [
            "状态 status: 已替代 Replaced → 已替代 Replaced; 后继证书 succeeded by: "
            "虚构证书己 Fictional certificate Zeta (fictional-zeta, 部分等同 partly equivalent), "
            "虚构证书乙 Fictional certificate Beta (fictional-beta, 不等同 not equivalent)",
            "新事件 new event: 2021-06 被合并 Merged → 虚构证书己 Fictional certificate Zeta (fictional-zeta), "
            "虚构证书乙 Fictional certificate Beta (fictional-beta)",
            "删除的事件 event removed: 2021-06 被合并 Merged",
        ],
    ),
    "batch removed": (
        CERTIFICATES_CHANGED,
        "虚构证书庚 Fictional certificate Eta (fictional-eta)",
        ["删除的事件 event removed: 2020-01 发布 Introduced", "批次 batch: 虚构第一批 Fictional first batch → —"],
    ),
    "batch given": (
        CERTIFICATES_CHANGED,
        "虚构证书丙 Fictional certificate Gamma (fictional-gamma)",
        [
            "新事件 new event: ? 发布 Introduced",  # batch 2 has no date
            "删除的事件 event removed: 2022-03-03 发布 Introduced",
            "批次 batch: — → 虚构第二批 Fictional second batch",
        ],
    ),
    "only the previous organization of an event changed": (
        CERTIFICATES_CHANGED,
        "虚构工业机器人证书 Fictional industrial robot certificate (fictional-iota)",
        [
            "新事件 new event: 2020-09 更换评价组织 Organization changed "
            "(原评价组织 previously 虚构评价组织丙 Fictional Evaluation Organization C)",
            "删除的事件 event removed: 2020-09 更换评价组织 Organization changed",
        ],
    ),
    "an event with no date removed": (
        CERTIFICATES_CHANGED,
        "虚构证书癸 Fictional certificate Kappa (fictional-kappa)",
        [
            "新事件 new event: 2020-01 发布 Introduced",
            "删除的事件 event removed: ? 发布 Introduced",
            "批次 batch: 虚构第二批 Fictional second batch → 虚构第一批 Fictional first batch",
        ],
    ),
    "a level added with no lower level on either side": (
        CERTIFICATES_CHANGED,
        "虚构证书己 Fictional certificate Zeta (fictional-zeta)",
        ["等级 level 高级: 新增 added (虚构高级)"],
    ),
    "maintainers added and removed": (
        ORGANIZATIONS,
        "虚构评价组织甲 Fictional Evaluation Organization A (fictional-org-a)",
        ["维护者 maintainers: +fictional-one, +fictional-two; -fictional-maintainer"],
    ),
    "two maintainers removed": (
        ORGANIZATIONS,
        "虚构评价组织丙 Fictional Evaluation Organization C (fictional-org-c)",
        ["维护者 maintainers: -fictional-x, -fictional-y"],
    ),
    "maintainers reordered": (
        ORGANIZATIONS,
        "虚构评价组织丁 Fictional Evaluation Organization D (fictional-org-d)",
        ["维护者 maintainers: reordered"],
    ),
    "batch date removed": (BATCHES, "虚构第三批 Fictional batch 3 (batch-3)", ["日期 date: 2023-01 → —"]),
    "batch date given": (BATCHES, "虚构第四批 Fictional batch 4 (batch-4)", ["日期 date: — → 2023-02"]),
    # The added handover comes first by id, the removed one next: neither hides the one after it.
    # It names eta only, which was withdrawn in 2021: it reaches none.
    "programme event added for one certificate": (
        PROGRAMME_EVENTS,
        "虚构新增的移交 Fictional added handover (fictional-added-handover)",
        [
            "新增 added: 2023 移交人社部门 Transferred to the human-resources system — "
            "虚构移交说明。 A fictional handover note.",
            "适用于所列证书 applies to the listed certificates: 0 个证书的状态变为已移交人社部门 · "
            "0 become No longer assessed under 1+X / transferred",
        ],
    ),
    # In 2022-12 it reached gamma, iota, kappa and zeta; the six others had ended (alpha, beta,
    # delta, epsilon: replaced or merged; eta withdrawn; theta revoked).
    "programme event for every certificate removed": (
        PROGRAMME_EVENTS,
        "虚构撤回的移交 Fictional dropped handover (fictional-dropped-handover)",
        ["删除 removed", ALL_FOUR],
    ),
    # It reached none in the base (the dropped handover came first); now the same four.
    "programme event renamed, redated, given another deadline and reach": (
        PROGRAMME_EVENTS,
        "虚构移交（测试用） Fictional handover (revised) (fictional-handover)",
        [
            "名称 name: 虚构移交（测试用） Fictional handover (for tests) → 虚构移交（测试用） Fictional handover (revised)",
            "日期 date: 2023 → 2024",
            "其他字段 also changed: applies_to, deadline",
            ALL_FOUR,
        ],
    ),
}

SECOND_SECTIONS = [
    (
        CERTIFICATES_CHANGED,
        [
            "fictional-alpha",
            "fictional-beta",
            "fictional-delta",
            "fictional-eta",
            "fictional-gamma",
            "fictional-iota",
            "fictional-kappa",
            "fictional-zeta",
        ],
    ),
    (ORGANIZATIONS, ["fictional-org-a", "fictional-org-c", "fictional-org-d"]),
    (BATCHES, ["batch-3", "batch-4"]),
    (PROGRAMME_EVENTS, ["fictional-added-handover", "fictional-dropped-handover", "fictional-handover"]),
]


def test_every_item_of_the_second_pair_is_in_the_table():
    listed = {(heading, i) for heading, idents in SECOND_SECTIONS for i in idents}
    assert {(heading, ident(item)) for heading, item, _ in SECOND_EXPECTED.values()} == listed


@pytest.mark.parametrize("style", list(PREFIXES))
@pytest.mark.parametrize("kind", list(SECOND_EXPECTED))
def test_change_of_the_second_pair_is_described(second_reports, style, kind):
    heading, item, sentences = SECOND_EXPECTED[kind]
    sections = {without_count(h): items for h, items in second_reports[style].items()}
    assert sections.get(heading, {}).get(item) == sentences


@pytest.mark.parametrize("style", list(PREFIXES))
def test_the_whole_second_report_line_by_line(second_repo, style):
    code, out, err = diff(second_repo, "base", "HEAD", "--format", style)
    assert (code, err) == (0, "")
    assert out.split("\n") == [*whole_report(second_repo, style, SECOND_EXPECTED, SECOND_SECTIONS), ""]
