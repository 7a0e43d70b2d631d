"""Every constraint in the catalogue's schemas, one case each: an edit to the fictional catalogue
that breaks that constraint, and the exact problem line (file, line, column, message) it must
produce.

Two meta-tests keep the table honest:
- every constraint found by walking schema/*.schema.json has a case (or a stated reason why an
  edit cannot reach it), so a new constraint without a case fails here;
- removing a constraint from a copy of the schemas changes what its case reports, so no case
  claims a constraint it does not exercise.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import FICTIONAL, TODAY, copy_fictional, edit, problems_after
from xcat.check.catalogue import check_catalogue
from xcat.check.schemas import SchemaSet
from xcat.settings import SCHEMAS

# Keywords that restrict a value. Everything else in a schema describes it (title, examples)
# or structures it (properties, items, $defs, allOf, if/then/else), and is walked into.
CONSTRAINTS = {
    "type",
    "enum",
    "const",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "required",
    "dependentRequired",
    "format",
    "not",
    "contains",
    "propertyNames",
}
_MAPS = {"properties", "patternProperties", "$defs", "dependentSchemas"}
_SUBSCHEMAS = {"items", "prefixItems", "additionalProperties", "allOf", "anyOf", "oneOf", "if", "then", "else"}


def constraints_in(node, pointer: str = "") -> list[tuple[str, str, str | None]]:
    """(pointer to the schema object, keyword, the field for `required`) for each constraint.
    additionalProperties: false and a false schema are constraints too."""
    if node is False:
        return [(pointer, "false", None)]
    if isinstance(node, list):
        return [found for i, item in enumerate(node) for found in constraints_in(item, f"{pointer}/{i}")]
    if not isinstance(node, dict):
        return []
    found: list[tuple[str, str, str | None]] = []
    for key, value in node.items():
        if key == "required":
            found += [(pointer, "required", name) for name in value]
        elif (key == "additionalProperties" and value is False) or key in CONSTRAINTS:
            found.append((pointer, key, None))
        elif key in _MAPS:
            for name, schema in value.items():
                found += constraints_in(schema, f"{pointer}/{key}/{name}")
        elif key in _SUBSCHEMAS:
            found += constraints_in(value, f"{pointer}/{key}")
    return found


def key(file: str, pointer: str, keyword: str, name: str | None) -> str:
    return f"{file}#{pointer} {keyword}" + (f" {name}" if name else "")


def schema_constraints() -> set[str]:
    return {
        key(path.name, *found)
        for path in sorted(SCHEMAS.glob("*.schema.json"))
        for found in constraints_in(json.loads(path.read_text(encoding="utf-8")))
    }


@dataclass(frozen=True)
class Case:
    keys: tuple[str, ...]  # the constraints this edit breaks (a condition's parts share one case)
    relative: str
    old: str
    new: str
    expected: tuple[str, ...]


# Constraints no edit of a catalogue file can reach, and why.
UNREACHABLE = {
    f"{kind}.schema.json# type": "the loader refuses a file that is not a mapping before the schema sees it"
    for kind in ("batch", "certificate", "fields", "majors", "organization", "programme-event", "source", "synonyms")
}

# Where the edits go, and values just past a length limit.
C = "common.schema.json#/$defs/"
CERT = "certificate.schema.json#"
EV = CERT + "/$defs/event"
B1, B2 = "batches/batch-1.yaml", "batches/batch-2.yaml"
K, A, ETA, G, IOTA = (f"certificates/fictional-{n}.yaml" for n in ("kappa", "alpha", "eta", "gamma", "iota"))
OA = "organizations/fictional-org-a.yaml"
FIELDS, MAJORS, SYN = "fields.yaml", "majors.yaml", "synonyms.yaml"
SYN_LIST = "synonyms:\n  - query: 假想\n    finds: [虚构]\n  - query: 照护\n    finds: [护理]\n"
PAPER, NOTICE = "sources/fictional-paper.yaml", "sources/fictional-notice-2020.yaml"
PE, HANDOVER = "programme-event.schema.json#", "programme-events/fictional-handover.yaml"
APPLIES = "applies_to: [fictional-eta, fictional-gamma, fictional-iota]\n"
TOTALS = "totals: {certificates: 12, organizations: 5}\n"
NOTICE_2 = "sources/fictional-notice-2021.yaml"
GAMMA = "certificates/fictional-gamma.yaml"  # its fictional correspondence table (occupations), lines 25-32
OCCUPATION_CODE = "  - code: 9-99-99-99\n"
OCCUPATIONS = (
    "occupations:\n" + OCCUPATION_CODE + "    name:\n      zh: 虚构职业\n      en: Fictional occupation\n"
    "    trade:\n      zh: 虚构工种\n    sources: [fictional-report]\n"
)
CARRIER_TITLE = "  title: 虚构学校新闻页转载 Fictional school news page\n"  # the lines of its carried_by
CARRIER_NOTE = "  note: 虚构转载，测试用。\n"
ENDK = "sources: [fictional-report]\n"  # kappa's last line
B2_TOTALS = (
    "totals:\n  certificates: 40\n  basis: derived\n  note:\n    zh: 虚构推算。\n    en: Fictional derivation.\n"
    "  sources: [fictional-report]\n"
)
FIELD_LIST = (FICTIONAL / FIELDS).read_text(encoding="utf-8").partition("sources: [fictional-paper]\n")[2]
MAJOR_LIST = (FICTIONAL / MAJORS).read_text(encoding="utf-8")
CATEGORY_LIST = MAJOR_LIST[MAJOR_LIST.index("categories:\n") : MAJOR_LIST.index("majors:\n")]
MAJOR_ENTRIES = MAJOR_LIST[MAJOR_LIST.index("majors:\n") :]
MJ = "majors.schema.json#"
DIS = "common.schema.json#/$defs/disagreements"
OB = "organizations/fictional-org-b.yaml"
FS = "fields.schema.json#/properties/fields/items"
SLUG_81 = "a" * 81
ZH_201 = "字" * 201
EN_301 = "a" * 301
TEXT_4001 = "字" * 4001
TITLE_201 = "题" * 201
TITLE_501 = "题" * 501
URL_2001 = "https://fictional.invalid/" + "a" * 1975
HANDLE_40 = "a" * 40
NUMBER_101 = "号" * 101
AUTHOR_201 = "者" * 201
NOTE_2001 = "注" * 2001
LEVEL = "{level: 初级, sources: [fictional-report]}"

# With fields.yaml's list gone, every certificate's field is unknown too.
UNKNOWN_FIELDS = (
    "catalogue/certificates/fictional-alpha.yaml:7:10: error: fields[0]: 找不到 id 为 'equipment-manufacturing' 的 fields（把它加到 catalogue/fields.yaml，或改正 id） · no fields has the id 'equipment-manufacturing' (add it to catalogue/fields.yaml or fix the id)",
    "catalogue/certificates/fictional-beta.yaml:6:10: error: fields[0]: 找不到 id 为 'equipment-manufacturing' 的 fields（把它加到 catalogue/fields.yaml，或改正 id） · no fields has the id 'equipment-manufacturing' (add it to catalogue/fields.yaml or fix the id)",
    "catalogue/certificates/fictional-delta.yaml:7:10: error: fields[0]: 找不到 id 为 'medicine-health' 的 fields（把它加到 catalogue/fields.yaml，或改正 id） · no fields has the id 'medicine-health' (add it to catalogue/fields.yaml or fix the id)",
    "catalogue/certificates/fictional-epsilon.yaml:7:10: error: fields[0]: 找不到 id 为 'medicine-health' 的 fields（把它加到 catalogue/fields.yaml，或改正 id） · no fields has the id 'medicine-health' (add it to catalogue/fields.yaml or fix the id)",
    "catalogue/certificates/fictional-eta.yaml:7:10: error: fields[0]: 找不到 id 为 'finance-commerce' 的 fields（把它加到 catalogue/fields.yaml，或改正 id） · no fields has the id 'finance-commerce' (add it to catalogue/fields.yaml or fix the id)",
    "catalogue/certificates/fictional-gamma.yaml:6:10: error: fields[0]: 找不到 id 为 'equipment-manufacturing' 的 fields（把它加到 catalogue/fields.yaml，或改正 id） · no fields has the id 'equipment-manufacturing' (add it to catalogue/fields.yaml or fix the id)",
    "catalogue/certificates/fictional-gamma.yaml:6:35: error: fields[1]: 找不到 id 为 'electronics-information' 的 fields（把它加到 catalogue/fields.yaml，或改正 id） · no fields has the id 'electronics-information' (add it to catalogue/fields.yaml or fix the id)",
    "catalogue/certificates/fictional-iota.yaml:7:10: error: fields[0]: 找不到 id 为 'equipment-manufacturing' 的 fields（把它加到 catalogue/fields.yaml，或改正 id） · no fields has the id 'equipment-manufacturing' (add it to catalogue/fields.yaml or fix the id)",
    "catalogue/certificates/fictional-kappa.yaml:7:10: error: fields[0]: 找不到 id 为 'electronics-information' 的 fields（把它加到 catalogue/fields.yaml，或改正 id） · no fields has the id 'electronics-information' (add it to catalogue/fields.yaml or fix the id)",
    "catalogue/certificates/fictional-theta.yaml:7:10: error: fields[0]: 找不到 id 为 'finance-commerce' 的 fields（把它加到 catalogue/fields.yaml，或改正 id） · no fields has the id 'finance-commerce' (add it to catalogue/fields.yaml or fix the id)",
    "catalogue/certificates/fictional-zeta.yaml:6:10: error: fields[0]: 找不到 id 为 'medicine-health' 的 fields（把它加到 catalogue/fields.yaml，或改正 id） · no fields has the id 'medicine-health' (add it to catalogue/fields.yaml or fix the id)",
)

CASES: list[Case] = [
    Case(
        ("batch.schema.json# required id",),
        B1,
        "id: batch-1\n",
        "",
        ("catalogue/batches/batch-1.yaml:1:1: error: (top level): 缺少必填字段 'id' · missing required field 'id'",),
    ),
    Case(
        ("batch.schema.json# required number",),
        B1,
        "number: 1\n",
        "",
        (
            "catalogue/batches/batch-1.yaml:1:1: error: (top level): 缺少必填字段 'number' · missing required field 'number'",
        ),
    ),
    Case(
        ("batch.schema.json# required name",),
        B1,
        "name:\n  zh: 虚构第一批\n  en: Fictional first batch\n",
        "",
        (
            "catalogue/batches/batch-1.yaml:1:1: error: (top level): 缺少必填字段 'name' · missing required field 'name'",
        ),
    ),
    Case(
        ("batch.schema.json# required sources",),
        B1,
        "\nsources: [fictional-notice-2020]\n",
        "\n",
        (
            "catalogue/batches/batch-1.yaml:1:1: error: (top level): 缺少必填字段 'sources' · missing required field 'sources'",
        ),
    ),
    Case(
        ("batch.schema.json# additionalProperties",),
        B1,
        "number: 1\n",
        "number: 1\ncolour: red\n",
        ("catalogue/batches/batch-1.yaml:3:1: error: colour: 没有 'colour' 这个字段 · unknown field 'colour'",),
    ),
    Case(
        ("batch.schema.json#/properties/number type",),
        B1,
        "number: 1\n",
        "number: one\n",
        (
            "catalogue/batches/batch-1.yaml:2:9: error: number: 应为整数，却是文字 'one' · expected a whole number, got the text 'one'",
        ),
    ),
    Case(
        ("batch.schema.json#/properties/number minimum",),
        B1,
        "number: 1\n",
        "number: 0\n",
        ("catalogue/batches/batch-1.yaml:2:9: error: number: 0 小于最小值 1 · 0 is less than the minimum of 1",),
    ),
    Case(
        ("batch.schema.json#/properties/number maximum",),
        B1,
        "number: 1\n",
        "number: 101\n",
        (
            "catalogue/batches/batch-1.yaml:2:9: error: number: 101 大于最大值 100 · 101 is greater than the maximum of 100",
        ),
    ),
    Case(
        ("batch.schema.json#/properties/totals type",),
        B2,
        B2_TOTALS,
        "totals: 40\n",
        (
            "catalogue/batches/batch-2.yaml:6:9: error: totals: 应为映射（字段名: 值），却是数字 40 · expected a mapping (name: value), got the number 40",
        ),
    ),
    Case(
        ("batch.schema.json#/properties/totals required basis",),
        B2,
        "  basis: derived\n",
        "",
        ("catalogue/batches/batch-2.yaml:7:3: error: totals: 缺少必填字段 'basis' · missing required field 'basis'",),
    ),
    Case(
        ("batch.schema.json#/properties/totals required sources",),
        B2,
        "  sources: [fictional-report]\n",
        "",
        (
            "catalogue/batches/batch-2.yaml:7:3: error: totals: 缺少必填字段 'sources' · missing required field 'sources'",
        ),
    ),
    Case(
        ("batch.schema.json#/properties/totals additionalProperties",),
        B2,
        "  basis: derived\n",
        "  basis: derived\n  colour: red\n",
        ("catalogue/batches/batch-2.yaml:9:3: error: totals.colour: 没有 'colour' 这个字段 · unknown field 'colour'",),
    ),
    Case(
        ("batch.schema.json#/properties/totals/properties/certificates type",),
        B2,
        "  certificates: 40",
        "  certificates: forty",
        (
            "catalogue/batches/batch-2.yaml:7:17: error: totals.certificates: 应为整数，却是文字 'forty' · expected a whole number, got the text 'forty'",
        ),
    ),
    Case(
        ("batch.schema.json#/properties/totals/properties/certificates minimum",),
        B2,
        "  certificates: 40",
        "  certificates: -1",
        (
            "catalogue/batches/batch-2.yaml:7:17: error: totals.certificates: -1 小于最小值 0 · -1 is less than the minimum of 0",
        ),
    ),
    Case(
        ("batch.schema.json#/properties/totals/properties/organizations type",),
        B1,
        "  organizations: 2",
        "  organizations: two",
        (
            "catalogue/batches/batch-1.yaml:12:18: error: totals.organizations: 应为整数，却是文字 'two' · expected a whole number, got the text 'two'",
        ),
    ),
    Case(
        ("batch.schema.json#/properties/totals/properties/organizations minimum",),
        B1,
        "  organizations: 2",
        "  organizations: -1",
        (
            "catalogue/batches/batch-1.yaml:12:18: error: totals.organizations: -1 小于最小值 0 · -1 is less than the minimum of 0",
        ),
    ),
    Case(
        ("batch.schema.json#/properties/totals/properties/applications type",),
        B2,
        "  certificates: 40\n",
        "  certificates: 40\n  applications: many\n",
        (
            "catalogue/batches/batch-2.yaml:8:17: error: totals.applications: 应为整数，却是文字 'many' · expected a whole number, got the text 'many'",
        ),
    ),
    Case(
        ("batch.schema.json#/properties/totals/properties/applications minimum",),
        B2,
        "  certificates: 40\n",
        "  certificates: 40\n  applications: -1\n",
        (
            "catalogue/batches/batch-2.yaml:8:17: error: totals.applications: -1 小于最小值 0 · -1 is less than the minimum of 0",
        ),
    ),
    Case(
        ("batch.schema.json#/properties/totals/properties/applicant_units type",),
        B2,
        "  certificates: 40\n",
        "  certificates: 40\n  applicant_units: many\n",
        (
            "catalogue/batches/batch-2.yaml:8:20: error: totals.applicant_units: 应为整数，却是文字 'many' · expected a whole number, got the text 'many'",
        ),
    ),
    Case(
        ("batch.schema.json#/properties/totals/properties/applicant_units minimum",),
        B2,
        "  certificates: 40\n",
        "  certificates: 40\n  applicant_units: -1\n",
        (
            "catalogue/batches/batch-2.yaml:8:20: error: totals.applicant_units: -1 小于最小值 0 · -1 is less than the minimum of 0",
        ),
    ),
    Case(
        ("batch.schema.json#/properties/totals/properties/basis enum",),
        B2,
        "basis: derived",
        "basis: derivd",
        (
            "catalogue/batches/batch-2.yaml:8:10: error: totals.basis: 'derivd' 不是可选的值（announced、derived）：是不是 'derived'？ · 'derivd' is not one of: announced, derived; did you mean 'derived'?",
        ),
    ),
    Case(
        ("batch.schema.json#/properties/remarks type",),
        B2,
        "number: 2\n",
        "number: 2\nremarks: none\n",
        (
            "catalogue/batches/batch-2.yaml:3:10: error: remarks: 应为列表，却是文字 'none' · expected a list, got the text 'none'",
        ),
    ),
    Case(
        ("batch.schema.json#/properties/remarks/items type",),
        B2,
        "number: 2\n",
        "number: 2\nremarks: [none]\n",
        (
            "catalogue/batches/batch-2.yaml:3:11: error: remarks[0]: 应为映射（字段名: 值），却是文字 'none' · expected a mapping (name: value), got the text 'none'",
        ),
    ),
    Case(
        ("batch.schema.json#/properties/remarks/items required text",),
        B2,
        "number: 2\n",
        "number: 2\nremarks: [{sources: [fictional-report]}]\n",
        (
            "catalogue/batches/batch-2.yaml:3:11: error: remarks[0]: 缺少必填字段 'text' · missing required field 'text'",
        ),
    ),
    Case(
        ("batch.schema.json#/properties/remarks/items required sources",),
        B2,
        "number: 2\n",
        "number: 2\nremarks: [{text: {zh: 虚构。}}]\n",
        (
            "catalogue/batches/batch-2.yaml:3:11: error: remarks[0]: 缺少必填字段 'sources' · missing required field 'sources'",
        ),
    ),
    Case(
        ("batch.schema.json#/properties/remarks/items additionalProperties",),
        B2,
        "number: 2\n",
        "number: 2\nremarks: [{text: {zh: 虚构。}, sources: [fictional-report], colour: red}]\n",
        (
            "catalogue/batches/batch-2.yaml:3:58: error: remarks[0].colour: 没有 'colour' 这个字段 · unknown field 'colour'",
        ),
    ),
    Case(
        (CERT + " required id",),
        K,
        "id: fictional-kappa\n",
        "",
        (
            "catalogue/certificates/fictional-kappa.yaml:1:1: error: (top level): 缺少必填字段 'id' · missing required field 'id'",
        ),
    ),
    Case(
        (CERT + " required name",),
        K,
        "name:\n  zh: 虚构证书癸\n  en: Fictional certificate Kappa\n",
        "",
        (
            "catalogue/certificates/fictional-kappa.yaml:1:1: error: (top level): 缺少必填字段 'name' · missing required field 'name'",
        ),
    ),
    Case(
        (CERT + " required organization",),
        K,
        "organization: fictional-org-a\n",
        "",
        (
            "catalogue/certificates/fictional-kappa.yaml:1:1: error: (top level): 缺少必填字段 'organization' · missing required field 'organization'",
        ),
    ),
    Case(
        (CERT + " required sources",),
        K,
        "\n" + ENDK,
        "\n",
        (
            "catalogue/certificates/fictional-kappa.yaml:1:1: error: (top level): 缺少必填字段 'sources' · missing required field 'sources'",
        ),
    ),
    Case(
        (CERT + " additionalProperties",),
        K,
        "batch: batch-2\n",
        "batch: batch-2\ncolour: red\n",
        (
            "catalogue/certificates/fictional-kappa.yaml:7:1: error: colour: 没有 'colour' 这个字段 · unknown field 'colour'",
        ),
    ),
    Case(
        (CERT + "/properties/fields type",),
        K,
        "fields: [electronics-information]",
        "fields: electronics-information",
        (
            "catalogue/certificates/fictional-kappa.yaml:7:9: error: fields: 应为列表，却是文字 'electronics-information' · expected a list, got the text 'electronics-information'",
        ),
    ),
    Case(
        (CERT + "/properties/fields minItems",),
        K,
        "fields: [electronics-information]",
        "fields: []",
        ("catalogue/certificates/fictional-kappa.yaml:7:9: error: fields: 列表不能是空的 · [] should be non-empty",),
    ),
    Case(
        (CERT + "/properties/fields uniqueItems",),
        K,
        "fields: [electronics-information]",
        "fields: [electronics-information, electronics-information]",
        (
            "catalogue/certificates/fictional-kappa.yaml:7:9: error: fields: 列表中有重复的项：每项只写一次 · the list repeats an item: keep each item once",
        ),
    ),
    Case(
        (CERT + "/properties/related_majors type",),
        K,
        "batch: batch-2\n",
        "batch: batch-2\nrelated_majors: fictional-major\n",
        (
            "catalogue/certificates/fictional-kappa.yaml:7:17: error: related_majors: 应为列表，却是文字 'fictional-major' · expected a list, got the text 'fictional-major'",
        ),
    ),
    Case(
        (CERT + "/properties/related_majors uniqueItems",),
        K,
        "batch: batch-2\n",
        'batch: batch-2\nrelated_majors: [{major: "860301"}, {major: "860301"}]\n',
        (
            "catalogue/certificates/fictional-kappa.yaml:7:17: error: related_majors: 列表中有重复的项：每项只写一次 · the list repeats an item: keep each item once",
        ),
    ),
    Case(
        (CERT + "/properties/related_majors/items type",),
        K,
        "batch: batch-2\n",
        "batch: batch-2\nrelated_majors: [fictional-major]\n",
        (
            "catalogue/certificates/fictional-kappa.yaml:7:18: error: related_majors[0]: 应为映射（字段名: 值），却是文字 'fictional-major' · expected a mapping (name: value), got the text 'fictional-major'",
        ),
    ),
    Case(
        (CERT + "/properties/related_majors/items required major",),
        K,
        "batch: batch-2\n",
        "batch: batch-2\nrelated_majors: [{sources: [fictional-paper]}]\n",
        (
            "catalogue/certificates/fictional-kappa.yaml:7:18: error: related_majors[0]: 缺少必填字段 'major' · missing required field 'major'",
        ),
    ),
    Case(
        (CERT + "/properties/related_majors/items additionalProperties",),
        K,
        "batch: batch-2\n",
        'batch: batch-2\nrelated_majors: [{major: "860301", colour: red}]\n',
        (
            "catalogue/certificates/fictional-kappa.yaml:7:36: error: related_majors[0].colour: 没有 'colour' 这个字段 · unknown field 'colour'",
        ),
    ),
    Case(
        (CERT + "/properties/levels type",),
        K,
        "batch: batch-2\n",
        "batch: batch-2\nlevels: 初级\n",
        (
            "catalogue/certificates/fictional-kappa.yaml:7:9: error: levels: 应为列表，却是文字 '初级' · expected a list, got the text '初级'",
        ),
    ),
    Case(
        (CERT + "/properties/levels minItems",),
        K,
        "batch: batch-2\n",
        "batch: batch-2\nlevels: []\n",
        ("catalogue/certificates/fictional-kappa.yaml:7:9: error: levels: 列表不能是空的 · [] should be non-empty",),
    ),
    Case(
        (CERT + "/properties/levels maxItems",),
        K,
        "batch: batch-2\n",
        f"batch: batch-2\nlevels: [{LEVEL}, {LEVEL}, {LEVEL}, {LEVEL}]\n",
        (
            "catalogue/certificates/fictional-kappa.yaml:7:9: error: levels: 列表有 4 项，超过上限 3 · the list has 4 items, more than the 3 allowed",
        ),
    ),
    Case(
        (CERT + "/properties/levels/items type",),
        K,
        "batch: batch-2\n",
        "batch: batch-2\nlevels: [初级]\n",
        (
            "catalogue/certificates/fictional-kappa.yaml:7:10: error: levels[0]: 应为映射（字段名: 值），却是文字 '初级' · expected a mapping (name: value), got the text '初级'",
        ),
    ),
    Case(
        (CERT + "/properties/levels/items required level",),
        K,
        "batch: batch-2\n",
        "batch: batch-2\nlevels: [{sources: [fictional-report]}]\n",
        (
            "catalogue/certificates/fictional-kappa.yaml:7:10: error: levels[0]: 缺少必填字段 'level' · missing required field 'level'",
        ),
    ),
    Case(
        (CERT + "/properties/levels/items required sources",),
        K,
        "batch: batch-2\n",
        "batch: batch-2\nlevels: [{level: 初级}]\n",
        (
            "catalogue/certificates/fictional-kappa.yaml:7:10: error: levels[0]: 缺少必填字段 'sources' · missing required field 'sources'",
        ),
    ),
    Case(
        (CERT + "/properties/levels/items additionalProperties",),
        K,
        "batch: batch-2\n",
        "batch: batch-2\nlevels: [{level: 初级, sources: [fictional-report], colour: red}]\n",
        (
            "catalogue/certificates/fictional-kappa.yaml:7:51: error: levels[0].colour: 没有 'colour' 这个字段 · unknown field 'colour'",
        ),
    ),
    Case(
        (CERT + "/properties/levels/items/properties/level enum",),
        A,
        "level: 中级",
        "level: 特级",
        (
            "catalogue/certificates/fictional-alpha.yaml:16:12: error: levels[1].level: '特级' 不是可选的值（初级、中级、高级） · '特级' is not one of: 初级, 中级, 高级",
        ),
    ),
    Case(
        (CERT + "/properties/levels/items/properties/title type",),
        A,
        "title: 虚构初级",
        "title: 5",
        (
            "catalogue/certificates/fictional-alpha.yaml:13:12: error: levels[0].title: 应为文字，却是数字 5 · expected text, got the number 5",
        ),
    ),
    Case(
        (CERT + "/properties/levels/items/properties/title minLength",),
        A,
        "title: 虚构初级",
        "title: ''",
        (
            "catalogue/certificates/fictional-alpha.yaml:13:12: error: levels[0].title: 文字不能是空的 · '' should be non-empty",
        ),
    ),
    Case(
        (CERT + "/properties/levels/items/properties/title maxLength",),
        A,
        "title: 虚构初级",
        f"title: {TITLE_201}",
        (
            "catalogue/certificates/fictional-alpha.yaml:13:12: error: levels[0].title: 文字有 201 个字符，超过上限 200：请缩短 · the text has 201 characters, more than the 200 allowed: shorten it",
        ),
    ),
    Case(
        (CERT + "/properties/levels/items/properties/fee type",),
        A,
        "fee: 200",
        "fee: free",
        (
            "catalogue/certificates/fictional-alpha.yaml:17:10: error: levels[1].fee: 应为数字，却是文字 'free' · expected a number, got the text 'free'",
        ),
    ),
    Case(
        (CERT + "/properties/levels/items/properties/fee minimum",),
        A,
        "fee: 200",
        "fee: -3",
        (
            "catalogue/certificates/fictional-alpha.yaml:17:10: error: levels[1].fee: -3 小于最小值 0 · -3 is less than the minimum of 0",
        ),
    ),
    Case(
        (CERT + "/properties/levels/items/properties/fee maximum",),
        A,
        "fee: 200",
        "fee: 100001",
        (
            "catalogue/certificates/fictional-alpha.yaml:17:10: error: levels[1].fee: 100001 大于最大值 100000 · 100001 is greater than the maximum of 100000",
        ),
    ),
    Case(
        (CERT + "/properties/last_verified type",),
        K,
        "\n" + ENDK,
        "\nlast_verified: 2026-08-30\n" + ENDK,
        (
            "catalogue/certificates/fictional-kappa.yaml:11:16: error: last_verified: 应为映射（字段名: 值），却是文字 '2026-08-30' · expected a mapping (name: value), got the text '2026-08-30'",
        ),
    ),
    Case(
        (CERT + "/properties/last_verified required date",),
        K,
        "\n" + ENDK,
        "\nlast_verified:\n  sources: [fictional-report]\n" + ENDK,
        (
            "catalogue/certificates/fictional-kappa.yaml:12:3: error: last_verified: 缺少必填字段 'date' · missing required field 'date'",
        ),
    ),
    Case(
        (CERT + "/properties/last_verified required sources",),
        K,
        "\n" + ENDK,
        "\nlast_verified:\n  date: 2022\n" + ENDK,
        (
            "catalogue/certificates/fictional-kappa.yaml:12:3: error: last_verified: 缺少必填字段 'sources' · missing required field 'sources'",
        ),
    ),
    Case(
        (CERT + "/properties/last_verified additionalProperties",),
        K,
        "\n" + ENDK,
        "\nlast_verified:\n  date: 2022\n  sources: [fictional-report]\n  by: someone\n" + ENDK,
        (
            "catalogue/certificates/fictional-kappa.yaml:14:3: error: last_verified.by: 没有 'by' 这个字段 · unknown field 'by'",
        ),
    ),
    Case(
        (CERT + "/properties/pilot_institutions type",),
        K,
        "pilot_institutions:\n  - count: 7\n    sources: [fictional-report]\n",
        "pilot_institutions: 7\n",
        (
            "catalogue/certificates/fictional-kappa.yaml:8:21: error: pilot_institutions: 应为列表，却是数字 7 · expected a list, got the number 7",
        ),
    ),
    Case(
        (CERT + "/properties/pilot_institutions/items type",),
        K,
        "  - count: 7\n    sources: [fictional-report]\n",
        "  - 7\n",
        (
            "catalogue/certificates/fictional-kappa.yaml:9:5: error: pilot_institutions[0]: 应为映射（字段名: 值），却是数字 7 · expected a mapping (name: value), got the number 7",
        ),
    ),
    Case(
        (CERT + "/properties/pilot_institutions/items required count",),
        K,
        "  - count: 7\n    sources:",
        "  - sources:",
        (
            "catalogue/certificates/fictional-kappa.yaml:9:5: error: pilot_institutions[0]: 缺少必填字段 'count' · missing required field 'count'",
        ),
    ),
    Case(
        (CERT + "/properties/pilot_institutions/items required sources",),
        K,
        "count: 7\n    sources: [fictional-report]\n",
        "count: 7\n",
        (
            "catalogue/certificates/fictional-kappa.yaml:9:5: error: pilot_institutions[0]: 缺少必填字段 'sources' · missing required field 'sources'",
        ),
    ),
    Case(
        (CERT + "/properties/pilot_institutions/items additionalProperties",),
        K,
        "count: 7\n",
        "count: 7\n    colour: red\n",
        (
            "catalogue/certificates/fictional-kappa.yaml:10:5: error: pilot_institutions[0].colour: 没有 'colour' 这个字段 · unknown field 'colour'",
        ),
    ),
    Case(
        (CERT + "/properties/pilot_institutions/items/properties/count type",),
        K,
        "count: 7",
        "count: seven",
        (
            "catalogue/certificates/fictional-kappa.yaml:9:12: error: pilot_institutions[0].count: 应为整数，却是文字 'seven' · expected a whole number, got the text 'seven'",
        ),
    ),
    Case(
        (CERT + "/properties/pilot_institutions/items/properties/count minimum",),
        K,
        "count: 7",
        "count: -1",
        (
            "catalogue/certificates/fictional-kappa.yaml:9:12: error: pilot_institutions[0].count: -1 小于最小值 0 · -1 is less than the minimum of 0",
        ),
    ),
    Case(
        (CERT + "/properties/pilot_institutions/items/properties/count maximum",),
        K,
        "count: 7",
        "count: 100001",
        (
            "catalogue/certificates/fictional-kappa.yaml:9:12: error: pilot_institutions[0].count: 100001 大于最大值 100000 · 100001 is greater than the maximum of 100000",
        ),
    ),
    Case(
        (CERT + "/properties/history type",),
        K,
        "batch: batch-2\n",
        "batch: batch-2\nhistory: withdrawn\n",
        (
            "catalogue/certificates/fictional-kappa.yaml:7:10: error: history: 应为列表，却是文字 'withdrawn' · expected a list, got the text 'withdrawn'",
        ),
    ),
    Case(
        (EV + " type",),
        K,
        "batch: batch-2\n",
        "batch: batch-2\nhistory: [withdrawn]\n",
        (
            "catalogue/certificates/fictional-kappa.yaml:7:11: error: history[0]: 应为映射（字段名: 值），却是文字 'withdrawn' · expected a mapping (name: value), got the text 'withdrawn'",
        ),
    ),
    Case(
        (
            EV + " required type",
            EV + "/allOf/0/if required type",
            EV + "/allOf/1/if required type",
            EV + "/allOf/2/if required type",
        ),
        ETA,
        "  - type: withdrawn\n    date:",
        "  - date:",
        (
            "catalogue/certificates/fictional-eta.yaml:9:5: error: history[0]: 缺少必填字段 'type' · missing required field 'type'",
        ),
    ),
    Case(
        (EV + " required date",),
        ETA,
        "    date: 2021-09\n",
        "",
        (
            "catalogue/certificates/fictional-eta.yaml:9:5: error: history[0]: 缺少必填字段 'date' · missing required field 'date'",
        ),
    ),
    Case(
        (EV + " required sources",),
        ETA,
        "    sources: [fictional-notice-2021]\n",
        "",
        (
            "catalogue/certificates/fictional-eta.yaml:9:5: error: history[0]: 缺少必填字段 'sources' · missing required field 'sources'",
        ),
    ),
    Case(
        (EV + " additionalProperties",),
        ETA,
        "    date: 2021-09\n",
        "    date: 2021-09\n    colour: red\n",
        (
            "catalogue/certificates/fictional-eta.yaml:11:5: error: history[0].colour: 没有 'colour' 这个字段 · unknown field 'colour'",
        ),
    ),
    Case(
        (EV + "/properties/type enum",),
        ETA,
        "type: withdrawn",
        "type: withdrew",
        (
            "catalogue/certificates/fictional-eta.yaml:9:11: error: history[0].type: 'withdrew' 不是可选的值（introduced、renamed、organization_changed、levels_changed、suspended、reinstated、replaced、merged、withdrawn、revoked、transferred）：是不是 'withdrawn'？ · 'withdrew' is not one of: introduced, renamed, organization_changed, levels_changed, suspended, reinstated, replaced, merged, withdrawn, revoked, transferred; did you mean 'withdrawn'?",
        ),
    ),
    Case(
        (EV + "/properties/successors type",),
        A,
        "    successors:\n      - certificate: fictional-beta\n        equivalence: full\n",
        "    successors: fictional-beta\n",
        (
            "catalogue/certificates/fictional-alpha.yaml:32:17: error: history[0].successors: 应为列表，却是文字 'fictional-beta' · expected a list, got the text 'fictional-beta'",
        ),
    ),
    Case(
        (EV + "/properties/successors minItems",),
        A,
        "    successors:\n      - certificate: fictional-beta\n        equivalence: full\n",
        "    successors: []\n",
        (
            "catalogue/certificates/fictional-alpha.yaml:32:17: error: history[0].successors: 列表不能是空的 · [] should be non-empty",
        ),
    ),
    Case(
        (EV + "/properties/successors uniqueItems",),
        A,
        "        equivalence: full\n",
        "        equivalence: full\n      - {certificate: fictional-beta, equivalence: full}\n",
        (
            "catalogue/certificates/fictional-alpha.yaml:33:7: error: history[0].successors: 列表中有重复的项：每项只写一次 · the list repeats an item: keep each item once",
        ),
    ),
    Case(
        (EV + "/properties/successors/items type",),
        A,
        "      - certificate: fictional-beta\n        equivalence: full\n",
        "      - fictional-beta\n",
        (
            "catalogue/certificates/fictional-alpha.yaml:33:9: error: history[0].successors[0]: 应为映射（字段名: 值），却是文字 'fictional-beta' · expected a mapping (name: value), got the text 'fictional-beta'",
        ),
    ),
    Case(
        (EV + "/properties/successors/items required certificate",),
        A,
        "      - certificate: fictional-beta\n        equivalence:",
        "      - equivalence:",
        (
            "catalogue/certificates/fictional-alpha.yaml:33:9: error: history[0].successors[0]: 缺少必填字段 'certificate' · missing required field 'certificate'",
        ),
    ),
    Case(
        (EV + "/properties/successors/items required equivalence",),
        A,
        "        equivalence: full\n",
        "",
        (
            "catalogue/certificates/fictional-alpha.yaml:33:9: error: history[0].successors[0]: 缺少必填字段 'equivalence' · missing required field 'equivalence'",
        ),
    ),
    Case(
        (EV + "/properties/successors/items additionalProperties",),
        A,
        "        equivalence: full\n",
        "        equivalence: full\n        colour: red\n",
        (
            "catalogue/certificates/fictional-alpha.yaml:35:9: error: history[0].successors[0].colour: 没有 'colour' 这个字段 · unknown field 'colour'",
        ),
    ),
    Case(
        (EV + "/properties/successors/items/properties/equivalence enum",),
        A,
        "equivalence: full",
        "equivalence: ful",
        (
            "catalogue/certificates/fictional-alpha.yaml:34:22: error: history[0].successors[0].equivalence: 'ful' 不是可选的值（full、partial、none）：是不是 'full'？ · 'ful' is not one of: full, partial, none; did you mean 'full'?",
        ),
    ),
    Case(
        (EV + "/allOf/0/then required previous_name",),
        G,
        "    previous_name:\n      zh: 虚构证书丙旧名\n      en: Fictional certificate Gamma (old name)\n",
        "",
        (
            "catalogue/certificates/fictional-gamma.yaml:15:5: error: history[1]: 缺少必填字段 'previous_name' · missing required field 'previous_name'",
        ),
    ),
    Case(
        (
            EV + "/allOf/0/else/properties/previous_name false",
            EV + "/allOf/0/if/properties/type const",
        ),
        ETA,
        "    date: 2021-09\n",
        "    date: 2021-09\n    previous_name: {zh: 旧名}\n",
        (
            "catalogue/certificates/fictional-eta.yaml:11:5: error: history[0].previous_name: 'withdrawn' 事件不能有这个字段 · this field is not allowed on a 'withdrawn' event",
        ),
    ),
    Case(
        (EV + "/allOf/1/then required previous_organization",),
        IOTA,
        "    previous_organization: fictional-org-b\n",
        "",
        (
            "catalogue/certificates/fictional-iota.yaml:12:5: error: history[0]: 缺少必填字段 'previous_organization' · missing required field 'previous_organization'",
        ),
    ),
    Case(
        (
            EV + "/allOf/1/else/properties/previous_organization false",
            EV + "/allOf/1/if/properties/type const",
        ),
        ETA,
        "    date: 2021-09\n",
        "    date: 2021-09\n    previous_organization: fictional-org-a\n",
        (
            "catalogue/certificates/fictional-eta.yaml:11:5: error: history[0].previous_organization: 'withdrawn' 事件不能有这个字段 · this field is not allowed on a 'withdrawn' event",
        ),
    ),
    Case(
        (EV + "/allOf/2/then required successors",),
        ETA,
        "type: withdrawn",
        "type: replaced",
        (
            "catalogue/certificates/fictional-eta.yaml:9:5: error: history[0]: 缺少必填字段 'successors' · missing required field 'successors'",
        ),
    ),
    Case(
        (
            EV + "/allOf/2/else/properties/successors false",
            EV + "/allOf/2/if/properties/type enum",
        ),
        ETA,
        "    date: 2021-09\n",
        "    date: 2021-09\n    successors: [{certificate: fictional-zeta, equivalence: full}]\n",
        (
            "catalogue/certificates/fictional-eta.yaml:11:5: error: history[0].successors: 'withdrawn' 事件不能有这个字段 · this field is not allowed on a 'withdrawn' event",
        ),
    ),
    Case(
        (C + "slug type",),
        K,
        "organization: fictional-org-a",
        "organization: 5",
        (
            "catalogue/certificates/fictional-kappa.yaml:5:15: error: organization: 应为文字，却是数字 5 · expected text, got the number 5",
        ),
    ),
    Case(
        (C + "slug maxLength",),
        K,
        "organization: fictional-org-a",
        f"organization: {SLUG_81}",
        (
            "catalogue/certificates/fictional-kappa.yaml:5:15: error: organization: 文字有 81 个字符，超过上限 80：请缩短 · the text has 81 characters, more than the 80 allowed: shorten it",
        ),
    ),
    Case(
        (C + "slug pattern",),
        K,
        "organization: fictional-org-a",
        "organization: Fictional-Org-A",
        (
            "catalogue/certificates/fictional-kappa.yaml:5:15: error: organization: 'Fictional-Org-A' 的写法不对，应写成 saiyuda 这样 · 'Fictional-Org-A' is not a lowercase id of letters a-z, digits and single hyphens, such as industrial-robot-application-programming",
        ),
    ),
    Case(
        (C + "visible_text type",),
        K,
        "  zh: 虚构证书癸",
        "  zh: 5",
        (
            "catalogue/certificates/fictional-kappa.yaml:3:7: error: name.zh: 应为文字，却是数字 5 · expected text, got the number 5",
        ),
    ),
    Case(
        (C + "visible_text minLength",),
        K,
        "  zh: 虚构证书癸",
        "  zh: ''",
        (
            "catalogue/certificates/fictional-kappa.yaml:3:7: error: name.zh: '' 的写法不对，应写成 工业机器人应用编程 这样 · '' is not text with at least one visible character (not only spaces or invisible characters such as U+200B)",
            "catalogue/certificates/fictional-kappa.yaml:3:7: error: name.zh: 文字不能是空的 · '' should be non-empty",
        ),
    ),
    Case(
        (C + "visible_text pattern",),
        K,
        "  zh: 虚构证书癸",
        '  zh: "\\u200b"',
        (
            "catalogue/certificates/fictional-kappa.yaml:3:7: error: name.zh: '\\u200b' 的写法不对，应写成 工业机器人应用编程 这样 · '\\u200b' is not text with at least one visible character (not only spaces or invisible characters such as U+200B)",
        ),
    ),
    Case(
        (C + "localized_name type",),
        K,
        "name:\n  zh: 虚构证书癸\n  en: Fictional certificate Kappa\n",
        "name: 虚构证书癸\n",
        (
            "catalogue/certificates/fictional-kappa.yaml:2:7: error: name: 应为映射（字段名: 值），却是文字 '虚构证书癸' · expected a mapping (name: value), got the text '虚构证书癸'",
        ),
    ),
    Case(
        (C + "localized_name required zh",),
        K,
        "  zh: 虚构证书癸\n",
        "",
        (
            "catalogue/certificates/fictional-kappa.yaml:3:3: error: name: 缺少必填字段 'zh' · missing required field 'zh'",
        ),
    ),
    Case(
        (C + "localized_name additionalProperties",),
        K,
        "  zh: 虚构证书癸\n",
        "  zh: 虚构证书癸\n  fr: Certificat fictif\n",
        ("catalogue/certificates/fictional-kappa.yaml:4:3: error: name.fr: 没有 'fr' 这个字段 · unknown field 'fr'",),
    ),
    Case(
        (C + "localized_name/properties/zh maxLength",),
        K,
        "  zh: 虚构证书癸",
        f"  zh: {ZH_201}",
        (
            "catalogue/certificates/fictional-kappa.yaml:3:7: error: name.zh: 文字有 201 个字符，超过上限 200：请缩短 · the text has 201 characters, more than the 200 allowed: shorten it",
        ),
    ),
    Case(
        (C + "localized_name/properties/en maxLength",),
        K,
        "  en: Fictional certificate Kappa",
        f"  en: {EN_301}",
        (
            "catalogue/certificates/fictional-kappa.yaml:4:7: error: name.en: 文字有 301 个字符，超过上限 300：请缩短 · the text has 301 characters, more than the 300 allowed: shorten it",
        ),
    ),
    Case(
        (C + "localized_text type",),
        OA,
        "maintainers:",
        "description: 虚构。\nmaintainers:",
        (
            "catalogue/organizations/fictional-org-a.yaml:6:14: error: description: 应为映射（字段名: 值），却是文字 '虚构。' · expected a mapping (name: value), got the text '虚构。'",
        ),
    ),
    Case(
        (C + "localized_text required zh",),
        OA,
        "maintainers:",
        "description: {en: Fictional.}\nmaintainers:",
        (
            "catalogue/organizations/fictional-org-a.yaml:6:14: error: description: 缺少必填字段 'zh' · missing required field 'zh'",
        ),
    ),
    Case(
        (C + "localized_text additionalProperties",),
        OA,
        "maintainers:",
        "description: {zh: 虚构。, fr: Fictif.}\nmaintainers:",
        (
            "catalogue/organizations/fictional-org-a.yaml:6:24: error: description.fr: 没有 'fr' 这个字段 · unknown field 'fr'",
        ),
    ),
    Case(
        (C + "localized_text/properties/zh type",),
        OA,
        "maintainers:",
        "description: {zh: 5}\nmaintainers:",
        (
            "catalogue/organizations/fictional-org-a.yaml:6:19: error: description.zh: 应为文字，却是数字 5 · expected text, got the number 5",
        ),
    ),
    Case(
        (C + "localized_text/properties/zh minLength",),
        OA,
        "maintainers:",
        "description: {zh: ''}\nmaintainers:",
        (
            "catalogue/organizations/fictional-org-a.yaml:6:19: error: description.zh: 文字不能是空的 · '' should be non-empty",
        ),
    ),
    Case(
        (C + "localized_text/properties/zh maxLength",),
        OA,
        "maintainers:",
        f"description: {{zh: {TEXT_4001}}}\nmaintainers:",
        (
            "catalogue/organizations/fictional-org-a.yaml:6:19: error: description.zh: 文字有 4001 个字符，超过上限 4000：请缩短 · the text has 4001 characters, more than the 4000 allowed: shorten it",
        ),
    ),
    Case(
        (C + "localized_text/properties/en type",),
        OA,
        "maintainers:",
        "description: {zh: 虚构。, en: 5}\nmaintainers:",
        (
            "catalogue/organizations/fictional-org-a.yaml:6:28: error: description.en: 应为文字，却是数字 5 · expected text, got the number 5",
        ),
    ),
    Case(
        (C + "localized_text/properties/en minLength",),
        OA,
        "maintainers:",
        "description: {zh: 虚构。, en: ''}\nmaintainers:",
        (
            "catalogue/organizations/fictional-org-a.yaml:6:28: error: description.en: 文字不能是空的 · '' should be non-empty",
        ),
    ),
    Case(
        (C + "localized_text/properties/en maxLength",),
        OA,
        "maintainers:",
        f"description: {{zh: 虚构。, en: {TEXT_4001}}}\nmaintainers:",
        (
            "catalogue/organizations/fictional-org-a.yaml:6:28: error: description.en: 文字有 4001 个字符，超过上限 4000：请缩短 · the text has 4001 characters, more than the 4000 allowed: shorten it",
        ),
    ),
    Case(
        (C + "partial_date type",),
        B1,
        "date: 2020-01",
        "date: true",
        (
            "catalogue/batches/batch-1.yaml:6:7: error: date: 应为文字或整数，却是true/false 值 true · expected text or a whole number, got true (true/false)",
        ),
    ),
    Case(
        (C + "partial_date pattern",),
        B1,
        "date: 2020-01",
        "date: 2020/01",
        (
            "catalogue/batches/batch-1.yaml:6:11: error: date: '2020/01' 的写法不对：日期写成 2020-01（年、月、日之间用半角“-”连接） · '2020/01' is not a date written as YYYY, YYYY-MM or YYYY-MM-DD, such as 2019-06-19; write the date as 2020-01, with hyphens",
        ),
    ),
    Case(
        (C + "partial_date minimum",),
        B1,
        "date: 2020-01",
        "date: 1948",
        (
            "catalogue/batches/batch-1.yaml:6:7: error: date: 1948 小于最小值 1949 · 1948 is less than the minimum of 1949",
        ),
    ),
    Case(
        (C + "partial_date maximum",),
        B1,
        "date: 2020-01",
        "date: 2101",
        (
            "catalogue/batches/batch-1.yaml:6:7: error: date: 2101 大于最大值 2100 · 2101 is greater than the maximum of 2100",
        ),
    ),
    Case(
        (C + "source_refs type",),
        K,
        "\n" + ENDK,
        "\nsources: fictional-report\n",
        (
            "catalogue/certificates/fictional-kappa.yaml:11:10: error: sources: 应为列表，却是文字 'fictional-report' · expected a list, got the text 'fictional-report'",
        ),
    ),
    Case(
        (C + "source_refs minItems",),
        K,
        "\n" + ENDK,
        "\nsources: []\n",
        ("catalogue/certificates/fictional-kappa.yaml:11:10: error: sources: 列表不能是空的 · [] should be non-empty",),
    ),
    Case(
        (C + "source_refs uniqueItems",),
        K,
        "\n" + ENDK,
        "\nsources: [fictional-report, fictional-report]\n",
        (
            "catalogue/certificates/fictional-kappa.yaml:11:10: error: sources: 列表中有重复的项：每项只写一次 · the list repeats an item: keep each item once",
        ),
    ),
    Case(
        (C + "https_url type",),
        OA,
        "website: https://fictional.invalid/org-a",
        "website: 5",
        (
            "catalogue/organizations/fictional-org-a.yaml:5:10: error: website: 应为文字，却是数字 5 · expected text, got the number 5",
        ),
    ),
    Case(
        (C + "https_url maxLength",),
        OA,
        "website: https://fictional.invalid/org-a",
        f"website: {URL_2001}",
        (
            "catalogue/organizations/fictional-org-a.yaml:5:10: error: website: 文字有 2001 个字符，超过上限 2000：请缩短 · the text has 2001 characters, more than the 2000 allowed: shorten it",
        ),
    ),
    Case(
        (C + "https_url pattern",),
        OA,
        "website: https://fictional.invalid/org-a",
        "website: http://fictional.invalid/org-a",
        (
            "catalogue/organizations/fictional-org-a.yaml:5:10: error: website: 'http://fictional.invalid/org-a' 的写法不对，应写成 https://www.example.org.cn/ 这样 · 'http://fictional.invalid/org-a' is not a web address starting with https://, such as https://www.moe.gov.cn/",
        ),
    ),
    Case(
        (C + "github_handle type",),
        OA,
        "maintainers: [fictional-maintainer]",
        "maintainers: [5]",
        (
            "catalogue/organizations/fictional-org-a.yaml:6:15: error: maintainers[0]: 应为文字，却是数字 5 · expected text, got the number 5",
        ),
    ),
    Case(
        (C + "github_handle pattern",),
        OA,
        "maintainers: [fictional-maintainer]",
        "maintainers: [-fictional]",
        (
            "catalogue/organizations/fictional-org-a.yaml:6:15: error: maintainers[0]: '-fictional' 的写法不对，应写成 octocat 这样 · '-fictional' is not a GitHub user name without @: letters, digits and single hyphens, at most 39 characters",
        ),
    ),
    Case(
        (C + "github_handle maxLength",),
        OA,
        "maintainers: [fictional-maintainer]",
        f"maintainers: [{HANDLE_40}]",
        (
            "catalogue/organizations/fictional-org-a.yaml:6:15: error: maintainers[0]: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' 的写法不对，应写成 octocat 这样 · 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' is not a GitHub user name without @: letters, digits and single hyphens, at most 39 characters",
            "catalogue/organizations/fictional-org-a.yaml:6:15: error: maintainers[0]: 文字有 40 个字符，超过上限 39：请缩短 · the text has 40 characters, more than the 39 allowed: shorten it",
        ),
    ),
    Case(
        ("fields.schema.json# required fields",),
        FIELDS,
        FIELD_LIST,
        "",
        (
            *UNKNOWN_FIELDS,
            "catalogue/fields.yaml:1:1: error: (top level): 缺少必填字段 'fields' · missing required field 'fields'",
        ),
    ),
    Case(
        ("fields.schema.json# required sources",),
        FIELDS,
        "sources: [fictional-paper]\n",
        "",
        ("catalogue/fields.yaml:1:1: error: (top level): 缺少必填字段 'sources' · missing required field 'sources'",),
    ),
    Case(
        ("fields.schema.json# additionalProperties",),
        FIELDS,
        "sources: [fictional-paper]\n",
        "sources: [fictional-paper]\ncolour: red\n",
        ("catalogue/fields.yaml:2:1: error: colour: 没有 'colour' 这个字段 · unknown field 'colour'",),
    ),
    Case(
        ("fields.schema.json#/properties/fields type",),
        FIELDS,
        FIELD_LIST,
        "fields: equipment-manufacturing\n",
        (
            *UNKNOWN_FIELDS,
            "catalogue/fields.yaml:2:9: error: fields: 应为列表，却是文字 'equipment-manufacturing' · expected a list, got the text 'equipment-manufacturing'",
        ),
    ),
    Case(
        ("fields.schema.json#/properties/fields minItems",),
        FIELDS,
        FIELD_LIST,
        "fields: []\n",
        (
            *UNKNOWN_FIELDS,
            "catalogue/fields.yaml:2:9: error: fields: 列表不能是空的 · [] should be non-empty",
        ),
    ),
    Case(
        ("fields.schema.json#/properties/fields/items type",),
        FIELDS,
        "fields:\n",
        "fields:\n  - equipment\n",
        (
            "catalogue/fields.yaml:3:5: error: fields[0]: 应为映射（字段名: 值），却是文字 'equipment' · expected a mapping (name: value), got the text 'equipment'",
        ),
    ),
    Case(
        ("fields.schema.json#/properties/fields/items required id",),
        FIELDS,
        "fields:\n",
        'fields:\n  - {name: {zh: 新}, categories: ["81"]}\n',
        ("catalogue/fields.yaml:3:5: error: fields[0]: 缺少必填字段 'id' · missing required field 'id'",),
    ),
    Case(
        ("fields.schema.json#/properties/fields/items required name",),
        FIELDS,
        "fields:\n",
        'fields:\n  - {id: new-field, categories: ["81"]}\n',
        ("catalogue/fields.yaml:3:5: error: fields[0]: 缺少必填字段 'name' · missing required field 'name'",),
    ),
    Case(
        ("fields.schema.json#/properties/fields/items additionalProperties",),
        FIELDS,
        "fields:\n",
        'fields:\n  - {id: new-field, name: {zh: 新}, categories: ["81"], colour: red}\n',
        ("catalogue/fields.yaml:3:56: error: fields[0].colour: 没有 'colour' 这个字段 · unknown field 'colour'",),
    ),
    Case(
        (MJ + " required categories",),
        MAJORS,
        CATEGORY_LIST,
        "",
        (
            "catalogue/majors.yaml:1:1: error: (top level): 缺少必填字段 'categories' · missing required field 'categories'",
        ),
    ),
    Case(
        (MJ + " required majors",),
        MAJORS,
        MAJOR_ENTRIES,
        "",
        (
            "catalogue/certificates/fictional-alpha.yaml:9:12: error: related_majors[0].major: 找不到 id 为 '860301' 的 majors（把它加到 catalogue/majors.yaml，或改正 id） · no majors has the id '860301' (add it to catalogue/majors.yaml or fix the id)",
            "catalogue/majors.yaml:1:1: error: (top level): 缺少必填字段 'majors' · missing required field 'majors'",
        ),
    ),
    Case(
        (MJ + " required sources",),
        MAJORS,
        "sources: [fictional-paper]\n",
        "",
        ("catalogue/majors.yaml:1:1: error: (top level): 缺少必填字段 'sources' · missing required field 'sources'",),
    ),
    Case(
        (MJ + " additionalProperties",),
        MAJORS,
        "majors:\n",
        "colour: red\nmajors:\n",
        ("catalogue/majors.yaml:11:1: error: colour: 没有 'colour' 这个字段 · unknown field 'colour'",),
    ),
    Case(
        (MJ + "/properties/categories type",),
        MAJORS,
        CATEGORY_LIST,
        "categories: 96\n",
        ("catalogue/majors.yaml:2:13: error: categories: 应为列表，却是数字 96 · expected a list, got the number 96",),
    ),
    Case(
        (MJ + "/properties/categories minItems",),
        MAJORS,
        CATEGORY_LIST,
        "categories: []\n",
        ("catalogue/majors.yaml:2:13: error: categories: 列表不能是空的 · [] should be non-empty",),
    ),
    Case(
        (MJ + "/properties/categories/items type",),
        MAJORS,
        "categories:\n",
        "categories:\n  - 96\n",
        (
            "catalogue/majors.yaml:3:5: error: categories[0]: 应为映射（字段名: 值），却是数字 96 · expected a mapping (name: value), got the number 96",
        ),
    ),
    Case(
        (MJ + "/properties/categories/items required code",),
        MAJORS,
        "categories:\n",
        "categories:\n  - {name: {zh: 虚构类}, level: 中职}\n",
        ("catalogue/majors.yaml:3:5: error: categories[0]: 缺少必填字段 'code' · missing required field 'code'",),
    ),
    Case(
        (MJ + "/properties/categories/items required name",),
        MAJORS,
        "categories:\n",
        'categories:\n  - {code: "97", level: 中职}\n',
        ("catalogue/majors.yaml:3:5: error: categories[0]: 缺少必填字段 'name' · missing required field 'name'",),
    ),
    Case(
        (MJ + "/properties/categories/items required level",),
        MAJORS,
        "categories:\n",
        'categories:\n  - {code: "97", name: {zh: 虚构类}}\n',
        ("catalogue/majors.yaml:3:5: error: categories[0]: 缺少必填字段 'level' · missing required field 'level'",),
    ),
    Case(
        (MJ + "/properties/categories/items additionalProperties",),
        MAJORS,
        "categories:\n",
        'categories:\n  - {code: "97", name: {zh: 虚构类}, level: 中职, colour: red}\n',
        ("catalogue/majors.yaml:3:46: error: categories[0].colour: 没有 'colour' 这个字段 · unknown field 'colour'",),
    ),
    Case(
        (MJ + "/properties/categories/items/properties/code type",),
        MAJORS,
        '{code: "83"',
        "{code: 83",
        (
            "catalogue/majors.yaml:8:12: error: categories[5].code: 应为文字，却是数字 83 · expected text, got the number 83",
        ),
    ),
    Case(
        (MJ + "/properties/categories/items/properties/code pattern",),
        MAJORS,
        '{code: "83"',
        '{code: "830"',
        (
            "catalogue/majors.yaml:8:12: error: categories[5].code: '830' 的写法不对，应写成 5102 这样 · '830' is not a code of two or four digits, in quotes, such as \"51\" or \"5102\"",
        ),
    ),
    Case(
        (MJ + "/$defs/level type",),
        MAJORS,
        'level: 中职}\n  - {code: "9601"',
        'level: [中职]}\n  - {code: "9601"',
        (
            "catalogue/majors.yaml:3:45: error: categories[0].level: ['中职'] 不是可选的值（中职、高职专科、职业本科） · ['中职'] is not one of: 中职, 高职专科, 职业本科",
            "catalogue/majors.yaml:3:45: error: categories[0].level: 应为文字，却是列表 · expected text, got a list",
        ),
    ),
    Case(
        (MJ + "/$defs/level enum",),
        MAJORS,
        'level: 中职}\n  - {code: "9601"',
        'level: 本科}\n  - {code: "9601"',
        (
            "catalogue/majors.yaml:3:45: error: categories[0].level: '本科' 不是可选的值（中职、高职专科、职业本科）：是不是 '职业本科'？ · '本科' is not one of: 中职, 高职专科, 职业本科; did you mean '职业本科'?",
        ),
    ),
    Case(
        (MJ + "/properties/majors type",),
        MAJORS,
        MAJOR_ENTRIES,
        'majors: "860301"\n',
        (
            "catalogue/certificates/fictional-alpha.yaml:9:12: error: related_majors[0].major: 找不到 id 为 '860301' 的 majors（把它加到 catalogue/majors.yaml，或改正 id） · no majors has the id '860301' (add it to catalogue/majors.yaml or fix the id)",
            "catalogue/majors.yaml:11:9: error: majors: 应为列表，却是文字 '860301' · expected a list, got the text '860301'",
        ),
    ),
    Case(
        (MJ + "/properties/majors minItems",),
        MAJORS,
        MAJOR_ENTRIES,
        "majors: []\n",
        (
            "catalogue/certificates/fictional-alpha.yaml:9:12: error: related_majors[0].major: 找不到 id 为 '860301' 的 majors（把它加到 catalogue/majors.yaml，或改正 id） · no majors has the id '860301' (add it to catalogue/majors.yaml or fix the id)",
            "catalogue/majors.yaml:11:9: error: majors: 列表不能是空的 · [] should be non-empty",
        ),
    ),
    Case(
        (MJ + "/properties/majors/items type",),
        MAJORS,
        "majors:\n",
        'majors:\n  - "860303"\n',
        (
            "catalogue/majors.yaml:12:5: error: majors[0]: 应为映射（字段名: 值），却是文字 '860303' · expected a mapping (name: value), got the text '860303'",
        ),
    ),
    Case(
        (MJ + "/properties/majors/items required id",),
        MAJORS,
        "majors:\n",
        'majors:\n  - {name: {zh: 虚构新专业}, level: 高职专科, category: "8603"}\n',
        ("catalogue/majors.yaml:12:5: error: majors[0]: 缺少必填字段 'id' · missing required field 'id'",),
    ),
    Case(
        (MJ + "/properties/majors/items required name",),
        MAJORS,
        "majors:\n",
        'majors:\n  - {id: "860303", level: 高职专科, category: "8603"}\n',
        ("catalogue/majors.yaml:12:5: error: majors[0]: 缺少必填字段 'name' · missing required field 'name'",),
    ),
    Case(
        (MJ + "/properties/majors/items required level",),
        MAJORS,
        "majors:\n",
        'majors:\n  - {id: "860303", name: {zh: 虚构新专业}, category: "8603"}\n',
        ("catalogue/majors.yaml:12:5: error: majors[0]: 缺少必填字段 'level' · missing required field 'level'",),
    ),
    Case(
        (MJ + "/properties/majors/items required category",),
        MAJORS,
        "majors:\n",
        'majors:\n  - {id: "860303", name: {zh: 虚构新专业}, level: 高职专科}\n',
        ("catalogue/majors.yaml:12:5: error: majors[0]: 缺少必填字段 'category' · missing required field 'category'",),
    ),
    Case(
        (MJ + "/properties/majors/items additionalProperties",),
        MAJORS,
        "majors:\n",
        'majors:\n  - {id: "860303", name: {zh: 虚构新专业}, level: 高职专科, category: "8603", colour: red}\n',
        ("catalogue/majors.yaml:12:70: error: majors[0].colour: 没有 'colour' 这个字段 · unknown field 'colour'",),
    ),
    Case(
        (MJ + "/properties/majors/items/properties/id type",),
        MAJORS,
        'id: "860302K"',
        "id: 860302",
        (
            "catalogue/majors.yaml:27:9: error: majors[3].id: 应为文字，却是数字 860302 · expected text, got the number 860302",
        ),
    ),
    Case(
        (MJ + "/properties/majors/items/properties/id pattern",),
        MAJORS,
        'id: "860302K"',
        'id: "86030K"',
        (
            "catalogue/majors.yaml:27:9: error: majors[3].id: '86030K' 的写法不对，应写成 510203 这样 · '86030K' is not a six-digit code in quotes, such as \"510203\" (or \"520101K\")",
        ),
    ),
    Case(
        (MJ + "/properties/majors/items/properties/category type",),
        MAJORS,
        'category: "9601"',
        "category: 9601",
        (
            "catalogue/majors.yaml:15:15: error: majors[0].category: 应为文字，却是数字 9601 · expected text, got the number 9601",
        ),
    ),
    Case(
        (MJ + "/properties/majors/items/properties/category pattern",),
        MAJORS,
        'category: "9601"',
        'category: "96"',
        (
            "catalogue/majors.yaml:15:15: error: majors[0].category: '96' 的写法不对，应写成 5102 这样 · '96' is not a four-digit code in quotes, such as \"5102\"",
        ),
    ),
    Case(
        (MJ + "/properties/majors/items/properties/second_conversion type",),
        MAJORS,
        "second_conversion: false",
        'second_conversion: "no"',
        (
            "catalogue/majors.yaml:16:24: error: majors[0].second_conversion: 应为true 或 false，却是文字 'no' · expected true or false, got the text 'no'",
        ),
    ),
    Case(
        (FS + " required categories",),
        FIELDS,
        '    categories: ["81"]\n',
        "",
        (
            "catalogue/fields.yaml:8:5: error: fields[1]: 缺少必填字段 'categories' · missing required field 'categories'",
        ),
    ),
    Case(
        (FS + "/properties/categories type",),
        FIELDS,
        'categories: ["81"]',
        'categories: "81"',
        (
            "catalogue/fields.yaml:12:17: error: fields[1].categories: 应为列表，却是文字 '81' · expected a list, got the text '81'",
        ),
    ),
    Case(
        (FS + "/properties/categories minItems",),
        FIELDS,
        'categories: ["81"]',
        "categories: []",
        ("catalogue/fields.yaml:12:17: error: fields[1].categories: 列表不能是空的 · [] should be non-empty",),
    ),
    Case(
        (FS + "/properties/categories uniqueItems",),
        FIELDS,
        'categories: ["81"]',
        'categories: ["81", "81"]',
        (
            "catalogue/fields.yaml:12:17: error: fields[1].categories: 列表中有重复的项：每项只写一次 · the list repeats an item: keep each item once",
        ),
    ),
    Case(
        (FS + "/properties/categories/items type",),
        FIELDS,
        'categories: ["81"]',
        "categories: [81]",
        (
            "catalogue/fields.yaml:12:18: error: fields[1].categories[0]: 应为文字，却是数字 81 · expected text, got the number 81",
        ),
    ),
    Case(
        (FS + "/properties/categories/items pattern",),
        FIELDS,
        'categories: ["81"]',
        'categories: ["8102"]',
        (
            "catalogue/fields.yaml:12:18: error: fields[1].categories[0]: '8102' 的写法不对，应写成 46 这样 · '8102' is not a two-digit code in quotes, such as \"46\"",
        ),
    ),
    Case(
        (C + "major_code type",),
        A,
        'major: "860301"',
        "major: 860301",
        (
            "catalogue/certificates/fictional-alpha.yaml:9:12: error: related_majors[0].major: 应为文字，却是数字 860301 · expected text, got the number 860301",
        ),
    ),
    Case(
        (C + "major_code pattern",),
        A,
        'major: "860301"',
        'major: "86-0301"',
        (
            "catalogue/certificates/fictional-alpha.yaml:9:12: error: related_majors[0].major: '86-0301' 的写法不对，应写成 510203 这样 · '86-0301' is not a six-digit major code in quotes, such as \"510203\" (or \"520101K\")",
        ),
    ),
    Case(
        (DIS + " type",),
        OB,
        "disagreements:\n  - field: name.zh\n    value: 虚构评价组织乙（虚构别名）\n    sources: [fictional-paper]\n    note:\n      zh: 虚构论文在名称后加注别名。\n      en: The fictional paper adds an alias.\n",
        "disagreements: name.zh\n",
        (
            "catalogue/organizations/fictional-org-b.yaml:9:16: error: disagreements: 应为列表，却是文字 'name.zh' · expected a list, got the text 'name.zh'",
        ),
    ),
    Case(
        (DIS + "/items type",),
        OB,
        "disagreements:\n",
        "disagreements:\n  - name.zh\n",
        (
            "catalogue/organizations/fictional-org-b.yaml:10:5: error: disagreements[0]: 应为映射（字段名: 值），却是文字 'name.zh' · expected a mapping (name: value), got the text 'name.zh'",
        ),
    ),
    Case(
        (DIS + "/items required field",),
        OB,
        "disagreements:\n",
        "disagreements:\n  - {value: 1, sources: [fictional-paper]}\n",
        (
            "catalogue/organizations/fictional-org-b.yaml:10:5: error: disagreements[0]: 缺少必填字段 'field' · missing required field 'field'",
        ),
    ),
    Case(
        (DIS + "/items required value",),
        OB,
        "disagreements:\n",
        "disagreements:\n  - {field: name.zh, sources: [fictional-paper]}\n",
        (
            "catalogue/organizations/fictional-org-b.yaml:10:5: error: disagreements[0]: 缺少必填字段 'value' · missing required field 'value'",
        ),
    ),
    Case(
        (DIS + "/items required sources",),
        OB,
        "disagreements:\n",
        "disagreements:\n  - {field: name.zh, value: 别名}\n",
        (
            "catalogue/organizations/fictional-org-b.yaml:10:5: error: disagreements[0]: 缺少必填字段 'sources' · missing required field 'sources'",
        ),
    ),
    Case(
        (DIS + "/items additionalProperties",),
        OB,
        "disagreements:\n",
        "disagreements:\n  - {field: name.zh, value: 别名, sources: [fictional-paper], colour: red}\n",
        (
            "catalogue/organizations/fictional-org-b.yaml:10:61: error: disagreements[0].colour: 没有 'colour' 这个字段 · unknown field 'colour'",
        ),
    ),
    Case(
        (DIS + "/items/properties/field type",),
        OB,
        "  - field: name.zh",
        "  - field: [name.zh]",
        (
            "catalogue/organizations/fictional-org-b.yaml:10:12: error: disagreements[0].field: 应为文字，却是列表 · expected text, got a list",
        ),
    ),
    Case(
        (DIS + "/items/properties/field minLength",),
        OB,
        "  - field: name.zh",
        '  - field: ""',
        (
            "catalogue/organizations/fictional-org-b.yaml:10:12: error: disagreements[0].field: 文字不能是空的 · '' should be non-empty",
        ),
    ),
    Case(
        (DIS + "/items/properties/value type",),
        OB,
        "    value: 虚构评价组织乙（虚构别名）",
        "    value: [虚构评价组织乙]",
        (
            "catalogue/organizations/fictional-org-b.yaml:11:12: error: disagreements[0].value: 应为文字或数字，却是列表 · expected text or a number, got a list",
        ),
    ),
    Case(
        ("organization.schema.json# required id",),
        OA,
        "id: fictional-org-a\n",
        "",
        (
            "catalogue/organizations/fictional-org-a.yaml:1:1: error: (top level): 缺少必填字段 'id' · missing required field 'id'",
        ),
    ),
    Case(
        ("organization.schema.json# required name",),
        OA,
        "name:\n  zh: 虚构评价组织甲\n  en: Fictional Evaluation Organization A\n",
        "",
        (
            "catalogue/organizations/fictional-org-a.yaml:1:1: error: (top level): 缺少必填字段 'name' · missing required field 'name'",
        ),
    ),
    Case(
        ("organization.schema.json# required sources",),
        OA,
        "sources: [fictional-notice-2020]\n",
        "",
        (
            "catalogue/organizations/fictional-org-a.yaml:1:1: error: (top level): 缺少必填字段 'sources' · missing required field 'sources'",
        ),
    ),
    Case(
        ("organization.schema.json# additionalProperties",),
        OA,
        "maintainers:",
        "colour: red\nmaintainers:",
        (
            "catalogue/organizations/fictional-org-a.yaml:6:1: error: colour: 没有 'colour' 这个字段 · unknown field 'colour'",
        ),
    ),
    Case(
        ("organization.schema.json#/properties/maintainers type",),
        OA,
        "maintainers: [fictional-maintainer]",
        "maintainers: fictional-maintainer",
        (
            "catalogue/organizations/fictional-org-a.yaml:6:14: error: maintainers: 应为列表，却是文字 'fictional-maintainer' · expected a list, got the text 'fictional-maintainer'",
        ),
    ),
    Case(
        ("organization.schema.json#/properties/maintainers uniqueItems",),
        OA,
        "maintainers: [fictional-maintainer]",
        "maintainers: [fictional-maintainer, fictional-maintainer]",
        (
            "catalogue/organizations/fictional-org-a.yaml:6:14: error: maintainers: 列表中有重复的项：每项只写一次 · the list repeats an item: keep each item once",
        ),
    ),
    Case(
        ("source.schema.json# required id",),
        NOTICE,
        "id: fictional-notice-2020\n",
        "",
        (
            "catalogue/sources/fictional-notice-2020.yaml:1:1: error: (top level): 缺少必填字段 'id' · missing required field 'id'",
        ),
    ),
    Case(
        ("source.schema.json# required title",),
        NOTICE,
        "title: 虚构通知（测试用）Fictional notice for tests\n",
        "",
        (
            "catalogue/sources/fictional-notice-2020.yaml:1:1: error: (top level): 缺少必填字段 'title' · missing required field 'title'",
        ),
    ),
    Case(
        (
            "source.schema.json# required kind",
            "source.schema.json#/allOf/0/if required kind",
        ),
        NOTICE,
        "kind: official\n",
        "",
        (
            "catalogue/sources/fictional-notice-2020.yaml:1:1: error: (top level): 缺少必填字段 'kind' · missing required field 'kind'",
        ),
    ),
    Case(
        ("source.schema.json# additionalProperties",),
        NOTICE,
        "kind: official\n",
        "kind: official\ncolour: red\n",
        (
            "catalogue/sources/fictional-notice-2020.yaml:4:1: error: colour: 没有 'colour' 这个字段 · unknown field 'colour'",
        ),
    ),
    Case(
        ("source.schema.json#/properties/title maxLength",),
        NOTICE,
        "title: 虚构通知（测试用）Fictional notice for tests",
        f"title: {TITLE_501}",
        (
            "catalogue/sources/fictional-notice-2020.yaml:2:8: error: title: 文字有 501 个字符，超过上限 500：请缩短 · the text has 501 characters, more than the 500 allowed: shorten it",
        ),
    ),
    Case(
        ("source.schema.json#/properties/kind enum",),
        NOTICE,
        "kind: official",
        "kind: oficial",
        (
            "catalogue/sources/fictional-notice-2020.yaml:3:7: error: kind: 'oficial' 不是可选的值（official、secondary、paper）：是不是 'official'？ · 'oficial' is not one of: official, secondary, paper; did you mean 'official'?",
        ),
    ),
    Case(
        ("source.schema.json#/properties/document_number type",),
        NOTICE,
        "document_number: 虚构〔2020〕1号",
        "document_number: 1",
        (
            "catalogue/sources/fictional-notice-2020.yaml:4:18: error: document_number: 应为文字，却是数字 1 · expected text, got the number 1",
        ),
    ),
    Case(
        ("source.schema.json#/properties/document_number minLength",),
        NOTICE,
        "document_number: 虚构〔2020〕1号",
        "document_number: ''",
        (
            "catalogue/sources/fictional-notice-2020.yaml:4:18: error: document_number: 文字不能是空的 · '' should be non-empty",
        ),
    ),
    Case(
        ("source.schema.json#/properties/document_number maxLength",),
        NOTICE,
        "document_number: 虚构〔2020〕1号",
        f"document_number: {NUMBER_101}",
        (
            "catalogue/sources/fictional-notice-2020.yaml:4:18: error: document_number: 文字有 101 个字符，超过上限 100：请缩短 · the text has 101 characters, more than the 100 allowed: shorten it",
        ),
    ),
    Case(
        ("source.schema.json#/properties/authors type",),
        PAPER,
        "authors: [Fictional Author]",
        "authors: Fictional Author",
        (
            "catalogue/sources/fictional-paper.yaml:4:10: error: authors: 应为列表，却是文字 'Fictional Author' · expected a list, got the text 'Fictional Author'",
        ),
    ),
    Case(
        ("source.schema.json#/properties/authors minItems",),
        PAPER,
        "authors: [Fictional Author]",
        "authors: []",
        ("catalogue/sources/fictional-paper.yaml:4:10: error: authors: 列表不能是空的 · [] should be non-empty",),
    ),
    Case(
        ("source.schema.json#/properties/authors/items type",),
        PAPER,
        "authors: [Fictional Author]",
        "authors: [5]",
        (
            "catalogue/sources/fictional-paper.yaml:4:11: error: authors[0]: 应为文字，却是数字 5 · expected text, got the number 5",
        ),
    ),
    Case(
        ("source.schema.json#/properties/authors/items minLength",),
        PAPER,
        "authors: [Fictional Author]",
        "authors: ['']",
        ("catalogue/sources/fictional-paper.yaml:4:11: error: authors[0]: 文字不能是空的 · '' should be non-empty",),
    ),
    Case(
        ("source.schema.json#/properties/authors/items maxLength",),
        PAPER,
        "authors: [Fictional Author]",
        f"authors: [{AUTHOR_201}]",
        (
            "catalogue/sources/fictional-paper.yaml:4:11: error: authors[0]: 文字有 201 个字符，超过上限 200：请缩短 · the text has 201 characters, more than the 200 allowed: shorten it",
        ),
    ),
    Case(
        ("source.schema.json#/properties/publisher type",),
        NOTICE,
        "kind: official\n",
        "kind: official\npublisher: 5\n",
        (
            "catalogue/sources/fictional-notice-2020.yaml:4:12: error: publisher: 应为文字，却是数字 5 · expected text, got the number 5",
        ),
    ),
    Case(
        ("source.schema.json#/properties/publisher minLength",),
        NOTICE,
        "kind: official\n",
        "kind: official\npublisher: ''\n",
        (
            "catalogue/sources/fictional-notice-2020.yaml:4:12: error: publisher: 文字不能是空的 · '' should be non-empty",
        ),
    ),
    Case(
        ("source.schema.json#/properties/publisher maxLength",),
        NOTICE,
        "kind: official\n",
        f"kind: official\npublisher: {AUTHOR_201}\n",
        (
            "catalogue/sources/fictional-notice-2020.yaml:4:12: error: publisher: 文字有 201 个字符，超过上限 200：请缩短 · the text has 201 characters, more than the 200 allowed: shorten it",
        ),
    ),
    Case(
        ("source.schema.json#/properties/note type",),
        NOTICE,
        "kind: official\n",
        "kind: official\nnote: 5\n",
        (
            "catalogue/sources/fictional-notice-2020.yaml:4:7: error: note: 应为文字，却是数字 5 · expected text, got the number 5",
        ),
    ),
    Case(
        ("source.schema.json#/properties/note minLength",),
        NOTICE,
        "kind: official\n",
        "kind: official\nnote: ''\n",
        ("catalogue/sources/fictional-notice-2020.yaml:4:7: error: note: 文字不能是空的 · '' should be non-empty",),
    ),
    Case(
        ("source.schema.json#/properties/note maxLength",),
        NOTICE,
        "kind: official\n",
        f"kind: official\nnote: {NOTE_2001}\n",
        (
            "catalogue/sources/fictional-notice-2020.yaml:4:7: error: note: 文字有 2001 个字符，超过上限 2000：请缩短 · the text has 2001 characters, more than the 2000 allowed: shorten it",
        ),
    ),
    Case(
        ("source.schema.json#/properties/carried_by type",),
        NOTICE_2,
        "carried_by:\n"
        + CARRIER_TITLE
        + "  url: https://fictional.invalid/school/news-1\n  retrieved: 2021-07-02\n  note: 虚构转载，测试用。\n",
        "carried_by: 虚构学校\n",
        (
            "catalogue/sources/fictional-notice-2021.yaml:6:13: error: carried_by: 应为映射（字段名: 值），却是文字 '虚构学校' · expected a mapping (name: value), got the text '虚构学校'",
        ),
    ),
    Case(
        ("source.schema.json#/properties/carried_by required title",),
        NOTICE_2,
        CARRIER_TITLE,
        "",
        (
            "catalogue/sources/fictional-notice-2021.yaml:7:3: error: carried_by: 缺少必填字段 'title' · missing required field 'title'",
        ),
    ),
    Case(
        ("source.schema.json#/properties/carried_by additionalProperties",),
        NOTICE_2,
        CARRIER_NOTE,
        CARRIER_NOTE + "  colour: red\n",
        (
            "catalogue/sources/fictional-notice-2021.yaml:11:3: error: carried_by.colour: 没有 'colour' 这个字段 · unknown field 'colour'",
        ),
    ),
    Case(
        ("source.schema.json#/properties/carried_by/properties/title maxLength",),
        NOTICE_2,
        CARRIER_TITLE,
        "  title: " + "题" * 501 + "\n",
        (
            "catalogue/sources/fictional-notice-2021.yaml:7:10: error: carried_by.title: 文字有 501 个字符，超过上限 500：请缩短 · the text has 501 characters, more than the 500 allowed: shorten it",
        ),
    ),
    Case(
        ("source.schema.json#/properties/carried_by/properties/note type",),
        NOTICE_2,
        CARRIER_NOTE,
        "  note: 5\n",
        (
            "catalogue/sources/fictional-notice-2021.yaml:10:9: error: carried_by.note: 应为文字，却是数字 5 · expected text, got the number 5",
        ),
    ),
    Case(
        ("source.schema.json#/properties/carried_by/properties/note minLength",),
        NOTICE_2,
        CARRIER_NOTE,
        "  note: ''\n",
        (
            "catalogue/sources/fictional-notice-2021.yaml:10:9: error: carried_by.note: 文字不能是空的 · '' should be non-empty",
        ),
    ),
    Case(
        ("source.schema.json#/properties/carried_by/properties/note maxLength",),
        NOTICE_2,
        CARRIER_NOTE,
        f"  note: {NOTE_2001}\n",
        (
            "catalogue/sources/fictional-notice-2021.yaml:10:9: error: carried_by.note: 文字有 2001 个字符，超过上限 2000：请缩短 · the text has 2001 characters, more than the 2000 allowed: shorten it",
        ),
    ),
    Case(
        (CERT + "/properties/occupations type",),
        GAMMA,
        OCCUPATIONS,
        "occupations: 9-99-99-99\n",
        (
            "catalogue/certificates/fictional-gamma.yaml:25:14: error: occupations: 应为列表，却是文字 '9-99-99-99' · expected a list, got the text '9-99-99-99'",
        ),
    ),
    Case(
        (CERT + "/properties/occupations minItems",),
        GAMMA,
        OCCUPATIONS,
        "occupations: []\n",
        (
            "catalogue/certificates/fictional-gamma.yaml:25:14: error: occupations: 列表不能是空的 · [] should be non-empty",
        ),
    ),
    Case(
        (CERT + "/properties/occupations/items type",),
        GAMMA,
        OCCUPATIONS,
        "occupations: [9]\n",
        (
            "catalogue/certificates/fictional-gamma.yaml:25:15: error: occupations[0]: 应为映射（字段名: 值），却是数字 9 · expected a mapping (name: value), got the number 9",
        ),
    ),
    Case(
        (CERT + "/properties/occupations/items additionalProperties",),
        GAMMA,
        "      zh: 虚构工种\n",
        "      zh: 虚构工种\n    colour: red\n",
        (
            "catalogue/certificates/fictional-gamma.yaml:32:5: error: occupations[0].colour: 没有 'colour' 这个字段 · unknown field 'colour'",
        ),
    ),
    Case(
        (CERT + "/properties/occupations/items required code",),
        GAMMA,
        OCCUPATION_CODE,
        "  - \n",
        (
            "catalogue/certificates/fictional-gamma.yaml:27:5: error: occupations[0]: 缺少必填字段 'code' · missing required field 'code'",
        ),
    ),
    Case(
        (CERT + "/properties/occupations/items required name",),
        GAMMA,
        "    name:\n      zh: 虚构职业\n      en: Fictional occupation\n",
        "",
        (
            "catalogue/certificates/fictional-gamma.yaml:26:5: error: occupations[0]: 缺少必填字段 'name' · missing required field 'name'",
        ),
    ),
    Case(
        (CERT + "/properties/occupations/items required sources",),
        GAMMA,
        "    sources: [fictional-report]\nsources: [fictional-report]\n",
        "sources: [fictional-report]\n",
        (
            "catalogue/certificates/fictional-gamma.yaml:26:5: error: occupations[0]: 缺少必填字段 'sources' · missing required field 'sources'",
        ),
    ),
    Case(
        (CERT + "/properties/occupations/items/properties/code pattern",),
        GAMMA,
        OCCUPATION_CODE,
        "  - code: 4-4-5-5\n",
        (
            "catalogue/certificates/fictional-gamma.yaml:26:11: error: occupations[0].code: '4-4-5-5' 的写法不对，应写成 4-04-05-05 这样 · '4-4-5-5' is not an occupation code such as 4-04-05-05 (digit-two digits-two digits-two digits)",
        ),
    ),
    Case(
        (CERT + "/properties/occupations/items/properties/code type",),
        GAMMA,
        OCCUPATION_CODE,
        "  - code: 40405\n",
        (
            "catalogue/certificates/fictional-gamma.yaml:26:11: error: occupations[0].code: 应为文字，却是数字 40405 · expected text, got the number 40405",
        ),
    ),
    Case(
        (
            "source.schema.json#/allOf/0/then required authors",
            "source.schema.json#/allOf/0/if/properties/kind const",
        ),
        PAPER,
        "authors: [Fictional Author]\n",
        "",
        (
            "catalogue/sources/fictional-paper.yaml:1:1: error: (top level): 缺少必填字段 'authors' · missing required field 'authors'",
        ),
    ),
    Case(
        ("programme-event.schema.json# required id",),
        HANDOVER,
        "id: fictional-handover\n",
        "",
        (
            "catalogue/programme-events/fictional-handover.yaml:1:1: error: (top level): 缺少必填字段 'id' · missing required field 'id'",
        ),
    ),
    Case(
        ("programme-event.schema.json# required name",),
        HANDOVER,
        "name:\n  zh: 虚构移交（测试用）\n  en: Fictional handover (for tests)\n",
        "",
        (
            "catalogue/programme-events/fictional-handover.yaml:1:1: error: (top level): 缺少必填字段 'name' · missing required field 'name'",
        ),
    ),
    Case(
        ("programme-event.schema.json# required type",),
        HANDOVER,
        "type: transferred\n",
        "",
        (
            "catalogue/programme-events/fictional-handover.yaml:1:1: error: (top level): 缺少必填字段 'type' · missing required field 'type'",
        ),
    ),
    Case(
        ("programme-event.schema.json# required date",),
        HANDOVER,
        "date: 2023\n",
        "",
        (
            "catalogue/programme-events/fictional-handover.yaml:1:1: error: (top level): 缺少必填字段 'date' · missing required field 'date'",
        ),
    ),
    Case(
        ("programme-event.schema.json# required applies_to",),
        HANDOVER,
        APPLIES,
        "",
        (
            "catalogue/programme-events/fictional-handover.yaml:1:1: error: (top level): 缺少必填字段 'applies_to' · missing required field 'applies_to'",
        ),
    ),
    Case(
        ("programme-event.schema.json# required details",),
        HANDOVER,
        "details:\n  zh: 虚构证书移交虚构部门；日期只知年份。\n  en: The fictional certificates move to a fictional authority; only the year is known.\n",
        "",
        (
            "catalogue/programme-events/fictional-handover.yaml:1:1: error: (top level): 缺少必填字段 'details' · missing required field 'details'",
        ),
    ),
    Case(
        ("programme-event.schema.json# required sources",),
        HANDOVER,
        "sources: [fictional-report]",
        "",
        (
            "catalogue/programme-events/fictional-handover.yaml:1:1: error: (top level): 缺少必填字段 'sources' · missing required field 'sources'",
        ),
    ),
    Case(
        ("programme-event.schema.json# additionalProperties",),
        HANDOVER,
        "type: transferred\n",
        "type: transferred\ncolour: red\n",
        (
            "catalogue/programme-events/fictional-handover.yaml:6:1: error: colour: 没有 'colour' 这个字段 · unknown field 'colour'",
        ),
    ),
    Case(
        ("programme-event.schema.json#/properties/type enum",),
        HANDOVER,
        "type: transferred",
        "type: transfered",
        (
            "catalogue/programme-events/fictional-handover.yaml:5:7: error: type: 'transfered' 不是可选的值（transferred）：是不是 'transferred'？ · 'transfered' is not one of: transferred; did you mean 'transferred'?",
        ),
    ),
    Case(
        ("programme-event.schema.json#/properties/applies_to type",),
        HANDOVER,
        APPLIES,
        "applies_to: 3\n",
        (
            "catalogue/programme-events/fictional-handover.yaml:8:13: error: applies_to: 应为文字或列表，却是数字 3 · expected text or a list, got the number 3",
        ),
    ),
    Case(
        ("programme-event.schema.json#/properties/applies_to pattern",),
        HANDOVER,
        APPLIES,
        "applies_to: everything\n",
        (
            "catalogue/programme-events/fictional-handover.yaml:8:13: error: applies_to: 'everything' 的写法不对，应写成 all 这样 · 'everything' is not all, or a list of certificate ids",
        ),
    ),
    Case(
        ("programme-event.schema.json#/properties/applies_to minItems",),
        HANDOVER,
        APPLIES,
        "applies_to: []\n",
        (
            "catalogue/programme-events/fictional-handover.yaml:8:13: error: applies_to: 列表不能是空的 · [] should be non-empty",
        ),
    ),
    Case(
        ("programme-event.schema.json#/properties/applies_to uniqueItems",),
        HANDOVER,
        APPLIES,
        "applies_to: [fictional-eta, fictional-eta]\n",
        (
            "catalogue/programme-events/fictional-handover.yaml:8:13: error: applies_to: 列表中有重复的项：每项只写一次 · the list repeats an item: keep each item once",
        ),
    ),
    Case(
        ("programme-event.schema.json#/properties/totals type",),
        HANDOVER,
        TOTALS,
        "totals: 12\n",
        (
            "catalogue/programme-events/fictional-handover.yaml:13:9: error: totals: 应为映射（字段名: 值），却是数字 12 · expected a mapping (name: value), got the number 12",
        ),
    ),
    Case(
        ("programme-event.schema.json#/properties/totals additionalProperties",),
        HANDOVER,
        TOTALS,
        "totals: {certificates: 12, organizations: 5, colour: red}\n",
        (
            "catalogue/programme-events/fictional-handover.yaml:13:46: error: totals.colour: 没有 'colour' 这个字段 · unknown field 'colour'",
        ),
    ),
    Case(
        ("programme-event.schema.json#/properties/totals/properties/certificates type",),
        HANDOVER,
        TOTALS,
        "totals: {certificates: twelve, organizations: 5}\n",
        (
            "catalogue/programme-events/fictional-handover.yaml:13:24: error: totals.certificates: 应为整数，却是文字 'twelve' · expected a whole number, got the text 'twelve'",
        ),
    ),
    Case(
        ("programme-event.schema.json#/properties/totals/properties/certificates minimum",),
        HANDOVER,
        TOTALS,
        "totals: {certificates: 0, organizations: 5}\n",
        (
            "catalogue/programme-events/fictional-handover.yaml:13:24: error: totals.certificates: 0 小于最小值 1 · 0 is less than the minimum of 1",
        ),
    ),
    Case(
        ("programme-event.schema.json#/properties/totals/properties/organizations type",),
        HANDOVER,
        TOTALS,
        "totals: {certificates: 12, organizations: 5.5}\n",
        (
            "catalogue/programme-events/fictional-handover.yaml:13:43: error: totals.organizations: 应为整数，却是数字 5.5 · expected a whole number, got the number 5.5",
        ),
    ),
    Case(
        ("programme-event.schema.json#/properties/totals/properties/organizations minimum",),
        HANDOVER,
        TOTALS,
        "totals: {certificates: 12, organizations: 0}\n",
        (
            "catalogue/programme-events/fictional-handover.yaml:13:43: error: totals.organizations: 0 小于最小值 1 · 0 is less than the minimum of 1",
        ),
    ),
    Case(
        ("synonyms.schema.json# required editorial",),
        SYN,
        "editorial: true\n",
        "",
        (
            "catalogue/synonyms.yaml:2:1: error: (top level): 缺少必填字段 'editorial' · missing required field 'editorial'",
        ),
    ),
    Case(
        ("synonyms.schema.json# required synonyms",),
        SYN,
        SYN_LIST,
        "",
        (
            "catalogue/synonyms.yaml:2:1: error: (top level): 缺少必填字段 'synonyms' · missing required field 'synonyms'",
        ),
    ),
    Case(
        ("synonyms.schema.json# additionalProperties",),
        SYN,
        "editorial: true\n",
        "editorial: true\ncolour: red\n",
        ("catalogue/synonyms.yaml:3:1: error: colour: 没有 'colour' 这个字段 · unknown field 'colour'",),
    ),
    Case(
        ("synonyms.schema.json#/properties/editorial const",),
        SYN,
        "editorial: true",
        "editorial: false",
        ("catalogue/synonyms.yaml:2:12: error: editorial: 应为 true · True was expected",),
    ),
    Case(
        ("synonyms.schema.json#/properties/synonyms type",),
        SYN,
        SYN_LIST,
        "synonyms: 假想\n",
        (
            "catalogue/synonyms.yaml:3:11: error: synonyms: 应为列表，却是文字 '假想' · expected a list, got the text '假想'",
        ),
    ),
    Case(
        ("synonyms.schema.json#/properties/synonyms minItems",),
        SYN,
        SYN_LIST,
        "synonyms: []\n",
        ("catalogue/synonyms.yaml:3:11: error: synonyms: 列表不能是空的 · [] should be non-empty",),
    ),
    Case(
        ("synonyms.schema.json#/properties/synonyms/items type",),
        SYN,
        "synonyms:\n",
        "synonyms:\n  - 假想\n",
        (
            "catalogue/synonyms.yaml:4:5: error: synonyms[0]: 应为映射（字段名: 值），却是文字 '假想' · expected a mapping (name: value), got the text '假想'",
        ),
    ),
    Case(
        ("synonyms.schema.json#/properties/synonyms/items required query",),
        SYN,
        "  - query: 假想\n    finds: [虚构]\n",
        "  - finds: [虚构]\n",
        ("catalogue/synonyms.yaml:4:5: error: synonyms[0]: 缺少必填字段 'query' · missing required field 'query'",),
    ),
    Case(
        ("synonyms.schema.json#/properties/synonyms/items required finds",),
        SYN,
        "  - query: 假想\n    finds: [虚构]\n",
        "  - query: 假想\n",
        ("catalogue/synonyms.yaml:4:5: error: synonyms[0]: 缺少必填字段 'finds' · missing required field 'finds'",),
    ),
    Case(
        ("synonyms.schema.json#/properties/synonyms/items additionalProperties",),
        SYN,
        "    finds: [虚构]\n",
        "    finds: [虚构]\n    colour: red\n",
        ("catalogue/synonyms.yaml:6:5: error: synonyms[0].colour: 没有 'colour' 这个字段 · unknown field 'colour'",),
    ),
    Case(
        ("synonyms.schema.json#/properties/synonyms/items/properties/query type",),
        SYN,
        "query: 假想",
        "query: [假想]",
        ("catalogue/synonyms.yaml:4:12: error: synonyms[0].query: 应为文字，却是列表 · expected text, got a list",),
    ),
    Case(
        ("synonyms.schema.json#/properties/synonyms/items/properties/query maxLength",),
        SYN,
        "query: 假想",
        "query: 字字字字字字字字字字字字字字字字字字字字字",
        (
            "catalogue/synonyms.yaml:4:12: error: synonyms[0].query: 文字有 21 个字符，超过上限 20：请缩短 · the text has 21 characters, more than the 20 allowed: shorten it",
        ),
    ),
    Case(
        ("synonyms.schema.json#/properties/synonyms/items/properties/query pattern",),
        SYN,
        "query: 假想",
        'query: "假 想"',
        (
            "catalogue/synonyms.yaml:4:12: error: synonyms[0].query: '假 想' 的写法不对，应写成 电商 这样 · '假 想' is not one word without spaces, such as 电商",
        ),
    ),
    Case(
        ("synonyms.schema.json#/properties/synonyms/items/properties/finds type",),
        SYN,
        "finds: [虚构]",
        "finds: 虚构",
        (
            "catalogue/synonyms.yaml:5:12: error: synonyms[0].finds: 应为列表，却是文字 '虚构' · expected a list, got the text '虚构'",
        ),
    ),
    Case(
        ("synonyms.schema.json#/properties/synonyms/items/properties/finds minItems",),
        SYN,
        "finds: [虚构]",
        "finds: []",
        ("catalogue/synonyms.yaml:5:12: error: synonyms[0].finds: 列表不能是空的 · [] should be non-empty",),
    ),
    Case(
        ("synonyms.schema.json#/properties/synonyms/items/properties/finds uniqueItems",),
        SYN,
        "finds: [虚构]",
        "finds: [虚构, 虚构]",
        (
            "catalogue/synonyms.yaml:5:12: error: synonyms[0].finds: 列表中有重复的项：每项只写一次 · the list repeats an item: keep each item once",
        ),
    ),
    Case(
        ("synonyms.schema.json#/properties/synonyms/items/properties/finds/items type",),
        SYN,
        "finds: [虚构]",
        "finds: [[虚构]]",
        ("catalogue/synonyms.yaml:5:13: error: synonyms[0].finds[0]: 应为文字，却是列表 · expected text, got a list",),
    ),
    Case(
        ("synonyms.schema.json#/properties/synonyms/items/properties/finds/items maxLength",),
        SYN,
        "finds: [虚构]",
        "finds: [字字字字字字字字字字字字字字字字字字字字字]",
        (
            "catalogue/synonyms.yaml:5:13: error: synonyms[0].finds[0]: 文字有 21 个字符，超过上限 20：请缩短 · the text has 21 characters, more than the 20 allowed: shorten it",
        ),
    ),
    Case(
        ("synonyms.schema.json#/properties/synonyms/items/properties/finds/items pattern",),
        SYN,
        "finds: [虚构]",
        'finds: ["虚 构"]',
        (
            "catalogue/synonyms.yaml:5:13: error: synonyms[0].finds[0]: '虚 构' 的写法不对 · '虚 构' is not one word without spaces, such as 电子商务",
        ),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.keys[0])
def test_breaking_a_constraint_reports_its_line(tmp_path, case):
    catalogue = copy_fictional(tmp_path)
    assert problems_after(catalogue, case.relative, case.old, case.new) == list(case.expected)


def test_every_schema_constraint_has_a_case():
    in_schemas = schema_constraints()
    covered = {constraint for case in CASES for constraint in case.keys}
    assert sorted(in_schemas - covered - set(UNREACHABLE)) == [], "constraints without a case in CASES"
    assert sorted((covered | set(UNREACHABLE)) - in_schemas) == [], "cases for constraints no schema has"
    assert sorted(covered & set(UNREACHABLE)) == []


def without(schema_dir: Path, constraint: str) -> Path:
    """A copy of the schemas with one constraint removed (a false schema becomes true)."""
    file, _, rest = constraint.partition("#")
    pointer, keyword, *name = rest.split(" ")
    target = schema_dir / "mutated"
    target.mkdir()
    for path in SCHEMAS.glob("*.schema.json"):
        document = json.loads(path.read_text(encoding="utf-8"))
        if path.name == file:
            node = document
            parts = [part for part in pointer.split("/") if part]
            for part in parts[:-1] if keyword == "false" else parts:
                node = node[int(part)] if isinstance(node, list) else node[part]
            if keyword == "false":
                node[parts[-1]] = True
            elif keyword == "required":
                node["required"] = [field for field in node["required"] if field != name[0]]
            else:
                del node[keyword]
        (target / path.name).write_text(json.dumps(document), encoding="utf-8")
    return target


@functools.cache
def schema_set(schema_dir: Path) -> SchemaSet:
    return SchemaSet(schema_dir)


def reported(catalogue: Path, schema_dir: Path) -> list[str]:
    """What the check reports; a crash counts as a different report (the rules that run after
    the schemas rely on what the schemas guarantee, so many a removed constraint crashes them)."""
    try:
        checked = check_catalogue(catalogue, schema_set(schema_dir), today=TODAY, base=catalogue.parent)
    except Exception as error:
        return [f"crashed: {error!r}"]
    return [problem.as_text() for problem in checked.problems]


@pytest.mark.table_guard
@pytest.mark.parametrize("constraint", sorted({c for case in CASES for c in case.keys}))
def test_without_the_constraint_its_case_reports_something_else(tmp_path, constraint):
    """No case claims a constraint it does not exercise: remove the constraint and its case changes."""
    case = next(case for case in CASES if constraint in case.keys)
    catalogue = copy_fictional(tmp_path)
    edit(catalogue, case.relative, case.old, case.new)
    assert reported(catalogue, SCHEMAS) == list(case.expected)
    assert reported(catalogue, without(tmp_path, constraint)) != list(case.expected)
