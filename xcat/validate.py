"""Stage 2: every problem in every file, in one run: schema first, then the rules."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import dates
from .load import FOLDER_KINDS, Document, display_path, load_catalogue
from .problems import Problem
from .rules import RULES, Index
from .schemas import SchemaSet


@dataclass
class Checked:
    documents: list[Document]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_catalogue(catalogue_dir: Path, schemas: SchemaSet, *, today: str | None = None, base: Path | None = None) -> Checked:
    loaded = load_catalogue(catalogue_dir, base)
    problems = list(loaded.problems) + _nothing_to_publish(catalogue_dir, base or Path.cwd())
    valid = []
    for document in loaded.documents:
        found = list(schemas.problems(document))
        problems.extend(found)
        if not found:
            valid.append(document)
    index = Index.build(valid, loaded.documents, today or dates.today())
    for rule in RULES:
        problems.extend(rule(index))
    return Checked(loaded.documents, sorted(set(problems)))


def _nothing_to_publish(catalogue_dir: Path, base: Path) -> list[Problem]:
    """A catalogue without certificates would publish an empty site over the real one."""
    folder = catalogue_dir / next(name for name, kind in FOLDER_KINDS.items() if kind == "certificate")
    if not catalogue_dir.is_dir() or (folder.is_dir() and any(folder.glob("*.yaml"))):
        return []
    shown = display_path(folder, base)
    return [Problem(shown, 1, 1, f"the catalogue has no certificates: add at least one file {shown}/<id>.yaml before publishing")]
