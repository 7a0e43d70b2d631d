"""Stage 2a: check each file against its JSON Schema (2020-12), with positions.

One compiled validator per kind of file, built once and reused. The schemas refer
to each other by $id; a local registry resolves those references with no network.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from ..textfile import read_text
from ..vocabulary import SCHEMA_FILES
from .compiled import Check, comparable, compile_schema
from .load import Document
from .problems import Problem, about
from .typist import field_name_hint, value_hint

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError
    from referencing import Registry


class SchemaSet:
    """The schemas in schema/, compiled once."""

    def __init__(self, schema_dir: Path):
        self.schema_dir = schema_dir

    @cached_property
    def documents(self) -> dict[str, dict]:
        return {path.name: json.loads(read_text(path)) for path in sorted(self.schema_dir.glob("*.schema.json"))}

    @cached_property
    def registry(self) -> Registry:
        from referencing import Registry, Resource  # noqa: PLC0415 - only a file with a problem needs jsonschema

        resources = [(doc["$id"], Resource.from_contents(doc)) for doc in self.documents.values()]
        return Registry().with_resources(resources)

    @cached_property
    def inlined(self) -> dict[str, dict]:
        """Each kind's schema with its $refs resolved (_inline_references)."""
        by_id = {doc["$id"]: doc for doc in self.documents.values()}
        return {kind: _inline_references(self.documents[file_name], by_id) for kind, file_name in SCHEMA_FILES.items()}

    @cached_property
    def validators(self) -> dict[str, Draft202012Validator]:
        validator = _validator_class()
        return {kind: validator(schema, registry=self.registry) for kind, schema in self.inlined.items()}

    @cached_property
    def passes(self) -> dict[str, Check | None]:
        """Each kind's yes/no check (compiled.py): a file it accepts has no schema problem, so most
        files never reach jsonschema, and a catalogue without problems never imports it."""
        return {kind: compile_schema(schema) for kind, schema in self.inlined.items()}

    def problems(self, document: Document) -> Iterator[Problem]:
        passes = self.passes[document.kind]
        if passes is not None and passes(document.data):
            return
        for error in self.validators[document.kind].iter_errors(document.data):
            yield from _explain(error, document)


def _unique_items(validator, unique, instance, schema):
    """uniqueItems in linear time. jsonschema compares items it cannot sort (mappings, mixed
    types) pair by pair: 16,000 related majors took minutes."""
    from jsonschema.exceptions import ValidationError  # noqa: PLC0415 - see _validator_class

    if not (unique and validator.is_type(instance, "array")):
        return
    seen = set()
    for item in instance:
        key = comparable(item)
        if key in seen:
            yield ValidationError("the list repeats an item")  # pragma: no mutate (_explain words it by keyword)
            return
        seen.add(key)


def _whole_number(checker, value) -> bool:
    """JSON Schema counts 320.0 as an integer; the catalogue does not, so a count or a year is
    written as the whole number it is and never reaches a page or the open data as "320.0"."""
    return isinstance(value, int) and not isinstance(value, bool)


@cache
def _validator_class() -> type[Draft202012Validator]:
    """Draft 2020-12 with uniqueness checked in linear time and integers that are written as such.
    Imported when a file first fails its compiled check: importing jsonschema takes longer than
    checking 500 files (docs/performance.md)."""
    from jsonschema import Draft202012Validator  # noqa: PLC0415
    from jsonschema.validators import extend  # noqa: PLC0415

    return extend(
        Draft202012Validator,
        {"uniqueItems": _unique_items},
        type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _whole_number),
    )


# Keywords that only describe: a $ref's target may share them with the $ref's siblings.
_ANNOTATIONS = {"title", "description", "examples", "$comment", "default", "deprecated", "readOnly", "writeOnly"}


def _inline_references(schema: dict, by_id: dict[str, dict]) -> dict:
    """The schema with each $ref replaced by a copy of its target, resolved once here.

    jsonschema looks a $ref up again on every visit; with one per field that lookup was
    most of the checking time. Validation and errors are unchanged: the target's
    keywords join its siblings (which only describe). A $ref that cannot be inlined
    (recursive, or a target with its own $id, or a sibling that also validates) stays,
    and the registry resolves it as before.
    """
    return _inline(schema, schema["$id"], by_id, ())


