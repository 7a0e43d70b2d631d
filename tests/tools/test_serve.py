"""`build.py serve`: the preview shows a saved change within seconds."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.helpers import copy_fictional, edit
from xcat.settings import ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(predicate, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    return None


@pytest.mark.slow
def test_a_saved_yaml_change_appears_in_the_served_page(tmp_path):
    catalogue = copy_fictional(tmp_path)
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "build.py",
            "serve",
            "--catalogue",
            str(catalogue),
            "--site-dir",
            str(tmp_path / "site"),
            "--port",
            str(port),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    page = f"http://127.0.0.1:{port}/certificates/fictional-kappa/"
    try:
        first = wait_for(lambda: server.poll() is not None or fetch(page), 90)  # the first build
        assert server.poll() is None, "serve stopped: " + server.communicate()[0]
        assert first and "虚构证书癸" in first and "虚构证书癸（改名）" not in first

        edit(catalogue, "certificates/fictional-kappa.yaml", "zh: 虚构证书癸", "zh: 虚构证书癸（改名）")
        started = time.monotonic()
        changed = wait_for(lambda: "虚构证书癸（改名）" in (fetch(page) or ""), 15)
        assert changed, "the change did not appear within 15 s"
        print(f"change visible after {time.monotonic() - started:.1f} s")

        # A broken file keeps the last good site and says why.
        edit(catalogue, "certificates/fictional-kappa.yaml", "count: 7", "count: -7")
        time.sleep(3)
        assert "虚构证书癸（改名）" in (fetch(page) or "")
    finally:
        server.send_signal(signal.SIGINT)
        try:
            output, _ = server.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            output, _ = server.communicate()
    assert server.returncode == 0, output
    assert f"previewing at http://127.0.0.1:{port}/" in output
    assert "certificates/fictional-kappa.yaml" in output and "pilot_institutions[0].count" in output
    assert "Traceback" not in output


def test_a_port_in_use_is_a_clear_usage_error(tmp_path):
    catalogue = copy_fictional(tmp_path)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("old", encoding="utf-8")
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
                "--site-dir",
                str(tmp_path / "site"),
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
