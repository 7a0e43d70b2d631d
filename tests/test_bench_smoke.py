"""The benchmark's synthetic catalogue is valid, varied and reproducible; the benchmark runs.

Times are not asserted here (the machine is shared): bench/benchmark.py reports them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import MODULE, model_of, run_check
from xcat.settings import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope=MODULE)
def synthetic(tmp_path_factory) -> Path:
    return generate(30, tmp_path_factory.mktemp("synthetic") / "catalogue")


def test_the_synthetic_catalogue_passes_every_check(synthetic):
    assert run_check(synthetic) == (0, [])


def test_the_synthetic_catalogue_is_fictional_and_sized_as_asked(synthetic):
    certificates = sorted((synthetic / "certificates").glob("*.yaml"))
    assert len(certificates) == 30
    assert len(list((synthetic / "organizations").glob("*.yaml"))) == 10  # about N/3
    assert all("虚构证书" in path.read_text(encoding="utf-8") for path in certificates)


def test_the_synthetic_catalogue_has_every_kind_of_history(synthetic):
    catalogue = model_of(synthetic)
    events = {event.type for certificate in catalogue.certificates.values() for event in certificate.history}
    assert events == {
        "introduced",
        "renamed",
        "organization_changed",
        "levels_changed",
        "suspended",
        "reinstated",
        "replaced",
        "merged",
        "withdrawn",
        "revoked",
    }
    statuses = {certificate.status for certificate in catalogue.certificates.values()}
    assert {"active", "replaced", "withdrawn", "revoked"} <= statuses
    assert any(len(c.successor_chain or []) > 1 for c in catalogue.certificates.values()), "a replacement chain"
    assert any(len(c.predecessors) > 1 for c in catalogue.certificates.values()), "a merge of two into one"


def test_the_generator_is_deterministic(synthetic, tmp_path):
    assert files_of(generate(30, tmp_path / "again")) == files_of(synthetic)
    assert files_of(generate(30, tmp_path / "other-seed", seed=7)) != files_of(synthetic)


def test_the_generator_never_writes_into_the_real_catalogue_or_over_files(synthetic):
    with pytest.raises(ValueError, match="catalogue/"):
        generate(30, ROOT / "catalogue")
    with pytest.raises(ValueError, match="not empty"):
        generate(30, synthetic)


@pytest.mark.slow
def test_the_quick_benchmark_runs_and_writes_its_results(tmp_path):
    out = tmp_path / "latest.json"
    result = subprocess.run(
        [sys.executable, "bench/benchmark.py", "--quick", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    measured = report["results"]["60"]
    assert measured["check"]["exit"] == measured["build"]["exit"] == measured["floor"]["exit"] == 0
    assert measured["sizes"]["certificate_pages"] == 60
    assert measured["sizes"]["search_bundle_bytes"] > 0
    exact, word = measured["search"]
    assert exact["first_result"].startswith(exact["query"]) and word["first_result"].startswith("虚构证书")
    assert exact["search_bytes_gzip"] > 0
    assert measured["check_jsonschema"]["seconds"] > 0
    assert "build / floor" in result.stdout
    preview = measured["preview"]  # bench/preview.py: build.py serve, timed over HTTP
    assert len(preview["page_s"]) == len(preview["search_s"]) == 1 and preview["files_changed"][0] > 0
    assert preview["page_during_rest_s"] > 0
    assert "serve: save -> page" in result.stdout
    # One fee edit: the certificate's page and its open data change, not the whole site.
    edit = measured["edit"]
    assert f"certificates/{edit['certificate']}/index.html" in edit["changed_files"] and edit["percent"] < 5
    for peer in ("zensical", "hugo"):  # measured, or the table says why not
        assert measured[peer].get("exit") == 0 or f"{peer}: {measured[peer]['skipped']}" in result.stdout
