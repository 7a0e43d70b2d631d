"""Explain what changed in the catalogue between two git revisions, in plain language.

    python build.py diff BASE [HEAD] [--format text|markdown]

HEAD means a commit (default: the HEAD commit), never the working tree: commit
first, then compare. Each side is read from git (`git ls-tree`, `git cat-file`)
into memory, never onto disk, and goes through the same pipeline as `check` and
the site (load, schemas, rules, model); a tree that git fsck would refuse is not read. Both sides are checked against the schemas
of the project that runs the diff (schema/ beside this code), because the model
built here is this code's model: a side that does not pass those schemas cannot
be compared, and the diff says so instead of guessing.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import SimpleNamespace
from typing import cast

from .. import vocabulary as labels
from ..check.catalogue import check_catalogue
from ..check.load import MAX_FILE_BYTES
from ..check.problems import Problem, visible
from ..check.report import escape_markdown
from ..check.schemas import SchemaSet
from ..model import Catalogue, Certificate, Event, Name, ProgrammeEvent, build_catalogue, status_after
from ..settings import Exit

# A side that fails the check: enough of its problems to see why (check lists them all).
MAX_PROBLEMS_SHOWN = 20


class DiffError(Exception):
    """A problem with the request itself (not a git repository, unknown revision)."""


# ---------------------------------------------------------------- reading a revision


@dataclass
class Side:
    revision: str
    commit: str  # short hash
    catalogue: Catalogue | None
    raw: dict[tuple[str, object], dict]  # (kind, id) -> a file's or entry's data: the fields the model does not carry
    problems: list[Problem] = field(default_factory=list)


def git(repo: Path, *args: str, binary: bool = False, stdin: bytes | None = None):
    result = subprocess.run(["git", "-C", str(repo), *args], input=stdin, capture_output=True)
    if result.returncode != 0:
        raise DiffError(_decoded(result.stderr).strip() or f"git {' '.join(args)} failed")
    return result.stdout if binary else _decoded(result.stdout)


def _decoded(output: bytes) -> str:
    """git's output as text: UTF-8, anything else shown as \ufffd rather than failing."""
    return output.decode(errors="replace")


def locate(catalogue_dir: Path) -> tuple[Path, str]:
    """The git repository holding catalogue_dir, and catalogue_dir's path inside it."""
    folder = catalogue_dir.resolve()
    probe = folder if folder.is_dir() else folder.parent
    try:
        top = Path(git(probe, "rev-parse", "--show-toplevel").strip())
    except (DiffError, FileNotFoundError):
        raise DiffError(f"{catalogue_dir} is not inside a git repository: diff compares git revisions") from None
    return top, folder.relative_to(top.resolve()).as_posix()


def resolve(repo: Path, revision: str) -> str:
    if revision.startswith("-"):
        raise DiffError(f"'{revision}' is not a revision")
    try:
        # --short implies --verify: exactly one revision, or an error (git's words are replaced below).
        return git(repo, "rev-parse", "--short", f"{revision}^{{commit}}").strip()
    except DiffError:
        raise DiffError(
            f"'{revision}' is not a commit in {repo} (try HEAD~1, main or origin/main; "
            "in a shallow clone, fetch the history first)"
        ) from None


# Tree entry modes, as git ls-tree prints them.
FOLDER, LINK, SUBMODULE = "040000", "120000", "160000"


class TreeEntry:
    """One entry of a commit's tree, held in memory.

    It answers the questions the loader asks of a Path (is_dir, iterdir, stat, read_bytes...),
    so a revision goes through exactly the checks of a working tree (links refused, the size
    limit, encodings, unexpected files) while nothing of it is ever written to disk: there is
    no file for a link to redirect."""

    # Equivalent mutants: a folder's sha and size are never read.
    def __init__(
        self,
        path: PurePosixPath,
        blobs: dict,
        mode: str = FOLDER,
        sha: str = "",  # pragma: no mutate
        size: int = 0,  # pragma: no mutate
    ):
        self.path, self.mode, self.sha, self.size = path, mode, sha, size
        self.blobs = blobs
        self.children: dict[str, TreeEntry] = {}

    name = property(lambda self: self.path.name)
    suffix = property(lambda self: self.path.suffix)
    stem = property(lambda self: self.path.stem)

    def __lt__(self, other: TreeEntry) -> bool:
        return self.path < other.path  # pragma: no mutate - no two entries of a folder share a path: < is <=

    def is_dir(self) -> bool:
        return self.mode == FOLDER

    def is_file(self) -> bool:
        return self.mode.startswith("100")

    def is_symlink(self) -> bool:
        return self.mode == LINK

    def iterdir(self):
        return iter(self.children.values())

    def stat(self):
        return SimpleNamespace(st_size=self.size)

    def read_bytes(self) -> bytes:
        return self.blobs[self.sha]

    def relative_to(self, base) -> PurePosixPath:
        return self.path.relative_to(base)

    def as_posix(self) -> str:
        return self.path.as_posix()

    @property
    def what(self) -> str:
        return {FOLDER: "a folder", LINK: "a symbolic link", SUBMODULE: "a submodule"}.get(self.mode, "a file")


