"""What `check` accepts, the build publishes without a traceback; what the build cannot
publish, `check` refuses with file:line:column and what to change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import (
    build_site,
    copy_fictional,
    edit,
    generate_files,
    html_body,
    problems_after,
    run_check,
    write,
)
from xcat.check.catalogue import check_catalogue
from xcat.check.schemas import SchemaSet
from xcat.settings import ROOT

ALPHA = "certificates/fictional-alpha.yaml"


@pytest.fixture
def catalogue(tmp_path):
    return copy_fictional(tmp_path)


def generated(catalogue: Path, docs: Path, monkeypatch) -> Path:
    """Check the catalogue (it must pass), then write its pages and open data into docs."""
    monkeypatch.setenv("XCAT_JOBS", "1")
    checked = check_catalogue(catalogue, SchemaSet(ROOT / "schema"), today="2026-11-22", base=catalogue.parent)
    generate_files(checked, docs)
    return docs


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "fee: 100",
            "fee: .nan",
            "catalogue/certificates/fictional-alpha.yaml:14:10: error: levels[0].fee: .nan 不是数字：写一个数字，如 290，或删去这个字段 · .nan is not a number",
        ),
        (
            "fee: 100",
            "fee: -.inf",
            "catalogue/certificates/fictional-alpha.yaml:14:10: error: levels[0].fee: -.inf 不是数字：写一个数字，如 290，或删去这个字段 · -.inf is not a number",
        ),
        (
            "title: 虚构初级",
            'title: "BIM\\x01"',
            "catalogue/certificates/fictional-alpha.yaml:13:12: error: levels[0].title: 文字中有控制字符 U+0001（第 4 个字符），网站和开放数据无法承载：请删除 · the text holds the control character U+0001 (character 4), which the site and open data cannot carry: delete it",
        ),
        (
            "title: 虚构初级",
            'title: "BIM\\uffff"',
            "catalogue/certificates/fictional-alpha.yaml:13:12: error: levels[0].title: 文字中有字符 U+FFFF（第 4 个字符），网站和开放数据无法承载：请删除 · the text holds the character U+FFFF (character 4), which the site and open data cannot carry: delete it",
        ),
        (
            "zh: 虚构证书甲",
            'zh: "甲\\x9b"',
            "catalogue/certificates/fictional-alpha.yaml:3:7: error: name.zh: 文字中有控制字符 U+009B（第 2 个字符），网站和开放数据无法承载：请删除 · the text holds the control character U+009B (character 2), which the site and open data cannot carry: delete it",
        ),
    ],
    ids=["nan", "infinity", "escaped-control", "noncharacter", "c1-control"],
)
def test_values_the_open_data_cannot_carry_are_refused_where_they_stand(catalogue, old, new, expected):
    lines = problems_after(catalogue, ALPHA, old, new)
    assert len(lines) == 1 and lines[0].startswith(expected), lines


def test_a_raw_control_character_is_reported_once_at_its_line_and_column(catalogue):
    write(
        catalogue, "sources/fictional-extra.yaml", 'id: fictional-extra\ntitle: 虚构\nkind: secondary\nnote: "a\x01b"\n'
    )
    code, lines = run_check(catalogue)
    assert code == 1
    assert lines == [
        "catalogue/sources/fictional-extra.yaml:4:9: error: 文件含有控制字符 U+0001，目录文件不能含有它：请删除 · the file holds the control character U+0001, which a catalogue file cannot hold: delete it",
    ]


@pytest.mark.parametrize(
    "blank",
    ['"   "', '"\\u200b"', '"\\u3000\\u200d"'],
    ids=["spaces", "zero-width-space", "ideographic-space-and-joiner"],
)
def test_a_name_without_a_visible_character_is_refused(catalogue, blank):
    lines = problems_after(catalogue, ALPHA, "zh: 虚构证书甲", f"zh: {blank}")
    assert len(lines) == 1, lines
    assert lines[0].startswith("catalogue/certificates/fictional-alpha.yaml:3:7: error: name.zh: ")
    assert "at least one visible character" in lines[0]


def test_a_count_must_be_a_whole_number(catalogue):
    assert problems_after(catalogue, ALPHA, "count: 10\n", "count: 10.0\n") == [
        "catalogue/certificates/fictional-alpha.yaml:20:12: error: pilot_institutions[0].count: 应为整数，却是数字 10.0 · expected a whole number, got the number 10.0",
    ]


def test_fees_print_as_amounts_never_as_negative_zero(catalogue, tmp_path, monkeypatch):
    edit(catalogue, ALPHA, "fee: 100", "fee: -0.0")
    edit(catalogue, ALPHA, "fee: 200", "fee: 200.0")
    docs = generated(catalogue, tmp_path / "docs", monkeypatch)
    page = next(docs.rglob("fictional-alpha.md")).read_text(encoding="utf-8")
    fees = [row[2].text for row in html_body(page).section("levels").rows()]
    assert fees == ["0 元", "200 元"]
    assert "-0.0" not in page and "-0 元" not in page and "200.0" not in page
    record = json.loads(next(p for p in docs.rglob("fictional-alpha.json")).read_text(encoding="utf-8"))
    assert [level["fee"] for level in record["levels"]] == [0, 200]
    assert "-0.0" not in (docs / "data" / "certificates.csv").read_text(encoding="utf-8")


def test_an_empty_catalogue_is_refused_and_publishes_nothing(catalogue, tmp_path):
    for path in (catalogue / "certificates").iterdir():
        path.unlink()
    for path in (catalogue / "programme-events").iterdir():  # they name certificates
        path.unlink()
    code, lines = run_check(catalogue)
    assert code == 1
    assert lines == [
        "catalogue/certificates:1:1: error: 目录里没有证书：发布前至少添加一个文件 catalogue/certificates/<id>.yaml · the catalogue has no certificates: add at least one file catalogue/certificates/<id>.yaml before publishing",
    ]
    site = tmp_path / "site"
    result = build_site(site, catalogue)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert not site.exists()
