"""Open data built from the fictional fixture: what a reuser of the JSON, CSV and feeds sees."""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import os
import subprocess
import time
from types import SimpleNamespace

import feedparser
import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from tests.helpers import MODULE, OPEN_DATA_SITE, fixed_build
from xcat.check.catalogue import check_catalogue
from xcat.check.schemas import SchemaSet
from xcat.model import build_catalogue
from xcat.opendata import buildinfo, tables
from xcat.opendata import files as exports
from xcat.opendata.records import Records, category
from xcat.settings import ROOT, SCHEMAS

FIXTURE = ROOT / "tests" / "fixtures" / "fictional" / "catalogue"
SITE = OPEN_DATA_SITE


@pytest.fixture(scope=MODULE)
def catalogue(fictional_model):
    return fictional_model


@pytest.fixture(scope=MODULE)
def build(catalogue):
    return fixed_build(catalogue)


@pytest.fixture(scope=MODULE)
def files(catalogue, build):
    return exports.open_data(catalogue, build, ROOT / "schema")


def load(files, path):
    return json.loads(files[path].decode("utf-8"))


def rows(files, path):
    return list(csv.DictReader(io.StringIO(files[path].decode("utf-8-sig"), newline="")))


# JSON


@pytest.fixture(scope=MODULE)
def output_validators():
    schema_dir = ROOT / "schema" / "output"
    documents = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(schema_dir.glob("*.schema.json"))]
    registry = Registry().with_resources((d["$id"], Resource.from_contents(d)) for d in documents)
    by_name = {d["$id"].rsplit("/", 1)[1].removesuffix(".schema.json"): d for d in documents}
    for document in documents:
        Draft202012Validator.check_schema(document)
    return {name: Draft202012Validator(d, registry=registry) for name, d in by_name.items()}


def test_every_json_file_validates_against_its_published_schema(files, output_validators):
    kinds = {"api/index.json": "index", "api/catalogue.json": "catalogue"}
    checked = 0
    for path in files:
        if not path.startswith("api/"):
            continue
        kind = (
            kinds.get(path)
            or {"certificates": "certificate", "organizations": "organization", "batches": "batch"}[path.split("/")[1]]
        )
        errors = [e.message for e in output_validators[kind].iter_errors(load(files, path))]
        assert not errors, (path, errors[:3])
        checked += 1
    assert checked == 1 + 1 + 10 + 2 + 2  # index, catalogue, certificates, organizations, batches


def test_the_schemas_reject_a_record_missing_its_status(files, output_validators):
    record = load(files, "api/certificates/fictional-alpha.json")
    del record["status"]
    assert list(output_validators["certificate"].iter_errors(record))


def test_catalogue_wide_files_carry_the_catalogue_version_and_build_date(files, build):
    for path in ("api/catalogue.json", "api/index.json"):
        meta = load(files, path)["meta"]
        assert meta["version"] == build.version
        assert meta["build_date"] == "2026-01-02T03:04:05Z"


def test_a_per_item_file_carries_its_own_version_and_no_build_date(files, build):
    """So an edit to one certificate rewrites its file, not every file (issue #14)."""
    items = [path for path in files if path.startswith("api/") and path.count("/") == 2]
    assert len(items) == 10 + 2 + 2
    versions = set()
    for path in items:
        published = load(files, path)
        data = {key: value for key, value in published.items() if key not in ("$schema", "meta")}
        assert published["meta"] == {
            "format_version": 2,
            "version": buildinfo.version_of(data),
            "site_url": build.site_url,
        }
        versions.add(published["meta"]["version"])
    assert len(versions) == len(items)