def read_tree(repo: Path, revision: str, commit: str, prefix: str) -> TreeEntry:
    """The catalogue folder of one commit, in memory; blobs over the loader's size limit are never read."""
    side = f"{revision} ({commit})"
    listing = git(
        repo,
        "--literal-pathspecs",
        "ls-tree",
        "-r",
        "-t",
        "-l",
        "-z",
        # Equivalent mutants: git runs at the top of the repository (-C), and ls-tree takes one tree-ish.
        "--full-tree",  # pragma: no mutate
        commit,
        "--",  # pragma: no mutate
        prefix,
        binary=True,
    )
    blobs: dict[str, bytes] = {}
    root = TreeEntry(PurePosixPath(), blobs=blobs)  # pragma: no mutate - the root is a folder: never read
    wanted = []
    for record in filter(None, listing.split(b"\0")):
        meta, raw_path = record.split(b"\t", 1)
        mode, _, sha, size = meta.decode().split()
        path = raw_path.decode(errors="surrogateescape")
        if any(not part or part in (".", "..", ".git") for part in path.split("/")):
            raise DiffError(
                f"{side}: its tree holds the path {path!r}, which git fsck refuses: the diff does not read it"
            )
        if size == "BAD":
            raise _missing(side, sha)
        length = int(size) if size.isdigit() else 0  # pragma: no mutate - "-": a folder, whose size is never read
        entry = TreeEntry(PurePosixPath(path), blobs, mode, sha, length)
        *parents, name = entry.path.parts
        folder = root
        for part in parents:  # ls-tree -t lists each folder before what is in it
            folder = folder.children[part]
        if name in folder.children:
            raise _twice(side, folder.children[name], entry)
        folder.children[name] = entry
        if entry.is_file() and entry.size <= MAX_FILE_BYTES:
            wanted.append(sha)
    # Equivalent mutants: ls-tree -l has found every blob (a missing one's size is BAD, above),
    # so only an object removed in between would reach _cat_blobs' own error.
    blobs.update(_cat_blobs(repo, side, wanted))  # pragma: no mutate
    catalogue = root
    for part in PurePosixPath(prefix).parts:
        # A revision without the catalogue holds an empty one.
        inside = catalogue.path / part
        catalogue = catalogue.children.get(part) or TreeEntry(inside, blobs={})  # pragma: no mutate - it reads no blob
        if not catalogue.is_dir():
            raise DiffError(
                f"{side}: {catalogue.path} is {catalogue.what}, not a folder: "
                "the catalogue must be a folder of .yaml files"
            )
    return catalogue


def _twice(side: str, first: TreeEntry, second: TreeEntry) -> DiffError:
    return DiffError(
        f"{side}: {second.path} appears twice in its tree, as {first.what} and as {second.what} "
        "(git fsck refuses such a tree): the diff does not read it"
    )


def _missing(side: str, sha: str) -> DiffError:
    return DiffError(
        f"{side}: its tree refers to the object {sha}, which is not in the repository "
        "(in a shallow or partial clone, fetch the history first)"
    )


def _cat_blobs(repo: Path, side: str, shas: list[str]) -> dict[str, bytes]:
    if not shas:
        return {}
    unique = sorted(set(shas))
    out = git(repo, "cat-file", "--batch", binary=True, stdin="".join(s + "\n" for s in unique).encode())
    blobs, position = {}, 0
    for sha in unique:
        # Each object as "<sha> blob <size>\n<content>\n"; a missing one as "<sha> missing\n".
        header_end = out.find(b"\n", position)
        header = out[position:header_end].split()
        if header[:2] != [sha.encode(), b"blob"]:
            raise _missing(side, sha)
        start, size = header_end + 1, int(header[2])
        blobs[sha] = out[start : start + size]
        position = start + size + 1
    return blobs


