"""The field reference's table, cell by cell: what a contributor reads for a field's type, bounds and
whether it is required (conditions included), for small schemas and for the real ones in schema/."""

from __future__ import annotations

import pytest

from tests.helpers import MODULE
from xcat.render.fieldref import MAX_DEPTH, SchemaWalker, _bounds, _conditions, _type_text, file_kinds
from xcat.settings import ROOT

BASE = "https://example.org/schemas/"
COMMON = {
    "$id": BASE + "common.schema.json",
    "$defs": {
        "text": {"type": "string", "description": "文字 · text", "examples": ["abc"]},
        "code": {"type": "string", "description": "代码 · code"},
        "entry": {"type": "object", "properties": {"code": {"$ref": "#/$defs/code"}}},  # a ref inside this file
    },
}
ITEM_DEFS = {
    "mapping": {"type": "object", "properties": {"name": {"type": "string"}}},
    "number": {"type": "integer"},
    "node": {"type": "object", "properties": {"child": {"$ref": "#/$defs/node"}}},
    "list_node": {"type": "object", "properties": {"list": {"type": "array", "items": {"$ref": "#/$defs/list_node"}}}},
}


def walker_for(properties: dict | None = None, **schema) -> tuple[SchemaWalker, dict]:
    """A walker over item.schema.json (these properties and keys) and common.schema.json."""
    item = {"$id": BASE + "item.schema.json", "type": "object", "$defs": ITEM_DEFS, **schema}
    if properties is not None:
        item["properties"] = properties
    return SchemaWalker({"item.schema.json": item, "common.schema.json": COMMON}), item


# --- 类型 Type --------------------------------------------------------------------


@pytest.mark.parametrize(
    "schema, expected",
    [
        ({"type": "string", "enum": ["a", "b"]}, "以下之一 one of"),
        ({"enum": [1, 2]}, "以下之一 one of"),
        ({"type": "string"}, "文本 text"),
        ({"type": "integer"}, "整数 whole number"),
        ({"type": "number"}, "数字 number"),
        ({"type": "boolean"}, "true / false"),
        ({"type": "object"}, "映射 mapping (name: value)"),
        ({"type": "array"}, "列表 list"),
        ({"type": "array", "items": True}, "列表 list"),
        ({}, ""),
        ({"const": True}, ""),
        ({"type": "null"}, ""),
        ({"type": ["string", "integer"]}, "文本 text / 整数 whole number"),
        ({"type": ["string", "null"]}, "文本 text / null"),
        ({"type": ["string", "array"], "items": {"type": "string"}}, "文本 text / 列表 list"),
        ({"type": "array", "items": {"type": "string"}}, "列表 list of text"),
        ({"type": "array", "items": {"type": "integer"}}, "列表 list of whole numbers"),
        ({"type": "array", "items": {"type": "number"}}, "列表 list of numbers"),
        ({"type": "array", "items": {"type": "boolean"}}, "列表 list of true / false"),
        ({"type": "array", "items": {"type": "object"}}, "列表 list of 映射 mappings"),
        ({"type": "array", "items": {"type": "array"}}, "列表 list of lists"),
        ({"type": "array", "items": {"enum": ["a", "b"]}}, "列表 list of values"),
        ({"type": "array", "items": {}}, "列表 list of values"),
        ({"type": "array", "items": {"$ref": "#/$defs/mapping"}}, "列表 list of 映射 mappings"),
        ({"type": "array", "items": {"$ref": "#/$defs/number"}}, "列表 list of whole numbers"),
        ({"type": "array", "items": {"$ref": "common.schema.json#/$defs/text"}}, "列表 list of text"),
        ({"type": "string", "items": {"type": "object"}}, "文本 text"),  # items only applies to a list
    ],
    ids=[
        "enum-wins-over-type",
        "enum-without-type",
        "string",
        "integer",
        "number",
        "boolean",
        "object",
        "array-of-anything",
        "array-items-true",
        "no-type",
        "const-without-type",
        "unknown-type",
        "string-or-integer",
        "a-type-without-a-name",
        "string-or-array",
        "list-of-text",
        "list-of-whole-numbers",
        "list-of-numbers",
        "list-of-booleans",
        "list-of-mappings",
        "list-of-lists",
        "list-of-enum-values",
        "list-of-anything",
        "items-ref-in-this-file",
        "items-ref-to-a-number",
        "items-ref-to-another-file",
        "string-with-stray-items",
    ],
)
def test_the_type_column_names_the_type_in_chinese_and_english(schema, expected):
    walker, _ = walker_for()
    assert _type_text(schema, walker, "item.schema.json") == expected


