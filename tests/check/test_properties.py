"""Property: every catalogue that `check` accepts builds its pages and open data without a traceback.

Documents are generated from the project's own schemas (hypothesis-jsonschema), their
references are pointed at documents that exist, and some values are swapped for ones that
JSON Schema's own semantics let through (NaN passes `minimum`, 320.0 is an "integer",
escaped control characters are "strings"). Each catalogue is written as YAML, checked by
the real checker, and, when accepted, generated into a temporary folder.

Profiles: CI=true runs 40 examples (about a minute; drawing the documents is most of it),
derandomized so a failure reproduces;
locally fewer, with hypothesis's example database keeping any failure it found.
"""

from __future__ import annotations

import copy
import datetime
import math
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import jinja2
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from jsonschema import Draft202012Validator
from ruamel.yaml import YAML

from tests.helpers import MODULE, build_site, generate_files
from xcat.check.catalogue import check_catalogue
from xcat.check.load import _NOT_TEXT as NOT_TEXT
from xcat.check.schemas import SchemaSet, _inline_references
from xcat.render import fieldref, pages
from xcat.settings import ROOT
from xcat.vocabulary import FOLDER_KINDS, LEVEL_ORDER, SCHEMA_FILES, SINGLE_FILE_KINDS

TODAY = "2026-11-22"
SCHEMAS = SchemaSet(ROOT / "schema")

_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("xcat-ci", max_examples=40, derandomize=True, database=None, **_COMMON)
settings.register_profile("xcat-dev", max_examples=40, **_COMMON)
PROFILE = settings.get_profile("xcat-ci" if os.environ.get("CI") else "xcat-dev")


SLUG = SCHEMAS.documents["common.schema.json"]["$defs"]["slug"]
SLUGS = st.from_regex(SLUG["pattern"], fullmatch=True).filter(lambda s: len(s) <= SLUG["maxLength"])
PLACEHOLDER = "placeholder"


def _schema(kind: str) -> dict:
    """The kind's schema with every $ref inlined (hypothesis-jsonschema resolves none across
    files), and every id a placeholder: catalogues() sets ids and references so they resolve,
    and drawing each slug from its pattern was most of the generation time."""
    by_id = {document["$id"]: document for document in SCHEMAS.documents.values()}

    def placeholders(node):
        if isinstance(node, list):
            return [placeholders(item) for item in node]
        if not isinstance(node, dict):
            return node
        if node.get("pattern") == SLUG["pattern"]:
            return {"const": PLACEHOLDER}
        return {key: placeholders(value) for key, value in node.items()}

    return placeholders(_inline_references(SCHEMAS.documents[SCHEMA_FILES[kind]], by_id))


def _by_kind(conditional: dict, field: str) -> st.SearchStrategy:
    """One schema per value of field, with the if/then/else conditions on it applied: the
    same documents, drawn about twenty times faster than through the conditional schema."""
    strategies = []
    for kind in conditional["properties"][field]["enum"]:
        schema = copy.deepcopy(conditional)
        schema["properties"][field] = {"const": kind}
        for condition in schema.pop("allOf"):
            branch = condition.get(
                "then" if Draft202012Validator(condition["if"]).is_valid({field: kind}) else "else", {}
            )
            schema["required"] = sorted(set(schema["required"]) | set(branch.get("required", [])))
            for name, rule in branch.get("properties", {}).items():
                if rule is False:
                    schema["properties"].pop(name, None)
                else:
                    schema["properties"][name] = rule
        strategies.append(from_schema(schema))
    return st.one_of(strategies)


def _certificates() -> st.SearchStrategy:
    schema = _schema("certificate")
    del schema["properties"]["history"]
    events = _by_kind(_schema("certificate")["properties"]["history"]["items"], "type")
    return st.tuples(from_schema(schema), st.lists(events, max_size=2)).map(
        lambda drawn: {**drawn[0], "history": drawn[1]} if drawn[1] else drawn[0]
    )


DOCUMENTS = {kind: from_schema(_schema(kind)) for kind in SCHEMA_FILES if kind not in ("certificate", "source")}
DOCUMENTS["certificate"] = _certificates()
DOCUMENTS["source"] = _by_kind(_schema("source"), "kind")

# Where edge values go: amounts and free text (ids, dates and vocabularies have their own tests).
AMOUNTS = {"fee", "count", "certificates", "organizations", "applications", "applicant_units"}
FREE_TEXT = {"zh", "en", "title", "note", "publisher", "document_number", "authors"}
# Values JSON Schema accepts where a number or a text is expected, and a page may not survive.
EDGE_NUMBERS = [math.nan, math.inf, -math.inf, -0.0, 0.0, 320.0, 1e-300, 99999.99]
EDGE_TEXTS = [
    "BIM\x01",
    "\x7f",
    "a\x85b",
    "\u200b",
    "   ",
    "\u3000",
    "a\nb",
    "a\r\nb",
    "\t",
    "\ufeff名",
    "<b>&amp;</b>",
    "[x](y)",
    "{{ x }}",
    "{% raw %}",
    "---",
    "# h",
    "1. x",
    "- x",
    "|",
    "\\",
    "é\u0301",
    "\U0001f600",
    "\ufffd",
    "\U000e0041",
    "]]>",
    "\u2028",
    "x" * 200,
]
REAL_DATES = st.one_of(
    st.integers(1990, 2026),
    st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date.fromisoformat(TODAY)).flatmap(
        lambda d: st.sampled_from([d.isoformat(), d.isoformat()[:7], d.isoformat()[:4]])
    ),
)


