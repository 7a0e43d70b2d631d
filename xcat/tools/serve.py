"""`build.py serve`: a local preview of the site that follows every save.

It keeps a workspace (xcat.publish.preview, by default .preview/) and serves its site with
Python's http.server on 127.0.0.1:8000. watchdog watches the catalogue and docs/; once an
editor has finished saving, the preview checks the whole catalogue and rebuilds only the pages
whose Markdown changed. Every HTML page it serves gets preview/preview.js, which reloads the page
after a build and shows the check's problems over the last good page while the catalogue fails
(the terminal shows them too, as `build.py check` prints them). Search follows each save: the
edited pages are indexed alone at once, and every page again in the background
(xcat.publish.preview). Nothing of this reaches site/ or `build.py build`.
"""

from __future__ import annotations

import faulthandler
import json
import signal
import sys
import threading
import time
import traceback
from contextlib import contextmanager
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from string import Template
from urllib.parse import parse_qs, unquote, urlsplit

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from ..check.problems import Problem, say, visible
from ..check.report import report
from ..publish import parallel
from ..publish.preview import Workspace
from ..publish.site import BuildFailed
from ..settings import HAND_WRITTEN_DOCS, Exit, Options
from ..textfile import read_text

QUIET_PERIOD = 0.1  # seconds without a new change before rebuilding: editors save in several steps
KEEPALIVE = 15  # seconds between comments on an idle event stream, so a dead connection is noticed
POLL = 0.5  # seconds between the loops' looks at whether the preview is stopping
ASSETS = Path(__file__).parent / "preview"  # preview.js, preview.css and the tag that loads them
PREFIX = "/__preview/"  # the preview's own addresses; the site has no such folder
# Read by docs/javascripts/search.js, which runs before the end of the body: in the head.
SEARCH_EDITS = Template('<meta name="xcat-search-edits" content="$folder">')
# What is watched: changes only. Opening and reading a file are left out: each check reads all
# 6,900 files at 5,000 certificates, and their events, handled in Python beside the check, tripled it.
# A folder's listing changing is left out too: its files' own events say what changed.
CHANGES = (
    FileCreatedEvent,
    FileModifiedEvent,
    FileClosedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
)
STOP_LIMIT = 15  # seconds Ctrl+C may take before the preview prints where it is stuck and exits


class State:
    """What the pages are told: the newest build, the build in which each page last changed,
    the check's problems since, and how many search indexes were made."""

    def __init__(self) -> None:
        self.built = 0  # the number of the newest build (0: none yet in this run)
        self.full = 0  # the last build that rebuilt every page
        self.page_built: dict[str, int] = {}  # URL path -> the build that last changed it, since `full`
        self.search = 0  # how many search indexes were made; pages that use search reload when it grows
        # The edits' index folder while search.js should merge it ("": none; a None mutant reads the same).
        self.search_edits = ""  # pragma: no mutate
        self.problems: list[Problem] = []
        self.changed = threading.Condition()

    def update(self, **values) -> None:
        with self.changed:
            for name, value in values.items():
                setattr(self, name, value)
            self.changed.notify_all()

    def rebuilt(self, pages: list[str] | None) -> None:
        """A build that changed these pages (None: every page)."""
        with self.changed:
            self.built += 1
            if pages is None:
                self.full = self.built
                self.page_built.clear()
            for page in pages or []:
                self.page_built[page] = self.built
            self.problems = []
            self.changed.notify_all()

    def message(self, page: str) -> dict:
        count = len(self.problems)
        return {
            "built": self.built,
            "page": self.page_built.get(page, self.full),  # the page reloads if this is newer than it
            "search": self.search,
            "title": say(
                "目录没有通过检查，预览仍显示上次通过检查的网站",
                "The catalogue fails the check: the preview still shows the last good build",
            ),
            "summary": say(
                f"需要修改 {count} 处（python build.py check 显示同样的列表）",
                f"{count} problem{'s' if count != 1 else ''} to fix (python build.py check shows the same list):",
            ),
            "problems": [
                {"where": f"{visible(p.path)}:{p.line}:{p.column}", "message": visible(p.message)}
                for p in self.problems
            ],
        }

    def wait(self, page: str, seen: dict | None, timeout: float) -> dict:
        """The next message for this page that differs from `seen` (the current one at once if seen is None)."""
        with self.changed:
            self.changed.wait_for(lambda: self.message(page) != seen, timeout=timeout)
            return self.message(page)


