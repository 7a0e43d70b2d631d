"""Pagefind on the pages' search blocks (xcat/publish/search_index.py), on a two-page site:
only pages with a block are indexed, at their address, and a Pagefind that fails says why."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import search_fragments
from xcat.publish import search_index

BLOCK = '<div class="x-search-entry" hidden data-pagefind-body>\n<h1>{title}</h1>\n<p>{text}</p>\n</div>\n'


def page(docs: Path, name: str, text: str) -> None:
    path = docs / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_search_blocks_are_indexed_at_their_pages_addresses(tmp_path):
    docs = tmp_path / "docs"
    page(docs, "certificates/alpha.md", "# 虚构证书甲\n\n" + BLOCK.format(title="虚构证书甲", text="虚构评价组织甲"))
    page(docs, "about.md", "# About\n\nNo search block: not indexed.\n")
    work = tmp_path / "work"
    index = search_index.wait(search_index.start(docs, work, jobs=1), work)
    assert index == work / "index"
    assert json.loads((index / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
    found = search_fragments(index)
    assert [(f["url"], f["meta"]["title"]) for f in found] == [("/certificates/alpha/", "虚构证书甲")]


def test_a_failing_pagefind_says_why(tmp_path):
    (tmp_path / "docs").mkdir()  # no page has a search block: nothing to index
    pagefind = search_index.start(tmp_path / "docs", tmp_path / "work", jobs=1)
    with pytest.raises(
        search_index.SearchFailed, match=r"^Pagefind could not index the site: Error: Pagefind was not able"
    ):
        search_index.wait(pagefind, tmp_path / "work")


def test_only_the_pages_named_are_indexed_and_a_page_gone_since_is_left_out(tmp_path):
    """The preview's edits: the edited pages alone, from the same docs folder."""
    docs = tmp_path / "docs"
    for name, title in (("alpha", "虚构证书甲"), ("beta", "虚构证书乙")):
        page(docs, f"certificates/{name}.md", BLOCK.format(title=title, text=""))
    work = tmp_path / "work"
    only = ["certificates/beta.md", "certificates/gone.md"]
    index = search_index.wait(search_index.start(docs, work, jobs=1, only=only), work)
    assert [f["url"] for f in search_fragments(index)] == ["/certificates/beta/"]


def test_search_pages_kept_between_saves_follow_what_changed(tmp_path):
    """The preview keeps the search pages and updates those of the Markdown files a save changed:
    a changed block is rewritten, a page gone or left without a block loses its search page."""
    docs, pages = tmp_path / "docs", tmp_path / "pages"
    for name in ("alpha", "beta", "gamma"):
        page(docs, f"certificates/{name}.md", BLOCK.format(title=name, text=""))
    search_index.write_pages(docs, pages)
    page(docs, "certificates/alpha.md", BLOCK.format(title="alpha renamed", text=""))
    page(docs, "certificates/beta.md", "# no block\n")
    (docs / "certificates" / "gamma.md").unlink()
    search_index.write_pages(docs, pages, ["certificates/alpha.md", "certificates/beta.md", "certificates/gamma.md"])
    assert sorted(p.relative_to(pages).as_posix() for p in pages.rglob("*") if p.is_file()) == [
        "certificates/alpha/index.html"
    ]
    assert "alpha renamed" in (pages / "certificates" / "alpha" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("background", [False, True])
def test_a_background_index_runs_at_a_lower_priority(tmp_path, monkeypatch, background):
    """The preview's full index takes a minute at 5,000 certificates: niced, it leaves the cores
    to the check of the next save."""
    started = []
    monkeypatch.setattr(search_index.subprocess, "Popen", lambda command, **kwargs: started.append(command))
    search_index.start_pagefind(tmp_path / "pages", tmp_path / "index", background=background)
    niced = [shutil.which("nice"), "-n", "10"]
    assert (started[0][:3] == niced) is background
    assert started[0][3 if background else 0 :] == search_index.pagefind_command(
        tmp_path / "pages", "--output-path", str(tmp_path / "index")
    )


def test_the_builds_pagefind_runs_at_the_normal_priority(tmp_path, monkeypatch):
    """Pagefind indexes while MkDocs writes the site, and the build waits for both."""
    (tmp_path / "docs").mkdir()
    started = []
    monkeypatch.setattr(search_index.subprocess, "Popen", lambda command, **kwargs: started.append(command))
    search_index.start(tmp_path / "docs", tmp_path / "work", jobs=1)
    assert started == [
        search_index.pagefind_command(tmp_path / "work" / "pages", "--output-path", str(tmp_path / "work" / "index"))
    ]


def test_one_job_writes_the_search_pages_in_this_process(tmp_path, monkeypatch):
    """XCAT_JOBS=1 (a machine short of memory): nothing is forked, whatever the cores."""
    docs = tmp_path / "docs"
    for name in ("alpha", "beta", "gamma"):
        page(docs, f"certificates/{name}.md", BLOCK.format(title=name, text=""))
    monkeypatch.setattr(search_index, "CHUNK", 1)  # a task a page, so that there are tasks to share
    monkeypatch.setattr(search_index.os, "fork", lambda: pytest.fail("a process was forked"))
    search_index.start(docs, tmp_path / "work", jobs=1).communicate()
    search_index.write_pages(docs, tmp_path / "pages", jobs=1)
    for pages in (tmp_path / "work" / "pages", tmp_path / "pages"):
        assert sorted(p.parent.name for p in pages.rglob("index.html")) == ["alpha", "beta", "gamma"]
