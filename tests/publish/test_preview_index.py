"""The preview's search indexes (xcat/publish/preview.py, Workspace._index and the edits' index) with
a stand-in for Pagefind that writes named files at once: which files are served, in which order,
which older ones go, and which edits the small index holds. Pagefind itself runs in
tests/publish/test_preview.py."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.helpers import TODAY, copy_fictional
from xcat import urls
from xcat.publish import preview as preview_module
from xcat.publish import search_index
from xcat.publish.preview import ENTRY, Workspace
from xcat.settings import Options

WASM = "wasm.en.pagefind"  # named by its language, not its content: each index writes it again


class FakePagefind:
    """Each index writes the next list of files into work/index, and records how it was started."""

    def __init__(self, monkeypatch, *indexes: list[str]):
        self.indexes = list(indexes)
        self.started: list[tuple] = []
        self.moved: list[str] = []
        monkeypatch.setattr(search_index, "start_pagefind", self.start_pagefind)
        monkeypatch.setattr(search_index, "start", self.start)
        real_replace = os.replace

        def replace(source, target):
            self.moved.append(Path(target).name)
            real_replace(source, target)

        monkeypatch.setattr(preview_module.os, "replace", replace)

    def _write(self, index: Path) -> subprocess.Popen[str]:
        for name in self.indexes.pop(0):
            (index / name).parent.mkdir(parents=True, exist_ok=True)
            (index / name).write_text(f"{name} of index {len(self.started)}", encoding="utf-8")
        return subprocess.Popen(["true"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def start_pagefind(self, pages: Path, index: Path, background: bool = False):
        self.started.append(("every page", pages, index, background))
        return self._write(index)

    def start(self, docs: Path, work: Path, jobs=None, only=None):
        self.started.append(("edits", docs, work, jobs, only))
        return self._write(work / "index")


@pytest.fixture
def workspace(tmp_path) -> Workspace:
    workspace = Workspace(Options(catalogue=copy_fictional(tmp_path), today=TODAY), tmp_path / "preview")
    workspace.docs.mkdir(parents=True)
    return workspace


def served(workspace: Workspace, folder: str) -> set[str]:
    root = workspace.site / folder
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def test_each_full_index_is_served_entry_last_and_the_index_before_the_last_goes(workspace, monkeypatch):
    pagefind = FakePagefind(
        monkeypatch,
        # Pagefind's files as it names them, some after the entry in name order (wasm.en.pagefind).
        [ENTRY, "fragment/one.pf_fragment", "index/a.pf_index", WASM],
        ["index/b.pf_index", WASM, ENTRY, "fragment/two.pf_fragment"],
        [ENTRY, WASM, "fragment/three.pf_fragment"],
    )
    stale = workspace.root / f"indexing-{urls.SEARCH_FOLDER}" / "index" / "stale.pf_index"
    stale.parent.mkdir(parents=True)
    stale.write_text("from a run that was stopped", encoding="utf-8")

    workspace.index_for_search()
    assert pagefind.started == [
        ("every page", workspace.search_pages, workspace.root / f"indexing-{urls.SEARCH_FOLDER}" / "index", True)
    ]
    assert pagefind.moved[-1] == ENTRY
    assert sorted(pagefind.moved) == sorted([ENTRY, "one.pf_fragment", "a.pf_index", WASM])
    assert served(workspace, urls.SEARCH_FOLDER) == {ENTRY, "fragment/one.pf_fragment", "index/a.pf_index", WASM}
    assert not (workspace.root / f"indexing-{urls.SEARCH_FOLDER}").exists()
    assert workspace.indexing[urls.SEARCH_FOLDER].args == ["true"]

    # A page that loaded the first entry still finds its files while the second is served.
    pagefind.moved.clear()
    workspace.index_for_search()
    assert pagefind.moved[-1] == ENTRY and len(pagefind.moved) == 4
    assert served(workspace, urls.SEARCH_FOLDER) == {
        ENTRY,
        WASM,
        "fragment/one.pf_fragment",
        "fragment/two.pf_fragment",
        "index/a.pf_index",
        "index/b.pf_index",
    }

    # The third: the first index's files go, the second's stay.
    workspace.index_for_search()
    assert served(workspace, urls.SEARCH_FOLDER) == {
        ENTRY,
        WASM,
        "fragment/three.pf_fragment",
        "fragment/two.pf_fragment",
        "index/b.pf_index",
    }
    assert (workspace.site / urls.SEARCH_FOLDER / ENTRY).read_text(encoding="utf-8") == f"{ENTRY} of index 3"


def test_the_edits_index_holds_the_edited_pages_until_a_full_index_covers_them(workspace, monkeypatch):
    pagefind = FakePagefind(monkeypatch, [ENTRY, "fragment/e1"], [ENTRY, "fragment/e2"], [ENTRY, "fragment/all"])
    for name in ("certificates/a.md", "certificates/b.md", "api/certificates/b.json"):  # the JSON is no page
        (workspace.docs / name).parent.mkdir(parents=True, exist_ok=True)
        (workspace.docs / name).write_text("#", encoding="utf-8")
    assert workspace.edits_folder() == ""

    workspace.index_edits(["certificates/b.md", "api/certificates/b.json", "certificates/a.md"])
    assert pagefind.started == [
        (
            "edits",
            workspace.docs,
            workspace.root / f"indexing-{urls.SEARCH_EDITS_FOLDER}",
            1,
            ["certificates/a.md", "certificates/b.md"],
        )
    ]
    assert served(workspace, urls.SEARCH_EDITS_FOLDER) == {ENTRY, "fragment/e1"}
    assert workspace.edits_folder() == urls.SEARCH_EDITS_FOLDER

    # b's certificate removed, a edited again: only a is indexed.
    (workspace.docs / "certificates/b.md").unlink()
    workspace.index_edits(["certificates/a.md"])
    assert pagefind.started[-1][-1] == ["certificates/a.md"]
    assert workspace.search_edits == {"certificates/a.md": 2}

    # Nothing edited since that is not gone: no index is started.
    (workspace.docs / "certificates/a.md").unlink()
    workspace.index_edits(["certificates/a.md"])
    assert len(pagefind.started) == 2 and workspace.edits_folder() == ""


def test_an_edit_made_while_the_full_index_runs_stays_in_the_edits_index(workspace, monkeypatch):
    FakePagefind(monkeypatch, [ENTRY], [ENTRY])
    (workspace.docs / "a.md").write_text("#", encoding="utf-8")
    (workspace.docs / "b.md").write_text("#", encoding="utf-8")
    workspace.search_edits, workspace.edit_count = {"a.md": 1}, 1

    def an_edit_during_the_index(folder, pages):
        workspace.edit_count += 1
        workspace.search_edits["b.md"] = workspace.edit_count

    monkeypatch.setattr(workspace, "_index", an_edit_during_the_index)
    workspace.index_for_search()
    assert workspace.search_edits == {"b.md": 2}
    assert workspace.edits_folder() == urls.SEARCH_EDITS_FOLDER
    monkeypatch.setattr(workspace, "_index", lambda folder, pages: None)
    workspace.index_for_search()
    assert workspace.search_edits == {} and workspace.edits_folder() == ""