class PreviewHandler(SimpleHTTPRequestHandler):
    state: State
    snippet: Template
    stopping: threading.Event

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a reload always shows the latest build
        super().end_headers()

    def log_message(self, format: str, *args) -> None:
        pass  # the console is for build results

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == PREFIX + "events":
            self.events(unquote(parse_qs(urlsplit(self.path).query).get("page", ["/"])[0]))
        elif path.startswith(PREFIX):
            self.asset(path.removeprefix(PREFIX))
        else:
            file = Path(self.translate_path(self.path))
            if path.endswith("/") and file.is_dir():
                file = file / "index.html"
            if file.suffix == ".html" and file.is_file():
                self.page(file)
            else:
                super().do_GET()

    def page(self, file: Path) -> None:
        """An HTML page, with the preview's script before </body>."""
        html = file.read_bytes()
        if self.state.search_edits:
            meta = SEARCH_EDITS.substitute(folder="/" + self.state.search_edits + "/").encode()
            head = html.find(b"</head>")
            html = html[:head] + meta + html[head:] if head >= 0 else html
        tag = self.snippet.substitute(build=self.state.built).encode()
        end = html.rfind(b"</body>")
        body = html[:end] + tag + html[end:] if end >= 0 else html + tag
        self.respond(body, "text/html; charset=utf-8")

    def asset(self, name: str) -> None:
        types = {"preview.js": "text/javascript; charset=utf-8", "preview.css": "text/css; charset=utf-8"}
        if name not in types:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        self.respond((ASSETS / name).read_bytes(), types[name])

    def respond(self, body: bytes, content_type: str) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def events(self, page: str) -> None:
        """Server-sent events for one page (its URL path): the state now, then each time it changes."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")  # pragma: no mutate - header names ignore case
        self.end_headers()
        seen = None  # pragma: no mutate - "nothing seen yet": no message equals it, nor would "" or any non-dict
        try:
            while not self.stopping.is_set():
                message = self.state.wait(page, seen, timeout=KEEPALIVE)
                if message == seen:
                    self.wfile.write(b": still here\n\n")
                else:
                    self.wfile.write(b"data: " + json.dumps(message).encode() + b"\n\n")
                    seen = message
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed or reloaded


class Preview:
    """Rebuilds once changes settle, one build at a time, and re-indexes search after each."""

    def __init__(self, workspace: Workspace, state: State):
        self.workspace = workspace
        self.state = state
        self.changed = threading.Event()
        self.edited: set[Path] = set()  # the files changed since the last rebuild began
        self.lock = threading.Lock()
        self.to_index = threading.Event()
        self.search_told = threading.Lock()
        self.stopped = threading.Event()
        self.loops: list[threading.Thread] = []  # pragma: no mutate - start() sets them before any use

    def start(self) -> None:
        # Daemons: Ctrl+C ends the process without waiting for them (they end at `stopped` too, within POLL).
        self.loops = [
            threading.Thread(target=self._rebuild_loop, daemon=True),  # pragma: no mutate - see above
            threading.Thread(target=self._index_loop, daemon=True),  # pragma: no mutate - see above
        ]
        for loop in self.loops:
            loop.start()

    def notify(self, path: str) -> None:
        if not Path(path).name.startswith("."):  # editor swap files
            with self.lock:
                self.edited.add(Path(path))
            self.changed.set()

    def rebuild(self) -> bool:
        """One rebuild; tells the terminal and the pages. True if the site was rebuilt."""
        with self.lock:
            edited, self.edited = self.edited, set()
        try:
            first = self.workspace.edited(edited)
            if not first.checked.ok:
                self._invalid(first.checked)
                return False
            if first.pages:
                self.state.rebuilt(first.pages)
                self._say(f"showed {', '.join(first.pages)}", first.stages)
                # Search finds the edit while the other pages are rebuilt (they are indexed after them).
                self._index_edits(first.changed)
            if self.changed.is_set():  # saved again meanwhile: check that first
                return True
            rest = self.workspace.rest(stop=self.changed)
        except parallel.Abandoned:  # saved again meanwhile: the next rebuild shows that first, then does the rest
            print("build.py serve: saved again: the other pages follow the next save's.", file=sys.stderr)
            return True
        except BuildFailed as failure:
            print(f"build.py serve: {failure}", file=sys.stderr)
            return False
        except Exception:  # a bug in a build stage must not stop the preview: show it and keep watching
            traceback.print_exc()
            return False
        if rest.pages is None or rest.pages:
            self.state.rebuilt(rest.pages)
        self._say(
            "rebuilt",
            rest.stages if first.pages else first.stages | rest.stages,
            f"; {len(rest.changed)} files changed",
        )
        self.to_index.set()
        return True

    def _index_edits(self, changed: list[str]) -> None:
        try:
            self.workspace.index_edits(changed)
        except Exception:  # the page is shown; search finds the edit after the full index instead
            self._indexing_failed()
            return
        self._searchable()

    def _indexing_failed(self) -> None:
        """Show the failure being handled, unless Ctrl+C caused it: stop_indexing kills a Pagefind under way."""
        if not self.stopped.is_set():
            traceback.print_exc()

    def _searchable(self) -> None:
        """Tell the pages a new index is served. Both threads index: the folder to merge is read
        and told under one lock, so the last one told is the workspace's latest."""
        with self.search_told:
            self.state.update(search=self.state.search + 1, search_edits=self.workspace.edits_folder())

    def _invalid(self, checked) -> None:
        report(checked, "text")
        print(
            "build.py serve: "
            + say(
                "没有重新生成，预览仍是上次通过检查的网站", "not rebuilt; the preview still shows the last good build."
            ),
            file=sys.stderr,
        )
        self.state.update(problems=checked.problems)

    @staticmethod
    def _say(what: str, stages: dict[str, float], after: str = "") -> None:
        timing = ", ".join(f"{stage} {seconds:.2f}" for stage, seconds in stages.items())
        print(f"build.py serve: {what} in {sum(stages.values()):.1f} s ({timing}){after}.", file=sys.stderr)

    def _rebuild_loop(self) -> None:
        while not self.stopped.is_set():
            if not self.changed.wait(timeout=POLL):
                continue
            while self.changed.is_set():  # wait until the editor has finished saving
                self.changed.clear()
                time.sleep(QUIET_PERIOD)
            self.rebuild()

    def _index_loop(self) -> None:
        while not self.stopped.is_set():
            if not self.to_index.wait(timeout=POLL):
                continue
            self.to_index.clear()
            try:
                self.workspace.index_for_search()
            except Exception:  # the pages stay served; the next build tries again
                self._indexing_failed()
                continue
            self._searchable()


