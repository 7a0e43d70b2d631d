"""scripts/mutation-ledger.py: mutmut's verdicts survive a fresh clone, and only while the code is unchanged.

Everything runs in a subprocess inside tmp_path: mutmut's configuration is a process-wide
singleton, and a mutation run's own first pass runs these tests in its process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from xcat.settings import ROOT

LEDGER_SCRIPT = ROOT / "scripts" / "mutation-ledger.py"
FICTIONAL_SOURCE = """def fictional_sum(a, b):
    return a + b + 1 if a else b - 1


def fictional_greater(a, b):
    return "greater" if a > b + 1 else "not greater"
"""

# mutmut's own step that makes a file's mutants, run where a fresh clone would run it.
GENERATE = """
from pathlib import Path
from mutmut.__main__ import create_mutants_for_file
create_mutants_for_file(Path("xcat/fictional.py"), Path("mutants/xcat/fictional.py"))
"""


def run(workspace: Path, *command: str) -> str:
    result = subprocess.run(command, cwd=workspace, capture_output=True, text=True, check=True)
    return result.stdout


def meta(workspace: Path) -> dict:
    return json.loads((workspace / "mutants/xcat/fictional.py.meta").read_text(encoding="utf-8"))


def generate(workspace: Path) -> dict:
    run(workspace, sys.executable, "-c", GENERATE)
    return meta(workspace)["exit_code_by_key"]


def workspace_with_a_run(tmp_path: Path) -> Path:
    """A project whose mutants were made and given verdicts, as a mutmut run leaves them."""
    (tmp_path / "xcat").mkdir()
    (tmp_path / "xcat/fictional.py").write_text(FICTIONAL_SOURCE, encoding="utf-8")
    (tmp_path / "tests").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.mutmut]\nsource_paths = ["xcat"]\n', encoding="utf-8")
    (tmp_path / "mutants/xcat").mkdir(parents=True)
    codes = generate(tmp_path)
    verdicts = dict(meta(tmp_path))
    for function in ("x_fictional_greater", "x_fictional_sum"):
        keys = sorted(key for key in codes if f".{function}__" in key)
        assert len(keys) > 4
        # killed, survived, caught by mypy, interrupted (no verdict), and the rest not yet run
        for key, code in zip(keys, [1, 0, 37, 2]):
            verdicts["exit_code_by_key"][key] = code
    (tmp_path / "mutants/xcat/fictional.py.meta").write_text(json.dumps(verdicts), encoding="utf-8")
    return tmp_path


def test_a_fresh_clone_gets_back_every_verdict_and_tests_the_rest(tmp_path):
    workspace = workspace_with_a_run(tmp_path)
    before = meta(workspace)["exit_code_by_key"]
    assert "functions" in run(workspace, sys.executable, str(LEDGER_SCRIPT), "save")

    run(workspace, "rm", "-r", "mutants")
    (workspace / "mutants").mkdir()
    assert "restored for 1 files" in run(workspace, sys.executable, str(LEDGER_SCRIPT), "restore")
    after = generate(workspace)

    assert after.keys() == before.keys()
    assert {key: code for key, code in after.items() if code is not None} == {
        key: code for key, code in before.items() if code in (0, 1, 37)
    }


def test_a_changed_function_loses_its_verdicts_and_an_unchanged_one_keeps_them(tmp_path):
    workspace = workspace_with_a_run(tmp_path)
    before = meta(workspace)["exit_code_by_key"]
    run(workspace, sys.executable, str(LEDGER_SCRIPT), "save")
    run(workspace, "rm", "-r", "mutants")
    (workspace / "mutants").mkdir()
    changed = FICTIONAL_SOURCE.replace("return a + b + 1", "return b + a + 1")
    (workspace / "xcat/fictional.py").write_text(changed, encoding="utf-8")
    run(workspace, sys.executable, str(LEDGER_SCRIPT), "restore")
    after = generate(workspace)

    assert all(code is None for key, code in after.items() if "fictional_sum" in key)
    kept = {key: code for key, code in before.items() if "fictional_greater" in key and code in (0, 1, 37)}
    assert kept and all(after[key] == code for key, code in kept.items())


def test_restore_leaves_a_runs_own_results_alone(tmp_path):
    workspace = workspace_with_a_run(tmp_path)
    run(workspace, sys.executable, str(LEDGER_SCRIPT), "save")
    own = (workspace / "mutants/xcat/fictional.py.meta").read_text(encoding="utf-8")
    (workspace / "tests/mutation-ledger.tsv").write_text(
        "xcat/fictional.py\txcat.fictional.x_fictional_sum\t000000000000\t1=0\n", encoding="utf-8"
    )
    assert "restored for 0 files" in run(workspace, sys.executable, str(LEDGER_SCRIPT), "restore")
    assert (workspace / "mutants/xcat/fictional.py.meta").read_text(encoding="utf-8") == own


def test_the_ledger_is_one_sorted_line_per_function_so_its_diffs_stay_small(tmp_path):
    workspace = workspace_with_a_run(tmp_path)
    run(workspace, sys.executable, str(LEDGER_SCRIPT), "save")
    lines = (workspace / "tests/mutation-ledger.tsv").read_text(encoding="utf-8").splitlines()
    functions = [line.split("\t")[1] for line in lines]
    assert functions == ["xcat.fictional.x_fictional_greater", "xcat.fictional.x_fictional_sum"]
    assert functions == sorted(set(functions))
    assert all(line.startswith("xcat/fictional.py\t") for line in lines)


# A stand-in for `mutmut run`: it finds the restored verdicts, gives one mutant a verdict, waits
# until the ledger holds it (the run is still going), then gives another and ends with its own code.
FAKE_MUTMUT = """
import json, sys, time
from pathlib import Path
meta_path = Path("mutants/xcat/fictional.py.meta")
ledger = Path("tests/mutation-ledger.tsv")
def give(number, code):
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["exit_code_by_key"][f"xcat.fictional.x_fictional_sum__mutmut_{number}"] = code
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
assert sys.argv[1:] == ["run", "xcat.fictional.*"], sys.argv
assert json.loads(meta_path.read_text(encoding="utf-8"))["exit_code_by_key"], "nothing restored"
give(5, 1)
for _ in range(200):
    if " 5=1" in ledger.read_text(encoding="utf-8"):
        break
    time.sleep(0.05)
