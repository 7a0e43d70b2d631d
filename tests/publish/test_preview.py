"""The preview's workspace (xcat/publish/preview.py) rewrites only what changed."""

from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path

import pytest

from tests.helpers import TODAY, copy_fictional, edit, search_fragments
from xcat import urls
from xcat.publish import search_index
from xcat.publish.preview import Workspace, move_changed
from xcat.settings import Options


def test_only_files_whose_bytes_changed_are_replaced_and_vanished_files_are_removed(tmp_path):
    docs, scratch = tmp_path / "docs", tmp_path / "next"
    for folder, files in {
        docs: {"same.md": "a", "edited.md": "old", "gone.md": "x"},
        scratch: {"same.md": "a", "edited.md": "new", "new/deeper/page.md": "n"},
    }.items():
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
    os.utime(docs / "same.md", ns=(1_000_000_000, 1_000_000_000))  # long ago: MkDocs must not rebuild it
    for edited in (docs / "edited.md", scratch / "edited.md"):  # same size and time: only the bytes tell
        os.utime(edited, ns=(2_000_000_000, 2_000_000_000))

    changed, removed = move_changed(scratch, docs)

    assert (changed, removed) == (["edited.md", "new/deeper/page.md"], ["gone.md"])
    assert (docs / "edited.md").read_text(encoding="utf-8") == "new"
    assert (docs / "new/deeper/page.md").read_text(encoding="utf-8") == "n"
    assert not (docs / "gone.md").exists()
    assert (docs / "same.md").stat().st_mtime_ns == 1_000_000_000
    assert not scratch.exists()


def titles_of_kappa(index: Path) -> str:
    """The titles of every fragment of fictional-kappa's page (the last index's and the one before)."""
    return " ".join(f["meta"]["title"] for f in search_fragments(index) if "fictional-kappa" in f["url"])


@pytest.mark.slow
def test_search_follows_an_edit_and_old_index_files_go(tmp_path):
    """After a rebuild, the preview re-indexes: the renamed certificate is found by its new name,
    and files of the index before last are deleted (a page may still use the last one's)."""
    catalogue = copy_fictional(tmp_path)
    workspace = Workspace(Options(catalogue=catalogue, today=TODAY), tmp_path / "preview")

    def rebuild(edited: set[Path]) -> None:
        assert workspace.edited(edited).checked.ok
        workspace.rest()
        workspace.index_for_search()

    rebuild(set())
    first = set((workspace.site / urls.SEARCH_FOLDER).rglob("*"))
    for step in ("（改名）", "（再改名）"):
        edit(catalogue, "certificates/fictional-kappa.yaml", "zh: 虚构证书癸", f"zh: 虚构证书癸{step}")
        rebuild({catalogue / "certificates" / "fictional-kappa.yaml"})
        assert f"虚构证书癸{step}" in titles_of_kappa(workspace.site / urls.SEARCH_FOLDER)
    files = set((workspace.site / urls.SEARCH_FOLDER).rglob("*"))
    assert {p for p in first - files if p.is_file() or not p.exists()}, "the first index's files were kept"
    assert not (tmp_path / "preview" / "search").exists()


def test_stopping_the_preview_stops_a_pagefind_still_indexing(tmp_path, monkeypatch):
    """Ctrl+C while Pagefind indexes: it must not go on writing into the workspace."""
    slow = subprocess.Popen(["sleep", "60"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    monkeypatch.setattr(search_index, "start", lambda *args, **kwargs: slow)
    workspace = Workspace(Options(catalogue=copy_fictional(tmp_path), today=TODAY), tmp_path / "preview")
    failures = []

    def index() -> None:
        try:
            workspace.index_for_search()
        except search_index.SearchFailed as failure:
            failures.append(failure)

    indexing = threading.Thread(target=index)
    indexing.start()
    while workspace.pagefind is None:
        threading.Event().wait(0.01)
    workspace.stop_indexing()
    indexing.join(timeout=10)
    assert slow.poll() is not None and not indexing.is_alive()
    assert len(failures) == 1  # the interrupted index is not served
