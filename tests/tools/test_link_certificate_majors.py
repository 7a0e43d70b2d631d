"""scripts/link_certificate_majors.py: the platform's certificate-major links, added to catalogued
certificates only, never twice, and never for a row that names a broad field instead of a major."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import copy_fictional, run_check
from xcat.settings import ROOT

HEADER = "certificate_zh,certificate_levels,major_as_stated,major_level_as_stated,major_code_2021,major_level_2021,platform_record_source_commit\n"


def link(catalogue, rows: str) -> list[str]:
    table = catalogue.parent / "links.csv"
    table.write_text(HEADER + rows, encoding="utf-8")
    command = [sys.executable, str(ROOT / "scripts" / "link_certificate_majors.py"), str(table)]
    command += ["--source", "fictional-report", "--certificates", str(catalogue / "certificates")]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.splitlines()


def test_links_are_added_once_cited_and_broad_fields_are_only_reported(tmp_path):
    catalogue = copy_fictional(tmp_path)
    rows = (
        "虚构证书乙,中级,虚构专业,,860301,高职专科,x\n"
        "虚构证书甲,初级,虚构专业,,860301,高职专科,x\n"
        "虚构证书乙,中级,所有虚构类专业,,,,x\n"
        "不存在的证书,初级,虚构专业,,860301,高职专科,x\n"
    )
    output = link(catalogue, rows)
    assert output == [
        "row 2: 虚构证书乙 -> 860301 虚构专业",
        "row 3: 虚构证书甲 -> 860301 虚构专业",
        "row 4: 虚构证书乙: '所有虚构类专业' is a broad field, not a major: no link written",
        "row 5: 不存在的证书 is not catalogued yet: skipped (run again after importing it)",
        "2 certificate file(s) changed; run `python build.py check`",
    ]
    beta = (catalogue / "certificates" / "fictional-beta.yaml").read_text(encoding="utf-8")
    assert 'related_majors:\n  - major: "860301"\n    sources: [fictional-report]\n' in beta
    alpha = (catalogue / "certificates" / "fictional-alpha.yaml").read_text(encoding="utf-8")
    assert '  - major: "860301"\n    sources: [fictional-paper, fictional-report]\n' in alpha  # the paper's link kept
    assert run_check(catalogue)[1] == []
    assert link(catalogue, rows)[-1] == "0 certificate file(s) changed; run `python build.py check`"