def handler_for(state: State, site: Path, stopping: threading.Event):
    """A request handler class serving `site` with the preview's script and events."""
    snippet = Template(read_text(ASSETS / "snippet.html").strip())

    class Handler(PreviewHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site), **kwargs)  # pragma: no mutate - the server passes none

    Handler.state, Handler.snippet, Handler.stopping = state, snippet, stopping
    return Handler


def watch(folders: list[Path], preview: Preview):
    class Handler(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            preview.notify(event.dest_path or event.src_path)  # only CHANGES reach it (event_filter)

    observer = Observer()
    for folder in folders:
        if folder.is_dir():
            observer.schedule(Handler(), str(folder), recursive=True, event_filter=list(CHANGES))
    observer.start()
    return observer


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # open event streams do not keep Ctrl+C waiting

    def handle_error(self, request, client_address) -> None:
        """A browser that leaves mid-response (a reload, a closed tab) is not an error of the preview;
        nor is a request cut short by the preview's end (Ctrl+C landing as socketserver hands a
        request to its thread closes the thread's socket under it: "Bad file descriptor", _ctrl_c_stops)."""
        failure = sys.exc_info()[1]
        if isinstance(failure, ConnectionError):
            return
        stopping = self.RequestHandlerClass.stopping  # type: ignore[attr-defined]  # handler_for's: set at Ctrl+C
        if isinstance(failure, OSError) and stopping.is_set():
            return
        # socketserver prints the client's address, not the request: a mutant passing None for it is the same
        super().handle_error(request, client_address)  # pragma: no mutate


@contextmanager
def _ctrl_c_stops(stopped: threading.Event):
    """Ctrl+C marks the preview as stopping before KeyboardInterrupt unwinds the server. Unwinding,
    socketserver closes the socket of a request it has just handed to a thread; that thread's
    "Bad file descriptor" is then known for part of the stop (handle_error), not printed as a
    traceback. A Ctrl+C the shell told this process to ignore (nohup) stays ignored."""

    def interrupted(signum, frame) -> None:
        stopped.set()
        raise KeyboardInterrupt

    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield
        return
    signal.signal(signal.SIGINT, interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def run(options: Options, workspace_dir: Path, host: str, port: int) -> int:
    state = State()
    workspace = Workspace(options, workspace_dir)
    preview = Preview(workspace, state)
    if not preview.rebuild() and not (workspace.site / "index.html").is_file():
        print("build.py serve: fix the problems above; the preview starts once the site builds.", file=sys.stderr)
        return Exit.INVALID
    handler = handler_for(state, workspace.site, preview.stopped)
    try:
        server = PreviewServer((host, port), handler)
    except OSError as error:
        print(
            f"build.py serve: cannot listen on {host}:{port} ({error.strerror}): try --port {port + 1}", file=sys.stderr
        )
        return Exit.USAGE
    preview.start()
    observer = watch([options.catalogue.resolve(), HAND_WRITTEN_DOCS], preview)
    print(
        f"build.py serve: previewing at http://{host}:{server.server_address[1]}/ (Ctrl+C to stop); "
        f"watching {options.catalogue} for changes.",
        file=sys.stderr,
    )
    try:
        with _ctrl_c_stops(preview.stopped):
            server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        # Stopping should take a moment (a rebuild in progress is abandoned); should anything hang,
        # every thread's traceback is printed and the process exits rather than waiting for a kill.
        faulthandler.dump_traceback_later(STOP_LIMIT, exit=True)
        preview.stopped.set()
        workspace.stop_indexing()
        with state.changed:
            state.changed.notify_all()  # open event streams end
        observer.stop()
        observer.join(timeout=5)  # pragma: no mutate - how long to wait for the watcher: any bound will do
        server.server_close()
        faulthandler.cancel_dump_traceback_later()  # stopped in time: a caller that goes on is not ended
    return Exit.OK
