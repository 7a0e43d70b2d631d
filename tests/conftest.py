"""Shared fixtures for tests that need a built site or a browser.

- `fictional_site`: the fictional fixture catalogue (tests/fixtures/fictional/catalogue)
  built once per test session with `python build.py build`; the site folder's Path.
- `real_site`: the same for the real catalogue (catalogue/).
- `serve(site)`: a context manager serving a folder on 127.0.0.1; yields the base URL.
- `browser`: Debian's Chromium through Playwright (skips when it is not installed).

Builds are session-scoped, so the whole suite builds each site at most once per worker.
Treat the built sites as read-only: copy them before changing anything.
"""
from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FICTIONAL_CATALOGUE = ROOT / "tests" / "fixtures" / "fictional" / "catalogue"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def build_site(site_dir: Path, catalogue: Path | None = None) -> subprocess.CompletedProcess:
    """Run `python build.py build` as a user would; the result has returncode, stdout, stderr."""
    command = [sys.executable, str(ROOT / "build.py"), "build", "--site-dir", str(site_dir)]
    if catalogue is not None:
        command += ["--catalogue", str(catalogue)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def _built(tmp_path_factory, name: str, catalogue: Path | None) -> Path:
    site = tmp_path_factory.mktemp(name) / "site"
    result = build_site(site, catalogue)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def fictional_site(tmp_path_factory) -> Path:
    return _built(tmp_path_factory, "fictional-site", FICTIONAL_CATALOGUE)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    return _built(tmp_path_factory, "real-site", None)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(site: Path):
    """Serve a folder on 127.0.0.1 on a free port in a thread; yields "http://127.0.0.1:port/"."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def copy_site(site: Path, target: Path) -> Path:
    """A writable copy of a built site."""
    shutil.copytree(site, target)
    return target
