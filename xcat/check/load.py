"""Stage 1: find the catalogue's files and read each into plain data with positions.

YAML is parsed by ruamel.yaml's C parser (ruamel.yaml.clib) into nodes that carry
their line and column, then turned into plain dicts, lists and scalars with a map of
where each key and value stands. Nothing here is trusted: anchors, aliases, tags,
deep nesting, duplicate keys, tabs, bad encodings and oversized files are refused
before they can cost time or memory.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml import events as yaml_events
from ruamel.yaml import nodes as yaml_nodes
from ruamel.yaml.composer import ComposerError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from ..vocabulary import FOLDER_KINDS, SINGLE_FILE_KINDS
from .problems import Problem, field_path

MAX_FILE_BYTES = 1024 * 1024
MAX_NESTING = 32
# Field names and values in one file. Checking costs about 0.1 ms for each, so this bounds a
# file to about 2 s; 1 MiB of short values would hold 300,000. The full national list of
# majors (about 2,000, with English names) needs under 20,000.
MAX_NODES = 25_000


_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null")}
# Unquoted dates stay the text the contributor wrote; the schema decides what a date is.
_TIMESTAMP = _TAG + "timestamp"
_STR = _TAG + "str"

Position = tuple[int, int]  # 1-based line, column

# What YAML lets a file hold (its printable set). Checked before parsing, so a stray
# character is reported once, where it stands, rather than by the parser's reader.
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# What a value may not hold even when written as an escape ("\x01"): XML 1.0 (the Atom
# feeds) refuses C0 controls and U+FFFE/U+FFFF, UTF-8 cannot encode lone surrogates, and
# C1 controls and DEL only ever arrive by mistake. Newline and tab are text.
_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


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
    resolved: dict = {}
    if not catalogue_dir.is_dir():
        return Loaded([], [Problem(display_path(catalogue_dir, base), 1, 1, "the catalogue folder does not exist")])
    for path, kind, refusal in _discover(catalogue_dir):
        shown = display_path(path, base)
        if refusal:
            problems.append(Problem(shown, 1, 1, refusal))
            continue
        try:
            documents.append(read_document(path, kind, shown, resolved))
        except _Refused as refused:
            problems.append(Problem(shown, refused.line, refused.column, refused.message))
        except OSError as error:
            problems.append(Problem(shown, 1, 1, _unreadable("file", error)))
    return Loaded(documents, problems)


def _unreadable(what: str, error: OSError) -> str:
    reason = "permission denied" if isinstance(error, PermissionError) else (error.strerror or str(error)).lower()
    access = "read" if what == "file" else "read and enter"
    return f"the {what} cannot be read ({reason}): give yourself permission to {access} it (chmod u+r{'' if what == 'file' else 'x'}), or remove it"


def _listing(folder: Path) -> tuple[list[Path], str | None]:
    """The folder's entries in a stable order, or why it cannot be read."""
    try:
        return sorted(folder.iterdir()), None
    except OSError as error:
        return [], _unreadable("folder", error)


def _discover(catalogue_dir: Path):
    """Yield (path, kind, refusal) for everything under catalogue/, in a stable order."""
    entries, refusal = _listing(catalogue_dir)
    if refusal:
        yield catalogue_dir, None, refusal
    for entry in entries:
        name = entry.name
        if entry.is_symlink():
            yield entry, None, "symbolic links are not allowed in catalogue/: replace the link with the file itself"
        elif entry.is_dir() and name in FOLDER_KINDS:
            items, refusal = _listing(entry)
            if refusal:
                yield entry, None, refusal
            for item in items:
                if item.name.startswith(".") and not item.is_symlink():
                    continue  # .gitkeep, editor swap files
                yield item, FOLDER_KINDS[name], _refusal_for_item(item, name)
        elif entry.is_file() and name in SINGLE_FILE_KINDS:
            yield entry, SINGLE_FILE_KINDS[name], None
        elif name.startswith("."):
            continue  # editor and OS litter such as .DS_Store is ignored
        else:
            expected = ", ".join([f"{folder}/" for folder in FOLDER_KINDS] + list(SINGLE_FILE_KINDS))
            yield (
                entry,
                None,
                f"unexpected {'folder' if entry.is_dir() else 'file'} in catalogue/: only {expected} belong here",
            )


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


