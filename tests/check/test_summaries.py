"""What contributors write reaches reviewers as text: job summaries render no links or markup
from it (checked with cmark-gfm, GitHub's own Markdown renderer), and the terminal formats
show control characters, newlines, escape sequences and bidi overrides instead of obeying them."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from types import SimpleNamespace

import cmarkgfm
import pytest
import yaml
from cmarkgfm.cmark import Options

from tests.helpers import copy_fictional, edit, run_check, write
from tests.tools.test_diff import commit, diff, git
from xcat.check.catalogue import Checked
from xcat.check.problems import Problem, visible
from xcat.check.report import markdown, report
from xcat.settings import ROOT

HOSTILE_CATALOGUE = ROOT / "tests" / "fixtures" / "hostile" / "catalogue"

# Each would be a link, an image, HTML, a mention or markup if it reached the summary raw.
HOSTILE = [
    "[官方通知]: https://evil.example/x",
    "见[官方通知]",
    "[官方通知][]",
    "[a](https://evil.example/a)",
    "![i](https://evil.example/i.png)",
    "[^1]",
    "[^1]: 脚注",
    "[ ] 任务",
    "[x] done",
    "https://evil.example/b",
    "HTTP://EVIL.EXAMPLE/c",
    "ftp://evil.example/d",
    "www.evil.example/e",
    "WWW.evil.example",
    "someone@evil.example",
    "mailto:someone@evil.example",
    "xmpp:someone@evil.example/r",
    "@someone",
    "<https://evil.example/f>",
    "<someone@evil.example>",
    "<img src=x onerror=alert(1)>",
    "<b>粗</b>",
    "<!-- c -->",
    "**粗** _斜_ ~~删~~ `码` $x$",
    "&amp; &#x3C; &lt;",
    "# 标题",
    "> 引用",
    "1. 列表",
    "123456789) 列表",
    "- 项",
    "+ 项",
    "---",
    "===",
    "| 格 |",
    "a | b",
    "结尾\\",
]

ALLOWED_TAGS = {"h3", "h4", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "code"}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = set(), []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)

    def handle_comment(self, data):
        self.tags.add("!--")

    def handle_data(self, data):
        self.text.append(data)


def rendered(summary: str) -> _Page:
    """The summary as GitHub renders it; raw HTML is let through so that any that slipped in shows."""
    html = cmarkgfm.github_flavored_markdown_to_html(
        summary, options=Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_FOOTNOTES
    )
    page = _Page()
    page.feed(html)
    return page


def assert_inert(summary: str, texts: list[str]) -> None:
    page = rendered(summary)
    assert page.tags <= ALLOWED_TAGS, page.tags - ALLOWED_TAGS
    shown = " ".join("".join(page.text).split())
    for text in texts:
        assert " ".join(text.split()) in shown, text


@pytest.mark.parametrize("text", HOSTILE)
def test_check_summary_renders_hostile_text_as_written(text):
    problem = Problem(f"catalogue/certificates/{text}.yaml", 1, 1, f"unknown field '{text}'")
    assert_inert(markdown(Checked([], [problem])), [problem.path, problem.message])


def test_check_summary_of_a_real_catalogue_with_hostile_keys(tmp_path):
    catalogue = copy_fictional(tmp_path)
    keys = "".join(f"{json.dumps(text, ensure_ascii=False)}: 1\n" for text in HOSTILE)  # JSON strings are YAML too
    edit(catalogue, "certificates/fictional-kappa.yaml", "fields:", keys + "fields:")
    write(catalogue, "certificates/[官方通知]: www.evil.example.yaml", "id: x\n")
    code, lines = run_check(catalogue, "--format", "markdown")
    assert code == 1
    assert_inert("\n".join(lines), ["catalogue/certificates/[官方通知]: www.evil.example.yaml"] + HOSTILE)


def test_diff_summary_renders_hostile_names_as_written(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    catalogue = copy_fictional(repo)
    commit(repo, "base")
    names = [text for text in HOSTILE if '"' not in text and "\\" not in text]
    for number, text in enumerate(names):
        write(
            catalogue,
            f"organizations/fictional-org-x{number}.yaml",
            f'id: fictional-org-x{number}\nname:\n  zh: "{text}"\nmaintainers: []\nsources: [fictional-report]\n',
        )
    commit(repo, "hostile")
    code, out, _ = diff(repo, "HEAD~1", "HEAD", "--format", "markdown")
    assert code == 0
    assert_inert(out, [f"{text} (fictional-org-x{number})" for number, text in enumerate(names)])


def test_diff_summary_from_the_fictional_to_the_hostile_catalogue_is_inert(tmp_path):
    """Every free-text field changed to hostile text (tests/fixtures/hostile/): the summary a
    reviewer reads still renders no markup, and names each certificate as written."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    catalogue = copy_fictional(repo)
    commit(repo, "base")
    shutil.rmtree(catalogue)
    shutil.copytree(HOSTILE_CATALOGUE, catalogue)
    commit(repo, "hostile")
    code, out, _ = diff(repo, "HEAD~1", "HEAD", "--format", "markdown")
    assert code == 0
    names = [
        yaml.safe_load(path.read_text(encoding="utf-8"))["name"]["zh"]
        for path in sorted((HOSTILE_CATALOGUE / "certificates").glob("*.yaml"))
    ]
    assert_inert(out, names)


