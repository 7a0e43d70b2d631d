"""The build's own steps (xcat/publish/site.py) in this process: what it refuses before writing
anything, how a failure is told, and how MkDocs is run. Whole builds are in test_site.py (slow)."""

from __future__ import annotations

import contextlib
import datetime
import errno
import io
import json
import logging
import os
import re
from types import SimpleNamespace

import jinja2
import pytest
from mkdocs.exceptions import Abort

from tests.helpers import FICTIONAL, MODULE, TODAY, copy_fictional, edit, search_fragments
from tests.publish.test_parallel import raise_in_the_child
from xcat import urls
from xcat.check.catalogue import check
from xcat.publish import mkdocs_build, site, swap
from xcat.settings import Exit, Options


def test_a_site_folder_that_is_a_file_is_refused_before_anything_is_written(tmp_path, capsys):
    checked = check(Options(catalogue=FICTIONAL, today=TODAY))
    target = tmp_path / "site"
    target.write_text("a file, not a site", encoding="utf-8")
    assert site.build_site(checked.index, Options(catalogue=FICTIONAL, site_dir=target)) == Exit.INVALID
    assert capsys.readouterr().err == (
        f"build.py: {target} is a file, not a folder: move it away, or build elsewhere with --site-dir\n"
        "build.py: 网站没有生成，原来的网站保持不变 · the site was not built; the previous site is unchanged.\n"
    )
    assert target.read_text(encoding="utf-8") == "a file, not a site"
    assert list(tmp_path.glob(swap.STAGE_PREFIX + "*")) == []


def test_an_invalid_catalogue_is_reported_and_nothing_is_built(tmp_path, capsys):
    catalogue = copy_fictional(tmp_path)
    edit(
        catalogue,
        "certificates/fictional-alpha.yaml",
        "organization: fictional-org-a",
        "organization: fictional-org-nowhere",
    )
    options = Options(catalogue=catalogue, today=TODAY, site_dir=tmp_path / "site")
    assert site.check_and_build(options, "not built: fix the problems above") == Exit.INVALID
    out, err = capsys.readouterr()
    assert "fictional-alpha.yaml" in out and "fictional-org-nowhere" in out  # the problems, as check prints them
    assert err.rstrip().endswith("not built: fix the problems above")
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    ("failure", "told"),
    [
        (
            OSError(errno.ENOSPC, "No space left on device", "site/index.html"),
            "could not write the site: [Errno 28] No space left on device: 'site/index.html'",
        ),
        (site.BuildFailed("MkDocs failed: Aborted with 1 warnings"), "MkDocs failed: Aborted with 1 warnings"),
        (
            jinja2.TemplateSyntaxError("unexpected '}'", 3, "home.md.j2", "home.md.j2"),
            "a page template failed (home.md.j2, line 3): unexpected '}'",
        ),
        (jinja2.UndefinedError("'x' is undefined"), "a page template failed: 'x' is undefined"),
    ],
    ids=["disk full", "build failed", "template syntax", "template undefined"],
)
def test_a_failure_is_told_in_one_line(failure, told):
    assert site._explain(failure) == told


def test_a_template_error_while_generating_in_a_child_is_told_in_one_line(tmp_path, monkeypatch, capsys):
    """The pages are generated on every core: a template failing in a child process is told as
    it would be in this one, and the site is not built."""
    monkeypatch.setenv("XCAT_JOBS", "2")
    failing = raise_in_the_child(jinja2.UndefinedError("'x' is undefined"), tmp_path / "started")
    monkeypatch.setattr(site.pages.PageWriter, "jobs", lambda writer: [failing] * 20)
    checked = check(Options(catalogue=FICTIONAL, today=TODAY))
    assert site.build_site(checked.index, Options(catalogue=FICTIONAL, site_dir=tmp_path / "site")) == Exit.INVALID
    assert capsys.readouterr().err.startswith("build.py: a page template failed: 'x' is undefined\n")
    assert not (tmp_path / "site").exists()


def test_kept_docs_are_copied_where_they_cannot_be_linked(tmp_path, monkeypatch):
    source = tmp_path / "page.md"
    source.write_text("# A page", encoding="utf-8")
    os.utime(source, (1_000_000_000, 1_000_000_000))

    def cannot_link(source, target):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    site._link_or_copy(str(source), str(tmp_path / "linked.md"))
    assert (tmp_path / "linked.md").stat().st_ino == source.stat().st_ino
    monkeypatch.setattr(site.os, "link", cannot_link)
    site._link_or_copy(str(source), str(tmp_path / "copied.md"))
    copied = tmp_path / "copied.md"
    assert copied.read_text(encoding="utf-8") == "# A page" and copied.stat().st_ino != source.stat().st_ino
    assert copied.stat().st_mtime == 1_000_000_000  # as the original: MkDocs compares times in dirty builds


def test_the_theme_gets_the_build_stylesheet_and_the_catalogues_address():
    config = SimpleNamespace(extra_css=["stylesheets/extra.css"], extra={"social": []})
    site.for_theme(config)
    assert config.extra_css == ["stylesheets/extra.css", urls.BUILD_STYLESHEET]
    assert config.extra == {"social": [], "catalogue_page": urls.CATALOGUE_PAGE}


BUILT = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)


@pytest.mark.parametrize("before", [None, "12345"], ids=["unset", "set by the caller"])
def test_mkdocs_is_dated_like_the_open_data_and_the_environment_is_put_back(monkeypatch, before):
    if before is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", before)
    with site.dated_like_the_open_data(BUILT):
        assert os.environ["SOURCE_DATE_EPOCH"] == str(int(BUILT.timestamp())) == "1767323045"
    assert os.environ.get("SOURCE_DATE_EPOCH") == before


