"""`build.py import FILE --source SOURCE_ID [--batch BATCH_ID] [--dry-run] [--event TYPE --date DATE]`:
bring an official list of certificates (CSV or XLSX) into the catalogue.

Reading (table.py) refuses a list it cannot read whole; matching (plan.py) finds each
certificate by its Chinese name or a former name and its organization by name, creates
what is missing, adds the source to the facts it confirms and reports every
disagreement without writing it. The result is written into a copy of the catalogue
and checked there first: the catalogue changes only when every file passes check, and
then all at once.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from ...check.catalogue import check_catalogue
from ...check.schemas import SchemaSet
from ...settings import Exit
from ...textfile import read_text, write_text
from .plan import Catalogue, Plan, Request, dump, make_plan, yaml
from .table import TableError, read_table


class Refused(Exception):
    def __init__(self, message: str, code: int = Exit.INVALID):
        super().__init__(message)
        self.code = code


def run(args) -> int:
    try:
        plan, texts = prepare(args)
    except Refused as refused:
        print(f"build.py import: {refused}", file=sys.stderr)
        print("未写入任何文件 · nothing was written.", file=sys.stderr)
        return refused.code
    print(report(plan, texts, args), end="")
    if not args.dry_run and texts:
        write(texts)
        print(f"已写入 {len(texts)} 个文件，均通过检查 · wrote {len(texts)} files, each passing check.")
    return Exit.OK


def prepare(args) -> tuple[Plan, dict[Path, str]]:
    """The plan and the new text of every file it changes, checked; nothing written yet."""
    catalogue_dir: Path = args.catalogue
    source_path = catalogue_dir / "sources" / f"{args.source}.yaml"
    if not source_path.is_file():
        raise Refused(
            f"没有来源 {args.source}：请先写 catalogue/sources/{args.source}.yaml · "
            f"no source '{args.source}': write catalogue/sources/{args.source}.yaml first",
            Exit.USAGE,
        )
    source = yaml().load(read_text(source_path)) or {}
    date = source_date(source)
    if date is None and not args.event:
        raise Refused(
            f"来源 {args.source} 没有日期（carried_by.retrieved 或 published），无法记录最近核实 · "
            f"source '{args.source}' has no date (carried_by.retrieved or published) for last_verified: add one",
            Exit.USAGE,
        )
    try:
        table = read_table(args.file)
        schemas = {p.name: json.loads(read_text(p)) for p in args.schemas.glob("*.schema.json")}
        catalogue = Catalogue(catalogue_dir, schemas)
        plan = make_plan(table, catalogue, Request(args.source, args.batch, args.event, args.date), date)
    except TableError as error:
        raise Refused(f"{args.file}: {error}") from None
    plan.ignored = table.ignored
    texts = {}
    for path, file in plan.files.items():
        text = dump(file.data)
        if file.original is None:
            text = f"# yaml-language-server: $schema=../../schema/{file.kind}.schema.json\n{text}"
        if text != file.original:
            texts[path] = text
    _check(catalogue_dir, args.schemas, texts, args.today)
    return plan, texts


def source_date(source) -> str | None:
    """When the source last saw the list: the day its carrier was read, or its publication."""
    carried = source.get("carried_by") or {}
    date = carried.get("retrieved") or source.get("published")
    return str(date) if date is not None else None


def _check(catalogue_dir: Path, schemas: Path, texts: dict[Path, str], today: str | None) -> None:
    """Check the catalogue as it would be, in a copy: a problem anywhere refuses the whole import."""
    with tempfile.TemporaryDirectory(prefix="xcat-import-") as temporary:  # pragma: no mutate (name never shown)
        copy = Path(temporary) / "catalogue"
        shutil.copytree(catalogue_dir, copy, symlinks=True)
        for path, text in texts.items():
            target = copy / path.relative_to(catalogue_dir)
            write_text(target, text)
        result = check_catalogue(copy, SchemaSet(schemas), today=today, base=Path(temporary))
    if result.problems:
        lines = "\n".join(f"  {problem.as_text()}" for problem in result.problems[:50])
        raise Refused(f"导入后的目录不能通过检查 · the catalogue would not pass check after this import:\n{lines}")


def write(texts: dict[Path, str]) -> None:
    """Every file is written beside its place, then renamed over it: no half-written file."""
    staged = []
    for path, text in sorted(texts.items()):
        temporary = path.with_name(f".{path.name}.import")
        write_text(temporary, text)
        staged.append((temporary, path))
    for temporary, path in staged:
        os.replace(temporary, path)


def report(plan: Plan, texts: dict[Path, str], args) -> str:
    catalogue_dir: Path = args.catalogue
    lines = (
        ["试运行：以下是将要做的修改，未写入任何文件 · dry run: what would change; nothing was written."]
        if args.dry_run
        else []
    )
    if plan.ignored:
        lines.append(f"未读取的列 · columns not read: {', '.join(plan.ignored)}")
    created = [f for f in plan.created if f.path in texts]
    for kind, label in (
        ("certificate", "新建证书 · new certificates"),
        ("organization", "新建评价组织 · new organizations"),
    ):
        files = [f for f in created if f.kind == kind]
        lines.append(f"{label}: {len(files)}")
        lines += [f"  + {f.path.relative_to(catalogue_dir.parent).as_posix()}  {f.data['name']['zh']}" for f in files]
    # The files that exist and would change, with their text as it is.
    changed = {path: file.original for path, file in plan.files.items() if path in texts and file.original is not None}
    lines.append(f"更新的文件 · changed files: {len(changed)}")
    for path, original in sorted(changed.items()):
        shown = path.relative_to(catalogue_dir.parent).as_posix()
        lines.append(f"  ~ {shown}")
        if args.dry_run:
            diff = difflib.unified_diff(
                original.splitlines(keepends=True), texts[path].splitlines(keepends=True), shown, shown, n=1
            )
            # rstrip() would also drop a blank context line's space: nobody can see the difference.
            lines += ["    " + line.rstrip("\n") for line in diff]  # pragma: no mutate
    confirmed = ", ".join(plan.confirmed) or "—"
    lines.append(f"清单确认的已有证书 · catalogued certificates the list names: {len(plan.confirmed)} ({confirmed})")
    lines.append(
        f"分歧（未写入，请核对来源）· disagreements (not written; compare the sources): {len(plan.disagreements)}"
    )
    lines += [f"  ! {d}" for d in plan.disagreements]
    if not texts:
        lines.append(
            "目录已包含该清单的全部内容，无需写入 · the catalogue already holds everything in this list: nothing to write."
        )
    return "\n".join(lines) + "\n"
