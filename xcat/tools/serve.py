"""`build.py serve`: a local preview of the site that rebuilds when a catalogue file changes.

It builds through the same path as `build.py` (check, then xcat.publish.site.build_site into
site/), serves site/ with Python's http.server on 127.0.0.1:8000, and watches
catalogue/ and docs/ with watchdog. A change is rebuilt after a short pause (editors
save in several steps); a build that fails the check prints the problems and leaves the
last good site in place, as `build.py` does.
"""

from __future__ import annotations

import functools
import sys
import threading
import time
import traceback
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from ..publish.site import check_and_build
from ..settings import HAND_WRITTEN_DOCS, Exit, Options

QUIET_PERIOD = 0.4  # seconds without a new change before rebuilding


class PreviewHandler(SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a reload always shows the latest build
        super().end_headers()

    def log_message(self, format: str, *args) -> None:
        pass  # the console is for build results


def build_once(options: Options) -> bool:
    return check_and_build(options, "build.py serve: not rebuilt; the preview still shows the last good build.") == 0


class Rebuilder:
    """Collects change notifications and rebuilds once they settle, one build at a time."""

    def __init__(self, options: Options):
        self.options = options
        self.changed = threading.Event()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def notify(self, path: str) -> None:
        if not any(part.startswith(".") for part in Path(path).parts[-1:]):  # editor swap files
            self.changed.set()

    def _loop(self) -> None:
        while not self.stopped.is_set():
            if not self.changed.wait(timeout=0.5):
                continue
            while self.changed.is_set():  # wait until the editor has finished saving
                self.changed.clear()
                time.sleep(QUIET_PERIOD)
            started = time.monotonic()
            print("build.py serve: a file changed; rebuilding…", file=sys.stderr)
            try:
                if build_once(self.options):
                    print(f"build.py serve: rebuilt in {time.monotonic() - started:.1f} s.", file=sys.stderr)
            except Exception:  # a bug in a build stage must not stop the preview: show it and keep watching
                traceback.print_exc()


def watch(folders: list[Path], rebuilder: Rebuilder):
    class Handler(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            if event.event_type in ("opened", "closed_no_write"):
                return
            rebuilder.notify(getattr(event, "dest_path", "") or event.src_path)

    observer = Observer()
    for folder in folders:
        if folder.is_dir():
            observer.schedule(Handler(), str(folder), recursive=True)
    observer.start()
    return observer


def run(options: Options, host: str, port: int) -> int:
    site_dir: Path = options.site_dir.resolve()
    if not build_once(options) and not (site_dir / "index.html").is_file():
        print("build.py serve: fix the problems above; the preview starts once the site builds.", file=sys.stderr)
        return Exit.INVALID
    handler = functools.partial(PreviewHandler, directory=str(site_dir))
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as error:
        print(
            f"build.py serve: cannot listen on {host}:{port} ({error.strerror}): try --port {port + 1}", file=sys.stderr
        )
        return Exit.USAGE
    rebuilder = Rebuilder(options)
    rebuilder.thread.start()
    observer = watch([options.catalogue.resolve(), HAND_WRITTEN_DOCS], rebuilder)
    print(
        f"build.py serve: previewing at http://{host}:{server.server_address[1]}/ (Ctrl+C to stop); "
        f"watching {options.catalogue} for changes.",
        file=sys.stderr,
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        rebuilder.stopped.set()
        observer.stop()
        observer.join(timeout=5)
        server.server_close()
    return Exit.OK
