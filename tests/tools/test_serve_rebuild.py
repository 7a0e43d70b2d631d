"""What the preview does after a save (xcat/tools/serve.Preview), with a workspace that only
reports: what the terminal says, what the pages are told, when search is re-indexed. The real
workspace is tested in tests/publish/test_preview.py and the whole preview in test_serve.py."""

from __future__ import annotations

import signal
import socket
import threading
import time
import urllib.request
from pathlib import Path

from watchdog.events import FileClosedNoWriteEvent, FileOpenedEvent

from xcat.check.catalogue import Checked
from xcat.check.problems import Problem
from xcat.publish import parallel, search_index
from xcat.publish.preview import Rebuilt
from xcat.publish.site import BuildFailed
from xcat.settings import Options
from xcat.tools import serve
from xcat.tools.serve import Preview, State, watch

PASSED = Checked(documents=[], problems=[])
PROBLEM = Problem("catalogue/certificates/x.yaml", 3, 7, "level: 应为文字 · expected text")


class Workspace:
    """Answers each step with what it was given; records what it was asked."""

    def __init__(self, first: Rebuilt | Exception, rest: Rebuilt | Exception | None = None):
        self.first, self.rest_answer = first, rest
        self.asked: list[object] = []

    def edited(self, files):
        self.asked.append(sorted(files))
        if isinstance(self.first, Exception):
            raise self.first
        return self.first

    def rest(self, stop=None):
        self.stop = stop
        self.asked.append("rest")
        if isinstance(self.rest_answer, Exception):
            raise self.rest_answer
        return self.rest_answer

    def index_edits(self, changed):
        self.asked.append(("index edits", list(changed)))

    def edits_folder(self):
        return "pagefind-edits"


def rebuilt(pages, changed=(), stages=None, checked=PASSED) -> Rebuilt:
    return Rebuilt(checked, pages, list(changed), stages or {})


def saved(workspace: Workspace, *paths: str) -> tuple[Preview, State, bool]:
    state = State()
    preview = Preview(workspace, state)
    for path in paths:
        preview.notify(path)
    preview.changed.clear()  # as the rebuild loop does once the saves have settled
    return preview, state, preview.rebuild()


def test_an_edit_shows_its_page_first_then_the_rest_and_search_follows(capsys):
    workspace = Workspace(
        rebuilt(["/certificates/x/"], stages={"check": 0.25, "page": 0.5}),
        rebuilt(["/", "/organizations/o/"], ["certificates/x.md", "index.md"], {"generate": 1.0, "mkdocs": 2.0}),
    )
    workspace.first = rebuilt(
        ["/certificates/x/", "/certificates/y/"], ["certificates/x.md", "charts/x.svg"], {"check": 0.25, "page": 0.5}
    )
    preview, state, done = saved(workspace, "catalogue/certificates/x.yaml", "catalogue/.x.yaml.swp")
    assert done is True
    assert workspace.asked == [  # editor swap files ignored
        [Path("catalogue/certificates/x.yaml")],
        ("index edits", ["certificates/x.md", "charts/x.svg"]),  # searchable before the rest is rebuilt
        "rest",
    ]
    assert (state.built, state.page_built) == (
        2,
        {"/certificates/x/": 1, "/certificates/y/": 1, "/": 2, "/organizations/o/": 2},
    )
    assert (state.search, state.search_edits) == (1, "pagefind-edits")  # pages that search reload and merge it
    assert preview.to_index.is_set()  # then every page, in the indexing thread
    assert capsys.readouterr().err == (
        "build.py serve: showed /certificates/x/, /certificates/y/ in 0.8 s (check 0.25, page 0.50).\n"
        "build.py serve: rebuilt in 3.0 s (generate 1.00, mkdocs 2.00); 2 files changed.\n"
    )


def test_a_first_step_that_rebuilt_no_page_is_told_with_the_rest(capsys):
    """A change no certificate page shows (a docs page, an organization): one line for both steps."""
    workspace = Workspace(rebuilt([], stages={"check": 0.5}), rebuilt(None, ["a.md"], {"mkdocs": 1.0}))
    _, state, done = saved(workspace, "docs/about.md")
    assert done is True
    assert (state.built, state.full, state.page_built) == (1, 1, {})  # None: every page was rebuilt
    assert capsys.readouterr().err == "build.py serve: rebuilt in 1.5 s (check 0.50, mkdocs 1.00); 1 files changed.\n"