def test_replacement_chain_shows_successors_and_current_successor(files):
    alpha = load(files, "api/certificates/fictional-alpha.json")
    assert alpha["status"] == "replaced" and alpha["status_date"] == "2021-06-01"
    assert [(s["id"], s["equivalence"]) for s in alpha["successors"]] == [("fictional-beta", "full")]
    assert alpha["successor_chain"] == [
        {"id": "fictional-beta", "equivalence": "full"},
        {"id": "fictional-gamma", "equivalence": "partial"},
    ]
    assert [c["id"] for c in alpha["current_successors"]] == ["fictional-gamma"]
    assert [e["type"] for e in alpha["history"]] == ["introduced", "replaced"]
    assert alpha["history"][0]["batch"] == "batch-1" and alpha["history"][0]["date"] == "2020-01"
    assert alpha["history"][1]["sources"] == ["fictional-notice-2021"]
    assert "fictional-notice-2021" in alpha["cited_sources"]

    gamma = load(files, "api/certificates/fictional-gamma.json")
    assert gamma["status"] == "transferred"  # by the fictional handover
    assert [p["id"] for p in gamma["predecessors"]] == ["fictional-beta"]
    assert gamma["former_names"] == [{"zh": "虚构证书丙旧名", "en": "Fictional certificate Gamma (old name)"}]


def test_merge_lists_both_predecessors_of_the_merged_certificate(files):
    zeta = load(files, "api/certificates/fictional-zeta.json")
    assert sorted(p["id"] for p in zeta["predecessors"]) == ["fictional-delta", "fictional-epsilon"]
    delta = load(files, "api/certificates/fictional-delta.json")
    assert delta["status"] == "replaced"
    assert [(s["id"], s["equivalence"]) for s in delta["successors"]] == [("fictional-zeta", "partial")]
    assert delta["history"][-1]["type"] == "merged"


def test_withdrawn_and_revoked_are_told_apart(files):
    eta = load(files, "api/certificates/fictional-eta.json")
    theta = load(files, "api/certificates/fictional-theta.json")
    assert (eta["status"], eta["status_date"]) == ("withdrawn", "2021-09")
    assert (theta["status"], theta["status_date"]) == ("revoked", "2022-03-03")
    assert eta["successors"] == [] and eta["current_successors"] == []


def test_organization_and_batch_files_list_their_certificates(files):
    org_b = load(files, "api/organizations/fictional-org-b.json")
    assert "fictional-iota" in [c["id"] for c in org_b["former_certificates"]]
    assert {c["id"] for c in org_b["certificates"]} >= {"fictional-eta", "fictional-theta", "fictional-zeta"}
    batch = load(files, "api/batches/batch-2.json")
    assert batch["catalogued_certificates"] == 1 and batch["totals"]["certificates"] == 40
    assert batch["certificates"][0]["latest_pilot_count"]["count"] == 7
    assert batch["date"] is None


def test_catalogue_file_summarises_and_index_lists_every_item(files):
    whole = load(files, "api/catalogue.json")
    assert whole["summary"]["certificates"] == 10
    assert whole["summary"]["by_status"]["replaced"] == 4
    assert whole["summary"]["pilot_institutions_total"] == 25 + 40 + 7
    index = load(files, "api/index.json")
    assert len(index["certificates"]) == 10
    for entry in index["certificates"]:
        assert entry["api"].removeprefix(SITE) in files
    assert index["feeds"]["changes"] == SITE + "feeds/changes.xml"
    assert SITE + "schema/certificate.schema.json" in index["schemas"]["catalogue"]
    assert SITE + "schema/output/certificate.schema.json" in index["schemas"]["output"]


def test_the_index_points_to_every_feed_and_schema_and_gives_each_certificates_status(files):
    index, whole = load(files, "api/index.json"), load(files, "api/catalogue.json")
    feeds = index["feeds"]
    for kind, records in (("organizations", whole["organizations"]), ("fields", whole["fields"])):
        assert feeds[kind] == {r["id"]: f"{SITE}feeds/{kind}/{r['id']}.xml" for r in records}
    assert feeds["majors"] == {
        m["id"]: f"{SITE}feeds/majors/{m['id']}.xml" for m in whole["majors"] if m["certificates"]
    }
    published = [
        url.removeprefix(SITE) for kind in ("organizations", "fields", "majors") for url in feeds[kind].values()
    ]
    assert published and all(path in files for path in published)
    top_level = sorted(SITE + "schema/" + path.name for path in (ROOT / "schema").glob("*.schema.json"))
    assert index["schemas"]["catalogue"] == top_level  # not schema/output/, listed apart
    assert {c["id"]: c["status"] for c in index["certificates"]} == {
        c["id"]: c["status"] for c in whole["certificates"]
    }


