"""Stage 4b: open data (JSON API, CSV, Atom feeds, schemas) written from the model."""
from __future__ import annotations

from pathlib import Path

from .model import Catalogue


def write_exports(catalogue: Catalogue, docs_dir: Path, root: Path) -> None:
    """Write every open-data file under docs_dir, which MkDocs copies into the site."""
