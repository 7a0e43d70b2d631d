"""How fast `build.py serve` follows a save, measured over HTTP as a browser would see it.

    python bench/generate.py 500 --out /tmp/preview/c500
    python bench/preview.py /tmp/preview/c500                 # this checkout's `build.py serve`
    python bench/preview.py /tmp/preview/c500 --root /work/main  # another checkout's, to compare

It copies the catalogue (the original is never edited), starts `build.py serve` on it with a
fresh workspace, waits until it serves the site and its search index, then renames one
certificate several times. For each save it reports:

- page:   seconds from the save until the served certificate page shows the new name;
- search: seconds until the served search index (pagefind/pagefind-entry.json) has changed: the
          preview indexes the edited certificate's page first, the pages that list it after;
- files:  how many files under the served site changed (written anew or removed), apart from
          the search index (pagefind/: its files are named by content, so most of them are new).

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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENTRY = "pagefind/pagefind-entry.json"
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
        )
        result: dict = {"root": str(root), "certificates": len(certificates)}
        try:
            if not until(lambda: server.poll() is not None or get(base + ENTRY), startup_timeout) or server.poll():
                log.seek(0)
                raise RuntimeError(f"build.py serve did not start (exit {server.poll()}):\n{log.read()[-3000:]}")
            result["startup_s"] = round(time.monotonic() - started, 2)
            time.sleep(1)  # let the first index settle
            pages, searches, files = [], [], []
            for number in range(edits):
                timed = _time_one_save(certificate, f"预览基准 {number} Preview benchmark {number}", page, base, site)
                pages.append(timed[0])
                searches.append(timed[1])
                files.append(timed[2])
            result |= {
                "page_s": pages,
                "page_median_s": round(statistics.median(pages), 2),
                "search_s": searches,
                "search_median_s": round(statistics.median(searches), 2),
                "site_files": len(_snapshot(site)),
                "files_changed": files,
                "load": round(os.getloadavg()[0], 2),
            }
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            log.seek(0)
            result["log_tail"] = log.read()[-1500:]
            log.close()
    return result


def _time_one_save(certificate: Path, name: str, page: str, base: str, site: Path) -> tuple[float, float, int]:
    """Rename the certificate; seconds until its page shows the name, until the search index
    changed, and how many files under the site changed."""
    before, entry = _snapshot(site), get(base + ENTRY)
    text = certificate.read_text(encoding="utf-8")
    saved = time.monotonic()
    certificate.write_text(NAME.sub(lambda m: f'{m.group(1)}"{name}"', text, count=1), encoding="utf-8")
    if not until(lambda: name in (get(page) or ""), 600):
        raise RuntimeError(f"the new name did not appear on {page}")
    shown = round(time.monotonic() - saved, 2)
    if not until(lambda: (get(base + ENTRY) or entry) != entry, 600):
        raise RuntimeError("the search index did not change")
    indexed = round(time.monotonic() - saved, 2)
    # The preview indexes the edited page first, then the rest once rebuilt: count when all is written.
    return shown, indexed, _changed(before, _settled(site))


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
    return {
        str(path.relative_to(site)): (path.stat().st_mtime_ns, path.stat().st_size)
        for path in site.rglob("*")
        if path.is_file()
    }


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
    names = {name for name in before.keys() | after.keys() if not name.startswith("pagefind/")}
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
