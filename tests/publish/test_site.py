"""The built fictional site as a reader gets it: links, safety, offline, search index,
determinism, and a failed build that leaves the previous site alone."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest

from tests.helpers import FICTIONAL_CATALOGUE, ROOT, build_site, copy_fictional
from xcat import urls
from xcat.cli import main
from xcat.render import pages

pytestmark = pytest.mark.slow


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


class _Tags(HTMLParser):
    """Every (tag, attributes) in a page."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def tags(path: Path) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def readable_by_anyone(site: Path) -> Path:
    """linkchecker run as root drops privileges to nobody, who cannot enter pytest's private
    temporary folders: give it a world-readable copy then."""
    if os.geteuid() != 0:
        return site
    copy = Path(tempfile.mkdtemp(prefix="linkcheck-")) / "site"
    shutil.copytree(site, copy)
    for path in [copy.parent, *copy.rglob("*"), copy]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return copy


def test_every_internal_link_resolves(fictional_site):
    """linkchecker crawls the site's files from the home page (file:// follows folders to index.html)."""
    site = readable_by_anyone(fictional_site)
    try:
        result = subprocess.run(
            [
                str(Path(sys.executable).with_name("linkchecker")),
                "--no-warnings",
                "--no-status",
                "--verbose",
                "-o",
                "csv",
                (site / "index.html").as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=site,
        )
    finally:
        if site != fictional_site:
            shutil.rmtree(site.parent, ignore_errors=True)
    rows = [line.split(";") for line in result.stdout.splitlines()[1:] if line and not line.startswith("#")]
    assert result.returncode == 0, [row for row in rows if row[6] != "True"]
    # It crawled into the pages (links found on certificate pages were checked), not just the home page.
    parents = {row[1] for row in rows}
    assert any(parent.endswith("/certificates/fictional-alpha/index.html") for parent in parents), len(rows)


def test_every_certificate_page_is_built(fictional_site):
    for yaml_file in (FICTIONAL_CATALOGUE / "certificates").glob("*.yaml"):
        assert (fictional_site / "certificates" / yaml_file.stem / "index.html").is_file()


def test_no_script_or_javascript_link_from_contributor_text(fictional_site):
    for page in html_files(fictional_site):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text, page
        for tag, attrs in tags(page):
            for name in ("href", "src", "action", "formaction"):
                assert not attrs.get(name, "").strip().lower().startswith("javascript:"), (page, tag, attrs)
            assert not any(name.startswith("on") for name in attrs), (page, tag, attrs)
    iota = (fictional_site / "certificates/fictional-iota/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert" in iota or "&#60;script&#62;alert" in iota  # shown as text


def test_nothing_is_loaded_from_another_host(fictional_site):
    loads = {"script": "src", "img": "src", "iframe": "src", "source": "src", "link": "href"}
    for page in html_files(fictional_site):
        for tag, attrs in tags(page):
            if tag in loads and not (tag == "link" and attrs.get("rel") in ("canonical", "alternate")):
                assert not re.match(r"(https?:)?//", attrs.get(loads[tag], "")), (page, tag, attrs)
    for sheet in fictional_site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", sheet.read_text(encoding="utf-8")), sheet
        assert "@import" not in sheet.read_text(encoding="utf-8"), sheet


def test_search_indexes_english_names_pinyin_former_names_and_fragments(fictional_site):
    """What Pagefind indexes for a certificate: its page's hidden search block (xcat/render/search.py)."""
    page = (fictional_site / "certificates/fictional-gamma/index.html").read_text(encoding="utf-8")
    block = re.search(r'<div class="x-search-entry" hidden data-pagefind-body>(.*?)</div>', page, re.S).group(1)
    assert re.search(r'<p data-pagefind-weight="10">虚构证书丙 · Fictional certificate Gamma</p>', block)
    terms = re.search(r'<p data-pagefind-weight="7">(.*?)</p>', block).group(1).split(" · ")
    assert {"xugou zhengshu bing", "xgzsb", "xu gou zheng shu bing", "虚构证书丙旧名", "证书丙", "构证书丙"} <= set(
        terms
    )
    assert '<span data-pagefind-ignore data-pagefind-meta="summary">虚构评价组织' in block
    assert (fictional_site / "pagefind/pagefind.js").is_file() and not (fictional_site / "search").exists()


def test_same_input_gives_identical_bytes(fictional_site, tmp_path):
    again = tmp_path / "site"
    assert build_site(again, FICTIONAL_CATALOGUE).returncode == 0
    first = sorted(p.relative_to(fictional_site) for p in fictional_site.rglob("*") if p.is_file())
    second = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert first == second
    different = [str(p) for p in first if (fictional_site / p).read_bytes() != (again / p).read_bytes()]
    assert different == []


def previous_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    return site


def test_invalid_data_leaves_the_previous_site(tmp_path):
    catalogue = copy_fictional(tmp_path)
    (catalogue / "certificates/fictional-alpha.yaml").write_text(
        "id: fictional-alpha\nname: [broken\n", encoding="utf-8"
    )
    site = previous_site(tmp_path)
    result = build_site(site, catalogue)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"


@pytest.mark.parametrize(
    "failure",
    [
        jinja2.TemplateSyntaxError("unexpected '}'", 3, "certificate.md.j2"),
        jinja2.UndefinedError("'Certificate object' has no attribute 'colour'"),
        PermissionError(13, "Permission denied", "docs/index.md"),
    ],
)
def test_a_failing_page_writer_leaves_the_previous_site(tmp_path, monkeypatch, failure):
    def fail(*args, **kwargs):
        raise failure

    monkeypatch.setattr(pages.PageWriter, "render", fail)  # in the build process and in its children
    site = previous_site(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["build", "--catalogue", str(FICTIONAL_CATALOGUE), "--site-dir", str(site)])
    assert code == 1
    message = err.getvalue()
    assert (
        "Traceback" not in message
        and "原来的网站保持不变 · the site was not built; the previous site is unchanged" in message
    )
    assert ("template" in message) if isinstance(failure, jinja2.TemplateError) else ("could not write" in message)
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"
    assert not list(tmp_path.glob(".site-build-*"))  # the staging folder is gone


def test_retired_certificate_stays_at_its_address(fictional_site):
    eta = (fictional_site / "certificates/fictional-eta/index.html").read_text(encoding="utf-8")
    assert "已退出 Withdrawn" in eta and "已颁发的证书继续有效" in eta
    assert (ROOT / "mkdocs.yml").read_text(encoding="utf-8").count("certificates/") == 0  # never in the sidebar


def test_pages_with_a_feed_announce_it_to_feed_readers(fictional_site, fictional_model):
    """A feed reader given a page's address finds its Atom feed (<link rel="alternate"> in the head),
    and the link leads to that page's own feed."""
    expected = {"": urls.CHANGES_FEED, "changes/": urls.CHANGES_FEED}
    expected |= {urls.page("organization", o): urls.organization_feed(o) for o in fictional_model.organizations}
    expected |= {urls.page("field", f): urls.field_feed(f) for f in fictional_model.fields}
    expected |= {
        urls.page("major", m.id): urls.major_feed(m.id) for m in fictional_model.majors.values() if m.certificates
    }
    for page, feed in expected.items():
        path = fictional_site / page / "index.html"
        links = [a for tag, a in tags(path) if tag == "link" and a.get("type") == "application/atom+xml"]
        assert len(links) == 1, (page, links)
        assert links[0]["rel"] == "alternate"
        target = (path.parent / links[0]["href"]).resolve()
        assert target == (fictional_site / feed).resolve(), (page, links[0]["href"])
        assert target.read_bytes().startswith(b"<?xml"), target
    certificate_page = fictional_site / urls.page("certificate", "fictional-alpha") / "index.html"
    assert not [a for tag, a in tags(certificate_page) if tag == "link" and a.get("type") == "application/atom+xml"]
