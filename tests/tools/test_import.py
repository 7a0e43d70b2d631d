"""`build.py import`: fictional lists (CSV in every encoding an official spreadsheet uses, and
XLSX, generated here) brought into a copy of the fictional catalogue. What a maintainer
sees: the files written, the report, the refusals with their row numbers, and a catalogue
that is byte for byte unchanged whenever the import is refused or has nothing to add."""

from __future__ import annotations

import datetime
import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.helpers import TODAY, copy_fictional, edit, run_check
from xcat.check.load import read_document
from xcat.cli import main
from xcat.settings import ROOT
from xcat.tools.importer import source_date

SOURCE = "fictional-report"  # published 2022-03-03: the date a list from it confirms
HEADER = "序号,证书名称,培训评价组织,等级\n"
NEW_LIST = (
    HEADER + "1,虚构新证书职业技能等级证书,虚构新组织有限公司,初级\n"
    "2,虚构新证书,虚构新组织有限公司,高级\n"
    "3,虚构证书己,虚构评价组织乙,中级\n"
)
NEW_CERTIFICATE = """\
# yaml-language-server: $schema=../../schema/certificate.schema.json
id: xu-gou-xin-zheng-shu
name:
  zh: 虚构新证书
organization: xu-gou-xin-zu-zhi
levels:
  - level: 初级
    sources: [fictional-report]
  - level: 高级
    sources: [fictional-report]
last_verified:
  date: 2022-03-03
  sources: [fictional-report]
sources: [fictional-report]
"""
NEW_ORGANIZATION = """\
# yaml-language-server: $schema=../../schema/organization.schema.json
id: xu-gou-xin-zu-zhi
name:
  zh: 虚构新组织有限公司
maintainers: []
sources: [fictional-report]
"""


def run_import(catalogue: Path, table: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["import", str(table), "--catalogue", str(catalogue), "--today", TODAY, *args])
    assert "Traceback" not in err.getvalue()
    return code, out.getvalue(), err.getvalue()


def snapshot(catalogue: Path) -> dict[str, bytes]:
    return {p.relative_to(catalogue).as_posix(): p.read_bytes() for p in sorted(catalogue.rglob("*")) if p.is_file()}