@st.composite
def catalogues(draw) -> dict[str, dict]:
    """{relative path: document} for a whole catalogue whose references resolve."""

    def unique(kind: str, low: int, high: int) -> list[dict]:
        documents = draw(st.lists(DOCUMENTS[kind], min_size=low, max_size=high))
        for document, id_ in zip(
            documents, draw(st.lists(SLUGS, min_size=len(documents), max_size=len(documents), unique=True))
        ):
            document["id"] = id_
        return documents

    sources = unique("source", 1, 2)
    organizations = unique("organization", 1, 2)
    batches = draw(st.lists(DOCUMENTS["batch"], max_size=2, unique_by=lambda d: d["number"]))
    for batch in batches:
        batch["id"] = f"batch-{batch['number']}"
    certificates = unique("certificate", 1, 2)
    vocabularies = {kind: draw(DOCUMENTS[kind]) for kind in ("fields", "majors")}
    for kind, document in vocabularies.items():
        entries = document[kind]
        for entry, id_ in zip(
            entries, draw(st.lists(SLUGS, min_size=len(entries), max_size=len(entries), unique=True))
        ):
            entry["id"] = id_
    synonyms = draw(DOCUMENTS["synonyms"])  # each query once (a repeated query breaks a rule)
    synonyms["synonyms"] = list({entry["query"]: entry for entry in synonyms["synonyms"]}.values())
    vocabularies["synonyms"] = synonyms

    ids = {
        "source": [d["id"] for d in sources],
        "organization": [d["id"] for d in organizations],
        "batch": [d["id"] for d in batches],
        "certificate": [d["id"] for d in certificates],
        "field": [e["id"] for e in vocabularies["fields"]["fields"]],
        "major": [e["id"] for e in vocabularies["majors"]["majors"]],
    }

    def some(kind: str) -> list[str]:
        return draw(st.lists(st.sampled_from(ids[kind]), min_size=1, max_size=2, unique=True))

    def one(kind: str) -> str:
        return draw(st.sampled_from(ids[kind]))

    def point_sources_at_real_ones(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "sources" and isinstance(value, list):
                    node[key] = some("source")
                else:
                    point_sources_at_real_ones(value)
        elif isinstance(node, list):
            for item in node:
                point_sources_at_real_ones(item)

    for document in [*organizations, *batches, *certificates, *vocabularies.values()]:
        point_sources_at_real_ones(document)
    for batch in batches:
        if "date" in batch:
            batch["date"] = draw(REAL_DATES)
    for source in sources:
        if "published" in source:
            source["published"] = draw(REAL_DATES)
    for certificate in certificates:
        certificate["organization"] = one("organization")
        # A life the rules accept: introduced by a batch, or by a first introduced event.
        history = [e for e in certificate.pop("history", []) if e["type"] != "introduced"]
        certificate.pop("batch", None)
        if ids["batch"] and draw(st.booleans()):
            certificate["batch"] = one("batch")
        else:
            history.insert(0, {"type": "introduced", "date": 2019, "sources": some("source")})
        others = [c for c in ids["certificate"] if c != certificate["id"]]
        history = [e for e in history if others or "successors" not in e]
        if history:
            certificate["history"] = history
        if "fields" in certificate:
            certificate["fields"] = some("field")
        for related in certificate.get("related_majors", []):
            related["major"] = one("major")
        certificate["related_majors"] = (
            list({r["major"]: r for r in certificate.get("related_majors", [])}.values()) or None
        )
        if certificate["related_majors"] is None:
            del certificate["related_majors"]
        # Each level once, in order, as the rules want.
        levels = {level["level"]: level for level in certificate.get("levels", [])}
        if levels:
            certificate["levels"] = [levels[name] for name in LEVEL_ORDER if name in levels]
        # Dates in order, so that the rules accept more of what is generated.
        dated = [*certificate.get("pilot_institutions", []), *certificate.get("history", [])]
        when = sorted(draw(st.lists(REAL_DATES, min_size=len(dated), max_size=len(dated))), key=lambda d: str(d))
        for item, date in zip(dated, when):
            item["as_of" if "count" in item else "date"] = date
        for event_ in certificate.get("history", []):
            if "previous_organization" in event_:
                event_["previous_organization"] = one("organization")
            for successor in event_.get("successors", []):
                successor["certificate"] = draw(st.sampled_from(others))

    files = {f"sources/{d['id']}.yaml": d for d in sources}
    files.update({f"organizations/{d['id']}.yaml": d for d in organizations})
    files.update({f"batches/{d['id']}.yaml": d for d in batches})
    files.update({f"certificates/{d['id']}.yaml": d for d in certificates})
    files.update({name: vocabularies[kind] for name, kind in SINGLE_FILE_KINDS.items()})
    if draw(st.integers(0, 3)) < 3:  # hypothesis leans to 0: most catalogues are stripped
        _strip_refused_characters(files)
    _swap_in_edge_values(draw, files)
    return files


def _strip_refused_characters(node):
    """Generated text is full of control characters, which the loader refuses (and a refused
    file takes every reference to it down too): most catalogues leave them out, so that
    enough of them pass the check to exercise the build."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in list(items):
        if isinstance(value, str):
            node[key] = NOT_TEXT.sub("", value) or "x"
        else:
            _strip_refused_characters(value)


def _leaves(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, path + (key,))
    elif isinstance(node, list):
        for number, value in enumerate(node):
            yield from _leaves(value, path + (number,))
    else:
        yield path, node


def _swap_in_edge_values(draw, files: dict[str, dict]) -> None:
    """Replace a few numbers and texts with values JSON Schema lets through."""
    for fields, edges in ((AMOUNTS, EDGE_NUMBERS), (FREE_TEXT, EDGE_TEXTS)):
        candidates = [
            (name, path)
            for name, document in sorted(files.items())
            for path, value in _leaves(document)
            if path and next((p for p in reversed(path) if isinstance(p, str)), None) in fields
        ]
        for _ in range(draw(st.integers(0, 3)) if candidates else 0):
            name, path = draw(st.sampled_from(candidates))
            parent = files[name]
            for part in path[:-1]:
                parent = parent[part]
            parent[path[-1]] = draw(st.sampled_from(edges))


def write_catalogue(files: dict[str, dict], catalogue: Path) -> None:
    """Write each document as YAML the way a contributor could: any text survives exactly
    (control characters as double-quoted escapes), NaN as .nan, -0.0 as -0.0."""
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 1_000_000
    for folder in FOLDER_KINDS:
        (catalogue / folder).mkdir(parents=True, exist_ok=True)
    for relative, document in files.items():
        with open(catalogue / relative, "w", encoding="utf-8") as out:
            yaml.dump(document, out)


# What generate() does that does not depend on the catalogue is done once, not per example.
_FIELD_REFERENCE: dict[str, bytes] = {}


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self):
        self.stored: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.stored:
            bucket.bytecode_from_string(self.stored[bucket.key])

    def dump_bytecode(self, bucket):
        self.stored[bucket.key] = bucket.bytecode_to_string()


@contextmanager
def generation_shortcuts():
    """Templates compiled once and the field reference (built from the schemas alone) written
    once: the same output as generate() writes, at a fraction of the time per example."""
    cache = _MemoryBytecodeCache()
    real_init = pages.PageWriter.__init__
    real_field_reference = fieldref.write_field_reference

    def init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        self.env.bytecode_cache = cache

    def field_reference(docs_dir: Path, schema_dir: Path) -> None:
        if not _FIELD_REFERENCE:
            with tempfile.TemporaryDirectory() as scratch:
                real_field_reference(Path(scratch), schema_dir)
                _FIELD_REFERENCE.update(
                    {p.relative_to(scratch).as_posix(): p.read_bytes() for p in Path(scratch).rglob("*") if p.is_file()}
                )
        for relative, data in _FIELD_REFERENCE.items():
            (docs_dir / relative).parent.mkdir(parents=True, exist_ok=True)
            (docs_dir / relative).write_bytes(data)

    with (
        mock.patch.dict(os.environ, {"XCAT_JOBS": "1"}),
        mock.patch.object(pages.PageWriter, "__init__", init),
        mock.patch.object(fieldref, "write_field_reference", field_reference),
    ):
        yield


@pytest.fixture(scope=MODULE)
def shortcuts():
    with generation_shortcuts():
        yield


@settings(PROFILE)
@given(files=catalogues())
def test_every_catalogue_that_check_accepts_builds_its_pages_and_open_data(shortcuts, files):
    with tempfile.TemporaryDirectory() as scratch:
        catalogue = Path(scratch) / "catalogue"
        write_catalogue(files, catalogue)
        checked = check_catalogue(catalogue, SCHEMAS, today=TODAY, base=Path(scratch))
        event("accepted by check" if checked.ok else "refused by check")
        if not checked.ok:
            return
        generate_files(checked, Path(scratch) / "docs")


@settings(PROFILE, max_examples=3)
@given(files=catalogues())
def test_an_accepted_catalogue_builds_the_whole_site(files, tmp_path_factory):
    """The same property through MkDocs (build.py build), for a few examples: it costs seconds each."""
    scratch = tmp_path_factory.mktemp("whole-site")
    catalogue = scratch / "catalogue"
    write_catalogue(files, catalogue)
    if not check_catalogue(catalogue, SCHEMAS, today=TODAY, base=scratch).ok:
        return
    result = build_site(scratch / "site", catalogue)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    shutil.rmtree(scratch, ignore_errors=True)
