"""Publishing without a window: the build works in a staging folder beside site/, and the
finished site replaces site/ in one atomic exchange. A failure leaves site/ as it was; so
does a build killed at any step, and the next build removes what the killed one left behind."""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import shutil
import tempfile
from contextlib import contextmanager, suppress
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no locks, so staging folders of killed builds are left alone
    fcntl = None  # type: ignore[assignment]


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
        # Equivalent mutant: O_RDONLY & O_DIRECTORY is 0, O_RDONLY itself, which opens the new folder too.
        lock = os.open(stage, os.O_RDONLY | os.O_DIRECTORY)  # pragma: no mutate
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
                with suppress(OSError):
                    os.chmod(path, 0o700)
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