def read_side(repo: Path, prefix: str, revision: str, schemas, today: str | None) -> Side:
    commit = resolve(repo, revision)
    folder = read_tree(repo, revision, commit, prefix)
    # A TreeEntry answers every question the loader asks of a Path; paths are shown as they are in git.
    # Its paths are relative already, so they are shown as they are (check_catalogue's base is not needed).
    checked = check_catalogue(
        cast(Path, folder),  # pragma: no mutate - cast() only informs the type checker
        schemas,
        today=today,
        publishable=False,  # pragma: no mutate - None is as false as False
    )
    raw = {}
    for document in checked.documents:
        if document.kind in ("fields", "majors"):
            for entry in document.data.get(document.kind, []):  # the loader takes only mappings
                if isinstance(entry, dict):
                    raw[(document.kind, entry.get("id"))] = entry
        else:
            raw[(document.kind, document.stem)] = document.data
    catalogue = build_catalogue(checked.index) if checked.ok and checked.index else None
    return Side(revision, commit, catalogue, raw, checked.problems)


# ---------------------------------------------------------------- comparing


@dataclass
class Item:
    """One thing that was added, removed or changed, with sentences explaining how."""

    name: str
    ident: str
    details: list[str] = field(default_factory=list)


@dataclass
class Section:
    heading: str
    items: list[Item]


@dataclass
class Report:
    base: Side
    head: Side
    sections: list[Section]

    @property
    def comparable(self) -> bool:
        return self.base.catalogue is not None and self.head.catalogue is not None


def shown(name: Name | None) -> str:
    if name is None:
        # Equivalent mutants: every name shown is required.
        return ""  # pragma: no mutate
    return name.both()


def compare(base: Side, head: Side) -> Report:
    if base.catalogue is None or head.catalogue is None:
        return Report(base, head, [])
    old, new = base.catalogue, head.catalogue
    sections = [
        Section(
            "新增证书 Certificates added",
            [
                _certificate_added(new.certificates[i])
                for i in sorted(new.certificates.keys() - old.certificates.keys())
            ],
        ),
        Section(
            "删除的证书 Certificates removed",
            [
                Item(
                    shown(old.certificates[i].name),
                    i,
                    [
                        "证书不应删除：请在 history 中记录其退出或替代。 Certificates are never deleted: record their end in history instead."
                    ],
                )
                for i in sorted(old.certificates.keys() - new.certificates.keys())
            ],
        ),
        Section(
            "有变化的证书 Certificates changed",
            _changed(
                old.certificates,
                new.certificates,
                lambda i: _certificate_changes(
                    old.certificates[i], new.certificates[i], base.raw[("certificate", i)], head.raw[("certificate", i)]
                ),
            ),
        ),
    ]
    for kind, heading, table_old, table_new, describe in (
        ("organization", "评价组织 Organizations", old.organizations, new.organizations, _organization_changes),
        ("batch", "批次 Batches", old.batches, new.batches, _batch_changes),
        ("source", "来源 Sources", old.sources, new.sources, _source_changes),
        ("fields", "领域 Fields", old.fields, new.fields, _vocabulary_changes),
        ("majors", "专业 Majors", old.majors, new.majors, _vocabulary_changes),
    ):
        items = [Item(_title(table_new[i]), i, ["新增 added"]) for i in sorted(table_new.keys() - table_old.keys())]
        items += [Item(_title(table_old[i]), i, ["删除 removed"]) for i in sorted(table_old.keys() - table_new.keys())]
        items += _changed(
            table_old,
            table_new,
            lambda i, k=kind, d=describe, a=table_old, b=table_new: d(a[i], b[i], base.raw[(k, i)], head.raw[(k, i)]),
        )
        sections.append(Section(heading, sorted(items, key=lambda item: item.ident)))
    # Recorded once: one item, however many certificates it reaches.
    sections.append(Section("全局事件 Programme events", _programme_event_items(old, new, base.raw, head.raw)))
    return Report(base, head, [s for s in sections if s.items])


