"""Stage 4: write the site. Pages and exports go to a staging folder, MkDocs builds
there, and only a complete build replaces site/ (swap). A failure leaves site/ as it was."""

from __future__ import annotations

import datetime
import logging
import os
import shutil
import sys
import threading
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from mkdocs.exceptions import Abort, MkDocsException

from .. import urls
from ..check.catalogue import check
from ..check.report import report
from ..check.rules import Index
from ..model import Catalogue, build_catalogue
from ..opendata import buildinfo, files
from ..render import fieldref, pages, search
from ..settings import HAND_WRITTEN_DOCS, ROOT, Exit, Options, SettingsError, SiteSettings, load_site_config
from . import parallel, search_index
from .swap import staging, swap_into_place

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from .mkdocs_build import Built


def check_and_build(options: Options, when_invalid: str) -> int:
    """Build the site only from a catalogue that passes every check."""
    result = check(options)
    if not result.ok or result.index is None:
        report(result, "text")
        print(when_invalid, file=sys.stderr)
        return Exit.INVALID
    return build_site(result.index, options)


def build_site(index: Index, options: Options) -> int:
    catalogue = build_catalogue(index)
    site_dir: Path = options.site_dir.resolve()
    try:
        if os.path.lexists(site_dir) and not site_dir.is_dir():
            raise BuildFailed(f"{site_dir} is a file, not a folder: move it away, or build elsewhere with --site-dir")
        with staging(site_dir) as stage:
            # A name inside the stage: any but "site" and "search" does, so it is not mutated.
            docs_dir = stage / "docs"  # pragma: no mutate
            shutil.copytree(HAND_WRITTEN_DOCS, docs_dir)
            config = load_site_config(docs_dir, stage / "site")  # mkdocs.yml, read once for the whole build
            built = buildinfo.build_date(catalogue, ROOT)
            generate(catalogue, docs_dir, SiteSettings.of(config), built, options.schemas)
            # A build segments no more text: MkDocs, next in this process, reuses the memory. (Not in
            # generate(): the preview calls it on every save and keeps the dictionary loaded.)
            search.forget_dictionaries()
            for_theme(config)
            if options.keep_docs:  # bench/benchmark.py builds this copy with plain MkDocs
                # Linked or copied, the same files: only the time differs, so the copy function is not mutated.
                keep = partial(shutil.copytree, copy_function=_link_or_copy)  # pragma: no mutate
                keep(docs_dir, options.keep_docs, dirs_exist_ok=True)
            pagefind = search_index.start(docs_dir, stage / "search")  # indexes while MkDocs writes the pages
            try:
                with dated_like_the_open_data(built[0]):
                    run_mkdocs(config)
                search_index.finish(pagefind, stage / "search", stage / "site")
            finally:
                search_index.stop(pagefind)
            swap_into_place(stage / "site", site_dir)
    except (BuildFailed, search_index.SearchFailed, SettingsError, jinja2.TemplateError, OSError) as failure:
        print(f"build.py: {_explain(failure)}", file=sys.stderr)
        print(
            "build.py: 网站没有生成，原来的网站保持不变 · the site was not built; the previous site is unchanged.",
            file=sys.stderr,
        )
        return Exit.INVALID
    print(f"Built {len(catalogue.certificates)} certificate pages into {site_dir}.", file=sys.stderr)
    return Exit.OK


class BuildFailed(Exception):
    pass


def _link_or_copy(source: str, target: str) -> None:
    """A hard link costs nothing, so --keep-docs does not slow the build it measures."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _explain(failure: Exception) -> str:
    """One line for the contributor instead of a traceback."""
    if isinstance(failure, jinja2.TemplateError):
        line = getattr(failure, "lineno", None)  # only a syntax error knows its place
        # Equivalent mutant: an error that knows its line (a syntax error) always has a filename attribute.
        where = f" ({getattr(failure, 'filename', None)}, line {line})" if line else ""  # pragma: no mutate
        return f"a page template failed{where}: {failure.message}"  # str() would add a second line with the place
    if isinstance(failure, OSError):
        return f"could not write the site: {failure}"
    return str(failure)


def generate(
    catalogue: Catalogue,
    docs_dir: Path,
    settings: SiteSettings,
    built: tuple[datetime.datetime, str],
    schema_dir: Path,
    stop: threading.Event | None = None,
) -> None:
    """Everything generated from the model: pages (Markdown) and open data files. Each task
    writes its own files, so publish.parallel runs them on every core (the open data first: it
    is the longest). built: the build date and where it came from (buildinfo.build_date).
    stop (the preview): as in parallel.run, which raises parallel.Abandoned once it is set."""
    tasks = [
        lambda: files.write_exports(catalogue, docs_dir, schema_dir, settings.site_url, built),
        lambda: fieldref.write_field_reference(docs_dir, schema_dir),
    ]
    writer = pages.PageWriter(catalogue, docs_dir, pages.TEMPLATES, settings.edit_base)
    tasks += writer.jobs()
    # From the catalogue, never the clock (buildinfo.build_date): the same catalogue prints the same date.
    tasks.append(lambda: writer.render(urls.BUILD_STYLESHEET, "built.css.j2", built=built[0].date().isoformat()))
    parallel.run(tasks, stop=stop)


def for_theme(config: MkDocsConfig) -> None:
    """What the theme needs that MkDocs does not know: the stylesheet with the build date (printed
    at the foot of every page, generate() writes it) and the catalogue's address (the 404 page links it)."""
    config.extra_css.append(urls.BUILD_STYLESHEET)
    config.extra["catalogue_page"] = urls.CATALOGUE_PAGE


def run_mkdocs(config: MkDocsConfig, dirty: bool = False) -> Built | None:
    """Build the site as load_site_config set it up (strict: a warning fails the build), the
    pages shared out between the cores (publish/mkdocs_build.py). dirty (the preview): only the
    pages whose Markdown is newer than their HTML. Returns what the build made of the docs folder."""
    # Imported here: MkDocs' build loads the theme's machinery (about 0.3 s), which only a build needs.
    from . import mkdocs_build  # noqa: PLC0415

    with _mkdocs_warnings_shown():
        return mkdocs_build.build(config, dirty=dirty)


def rebuild_files(config: MkDocsConfig, built: Built, sources: list[str]) -> bool:
    """The preview's edited pages, written with what the last build made of the docs folder
    (mkdocs_build.rebuild_files): False if one of them is new, for a dirty build instead."""
    from . import mkdocs_build  # noqa: PLC0415

    with _mkdocs_warnings_shown():
        return mkdocs_build.rebuild_files(config, built, sources)


@contextmanager
def _mkdocs_warnings_shown():
    """MkDocs counts warnings through its logger; strict mode turns them into an abort. Show them
    too, or "Aborted with 2 warnings" would not say which. MkDocs' failures as BuildFailed."""
    logger = logging.getLogger("mkdocs")
    shown = logging.StreamHandler(sys.stderr)
    shown.setLevel(logging.WARNING)
    shown.setFormatter(logging.Formatter("build.py: MkDocs %(levelname)s: %(message)s"))
    logger.addHandler(shown)
    try:
        logger.setLevel(logging.WARNING)
        yield
    except (Abort, MkDocsException) as error:
        raise BuildFailed(f"MkDocs failed: {error}") from None
    finally:
        logger.removeHandler(shown)


@contextmanager
def dated_like_the_open_data(built: datetime.datetime):
    """MkDocs dates the sitemap and its gzip header with today unless SOURCE_DATE_EPOCH is set:
    give it the open data's input-derived build date, so the same input gives the same bytes."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(built.timestamp()))
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
