"""Peak memory of a command and every process it starts, sampled from /proc (Linux).

    python bench/peak.py python build.py build --no-cache --catalogue C --site-dir S

Every 0.2 s it reads each process of the tree: the largest process's resident set (what
bench/benchmark.py reports from wait4, for the build's parent) and the proportional set sizes
summed (memory shared copy-on-write by the build's forked child counted once). It prints the
command's exit code, wall time and both peaks when the command ends.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time


def tree(root: int) -> list[int]:
    """root and its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue  # it ended meanwhile
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def megabytes(pid: int, field: str, file: str) -> int:
    try:
        with open(f"/proc/{pid}/{file}", encoding="utf-8") as status:
            for line in status:
                if line.startswith(field):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def main(command: list[str]) -> int:
    started = time.monotonic()
    process = subprocess.Popen(command)
    largest = summed = 0
    while process.poll() is None:
        pids = tree(process.pid)
        largest = max([largest] + [megabytes(pid, "VmRSS:", "status") for pid in pids])
        summed = max(summed, sum(megabytes(pid, "Pss:", "smaps_rollup") for pid in pids))
        time.sleep(0.2)
    print(
        f"exit {process.returncode}; {time.monotonic() - started:.1f} s; "
        f"largest process {largest} MB; whole tree (proportional) {summed} MB",
        file=sys.stderr,
    )
    return process.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
