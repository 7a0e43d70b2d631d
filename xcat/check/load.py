"""Stage 1: find the catalogue's files and read each into plain data with positions.

YAML is parsed by ruamel.yaml's C parser (ruamel.yaml.clib) into nodes that carry
their line and column, then turned into plain dicts, lists and scalars with a map of
where each key and value stands. Nothing here is trusted: anchors, aliases, tags,
deep nesting, duplicate keys, tabs, bad encodings and oversized files are refused
before they can cost time or memory.
"""

from __future__ import annotations

import codecs
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml import events as yaml_events
from ruamel.yaml import nodes as yaml_nodes
from ruamel.yaml.composer import ComposerError
from ruamel.yaml.cyaml import CParser
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from ..vocabulary import FOLDER_KINDS, SINGLE_FILE_KINDS
from .problems import Problem, about, say
from .typist import LINE_BREAK, syntax_hint

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
    """One catalogue file: its data and where each key and value stands in the file.

    The positions are found when a problem first asks for one, by reading the text again:
    most files have no problem, and recording every position while loading took a quarter
    of the loading time and most of the check's memory (54 MB at 5,000 certificates)."""

    path: str  # as shown to contributors, e.g. catalogue/certificates/x.yaml
    kind: str
    data: Any
    text: str = field(default="", repr=False)  # as read, to point at a typist's mistake in a line
    key_positions: dict[tuple, Position] = field(default_factory=dict, init=False, repr=False, compare=False)
    value_positions: dict[tuple, Position] = field(default_factory=dict, init=False, repr=False, compare=False)
    located: bool = field(default=False, init=False, repr=False, compare=False)
    _lines: list[str] | None = field(default=None, init=False, repr=False, compare=False)

    @cached_property
    def stem(self) -> str:  # the rules ask for it often: 6 % of checking 5,000 certificates as a Path each time
        return Path(self.path).stem

    def where(self, path: tuple = (), *, key: bool = False) -> Position:
        """The position of the value (or key) at path, or of its nearest ancestor."""
        if not self.located:
            _read_events(self.text, _Builder(self, {}, locate=True))
            self.located = True
        path = tuple(path)
        while path:
            table = self.key_positions if key else self.value_positions
            if path in table:
                return table[path]
            path = path[:-1]
            key = False  # pragma: no mutate (None is as false)
        return self.value_positions[()]  # a loaded file is a mapping: its top always has a position

    def problem(self, path: tuple, message: str, *, key: bool = False, at: str | None = None) -> Problem:
        """at: the character that is wrong, when the message names one: the problem stands on it."""
        line, column = self.where(path, key=key)
        if at:
            found = self.line(line).find(at, column - 1)
            if found >= 0:  # pragma: no mutate (found is -1 or at least column - 1: > 0 is the same)
                column = found + 1
        return Problem(self.path, line, column, message)

    def line(self, number: int) -> str:
        """The file's line `number` (1-based, a position's line) as typed (split once, when a problem needs it)."""
        if self._lines is None:
            self._lines = LINE_BREAK.split(self.text)
        return self._lines[number - 1]

    def release(self) -> None:
        """Forget the text (and any positions a problem asked for) once every problem has been found:
        a build needs only the data."""
        self.key_positions = self.value_positions = _RELEASED
        # located: where() goes straight to _RELEASED, which refuses; unlocated, it would first read the
        # empty text and refuse all the same (so not mutated).
        self.located, self.text, self._lines = True, "", None  # pragma: no mutate


class _Released(dict):
    """The positions of a released document: asking for one is a bug, not a problem at line 1."""

    def _refuse(self, *asked):
        raise RuntimeError("the document's positions were released after the check (Document.release)")

    __contains__ = get = __getitem__ = _refuse


_RELEASED = _Released()


@dataclass
class Loaded:
    documents: list[Document]
    problems: list[Problem]


class _Refused(Exception):
    """A file the loader refuses, and where; caught in this module, which reads only its fields."""

    def __init__(self, line: int, column: int, message: str):
        super().__init__(message)  # pragma: no mutate - the exception's own text is never shown
        self.line, self.column, self.message = line, column, message


