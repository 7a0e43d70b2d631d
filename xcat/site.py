"""Stage 5: write the site. Pages and exports go to a staging folder, MkDocs builds
there, and only a complete build replaces site/, in one atomic exchange. A failure leaves
site/ as it was; so does a build killed at any step, and the next build removes what the
killed one left behind."""
from __future__ import annotations

import ctypes
import errno
import functools
import json
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import jinja2

try:
    import fcntl
except ImportError:  # Windows: no locks, so staging folders of killed builds are left alone
    fcntl = None

from .model import Catalogue, build_catalogue

HAND_WRITTEN_DOCS = "docs"


def build_site(documents, args) -> int:
    from .cli import ROOT

    catalogue = build_catalogue(documents)
    site_dir: Path = args.site_dir.resolve()
    try:
        if os.path.lexists(site_dir) and not site_dir.is_dir():
            raise BuildFailed(f"{site_dir} is a file, not a folder: move it away, or build elsewhere with --site-dir")
        with staging(site_dir) as stage:
            docs_dir = stage / "docs"
            shutil.copytree(ROOT / HAND_WRITTEN_DOCS, docs_dir)
            generate(catalogue, docs_dir, ROOT)
            if getattr(args, "keep_docs", None):  # bench/benchmark.py builds this copy with plain MkDocs
                shutil.copytree(docs_dir, args.keep_docs, dirs_exist_ok=True, copy_function=_link_or_copy)
            with dated_like_the_open_data(catalogue, ROOT):
                run_mkdocs(ROOT / "mkdocs.yml", docs_dir, stage / "site")
            search_index_as_utf8(stage / "site")
            swap_into_place(stage / "site", site_dir)
    except (BuildFailed, jinja2.TemplateError, OSError) as failure:
        print(f"build.py: {_explain(failure)}", file=sys.stderr)
        print("build.py: the site was not built; the previous site is unchanged.", file=sys.stderr)
        return 1
    print(f"Built {len(catalogue.certificates)} certificate pages into {site_dir}.", file=sys.stderr)
    return 0


class BuildFailed(Exception):
    pass


def _link_or_copy(source: str, target: str) -> None:
    """A hard link costs nothing, so --keep-docs does not slow the build it measures."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def search_index_as_utf8(site: Path) -> None:
    """Material writes its search index with \\uXXXX escapes: six bytes for each Chinese
    character and for each word break (U+200B) its segmentation inserts. The same JSON
    in UTF-8 is a third smaller to download and to parse (docs/performance.md)."""
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return
    text = json.dumps(json.loads(index.read_text(encoding="utf-8")), ensure_ascii=False, separators=(",", ":"))
    try:
        index.write_bytes(text.encode("utf-8"))
    except UnicodeEncodeError:  # a lone surrogate cannot be UTF-8: keep the escaped original
        pass


def _explain(failure: Exception) -> str:
    """One line for the contributor instead of a traceback."""
    if isinstance(failure, jinja2.TemplateError):
        where = f" ({failure.filename}, line {failure.lineno})" if getattr(failure, "lineno", None) else ""
        return f"a page template failed{where}: {failure}"
    if isinstance(failure, OSError):
        return f"could not write the site: {failure}"
    return str(failure)


def generate(catalogue: Catalogue, docs_dir: Path, root: Path) -> None:
    """Everything generated from the model: pages (Markdown) and open data files. Each task
    writes its own files, so xcat.parallel runs them on every core (the open data first: it
    is the longest)."""
    from . import exports, fieldref, pages, parallel

    tasks = [lambda: exports.write_exports(catalogue, docs_dir, root),
             lambda: fieldref.write_field_reference(docs_dir, root / "schema")]
    tasks += pages.PageWriter(catalogue, docs_dir, pages.TEMPLATES).jobs()
    parallel.run(tasks, portable=_portable)


def _portable(failure: Exception) -> Exception:
    """A failure in a child process, as the parent will raise it: Jinja's errors do not
    survive pickling with the same text, so they travel as their one-line explanation."""
    return BuildFailed(_explain(failure)) if isinstance(failure, jinja2.TemplateError) else failure


def run_mkdocs(config_file: Path, docs_dir: Path, site_dir: Path) -> None:
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    # MkDocs counts warnings through its logger; strict mode turns them into an abort.
    # Show them too, or "Aborted with 2 warnings" would not say which.
    logger = logging.getLogger("mkdocs")
    shown = logging.StreamHandler(sys.stderr)
    shown.setLevel(logging.WARNING)
    shown.setFormatter(logging.Formatter("build.py: MkDocs %(levelname)s: %(message)s"))
    logger.addHandler(shown)
    try:
        config = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True)
        logger.setLevel(logging.WARNING)
        build(config)
    except (Abort, MkDocsException) as error:
        raise BuildFailed(f"MkDocs failed: {error}") from None
    finally:
        logger.removeHandler(shown)


@contextmanager
def dated_like_the_open_data(catalogue: Catalogue, root: Path):
    """MkDocs dates the sitemap and its gzip header with today unless SOURCE_DATE_EPOCH is set:
    give it the open data's input-derived build date, so the same input gives the same bytes."""
    from .buildinfo import build_date

    before = os.environ.get("SOURCE_DATE_EPOCH")
    built, _ = build_date(catalogue, root)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(built.timestamp()))
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


