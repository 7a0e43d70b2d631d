"""`build.py import` matching a list against the catalogue (xcat/tools/importer/plan.py): notices
that add history events and their successors, the handover's correspondence table of
occupations, and the disagreements reported instead of written. Fictional lists, imported
into a copy of the fictional catalogue; what is asserted is what a maintainer sees: the files
written, the report's lines and the refusals' messages."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from ruamel.yaml.comments import CommentedMap

from tests.helpers import FICTIONAL, copy_fictional, edit
from tests.tools.test_import import SOURCE, run_import, snapshot
from xcat.check.load import read_document
from xcat.settings import ROOT
from xcat.tools.importer.plan import Catalogue, _add_source, slug, unused_id, yaml_date

NOTICE = "fictional-notice-2021"  # published 2021-06, read 2021-07-02
NO_DISAGREEMENT = "分歧（未写入，请核对来源）· disagreements (not written; compare the sources): 0\n"
SCHEMAS = ("--schemas", str(ROOT / "schema"))


def write_list(tmp_path: Path, text: str) -> Path:
    table = tmp_path / "list.csv"
    table.write_text(text, encoding="utf-8")
    return table


def certificate(catalogue: Path, ident: str) -> dict:
    return read_document(catalogue / "certificates" / f"{ident}.yaml", "certificate", "x").data


def refused(code: int, out: str, err: str) -> str:
    """What the command printed on stderr, once it is a refusal: exit 1, no report, nothing written."""
    assert (code, out) == (1, "")
    assert err.startswith("build.py import: ") and err.endswith("\n未写入任何文件 · nothing was written.\n")
    return err


@pytest.fixture()
def catalogue(tmp_path) -> Path:
    return copy_fictional(tmp_path)


# --- Notices: history events -----------------------------------------------------------


def test_a_certificate_without_history_gains_a_block_list_with_the_event(catalogue, tmp_path):
    table = write_list(tmp_path, "证书名称,培训评价组织\n虚构证书癸,虚构评价组织甲\n")
    code, out, _err = run_import(catalogue, table, "--source", SOURCE, "--event", "withdrawn", "--date", "2022-03-03")
    assert code == 0 and NO_DISAGREEMENT in out
    text = (catalogue / "certificates" / "fictional-kappa.yaml").read_text(encoding="utf-8")
    assert "\nhistory:\n  - type: withdrawn\n    date: 2022-03-03\n    sources: [fictional-report]\n" in text


@pytest.mark.parametrize(
    ("row", "event", "date", "ident", "position"),
    [
        ("虚构证书庚,虚构评价组织乙", "withdrawn", "2021-09", "fictional-eta", 0),  # the event that ended it
        ("虚构工业机器人证书,虚构评价组织甲", "suspended", "2021", "fictional-iota", 1),  # not an ending
    ],
    ids=["withdrawn", "suspended"],
)
def test_a_notice_of_an_event_already_recorded_adds_its_source_to_that_event(
    catalogue, tmp_path, row, event, date, ident, position
):
    before = certificate(catalogue, ident)["history"]
    table = write_list(tmp_path, f"证书名称,培训评价组织\n{row}\n")
    code, out, err = run_import(catalogue, table, "--source", SOURCE, "--event", event, "--date", date)
    assert (code, err) == (0, "")
    assert NO_DISAGREEMENT in out
    history = certificate(catalogue, ident)["history"]
    assert len(history) == len(before)
    assert history[position] == {**before[position], "sources": [NOTICE, SOURCE]}


def test_the_same_event_at_another_date_is_a_new_event(catalogue, tmp_path):
    table = write_list(tmp_path, "证书名称,培训评价组织\n虚构工业机器人证书,虚构评价组织甲\n")  # suspended 2021
    code, out, _err = run_import(catalogue, table, "--source", SOURCE, "--event", "suspended", "--date", "2022-03")
    assert code == 0 and NO_DISAGREEMENT in out
    history = certificate(catalogue, "fictional-iota")["history"]
    assert [(e["type"], str(e["date"]), e["sources"]) for e in history] == [
        ("organization_changed", "2020-09", ["fictional-notice-2020"]),
        ("suspended", "2021", [NOTICE]),
        ("reinstated", "2022", [SOURCE]),
        ("suspended", "2022-03", [SOURCE]),
    ]


@pytest.mark.parametrize(("event", "date"), [("revoked", "2022"), ("withdrawn", "2022")])
def test_an_event_after_the_one_that_ended_the_certificate_is_a_disagreement_citing_both(
    catalogue, tmp_path, event, date
):
    table = write_list(tmp_path, "证书名称,培训评价组织\n虚构证书庚,虚构评价组织乙\n")  # eta: withdrawn 2021-09
    before = snapshot(catalogue)
    code, out, _err = run_import(catalogue, table, "--source", SOURCE, "--event", event, "--date", date)
    assert code == 0
    assert (
        "disagreements (not written; compare the sources): 1\n"
        f"  ! fictional-eta: history: 目录 catalogue “withdrawn 2021-09” ({NOTICE}) · "
        f"第 2 行 row 2 “{event} {date}” ({SOURCE}) — 未写入 not written\n"
    ) in out
    assert snapshot(catalogue) == before


def test_a_disagreement_cites_every_source_the_catalogue_has_for_its_value(catalogue, tmp_path):
    edit(
        catalogue,
        "certificates/fictional-kappa.yaml",
        "\nsources: [fictional-report]\n",
        f"\nsources: [fictional-report, {NOTICE}]\n",
    )
    table = write_list(tmp_path, "证书名称,培训评价组织\n虚构证书癸,虚构评价组织乙\n")
    code, out, _err = run_import(catalogue, table, "--source", "fictional-notice-2020")
    assert code == 0
    assert (
        f"  ! fictional-kappa: organization: 目录 catalogue “虚构评价组织甲” (fictional-report, {NOTICE}) · "
        "第 2 行 row 2 “虚构评价组织乙” (fictional-notice-2020) — 未写入 not written\n"
    ) in out


# --- Successors of a replaced certificate -----------------------------------------------


@pytest.mark.parametrize("cell", ["-", "—", "无"], ids=["hyphen", "dash", "无"])
def test_a_successor_cell_that_says_none_is_no_successor(catalogue, tmp_path, cell):
    table = write_list(tmp_path, f"证书名称,培训评价组织,替代证书\n虚构证书癸,虚构评价组织甲,{cell}\n")
    code, _out, err = run_import(catalogue, table, "--source", SOURCE, "--event", "withdrawn", "--date", "2022-03-03")
    assert (code, err) == (0, "")
    assert certificate(catalogue, "fictional-kappa")["history"] == [
        {"type": "withdrawn", "date": "2022-03-03", "sources": [SOURCE]}
    ]


@pytest.mark.parametrize(
    ("rows", "equivalence"),
    [
        ("虚构证书己,虚构评价组织乙,虚构证书癸,完全等同\n", "full"),
        ("虚构证书己,虚构评价组织乙,虚构证书癸,full\n", "full"),
        ("虚构证书己,虚构评价组织乙,虚构证书癸,partial\n", "partial"),
        ("虚构证书己,虚构评价组织乙,虚构证书癸,None\n", "none"),
        # One row per level: the row without a successor does not hide the next one's.
        ("虚构证书己,虚构评价组织乙,,\n虚构证书己,虚构评价组织乙,虚构证书癸,不等同\n", "none"),
    ],
    ids=["完全等同", "full", "partial", "None", "on the second row"],
)
def test_a_replacement_notice_gives_each_successor_its_equivalence(catalogue, tmp_path, rows, equivalence):
    table = write_list(tmp_path, "证书名称,培训评价组织,替代证书,等同程度\n" + rows)
    code, _out, err = run_import(catalogue, table, "--source", SOURCE, "--event", "replaced", "--date", "2022-03")
    assert (code, err) == (0, "")
    assert certificate(catalogue, "fictional-zeta")["history"][-1]["successors"] == [
        {"certificate": "fictional-kappa", "equivalence": equivalence}
    ]


SUCCESSOR_REFUSALS = [
    (
        "a successor for a withdrawal",
        "withdrawn",
        "证书名称,培训评价组织,替代证书,等同程度\n虚构证书己,虚构评价组织乙,虚构证书癸,完全等同\n",
        "第 2 行有替代证书，但 --event withdrawn 没有替代 · "
        "row 2 names a successor, but only --event replaced has successors",
    ),
    (
        "a successor not in the catalogue",
        "replaced",
        "证书名称,培训评价组织,替代证书,等同程度\n虚构证书己,虚构评价组织乙,虚构未收录证书,完全等同\n",
        "第 2 行的替代证书“虚构未收录证书”不在目录中：请先导入它 · "
        "row 2: successor '虚构未收录证书' is not in the catalogue: import it first",
    ),
    (
        "a successor without its equivalence",
        "replaced",
        "证书名称,培训评价组织,替代证书\n虚构证书己,虚构评价组织乙,虚构证书癸\n",
        "row 2: a successor needs its equivalence (full, partial, none) in an 等同程度 / equivalence column; "
        "the catalogue does not guess it",
    ),
    (
        "a replacement without successors",
        "replaced",
        "证书名称,培训评价组织,等级\n虚构证书己,虚构评价组织乙,初级\n虚构证书己,虚构评价组织乙,中级\n",
        "第 2 行：--event replaced 需要替代证书列 · "
        "row 2: --event replaced needs the successor (替代证书) of each certificate",
    ),
]


@pytest.mark.parametrize(
    ("event", "text", "message"), [r[1:] for r in SUCCESSOR_REFUSALS], ids=[r[0] for r in SUCCESSOR_REFUSALS]
)
def test_a_notice_with_wrong_successors_is_refused_with_its_row(catalogue, tmp_path, event, text, message):
    table = write_list(tmp_path, text)
    before = snapshot(catalogue)
    result = run_import(catalogue, table, "--source", SOURCE, "--event", event, "--date", "2022-03")
    assert message in refused(*result)
    assert snapshot(catalogue) == before


# --- A catalogue that does not pass check ------------------------------------------------


def _without_org_a(catalogue: Path) -> None:
    (catalogue / "organizations" / "fictional-org-a.yaml").unlink()


def _event_without_sources(catalogue: Path) -> None:
    edit(catalogue, "certificates/fictional-eta.yaml", "    sources: [fictional-notice-2021]\n", "")


BROKEN = [
    ("an organization file missing", _without_org_a, "证书名称,培训评价组织\n虚构证书癸,虚构评价组织乙\n", ()),
    (
        "an ending event without sources",
        _event_without_sources,
        "证书名称,培训评价组织\n虚构证书庚,虚构评价组织乙\n",
        ("--event", "revoked", "--date", "2022"),
    ),
]


@pytest.mark.parametrize(("breaks", "text", "args"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_an_import_into_a_catalogue_that_fails_check_is_refused_with_the_problems(
    catalogue, tmp_path, breaks, text, args
):
    breaks(catalogue)
    table = write_list(tmp_path, text)
    before = snapshot(catalogue)
    result = run_import(catalogue, table, "--source", SOURCE, *args)
    assert "the catalogue would not pass check after this import:" in refused(*result)
    assert snapshot(catalogue) == before


# --- A list confirming a catalogued certificate: its levels and last_verified ------------

# What a list from SOURCE (published 2022-03-03) confirms of fictional-kappa, already written:
# with it, the facts a case adds are the only change the list makes to the file.
CONFIRMED = "last_verified:\n  date: 2022-03-03\n  sources: [fictional-report]\n"
KAPPA = "certificates/fictional-kappa.yaml"
ORG_A_ONLY = "更新的文件 · changed files: 1\n  ~ catalogue/organizations/fictional-org-a.yaml\n"


def kappa_with(
    catalogue: Path, levels: str = "", last_verified: str = CONFIRMED, sources: str = "sources: [fictional-report]\n"
) -> None:
    """fictional-kappa (organization A, sources: [fictional-report]) with these levels and last_verified."""
    if levels:
        edit(
            catalogue,
            KAPPA,
            "fields: [electronics-information]\n",
            f"fields: [electronics-information]\nlevels:\n{levels}",
        )
    edit(
        catalogue,
        KAPPA,
        "\nsources: [fictional-report]\n",
        f"\n{last_verified}{sources}",
    )


def level(name: str, *sources: str, more: str = "") -> str:
    return f"  - level: {name}\n{more}    sources: [{', '.join(sources)}]\n"


LEVELS = [
    ("a certificate without levels gains them", "", "中级", [{"level": "中级", "sources": [SOURCE]}]),
    (
        "a new level goes between the two around it",
        level("初级", SOURCE) + level("高级", SOURCE),
        "中级",
        [{"level": lv, "sources": [SOURCE]} for lv in ("初级", "中级", "高级")],
    ),
    (
        "a new level after one already confirmed",
        level("初级", SOURCE),
        "初级、中级",
        [{"level": lv, "sources": [SOURCE]} for lv in ("初级", "中级")],
    ),
    (
        "a new level before one already confirmed",
        level("中级", SOURCE),
        "初级、中级",
        [{"level": lv, "sources": [SOURCE]} for lv in ("初级", "中级")],
    ),
    (
        "levels in English in any case, a blank between two separators skipped",
        "",
        "Advanced/ /primary；INTERMEDIATE",
        [{"level": lv, "sources": [SOURCE]} for lv in ("初级", "中级", "高级")],
    ),
    (
        "a level that states nothing more gains the source",
        level("中级", NOTICE),
        "中级",
        [{"level": "中级", "sources": [NOTICE, SOURCE]}],
    ),
    (
        "a level with a title keeps its sources",
        level("中级", NOTICE, more="    title: 虚构中级\n"),
        "中级",
        [{"level": "中级", "title": "虚构中级", "sources": [NOTICE]}],
    ),
    (
        "a level with a fee keeps its sources",
        level("中级", NOTICE, more="    fee: 200\n"),
        "中级",
        [{"level": "中级", "fee": 200, "sources": [NOTICE]}],
    ),
]


@pytest.mark.parametrize(("levels", "cell", "expected"), [c[1:] for c in LEVELS], ids=[c[0] for c in LEVELS])
def test_the_levels_a_list_names_join_the_certificates_in_their_order(catalogue, tmp_path, levels, cell, expected):
    kappa_with(catalogue, levels)
    table = write_list(tmp_path, f"证书名称,培训评价组织,等级\n虚构证书癸,虚构评价组织甲,{cell}\n")
    code, out, err = run_import(catalogue, table, "--source", SOURCE)
    assert (code, err) == (0, "") and NO_DISAGREEMENT in out
    data = certificate(catalogue, "fictional-kappa")
    assert data["levels"] == expected
    assert data["last_verified"] == {"date": "2022-03-03", "sources": [SOURCE]}


LAST_VERIFIED = [
    ("none yet: the list's date", "", {"date": "2022-03-03", "sources": [SOURCE]}),
    (
        "an older one is replaced",
        "last_verified:\n  date: 2021-07-02\n  sources: [fictional-notice-2021]\n",
        {"date": "2022-03-03", "sources": [SOURCE]},
    ),
    (
        "the same date at the precision both give gains the source",
        "last_verified:\n  date: 2022-03\n  sources: [fictional-paper]\n",
        {"date": "2022-03", "sources": ["fictional-paper", SOURCE]},
    ),
    (
        "a newer one stays",
        "last_verified:\n  date: 2023\n  sources: [fictional-paper]\n",
        {"date": "2023", "sources": ["fictional-paper"]},
    ),
]


@pytest.mark.parametrize(("before", "expected"), [c[1:] for c in LAST_VERIFIED], ids=[c[0] for c in LAST_VERIFIED])
def test_a_list_confirms_a_certificate_on_its_sources_date_unless_a_newer_confirmation_stands(
    catalogue, tmp_path, before, expected
):
    kappa_with(catalogue, last_verified=before)
    table = write_list(tmp_path, "证书名称,培训评价组织\n虚构证书癸,虚构评价组织甲\n")
    code, out, err = run_import(catalogue, table, "--source", SOURCE)
    assert (code, err) == (0, "") and NO_DISAGREEMENT in out
    last_verified = certificate(catalogue, "fictional-kappa")["last_verified"]
    assert {"date": str(last_verified["date"]), "sources": last_verified["sources"]} == expected


NOTHING_TO_ADD = [
    ("no levels column", "", "证书名称,培训评价组织\n虚构证书癸,虚构评价组织甲\n", CONFIRMED),
    (
        "its levels already confirmed",
        level("初级", SOURCE),
        "证书名称,培训评价组织,等级\n虚构证书癸,虚构评价组织甲,初级\n",
        CONFIRMED,
    ),
    (
        "a newer confirmation",
        "",
        "证书名称,培训评价组织\n虚构证书癸,虚构评价组织甲\n",
        "last_verified:\n  date: 2023\n  sources: [fictional-paper]\n",
    ),
]


@pytest.mark.parametrize(
    ("levels", "text", "last_verified"), [c[1:] for c in NOTHING_TO_ADD], ids=[c[0] for c in NOTHING_TO_ADD]
)
def test_a_certificate_the_list_adds_nothing_to_is_not_rewritten(catalogue, tmp_path, levels, text, last_verified):
    # Written in another (valid) style than the importer's: rewriting it would show.
    kappa_with(catalogue, levels, last_verified, sources="sources:\n- fictional-report\n")
    before = (catalogue / KAPPA).read_bytes()
    code, out, err = run_import(catalogue, write_list(tmp_path, text), "--source", SOURCE)
    assert (code, err) == (0, "")
    assert ORG_A_ONLY in out  # the organization gains the source; the certificate has it all
    assert (catalogue / KAPPA).read_bytes() == before


# --- New organizations ---------------------------------------------------------------------


def test_two_new_certificates_of_one_new_organization_share_its_one_file(catalogue, tmp_path):
    table = write_list(
        tmp_path, "证书名称,培训评价组织\n虚构新证书甲,虚构新组织有限公司\n虚构新证书乙,虚构新组织有限公司\n"
    )
    code, out, err = run_import(catalogue, table, "--source", SOURCE)
    assert (code, err) == (0, "")
    assert (
        "新建评价组织 · new organizations: 1\n  + catalogue/organizations/xu-gou-xin-zu-zhi.yaml  虚构新组织有限公司\n"
    ) in out
    assert [certificate(catalogue, f"xu-gou-xin-zheng-shu-{n}")["organization"] for n in ("jia", "yi")] == [
        "xu-gou-xin-zu-zhi"
    ] * 2


def test_a_certificate_written_before_its_organizations_file_is_confirmed_by_the_list_that_brings_it(
    catalogue, tmp_path
):
    # fictional-kappa names an organization whose file is not written yet (check refuses that);
    # a list creates it for a new certificate, then names kappa with it: that is no disagreement.
    # (Named before the new certificate, kappa is matched while the organization is not there yet.)
    edit(catalogue, KAPPA, "organization: fictional-org-a\n", "organization: xu-gou-xin-zu-zhi\n")
    table = write_list(
        tmp_path, "证书名称,培训评价组织\n虚构新证书,虚构新组织有限公司\n虚构证书癸,虚构新组织有限公司\n"
    )
    code, out, err = run_import(catalogue, table, "--source", SOURCE)
    assert (code, err) == (0, "") and NO_DISAGREEMENT in out
    assert "新建评价组织 · new organizations: 1\n" in out
    assert certificate(catalogue, "fictional-kappa")["organization"] == "xu-gou-xin-zu-zhi"


@pytest.mark.parametrize(
    ("keys", "added", "expected"),
    [
        (["id", "name", "organization", "fields"], "batch", ["id", "name", "organization", "batch", "fields"]),
        (["id", "name", "organization"], "sources", ["id", "name", "organization", "sources"]),  # nothing after it
        (["id", "name", "sources"], "history", ["id", "name", "history", "sources"]),
        (["id", "sources"], "x-not-in-the-schema", ["id", "sources", "x-not-in-the-schema"]),  # at the end
    ],
)
def test_a_value_the_import_adds_goes_where_the_schema_lists_it(keys, added, expected):
    """The files keep the schema's order, as a contributor writes them (the field reference's order too)."""
    names = ("certificate.schema.json", "organization.schema.json")
    schemas = {name: json.loads((ROOT / "schema" / name).read_text(encoding="utf-8")) for name in names}
    catalogue = Catalogue(FICTIONAL, schemas)
    data = CommentedMap((key, 1) for key in keys)
    catalogue.put(data, added, 2, "certificate")
    assert list(data) == expected and data[added] == 2


@pytest.mark.parametrize(
    ("name", "legal_forms", "expected"),
    [
        ("虚构智能仓储管理", False, "xu-gou-zhi-neng-cang-chu-guan-li"),  # pinyin, a hyphen between syllables
        ("Web 前端开发（初级）", False, "web-qian-duan-kai-fa-chu-ji"),  # full-width brackets, spaces: one hyphen
        ("--A+B--", False, "a-b"),  # no hyphen at either end
        ("虚构评价组织有限公司", True, "xu-gou-ping-jia-zu-zhi"),  # an organization's legal form left out
        ("虚构评价组织有限公司", False, "xu-gou-ping-jia-zu-zhi-you-xian-gong-si"),
        ("有限公司", True, "you-xian-gong-si"),  # unless it is the whole name
        ("ab-" * 30, False, "ab-" * 26 + "ab"),  # cut to 80 at a hyphen, never inside a word
        ("a" * 81, False, "a" * 80),  # one word longer than 80: cut at 80
        ("+" + "a" * 80, False, "a" * 80),  # 80 once the leading hyphen is gone: not cut
        ("ab-" * 26 + "ab", False, "ab-" * 26 + "ab"),  # 80 with hyphens: not cut
        ("abcdef-" * 12, False, "abcdef-" * 10 + "abcdef"),  # the 80th character is inside a word: it goes
        ("b-" + "a" * 79 + "-c", False, "b"),  # a word ending at the 81st character goes too
    ],
)
def test_a_name_becomes_a_readable_id_of_at_most_80_characters(name, legal_forms, expected):
    assert slug(name, legal_forms=legal_forms) == expected


def test_a_name_keeps_its_legal_form_unless_it_names_an_organization():
    assert slug("虚构评价组织有限公司") == "xu-gou-ping-jia-zu-zhi-you-xian-gong-si"


@pytest.mark.parametrize(
    ("base", "taken", "expected"),
    [
        ("x", set(), "x"),
        ("x", {"x"}, "x-2"),
        ("x", {"x", "x-2"}, "x-3"),
        ("a" * 80, {"a" * 80}, "a" * 78 + "-2"),  # cut so that the number fits in 80
        ("a" * 77 + "-bc", {"a" * 77 + "-bc"}, "a" * 77 + "-2"),  # no hyphen left before the number
    ],
)
def test_an_id_in_use_gets_the_next_free_number(base, taken, expected):
    assert unused_id(base, taken) == expected


def test_a_source_is_added_once_and_a_file_without_sources_gets_a_list():
    data = CommentedMap(id="x")
    assert _add_source(data, "fictional-2020-12") is True and data["sources"] == ["fictional-2020-12"]
    assert _add_source(data, "fictional-2020-12") is False and data["sources"] == ["fictional-2020-12"]
    assert _add_source(data, "fictional-2021-03") is True
    assert data["sources"] == ["fictional-2020-12", "fictional-2021-03"]


@pytest.mark.parametrize(
    ("text", "value"),
    [("2020-12-01", datetime.date(2020, 12, 1)), ("2020", 2020), ("2020-12", "2020-12")],
)
def test_a_date_is_written_as_the_catalogue_writes_it(text, value):
    """A full date unquoted, a year as a number, a month as text."""
    assert yaml_date(text) == value and type(yaml_date(text)) is type(value)


# --- New certificates ---------------------------------------------------------------


def test_a_new_certificate_of_a_catalogued_organization_adds_the_lists_source_to_it(catalogue, tmp_path):
    table = write_list(tmp_path, "证书名称,培训评价组织\n虚构新证书,虚构评价组织甲\n")
    code, out, err = run_import(catalogue, table, "--source", SOURCE)
    assert (code, err) == (0, "")
    assert "更新的文件 · changed files: 1\n  ~ catalogue/organizations/fictional-org-a.yaml\n" in out
    assert certificate(catalogue, "xu-gou-xin-zheng-shu")["organization"] == "fictional-org-a"
    organization = read_document(catalogue / "organizations" / "fictional-org-a.yaml", "organization", "x").data
    assert organization["sources"] == ["fictional-notice-2020", SOURCE]


def test_an_organization_written_with_and_without_a_space_is_one_organization(catalogue, tmp_path):
    table = write_list(tmp_path, "证书名称,培训评价组织\n虚构新证书,虚构新组织\n虚构新证书,虚构 新组织\n")
    code, out, err = run_import(catalogue, table, "--source", SOURCE)
    assert (code, err) == (0, "")
    assert (
        "新建评价组织 · new organizations: 1\n  + catalogue/organizations/xu-gou-xin-zu-zhi.yaml  虚构新组织\n" in out
    )


def test_a_notice_naming_a_new_certificate_records_its_event_and_does_not_confirm_it(catalogue, tmp_path):
    table = write_list(tmp_path, "证书名称,培训评价组织\n虚构新证书,虚构新组织\n")
    code, _out, err = run_import(catalogue, table, "--source", SOURCE, "--event", "withdrawn", "--date", "2022-03")
    assert (code, err) == (0, "")
    data = certificate(catalogue, "xu-gou-xin-zheng-shu")
    assert data["history"] == [{"type": "withdrawn", "date": "2022-03", "sources": [SOURCE]}]
    assert "last_verified" not in data


def test_a_successor_new_in_the_same_notice_is_created_and_named(catalogue, tmp_path):
    table = write_list(
        tmp_path,
        "证书名称,培训评价组织,替代证书,等同程度\n"
        "虚构证书己,虚构评价组织乙,虚构新证书,完全等同\n"
        "虚构新证书,虚构新组织,虚构证书癸,部分等同\n",
    )
    code, _out, err = run_import(catalogue, table, "--source", SOURCE, "--event", "replaced", "--date", "2022-03")
    assert (code, err) == (0, "")
    assert certificate(catalogue, "fictional-zeta")["history"][-1]["successors"] == [
        {"certificate": "xu-gou-xin-zheng-shu", "equivalence": "full"}
    ]
    assert certificate(catalogue, "xu-gou-xin-zheng-shu")["history"][-1]["successors"] == [
        {"certificate": "fictional-kappa", "equivalence": "partial"}
    ]


# --- What a list confirms of a catalogued certificate ----------------------------------


def test_a_list_gives_its_batch_to_a_certificate_without_one_and_nothing_else_changes(catalogue, tmp_path):
    edit(catalogue, KAPPA, "batch: batch-2\n", "")
    kappa_with(catalogue)  # already confirmed by this list's source on its date: only the batch is new
    table = write_list(tmp_path, "证书名称,培训评价组织\n虚构证书癸,虚构评价组织甲\n")
    code, out, err = run_import(catalogue, table, "--source", SOURCE, "--batch", "batch-1")
    assert (code, err) == (0, "") and NO_DISAGREEMENT in out
    assert "organization: fictional-org-a\nbatch: batch-1\nfields:" in (catalogue / KAPPA).read_text(encoding="utf-8")


def test_an_older_list_without_levels_adds_its_source_and_leaves_the_newer_confirmation(catalogue, tmp_path):
    kappa_with(catalogue)
    table = write_list(tmp_path, "证书名称,培训评价组织\n虚构证书癸,虚构评价组织甲\n")
    code, out, err = run_import(catalogue, table, "--source", NOTICE)
    assert (code, err) == (0, "")
    assert "更新的文件 · changed files: 2\n  ~ catalogue/certificates/fictional-kappa.yaml\n" in out
    data = certificate(catalogue, "fictional-kappa")
    assert data["sources"] == ["fictional-report", NOTICE]
    assert data["last_verified"] == {"date": "2022-03-03", "sources": [SOURCE]}
