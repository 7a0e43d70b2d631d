"""One edit to one certificate rewrites only the files that show it (issue #14): a mirror of the
open data, a CDN or a dirty preview then moves a handful of files, not the whole site."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from tests.helpers import MODULE, build_site, copy_fictional, edit


def _files(site: Path) -> set[str]:
    return {str(p.relative_to(site)) for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope=MODULE)
def before_and_after(tmp_path_factory):
    """The same catalogue before and after a commit that edits one fee: the commit also moves the
    build date (from git in CI; SOURCE_DATE_EPOCH here)."""
    sites = []
    for name, fee, built in (("before", "fee: 100", "1767225600"), ("after", "fee: 110", "1767312000")):
        root = tmp_path_factory.mktemp(name)
        catalogue = copy_fictional(root)
        edit(catalogue, "certificates/fictional-alpha.yaml", "fee: 100", fee)
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SOURCE_DATE_EPOCH", built)
            result = build_site(root / "site", catalogue)
        assert result.returncode == 0, result.stderr
        sites.append(root / "site")
    return sites


@pytest.mark.slow
def test_a_fee_edit_changes_only_the_files_that_show_the_certificate(before_and_after):
    before, after = before_and_after
    assert _files(before) == _files(after)
    changed = {f for f in _files(before) if not filecmp.cmp(before / f, after / f, shallow=False)}
    assert changed == {
        "certificates/fictional-alpha/index.html",  # its page
        "api/certificates/fictional-alpha.json",  # its file, with its own version
        "api/catalogue.json",  # the whole catalogue, with the catalogue's version
        "api/index.json",
        "data/certificates.csv",  # one row per certificate, fees included
        "sitemap.xml",  # every page's lastmod is the build date
        "sitemap.xml.gz",
        "stylesheets/built.css",  # the build date that print adds to every page
    }
    # Eight files whatever the catalogue's size: at N = 500 (about 1,800 files) well under the 5 %
    # the issue allows for N = 500.