# --- Bounds, in brackets after the type ------------------------------------------


@pytest.mark.parametrize(
    "schema, expected",
    [
        ({}, None),
        ({"type": "integer", "minimum": 1, "maximum": 100}, "1–100"),
        ({"type": "number", "minimum": 0, "maximum": 100000}, "0–100000"),
        ({"type": ["string", "integer"], "minimum": 1949, "maximum": 2100}, None),  # a partial date
        ({"type": ["string", "number"], "minimum": 0, "maximum": 10}, "0–10"),
        ({"type": "integer", "minimum": 0}, "≥ 0"),
        ({"type": "number", "minimum": 1.5}, "≥ 1.5"),
        ({"type": "string", "minimum": 3}, None),
        ({"type": ["string", "integer"], "minimum": 1949}, None),
        ({"type": "integer"}, None),
        ({"type": "integer", "maximum": 9}, None),
        ({"type": "array", "minItems": 1}, "至少 at least 1"),
        ({"type": "array", "minItems": 0}, None),
        ({"type": "array", "maxItems": 3}, "至多 at most 3"),
        ({"type": "array", "maxItems": 0}, "至多 at most 0"),
        ({"type": "array", "uniqueItems": True}, "不重复 no repeats"),
        ({"type": "array", "uniqueItems": False}, None),
        ({"type": "array", "minItems": 1, "maxItems": 3}, "至少 at least 1, 至多 at most 3"),
        (
            {"type": "array", "minItems": 2, "maxItems": 5, "uniqueItems": True},
            "至少 at least 2, 至多 at most 5, 不重复 no repeats",
        ),
        ({"type": ["string", "array"], "minItems": 1, "uniqueItems": True}, "至少 at least 1, 不重复 no repeats"),
    ],
    ids=[
        "none",
        "integer-range",
        "number-range",
        "partial-date-year-range-not-shown",
        "string-or-number-range",
        "integer-minimum",
        "number-minimum",
        "string-minimum-not-shown",
        "string-or-integer-minimum-not-shown",
        "integer-without-minimum",
        "maximum-alone-not-shown",
        "min-items",
        "min-items-zero",
        "max-items",
        "max-items-zero",
        "unique-items",
        "unique-items-false",
        "min-and-max-items",
        "all-three",
        "string-or-list",
    ],
)
def test_the_bounds_are_said_in_chinese_and_english(schema, expected):
    assert _bounds(schema) == expected


# --- 必填 Required, when a rule makes it so ---------------------------------------

RENAMED = {"properties": {"type": {"const": "renamed"}}, "required": ["type"]}
PAPER = {"if": {"required": ["kind"], "properties": {"kind": {"const": "paper"}}}, "then": {"required": ["authors"]}}
PAPER_NOTE = {"authors": "当 kind 为 paper 时必填 · required when kind is paper"}
PREVIOUS_NAME = "当 type 为 renamed 时必填，否则不可填 · required when type is renamed, not allowed otherwise"
ONLY_RENAMED = "仅当 type 为 renamed 时可填 · allowed only when type is renamed"