def _title(thing) -> str:
    name = getattr(thing, "name", None)
    # Equivalent mutants: everything compared has a name or a title.
    return shown(name) if isinstance(name, Name) else getattr(thing, "title", "")  # pragma: no mutate


def _changed(old: dict, new: dict, describe) -> list[Item]:
    items = []
    for ident in sorted(old.keys() & new.keys()):
        details = describe(ident)
        if details:
            items.append(Item(_title(new[ident]), ident, details))
    return items


def _certificate_added(certificate: Certificate) -> Item:
    details = [f"评价组织 organization: {shown(certificate.organization.name)}"]
    if certificate.batch:
        details.append(f"批次 batch: {shown(certificate.batch.name)}")
    if certificate.status != "active":
        details.append(f"状态 status: {labels.both(labels.STATUS, certificate.status)}")
    return Item(shown(certificate.name), certificate.id, details)


def _certificate_changes(old: Certificate, new: Certificate, old_raw: dict, new_raw: dict) -> list[str]:
    details = []
    if old.name != new.name:
        details.append(f"名称 name: {shown(old.name)} → {shown(new.name)}")
    # A status set by a programme event is reported once, with the programme event.
    old_status, new_status = _own_status(old), _own_status(new)
    if old_status != new_status or _successor_ids(old) != _successor_ids(new):
        sentence = f"状态 status: {labels.both(labels.STATUS, old_status)} → {labels.both(labels.STATUS, new_status)}"
        if new.successors:
            sentence += "; 后继证书 succeeded by: " + ", ".join(
                f"{shown(s.certificate.name)} ({s.certificate.id}, {labels.both(labels.EQUIVALENCE, s.equivalence)})"
                for s in new.successors
            )
        details.append(sentence)
    old_events = [_event_key(e) for e in old.history if not e.programme_event]
    for event in (e for e in new.history if not e.programme_event):
        key = _event_key(event)
        if key in old_events:
            old_events.remove(key)
        else:
            details.append(f"新事件 new event: {_event_sentence(event)}")
    details += [f"删除的事件 event removed: {key[1] or '?'} {labels.both(labels.EVENT, key[0])}" for key in old_events]
    if old.organization.id != new.organization.id:
        details.append(f"评价组织 organization: {shown(old.organization.name)} → {shown(new.organization.name)}")
    if (old.batch and old.batch.id) != (new.batch and new.batch.id):
        details.append(
            f"批次 batch: {shown(old.batch.name) if old.batch else '—'} → {shown(new.batch.name) if new.batch else '—'}"
        )
    old_count, new_count = old.latest_pilot_count, new.latest_pilot_count
    if (old_count and (old_count.count, old_count.as_of)) != (new_count and (new_count.count, new_count.as_of)):
        as_of = f" (截至 as of {new_count.as_of})" if new_count and new_count.as_of else ""
        details.append(
            f"试点院校数 pilot institutions: {old_count.count if old_count else '—'} → {new_count.count if new_count else '—'}{as_of}"
        )
    details += _level_changes(old, new)
    # Equivalent mutants: id is the file name on both sides, so it never differs.
    covered = {"id", "name", "history", "organization", "batch", "pilot_institutions", "levels"}  # pragma: no mutate
    details += _other_fields(old_raw, new_raw, covered)
    return details


def _own_status(certificate: Certificate) -> str:
    """The status the certificate's own history gives it, without programme events."""
    return status_after([e for e in certificate.history if not e.programme_event])


def _programme_event_items(old: Catalogue, new: Catalogue, old_raw: dict, new_raw: dict) -> list[Item]:
    items = []
    for ident in sorted(old.programme_events.keys() | new.programme_events.keys()):
        before, after = old.programme_events.get(ident), new.programme_events.get(ident)
        if after is None:
            assert before is not None
            items.append(Item(shown(before.name), ident, ["删除 removed", _reach(before, old)]))
            continue
        if before is None:
            sentence = f"新增 added: {after.date} {labels.both(labels.EVENT, after.type)} — {shown(after.details)}"
            items.append(Item(shown(after.name), ident, [sentence, _reach(after, new)]))
            continue
        details = []
        if before.name != after.name:
            details.append(f"名称 name: {shown(before.name)} → {shown(after.name)}")
        if before.date != after.date:
            details.append(f"日期 date: {before.date} → {after.date}")
        details += _other_fields(
            # Equivalent mutants: id is the file name on both sides.
            old_raw[("programme_event", ident)],
            new_raw[("programme_event", ident)],
            {"id", "name", "date"},  # pragma: no mutate
        )
        if [c.id for c in before.certificates] != [c.id for c in after.certificates]:
            details.append(_reach(after, new))
        if details:
            items.append(Item(shown(after.name), ident, details))
    return items


