"""The field reference page: generated from the schemas, so it says what check enforces."""

from __future__ import annotations

import html as html_lib
import json
import re
import shutil
from pathlib import Path

import markdown
import pytest

from tests.helpers import MODULE
from xcat.render.fieldref import (
    MAX_DEPTH,
    SchemaWalker,
    _block_yaml,
    _inline_yaml,
    fence,
    file_kinds,
    write_field_reference,
)
from xcat.render.pages import plain_text
from xcat.settings import ROOT
from xcat.vocabulary import FILE_KINDS

EXTENSIONS = ["tables", "fenced_code", "attr_list", "md_in_html", "toc"]  # as MkDocs builds with mkdocs.yml


def page(tmp_path: Path, schema_dir: Path = ROOT / "schema") -> str:
    docs = tmp_path / "docs"
    (docs / "reference").mkdir(parents=True, exist_ok=True)  # the hand-written docs have the folder already
    write_field_reference(docs, schema_dir)
    return (docs / "reference" / "fields.md").read_text(encoding="utf-8")


def html(text: str) -> str:
    return markdown.markdown(text.split("---\n", 2)[2], extensions=EXTENSIONS)


def rows(text: str, section: str = "") -> dict[str, list[str]]:
    """Field path -> its table cells as a reader sees them, in one file kind's section (or all)."""

    rendered = html(text)
    if section:
        rendered = rendered.split(f'<h2 id="{section}">', 1)[1].split("<h2", 1)[0]
    found = {}
    rendered = rendered.replace("<br />", " · ").replace("<br>", " · ")  # a description's two lines, 中文 · English
    for row in re.findall(r"<tr>\s*(.*?)\s*</tr>", rendered, re.S):
        cells = [
            html_lib.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)
        ]
        if cells:
            found.setdefault(cells[0], cells)
    return found


@pytest.fixture(scope=MODULE)
def shipped(tmp_path_factory) -> str:
    return page(tmp_path_factory.mktemp("fieldref"))


def test_every_field_of_every_file_kind_is_listed_with_its_schema_description(shipped):
    for name in ("certificate", "organization", "source", "batch", "fields", "majors"):
        schema = json.loads((ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
        table = rows(shipped, name)
        for key, prop in schema["properties"].items():
            assert table[key][3] == prop["description"], f"{name}: {key}"
    table = rows(shipped)
    assert table["levels[].fee"][2] == "数字 number (0–100000)"
    assert table["history[].successors[].equivalence"][2] == "以下之一 one of: full, partial, none"
    assert table["totals.basis"][1] == "是 yes"
    assert table["id"][2].startswith("文本 text: a lowercase id of letters a-z")


def test_required_optional_and_conditional_fields_are_told_apart(shipped):
    table = rows(shipped)
    assert table["organization"][1] == "是 yes"
    assert table["batch"][1] == "否 no"
    assert (
        table["history[].previous_name"][1]
        == "当 type 为 renamed 时必填，否则不可填 · required when type is renamed, not allowed otherwise"
    )
    assert (
        table["history[].successors"][1]
        == "当 type 为 replaced / merged 时必填，否则不可填 · required when type is replaced / merged, not allowed otherwise"
    )
    assert rows(shipped, "source")["authors"][1] == "当 kind 为 paper 时必填 · required when kind is paper"


def test_examples_come_from_the_schema_as_yaml(shipped):
    table = rows(shipped)
    assert table["levels[].level"][4] == "初级"
    assert table["name"][4] == "{zh: 工业机器人应用编程, en: Industrial robot application programming}"
    assert "```yaml\nid: industrial-robot-application-programming\nname:\n  zh: 工业机器人应用编程\n" in shipped


def test_the_page_follows_the_schema_and_escapes_what_it_says(tmp_path):
    schemas = tmp_path / "schema"
    shutil.copytree(ROOT / "schema", schemas)
    path = schemas / "organization.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"]["website"]["description"] = (
        "New words | <script>alert(1)</script> [x](javascript:alert(1)) *not em*"
    )
    schema["examples"][0]["id"] = "```\n<b>fence</b>"
    path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")

    text = page(tmp_path, schemas)
    rendered = html(text)
    assert (
        "<script>" not in rendered
        and "<b>" not in rendered.split("<pre>")[0]
        and 'href="javascript' not in rendered
        and "<em>not" not in rendered
    )
    assert (
        rows(text, "organization")["website"][3]
        == "New words | <script>alert(1)</script> [x](javascript:alert(1)) *not em*"
    )
    # The example file stays inside its code block whatever it holds.
    block = next(b for b in re.findall(r"<pre><code[^>]*>(.*?)</code></pre>", rendered, re.S) if "fence" in b)
    assert "```" in block and "&lt;b&gt;fence&lt;/b&gt;" in block and block.endswith("sources: [uryuwr-credentials]\n")


def test_output_is_deterministic(tmp_path, shipped):
    assert page(tmp_path) == shipped


def _properties(schema, where: str):
    """Every property of a schema, however deep (objects, list items, $defs, if/then/else), with its path."""
    if isinstance(schema, dict):
        for name, prop in schema.get("properties", {}).items():
            if isinstance(prop, dict):
                yield f"{where}.{name}", prop
        for key, value in schema.items():
            if key not in ("examples", "enum", "const"):
                yield from _properties(value, f"{where}.{key}" if key != "properties" else where)
    elif isinstance(schema, list):
        for item in schema:
            yield from _properties(item, where)


CHINESE = re.compile(r"[\u4e00-\u9fff]")


def test_every_property_of_every_schema_has_a_chinese_first_description_and_an_example():
    documents = {
        p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "schema").glob("*.schema.json"))
    }
    checked = 0
    for name, schema in documents.items():
        assert CHINESE.search(schema["description"].split(" · ")[0]), name
        for path, prop in _properties(schema, name):
            if "description" not in prop and set(prop) <= {"const", "enum"}:
                continue  # a condition (if: {properties: {type: {const: renamed}}}), not a field
            target = prop
            if "$ref" in prop and "examples" not in prop:
                file, _, pointer = prop["$ref"].partition("#")
                target = documents[file or name]
                for part in filter(None, pointer.split("/")):
                    target = target[part]
            chinese, _, english = prop.get("description", target.get("description", "")).partition(" · ")
            assert CHINESE.search(chinese) and english, f"{path}: description is not 中文 · English"
            assert target.get("examples") or prop.get("examples"), f"{path}: no example"
            checked += 1
    assert checked > 100


