"""The check's cache (xcat/check/cache.py): a run that takes files from it finds exactly what a
run that reads every file finds, and an edit, a new schema or new code is never answered from it."""

from __future__ import annotations

import os
import pickle
import time

import pytest

from tests.helpers import TODAY, copy_fictional, edit, run_check, write
from xcat import cli
from xcat.check import cache as cache_module
from xcat.check import catalogue as catalogue_module
from xcat.check.catalogue import check_catalogue
from xcat.check.load import MAX_FILE_BYTES
from xcat.check.schemas import SchemaSet
from xcat.settings import ROOT, SCHEMAS, user_cache

# One of each kind of problem: a schema problem, a cross-file rule's (its position is found in the
# text again), a file the parser refuses, a file too large to read.
BROKEN = {
    "certificates/fictional-alpha.yaml": ("fee: 100", "fee: -100"),
    "certificates/fictional-beta.yaml": ("organization: fictional-org-", "organization: no-such-org-"),
    "certificates/fictional-gamma.yaml": ("id: fictional-gamma", "id: [fictional-gamma"),
}


def checked(catalogue, cache, schemas=SCHEMAS):
    result = check_catalogue(catalogue, SchemaSet(schemas), today=TODAY, cache=cache)
    return result.problems, [(d.path, d.data) for d in result.documents]


@pytest.fixture
def broken(tmp_path):
    catalogue = copy_fictional(tmp_path)
    for relative, (old, new) in BROKEN.items():
        edit(catalogue, relative, old, new)
    write(catalogue, "sources/huge.yaml", "id: huge\n" + "# padding\n" * 120_000)
    return catalogue


@pytest.fixture
def reads(monkeypatch):
    """The files each run reads and validates, as the check names them."""
    read: list[list[str]] = []
    real = catalogue_module._read_and_validate

    def counting(entries, schemas):
        read.append([shown for (_, shown, _, _), _ in entries])
        return real(entries, schemas)

    monkeypatch.setattr(catalogue_module, "_read_and_validate", counting)
    return read


def test_a_run_from_the_cache_finds_what_reading_every_file_finds(broken, tmp_path, reads):
    expected = checked(broken, None)
    assert len(expected[0]) >= 4, expected[0]  # every kind of problem above is there
    cold = checked(broken, tmp_path / "cache")
    warm = checked(broken, tmp_path / "cache")
    assert cold == expected
    assert warm == expected
    # The warm run read only the file too large to be kept; the other run read them all.
    assert [shown.rsplit("/", 1)[-1] for shown in reads[-1]] == ["huge.yaml"]
    assert len(reads[-2]) == len(reads[0]) > 20


def test_an_edit_is_read_again_and_so_is_undoing_it(tmp_path, reads):
    catalogue = copy_fictional(tmp_path)
    folder = tmp_path / "cache"
    assert checked(catalogue, folder)[0] == []
    edit(catalogue, "certificates/fictional-alpha.yaml", "fee: 100", "fee: -100")
    problems, _ = checked(catalogue, folder)
    assert [(p.path.rsplit("/", 1)[-1], p.line) for p in problems] == [("fictional-alpha.yaml", 14)]
    assert [shown.rsplit("/", 1)[-1] for shown in reads[-1]] == ["fictional-alpha.yaml"]
    edit(catalogue, "certificates/fictional-alpha.yaml", "fee: -100", "fee: 100")
    assert checked(catalogue, folder)[0] == []
    # The cache keeps the last run's files only: the first run's version of the file was dropped.
    assert [shown.rsplit("/", 1)[-1] for shown in reads[-1]] == ["fictional-alpha.yaml"]


def test_a_renamed_file_is_checked_under_its_new_name(tmp_path):
    catalogue = copy_fictional(tmp_path)
    folder = tmp_path / "cache"
    checked(catalogue, folder)
    (catalogue / "sources" / "fictional-paper.yaml").rename(catalogue / "sources" / "fictional-paper-2.yaml")
    problems, _ = checked(catalogue, folder)
    assert problems == checked(catalogue, None)[0]
    assert any(p.path.endswith("fictional-paper-2.yaml") for p in problems)


def test_new_schemas_or_new_code_drop_the_cache(tmp_path, monkeypatch, reads):
    catalogue = copy_fictional(tmp_path)
    folder = tmp_path / "cache"
    schemas = tmp_path / "schema"
    schemas.mkdir()
    for schema in SCHEMAS.glob("*.json"):
        (schemas / schema.name).write_bytes(schema.read_bytes())
    checked(catalogue, folder, schemas)
    stricter = (schemas / "certificate.schema.json").read_text(encoding="utf-8")
    assert '"minimum": 0,\n            "maximum": 100000' in stricter  # the fees'
    stricter = stricter.replace(
        '"minimum": 0,\n            "maximum": 100000', '"minimum": 150,\n            "maximum": 100000'
    )
    (schemas / "certificate.schema.json").write_text(stricter, encoding="utf-8")
    problems, _ = checked(catalogue, folder, schemas)
    assert any("fictional-alpha.yaml" in p.path for p in problems)  # its fee of 100 is below the new minimum
    assert len(reads[-1]) == len(reads[0])
    monkeypatch.setattr(cache_module, "_version", lambda schemas: "other code")
    checked(catalogue, folder, schemas)
    assert len(reads[-1]) == len(reads[0])


def test_a_damaged_cache_file_is_ignored_and_replaced(tmp_path):
    catalogue = copy_fictional(tmp_path)
    folder = tmp_path / "cache"
    checked(catalogue, folder)
    (kept,) = folder.glob("*.pickle")
    kept.write_bytes(b"\x80\x05 cut short")
    assert checked(catalogue, folder) == checked(catalogue, None)
    _, entries = pickle.loads(kept.read_bytes())
    assert len(entries) > 20