def test_an_edit_whose_index_fails_is_still_shown_and_rebuilt(capsys):
    workspace = Workspace(rebuilt(["/certificates/x/"]), rebuilt([], []))

    def index_edits(changed):
        raise search_index.SearchFailed("Pagefind could not index the site: boom")

    workspace.index_edits = index_edits
    preview, state, done = saved(workspace, "catalogue/certificates/x.yaml")
    assert (done, state.built, state.search) == (True, 1, 0)  # found after the full index instead
    assert preview.to_index.is_set()
    assert "SearchFailed: Pagefind could not index the site: boom" in capsys.readouterr().err


def test_an_edits_index_stopped_by_ctrl_c_prints_no_failure(capsys):
    """At Ctrl+C the preview kills a Pagefind under way (stop_indexing): that is no failure to show."""
    workspace = Workspace(rebuilt(["/certificates/x/"], stages={"check": 0.5}), rebuilt([], []))

    def index_edits(changed):
        raise search_index.SearchFailed("Pagefind could not index the site: ")

    workspace.index_edits = index_edits
    state = State()
    preview = Preview(workspace, state)
    preview.notify("catalogue/certificates/x.yaml")
    preview.stopped.set()
    preview.rebuild()
    assert "Traceback" not in capsys.readouterr().err
    assert state.search == 0


def test_a_save_during_the_rest_abandons_it_and_is_rebuilt_next(capsys):
    workspace = Workspace(rebuilt(["/certificates/x/"]), parallel.Abandoned())
    preview, state, done = saved(workspace, "catalogue/certificates/x.yaml")
    assert workspace.stop is preview.changed  # what a save sets: the rest stops on it
    assert (done, state.built) == (True, 1)
    assert not preview.to_index.is_set()  # the next rebuild's rest asks for the index
    assert capsys.readouterr().err.endswith("build.py serve: saved again: the other pages follow the next save's.\n")


def test_a_rest_that_changed_nothing_tells_no_page_to_reload(capsys):
    workspace = Workspace(rebuilt(["/certificates/x/"]), rebuilt([], []))
    _, state, _ = saved(workspace, "catalogue/certificates/x.yaml")
    assert state.built == 1  # only the first step's build
    assert capsys.readouterr().err.endswith("; 0 files changed.\n")


def test_a_catalogue_that_fails_the_check_keeps_the_last_site_and_shows_the_problems(capsys):
    workspace = Workspace(rebuilt([], checked=Checked(documents=[], problems=[PROBLEM])))
    preview, state, done = saved(workspace, "catalogue/certificates/x.yaml")
    assert done is False
    assert workspace.asked == [[Path("catalogue/certificates/x.yaml")]]  # nothing rebuilt
    assert (state.built, state.problems) == (0, [PROBLEM])
    assert not preview.to_index.is_set()
    out, err = capsys.readouterr()
    assert out == "catalogue/certificates/x.yaml:3:7: error: level: 应为文字 · expected text\n"
    assert err.endswith(
        "build.py serve: 没有重新生成，预览仍是上次通过检查的网站 · not rebuilt; the preview still shows the last good build.\n"
    )


def test_a_build_that_fails_says_so_in_one_line_and_the_preview_goes_on(capsys):
    workspace = Workspace(rebuilt(["/certificates/x/"]), BuildFailed("a page template failed: 'x' is undefined"))
    _, state, done = saved(workspace, "catalogue/certificates/x.yaml")
    assert done is False
    assert state.built == 1  # the edited page was shown before the failure
    assert capsys.readouterr().err.endswith("build.py serve: a page template failed: 'x' is undefined\n")


