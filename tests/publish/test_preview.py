"""The preview's workspace (xcat/publish/preview.py) rewrites only what changed."""

from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path

import pytest

from tests.helpers import TODAY, copy_fictional, edit, search_fragments
from tests.tools.test_serve import served
from xcat import urls
from xcat.publish import search_index
from xcat.publish.preview import Workspace, move_changed
from xcat.settings import Options
from xcat.tools.serve import State


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
    monkeypatch.setattr(search_index, "start_pagefind", lambda *args, **kwargs: slow)
    workspace = Workspace(Options(catalogue=copy_fictional(tmp_path), today=TODAY), tmp_path / "preview")
    failures = []

    def index() -> None:
        try:
            workspace.index_for_search()
        except search_index.SearchFailed as failure:
            failures.append(failure)

    indexing = threading.Thread(target=index)
    indexing.start()
    while not workspace.indexing:
        threading.Event().wait(0.01)
    workspace.stop_indexing()
    indexing.join(timeout=10)
    assert slow.poll() is not None and not indexing.is_alive()
    assert len(failures) == 1  # the interrupted index is not served


@pytest.mark.timeout(20)  # unstopped, it would wait out the minute
def test_a_pagefind_started_as_the_preview_stops_is_stopped_too(tmp_path, monkeypatch):
    """The indexing thread may start Pagefind just after Ctrl+C's stop_indexing: it must not outlive the preview."""
    late = subprocess.Popen(["sleep", "60"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    monkeypatch.setattr(search_index, "start_pagefind", lambda *args, **kwargs: late)
    workspace = Workspace(Options(catalogue=copy_fictional(tmp_path), today=TODAY), tmp_path / "preview")
    workspace.stop_indexing()
    with pytest.raises(search_index.SearchFailed):
        workspace.index_for_search()
    assert late.poll() is not None


def test_an_edit_is_searchable_from_its_own_index_before_every_page_is_indexed_again(tmp_path, page):
    """Indexing every page takes a minute at 5,000 certificates: the edited page is indexed alone,
    and search.js merges that index ahead of the site's while the preview names it in the page."""
    catalogue = copy_fictional(tmp_path)
    workspace = Workspace(Options(catalogue=catalogue, today=TODAY), tmp_path / "preview")
    assert workspace.edited(set()).checked.ok
    workspace.rest()
    workspace.index_for_search()
    assert workspace.edits_folder() == ""
    edit(catalogue, "certificates/fictional-kappa.yaml", "zh: 虚构证书癸", "zh: 虚构证书癸 Quokka")
    shown = workspace.edited({catalogue / "certificates" / "fictional-kappa.yaml"})
    workspace.index_edits(shown.changed)  # the site's index still has the old name
    assert workspace.edits_folder() == urls.SEARCH_EDITS_FOLDER
    assert [f["url"] for f in search_fragments(workspace.site / urls.SEARCH_EDITS_FOLDER)] == [
        "/certificates/fictional-kappa/"
    ]

    def results(query: str) -> list[str]:
        page.goto(base + "?q=" + query)
        page.wait_for_function("q => document.getElementById('x-search-results').dataset.query === q", arg=query)
        return [a.get_attribute("href") for a in page.query_selector_all(".md-search-result__item a")]

    state = State()
    state.rebuilt(None)
    with served(workspace.site, state) as base:
        assert results("Quokka") == []  # the site's index alone
        state.update(search_edits=workspace.edits_folder())
        assert results("Quokka")[0] == "/certificates/fictional-kappa/"
        both = results("虚构证书癸")  # its old entry matches too: shown once, the new one
        assert both.count("/certificates/fictional-kappa/") == 1
        assert page.locator(".md-search-result__meta").inner_text().startswith(f"{len(both)} 个结果")  # counted once
        assert "Quokka" in page.locator(".md-search-result__item h1").first.inner_text()

    workspace.index_for_search()  # every page again: the edit no longer needs its own index
    assert workspace.edits_folder() == ""
