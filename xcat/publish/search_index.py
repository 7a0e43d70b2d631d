"""The search index (Pagefind, pip: pagefind-bin-extended), built beside MkDocs instead of after it.

Pagefind indexes only the hidden search block of each catalogue page (render/search.py, the
`search_entry` macro), and the block is in the generated Markdown as it will be in the HTML. So
as soon as the pages are generated, each block is written alone into a page of its own at the
page's address (templates/search-page.html.j2), and Pagefind indexes those while MkDocs writes
the site: the same words, weights and meta as indexing the site, from 1/20 of the HTML, on a
core MkDocs leaves free at times. One difference: Pagefind no longer picks a page's first image
(a chart) as its result's `image`, which docs/javascripts/search.js never showed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from functools import partial
from pathlib import Path

import jinja2
from mkdocs.structure.files import File

from .. import urls
from ..render.pages import TEMPLATES
from ..textfile import read_text, write_text
from . import parallel

# The block as the search_entry macro writes it (it holds no other div), on a line of its own.
BLOCK = re.compile(r'^<div class="x-search-entry" hidden data-pagefind-body>\n.*?</div>$', re.MULTILINE | re.DOTALL)
CHUNK = 200  # pages per task of publish.parallel
BACKGROUND_NICENESS = 10  # how much lower a background Pagefind's priority is (nice(1))


class SearchFailed(Exception):
    pass


def start(
    docs_dir: Path, work: Path, use_directory_urls: bool = True, jobs: int | None = None, only: list[str] | None = None
) -> subprocess.Popen[str]:
    """Write each page's search block into work/pages at the page's address, and start Pagefind
    on them; it writes work/index, for finish() to move into the site. `jobs` as in parallel.run;
    only: these Markdown files of docs_dir (relative to it) instead of all (the preview's edits)."""
    write_pages(docs_dir, work / "pages", only, use_directory_urls, jobs)
    return start_pagefind(work / "pages", work / "index")


def write_pages(
    docs_dir: Path, pages: Path, only: list[str] | None = None, use_directory_urls: bool = True, jobs: int | None = None
) -> None:
    """Each page's search block into `pages`, at the page's address. only: these Markdown files of
    docs_dir (relative to it) instead of all; the page of one that is gone or has no block is
    removed (the preview keeps `pages` between saves, updated with what each changed)."""
    sources = sorted(docs_dir.rglob("*.md")) if only is None else [docs_dir / name for name in only]
    # The block is HTML the page templates escaped. Not escaping is also Jinja's default, so not mutated.
    page = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False)  # pragma: no mutate
    template = page.get_template("search-page.html.j2")

    def write(chunk: list[Path]) -> None:
        for source in chunk:
            address = File(
                source.relative_to(docs_dir).as_posix(), None, str(pages), use_directory_urls
            )  # its address only
            target = Path(address.abs_dest_path)
            found = BLOCK.search(read_text(source)) if source.is_file() else None
            if not found:
                target.unlink(missing_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            # Whole or not at all: the preview's Pagefind may be reading the folder.
            # Any name beside the page does; the name is not mutated.
            partial_file = target.with_name(target.name + ".part")  # pragma: no mutate
            write_text(partial_file, template.render(block=found.group(0)))  # the block as it is
            os.replace(partial_file, target)

    parallel.run([partial(write, sources[i : i + CHUNK]) for i in range(0, len(sources), CHUNK)], jobs=jobs)


def start_pagefind(pages: Path, index: Path, background: bool = False) -> subprocess.Popen[str]:
    """Pagefind on the search pages; it writes `index`. background (the preview's full index, a
    minute at 5,000 certificates): at a lower priority, so the next save's check is not slowed."""
    command = pagefind_command(pages, "--output-path", str(index))
    if background and (nice := shutil.which("nice")):  # its threads are started niced too
        command = [nice, "-n", str(BACKGROUND_NICENESS), *command]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def pagefind_command(site: Path, *output: str) -> list[str]:
    from pagefind_bin_extended import get_executable  # noqa: PLC0415 - only a build needs the binary

    # English rules for every page: Chinese stays unsplit and render/search.py indexes every suffix
    # of a name instead (Pagefind 1.5.2 lost pages from its index, docs/performance.md).
    return [str(get_executable()), "--site", str(site), *output, "--force-language", "en", "--silent"]


def wait(pagefind: subprocess.Popen[str], work: Path) -> Path:
    """Wait for Pagefind; the folder of the index it wrote."""
    output, _ = pagefind.communicate()
    if pagefind.returncode != 0:
        raise SearchFailed(f"Pagefind could not index the site: {output.strip()}")
    return work / "index"


def finish(pagefind: subprocess.Popen[str], work: Path, site: Path) -> None:
    """Wait for Pagefind, then move its index into the site (urls.SEARCH_FOLDER)."""
    shutil.move(wait(pagefind, work), site / urls.SEARCH_FOLDER)


def stop(pagefind: subprocess.Popen[str]) -> None:
    """Stop Pagefind if it still runs (the build failed elsewhere), and reap it."""
    if pagefind.poll() is None:
        pagefind.kill()
        pagefind.communicate()
