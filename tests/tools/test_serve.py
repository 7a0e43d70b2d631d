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

import pytest

from bench.preview import free_port, get, until
from tests.helpers import copy_fictional, edit
from xcat.check.problems import Problem
from xcat.settings import ROOT
from xcat.tools import serve
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


# slow: it starts build.py serve in a process of its own (seconds, and out of mutmut's reach).
@pytest.mark.slow
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


@contextmanager
def served(site, state: State):
    """The preview's HTTP server on `site` in this process: its base URL."""
    stopping = threading.Event()
    server = PreviewServer(("127.0.0.1", 0), handler_for(state, site, stopping))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        stopping.set()
        with state.changed:
            state.changed.notify_all()
        server.shutdown()
        server.server_close()


def test_served_pages_load_the_preview_script_and_its_events_carry_the_problems(tmp_path):
    site = tmp_path / "site"
    (site / "certificates" / "x").mkdir(parents=True)
    (site / "certificates" / "x" / "index.html").write_text("<html><body><h1>X</h1></body></html>", encoding="utf-8")
    (site / "data.json").write_text('{"a": "</body>"}', encoding="utf-8")
    state = State()
    state.rebuilt(None)
    state.rebuilt(["/certificates/x/"])
    state.update(problems=[Problem("catalogue/certificates/x.yaml", 9, 12, "count: 应为整数 · expected <b>")])
    with served(site, state) as base:
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