# ---------------------------------------------------------------- terminal formats

TRICKS = "a\nb\rc\td\x1b[31me\x07f\x00g\x7fh\x9bi\u202ej\u2066k\u200bl\u2028m\ufeffn\U000e0041o"
SHOWN = "a\\nb\\rc\\td\\x1b[31me\\x07f\\x00g\\x7fh\\x9bi\\u202ej\\u2066k\\u200bl\\u2028m\\ufeffn\\U000e0041o"


def test_visible_shows_every_invisible_character_and_keeps_the_rest():
    assert visible(TRICKS) == SHOWN
    assert (
        visible("虚构证书 Fictional — 1+X ‘quoted’ 　ideographic space")
        == "虚构证书 Fictional — 1+X ‘quoted’ 　ideographic space"
    )


def test_check_text_and_annotations_show_control_characters(tmp_path):
    problem = Problem(f"catalogue/certificates/{TRICKS}.yaml", 2, 3, f"unknown field '{TRICKS}'")
    assert problem.as_text() == f"catalogue/certificates/{SHOWN}.yaml:2:3: error: unknown field '{SHOWN}'"
    annotation = problem.as_github()
    assert annotation.startswith("::error file=catalogue/certificates/a\\nb\\rc\\td\\x1b[31me")
    assert annotation.endswith(f"title=目录检查 catalogue check::unknown field '{SHOWN}'")
    assert not re.search(
        r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]", annotation + problem.as_text()
    )


def test_check_prints_a_file_name_with_an_escape_sequence_visibly(tmp_path):
    catalogue = copy_fictional(tmp_path)
    write(catalogue, "certificates/evil\x1b[2J\n.yaml", "id: x\n")
    for style in ("text", "github"):
        code, lines = run_check(catalogue, "--format", style)
        assert code == 1
        assert any("certificates/evil\\x1b[2J\\n.yaml" in line for line in lines), lines
        assert not any(re.search(r"[\x00-\x1f]", line) for line in lines)


