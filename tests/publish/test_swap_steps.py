"""The steps of publishing a site (xcat/publish/swap.py), each in this process and in milliseconds.

tests/publish/test_swap.py runs whole builds, killed at each step; these tests pin down what each
step does, so a changed step fails here by name (and mutation testing, which runs the fast tests,
reaches it)."""

from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path

import pytest

from xcat.publish import swap


def a_site(folder: Path, text: str, name: str = "site") -> Path:
    site = folder / name
    (site / "sub").mkdir(parents=True)
    (site / "index.html").write_text(text, encoding="utf-8")
    (site / "sub" / "page.html").write_text(text + " page", encoding="utf-8")
    return site


def text_of(site: Path) -> str:
    return (site / "index.html").read_text(encoding="utf-8")


def stages(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.glob(swap.STAGE_PREFIX + "*"))


def held(folder: Path) -> int:
    """A lock on folder, as a build that is still running holds its staging folder."""
    descriptor = os.open(folder, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    return descriptor


def test_the_staging_folder_is_beside_the_site_locked_while_in_use_and_removed_after(tmp_path):
    site = tmp_path / "out" / "site"  # its parent does not exist yet
    with swap.staging(site) as stage:
        assert stage.parent == site.parent and stage.name.startswith(swap.STAGE_PREFIX)
        (stage / "page.html").write_text("half a site", encoding="utf-8")
        other = os.open(stage, os.O_RDONLY)
        try:
            with pytest.raises(BlockingIOError):  # another build sees it is in use
                fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(other)
    assert stages(site.parent) == []


def test_the_staging_folder_is_removed_when_the_build_fails(tmp_path):
    with pytest.raises(RuntimeError), swap.staging(tmp_path / "site") as stage:
        (stage / "page.html").write_text("half a site", encoding="utf-8")
        raise RuntimeError("the build failed")
    assert stages(tmp_path) == []


def test_killed_builds_folders_go_running_builds_stay_and_a_file_with_the_prefix_is_left(tmp_path):
    killed = a_site(tmp_path / (swap.STAGE_PREFIX + "killed"), "left by a killed build").parent
    (killed / "site" / "sub").chmod(0o555)  # a read-only folder in it does not stop the cleanup
    running = tmp_path / (swap.STAGE_PREFIX + "running")
    running.mkdir()
    stray = tmp_path / (swap.STAGE_PREFIX + "a-file")
    stray.write_text("not a folder", encoding="utf-8")
    stray.chmod(0o640)
    lock = held(running)
    try:
        with swap.staging(tmp_path / "site") as stage:
            assert stages(tmp_path) == sorted([swap.STAGE_PREFIX + "a-file", stage.name, running.name])
    finally:
        os.close(lock)
    assert stages(tmp_path) == sorted([swap.STAGE_PREFIX + "a-file", running.name])
    assert stray.stat().st_mode & 0o777 == 0o640  # not opened as a stage, so not made writable either


def test_a_site_left_between_two_renames_is_put_back_before_the_next_build(tmp_path):
    killed = tmp_path / (swap.STAGE_PREFIX + "killed")
    a_site(killed, "the previous site", name="previous-site")
    with swap.staging(tmp_path / "site"):
        assert text_of(tmp_path / "site") == "the previous site"
    assert stages(tmp_path) == []


def test_a_site_in_place_is_not_overwritten_by_an_older_one_left_in_a_staging_folder(tmp_path):
    a_site(tmp_path, "the current site")
    a_site(tmp_path / (swap.STAGE_PREFIX + "killed"), "an older site", name="previous-site")
    with swap.staging(tmp_path / "site"):
        pass
    assert text_of(tmp_path / "site") == "the current site"
    assert stages(tmp_path) == []


def test_a_new_site_takes_the_place_of_none(tmp_path):
    new = a_site(tmp_path / "stage", "the new site")
    swap.swap_into_place(new, tmp_path / "site")
    assert text_of(tmp_path / "site") == "the new site" and not new.exists()


def test_a_new_site_takes_the_place_of_a_dangling_link(tmp_path):
    (tmp_path / "site").symlink_to(tmp_path / "gone", target_is_directory=True)
    new = a_site(tmp_path / "stage", "the new site")
    swap.swap_into_place(new, tmp_path / "site")
    assert not (tmp_path / "site").is_symlink() and text_of(tmp_path / "site") == "the new site"


def test_a_link_named_like_a_staging_folder_is_left_alone_with_what_it_points_to(tmp_path):
    elsewhere = a_site(tmp_path, "not a build's", name="elsewhere")
    (tmp_path / (swap.STAGE_PREFIX + "link")).symlink_to(elsewhere, target_is_directory=True)
    with swap.staging(tmp_path / "site"):
        pass
    assert (tmp_path / (swap.STAGE_PREFIX + "link")).is_symlink() and text_of(elsewhere) == "not a build's"


@pytest.mark.parametrize("atomic", [True, False], ids=["exchanged", "two renames"])
def test_the_new_site_replaces_the_old_which_ends_up_in_the_staging_folder(tmp_path, monkeypatch, atomic):
    if not atomic:
        monkeypatch.setattr(swap, "_exchange", lambda first, second: False)
    site = a_site(tmp_path, "the old site")
    new = a_site(tmp_path / "stage", "the new site")
    swap.swap_into_place(new, site)
    assert text_of(site) == "the new site"
    assert (site / "sub" / "page.html").read_text(encoding="utf-8") == "the new site page"
    old = new if atomic else tmp_path / "stage" / "previous-site"
    assert text_of(old) == "the old site"


def test_the_exchange_swaps_two_folders_in_one_step(tmp_path):
    if swap._renameat2() is None:
        pytest.skip("this C library has no renameat2: the two-rename path is tested above")
    first, second = a_site(tmp_path, "first", name="a"), a_site(tmp_path, "second", name="b")
    assert swap._exchange(first, second) is True
    assert (text_of(first), text_of(second)) == ("second", "first")


class FakeRenameat2:
    """renameat2 failing with one errno, as a file system or kernel without the exchange does."""

    def __init__(self, error: int):
        self.error = error

    def __call__(self, *args) -> int:
        import ctypes  # noqa: PLC0415

        ctypes.set_errno(self.error)
        return -1


@pytest.mark.parametrize("error", [errno.EINVAL, errno.ENOSYS, errno.ENOTSUP])
def test_where_the_exchange_is_not_supported_the_site_is_replaced_in_two_renames(tmp_path, monkeypatch, error):
    monkeypatch.setattr(swap, "_renameat2", lambda: FakeRenameat2(error))
    site = a_site(tmp_path, "the old site")
    new = a_site(tmp_path / "stage", "the new site")
    assert swap._exchange(new, site) is False
    swap.swap_into_place(new, site)
    assert text_of(site) == "the new site"
    assert text_of(tmp_path / "stage" / "previous-site") == "the old site"


def test_without_renameat2_the_site_is_replaced_in_two_renames(tmp_path, monkeypatch):
    monkeypatch.setattr(swap, "_renameat2", lambda: None)
    site = a_site(tmp_path, "the old site")
    new = a_site(tmp_path / "stage", "the new site")
    swap.swap_into_place(new, site)
    assert text_of(site) == "the new site"


def test_another_exchange_error_is_raised_naming_the_site(tmp_path, monkeypatch):
    monkeypatch.setattr(swap, "_renameat2", lambda: FakeRenameat2(errno.EACCES))
    site = a_site(tmp_path, "the old site")
    new = a_site(tmp_path / "stage", "the new site")
    with pytest.raises(PermissionError) as raised:
        swap.swap_into_place(new, site)
    assert raised.value.errno == errno.EACCES and raised.value.filename == str(site)
    assert str(raised.value) == f"[Errno {errno.EACCES}] Permission denied: '{site}'"  # what the build prints
    assert text_of(site) == "the old site"


def test_when_the_second_rename_fails_the_old_site_is_put_back(tmp_path, monkeypatch):
    site = a_site(tmp_path, "the old site")
    new = tmp_path / "stage" / "missing"  # the rename of a folder that is not there fails
    new.parent.mkdir()
    with pytest.raises(FileNotFoundError):
        swap._replace_in_two_steps(new, site)
    assert text_of(site) == "the old site"
    assert list(new.parent.iterdir()) == []


def test_remove_takes_read_only_folders_but_not_what_a_link_points_to(tmp_path, monkeypatch):
    outside = a_site(tmp_path, "outside", name="outside")
    outside.chmod(0o555)
    tree = a_site(tmp_path, "inside", name="tree")
    (tree / "sub" / "deeper").mkdir()
    (tree / "sub" / "deeper" / "file").write_text("x", encoding="utf-8")
    (tree / "sub" / "deeper").chmod(0o555)
    (tree / "sub").chmod(0o555)
    (tree / "link").symlink_to(outside, target_is_directory=True)
    tree.chmod(0o555)
    # Root may remove read-only folders at once: the first removal fails here, as it does for anyone else.
    removals = []

    def first_fails(path, ignore_errors=False):
        removals.append(path)
        if len(removals) > 1:
            real_rmtree(path, ignore_errors=ignore_errors)

    real_rmtree = swap.shutil.rmtree
    monkeypatch.setattr(swap.shutil, "rmtree", first_fails)
    made_writable = []
    real_chmod = swap.os.chmod

    def chmod(path, mode, **options):
        made_writable.append((os.fspath(path), mode))
        real_chmod(path, mode, **options)

    monkeypatch.setattr(swap.os, "chmod", chmod)
    try:
        swap._remove(tree)
        assert len(removals) == 2
        # Root removes read-only folders anyway: what the second removal relies on is seen here.
        assert sorted(made_writable) == [
            (str(tree), 0o700),
            (str(tree / "sub"), 0o700),
            (str(tree / "sub" / "deeper"), 0o700),
        ]
        assert not os.path.lexists(tree)
        assert text_of(outside) == "outside"
        assert outside.stat().st_mode & 0o777 == 0o555  # not made writable through the link
    finally:
        outside.chmod(0o755)


def test_what_remove_still_cannot_remove_is_left_quietly_for_a_later_build(tmp_path, monkeypatch):
    tree = a_site(tmp_path, "inside", name="tree")

    def cannot(path, ignore_errors=False):
        if not ignore_errors:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(swap.shutil, "rmtree", cannot)
    swap._remove(tree)
    assert text_of(tree) == "inside"


def test_remove_of_a_folder_already_gone_is_quiet(tmp_path):
    swap._remove(tmp_path / "gone")
    assert list(tmp_path.iterdir()) == []


def test_without_locks_the_build_still_gets_its_staging_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(swap, "_lock", lambda descriptor: None)  # a file system without flock
    stage, lock = swap._new_stage(tmp_path)
    try:
        assert stage.is_dir() and stage.parent == tmp_path and lock is not None
    finally:
        os.close(lock)


def test_a_staging_folder_another_build_took_is_given_up_for_a_new_one(tmp_path, monkeypatch):
    answers = iter([False, True])  # the first folder is locked by another build's cleanup
    monkeypatch.setattr(swap, "_lock", lambda descriptor: next(answers))
    stage, lock = swap._new_stage(tmp_path)
    os.close(lock)
    assert len(stages(tmp_path)) == 2 and stage.is_dir()


def test_a_staging_folder_replaced_before_it_was_locked_is_given_up_for_a_new_one(tmp_path, monkeypatch):
    answers = iter([False, True])  # the folder locked is not the one made: another build removed and remade it
    monkeypatch.setattr(swap, "_same_folder", lambda descriptor, path: next(answers))
    stage, lock = swap._new_stage(tmp_path)
    os.close(lock)
    assert len(stages(tmp_path)) == 2 and stage.is_dir()


def test_the_lock_says_which_of_three_cases_holds(tmp_path, monkeypatch):
    folder = tmp_path / "stage"
    folder.mkdir()
    first, second = os.open(folder, os.O_RDONLY), os.open(folder, os.O_RDONLY)
    try:
        assert swap._lock(first) is True
        assert swap._lock(second) is False

        def no_locks_here(descriptor, operation):
            raise OSError(errno.ENOLCK, "No locks available")  # as some network file systems say

        monkeypatch.setattr(swap.fcntl, "flock", no_locks_here)
        assert swap._lock(second) is None
    finally:
        os.close(first)
        os.close(second)


def test_same_folder_tells_a_replaced_folder_from_the_one_opened(tmp_path):
    folder = tmp_path / "stage"
    folder.mkdir()
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        assert swap._same_folder(descriptor, folder) is True
        (tmp_path / "link").symlink_to(folder, target_is_directory=True)
        assert swap._same_folder(descriptor, tmp_path / "link") is False  # a link put in a stage's place
        folder.rename(tmp_path / "moved")
        folder.mkdir()
        assert swap._same_folder(descriptor, folder) is False
        folder.rmdir()
        assert swap._same_folder(descriptor, folder) is False
    finally:
        os.close(descriptor)
