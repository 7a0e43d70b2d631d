"""MkDocs' pages shared out between processes (xcat/publish/mkdocs_build.py): the same site as
MkDocs' own build, with one process or two (a page written as HTML holds its body as it is, with
its headings as its table of contents, where MkDocs' own build would put it through Python-Markdown); a warning or a failure in either process fails the
build with its message and leaves site/ as it was; the search index from the pages' search blocks
(xcat/publish/search_index.py) is the one Pagefind makes of the whole site."""

from __future__ import annotations

import html
import logging
import multiprocessing
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import markdown
import pytest
from mkdocs.commands.build import build as mkdocs_own_build

from tests.helpers import ARTICLE, MODULE, ROOT, copy_fictional, html_body, search_fragments
from tests.publish.test_swap import fingerprint
from xcat import urls
from xcat.cli import main
from xcat.opendata import buildinfo
from xcat.publish import mkdocs_build, search_index, site
from xcat.render.pages import BODY, HTML_BODY
from xcat.settings import HAND_WRITTEN_DOCS, SCHEMAS, SiteSettings, load_site_config


@pytest.fixture(scope=MODULE)
def fictional_docs(tmp_path_factory, fictional_model) -> Path:
    """The fictional catalogue's pages and open data, as the build hands them to MkDocs."""
    docs = tmp_path_factory.mktemp("docs") / "docs"
    shutil.copytree(HAND_WRITTEN_DOCS, docs)
    config = load_site_config(docs)
    built = buildinfo.build_date(fictional_model, ROOT)
    site.generate(fictional_model, docs, SiteSettings.of(config), built, SCHEMAS)
    return docs


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def html_bodies(docs: Path) -> dict[str, str]:
    """The pages written as HTML (front matter `body: html`): their output (certificates/x/index.html)
    and their body, as MkDocs reads it (after the front matter, leading newlines left out)."""
    bodies = {}
    for path in docs.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            front, body = text[4:].split("\n---\n", 1)
            if f"{BODY}: {HTML_BODY}" in front.splitlines():
                source = path.relative_to(docs).as_posix()
                bodies[urls.address(source) + "index.html"] = body.lstrip("\n")
    return bodies


def secondary_nav(document: str) -> str:
    """Material's table of contents of the page (the sidebar nav.md-nav--secondary), nested navs included."""
    start = document.index('<nav class="md-nav md-nav--secondary"')
    depth = 0
    for tag in re.finditer(r"<nav\b|</nav>", document[start:]):
        depth += 1 if tag.group() == "<nav" else -1
        if depth == 0:
            return document[start : start + tag.end()]
    raise AssertionError("nav.md-nav--secondary is not closed")