@pytest.mark.parametrize(
    "all_of, expected",
    [
        (None, {}),
        ([], {}),
        ([PAPER], PAPER_NOTE),
        (
            [
                {
                    "if": RENAMED,
                    "then": {"required": ["previous_name"]},
                    "else": {"properties": {"previous_name": False}},
                }
            ],
            {"previous_name": PREVIOUS_NAME},
        ),
        (
            [{"if": {"properties": {"type": {"enum": ["replaced", "merged"]}}}, "then": {"required": ["successors"]}}],
            {"successors": "当 type 为 replaced / merged 时必填 · required when type is replaced / merged"},
        ),
        (
            [{"if": {"properties": {"level": {"const": 3}}}, "then": {"required": ["a", "b"]}}],
            {
                "a": "当 level 为 3 时必填 · required when level is 3",
                "b": "当 level 为 3 时必填 · required when level is 3",
            },
        ),
        ([{"if": RENAMED, "else": {"properties": {"previous_name": False}}}], {"previous_name": ONLY_RENAMED}),
        (
            [{"if": RENAMED, "then": {}, "else": {"properties": {"previous_name": False}}}],
            {"previous_name": ONLY_RENAMED},
        ),
        ([{"if": RENAMED, "else": {"properties": {"previous_name": {"type": "string"}}}}], {}),
        ([{"if": RENAMED, "else": {"properties": {"previous_name": True}}}], {}),
        (
            [
                {
                    "if": RENAMED,
                    "then": {"required": ["a"]},
                    "else": {"properties": {"a": {"type": "string"}, "b": False}},
                }
            ],
            {"a": "当 type 为 renamed 时必填 · required when type is renamed", "b": ONLY_RENAMED},
        ),
        ([{"if": RENAMED, "then": {"properties": {"previous_name": {"type": "string"}}}}], {}),
        (
            [
                {
                    "if": {"properties": {"type": {"const": "renamed"}, "kind": {"const": "paper"}}},
                    "then": {"required": ["x"]},
                },
                PAPER,
            ],
            PAPER_NOTE,
        ),
        ([{"if": {"properties": {}}, "then": {"required": ["x"]}}, PAPER], PAPER_NOTE),
        ([{"if": {"required": ["kind"]}, "then": {"required": ["x"]}}, PAPER], PAPER_NOTE),
        ([{"if": {"properties": {"kind": {"type": "string"}}}, "then": {"required": ["x"]}}, PAPER], PAPER_NOTE),
        ([{"if": {"properties": {"kind": {"enum": []}}}, "then": {"required": ["x"]}}, PAPER], PAPER_NOTE),
        ([{"required": ["x"]}, PAPER], PAPER_NOTE),
        ([True, PAPER], PAPER_NOTE),
    ],
    ids=[
        "no-rules",
        "empty-all-of",
        "required-when",
        "required-when-not-allowed-otherwise",
        "required-when-one-of-an-enum",
        "a-number-and-two-fields",
        "only-allowed-when",
        "only-allowed-when-then-requires-nothing",
        "else-property-not-false",
        "else-property-true",
        "required-and-another-only-allowed",
        "then-without-required",
        "two-part-condition-skipped",
        "empty-condition-skipped",
        "condition-without-properties-skipped",
        "condition-without-const-or-enum-skipped",
        "condition-with-empty-enum-skipped",
        "rule-without-if-skipped",
        "rule-true-skipped",
    ],
)
def test_a_condition_is_said_in_chinese_and_english(all_of, expected):
    assert _conditions({} if all_of is None else {"allOf": all_of}) == expected


# --- Rows --------------------------------------------------------------------------


def table(properties: dict | None, **schema) -> list[tuple]:
    """What the page shows for each field: path, required, type, allowed, expected, bounds, description, example."""
    walker, item = walker_for(properties, **schema)
    return [
        (row.path, row.required, row.kind, row.allowed, row.expected, row.bounds, row.description, row.example)
        for row in walker.rows(item, "item.schema.json")
    ]


OPTIONAL_TEXT = ("否 no", "文本 text", [], None, None)