def test_a_mkdocs_warning_is_shown_and_its_abort_becomes_a_one_line_failure(monkeypatch, capsys):
    logger = logging.getLogger("mkdocs")
    handlers = list(logger.handlers)

    def warns_then_aborts(config, dirty):
        logger.info("not shown: below a warning")
        logger.warning("Doc file 'a.md' contains a link 'b.md', but the target is not found")
        raise Abort("Aborted with 1 warnings in strict mode!")

    monkeypatch.setattr(mkdocs_build, "build", warns_then_aborts)
    with pytest.raises(site.BuildFailed) as failed:
        site.run_mkdocs(SimpleNamespace())
    assert str(failed.value) == "MkDocs failed: Aborted with 1 warnings in strict mode!"
    err = capsys.readouterr().err
    assert "build.py: MkDocs WARNING: Doc file 'a.md' contains a link 'b.md'" in err
    assert "not shown" not in err
    assert logger.handlers == handlers  # a second build in this process does not print each warning twice


def test_the_preview_builds_dirty_and_a_build_builds_everything(monkeypatch):
    calls = []
    monkeypatch.setattr(mkdocs_build, "build", lambda config, dirty: calls.append((config, dirty)))
    config = SimpleNamespace()
    site.run_mkdocs(config, dirty=True)
    site.run_mkdocs(config)
    assert calls == [(config, True), (config, False)]


# ---------------------------------------------------------------- a whole build, in this process


@pytest.fixture(scope=MODULE)
def built_here(tmp_path_factory):
    """The fictional catalogue checked and built as `build.py build` does (a few seconds): what it
    printed, and where."""
    root = tmp_path_factory.mktemp("built")
    options = Options(catalogue=FICTIONAL, today=TODAY, site_dir=root / "site", keep_docs=root / "kept")
    (root / "kept").mkdir()  # as the benchmark's second build finds it
    (root / "kept" / "catalogue.md").write_text("the last build's", encoding="utf-8")
    stderr = io.StringIO()
    with pytest.MonkeyPatch.context() as environment, contextlib.redirect_stderr(stderr):
        environment.delenv("SOURCE_DATE_EPOCH", raising=False)  # the build date comes from git, as in CI
        code = site.check_and_build(options, "not built")
        assert "SOURCE_DATE_EPOCH" not in os.environ  # put back as it was
    return SimpleNamespace(root=root, site=root / "site", code=code, stderr=stderr.getvalue())


def test_a_build_says_how_many_pages_it_built_and_where(built_here):
    certificates = len(list((FICTIONAL / "certificates").glob("*.yaml")))
    assert built_here.code == Exit.OK
    assert built_here.stderr.endswith(f"Built {certificates} certificate pages into {built_here.site}.\n")
    assert sorted(p.name for p in built_here.root.iterdir()) == ["kept", "site"]  # no stage left behind


def test_a_build_writes_the_pages_the_open_data_and_the_search_index_into_the_site(built_here):
    for path in (FICTIONAL / "certificates").glob("*.yaml"):
        page = built_here.site / "certificates" / path.stem / "index.html"
        assert page.is_file(), page
    for written in (
        "index.html",
        "404.html",
        "api/index.json",
        "sitemap.xml",
        f"{urls.SEARCH_FOLDER}/pagefind-entry.json",
    ):
        assert (built_here.site / written).is_file(), written
    assert (built_here.site / "about" / "index.html").is_file()  # a hand-written page of docs/
    kept = (built_here.root / "kept" / "catalogue.md").read_text(
        encoding="utf-8"
    )  # --keep-docs: the generated Markdown
    assert kept.startswith("---\n") and "the last build's" not in kept


def test_the_search_index_finds_each_certificate_page_at_its_address(built_here):
    addresses = {fragment["url"] for fragment in search_fragments(built_here.site / urls.SEARCH_FOLDER)}
    assert {f"/certificates/{path.stem}/" for path in (FICTIONAL / "certificates").glob("*.yaml")} <= addresses
    # One language for every page (render/search.py splits the Chinese itself): Pagefind's English rules.
    entry = json.loads((built_here.site / urls.SEARCH_FOLDER / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en"]


def test_every_page_links_the_build_stylesheet_and_the_404_page_links_the_catalogue(built_here):
    home = (built_here.site / "index.html").read_text(encoding="utf-8")
    assert f'href="{urls.BUILD_STYLESHEET}"' in home  # the build date at every page's foot
    assert f'href="/{urls.CATALOGUE_PAGE}"' in (built_here.site / "404.html").read_text(encoding="utf-8")


def test_the_build_stylesheet_prints_the_open_datas_build_date(built_here):
    build_date = json.loads((built_here.site / "api" / "index.json").read_text(encoding="utf-8"))["meta"]["build_date"]
    stylesheet = (built_here.site / urls.BUILD_STYLESHEET).read_text(encoding="utf-8")
    assert f'content: " · 目录生成于 Catalogue built {build_date[:10]}"' in stylesheet


def test_the_sitemap_is_dated_with_the_open_datas_build_date(built_here):
    build_date = json.loads((built_here.site / "api" / "index.json").read_text(encoding="utf-8"))["meta"]["build_date"]
    sitemap = (built_here.site / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap)) == {build_date[:10]}
