"""`build.py new certificate|organization|source ID ...`: a starting file with a comment on every field.

The comments are the schema's descriptions (one source, like the field reference), and
each optional field the contributor did not give is shown as a commented-out example
from the schema. Values are written by ruamel.yaml, so any name is quoted correctly.

One function builds every new file, `plan`, from values given as data: the command line
(`build.py new`) and the issue form (`build.py from-issue`) both call it, then `write`.
Before anything is written, `write` checks the new files in a copy of the catalogue:
a file that would fail the check (a full batch, a bad value) is refused with the reason
and what to do, and nothing is written. With every required fact given (--source
included) the new file passes `build.py check` as it is. Without --source, it holds
`sources: []`, and a certificate without --batch starts its history with an introduced
event without a date or sources: those fields are marked TO FILL IN 待填写, and check
names those lines. Nothing is guessed.
"""

from __future__ import annotations

import difflib
import re
import shutil
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..check.catalogue import check_catalogue
from ..check.codeowners import codeowners_path
from ..check.codeowners import render as render_codeowners
from ..check.load import load_catalogue
from ..check.rules import original_organization
from ..check.schemas import SchemaSet
from ..settings import Exit
from ..textfile import write_text
from ..vocabulary import BY_KIND
from ..yamlstyle import dump

WIDTH = 88
# The values of each kind that name another file (or the new file itself): checked as ids, never used as paths.
REFERENCES = {
    "certificate": (("id", None), ("organization", "organization"), ("batch", "batch")),
    "organization": (("id", None),),
    "source": (("id", None),),
}


class Refused(Exception):
    """Why nothing was written ("中文 · English"), and the exit code."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Planned:
    """A new file, not yet written: its text, and the lines the contributor still has to fill in."""

    target: Path
    text: str
    todo_lines: frozenset[int] = field(default_factory=frozenset)


def run(args) -> int:
    try:
        path, notes = create(args)
    except Refused as refused:
        print(f"build.py new: {refused}", file=sys.stderr)
        return refused.code
    print(f"已写入 Wrote {path}.", file=sys.stderr)
    for note in notes:
        print(note, file=sys.stderr)
    return Exit.OK


def create(args) -> tuple[Path, list[str]]:
    """`build.py new`: the command line's values, through the one plan/write path."""
    catalogue: Path = args.catalogue
    schemas = SchemaSet(args.schemas)
    values, todo = values_from_args(args)
    planned = plan(args.kind, values, todo, catalogue, schemas.documents)
    notes = write(catalogue, [planned], schemas, today=args.today)
    missing = [key for key in ("sources", "history") if key in todo]
    if missing:
        fields = " 和 ".join(missing)
        notes.append(
            f"下一步：按文件中的注释填写 {fields}，然后运行 python build.py check · "
            f"Next: fill in {' and '.join(missing)} (see the comments in the file), then run: python build.py check"
        )
    else:
        notes.append(
            "下一步：按来源补充其他字段（文件中被注释掉的示例），然后运行 python build.py check · "
            "Next: add what your sources say (the commented-out fields), then run: python build.py check"
        )
    return planned.target, notes