@pytest.mark.parametrize(
    "properties, schema, expected",
    [
        (None, {}, []),
        ({}, {}, []),
        (
            {"code": {"type": "string", "description": "代码 · code", "examples": ["a-1", "b"]}},
            {"required": ["code"]},
            [("code", "是 yes", "文本 text", [], None, None, "代码 · code", "a-1")],
        ),
        ({"code": {"type": "string"}}, {}, [("code", *OPTIONAL_TEXT, "", None)]),
        ({"code": {"type": "string", "examples": []}}, {}, [("code", *OPTIONAL_TEXT, "", None)]),
        (
            {"level": {"enum": ["初级", "1", True, None], "examples": ["1"], "x-expected": "a level"}},
            {},
            [("level", "否 no", "以下之一 one of", ["初级", "'1'", "true", "null"], "a level", None, "", "'1'")],
        ),
        (
            {"old": False, "new": True, "code": {"type": "string"}},
            {},
            [("code", *OPTIONAL_TEXT, "", None)],
        ),
        (
            {"kind": {"enum": ["paper"]}, "authors": {"type": "array", "items": {"type": "string"}, "minItems": 1}},
            {"allOf": [PAPER]},
            [
                ("kind", "否 no", "以下之一 one of", ["paper"], None, None, "", None),
                ("authors", PAPER_NOTE["authors"], "列表 list of text", [], None, "至少 at least 1", "", None),
            ],
        ),
        (
            {"code": {"$ref": "common.schema.json#/$defs/text"}},
            {},
            [("code", *OPTIONAL_TEXT, "文字 · text", "abc")],
        ),
        (
            {"code": {"$ref": "common.schema.json#/$defs/text", "description": "代码 · code", "examples": ["x"]}},
            {},
            [("code", *OPTIONAL_TEXT, "代码 · code", "x")],
        ),
        (
            {"code": {"$ref": "common.schema.json#/$defs/text", "description": ""}},
            {},
            [("code", *OPTIONAL_TEXT, "", "abc")],
        ),
        (
            {"entry": {"$ref": "common.schema.json#/$defs/entry"}},
            {},
            [
                ("entry", "否 no", "映射 mapping (name: value)", [], None, None, "", None),
                ("entry.code", *OPTIONAL_TEXT, "代码 · code", None),
            ],
        ),
        (
            {"entries": {"type": "array", "items": {"$ref": "common.schema.json#/$defs/entry"}}},
            {},
            [
                ("entries", "否 no", "列表 list of 映射 mappings", [], None, None, "", None),
                ("entries[].code", *OPTIONAL_TEXT, "代码 · code", None),
            ],
        ),
        (
            {"names": {"type": "array", "items": {"$ref": "#/$defs/mapping"}}},
            {},
            [
                ("names", "否 no", "列表 list of 映射 mappings", [], None, None, "", None),
                ("names[].name", *OPTIONAL_TEXT, "", None),
            ],
        ),
        (
            {"name": {"type": "string", "items": {"$ref": "#/$defs/mapping"}}},
            {},
            [("name", *OPTIONAL_TEXT, "", None)],
        ),
        (
            {"names": {"type": "array", "items": {"type": "string"}}},
            {},
            [("names", "否 no", "列表 list of text", [], None, None, "", None)],
        ),
    ],
    ids=[
        "no-properties",
        "empty-properties",
        "required-with-description-and-first-example",
        "optional-without-description-or-example",
        "empty-examples",
        "allowed-values-and-expected-form-as-yaml",
        "a-property-false-or-true-is-passed-over",
        "required-when",
        "description-and-example-from-the-ref",
        "own-description-and-example-win",
        "own-empty-description-wins",
        "a-mappings-fields-refs-in-its-own-file",
        "list-items-fields-refs-in-their-own-file",
        "list-items-by-ref-in-this-file",
        "string-with-stray-items-has-no-fields",
        "list-of-text-has-no-fields",
    ],
)
def test_each_row_says_what_the_page_shows(properties, schema, expected):
    assert table(properties, **schema) == expected


