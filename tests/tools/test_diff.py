"""`build.py diff BASE [HEAD]`: what a reviewer reads in a pull request's job summary."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path, PurePosixPath
from typing import cast

import pytest

from tests.helpers import MODULE, TODAY, copy_fictional, edit, run_check, write
from xcat.check.load import MAX_FILE_BYTES
from xcat.check.problems import Problem
from xcat.cli import main
from xcat.model import Catalogue
from xcat.settings import ROOT
from xcat.tools import diff as diff_module
from xcat.tools.diff import DiffError, Item, Report, Section, Side, render, resolve

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Fictional",
    "GIT_AUTHOR_EMAIL": "fictional@example.invalid",
    "GIT_COMMITTER_NAME": "Fictional",
    "GIT_COMMITTER_EMAIL": "fictional@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env={**os.environ, **GIT_ENV}
    ).stdout.strip()


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def clone_at_base(repo: Path, tmp_path: Path) -> Path:
    """A clone of repo with its base revision checked out, to commit a change on."""
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    git(clone, "checkout", "-q", "base")
    return clone


def diff(repo: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["diff", *args, "--catalogue", str(repo / "catalogue"), "--today", TODAY])
    assert "Traceback" not in err.getvalue()
    return code, out.getvalue(), err.getvalue()


def new_repo(repo: Path) -> Path:
    """A git repository, not yet committed to, holding the fictional catalogue and the schemas; its catalogue."""
    git(repo, "init", "-q", "-b", "main")
    catalogue = copy_fictional(repo)
    shutil.copytree(ROOT / "schema", repo / "schema")
    return catalogue


@pytest.fixture(scope=MODULE)
def repo(tmp_path_factory) -> Path:
    """A git repository with the fictional catalogue (base) and one commit that changes it (head)."""
    repo = tmp_path_factory.mktemp("repo")
    catalogue = new_repo(repo)
    commit(repo, "base")
    git(repo, "tag", "base")

    # A new certificate, a withdrawal, a rename, a new pilot count, a fee change, a new maintainer.
    write(
        catalogue,
        "certificates/fictional-lambda.yaml",
        """\
id: fictional-lambda
name:
  zh: 虚构证书子
  en: Fictional certificate Lambda
organization: fictional-org-a
batch: batch-2
sources: [fictional-report]
""",
    )
    edit(
        catalogue,
        "certificates/fictional-kappa.yaml",
        "sources: [fictional-report]\nsources",
        """sources: [fictional-report]
history:
  - type: replaced
    date: 2023-05
    successors:
      - certificate: fictional-lambda
        equivalence: full
    sources: [fictional-report]
sources""",
    )
    edit(catalogue, "certificates/fictional-gamma.yaml", "zh: 虚构证书丙\n", "zh: 虚构证书丙新名\n")
    edit(
        catalogue,
        "certificates/fictional-gamma.yaml",
        "sources: [fictional-report]\nlast_verified:\n",
        """sources: [fictional-report]
  - type: renamed
    date: 2023-01
    previous_name:
      zh: 虚构证书丙
      en: Fictional certificate Gamma
    sources: [fictional-report]
last_verified:
""",
    )
    edit(
        catalogue,
        "certificates/fictional-alpha.yaml",
        "    sources: [fictional-report]\nhistory:",
        """    sources: [fictional-report]
  - count: 30
    as_of: 2022
    sources: [fictional-report]
history:""",
    )
    edit(catalogue, "certificates/fictional-alpha.yaml", "fee: 200", "fee: 250")
    edit(catalogue, "organizations/fictional-org-b.yaml", "maintainers: []", "maintainers: [fictional-reviewer]")
    # Hostile contributor text in a new organization's name.
    write(
        catalogue,
        "organizations/fictional-org-c.yaml",
        """\
id: fictional-org-c
name:
  zh: "虚构组织丙 <img src=x onerror=alert(1)> [点我](https://evil.invalid) | **粗**"
