"""The build's own steps (xcat/publish/site.py) in this process: what it refuses before writing
anything, how a failure is told, and how MkDocs is run. Whole builds are in test_site.py (slow)."""

from __future__ import annotations

import datetime
import errno
import logging
import os
from types import SimpleNamespace

import jinja2
import pytest
from mkdocs.exceptions import Abort

from tests.helpers import FICTIONAL, TODAY, copy_fictional, edit
from xcat import urls
from xcat.check.catalogue import check
from xcat.publish import mkdocs_build, site, swap
from xcat.settings import Exit, Options


def test_a_site_folder_that_is_a_file_is_refused_before_anything_is_written(tmp_path, capsys):
    checked = check(Options(catalogue=FICTIONAL, today=TODAY))
    target = tmp_path / "site"
    target.write_text("a file, not a site", encoding="utf-8")
    assert site.build_site(checked.index, Options(catalogue=FICTIONAL, site_dir=target)) == Exit.INVALID
    err = capsys.readouterr().err
    assert f"build.py: {target} is a file, not a folder: move it away, or build elsewhere with --site-dir" in err
    assert "the site was not built; the previous site is unchanged" in err and "Traceback" not in err
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


def test_a_child_process_sends_a_template_error_as_its_explanation_and_other_failures_as_they_are():
    template_error = jinja2.UndefinedError("'x' is undefined")
    sent = site._portable(template_error)
    assert isinstance(sent, site.BuildFailed) and str(sent) == "a page template failed: 'x' is undefined"
    disk_full = OSError(errno.ENOSPC, "No space left on device")
    assert site._portable(disk_full) is disk_full


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

    def warns_then_aborts(config, portable, dirty):
        assert portable is site._portable
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
    monkeypatch.setattr(mkdocs_build, "build", lambda config, portable, dirty: calls.append((config, dirty)))
    config = SimpleNamespace()
    site.run_mkdocs(config, dirty=True)
    site.run_mkdocs(config)
    assert calls == [(config, True), (config, False)]
