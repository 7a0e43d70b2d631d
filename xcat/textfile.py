"""How the pipeline reads and writes a text file: UTF-8 (with \\n line ends when writing) on every
system, so the same input gives the same bytes on a contributor's Windows machine as in CI."""

from __future__ import annotations

from pathlib import Path


def write_text(path: Path, text: str) -> None:
    # Equivalent mutants where the tests run (Linux): the codec's name in other case, or the
    # platform's own encoding and line end, which are UTF-8 and \n there.
    path.write_text(text, encoding="utf-8", newline="\n")  # pragma: no mutate


def read_text(path: Path) -> str:
    # Equivalent mutants where the tests run (Linux): the codec's name in other case, or the
    # platform's own encoding, which is UTF-8 there.
    return path.read_text(encoding="utf-8")  # pragma: no mutate