def test_only_the_last_catalogues_are_kept(tmp_path, monkeypatch):
    """The folder is made with its parents (a new user's cache); the newest KEPT files stay."""
    monkeypatch.setattr(cache_module, "KEPT", 2)
    folder = tmp_path / "user-cache" / "xcat" / "check"
    catalogues = [copy_fictional(tmp_path / str(number)) for number in range(3)]
    for catalogue in catalogues:
        checked(catalogue, folder)
    kept = {cache_module.ReadCache(folder, catalogue, SCHEMAS).file for catalogue in catalogues[1:]}
    assert set(folder.glob("*.pickle")) == kept  # the first catalogue's, the oldest, is gone
    assert not list(folder.glob("*.tmp"))


def test_the_files_kept_are_the_newest_whatever_their_names(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "KEPT", 2)
    folder = tmp_path / "cache"
    folder.mkdir()
    for name, age in (("0-newer.pickle", 10), ("z-older.pickle", 20)):  # names sort opposite to age
        (folder / name).write_bytes(b"")
        os.utime(folder / name, (time.time() - age, time.time() - age))
    catalogue = copy_fictional(tmp_path)
    checked(catalogue, folder)
    own = cache_module.ReadCache(folder, catalogue, SCHEMAS).file
    assert set(folder.glob("*.pickle")) == {own, folder / "0-newer.pickle"}


def test_the_caches_version_follows_every_code_file_by_name_and_bytes(tmp_path, monkeypatch):
    code = tmp_path / "xcat"
    (code / "check").mkdir(parents=True)
    monkeypatch.setattr(cache_module, "_CODE", code)
    (code / "check" / "load.py").write_text("A = 1\n", encoding="utf-8")
    (code / "notes.txt").write_text("not code\n", encoding="utf-8")
    versions = [cache_module._version(SCHEMAS)]
    (code / "notes.txt").write_text("still not code\n", encoding="utf-8")
    assert cache_module._version(SCHEMAS) == versions[-1]
    (code / "check" / "load.py").write_text("A = 2\n", encoding="utf-8")
    versions.append(cache_module._version(SCHEMAS))
    (code / "check" / "load.py").rename(code / "check" / "read.py")
    versions.append(cache_module._version(SCHEMAS))
    assert len(set(versions)) == 3


def test_a_cache_folder_that_cannot_be_written_changes_nothing(tmp_path):
    catalogue = copy_fictional(tmp_path)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    assert checked(catalogue, blocked / "cache") == checked(catalogue, None)


@pytest.mark.parametrize(
    ("arguments", "environment", "kept"),
    [([], None, True), (["--no-cache"], None, False), ([], "off", False)],
)
def test_the_command_keeps_its_cache_unless_told_not_to(tmp_path, monkeypatch, arguments, environment, kept):
    catalogue = copy_fictional(tmp_path)
    monkeypatch.setattr(cli, "CHECK_CACHE", tmp_path / "cache")
    if environment:
        monkeypatch.setenv("XCAT_CHECK_CACHE", environment)
    else:
        monkeypatch.delenv("XCAT_CHECK_CACHE")
    assert run_check(catalogue, *arguments) == (0, [])
    assert bool(list((tmp_path / "cache").glob("*.pickle"))) is kept


def test_the_cache_is_kept_in_the_users_cache_never_in_the_checkout(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert user_cache("check") == tmp_path / "xdg" / "xcat-catalogue" / "check"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_cache("check") == tmp_path / "home" / ".cache" / "xcat-catalogue" / "check"
    assert not cli.CHECK_CACHE or not cli.CHECK_CACHE.is_relative_to(ROOT)


def test_a_file_is_read_from_the_bytes_that_key_its_entry(tmp_path, monkeypatch):
    """A save between reading a file's bytes for its key and parsing it must not file the new
    content under the old bytes' key: the check parses the bytes it keyed."""
    catalogue = copy_fictional(tmp_path)
    alpha = catalogue / "certificates" / "fictional-alpha.yaml"
    keyed = alpha.read_bytes()
    edit(catalogue, "certificates/fictional-alpha.yaml", "fee: 100", "fee: -100")  # saved meanwhile
    real = catalogue_module._raw
    monkeypatch.setattr(catalogue_module, "_raw", lambda entry: keyed if entry[0] == alpha else real(entry))
    assert checked(catalogue, tmp_path / "cache")[0] == []  # what the keyed bytes hold: no problem


def test_a_file_exactly_as_large_as_allowed_is_kept_and_one_byte_more_is_not(tmp_path, reads):
    catalogue = copy_fictional(tmp_path)
    text = "id: at-the-limit\ntitle: t\nkind: secondary\n"
    padding = "#" * 99 + "\n"
    body = text + padding * ((MAX_FILE_BYTES - len(text)) // len(padding))
    write(catalogue, "sources/at-the-limit.yaml", body + "#" * (MAX_FILE_BYTES - len(body) - 1) + "\n")
    assert (catalogue / "sources" / "at-the-limit.yaml").stat().st_size == MAX_FILE_BYTES
    for _ in range(2):
        checked(catalogue, tmp_path / "cache")
    assert reads[-1] == []  # the second run read nothing: the file at the limit came from the cache too
    write(catalogue, "sources/at-the-limit.yaml", body + "#" * (MAX_FILE_BYTES - len(body)) + "\n")
    for _ in range(2):
        checked(catalogue, tmp_path / "cache")
    assert [shown.rsplit("/", 1)[-1] for shown in reads[-1]] == ["at-the-limit.yaml"]  # too large: read each time