def test_diff_text_shows_control_characters_in_names(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    catalogue = copy_fictional(repo)
    commit(repo, "base")
    write(
        catalogue,
        "organizations/fictional-org-x.yaml",
        # The checker refuses control characters such as ESC in values; a newline and a
        # right-to-left override are valid text, and still must not reach a terminal raw.
        'id: fictional-org-x\nname:\n  zh: "虚构\\nfake line\\u202eredro"\nmaintainers: []\nsources: [fictional-report]\n',
    )
    commit(repo, "tricky name")
    code, out, _ = diff(repo, "HEAD~1")
    assert code == 0
    assert "  * 虚构\\nfake line\\u202eredro (fictional-org-x)\n" in out
    assert not re.search(r"[\x00-\x09\x0b-\x1f\u202e]", out)


class _Cells(HTMLParser):
    """The rendered summary's headings, paragraphs and table cells, each as its text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in {"h3", "p", "th", "td"}:
            self._open = tag
            self.blocks.append((tag, ""))

    def handle_endtag(self, tag):
        if tag == self._open:
            self._open = None

    def handle_data(self, data):
        if self._open:
            tag, text = self.blocks[-1]
            self.blocks[-1] = (tag, text + data)


def summary_blocks(summary: str) -> list[tuple[str, str]]:
    cells = _Cells()
    cells.feed(cmarkgfm.github_flavored_markdown_to_html(summary))
    return cells.blocks


def test_a_passing_check_summary_says_so_under_its_heading():
    assert summary_blocks(markdown(Checked([], []))) == [
        ("h3", "目录检查 Catalogue check"),
        ("p", "所有文件均通过检查。 Every file passes. ✅"),
    ]


def test_a_failing_check_summary_counts_the_problems_and_lists_each_in_a_table_row():
    problems = [
        Problem("catalogue/certificates/fictional-alpha.yaml", 3, 7, "unknown field 'fee'"),
        Problem("catalogue/organizations/fictional-org.yaml", 12, 1, "missing field 'name'"),
    ]
    assert summary_blocks(markdown(Checked([], problems))) == [
        ("h3", "目录检查 Catalogue check"),
        ("p", "需要修改 2 处 · 2 problem(s) to fix (python build.py check shows the same list):"),
        ("th", "文件 File"),
        ("th", "行:列 Line:col"),
        ("th", "问题 Problem"),
        ("td", "catalogue/certificates/fictional-alpha.yaml"),
        ("td", "3:7"),
        ("td", "unknown field 'fee'"),
        ("td", "catalogue/organizations/fictional-org.yaml"),
        ("td", "12:1"),
        ("td", "missing field 'name'"),
    ]


@pytest.mark.parametrize("style", ["html", "TEXT", None])
def test_a_report_style_that_does_not_exist_is_a_bug_not_plain_text(style):
    with pytest.raises(ValueError, match=f"^unknown report style: {re.escape(repr(style))}$"):
        report(Checked(documents=[], problems=[]), style)


ALPHA, BETA, ORG = (
    f"catalogue/{name}.yaml" for name in ("certificates/alpha", "certificates/beta", "organizations/org")
)


@pytest.mark.parametrize(
    ("problems", "summary"),
    [
        ([], "检查了 3 个文件，没有问题 · 3 files checked: no problems."),
        ([(ALPHA, 2)], "3 个文件中有 1 个需要修改，共 1 处 · 1 problem in 1 of 3 files."),
        ([(ALPHA, 2), (ALPHA, 5)], "3 个文件中有 1 个需要修改，共 2 处 · 2 problems in 1 of 3 files."),
        ([(ALPHA, 2), (BETA, 1)], "3 个文件中有 2 个需要修改，共 2 处 · 2 problems in 2 of 3 files."),
        # a file that could not be loaded has no document: it is still one of the files checked
        ([("catalogue/notes.txt", 1)], "4 个文件中有 1 个需要修改，共 1 处 · 1 problem in 1 of 4 files."),
    ],
    ids=["none", "one", "two in one file", "two in two files", "in a file that did not load"],
)
def test_the_text_report_ends_with_how_many_problems_in_how_many_of_the_files(capsys, problems, summary):
    documents = [SimpleNamespace(path=path) for path in (ALPHA, BETA, ORG)]
    found = [Problem(path, line, 1, "unknown field 'fee'") for path, line in problems]
    report(Checked(documents=documents, problems=found), "text")  # type: ignore[arg-type]
    out, err = capsys.readouterr()
    assert out == "".join(f"{path}:{line}:1: error: unknown field 'fee'\n" for path, line in problems)
    assert err == summary + "\n"


def test_a_catalogue_inside_the_repository_is_named_from_its_root_as_githubs_annotations_need(tmp_path):
    """An annotation lands on a pull request's file only by its path from the repository's root."""
    code, lines = run_check(ROOT / "tests" / "fixtures" / "fictional" / "catalogue", "--today", "2021-01-01")
    assert code == 1 and lines[0].startswith(
        "tests/fixtures/fictional/catalogue/certificates/fictional-alpha.yaml:28:11: error: history[0].date: "
    )
    code, lines = run_check(copy_fictional(tmp_path), "--today", "2021-01-01")  # elsewhere: from its parent
    assert code == 1 and lines[0].startswith("catalogue/certificates/fictional-alpha.yaml:28:11: error: ")