maintainers: []
sources: [fictional-report]
""",
    )
    edit(catalogue, "certificates/fictional-alpha.yaml", "    sources: [fictional-paper]\n", "")
    write(
        catalogue,
        "sources/fictional-notice-2023.yaml",
        "id: fictional-notice-2023\ntitle: 虚构通知三 Third fictional notice\nkind: official\n",
    )
    (catalogue / "certificates" / "fictional-theta.yaml").unlink()
    commit(repo, "head")
    return repo


def test_text_report_names_every_kind_of_change_chinese_first(repo):
    code, out, _ = diff(repo, "base", "HEAD")
    assert code == 0
    # Added as it starts, active: its organization and batch, and no status (only another status is named).
    assert (
        "新增证书 Certificates added (1)\n"
        "  * 虚构证书子 Fictional certificate Lambda (fictional-lambda)\n"
        "      评价组织 organization: 虚构评价组织甲 Fictional Evaluation Organization A\n"
        "      批次 batch: 虚构第二批 Fictional second batch\n\n"
    ) in out
    # Status change with its successor, and the event that caused it.
    assert (
        "状态 status: 有效 Active → 已替代 Replaced; 后继证书 succeeded by: 虚构证书子 Fictional certificate Lambda (fictional-lambda, 完全等同 fully equivalent)"
        in out
    )
    assert (
        "新事件 new event: 2023-05 被替代 Replaced → 虚构证书子 Fictional certificate Lambda (fictional-lambda)" in out
    )
    # Rename, pilot count, fee.
    assert "名称 name: 虚构证书丙 Fictional certificate Gamma → 虚构证书丙新名 Fictional certificate Gamma" in out
    assert "新事件 new event: 2023-01 更名 Renamed (原名 formerly 虚构证书丙 Fictional certificate Gamma)" in out
    assert "试点院校数 pilot institutions: 25 → 30 (截至 as of 2022)" in out
    assert "等级 level 中级 费用 fee: 200 元 yuan → 250 元 yuan" in out
    assert "其他字段 also changed: related_majors" in out
    # Organizations and sources.
    assert "维护者 maintainers: +fictional-reviewer" in out
    assert "(fictional-org-c)\n      新增 added" in out
    assert "(fictional-notice-2023)\n      新增 added" in out
    # A deleted certificate comes with the rule it breaks.
    assert (
        "删除的证书 Certificates removed (1)\n  * 虚构证书辛 Fictional certificate Theta (fictional-theta)\n      证书不应删除"
        in out
    )
    # Untouched certificates are not listed.
    assert "fictional-eta" not in out


def test_the_report_is_deterministic_and_defaults_to_the_head_commit(repo):
    first = diff(repo, "base")
    assert first == diff(repo, "base", "HEAD")
    assert diff(repo, "HEAD", "HEAD")[1].endswith("目录没有变化 No change to the catalogue.\n")


def test_uncommitted_changes_are_not_compared(repo, tmp_path):
    path = repo / "catalogue" / "certificates" / "fictional-eta.yaml"
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(original.replace("虚构证书庚", "虚构证书庚改"), encoding="utf-8")
        assert "fictional-eta" not in diff(repo, "base")[1]
    finally:
        path.write_text(original, encoding="utf-8")


def test_markdown_escapes_contributor_text(repo):
    code, out, _ = diff(repo, "base", "HEAD", "--format", "markdown")
    assert code == 0
    assert out.startswith("### 目录变化 What changed in the catalogue\n")
    assert "#### 新增证书 Certificates added (1)" in out
    assert (
        "- 虚构证书子 Fictional certificate Lambda (fictional-lambda)\n  - 评价组织 organization: 虚构评价组织甲" in out
    )
    line = next(line for line in out.splitlines() if "fictional-org-c" in line)
    # No character that Markdown would read as HTML, a link, a table cell or emphasis is left bare.
    assert re.search(r"(?<!\\)[<>|*\[\]]|(?<!\\):/", line) is None, line
    assert (
        line
        == "- 虚构组织丙 \\<img src=x onerror=alert(1)\\> \\[点我\\](https\\://evil.invalid) \\| \\*\\*粗\\*\\* (fictional-org-c)"
    )


BROKEN = {
    "text": """\
