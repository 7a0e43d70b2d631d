"""`build.py serve`: the preview shows a saved change within seconds."""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from http.server import ThreadingHTTPServer

import pytest

from bench.preview import free_port, get, until
from tests.helpers import copy_fictional, edit
from xcat.check.problems import Problem
from xcat.settings import ROOT
from xcat.tools.serve import PreviewServer, State, handler_for


def fetch(url: str) -> str | None:
    return get(url, timeout=5)


def wait_for(predicate, seconds: float):
    return until(predicate, seconds, every=0.25)


@contextmanager
def preview(tmp_path):
    """`build.py serve` on a copy of the fictional catalogue: (catalogue, base URL, its output so far)."""
    catalogue = copy_fictional(tmp_path)
    port = free_port()
    command = [sys.executable, "build.py", "serve", "--catalogue", str(catalogue), "--port", str(port)]
    command += ["--preview-dir", str(tmp_path / "preview")]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/"
    output: list[str] = []
    try:
        wait_for(lambda: server.poll() is not None or fetch(base), 180)  # the first build
        assert server.poll() is None, "serve stopped: " + server.communicate()[0]
        yield catalogue, base, output
    finally:
        server.send_signal(signal.SIGINT)
        try:
            output.append(server.communicate(timeout=30)[0])
        except subprocess.TimeoutExpired:
            server.kill()
            output.append(server.communicate()[0])
    assert server.returncode == 0, output[0]
    assert f"previewing at {base}" in output[0] and "Traceback" not in output[0]


@pytest.mark.slow
def test_a_saved_yaml_change_appears_in_the_served_page(tmp_path):
    with preview(tmp_path) as (catalogue, base, output):
        page = base + "certificates/fictional-kappa/"
        first = fetch(page)
        assert first and "虚构证书癸" in first and "虚构证书癸（改名）" not in first

        edit(catalogue, "certificates/fictional-kappa.yaml", "zh: 虚构证书癸", "zh: 虚构证书癸（改名）")
        started = time.monotonic()
        assert wait_for(lambda: "虚构证书癸（改名）" in (fetch(page) or ""), 60), "the change did not appear"
        print(f"change visible after {time.monotonic() - started:.1f} s")
        # The pages that list it follow, and so does the open data.
        assert wait_for(lambda: "虚构证书癸（改名）" in (fetch(base + "catalogue/") or ""), 60)
        assert wait_for(
            lambda: "虚构证书癸（改名）" in (fetch(base + "api/certificates/fictional-kappa.json") or ""), 60
        )

        # A broken file keeps the last good site and says why.
        edit(catalogue, "certificates/fictional-kappa.yaml", "count: 7", "count: -7")
        time.sleep(3)
        assert "虚构证书癸（改名）" in (fetch(page) or "")
    assert "certificates/fictional-kappa.yaml:" in output[0] and "pilot_institutions[0].count" in output[0]


HOSTILE = "<img src=x onerror=window.pwned=1>"


def test_the_page_reloads_itself_and_shows_the_checks_problems_over_the_last_good_page(tmp_path, page):
    with preview(tmp_path) as (catalogue, base, output):
        page.goto(base + "certificates/fictional-kappa/")
        heading = page.locator("article h1")
        assert "虚构证书癸" in heading.inner_text()

        edit(catalogue, "certificates/fictional-kappa.yaml", "zh: 虚构证书癸", "zh: 虚构证书癸（改名）")
        # Mid-reload the new document may not have its heading yet: wait through that, do not fail on it.
        page.wait_for_function("document.querySelector('article h1')?.textContent.includes('（改名）')", timeout=60_000)

        edit(catalogue, "certificates/fictional-kappa.yaml", "count: 7", f'count: "{HOSTILE}"')
        overlay = page.locator(".xcat-preview")
        overlay.wait_for(timeout=60_000)
        text = overlay.inner_text()
        assert "目录没有通过检查" in text and "last good build" in text
        assert re.search(r"catalogue/certificates/fictional-kappa\.yaml:\d+:\d+", text)
        assert f"应为整数，却是文字 '{HOSTILE}'" in text  # contributed text, shown as text
        assert overlay.locator("img").count() == 0 and page.evaluate("window.pwned") is None
        assert "（改名）" in heading.inner_text()  # the last good page stays below
        assert "（改名）" in (fetch(base + "certificates/fictional-kappa/") or "")
        page.screenshot(path="/tmp/preview-overlay.png")

        edit(catalogue, "certificates/fictional-kappa.yaml", f'count: "{HOSTILE}"', "count: 8")
        overlay.wait_for(state="detached", timeout=60_000)
        assert page.dialogs == []
    problem = re.search(
        r"catalogue/certificates/fictional-kappa\.yaml:\d+:\d+: error: pilot_institutions\[0\]\.count: .*", output[0]
    )
    assert problem and HOSTILE in problem.group(0)  # the terminal shows it as `build.py check` prints it


