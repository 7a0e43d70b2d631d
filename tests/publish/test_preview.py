"""The preview's workspace (xcat/publish/preview.py) rewrites only what changed."""

from __future__ import annotations

import os

from xcat.publish.preview import move_changed


def test_only_files_whose_bytes_changed_are_replaced_and_vanished_files_are_removed(tmp_path):
    docs, scratch = tmp_path / "docs", tmp_path / "next"
    for folder, files in {
        docs: {"same.md": "a", "edited.md": "old", "gone.md": "x"},
        scratch: {"same.md": "a", "edited.md": "new", "new/page.md": "n"},
    }.items():
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
    os.utime(docs / "same.md", ns=(1_000_000_000, 1_000_000_000))  # long ago: MkDocs must not rebuild it

    changed, removed = move_changed(scratch, docs)

    assert (changed, removed) == (["edited.md", "new/page.md"], ["gone.md"])
    assert (docs / "edited.md").read_text(encoding="utf-8") == "new"
    assert (docs / "new/page.md").read_text(encoding="utf-8") == "n"
    assert not (docs / "gone.md").exists()
    assert (docs / "same.md").stat().st_mtime_ns == 1_000_000_000
    assert not scratch.exists()
