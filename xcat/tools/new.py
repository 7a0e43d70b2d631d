"""`build.py new certificate|organization ID ...`: a starting file with a comment on every field.

The comments are the schema's descriptions (one source, like the field reference), and
each optional field the contributor did not give is shown as a commented-out example
from the schema. Values are written by ruamel.yaml, so any name is quoted correctly.

With every required fact given on the command line (--source included), the new file
passes `build.py check` as it is. Without --source, it holds `sources: []` and check
names that line; a certificate without --batch starts its history with
an introduced event without a date or sources, and check names those lines. Nothing
is guessed.
"""

from __future__ import annotations

import difflib
import io
import json
import re
import sys
import textwrap
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from ..check.codeowners import codeowners_path
from ..check.codeowners import render as render_codeowners
from ..check.load import load_catalogue
from ..settings import Exit
from ..urls import FOLDERS
from ..yamlstyle import catalogue_style

WIDTH = 88


class Refused(Exception):
    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


def run(args) -> int:
    try:
        path, notes = create(args)
    except Refused as refused:
        print(f"build.py new: {refused}", file=sys.stderr)
        return refused.code
    print(f"Wrote {path}.", file=sys.stderr)
    for note in notes:
        print(note, file=sys.stderr)
    return Exit.OK


def create(args) -> tuple[Path, list[str]]:
    catalogue: Path = args.catalogue
    schemas = _schemas(args.schemas)
    slug = schemas["common.schema.json"]["$defs"]["slug"]
    for label, value in (
        [("id", args.id)]
        + [("--organization", getattr(args, "organization", None)), ("--batch", getattr(args, "batch", None))]
        + [("--source", s) for s in args.source]
    ):
        if value is not None and not (re.fullmatch(slug["pattern"], value) and len(value) <= slug["maxLength"]):
            raise Refused(f"{label} '{value}' is not {slug['x-expected']}", Exit.USAGE)
    if not catalogue.is_dir():
        raise Refused(f"{catalogue} is not a catalogue folder", Exit.USAGE)
    _require(catalogue, "sources", args.source, "source", "write catalogue/sources/<id>.yaml first")
    if args.kind == "certificate":
        _require(
            catalogue,
            "organizations",
            [args.organization],
            "organization",
            f"start it with: python build.py new organization {args.organization} --name-zh ...",
        )
        if args.batch:
            _require(
                catalogue, "batches", [args.batch], "batch", "the batches are catalogue/batches/batch-<number>.yaml"
            )
    target = catalogue / FOLDERS[args.kind] / f"{args.id}.yaml"
    if target.exists():
        raise Refused(f"{_shown(target)} already exists: edit that file instead, or choose another id", Exit.INVALID)

    values = _values(args)
    schema = schemas[f"{args.kind}.schema.json"]
    text = render(args.kind, values, schema, _todo(args))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8", newline="\n")

    notes = []
    owners = codeowners_path(catalogue)
    if owners.parent.is_dir():
        owners.write_text(
            render_codeowners(load_catalogue(catalogue).documents, catalogue), encoding="utf-8", newline="\n"
        )
        notes.append(f"Updated {_shown(owners)} (commit it with the new file).")
    missing = [field for field in ("sources", "history") if field in _todo(args)]
    if missing:
        notes.append(
            f"Next: fill in {' and '.join(missing)} (see the comments in the file), then run: python build.py check"
        )
    else:
        notes.append("Next: add what your sources say (the commented-out fields), then run: python build.py check")
    return target, notes


def _schemas(schema_dir: Path) -> dict[str, dict]:
    return {
        path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(schema_dir.glob("*.schema.json"))
    }


def _require(catalogue: Path, folder: str, ids: list[str], noun: str, hint: str) -> None:
    for ident in ids:
        if not (catalogue / folder / f"{ident}.yaml").is_file():
            known = sorted(p.stem for p in (catalogue / folder).glob("*.yaml"))
            close = difflib.get_close_matches(ident, known, n=1, cutoff=0.6)
            suggestion = f"; did you mean '{close[0]}'?" if close else ""
            raise Refused(
                f"no {noun} has the id '{ident}' (catalogue/{folder}/{ident}.yaml does not exist): {hint}{suggestion}",
                Exit.USAGE,
            )


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _values(args) -> dict:
    name = {"zh": args.name_zh}
    if args.name_en:
        name["en"] = args.name_en
    values: dict = {"id": args.id, "name": name}
    if args.kind == "certificate":
        values["organization"] = args.organization
        if args.batch:
            values["batch"] = args.batch
        else:
            # Introduced outside the batches: the date and its source are for the contributor to give.
            values["history"] = [{"type": "introduced", "sources": []}]
    else:
        values["maintainers"] = list(args.maintainer)
    values["sources"] = list(args.source)
    return values


def _todo(args) -> dict[str, str]:
    """Fields the file leaves for the contributor, with the instruction shown above them."""
    todo = {}
    if not args.source:
        todo["sources"] = (
            "TO FILL IN 待填写: the id of at least one source, e.g. sources: [liu-wang] (a file in catalogue/sources/)."
        )
    if args.kind == "certificate" and not args.batch:
        todo["history"] = (
            "TO FILL IN 待填写: without a batch, history starts with the introduction: add its date\n"
            "  (e.g. date: 2021-06) and the sources that give it (e.g. sources: [liu-wang]),\n"
            "  or remove history and set batch: batch-<number> if a pilot batch introduced it."
        )
    return todo


def render(kind: str, values: dict, schema: dict, todo: dict[str, str]) -> str:
    lines = [
        f"# yaml-language-server: $schema=../../schema/{kind}.schema.json",
        f"# {schema['title']}: {schema['description']}",
        "# 每个字段上方的注释说明其含义；被注释掉的字段是示例，有来源时再填写。",
        "# The comment above each field explains it; commented-out fields are examples: fill them in only from a source.",
        "# Field reference 字段说明: docs/reference/fields.md. Check your file: python build.py check",
    ]
    for key, prop in schema["properties"].items():
        lines.append("")
        lines += _comment(prop.get("description", ""))
        if key in todo:
            lines += _comment(todo[key])
        if key in values:
            lines.append(_dump(key, values[key]).rstrip("\n"))
        elif prop.get("examples"):
            lines += ["# " + line if line else "#" for line in _dump(key, prop["examples"][0]).rstrip("\n").split("\n")]
    return "\n".join(lines) + "\n"


def _comment(text: str) -> list[str]:
    out = []
    for paragraph in text.split("\n"):
        indent = paragraph[: len(paragraph) - len(paragraph.lstrip())]
        out += ["# " + line for line in textwrap.wrap(paragraph, WIDTH - 2, subsequent_indent=indent)] or ["#"]
    return out


def _dump(key: str, value) -> str:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    stream = io.StringIO()
    yaml.dump(CommentedMap({key: catalogue_style(value)}), stream)
    return stream.getvalue()