def _reach(programme: ProgrammeEvent, catalogue: Catalogue) -> str:
    """How many certificates the programme event sets the status of, in one sentence."""
    reached = len(programme.certificates)
    status = labels.STATUS_AFTER[programme.type]
    zh, en = labels.STATUS[status]
    if programme.applies_to_all:
        # Not only the ended ones: also those handed over by an earlier event, or introduced after this one.
        others = len(catalogue.certificates) - reached
        return f"全部 {reached} 个证书的状态变为{zh}（另 {others} 个不在其列：此前已结束或已移交，或此后才发布） · all {reached} certificates become {en} ({others} others not reached: ended or handed over before it, or introduced after it)"
    return f"适用于所列证书 applies to the listed certificates: {reached} 个证书的状态变为{zh} · {reached} become {en}"


def _successor_ids(certificate: Certificate) -> list[tuple[str, str]]:
    return [(s.certificate.id, s.equivalence) for s in certificate.successors]


def _event_key(event: Event) -> tuple:
    return (
        event.type,
        event.date,
        event.details,
        event.previous_name,
        event.previous_organization.id if event.previous_organization else None,
        tuple((s.certificate.id, s.equivalence) for s in event.successors),
        tuple(s.id for s in event.sources),
    )


def _event_sentence(event: Event) -> str:
    words = [event.date or "?", labels.both(labels.EVENT, event.type)]
    if event.previous_name:
        words.append(f"(原名 formerly {shown(event.previous_name)})")
    if event.previous_organization:
        words.append(f"(原评价组织 previously {shown(event.previous_organization.name)})")
    if event.successors:
        words.append("→ " + ", ".join(f"{shown(s.certificate.name)} ({s.certificate.id})" for s in event.successors))
    if event.details:
        words.append(f"— {shown(event.details)}")
    return " ".join(words)


def _level_changes(old: Certificate, new: Certificate) -> list[str]:
    before = {level.level: level for level in old.levels}
    after = {level.level: level for level in new.levels}
    details = []
    for name in ("初级", "中级", "高级"):
        a, b = before.get(name), after.get(name)
        if a is None and b is None:
            continue
        if a is None:
            details.append(f"等级 level {name}: 新增 added" + _level_facts(b))
        elif b is None:
            details.append(f"等级 level {name}: 删除 removed")
        else:
            if a.title != b.title:
                details.append(f"等级 level {name} 名称 title: {a.title or '—'} → {b.title or '—'}")
            if a.fee != b.fee:
                details.append(f"等级 level {name} 费用 fee: {_yuan(a.fee)} → {_yuan(b.fee)}")
    return details


def _level_facts(level) -> str:
    facts = [level.title] if level.title else []
    if level.fee is not None:
        facts.append(_yuan(level.fee))
    return f" ({', '.join(facts)})" if facts else ""


def _yuan(fee: float | None) -> str:
    if fee is None:
        return "—"
    return f"{fee:g} 元 yuan"


def _other_fields(old_raw: dict, new_raw: dict, covered: set[str]) -> list[str]:
    changed = sorted(key for key in (old_raw.keys() | new_raw.keys()) - covered if old_raw.get(key) != new_raw.get(key))
    return [f"其他字段 also changed: {', '.join(changed)}"] if changed else []


def _organization_changes(old, new, old_raw: dict, new_raw: dict) -> list[str]:
    details = []
    if old.name != new.name:
        details.append(f"名称 name: {shown(old.name)} → {shown(new.name)}")
    if old.maintainers != new.maintainers:
        added = [m for m in new.maintainers if m not in old.maintainers]
        removed = [m for m in old.maintainers if m not in new.maintainers]
        parts = ([f"+{', +'.join(added)}"] if added else []) + ([f"-{', -'.join(removed)}"] if removed else [])
        details.append(f"维护者 maintainers: {'; '.join(parts) or 'reordered'}")
    # Equivalent mutants: id is the file name on both sides.
    return details + _other_fields(old_raw, new_raw, {"id", "name", "maintainers"})  # pragma: no mutate


