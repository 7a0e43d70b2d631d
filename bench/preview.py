"""How fast `build.py serve` follows a save, measured over HTTP as a browser would see it.

    python bench/generate.py 500 --out /tmp/preview/c500
    python bench/preview.py /tmp/preview/c500                 # this checkout's `build.py serve`
    python bench/preview.py /tmp/preview/c500 --root /work/main  # another checkout's, to compare

It copies the catalogue (the original is never edited), starts `build.py serve` on it with a
fresh workspace, waits until it serves the site and its search index, then renames one
certificate several times. For each save it reports:

- page:   seconds from the save until the served certificate page shows the new name;
- search: seconds until a search for the new name, in this machine's Chromium, finds the page
          first (the home page opened as a link to the search, ?q=NAME, as often as it takes);
          the preview indexes the edited page alone first, every page after the rest is rebuilt;
- files:  how many files under the served site changed (written anew or removed), apart from
          the search indexes (pagefind/ and pagefind-edits/: their files are named by content);
- page during the rest: another certificate renamed twice, the second save as soon as the
          first shows, while the preview rebuilds the other pages: seconds from the second save
          until its page shows it (the preview abandons the rest for it).

A checkout without the preview workspace (`serve --site-dir`, before issue #14) is measured the
same way. Times are wall-clock on a shared machine: compare runs made one after the other.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import quote, urlsplit

try:  # bench/search.py: the same browser, the same result markup
    from bench.search import ARGS, CHROMIUM, RESULT
except ImportError:  # run as a script, or from bench/benchmark.py: bench/ is on the path
    from search import ARGS, CHROMIUM, RESULT  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
ENTRY = "pagefind/pagefind-entry.json"
# Seconds after a page shows: the preview is still generating the other pages (5 s at 500, 60 at 5,000).
REST_UNDER_WAY = 3
# search.js marks the results with the query they answer once they are drawn.
ANSWERED = "q => document.getElementById('x-search-results').getAttribute('data-query') === q"
NAME = re.compile(r'^(  zh: )"[^"\n]*"$', re.MULTILINE)  # the first zh: under name: (bench/generate.py writes it first)


def measure(catalogue_dir: Path, edits: int = 3, root: Path = ROOT, startup_timeout: float = 1800) -> dict:
    with tempfile.TemporaryDirectory(prefix="xcat-preview-bench-") as work:
        work_dir = Path(work)
        catalogue = work_dir / "catalogue"
        shutil.copytree(catalogue_dir, catalogue)
        certificates = sorted((catalogue / "certificates").glob("*.yaml"))
        certificate = certificates[len(certificates) // 2]
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        page = f"{base}certificates/{certificate.stem}/"
        if _has_workspace(root):
            where, site = ["--preview-dir", str(work_dir / "preview")], work_dir / "preview" / "site"
        else:  # serve before issue #14 rebuilt the whole site into --site-dir
            where, site = ["--site-dir", str(work_dir / "site")], work_dir / "site"
        log = (work_dir / "serve.log").open("w+", encoding="utf-8")
        started = time.monotonic()
        server = subprocess.Popen(
            [sys.executable, "build.py", "serve", "--catalogue", str(catalogue), "--port", str(port), *where],
            cwd=root,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: what it started is ended with it below
        )
        result: dict = {"root": str(root), "certificates": len(certificates)}
        try:
            if not until(lambda: server.poll() is not None or get(base + ENTRY), startup_timeout) or server.poll():
                log.seek(0)
                raise RuntimeError(f"build.py serve did not start (exit {server.poll()}):\n{log.read()[-3000:]}")
            result["startup_s"] = round(time.monotonic() - started, 2)
            time.sleep(1)  # let the first index settle
            pages, searches, files = [], [], []
            with _browser() as browser:
                for number in range(edits):
                    name = f"预览基准 {number} Preview benchmark {number}"
                    timed = _time_one_save(certificate, name, page, base, site, browser, work_dir / "serve.log")
                    pages.append(timed[0])
                    searches.append(timed[1])
                    files.append(timed[2])
            during_rest = _save_during_the_rest(certificates[len(certificates) // 3], base, work_dir / "serve.log")
            result |= {
                "page_s": pages,
                "page_median_s": round(statistics.median(pages), 2),
                "search_s": searches,
                "search_median_s": round(statistics.median(searches), 2),
                "site_files": len(_snapshot(site)),
                "files_changed": files,
                "page_during_rest_s": during_rest,
                "load": round(os.getloadavg()[0], 2),
            }
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            # A process it started can outlive it for a moment, still writing under work_dir (CI saw
            # the folder's removal fail on 'next', not empty): end the group before the folder goes.
            with suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            time.sleep(0.5)
            log.seek(0)
            result["log_tail"] = log.read()[-1500:]
            log.close()
    return result


def _time_one_save(
    certificate: Path, name: str, page: str, base: str, site: Path, browser, log: Path
) -> tuple[float, float, int]:
    """Rename the certificate; seconds until its page shows the name, until a search for the name
    finds it first, and how many files under the site changed once the preview has rebuilt the rest."""
    before, rebuilds = _snapshot(site), _rebuilds(log)
    text = certificate.read_text(encoding="utf-8")
    saved = time.monotonic()
    certificate.write_text(NAME.sub(lambda m: f'{m.group(1)}"{name}"', text, count=1), encoding="utf-8")
    if not until(lambda: name in (get(page) or ""), 600):
        raise RuntimeError(f"the new name did not appear on {page}")
    shown = round(time.monotonic() - saved, 2)
    if not until(lambda: _search_finds(browser, base, name, urlsplit(page).path), 600, every=0.2):
        raise RuntimeError(f"a search for {name!r} did not find {page}")
    indexed = round(time.monotonic() - saved, 2)
    # The preview indexes the edited page first, then the rest once rebuilt: count when all is written.
    # The rest is generated in a scratch folder first (the site stays quiet meanwhile): wait for its end.
    if not until(lambda: _rebuilds(log) > rebuilds, 900, every=0.5):
        raise RuntimeError("the preview did not finish rebuilding the other pages")
    return shown, indexed, _changed(before, _settled(site))


@contextmanager
def _browser():
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only this measurement needs it

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _search_finds(browser, base: str, name: str, path: str) -> bool:
    """Whether the home page opened as a search for the name shows the page first (a fresh context:
    nothing cached, as after the preview's reload)."""
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(f"{base}?q={quote(name)}")
        tab.wait_for_function(ANSWERED, arg=name, timeout=30_000)
        first = tab.query_selector(f"{RESULT} a")
        return first is not None and urlsplit(first.get_attribute("href") or "").path == path
    finally:
        context.close()


def _has_workspace(root: Path) -> bool:
    return "--preview-dir" in (root / "xcat" / "cli.py").read_text(encoding="utf-8")


# free_port, get and until serve tests/tools/test_serve.py too.
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, timeout: float = 10) -> str | None:
    """The body of url, or None while the server cannot answer."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def until(predicate, seconds: float, every: float = 0.05):
    """The predicate's first true value within the seconds, else None."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    return None


