"""The preview's workspace (`build.py serve`): a docs folder and a site kept between rebuilds.

Each rebuild checks the whole catalogue and builds the model in this process (jieba, MkDocs and
the templates stay loaded). The pages of the certificates just edited are rendered and built
first (Workspace.edited), so the page being edited is served within a second or two. Then
every page and open data file is generated into a scratch folder and only the files whose bytes
changed are moved into the workspace's docs (Workspace.rest): their modification times tell
MkDocs which pages to rebuild (`dirty`). Outputs are stable (tests/publish/
test_stable_outputs.py), so an edit changes few files.

Search follows in two steps too. The edited pages alone are indexed into a small index of their
own (urls.SEARCH_EDITS_FOLDER, Workspace.index_edits, a fraction of a second at any size), which
docs/javascripts/search.js merges ahead of the site's index while the preview names it; Pagefind
then re-indexes every page in the background (Workspace.index_for_search: a minute at 5,000
certificates), and the edits it covers leave the small index.

The workspace holds nothing that a full build could not recreate: the first build of a run is a
full MkDocs build (templates or code may have changed since the last run).
"""

from __future__ import annotations

import datetime
import filecmp
import gc
import os
import shutil
import subprocess
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

import jinja2

from .. import urls
from ..check.catalogue import Checked, check
from ..model import Catalogue, build_catalogue
from ..opendata import buildinfo
from ..render import pages
from ..settings import HAND_WRITTEN_DOCS, ROOT, Options, SettingsError, SiteSettings, load_site_config
from ..vocabulary import BY_KIND
from . import search_index, site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from .mkdocs_build import Built

ENTRY = "pagefind-entry.json"  # what Pagefind's script reads first: it names every other file


@dataclass(frozen=True)
class Rebuilt:
    checked: Checked  # the check's result: problems, or the catalogue that was built
    pages: list[str] | None  # the pages whose HTML was rebuilt (URL paths, "/certificates/x/"); None: all
    changed: list[str]  # files of the docs folder that changed, relative to it
    stages: dict[str, float]  # seconds each stage took, in order: the terminal shows them


class _Clock:
    def __init__(self) -> None:
        self.stages: dict[str, float] = {}
        self.last = time.monotonic()

    def lap(self, stage: str) -> None:
        now = time.monotonic()
        self.stages[stage] = now - self.last
        self.last = now