def _mark(node_or_event) -> Position:
    mark = node_or_event.start_mark
    return (mark.line + 1, mark.column + 1)


def display_path(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def load_catalogue(catalogue_dir: Path) -> list[Document]:
    """Every file under catalogue_dir that can be read, for the tools that edit the catalogue
    (the check reads them itself, and reports the ones that cannot be read)."""
    resolved: dict = {}  # pragma: no mutate - a cache of resolved scalar tags (None: one per file)
    entries = find_files(catalogue_dir)
    # Equivalent mutant: a None cache is one per file, which reads the same documents.
    read = [read_entry(entry, resolved) for entry in entries]  # pragma: no mutate
    return [document for document in read if isinstance(document, Document)]


# A file found under catalogue/: its path, as shown to contributors, its kind, and why it is refused (or None).
Entry = tuple[Path, str, str | None, str | None]


def find_files(catalogue_dir: Path, base: Path | None = None) -> list[Entry]:
    """Everything under catalogue/ in a stable order, each to be read by read_entry."""
    base = base or Path.cwd()
    if not catalogue_dir.is_dir():
        return [
            (
                catalogue_dir,
                display_path(catalogue_dir, base),
                None,
                say("目录文件夹不存在", "the catalogue folder does not exist"),
            )
        ]
    return [(path, display_path(path, base), kind, refusal) for path, kind, refusal in _discover(catalogue_dir)]


def read_entry(entry: Entry, resolved: dict, raw: bytes | None = None) -> Document | Problem:
    """The file's document, or the one problem that keeps it from being read.
    resolved: shared by the files of one catalogue (read_document). raw: its bytes, if already read."""
    path, shown, kind, refusal = entry
    if refusal or kind is None:
        # _discover gives every entry of unknown kind its refusal: `or ""` is for the type checker.
        return Problem(shown, 1, 1, refusal or "")  # pragma: no mutate
    try:
        # resolved only saves time: without it each file resolves its own tags, alike (not mutated).
        return read_document(path, kind, shown, resolved, raw)  # pragma: no mutate
    except _Refused as refused:
        return Problem(shown, refused.line, refused.column, refused.message)
    except OSError as error:
        return Problem(shown, 1, 1, _unreadable("file", error))


def _unreadable(what: str, error: OSError) -> str:
    denied = isinstance(error, PermissionError)
    reason = (error.strerror or str(error)).lower()  # "permission denied" for a PermissionError
    access = "read" if what == "file" else "read and enter"
    mode = "r" if what == "file" else "rx"
    zh_what, zh_access = ("文件", "读取") if what == "file" else ("文件夹", "读取和进入")
    return say(
        f"{zh_what}无法读取（{'没有权限' if denied else reason}）：请给自己{zh_access}它的权限（chmod u+{mode}），或删除它",
        f"the {what} cannot be read ({reason}): give yourself permission to {access} it (chmod u+{mode}), or remove it",
    )


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
            yield entry, None, _SYMLINK
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
            noun, zh_noun = ("folder", "文件夹") if entry.is_dir() else ("file", "文件")
            yield (
                entry,
                None,
                say(
                    f"catalogue/ 里不应有这个{zh_noun}：这里只放 {expected}",
                    f"unexpected {noun} in catalogue/: only {expected} belong here",
                ),
            )


def _refusal_for_item(item: Path, folder: str) -> str | None:
    if item.is_symlink():
        return _SYMLINK
    if item.is_dir():
        return say(
            f"catalogue/{folder}/ 里不应有文件夹：每个 {FOLDER_KINDS[folder]} 是一个 .yaml 文件",
            f"unexpected folder in catalogue/{folder}/: each {FOLDER_KINDS[folder]} is one .yaml file",
        )
    if item.suffix == ".yml":
        return say(
            f"请把文件改名为 {item.stem}.yaml：目录文件以 .yaml 结尾",
            f"rename this file to {item.stem}.yaml: catalogue files end in .yaml",
        )
    if item.suffix != ".yaml":
        return say(
            f"catalogue/{folder}/ 里只放 .yaml 文件",
            f"unexpected file in catalogue/{folder}/: only .yaml files belong here",
        )
    return None


_SYMLINK = say(
    "catalogue/ 里不能有符号链接：请用文件本身替换链接",
    "symbolic links are not allowed in catalogue/: replace the link with the file itself",
)


def read_document(
    path: Path, kind: str, shown: str, resolved: dict | None = None, raw: bytes | None = None
) -> Document:
    """resolved: scalar tags already resolved, shared by the files of one catalogue (they repeat ids and keys).
    raw: the file's bytes if the caller read them (the check's cache keys its entry by these very bytes)."""
    size = path.stat().st_size if raw is None else len(raw)
    if size > MAX_FILE_BYTES:
        raise _Refused(
            1,
            1,
            say(
                f"文件有 {size:,} 字节，上限是 {MAX_FILE_BYTES:,}（1 MiB）：请拆分或缩短",
                f"the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} (1 MiB): split it or shorten it",
            ),
        )
    text = decode(path.read_bytes() if raw is None else raw)
    _refuse_tabs(text)
    document = Document(shown, kind, None, text=text)
    # A %YAML directive could change how plain scalars resolve: such a file keeps its own answers.
    # The resolver used here reads `yes` and `010` alike under %YAML 1.1, so no test can tell the
    # shared answers from the file's own; the guard stays against a ruamel that honours it (not mutated).
    directive = text.startswith("%") or "\n%" in text  # pragma: no mutate
    builder = _Builder(document, {} if resolved is None or directive else resolved)  # pragma: no mutate
    try:
        _read_events(text, builder)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        # Where the parser stopped is often a line after a typist's mistake: name the mistake, where it is.
        hint = syntax_hint(text, line)
        if hint:
            raise _Refused(hint[0], hint[1], say(hint[2], hint[3])) from None
        raise _Refused(line, column, _explain_syntax(error)) from None
    except YAMLError as error:
        raise _Refused(1, 1, say("YAML 语法错误", f"YAML syntax error: {error}")) from None
    if builder.root is None:
        raise _Refused(
            1,
            1,
            say(
                "文件是空的：应写成“字段名: 值”的映射",
                "the file is empty: it must hold a mapping of field names to values",
            ),
        )
    root_event, root_position = builder.root
    if root_event is not yaml_events.MappingStartEvent:
        found, zh_found = (
            ("a list", "列表") if root_event is yaml_events.SequenceStartEvent else ("a single value", "单个值")
        )
        raise _Refused(
            *root_position,
            say(
                f"文件应是“字段名: 值”的映射，而不是{zh_found}",
                f"the file must hold a mapping of field names to values (name: value), not {found}",
            ),
        )
    if builder.refused:
        raise builder.refused
    document.data = builder.data
    return document


# What the parser says, and what a contributor can do about it (Chinese, English).
_SYNTAX_HINTS = {
    "mapping values are not allowed": (
        "检查这一行的缩进，或给含有“: ”的值加上引号",
        "check this line's indentation, or put quotes around a value that contains ': '",
    ),
    "could not find expected ':'": (
        "每行应写成“字段名: 值”：检查上一行是否少了冒号或引号",
        "each line needs 'name: value'; check the line above for a missing colon or quote",
    ),
    "found unexpected end of stream": ("有引号或括号没有闭合", "a quote or bracket is not closed"),
    "found character that cannot start any token": (
        "以 @ 或 ` 等特殊字符开头的值要加引号",
        "a value starting with a special character such as @ or ` needs quotes",
    ),
}


def _explain_syntax(error: MarkedYAMLError) -> str:
    # Never without a problem (libyaml always names one, and so does our ComposerError): a fallback.
    problem = error.problem or "invalid YAML"  # pragma: no mutate
    if problem.startswith("but ") and error.context:
        problem = f"{error.context}, {problem}"
    zh, en = next((h for start, h in _SYNTAX_HINTS.items() if problem.startswith(start)), ("", ""))
    return say(
        f"YAML 语法错误：{zh}" if zh else "YAML 语法错误",
        f"YAML syntax error: {problem} ({en})" if en else f"YAML syntax error: {problem}",
    )


def decode(raw: bytes) -> str:
    # UTF-16's byte order marks, and UTF-32's big-endian one (its little-endian one begins with UTF-16's)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        raise _Refused(
            1,
            1,
            say(
                "文件保存成了 UTF-16 或 UTF-32：请另存为 UTF-8",
                "the file is saved as UTF-16 or UTF-32: save it as UTF-8",
            ),
        )
    raw = raw.removeprefix(codecs.BOM_UTF8)  # Notepad's mark of UTF-8: no character, no column
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise _Refused(
            line,
            1,
            say(
                "文件含有 NUL 字节，不是文本文件：请另存为 UTF-8 文本",
                "the file contains NUL bytes: it is not a text file (save it as UTF-8 text)",
            ),
        )
    try:
        text = raw.decode()  # UTF-8, whatever the machine's locale
    except UnicodeDecodeError as error:
        line, column = _place(raw[: error.start].decode())  # valid up to the error
        raise _Refused(
            line,
            column,
            say(
                f"文件不是有效的 UTF-8（字节 0x{raw[error.start]:02x}，也许保存成了 GBK）：请另存为 UTF-8",
                f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02x}): save it as UTF-8",
            ),
        ) from None
    found = _NOT_YAML.search(text)
    if found:
        line, column = _place(text[: found.start()])
        zh, en = _character(found.group())
        raise _Refused(
            line,
            column,
            say(
                f"文件含有{zh}，目录文件不能含有它：请删除",
                f"the file holds {en}, which a catalogue file cannot hold: delete it",
            ),
        )
    return text


