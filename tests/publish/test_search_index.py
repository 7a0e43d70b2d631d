"""Pagefind on the pages' search blocks (xcat/publish/search_index.py), on a two-page site:
only pages with a block are indexed, at their address, and a Pagefind that fails says why."""

from __future__ import annotations

import json
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
