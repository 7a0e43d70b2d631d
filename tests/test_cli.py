"""The check command as contributors and CI meet it: exit codes and output formats."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys

from tests.helpers import copy_fictional, edit, run_check
from xcat.check.problems import Problem
from xcat.cli import _parser
from xcat.settings import ROOT


def build_py(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "build.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_check_passes_on_the_shipped_catalogue_and_says_so():
    result = build_py("check")
    assert result.returncode == 0
    assert result.stdout == ""
    assert "files checked: no problems." in result.stderr


def test_invalid_data_exits_1_and_usage_errors_exit_2(tmp_path):
    catalogue = copy_fictional(tmp_path)
    edit(catalogue, "certificates/fictional-kappa.yaml", "count: 7", "count: -7")
    invalid = build_py("check", "--catalogue", str(catalogue))
    assert invalid.returncode == 1
    assert "1 problem in 1 of 22 files." in invalid.stderr
    assert "Traceback" not in invalid.stderr
    usage = build_py("check", "--format", "xml")
    assert usage.returncode == 2
    assert "invalid choice: 'xml'" in usage.stderr


def test_github_format_prints_escaped_annotations(tmp_path):
    catalogue = copy_fictional(tmp_path)
    edit(catalogue, "certificates/fictional-kappa.yaml", "count: 7", "count: '7%,\\n:'")
    code, lines = run_check(catalogue, "--format", "github")
    assert code == 1
    assert lines == [
        "::error file=catalogue/certificates/fictional-kappa.yaml,line=9,col=12,title=目录检查 catalogue check::"
        "pilot_institutions[0].count: 应为整数，却是文字 '7%25,\\\\n:' · expected a whole number, got the text '7%25,\\\\n:'",
    ]


def test_github_format_escapes_commas_and_colons_in_file_names():

    annotation = Problem("catalogue/a,b:c.yaml", 3, 4, "line one\nline two 100%").as_github()
    # A newline in contributor text is shown, not obeyed: the annotation stays one line.
    assert (
        annotation
        == "::error file=catalogue/a%2Cb%3Ac.yaml,line=3,col=4,title=目录检查 catalogue check::line one\\nline two 100%25"
    )


def test_markdown_format_lists_every_problem_for_a_job_summary(tmp_path):
    catalogue = copy_fictional(tmp_path)
    edit(catalogue, "certificates/fictional-kappa.yaml", "count: 7", "count: -7")
    code, lines = run_check(catalogue, "--format", "markdown")
    assert code == 1
    assert (
        "| `catalogue/certificates/fictional-kappa.yaml` | 9:12 | pilot_institutions\\[0\\].count: -7 小于最小值 0 · -7 is less than the minimum of 0 |"
        in lines
    )


def test_a_missing_catalogue_folder_is_a_clear_error(tmp_path):
    code, lines = run_check(tmp_path / "nowhere")
    assert code == 1
    assert lines == ["nowhere:1:1: error: 目录文件夹不存在 · the catalogue folder does not exist"]


def test_every_command_and_option_is_explained_in_chinese_then_english():
    """Contributors read Chinese first: `build.py COMMAND --help` says each thing in Chinese, then English."""
    bilingual = re.compile(r"[\u4e00-\u9fff].* · .*[a-zA-Z]", re.DOTALL)
    english_only = []

    def visit(parser: argparse.ArgumentParser, path: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                helps = {choice.dest: choice.help for choice in action._choices_actions}
                for name, sub in action.choices.items():
                    if not bilingual.search(helps[name] or ""):
                        english_only.append(f"{path} {name}")
                    visit(sub, f"{path} {name}")
            elif action.help != argparse.SUPPRESS and action.dest != "help" and not bilingual.search(action.help or ""):
                english_only.append(f"{path} {'/'.join(action.option_strings) or action.dest}")

    parser = _parser()
    visit(parser, "build.py")
    assert bilingual.search(parser.description)
    assert english_only == []