目录变化 What changed in the catalogue
比较 Comparing base ({base}) → HEAD ({head})
⚠ HEAD ({head}) 未通过目录检查，无法比较 does not pass the catalogue check (1 problems), so the changes cannot be \
listed: run `python build.py check` on it and fix the problems first.
  * catalogue/certificates/fictional-kappa.yaml:9:12: pilot_institutions[0].count: -7 小于最小值 0 · \
-7 is less than the minimum of 0
""",
    "markdown": """\
### 目录变化 What changed in the catalogue

比较 Comparing base ({base}) → HEAD ({head})

⚠ HEAD ({head}) 未通过目录检查，无法比较 does not pass the catalogue check (1 problems), so the changes cannot be \
listed: run \\`python build.py check\\` on it and fix the problems first.
- catalogue/certificates/fictional-kappa.yaml:9:12: pilot_institutions\\[0\\].count: -7 小于最小值 0 · \
-7 is less than the minimum of 0
""",
}


@pytest.mark.parametrize("style", list(BROKEN))
def test_a_side_that_fails_the_check_is_named_not_compared(repo, tmp_path, style):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    edit(clone / "catalogue", "certificates/fictional-kappa.yaml", "count: 7", "count: -7")
    commit(clone, "broken")
    code, out, _ = diff(clone, "base", "HEAD", "--format", style)
    assert code == 1
    # Its problems are listed, as items; nothing is compared.
    base, head = (git(clone, "rev-parse", "--short", revision) for revision in ("base", "HEAD"))
    assert out == BROKEN[style].format(base=base, head=head)


def test_a_revision_without_the_catalogue_reads_as_empty(repo, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    git(clone, "checkout", "-q", "--orphan", "empty")
    git(clone, "rm", "-rq", "--cached", "catalogue")
    shutil.rmtree(clone / "catalogue")
    git(clone, "commit", "-q", "-m", "empty")
    code, out, _ = diff(clone, "empty", "main")
    assert code == 0
    assert "新增证书 Certificates added (10)" in out


def test_bad_revision_and_no_repository_are_usage_errors(repo, tmp_path):
    code, out, err = diff(repo, "no-such-revision")
    assert code == 2 and out == ""
    assert "'no-such-revision' is not a commit" in err
    with pytest.raises(DiffError):
        resolve(repo, "--output=/tmp/x")  # never handed to git as an option
    copy_fictional(tmp_path)
    code, _, err = diff(tmp_path, "HEAD~1")
    assert code == 2
    assert "is not inside a git repository" in err


def test_a_catalogue_at_the_top_of_its_repository_is_found_there(tmp_path):
    """The folder itself is asked first: above it there is no repository here."""
    top = tmp_path / "catalogue"
    top.mkdir()
    git(top, "init", "-q")
    assert diff_module.locate(top) == (top.resolve(), ".")
    assert diff_module.locate(top / "certificates") == (top.resolve(), "certificates")  # not there yet: its parent


def test_command_line_exit_code_for_a_bad_revision_has_no_traceback(repo):
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "diff", "nope", "--catalogue", str(repo / "catalogue")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "is not a commit" in result.stderr


def test_check_summary_escapes_contributor_text_too(tmp_path):

    catalogue = copy_fictional(tmp_path)
    edit(
        catalogue,
        "certificates/fictional-kappa.yaml",
        "fields:",
        '"<img src=x> [a](https://evil.invalid) | @someone": 1\nfields:',
    )
    code, lines = run_check(catalogue, "--format", "markdown")
    assert code == 1
    row = next(line for line in lines if "unknown field" in line)
    assert row.startswith("| `catalogue/certificates/fictional-kappa.yaml` | ")
    assert "\\<img src=x\\> \\[a\\](https\\://evil.invalid) \\| `@`someone" in row
    assert row.count(" | ") == 2  # three cells, whatever the text holds


# ---------------------------------------------------------------- hand-made trees (what git fsck would refuse)


def blob(repo: Path, data: bytes) -> str:
    return (
        subprocess.run(
            ["git", "-C", str(repo), "hash-object", "-w", "--stdin"], input=data, check=True, capture_output=True
        )
        .stdout.decode()
        .strip()
    )


def tree(repo: Path, *entries: tuple[str, str, str], missing: bool = False) -> str:
    """git mktree writes whatever it is given, duplicate names included."""
    kinds = {"040000": "tree", "160000": "commit"}
    listing = "".join(f"{mode} {kinds.get(mode, 'blob')} {sha}\t{name}\n" for mode, sha, name in entries)
    return (
        subprocess.run(
            ["git", "-C", str(repo), "mktree", *(["--missing"] if missing else [])],
            input=listing.encode(),
            check=True,
            capture_output=True,
            env={**os.environ, **GIT_ENV},
        )
        .stdout.decode()
        .strip()
    )


def crafted(repo: Path, catalogue: str, *extra: tuple[str, str, str], mode: str = "040000") -> str:
    """A commit (on no branch) whose root holds catalogue (a tree, or a blob with mode) and extra entries."""
    root = tree(repo, (mode, catalogue, "catalogue"), *extra)
    return git(repo, "commit-tree", root, "-p", "base", "-m", "crafted")


def base_catalogue(repo: Path, *extra: tuple[str, str, str], missing: bool = False) -> str:
    """The base revision's catalogue tree with extra top-level entries."""
    entries = []
    for line in git(repo, "ls-tree", "base:catalogue").splitlines():
        meta, name = line.split("\t")
        mode, _, sha = meta.split()
        entries.append((mode, sha, name))
    return tree(repo, *entries, *extra, missing=missing)