STAGE_PREFIX = ".site-build-"  # also in .gitignore and the Makefile's clean


@contextmanager
def staging(site_dir: Path):
    """A folder beside site/ (the final exchange is a rename on one file system), locked for as
    long as this build runs. The kernel drops the lock when a build dies, however it dies, so
    an unlocked staging folder is a killed build's: the next build removes it. (A pid in the
    name could not tell a dead build from a live one in another container sharing the folder,
    or from a new process that reused the pid.)"""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_stages(site_dir.parent)
    stage, lock = _new_stage(site_dir.parent)
    try:
        yield stage
    finally:
        _remove(stage)
        if lock is not None:
            os.close(lock)


def _new_stage(parent: Path) -> tuple[Path, int | None]:
    while True:
        stage = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=parent))
        if fcntl is None:
            return stage, None
        lock = os.open(stage, os.O_RDONLY | os.O_DIRECTORY)
        locked = _lock(lock)
        if locked is None:  # no locks on this file system: build without one
            return stage, lock
        if locked and _same_folder(lock, stage):
            return stage, lock
        os.close(lock)  # another build's cleanup took it between mkdtemp and the lock, and removes it


def _lock(descriptor: int) -> bool | None:
    """True: locked for this build; False: another build holds it; None: cannot lock here."""
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    except OSError:
        return None


def _same_folder(descriptor: int, path: Path) -> bool:
    try:
        here, there = os.fstat(descriptor), os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _remove_stale_stages(parent: Path) -> None:
    """Remove the staging folders of killed builds; never fail the build over one."""
    if fcntl is None:
        return
    for stage in sorted(parent.glob(STAGE_PREFIX + "*")):
        try:
            lock = os.open(stage, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        except OSError:
            continue  # not a folder, or gone already
        try:
            if _lock(lock) and _same_folder(lock, stage):
                _restore_interrupted(stage)
                _remove(stage)
        except OSError:
            pass  # a site it holds could not be put back: keep the folder
        finally:
            os.close(lock)


def _remove(folder: Path) -> None:
    """Remove a folder tree, even one with read-only folders in it (a site copied from a
    read-only medium, a chmod by hand). What still cannot be removed is left for a later build."""
    shutil.rmtree(folder, ignore_errors=True)
    if not os.path.lexists(folder):
        return
    try:
        os.chmod(folder, 0o700)
    except OSError:
        return
    for parent, folders, _ in os.walk(folder):  # top-down: each folder is made writable before it is entered
        for name in folders:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                try:
                    os.chmod(path, 0o700)
                except OSError:
                    pass
    shutil.rmtree(folder, ignore_errors=True)


def swap_into_place(new_site: Path, site_dir: Path) -> None:
    """Publish new_site as site_dir in one step: the old site or the new one is always in place,
    for readers and for a build killed at any moment. The old site ends up in the staging folder."""
    if not os.path.lexists(site_dir):
        os.rename(new_site, site_dir)
    elif not _exchange(new_site, site_dir):
        _replace_in_two_steps(new_site, site_dir)


_RENAME_EXCHANGE = 2  # <linux/fs.h>
_AT_FDCWD = -100


@functools.cache
def _renameat2():
    """glibc's renameat2 (2.28 and later), or None on other C libraries and systems."""
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux 3.15+). False where the kernel, the file system or the C
    library cannot: some file systems (older NFS, FUSE, overlayfs on some kernels) say EINVAL."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(error, os.strerror(error), str(second))


_PREVIOUS = "previous-"


def _replace_in_two_steps(new_site: Path, site_dir: Path) -> None:
    """Where nothing can exchange two folders: two renames, with no site/ for the moment between
    them. A build killed in that moment leaves the old site in its staging folder, and the next
    build puts it back before anything else (_restore_interrupted)."""
    previous = new_site.parent / (_PREVIOUS + site_dir.name)
    os.rename(site_dir, previous)
    try:
        os.rename(new_site, site_dir)
    except OSError:
        os.rename(previous, site_dir)
        raise


def _restore_interrupted(stage: Path) -> None:
    """Put back a site that a killed two-step replacement left in its staging folder."""
    for previous in stage.glob(_PREVIOUS + "*"):
        site_dir = stage.parent / previous.name.removeprefix(_PREVIOUS)
        if not os.path.lexists(site_dir):
            os.rename(previous, site_dir)
