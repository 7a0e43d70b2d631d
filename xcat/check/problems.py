"""Problems found in the catalogue, and the two ways of printing them."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing a contributor must fix. Line and column are 1-based."""

    path: str
    line: int
    column: int
    message: str

    def as_text(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: error: {self.message}"

    def as_github(self) -> str:
        # Workflow-command escaping: properties also escape ':' and ','.
        def data(text: str) -> str:
            return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def prop(text: str) -> str:
            return data(text).replace(":", "%3A").replace(",", "%2C")

        return (
            f"::error file={prop(self.path)},line={self.line},col={self.column},"
            f"title={prop('catalogue check')}::{data(self.message)}"
        )


def field_path(path: tuple) -> str:
    """('levels', 1, 'fee') -> 'levels[1].fee', the way contributors see the YAML."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(top level)"