def test_the_field_reference_is_chinese_first_with_an_example_in_every_row(shipped):
    table = rows(shipped)
    assert len(table) > 90
    for path, cells in table.items():
        assert CHINESE.search(cells[3].split(" · ")[0]), path
        assert cells[4], f"{path}: no example"
    assert table["levels[].fee"][3].startswith("考试费用，单位为元")
    assert table["levels[].fee"][4] == "290"
    assert "| 考试费用，单位为元，按来源所写；只写数字。<br>The exam fee in yuan " in shipped  # one line each


# --- Following $ref ---------------------------------------------------------------

TEXT = {"type": "string", "description": "文字 · text"}
NUMBER = {"type": "integer", "description": "整数 · number"}
COMMON = {
    "$id": "https://example.org/schemas/common.schema.json",
    "$defs": {"text": TEXT, "a/b": TEXT, "a~b": TEXT, "c#d": TEXT, "a~1b": NUMBER},
}
ELSEWHERE = {"$id": "https://example.org/elsewhere/shared", "$defs": {"text": TEXT}}  # not its file's name
CHAIN = {f"link{n}": {"$ref": f"#/$defs/link{n + 1}"} for n in range(1, MAX_DEPTH + 1)} | {f"link{MAX_DEPTH + 1}": TEXT}


def fields(properties: dict) -> list[tuple[str, str, str]]:
    """The field reference's rows for a schema with these properties: field, type and description."""
    documents = {
        "item.schema.json": {
            "$id": "https://example.org/schemas/item.schema.json",
            "type": "object",
            "properties": properties,
            "$defs": {"text": TEXT, "anything": True, "loop": {"$ref": "#/$defs/loop"}, **CHAIN},
        },
        "common.schema.json": COMMON,
        "elsewhere.schema.json": ELSEWHERE,
    }
    walker = SchemaWalker(documents)
    return [
        (row.path, row.kind, row.description) for row in walker.rows(documents["item.schema.json"], "item.schema.json")
    ]


FOUND, NOT_FOUND = ("文本 text", "文字 · text"), ("", "")


@pytest.mark.parametrize(
    "reference, expected",
    [
        ("#/$defs/text", FOUND),
        ("common.schema.json#/$defs/text", FOUND),
        ("./common.schema.json#/$defs/text", FOUND),
        ("../schemas/common.schema.json#/$defs/text", FOUND),
        ("https://example.org/elsewhere/shared#/$defs/text", FOUND),
        ("common.schema.json#/$defs/a~1b", FOUND),
        ("common.schema.json#/$defs/a~0b", FOUND),
        ("common.schema.json#/$defs/a~01b", ("整数 whole number", "整数 · number")),
        ("common.schema.json#/$defs/c#d", FOUND),
        ("#/$defs/link2", FOUND),
        ("#/$defs/link1", NOT_FOUND),
        ("#/$defs/loop", NOT_FOUND),
        ("#/$defs/missing", NOT_FOUND),
        ("#/$defs/missing/deeper", NOT_FOUND),
        ("nowhere.schema.json#/$defs/text", NOT_FOUND),
        ("#/$defs/anything", NOT_FOUND),
        ("#/$defs/anything/deeper", NOT_FOUND),
    ],
    ids=[
        "same-file",
        "by-file-name",
        "by-relative-path",
        "by-path-through-a-parent-folder",
        "by-id",
        "escaped-slash",
        "escaped-tilde",
        "escaped-tilde-then-one",
        "hash-in-a-name",
        "a-chain-as-long-as-the-limit",
        "a-chain-longer-than-the-limit",
        "a-cycle",
        "missing",
        "inside-something-missing",
        "another-file-missing",
        "the-schema-true",
        "inside-the-schema-true",
    ],
)
def test_a_fields_ref_is_followed_for_its_type_and_description(reference, expected):
    # What cannot be followed leaves the field listed, without a type: the page is still built.
    assert fields({"code": {"$ref": reference}}) == [("code", *expected)]