def values_from_args(args) -> tuple[dict, dict[str, str]]:
    """The new file's values from `build.py new`'s options, and the fields it leaves to fill in."""
    values: dict = {"id": args.id}
    todo: dict[str, str] = {}
    if args.kind == "source":
        values["title"] = args.title
        values["kind"] = args.source_kind
        for key in ("url", "document_number", "publisher", "published"):
            if getattr(args, key):  # `new` has every option whatever the kind
                values[key] = getattr(args, key)
        return values, todo
    values["name"] = {"zh": args.name_zh, **({"en": args.name_en} if args.name_en else {})}
    if args.kind == "certificate":
        values["organization"] = args.organization
        if args.batch:
            values["batch"] = args.batch
        else:
            # Introduced outside the batches: the date and its source are for the contributor to give.
            values["history"] = [{"type": "introduced", "sources": []}]
            todo["history"] = (
                "TO FILL IN 待填写：不属于任何批次时，history 从引入事件开始：补上日期（如 date: 2021-06）和给出日期的来源"
                "（如 sources: [liu-wang]）；若由某一试点批次引入，请删去 history 并写 batch: batch-<编号>。\n"
                "  Without a batch, history starts with the introduction: add its date (e.g. date: 2021-06)"
                " and the sources that give it (e.g. sources: [liu-wang]),"
                " or remove history and set batch: batch-<number> if a pilot batch introduced it."
            )
    else:
        values["maintainers"] = list(args.maintainer)
    values["sources"] = list(args.source)
    if not args.source:
        todo["sources"] = (
            "TO FILL IN 待填写：至少一个来源的 id，如 sources: [liu-wang]（catalogue/sources/ 中的文件）。\n"
            "  The id of at least one source, e.g. sources: [liu-wang] (a file in catalogue/sources/)."
        )
    return values, todo


def plan(
    kind: str,
    values: dict,
    todo: dict[str, str],
    catalogue: Path,
    schemas: dict[str, dict],
    pending: dict[str, set[str]] | None = None,
) -> Planned:
    """The new file for `values` (data, never code): its ids checked, the files it names found,
    its batch checked for room, and its text with a comment on every field.
    pending: ids of files planned in the same write (a new source for a new certificate)."""
    pending = pending or {}
    slug = schemas["common.schema.json"]["$defs"]["slug"]
    ids = [(key, values.get(key), refers) for key, refers in REFERENCES[kind]]
    ids += [("sources", source, "source") for source in values.get("sources", [])]
    for label, value, _ in ids:
        if value is not None and not (
            isinstance(value, str) and re.fullmatch(slug["pattern"], value) and len(value) <= slug["maxLength"]
        ):
            raise Refused(
                f"{label} “{value}” 不是有效的 id（只能用小写字母 a-z、数字和单个连字符） · "
                f"{label} '{value}' is not {slug['x-expected']}",
                Exit.USAGE,
            )
    if not catalogue.is_dir():
        raise Refused(f"{catalogue} 不是目录文件夹 · {catalogue} is not a catalogue folder", Exit.USAGE)
    for _label, value, refers in ids:
        if refers and value is not None and value not in pending.get(refers, set()):
            _require(catalogue, refers, value)
    target = catalogue / _folder(kind) / f"{values['id']}.yaml"
    if target.exists():
        raise Refused(
            f"{_shown(target)} 已存在：请编辑该文件，或换一个 id · "
            f"{_shown(target)} already exists: edit that file instead, or choose another id",
            Exit.INVALID,
        )
    if kind == "certificate" and values.get("batch"):
        _batch_has_room(catalogue, values["batch"], values["organization"])
    text = render(kind, values, schemas[f"{kind}.schema.json"], todo)
    return Planned(target, text, _lines_of(text, todo))


def write(catalogue: Path, planned: list[Planned], schemas: SchemaSet, today: str | None = None) -> list[str]:
    """Write the planned files if, in a copy of the catalogue, they add no problem but the
    fields left to fill in; else refuse, naming each problem, and write nothing."""
    added = preflight(catalogue, planned, schemas, today)
    if added:
        raise Refused(
            "新文件未通过检查，未写入任何文件 · the new file would not pass the check; nothing was written:\n"
            + "\n".join(f"  {line}" for line in added),
            Exit.INVALID,
        )
    for item in planned:
        item.target.parent.mkdir(exist_ok=True)  # in the catalogue folder, which plan() found
        write_text(item.target, item.text)
    notes = []
    owners = codeowners_path(catalogue)
    if owners.parent.is_dir():
        write_text(owners, render_codeowners(load_catalogue(catalogue), catalogue))
        notes.append(f"已更新 Updated {_shown(owners)}（请与新文件一起提交 · commit it with the new file).")
    return notes


