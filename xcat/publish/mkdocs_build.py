"""MkDocs' build (mkdocs.commands.build.build, MkDocs 1.6) with the pages shared out between processes.

Python-Markdown and the theme's template, page after page, are most of a build, and MkDocs runs
them on one core. Here this process does once what spans pages (the file list, the navigation,
the static files, 404.html, the sitemap, the check of links to anchors in other pages), and the
pages are rendered and written in chunks by publish.parallel: this process and the forked
children take chunks from a shared counter. A page's HTML depends only on its own Markdown, the
navigation and the configuration, so it is the same bytes whichever process writes it
(tests/publish/test_mkdocs_build.py compares with MkDocs' own build).

With a plugin configured, MkDocs' own build runs instead: a plugin may gather from every page
in one process (Material's search does). mkdocs.yml has none: Pagefind indexes the written site.

The preview keeps what a build made of the docs folder (Built) and rewrites the pages of one
edit with it (rebuild_files): listing and wrapping 26,700 files again is most of a dirty build
of one page at 5,000 certificates.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from markdown.extensions import toc
from mkdocs import utils
from mkdocs.commands import build as mkdocs
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, get_files
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..render.pages import BODY, HTML_BODY
from ..settings import job_count
from . import parallel

log = logging.getLogger("mkdocs")  # MkDocs counts and shows warnings through this logger

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.toc import _TocToken

CHUNKS_PER_JOB = 8  # small enough that the processes finish together, large enough to cost nothing to hand out
Anchors = dict[str, tuple[set[str] | None, dict[str, dict[str, str]]]]  # page: (its anchors, its links to anchors)


@dataclass(frozen=True)
class Built:
    """What a build made of the docs folder: its files, with a page for each Markdown file, and the navigation."""

    files: Files
    nav: Navigation
    env: jinja2.Environment


def build(config: MkDocsConfig, jobs: int | None = None, dirty: bool = False) -> Built | None:
    """What `mkdocs build` does, in the same order and with the same warnings; strict mode
    aborts on the warnings of every process. dirty (the
    preview): as `mkdocs build --dirty`, only the pages whose source is newer than their output
    are read and written, and the site folder is not emptied first. Returns what it made of the
    docs folder, for rebuild_files (None: MkDocs' own build ran, for a plugin)."""
    if config.plugins:
        mkdocs.build(config, dirty=dirty)
        return None
    warnings = utils.CountHandler()
    warnings.setLevel(logging.WARNING)
    log.addHandler(warnings)
    try:
        if not dirty:
            utils.clean_directory(config.site_dir)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        nav = get_navigation(files, config)
        doc_files = files.documentation_pages()
        for file in doc_files:
            if file.page is None:  # a page outside the navigation (MkDocs makes these while reading)
                Page(None, file, config)
        # Every page is in each page's context, as in MkDocs' dirty build; only the modified ones are
        # written, which is all of them once the site folder is emptied (no output is newer).
        written = [file for file in doc_files if file.is_modified()]
        jobs = jobs or job_count()
        # How the pages are shared out changes no byte, only the time (below 16 pages, one a chunk).
        size = max(1, len(written) // (jobs * CHUNKS_PER_JOB))  # pragma: no mutate
        chunks = [written[start : start + size] for start in range(0, len(written), size)]
        parent = os.getpid()
        tasks = [partial(_counted, partial(_write_once, config, files, env, nav, dirty), parent)]
        tasks += [
            partial(_counted, partial(_write_pages, chunk, config, files, doc_files, nav, env), parent)
            for chunk in chunks
        ]
        results = parallel.run(tasks, jobs=jobs)
        anchors: Anchors = {}
        for counts, chunk_anchors in results:
            for level, count in counts.items():
                warnings.counts[level] += count
            anchors.update(chunk_anchors or {})
        _validate_anchors(files, written, anchors, config.validation.links.anchors)
        if config.strict and (counts := warnings.get_counts()):
            raise Abort(f"Aborted with {', '.join(f'{v} {k.lower()}s' for k, v in counts)} in strict mode!")
    finally:
        log.removeHandler(warnings)
    return Built(files, nav, env)


def rebuild_files(config: MkDocsConfig, built: Built, sources: Sequence[str]) -> bool:
    """Write these files of the docs folder (relative to it) again, pages or static files, as the
    build that made `built` wrote them, in this process. False, having written nothing, if one of
    them was not in that build (a new page changes the navigation and the file list: build again)."""
    files = [built.files.get_file_from_path(source) for source in sources]
    if None in files:
        return False
    doc_files = built.files.documentation_pages()
    pages = [file for file in files if file is not None and file.is_documentation_page()]
    for file in files:
        if file is not None and not file.is_documentation_page():
            file.copy_file()
    anchors = _write_pages(pages, config, built.files, doc_files, built.nav, built.env)
    _validate_anchors(built.files, pages, anchors, config.validation.links.anchors)
    return True


def _counted(work: Callable[[], Anchors | None], parent: int) -> tuple[dict[int, int], Anchors | None]:
    """Run work; what it returned, and in a child process the warnings MkDocs logged meanwhile, by
    level (the parent's handler, inherited, counts in the child's copy, which is lost with it)."""
    if os.getpid() == parent:
        return {}, work()
    counter = utils.CountHandler()
    counter.setLevel(logging.WARNING)
    log.addHandler(counter)
    try:
        result = work()
        return dict(counter.counts), result
    finally:
        log.removeHandler(counter)


def _write_once(config: MkDocsConfig, files: Files, env: jinja2.Environment, nav: Navigation, dirty: bool) -> None:
    """What MkDocs writes once: the static files (theme assets, stylesheets, the open data; dirty:
    those newer than their copy), then the theme's templates."""
    files.copy_static_files(dirty=dirty)
    for template in config.theme.static_templates:
        mkdocs._build_theme_template(template, env, files, config, nav)
    for template in config.extra_templates:
        mkdocs._build_extra_template(template, files, config, nav)


def _write_pages(
    chunk: Sequence[File],
    config: MkDocsConfig,
    files: Files,
    doc_files: Sequence[File],
    nav: Navigation,
    env: jinja2.Environment,
) -> Anchors:
    """Read, render and write these pages as MkDocs does; their anchors and links to anchors, for the parent's check."""
    anchors: Anchors = {}
    for file in chunk:
        page = file.page
        assert page is not None
        _populate(page, config, files)
        mkdocs._build_page(page, config, doc_files, nav, env)
        links = {target.src_uri: dict(found) for target, found in (page.links_to_anchors or {}).items()}
        anchors[file.src_uri] = (page.present_anchor_ids, links)
        # What a written page holds is not needed again (emptied any way, the same output: not mutated).
        page.content = page.markdown = None  # pragma: no mutate
    return anchors


# A heading as the page templates write it (render/templates/_macros.html.j2, `heading`).
_HEADING = re.compile(r'<h([1-6]) id="([^"]+)">(.*?)<a class="headerlink" href="#\2"', re.DOTALL)


def _populate(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Read the page, and render its Markdown as MkDocs does, unless the page templates wrote its
    body as finished HTML (front matter `body: html`): then the body is the page's content as it
    is, and its headings make its table of contents and anchors. Python-Markdown was three
    quarters of MkDocs' time, and the generated pages are most of the site."""
    # As MkDocs' own _populate_page: mkdocs.yml's !relative tag reads it; ours has none (not mutated).
    config._current_page = page  # pragma: no mutate
    try:
        page.read_source(config)
        if page.meta.get(BODY) != HTML_BODY:
            page.render(config, files)
            return
        body = page.content = page.markdown or ""
        page.toc = get_toc(_toc_tokens(body))
        page.present_anchor_ids = {found.group(2) for found in _HEADING.finditer(body)}
        page.links_to_anchors = {}
    except Exception as error:
        log.error(f"Error reading page '{page.file.src_uri}': {error}")
        raise
    finally:
        config._current_page = None


def _toc_tokens(body: str) -> list[_TocToken]:
    """The table of contents Python-Markdown's toc extension makes of these headings: each
    heading holds the deeper ones that follow it; a heading's name is its HTML without tags.
    (Markup.striptags decoded entities, and html.unescape a second time: text holding "&amp;lt;"
    was named "&lt;", which a browser shows as "<", where Python-Markdown shows "&lt;".)"""
    tokens: list[_TocToken] = []
    open_: list[_TocToken] = []
    for found in _HEADING.finditer(body):
        level = int(found.group(1))
        name = toc.strip_tags(found.group(3))  # its text, entities as written, as Python-Markdown names it
        token: _TocToken = {"level": level, "id": found.group(2), "name": name, "children": []}
        while open_ and open_[-1]["level"] >= level:
            open_.pop()
        (open_[-1]["children"] if open_ else tokens).append(token)
        open_.append(token)
    return tokens


def _validate_anchors(files: Files, doc_files: Sequence[File], anchors: Anchors, level: int) -> None:
    """MkDocs' check of links to anchors, over the pages of every process, in MkDocs' order and wording."""
    for file in doc_files:
        page = file.page
        assert page is not None
        page.present_anchor_ids, links = anchors[file.src_uri]
        page.links_to_anchors = {
            target: found for uri, found in links.items() if (target := files.get_file_from_path(uri)) is not None
        }
    for file in doc_files:
        assert file.page is not None
        file.page.validate_anchor_links(files=files, log_level=level)
