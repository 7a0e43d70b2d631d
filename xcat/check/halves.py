"""Check a large catalogue on two cores: this process reads and validates the first part of
the files while one forked child does the rest.

The child inherits everything already imported and compiled (nothing is set up twice) and
sends its results back pickled, so the list that comes back is the one a single process
would have made, in the same order. If the child fails in any way, this process does its
part again itself: a bug is raised here, with its own traceback, as if there were no child.
XCAT_JOBS=1 (as for the build) or a platform without fork keeps everything in this process.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable
from typing import TypeVar

from ..settings import job_count

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many files, forking and sending the results back cost more than the second core saves.
SMALLEST = 200
# The child's part: it pickles what this process unpickles, at about the same cost.
CHILD_SHARE = 0.5


def in_two(work: Callable[[list[Item]], list[Result]], items: list[Item]) -> list[Result]:
    """work(items), with the last part of items done in a forked child."""
    if len(items) < SMALLEST or job_count() < 2 or not hasattr(os, "fork"):
        return work(items)
    split = len(items) - round(len(items) * CHILD_SHARE)
    sys.stdout.flush()
    sys.stderr.flush()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        os.close(reader)
        _child(work, items[split:], writer)
    os.close(writer)
    try:
        first = work(items[:split])
        with os.fdopen(reader, "rb") as pipe:
            reader = -1
            sent = pipe.read()
    finally:
        if reader != -1:
            os.close(reader)  # the child's write fails and it exits
        os.waitpid(pid, 0)
    try:
        rest = pickle.loads(sent)
    except Exception:  # nothing or a cut message: the child failed
        rest = work(items[split:])
    return first + rest


def _child(work: Callable[[list[Item]], list[Result]], items: list[Item], writer: int) -> None:
    status = 0
    try:
        try:
            sent = pickle.dumps(work(items))
        except BaseException:
            sent, status = b"", 1  # the parent does this part again and meets the same failure
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(sent)
    finally:
        os._exit(status)  # no atexit handlers, no flushing of the parent's buffers
