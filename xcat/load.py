"""Stage 1: find the catalogue's files and read each into plain data with positions.

YAML is parsed by ruamel.yaml's C parser (ruamel.yaml.clib) into nodes that carry
their line and column, then turned into plain dicts, lists and scalars with a map of
where each key and value stands. Nothing here is trusted: anchors, aliases, tags,
deep nesting, duplicate keys, tabs, bad encodings and oversized files are refused
before they can cost time or memory.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml import events as yaml_events
from ruamel.yaml import nodes as yaml_nodes
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .problems import Problem

MAX_FILE_BYTES = 1024 * 1024
MAX_NESTING = 32

# Folder -> kind of file it holds (one file per item), and the single vocabulary files.
FOLDER_KINDS = {
    "certificates": "certificate",
    "organizations": "organization",
    "batches": "batch",
    "sources": "source",
}
SINGLE_FILE_KINDS = {"fields.yaml": "fields", "majors.yaml": "majors"}

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null")}
# Unquoted dates stay the text the contributor wrote; the schema decides what a date is.
_TIMESTAMP = _TAG + "timestamp"

Position = tuple[int, int]  # 1-based line, column


@dataclass
class Document:
    """One catalogue file: its data and where each key and value stands in the file."""

    path: str  # as shown to contributors, e.g. catalogue/certificates/x.yaml
    kind: str
    data: Any
    key_positions: dict[tuple, Position] = field(default_factory=dict)
    value_positions: dict[tuple, Position] = field(default_factory=dict)

    @property
    def stem(self) -> str:
        return Path(self.path).stem

    def where(self, path: tuple = (), *, key: bool = False) -> Position:
        """The position of the value (or key) at path, or of its nearest ancestor."""
        path = tuple(path)
        while path:
            table = self.key_positions if key else self.value_positions
            if path in table:
                return table[path]
            path = path[:-1]
            key = False
        return self.value_positions.get((), (1, 1))

    def problem(self, path: tuple, message: str, *, key: bool = False) -> Problem:
        line, column = self.where(path, key=key)
        return Problem(self.path, line, column, message)


@dataclass
class Loaded:
    documents: list[Document]
    problems: list[Problem]


class _Refused(Exception):
    def __init__(self, line: int, column: int, message: str):
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def _mark(node_or_event) -> Position:
    mark = node_or_event.start_mark
    return (mark.line + 1, mark.column + 1)


def display_path(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def load_catalogue(catalogue_dir: Path, base: Path | None = None) -> Loaded:
    """Read every file under catalogue_dir; report every file that cannot be read."""
    base = base or Path.cwd()
    documents: list[Document] = []
    problems: list[Problem] = []
    if not catalogue_dir.is_dir():
        return Loaded([], [Problem(display_path(catalogue_dir, base), 1, 1, "the catalogue folder does not exist")])
    for path, kind, refusal in _discover(catalogue_dir):
        shown = display_path(path, base)
        if refusal:
            problems.append(Problem(shown, 1, 1, refusal))
            continue
        try:
            documents.append(read_document(path, kind, shown))
        except _Refused as refused:
            problems.append(Problem(shown, refused.line, refused.column, refused.message))
    return Loaded(documents, problems)


def _discover(catalogue_dir: Path):
    """Yield (path, kind, refusal) for everything under catalogue/, in a stable order."""
    for entry in sorted(catalogue_dir.iterdir()):
        name = entry.name
        if entry.is_symlink():
            yield entry, None, "symbolic links are not allowed in catalogue/: replace the link with the file itself"
        elif entry.is_dir() and name in FOLDER_KINDS:
            for item in sorted(entry.iterdir()):
                if item.name.startswith(".") and not item.is_symlink():
                    continue  # .gitkeep, editor swap files
                yield item, FOLDER_KINDS[name], _refusal_for_item(item, name)
        elif entry.is_file() and name in SINGLE_FILE_KINDS:
            yield entry, SINGLE_FILE_KINDS[name], None
        elif name.startswith("."):
            continue  # editor and OS litter such as .DS_Store is ignored
        else:
            expected = ", ".join([f"{folder}/" for folder in FOLDER_KINDS] + list(SINGLE_FILE_KINDS))
            yield entry, None, f"unexpected {'folder' if entry.is_dir() else 'file'} in catalogue/: only {expected} belong here"


def _refusal_for_item(item: Path, folder: str) -> str | None:
    if item.is_symlink():
        return "symbolic links are not allowed in catalogue/: replace the link with the file itself"
    if item.is_dir():
        return f"unexpected folder in catalogue/{folder}/: each {FOLDER_KINDS[folder]} is one .yaml file"
    if item.suffix == ".yml":
        return f"rename this file to {item.stem}.yaml: catalogue files end in .yaml"
    if item.suffix != ".yaml":
        return f"unexpected file in catalogue/{folder}/: only .yaml files belong here"
    return None


def read_document(path: Path, kind: str, shown: str) -> Document:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _Refused(1, 1, f"the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} (1 MiB): split it or shorten it")
    text = decode(path.read_bytes())
    _refuse_tabs(text)
    parser = YAML(typ="safe", pure=False)
    try:
        _refuse_unsafe_events(parser, text)
        root = parser.compose(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise _Refused(line, column, f"YAML syntax error: {_explain_syntax(error)}") from None
    except YAMLError as error:
        raise _Refused(1, 1, f"YAML syntax error: {error}") from None
    if root is None:
        raise _Refused(1, 1, "the file is empty: it must hold a mapping of field names to values")
    if not isinstance(root, yaml_nodes.MappingNode):
        found = "a list" if isinstance(root, yaml_nodes.SequenceNode) else "a single value"
        raise _Refused(*_mark(root), f"the file must hold a mapping of field names to values (name: value), not {found}")
    document = Document(shown, kind, None)
    document.value_positions[()] = _mark(root)
    document.data = _build(root, (), document, parser.constructor)
    return document


# What the parser says, and what a contributor can do about it.
_SYNTAX_HINTS = {
    "mapping values are not allowed": "check this line's indentation, or put quotes around a value that contains ': '",
    "could not find expected ':'": "each line needs 'name: value'; check the line above for a missing colon or quote",
    "found unexpected end of stream": "a quote or bracket is not closed",
    "found character that cannot start any token": "a value starting with a special character such as @ or ` needs quotes",
}


def _explain_syntax(error: MarkedYAMLError) -> str:
    problem = error.problem or "invalid YAML"
    if problem.startswith("but ") and error.context:
        problem = f"{error.context}, {problem}"
    hint = next((h for start, h in _SYNTAX_HINTS.items() if problem.startswith(start)), None)
    return f"{problem} ({hint})" if hint else problem


def decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or raw.startswith((b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")):
        raise _Refused(1, 1, "the file is saved as UTF-16 or UTF-32: save it as UTF-8")
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise _Refused(line, 1, "the file contains NUL bytes: it is not a text file (save it as UTF-8 text)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise _Refused(line, column, f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02x}): save it as UTF-8") from None
    return text.removeprefix("\ufeff")


def _refuse_tabs(text: str) -> None:
    for number, line in enumerate(text.split("\n"), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise _Refused(number, indent.index("\t") + 1, "tab character in the indentation: indent with spaces")


def _refuse_unsafe_events(parser: YAML, text: str) -> None:
    """Walk the event stream once (C parser, no recursion) before anything is built."""
    depth = 0
    for event in parser.parse(text):
        if isinstance(event, yaml_events.AliasEvent):
            raise _Refused(*_mark(event), f"aliases (*{event.anchor}) are not allowed: write the value out in full")
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Refused(*_mark(event), f"anchors (&{anchor}) are not allowed: write each value out in full")
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _SCALAR_TAGS and tag not in (_TAG + "map", _TAG + "seq"):
            shown = tag.replace(_TAG, "!!")
            raise _Refused(*_mark(event), f"the tag {shown} is not allowed: write plain values without tags")
        if isinstance(event, yaml_events.CollectionStartEvent):
            depth += 1
            if depth > MAX_NESTING:
                raise _Refused(*_mark(event), f"the data is nested more than {MAX_NESTING} levels deep")
        elif isinstance(event, yaml_events.CollectionEndEvent):
            depth -= 1


def _build(node, path: tuple, document: Document, constructor) -> Any:
    if isinstance(node, yaml_nodes.MappingNode):
        result: dict[str, Any] = {}
        first_seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml_nodes.ScalarNode) or key_node.tag == _TAG + "merge":
                raise _Refused(*_mark(key_node), "keys must be plain field names")
            key = str(key_node.value)
            if key in result:
                line = first_seen[key][0]
                raise _Refused(*_mark(key_node), f"duplicate key '{key}' (first given on line {line}): keep one")
            first_seen[key] = _mark(key_node)
            child = path + (key,)
            document.key_positions[child] = _mark(key_node)
            document.value_positions[child] = _mark(value_node)
            result[key] = _build(value_node, child, document, constructor)
        return result
    if isinstance(node, yaml_nodes.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            child = path + (index,)
            document.key_positions[child] = document.value_positions[child] = _mark(item)
            items.append(_build(item, child, document, constructor))
        return items
    if node.tag == _TIMESTAMP:
        return node.value
    if node.tag not in _SCALAR_TAGS:
        raise _Refused(*_mark(node), f"the tag {node.tag} is not allowed")
    return constructor.construct_object(node)
