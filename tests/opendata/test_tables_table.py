"""Every column of data/certificates.csv and data/events.csv, cell by cell, read by hand from the
fictional catalogue (tests/fixtures/fictional/catalogue): a swapped, dropped or mis-derived
column fails with the row and the column named. Cells are compared as a spreadsheet reads them."""

from __future__ import annotations

import csv
import datetime
import io

import pytest

from tests.helpers import MODULE, copy_fictional, edit, model_of
from xcat.opendata import buildinfo, tables
from xcat.opendata import files as exports
from xcat.opendata.records import Records
from xcat.settings import ROOT

SITE = "https://example.invalid/x/"
BUILT = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)


@pytest.fixture(scope=MODULE)
def files(fictional_model):
    content = Records(SITE).catalogue(fictional_model)
    build = buildinfo.BuildInfo(buildinfo.version_of(content), BUILT, "SOURCE_DATE_EPOCH", SITE)
    return exports.open_data(fictional_model, build, ROOT / "schema")


def read(files, path) -> tuple[list[str], list[dict[str, str]]]:
    text = files[path].decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text, newline="")))
    return header, list(csv.DictReader(io.StringIO(text, newline="")))


# data/certificates.csv

CERTIFICATE_HEADER = [
    "id",
    "name_zh",
    "name_en",
    "status",
    "status_date",
    "status_sources",
    "introduced_date",
    "organization_id",
    "organization_zh",
    "organization_en",
    "batch",
    "batch_number",
    "fields",
    "fields_zh",
    "related_majors",
    "related_majors_zh",
    "pilot_institutions",
    "pilot_institutions_as_of",
    "pilot_institutions_sources",
    "primary_title",
    "primary_fee",
    "intermediate_title",
    "intermediate_fee",
    "advanced_title",
    "advanced_fee",
    "successors",
    "current_successors",
    "predecessors",
    "former_names_zh",
    "former_names_en",
    "occupations",
    "occupations_zh",
    "description_zh",
    "description_en",
    "last_verified",
    "last_verified_sources",
    "sources",
    "url",
]

EMPTY_CERTIFICATE = dict.fromkeys(CERTIFICATE_HEADER, "")
ORG_A = {
    "organization_id": "fictional-org-a",
    "organization_zh": "虚构评价组织甲",
    "organization_en": "Fictional Evaluation Organization A",
}
ORG_B = {
    "organization_id": "fictional-org-b",
    "organization_zh": "虚构评价组织乙",
    "organization_en": "Fictional Evaluation Organization B",
}

CERTIFICATE_ROWS = {
    "fictional-alpha": EMPTY_CERTIFICATE
    | ORG_A
    | {
        "id": "fictional-alpha",
        "name_zh": "虚构证书甲",
        "name_en": "Fictional certificate Alpha",
        "status": "replaced",
        "status_date": "2021-06-01",
        "status_sources": "fictional-notice-2021",
        "introduced_date": "2020-01",
        "batch": "batch-1",
        "batch_number": "1",
        "fields": "equipment-manufacturing",
        "fields_zh": "装备制造",
        "related_majors": "860301",
        "related_majors_zh": "虚构专业",
        "pilot_institutions": "25",  # the latest count, not the first (10)
        "pilot_institutions_as_of": "2021",
        "pilot_institutions_sources": "fictional-report",
        "primary_title": "虚构初级",
        "primary_fee": "100",
        "intermediate_fee": "200",
        "successors": "fictional-beta (full)",
        "current_successors": "fictional-gamma",
        "sources": "fictional-notice-2020",
        "url": SITE + "certificates/fictional-alpha/",
    },
    "fictional-gamma": EMPTY_CERTIFICATE
    | ORG_A
    | {
        "id": "fictional-gamma",
        "name_zh": "虚构证书丙",
        "name_en": "Fictional certificate Gamma",
        "status": "transferred",  # by the programme event fictional-handover
        "status_date": "2023",
        "status_sources": "fictional-report",
        "introduced_date": "2022-03-03",
        "fields": "equipment-manufacturing; electronics-information",
        "fields_zh": "装备制造; 电子与信息",
        "pilot_institutions": "40",
        "pilot_institutions_as_of": "2022-09",
        "pilot_institutions_sources": "fictional-report",
        "predecessors": "fictional-beta",
        "former_names_zh": "虚构证书丙旧名",
        "former_names_en": "Fictional certificate Gamma (old name)",
        "occupations": "9-99-99-99",
        "occupations_zh": "9-99-99-99 虚构职业（虚构工种）",
        "last_verified": "2022-03-03",
        "last_verified_sources": "fictional-report",
        "sources": "fictional-report",
        "url": SITE + "certificates/fictional-gamma/",
    },
    "fictional-iota": EMPTY_CERTIFICATE
    | ORG_A
    | {
        "id": "fictional-iota",
        "name_zh": "虚构工业机器人证书",
        "name_en": "Fictional industrial robot certificate",
        "status": "transferred",  # after its reinstatement in 2022: the programme event's date and source
        "status_date": "2023",
        "status_sources": "fictional-report",
        "introduced_date": "2020-01",
        "batch": "batch-1",
        "batch_number": "1",
        "fields": "equipment-manufacturing",
        "fields_zh": "装备制造",
        "description_zh": "<script>alert('xss')</script> [点我](javascript:alert(1)) <b>不应加粗</b>",
        "description_en": "<script>alert(1)</script> [click](javascript:alert(1))",
        "sources": "fictional-notice-2020",
        "url": SITE + "certificates/fictional-iota/",
    },
    "fictional-zeta": EMPTY_CERTIFICATE
    | ORG_B
    | {
        "id": "fictional-zeta",
        "name_zh": "虚构证书己",
        "name_en": "Fictional certificate Zeta",
        "status": "active",
        "status_date": "2021-06",
        "status_sources": "fictional-notice-2021",
        "introduced_date": "2021-06",
        "fields": "medicine-health",
        "fields_zh": "医药卫生",
        "predecessors": "fictional-delta; fictional-epsilon",
        "sources": "fictional-notice-2021",
        "url": SITE + "certificates/fictional-zeta/",
    },
}