def test_the_descriptions_next_to_a_ref_win_over_its_targets():
    assert fields({"code": {"$ref": "#/$defs/text", "description": "代码 · code"}}) == [
        ("code", "文本 text", "代码 · code")
    ]


def test_a_recursive_schema_is_listed_to_a_bounded_depth():
    node = {"$ref": "#/$defs/node"}
    documents = {
        "tree.schema.json": {
            "$id": "https://example.org/schemas/tree.schema.json",
            "type": "object",
            "properties": {"node": node},
            "$defs": {"node": {"type": "object", "description": "节点 · node", "properties": {"child": node}}},
        }
    }
    rows = SchemaWalker(documents).rows(documents["tree.schema.json"], "tree.schema.json")
    assert [row.path for row in rows] == ["node" + ".child" * depth for depth in range(MAX_DEPTH + 1)]


def test_a_file_kind_without_fields_has_an_empty_table():
    documents = {"empty.schema.json": {"$id": "https://example.org/schemas/empty.schema.json", "type": "object"}}
    assert SchemaWalker(documents).rows(documents["empty.schema.json"], "empty.schema.json") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", "```"),
        ("a ` b `` c", "```"),
        ("```", "````"),
        ("x ```` y", "`````"),
        ("``a```b", "````"),  # the longest run, not the last
        ("`\n`\n`", "```"),  # runs do not carry across other characters
    ],
)
def test_a_code_fence_is_longer_than_any_run_of_backticks_in_its_text(text, expected):
    assert fence(text) == expected


def test_an_example_is_shown_as_a_contributor_writes_the_file():
    """Chinese as written, lists indented under their key, long lines not folded."""
    example = {"name": {"zh": "虚构证书"}, "levels": [{"level": "初级", "fee": 290}], "details": "word " * 30 + "end"}
    assert _block_yaml(example) == (
        "name:\n  zh: 虚构证书\nlevels:\n  - level: 初级\n    fee: 290\ndetails: " + "word " * 30 + "end"
    )


@pytest.mark.parametrize(
    "value, inline",
    [
        ({"b": [1, 2], "a": "虚构"}, "{b: [1, 2], a: 虚构}"),  # keys in the schema's order, Chinese as written
        ("word " * 30, "'" + "word " * 30 + "'"),  # long values stay on one line
        ("2021-06", "2021-06"),
        (True, "true"),
    ],
)
def test_a_fields_example_is_one_line_of_yaml_as_a_contributor_types_it(value, inline):
    assert _inline_yaml(value) == inline


def test_each_kind_without_its_schema_is_left_out_and_a_bare_schema_falls_back_to_its_kind(tmp_path):
    schemas = tmp_path / "schema"
    shutil.copytree(ROOT / "schema", schemas)
    (schemas / FILE_KINDS[0].schema).unlink()  # the first kind: the others still follow
    bare = json.loads((schemas / FILE_KINDS[1].schema).read_text(encoding="utf-8"))
    for key in ("title", "description", "examples"):
        del bare[key]
    (schemas / FILE_KINDS[1].schema).write_text(json.dumps(bare), encoding="utf-8")
    kinds = file_kinds(schemas)
    assert [k.kind for k in kinds] == [k.kind for k in FILE_KINDS[1:]]
    assert (kinds[0].title, kinds[0].description, kinds[0].example) == (FILE_KINDS[1].kind, "", None)


def test_each_file_kind_is_introduced_by_its_names_place_and_description(tmp_path):
    text = page(tmp_path)
    for kind in FILE_KINDS:
        schema = json.loads((ROOT / "schema" / kind.schema).read_text(encoding="utf-8"))
        anchor, title = kind.kind.replace("_", "-"), plain_text(schema["title"])  # as the page prints text
        assert f"- [{kind.name_zh} {title}](#{anchor})\n" in text
        assert f"\n## {kind.name_zh} {title} {{ #{anchor} }}\n" in text
        assert f"\n<code>{plain_text(kind.location)}</code> · {plain_text(schema['description'])}\n" in text