else:
    sys.exit(90)
give(6, 0)
sys.exit(7)
"""


def test_run_restores_saves_while_mutmut_runs_and_at_its_end_and_passes_on_its_exit_code(tmp_path):
    workspace = workspace_with_a_run(tmp_path)
    run(workspace, sys.executable, str(LEDGER_SCRIPT), "save")
    run(workspace, "rm", "-r", "mutants")
    (workspace / "mutants").mkdir()
    fake = workspace / "fake-mutmut"
    fake.write_text(f"#!{sys.executable}\n{FAKE_MUTMUT}", encoding="utf-8")
    fake.chmod(0o755)

    result = subprocess.run(
        [sys.executable, str(LEDGER_SCRIPT), "run", "xcat.fictional.*"],
        cwd=workspace,
        capture_output=True,
        text=True,
        env={**os.environ, "MUTMUT": str(fake), "MUTATION_LEDGER_SAVE_EVERY": "0.1"},
    )

    assert result.returncode == 7, result.stderr
    assert "restored for 1 files" in result.stdout
    sums = [line for line in (workspace / "tests/mutation-ledger.tsv").read_text().splitlines() if "_sum\t" in line]
    assert len(sums) == 1 and " 5=1 6=0" in sums[0] + " "
    assert not (workspace / "tests/mutation-ledger.tsv.part").exists()


def test_run_refuses_to_start_mutmut_on_code_that_mypy_rejects(tmp_path):
    """mutmut would spend its setup, then stop on an error it cannot pin on a mutant."""
    workspace = workspace_with_a_run(tmp_path)
    (workspace / "xcat/fictional.py").write_text(FICTIONAL_SOURCE + '\nwrong: int = "text"\n', encoding="utf-8")
    started = workspace / "mutmut-started"
    fake = workspace / "fake-mutmut"
    fake.write_text(f"#!{sys.executable}\nopen({str(started)!r}, 'w')\n", encoding="utf-8")
    fake.chmod(0o755)

    result = subprocess.run(
        [sys.executable, str(LEDGER_SCRIPT), "run"],
        cwd=workspace,
        capture_output=True,
        text=True,
        env={**os.environ, "MUTMUT": str(fake)},
    )

    assert result.returncode == 1
    assert "mypy reports errors in xcat/: fix them first" in result.stderr
    assert "xcat/fictional.py:8: error: Incompatible types in assignment" in result.stdout  # mypy says where
    assert not started.exists()


def test_save_waits_out_a_meta_file_that_mutmut_is_halfway_through_writing(tmp_path):
    workspace = workspace_with_a_run(tmp_path)
    meta_path = workspace / "mutants/xcat/fictional.py.meta"
    whole = meta_path.read_text(encoding="utf-8")
    meta_path.write_text(whole[: len(whole) // 2], encoding="utf-8")
    saving = subprocess.Popen([sys.executable, str(LEDGER_SCRIPT), "save"], cwd=workspace, stderr=subprocess.PIPE)
    time.sleep(0.5)
    meta_path.write_text(whole, encoding="utf-8")

    assert saving.wait() == 0, saving.stderr.read() if saving.stderr else ""
    assert len((workspace / "tests/mutation-ledger.tsv").read_text().splitlines()) == 2
