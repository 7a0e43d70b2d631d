"""Stage 1: every problem in every file, in one run: load, schema, then the cross-file rules.

The result carries the rules' index of schema-valid documents, grouped by kind and id,
so the model is built from it without grouping the files again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import dates
from ..settings import ROOT, Options
from ..vocabulary import BY_KIND
from .cache import Found, ReadCache
from .codeowners import stale_problems
from .halves import in_two
from .load import MAX_FILE_BYTES, Document, Entry, Loaded, decode, display_path, find_files, read_entry
from .problems import Problem, say
from .rules import RULES, Index
from .schemas import SchemaSet


@dataclass
class Checked:
    documents: list[Document]
    problems: list[Problem]
    index: Index | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def check_catalogue(
    catalogue_dir: Path,
    schemas: SchemaSet,
    *,
    today: str | None = None,
    base: Path | None = None,
    publishable: bool = True,
    cache: Path | None = None,
) -> Checked:
    """publishable: a catalogue that is to be published must hold certificates; a revision
    compared by `diff` may be empty (before the catalogue existed). cache: the folder where
    what each file was found to hold is kept between runs (check/cache.py); None: none."""
    # Compiled once, before the files are shared out between processes; without it each process
    # compiles its own, with the same answers (so not mutated).
    _ = schemas.passes  # pragma: no mutate
    entries = find_files(catalogue_dir, base)
    kept = ReadCache(cache, catalogue_dir, schemas.schema_dir) if cache else None
    read = _read_all(entries, schemas, kept)
    loaded = Loaded([r for r, _ in read if isinstance(r, Document)], [r for r, _ in read if isinstance(r, Problem)])
    problems = list(loaded.problems)
    if publishable:
        problems += _nothing_to_publish(loaded, catalogue_dir, base or Path.cwd())
    valid = []
    for document, found in read:
        if isinstance(document, Document):
            problems.extend(found)
            if not found:
                valid.append(document)
    index = Index.build(valid, loaded.documents, today or dates.today())
    for rule in RULES:
        problems.extend(rule(index))
    if kept:
        kept.save()
    for document in loaded.documents:
        document.release()  # every problem is found: what follows (a build) needs only the data
    return Checked(loaded.documents, sorted(set(problems)), index)


Read = tuple[Document | Problem, list[Problem]]
Unread = tuple[Entry, bytes | None]  # a file to read, with its bytes if they were read already


def _read_all(entries: list[Entry], schemas: SchemaSet, cache: ReadCache | None) -> list[Read]:
    """Each file's document and schema problems, in order: from the cache for a file whose bytes
    it knows, the others read and validated on both cores."""
    if cache is None:
        return in_two(lambda part: _read_and_validate(part, schemas), [(entry, None) for entry in entries])
    read: list[Read | None] = [None] * len(entries)
    missed: list[tuple[int, bytes | None]] = []  # (place in entries, key: None for a file not kept)
    unread: list[Unread] = []
    for number, entry in enumerate(entries):
        key = None
        if (raw := _raw(entry)) is not None:
            key = cache.key(entry, raw)
            if (found := cache.get(key)) is not None:
                read[number] = _from_cache(entry, raw, found)
                continue
        missed.append((number, key))
        unread.append((entry, raw))  # read from these bytes, not the file again: a save meanwhile must not get this key
    fresh = in_two(lambda part: _read_and_validate(part, schemas), unread)
    # in_two returns one result per file: strict only asserts it (so not mutated).
    for (number, key), (document, problems) in zip(missed, fresh, strict=True):  # pragma: no mutate
        read[number] = document, problems
        if key is not None:
            cache.put(key, (document.data if isinstance(document, Document) else document, problems))
    return read  # type: ignore[return-value]  # every place is filled: from the cache or fresh


def _raw(entry: Entry) -> bytes | None:
    """The file's bytes, if it is a catalogue file that can be read (else read_entry says why not)."""
    path, _, kind, refusal = entry
    # A refused file read anyway would get its refusal back from the cache: `and` is an equivalent mutant.
    if refusal or kind is None:  # pragma: no mutate
        return None
    try:
        return path.read_bytes() if path.stat().st_size <= MAX_FILE_BYTES else None
    except OSError:
        return None


def _from_cache(entry: Entry, raw: bytes, found: Found) -> Read:
    _, shown, kind, _ = entry
    value, problems = found
    if isinstance(value, Problem):
        return value, problems
    # The text as read_document decoded it: a rule's problem finds its position in it.
    # kind is never None here (_raw reads no file of unknown kind): `or ""` is for the type checker.
    return Document(shown, kind or "", value, text=decode(raw)), problems  # pragma: no mutate


def _read_and_validate(entries: Sequence[Unread], schemas: SchemaSet) -> list[Read]:
    """Each file's document and its schema problems, or the problem that keeps it from being read."""
    resolved: dict = {}
    read = []
    for entry, raw in entries:
        document = read_entry(entry, resolved, raw)
        read.append((document, list(schemas.problems(document)) if isinstance(document, Document) else []))
    return read


def _nothing_to_publish(loaded: Loaded, catalogue_dir: Path, base: Path) -> list[Problem]:
    """A catalogue without certificates would publish an empty site over the real one.
    (Certificate files that cannot be read are reported already: no second problem for them.)"""
    if loaded.problems or any(document.kind == "certificate" for document in loaded.documents):
        return []
    shown = f"{display_path(catalogue_dir, base)}/{BY_KIND['certificate'].folder}"
    return [
        Problem(
            shown,
            1,
            1,
            say(
                f"目录里没有证书：发布前至少添加一个文件 {shown}/<id>.yaml",
                f"the catalogue has no certificates: add at least one file {shown}/<id>.yaml before publishing",
            ),
        )
    ]


def display_base(catalogue: Path) -> Path:
    """Show paths as catalogue/... whether the catalogue is ours or a test's."""
    catalogue = catalogue.resolve()
    return ROOT if catalogue.is_relative_to(ROOT) else catalogue.parent


def check(options: Options) -> Checked:
    """What `build.py check` reports: the catalogue's problems, and a stale CODEOWNERS
    (it is generated from the catalogue, so a stale one is a catalogue problem too)."""
    base = display_base(options.catalogue)
    result = check_catalogue(
        options.catalogue, SchemaSet(options.schemas), today=options.today, base=base, cache=options.check_cache
    )
    result.problems = sorted(result.problems + stale_problems(result.documents, options.catalogue, base))
    return result
