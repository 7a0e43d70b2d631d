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

import re
import shutil
import subprocess
from functools import partial
from pathlib import Path

import jinja2
from mkdocs.structure.files import File

from .. import urls
from ..render.pages import TEMPLATES
from . import parallel

# The block as the search_entry macro writes it (it holds no other div), on a line of its own.
BLOCK = re.compile(r'^<div class="x-search-entry" hidden data-pagefind-body>\n.*?</div>$', re.MULTILINE | re.DOTALL)
CHUNK = 200  # pages per task of publish.parallel
BACKGROUND_NICENESS = 10  # how much lower a background Pagefind's priority is (nice(1))


class SearchFailed(Exception):
    pass


def start(
    docs_dir: Path,
    work: Path,
    use_directory_urls: bool = True,
    jobs: int | None = None,
    only: list[str] | None = None,
    background: bool = False,
) -> subprocess.Popen[str]:
    """Write each page's search block into work/pages at the page's address, and start Pagefind
    on them; it writes work/index, for finish() to move into the site. `jobs` as in parallel.run;
    only: these Markdown files of docs_dir (relative to it) instead of all (the preview's edits);
    background (the preview's full index, a minute at 5,000 certificates): Pagefind runs at a
    lower priority, so the check of the next save is not slowed by it."""
    sources = sorted(docs_dir.rglob("*.md")) if only is None else [docs_dir / name for name in only]
    pages = work / "pages"
    page = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False, keep_trailing_newline=True)
    template = page.get_template("search-page.html.j2")

    def write(chunk: list[Path]) -> None:
        for source in chunk:
            if only is not None and not source.is_file():
                continue  # an edited page whose certificate has gone since
            found = BLOCK.search(source.read_text(encoding="utf-8"))
            if found:  # the block is HTML already: it goes in as it is
                address = File(source.relative_to(docs_dir).as_posix(), str(docs_dir), str(pages), use_directory_urls)
                target = Path(address.abs_dest_path)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(template.render(block=found.group(0)), encoding="utf-8")

    parallel.run([partial(write, sources[i : i + CHUNK]) for i in range(0, len(sources), CHUNK)], jobs=jobs)
    command = pagefind_command(pages, "--output-path", str(work / "index"))
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
