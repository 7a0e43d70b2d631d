"""The compiled yes/no check (xcat/check/compiled.py) answers as jsonschema does: a document it
accepts must have no schema problem, or a contributor's mistake would pass unreported.
(Its refusals are safe either way: jsonschema then reports; tests/check/test_constraints.py
covers each constraint's message through that path.)"""

from __future__ import annotations

import pytest

from tests.helpers import FICTIONAL
from xcat.check.compiled import compile_schema
from xcat.check.load import load_catalogue
from xcat.check.schemas import SchemaSet, _validator_class
from xcat.settings import ROOT, SCHEMAS

HOSTILE = ROOT / "tests" / "fixtures" / "hostile" / "catalogue"


def jsonschema_accepts(schema, instance) -> bool:
    return not list(_validator_class()(schema).iter_errors(instance))


# One schema per keyword the catalogue's schemas use, and values at and across each edge,
# including the ones where Python and JSON Schema disagree (True == 1, 320.0 as an integer).
CASES = [
    ({"type": "integer"}, [3, -1, 320.0, True, "3", None]),
    ({"type": "number", "minimum": 0, "maximum": 10}, [0, 10, 10.5, -0.1, False, "5", 2.5]),
    ({"type": ["string", "null"]}, ["a", None, 0, [], {}]),
    ({"type": "boolean"}, [True, False, 0, 1, "true"]),
    ({"enum": ["初级", 1, True]}, ["初级", 1, 1.0, True, False, "1", None]),
    ({"const": 0}, [0, 0.0, False, None, "0"]),
    ({"const": {"a": [1, 2]}}, [{"a": [1, 2]}, {"a": [1.0, 2]}, {"a": [2, 1]}, {"a": [True, 2]}]),
    ({"pattern": "^[a-z0-9-]+$"}, ["ab-1", "ab\n", "AB", "", "x y", 5]),
    ({"minLength": 1, "maxLength": 3}, ["", "a", "abc", "abcd", "四个汉字", 1234]),
    ({"maxLength": 2}, ["", "ab", "abc"]),  # no minLength: the empty text passes
    (
        {"minItems": 1, "maxItems": 2, "items": {"type": "string"}},
        [[], ["a"], ["a", "b", "c"], ["a", 1], ["a", "a"], "a"],
    ),
    ({"items": False}, [[], [1], "a"]),
    ({"maxItems": 3}, [[], [1, 1], [1, 2, 3, 4]]),  # no uniqueItems: repeats pass
    ({"uniqueItems": True}, [[1, 2], [1, 1.0], [1, True], [{"a": 1}, {"a": 1}], [[1], [True]], "x"]),
    (
        {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"], "additionalProperties": False},
        [{"a": "x"}, {}, {"a": 1}, {"a": "x", "b": 1}, [], "a"],
    ),
    ({"additionalProperties": {"type": "integer"}}, [{"x": 1}, {"x": "1"}, {}, 5]),
    ({"properties": {"a": False}}, [{"a": 1}, {"b": 1}, {}]),
    ({"properties": {"a": {"type": "string"}}, "additionalProperties": True}, [{"a": 1}, {"a": "x", "b": 1}]),
    ({"additionalProperties": False}, [{}, {"a": 1}, []]),
    (
        {"if": {"properties": {"t": {"const": "x"}}}, "then": {"required": ["d"]}, "else": {"required": ["e"]}},
        [{"t": "x", "d": 1}, {"t": "x"}, {"t": "y", "e": 1}, {"t": "y", "d": 1}, {}],
    ),
    ({"if": {"minimum": 5}, "else": {"type": "integer"}}, [6, 6.5, 4, 4.5, "a"]),  # no then: true
    ({"if": {"minimum": 5}, "then": {"type": "integer"}}, [6, 6.5, 4, 4.5, "a"]),  # no else: true
    ({"allOf": [{"minimum": 1}, {"maximum": 2}]}, [0, 1, 2, 3, "a"]),
    ({"anyOf": [{"type": "string"}, {"minimum": 5}]}, ["a", 6, 4, None]),
    ({"oneOf": [{"type": "integer"}, {"minimum": 0}]}, [1, -1, 0.5, -0.5]),
    ({"not": {"type": "null"}}, [None, 0]),
    (True, [1, None]),
    (False, [1, None]),
]


@pytest.mark.parametrize(("schema", "instances"), CASES, ids=[str(schema)[:40] for schema, _ in CASES])
def test_each_keyword_answers_as_jsonschema_does(schema, instances):
    check = compile_schema(schema)
    assert check is not None
    assert [check(instance) for instance in instances] == [jsonschema_accepts(schema, i) for i in instances]


def test_a_keyword_it_does_not_know_leaves_the_kind_to_jsonschema():
    assert compile_schema({"type": "object", "propertyNames": {"maxLength": 3}}) is None
    assert compile_schema({"properties": {"a": {"$ref": "#/$defs/a"}}}) is None
    assert compile_schema({"format": "date"}) is None
    assert compile_schema({"type": "date"}) is None  # not a JSON type
    assert compile_schema({"type": ["string", 5]}) is None
    # Descriptions and the schema's own x- annotations do not validate: they compile.
    assert compile_schema({"description": "…", "x-expected": "an id", "examples": [1], "type": "integer"}) is not None


def test_every_kind_of_catalogue_file_is_compiled():
    assert all(check is not None for check in SchemaSet(SCHEMAS).passes.values())


@pytest.mark.parametrize("catalogue", [FICTIONAL, HOSTILE, ROOT / "catalogue"], ids=["fictional", "hostile", "real"])
def test_it_accepts_exactly_the_files_jsonschema_accepts(catalogue):
    schemas = SchemaSet(SCHEMAS)
    documents = load_catalogue(catalogue)
    assert documents
    for document in documents:
        verdict = schemas.passes[document.kind](document.data)
        assert verdict == jsonschema_accepts(schemas.inlined[document.kind], document.data), document.path
