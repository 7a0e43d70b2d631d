"""What reading and validating each file found, kept between runs of the check.

Parsing and validating the files is most of a check (about 80 % at 500 certificates), and
between two runs a contributor, or the preview after a save, changes one file or a few. A file
whose bytes and path are those of the last run (its path gives its kind) gets its data and its schema problems back
from here; the cross-file rules still run on every file, so a run finds exactly what a run
without the cache finds (tests/check/test_cache.py compares the two).

Entries are keyed by the file's bytes, not its modification time, so a checkout or a copy
that keeps the content keeps the entry. The whole cache is dropped when the code or the schemas
change (their bytes are part of its name). One cache file per catalogue folder, the last
KEPT folders' only: tests and benchmarks check many catalogues. The folder is in the user's
cache (settings.user_cache), never in the checkout: the entries are unpickled, and a pull
request can commit any file into a checkout, ignored or not.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

import ruamel.yaml

from .load import Entry
from .problems import Problem

KEPT = 8  # catalogue folders whose results are kept
_CODE = Path(__file__).resolve().parent.parent  # xcat/: any change to the code may change what a file is found to hold

# What a file was found to hold: (its data, its schema problems), or (the Problem that kept it from being read, []).
Found = tuple[Any, list[Problem]]


class ReadCache:
    def __init__(self, folder: Path, catalogue: Path, schemas: Path):
        self.folder = folder
        # One file per catalogue folder; any length of its name would do.
        name = _digest(os.fsencode(catalogue.resolve()))[:16]  # pragma: no mutate
        self.file = folder / f"{name}.pickle"
        self.version = _version(schemas)
        self.old: dict[bytes, Found] = self._load()
        self.new: dict[bytes, Found] = {}

    def key(self, entry: Entry, raw: bytes) -> bytes:
        _, shown, _, _ = entry  # its kind follows from its path
        # A path holds no NUL byte, so any separator that does keeps the key one-to-one.
        return hashlib.sha1(os.fsencode(shown) + b"\0" + raw).digest()  # pragma: no mutate

    def get(self, key: bytes) -> Found | None:
        found = self.old.get(key)
        if found is not None:
            self.new[key] = found
        return found

    def put(self, key: bytes, found: Found) -> None:
        self.new[key] = found

    def save(self) -> None:
        """Keep this run's entries alone (a removed or changed file's go), atomically: a check
        killed while saving leaves the old cache or none, never a half-written one."""
        if self.new.keys() == self.old.keys():
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # Written beside the cache (os.replace stays on one file system), under a name the
            # glob below does not match; its suffix and delete flag have equivalent mutants.
            with tempfile.NamedTemporaryFile(dir=self.folder, suffix=".tmp", delete=False) as out:  # pragma: no mutate
                pickle.dump((self.version, self.new), out)
            os.replace(out.name, self.file)
            for stale in sorted(self.folder.glob("*.pickle"), key=lambda f: f.stat().st_mtime, reverse=True)[KEPT:]:
                stale.unlink(missing_ok=True)  # pragma: no mutate - another check may remove it at the same moment
        except OSError:
            pass  # a read-only checkout checks as fast as before, without the cache

    def _load(self) -> dict[bytes, Found]:
        try:
            with self.file.open("rb") as cached:
                version, entries = pickle.load(cached)
        except Exception:  # none yet, or unreadable: every file is read again
            return {}
        return entries if version == self.version else {}


def _digest(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def _version(schemas: Path) -> str:
    """Changes whenever the code, the schemas, Python or the YAML library do."""
    parts = [sys.version.encode(), ruamel.yaml.__version__.encode()]
    for folder, pattern in ((_CODE, "**/*.py"), (schemas, "*.json")):
        for file in sorted(folder.glob(pattern)):
            parts += [str(file.relative_to(folder)).encode(), file.read_bytes()]
    return _digest(b"\0".join(parts))  # pragma: no mutate - any separator changes it when they change