def _inline(node, base: str, by_id: dict[str, dict], active: tuple):
    if isinstance(node, list):
        return [_inline(item, base, by_id, active) for item in node]
    if not isinstance(node, dict):
        return node
    inlined = {key: _inline(value, base, by_id, active) for key, value in node.items() if key != "$ref"}
    reference = node.get("$ref")
    if reference is None:
        return inlined
    if not isinstance(reference, str):
        return node
    absolute = urljoin(base, reference)  # the copy may land in another schema: keep refs absolute
    # A URI holds one # at most: partition and rpartition split it alike (so not mutated).
    uri, _, pointer = absolute.partition("#")  # pragma: no mutate
    target = by_id.get(uri)
    for part in pointer.split("/")[1:]:  # "" (a whole schema) has no parts
        part = part.replace("~1", "/").replace("~0", "~")
        target = target.get(part) if isinstance(target, dict) else None
    key = (uri, pointer)
    if not isinstance(target, dict) or key in active or "$id" in target or set(target) & (set(inlined) - _ANNOTATIONS):
        return {"$ref": absolute, **inlined}
    for name, value in _inline(target, uri, by_id, active + (key,)).items():
        inlined.setdefault(name, value)
    return inlined


def _explain(error: ValidationError, document: Document) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    keyword = error.validator
    if keyword == "additionalProperties":
        known = sorted(error.schema.get("properties", {}))
        for name in error.instance:
            if name not in known:
                hint = field_name_hint(name, known)
                zh, en = f"没有 '{name}' 这个字段", f"unknown field '{name}'"
                if hint:
                    zh, en = f"{zh}：{hint[1]}", f"{en}; {hint[2]}"
                yield document.problem(
                    path + (name,), about(path + (name,), zh, en), key=True, at=hint[0] if hint else None
                )
        return
    if keyword == "required":
        match = re.match(r"^'(.+)' is a required property$", error.message)
        missing = match.group(1) if match else error.message  # pragma: no mutate (jsonschema always words it so)
        yield document.problem(path, about(path, f"缺少必填字段 '{missing}'", f"missing required field '{missing}'"))
        return
    if keyword == "enum":
        options = [str(option) for option in error.validator_value]
        zh = f"{error.instance!r} 不是可选的值（{'、'.join(options)}）"
        en = f"{error.instance!r} is not one of: {', '.join(options)}"
        yield _with_hint(document, path, zh, en, error.instance, options=options)
        return
    if keyword == "type":
        wanted = [
            str(t)
            for t in (error.validator_value if isinstance(error.validator_value, list) else [error.validator_value])
        ]
        zh_wanted = "或".join(_TYPE_NAMES[t][0] for t in wanted)
        en_wanted = " or ".join(_TYPE_NAMES[t][1] for t in wanted)
        zh_got, en_got = _describe(error.instance)
        # 2019.6 written for a date is read as a number: the hint reads what was typed.
        typed = _typed(document, path) if isinstance(error.instance, float) and "string" in wanted else error.instance
        yield _with_hint(
            document,
            path,
            f"应为{zh_wanted}，却是{zh_got}",
            f"expected {en_wanted}, got {en_got}",
            typed,
            numeric=bool({"number", "integer"} & set(wanted)),
        )
        return
    if keyword == "pattern" and "x-expected" in error.schema:
        example = next(iter(error.schema.get("examples", [])), None)
        zh = f"{error.instance!r} 的写法不对" + (f"，应写成 {example} 这样" if isinstance(example, str) else "")
        yield _with_hint(document, path, zh, f"{error.instance!r} is not {error.schema['x-expected']}", error.instance)
        return
    if error.schema is False:
        # jsonschema reports a `false` property schema at the parent object: find the field (it hands
        # over the value itself, so the field is always found; None only keeps this generator safe).
        parent = document.data
        for part in path:
            parent = parent[part]
        name = (
            next((key for key, value in parent.items() if value is error.instance), None)  # pragma: no mutate
            if isinstance(parent, dict)
            else None
        )
        if name is not None:
            path = path + (name,)
        event = parent["type"] if isinstance(parent, dict) and "type" in parent else None
        yield document.problem(
            path,
            about(
                path,
                f"'{event}' 事件不能有这个字段" if event else "这里不能有这个字段",
                f"this field is not allowed on a '{event}' event" if event else "this field is not allowed here",
            ),
            key=True,
        )
        return
    if keyword == "maxLength" and isinstance(error.instance, str):
        # The default message quotes the whole text: a 4,000-character description made a 12 KB line.
        length, limit = len(error.instance), error.validator_value
        yield document.problem(
            path,
            about(
                path,
                f"文字有 {length} 个字符，超过上限 {limit}：请缩短",
                f"the text has {length} characters, more than the {limit} allowed: shorten it",
            ),
        )
        return
    if keyword == "maxItems" and isinstance(error.instance, list):
        # The default message prints the whole list as Python data.
        length, limit = len(error.instance), error.validator_value
        yield document.problem(
            path,
            about(
                path,
                f"列表有 {length} 项，超过上限 {limit}",
                f"the list has {length} items, more than the {limit} allowed",
            ),
        )
        return
    if keyword == "uniqueItems":
        yield document.problem(
            path, about(path, "列表中有重复的项：每项只写一次", "the list repeats an item: keep each item once")
        )
        return
    yield document.problem(path, about(path, _chinese(error), error.message))