def _batch_changes(old, new, old_raw: dict, new_raw: dict) -> list[str]:
    details = []
    if old.name != new.name:
        details.append(f"名称 name: {shown(old.name)} → {shown(new.name)}")
    if old.date != new.date:
        details.append(f"日期 date: {old.date or '—'} → {new.date or '—'}")
    # Equivalent mutants: id is the file name on both sides.
    return details + _other_fields(old_raw, new_raw, {"id", "name", "date"})  # pragma: no mutate


def _source_changes(old, new, old_raw: dict, new_raw: dict) -> list[str]:
    details = [f"标题 title: {old.title} → {new.title}"] if old.title != new.title else []
    # Equivalent mutants: id is the file name on both sides.
    return details + _other_fields(old_raw, new_raw, {"id", "title"})  # pragma: no mutate


def _vocabulary_changes(old, new, old_raw: dict, new_raw: dict) -> list[str]:
    details = [f"名称 name: {shown(old.name)} → {shown(new.name)}"] if old.name != new.name else []
    # Equivalent mutants: id is the entry's key on both sides.
    return details + _other_fields(old_raw, new_raw, {"id", "name"})  # pragma: no mutate


# ---------------------------------------------------------------- printing


def render(report: Report, style: str) -> str:
    lines = _lines(report)
    if style == "markdown":
        return _markdown(lines)
    return _text(lines)


def _lines(report: Report) -> list[tuple[str, str]]:
    """The report as (role, text) pairs: title, note, heading, item, detail."""
    base, head = report.base, report.head
    out = [
        ("title", "目录变化 What changed in the catalogue"),
        ("note", f"比较 Comparing {base.revision} ({base.commit}) → {head.revision} ({head.commit})"),
    ]
    for side in (base, head):
        if side.catalogue is None:
            out.append(
                (
                    "note",
                    f"⚠ {side.revision} ({side.commit}) 未通过目录检查，无法比较 does not pass the catalogue check "
                    f"({len(side.problems)} problems), so the changes cannot be listed: run `python build.py check` on it and fix the problems first.",
                )
            )
            out += [
                ("problem", f"{p.path}:{p.line}:{p.column}: {p.message}") for p in side.problems[:MAX_PROBLEMS_SHOWN]
            ]
            if len(side.problems) > MAX_PROBLEMS_SHOWN:
                out.append(("problem", f"… {len(side.problems) - MAX_PROBLEMS_SHOWN} more"))
    if report.comparable and not report.sections:
        out.append(("note", "目录没有变化 No change to the catalogue."))
    for section in report.sections:
        out.append(("heading", f"{section.heading} ({len(section.items)})"))
        for item in section.items:
            out.append(("item", f"{item.name} ({item.ident})" if item.name else item.ident))
            out += [("detail", detail) for detail in item.details]
    return out


def _text(lines: list[tuple[str, str]]) -> str:
    indent = {"title": "", "note": "", "heading": "\n", "item": "  * ", "detail": "      ", "problem": "  * "}
    return "\n".join(indent[role] + visible(text) for role, text in lines) + "\n"


def _markdown(lines: list[tuple[str, str]]) -> str:
    # Every line is escaped whole: names and details are contributor text.
    prefix = {"title": "### ", "note": "", "heading": "#### ", "item": "- ", "detail": "  - ", "problem": "- "}
    out: list[str] = []
    for role, text in lines:
        if role in ("heading", "note") and out:  # the title is the first line: nothing before it
            out.append("")
        out.append(prefix[role] + escape_markdown(text))
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- the command


def run(args) -> int:
    try:
        repo, prefix = locate(args.catalogue)
        for revision in (args.base, args.head):
            resolve(repo, revision)
        schemas = SchemaSet(args.schemas)
        base = read_side(repo, prefix, args.base, schemas, args.today)
        head = read_side(repo, prefix, args.head, schemas, args.today)
    except DiffError as error:
        print(f"build.py diff: {visible(str(error))}", file=sys.stderr)
        return Exit.USAGE
    report = compare(base, head)
    sys.stdout.write(render(report, args.format))
    return Exit.OK if report.comparable else Exit.INVALID
