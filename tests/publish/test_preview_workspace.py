"""The preview's two passes (xcat/publish/preview.py, Workspace) on the fictional catalogue, in
this process: what each pass rebuilds after an edit, a removal and a broken file. The served
preview and its search index are tested in tests/tools/test_serve.py and test_preview.py."""

from __future__ import annotations

import gc
import logging
import threading

import pytest

from tests.helpers import MODULE, TODAY, copy_fictional, edit
from xcat.check.catalogue import check
from xcat.publish import mkdocs_build, parallel, site
from xcat.publish import preview as preview_module
from xcat.publish.preview import Workspace
from xcat.settings import Options


@pytest.fixture(scope=MODULE)
def preview(tmp_path_factory):
    """A workspace after its first full build, and its catalogue."""
    root = tmp_path_factory.mktemp("preview")
    catalogue = copy_fictional(root)
    workspace = Workspace(Options(catalogue=catalogue, today=TODAY), root / "preview")
    # A save before the first build (the run's first rebuild): nothing to rebuild a page in yet.
    first = workspace.edited({catalogue / "certificates" / "fictional-alpha.yaml"})
    assert first.checked.ok
    assert (first.pages, first.changed, list(first.stages)) == ([], [], ["check", "model"])
    rest = workspace.rest()
    assert rest.pages is None  # all of them, the first time
    assert "certificates/fictional-alpha.md" in rest.changed
    assert list(rest.stages) == ["generate", "compare", "MkDocs"]
    return workspace, catalogue


def page_of(workspace: Workspace, certificate: str) -> str:
    return (workspace.site / "certificates" / certificate / "index.html").read_text(encoding="utf-8")


def test_an_edited_certificate_is_rebuilt_first_then_the_pages_that_list_it(preview, monkeypatch):
    workspace, catalogue = preview
    edit(catalogue, "certificates/fictional-alpha.yaml", "zh: 虚构证书甲", "zh: 虚构证书甲（预览）")

    # The first pass reuses the last build's file list and navigation: no build that lists the docs again.
    monkeypatch.setattr(site, "run_mkdocs", lambda *args, **kwargs: pytest.fail("a whole dirty build"))
    paused = []
    monkeypatch.setattr(preview_module, "check", lambda options: paused.append(not gc.isenabled()) or check(options))
    first = workspace.edited({catalogue / "certificates" / "fictional-alpha.yaml"})
    monkeypatch.undo()
    assert paused == [True] and gc.isenabled()  # the collector is paused for the first pass only
    assert first.checked.ok
    assert first.pages == ["/certificates/fictional-alpha/"]
    assert first.changed == ["certificates/fictional-alpha.md"]  # its chart's bytes did not change: kept
    assert list(first.stages) == ["check", "model", "pages", "MkDocs"]
    assert all(0 <= seconds < 60 for seconds in first.stages.values())  # each stage's own time, as the terminal shows
    assert "虚构证书甲（预览）" in page_of(workspace, "fictional-alpha")
    assert "虚构证书甲（预览）" not in (workspace.site / "catalogue" / "index.html").read_text(encoding="utf-8")

    rest = workspace.rest()
    assert "catalogue.md" in rest.changed and "api/certificates/fictional-alpha.json" in rest.changed
    assert "certificates/fictional-alpha.md" not in rest.changed  # the first pass wrote it already
    assert "certificates/fictional-beta.md" in rest.changed  # its successor: its page names it
    assert "certificates/fictional-delta.md" not in rest.changed  # unrelated
    assert "/catalogue/" in rest.pages and "/certificates/fictional-delta/" not in rest.pages
    assert all(page.endswith("/") for page in rest.pages)  # pages, not the open data files that changed
    assert "虚构证书甲（预览）" in (workspace.site / "catalogue" / "index.html").read_text(encoding="utf-8")


def test_an_edit_to_a_file_that_is_not_a_certificate_waits_for_the_second_pass(preview):
    workspace, catalogue = preview
    edit(catalogue, "organizations/fictional-org-a.yaml", "zh: 虚构评价组织甲", "zh: 虚构评价组织甲（预览）")
    first = workspace.edited({catalogue / "organizations" / "fictional-org-a.yaml"})
    assert first.checked.ok and (first.pages, first.changed) == ([], [])
    rest = workspace.rest()
    assert "organizations/fictional-org-a.md" in rest.changed
    assert "/organizations/fictional-org-a/" in rest.pages
    assert "虚构评价组织甲（预览）" in page_of(workspace, "fictional-alpha")  # it names its organization