def _with_hint(
    document: Document, path: tuple, zh: str, en: str, value, *, numeric: bool = False, options: list[str] | None = None
) -> Problem:
    """The problem, with what a typist may have done wrong in the value (then it stands on the
    character that is wrong) or, for a choice of values, the option that was probably meant."""
    hint = value_hint(value, numeric) if isinstance(value, str) else None
    if hint is not None:
        return document.problem(path, about(path, f"{zh}：{hint[1]}", f"{en}; {hint[2]}"), at=hint[0])
    close = difflib.get_close_matches(value, options) if options and isinstance(value, str) else []
    if close:  # the closest first
        return document.problem(path, about(path, f"{zh}：是不是 '{close[0]}'？", f"{en}; did you mean '{close[0]}'?"))
    return document.problem(path, about(path, zh, en))


def _typed(document: Document, path: tuple) -> str:
    """The value at path as it was typed (up to a space, a tab or the end of its line)."""
    line, column = document.where(path)
    return document.line(line)[column - 1 :].split()[0]


def _chinese(error: ValidationError) -> str:
    """The Chinese half for the constraints whose English is jsonschema's own message."""
    keyword, limit, value = error.validator, error.validator_value, error.instance
    if keyword == "minimum":
        return f"{value} 小于最小值 {limit}"
    if keyword == "maximum":
        return f"{value} 大于最大值 {limit}"
    if keyword == "minItems":
        return "列表不能是空的" if limit == 1 else f"列表至少要有 {limit} 项"
    if keyword == "minLength":
        return "文字不能是空的" if limit == 1 else f"文字至少要有 {limit} 个字符"
    if keyword == "const":
        return f"应为 {json.dumps(limit, ensure_ascii=False)}"  # pragma: no mutate - ensure_ascii=None is as false
    return f"不符合要求（{keyword}）"


# Each JSON type as contributors know it: (Chinese, English). JSON Schema has these seven.
_TYPE_NAMES = {
    "null": ("空值（不写或 null）", "nothing (null)"),
    "object": ("映射（字段名: 值）", "a mapping (name: value)"),
    "array": ("列表", "a list"),
    "string": ("文字", "text"),
    "integer": ("整数", "a whole number"),
    "number": ("数字", "a number"),
    "boolean": ("true 或 false", "true or false"),
}


def _describe(value) -> tuple[str, str]:
    if value is None:
        return "空值（什么也没写）", "nothing (an empty value)"
    if isinstance(value, bool):
        return f"true/false 值 {str(value).lower()}", f"{str(value).lower()} (true/false)"
    if isinstance(value, dict):
        return "映射", "a mapping"
    if isinstance(value, list):
        return "列表", "a list"
    if isinstance(value, (int, float)):
        return f"数字 {value}", f"the number {value}"
    return f"文字 {value!r}", f"the text {value!r}"
