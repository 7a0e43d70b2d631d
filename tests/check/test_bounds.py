"""Adversarial but valid catalogues: checking and building must stay bounded in time and memory.

Each case runs `build.py` (or the generation stage) in a subprocess with a generous timeout:
the timeout only guards against a hang, it measures nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import TODAY, Element, add_many_majors, built_article, copy_fictional, html_body, write
from xcat.settings import ROOT

GUARD = 300  # seconds; the cases below take a few seconds each when the pipeline is linear

# Check the catalogue, build the model and write every page and open-data file, without MkDocs.
GENERATE = """
import sys
from pathlib import Path
from tests.helpers import generate_files
from xcat.check.catalogue import check_catalogue
from xcat.check.schemas import SchemaSet
from xcat.settings import SCHEMAS
generate_files(check_catalogue(Path(sys.argv[1]), SchemaSet(SCHEMAS), today=sys.argv[3]), Path(sys.argv[2]))
"""


def run(command: list[str]) -> subprocess.CompletedProcess:
    env = {**os.environ, "XCAT_JOBS": "1"}
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=GUARD, env=env)


def certificate(catalogue: Path, cert_id: str, zh: str, successors: list[str]) -> None:
    text = (
        f"id: {cert_id}\nname:\n  zh: {zh}\norganization: fictional-org-a\n"
        "sources: [fictional-notice-2020]\nhistory:\n"
        "  - type: introduced\n    date: 2020-02\n    sources: [fictional-notice-2020]\n"
    )
    if successors:
        text += "  - type: replaced\n    date: 2021-06\n    successors:\n"
        text += "".join(f"      - certificate: {s}\n        equivalence: full\n" for s in successors)
        text += "    sources: [fictional-notice-2021]\n"
    write(catalogue, f"certificates/{cert_id}.yaml", text)


def layered_graph(catalogue: Path, layers: int = 17, width: int = 2) -> list[list[str]]:
    """Every certificate of a layer is replaced by every certificate of the next: width**layers paths."""
    ids = [[f"fictional-layer-{k:02d}-{i}" for i in range(width)] for k in range(layers)]
    for k, layer in enumerate(ids):
        following = ids[k + 1] if k + 1 < layers else []
        for i, cert_id in enumerate(layer):
            certificate(catalogue, cert_id, f"虚构层证书{k}-{i}", following)
    return ids


def chain(catalogue: Path, length: int = 500) -> list[str]:
    ids = [f"fictional-chain-{k:04d}" for k in range(length)]
    for k, cert_id in enumerate(ids):
        certificate(catalogue, cert_id, f"虚构链证书{k}", ids[k + 1 : k + 2])
    return ids


def generate(catalogue: Path, docs: Path) -> None:
    result = run([sys.executable, "-c", GENERATE, str(catalogue), str(docs), TODAY])
    assert result.returncode == 0, result.stderr[-2000:]


def current_successors(banner: Element, source: str) -> list[tuple[str, str]]:
    """The pages the banner's line of current successors links (address, text), in order."""
    (line,) = [p for p in banner.all("p") if p.text.startswith("现行后继证书 Current successor(s): ")]
    return line.links(source)


def api_record(folder: Path, cert_id: str) -> dict:
    return json.loads((folder / "api" / "certificates" / f"{cert_id}.json").read_text(encoding="utf-8"))


