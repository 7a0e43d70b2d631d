"""Paths and settings, defined once: where the project's files are, what mkdocs.yml says
(read through MkDocs' own loader, never parsed by hand), and the options of one run."""

from __future__ import annotations

import enum
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "catalogue"
SCHEMAS = ROOT / "schema"
HAND_WRITTEN_DOCS = ROOT / "docs"
MKDOCS_YML = ROOT / "mkdocs.yml"
SITE = ROOT / "site"
PREVIEW = ROOT / ".preview"  # `build.py serve`'s workspace (xcat/publish/preview.py)


def user_cache(name: str) -> Path | None:
    """A folder of the user's cache for this project (XDG_CACHE_HOME, else ~/.cache), or None
    without a home. Never inside the checkout: a pull request could commit a file there, and the
    check's cache is unpickled (xcat/check/cache.py)."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home directory to find
            return None
    return Path(base) / "xcat-catalogue" / name


class Exit(enum.IntEnum):
    """What a command ends with: the shell and CI read these."""

    OK = 0
    INVALID = 1  # the catalogue has problems, or the build failed
    USAGE = 2  # the request itself is wrong (an unknown id, revision or option)


@dataclass(frozen=True)
class Options:
    """What one run works on. The command line fills it in; tests build it directly."""

    catalogue: Path = CATALOGUE
    schemas: Path = SCHEMAS
    today: str | None = None  # a fixed "today" for the date rules (tests)
    site_dir: Path = SITE
    keep_docs: Path | None = None  # also keep the generated Markdown there (bench/)
    check_cache: Path | None = None  # where the check keeps what each file held between runs (None: nowhere)


@dataclass(frozen=True)
class SiteSettings:
    """What the pages and the open data need to know of mkdocs.yml."""

    site_url: str  # ends with "/"
    edit_base: str | None = None  # repo_url + edit_uri: prefix a catalogue file's path to edit it

    @classmethod
    def of(cls, config: MkDocsConfig) -> SiteSettings:
        site_url = config.site_url
        if not site_url or not site_url.startswith(("https://", "http://")):
            raise SettingsError(
                f"{config.config_file_path}: site_url must be the site's address (https://...): "
                "the open data and the feeds link to it"
            )
        site_url = site_url.rstrip("/") + "/"  # pragma: no mutate - an address does not end in X
        repo, edit = config.repo_url, config.edit_uri
        edit_base = None
        if repo and edit and str(repo).startswith("https://"):
            # Equivalent mutants: stripping X as well as / changes no address GitHub gives.
            edit_base = str(repo).rstrip("/") + "/" + str(edit).strip("/") + "/"  # pragma: no mutate
        return cls(site_url, edit_base)


class SettingsError(Exception):
    """mkdocs.yml cannot be read or lacks what the build needs."""


def load_site_config(
    docs_dir: Path = HAND_WRITTEN_DOCS, site_dir: Path = SITE, config_file: Path = MKDOCS_YML
) -> MkDocsConfig:
    """mkdocs.yml as MkDocs reads it, strict, building docs_dir into site_dir."""
    # Imported here: MkDocs and its plugins take about 0.5 s to load, which `check` never needs.
    from mkdocs.config import load_config  # noqa: PLC0415
    from mkdocs.exceptions import Abort, ConfigurationError  # noqa: PLC0415

    # MkDocs logs what is wrong with a value and then aborts with a message that does not say it.
    said = _Said()
    # Equivalent mutant: the root logger would hear mkdocs.config's messages too (they propagate).
    logging.getLogger("mkdocs.config").addHandler(said)  # pragma: no mutate
    try:
        return load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True)
    except (ConfigurationError, Abort, OSError) as error:
        raise SettingsError(f"{config_file.name}: {'; '.join(said.messages) or error}") from None
    finally:
        logging.getLogger("mkdocs.config").removeHandler(said)


class _Said(logging.Handler):
    """The warnings and errors MkDocs logs while it reads mkdocs.yml."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def site_settings(config_file: Path = MKDOCS_YML) -> SiteSettings:
    return SiteSettings.of(load_site_config(config_file=config_file))


def job_count() -> int:
    """How many processes the check and the build may use: XCAT_JOBS if set (1 = no child
    process), else the cores this process may use."""
    # Any default that is not a number means every core, so the default is not mutated.
    wanted = os.environ.get("XCAT_JOBS", "").strip()  # pragma: no mutate
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