def response(url: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body; redirects are not followed (the status is what the server said)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(url, timeout=5) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_every_answer_is_never_cached_and_says_its_type(tmp_path):
    """A reload always shows the newest build (no-store), and each file says what it is."""
    site = tmp_path / "site"
    (site / "sub").mkdir(parents=True)
    (site / "sub" / "index.html").write_text("<p>sub</p></body>", encoding="utf-8")
    (site / "index.html").write_text("<html><body>home</body></html>", encoding="utf-8")
    state = State()
    with served(site, state) as base:
        for path, status, content_type in [
            ("", 200, "text/html; charset=utf-8"),
            ("sub/", 200, "text/html; charset=utf-8"),
            ("__preview/preview.js", 200, "text/javascript; charset=utf-8"),
            ("__preview/preview.css", 200, "text/css; charset=utf-8"),
            ("__preview/snippet.html", 404, None),  # only the two assets are served
        ]:
            code, headers, body = response(base + path)
            assert code == status, path
            assert headers["Cache-Control"] == "no-store", path
            if content_type:
                assert headers["Content-Type"] == content_type, path
                assert headers["Content-Length"] == str(len(body)), path
        # a folder without its slash is redirected to it, as any web server does (its page's links are relative)
        code, headers, _ = response(base + "sub")
        assert (code, headers["Location"]) == (301, "/sub/")


def test_the_preview_script_goes_before_the_last_body_end_or_at_the_end(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    pages = {
        "two.html": "<body><!-- </body> in a comment --><p>x</p></body></html>",
        "first.html": "</body>",
        "none.html": "<p>no body end</p>",
    }
    for name, text in pages.items():
        (site / name).write_text(text, encoding="utf-8")
    state = State()
    state.rebuilt(None)
    tag = '<link rel="stylesheet" href="/__preview/preview.css"><script src="/__preview/preview.js" data-build="1" defer></script>'
    with served(site, state) as base:
        assert fetch(base + "two.html") == "<body><!-- </body> in a comment --><p>x</p>" + tag + "</body></html>"
        assert fetch(base + "first.html") == tag + "</body>"
        assert fetch(base + "none.html") == "<p>no body end</p>" + tag


def test_pages_name_the_edits_search_index_in_their_head_while_search_needs_it(tmp_path):
    """docs/javascripts/search.js runs before the end of the body: the tag it reads is in the head."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "page.html").write_text("<html><head><title>t</title></head><body></body></html>", encoding="utf-8")
    (site / "twice.html").write_text("</head><body><!-- </head> --><p>x</p></body>", encoding="utf-8")
    (site / "headless.html").write_text("<p>no head</p>", encoding="utf-8")
    meta = '<meta name="xcat-search-edits" content="/pagefind-edits/">'
    state = State()
    with served(site, state) as base:
        assert "xcat-search-edits" not in (fetch(base + "page.html") or "")
        state.update(search_edits="pagefind-edits")
        assert (fetch(base + "page.html") or "").startswith(
            '<html><head><title>t</title><meta name="xcat-search-edits" content="/pagefind-edits/"></head><body>'
        )
        # The first </head> (a later one is text in the body); a page without a head is left as it is.
        assert (fetch(base + "twice.html") or "").startswith(f"{meta}</head><body><!-- </head> --><p>x</p>")
        assert (fetch(base + "headless.html") or "").startswith("<p>no head</p><link")
        state.update(search_edits="")  # every page indexed again
        assert "xcat-search-edits" not in (fetch(base + "page.html") or "")


def events(base: str, query: str = "") -> dict:
    with urllib.request.urlopen(base + "__preview/events" + query, timeout=5) as stream:
        assert stream.headers["Content-Type"] == "text/event-stream"
        return json.loads(stream.readline().decode("utf-8").removeprefix("data: "))


def test_the_events_of_a_page_say_when_it_last_changed(tmp_path):
    """A page reloads when the build it last changed in is newer than the one it shows: pages an
    edit did not touch keep the last full build's number, so they do not reload."""
    state = State()
    assert events_of(state, "/") == {"built": 0, "page": 0, "search": 0, "problems": []}  # nothing built yet
    state.rebuilt(None)  # 1: every page
    state.rebuilt(["/a/"])  # 2: one page
    state.rebuilt(["/b/"])  # 3: another
    state.update(search=4)
    assert events_of(state, "/a/") == {"built": 3, "page": 2, "search": 4, "problems": []}
    assert events_of(state, "/c/") == {"built": 3, "page": 1, "search": 4, "problems": []}
    state.rebuilt(None)  # 4: every page again; what one page changed before no longer counts
    assert events_of(state, "/a/")["page"] == 4
    with served(tmp_path, state) as base:
        state.rebuilt(["/"])
        assert events(base)["page"] == 5  # no page named: the home page
        assert events(base, "?page=%2Fa%2F")["page"] == 4


def test_an_event_stream_sends_each_message_once_and_keeps_alive_in_between(tmp_path, monkeypatch):
    """A page reloads on each message it gets, so the same message is never sent twice; while nothing
    changes, a comment every KEEPALIVE seconds lets the server notice a closed page."""
    monkeypatch.setattr(serve, "KEEPALIVE", 0.2)
    state = State()
    state.rebuilt(None)
    with (
        served(tmp_path, state) as base,
        urllib.request.urlopen(base + "__preview/events?page=%2Fa%2F", timeout=5) as stream,
    ):

        def next_event() -> bytes:
            line = stream.readline()
            assert stream.readline() == b"\n"  # each event ends with an empty line
            return line

        assert json.loads(next_event().removeprefix(b"data: "))["built"] == 1
        started = time.monotonic()
        assert [next_event(), next_event()] == [b": still here\n"] * 2
        assert time.monotonic() - started >= 0.35  # one each KEEPALIVE, not as fast as they can be written
        state.rebuilt(["/a/"])
        while (event := next_event()) == b": still here\n":
            pass  # one may have been on its way
        assert json.loads(event.removeprefix(b"data: "))["page"] == 2
        assert next_event() == b": still here\n"  # not the same message again


def events_of(state: State, page: str) -> dict:
    message = state.message(page)
    return {key: message[key] for key in ("built", "page", "search", "problems")}


@pytest.mark.parametrize(
    ("count", "english", "chinese"),
    [
        (0, "0 problems to fix", "需要修改 0 处"),
        (1, "1 problem to fix", "需要修改 1 处"),
        (2, "2 problems to fix", "需要修改 2 处"),
    ],
)
def test_the_problems_summary_counts_them_in_both_languages(count, english, chinese):
    state = State()
    state.update(problems=[Problem("catalogue/x.yaml", line, 1, "bad") for line in range(count)])
    summary = state.message("/")["summary"]
    assert summary.startswith(chinese + "（python build.py check 显示同样的列表）")
    assert english + " (python build.py check shows the same list):" in summary
    assert state.message("/")["title"] == (
        "目录没有通过检查，预览仍显示上次通过检查的网站 · The catalogue fails the check: the preview still shows the last good build"
    )
    state.rebuilt(["/"])  # a build that passes clears them
    assert state.message("/")["problems"] == []


def test_waiting_for_a_page_returns_its_next_change_or_the_same_message_after_the_timeout():
    state = State()
    state.rebuilt(None)
    state.rebuilt(["/a/"])
    seen = state.message("/a/")
    started = time.monotonic()
    assert state.wait("/a/", seen, timeout=0.3) == seen  # nothing changed: a keep-alive
    assert time.monotonic() - started >= 0.25  # it waited, though another page's message differs
    assert state.wait("/a/", None, timeout=5) == seen  # nothing seen yet: the message now
    threading.Timer(0.1, state.rebuilt, [["/a/"]]).start()
    assert state.wait("/a/", seen, timeout=5)["page"] == 3


def test_a_browser_leaving_mid_response_prints_no_traceback(capsys):
    """A reload or a closed tab breaks the connection: the terminal stays for build results; any
    other failure of a request is still printed."""
    stopping = threading.Event()
    server = PreviewServer(("127.0.0.1", 0), handler_for(State(), ROOT, stopping))
    bad_descriptor = OSError(9, "Bad file descriptor")
    try:
        for failure, is_stopping, shown in (
            (BrokenPipeError(32, "Broken pipe"), False, False),
            (ValueError("a bug"), False, True),
            (bad_descriptor, False, True),  # while the preview runs, a failure worth seeing
            (bad_descriptor, True, False),  # at its end (Ctrl+C), the request threads' sockets are closed under them
            (ValueError("a bug"), True, True),
        ):
            if is_stopping:
                stopping.set()
            try:
                raise failure
            except Exception:
                server.handle_error(None, ("127.0.0.1", 1))
            printed = capsys.readouterr().err
            assert ("Traceback" in printed) is shown, (failure, is_stopping)
            assert ("from ('127.0.0.1', 1)" in printed) is shown  # which browser's request it was
    finally:
        server.server_close()
