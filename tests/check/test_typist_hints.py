"""The mistakes a Chinese typist makes, one case each: an edit to the fictional catalogue, the
mistake the message must name in Chinese, and the exact problem lines (file, line and column of
the character that is wrong, both halves of the message) the check must print.

A meta-test keeps the table complete: each kind of mistake the checker names has a case.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from tests.helpers import copy_fictional, edit, problems_after, run_check
from xcat.check.typist import CHINESE_FIELD_NAMES, FULL_WIDTH, SYNONYMS, field_name_hint, syntax_hint, value_hint
from xcat.settings import SCHEMAS

A = "certificates/fictional-alpha.yaml"
G = "certificates/fictional-gamma.yaml"
B1 = "batches/batch-1.yaml"


@dataclass(frozen=True)
class Case:
    id: str
    relative: str
    old: str
    new: str
    named: str  # what the Chinese half must call the mistake
    expected: tuple[str, ...]


CASES: list[Case] = [
    Case(
        "colon-top",
        A,
        "organization: fictional-org-a",
        "organization：fictional-org-a",
        "全角冒号",
        (
            "catalogue/certificates/fictional-alpha.yaml:5:13: error: 全角冒号“：”：字段名后要用半角冒号“:”再加一个空格 · a full-width colon '：': after a field name type the ASCII ':' and a space",
        ),
    ),
    Case(
        "colon-nested",
        A,
        "  zh: 虚构证书甲",
        "  zh：虚构证书甲",
        "全角冒号",
        (
            "catalogue/certificates/fictional-alpha.yaml:3:5: error: 全角冒号“：”：字段名后要用半角冒号“:”再加一个空格 · a full-width colon '：': after a field name type the ASCII ':' and a space",
        ),
    ),
    Case(
        "comma",
        A,
        "    sources: [fictional-paper]",
        "    sources: [fictional-paper，fictional-report]",
        "全角逗号",
        (
            "catalogue/certificates/fictional-alpha.yaml:10:30: error: related_majors[0].sources[0]: 'fictional-paper，fictional-report' 的写法不对，应写成 industrial-robot-application-programming 这样：有全角逗号“，”：请改用半角的“,” · 'fictional-paper，fictional-report' is not a lowercase id of letters a-z, digits and single hyphens, such as industrial-robot-application-programming; it holds a full-width comma '，': type the ASCII ',' instead",
        ),
    ),
    Case(
        "bracket-list",
        A,
        "fields: [equipment-manufacturing]",
        "fields: 【equipment-manufacturing】",
        "全角括号",
        (
            "catalogue/certificates/fictional-alpha.yaml:7:9: error: fields: 应为列表，却是文字 '【equipment-manufacturing】'：有全角括号“【”：请改用半角的“[” · expected a list, got the text '【equipment-manufacturing】'; it holds a full-width bracket '【': type the ASCII '[' instead",
        ),
    ),
    Case(
        "bracket-close",
        A,
        "fields: [equipment-manufacturing]",
        "fields: [equipment-manufacturing】",
        "全角括号",
        (
            "catalogue/certificates/fictional-alpha.yaml:7:33: error: 全角括号“】”：请改用半角的“]” · a full-width bracket '】': type the ASCII ']'",
        ),
    ),
    Case(
        "paren",
        A,
        "fields: [equipment-manufacturing]",
        "fields: （equipment-manufacturing）",
        "全角括号",
        (
            "catalogue/certificates/fictional-alpha.yaml:7:9: error: fields: 应为列表，却是文字 '（equipment-manufacturing）'：有全角括号“（”：请改用半角的“(” · expected a list, got the text '（equipment-manufacturing）'; it holds a full-width bracket '（': type the ASCII '(' instead",
        ),
    ),
    Case(
        "quote-value",
        A,
        "    fee: 100",
        "    fee: “100”",
        "中文引号",
        (
            "catalogue/certificates/fictional-alpha.yaml:14:10: error: levels[0].fee: 应为数字，却是文字 '“100”'：有中文引号“：删去它，或改用半角的 \" · expected a number, got the text '“100”'; it holds a Chinese quotation mark '“': delete it, or type the ASCII \"",
        ),
    ),
    Case(
        "quote-close",
        A,
        "  zh: 虚构证书甲",
        '  zh: "虚构证书甲”',
        "中文引号",
        (
            "catalogue/certificates/fictional-alpha.yaml:3:13: error: 中文引号”：引号要用半角的 \" · a Chinese quotation mark '”': close the quote with \"",
        ),
    ),
    Case(
        "space-value",
        A,
        "    fee: 100",
        "    fee: 100\u3000",
        "全角空格",
        (
            "catalogue/certificates/fictional-alpha.yaml:14:13: error: levels[0].fee: 应为数字，却是文字 '100\\u3000'：有全角空格（U+3000）：删去它 · expected a number, got the text '100\\u3000'; it holds a full-width space (U+3000): delete it",
        ),
    ),
    Case(
        "space-key",
        A,
        "organization: fictional-org-a",
        "\u3000organization: fictional-org-a",
        "全角空格",
        (
            "catalogue/certificates/fictional-alpha.yaml:1:1: error: (top level): 缺少必填字段 'organization' · missing required field 'organization'",
            "catalogue/certificates/fictional-alpha.yaml:5:1: error: \u3000organization: 没有 '\u3000organization' 这个字段：字段名里有全角空格（U+3000）：应写作 'organization' · unknown field '\u3000organization'; the field name holds a full-width space (U+3000): write 'organization'",
        ),
    ),
    Case(
        "space-key-end",
        A,
        "organization: fictional-org-a",
        "organization\u3000: fictional-org-a",
        "全角空格",
        (
            "catalogue/certificates/fictional-alpha.yaml:1:1: error: (top level): 缺少必填字段 'organization' · missing required field 'organization'",
            "catalogue/certificates/fictional-alpha.yaml:5:13: error: organization\u3000: 没有 'organization\u3000' 这个字段：字段名里有全角空格（U+3000）：应写作 'organization' · unknown field 'organization\u3000'; the field name holds a full-width space (U+3000): write 'organization'",
        ),  # the problem stands on the space, not where the name starts
    ),
    Case(
        "yuan-whole-number",
        "batches/batch-1.yaml",
        "number: 1",
        "number: 1元",
        "只写数字",
        (
            "catalogue/batches/batch-1.yaml:2:10: error: number: 应为整数，却是文字 '1元'：只写数字 1，不要写“元”或“¥” · expected a whole number, got the text '1元'; write the number 1, without 元 or ¥",
        ),  # a whole-number field reads 元 as a fee field does
    ),
    Case(
        "space-indent",
        A,
        "    fee: 100",
        "  \u3000fee: 100",
        "全角空格",
        (
            "catalogue/certificates/fictional-alpha.yaml:14:3: error: 缩进里有全角空格（U+3000）：请用半角空格缩进 · a full-width space (U+3000) in the indentation: indent with spaces",
        ),
    ),
    Case(
        "space-after-colon",
        A,
        "organization: fictional-org-a",
        "organization:\u3000fictional-org-a",
        "全角空格",
        (
            "catalogue/certificates/fictional-alpha.yaml:5:14: error: 冒号后是全角空格：请用半角空格 · a full-width space after the colon: type an ASCII space",
        ),
    ),
    Case(
        "digits",
        A,
        "    fee: 100",
        "    fee: １００",
        "全角数字",
        (
            "catalogue/certificates/fictional-alpha.yaml:14:10: error: levels[0].fee: 应为数字，却是文字 '１００'：全角数字“１”：请用半角数字，写 100 · expected a number, got the text '１００'; a full-width digit '１': type ASCII digits, 100",
        ),
    ),
    Case(
        "digits-date",
        A,
        "    date: 2021-06-01",
        "    date: ２０２１-06-01",
        "全角数字",
        (
            "catalogue/certificates/fictional-alpha.yaml:28:11: error: history[0].date: '２０２１-06-01' 的写法不对，应写成 2021-03 这样：全角数字“２”：请用半角数字，写 2021-06-01 · '２０２１-06-01' is not a date written as YYYY, YYYY-MM or YYYY-MM-DD, such as 2019-06-19; a full-width digit '２': type ASCII digits, 2021-06-01",
        ),
    ),
    Case(
        "tab",
        A,
        "    fee: 100",
        "\tfee: 100",
        "制表符",
        (
            "catalogue/certificates/fictional-alpha.yaml:14:1: error: 缩进里有制表符（Tab）：请用空格缩进 · tab character in the indentation: indent with spaces",
        ),
    ),
    Case(
        "indent-short",
        A,
        "    title: 虚构初级",
        "   title: 虚构初级",
        "缩进没有对齐",
        (
            "catalogue/certificates/fictional-alpha.yaml:13:4: error: 缩进没有对齐：这一行缩进 3 个空格，这一层应缩进 4 个空格 · the indentation does not line up: this line has 3 spaces, its block expects 4",
        ),
    ),
    Case(
        "indent-long",
        A,
        "    fee: 100",
        "      fee: 100",
        "缩进没有对齐",
        (
            "catalogue/certificates/fictional-alpha.yaml:14:7: error: 缩进没有对齐：这一行缩进 6 个空格，这一层应缩进 4 个空格 · the indentation does not line up: this line has 6 spaces, its block expects 4",
        ),
    ),
    Case(
        "indent-top",
        A,
        "batch: batch-1",
        " batch: batch-1",
        "缩进没有对齐",
        (
            "catalogue/certificates/fictional-alpha.yaml:6:2: error: 缩进没有对齐：这一行缩进 1 个空格，这一层应缩进 0 个空格 · the indentation does not line up: this line has 1 space, its block expects 0",
        ),
    ),
    Case(
        "date-chinese",
        A,
        "    date: 2021-06-01",
        "    date: 2021年6月1日",
        "日期写成 2021-06-01",
        (
            "catalogue/certificates/fictional-alpha.yaml:28:15: error: history[0].date: '2021年6月1日' 的写法不对，应写成 2021-03 这样：日期写成 2021-06-01（年、月、日之间用半角“-”连接） · '2021年6月1日' is not a date written as YYYY, YYYY-MM or YYYY-MM-DD, such as 2019-06-19; write the date as 2021-06-01, with hyphens",
        ),
    ),
    Case(
        "date-slash",
        A,
        "    date: 2021-06-01",
        "    date: 2021/06/01",
        "日期写成 2021-06-01",
        (
            "catalogue/certificates/fictional-alpha.yaml:28:15: error: history[0].date: '2021/06/01' 的写法不对，应写成 2021-03 这样：日期写成 2021-06-01（年、月、日之间用半角“-”连接） · '2021/06/01' is not a date written as YYYY, YYYY-MM or YYYY-MM-DD, such as 2019-06-19; write the date as 2021-06-01, with hyphens",
        ),
    ),
    Case(
        "date-dot",
        A,
        "    date: 2021-06-01",
        "    date: 2021.6.1",
        "日期写成 2021-06-01",
        (
            "catalogue/certificates/fictional-alpha.yaml:28:15: error: history[0].date: '2021.6.1' 的写法不对，应写成 2021-03 这样：日期写成 2021-06-01（年、月、日之间用半角“-”连接） · '2021.6.1' is not a date written as YYYY, YYYY-MM or YYYY-MM-DD, such as 2019-06-19; write the date as 2021-06-01, with hyphens",
        ),
    ),
    Case(
        "fee-yuan",
        A,
        "    fee: 100",
        "    fee: 100元",
        "只写数字 100",
        (
            "catalogue/certificates/fictional-alpha.yaml:14:13: error: levels[0].fee: 应为数字，却是文字 '100元'：只写数字 100，不要写“元”或“¥” · expected a number, got the text '100元'; write the number 100, without 元 or ¥",
        ),
    ),
    Case(
        "fee-sign",
        A,
        "    fee: 100",
        "    fee: ¥100",
        "只写数字 100",
        (
            "catalogue/certificates/fictional-alpha.yaml:14:10: error: levels[0].fee: 应为数字，却是文字 '¥100'：只写数字 100，不要写“元”或“¥” · expected a number, got the text '¥100'; write the number 100, without 元 or ¥",
        ),
    ),
    Case(
        "chinese-field",
        A,
        "organization: fictional-org-a",
        "评价组织: fictional-org-a",
        "字段名要用英文",
        (
            "catalogue/certificates/fictional-alpha.yaml:1:1: error: (top level): 缺少必填字段 'organization' · missing required field 'organization'",
            "catalogue/certificates/fictional-alpha.yaml:5:1: error: 评价组织: 没有 '评价组织' 这个字段：字段名要用英文：'评价组织' 应写作 'organization' · unknown field '评价组织'; write it as 'organization'",
        ),
    ),
    Case(
        "chinese-field-name",
        G,
        "    previous_name:",
        "    曾用名:",
        "字段名要用英文",
        (
            "catalogue/certificates/fictional-gamma.yaml:15:5: error: history[1]: 缺少必填字段 'previous_name' · missing required field 'previous_name'",
            "catalogue/certificates/fictional-gamma.yaml:17:5: error: history[1].曾用名: 没有 '曾用名' 这个字段：字段名要用英文：'曾用名' 应写作 'previous_name' · unknown field '曾用名'; write it as 'previous_name'",
        ),
    ),
    Case(
        "synonym",
        G,
        "    previous_name:",
        "    former_name:",
        "是不是 'previous_name'",
        (
            "catalogue/certificates/fictional-gamma.yaml:15:5: error: history[1]: 缺少必填字段 'previous_name' · missing required field 'previous_name'",
            "catalogue/certificates/fictional-gamma.yaml:17:5: error: history[1].former_name: 没有 'former_name' 这个字段：是不是 'previous_name'？ · unknown field 'former_name'; did you mean 'previous_name'?",
        ),
    ),
    Case(
        "close",
        A,
        "    fee: 100",
        "    fees: 100",
        "是不是 'fee'",
        (
            "catalogue/certificates/fictional-alpha.yaml:14:5: error: levels[0].fees: 没有 'fees' 这个字段：是不是 'fee'？ · unknown field 'fees'; did you mean 'fee'?",
        ),
    ),
    Case(
        "close2",
        A,
        "sources: [fictional-notice-2020]\n",
        "sourses: [fictional-notice-2020]\n",
        "是不是 'sources'",
        (
            "catalogue/certificates/fictional-alpha.yaml:12:5: error: levels[0]: 缺少必填字段 'sources' · missing required field 'sources'",
            "catalogue/certificates/fictional-alpha.yaml:15:5: error: levels[0].sourses: 没有 'sourses' 这个字段：是不是 'sources'？ · unknown field 'sourses'; did you mean 'sources'?",
        ),
    ),
    Case(
        "colon-value",
        B1,
        "  zh: 虚构第一批\n  en: Fictional first batch\n",
        "  zh：虚构第一批\n",
        "全角冒号",
        (
            "catalogue/batches/batch-1.yaml:4:5: error: name: 应为映射（字段名: 值），却是文字 'zh：虚构第一批'：有全角冒号“：”：请改用半角的“:” · expected a mapping (name: value), got the text 'zh：虚构第一批'; it holds a full-width colon '：': type the ASCII ':' instead",
        ),
    ),
    Case(
        "date-float",
        A,
        "    date: 2021-06-01",
        "    date: 2021.6",
        "日期写成 2021-06",
        (
            "catalogue/certificates/fictional-alpha.yaml:28:15: error: history[0].date: 应为文字或整数，却是数字 2021.6：日期写成 2021-06（年、月、日之间用半角“-”连接） · expected text or a whole number, got the number 2021.6; write the date as 2021-06, with hyphens",
        ),
    ),
    Case(
        "date-float-commented",  # 2021.10 is read as the number 2021.1: the hint reads what was typed
        A,
        "    date: 2021-06-01",
        "    date: 2021.10 # October",
        "日期写成 2021-10",
        (
            "catalogue/certificates/fictional-alpha.yaml:28:15: error: history[0].date: 应为文字或整数，却是数字 2021.1：日期写成 2021-10（年、月、日之间用半角“-”连接） · expected text or a whole number, got the number 2021.1; write the date as 2021-10, with hyphens",
        ),
    ),
    Case(
        "date-float-tab-commented",
        A,
        "    date: 2021-06-01",
        "    date: 2021.10\t# October",
        "日期写成 2021-10",
        (
            "catalogue/certificates/fictional-alpha.yaml:28:15: error: history[0].date: 应为文字或整数，却是数字 2021.1：日期写成 2021-10（年、月、日之间用半角“-”连接） · expected text or a whole number, got the number 2021.1; write the date as 2021-10, with hyphens",
        ),
    ),
    Case(
        "colon-item",
        A,
        "  - count: 10",
        "  - count：10",
        "全角冒号",
        (
            "catalogue/certificates/fictional-alpha.yaml:20:10: error: 全角冒号“：”：字段名后要用半角冒号“:”再加一个空格 · a full-width colon '：': after a field name type the ASCII ':' and a space",
        ),
    ),
    Case(
        "prose-then-error",
        A,
        "      zh: 由虚构证书乙替代。",
        "      zh: 由虚构证书乙替代，\n        备注：见附件。\n    x: [a",
        "YAML 语法错误",
        (
            "catalogue/certificates/fictional-alpha.yaml:33:9: error: YAML 语法错误 · YAML syntax error: did not find expected ',' or ']'",
        ),
    ),
    Case(
        "enum-space",
        A,
        "  - level: 初级",
        "  - level: 初级\u3000",
        "全角空格",
        (
            "catalogue/certificates/fictional-alpha.yaml:12:14: error: levels[0].level: '初级\\u3000' 不是可选的值（初级、中级、高级）：有全角空格（U+3000）：删去它 · '初级\\u3000' is not one of: 初级, 中级, 高级; it holds a full-width space (U+3000): delete it",
        ),
    ),
    Case(
        "year-only",
        A,
        "    date: 2021-06-01",
        "    date: 2021年",
        "年份只写数字",
        (
            "catalogue/certificates/fictional-alpha.yaml:28:15: error: history[0].date: '2021年' 的写法不对，应写成 2021-03 这样：年份只写数字 2021 · '2021年' is not a date written as YYYY, YYYY-MM or YYYY-MM-DD, such as 2019-06-19; write the year as 2021",
        ),
    ),
    Case(
        "date-single-digits",
        A,
        "    date: 2021-06-01",
        "    date: 2021-6-1",
        "日期写成 2021-06-01",
        (
            "catalogue/certificates/fictional-alpha.yaml:28:15: error: history[0].date: '2021-6-1' 的写法不对，应写成 2021-03 这样：日期写成 2021-06-01（年、月、日之间用半角“-”连接） · '2021-6-1' is not a date written as YYYY, YYYY-MM or YYYY-MM-DD, such as 2019-06-19; write the date as 2021-06-01, with hyphens",
        ),
    ),
    Case(
        "hyphen",
        A,
        "    date: 2021-06-01",
        "    date: 2021－06－01",
        "全角连字符",
        (
            "catalogue/certificates/fictional-alpha.yaml:28:15: error: history[0].date: '2021－06－01' 的写法不对，应写成 2021-03 这样：有全角连字符“－”：请改用半角的“-” · '2021－06－01' is not a date written as YYYY, YYYY-MM or YYYY-MM-DD, such as 2019-06-19; it holds a full-width hyphen '－': type the ASCII '-' instead",
        ),
    ),
    Case(
        "digits-fee",
        A,
        "    fee: 100",
        "    fee: １００元",
        "全角数字",
        (
            "catalogue/certificates/fictional-alpha.yaml:14:10: error: levels[0].fee: 应为数字，却是文字 '１００元'：全角数字“１”：请用半角数字，写 100 · expected a number, got the text '１００元'; a full-width digit '１': type ASCII digits, 100",
        ),
    ),
]

# Every kind of mistake the checker names, by the words its Chinese half uses.
KINDS = {
    "全角冒号",
    "全角逗号",
    "全角括号",
    "中文引号",
    "全角空格",
    "全角连字符",
    "全角数字",
    "制表符",
    "缩进没有对齐",
    "日期写成",
    "年份只写数字",
    "只写数字",
    "字段名要用英文",
    "是不是",
}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_a_typists_mistake_is_named_where_it_stands(tmp_path, case):
    catalogue = copy_fictional(tmp_path)
    lines = problems_after(catalogue, case.relative, case.old, case.new)
    assert lines == list(case.expected)
    assert any(case.named in line.partition(" · ")[0] for line in lines), "the Chinese half names the mistake"


def test_every_kind_of_mistake_has_a_case():
    named = {kind for kind in KINDS for case in CASES if kind in case.named}
    assert sorted(KINDS - named) == []
    # Each full-width character the checker knows is named by some case (the tab by its own).
    chinese_names = {FULL_WIDTH[c][0][:4] for c in FULL_WIDTH if c != "\t"}
    assert sorted(name for name in chinese_names if not any(name in case.named for case in CASES)) == []


def test_chinese_punctuation_inside_text_is_not_a_mistake(tmp_path):
    """Names and details are Chinese text: its commas, brackets, quotes, colons and spaces are fine."""
    catalogue = copy_fictional(tmp_path)
    edit(catalogue, A, "  zh: 虚构证书甲", "  zh: 虚构证书甲（试点），“新版”：第一版\u3000说明")
    edit(catalogue, A, "      zh: 由虚构证书乙替代。", "      zh: 由虚构证书乙替代，\n        备注：见【附件】。")
    assert run_check(catalogue) == (0, [])


def test_a_list_where_text_belongs_is_named_as_a_list_not_for_the_commas_in_it(tmp_path):
    """The brackets are the mistake: the Chinese comma inside them is the name's own text."""
    catalogue = copy_fictional(tmp_path)
    assert problems_after(catalogue, A, "  zh: 虚构证书甲", "  zh: [虚构，证书甲]") == [
        "catalogue/certificates/fictional-alpha.yaml:3:7: error: name.zh: 应为文字，却是列表 · expected text, got a list"
    ]


