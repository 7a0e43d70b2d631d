"""Helpers shared by the tests: paths, a copy of the fictional catalogue to break, running
`build.py check` and `build.py build`, serving a built site. Fixtures are in conftest.py."""

from __future__ import annotations

import datetime
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

from xcat import urls
from xcat.check.catalogue import Checked, check_catalogue
from xcat.check.schemas import SchemaSet
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


def _shared(scope: str):
    """A shared fixture's scope: `scope`, except while mutmut records which tests call which
    functions ("stats"). It links the functions a fixture calls to the test that sets the fixture
    up; shared, only a module's first test would be linked, and a mutant of those functions would
    run only that test. So there every test sets up its fixtures itself."""
    return lambda fixture_name, config: "function" if os.environ.get("MUTANT_UNDER_TEST") == "stats" else scope


MODULE = _shared("module")  # @pytest.fixture(scope=MODULE)
SESSION = _shared("session")


def copy_fictional(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(FICTIONAL, target)
    return target


def model_of(catalogue: Path) -> Catalogue:
    """The model of a catalogue folder that must pass the check (an edited copy of the fictional one, say)."""
    checked = check_catalogue(catalogue, SchemaSet(SCHEMAS), today=TODAY, base=catalogue.parent)
    assert checked.ok, [problem.as_text() for problem in checked.problems]
    return build_catalogue(checked.index)


def run_check(catalogue: Path, *extra: str) -> tuple[int, list[str]]:
    """Run `build.py check` in-process; return the exit code and the printed problem lines."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["check", "--catalogue", str(catalogue), "--today", TODAY, *extra])
    assert "Traceback" not in err.getvalue()
    return code, out.getvalue().splitlines()


def problem_locations(lines: list[str]) -> list[str]:
    """file:line:column of each problem line run_check printed."""
    return [line.split(": error: ")[0] for line in lines]


def write(catalogue: Path, relative: str, text: str | bytes) -> Path:
    path = catalogue / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def add_later_programme_event(catalogue: Path, stem: str, applies_to: str) -> None:
    """A copy of the fictional handover dated 2024-03, in a file whose name sorts before the handover's
    (for tests of the order programme events are kept in). applies_to: as YAML, e.g. "[fictional-kappa]"."""
    assert stem < "fictional-handover", "the point is a name that sorts first"
    text = (catalogue / "programme-events" / "fictional-handover.yaml").read_text(encoding="utf-8")
    for old, new in [
        ("id: fictional-handover", f"id: {stem}"),
        ("date: 2023\n", "date: 2024-03\n"),
        ("deadline: 2023-12-31", "deadline: 2024-12-31"),
        ("applies_to: [fictional-eta, fictional-gamma, fictional-iota]", f"applies_to: {applies_to}"),
    ]:
        assert old in text, f"{old!r} not in the fictional handover"
        text = text.replace(old, new, 1)
    write(catalogue, f"programme-events/{stem}.yaml", text)


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


# --- Pages written as finished HTML (front matter `body: html`: xcat/render/templates/*.html.j2) ---

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SITE = "https://site.invalid/"  # any absolute base: relative addresses are resolved against it


@dataclass
class Element:
    """An element of a page's HTML, for tests that read what a reader sees: its text, its links, its rows."""

    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    def all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Element]:
        """The elements inside this one (not itself), in document order, of this tag, with this
        class among theirs and these attributes (`id_` for id)."""
        wanted = {name.rstrip("_"): value for name, value in attrs.items()}
        found = []
        for child in self.children:
            if isinstance(child, Element):
                if (
                    (tag is None or child.tag == tag)
                    and (cls is None or cls in child.attrs.get("class", "").split())
                    and all(child.attrs.get(name) == value for name, value in wanted.items())
                ):
                    found.append(child)
                found += child.all(tag, cls, **attrs)
        return found

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Element:
        """The first element inside this one that `all` gives; fails the test if there is none."""
        found = self.all(tag, cls, **attrs)
        assert found, f"no <{tag or '*'}> {cls or ''} {attrs or ''} in {self.text[:200]!r}"
        return found[0]

    @property
    def text(self) -> str:
        """The text a reader sees (entities decoded, a <br> as a space), its white space collapsed."""
        return " ".join(self._text().split())

    def _text(self) -> str:
        if self.tag == "br":
            return " "
        return "".join(child if isinstance(child, str) else child._text() for child in self.children)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def links(self, source: str | None = None) -> list[tuple[str, str]]:
        """(address, text) of each link inside, in order; with the page's source (certificates/x.md),
        each address resolved from the page's URL to the site root (certificates/y/), as a browser follows it."""
        return [(resolve(source, a.attrs["href"]) if source else a.attrs["href"], a.text) for a in self.all("a")]

    def rows(self) -> list[list[Element]]:
        """The cells of each body row of the tables inside (rows of <th> alone left out)."""
        rows = [row.all("td") for row in self.all("tr")]
        return [cells for cells in rows if cells]

    def section(self, heading_id: str) -> Element:
        """What follows the heading with this id up to the next heading of its level or higher."""
        for index, child in enumerate(self.children):
            if isinstance(child, Element) and child.attrs.get("id") == heading_id:
                level = child.tag
                part = Element("section", {})
                for following in self.children[index + 1 :]:
                    if isinstance(following, Element) and following.tag in _HEADINGS and following.tag <= level:
                        break
                    part.children.append(following)
                return part
        raise AssertionError(f"no heading with id {heading_id!r}")


_HEADINGS = {f"h{level}" for level in range(1, 7)}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("body", {})
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.open[-1].children.append(element)
        if tag not in _VOID:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open[-1].children.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        tags = [element.tag for element in self.open]
        assert tag in tags, f"</{tag}> closes nothing open"
        assert tags[-1] == tag, f"</{tag}> closes <{tags[-1]}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def html_body(text: str) -> Element:
    """A page written as HTML, its front matter left out, as a tree (its tags must nest)."""
    if text.startswith("---\n"):
        front, body = text[4:].split("\n---\n", 1)
        assert "body: html" in front.splitlines(), "the page is not written as HTML"
        text = body
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    assert builder.open == [builder.root], f"<{builder.open[-1].tag}> left open"
    return builder.root


def resolve(source: str, href: str) -> str:
    """Where a link on the page made of this source leads, as a browser follows it from the
    page's URL: a page or file of the site as an address from the site root (certificates/y/,
    api/x.json, with any #fragment), another site's address as it is."""
    resolved = urljoin(_SITE + urls.address(source), href)
    return resolved.removeprefix(_SITE) if resolved.startswith(_SITE) else resolved


ARTICLE = '<article class="md-content__inner md-typeset">'


def built_article(document: str) -> Element:
    """What a built page (site/…/index.html) shows as its content: its <article>, as a tree."""
    start = document.index(ARTICLE) + len(ARTICLE)
    return html_body(document[start : document.index("</article>", start)])
