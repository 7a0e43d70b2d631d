"""Schema errors name the file, line, column and field, and say what is expected."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from tests.helpers import FICTIONAL, copy_fictional, edit, problems_after, run_check, write
from xcat.check.load import load_catalogue, read_document
from xcat.check.schemas import SchemaSet, _chinese
from xcat.check.schemas import _inline_references as inline_references
from xcat.settings import ROOT, SCHEMAS


@pytest.fixture
def catalogue(tmp_path):
    return copy_fictional(tmp_path)


def test_an_unknown_field_suggests_the_closest_name(catalogue):
    assert problems_after(catalogue, "certificates/fictional-kappa.yaml", "organization:", "organisation:") == [
        "catalogue/certificates/fictional-kappa.yaml:1:1: error: (top level): 缺少必填字段 'organization' · missing required field 'organization'",
        "catalogue/certificates/fictional-kappa.yaml:5:1: error: organisation: 没有 'organisation' 这个字段：是不是 'organization'？ · unknown field 'organisation'; did you mean 'organization'?",
    ]


def test_a_value_outside_an_enum_suggests_the_closest_value(catalogue):
    assert problems_after(catalogue, "certificates/fictional-alpha.yaml", "equivalence: full", "equivalence: ful") == [
        "catalogue/certificates/fictional-alpha.yaml:34:22: error: history[0].successors[0].equivalence: 'ful' 不是可选的值（full、partial、none）：是不是 'full'？ · 'ful' is not one of: full, partial, none; did you mean 'full'?",
    ]


def test_a_negative_fee_names_the_level(catalogue):
    assert problems_after(catalogue, "certificates/fictional-alpha.yaml", "fee: 200", "fee: -3") == [
        "catalogue/certificates/fictional-alpha.yaml:17:10: error: levels[1].fee: -3 小于最小值 0 · -3 is less than the minimum of 0",
    ]


@pytest.mark.parametrize(
    ("typed", "column", "got"),
    [
        ("seven", 12, "文字 'seven' · expected a whole number, got the text 'seven'"),
        ("", 11, "空值（什么也没写） · expected a whole number, got nothing (an empty value)"),
        ("{a: 1}", 12, "映射 · expected a whole number, got a mapping"),
        ("[7]", 12, "列表 · expected a whole number, got a list"),
        ("true", 12, "true/false 值 true · expected a whole number, got true (true/false)"),
        ("7.5", 12, "数字 7.5 · expected a whole number, got the number 7.5"),
    ],
)
def test_a_wrong_type_says_what_was_expected_and_what_was_written(catalogue, typed, column, got):
    typed_line = f"count: {typed}".rstrip()
    assert problems_after(catalogue, "certificates/fictional-kappa.yaml", "count: 7", typed_line) == [
        f"catalogue/certificates/fictional-kappa.yaml:9:{column}: error: pilot_institutions[0].count: 应为整数，却是{got}",
    ]


def test_a_missing_source_on_an_event_is_reported_at_the_event(catalogue):
    assert problems_after(
        catalogue, "certificates/fictional-eta.yaml", "    sources: [fictional-notice-2021]\n", ""
    ) == [
        "catalogue/certificates/fictional-eta.yaml:9:5: error: history[0]: 缺少必填字段 'sources' · missing required field 'sources'",
    ]


@pytest.mark.parametrize(
    "url, expected",
    [
        ("javascript:alert(1)", "'javascript:alert(1)' is not a web address starting with https://"),
        (
            "http://fictional.invalid/org-a",
            "'http://fictional.invalid/org-a' is not a web address starting with https://",
        ),
        (
            "https://fictional.invalid/<script>",
            "'https://fictional.invalid/<script>' is not a web address starting with https://",
        ),
        ("data:text/html,hi", "'data:text/html,hi' is not a web address starting with https://"),
    ],
)
def test_only_https_urls_are_accepted(catalogue, url, expected):
    lines = problems_after(
        catalogue, "organizations/fictional-org-a.yaml", "website: https://fictional.invalid/org-a", f"website: '{url}'"
    )
    assert len(lines) == 1
    prefix = f"catalogue/organizations/fictional-org-a.yaml:5:10: error: website: '{url}' 的写法不对"
    assert lines[0].startswith(prefix) and f" · {expected}" in lines[0]


@pytest.mark.parametrize("bad_id", ["../etc/passwd", "a/b", "a\\\\b", "..", "Upper", "trailing-", "two--hyphens", ""])
def test_ids_with_path_separators_or_dots_are_refused(catalogue, bad_id):
    lines = problems_after(
        catalogue, "certificates/fictional-kappa.yaml", "organization: fictional-org-a", f'organization: "{bad_id}"'
    )
    assert len(lines) == 1
    assert lines[0].startswith("catalogue/certificates/fictional-kappa.yaml:5:15: error: organization: ")
    assert "is not a lowercase id of letters a-z, digits and single hyphens" in lines[0]


def test_a_field_that_belongs_to_another_event_type_is_refused(catalogue):
    lines = problems_after(
        catalogue,
        "certificates/fictional-eta.yaml",
        "    sources: [fictional-notice-2021]\n",
        "    sources: [fictional-notice-2021]\n    successors: [{certificate: fictional-zeta, equivalence: full}]\n",
    )
    assert lines == [
        "catalogue/certificates/fictional-eta.yaml:15:5: error: history[0].successors: 'withdrawn' 事件不能有这个字段 · this field is not allowed on a 'withdrawn' event"
    ]


def test_a_replaced_event_needs_its_successors(catalogue):
    lines = problems_after(catalogue, "certificates/fictional-eta.yaml", "type: withdrawn", "type: replaced")
    assert lines == [
        "catalogue/certificates/fictional-eta.yaml:9:5: error: history[0]: 缺少必填字段 'successors' · missing required field 'successors'"
    ]


def test_every_error_in_every_file_is_reported_in_one_sorted_run(catalogue):
    edit(catalogue, "certificates/fictional-kappa.yaml", "count: 7", "count: -1")
    edit(catalogue, "certificates/fictional-alpha.yaml", "fee: 200", "fee: -3")
    write(catalogue, "sources/broken.yaml", "")
    code, lines = run_check(catalogue)
    assert code == 1
    assert [line.split(":")[0] for line in lines] == [
        "catalogue/certificates/fictional-alpha.yaml",
        "catalogue/certificates/fictional-kappa.yaml",
        "catalogue/sources/broken.yaml",
    ]


def test_every_schema_property_has_a_description_and_an_example():
    missing = []

    def walk(node, where):
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                if not isinstance(prop, dict) or "description" not in prop or "examples" not in prop:
                    missing.append(f"{where}.{name}")
            for key, value in node.items():
                if key not in ("if", "then", "else"):  # conditions restate properties, they do not define them
                    walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for position, value in enumerate(node):
                walk(value, f"{where}[{position}]")

    for path in sorted((ROOT / "schema").glob("*.schema.json")):
        walk(json.loads(path.read_text(encoding="utf-8")), path.name)
    assert missing == []


DATE_AS_NUMBER = (
    "应为文字或整数，却是数字 2019.6：日期写成 2019-06（年、月、日之间用半角“-”连接） · "
    "expected text or a whole number, got the number 2019.6; write the date as 2019-06, with hyphens"
)
SOURCE = "id: fictional-notice-2020\ntitle: T\nkind: official\nurl: https://fictional.invalid/n\n"
JSON_SOURCE = '{"id": "fictional-notice-2020", "title": "T", "kind": "official", "url": "https://fictional.invalid/n"'


@pytest.mark.parametrize(
    "text, position",
    [
        (SOURCE + "published: 2019.6\n", (5, 16)),
        ("published: 2019.6\n" + SOURCE, (1, 16)),
        (SOURCE + "published: 2019.6", (5, 16)),
        (JSON_SOURCE + ', "published":2019.6 }\n', (1, 121)),
        ((SOURCE + "published: 2019.6\n").replace("\n", "\r\n"), (5, 16)),
        ((SOURCE + "published: 2019.6\n").replace("\n", "\r"), (5, 16)),
        ((SOURCE + "published: 2019.6\n").replace("\n", "\x85"), (5, 16)),
        ((SOURCE + "published: 2019.6\n").replace("\n", "\u2028"), (5, 16)),
        ((SOURCE + "published: 2019.6\n").replace("\n", "\u2029"), (5, 16)),
    ],
    ids=[
        "last-line",
        "first-line",
        "no-newline-at-the-end",
        "json-style-no-space-after-the-colon",
        "windows-line-breaks",
        "old-mac-line-breaks",
        "next-line-breaks",
        "line-separators",
        "paragraph-separators",
    ],
)
def test_a_date_typed_as_a_number_is_read_as_typed_wherever_it_stands(tmp_path, text, position):
    path = tmp_path / "x.yaml"
    path.write_bytes(text.encode("utf-8"))
    document = read_document(path, "source", "catalogue/sources/x.yaml")
    problems = [(p.line, p.column, p.message) for p in SchemaSet(ROOT / "schema").problems(document)]
    assert problems == [(*position, f"published: {DATE_AS_NUMBER}")]


@pytest.mark.parametrize(
    ("keyword", "limit", "chinese"),
    [
        ("minItems", 1, "列表不能是空的"),
        ("minItems", 2, "列表至少要有 2 项"),  # no schema asks for more than one today
        ("minLength", 1, "文字不能是空的"),
        ("minLength", 3, "文字至少要有 3 个字符"),
        ("const", "证书", '应为 "证书"'),  # Chinese as written, not \\u escapes
        ("multipleOf", 5, "不符合要求（multipleOf）"),
    ],
)
def test_the_chinese_half_of_jsonschemas_own_messages(keyword, limit, chinese):
    assert _chinese(SimpleNamespace(validator=keyword, validator_value=limit, instance=None)) == chinese


def test_schema_shapes_the_catalogue_does_not_use_yet_are_still_explained_where_they_stand(tmp_path):
    """A field forbidden outside a history event, an object that allows no field at all, an item
    forbidden in a list, and a value that may be null: a schema may add any of them later."""
    schemas = tmp_path / "schema"
    schemas.mkdir()
    for path in (ROOT / "schema").glob("*.schema.json"):
        (schemas / path.name).write_bytes(path.read_bytes())
    organization = json.loads((schemas / "organization.schema.json").read_text(encoding="utf-8"))
    organization["properties"] |= {
        "closed": False,
        "empty": {"type": "object", "additionalProperties": False},
        "pair": {"type": "array", "prefixItems": [False]},
        "maybe": {"type": ["string", "null"]},
    }
    (schemas / "organization.schema.json").write_text(json.dumps(organization), encoding="utf-8")
    path = tmp_path / "org.yaml"
    path.write_text(
        "id: org\nname: {zh: 虚构组织}\nmaintainers: []\nsources: [x]\n"
        "closed: 1\nempty: {extra: 1}\npair: [1]\nmaybe: 3\n",
        encoding="utf-8",
    )
    document = read_document(path, "organization", "org.yaml")
    assert sorted(p.as_text() for p in SchemaSet(schemas).problems(document)) == [
        "org.yaml:5:1: error: closed: 这里不能有这个字段 · this field is not allowed here",
        "org.yaml:6:9: error: empty.extra: 没有 'extra' 这个字段 · unknown field 'extra'",
        "org.yaml:7:1: error: pair: 这里不能有这个字段 · this field is not allowed here",
        "org.yaml:8:8: error: maybe: 应为文字或空值（不写或 null），却是数字 3 · expected text or nothing (null), got the number 3",
    ]


BASE = "https://example.invalid/schema/"


def test_a_reference_is_replaced_by_its_target_unless_that_would_change_what_validates():
    """jsonschema would look each $ref up on every visit; inlined, the answers must stay the same,
    so a target with its own $id, a recursive one, one whose keywords clash with a sibling's, and
    one that is not there all stay references (made absolute: the copy may land in another schema)."""
    other = {"$id": BASE + "other.json", "$defs": {"word": {"type": "string"}}}
    schema = {
        "$id": BASE + "main.json",
        "$defs": {
            "a/b": {"type": "integer"},
            "c~d": {"minimum": 1},
            "node": {"properties": {"child": {"$ref": "#/$defs/node"}}},
        },
        "properties": {
            "slash": {"$ref": "#/$defs/a~1b", "description": "a sibling that only describes"},
            "tilde": {"$ref": "#/$defs/c~0d"},
            "word": {"$ref": "other.json#/$defs/word"},
            "whole": {"$ref": "other.json"},
            "clash": {"$ref": "other.json#/$defs/word", "type": "integer"},
            "tree": {"$ref": "#/$defs/node"},
            "missing": {"$ref": "#/$defs/nothing"},
        },
    }
    properties = inline_references(schema, {doc["$id"]: doc for doc in (schema, other)})["properties"]
    assert properties == {
        "slash": {"description": "a sibling that only describes", "type": "integer"},
        "tilde": {"minimum": 1},
        "word": {"type": "string"},
        "whole": {"$ref": BASE + "other.json"},
        "clash": {"$ref": BASE + "other.json#/$defs/word", "type": "integer"},
        "tree": {"properties": {"child": {"$ref": BASE + "main.json#/$defs/node"}}},
        "missing": {"$ref": BASE + "main.json#/$defs/nothing"},
    }


def test_a_file_its_compiled_check_accepts_never_reaches_jsonschema():
    """Most files pass: building jsonschema's validators (and importing it) is left to the first failure."""
    schemas = SchemaSet(SCHEMAS)
    documents = load_catalogue(FICTIONAL)
    assert documents and all(list(schemas.problems(document)) == [] for document in documents)
    assert "validators" not in vars(schemas)