class Workspace:
    """A rebuild is two passes, so that the page being edited is shown first: `edited` checks the
    catalogue and, when it passes, rebuilds the pages of the edited certificates; `rest` then
    generates everything else from the same model and rebuilds the pages that changed with it."""

    def __init__(self, options: Options, root: Path):
        self.options = options
        self.root = root.resolve()
        # The workspace's own folder names (nothing outside it names them), and starting values that
        # edited() and the first build replace before any use: mutating them changes nothing.
        self.docs = self.root / "docs"  # pragma: no mutate
        self.site = self.root / "site"  # pragma: no mutate
        self.scratch = self.root / "next"  # pragma: no mutate
        self.built_once = False  # pragma: no mutate
        self.checked: Checked | None = None  # pragma: no mutate - the last check that passed, for `rest`
        self.catalogue: Catalogue | None = None  # pragma: no mutate
        self.built: tuple[datetime.datetime, str] = (datetime.datetime.now(datetime.UTC), "")  # pragma: no mutate
        self.writer: pages.PageWriter | None = None  # kept: its templates stay compiled
        self.config: MkDocsConfig | None = None
        self.mkdocs_built: Built | None = None  # pragma: no mutate - what the last MkDocs build made of the docs
        self.theme: jinja2.Environment | None = None  # pragma: no mutate
        self.settings = SiteSettings.of(load_site_config())  # mkdocs.yml is read once a run
        self.search_pages = self.root / "search-pages"  # pragma: no mutate - each page's search block
        self.previous_index: dict[str, set[str]] = {}  # served index folder -> its files before the current ones
        self.indexing: dict[str, subprocess.Popen[str]] = {}  # served index folder -> the last Pagefind started for it
        self.indexing_lock = threading.Lock()  # a Pagefind is either killed by stop_indexing or sees it ran
        self.indexing_stopped = False
        self.edits_lock = threading.Lock()  # the rebuild and the indexing threads both update the edits
        self.edit_count = 0
        self.search_edits: dict[str, int] = {}  # an edited page's Markdown -> the edit that last changed it

    def edited(self, files: set[Path]) -> Rebuilt:
        """Check the catalogue; if it passes and the workspace was built, rebuild the pages of the
        edited certificates (files: the paths that changed). A catalogue with problems changes nothing.
        Raises site.BuildFailed, with one line for the terminal, if a later stage fails."""
        with _collector_paused():
            return self._edited(files)

    def _edited(self, files: set[Path]) -> Rebuilt:
        clock = _Clock()
        checked = check(self.options)
        clock.lap("check")
        if not checked.ok or checked.index is None:
            return Rebuilt(checked, [], [], clock.stages)
        self.checked, self.catalogue = checked, build_catalogue(checked.index)
        self.built = buildinfo.build_date(self.catalogue, ROOT)  # the date the pages and open data print
        clock.lap("model")
        ids = {path.stem for path in files if path.parent.name == BY_KIND["certificate"].folder}
        shown = [self.catalogue.certificates[i] for i in sorted(ids) if i in self.catalogue.certificates]
        if not self.built_once or not shown:
            return Rebuilt(checked, [], [], clock.stages)
        with _explained():
            if self.writer is None:
                self.writer = pages.PageWriter(self.catalogue, self.docs, pages.TEMPLATES, self.settings.edit_base)
            self.writer.catalogue = self.catalogue
            written = []
            for certificate in shown:
                outputs = [urls.page_source("certificate", certificate.id), urls.chart("certificate", certificate.id)]
                with _unchanged_kept_old(self.docs, outputs) as changed:
                    self.writer.certificate_page(certificate)
                written += changed
            # Equivalent mutant: every search page (None) again gives the same pages, slower.
            self._update_search_pages(written)  # pragma: no mutate
            clock.lap("pages")
            rebuilt = self._mkdocs(written, [], known=True)
            clock.lap("MkDocs")
        return Rebuilt(checked, rebuilt, written, clock.stages)

    def rest(self, stop: threading.Event | None = None) -> Rebuilt:
        """Generate every page and file from the last model into a scratch folder, keep those whose
        bytes changed, and rebuild their pages (all of them the first time). Once stop is set (a
        new save), the generation stops and parallel.Abandoned is raised, the docs untouched: the
        next rebuild shows the new save's page first, then does the rest for both saves."""
        assert self.checked is not None and self.catalogue is not None, "edited() passed first"  # pragma: no mutate
        clock = _Clock()
        with _explained():
            if self.scratch.exists():
                shutil.rmtree(self.scratch)
            shutil.copytree(HAND_WRITTEN_DOCS, self.scratch)
            site.generate(self.catalogue, self.scratch, self.settings, self.built, self.options.schemas, stop)
            clock.lap("generate")
            changed, removed = move_changed(self.scratch, self.docs)
            if not self.built_once:
                self._update_search_pages(None)  # every page, and none that a former run left
            else:
                # Equivalent mutant: writing every search page again differs only in time.
                self._update_search_pages(changed + removed)  # pragma: no mutate
            clock.lap("compare")
            rebuilt = self._mkdocs(changed, removed, known=False)
            clock.lap("MkDocs")
        return Rebuilt(self.checked, rebuilt, sorted(changed + removed), clock.stages)

    def _config(self) -> MkDocsConfig:
        """MkDocs' configuration, loaded once a run. MkDocs would also make a new Jinja
        environment for the theme on every build, compiling its templates again and listing its
        14,000 files again (together most of a dirty build): one environment is kept, and once
        the first build has copied the theme's files, it lists none (they are in the site)."""
        if self.config is None:
            config = load_site_config(self.docs, self.site)
            site.for_theme(config)
            # An edit that makes MkDocs warn is shown, not refused: its warnings go to the terminal.
            config.strict = False
            environment = config.theme.get_env()
            config.theme.get_env = lambda: environment  # type: ignore[method-assign]
            self.config, self.theme = config, environment
        elif self.built_once and self.theme is not None:
            self.theme.list_templates = lambda *args, **kwargs: []  # type: ignore[method-assign]
        return self.config

    def _mkdocs(self, changed: list[str], removed: list[str], known: bool) -> list[str] | None:
        """Build the pages whose Markdown is newer than their HTML (all of them the first time);
        the URL paths of the changed pages (None: all). known: the changed files were all there at
        the last build, which is then reused instead of listing the docs folder again."""
        from mkdocs.structure.files import File  # noqa: PLC0415 - loaded with MkDocs' configuration

        config = self._config()

        def output(relative: str) -> File:
            return File(relative, None, config.site_dir, config.use_directory_urls)  # its address only

        for relative in removed:  # a dirty build leaves the output of a removed file: a removed page would stay
            # Its output may be missing (a build failed before writing it): nothing to remove then.
            Path(output(relative).abs_dest_path).unlink(missing_ok=True)  # pragma: no mutate
        reused = known and self.mkdocs_built is not None and site.rebuild_files(config, self.mkdocs_built, changed)
        if not reused:
            with site.dated_like_the_open_data(self.built[0]):
                self.mkdocs_built = site.run_mkdocs(config, dirty=self.built_once)
        first, self.built_once = not self.built_once, True
        if first:
            return None
        return ["/" + unquote(output(relative).url) for relative in changed if relative.endswith(".md")]

    def index_edits(self, changed: list[str]) -> None:
        """Index the pages edited since the last full index began (changed: docs files the edit just
        wrote) into the edits' index, which search.js merges ahead of the site's."""
        with self.edits_lock:
            self.edit_count += 1
            for name in changed:
                if name.endswith(".md"):
                    self.search_edits[name] = self.edit_count
            # A page edited, then removed (its certificate gone) leaves the edits: search no longer finds it.
            self.search_edits = {name: edit for name, edit in self.search_edits.items() if (self.docs / name).is_file()}
            if self.search_edits:  # one at a time (two would share the scratch folder); a full index may run
                self._index(urls.SEARCH_EDITS_FOLDER, sorted(self.search_edits))

    def index_for_search(self) -> None:
        """Index every page; the edits it covers no longer need the edits' index."""
        with self.edits_lock:
            began = self.edit_count
        self._index(urls.SEARCH_FOLDER, None)
        with self.edits_lock:
            self.search_edits = {page: edit for page, edit in self.search_edits.items() if edit > began}

    def edits_folder(self) -> str:
        """The edits' index folder while search should merge it (edits the full index lacks), else ""."""
        with self.edits_lock:
            return urls.SEARCH_EDITS_FOLDER if self.search_edits else ""

    def _update_search_pages(self, changed: list[str] | None) -> None:
        """Keep the search pages (search_index.write_pages) as the docs' Markdown is (changed: the
        docs files that changed or went; None: all of them, the first time). Here, in the thread
        that rebuilds, and only what changed: in the indexing thread, writing 5,000 pages held
        Python's lock against the next save's check (its file reads waited on it, 5 s at 5,000)."""
        if changed is None:
            shutil.rmtree(self.search_pages, ignore_errors=True)  # pages of a former run may be gone
            search_index.write_pages(self.docs, self.search_pages)
            return
        pages = [name for name in changed if name.endswith(".md")]
        if pages:
            # Equivalent mutant: every page (None) gives the same search pages, slower.
            search_index.write_pages(self.docs, self.search_pages, pages)  # pragma: no mutate

    def _index(self, folder: str, pages: list[str] | None) -> None:
        """Pagefind into a new folder, whose files then join the served ones, the entry file last.
        Pagefind names its index files by their content, so a page that loaded the previous entry
        keeps finding the files it names; files of older indexes are deleted. pages: the edits'
        index, of these Markdown files' blocks alone; None: the full index, of the search pages kept
        up to date by each rebuild, at a lower priority than the rebuilds (search_index.start_pagefind).
        Pagefind reads the search blocks, as a build does, not the served site: a fifth of the time."""
        work = self.root / f"indexing-{folder}"
        if work.exists():
            shutil.rmtree(work)
        if pages is None:
            process = search_index.start_pagefind(self.search_pages, work / "index", background=True)
        else:  # a few pages: in this process (a rebuild may be running in another thread: nothing forked)
            process = search_index.start(self.docs, work, jobs=1, only=pages)
        with self.indexing_lock:
            self.indexing[folder] = process
            if self.indexing_stopped:  # started as the preview stopped: it would outlive it, writing here
                process.kill()
        fresh = search_index.wait(process, work)
        served = self.site / folder
        names = {path.relative_to(fresh).as_posix() for path in fresh.rglob("*") if path.is_file()}
        for name in sorted(names, key=lambda name: name == ENTRY):
            (served / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(fresh / name, served / name)
        previous = self.previous_index.get(folder, set())
        for path in served.rglob("*"):
            name = path.relative_to(served).as_posix()
            if path.is_file() and name not in names and name not in previous:
                path.unlink()
        self.previous_index[folder] = names
        shutil.rmtree(work)

    def stop_indexing(self) -> None:
        """Stop Pagefind if it runs: it would go on writing into the workspace after the preview ends."""
        with self.indexing_lock:
            self.indexing_stopped = True
            for process in self.indexing.values():
                # Killed, not reaped: the indexing thread is waiting on it (two waits on one process collide).
                process.kill()


def move_changed(source: Path, target: Path) -> tuple[list[str], list[str]]:
    """Make target hold what source holds, touching only the files whose bytes differ (moved from
    source, so they are newer than the pages built from them); source is used up.
    Returns the files that changed and those that were removed, relative to target."""
    changed: list[str] = []
    kept: set[str] = set()
    for folder, _, names in os.walk(source):
        relative_folder = Path(folder).relative_to(source)
        for name in names:
            relative = (relative_folder / name).as_posix()
            kept.add(relative)
            new, old = Path(folder) / name, target / relative
            # Equivalent mutant: shallow=None is as false: the bytes are compared.
            if old.is_file() and filecmp.cmp(new, old, shallow=False):  # pragma: no mutate
                continue
            old.parent.mkdir(parents=True, exist_ok=True)
            os.replace(new, old)
            changed.append(relative)
    removed = []
    if target.is_dir():
        for folder, _, names in os.walk(target):
            for name in names:
                relative = (Path(folder).relative_to(target) / name).as_posix()
                if relative not in kept:
                    (target / relative).unlink()
                    removed.append(relative)
    shutil.rmtree(source)
    return sorted(changed), sorted(removed)


@contextmanager
def _unchanged_kept_old(folder: Path, files: list[str]):
    """Around writing these files: a file written with the bytes it had gets its old time back
    (MkDocs then leaves its page alone). Yields the list of those that changed, filled on exit."""
    before = {name: (folder / name).read_bytes() if (folder / name).is_file() else None for name in files}
    times = {name: (folder / name).stat().st_mtime_ns for name, content in before.items() if content is not None}
    changed: list[str] = []
    yield changed
    for name, content in before.items():
        if not (folder / name).is_file():
            continue
        if content is not None and (folder / name).read_bytes() == content:
            os.utime(folder / name, ns=(times[name], times[name]))
        else:
            changed.append(name)


@contextmanager
def _collector_paused():
    """Python's cycle collector paused for the pass that shows the edited page. The preview's
    process holds the model and MkDocs' view of every page (600,000 objects at 5,000
    certificates), and each full collection during a check walks them all: 40 % of that pass's
    time. What the pass leaves is collected once it is over."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _explained():
    """A failure after the check as one line for the terminal (site.BuildFailed), as `build.py build` says it."""
    try:
        yield
    except (SettingsError, jinja2.TemplateError, OSError) as failure:
        raise site.BuildFailed(site._explain(failure)) from None
