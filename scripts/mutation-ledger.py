"""Keep mutmut's verdicts in the repository, so a full run can span working sessions and machines.

    .venv/bin/python scripts/mutation-ledger.py save      # mutants/ -> tests/mutation-ledger.tsv
    .venv/bin/python scripts/mutation-ledger.py restore   # tests/mutation-ledger.tsv -> mutants/
    .venv/bin/python scripts/mutation-ledger.py run [ARGS]  # mypy, restore, mutmut run ARGS, saving as it goes

mutmut keeps each mutant's verdict in `mutants/`, a build folder that a fresh clone does not have,
and a full run takes longer than a working session on a 2-core machine. The ledger holds, for each
function, the hash mutmut gave its code and the verdict of each of its mutants. `restore` writes
them where mutmut looks for them; mutmut then keeps a verdict only while the function's hash is
unchanged and tests every other mutant again, exactly as when `mutants/` is kept. One line per
function, sorted, so a run that changes a few functions changes a few lines.

`run` saves the ledger every SAVE_EVERY seconds while mutmut runs, not only at its end: a working
session can end in the middle of a run, and a whole session's verdicts were once lost that way.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from mutmut.stats import status_by_exit_code

LEDGER = Path("tests/mutation-ledger.tsv")
MUTANTS = Path("mutants")
SEPARATOR = "__mutmut_"
MUTMUT = os.environ.get("MUTMUT", str(Path(sys.executable).with_name("mutmut")))
SAVE_EVERY = float(os.environ.get("MUTATION_LEDGER_SAVE_EVERY", 300))


def is_verdict(code: int | None) -> bool:
    """An interrupted mutant, like one not yet run, is left to be tested again."""
    return code is not None and status_by_exit_code[code] != "check was interrupted by user"


def read_meta(meta_path: Path) -> dict:
    """mutmut rewrites a meta file in place after each mutant: a read can meet it half-written."""
    for _ in range(20):
        try:
            return json.loads(meta_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            time.sleep(0.1)
    return json.loads(meta_path.read_text(encoding="utf-8"))


def save() -> int:
    lines = []
    for meta_path in sorted(MUTANTS.glob("xcat/**/*.py.meta")):
        source = meta_path.relative_to(MUTANTS).with_suffix("")
        meta = read_meta(meta_path)
        verdicts: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for key, code in meta["exit_code_by_key"].items():
            if is_verdict(code):
                function, _, number = key.rpartition(SEPARATOR)
                verdicts[function].append((int(number), code))
        for function, numbered in sorted(verdicts.items()):
            # xcat.check.rules.xǁIndexǁbuild: the module as mutmut names it, then the hash's key
            digest = meta["hash_by_function_name"][function.rpartition(".")[2]]
            codes = " ".join(f"{number}={code}" for number, code in sorted(numbered))
            lines.append(f"{source.as_posix()}\t{function}\t{digest}\t{codes}\n")
    # Replaced whole, so a session that ends mid-write leaves the previous ledger, not half of one.
    partial = LEDGER.with_suffix(".tsv.part")
    partial.write_text("".join(lines), encoding="utf-8")
    partial.replace(LEDGER)
    print(f"{LEDGER}: {len(lines)} functions", flush=True)
    return 0


def restore() -> int:
    by_source: dict[str, list[list[str]]] = defaultdict(list)
    for line in LEDGER.read_text(encoding="utf-8").splitlines():
        row = line.split("\t")
        by_source[row[0]].append(row)
    written = 0
    for source, rows in sorted(by_source.items()):
        meta_path = MUTANTS / f"{source}.meta"
        if meta_path.exists() or not Path(source).exists():
            continue  # a run's own results are newer; a deleted file has nothing to test
        exit_codes: dict[str, int] = {}
        for _, function, _, codes in rows:
            for item in codes.split():
                number, _, code = item.partition("=")
                exit_codes[f"{function}{SEPARATOR}{number}"] = int(code)
        meta = {
            "exit_code_by_key": exit_codes,
            "hash_by_function_name": {function.rpartition(".")[2]: digest for _, function, digest, _ in rows},
            "type_check_error_by_key": {},
            "durations_by_key": {},
            "estimated_durations_by_key": {},
        }
        meta_path.parent.mkdir(parents=True, exist_ok=True)
        meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        written += 1
    print(f"{MUTANTS}/: verdicts restored for {written} files")
    return 0


def type_checks() -> bool:
    """mutmut matches each of mypy's errors to the mutant that caused it; an error in the code itself
    matches none, and mutmut stops ("Could not find mutant for type error"), in the tenth run after 20 minutes."""
    return subprocess.run([sys.executable, "-m", "mypy", "xcat"]).returncode == 0


def run(mutmut_arguments: list[str]) -> int:
    if not type_checks():
        print(
            "mutation-ledger.py: mypy 报告了 xcat/ 的错误，请先修正 · mypy reports errors in xcat/: fix them first",
            file=sys.stderr,
        )
        return 1
    restore()
    mutmut = subprocess.Popen([MUTMUT, "run", *mutmut_arguments])
    try:
        while True:
            try:
                mutmut.wait(timeout=SAVE_EVERY)
                break
            except subprocess.TimeoutExpired:
                save()
    except KeyboardInterrupt:  # Ctrl+C reached mutmut too: let it stop, then keep what it found
        mutmut.wait()
    save()
    return mutmut.returncode


if __name__ == "__main__":
    commands = {"save": save, "restore": restore}
    if len(sys.argv) >= 2 and sys.argv[1] == "run":
        sys.exit(run(sys.argv[2:]))
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    sys.exit(commands[sys.argv[1]]())