def test_layered_replacements_build_and_show_the_current_successors(tmp_path):
    catalogue = copy_fictional(tmp_path)
    ids = layered_graph(catalogue)
    site = tmp_path / "site"
    result = run([sys.executable, "build.py", "build", "--catalogue", str(catalogue), "--site-dir", str(site)])
    assert result.returncode == 0, result.stderr[-2000:]

    first = api_record(site, ids[0][0])
    assert [c["id"] for c in first["current_successors"]] == ids[-1]
    assert [(s["id"], s["equivalence"]) for s in first["successors"]] == [(i, "full") for i in ids[1]]
    source = f"certificates/{ids[0][0]}.md"
    banner = built_article((site / "certificates" / ids[0][0] / "index.html").read_text(encoding="utf-8"))
    banner = banner.find("div", cls="admonition")
    assert current_successors(banner, source) == [
        (f"certificates/{i}/", f"虚构层证书16-{n}") for n, i in enumerate(ids[-1])
    ]
    # The direct successors, each with → … (their replacements go on), not the next layer.
    chains = banner.all("li")
    assert [li.links(source) for li in chains] == [
        [(f"certificates/{i}/", f"虚构层证书1-{n}")] for n, i in enumerate(ids[1])
    ]
    assert all("(完全等同 fully equivalent)" in li.text and li.text.endswith("→ …") for li in chains)
    assert all(ids[2][0] not in target for target, _ in banner.links(source)) and banner.text.count("→ …") == 2


def test_long_replacement_chain_checks_and_generates(tmp_path):
    catalogue = copy_fictional(tmp_path)
    ids = chain(catalogue)
    checked = run([sys.executable, "build.py", "check", "--catalogue", str(catalogue), "--today", TODAY])
    assert checked.returncode == 0, checked.stdout[-2000:]
    docs = tmp_path / "docs"
    generate(catalogue, docs)

    first = api_record(docs, ids[0])
    assert [c["id"] for c in first["current_successors"]] == [ids[-1]]
    assert [s["id"] for s in first["successors"]] == [ids[1]]
    assert [p["id"] for p in api_record(docs, ids[-1])["predecessors"]] == [ids[-2]]
    assert first["successor_chain"] is None  # too long to list step by step
    assert api_record(docs, ids[-3])["successor_chain"] == [{"id": i, "equivalence": "full"} for i in ids[-2:]]
    source = f"certificates/{ids[0]}.md"
    text = (docs / source).read_text(encoding="utf-8")
    banner = html_body(text).find("div", cls="admonition")
    assert current_successors(banner, source) == [(f"certificates/{ids[-1]}/", f"虚构链证书{len(ids) - 1}")]
    # The banner names the first step and that more follow, not 499 links in one line.
    (step,) = banner.all("li")
    assert step.links(source) == [(f"certificates/{ids[1]}/", "虚构链证书1")] and step.text.endswith("→ …")
    assert ids[2] not in text


def test_a_very_long_replacement_chain_checks(tmp_path):
    catalogue = copy_fictional(tmp_path)
    chain(catalogue, 5000)
    result = run([sys.executable, "build.py", "check", "--catalogue", str(catalogue), "--today", TODAY])
    assert result.returncode == 0, result.stdout[-2000:]


def test_a_long_list_of_related_majors_is_checked(tmp_path):
    catalogue = copy_fictional(tmp_path)
    majors = add_many_majors(catalogue, 2000)  # about as many as majors.yaml can hold (the real one has 1,349)
    path = catalogue / "certificates" / "fictional-kappa.yaml"
    text = path.read_text(encoding="utf-8")
    assert "related_majors" not in text
    listed = "related_majors:\n" + "".join(f'  - major: "{m}"\n' for m in majors)
    path.write_text(text + listed, encoding="utf-8")
    command = [sys.executable, "build.py", "check", "--catalogue", str(catalogue), "--today", TODAY]
    result = run(command)
    assert result.returncode == 0, result.stdout[-2000:]

    path.write_text(text + listed + f'  - major: "{majors[0]}"\n', encoding="utf-8")
    result = run(command)
    assert result.returncode == 1
    line = text.count("\n") + 2  # the first item of the list
    assert result.stdout.splitlines() == [
        f"catalogue/certificates/fictional-kappa.yaml:{line}:3: error: related_majors: 列表中有重复的项：每项只写一次 · the list repeats an item: keep each item once",
    ]