def test_a_file_with_a_problem_changes_nothing_until_it_is_fixed(preview):
    workspace, catalogue = preview
    before = page_of(workspace, "fictional-alpha")
    edit(catalogue, "certificates/fictional-alpha.yaml", "organization: fictional-org-a", "organization: nowhere")
    broken = workspace.edited({catalogue / "certificates" / "fictional-alpha.yaml"})
    assert not broken.checked.ok and any("nowhere" in p.message for p in broken.checked.problems)
    assert (broken.pages, broken.changed, list(broken.stages)) == ([], [], ["check"])
    assert page_of(workspace, "fictional-alpha") == before
    # Fixed, and renamed in the same save: the page is drawn from the new model, not the one before.
    edit(catalogue, "certificates/fictional-alpha.yaml", "organization: nowhere", "organization: fictional-org-a")
    edit(catalogue, "certificates/fictional-alpha.yaml", "zh: 虚构证书甲", "zh: 虚构证书甲（修好）")
    fixed = workspace.edited({catalogue / "certificates" / "fictional-alpha.yaml"})
    assert fixed.checked.ok and fixed.pages == ["/certificates/fictional-alpha/"]
    assert "虚构证书甲（修好）" in page_of(workspace, "fictional-alpha")


def test_a_removed_page_is_removed_from_the_site(preview):
    workspace, catalogue = preview
    (catalogue / "certificates" / "fictional-kappa.yaml").unlink()
    first = workspace.edited({catalogue / "certificates" / "fictional-kappa.yaml"})
    assert first.checked.ok, first.checked.problems  # no other file names it
    assert first.pages == []  # a certificate that no longer exists has no page to show first
    rest = workspace.rest()
    assert "certificates/fictional-kappa.md" in rest.changed  # as removed
    assert not (workspace.site / "certificates" / "fictional-kappa" / "index.html").exists()
    # The second pass lists the docs again: a page MkDocs' last list still held is gone from the sitemap too.
    assert "fictional-kappa" not in (workspace.site / "sitemap.xml").read_text(encoding="utf-8")


def test_a_page_rebuilt_first_shows_what_other_files_changed_before_it(preview):
    """The handover's deadline changes in one save; the next save, to a certificate it concerns,
    must not bring back the old deadline on that certificate's page."""
    workspace, catalogue = preview
    gamma = catalogue / "certificates" / "fictional-gamma.yaml"
    edit(catalogue, "certificates/fictional-gamma.yaml", "zh: 虚构证书丙", "zh: 虚构证书丙（一）")
    assert workspace.edited({gamma}).pages == ["/certificates/fictional-gamma/"]
    workspace.rest()
    handover = catalogue / "programme-events" / "fictional-handover.yaml"
    edit(catalogue, "programme-events/fictional-handover.yaml", "deadline: 2023-12-31", "deadline: 2023-11-30")
    assert workspace.edited({handover}).checked.ok
    workspace.rest()
    assert "2023-11-30" in page_of(workspace, "fictional-gamma")
    edit(catalogue, "certificates/fictional-gamma.yaml", "zh: 虚构证书丙（一）", "zh: 虚构证书丙（二）")
    assert workspace.edited({gamma}).pages == ["/certificates/fictional-gamma/"]
    page = page_of(workspace, "fictional-gamma")
    assert "虚构证书丙（二）" in page and "2023-11-30" in page and "2023-12-31" not in page


def test_a_rest_stopped_by_a_new_save_leaves_the_docs_for_the_next(preview):
    workspace, catalogue = preview
    edit(catalogue, "organizations/fictional-org-b.yaml", "zh: 虚构评价组织乙", "zh: 虚构评价组织乙（停）")
    assert workspace.edited({catalogue / "organizations" / "fictional-org-b.yaml"}).checked.ok
    saved_again = threading.Event()
    saved_again.set()
    with pytest.raises(parallel.Abandoned):
        workspace.rest(stop=saved_again)
    assert "（停）" not in (workspace.docs / "organizations" / "fictional-org-b.md").read_text(encoding="utf-8")
    rest = workspace.rest()  # the next save's
    assert "organizations/fictional-org-b.md" in rest.changed and "/organizations/fictional-org-b/" in rest.pages


