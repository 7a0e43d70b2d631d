"""A schema compiled once into one yes/no question: does this document pass?

Most files pass, and jsonschema spends most of its time building a validator object for
every node it visits. This module turns the keywords the catalogue's schemas use into
plain closures. A document they accept has no schema problem; one they refuse goes to
jsonschema (schemas.py), which says what is wrong and where, so every message still
comes from one place. A schema holding any keyword not known here compiles to None and
jsonschema checks every document of that kind, as before.

The answers must be jsonschema's: the same integer (a whole number written as one, as
schemas.py's type checker says), the same equality for enum and const, re.search for
pattern. tests/check/test_compiled.py compares the two on every constraint's case.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

# Keywords that only describe or hold definitions: jsonschema ignores them when validating.
_IGNORED = {
    "title",
    "description",
    "examples",
    "$comment",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "$schema",
    "$id",
    "$defs",
}


class _Unsupported(Exception):
    pass


def compile_schema(schema) -> Check | None:
    """The schema's yes/no check, or None when it uses a keyword this module does not know."""
    try:
        return _compile(schema)
    except _Unsupported:
        return None


def comparable(value):
    """A hashable stand-in, equal exactly when JSON Schema calls two values equal (1 == 1.0, true != 1)."""
    # Tagged by the Python type that holds each JSON type: int and float share one, as numbers.
    if isinstance(value, bool):
        return (bool, value)
    if isinstance(value, (int, float)):
        return (float, value)
    if isinstance(value, dict):
        return (dict, frozenset((key, comparable(item)) for key, item in value.items()))
    if isinstance(value, list):
        return (list, tuple(comparable(item) for item in value))
    # Text or null (what else YAML gives is tagged above): no value of one equals a value of the
    # other, so any tag would do (not mutated).
    return (type(value), value)  # pragma: no mutate


def _always(instance) -> bool:
    return True


def _never(instance) -> bool:
    return False


_TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}

_OBJECT = {"properties", "required", "additionalProperties"}
_ARRAY = {"items", "minItems", "maxItems", "uniqueItems"}
_STRING = {"pattern", "minLength", "maxLength"}
_NUMBER = {"minimum", "maximum"}
_OTHER = {"type", "enum", "const", "allOf", "anyOf", "oneOf", "not", "if", "then", "else"}


def _compile(schema) -> Check:
    if schema is True:
        return _always
    if schema is False:
        return _never
    if not isinstance(schema, dict):
        raise _Unsupported
    for keyword in schema:
        if keyword not in _IGNORED and not keyword.startswith("x-") and keyword not in _KNOWN:
            raise _Unsupported
    checks = []
    if "type" in schema:
        checks.append(_type(schema["type"]))
    if "enum" in schema:
        allowed = {comparable(option) for option in schema["enum"]}
        checks.append(lambda v: comparable(v) in allowed)
    if "const" in schema:
        wanted = comparable(schema["const"])
        checks.append(lambda v: comparable(v) == wanted)
    # A group's check given none of its keywords accepts everything: it is left out for speed only
    # (so these tests are not mutated).
    if _OBJECT & schema.keys():  # pragma: no mutate
        checks.append(_object(schema))
    if _ARRAY & schema.keys():  # pragma: no mutate
        checks.append(_array(schema))
    if _STRING & schema.keys():  # pragma: no mutate
        checks.append(_string(schema))
    if _NUMBER & schema.keys():  # pragma: no mutate
        checks.append(_number(schema))
    checks += _combinators(schema)
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    every = tuple(checks)
    return lambda v: all(check(v) for check in every)


def _type(types) -> Check:
    names = types if isinstance(types, list) else [types]
    if any(not isinstance(name, str) or name not in _TYPES for name in names):
        raise _Unsupported
    tests = tuple(_TYPES[name] for name in names)
    # One type is tested directly, for speed: any() over it answers the same (not mutated).
    return tests[0] if len(tests) == 1 else lambda v: any(test(v) for test in tests)  # pragma: no mutate


def _object(schema: dict) -> Check:
    properties = {name: _compile(sub) for name, sub in schema.get("properties", {}).items()}
    required = tuple(schema.get("required", ()))
    extra = _compile(schema.get("additionalProperties", True))

    def check(v) -> bool:
        if not isinstance(v, dict):
            return True
        for name in required:
            if name not in v:
                return False
        return all(properties.get(name, extra)(value) for name, value in v.items())

    return check


def _array(schema: dict) -> Check:
    items = schema.get("items", True)
    if isinstance(items, list):  # the older tuple form: prefixItems in 2020-12
        raise _Unsupported
    item = _compile(items)
    least, most = schema.get("minItems", 0), schema.get("maxItems")
    unique = schema.get("uniqueItems") is True

    def check(v) -> bool:
        if not isinstance(v, list):
            return True
        if len(v) < least or (most is not None and len(v) > most):
            return False
        if not all(item(entry) for entry in v):
            return False
        return not unique or len({comparable(entry) for entry in v}) == len(v)

    return check


def _string(schema: dict) -> Check:
    pattern = re.compile(schema["pattern"]).search if "pattern" in schema else None
    least, most = schema.get("minLength", 0), schema.get("maxLength")

    def check(v) -> bool:
        if not isinstance(v, str):
            return True
        if len(v) < least or (most is not None and len(v) > most):
            return False
        return pattern is None or pattern(v) is not None

    return check


def _number(schema: dict) -> Check:
    least, most = schema.get("minimum"), schema.get("maximum")

    def check(v) -> bool:
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            return True
        return (least is None or v >= least) and (most is None or v <= most)

    return check


def _combinators(schema: dict) -> list[Check]:
    found: list[Check] = []
    if "allOf" in schema:
        every = tuple(_compile(sub) for sub in schema["allOf"])
        found.append(lambda v: all(check(v) for check in every))
    if "anyOf" in schema:
        some = tuple(_compile(sub) for sub in schema["anyOf"])
        found.append(lambda v: any(check(v) for check in some))
    if "oneOf" in schema:
        one = tuple(_compile(sub) for sub in schema["oneOf"])
        found.append(lambda v: sum(1 for check in one if check(v)) == 1)
    if "not" in schema:
        negated = _compile(schema["not"])
        found.append(lambda v: not negated(v))
    if "if" in schema:
        condition = _compile(schema["if"])
        then = _compile(schema.get("then", True))
        otherwise = _compile(schema.get("else", True))
        found.append(lambda v: then(v) if condition(v) else otherwise(v))
    return found


_KNOWN = _OBJECT | _ARRAY | _STRING | _NUMBER | _OTHER