def _snapshot(site: Path) -> dict[str, tuple[int, int]]:
    """Each file's (mtime, size). The preview may replace a search index while this walks the site
    (its edits' index goes once the full index has it): a file gone between listing and reading is skipped."""
    files = {}
    for folder, _, names in os.walk(site):  # a folder gone meanwhile is skipped too (os.walk's default)
        for name in names:
            path = Path(folder, name)
            try:
                status = path.stat()
            except FileNotFoundError:
                continue
            files[str(path.relative_to(site))] = (status.st_mtime_ns, status.st_size)
    return files


def _save_during_the_rest(certificate: Path, base: str, log: Path) -> float:
    """Rename a certificate, and once its page shows it, while the preview rebuilds the other pages
    (REST_UNDER_WAY seconds later), rename it again: seconds from the second save until its page
    shows the second name."""
    page, rebuilds = f"{base}certificates/{certificate.stem}/", _rebuilds(log)
    text = certificate.read_text(encoding="utf-8")
    for name in ("预览基准 甲 Preview benchmark A", "预览基准 乙 Preview benchmark B"):
        time.sleep(REST_UNDER_WAY if name.endswith("B") else 0)
        saved = time.monotonic()
        certificate.write_text(NAME.sub(lambda m, name=name: f'{m.group(1)}"{name}"', text, count=1), encoding="utf-8")
        if not until(lambda name=name: name in (get(page) or ""), 900):
            raise RuntimeError(f"the new name did not appear on {page}")
    shown = round(time.monotonic() - saved, 2)
    until(lambda: _rebuilds(log) > rebuilds, 900, every=0.5)
    return shown


def _rebuilds(log: Path) -> int:
    """How many rebuilds the preview has finished, from what it printed."""
    return log.read_text(encoding="utf-8", errors="replace").count("build.py serve: rebuilt in ")


def _settled(site: Path, quiet: float = 2.0) -> dict[str, tuple[int, int]]:
    """The site's files once nothing under it has changed for `quiet` seconds."""
    snapshot, deadline = _snapshot(site), time.monotonic() + 600
    while time.monotonic() < deadline:
        time.sleep(quiet)
        if (later := _snapshot(site)) == snapshot:
            return later
        snapshot = later
    raise RuntimeError("the site kept changing for 10 minutes after a save")


def _changed(before: dict, after: dict) -> int:
    names = {name for name in before.keys() | after.keys() if not name.startswith(("pagefind/", "pagefind-edits/"))}
    return sum(1 for name in names if before.get(name) != after.get(name))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("catalogue", type=Path, help="a catalogue folder (bench/generate.py N --out DIR)")
    parser.add_argument("--edits", type=int, default=3, help="how many saves to time (default: 3)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose build.py serve runs")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.catalogue, args.edits, args.root), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