def test_a_bug_in_a_stage_prints_its_traceback_and_the_preview_goes_on(capsys):
    _, state, done = saved(Workspace(ValueError("a bug")), "catalogue/certificates/x.yaml")
    assert (done, state.built) == (False, 0)
    err = capsys.readouterr().err
    assert err.startswith("Traceback") and err.endswith("ValueError: a bug\n")


def test_a_file_saved_again_during_the_first_step_is_checked_before_the_rest():
    workspace = Workspace(rebuilt(["/certificates/x/"]), rebuilt([]))
    state = State()
    preview = Preview(workspace, state)
    preview.notify("catalogue/certificates/x.yaml")
    preview.changed.clear()
    answer = workspace.first

    def edited(files):
        preview.notify("catalogue/certificates/x.yaml")  # saved again meanwhile
        return answer

    workspace.edited = edited
    assert preview.rebuild() is True
    assert "rest" not in workspace.asked  # the next rebuild checks the new save first
    assert preview.changed.is_set()


def test_the_loops_rebuild_once_saves_settle_and_index_after_each_build():
    indexed = threading.Event()
    workspace = Workspace(rebuilt(["/certificates/x/"]), rebuilt([]))
    workspace.index_for_search = indexed.set
    state = State()
    preview = Preview(workspace, state)
    preview.start()
    try:
        preview.notify("catalogue/certificates/x.yaml")
        assert indexed.wait(10)
        # The edited page alone, in the rebuild's thread, then every page, in the indexing thread.
        with state.changed:
            assert state.changed.wait_for(lambda: state.search == 2, timeout=10)
        assert workspace.asked[:2] == [[Path("catalogue/certificates/x.yaml")], ("index edits", [])]
    finally:
        preview.stopped.set()


def test_the_watcher_sees_saves_and_not_the_checks_reads(tmp_path):
    """Each check reads every catalogue file (6,900 at 5,000 certificates): the watcher asks the
    system for changes only, or their open and close events would be handled beside the check.
    A file saved in a subfolder is seen by its own path (not the folder's), a renamed one by its new name."""
    catalogue = tmp_path / "catalogue"
    (catalogue / "certificates").mkdir(parents=True)
    (catalogue / "x.yaml").write_text("a: 1\n", encoding="utf-8")
    notified: list[str] = []
    saved = threading.Event()

    class Recorder:
        def notify(self, path: str) -> None:
            notified.append(path)
            saved.set()

    def changes(action) -> set[str]:
        time.sleep(0.3)  # the events of the change before
        notified.clear()
        saved.clear()
        action()
        assert saved.wait(10)
        time.sleep(0.3)  # this change's other events
        return set(notified)

    observer = watch([catalogue, tmp_path / "absent"], Recorder())
    try:
        (emitter,) = observer.emitters  # the absent folder is not watched
        assert FileOpenedEvent not in emitter.watch.event_filter
        assert FileClosedNoWriteEvent not in emitter.watch.event_filter
        for _ in range(20):
            (catalogue / "x.yaml").read_bytes()
        time.sleep(0.5)
        assert notified == []
        (catalogue / "x.yaml").write_text("a: 2\n", encoding="utf-8")
        assert saved.wait(10)
        assert set(notified) == {str(catalogue / "x.yaml")}
        new, renamed = catalogue / "certificates" / "new.yaml", catalogue / "certificates" / "renamed.yaml"
        assert changes(lambda: new.write_text("a: 3\n", encoding="utf-8")) == {str(new)}
        assert changes(lambda: new.rename(renamed)) == {str(renamed)}
    finally:
        observer.stop()
        observer.join(timeout=5)