def test_field_suggestions_come_from_the_schema_at_that_place():
    """A Chinese or synonymous name is suggested only as a field allowed where it stands."""
    assert field_name_hint("曾用名", ["previous_name", "type"]) == (
        "",
        "字段名要用英文：'曾用名' 应写作 'previous_name'",
        "write it as 'previous_name'",
    )
    assert field_name_hint("曾用名", ["id", "name"]) == (
        "",
        "字段名要用英文（见字段说明）",
        "field names are English words (see the field reference)",
    )
    assert field_name_hint("former_name", ["previous_name"])[1] == "是不是 'previous_name'？"
    assert field_name_hint("Former  Name", ["previous_name"])[1] == "是不是 'previous_name'？"  # spaced, capitalised
    assert field_name_hint("former-name", ["previous_name"])[1] == "是不是 'previous_name'？"
    assert field_name_hint("former_name", ["id", "name"]) is None
    assert field_name_hint("Previous-Name", ["previous_name"])[2] == "did you mean 'previous_name'?"


def test_the_tables_of_names_point_at_real_fields():
    """Each Chinese field name and synonym leads to a field some schema has."""
    fields = set()

    def walk(node):
        if isinstance(node, dict):
            fields.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in SCHEMAS.glob("*.schema.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    meant = {key for keys in [*CHINESE_FIELD_NAMES.values(), *SYNONYMS.values()] for key in keys}
    assert sorted(meant - fields) == []


FEE = ("    fee: 100", "    fee: 290元")


@pytest.mark.parametrize(
    "style, expected",
    [
        (
            "text",
            "catalogue/certificates/fictional-alpha.yaml:14:13: error: levels[0].fee: 应为数字，却是文字 '290元'："
            "只写数字 290，不要写“元”或“¥” · expected a number, got the text '290元'; write the number 290, without 元 or ¥",
        ),
        (
            "github",
            "::error file=catalogue/certificates/fictional-alpha.yaml,line=14,col=13,title=目录检查 catalogue check::"
            "levels[0].fee: 应为数字，却是文字 '290元'：只写数字 290，不要写“元”或“¥” · "
            "expected a number, got the text '290元'; write the number 290, without 元 or ¥",
        ),
        (
            "markdown",
            "| `catalogue/certificates/fictional-alpha.yaml` | 14:13 | levels\\[0\\].fee: 应为数字，却是文字 '290元'："
            "只写数字 290，不要写“元”或“¥” · expected a number, got the text '290元'; write the number 290, without 元 or ¥ |",
        ),
    ],
)
def test_every_format_prints_both_halves(tmp_path, style, expected):
    catalogue = copy_fictional(tmp_path)
    edit(catalogue, A, *FEE)
    code, lines = run_check(catalogue, "--format", style)
    assert code == 1
    assert expected in lines


# What syntax_hint says (line, column, Chinese, English) when the parser stops on the last line of
# a text: the typist's mistake nearest before it, or None (then the parser's own message is shown).
COLON = (
    "全角冒号“：”：字段名后要用半角冒号“:”再加一个空格",
    "a full-width colon '：': after a field name type the ASCII ':' and a space",
)
SPACE_INDENT = (
    "缩进里有全角空格（U+3000）：请用半角空格缩进",
    "a full-width space (U+3000) in the indentation: indent with spaces",
)
DOUBLE_QUOTE = ('中文引号”：引号要用半角的 "', "a Chinese quotation mark '”': close the quote with \"")
SINGLE_QUOTE = ("中文引号’：引号要用半角的 '", "a Chinese quotation mark '’': close the quote with '")
BRACKET = ("全角括号“】”：请改用半角的“]”", "a full-width bracket '】': type the ASCII ']'")
BRACE = ("全角括号“｝”：请改用半角的“}”", "a full-width brace '｝': type the ASCII '}'")


def misaligned(indent: int, expected: int) -> tuple[str, str]:
    spaces = "1 space" if indent == 1 else f"{indent} spaces"
    return (
        f"缩进没有对齐：这一行缩进 {indent} 个空格，这一层应缩进 {expected} 个空格",
        f"the indentation does not line up: this line has {spaces}, its block expects {expected}",
    )


SYNTAX_CASES = [
    # No mistake in the lines: no hint at all (not an empty one), and the parser's message stands.
    pytest.param("name: x\nfields: [a, b\n", None, id="no-mistake-no-hint"),
    pytest.param(" name: x\n", (1, 2, *misaligned(1, 0)), id="first-line-indented"),
    pytest.param("Xname：x\n", (1, 6, *COLON), id="line-starting-with-X-is-not-indented"),
    # The mistake named is the last one before the parser stopped, wherever the scan has been.
    pytest.param("fee：100\nname：x\n", (2, 5, *COLON), id="the-later-of-two-colons"),
    pytest.param("name: x\n\nfee：100\n", (3, 4, *COLON), id="mistake-after-a-blank-line"),
    pytest.param("note: 第一行\n  第二行\nfee：100\n", (3, 4, *COLON), id="mistake-after-a-continued-text"),
    pytest.param(" name: x\nfee：100\n", (2, 4, *COLON), id="mistake-after-a-too-deep-line"),
    pytest.param(
        "levels:\n  - level: 初级\n   fee: 100\nname：x\n", (4, 5, *COLON), id="mistake-after-a-misaligned-line"
    ),
    pytest.param("\u3000name: x\nfee：100\n", (2, 4, *COLON), id="mistake-after-a-full-width-indent"),
    # Full-width spaces in the indentation: the first one is named.
    pytest.param("levels:\n  - \u3000level: 初级\n", (2, 5, *SPACE_INDENT), id="full-width-space-after-the-dash"),
    pytest.param("levels:\n\u3000\u3000- level: 初级\n", (2, 1, *SPACE_INDENT), id="two-full-width-spaces"),
    # Block texts (| and >, with or without -) are passed over until a line as shallow as their field.
    pytest.param("details: |\n  注意: 见附件\nfields: [a\n", None, id="block-text-holding-a-colon"),
    pytest.param("details: >-\n  注意: 见附件\nfields: [a\n", None, id="folded-block-text-holding-a-colon"),
    pytest.param("details: |\n  第一段。\n\n  注意: 第二段\nfields: [a\n", None, id="blank-line-inside-a-block-text"),
    pytest.param("details: |\n  第一段\nfee：100\n", (3, 4, *COLON), id="mistake-right-after-a-block-text"),
    pytest.param(
        "details: |\n  第一段\nname: x\nfee：100\n", (4, 4, *COLON), id="mistake-two-lines-after-a-block-text"
    ),
    pytest.param("details: |\n  x\n---\n  b: 1\n c: 2\n", None, id="second-document-after-a-block-text"),
    # Flow lists and mappings spread over lines are passed over until they close.
    pytest.param(
        "sources: [\n  fictional-paper,\n  fictional-report]\nfee：100\n",
        (4, 4, *COLON),
        id="list-opened-alone-on-its-line",
    ),
    pytest.param("name: {zh: 虚构证书甲,\n  en: Fictional A}\nfields: [a\n", None, id="mapping-spread-over-lines"),
    pytest.param(
        "name: {zh: 虚构证书甲,\n# 英文名\n  en: Fictional A}\nfields: [a\n",
        None,
        id="comment-inside-a-mapping-spread-over-lines",
    ),
    pytest.param(
        "name: {zh: 虚构证书甲,  # 下一行是 en}\n  en: Fictional A}\nfields: [a\n",
        None,
        id="closing-brace-in-a-comment-does-not-close",
    ),
    pytest.param("fields: [a, b]\n  note: x\n", (2, 3, *misaligned(2, 0)), id="closed-list-then-deeper-field"),
    pytest.param(
        "name: {zh: 虚构证书甲, en: Fictional A}\n  note: x\n",
        (2, 3, *misaligned(2, 0)),
        id="closed-mapping-then-deeper-field",
    ),
    # Fields whose value is on the following lines.
    pytest.param("levels:  # 等级\n  - level: 初级\nfields: [a\n", None, id="field-with-only-a-comment"),
    pytest.param("levels:\n  -\n    level: 初级\n  - level: 中级\nfields: [a\n", None, id="bare-dash-items"),
    pytest.param("fields:\n  - a\n    b: 1\n", (3, 5, *misaligned(4, 2)), id="item-with-text-then-deeper-field"),
    # YAML reads a no-break space after the dash as the name's first character: its fields line up with it.
    pytest.param("levels:\n  - \u00a0level: 初级\n    fee: 1\nfields: [a\n", None, id="no-break-space-starting-a-name"),
    pytest.param("levels:\n  - X\n    level: 初级\n", (3, 5, *misaligned(4, 2)), id="item-holding-X-then-deeper-field"),
    pytest.param(
        "fields:\n  - equipment-manufacturing\nfee：100\n", (3, 4, *COLON), id="item-without-colon-then-mistake"
    ),
    # A continued text is text, whatever its lines start with.
    pytest.param("note: 包括\n  ...等: 见附件\n", None, id="continued-text-starting-with-dots"),
    pytest.param("note: 通过率\n  %50: 以上\n", None, id="continued-text-starting-with-percent"),
    pytest.param("note: 温度范围\n  -5: 以下\n", None, id="continued-text-starting-with-minus"),
    # A full-width colon after a field name, English or one of the Chinese names typed for one.
    pytest.param("名称：虚构证书甲\n", (1, 3, *COLON), id="colon-after-a-chinese-field-name"),
    # Quotes closed with a Chinese quotation mark.
    pytest.param('zh: "时间: 2020年”\n', (1, 15, *DOUBLE_QUOTE), id="quote-holding-a-colon"),
    pytest.param("zh: '虚构证书甲’\n", (1, 11, *SINGLE_QUOTE), id="single-quote"),
    pytest.param('en: "Xinjiang”\n', (1, 14, *DOUBLE_QUOTE), id="quote-holding-X"),
    pytest.param('zh: "\n', None, id="quote-alone"),
    pytest.param('zh: "虚构证书甲\n', None, id="quote-never-closed"),
    pytest.param('zh: \u3000"虚构证书甲”\n', None, id="quote-after-a-full-width-space-is-text"),
    pytest.param('en: X"ray”\n', None, id="quote-inside-a-text-is-text"),
    # Lists and mappings closed with a full-width bracket or brace.
    pytest.param("fields: [Xa】\n", (1, 12, *BRACKET), id="list-closed-full-width"),
    pytest.param("name: {zh: 虚构证书甲｝\n", (1, 17, *BRACE), id="mapping-closed-full-width"),
    pytest.param("fields: [\n", None, id="list-opened-alone"),
    pytest.param("fields: [a] （试点）\n", None, id="parenthesis-after-a-closed-list"),
    pytest.param("name: {zh: 虚构证书甲} （试点）\n", None, id="parenthesis-after-a-closed-mapping"),
]


@pytest.mark.parametrize("text, expected", SYNTAX_CASES)
def test_a_syntax_error_is_traced_to_the_typists_mistake(text, expected):
    assert syntax_hint(text, text.count("\n")) == expected


@pytest.mark.parametrize(
    "line_break", ["\r\n", "\r", "\x85", "\u2028", "\u2029"], ids=["CR LF", "CR", "NEL", "LS", "PS"]
)
def test_a_file_with_other_line_breaks_gets_the_same_hint(line_break):
    """The parser counts each of these as a line break: the hint names the same line and column."""
    text = "levels:\n  - X\n    level: 初级\n".replace("\n", line_break)
    assert syntax_hint(text, 3) == (3, 5, *misaligned(4, 2))


@pytest.mark.parametrize(
    ("name", "known", "hint"),
    [
        # Chinese, with two English fields it may mean
        (
            "评价组织",
            ["organization", "previous_organization"],
            (
                "",
                "字段名要用英文：'评价组织' 应写作 'organization' 或 'previous_organization'",
                "write it as 'organization' or 'previous_organization'",
            ),
        ),
        # two close spellings, the closer first, no third
        (
            "sorces",
            ["sources", "source", "sorted"],
            ("", "是不是 'sources' 或 'source'？", "did you mean 'sources' or 'source'?"),
        ),
        # a synonym and a close spelling
        (
            "comment",
            ["note", "remarks", "comments"],
            ("", "是不是 'note' 或 'remarks'？", "did you mean 'note' or 'remarks'?"),
        ),
        # a name that differs only in case and separators
        ("Last-Verified", ["last_verified"], ("", "是不是 'last_verified'？", "did you mean 'last_verified'?")),
        # a full-width colon kept with the name, quotes and spaces around it
        (
            "'name'：",
            ["name"],
            (
                "：",
                "字段名里有全角冒号“：”：应写作 'name'",
                "the field name holds a full-width colon '：': write 'name'",
            ),
        ),
    ],
)
def test_an_unknown_field_name_is_answered_with_the_fields_it_may_mean(name, known, hint):
    assert field_name_hint(name, known) == hint


AS_2019_06 = ("日期写成 2019-06（年、月、日之间用半角“-”连接）", "write the date as 2019-06, with hyphens")


@pytest.mark.parametrize(
    ("value", "numeric", "hint"),
    [
        ("100元", True, ("元", "只写数字 100，不要写“元”或“¥”", "write the number 100, without 元 or ¥")),
        ("100元", False, None),  # a text field (a date, say): 元 is not the mistake to name there
        (
            "１００元",
            True,
            ("１", "全角数字“１”：请用半角数字，写 100", "a full-width digit '１': type ASCII digits, 100"),
        ),
        (
            "１００元",
            False,
            ("１", "全角数字“１”：请用半角数字，写 100元", "a full-width digit '１': type ASCII digits, 100元"),
        ),
        # a quoted value keeps its leading spaces: the character named is still the one after the year
        ("  2019年6月", False, ("年", *AS_2019_06)),
        (" 2019 /6", False, ("/", *AS_2019_06)),
        # Chinese quotes around a value: delete them (YAML needs none) or type ASCII ones
        (
            "‘full’",
            False,
            (
                "‘",
                "有中文引号‘：删去它，或改用半角的 '",
                "it holds a Chinese quotation mark '‘': delete it, or type the ASCII '",
            ),
        ),
        (
            "“full”",
            False,
            (
                "“",
                '有中文引号“：删去它，或改用半角的 "',
                "it holds a Chinese quotation mark '“': delete it, or type the ASCII \"",
            ),
        ),
    ],
)
def test_a_value_hint_reads_fees_only_in_number_fields_and_names_the_character_after_the_year(value, numeric, hint):
    assert value_hint(value, numeric) == hint


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  - level: 初级",
            "  - level: 100元",
            "catalogue/certificates/fictional-alpha.yaml:12:12: error: levels[0].level: '100元' 不是可选的值"
            "（初级、中级、高级） · '100元' is not one of: 初级, 中级, 高级",
        ),
        (
            "    date: 2021-06-01",
            "    date: 2021元",
            "catalogue/certificates/fictional-alpha.yaml:28:11: error: history[0].date: '2021元' 的写法不对，"
            "应写成 2021-03 这样 · '2021元' is not a date written as YYYY, YYYY-MM or YYYY-MM-DD, such as 2019-06-19",
        ),
        (
            "    sources: [fictional-notice-2020]\n  - level: 中级",
            "    sources: 100元\n  - level: 中级",
            "catalogue/certificates/fictional-alpha.yaml:15:14: error: levels[0].sources: 应为列表，却是文字 '100元' "
            "· expected a list, got the text '100元'",
        ),
    ],
    ids=["a choice", "a date", "a list"],
)
def test_a_fee_written_where_no_number_belongs_gets_no_fee_hint(tmp_path, old, new, expected):
    catalogue = copy_fictional(tmp_path)
    edit(catalogue, A, old, new)
    assert run_check(catalogue) == (1, [expected])