def test_certificates_csv_header_in_order(files):
    assert read(files, "data/certificates.csv")[0] == CERTIFICATE_HEADER


def test_certificates_csv_has_one_row_per_certificate_in_id_order(files):
    ids = [row["id"] for row in read(files, "data/certificates.csv")[1]]
    assert ids == [
        "fictional-alpha",
        "fictional-beta",
        "fictional-delta",
        "fictional-epsilon",
        "fictional-eta",
        "fictional-gamma",
        "fictional-iota",
        "fictional-kappa",
        "fictional-theta",
        "fictional-zeta",
    ]


@pytest.mark.parametrize(
    "certificate_id, column", [(c, column) for c in CERTIFICATE_ROWS for column in CERTIFICATE_HEADER]
)
def test_certificates_csv_cell(files, certificate_id, column):
    [row] = [r for r in read(files, "data/certificates.csv")[1] if r["id"] == certificate_id]
    assert row[column] == CERTIFICATE_ROWS[certificate_id][column]


# data/events.csv

EVENT_HEADER = [
    "certificate_id",
    "certificate_zh",
    "certificate_en",
    "sequence",
    "type",
    "date",
    "details_zh",
    "details_en",
    "previous_name_zh",
    "previous_name_en",
    "previous_organization",
    "successors",
    "batch",
    "programme_event",
    "sources",
]

# Every event, certificates by id, each history introduction first (a batch's announcement counts).
EVERY_EVENT = [
    ("fictional-alpha", "1", "introduced", "2020-01"),
    ("fictional-alpha", "2", "replaced", "2021-06-01"),
    ("fictional-beta", "1", "introduced", "2021-06-01"),
    ("fictional-beta", "2", "replaced", "2022-03-03"),
    ("fictional-delta", "1", "introduced", "2020-01"),
    ("fictional-delta", "2", "merged", "2021-06"),
    ("fictional-epsilon", "1", "introduced", "2020-01"),
    ("fictional-epsilon", "2", "merged", "2021-06"),
    ("fictional-eta", "1", "introduced", "2020-01"),
    ("fictional-eta", "2", "withdrawn", "2021-09"),
    ("fictional-gamma", "1", "introduced", "2022-03-03"),
    ("fictional-gamma", "2", "renamed", "2022-06"),
    ("fictional-gamma", "3", "transferred", "2023"),  # derived from the programme event
    ("fictional-iota", "1", "introduced", "2020-01"),
    ("fictional-iota", "2", "organization_changed", "2020-09"),
    ("fictional-iota", "3", "suspended", "2021"),
    ("fictional-iota", "4", "reinstated", "2022"),
    ("fictional-iota", "5", "transferred", "2023"),
    ("fictional-kappa", "1", "introduced", ""),  # batch-2 has no date
    ("fictional-theta", "1", "introduced", "2020-01"),
    ("fictional-theta", "2", "revoked", "2022-03-03"),
    ("fictional-zeta", "1", "introduced", "2021-06"),
]

