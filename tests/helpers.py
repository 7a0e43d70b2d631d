"""Helpers shared by the tests: paths, a copy of the fictional catalogue to break, running
`build.py check` and `build.py build`, serving a built site. Fixtures are in conftest.py."""

from __future__ import annotations

import datetime
import functools
import gzip
import http.server
import io
import json
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

from xcat.check.catalogue import Checked
from xcat.cli import main
from xcat.model import Catalogue, build_catalogue
from xcat.opendata import buildinfo
from xcat.opendata.records import Records
from xcat.publish.site import generate
from xcat.settings import ROOT, SCHEMAS, SiteSettings, site_settings

FICTIONAL = ROOT / "tests" / "fixtures" / "fictional" / "catalogue"
FICTIONAL_CATALOGUE = FICTIONAL
TODAY = "2026-11-22"  # the fictional catalogue's "today", for the date rules
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def copy_fictional(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(FICTIONAL, target)
    return target


def run_check(catalogue: Path, *extra: str) -> tuple[int, list[str]]:
    """Run `build.py check` in-process; return the exit code and the printed problem lines."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["check", "--catalogue", str(catalogue), "--today", TODAY, *extra])
    assert "Traceback" not in err.getvalue()
    return code, out.getvalue().splitlines()


def write(catalogue: Path, relative: str, text: str | bytes) -> Path:
    path = catalogue / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def edit(catalogue: Path, relative: str, old: str, new: str) -> None:
    path = catalogue / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_many_majors(catalogue: Path, count: int) -> list[str]:
    """Add `count` fictional majors to the catalogue's majors.yaml (codes 900000, 900001, ... in
    专业类 9000, 9001, ... of a fictional 大类 90) and return their codes: for tests of long lists."""
    codes = [f"{9000 + n // 100:04d}{n % 100:02d}" for n in range(count)]
    categories = '  - {code: "90", name: {zh: 虚构大类}, level: 高职专科}\n' + "".join(
        f'  - {{code: "{c}", name: {{zh: 虚构类{c}}}, level: 高职专科}}\n' for c in sorted({c[:4] for c in codes})
    )
    majors = "".join(
        f'  - {{id: "{c}", name: {{zh: 专业{n}}}, level: 高职专科, category: "{c[:4]}"}}\n' for n, c in enumerate(codes)
    )
    edit(catalogue, "majors.yaml", "categories:\n", "categories:\n" + categories)
    edit(catalogue, "majors.yaml", "majors:\n", "majors:\n" + majors)
    return codes


def problems_after(catalogue: Path, relative: str, old: str, new: str) -> list[str]:
    """Make one edit to a valid catalogue and return what the check then reports (it must fail)."""
    edit(catalogue, relative, old, new)
    code, lines = run_check(catalogue)
    assert code == 1, "the change should have been refused"
    return lines


def build_site(site_dir: Path, catalogue: Path | None = None) -> subprocess.CompletedProcess:
    """Run `python build.py build` as a user would; the result has returncode, stdout, stderr."""
    command = [sys.executable, str(ROOT / "build.py"), "build", "--site-dir", str(site_dir)]
    if catalogue is not None:
        command += ["--catalogue", str(catalogue)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


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


def search_site(page, query: str):
    """Type the query into the header's search box (Pagefind answers it: docs/javascripts/search.js)
    and wait until the results shown answer it; the results' items, best first."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").fill(query)
    page.wait_for_function("q => document.getElementById('x-search-results').dataset.query === q", arg=query)
    return page.locator("#x-search-results .md-search-result__item")


def copy_site(site: Path, target: Path) -> Path:
    """A writable copy of a built site."""
    shutil.copytree(site, target)
    return target


@functools.cache
def real_site_settings() -> SiteSettings:
    """What the build reads from mkdocs.yml (read once for the whole test session)."""
    return site_settings()


def generate_files(checked: Checked, docs: Path) -> None:
    """Everything the build writes for MkDocs (pages and open data) from a checked catalogue."""
    assert checked.ok and checked.index is not None, checked.problems[:5]
    catalogue = build_catalogue(checked.index)
    generate(catalogue, docs, real_site_settings(), buildinfo.build_date(catalogue, ROOT), SCHEMAS)


# The open data of the fictional catalogue is tested at a fixed address and build date, so the
# expected values never depend on mkdocs.yml, git or the clock.
OPEN_DATA_SITE = "https://example.invalid/x/"
OPEN_DATA_BUILT = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)


def fixed_build(catalogue: Catalogue, built_from: str = "SOURCE_DATE_EPOCH") -> buildinfo.BuildInfo:
    """The build info the open data of this catalogue carries at OPEN_DATA_SITE and OPEN_DATA_BUILT."""
    content = Records(OPEN_DATA_SITE).catalogue(catalogue)
    return buildinfo.BuildInfo(buildinfo.version_of(content), OPEN_DATA_BUILT, built_from, OPEN_DATA_SITE)


def search_fragments(index: Path) -> list[dict]:
    """Pagefind's fragments under an index folder (one per page: its words, meta and address), decoded."""
    return [json.loads(gzip.decompress(p.read_bytes()).removeprefix(b"pagefind_dcd")) for p in index.glob("fragment/*")]