def xlsx(path: Path, rows: list[list]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


@pytest.fixture()
def catalogue(tmp_path) -> Path:
    return copy_fictional(tmp_path)


# --- Reading every kind of file --------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"], ids=["utf-8", "utf-8 with BOM", "gb18030"])
def test_a_csv_list_creates_certificates_and_organizations_that_pass_check(catalogue, tmp_path, encoding):
    table = tmp_path / "list.csv"
    table.write_bytes(NEW_LIST.encode(encoding))
    code, out, err = run_import(catalogue, table, "--source", SOURCE)
    assert (code, err) == (0, "")
    assert (catalogue / "certificates" / "xu-gou-xin-zheng-shu.yaml").read_text(encoding="utf-8") == NEW_CERTIFICATE
    assert (catalogue / "organizations" / "xu-gou-xin-zu-zhi.yaml").read_text(encoding="utf-8") == NEW_ORGANIZATION
    assert "新建证书 · new certificates: 1\n  + catalogue/certificates/xu-gou-xin-zheng-shu.yaml  虚构新证书\n" in out
    assert "清单确认的已有证书 · catalogued certificates the list names: 1 (fictional-zeta)" in out
    assert run_check(catalogue) == (0, [])


def test_an_xlsx_list_with_english_headers_gives_the_same_files(catalogue, tmp_path):
    table = xlsx(
        tmp_path / "list.xlsx",
        [
            ["No.", "Certificate", "Organization", "Level"],
            [1, "虚构新证书", "虚构新组织有限公司", "primary"],
            [2, "虚构新证书职业技能等级证书", "虚构新组织有限公司", "advanced"],
        ],
    )
    code, _out, err = run_import(catalogue, table, "--source", SOURCE)
    assert (code, err) == (0, "")
    assert (catalogue / "certificates" / "xu-gou-xin-zheng-shu.yaml").read_text(encoding="utf-8") == NEW_CERTIFICATE


def test_unknown_columns_are_reported_and_not_read(catalogue, tmp_path):
    table = tmp_path / "list.csv"
    table.write_text("证书名称,培训评价组织,备注,联系人\n虚构新证书,虚构新组织有限公司,随便,某人\n", encoding="utf-8")
    code, out, _err = run_import(catalogue, table, "--source", SOURCE)
    assert code == 0
    assert out.startswith("未读取的列 · columns not read: 备注, 联系人\n")


def test_a_name_already_taken_as_an_id_gets_the_next_free_one(catalogue, tmp_path):
    (catalogue / "certificates" / "fictional-kappa.yaml").rename(
        catalogue / "certificates" / "xu-gou-xin-zheng-shu.yaml"
    )
    edit(catalogue, "certificates/xu-gou-xin-zheng-shu.yaml", "id: fictional-kappa", "id: xu-gou-xin-zheng-shu")
    table = tmp_path / "list.csv"
    table.write_text(HEADER + "1,虚构新证书,虚构新组织有限公司,初级\n", encoding="utf-8")
    code, out, _err = run_import(catalogue, table, "--source", SOURCE)
    assert code == 0
    assert "清单确认的已有证书 · catalogued certificates the list names: 0 (—)\n" in out  # a new name, not kappa's id
    assert read_document(catalogue / "certificates" / "xu-gou-xin-zheng-shu-2.yaml", "certificate", "x").data[
        "name"
    ] == {"zh": "虚构新证书"}


def test_two_new_names_spelt_alike_in_pinyin_get_two_files_in_one_run(catalogue, tmp_path):
    table = tmp_path / "list.csv"
    table.write_text("证书名称,培训评价组织\n虚构新证书,虚构新组织\n虚构新政书,虚构新组织\n", encoding="utf-8")
    code, out, _err = run_import(catalogue, table, "--source", SOURCE)
    assert code == 0
    assert (
        "新建证书 · new certificates: 2\n"
        "  + catalogue/certificates/xu-gou-xin-zheng-shu.yaml  虚构新证书\n"
        "  + catalogue/certificates/xu-gou-xin-zheng-shu-2.yaml  虚构新政书\n"
    ) in out


# --- Existing files: confirmed, kept as written, never overwritten ---------------


def test_a_catalogued_certificate_gains_the_source_and_keeps_its_comments_and_order(catalogue, tmp_path):
    edit(
        catalogue,
        "certificates/fictional-kappa.yaml",
        "id: fictional-kappa\n",
        "# 维护者的注释 a maintainer's note\nid: fictional-kappa\n",
    )
    before = (catalogue / "certificates" / "fictional-kappa.yaml").read_text(encoding="utf-8")
    table = tmp_path / "list.csv"
    table.write_text(HEADER + "1,虚构证书癸,虚构评价组织甲,中级\n", encoding="utf-8")
    assert run_import(catalogue, table, "--source", "fictional-notice-2021")[0] == 0
    after = (catalogue / "certificates" / "fictional-kappa.yaml").read_text(encoding="utf-8")
    assert before.startswith("# 维护者的注释 a maintainer's note\nid: fictional-kappa\n")
    assert after == (
        "# 维护者的注释 a maintainer's note\n"
        "id: fictional-kappa\n"
        "name:\n"
        "  zh: 虚构证书癸\n"
        "  en: Fictional certificate Kappa\n"
        "organization: fictional-org-a\n"
        "batch: batch-2\n"
        "fields: [electronics-information]\n"
        "levels:\n"
        "  - level: 中级\n"
        "    sources: [fictional-notice-2021]\n"
        "pilot_institutions:\n"
        "  - count: 7\n"
        "    sources: [fictional-report]\n"
        "last_verified:\n"
        "  date: 2021-07-02\n"  # the day its carrier was read (carried_by.retrieved), not its 2021-06
        "  sources: [fictional-notice-2021]\n"
        "sources: [fictional-report, fictional-notice-2021]\n"
    )
    assert "sources: [fictional-notice-2020, fictional-notice-2021]" in (
        catalogue / "organizations" / "fictional-org-a.yaml"
    ).read_text(encoding="utf-8")


def test_a_level_with_a_title_or_fee_keeps_its_sources(catalogue, tmp_path):
    table = tmp_path / "list.csv"
    table.write_text(HEADER + "1,虚构证书甲,虚构评价组织甲,初级\n", encoding="utf-8")
    assert run_import(catalogue, table, "--source", SOURCE)[0] == 0
    levels = read_document(catalogue / "certificates" / "fictional-alpha.yaml", "certificate", "x").data["levels"]
    assert levels[0] == {"level": "初级", "title": "虚构初级", "fee": 100, "sources": ["fictional-notice-2020"]}


def test_a_certificate_named_by_its_former_and_current_name_is_confirmed_once(catalogue, tmp_path):
    table = tmp_path / "list.csv"
    table.write_text(
        "证书名称,培训评价组织\n虚构证书丙旧名,虚构评价组织甲\n虚构证书丙,虚构评价组织甲\n", encoding="utf-8"
    )
    code, out, _err = run_import(catalogue, table, "--source", SOURCE)
    assert code == 0
    assert "清单确认的已有证书 · catalogued certificates the list names: 1 (fictional-gamma)\n" in out


def test_a_certificate_is_found_by_its_former_name(catalogue, tmp_path):
    table = tmp_path / "list.csv"
    table.write_text(HEADER + "1,虚构证书丙旧名,虚构评价组织甲,初级\n", encoding="utf-8")
    code, out, _err = run_import(catalogue, table, "--source", "fictional-notice-2021")
    assert code == 0
    assert "新建证书 · new certificates: 0" in out and "(fictional-gamma)" in out


def test_running_the_same_import_twice_changes_nothing_the_second_time(catalogue, tmp_path):
    table = tmp_path / "list.csv"
    table.write_text(NEW_LIST, encoding="utf-8")
    assert run_import(catalogue, table, "--source", SOURCE)[0] == 0
    first = snapshot(catalogue)
    code, out, _err = run_import(catalogue, table, "--source", SOURCE)
    assert code == 0
    assert snapshot(catalogue) == first
    assert out == (
        "新建证书 · new certificates: 0\n"
        "新建评价组织 · new organizations: 0\n"
        "更新的文件 · changed files: 0\n"
        "清单确认的已有证书 · catalogued certificates the list names: 2 (xu-gou-xin-zheng-shu, fictional-zeta)\n"
        "分歧（未写入，请核对来源）· disagreements (not written; compare the sources): 0\n"
        "目录已包含该清单的全部内容，无需写入 · the catalogue already holds everything in this list: nothing to write.\n"
    )


def test_a_dry_run_prints_the_changes_and_writes_nothing(catalogue, tmp_path):
    before = snapshot(catalogue)
    table = tmp_path / "list.csv"
    table.write_text(NEW_LIST, encoding="utf-8")
    code, out, _err = run_import(catalogue, table, "--source", SOURCE, "--dry-run")
    assert code == 0
    assert snapshot(catalogue) == before
    assert out.startswith(
        "试运行：以下是将要做的修改，未写入任何文件 · dry run: what would change; nothing was written.\n"
    )
    assert "  + catalogue/certificates/xu-gou-xin-zheng-shu.yaml  虚构新证书" in out
    assert "    +sources: [fictional-notice-2021, fictional-report]" in out  # zeta's file, as a diff
    assert (
        "  ~ catalogue/organizations/fictional-org-b.yaml\n"
        "    --- catalogue/organizations/fictional-org-b.yaml\n"
        "    +++ catalogue/organizations/fictional-org-b.yaml\n"
        "    @@ -15,2 +15,2 @@\n"
        "           en: The fictional paper adds an alias.\n"
        "    -sources: [fictional-notice-2020]\n"
        "    +sources: [fictional-notice-2020, fictional-report]\n"
        "清单确认的已有证书"
    ) in out  # an existing file: only the lines that change, with one line around them


@pytest.mark.parametrize(
    ("row", "batch", "expected"),
    [
        (
            "1,虚构证书癸,虚构评价组织乙,初级\n",
            (),
            "fictional-kappa: organization: 目录 catalogue “虚构评价组织甲” (fictional-report) · 第 2 行 row 2 “虚构评价组织乙” (fictional-notice-2021) — 未写入 not written",
        ),
        (
            "1,虚构证书癸,虚构评价组织甲,初级\n",
            ("--batch", "batch-1"),
            "fictional-kappa: batch: 目录 catalogue “batch-2” (fictional-report) · 第 2 行 row 2 “batch-1” (fictional-notice-2021) — 未写入 not written",
        ),
        (
            "1,虚构证书乙,虚构评价组织甲,初级\n",
            ("--batch", "batch-1"),
            "fictional-beta: batch: 目录 catalogue “introduced outside the batches” (fictional-notice-2021) · 第 2 行 row 2 “batch-1” (fictional-notice-2021) — 未写入 not written",
        ),
    ],
    ids=["another organization", "another batch", "a batch for one introduced outside the batches"],
)
def test_a_disagreement_is_reported_with_both_values_and_sources_and_not_written(
    catalogue, tmp_path, row, batch, expected
):
    table = tmp_path / "list.csv"
    table.write_text(HEADER + row, encoding="utf-8")
    path = catalogue / "certificates" / f"{expected.split(':')[0]}.yaml"
    before = read_document(path, "certificate", "x").data
    code, out, _err = run_import(catalogue, table, "--source", "fictional-notice-2021", *batch)
    assert code == 0
    assert f"分歧（未写入，请核对来源）· disagreements (not written; compare the sources): 1\n  ! {expected}\n" in out
    after = read_document(path, "certificate", "x").data
    assert (after["organization"], after.get("batch")) == (before["organization"], before.get("batch"))
    assert "fictional-notice-2021" not in (catalogue / "organizations" / "fictional-org-b.yaml").read_text(
        encoding="utf-8"
    )


def test_a_batch_from_the_list_is_written_for_new_certificates(catalogue, tmp_path):
    table = tmp_path / "list.csv"
    table.write_text("证书名称,培训评价组织,批次\n虚构新证书,虚构新组织有限公司,第二批\n", encoding="utf-8")
    assert run_import(catalogue, table, "--source", SOURCE)[0] == 0
    assert (
        read_document(catalogue / "certificates" / "xu-gou-xin-zheng-shu.yaml", "certificate", "x").data["batch"]
        == "batch-2"
    )


def test_a_batch_from_the_list_is_written_for_a_known_certificate_without_one_or_its_introduction(catalogue, tmp_path):
    """虚构证书己 has no batch; once its one event is not an introduction, the list's batch is its only batch."""
    edit(catalogue, "certificates/fictional-zeta.yaml", "type: introduced", "type: suspended")
    table = tmp_path / "list.csv"
    table.write_text("证书名称,培训评价组织,批次\n虚构证书己,虚构评价组织乙,第一批\n", encoding="utf-8")
    code, out, err = run_import(catalogue, table, "--source", SOURCE)
    assert (code, err) == (0, "")
    assert "disagreements (not written; compare the sources): 0\n" in out
    data = read_document(catalogue / "certificates" / "fictional-zeta.yaml", "certificate", "x").data
    assert data["batch"] == "batch-1"


def test_a_batch_for_a_certificate_introduced_outside_the_batches_is_a_disagreement(catalogue, tmp_path):
    """虚构证书己's only event is its introduction, without a batch: the list's batch is not written."""
    table = tmp_path / "list.csv"
    table.write_text("证书名称,培训评价组织,批次\n虚构证书己,虚构评价组织乙,第一批\n", encoding="utf-8")
    code, out, err = run_import(catalogue, table, "--source", SOURCE)
    assert (code, err) == (0, "")
    assert (
        "disagreements (not written; compare the sources): 1\n"
        "  ! fictional-zeta: batch: 目录 catalogue “introduced outside the batches” (fictional-notice-2021) · "
        "第 2 行 row 2 “batch-1” (fictional-report) — 未写入 not written\n"
    ) in out
    data = read_document(catalogue / "certificates" / "fictional-zeta.yaml", "certificate", "x").data
    assert "batch" not in data


# --- Notices: history events -------------------------------------------------------


def test_a_withdrawal_notice_adds_the_event_citing_its_source(catalogue, tmp_path):
    table = tmp_path / "notice.csv"
    table.write_text("证书名称,培训评价组织\n虚构证书癸,虚构评价组织甲\n", encoding="utf-8")
    code, _out, err = run_import(catalogue, table, "--source", SOURCE, "--event", "withdrawn", "--date", "2022-03-03")
    assert (code, err) == (0, "")
    data = read_document(catalogue / "certificates" / "fictional-kappa.yaml", "certificate", "x").data
    assert data["history"] == [{"type": "withdrawn", "date": "2022-03-03", "sources": [SOURCE]}]
    assert "last_verified" not in data  # a withdrawal does not confirm the certificate is current
    before = snapshot(catalogue)
    assert run_import(catalogue, table, "--source", SOURCE, "--event", "withdrawn", "--date", "2022-03-03")[0] == 0
    assert snapshot(catalogue) == before


def test_a_replacement_notice_names_the_successors_from_its_column(catalogue, tmp_path):
    table = tmp_path / "notice.xlsx"
    xlsx(
        table,
        [
            ["证书名称", "培训评价组织", "替代证书", "等同程度"],
            ["虚构证书己", "虚构评价组织乙", "虚构证书癸职业技能等级证书", "部分等同"],
        ],
    )
    code, _out, err = run_import(catalogue, table, "--source", SOURCE, "--event", "replaced", "--date", "2022-03")
    assert (code, err) == (0, "")
    history = read_document(catalogue / "certificates" / "fictional-zeta.yaml", "certificate", "x").data["history"]
    assert history[-1] == {
        "type": "replaced",
        "date": "2022-03",
        "successors": [{"certificate": "fictional-kappa", "equivalence": "partial"}],
        "sources": [SOURCE],
    }
    assert run_check(catalogue) == (0, [])


def test_an_event_on_a_certificate_that_already_ended_is_a_disagreement(catalogue, tmp_path):
    table = tmp_path / "notice.csv"
    table.write_text("证书名称,培训评价组织\n虚构证书庚,虚构评价组织乙\n", encoding="utf-8")  # eta: withdrawn 2021-09
    before = snapshot(catalogue)
    code, out, _err = run_import(catalogue, table, "--source", SOURCE, "--event", "revoked", "--date", "2022")
    assert code == 0
    assert (
        "  ! fictional-eta: history: 目录 catalogue “withdrawn 2021-09”" in out
        and "“revoked 2022” (fictional-report)" in out
    )
    assert {k: v for k, v in snapshot(catalogue).items() if "fictional-eta" in k} == {
        k: v for k, v in before.items() if "fictional-eta" in k
    }


# --- Refusals: a clear message, a non-zero exit, nothing written ---------------------


def formula_xlsx(path: Path) -> Path:
    return xlsx(path, [["证书名称", "培训评价组织"], ["虚构新证书", '=CONCAT("虚构","组织")']])


NO_DATE = "--event 需要 --date（YYYY、YYYY-MM 或 YYYY-MM-DD）· --event needs --date as YYYY, YYYY-MM or YYYY-MM-DD"
UNKNOWN_ENCODING = (
    "无法识别文件的编码（应为 UTF-8 或 GB18030 的 CSV，或 XLSX）：请另存为 UTF-8 CSV · "
    "unknown encoding (expected a CSV in UTF-8 or GB18030, or an XLSX file): save it as UTF-8 CSV"
)
ONE_NEW_ROW = HEADER + "1,虚构新证书,虚构新组织,初级\n"


def csv_file(text: str):
    return lambda path: path.with_suffix(".csv").write_text(text, encoding="utf-8")


# (what is wrong, how the list is made, the command's options, its message: "{list}: " is the list's path)
REFUSALS = [
    ("empty", lambda p: p.with_suffix(".csv").write_bytes(b""), (), "{list}: 文件是空的 · the file is empty"),
    ("header only", csv_file(HEADER), (), "{list}: 文件只有表头，没有数据行 · the file has a header but no rows"),
    (
        "not a table",
        csv_file("这只是一段话。\nJust some prose.\n"),
        (),
        "{list}: 第 1 行不是表头：没有认得的列（至少需要 证书名称、培训评价组织）· row 1 is not a header: no known "
        "column (at least certificate and organization); this file does not look like a list of certificates",
    ),
    (
        "a zip that is not a workbook",
        lambda p: p.with_suffix(".csv").write_bytes(b"PK\x03\x04" + b"\x00" * 64),
        (),
        "{list}: 这不是可读的 XLSX 表格 · not a readable XLSX table: File is not a zip file",
    ),
    (
        "only empty cells",
        csv_file(",,\n , ,\n"),
        (),
        "{list}: 文件是空的 · the file is empty",
    ),
    (
        "only spaces, full-width ones too",
        csv_file("\u3000 \n\u3000\n"),
        (),
        "{list}: 文件是空的 · the file is empty",
    ),
    (
        "one column twice",
        csv_file("证书名称,培训评价组织,证书\n虚构新证书,虚构新组织,虚构新证书\n"),
        (),
        "{list}: 第 1 行：“证书名称”与“证书”是同一列 · row 1: '证书名称' and '证书' are the same column (certificate): keep one",
    ),
    (
        "both required columns missing",
        csv_file("等级,批次\n初级,第一批\n"),
        (),
        "{list}: 第 1 行缺少必需的列 · row 1 lacks the required column: 证书名称 (certificate) / 培训评价组织 (organization)",
    ),
    (
        "row without an organization",
        csv_file(ONE_NEW_ROW + "2,虚构新证书,,中级\n"),
        (),
        "{list}: 第 3 行没有培训评价组织 · row 3 has no organization (培训评价组织)",
    ),
    (
        "required column missing",
        csv_file("证书名称,等级\n虚构新证书,初级\n"),
        (),
        "{list}: 第 1 行缺少必需的列 · row 1 lacks the required column: 培训评价组织 (organization)",
    ),
    (
        "row without a name",
        csv_file(ONE_NEW_ROW + "2,,虚构新组织,中级\n"),
        (),
        "{list}: 第 3 行没有证书名称 · row 3 has no certificate name (证书名称)",
    ),
    (
        "unknown level",
        csv_file(HEADER + "1,虚构新证书,虚构新组织,特级\n"),
        (),
        "{list}: 第 2 行的等级“特级”不是 初级、中级 或 高级 · "
        "row 2: level '特级' is not 初级, 中级 or 高级 (primary, intermediate, advanced)",
    ),
    (
        "two organizations for one certificate",
        csv_file(ONE_NEW_ROW + "2,虚构新证书,另一组织,中级\n"),
        (),
        "{list}: 第 2 行与第 3 行给同一证书不同的培训评价组织（虚构新组织 / 另一组织）· rows 2 and 3 give the "
        "same certificate two organization values ('虚构新组织', '另一组织'): correct the list",
    ),
    (
        "three organizations for one certificate: the first two are named",
        csv_file(ONE_NEW_ROW + "2,虚构新证书,另一组织,中级\n3,虚构新证书,第三组织,高级\n"),
        (),
        "{list}: 第 2 行与第 3 行给同一证书不同的培训评价组织（虚构新组织 / 另一组织）· rows 2 and 3 give the "
        "same certificate two organization values ('虚构新组织', '另一组织'): correct the list",
    ),
    (
        "formula in a CSV",
        csv_file(HEADER + '1,虚构新证书,"=HYPERLINK(""x"")",初级\n'),
        (),
        "{list}: 第 2 行第 3 列是公式：请只保留其值 · row 2, column 3 is a formula: keep only its value (paste as values)",
    ),
    (
        "formula in an XLSX",
        lambda p: formula_xlsx(p.with_suffix(".csv")),
        (),
        "{list}: 第 2 行第 2 列是公式：请只保留其值 · row 2, column 2 is a formula: keep only its value (paste as values)",
    ),
    (
        "unknown encoding",
        lambda p: p.with_suffix(".csv").write_bytes(NEW_LIST.encode("utf-16")),
        (),
        "{list}: " + UNKNOWN_ENCODING,
    ),
    (
        "invalid bytes",
        lambda p: p.with_suffix(".csv").write_bytes(HEADER.encode() + b"1,\xff\xfe\xff,\x81\x20,\x80\n"),
        (),
        "{list}: " + UNKNOWN_ENCODING,
    ),
    (
        "50 MB",
        lambda p: p.with_suffix(".csv").open("wb").truncate(50 * 1024 * 1024),
        (),
        "{list}: 文件有 52,428,800 字节，上限为 5,242,880（5 MiB）：请拆分 · "
        "the file is 52,428,800 bytes; the limit is 5,242,880 (5 MiB): split it",
    ),
    (
        "a name too long for the catalogue",
        csv_file(HEADER + "1," + "虚" * 201 + ",虚构新组织,初级\n"),
        (),
        "导入后的目录不能通过检查 · the catalogue would not pass check after this import:\n"
        "  catalogue/certificates/" + "-".join(["xu"] * 27) + ".yaml:4:7: error: name.zh: 文字有 201 个字符，"
        "超过上限 200：请缩短 · the text has 201 characters, more than the 200 allowed: shorten it",
    ),
    (
        "a successor without its equivalence",
        csv_file("证书名称,培训评价组织,替代证书\n虚构证书己,虚构评价组织乙,虚构证书癸\n"),
        ("--event", "replaced", "--date", "2022"),
        "{list}: 第 2 行：替代证书需要“等同程度”（完全等同、部分等同、不等同）· row 2: a successor needs its "
        "equivalence (full, partial, none) in an 等同程度 / equivalence column; the catalogue does not guess it",
    ),
    ("an event without a date", csv_file(ONE_NEW_ROW), ("--event", "withdrawn"), "{list}: " + NO_DATE),
    (
        "an event dated otherwise than YYYY-MM-DD",
        csv_file(ONE_NEW_ROW),
        ("--event", "withdrawn", "--date", "2022/03"),
        "{list}: " + NO_DATE,
    ),
    (
        "an event after the day given as --today, checked as of that day",
        csv_file("证书名称,培训评价组织\n虚构证书癸,虚构评价组织甲\n"),
        ("--event", "withdrawn", "--date", "2026-11-30"),
        "导入后的目录不能通过检查 · the catalogue would not pass check after this import:\n"
        "  catalogue/certificates/fictional-kappa.yaml:13:11: error: history[0].date: 2026-11-30 是将来的日期"
        "（今天是 2026-11-22） · 2026-11-30 is in the future (today is 2026-11-22)",
    ),
    (
        "two batches for one certificate",
        csv_file("证书名称,培训评价组织,批次\n虚构新证书,虚构新组织,第一批\n虚构新证书,虚构新组织,第二批\n"),
        (),
        "{list}: 第 2 行与第 3 行给同一证书不同的批次（batch-1 / batch-2）· rows 2 and 3 give the same certificate "
        "two batch values ('batch-1', 'batch-2'): correct the list",
    ),
    (
        "a batch the catalogue does not have, on the row that writes it",
        csv_file("证书名称,培训评价组织,批次\n虚构新证书,虚构新组织,\n虚构新证书,虚构新组织,第九批\n"),
        (),
        "{list}: 第 3 行的批次“第九批”不在目录中 · row 3: batch '第九批' is not in catalogue/batches/ "
        "(expected 第N批 or batch-N)",
    ),
    (
        "a batch other than --batch, on the certificate's first row",
        csv_file("证书名称,培训评价组织,批次\n虚构新证书,虚构新组织,\n虚构新证书,虚构新组织,第一批\n"),
        ("--batch", "batch-2"),
        "{list}: 第 2 行的批次与 --batch batch-2 不同 · row 2: batch batch-1 differs from --batch batch-2",
    ),
    (
        "a batch the catalogue does not have",
        csv_file(ONE_NEW_ROW),
        ("--batch", "batch-9"),
        "{list}: 没有批次 batch-9 · no batch 'batch-9' (catalogue/batches/batch-9.yaml does not exist)",
    ),
]


@pytest.mark.parametrize(("make", "options", "message"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS])
def test_bad_input_is_refused_with_its_row_and_nothing_is_written(catalogue, tmp_path, make, options, message):
    make(tmp_path / "list")
    table = tmp_path / "list.csv"
    before = snapshot(catalogue)
    code, out, err = run_import(catalogue, table, "--source", SOURCE, *options)
    assert (code, out) == (1, "")
    assert err == f"build.py import: {message.format(list=table)}\n未写入任何文件 · nothing was written.\n"
    assert snapshot(catalogue) == before


def test_a_symbolic_link_in_the_catalogue_refuses_the_import_as_check_would(catalogue, tmp_path):
    (catalogue / "certificates" / "link.yaml").symlink_to(catalogue / "certificates" / "fictional-kappa.yaml")
    before = snapshot(catalogue)
    code, out, err = run_import(
        catalogue, csv_file(ONE_NEW_ROW)(tmp_path / "list") and tmp_path / "list.csv", "--source", SOURCE
    )
    assert (code, out) == (1, "")
    assert err == (
        "build.py import: 导入后的目录不能通过检查 · the catalogue would not pass check after this import:\n"
        "  catalogue/certificates/link.yaml:1:1: error: catalogue/ 里不能有符号链接：请用文件本身替换链接 · "
        "symbolic links are not allowed in catalogue/: replace the link with the file itself\n"
        "未写入任何文件 · nothing was written.\n"
    )
    assert snapshot(catalogue) == before


def test_a_refusal_by_check_lists_its_first_50_problems(catalogue, tmp_path):
    names = [f"{'虚' * 200}{chr(0x4E00 + n)}" for n in range(51)]  # 51 names of 201 characters, each too long
    table = tmp_path / "list.csv"
    table.write_text(
        HEADER + "".join(f"{n},{name},虚构新组织,初级\n" for n, name in enumerate(names)), encoding="utf-8"
    )
    code, _out, err = run_import(catalogue, table, "--source", SOURCE)
    assert code == 1
    problems = err.splitlines()[1:-1]
    assert len(problems) == 50
    assert all(
        line.startswith("  catalogue/certificates/") and "the text has 201 characters" in line for line in problems
    )


def test_an_unknown_source_is_a_usage_error(catalogue, tmp_path):
    table = tmp_path / "list.csv"
    table.write_text(NEW_LIST, encoding="utf-8")
    code, _out, err = run_import(catalogue, table, "--source", "no-such-source")
    assert code == 2
    assert "no source 'no-such-source': write catalogue/sources/no-such-source.yaml first" in err


def test_a_list_from_a_source_without_a_date_is_a_usage_error_but_a_notice_from_it_is_not(catalogue, tmp_path):
    table = tmp_path / "list.csv"
    table.write_text("证书名称,培训评价组织\n虚构证书癸,虚构评价组织甲\n", encoding="utf-8")
    before = snapshot(catalogue)
    assert run_import(catalogue, table, "--source", "fictional-paper") == (
        2,
        "",
        "build.py import: 来源 fictional-paper 没有日期（carried_by.retrieved 或 published），无法记录最近核实 · "
        "source 'fictional-paper' has no date (carried_by.retrieved or published) for last_verified: add one\n"
        "未写入任何文件 · nothing was written.\n",
    )
    assert snapshot(catalogue) == before
    code, out, err = run_import(
        catalogue, table, "--source", "fictional-paper", "--event", "withdrawn", "--date", "2022"
    )
    assert (code, err) == (0, "")
    assert out.endswith("已写入 1 个文件，均通过检查 · wrote 1 files, each passing check.\n")


@pytest.mark.parametrize(
    ("source", "date"),
    [
        ({"published": "2021-06", "carried_by": {"retrieved": "2021-07-02"}}, "2021-07-02"),
        ({"published": datetime.date(2021, 6, 1)}, "2021-06-01"),
        ({"carried_by": {"title": "虚构转载"}}, None),
        ({}, None),
    ],
    ids=["the day its carrier was read", "its publication", "a carrier without a date", "no date"],
)
def test_the_date_a_list_confirms_is_when_its_source_last_saw_it(source, date):
    assert source_date(source) == date


# --- The handover's correspondence table: occupations --------------------------------

TABLE = "证书名称,培训评价组织,职业编码,职业名称,工种\n虚构证书癸,虚构评价组织甲,4-04-05-05,虚构职业,{trade}\n"


@pytest.fixture()
def schemas() -> Path:
    return ROOT / "schema"


def test_the_correspondence_table_gives_each_certificate_its_occupations(catalogue, tmp_path, schemas):
    table = tmp_path / "table.csv"
    table.write_text(TABLE.format(trade="虚构工种"), encoding="utf-8")
    args = ("--source", SOURCE, "--event", "transferred", "--schemas", str(schemas))
    code, _out, err = run_import(catalogue, table, *args)
    assert (code, err) == (0, "")
    data = read_document(catalogue / "certificates" / "fictional-kappa.yaml", "certificate", "x").data
    assert data["occupations"] == [
        {"code": "4-04-05-05", "name": {"zh": "虚构职业"}, "trade": {"zh": "虚构工种"}, "sources": [SOURCE]}
    ]
    assert "history" not in data  # the handover itself is one programme-wide event, not repeated here
    assert list(data).index("occupations") < list(data).index("sources")
    before = snapshot(catalogue)
    assert run_import(catalogue, table, *args)[0] == 0
    assert snapshot(catalogue) == before


def test_another_name_for_an_occupation_is_a_disagreement(catalogue, tmp_path, schemas):
    args = ("--event", "transferred", "--schemas", str(schemas))
    table = tmp_path / "table.csv"
    table.write_text(TABLE.format(trade=""), encoding="utf-8")
    assert run_import(catalogue, table, "--source", SOURCE, *args)[0] == 0
    table.write_text(TABLE.format(trade="").replace("虚构职业", "另一虚构职业"), encoding="utf-8")
    before = snapshot(catalogue)
    code, out, _err = run_import(catalogue, table, "--source", "fictional-notice-2021", *args)
    assert code == 0
    assert (
        "  ! fictional-kappa: occupations 4-04-05-05: 目录 catalogue “虚构职业” (fictional-report) · "
        "第 2 行 row 2 “另一虚构职业” (fictional-notice-2021) — 未写入 not written" in out
    )
    assert snapshot(catalogue) == before


def test_a_correspondence_row_without_an_occupation_code_is_refused(catalogue, tmp_path, schemas):
    table = tmp_path / "table.csv"
    table.write_text(TABLE.format(trade="").replace("4-04-05-05", "40405"), encoding="utf-8")
    before = snapshot(catalogue)
    code, _out, err = run_import(
        catalogue, table, "--source", SOURCE, "--event", "transferred", "--schemas", str(schemas)
    )
    assert code == 1
    assert "row 2 needs an occupation code such as 4-04-05-05 (职业编码) and its name (职业名称)" in err
    assert snapshot(catalogue) == before