def preflight(catalogue: Path, planned: list[Planned], schemas: SchemaSet, today: str | None) -> list[str]:
    """The problems the planned files would add to the catalogue, as `check` prints them."""
    base = catalogue.parent
    before = set(check_catalogue(catalogue, schemas, today=today, base=base).problems)
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "base" / catalogue.name  # pragma: no mutate - any name for the scratch folder
        shutil.copytree(catalogue, copy)
        for item in planned:
            target = copy / item.target.relative_to(catalogue)
            target.parent.mkdir(exist_ok=True)
            write_text(target, item.text)
        after = check_catalogue(copy, schemas, today=today, base=copy.parent).problems
    todo = {
        (f"{catalogue.name}/{item.target.relative_to(catalogue).as_posix()}", line)
        for item in planned
        for line in item.todo_lines
    }
    return [
        problem.as_text() for problem in after if problem not in before and (problem.path, problem.line) not in todo
    ]


NOUNS = {"organization": ("培训评价组织", "organization"), "batch": ("试点批次", "batch"), "source": ("来源", "source")}
HINTS = {  # what to do when the file a value names does not exist: (中文, English)
    "organization": (
        "请先创建它：python build.py new organization {id} --name-zh ...",
        "start it with: python build.py new organization {id} --name-zh ...",
    ),
    "batch": (
        "批次文件为 catalogue/batches/batch-<编号>.yaml",
        "the batches are catalogue/batches/batch-<number>.yaml",
    ),
    "source": (
        "请先创建来源文件：python build.py new source ...",
        "write catalogue/sources/<id>.yaml first (python build.py new source ...)",
    ),
}


def _require(catalogue: Path, kind: str, ident: str) -> None:
    folder = _folder(kind)
    if (catalogue / folder / f"{ident}.yaml").is_file():
        return
    known = sorted(p.stem for p in (catalogue / folder).glob("*.yaml"))
    close = difflib.get_close_matches(ident, known)  # the closest first
    (noun_zh, noun), (hint_zh, hint) = NOUNS[kind], HINTS[kind]
    path = f"catalogue/{folder}/{ident}.yaml"
    raise Refused(
        f"没有 id 为 “{ident}” 的{noun_zh}（{path} 不存在）：{hint_zh.format(id=ident)}"
        + (f"；是否要写 “{close[0]}”？" if close else "")
        + f" · no {noun} has the id '{ident}' ({path} does not exist): {hint.format(id=ident)}"
        + (f"; did you mean '{close[0]}'?" if close else ""),
        Exit.USAGE,
    )


def _batch_has_room(catalogue: Path, batch: str, organization: str) -> None:
    """A batch announces how many certificates (and organizations) it introduced: a new
    certificate must not make the catalogue hold more than that (check's batch-total rule)."""
    documents = load_catalogue(catalogue)
    batch_file = next(d for d in documents if d.kind == "batch" and d.stem == batch)  # _require found it
    totals = batch_file.data.get("totals", {})
    members = [
        d.data
        for d in documents
        if d.kind == "certificate" and isinstance(d.data, dict) and d.data.get("batch") == batch
    ]
    organizations = {original_organization(data) for data in members}
    counts = {"certificates": len(members) + 1, "organizations": len(organizations | {organization})}
    for key, noun_zh in (("certificates", "证书"), ("organizations", "培训评价组织")):
        announced = totals.get(key)
        if isinstance(announced, int) and counts[key] > announced:
            raise Refused(
                f"{batch} 已满：该批次公布的{noun_zh}总数为 {announced}，目录中已有 {counts[key] - 1} 个，新文件会超出。"
                f"请核对来源中的批次；若来源没有给出批次，请不写批次（批次不详）；若公布的总数有误，"
                f"请附来源更正 catalogue/{_folder('batch')}/{batch}.yaml 中的 totals.{key}。未写入任何文件。 · "
                f"{batch} is full: it announced {announced} {key} and the catalogue holds {counts[key] - 1} already, "
                f"so the new file would exceed its total. Check the batch your source gives; leave the batch out "
                f"when no source gives it (batch unknown); or, with a source, correct totals.{key} in "
                f"catalogue/{_folder('batch')}/{batch}.yaml. Nothing was written.",
                Exit.INVALID,
            )


