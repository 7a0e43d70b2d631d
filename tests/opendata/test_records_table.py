"""Every field of the published JSON records, value by value, read by hand from the fictional
catalogue (tests/fixtures/fictional/catalogue): a dropped, swapped or mis-derived value fails
with the file and field named, and so does a field added or removed without a test."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from tests.helpers import MODULE, OPEN_DATA_SITE, copy_fictional, edit, fixed_build, model_of
from xcat.opendata import files as exports
from xcat.opendata.records import Records
from xcat.settings import ROOT

SITE = OPEN_DATA_SITE
CATALOGUE_PATH = "tests/fixtures/fictional/catalogue"
FOLDERS = {"certificate": "certificates", "organization": "organizations", "batch": "batches"}


@pytest.fixture(scope=MODULE)
def build(fictional_model):
    return fixed_build(fictional_model)


@pytest.fixture(scope=MODULE)
def files(fictional_model, build):
    return exports.open_data(fictional_model, build, ROOT / "schema")


def name(zh, en=None):
    return {"zh": zh, "en": en}


def links(kind, item_id):
    folder = FOLDERS[kind]
    return {"url": f"{SITE}{folder}/{item_id}/", "api": f"{SITE}api/{folder}/{item_id}.json"}


def certificate(item_id, zh, en, status, **extra):
    return {"id": item_id, "name": name(zh, en), "status": status, **links("certificate", item_id), **extra}


ALPHA = ("fictional-alpha", "虚构证书甲", "Fictional certificate Alpha")
BETA = ("fictional-beta", "虚构证书乙", "Fictional certificate Beta")
GAMMA = ("fictional-gamma", "虚构证书丙", "Fictional certificate Gamma")
DELTA = ("fictional-delta", "虚构证书丁", "Fictional certificate Delta")
EPSILON = ("fictional-epsilon", "虚构证书戊", "Fictional certificate Epsilon")
ZETA = ("fictional-zeta", "虚构证书己", "Fictional certificate Zeta")
ETA = ("fictional-eta", "虚构证书庚", "Fictional certificate Eta")
THETA = ("fictional-theta", "虚构证书辛", "Fictional certificate Theta")
IOTA = ("fictional-iota", "虚构工业机器人证书", "Fictional industrial robot certificate")

ORG_A = {"id": "fictional-org-a", "name": name("虚构评价组织甲", "Fictional Evaluation Organization A")}
ORG_A |= links("organization", "fictional-org-a")
ORG_B = {"id": "fictional-org-b", "name": name("虚构评价组织乙", "Fictional Evaluation Organization B")}
ORG_B |= links("organization", "fictional-org-b")
BATCH_1 = {"id": "batch-1", "number": 1, "name": name("虚构第一批", "Fictional first batch")} | links(
    "batch", "batch-1"
)

SOURCES = {
    "fictional-notice-2020": {
        "id": "fictional-notice-2020",
        "title": "虚构通知（测试用）Fictional notice for tests",
        "kind": "official",
        "url": "https://fictional.invalid/notice-2020",
        "document_number": "虚构〔2020〕1号",
        "authors": [],
        "publisher": None,
        "published": "2020-01-15",
        "note": None,
        "carried_by": None,
    },
    "fictional-notice-2021": {
        "id": "fictional-notice-2021",
        "title": "虚构通知二（测试用）Second fictional notice",
        "kind": "official",
        "url": "https://fictional.invalid/notice-2021",
        "document_number": None,
        "authors": [],
        "publisher": None,
        "published": "2021-06",
        "note": None,
        "carried_by": {
            "title": "虚构学校新闻页转载 Fictional school news page",
            "url": "https://fictional.invalid/school/news-1",
            "retrieved": "2021-07-02",
            "note": "虚构转载，测试用。",
        },
    },
    "fictional-paper": {
        "id": "fictional-paper",
        "title": "A fictional paper about fictional certificates",
        "kind": "paper",
        "url": None,
        "document_number": None,
        "authors": ["Fictional Author"],
        "publisher": None,
        "published": None,
        "note": None,
        "carried_by": None,
    },
    "fictional-report": {
        "id": "fictional-report",
        "title": "虚构新闻报道 Fictional news report",
        "kind": "secondary",
        "url": None,
        "document_number": None,
        "authors": [],
        "publisher": "虚构日报",
        "published": "2022-03-03",
        "note": None,
        "carried_by": None,
    },
}


def cited(*ids):
    return {i: SOURCES[i] for i in ids}


def event(kind, date, sources, *, details=None, previous_name=None, successors=(), batch=None, programme=None):
    return {
        "type": kind,
        "date": date,
        "details": details,
        "previous_name": previous_name,
        "previous_organization": None,
        "successors": list(successors),
        "batch": batch,
        "programme_event": programme,
        "sources": sources,
    }


HANDOVER_DETAILS = name(
    "虚构证书移交虚构部门；日期只知年份。",
    "The fictional certificates move to a fictional authority; only the year is known.",
)


def meta(kind):
    return {"$schema": f"{SITE}schema/output/{kind}.schema.json"}


EXPECTED = {
    "api/certificates/fictional-alpha.json": {
        **meta("certificate"),
        "id": "fictional-alpha",
        "name": name(*ALPHA[1:]),
        **links("certificate", "fictional-alpha"),
        "status": "replaced",
        "status_date": "2021-06-01",  # the replacement, not the batch's 2020-01
        "status_sources": ["fictional-notice-2021"],
        "introduced_date": "2020-01",  # batch-1's date
        "organization": ORG_A,
        "batch": BATCH_1,
        "description": None,
        "fields": [{"id": "equipment-manufacturing", "name": name("装备制造", "Equipment manufacturing")}],
        "related_majors": [
            {
                "id": "860301",
                "name": name("虚构专业", "Fictional major"),
                "editorial": False,
                "sources": ["fictional-paper"],
            }
        ],
        "levels": [
            {"level": "初级", "title": "虚构初级", "fee": 100, "sources": ["fictional-notice-2020"]},
            {"level": "中级", "title": None, "fee": 200, "sources": ["fictional-notice-2020"]},
        ],
        "pilot_institutions": [
            {"count": 10, "as_of": "2020-03", "sources": ["fictional-notice-2020"]},
            {"count": 25, "as_of": "2021", "sources": ["fictional-report"]},
        ],
        "latest_pilot_count": {"count": 25, "as_of": "2021", "sources": ["fictional-report"]},
        "former_names": [],
        "successors": [certificate(*BETA, "replaced", equivalence="full")],
        "successor_chain": [
            {"id": "fictional-beta", "equivalence": "full"},
            {"id": "fictional-gamma", "equivalence": "partial"},
        ],
        "current_successors": [certificate(*GAMMA, "transferred")],
        "predecessors": [],
        "history": [
            event("introduced", "2020-01", ["fictional-notice-2020"], batch="batch-1"),
            event(
                "replaced",
                "2021-06-01",
                ["fictional-notice-2021"],
                details=name("由虚构证书乙替代。", "Replaced by Fictional certificate Beta."),
                successors=[certificate(*BETA, "replaced", equivalence="full")],
            ),
        ],
        "occupations": [],
        "last_verified": None,
        "disagreements": [],
        "sources": ["fictional-notice-2020"],
        "file": f"{CATALOGUE_PATH}/certificates/fictional-alpha.yaml",
        "cited_sources": cited("fictional-notice-2020", "fictional-notice-2021", "fictional-paper", "fictional-report"),
    },
    "api/certificates/fictional-gamma.json": {
        **meta("certificate"),
        "id": "fictional-gamma",
        "name": name(*GAMMA[1:]),
        **links("certificate", "fictional-gamma"),
        "status": "transferred",  # by the programme event fictional-handover, after its rename
        "status_date": "2023",
        "status_sources": ["fictional-report"],
        "introduced_date": "2022-03-03",
        "organization": ORG_A,
        "batch": None,
        "description": None,
        "fields": [
            {"id": "equipment-manufacturing", "name": name("装备制造", "Equipment manufacturing")},
            {"id": "electronics-information", "name": name("电子与信息", "Electronics and information")},
        ],
        "related_majors": [],
        "levels": [],
        "pilot_institutions": [{"count": 40, "as_of": "2022-09", "sources": ["fictional-report"]}],
        "latest_pilot_count": {"count": 40, "as_of": "2022-09", "sources": ["fictional-report"]},
        "former_names": [name("虚构证书丙旧名", "Fictional certificate Gamma (old name)")],
        "successors": [],
        "successor_chain": None,
        "current_successors": [],
        "predecessors": [certificate(*BETA, "replaced")],
        "history": [
            event("introduced", "2022-03-03", ["fictional-report"]),
            event(
                "renamed",
                "2022-06",
                ["fictional-report"],
                previous_name=name("虚构证书丙旧名", "Fictional certificate Gamma (old name)"),
            ),
            event(
                "transferred", "2023", ["fictional-report"], details=HANDOVER_DETAILS, programme="fictional-handover"
            ),
        ],
        "occupations": [
            {
                "code": "9-99-99-99",
                "name": name("虚构职业", "Fictional occupation"),
                "trade": name("虚构工种", None),
                "sources": ["fictional-report"],
            }
        ],
        "last_verified": {"date": "2022-03-03", "sources": ["fictional-report"]},
        "disagreements": [],
        "sources": ["fictional-report"],
        "file": f"{CATALOGUE_PATH}/certificates/fictional-gamma.yaml",
        "cited_sources": cited("fictional-report"),
    },
    "api/organizations/fictional-org-b.json": {
        **meta("organization"),
        "id": "fictional-org-b",
        "name": name("虚构评价组织乙", "Fictional Evaluation Organization B"),
        **links("organization", "fictional-org-b"),
        "website": None,
        "description": name(
            "<script>alert('xss')</script> 与 [点我](javascript:alert(1))",
            "<img src=x onerror=alert(1)> and **not bold** [click](javascript:alert(1))",
        ),
        "certificates": [
            certificate(*DELTA, "replaced"),
            certificate(*EPSILON, "replaced"),
            certificate(*ETA, "withdrawn"),
            certificate(*THETA, "revoked"),
            certificate(*ZETA, "active"),
        ],
        "current_certificate_count": 1,  # zeta
        "ended_certificate_count": 4,  # delta, epsilon (merged), eta (withdrawn), theta (revoked)
        "transferred_certificate_count": 0,  # eta was withdrawn before the programme event
        "former_certificates": [certificate(*IOTA, "transferred")],  # moved to org A in 2020-09
        # Both names, each with its sources: neither chosen.
        "disagreements": [
            {
                "field": "name.zh",
                "value": "虚构评价组织乙",
                "sources": ["fictional-notice-2020"],
                "other_value": "虚构评价组织乙（虚构别名）",
                "other_sources": ["fictional-paper"],
                "note": name("虚构论文在名称后加注别名。", "The fictional paper adds an alias."),
            }
        ],
        "sources": ["fictional-notice-2020"],
        "file": f"{CATALOGUE_PATH}/organizations/fictional-org-b.yaml",
        "cited_sources": cited("fictional-notice-2020"),
    },
    "api/batches/batch-1.json": {
        **meta("batch"),
        "id": "batch-1",
        "number": 1,
        "name": name("虚构第一批", "Fictional first batch"),
        **links("batch", "batch-1"),
        "date": "2020-01",
        "announced_by": name("虚构主管部门", "Fictional authority"),
        "totals": {
            "certificates": 8,
            "organizations": 2,
            "applications": None,
            "applicant_units": None,
            "basis": "announced",
            "note": None,
            "sources": ["fictional-notice-2020"],
        },
        "catalogued_certificates": 6,
        "catalogued_share": 0.75,  # 6 of the 8 announced
        "certificates": [
            certificate(
                *ALPHA,
                "replaced",
                latest_pilot_count={"count": 25, "as_of": "2021", "sources": ["fictional-report"]},
            ),
            certificate(*DELTA, "replaced", latest_pilot_count=None),
            certificate(*EPSILON, "replaced", latest_pilot_count=None),
            certificate(*ETA, "withdrawn", latest_pilot_count=None),
            certificate(*IOTA, "transferred", latest_pilot_count=None),
            certificate(*THETA, "revoked", latest_pilot_count=None),
        ],
        "remarks": [],
        "disagreements": [],
        "sources": ["fictional-notice-2020"],
        "file": f"{CATALOGUE_PATH}/batches/batch-1.yaml",
        "cited_sources": cited("fictional-notice-2020", "fictional-report"),
    },
}

CASES = [(path, key) for path, record in EXPECTED.items() for key in record]


def published(files, path):
    return json.loads(files[path].decode("utf-8"))


@pytest.mark.parametrize("path", list(EXPECTED))
def test_the_record_has_exactly_the_expected_fields_in_order(files, path):
    assert list(published(files, path)) == ["$schema", "meta", *[k for k in EXPECTED[path] if k != "$schema"]]


@pytest.mark.parametrize("path, key", CASES)
def test_field(files, path, key):
    assert published(files, path)[key] == EXPECTED[path][key]


@pytest.mark.parametrize("path", list(EXPECTED))
def test_meta(files, path, build):
    # A per-item file's version is a hash of its own data (test_exports checks it is) and it has
    # no build date, so an edit elsewhere leaves the file as it was.
    meta = published(files, path)["meta"]
    assert meta == {"format_version": 2, "version": meta["version"], "site_url": SITE}
    assert meta["version"] != build.version


@pytest.mark.parametrize("path", list(EXPECTED))
def test_the_catalogue_file_holds_the_same_record_without_cited_sources(files, path):
    whole = published(files, "api/catalogue.json")
    kind = path.split("/")[1]
    [record] = [r for r in whole[kind] if r["id"] == EXPECTED[path]["id"]]
    assert record == {k: v for k, v in EXPECTED[path].items() if k not in ("$schema", "cited_sources")}


# api/catalogue.json: what is not a record of its own.

CATALOGUE = {
    "summary": {
        "certificates": 10,
        "by_status": {"active": 2, "suspended": 0, "replaced": 4, "withdrawn": 1, "revoked": 1, "transferred": 2},
        "organizations": 2,
        "batches": 2,
        "pilot_institutions_total": 25 + 40 + 7,  # alpha's latest, gamma, kappa
    },
    "fields": [
        {
            "id": "equipment-manufacturing",
            "name": name("装备制造", "Equipment manufacturing"),
            "categories": [
                {"code": "96", "name": name("装备制造大类"), "level": "中职"},
                {"code": "86", "name": name("装备制造大类"), "level": "高职专科"},
            ],
            "certificates": ["fictional-alpha", "fictional-beta", "fictional-gamma", "fictional-iota"],
        },
        {
            "id": "electronics-information",
            "name": name("电子与信息", "Electronics and information"),
            "categories": [{"code": "81", "name": name("电子与信息大类"), "level": "高职专科"}],
            "certificates": ["fictional-gamma", "fictional-kappa"],
        },
        {
            "id": "medicine-health",
            "name": name("医药卫生", "Medicine and health"),
            "categories": [{"code": "82", "name": name("医药卫生大类"), "level": "高职专科"}],
            "certificates": ["fictional-delta", "fictional-epsilon", "fictional-zeta"],
        },
        {
            "id": "finance-commerce",
            "name": name("财经商贸", "Finance and commerce"),
            "categories": [{"code": "83", "name": name("财经商贸大类"), "level": "高职专科"}],
            "certificates": ["fictional-eta", "fictional-theta"],
        },
    ],
    # Every major of the major catalogue, by level and code, with its 专业类 and 专业大类.
    "majors": [
        {
            "id": "960101",
            "name": name("虚构中职专业", "Fictional secondary major"),
            "level": "中职",
            "category": {"code": "9601", "name": name("虚构加工类")},
            "big_category": {"code": "96", "name": name("装备制造大类")},
            "second_conversion": False,
            "certificates": [],
        },
        {
            "id": "810201",
            "name": name("虚构软件专业", "Fictional software major"),
            "level": "高职专科",
            "category": {"code": "8102", "name": name("虚构计算机类")},
            "big_category": {"code": "81", "name": name("电子与信息大类")},
            "second_conversion": True,
            "certificates": [],
        },
        {
            "id": "860301",
            "name": name("虚构专业", "Fictional major"),
            "level": "高职专科",
            "category": {"code": "8603", "name": name("虚构机器人类")},
            "big_category": {"code": "86", "name": name("装备制造大类")},
            "second_conversion": True,
            "certificates": ["fictional-alpha"],
        },
        {
            "id": "860302K",
            "name": name("虚构控制专业", "Fictional controlled major"),
            "level": "高职专科",
            "category": {"code": "8603", "name": name("虚构机器人类")},
            "big_category": {"code": "86", "name": name("装备制造大类")},
            "second_conversion": True,
            "certificates": [],
        },
    ],
    # Recorded once; eta, listed but withdrawn in 2021, is not among the certificates it reached.
    "programme_events": [
        {
            "id": "fictional-handover",
            "name": name("虚构移交（测试用）", "Fictional handover (for tests)"),
            "type": "transferred",
            "date": "2023",
            "deadline": "2023-12-31",
            "applies_to_all": False,
            "certificates": ["fictional-gamma", "fictional-iota"],
            "details": HANDOVER_DETAILS,
            "sources": ["fictional-report"],
            "file": f"{CATALOGUE_PATH}/programme-events/fictional-handover.yaml",
        }
    ],
    "sources": list(SOURCES.values()),
}
CATALOGUE_KEYS = [
    "$schema",
    "meta",
    "summary",
    "certificates",
    "organizations",
    "batches",
    "fields",
    "majors",
    "programme_events",
    "sources",
]


def test_the_catalogue_file_has_exactly_the_expected_fields_in_order(files):
    assert list(published(files, "api/catalogue.json")) == CATALOGUE_KEYS


@pytest.mark.parametrize("key", list(CATALOGUE))
def test_catalogue_field(files, key):
    assert published(files, "api/catalogue.json")[key] == CATALOGUE[key]


@pytest.mark.parametrize(
    "key, expected",
    [
        (
            "certificates",
            [
                "fictional-" + n
                for n in ["alpha", "beta", "delta", "epsilon", "eta", "gamma", "iota", "kappa", "theta", "zeta"]
            ],
        ),
        ("organizations", ["fictional-org-a", "fictional-org-b"]),
        ("batches", ["batch-1", "batch-2"]),
    ],
)
def test_the_catalogue_file_lists_every_record_in_order(files, key, expected):
    assert [record["id"] for record in published(files, "api/catalogue.json")[key]] == expected


def stand_in(**given) -> SimpleNamespace:
    return SimpleNamespace(**given)


def test_a_batch_without_announced_totals_has_no_share_and_a_share_keeps_four_places():
    batch = stand_in(id="batch-x", number=9, name=None, date=None, announced_by=None, certificates=[], remarks=[])
    batch.__dict__.update(disagreements=[], sources=[], path="catalogue/batches/batch-x.yaml")
    without = Records(SITE).batch(stand_in(**batch.__dict__, totals=None, catalogued_share=None))
    assert (without["totals"], without["catalogued_share"]) == (None, None)
    third = Records(SITE).batch(stand_in(**batch.__dict__, totals=None, catalogued_share=1 / 3))
    assert third["catalogued_share"] == 0.3333


def test_a_certificate_with_no_batch_or_introduction_has_no_status_date_and_names_a_former_organization(tmp_path):
    catalogue = copy_fictional(tmp_path)
    history = (
        "history:\n  - type: organization_changed\n    date: 2022-01\n"
        "    previous_organization: fictional-org-b\n    sources: [fictional-report]\n"
    )
    edit(catalogue, "certificates/fictional-kappa.yaml", "batch: batch-2\n", history)
    record = Records(SITE).certificate(model_of(catalogue).certificates["fictional-kappa"])
    assert (record["status"], record["status_date"], record["status_sources"]) == ("active", None, [])
    assert record["history"][0]["previous_organization"] == {
        "id": "fictional-org-b",
        "name": {"zh": "虚构评价组织乙", "en": "Fictional Evaluation Organization B"},
        "url": SITE + "organizations/fictional-org-b/",
        "api": SITE + "api/organizations/fictional-org-b.json",
    }