def test_sixteen_thousand_related_majors_are_refused_with_a_clear_message(tmp_path):
    catalogue = copy_fictional(tmp_path)
    path = catalogue / "certificates" / "fictional-kappa.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "related_majors:\n"
        + "".join(f"  - major: fm-{n:05d}\n" for n in range(16_000)),
        encoding="utf-8",
    )
    result = run([sys.executable, "build.py", "check", "--catalogue", str(catalogue), "--today", TODAY])
    assert result.returncode == 1
    [line] = result.stdout.splitlines()
    assert line.startswith("catalogue/certificates/fictional-kappa.yaml:")
    assert line.endswith(
        "error: 文件中的字段名和值超过 25,000 个（这个上限让检查保持快速）：请缩短 · "
        "the file holds more than 25,000 field names and values, the limit that keeps checking fast: shorten it"
    )


def test_a_replacement_that_leads_to_too_many_current_certificates_is_refused(tmp_path):
    catalogue = copy_fictional(tmp_path)
    current = [f"fictional-part-{n:02d}" for n in range(21)]
    for n, cert_id in enumerate(current):
        certificate(catalogue, cert_id, f"虚构部分证书{n}", [])
    certificate(catalogue, "fictional-half-a", "虚构半甲", current[:11])
    certificate(catalogue, "fictional-half-b", "虚构半乙", current[11:])
    certificate(catalogue, "fictional-whole", "虚构整体", ["fictional-half-a", "fictional-half-b"])
    result = run([sys.executable, "build.py", "check", "--catalogue", str(catalogue), "--today", TODAY])
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "catalogue/certificates/fictional-whole.yaml:13:7: error: history[1].successors: 这些替代证书最终通向超过 20 个现行证书"
        "（未被替代的），超过了上限：请少列几个替代证书，或检查它们自己的替代证书 · these successors lead on to more than "
        "20 current certificates (ones not replaced), the most a replacement may lead to: name fewer successors, or check their own successors",
    ]


def test_a_file_with_too_many_values_is_refused_with_a_clear_message(tmp_path):
    catalogue = copy_fictional(tmp_path)
    path = catalogue / "certificates" / "fictional-kappa.yaml"
    event = "  - type: levels_changed\n    date: 2021\n    sources: [fictional-report]\n"
    path.write_text(path.read_text(encoding="utf-8") + "history:\n" + event * 3200, encoding="utf-8")
    result = run([sys.executable, "build.py", "check", "--catalogue", str(catalogue), "--today", TODAY])
    assert result.returncode == 1
    [line] = result.stdout.splitlines()
    assert line.startswith("catalogue/certificates/fictional-kappa.yaml:")
    assert line.endswith(
        "error: 文件中的字段名和值超过 25,000 个（这个上限让检查保持快速）：请缩短 · "
        "the file holds more than 25,000 field names and values, the limit that keeps checking fast: shorten it"
    )


def test_thousands_of_unknown_ids_are_reported_quickly(tmp_path):
    catalogue = copy_fictional(tmp_path)
    add_many_majors(catalogue, 2000)
    path = catalogue / "certificates" / "fictional-kappa.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "related_majors:\n"
        + "".join(f'  - major: "8{n:05d}"\n' for n in range(8000)),
        encoding="utf-8",
    )
    result = run([sys.executable, "build.py", "check", "--catalogue", str(catalogue), "--today", TODAY])
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 8000
    assert lines[0].endswith(
        "related_majors[0].major: 找不到 id 为 '800000' 的 majors（把它加到 catalogue/majors.yaml，或改正 id）：是不是 '900000'？"
        " · no majors has the id '800000' "
        "(add it to catalogue/majors.yaml or fix the id); did you mean '900000'?"
    )


def test_a_date_before_1949_is_refused(tmp_path):
    # Charts have a column for every year since the oldest date: year 1 made them take minutes.
    catalogue = copy_fictional(tmp_path)
    certificate(catalogue, "fictional-ancient", "虚构古证书", [])
    path = catalogue / "certificates" / "fictional-ancient.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2020-02", "date: '0001'"), encoding="utf-8")
    result = run([sys.executable, "build.py", "check", "--catalogue", str(catalogue), "--today", TODAY])
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "catalogue/certificates/fictional-ancient.yaml:8:11: error: history[0].date: 0001 早于 1949 年：请检查年份 · 0001 is before 1949: check the year",
    ]