def _lines_of(text: str, todo: dict[str, str]) -> frozenset[int]:
    """The 1-based lines of the top-level fields left to fill in, to the next top-level field."""
    lines = text.split("\n")
    marked: set[int] = set()
    for key in todo:
        start = next(n for n, line in enumerate(lines) if line.startswith(f"{key}:"))
        end = next((n for n in range(start + 1, len(lines)) if re.match(r"[a-z#]", lines[n])), len(lines))
        marked.update(range(start + 1, end + 1))
    return frozenset(marked)


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def render(kind: str, values: dict, schema: dict, todo: dict[str, str]) -> str:
    lines = [
        f"# yaml-language-server: $schema=../../schema/{kind}.schema.json",
        *_comment(f"{schema['title']}: {schema['description'].replace(' · ', chr(10), 1)}"),
        "# 每个字段上方的注释说明其含义；被注释掉的字段是示例，有来源时再填写。",
        "# The comment above each field explains it; commented-out fields are examples: fill them in only from a source.",
        "# Field reference 字段说明: docs/reference/fields.md. Check your file: python build.py check",
    ]
    for key, prop in schema["properties"].items():
        lines.append("")
        lines += _comment(prop.get("description", "").replace(" · ", "\n", 1))  # 中文, then English below
        if key in todo:
            lines += _comment(todo[key])
        # Equivalent mutants: a dump ends in one newline, never in spaces or an X that more would
        # strip; and no example has an empty line today (it would be a bare #, no trailing space).
        if key in values:
            lines.append(dump({key: values[key]}).rstrip("\n"))  # pragma: no mutate
        elif prop.get("examples"):
            example = dump({key: prop["examples"][0]}).rstrip("\n")  # pragma: no mutate
            lines += ["# " + line if line else "#" for line in example.split("\n")]  # pragma: no mutate
    return "\n".join(lines) + "\n"


def _comment(text: str) -> list[str]:
    out = []
    for paragraph in text.split("\n"):
        indent = paragraph[: len(paragraph) - len(paragraph.lstrip())]
        out += ["# " + line for line in _wrap(paragraph, WIDTH - 2, indent)] or ["#"]
    return out


def _wrap(paragraph: str, width: int, indent: str) -> list[str]:
    """Wrap by display width: a Chinese character takes two columns, and a line may break
    between two of them; a Latin word is never split."""
    lines: list[str] = []
    line = ""
    chinese = len(_HAN.findall(paragraph)) > len(re.findall(r"[A-Za-z]", paragraph))
    # In Chinese text a line breaks between characters, never before closing punctuation;
    # in English text a run of Chinese is a word.
    tokens = rf"\s+|[^\s{_CJK}]+|{'.[' + _CLOSING + ']*' if chinese else '[' + _CJK + ']+'}"
    # Equivalent mutants below: a token is all spaces or has none, so lstrip and rstrip agree.
    for token in re.findall(tokens, paragraph):
        if line.strip() and _columns(line + token.rstrip()) > width:  # pragma: no mutate
            lines.append(line.rstrip())
            line = indent
            token = token.lstrip()  # pragma: no mutate
        line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines


_CJK = "\u2e80-\u9fff\uff00-\uffef\u3000-\u303f"
_CLOSING = "，。、；：！？）》」』〕"
_HAN = re.compile(f"[{_CJK}]")


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _folder(kind: str) -> str:
    return str(BY_KIND[kind].folder)  # the kinds new writes all have a folder of files