def test_json_is_indented_by_two_keeps_chinese_and_ends_in_one_newline(files):
    text = files["api/certificates/fictional-alpha.json"].decode("utf-8")
    assert text.startswith('{\n  "$schema": ') and text.endswith("}\n") and not text.endswith("\n\n")
    assert '"zh": "虚构证书甲"' in text


def test_json_refuses_a_number_that_is_not_one():
    with pytest.raises(ValueError):
        exports.as_json({"count": float("nan")})


def test_hostile_description_is_plain_data_in_json(files):
    iota = load(files, "api/certificates/fictional-iota.json")
    assert iota["description"]["zh"].startswith("<script>")  # data, escaped by whoever renders it


def test_schemas_are_published_byte_for_byte(files):
    assert files["schema/certificate.schema.json"] == (ROOT / "schema" / "certificate.schema.json").read_bytes()
    assert "schema/output/defs.schema.json" in files


# CSV


def test_certificates_csv_has_one_row_per_certificate(files):
    assert files["data/certificates.csv"].startswith(b"\xef\xbb\xbf")
    assert files["data/certificates.csv"].endswith(b"\r\n") and b"\r\r" not in files["data/certificates.csv"]
    table = rows(files, "data/certificates.csv")
    assert list(table[0]) == tables.CERTIFICATE_COLUMNS
    assert [r["id"] for r in table] == sorted(
        f"fictional-{n}"
        for n in ["alpha", "beta", "delta", "epsilon", "eta", "gamma", "iota", "kappa", "theta", "zeta"]
    )
    alpha = next(r for r in table if r["id"] == "fictional-alpha")
    assert alpha["name_zh"] == "虚构证书甲"
    assert alpha["successors"] == "fictional-beta (full)"
    assert alpha["current_successors"] == "fictional-gamma"
    assert (alpha["pilot_institutions"], alpha["pilot_institutions_as_of"]) == ("25", "2021")
    assert (alpha["primary_title"], alpha["primary_fee"], alpha["intermediate_fee"]) == ("虚构初级", "100", "200")
    gamma = next(r for r in table if r["id"] == "fictional-gamma")
    assert gamma["fields"] == "equipment-manufacturing; electronics-information"


def test_events_csv_has_one_row_per_history_event(files, catalogue):
    table = rows(files, "data/events.csv")
    assert list(table[0]) == tables.EVENT_COLUMNS
    assert len(table) == sum(len(c.history) for c in catalogue.certificates.values())
    beta = [(r["sequence"], r["type"], r["date"]) for r in table if r["certificate_id"] == "fictional-beta"]
    assert beta == [("1", "introduced", "2021-06-01"), ("2", "replaced", "2022-03-03")]