def test_the_loops_rebuild_and_index_after_any_quiet_time_and_end_once_stopped(monkeypatch, capsys):
    """The preview's two threads: a save after a quiet spell is still rebuilt, then indexed; a
    failed index is printed and the next one runs; stopping ends both."""
    monkeypatch.setattr(serve, "POLL", 0.02)
    monkeypatch.setattr(serve, "QUIET_PERIOD", 0.01)
    workspace = Workspace(rebuilt(["/certificates/x/"]), rebuilt(["/"], ["index.md"]))
    indexed = threading.Event()
    answers = [RuntimeError("Pagefind crashed"), None]

    def index_for_search():
        workspace.asked.append("index")
        if isinstance(answer := answers.pop(0), Exception):
            raise answer
        indexed.set()

    workspace.index_for_search = index_for_search
    preview = Preview(workspace, State())
    preview.start()
    try:
        time.sleep(0.2)  # several POLLs with nothing to do
        preview.notify("catalogue/certificates/x.yaml")
        deadline = time.monotonic() + 10
        while "index" not in workspace.asked and time.monotonic() < deadline:
            time.sleep(0.02)
        assert workspace.asked[0] == [Path("catalogue/certificates/x.yaml")] and "rest" in workspace.asked
        assert "index" in workspace.asked  # after the rest, in the other thread
        printed = ""
        while "RuntimeError: Pagefind crashed" not in printed and time.monotonic() < deadline:
            printed += capsys.readouterr().err  # the index loop prints its failure, then waits again
            time.sleep(0.02)
        assert "RuntimeError: Pagefind crashed" in printed
        time.sleep(0.1)  # several POLLs: the loop must still be there for the next index
        preview.to_index.set()  # the next build's index
        assert indexed.wait(5)
    finally:
        preview.stopped.set()
    for loop in preview.loops:
        loop.join(5)
        assert not loop.is_alive()


class ServedWorkspace(Workspace):
    """What serve.run makes of the workspace folder, as a reporting stand-in."""

    def __init__(self, first, folder: Path):
        super().__init__(first, rebuilt([], []))
        self.site = folder / "site"
        self.stopped_indexing = False

    def stop_indexing(self):
        self.stopped_indexing = True

    def index_for_search(self):
        pass


def run_preview(monkeypatch, tmp_path, first, serving=None, port=0) -> tuple[int, ServedWorkspace, list[tuple]]:
    """serve.run with the workspace above; `serving(server, workspace)` stands for the time it serves, Ctrl+C after it.
    Also what run asked of faulthandler (its stop watchdog)."""
    made: list[ServedWorkspace] = []
    stop_watchdog: list[tuple] = []

    def workspace(options, folder):
        made.append(ServedWorkspace(first, folder))
        made[-1].options = options
        return made[-1]

    really_serve = serve.PreviewServer.serve_forever

    def serve_forever(server):
        if serving:
            thread = threading.Thread(target=really_serve, args=(server,))
            thread.start()
            try:
                serving(server, made[0])
            finally:
                server.shutdown()
                thread.join()
        raise KeyboardInterrupt

    monkeypatch.setattr(serve, "Workspace", workspace)
    monkeypatch.setattr(
        serve.faulthandler, "dump_traceback_later", lambda limit, exit: stop_watchdog.append(("armed", limit, exit))
    )
    monkeypatch.setattr(serve.faulthandler, "cancel_dump_traceback_later", lambda: stop_watchdog.append(("cancelled",)))
    monkeypatch.setattr(serve.PreviewServer, "serve_forever", serve_forever)
    catalogue = tmp_path / "catalogue"
    catalogue.mkdir(exist_ok=True)
    code = serve.run(Options(catalogue=catalogue), tmp_path / "preview", "127.0.0.1", port)
    return code, made[0], stop_watchdog