def read_document(path: Path, kind: str, shown: str, resolved: dict | None = None) -> Document:
    """resolved: scalar tags already resolved, shared by the files of one catalogue (they repeat ids and keys)."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _Refused(
            1, 1, f"the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} (1 MiB): split it or shorten it"
        )
    text = decode(path.read_bytes())
    _refuse_tabs(text)
    parser = YAML(typ="safe", pure=False)
    document = Document(shown, kind, None)
    # A %YAML directive could change how plain scalars resolve: such a file keeps its own answers.
    builder = _Builder(document, parser, {} if resolved is None or text.startswith("%") or "\n%" in text else resolved)
    try:
        _read_events(parser, text, builder)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise _Refused(line, column, f"YAML syntax error: {_explain_syntax(error)}") from None
    except YAMLError as error:
        raise _Refused(1, 1, f"YAML syntax error: {error}") from None
    if builder.root is None:
        raise _Refused(1, 1, "the file is empty: it must hold a mapping of field names to values")
    root_event, root_position = builder.root
    if root_event is not yaml_events.MappingStartEvent:
        found = "a list" if root_event is yaml_events.SequenceStartEvent else "a single value"
        raise _Refused(
            *root_position, f"the file must hold a mapping of field names to values (name: value), not {found}"
        )
    if builder.refused:
        raise builder.refused
    document.data = builder.data
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
        raise _Refused(
            line, column, f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02x}): save it as UTF-8"
        ) from None
    text = text.removeprefix("\ufeff")
    found = _NOT_YAML.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        raise _Refused(
            line, column, f"the file holds {_character(found.group())}, which a catalogue file cannot hold: delete it"
        )
    return text


def _character(char: str) -> str:
    kind = "the control character" if unicodedata.category(char) == "Cc" else "the character"
    return f"{kind} U+{ord(char):04X}"


def _refuse_tabs(text: str) -> None:
    for number, line in enumerate(text.split("\n"), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise _Refused(number, indent.index("\t") + 1, "tab character in the indentation: indent with spaces")


def _read_events(parser: YAML, text: str, builder: _Builder) -> None:
    """Walk the event stream once (C parser, no recursion): refuse what is unsafe anywhere
    in the file, and build the data from the same events, so nothing is parsed twice."""
    depth = nodes = 0
    first_document = second_document = None
    for event in parser.parse(text):
        if isinstance(event, yaml_events.NodeEvent):
            nodes += 1
            if nodes > MAX_NODES:
                raise _Refused(
                    *_mark(event),
                    f"the file holds more than {MAX_NODES:,} field names and values, the limit that keeps checking fast: shorten it",
                )
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
        if isinstance(event, yaml_events.DocumentStartEvent):
            if first_document is None:
                first_document = event
            elif second_document is None:
                second_document = event
        elif second_document is None and isinstance(event, (yaml_events.NodeEvent, yaml_events.CollectionEndEvent)):
            builder.feed(event)
    if first_document is not None and second_document is not None:
        # What composing the stream would say; reported only once the whole file is known to be safe.
        raise ComposerError(
            "expected a single document in the stream",
            first_document.start_mark,
            "but found another document",
            second_document.start_mark,
        )


class _Builder:
    """Turns the events of one document into plain dicts, lists and scalars with positions.

    The first thing wrong (a complex or merge key, a duplicate key, a disallowed tag) is kept
    in refused and building stops; read_document raises it once the whole file has been read,
    after the checks that concern the file as a whole."""

    def __init__(self, document: Document, parser: YAML, resolved: dict):
        self.document = document
        self.resolver = parser.resolver
        self.constructor = parser.constructor
        self.root: tuple[type, Position] | None = None
        self.data: Any = None
        self.refused: _Refused | None = None
        self.resolved = resolved
        # One frame per open mapping or sequence: [container, path, key awaiting its value, where each key was first seen]
        self.stack: list[list] = []

    def feed(self, event) -> None:
        if self.refused is not None:
            return
        kind = type(event)
        if issubclass(kind, yaml_events.CollectionEndEvent):
            self.stack.pop()
            return
        position = _mark(event)
        if self.root is None:
            self.root = (kind, position)
            if kind is yaml_events.MappingStartEvent:
                self.data = {}
                self.document.value_positions[()] = position
                self.stack.append([self.data, (), None, {}])
            else:
                self.refused = _Refused(0, 0, "")  # read_document reports the top level instead
            return
        frame = self.stack[-1]
        container, path, key, _first_seen = frame
        if isinstance(container, dict) and key is None:
            self._key(event, kind, position, frame)
            return
        if isinstance(container, dict):
            child = path + (key,)
            self.document.value_positions[child] = position
            frame[2] = None
        else:
            child = path + (len(container),)
            self.document.key_positions[child] = self.document.value_positions[child] = position
        if kind is yaml_events.ScalarEvent:
            value = self._scalar(event, child)
            if self.refused is not None:
                return
        else:
            value = {} if kind is yaml_events.MappingStartEvent else []
            self.stack.append([value, child, None, {}])
        if isinstance(container, dict):
            container[key] = value
        else:
            container.append(value)

    def _key(self, event, kind, position: Position, frame: list) -> None:
        _container, path, _, first_seen = frame
        if kind is not yaml_events.ScalarEvent or self._tag(event) == _TAG + "merge":
            self.refused = _Refused(*position, "keys must be plain field names")
            return
        key = str(event.value)
        if self._refuse_text(key, path + (key,), position):
            return
        if key in first_seen:
            self.refused = _Refused(
                *position, f"duplicate key '{key}' (first given on line {first_seen[key][0]}): keep one"
            )
            return
        first_seen[key] = position
        self.document.key_positions[path + (key,)] = position
        frame[2] = key

    def _tag(self, event) -> str:
        """The scalar's tag, resolved from its text as the composer would resolve it."""
        tag = event.tag
        if tag is None or tag == "!":
            # Resolving is slow and keys, ids and dates repeat: remember each answer.
            implicit = (event.value, event.implicit)
            tag = self.resolved.get(implicit)
            if tag is None:
                tag = self.resolved[implicit] = str(
                    self.resolver.resolve(yaml_nodes.ScalarNode, event.value, event.implicit)
                )
        return tag

    def _refuse_text(self, text: str, path: tuple, position: Position) -> bool:
        found = _NOT_TEXT.search(text)
        if found:
            self.refused = _Refused(
                *position,
                f"{field_path(path)}: the text holds {_character(found.group())} "
                f"(character {found.start() + 1}), which the site and open data cannot carry: delete it",
            )
        return found is not None

    def _scalar(self, event, path: tuple) -> Any:
        tag = self._tag(event)
        if tag in (_TIMESTAMP, _STR):  # text stays the text written (what the safe constructor returns for str)
            self._refuse_text(event.value, path, _mark(event))
            return event.value
        if tag not in _SCALAR_TAGS:
            self.refused = _Refused(*_mark(event), f"the tag {tag} is not allowed")
            return None
        node = yaml_nodes.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        try:
            value = self.constructor.construct_object(node)
        except (ValueError, KeyError, TypeError, YAMLError):  # an explicit tag that does not fit: !!int abc
            shown = tag.replace(_TAG, "!!")
            self.refused = _Refused(
                *_mark(event), f"the value {event.value!r} cannot be read as {shown}: remove the tag or fix the value"
            )
            return None
        if isinstance(value, float) and not math.isfinite(value):
            # JSON has no NaN or infinity, and no fee or count is either: refuse it here, where it stands.
            self.refused = _Refused(
                *_mark(event),
                f"{field_path(path)}: {event.value} is not a number: write a number such as 290, or leave the field out",
            )
            return None
        return value