@pytest.mark.parametrize("dangerous", ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\tx"])
def test_csv_cells_that_look_like_formulas_stay_text(dangerous):
    data = tables.to_csv(["a"], [{"a": dangerous}])
    [row] = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    assert row["a"] == "'" + dangerous


def test_formula_in_contributor_text_is_neutralised_in_certificates_csv(catalogue, build):
    iota = catalogue.certificates["fictional-iota"]
    original = iota.description
    try:
        iota.description = type(original)("=cmd|' /C calc'!A0", "@SUM(1)")
        table = rows({"t": tables.certificates_csv(catalogue, SITE)}, "t")
    finally:
        iota.description = original
    row = next(r for r in table if r["id"] == "fictional-iota")
    assert row["description_zh"] == "'=cmd|' /C calc'!A0"
    assert row["description_en"] == "'@SUM(1)"


# Atom


def test_changes_feed_parses_and_has_one_entry_per_dated_event(files, catalogue):
    feed = feedparser.parse(files["feeds/changes.xml"])
    assert not feed.bozo, feed.get("bozo_exception")
    dated = [e for e in catalogue.changes if e.date]  # a programme event once, not once per certificate
    assert (
        len(feed.entries) == len(dated) < sum(len(c.history) for c in catalogue.certificates.values())
    )  # kappa's batch is undated
    # The newest entry's date, not the build date: the feed changes only when its entries do.
    newest = max(buildinfo.first_moment(e.date) for e in dated)
    assert newest.isoformat() != "2026-01-02T03:04:05+00:00"
    assert str(feed.feed.updated) == newest.isoformat()
    ids = [entry.id for entry in feed.entries]
    assert len(set(ids)) == len(ids)
    revoked = next(e for e in feed.entries if "fictional-theta/revoked" in e.id)
    assert revoked.link == SITE + "certificates/fictional-theta/"
    assert revoked.updated.startswith("2022-03-03T00:00:00")
    assert "撤销" in revoked.title and "Revoked" in revoked.title
    merged = next(e for e in feed.entries if "fictional-delta/merged" in e.id)
    assert "虚构证书己" in merged.content[0].value  # the successor is named
    assert merged.updated.startswith("2021-06-01")  # a month counts from its first day


def test_feed_entries_are_newest_first(files):
    feed = feedparser.parse(files["feeds/changes.xml"])
    updated = [entry.updated_parsed for entry in feed.entries]
    assert updated == sorted(updated, reverse=True)


def test_organization_feed_holds_only_its_certificates(files):
    feed = feedparser.parse(files["feeds/organizations/fictional-org-a.xml"])
    assert not feed.bozo
    assert feed.entries
    assert all(
        e.link.split("/")[-2]
        in {"fictional-alpha", "fictional-beta", "fictional-gamma", "fictional-iota", "fictional-kappa", "handover"}
        for e in feed.entries
    )


# Determinism and build info


def test_same_input_gives_the_same_bytes(catalogue, build, files, tmp_path, fictional_checked):
    again = exports.open_data(build_catalogue(fictional_checked.index), build, ROOT / "schema")
    assert again == files
    exports.write_files(tmp_path / "one", files)
    exports.write_files(tmp_path / "two", again)
    for path in files:
        assert (tmp_path / "one" / path).read_bytes() == (tmp_path / "two" / path).read_bytes()


def test_write_exports_reads_no_clock(catalogue, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    with monkeypatch.context() as beijing:  # a maintainer's clock in Beijing: the build date stays UTC
        beijing.setenv("TZ", "Asia/Shanghai")
        time.tzset()
        built = buildinfo.build_date(catalogue, ROOT)
    time.tzset()
    assert built == (datetime.datetime(2023, 11, 14, 22, 13, 20, tzinfo=datetime.UTC), "SOURCE_DATE_EPOCH")
    exports.write_exports(catalogue, tmp_path / "a", SCHEMAS, SITE, built)
    exports.write_exports(catalogue, tmp_path / "b", SCHEMAS, SITE, buildinfo.build_date(catalogue, ROOT))
    first = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert first and all((tmp_path / "a" / p).read_bytes() == (tmp_path / "b" / p).read_bytes() for p in first)
    meta = json.loads((tmp_path / "a" / "api" / "catalogue.json").read_text(encoding="utf-8"))["meta"]
    assert meta["build_date"] == "2023-11-14T22:13:20Z" and meta["build_date_from"] == "SOURCE_DATE_EPOCH"
    assert meta["version"] == buildinfo.version_of(Records(SITE).catalogue(catalogue))  # what it publishes


def test_version_changes_when_the_data_changes(catalogue):
    records = Records(SITE)
    before = buildinfo.version_of(records.catalogue(catalogue))
    kappa = catalogue.certificates["fictional-kappa"].pilot_counts[0]
    kappa.count += 1
    try:
        after = buildinfo.version_of(records.catalogue(catalogue))
    finally:
        kappa.count -= 1
    assert before != after and len(before) == 12


def test_build_date_is_the_last_commit_that_changed_the_catalogue(catalogue, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    someone = {"GIT_AUTHOR_NAME": "虚构", "GIT_AUTHOR_EMAIL": "x@fictional.invalid", "GIT_COMMITTER_NAME": "虚构"}
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    commits = [("catalogue/x.yaml", "@1600000000 +0000"), ("catalogue/x.yaml", "@1700000000 +0800")]
    for path, date in [*commits, ("README.md", "@1800000000 +0000")]:
        (tmp_path / path).parent.mkdir(exist_ok=True)
        (tmp_path / path).write_text(date, encoding="utf-8")
        subprocess.run(["git", "add", path], cwd=tmp_path, check=True)
        dated = {**os.environ, **someone, "GIT_COMMITTER_EMAIL": "x@fictional.invalid", "GIT_COMMITTER_DATE": date}
        subprocess.run(["git", "commit", "-qm", path], cwd=tmp_path, check=True, env=dated)
    # The later commit changed no catalogue file; the time is UTC whatever the committer's zone.
    built = datetime.datetime(2023, 11, 14, 22, 13, 20, tzinfo=datetime.UTC)
    assert buildinfo.build_date(catalogue, tmp_path) == (built, "git")


def test_build_date_falls_back_to_newest_catalogue_date(catalogue, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    built, origin = buildinfo.build_date(catalogue, tmp_path)  # not a git checkout
    assert origin == "catalogue"
    assert built == datetime.datetime(2023, 1, 1, tzinfo=datetime.UTC)  # the fictional handover, 2023


def test_the_real_catalogue_exports_validate(output_validators):
    checked = check_catalogue(ROOT / "catalogue", SchemaSet(ROOT / "schema"), base=ROOT)
    if not checked.ok:
        pytest.skip("the catalogue has problems; test_catalogue reports them")
    catalogue = build_catalogue(checked.index)
    build = fixed_build(catalogue, "git")
    files = exports.open_data(catalogue, build, ROOT / "schema")
    for path, kind in [("api/catalogue.json", "catalogue"), ("api/index.json", "index")]:
        assert not list(output_validators[kind].iter_errors(load(files, path))), path
    assert len(rows(files, "data/certificates.csv")) == len(catalogue.certificates)
    assert not feedparser.parse(files["feeds/changes.xml"]).bozo


@pytest.mark.parametrize(
    ("newest", "moment"),
    [
        ("2021-06", datetime.datetime(2021, 6, 1, tzinfo=datetime.UTC)),  # a partial date from its first day
        (None, datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)),  # a catalogue without a date
    ],
)
def test_the_newest_catalogue_date_is_a_moment_even_without_dates(newest, moment):
    assert buildinfo.newest_catalogue_date(SimpleNamespace(newest_date=newest)) == moment


def test_a_moment_is_written_in_utc_whatever_the_local_zone(monkeypatch):
    beijing = datetime.timezone(datetime.timedelta(hours=8))
    with monkeypatch.context() as local:
        local.setenv("TZ", "Asia/Shanghai")
        time.tzset()
        written = buildinfo.rfc3339(datetime.datetime(2023, 11, 15, 6, 13, 20, tzinfo=beijing))
    time.tzset()
    assert written == "2023-11-14T22:13:20Z"


@pytest.mark.parametrize(
    ("value", "written"),
    [(None, ""), (3.0, 3), (2.5, 2.5), ("=1+1", "'=1+1"), ("-x", "'-x"), ("虚构", "虚构")],
)
def test_a_csv_cell_is_empty_for_nothing_whole_for_a_whole_number_and_never_a_formula(value, written):
    assert tables.cell(value) == written and type(tables.cell(value)) is type(written)


def test_a_version_is_the_hash_of_the_data_as_compact_json_with_sorted_keys_and_chinese_as_written():
    """Anyone can recompute it: sha256 of that text in UTF-8, its first 12 hex digits."""
    canonical = '{"a":[1,"x"],"b":"证书"}'
    expected = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]
    assert buildinfo.version_of({"b": "证书", "a": [1, "x"]}) == expected


def test_a_record_without_a_category_has_none():
    assert category(None) is None
