"""A certificate that a list confirms without saying when it came (no batch, no introduced
event): it passes check, is active, and every output says its batch is unknown."""

from __future__ import annotations

from tests.helpers import TODAY, copy_fictional, edit, html_body, run_check
from xcat.check.catalogue import check_catalogue
from xcat.check.schemas import SchemaSet
from xcat.model import build_catalogue
from xcat.opendata import tables
from xcat.render import pages
from xcat.settings import SCHEMAS


def test_a_certificate_without_batch_or_introduction_is_active_with_its_batch_unknown(tmp_path):
    catalogue = copy_fictional(tmp_path)
    edit(catalogue, "certificates/fictional-kappa.yaml", "batch: batch-2\n", "")
    assert run_check(catalogue) == (0, [])
    checked = check_catalogue(catalogue, SchemaSet(SCHEMAS), today=TODAY, base=tmp_path)
    model = build_catalogue(checked.index)
    kappa = model.certificates["fictional-kappa"]
    assert (kappa.status, kappa.introduced, kappa.status_event, kappa.batch_unknown) == ("active", None, None, True)
    assert kappa.status_at_end_of(2030) is None  # its start is unknown, so no year can count it
    row = tables.certificate_row(kappa, "https://example.org/")
    assert (row["batch"], row["introduced_date"], row["status_date"]) == (None, None, None)
    docs = tmp_path / "docs"
    pages.write_pages(model, docs, edit_base=None)
    page = (docs / "certificates" / "fictional-kappa.md").read_text(encoding="utf-8")
    assert "<li><strong>批次 Batch</strong>：批次不详 batch unknown</li>" in page
    assert '<li><strong>发布 Introduced</strong>：日期不详 <span lang="en">date unknown</span></li>' in page
    history = html_body(page).section("history")
    assert (
        '<p>目录尚无有来源的历程：批次与发布日期不详。 <span class="x-en" lang="en">No sourced event yet: its batch and introduction are unknown.</span></p>'
        in page
    )
    assert history.find("p").text == (
        "目录尚无有来源的历程：批次与发布日期不详。 No sourced event yet: its batch and introduction are unknown."
    )
    assert history.find("ol", cls="x-timeline").all("li") == []  # and no event in the timeline
    assert (
        '<td class="x-card-extra" data-sort="1000000">批次不详 <span class="x-en" lang="en">batch unknown</span></td>'
        in (docs / "catalogue.md").read_text(encoding="utf-8")
    )


def test_a_certificate_with_its_batch_unknown_can_still_be_withdrawn(tmp_path):
    catalogue = copy_fictional(tmp_path)
    edit(catalogue, "certificates/fictional-kappa.yaml", "batch: batch-2\n", "")
    edit(
        catalogue,
        "certificates/fictional-kappa.yaml",
        "sources: [fictional-report]\nsources:",
        "sources: [fictional-report]\nhistory:\n  - type: withdrawn\n    date: 2022\n    sources: [fictional-report]\nsources:",
    )
    assert run_check(catalogue) == (0, [])
    model = build_catalogue(check_catalogue(catalogue, SchemaSet(SCHEMAS), today=TODAY, base=tmp_path).index)
    kappa = model.certificates["fictional-kappa"]
    assert (kappa.status, kappa.status_event.type if kappa.status_event else None) == ("withdrawn", "withdrawn")