def test_pages_shared_out_are_the_same_bytes_as_mkdocs_own_build(fictional_docs, tmp_path, monkeypatch):
    """One process and two write the same bytes. MkDocs' own build writes the same bytes too for
    every file but the pages written as HTML (`body: html`), which it would put through
    Python-Markdown: each of those holds its body as it is, its h2 headings as its table of
    contents, and every link to an anchor of the page leads to an id on it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # the sitemap's dates
    built = {}
    for name, jobs in (("mkdocs", 0), ("one process", 1), ("two processes", 2)):
        config = load_site_config(fictional_docs, tmp_path / name)
        site.for_theme(config)
        if jobs:
            mkdocs_build.build(config, jobs=jobs)
        else:
            mkdocs_own_build(config)
        built[name] = files(tmp_path / name)
    assert {"404.html", "sitemap.xml", "sitemap.xml.gz", "certificates/fictional-alpha/index.html"} <= set(
        built["mkdocs"]
    )
    assert "虚构" in built["mkdocs"]["certificates/fictional-alpha/index.html"].decode()
    assert built["one process"] == built["two processes"]
    assert not multiprocessing.active_children()

    bodies = html_bodies(fictional_docs)
    # The certificate, organization and major pages of the fictional catalogue; the others are Markdown.
    assert {"certificates/fictional-alpha/index.html", "organizations/fictional-org-b/index.html"} <= set(bodies)
    assert {"majors/860301/index.html"} <= set(bodies) and "index.html" not in bodies
    assert "fields/medicine-health/index.html" not in bodies and "handover/index.html" not in bodies
    ours, own = built["one process"], built["mkdocs"]
    assert set(ours) == set(own)
    assert {name: data for name, data in ours.items() if name not in bodies} == {
        name: data for name, data in own.items() if name not in bodies
    }
    for name, body in bodies.items():
        document = ours[name].decode()
        article = document[document.index(ARTICLE) : document.index("</article>")]
        assert article.count(body) == 1, name  # the body as it is
        headings = html_body(body).all("h2")
        assert headings and not re.search(r"<h[3-6]\b", body), name  # these pages have no deeper headings
        toc = secondary_nav(document)
        assert re.findall(r'<a href="#([^"]+)" class="md-nav__link">', toc) == [h.attrs["id"] for h in headings], name
        shown = re.findall(r'<span class="md-ellipsis">(.*?)</span>', toc, re.S)
        assert [" ".join(html.unescape(text).split()) for text in shown] == [
            h.text.removesuffix("¶") for h in headings
        ], name
        ids = set(re.findall(r'\bid="([^"]+)"', document))
        assert {anchor for anchor in re.findall(r'href="#([^"]*)"', body)} <= ids, name


def in_the_child_only(monkeypatch, what):
    """Pages written in the child process do `what` after each chunk; the parent is slow enough
    that the child surely writes some."""
    parent = os.getpid()
    write_pages = mkdocs_build._write_pages

    def chunk(*args):
        written = write_pages(*args)
        if os.getpid() == parent:
            time.sleep(0.05)
        else:
            what()
        return written

    monkeypatch.setattr(mkdocs_build, "_write_pages", chunk)


def build_in_process(catalogue: Path, site_dir: Path, capfd) -> tuple[int, str]:
    """`build.py build` in this process (so a child inherits the test's patches); its stderr, the
    children's included (captured at the file descriptor, which they share)."""
    capfd.readouterr()
    code = main(["build", "--catalogue", str(catalogue), "--site-dir", str(site_dir)])
    return code, capfd.readouterr().err


@pytest.fixture
def built_once(tmp_path, monkeypatch, capfd):
    monkeypatch.setenv("XCAT_JOBS", "2")
    catalogue = copy_fictional(tmp_path)
    code, output = build_in_process(catalogue, tmp_path / "site", capfd)
    assert code == 0, output
    return catalogue, tmp_path / "site"


@pytest.mark.slow
def test_a_warning_in_the_child_process_fails_the_build_and_leaves_the_site(built_once, monkeypatch, capfd):
    catalogue, site_dir = built_once
    before = fingerprint(site_dir)
    warn = logging.getLogger("mkdocs.structure.pages").warning
    in_the_child_only(monkeypatch, lambda: warn("Doc file 'x.md' contains a link 'y.md', but the target is not found."))
    code, output = build_in_process(catalogue, site_dir, capfd)
    assert code != 0
    assert "MkDocs WARNING: Doc file 'x.md' contains a link 'y.md'" in output
    assert "MkDocs failed: Aborted with" in output and "warnings in strict mode!" in output
    assert "原来的网站保持不变 · the site was not built; the previous site is unchanged." in output
    assert fingerprint(site_dir) == before
    assert not multiprocessing.active_children()


@pytest.mark.slow
def test_a_failure_in_the_child_process_fails_the_build_with_its_message(built_once, monkeypatch, capfd):
    catalogue, site_dir = built_once
    before = fingerprint(site_dir)

    def fail():
        raise PermissionError(13, "Permission denied", "site/certificates/fictional-alpha/index.html")

    in_the_child_only(monkeypatch, fail)
    code, output = build_in_process(catalogue, site_dir, capfd)
    assert code != 0
    assert (
        "could not write the site: [Errno 13] Permission denied: 'site/certificates/fictional-alpha/index.html'"
        in output
    )
    assert fingerprint(site_dir) == before
    assert not multiprocessing.active_children()


def fragments(index: Path) -> dict[str, dict]:
    return {fragment["url"]: fragment for fragment in search_fragments(index)}


def index_the_written_site(site_dir: Path) -> None:
    """Pagefind on every page of the written site, into its pagefind/ folder: what the build did
    before it indexed the search blocks (xcat/publish/search_index.py)."""
    command = search_index.pagefind_command(site_dir, "--output-subdir", urls.SEARCH_FOLDER)
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr or result.stdout


@pytest.mark.slow
def test_the_search_index_from_the_search_blocks_is_pagefinds_index_of_the_site(fictional_site, tmp_path):
    whole = shutil.copytree(fictional_site, tmp_path / "site", ignore=shutil.ignore_patterns("pagefind"))
    index_the_written_site(whole)
    from_the_site, from_the_blocks = fragments(whole / "pagefind"), fragments(fictional_site / "pagefind")
    assert "/certificates/fictional-alpha/" in from_the_blocks
    for fragment in from_the_site.values():  # Pagefind took a page's first image (its chart) as the result's image
        fragment["meta"].pop("image", None)
        fragment["meta"].pop("image_alt", None)
    assert from_the_blocks == from_the_site


# --- A page written as HTML, read without Python-Markdown ------------------------------------


def heading(level: int, text: str, anchor: str) -> str:
    """A heading as render/templates/_macros.html.j2 writes it."""
    return (
        f'<h{level} id="{anchor}">{text}<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a>'
        f"</h{level}>"
    )


def outline(tokens: list) -> list:
    """(level, id, name, children) of each token, nested as the toc extension nests them."""
    return [(t["level"], t["id"], t["name"], outline(t["children"])) for t in tokens]


@pytest.mark.parametrize(
    "headings, expected",
    [
        pytest.param([(1, "A", "a")], [(1, "a", "A", [])], id="one heading"),
        pytest.param(
            [(1, "Page", "page"), (2, "First", "first"), (3, "Inner", "inner"), (2, "Second", "second")],
            [(1, "page", "Page", [(2, "first", "First", [(3, "inner", "Inner", [])]), (2, "second", "Second", [])])],
            id="h1 holds h2s, an h2 the h3 after it",
        ),
        pytest.param(
            [(2, "First", "first"), (3, "Inner", "inner"), (2, "Second", "second")],
            [(2, "first", "First", [(3, "inner", "Inner", [])]), (2, "second", "Second", [])],
            id="without h1, the h2s are the top",
        ),
        pytest.param(
            [(1, "Page", "page"), (3, "Deep", "deep"), (2, "Back", "back")],
            [(1, "page", "Page", [(3, "deep", "Deep", []), (2, "back", "Back", [])])],
            id="a skipped level nests under the last shallower heading",
        ),
        pytest.param(
            [(2, '等级 <span lang="en">Levels</span>', "levels")],
            [(2, "levels", "等级 Levels", [])],
            id="markup in a heading is left out of its name",
        ),
        pytest.param(
            [(2, "Fee &amp; &lt;b&gt; <em>x</em>", "fee")],
            [(2, "fee", "Fee &amp; &lt;b&gt; x", [])],
            id="entities stay escaped in the name",
        ),
        pytest.param(
            [(2, "a &#38;amp;lt; b", "a")],
            [(2, "a", "a &#38;amp;lt; b", [])],
            id="escaped text is not decoded twice",
        ),
    ],
)
def test_toc_tokens_nest_the_headings_and_name_them_as_python_markdown_does(headings, expected):
    body = "\n".join(heading(level, text, anchor) + "\n<p>text</p>" for level, text, anchor in headings)
    assert outline(mkdocs_build._toc_tokens(body)) == expected
    # The names and nesting Python-Markdown's toc extension gives the same headings.
    md = markdown.Markdown(extensions=["toc", "attr_list"])
    md.convert("\n\n".join(f"{'#' * level} {text} {{ #{anchor} }}" for level, text, anchor in headings))
    assert outline(mkdocs_build._toc_tokens(body)) == [_without_html(t) for t in md.toc_tokens]


def _without_html(token: dict) -> tuple:
    return (token["level"], token["id"], token["name"], [_without_html(t) for t in token["children"]])


def test_toc_tokens_see_only_headings_as_the_templates_write_them():
    body = '<h2>no id</h2><h2 id="x">no permanent link</h2><p id="p">text</p>' + heading(2, "Yes", "yes")
    assert outline(mkdocs_build._toc_tokens(body)) == [(2, "yes", "Yes", [])]


@pytest.fixture(scope=MODULE)
def fictional_pages(fictional_docs, tmp_path_factory):
    """The fictional site's configuration, files and pages, as MkDocs reads them before rendering."""
    from mkdocs.structure.files import get_files  # noqa: PLC0415
    from mkdocs.structure.pages import Page  # noqa: PLC0415

    config = load_site_config(fictional_docs, tmp_path_factory.mktemp("site"))
    site.for_theme(config)
    found = get_files(config)

    def page(source: str) -> Page:
        file = found.get_file_from_path(source)
        assert file is not None, source
        return Page(None, file, config)

    return config, found, page


def test_populate_takes_a_page_written_as_html_as_it_is(fictional_docs, fictional_pages):
    config, found, page = fictional_pages
    alpha = page("certificates/fictional-alpha.md")
    mkdocs_build._populate(alpha, config, found)
    body = html_bodies(fictional_docs)["certificates/fictional-alpha/index.html"]
    assert alpha.content == body and alpha.meta["body"] == "html"
    assert alpha.title == "虚构证书甲 Fictional certificate Alpha"
    assert [(item.id, item.level) for item in alpha.toc] == [("fictional-certificate-alpha", 1)]
    assert [(item.id, item.title, item.level) for item in alpha.toc.items[0].children] == [
        ("levels", "等级 Levels", 2),
        ("pilot-institutions", "试点院校数 Pilot institutions", 2),
        ("history", "历程 History", 2),
        ("official-platform", "查询已持有的证书 Checking a certificate you hold", 2),
        ("sources", "来源 Sources", 2),
    ]
    assert alpha.present_anchor_ids == {
        "fictional-certificate-alpha",
        "levels",
        "pilot-institutions",
        "history",
        "official-platform",
        "sources",
    }
    assert alpha.links_to_anchors == {}


def test_populate_renders_any_other_page_with_markdown_as_mkdocs_does(fictional_pages):
    config, found, page = fictional_pages
    ours, own = page("handover.md"), page("handover.md")
    mkdocs_build._populate(ours, config, found)
    own.read_source(config)
    own.render(config, found)
    assert "body" not in ours.meta
    assert ours.content == own.content and ours.content.startswith("<h1 id=")
    assert [item.id for item in ours.toc] == [item.id for item in own.toc]
    assert ours.present_anchor_ids == own.present_anchor_ids and ours.present_anchor_ids


def test_files_rebuilt_with_the_last_build_are_what_a_new_build_writes(fictional_docs, tmp_path, monkeypatch):
    """The preview writes an edited certificate's page and chart with what the last build made of
    the docs folder (its file list and navigation), instead of listing 26,700 files again at 5,000
    certificates: the same bytes as a build of the edited docs. A file the last build did not have
    is refused, with nothing written (a new page changes the file list and the navigation)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    docs = tmp_path / "docs"
    shutil.copytree(fictional_docs, docs)
    config = load_site_config(docs, tmp_path / "preview")
    site.for_theme(config)
    built = mkdocs_build.build(config, jobs=1)
    assert built is not None
    page, chart = urls.page_source("certificate", "fictional-alpha"), urls.chart("certificate", "fictional-alpha")
    text = (docs / page).read_text(encoding="utf-8")
    assert "虚构证书甲" in text
    (docs / page).write_text(text.replace("虚构证书甲", "虚构证书甲（改名）"), encoding="utf-8")
    (docs / chart).write_text((docs / chart).read_text(encoding="utf-8") + "\n", encoding="utf-8")
    before = files(tmp_path / "preview")

    assert mkdocs_build.rebuild_files(config, built, [page, chart]) is True
    assert mkdocs_build.rebuild_files(config, built, [page, "certificates/fictional-new.md"]) is False

    fresh = load_site_config(docs, tmp_path / "fresh")
    site.for_theme(fresh)
    mkdocs_build.build(fresh, jobs=1)
    after, expected = files(tmp_path / "preview"), files(tmp_path / "fresh")
    written = {name for name in after if after[name] != before.get(name)}
    assert written == {"certificates/fictional-alpha/index.html", chart}
    assert {name: after[name] for name in written} == {name: expected[name] for name in written}
    assert "虚构证书甲（改名）" in after["certificates/fictional-alpha/index.html"].decode()


def built_config(docs: Path, site_dir: Path):
    config = load_site_config(docs, site_dir)
    site.for_theme(config)
    return config


@pytest.mark.parametrize("jobs", [1, 2])
def test_strict_mode_aborts_with_the_warnings_of_every_process_counted_once(
    fictional_docs, tmp_path, monkeypatch, jobs
):
    """Every chunk of pages warns once, in whichever process writes it: the abort counts each
    warning once, however the chunks were shared out, so a strict build cannot pass a page that
    warned in a child. Every page is written once; XCAT_JOBS=1 (jobs=1) writes them all here."""
    monkeypatch.delenv("XCAT_JOBS", raising=False)
    log_file = tmp_path / "chunks.log"
    write_pages = mkdocs_build._write_pages

    def chunk(pages, *args):
        written = write_pages(pages, *args)
        with log_file.open("a", encoding="utf-8") as log:  # appends from both processes, line by line
            log.write(f"{os.getpid()} {len(pages)}\n")
        logging.getLogger("mkdocs.structure.pages").warning("a fictional warning")
        time.sleep(0.02)  # leaves chunks for the other process
        return written

    monkeypatch.setattr(mkdocs_build, "_write_pages", chunk)
    with pytest.raises(mkdocs_build.Abort) as aborted:
        mkdocs_build.build(built_config(fictional_docs, tmp_path / "site"), jobs=jobs)
    chunks = [line.split() for line in log_file.read_text(encoding="utf-8").splitlines()]
    assert str(aborted.value) == f"Aborted with {len(chunks)} warnings in strict mode!"
    assert sum(int(size) for _, size in chunks) == len(list(fictional_docs.rglob("*.md")))
    writers = {pid for pid, _ in chunks}
    assert writers == {str(os.getpid())} if jobs == 1 else len(writers) == 2
    assert not multiprocessing.active_children()


def test_strict_mode_names_each_level_of_what_was_logged(fictional_docs, tmp_path, monkeypatch):
    """As MkDocs says it: errors and warnings each counted, the errors first."""
    write_pages = mkdocs_build._write_pages
    logged = []

    def chunk(pages, *args):
        if not logged:
            logged.append(True)
            logging.getLogger("mkdocs.structure.pages").warning("a fictional warning")
            logging.getLogger("mkdocs.structure.pages").error("a fictional error")
        return write_pages(pages, *args)

    monkeypatch.setattr(mkdocs_build, "_write_pages", chunk)
    with pytest.raises(mkdocs_build.Abort, match=r"^Aborted with 1 errors, 1 warnings in strict mode!$"):
        mkdocs_build.build(built_config(fictional_docs, tmp_path / "site"), jobs=1)


def test_a_build_empties_the_site_folder_first(fictional_docs, tmp_path):
    site_dir = tmp_path / "site"
    (site_dir / "certificates" / "removed").mkdir(parents=True)
    (site_dir / "certificates" / "removed" / "index.html").write_text("a page of the last build", encoding="utf-8")
    mkdocs_build.build(built_config(fictional_docs, site_dir), jobs=1)
    assert not (site_dir / "certificates" / "removed").exists()
    assert (site_dir / "certificates" / "fictional-alpha" / "index.html").is_file()


def test_a_dirty_build_writes_only_the_pages_newer_than_their_output(fictional_docs, tmp_path):
    """The preview's build: an edited page is written again; a page whose output is newer than
    its Markdown is left as it is, and so is a file the last build did not make."""
    docs, site_dir = tmp_path / "docs", tmp_path / "site"
    shutil.copytree(fictional_docs, docs)
    mkdocs_build.build(built_config(docs, site_dir), jobs=1)
    kept, edited = site_dir / "organizations" / "fictional-org-b" / "index.html", "certificates/fictional-alpha.md"
    kept.write_text("as the last build wrote it", encoding="utf-8")
    (site_dir / "stale.html").write_text("left by someone", encoding="utf-8")
    source = docs / edited
    source.write_text(source.read_text(encoding="utf-8").replace("虚构证书甲", "虚构证书甲（改名）"), encoding="utf-8")
    future = time.time() + 60
    os.utime(source, (future, future))
    mkdocs_build.build(built_config(docs, site_dir), jobs=1, dirty=True)
    assert kept.read_text(encoding="utf-8") == "as the last build wrote it"
    assert (site_dir / "stale.html").is_file()
    assert "虚构证书甲（改名）" in (site_dir / "certificates" / "fictional-alpha" / "index.html").read_text("utf-8")


def test_a_link_to_an_anchor_missing_from_another_page_fails_a_strict_build(fictional_docs, tmp_path, caplog):
    """MkDocs' check of links to anchors runs over the pages of every process."""
    docs = tmp_path / "docs"
    shutil.copytree(fictional_docs, docs)
    (docs / "anchor-test.md").write_text("# Anchors\n\n[About](about.md#no-such-anchor)\n", encoding="utf-8")
    with pytest.raises(mkdocs_build.Abort, match=r"^Aborted with 1 warnings in strict mode!$"):
        mkdocs_build.build(built_config(docs, tmp_path / "site"), jobs=2)
    assert [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING] == [
        "Doc file 'anchor-test.md' contains a link 'about.md#no-such-anchor', "
        "but the doc 'about.md' does not contain an anchor '#no-such-anchor'."
    ]


def test_with_a_plugin_mkdocs_own_build_runs_dirty_as_asked(fictional_docs, tmp_path, monkeypatch):
    """A plugin may gather from every page in one process (Material's search did)."""
    calls = []
    monkeypatch.setattr(mkdocs_build.mkdocs, "build", lambda config, dirty: calls.append(dirty))
    config = built_config(fictional_docs, tmp_path / "site")
    config.plugins["fictional"] = object()  # type: ignore[assignment]
    for dirty in (False, True):
        assert mkdocs_build.build(config, jobs=1, dirty=dirty) is None
    assert calls == [False, True]


def test_a_dirty_build_copies_only_the_static_files_newer_than_their_copy(fictional_docs, tmp_path):
    docs, site_dir = tmp_path / "docs", tmp_path / "site"
    shutil.copytree(fictional_docs, docs)
    mkdocs_build.build(built_config(docs, site_dir), jobs=1)
    copy = site_dir / "stylesheets" / "extra.css"
    copy.write_text("/* as the last build left it */", encoding="utf-8")
    mkdocs_build.build(built_config(docs, site_dir), jobs=1, dirty=True)
    assert copy.read_text(encoding="utf-8") == "/* as the last build left it */"
    mkdocs_build.build(built_config(docs, site_dir), jobs=1)
    assert copy.read_bytes() == (docs / "stylesheets" / "extra.css").read_bytes()


def test_populate_takes_an_empty_html_body_as_empty(fictional_docs, tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(fictional_docs, docs)
    (docs / "empty.md").write_text(f"---\n{BODY}: {HTML_BODY}\n---\n", encoding="utf-8")
    config = built_config(docs, tmp_path / "site")
    found = mkdocs_build.get_files(config)
    empty = mkdocs_build.Page(None, found.get_file_from_path("empty.md"), config)
    mkdocs_build._populate(empty, config, found)
    assert empty.content == "" and list(empty.toc) == [] and empty.present_anchor_ids == set()


def test_a_page_that_cannot_be_read_is_named_in_the_error(fictional_docs, tmp_path, caplog):
    docs = tmp_path / "docs"
    shutil.copytree(fictional_docs, docs)
    (docs / "broken.md").write_bytes(b"# \xff not UTF-8\n")
    config = built_config(docs, tmp_path / "site")
    found = mkdocs_build.get_files(config)
    broken = mkdocs_build.Page(None, found.get_file_from_path("broken.md"), config)
    with pytest.raises(UnicodeDecodeError):
        mkdocs_build._populate(broken, config, found)
    assert [record.getMessage() for record in caplog.records if record.levelno == logging.ERROR] == [
        "Encoding error reading file: broken.md",  # MkDocs' own, then the page's, as MkDocs' build logs them
        "Error reading page 'broken.md': 'utf-8' codec can't decode byte 0xff in position 2: invalid start byte",
    ]
    assert config._current_page is None
