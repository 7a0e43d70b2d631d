"""Problems found in the catalogue, and the two ways of printing them."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# What a terminal or a log would obey or hide instead of showing: controls (C0, DEL, C1: newlines,
# ANSI escapes), format characters (bidi overrides, zero-width), line and paragraph separators,
# and the lone surrogates that stand for bytes of a file name that are not UTF-8.
_INVISIBLE = {"Cc", "Cf", "Cs", "Zl", "Zp"}
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """Contributor text (a file name, a value) as it can be printed: each invisible character as its escape (\\n, \\x1b, \\u202e)."""
    text = str(text)
    if text.isprintable():
        return text
    return "".join(_escape(c) if unicodedata.category(c) in _INVISIBLE else c for c in text)


def _escape(character: str) -> str:
    code = ord(character)
    if character in _SHORT:
        return _SHORT[character]
    # Equivalent mutants (< to <=, 0x100 to 0x101, ...): U+0100 and U+10000 are letters, never escaped.
    if code < 0x100:  # pragma: no mutate
        return f"\\x{code:02x}"
    if code < 0x10000:  # pragma: no mutate
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing a contributor must fix. Line and column are 1-based."""

    path: str
    line: int
    column: int
    message: str

    def as_text(self) -> str:
        return f"{visible(self.path)}:{self.line}:{self.column}: error: {visible(self.message)}"

    def as_github(self) -> str:
        # Workflow-command escaping (properties also escape ':' and ','), after making controls visible.
        def data(text: str) -> str:
            escaped = visible(text).replace("%", "%25")
            # Equivalent mutants: visible() has already written \r and \n as \\r and \\n, so this guard never fires.
            return escaped.replace("\r", "%0D").replace("\n", "%0A")  # pragma: no mutate

        def prop(text: str) -> str:
            return data(text).replace(":", "%3A").replace(",", "%2C")

        return (
            f"::error file={prop(self.path)},line={self.line},col={self.column},"
            f"title={prop('目录检查 catalogue check')}::{data(self.message)}"
        )


# Between the Chinese and the English half of every message to contributors.
SEPARATOR = " · "


def say(zh: str, en: str) -> str:
    """A message to contributors, Chinese first, then English ("中文 · English")."""
    return f"{zh}{SEPARATOR}{en}"


def about(path: tuple, zh: str, en: str) -> str:
    """A message about one field: its path as contributors see it, then both halves."""
    return f"{field_path(path)}: {say(zh, en)}"


def field_path(path: tuple) -> str:
    """('levels', 1, 'fee') -> 'levels[1].fee', the way contributors see the YAML."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(top level)"
