"""The field reference for contributors, generated from the schemas' descriptions and examples.

The schemas in schema/ are the one source: this module walks them (following $ref
within the set, and reading the if/then rules that make a field required for one kind
of event), and the template xcat/render/templates/fieldref/fields.md.j2 lays the result out
as docs/reference/fields.md in the site. Nothing here restates what a field means.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup
from ruamel.yaml import YAML

from ..textfile import read_text, write_text
from ..urls import FIELD_REFERENCE
from ..vocabulary import FILE_KINDS
from ..yamlstyle import dump
from .pages import plain_text  # the site's one escaping policy for text in Markdown

TEMPLATES = Path(__file__).parent / "templates" / "fieldref"
PAGE = Path(FIELD_REFERENCE)
TYPE_NAMES = {
    "string": "文本 text",
    "integer": "整数 whole number",
    "number": "数字 number",
    "boolean": "true / false",
    "object": "映射 mapping (name: value)",
    "array": "列表 list",
}
ITEM_NAMES = {  # 列表 list of ...
    "string": "text",
    "integer": "whole numbers",
    "number": "numbers",
    "boolean": "true / false",
    "object": "映射 mappings",
    "array": "lists",
}
MAX_DEPTH = 12


@dataclass
class FieldRow:
    path: str  # levels[].fee
    required: str  # 是 yes / 否 no / a condition
    kind: str  # the type, in words
    allowed: list[str]  # enum values, shown as code
    expected: str | None  # x-expected: a sentence about the form
    bounds: str | None
    description: str
    example: str | None  # YAML, one line

    @property
    def description_lines(self) -> list[str]:
        """中文, then English: the schemas write "中文 · English", the table shows each on its own line."""
        return self.description.split(" · ", 1)


@dataclass
class FileKind:
    kind: str
    name_zh: str
    location: str
    title: str
    description: str
    fields: list[FieldRow] = field(default_factory=list)
    example: str | None = None  # a whole example file, block YAML


class SchemaWalker:
    def __init__(self, documents: dict[str, dict]):
        self.documents = documents
        self.by_id = {doc["$id"]: name for name, doc in documents.items()}  # check needs every $id too

    def resolve(self, schema: dict, document: str) -> tuple[dict, str]:
        """Merge a $ref's target under the schema's own keys (its description and examples win)."""
        seen = 0
        merged = dict(schema)
        while "$ref" in merged and seen < MAX_DEPTH:
            seen += 1
            reference = merged.pop("$ref")
            target_file, _, pointer = reference.partition("#")
            if target_file:
                document = self.by_id.get(target_file, target_file.rpartition("/")[2])
            target = self.documents.get(document)
            for part in filter(None, pointer.split("/")):
                target = target.get(part.replace("~1", "/").replace("~0", "~")) if isinstance(target, dict) else None
            merged = {**target, **merged} if isinstance(target, dict) else merged
        return merged, document

    def rows(self, schema: dict, document: str, prefix: str = "", depth: int = 0) -> list[FieldRow]:
        schema, document = self.resolve(schema, document)
        if depth > MAX_DEPTH:
            return []
        conditions = _conditions(schema)
        required = set(schema.get("required", []))
        rows = []
        for name, prop in schema.get("properties", {}).items():
            if not isinstance(prop, dict):
                continue
            resolved, where = self.resolve(prop, document)
            path = f"{prefix}{name}"
            rows.append(
                FieldRow(
                    path=path,
                    required="是 yes" if name in required else conditions.get(name, "否 no"),
                    kind=_type_text(resolved, self, where),
                    allowed=[_inline_yaml(v) for v in resolved.get("enum", [])],
                    expected=resolved.get("x-expected"),
                    bounds=_bounds(resolved),
                    description=resolved.get("description", ""),  # the field's own, if it has one (resolve)
                    example=_inline_yaml(resolved["examples"][0]) if resolved.get("examples") else None,
                )
            )
            rows += self._children(resolved, where, path, depth)
        return rows

    def _children(self, schema: dict, document: str, path: str, depth: int) -> list[FieldRow]:
        if "properties" in schema:
            return self.rows(schema, document, f"{path}.", depth + 1)
        if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
            items, where = self.resolve(schema["items"], document)
            if "properties" in items:
                return self.rows(items, where, f"{path}[].", depth + 1)
        return []


def _type_text(schema: dict, walker: SchemaWalker, document: str) -> str:
    if "enum" in schema:
        return "以下之一 one of"
    kinds = schema.get("type")
    if isinstance(kinds, list):
        return " / ".join(TYPE_NAMES.get(str(k), str(k)) for k in kinds)
    if kinds == "array" and isinstance(schema.get("items"), dict):
        items, _ = walker.resolve(schema["items"], document)
        inner = ITEM_NAMES.get(str(items.get("type")), "values")
        return f"列表 list of {inner}"
    return TYPE_NAMES.get(str(kinds), "")


def _bounds(schema: dict) -> str | None:
    parts = []
    if "minimum" in schema and "maximum" in schema and schema.get("type") != ["string", "integer"]:
        parts.append(f"{schema['minimum']}–{schema['maximum']}")
    elif "minimum" in schema and schema.get("type") in ("integer", "number"):
        parts.append(f"≥ {schema['minimum']}")
    if schema.get("minItems"):
        parts.append(f"至少 at least {schema['minItems']}")
    if "maxItems" in schema:
        parts.append(f"至多 at most {schema['maxItems']}")
    if schema.get("uniqueItems"):
        parts.append("不重复 no repeats")
    return ", ".join(parts) or None


def _conditions(schema: dict) -> dict[str, str]:
    """Read `if: {properties: {type: {const: renamed}}} then: {required: [previous_name]}` as words."""
    notes: dict[str, str] = {}
    for rule in schema.get("allOf", []):
        condition = rule.get("if", {}).get("properties", {}) if isinstance(rule, dict) else {}
        if len(condition) != 1:
            continue
        ((key, test),) = condition.items()
        values = [test["const"]] if "const" in test else test.get("enum")
        if not values:
            continue
        when = " / ".join(str(v) for v in values)
        for name in rule.get("then", {}).get("required", []):
            forbidden = rule.get("else", {}).get("properties", {}).get(name) is False
            if forbidden:
                notes[name] = (
                    f"当 {key} 为 {when} 时必填，否则不可填 · required when {key} is {when}, not allowed otherwise"
                )
            else:
                notes[name] = f"当 {key} 为 {when} 时必填 · required when {key} is {when}"
        for name, value in rule.get("else", {}).get("properties", {}).items():
            if value is False and name not in notes:
                notes[name] = f"仅当 {key} 为 {when} 时可填 · allowed only when {key} is {when}"
    return notes


def _inline_yaml(value) -> str:
    """One line of flow-style YAML, as a contributor types a value."""
    # Equivalent mutant: typ=None (round trip) dumps JSON values in flow style the same (20,000 random ones compared).
    yaml = YAML(typ="safe", pure=True)  # pragma: no mutate
    yaml.default_flow_style = True
    yaml.allow_unicode = True
    yaml.width = 4096  # pragma: no mutate - any width past the longest value; the lines are joined below anyway
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]  # ruamel.yaml declares it None
    stream = io.StringIO()
    yaml.dump(value, stream)
    return " ".join(stream.getvalue().removesuffix("\n...\n").split())


def _block_yaml(value) -> str:
    # Equivalent mutants: a dump ends in one newline, never in spaces or an X that more would strip.
    return dump(value).rstrip("\n")  # pragma: no mutate


def file_kinds(schema_dir: Path) -> list[FileKind]:
    paths = sorted(schema_dir.glob("*.schema.json"))
    documents = {path.name: json.loads(read_text(path)) for path in paths}
    walker = SchemaWalker(documents)
    kinds = []
    for file_kind in FILE_KINDS:
        kind, file_name, name_zh, location = file_kind.kind, file_kind.schema, file_kind.name_zh, file_kind.location
        schema = documents.get(file_name)
        if schema is None:
            continue
        example = _block_yaml(schema["examples"][0]) if schema.get("examples") else None
        kinds.append(
            FileKind(
                kind,
                name_zh,
                location,
                schema.get("title", kind),
                schema.get("description", ""),
                walker.rows(schema, file_name),
                example,
            )
        )
    return kinds


def fence(text: str) -> Markup:
    """A code fence longer than any run of backticks in the text, so the text cannot close it."""
    run = longest = 0
    for ch in text:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    return Markup("`" * max(3, longest + 1))


def verbatim(text: str) -> Markup:
    """Text for inside a fence made by fence(): shown as written, so it is not escaped."""
    return Markup(text)


def render(kinds: list[FileKind]) -> str:
    # Equivalent mutants, kept as safeguards: plain_text already turns every value into inert
    # Markup, which autoescape leaves as it is; no template names an undefined value, indents a
    # block tag, or relies on its last newline today.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # pragma: no mutate
        finalize=plain_text,
        undefined=jinja2.StrictUndefined,  # pragma: no mutate
        trim_blocks=True,
        lstrip_blocks=True,  # pragma: no mutate
        keep_trailing_newline=True,  # pragma: no mutate
    )
    env.filters["fence"] = fence
    env.filters["verbatim"] = verbatim
    return env.get_template("fields.md.j2").render(kinds=kinds)


def write_field_reference(docs_dir: Path, schema_dir: Path) -> None:
    """Write the field reference page under docs_dir (docs_dir/reference/fields.md)."""
    target = docs_dir / PAGE
    target.parent.mkdir(parents=True, exist_ok=True)
    # The same bytes on every system (equivalent mutants here, where the locale is UTF-8 and lines end in \n).
    write_text(target, render(file_kinds(schema_dir)))