@pytest.mark.parametrize(
    "properties, step",
    [
        ({"child": {"$ref": "#/$defs/node"}}, ".child"),
        ({"list": {"$ref": "#/$defs/list_node/properties/list"}}, "[].list"),
    ],
    ids=["mappings", "lists-of-mappings"],
)
def test_a_recursive_schema_is_listed_to_the_depth_limit(properties, step):
    first = next(iter(properties))
    assert [row[0] for row in table(properties)] == [first + step * depth for depth in range(MAX_DEPTH + 1)]


# --- The real schemas ------------------------------------------------------------


@pytest.fixture(scope=MODULE)
def real() -> dict[tuple[str, str], tuple]:
    return {
        (kind.kind, row.path): (row.required, row.kind, row.allowed, row.expected, row.bounds, row.example)
        for kind in file_kinds(ROOT / "schema")
        for row in kind.fields
    }


DATE = "a date written as YYYY, YYYY-MM or YYYY-MM-DD, such as 2019-06-19"
MAJOR = 'a six-digit major code in quotes, such as "510203" (or "520101K")'
SOURCES = ("是 yes", "列表 list of text", [], None, "至少 at least 1, 不重复 no repeats")


@pytest.mark.parametrize(
    "kind, path, expected",
    [
        ("certificate", "levels", ("否 no", "列表 list of 映射 mappings", [], None, "至少 at least 1, 至多 at most 3")),
        ("certificate", "levels[].level", ("是 yes", "以下之一 one of", ["初级", "中级", "高级"], None, None, "初级")),
        ("certificate", "levels[].fee", ("否 no", "数字 number", [], None, "0–100000", "290")),
        ("certificate", "levels[].sources", (*SOURCES, "[whtcc-bim-exam-2022]")),
        ("certificate", "history[].date", ("是 yes", "文本 text / 整数 whole number", [], DATE, None, "2021-03")),
        (
            "certificate",
            "history[].previous_name",
            (PREVIOUS_NAME, "映射 mapping (name: value)", [], None, None, "{zh: 旧名称, en: Old name}"),
        ),
        (
            "certificate",
            "history[].successors",
            (
                "当 type 为 replaced / merged 时必填，否则不可填 · required when type is replaced / merged, not allowed otherwise",
                "列表 list of 映射 mappings",
                [],
                None,
                "至少 at least 1, 不重复 no repeats",
                "[{certificate: industrial-robot-application-programming, equivalence: full}]",
            ),
        ),
        (
            "certificate",
            "history[].successors[].equivalence",
            ("是 yes", "以下之一 one of", ["full", "partial", "none"], None, None, "full"),
        ),
        ("certificate", "pilot_institutions[].count", ("是 yes", "整数 whole number", [], None, "0–100000", "325")),
        ("certificate", "related_majors[].major", ("是 yes", "文本 text", [], MAJOR, None, "'510203'")),
        (
            "source",
            "authors",
            (
                "当 kind 为 paper 时必填 · required when kind is paper",
                "列表 list of text",
                [],
                None,
                "至少 at least 1",
                "[Guomei Liu, Rui Wang]",
            ),
        ),
        ("batch", "number", ("是 yes", "整数 whole number", [], None, "1–100", "1")),
        ("batch", "totals.certificates", ("否 no", "整数 whole number", [], None, "≥ 0", "6")),
        ("programme_event", "totals.certificates", ("否 no", "整数 whole number", [], None, "≥ 1", "447")),
        (
            "programme_event",
            "applies_to",
            (
                "是 yes",
                "文本 text / 列表 list",
                [],
                "all, or a list of certificate ids",
                "至少 at least 1, 不重复 no repeats",
                "all",
            ),
        ),
        ("majors", "majors[].second_conversion", ("否 no", "true / false", [], None, None, "false")),
        ("synonyms", "editorial", ("是 yes", "", [], None, None, "true")),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_the_real_schemas_rows(real, kind, path, expected):
    assert real[kind, path][: len(expected)] == expected