def test_the_preview_serves_until_ctrl_c_then_stops_everything(monkeypatch, tmp_path, capsys):
    answered = {}

    site = tmp_path / "preview" / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<html><body>home</body></html>", encoding="utf-8")
    saved = tmp_path / "catalogue" / "x.yaml"

    def serving(server, workspace):
        answered["port"] = server.server_address[1]
        answered["stopping"] = server.RequestHandlerClass.stopping  # what handle_error asks at Ctrl+C
        base = f"http://127.0.0.1:{answered['port']}/"
        with urllib.request.urlopen(base + "__preview/preview.js", timeout=5) as script:
            answered["script"] = script.read().decode("utf-8")
        with urllib.request.urlopen(base, timeout=5) as home:  # the workspace's site, with the preview's script
            answered["home"] = home.read().decode("utf-8")
        saved.write_text("id: x\n", encoding="utf-8")  # the catalogue is watched: a save is rebuilt
        for _ in range(1000):
            if [saved] in workspace.asked:
                break
            time.sleep(0.01)

    code, workspace, stop_watchdog = run_preview(monkeypatch, tmp_path, rebuilt(None, stages={"check": 1.0}), serving)
    assert code == 0 and "EventSource" in answered["script"]
    assert answered["home"].startswith('<html><body>home<link rel="stylesheet" href="/__preview/preview.css">')
    assert workspace.asked[-2:] == [[saved], "rest"] and workspace.options.catalogue == tmp_path / "catalogue"
    assert capsys.readouterr().err == (
        "build.py serve: rebuilt in 1.0 s (check 1.00); 0 files changed.\n"
        f"build.py serve: previewing at http://127.0.0.1:{answered['port']}/ (Ctrl+C to stop); "
        f"watching {tmp_path / 'catalogue'} for changes.\n"
        "build.py serve: rebuilt in 1.0 s (check 1.00); 0 files changed.\n"  # the save
    )
    assert workspace.stopped_indexing and answered["stopping"].is_set()
    # Should stopping hang, faulthandler ends the process after STOP_LIMIT; once stopped, that is cancelled.
    assert stop_watchdog == [("armed", serve.STOP_LIMIT, True), ("cancelled",)]


def test_ctrl_c_marks_the_preview_stopping_before_the_server_unwinds(monkeypatch, tmp_path):
    """Unwinding, socketserver closes the socket of a request it had just handed to a thread:
    that thread's error must already be known as part of the stop, or it is printed as a traceback."""
    seen = {}

    def serving(server, workspace):
        try:
            signal.raise_signal(signal.SIGINT)  # Ctrl+C, wherever the main thread is
        except KeyboardInterrupt:
            seen["stopping as it unwinds"] = server.RequestHandlerClass.stopping.is_set()
            raise

    # Python's own Ctrl+C, as in a terminal: under nohup (or a runner that ignores SIGINT) it is ignored.
    inherited = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        code, _, _ = run_preview(monkeypatch, tmp_path, rebuilt(None), serving)
        assert code == 0 and seen == {"stopping as it unwinds": True}
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # Python's own again
    finally:
        signal.signal(signal.SIGINT, inherited)


def test_a_ctrl_c_the_shell_ignores_stays_ignored(monkeypatch, tmp_path):
    seen = []
    monkeypatch.setattr(signal, "getsignal", lambda number: signal.SIG_IGN)  # as under nohup
    installed = []
    monkeypatch.setattr(signal, "signal", lambda *args: installed.append(args))
    code, _, _ = run_preview(monkeypatch, tmp_path, rebuilt(None), lambda server, workspace: seen.append(1))
    assert code == 0 and seen == [1] and installed == []


def test_a_first_build_that_fails_starts_no_preview_unless_a_last_good_site_is_there(monkeypatch, tmp_path, capsys):
    failed = rebuilt([], checked=Checked(documents=[], problems=[PROBLEM]))
    code, _, _ = run_preview(monkeypatch, tmp_path, failed)
    out, err = capsys.readouterr()
    assert (code, out) == (1, PROBLEM.as_text() + "\n")
    assert err.endswith(
        "build.py serve: 没有重新生成，预览仍是上次通过检查的网站 · not rebuilt; the preview still shows the last good build.\n"
        "build.py serve: fix the problems above; the preview starts once the site builds.\n"
    )
    (tmp_path / "preview" / "site").mkdir(parents=True)
    (tmp_path / "preview" / "site" / "index.html").write_text("<html></html>", encoding="utf-8")
    code, _, _ = run_preview(monkeypatch, tmp_path, failed)
    assert code == 0 and "previewing at http://127.0.0.1:" in capsys.readouterr().err


def test_a_port_in_use_is_a_usage_error_that_names_the_next_port(monkeypatch, tmp_path, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, _ = run_preview(monkeypatch, tmp_path, rebuilt(None), port=port)
    assert code == 2
    assert capsys.readouterr().err.endswith(
        f"build.py serve: cannot listen on 127.0.0.1:{port} (Address already in use): try --port {port + 1}\n"
    )
