"""Print the checker's findings for people (text), for GitHub (annotations) or for a job summary."""
from __future__ import annotations

import sys

from .validate import Checked


def report(result: Checked, style: str) -> None:
    if style == "markdown":
        print(markdown(result))
        return
    for problem in result.problems:
        print(problem.as_github() if style == "github" else problem.as_text())
    files = len({d.path for d in result.documents} | {p.path for p in result.problems})
    if result.problems:
        noun = "problem" if len(result.problems) == 1 else "problems"
        print(f"{len(result.problems)} {noun} in {len({p.path for p in result.problems})} of {files} files.", file=sys.stderr)
    else:
        print(f"{files} files checked: no problems.", file=sys.stderr)


def markdown(result: Checked) -> str:
    if result.ok:
        return "### Catalogue check\n\nEvery file passes. ✅\n"
    lines = ["### Catalogue check", "", f"{len(result.problems)} problem(s) to fix:", "", "| File | Line | Problem |", "|---|---|---|"]
    for problem in result.problems:
        message = problem.message.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| `{problem.path}` | {problem.line}:{problem.column} | {message} |")
    return "\n".join(lines) + "\n"