def test_the_first_pass_of_a_run_writes_every_search_page_and_drops_a_former_runs(tmp_path):
    catalogue = copy_fictional(tmp_path)
    workspace = Workspace(Options(catalogue=catalogue, today=TODAY), tmp_path / "preview")
    left = workspace.search_pages / "certificates" / "gone" / "index.html"  # a certificate removed since
    left.parent.mkdir(parents=True)
    left.write_text("<p>gone</p>", encoding="utf-8")
    assert workspace.edited(set()).checked.ok
    workspace.rest()
    assert not left.exists()
    assert (workspace.search_pages / "certificates" / "fictional-alpha" / "index.html").is_file()


def search_page_of(workspace: Workspace, certificate: str) -> str:
    return (workspace.search_pages / "certificates" / certificate / "index.html").read_text(encoding="utf-8")


def test_certificates_saved_together_are_all_rebuilt_first_and_searchable_at_once(preview):
    """A save of two certificates (a search and replace across files): both pages are shown
    first, and both search pages hold the new names before the second pass."""
    workspace, catalogue = preview
    edit(catalogue, "certificates/fictional-theta.yaml", "zh: 虚构证书辛", "zh: 虚构证书辛（同存）")
    edit(catalogue, "certificates/fictional-zeta.yaml", "zh: 虚构证书己", "zh: 虚构证书己（同存）")
    saved = {catalogue / "certificates" / f"fictional-{name}.yaml" for name in ("theta", "zeta")}
    first = workspace.edited(saved)
    assert first.pages == ["/certificates/fictional-theta/", "/certificates/fictional-zeta/"]
    assert first.changed == ["certificates/fictional-theta.md", "certificates/fictional-zeta.md"]
    assert "虚构证书辛（同存）" in page_of(workspace, "fictional-theta")
    assert "虚构证书己（同存）" in page_of(workspace, "fictional-zeta")
    assert "虚构证书辛（同存）" in search_page_of(workspace, "fictional-theta")
    assert "虚构证书己（同存）" in search_page_of(workspace, "fictional-zeta")
    workspace.rest()


def test_the_second_pass_writes_only_the_pages_that_changed(preview):
    """The preview's MkDocs builds dirty after the first build: a page nothing changed is not
    written again (at 5,000 certificates, writing every page takes minutes)."""
    workspace, catalogue = preview
    untouched = workspace.site / "certificates" / "fictional-eta" / "index.html"
    before = untouched.read_bytes()
    untouched.write_text("as the last build left it", encoding="utf-8")
    try:
        edit(catalogue, "certificates/fictional-delta.yaml", "zh: 虚构证书丁", "zh: 虚构证书丁（脏）")
        workspace.edited({catalogue / "certificates" / "fictional-delta.yaml"})
        rest = workspace.rest()
        assert "/catalogue/" in rest.pages and "/certificates/fictional-eta/" not in rest.pages
        assert untouched.read_text(encoding="utf-8") == "as the last build left it"
        assert "虚构证书丁（脏）" in (workspace.site / "catalogue" / "index.html").read_text(encoding="utf-8")
    finally:
        untouched.write_bytes(before)


def test_a_warning_while_rebuilding_is_shown_not_refused(preview, monkeypatch, capsys):
    """A contributor's edit that makes MkDocs warn still shows: the warning goes to the terminal."""
    workspace, catalogue = preview
    write_pages = mkdocs_build._write_pages

    def warns(*args):
        logging.getLogger("mkdocs.structure.pages").warning("a fictional warning")
        return write_pages(*args)

    monkeypatch.setattr(mkdocs_build, "_write_pages", warns)
    edit(catalogue, "certificates/fictional-epsilon.yaml", "zh: 虚构证书戊", "zh: 虚构证书戊（警告）")
    workspace.edited({catalogue / "certificates" / "fictional-epsilon.yaml"})
    rest = workspace.rest()
    assert "/catalogue/" in rest.pages
    assert "虚构证书戊（警告）" in (workspace.site / "catalogue" / "index.html").read_text(encoding="utf-8")
    assert "build.py: MkDocs WARNING: a fictional warning" in capsys.readouterr().err