def test_the_built_site_has_no_preview_script(fictional_site):
    pages = list(fictional_site.rglob("*.html"))
    assert len(pages) > 20
    assert not [p for p in pages if "__preview" in p.read_text(encoding="utf-8")]


def test_a_port_in_use_is_a_clear_usage_error(tmp_path):
    catalogue = copy_fictional(tmp_path)
    (tmp_path / "preview" / "site").mkdir(parents=True)  # the workspace of an earlier run
    (tmp_path / "preview" / "site" / "index.html").write_text("old", encoding="utf-8")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        # A broken catalogue skips the build (quickly) but a previous site still lets serve start.
        edit(catalogue, "certificates/fictional-kappa.yaml", "count: 7", "count: -7")
        result = subprocess.run(
            [
                sys.executable,
                "build.py",
                "serve",
                "--catalogue",
                str(catalogue),
                "--preview-dir",
                str(tmp_path / "preview"),
                "--port",
                str(port),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and f"try --port {port + 1}" in result.stderr
    assert "Traceback" not in result.stderr


def test_served_pages_load_the_preview_script_and_its_events_carry_the_problems(tmp_path):
    site = tmp_path / "site"
    (site / "certificates" / "x").mkdir(parents=True)
    (site / "certificates" / "x" / "index.html").write_text("<html><body><h1>X</h1></body></html>", encoding="utf-8")
    (site / "data.json").write_text('{"a": "</body>"}', encoding="utf-8")
    state, stopping = State(), threading.Event()
    state.rebuilt(None)
    state.rebuilt(["/certificates/x/"])
    state.update(problems=[Problem("catalogue/certificates/x.yaml", 9, 12, "count: 应为整数 · expected <b>")])
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(state, site, stopping))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    try:
        page = fetch(base + "certificates/x/")
        assert page.startswith("<html><body><h1>X</h1>") and page.endswith("</body></html>")
        assert '<script src="/__preview/preview.js" data-build="2" defer></script>' in page
        assert fetch(base + "data.json") == '{"a": "</body>"}'  # only HTML pages get the script
        assert "EventSource" in fetch(base + "__preview/preview.js")
        assert fetch(base + "__preview/missing.js") is None
        with urllib.request.urlopen(base + "__preview/events?page=%2Fcertificates%2Fx%2F", timeout=5) as events:
            message = json.loads(events.readline().decode("utf-8").removeprefix("data: "))
        assert (message["built"], message["page"]) == (2, 2)
        assert message["problems"] == [
            {"where": "catalogue/certificates/x.yaml:9:12", "message": "count: 应为整数 · expected <b>"}
        ]
        assert message["title"].startswith("目录没有通过检查") and "last good build" in message["title"]
    finally:
        stopping.set()
        with state.changed:
            state.changed.notify_all()
        server.shutdown()
        server.server_close()


def test_a_browser_leaving_mid_response_prints_no_traceback(capsys):
    """A reload or a closed tab breaks the connection: the terminal stays for build results; any
    other failure of a request is still printed."""
    server = PreviewServer(("127.0.0.1", 0), handler_for(State(), ROOT, threading.Event()))
    try:
        for failure, shown in ((BrokenPipeError(32, "Broken pipe"), False), (ValueError("a bug"), True)):
            try:
                raise failure
            except Exception:
                server.handle_error(None, ("127.0.0.1", 1))
            assert ("Traceback" in capsys.readouterr().err) is shown, failure
    finally:
        server.server_close()
