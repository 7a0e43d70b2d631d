"""What a visitor pays for search, measured in this machine's Chromium on a built site.

    python bench/search.py SITE_DIR "query" ["query" ...]

For each query, on a fresh browser context (nothing cached): open the home page and wait for its
load event, then type the query into the search box and wait for the first result. Reported:
- ms_to_first_result: from the load event to the frame that shows the first result (the search engine's
  start-up, its index downloads and the query itself, and the robot's click and typing: about
  0.4-0.6 s here, less than any person takes);
- ms_from_typing: from the query reaching the page (its first input event) to the first result;
- ms_by_link: on another fresh context, the home page opened as a link to the search (?q=QUERY,
  which docs/javascripts/search.js answers as the page loads): from the start of navigation, so the
  page's own download and load count too, to the first result; no robot typing in it;
- ms_by_link_after_load: the same, from the page's load event (the issue's "within 1 s of the load");
- search_bytes_gzip: the search engine's files requested from the start of navigation up to
  that moment (Material's search worker and index, or Pagefind's script, WebAssembly, index
  chunks and result fragments, and the site's search script), each gzipped here (level 6) as a
  web server would send it; search_requests: how many; page_bytes_gzip: everything else.
The site is served from 127.0.0.1; a request to any other host fails the measurement. Works for
Material's own search (site/search/search_index.json) and for Pagefind (site/pagefind/).
Used by bench/benchmark.py and for the comparison in docs/performance.md.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
RESULT = ".md-search-result__item"
# Timestamps taken in the page: the load (t0), the query's first input event, and the frame after
# the first result entered the page (Playwright's own polling would add its latency).
WATCH = """selector => {
  window.__t0 = performance.now();
  document.addEventListener("input", () => { window.__typed = window.__typed || performance.now(); }, true);
  new MutationObserver((changes, observer) => {
    if (!document.querySelector(selector)) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.__shown = performance.now(); });
  }).observe(document.body, { childList: true, subtree: true });
}"""
# The same frame, for a page that searches as it loads (?q=): watched from before its scripts run.
WATCH_FROM_START = f"""new MutationObserver((changes, observer) => {{
  if (!document.querySelector({json.dumps(RESULT)})) return;
  observer.disconnect();
  requestAnimationFrame(() => {{ window.__shown = performance.now(); }});
}}).observe(document, {{ childList: true, subtree: true }});"""
SEARCH_FILES = ("/search/", "/pagefind/", "/assets/javascripts/workers/search", "/javascripts/search.js")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def _served(site: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def _gzip_size(site: Path, url: str) -> int:
    path = site / unquote(urlparse(url).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)) if path.is_file() else 0


def _by_link(browser, url: str, query: str) -> tuple[int, int]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH_FROM_START)
    page = context.new_page()
    page.goto(f"{url}?q={quote(query)}", wait_until="load")
    page.locator(RESULT).first.wait_for(timeout=60_000)
    page.wait_for_function("() => window.__shown")
    # performance.now() counts from the start of navigation
    shown, loaded = page.evaluate("() => [window.__shown, performance.getEntriesByType('navigation')[0].loadEventEnd]")
    context.close()
    return round(shown), round(shown - loaded)


def measure(site: Path, queries: list[str]) -> list[dict]:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only this measurement needs a browser

    found = []
    with _served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for query in queries:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            requested: list[str] = []
            page.on("request", lambda request, requested=requested: requested.append(request.url))
            page.goto(url, wait_until="load")
            page.evaluate(WATCH, RESULT)
            page.locator("label.md-search__icon, .md-search__input").first.click()
            box = page.locator("input.md-search__input")
            box.fill(query)
            box.press("End")  # Material's own search runs on keyup
            page.locator(RESULT).first.wait_for(timeout=60_000)
            page.wait_for_function("() => window.__shown")
            elapsed, typed = page.evaluate("() => [window.__shown - window.__t0, window.__typed - window.__t0]")
            first = page.locator(RESULT).first.inner_text().split("\n")[0]
            search = [u for u in requested if any(part in urlparse(u).path for part in SEARCH_FILES)]
            other = [u for u in requested if u not in search]
            elsewhere = [u for u in requested if urlparse(u).hostname != "127.0.0.1"]
            if elsewhere:
                raise SystemExit(f"requests left 127.0.0.1: {elsewhere}")
            found.append(
                {
                    "query": query,
                    "first_result": first,
                    "ms_to_first_result": round(elapsed),
                    "ms_from_typing": round(elapsed - typed),
                    "search_requests": len(search),
                    "search_bytes_gzip": sum(_gzip_size(site, u) for u in search),
                    "page_bytes_gzip": sum(_gzip_size(site, u) for u in other),
                }
            )
            context.close()
            found[-1]["ms_by_link"], found[-1]["ms_by_link_after_load"] = _by_link(browser, url, query)
        browser.close()
    return found


def main(argv: list[str]) -> int:
    site, queries = Path(argv[0]), argv[1:]
    print(json.dumps(measure(site, queries), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
