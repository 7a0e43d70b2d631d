"""Run independent generation tasks on every core: MkDocs is single-threaded, and while the
pipeline writes pages and open data one core would otherwise sit idle.

Children are forked, so they inherit the model and the task list: nothing is pickled on the
way in. Tasks are handed out one at a time from a shared counter, so a slow task (the
open data) does not leave the other process waiting. A failure in a child is sent back over
a pipe and raised in the parent, as if the parent had run the task. XCAT_JOBS=1, or a
platform without fork, runs the same tasks in order in this process.
"""

from __future__ import annotations

import multiprocessing
import pickle
import signal
import threading
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any, cast

from ..settings import job_count

Task = Callable[[], Any]


class Abandoned(Exception):
    """The run's `stop` was set before every task had run."""


def run(tasks: Sequence[Task], jobs: int | None = None, stop: threading.Event | None = None) -> list[Any]:
    """Run every task once, in this process and jobs - 1 forked children; return when all are done,
    with what each task returned, in the tasks' order (a child pickles its tasks' results back).
    stop (the preview, when another save comes): the tasks run in jobs children while this
    process waits, so that once stop is set the children are ended at once, whatever task they
    are in (the open data takes seconds), and the run raises Abandoned."""
    jobs = min(jobs or job_count(), len(tasks))
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        done = []
        for task in tasks:
            if stop is not None and stop.is_set():
                raise Abandoned
            done.append(task())
        return done
    # Named, as Python 3.14 makes forkserver the default: the children must inherit the tasks. On
    # 3.11 the default is fork, and a counter of any integer type from 0 does: not mutated.
    context = multiprocessing.get_context("fork")  # pragma: no mutate
    next_task = context.Value("i", 0)  # pragma: no mutate - shared: the index of the next task nobody has taken
    children = []
    results: dict[int, Any] = {}
    try:
        for _ in range(jobs if stop is not None else jobs - 1):
            # A one-way pipe and a daemon child: a two-way pipe and the `finally` below do the same (not mutated).
            receiver, sender = context.Pipe(duplex=False)  # pragma: no mutate
            child = context.Process(target=_child, args=(tasks, next_task, sender), daemon=True)  # pragma: no mutate
            child.start()
            sender.close()
            children.append((child, receiver))
        if stop is None:
            results.update(_work(tasks, next_task))
        waiting = {receiver: child for child, receiver in children}
        while waiting:
            if stop is not None and stop.is_set():
                raise Abandoned  # the children are ended below
            for ready in wait(list(waiting), timeout=0.05):
                done_receiver = cast(Connection, ready)
                outcome = _result(waiting.pop(done_receiver), done_receiver)
                if isinstance(outcome, BaseException):
                    raise outcome
                results.update(outcome)
    finally:  # a failure, a stop or Ctrl-C here: end the children that are still writing, and reap them all
        for child, receiver in children:
            if child.is_alive():
                child.terminate()
            child.join()
            receiver.close()
    return [results[index] for index in range(len(tasks))]


def _work(tasks: Sequence[Task], next_task) -> dict[int, Any]:
    """Take tasks until none is left; what each returned, by its index."""
    results: dict[int, Any] = {}
    while True:
        with next_task.get_lock():
            index = next_task.value
            next_task.value += 1
        if index >= len(tasks):
            return results
        results[index] = tasks[index]()


def _child(tasks, next_task, sender) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it terminates us
    try:
        sender.send_bytes(pickle.dumps(_work(tasks, next_task)))
    except Exception as failure:
        with next_task.get_lock():
            next_task.value = len(tasks)  # nobody starts another task: the build has failed
        sender.send_bytes(_pickled(failure, traceback.format_exc()))
    finally:
        sender.close()


def _pickled(failure: Exception, child_traceback: str) -> bytes:
    """The failure itself if it pickles (a bug keeps its type); its text otherwise."""
    failure.add_note(f"Raised in a child process:\n{child_traceback}")
    try:
        data = pickle.dumps(failure)
        pickle.loads(data)
        return data
    except Exception:
        return pickle.dumps(RuntimeError(f"{type(failure).__name__}: {failure}\n{child_traceback}"))


def _result(child, receiver) -> dict[int, Any] | BaseException:
    try:
        return pickle.loads(receiver.recv_bytes())
    except EOFError:  # it died before reporting (killed, out of memory)
        child.join()
        return ChildProcessError(f"a process writing the site stopped unexpectedly (exit code {child.exitcode})")
