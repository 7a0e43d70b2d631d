"""The field reference's table, cell by cell: what a contributor reads for a field's type, bounds and
whether it is required (conditions included), for small schemas and for the real ones in schema/."""

from __future__ import annotations

import pytest

from xcat.render.fieldref import SchemaWalker, _type_text

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