def _place(preceding: str) -> tuple[int, int]:
    """The line and column, from 1, of what follows `preceding`, the file's text before it."""
    return preceding.count("\n") + 1, len(preceding) - preceding.rfind("\n")


def _character(char: str) -> tuple[str, str]:
    control = unicodedata.category(char) == "Cc"
    return (
        f"{'控制字符' if control else '字符'} U+{ord(char):04X}",
        f"{'the control character' if control else 'the character'} U+{ord(char):04X}",
    )


def _refuse_tabs(text: str) -> None:
    for number, line in enumerate(text.split("\n"), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise _Refused(
                number,
                indent.index("\t") + 1,
                say("缩进里有制表符（Tab）：请用空格缩进", "tab character in the indentation: indent with spaces"),
            )


@cache
def _scalars():
    """The resolver and constructor of ruamel.yaml's safe C loader, made once: YAML().parse builds
    a loader class, a resolver and a constructor for every file, which cost more than parsing one."""
    loader, _ = YAML(typ="safe", pure=False).get_constructor_parser("")
    return loader


_SCALAR = yaml_events.ScalarEvent
_MAPPING = yaml_events.MappingStartEvent
_SEQUENCE = yaml_events.SequenceStartEvent
_ALIAS = yaml_events.AliasEvent
_ENDS = (yaml_events.MappingEndEvent, yaml_events.SequenceEndEvent)
_ALLOWED_TAGS = _SCALAR_TAGS | {_TAG + "map", _TAG + "seq", None}


def _read_events(text: str, builder: _Builder) -> None:
    """Walk the event stream once (C parser, no recursion): refuse what is unsafe anywhere
    in the file, and build the data from the same events, so nothing is parsed twice."""
    depth = nodes = 0
    first_document = second_document = None
    parser = CParser(text)
    try:
        while parser.check_event():
            event = parser.get_event()
            kind = type(event)
            if kind is _SCALAR or kind is _MAPPING or kind is _SEQUENCE or kind is _ALIAS:
                nodes += 1
                if nodes > MAX_NODES:
                    raise _Refused(
                        *_mark(event),
                        say(
                            f"文件中的字段名和值超过 {MAX_NODES:,} 个（这个上限让检查保持快速）：请缩短",
                            f"the file holds more than {MAX_NODES:,} field names and values, the limit that keeps checking fast: shorten it",
                        ),
                    )
                # A shortcut past the call for the plain node: _refuse_node refuses nothing else (not mutated).
                if kind is _ALIAS or event.anchor is not None or event.tag not in _ALLOWED_TAGS:  # pragma: no mutate
                    _refuse_node(event, kind)
                if kind is not _SCALAR:
                    depth += 1
                    if depth > MAX_NESTING:
                        raise _Refused(
                            *_mark(event),
                            say(
                                f"数据嵌套超过 {MAX_NESTING} 层",
                                f"the data is nested more than {MAX_NESTING} levels deep",
                            ),
                        )
                if second_document is None and builder.refused is None:
                    builder.feed(event, kind)
            elif kind in _ENDS:
                depth -= 1
                if second_document is None:
                    builder.end()
            elif kind is yaml_events.DocumentStartEvent:
                if first_document is None:
                    first_document = event
                elif second_document is None:
                    second_document = event
    finally:
        parser.dispose()
    if first_document is not None and second_document is not None:
        # What composing the stream would say; reported only once the whole file is known to be safe.
        raise ComposerError(
            "expected a single document in the stream",
            None,  # the first document's place: the message stands where the second begins
            "but found another document",
            second_document.start_mark,
        )


def _refuse_node(event, kind) -> None:
    """Aliases, anchors and tags other than the plain ones are refused wherever they stand."""
    if kind is _ALIAS:
        raise _Refused(
            *_mark(event),
            say(
                f"不能使用别名（*{event.anchor}）：请把值完整写出",
                f"aliases (*{event.anchor}) are not allowed: write the value out in full",
            ),
        )
    if event.anchor is not None:
        raise _Refused(
            *_mark(event),
            say(
                f"不能使用锚点（&{event.anchor}）：请把每个值完整写出",
                f"anchors (&{event.anchor}) are not allowed: write each value out in full",
            ),
        )
    if event.tag not in _ALLOWED_TAGS:
        raise _Refused(*_mark(event), _tag_refusal(event.tag))


def _tag_refusal(tag: str) -> str:
    shown = tag.replace(_TAG, "!!")
    return say(
        f"不能使用标签 {shown}：请直接写值，不加标签",
        f"the tag {shown} is not allowed: write plain values without tags",
    )


class _Builder:
    """Turns the events of one document into plain dicts, lists and scalars with positions.

    The first thing wrong (a complex or merge key, a duplicate key, a disallowed tag) is kept
    in refused and building stops; read_document raises it once the whole file has been read,
    after the checks that concern the file as a whole."""

    def __init__(self, document: Document, resolved: dict, *, locate: bool = False):
        """locate: record where each key and value stands (Document.where asks for it)."""
        self.document = document
        self.locate = locate
        self.resolver = self.constructor = _scalars()
        self.root: tuple[type, Position] | None = None
        self.data: Any = None
        self.refused: _Refused | None = None
        self.resolved = resolved
        # One frame per open mapping or sequence: [container, path, key awaiting its value, where each key was first seen]
        self.stack: list[list] = []

    def end(self) -> None:
        """A mapping or a sequence ends."""
        if self.refused is None:
            self.stack.pop()

    def feed(self, event, kind: type) -> None:
        """A scalar, or the start of a mapping or a sequence (read_events checks refused first)."""
        mark = event.start_mark
        position = (mark.line + 1, mark.column + 1)
        if self.root is None:
            self._root(kind, position)
            return
        stack = self.stack
        frame = stack[-1]
        container, path, key, _first_seen = frame
        if key is None and type(container) is dict:
            self._key(event, kind, position, frame)
            return
        if key is not None:
            child = path + (key,)
            if self.locate:
                self.document.value_positions[child] = position
            frame[2] = None
        else:
            child = path + (len(container),)
            if self.locate:
                self.document.key_positions[child] = self.document.value_positions[child] = position
        if kind is _SCALAR:
            value = self._scalar(event, child)
            if self.refused is not None:
                return
        else:
            value = {} if kind is _MAPPING else []
            stack.append([value, child, None, {}])
        if key is not None:
            container[key] = value
        else:
            container.append(value)

    def _root(self, kind: type, position: Position) -> None:
        self.root = (kind, position)
        if kind is _MAPPING:
            self.data = {}
            if self.locate:
                self.document.value_positions[()] = position
            self.stack.append([self.data, (), None, {}])
        else:
            # read_document reports the top level instead, with its own position and words (not mutated).
            self.refused = _Refused(0, 0, "")  # pragma: no mutate

    def _key(self, event, kind, position: Position, frame: list) -> None:
        _container, path, _, first_seen = frame
        if kind is not yaml_events.ScalarEvent or self._tag(event) == _TAG + "merge":
            self.refused = _Refused(*position, say("字段名必须是普通的名字", "keys must be plain field names"))
            return
        key = str(event.value)
        if self._refuse_text(key, path + (key,), position):
            return
        if key in first_seen:
            self.refused = _Refused(
                *position,
                say(
                    f"字段 '{key}' 重复（第一次出现在第 {first_seen[key][0]} 行）：只保留一个",
                    f"duplicate key '{key}' (first given on line {first_seen[key][0]}): keep one",
                ),
            )
            return
        first_seen[key] = position
        if self.locate:
            self.document.key_positions[path + (key,)] = position
        frame[2] = key

    def _tag(self, event) -> str:
        """The scalar's tag, resolved from its text as the composer would resolve it."""
        tag = event.tag
        if tag is None:  # "!" too would ask for resolving, but _read_events has refused it
            # Resolving is slow and keys, ids and dates repeat: remember each answer (a cache: not mutated).
            implicit = (event.value, event.implicit)
            tag = self.resolved.get(implicit)  # pragma: no mutate
            if tag is None:
                tag = self.resolved[implicit] = str(
                    self.resolver.resolve(yaml_nodes.ScalarNode, event.value, event.implicit)
                )
        return tag

    def _refuse_text(self, text: str, path: tuple, position: Position) -> bool:
        found = _NOT_TEXT.search(text)
        if found:
            zh, en = _character(found.group())
            self.refused = _Refused(
                *position,
                about(
                    path,
                    f"文字中有{zh}（第 {found.start() + 1} 个字符），网站和开放数据无法承载：请删除",
                    f"the text holds {en} (character {found.start() + 1}), which the site and open data cannot carry: delete it",
                ),
            )
        return found is not None

    def _scalar(self, event, path: tuple) -> Any:
        tag = self._tag(event)
        if tag in (_TIMESTAMP, _STR):  # text stays the text written (what the safe constructor returns for str)
            self._refuse_text(event.value, path, _mark(event))
            return event.value
        if tag not in _SCALAR_TAGS:  # a collection's tag on a single value: !!map x
            self.refused = _Refused(*_mark(event), _tag_refusal(tag))
            return None
        # Numbers, booleans and nulls repeat (levels, counts, years): construct each text once.
        # "value" keeps these keys apart from _tag's (text, implicit) pairs: any other word would too (not mutated).
        remembered = ("value", tag, event.value)  # pragma: no mutate
        if remembered in self.resolved:
            return self.resolved[remembered]
        # The safe constructor reads the tag and the text only: its errors, which would carry the node's
        # marks, are replaced by ours below, and the quoting style matters to round-trip loading alone.
        node = yaml_nodes.ScalarNode(tag, event.value)
        try:
            value = self.constructor.construct_non_recursive_object(node)
        except (ValueError, KeyError, TypeError, YAMLError):  # an explicit tag that does not fit: !!int abc
            shown = tag.replace(_TAG, "!!")
            self.refused = _Refused(
                *_mark(event),
                say(
                    f"值 {event.value!r} 不能读作 {shown}：去掉标签或改正值",
                    f"the value {event.value!r} cannot be read as {shown}: remove the tag or fix the value",
                ),
            )
            return None
        if isinstance(value, float) and not math.isfinite(value):
            # JSON has no NaN or infinity, and no fee or count is either: refuse it here, where it stands.
            self.refused = _Refused(
                *_mark(event),
                about(
                    path,
                    f"{event.value} 不是数字：写一个数字，如 290，或删去这个字段",
                    f"{event.value} is not a number: write a number such as 290, or leave the field out",
                ),
            )
            return None
        self.resolved[remembered] = value
        return value