def test_a_link_and_a_folder_of_the_same_name_write_nothing_outside(repo, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = tree(repo, ("100644", blob(repo, b"id: planted\n"), "planted.yaml"))
    link = blob(repo, str(outside).encode())
    head = crafted(repo, base_catalogue(repo, ("120000", link, "batches"), ("040000", folder, "batches")))
    code, out, err = diff(repo, "base", head)
    assert list(outside.iterdir()) == []
    assert code == 2 and out == ""
    assert (
        f"({head[:7]}): catalogue/batches appears twice in its tree, as a symbolic link and as a folder (git fsck refuses"
        in err
    )


def test_a_tree_with_the_same_file_twice_is_refused(repo):
    twice = blob(repo, b"id: twice\n")
    head = crafted(repo, base_catalogue(repo, ("100644", twice, "fields.yaml")))
    code, out, err = diff(repo, "base", head)
    assert code == 2 and out == ""
    assert "catalogue/fields.yaml appears twice in its tree, as a file and as a file" in err


def test_an_error_shows_the_control_characters_of_a_path(repo):
    twice = blob(repo, b"id: twice\n")
    name = "evil\x1b[2J\u202e.yaml"
    head = crafted(repo, tree(repo, ("100644", twice, name), ("100644", twice, name)))
    code, _, err = diff(repo, "base", head)
    assert code == 2
    assert "catalogue/evil\\x1b[2J\\u202e.yaml appears twice" in err


def test_links_and_oversized_files_in_a_revision_are_refused_as_the_check_refuses_them(repo, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: secret\n", encoding="utf-8")
    big = blob(repo, b"id: big\n" + b"#" * (1024 * 1024))
    certificates = tree(repo, ("120000", blob(repo, str(secret).encode()), "linked.yaml"), ("100644", big, "big.yaml"))
    head = crafted(repo, tree(repo, ("040000", certificates, "certificates")))
    code, out, err = diff(repo, "base", head)
    assert code == 1 and err == ""
    assert "does not pass the catalogue check (2 problems)" in out
    assert (
        "catalogue/certificates/linked.yaml:1:1: catalogue/ 里不能有符号链接：请用文件本身替换链接 · symbolic links are not allowed in catalogue/"
        in out
    )
    assert (
        "catalogue/certificates/big.yaml:1:1: 文件有 1,048,584 字节，上限是 1,048,576（1 MiB）：请拆分或缩短 · the file is 1,048,584 bytes; the limit is 1,048,576 (1 MiB)"
        in out
    )


@pytest.mark.parametrize("mode, what", [("120000", "a symbolic link"), ("100644", "a file")])
def test_a_revision_whose_catalogue_is_not_a_folder_is_a_clear_error(repo, tmp_path, mode, what):
    head = crafted(repo, blob(repo, str(tmp_path).encode()), mode=mode)
    code, out, err = diff(repo, "base", head)
    assert code == 2 and out == ""
    assert f"({head[:7]}): catalogue is {what}, not a folder: the catalogue must be a folder of .yaml files" in err


def test_a_tree_that_names_a_missing_object_is_a_clear_error(repo):
    head = crafted(repo, base_catalogue(repo, ("100644", "1" * 40, "majors.yaml"), missing=True))
    code, out, err = diff(repo, "base", head)
    assert code == 2 and out == ""
    assert (
        f"build.py diff: {head} ({head[:7]}): its tree refers to the object {'1' * 40}, which is not in the repository "
        "(in a shallow or partial clone, fetch the history first)\n"
    ) in err


@pytest.mark.parametrize("name", [".git", "..", "."])
def test_a_tree_with_a_path_git_fsck_refuses_is_not_read(repo, name):
    """A name that would leave or reach into the repository, if anything ever wrote the tree out."""
    data = blob(repo, b"id: x\n")
    head = crafted(repo, base_catalogue(repo, ("040000", tree(repo, ("100644", data, "x.yaml")), name)))
    code, out, err = diff(repo, "base", head)
    assert (code, out) == (2, "")
    assert f"its tree holds the path 'catalogue/{name}', which git fsck refuses: the diff does not read it" in err


def test_a_file_whose_name_holds_a_tab_or_bytes_that_are_not_utf8_is_read_by_its_whole_name(repo):
    """ls-tree -z separates a path from its details by the first tab; the rest, tabs included, is the path."""
    twice = blob(repo, b"id: twice\n")
    name = "a\tb\udcff.yaml"
    listing = f"100644 blob {twice}\t{name}\x00" * 2
    inner = (
        subprocess.run(
            ["git", "-C", str(repo), "mktree", "-z"],
            input=listing.encode("utf-8", "surrogateescape"),
            check=True,
            capture_output=True,
            env={**os.environ, **GIT_ENV},
        )
        .stdout.decode()
        .strip()
    )
    code, _, err = diff(repo, "base", crafted(repo, inner))
    assert code == 2
    assert "catalogue/a\\tb\\udcff.yaml appears twice in its tree, as a file and as a file" in err


def test_a_catalogue_folder_whose_name_reads_as_git_pathspec_magic_is_read_by_its_name(repo, tmp_path):
    """git reads ':catalogue' as the path 'catalogue' unless told its paths are literal."""
    clone = clone_at_base(repo, tmp_path)
    git(clone, "mv", "catalogue", ":catalogue")
    commit(clone, "moved")
    (clone / ":catalogue" / "certificates" / "fictional-theta.yaml").unlink()
    commit(clone, "theta removed")
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["diff", "HEAD~1", "HEAD", "--catalogue", str(clone / ":catalogue"), "--today", TODAY])
    assert (code, err.getvalue()) == (0, "")
    assert (
        "删除的证书 Certificates removed (1)\n  * 虚构证书辛 Fictional certificate Theta (fictional-theta)\n"
        in out.getvalue()
    )


# ---------------------------------------------------------------- the report's lines


@pytest.mark.parametrize(("count", "last"), [(20, "  * f.yaml:20:1: problem 20"), (21, "  * … 1 more")])
def test_a_side_that_fails_the_check_lists_twenty_problems_then_how_many_more(count, last):
    problems = [Problem("f.yaml", n, 1, f"problem {n}") for n in range(1, count + 1)]
    broken = Side("HEAD", "abc1234", None, {}, problems)
    lines = render(Report(broken, broken, []), "text").splitlines()
    assert lines[-1] == last
    assert sum(line.startswith("  * f.yaml:") for line in lines) == 2 * 20  # each side's first twenty


def test_an_item_without_a_name_is_shown_by_its_id():
    side = Side("HEAD", "abc1234", cast(Catalogue, object()), {})
    report = Report(side, side, [Section("改变 Changed", [Item("", "fictional-x"), Item("名 Name", "fictional-y")])])
    assert render(report, "text").endswith("\n改变 Changed (2)\n  * fictional-x\n  * 名 Name (fictional-y)\n")


@pytest.mark.parametrize(
    ("edits", "listed"),
    [
        (
            [
                ("majors.yaml", "zh: 虚构软件专业,", "zh: 虚构软件技术专业,"),
                ("fields.yaml", "zh: 装备制造\n", "zh: 装备制造业\n"),
            ],
            "\n领域 Fields (1)\n  * 装备制造业 Equipment manufacturing (equipment-manufacturing)\n"
            "      名称 name: 装备制造 Equipment manufacturing → 装备制造业 Equipment manufacturing\n"
            "\n专业 Majors (1)\n  * 虚构软件技术专业 Fictional software major (810201)\n"
            "      名称 name: 虚构软件专业 Fictional software major → 虚构软件技术专业 Fictional software major\n",
        ),
        (  # not only a name: a major's second-conversion flag decides where the site lists it
            [("majors.yaml", "second_conversion: false", "second_conversion: true")],
            "\n专业 Majors (1)\n  * 虚构中职专业 Fictional secondary major (960101)\n"
            "      其他字段 also changed: second_conversion\n",
        ),
    ],
    ids=["renamed", "another field"],
)
def test_a_changed_major_or_field_is_listed_with_what_changed(repo, tmp_path, edits, listed):
    clone = clone_at_base(repo, tmp_path)
    for file, old, new in edits:
        edit(clone / "catalogue", file, old, new)
    commit(clone, "changed")
    code, out, _ = diff(clone, "HEAD~1", "HEAD")
    assert code == 0 and out.endswith(listed)


@pytest.mark.parametrize("sides", [("base", "later"), ("later", "base")])
def test_each_side_is_checked_on_the_day_given_and_named_by_its_revision(repo, tmp_path, sides):
    """--today is the day the date rules use, on both sides: a date after it is in the future, whatever the clock says."""
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    git(clone, "checkout", "-q", "-b", "later", "base")
    edit(
        clone / "catalogue",
        "certificates/fictional-gamma.yaml",
        "  date: 2022-03-03\n  sources",
        "  date: 2026-11-30\n  sources",
    )
    commit(clone, "verified after the given day")
    code, out, _ = diff(clone, *sides)
    head = git(clone, "rev-parse", "--short", "later")
    assert code == 1
    assert f"⚠ later ({head}) 未通过目录检查" in out
    assert out.endswith(
        f"  * catalogue/certificates/fictional-gamma.yaml:22:9: last_verified.date: 2026-11-30 是将来的日期（今天是 {TODAY}） "
        f"· 2026-11-30 is in the future (today is {TODAY})\n"
    )


def test_a_revision_is_a_commit_never_an_option_or_another_object(repo):
    with pytest.raises(DiffError) as option:
        resolve(repo, "--output=/tmp/x")
    assert str(option.value) == "'--output=/tmp/x' is not a revision"
    for revision in ("base:catalogue", "no-such-revision", "base..HEAD"):  # a tree; nothing; a range
        with pytest.raises(DiffError) as refused:
            resolve(repo, revision)
        assert str(refused.value) == (
            f"'{revision}' is not a commit in {repo} (try HEAD~1, main or origin/main; "
            "in a shallow clone, fetch the history first)"
        )
    assert resolve(repo, "base") == git(repo, "rev-parse", "--short", "base")


def test_git_says_what_failed_in_its_own_words_or_names_the_command(repo):
    with pytest.raises(DiffError) as told:
        diff_module.git(repo, "cat-file", "-t", "no-such-object")
    assert str(told.value) == "fatal: Not a valid object name no-such-object"
    with pytest.raises(DiffError) as silent:  # exit 1, nothing on stderr
        diff_module.git(repo, "diff", "--quiet", "base", "HEAD")
    assert str(silent.value) == "git diff --quiet base HEAD failed"
    not_utf8 = blob(repo, b"caf\xe9\n")
    assert diff_module.git(repo, "cat-file", "blob", not_utf8) == "caf\ufffd\n"
    assert diff_module.git(repo, "cat-file", "blob", not_utf8, binary=True) == b"caf\xe9\n"


def test_blobs_are_read_whole_and_once_each(repo):
    shas = [blob(repo, data) for data in (b"", b"a\nb\n", b"\x00\xff", b"a\nb\n")]
    assert diff_module._cat_blobs(repo, "side", shas) == {
        shas[0]: b"",
        shas[1]: b"a\nb\n",
        shas[2]: b"\x00\xff",
    }
    assert diff_module._cat_blobs(repo, "side", []) == {}


def test_an_object_missing_or_not_a_blob_is_a_clear_error(repo):
    tree_sha = git(repo, "rev-parse", "base:catalogue")
    for sha in ("2" * 40, tree_sha):
        with pytest.raises(DiffError) as told:
            diff_module._cat_blobs(repo, "HEAD (abc1234)", [blob(repo, b"id: x\n"), sha])
        assert str(told.value) == (
            f"HEAD (abc1234): its tree refers to the object {sha}, which is not in the repository "
            "(in a shallow or partial clone, fetch the history first)"
        )


@pytest.mark.parametrize(
    "fields",
    ["- not a mapping\n", "sources: [fictional-paper]\n", "sources: [fictional-paper]\nfields: [just-text, {id: 7}]\n"],
    ids=["a list", "no fields", "entries that are not entries"],
)
def test_a_side_whose_vocabulary_is_malformed_is_named_not_compared(repo, tmp_path, fields):
    clone = clone_at_base(repo, tmp_path)
    write(clone / "catalogue", "fields.yaml", fields)
    commit(clone, "malformed")
    code, out, _ = diff(clone, "HEAD~1", "HEAD")  # no traceback (diff() asserts it)
    assert code == 1 and "未通过目录检查，无法比较 does not pass the catalogue check" in out


def test_a_file_as_large_as_the_limit_is_read_and_one_byte_more_is_not(repo):
    """The loader's limit, 1 MiB, holds for a revision as for a working tree."""
    at_limit = blob(repo, b"id: big\n" + b"#" * (MAX_FILE_BYTES - 8))
    over = blob(repo, b"id: big\n" + b"#" * (MAX_FILE_BYTES - 7))
    for data, refused in ((at_limit, False), (over, True)):
        head = crafted(repo, tree(repo, ("040000", tree(repo, ("100644", data, "big.yaml")), "certificates")))
        code, out, _ = diff(repo, "base", head)
        assert code == 1  # big.yaml is not a certificate at either size
        assert ("1,048,577 字节，上限是 1,048,576" in out) is refused


def test_a_revision_is_read_only_inside_its_catalogue_and_may_lack_it(repo):
    commit_id = git(repo, "rev-parse", "--short", "base")
    catalogue = diff_module.read_tree(repo, "base", commit_id, "catalogue")
    in_catalogue = git(repo, "ls-tree", "-r", "--object-only", "base", "--", "catalogue").split()
    assert sorted(catalogue.blobs) == sorted(set(in_catalogue))  # not schema/ beside it
    missing = diff_module.read_tree(repo, "base", commit_id, "no/such/catalogue")
    assert (missing.path, missing.is_dir(), list(missing.iterdir())) == (PurePosixPath("no/such/catalogue"), True, [])