EMPTY_EVENT = dict.fromkeys(EVENT_HEADER, "")
ALPHA = {
    "certificate_id": "fictional-alpha",
    "certificate_zh": "虚构证书甲",
    "certificate_en": "Fictional certificate Alpha",
}
IOTA = {
    "certificate_id": "fictional-iota",
    "certificate_zh": "虚构工业机器人证书",
    "certificate_en": "Fictional industrial robot certificate",
}

EVENT_ROWS = {
    "fictional-alpha/1": EMPTY_EVENT
    | ALPHA
    | {
        "sequence": "1",
        "type": "introduced",
        "date": "2020-01",
        "batch": "batch-1",
        "sources": "fictional-notice-2020",
    },
    "fictional-alpha/2": EMPTY_EVENT
    | ALPHA
    | {
        "sequence": "2",
        "type": "replaced",
        "date": "2021-06-01",
        "details_zh": "由虚构证书乙替代。",
        "details_en": "Replaced by Fictional certificate Beta.",
        "successors": "fictional-beta (full)",
        "sources": "fictional-notice-2021",
    },
    "fictional-gamma/2": EMPTY_EVENT
    | {
        "certificate_id": "fictional-gamma",
        "certificate_zh": "虚构证书丙",
        "certificate_en": "Fictional certificate Gamma",
        "sequence": "2",
        "type": "renamed",
        "date": "2022-06",
        "previous_name_zh": "虚构证书丙旧名",
        "previous_name_en": "Fictional certificate Gamma (old name)",
        "sources": "fictional-report",
    },
    "fictional-iota/2": EMPTY_EVENT
    | IOTA
    | {
        "sequence": "2",
        "type": "organization_changed",
        "date": "2020-09",
        "previous_organization": "fictional-org-b",
        "sources": "fictional-notice-2020",
    },
    "fictional-iota/5": EMPTY_EVENT
    | IOTA
    | {
        "sequence": "5",
        "type": "transferred",
        "date": "2023",
        "details_zh": "虚构证书移交虚构部门；日期只知年份。",
        "details_en": "The fictional certificates move to a fictional authority; only the year is known.",
        "programme_event": "fictional-handover",
        "sources": "fictional-report",
    },
    "fictional-iota/4": EMPTY_EVENT
    | IOTA
    | {"sequence": "4", "type": "reinstated", "date": "2022", "sources": "fictional-report"},
    "fictional-eta/2": EMPTY_EVENT
    | {
        "certificate_id": "fictional-eta",
        "certificate_zh": "虚构证书庚",
        "certificate_en": "Fictional certificate Eta",
        "sequence": "2",
        "type": "withdrawn",
        "date": "2021-09",
        "details_zh": "虚构组织主动退出。",
        "details_en": "The fictional organization withdrew it voluntarily.",
        "sources": "fictional-notice-2021",
    },
    "fictional-delta/2": EMPTY_EVENT
    | {
        "certificate_id": "fictional-delta",
        "certificate_zh": "虚构证书丁",
        "certificate_en": "Fictional certificate Delta",
        "sequence": "2",
        "type": "merged",
        "date": "2021-06",
        "successors": "fictional-zeta (partial)",
        "sources": "fictional-notice-2021",
    },
    "fictional-kappa/1": EMPTY_EVENT
    | {
        "certificate_id": "fictional-kappa",
        "certificate_zh": "虚构证书癸",
        "certificate_en": "Fictional certificate Kappa",
        "sequence": "1",
        "type": "introduced",
        "batch": "batch-2",
        "sources": "fictional-report",
    },
}


def test_events_csv_header_in_order(files):
    assert read(files, "data/events.csv")[0] == EVENT_HEADER


def test_events_csv_lists_every_event_in_order(files):
    rows = read(files, "data/events.csv")[1]
    assert [(r["certificate_id"], r["sequence"], r["type"], r["date"]) for r in rows] == EVERY_EVENT


@pytest.mark.parametrize("event, column", [(e, column) for e in EVENT_ROWS for column in EVENT_HEADER])
def test_events_csv_cell(files, event, column):
    certificate_id, sequence = event.split("/")
    [row] = [
        r
        for r in read(files, "data/events.csv")[1]
        if (r["certificate_id"], r["sequence"]) == (certificate_id, sequence)
    ]
    assert row[column] == EVENT_ROWS[event][column]


def test_an_occupation_without_a_trade_is_its_code_and_name_alone(tmp_path):
    catalogue = copy_fictional(tmp_path)
    edit(catalogue, "certificates/fictional-gamma.yaml", "    trade:\n      zh: 虚构工种\n", "")
    gamma = model_of(catalogue).certificates["fictional-gamma"]
    assert tables.certificate_row(gamma, SITE)["occupations_zh"] == "9-99-99-99 虚构职业"
