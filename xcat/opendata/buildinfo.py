"""The version, build date and site address that the open-data files carry.

Both version and build date come from the input, never from the clock, so the same
catalogue always gives the same bytes:

- version: the first 12 hex digits of a sha256 over the data as published (canonical JSON),
  so it changes exactly when the data changes. The catalogue-wide files (catalogue.json,
  index.json) carry the catalogue's version and the build date; a per-item file carries its
  own version and no date, so an edit to one certificate rewrites only the files that show it
  (a mirror or a CDN fetches those, not hundreds);
- build date: SOURCE_DATE_EPOCH if set (reproducible-builds.org), else the committer
  date of the last git commit that touched catalogue/, else the newest date in the
  catalogue itself.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import dates
from ..model import Catalogue

# Raised only when a published field changes meaning or disappears. 2: a per-item file's meta
# holds its own version and no build date.
FORMAT_VERSION = 2
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class BuildInfo:
    version: str
    built: datetime.datetime  # timezone-aware, UTC
    built_from: str  # SOURCE_DATE_EPOCH, git or catalogue
    site_url: str  # ends with "/"

    @property
    def build_date(self) -> str:
        return rfc3339(self.built)

    def meta(self) -> dict[str, Any]:
        return {
            "format_version": FORMAT_VERSION,
            "version": self.version,
            "build_date": self.build_date,
            "build_date_from": self.built_from,
            "site_url": self.site_url,
        }

    def item_meta(self, record: Any) -> dict[str, Any]:
        """The meta of a per-item file: nothing in it changes unless the item does."""
        return {"format_version": FORMAT_VERSION, "version": version_of(record), "site_url": self.site_url}

    def url(self, path: str) -> str:
        return self.site_url + path


def derive(content: Any, built: tuple[datetime.datetime, str], site_url: str) -> BuildInfo:
    """content: the catalogue's data as published, without meta (Records.catalogue);
    built: the build date and where it came from (build_date)."""
    return BuildInfo(version_of(content), built[0], built[1], site_url)


def version_of(content: Any) -> str:
    canonical = json.dumps(
        content,
        ensure_ascii=False,  # pragma: no mutate - None is as false (a test pins the text with Chinese in it)
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]  # pragma: no mutate - "UTF-8" is the same


def build_date(catalogue: Catalogue, root: Path) -> tuple[datetime.datetime, str]:
    from_environment = _source_date_epoch()
    if from_environment:
        return from_environment, "SOURCE_DATE_EPOCH"
    from_git = _last_catalogue_commit(root)
    if from_git:
        return from_git, "git"
    return newest_catalogue_date(catalogue), "catalogue"


def _source_date_epoch() -> datetime.datetime | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()  # pragma: no mutate - any default but digits
    if not value.isdigit():
        return None
    return _from_timestamp(int(value))


def _last_catalogue_commit(root: Path) -> datetime.datetime | None:
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", "catalogue"],
            cwd=root,
            capture_output=True,
            text=True,  # pragma: no mutate - bytes would do as well: b"17…".isdigit(), int(b"17…")
            timeout=30,  # pragma: no mutate - any bound: it is there for a git that hangs
        )
    except (OSError, subprocess.SubprocessError):
        return None  # no git, not a checkout, or git hangs: fall back to the catalogue's dates
    stamp = result.stdout.strip()
    if result.returncode != 0 or not stamp.isdigit():
        return None
    return _from_timestamp(int(stamp))


def _from_timestamp(seconds: int) -> datetime.datetime | None:
    try:
        return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)
    except (OverflowError, OSError, ValueError):
        return None


def newest_catalogue_date(catalogue: Catalogue) -> datetime.datetime:
    """The latest date the catalogue mentions (a partial date counts from its first day)."""
    newest = catalogue.newest_date
    return first_moment(newest) if newest else _EPOCH


def first_moment(partial_date: str) -> datetime.datetime:
    """2021 -> 2021-01-01T00:00Z, 2021-06 -> 2021-06-01T00:00Z."""
    year, month, day = (dates.parts(partial_date) + (1, 1))[:3]
    return datetime.datetime(year, month, day, tzinfo=datetime.UTC)


def rfc3339(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
