"""The field reference for contributors, generated from the schemas' descriptions and examples."""
from __future__ import annotations

from pathlib import Path


def write_field_reference(docs_dir: Path, schema_dir: Path) -> None:
    """Write the field reference page(s) under docs_dir."""
