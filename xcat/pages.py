"""Stage 4a: the site's pages, as Markdown rendered from the model through templates."""
from __future__ import annotations

from pathlib import Path

from .model import Catalogue


def write_pages(catalogue: Catalogue, docs_dir: Path) -> None:
    (docs_dir / "index.md").write_text(f"# 1+X\n\n{len(catalogue.certificates)}\n", encoding="utf-8")
