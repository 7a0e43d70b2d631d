"""Print the checker's findings for people (text), for GitHub (annotations) or for a job summary."""

from __future__ import annotations

import re
import sys

from .catalogue import Checked
from .problems import say, visible


def report(result: Checked, style: str) -> None:
    if style not in ("text", "github", "markdown"):
        raise ValueError(f"unknown report style: {style!r}")
    if style == "markdown":
        print(markdown(result))
        return
    for problem in result.problems:
        print(problem.as_github() if style == "github" else problem.as_text())
    files = len({d.path for d in result.documents} | {p.path for p in result.problems})
    if result.problems:
        count, where = len(result.problems), len({p.path for p in result.problems})
        noun = "problem" if count == 1 else "problems"
        print(
            say(
                f"{files} 个文件中有 {where} 个需要修改，共 {count} 处", f"{count} {noun} in {where} of {files} files."
            ),
            file=sys.stderr,
        )
    else:
        print(say(f"检查了 {files} 个文件，没有问题", f"{files} files checked: no problems."), file=sys.stderr)


def markdown(result: Checked) -> str:
    if result.ok:
        return "### 目录检查 Catalogue check\n\n所有文件均通过检查。 Every file passes. ✅\n"
    lines = [
        "### 目录检查 Catalogue check",
        "",
        f"需要修改 {len(result.problems)} 处 · {len(result.problems)} problem(s) to fix "
        "(`python build.py check` shows the same list):",
        "",
        "| 文件 File | 行:列 Line:col | 问题 Problem |",
        "|---|---|---|",
    ]
    for problem in result.problems:
        lines.append(
            f"| {code_span(problem.path)} | {problem.line}:{problem.column} | {escape_markdown(problem.message)} |"
        )
    return "\n".join(lines) + "\n"


def code_span(text: str) -> str:
    """A file path as code; a path that could break out of the span or the cell is escaped instead."""
    text = visible(text)
    return f"`{text}`" if not re.search(r"[`|]", text) else escape_markdown(text)


# What GitHub's Markdown (CommonMark + GFM) would read as markup in a table cell or a list item.
_MARKUP = re.compile(
    r"[\\`*<>|~&$\[\]@]"  # code, emphasis, HTML and <autolinks>, cells, strikethrough, entities, math,
    # links, reference definitions, footnotes, task boxes, mentions and emails
    r"|(?<!\w)_|_(?!\w)"  # underscore emphasis (inside a word, as in pilot_institutions, it is plain)
    r"|:(?=//)|(?<=[wW]{3})\."  # bare links: https://..., www....
    r"|^[#>+=-]"  # a heading, quote, list or underline where the text starts a line
)
_ORDERED_LIST = re.compile(r"^(\d{1,9})([.)])")


def _escape(match: re.Match) -> str:
    # A backslash does not stop an email autolink (someone@example.org) nor a mention: a code span does.
    return "`@`" if match.group(0) == "@" else "\\" + match.group(0)


def escape_markdown(text: str) -> str:
    """Contributor text shown as written in a job summary: no links, HTML, mentions, emphasis or table cells."""
    escaped = _MARKUP.sub(_escape, " ".join(visible(text).split()))
    return _ORDERED_LIST.sub(r"\1\\\2", escaped)
