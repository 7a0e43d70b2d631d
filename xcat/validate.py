"""Stage 2: every problem in every file, in one run: schema first, then the rules."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import dates
from .load import Document, load_catalogue
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
    problems = list(loaded.problems)
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
