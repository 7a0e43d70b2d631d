"""`build.py import` reading a list (xcat/tools/importer/table.py): XLSX workbooks generated here
(empty cells, formulas in every form a spreadsheet stores them, a workbook without a sheet, the
row limit), CSVs in each encoding, separator and line end a spreadsheet program saves (and those
it cannot read), and the ways a list writes a batch. What is asserted is what a maintainer sees: the
rows read, the files written, the refusal's message."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.worksheet.formula import ArrayFormula

from tests.helpers import copy_fictional
from tests.tools.test_import import SOURCE, run_import, snapshot, xlsx
from xcat.check.load import read_document
from xcat.tools.importer import table as importer_table


@pytest.fixture()
def catalogue(tmp_path) -> Path:
    return copy_fictional(tmp_path)


def new_certificate(catalogue: Path) -> dict:
    return read_document(catalogue / "certificates" / "xu-gou-xin-zheng-shu.yaml", "certificate", "x").data


def test_an_empty_cell_in_an_xlsx_row_is_an_empty_value(catalogue, tmp_path):
    table = xlsx(
        tmp_path / "list.xlsx",
        [["证书名称", "等级", "培训评价组织"], ["虚构新证书", None, "虚构新组织有限公司"]],
    )
    code, _out, err = run_import(catalogue, table, "--source", SOURCE)
    assert (code, err) == (0, "")
    data = new_certificate(catalogue)
    assert data["organization"] == "xu-gou-xin-zu-zhi"
    assert "levels" not in data


def test_a_workbook_without_a_sheet_is_refused_as_empty(catalogue, tmp_path):
    stream = io.BytesIO()
    Workbook().save(stream)
    table = tmp_path / "list.xlsx"
    with zipfile.ZipFile(stream) as source, zipfile.ZipFile(table, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", data)
            target.writestr(item, data)
    before = snapshot(catalogue)
    code, out, err = run_import(catalogue, table, "--source", SOURCE)
    assert (code, out) == (1, "")
    assert err == f"build.py import: {table}: 文件是空的 · the file is empty\n未写入任何文件 · nothing was written.\n"
    assert snapshot(catalogue) == before


@pytest.mark.parametrize(
    "cell",
    [
        ArrayFormula("B2", '=CONCAT("虚构","组织")'),  # stored as a formula, read as an ArrayFormula object
        "+86 虚构组织",  # stored as text; a spreadsheet would run it
        "@虚构组织",
    ],
    ids=["array formula", "text starting with +", "text starting with @"],
)
def test_a_formula_in_an_xlsx_is_refused_with_its_cell(catalogue, tmp_path, cell):
    book = Workbook()
    book.active.append(["证书名称", "培训评价组织"])
    book.active.append(["虚构新证书", "虚构新组织"])
    book.active["B2"] = cell
    book.save(tmp_path / "list.xlsx")
    before = snapshot(catalogue)
    code, _out, err = run_import(catalogue, tmp_path / "list.xlsx", "--source", SOURCE)
    assert code == 1
    assert (
        "第 2 行第 2 列是公式：请只保留其值 · row 2, column 2 is a formula: keep only its value (paste as values)"
        in err
    )
    assert snapshot(catalogue) == before


def test_an_xlsx_list_of_as_many_rows_as_allowed_is_read_whole_with_the_blank_rows_after_it(tmp_path, monkeypatch):
    monkeypatch.setattr(importer_table, "MAX_ROWS", 3)
    rows = [["证书名称", "培训评价组织"]] + [[f"虚构证书{n}", "虚构组织"] for n in "甲乙丙"] + [[" ", " "]] * 5
    table = importer_table.read_table(xlsx(tmp_path / "list.xlsx", rows))
    assert [(row.number, row.values["certificate"]) for row in table.rows] == [
        (2, "虚构证书甲"),
        (3, "虚构证书乙"),
        (4, "虚构证书丙"),
    ]


@pytest.mark.parametrize("batch", ["第二批", "第2批", "第 2 批次", "batch-2", "Batch 2", "2", "２"])
def test_a_batch_as_the_list_writes_it_is_the_catalogues_batch(catalogue, tmp_path, batch):
    table = tmp_path / "list.csv"
    table.write_text(f"证书名称,培训评价组织,批次\n虚构新证书,虚构新组织有限公司,{batch}\n", encoding="utf-8")
    code, _out, err = run_import(catalogue, table, "--source", SOURCE)
    assert (code, err) == (0, "")
    assert new_certificate(catalogue)["batch"] == "batch-2"


def test_an_xlsx_list_longer_than_allowed_is_refused_like_a_csv(tmp_path, monkeypatch):
    """One row past the limit, with blank rows among them (they do not count): refused, never cut short."""
    monkeypatch.setattr(importer_table, "MAX_ROWS", 3)
    rows = [["证书名称", "培训评价组织"]] + [[f"虚构证书{n}", "虚构组织"] for n in "甲乙"] + [[None, None]] * 3
    rows += [[f"虚构证书{n}", "虚构组织"] for n in "丙丁"]
    for name, write in [("list.xlsx", lambda path: xlsx(path, rows)), ("list.csv", csv_of(rows))]:
        with pytest.raises(importer_table.TableError, match=r"^超过 3 行：请拆分 · more than 3 rows: split the list$"):
            importer_table.read_table(write(tmp_path / name))


def test_an_xlsx_list_far_longer_than_allowed_is_refused_without_reading_the_rest(tmp_path, monkeypatch):
    """A sheet of a million rows is not read whole to be refused: reading stops two filled rows past
    the limit (here the header and four rows), so a formula in the row after them is never reached."""
    monkeypatch.setattr(importer_table, "MAX_ROWS", 3)
    rows = [["证书名称", "培训评价组织"]] + [[f"虚构证书{n}", "虚构组织"] for n in "甲乙丙丁"] + [["=1+1", "虚构组织"]]
    with pytest.raises(importer_table.TableError, match=r"^超过 3 行：请拆分 · more than 3 rows: split the list$"):
        importer_table.read_table(xlsx(tmp_path / "list.xlsx", rows))
    rows[4:5] = []  # one data row fewer: the formula is read, and refused for what it is
    with pytest.raises(importer_table.TableError, match=r"^第 5 行第 1 列是公式"):
        importer_table.read_table(xlsx(tmp_path / "list.xlsx", rows))


def csv_of(rows):
    def write(path: Path) -> Path:
        path.write_text("\n".join(",".join(cell or "" for cell in row) for row in rows) + "\n", encoding="utf-8")
        return path

    return write


def test_an_xlsx_whose_declared_size_is_wrong_is_read_whole(tmp_path):
    """A program that wrote the file declared A1:A2 (one column, two rows): every cell is still read."""
    rows = [["证书名称", "培训评价组织"]] + [[f"虚构证书{n}", "虚构组织"] for n in "甲乙丙"]
    path = xlsx(tmp_path / "list.xlsx", rows)
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:A2"/>', parts[sheet])
    assert b'<dimension ref="A1:A2"/>' in parts[sheet]
    with zipfile.ZipFile(path, "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)
    table = importer_table.read_table(path)
    assert [(row.number, row.values["certificate"], row.values["organization"]) for row in table.rows] == [
        (2, "虚构证书甲", "虚构组织"),
        (3, "虚构证书乙", "虚构组织"),
        (4, "虚构证书丙", "虚构组织"),
    ]


# --- Reading a CSV as a spreadsheet program saves it --------------------------------

NAMES = {"certificate": "虚构新证书", "organization": "虚构新组织"}
CSV_LISTS = [
    # (what the list is, its bytes, the values of its one row, its unread headers)
    (
        "UTF-8 with a BOM, the certificate first",
        "证书名称,培训评价组织\n虚构新证书,虚构新组织\n".encode("utf-8-sig"),
        NAMES,
        [],
    ),
    (
        "tab-separated, a comma inside a later cell, the row number column not read",
        "序号\t证书名称\t培训评价组织\t工种\n1\t虚构新证书\t虚构新组织\t甲,乙\n".encode(),
        NAMES | {"trade": "甲,乙"},
        [],
    ),
    (
        "a row shorter than its header",
        "证书名称,培训评价组织,工种\n虚构新证书,虚构新组织\n".encode(),
        NAMES | {"trade": ""},
        [],
    ),
    (
        "CR line ends, as an old Mac wrote them",
        "证书名称,培训评价组织\r虚构新证书,虚构新组织\r".encode(),
        NAMES,
        [],
    ),
    (
        "tab-separated below a blank line",
        "\n证书名称\t培训评价组织\n虚构新证书\t虚构新组织\n".encode(),
        NAMES,
        [],
    ),
    (
        "comma-separated below a blank line",
        "\n证书名称,培训评价组织\n虚构新证书,虚构新组织\n".encode(),
        NAMES,
        [],
    ),
    (
        "comma-separated, a tab inside a header",
        "证书名称,培训评价组织,备注\t说明\n虚构新证书,虚构新组织,甲\n".encode(),
        NAMES,
        ["备注\t说明"],
    ),
    (
        "a quoted cell over two lines of a CRLF file, kept as written",
        '证书名称,培训评价组织,工种\r\n虚构新证书,虚构新组织,"甲\r\n乙"\r\n'.encode(),
        NAMES | {"trade": "甲\r\n乙"},
        [],
    ),
]


@pytest.mark.parametrize(
    ("data", "values", "ignored"), [case[1:] for case in CSV_LISTS], ids=[case[0] for case in CSV_LISTS]
)
def test_a_csv_list_is_read_by_its_own_separator_and_encoding(tmp_path, data, values, ignored):
    path = tmp_path / "list.csv"
    path.write_bytes(data)
    table = importer_table.read_table(path)
    assert [row.values for row in table.rows] == [values]
    assert table.columns == {"certificate": "证书名称", "organization": "培训评价组织"} | (
        {"trade": "工种"} if "trade" in values else {}
    )
    assert table.ignored == ignored


UNREADABLE_CSV = [
    (
        "UTF-16",
        "证书名称,培训评价组织\n虚构新证书,虚构新组织\n".encode("utf-16"),
        "无法识别文件的编码（应为 UTF-8 或 GB18030 的 CSV，或 XLSX）：请另存为 UTF-8 CSV · "
        "unknown encoding (expected a CSV in UTF-8 or GB18030, or an XLSX file): save it as UTF-8 CSV",
    ),
    (
        "UTF-16 without a BOM, which GB18030 would misread",
        "证书名称,培训评价组织\n虚构新证书,虚构新组织\n".encode("utf-16-le"),
        "无法识别文件的编码（应为 UTF-8 或 GB18030 的 CSV，或 XLSX）：请另存为 UTF-8 CSV · "
        "unknown encoding (expected a CSV in UTF-8 or GB18030, or an XLSX file): save it as UTF-8 CSV",
    ),
    (
        "neither UTF-8 nor GB18030",
        b"\x80\x80\x80,\x80\n",
        "无法识别文件的编码（应为 UTF-8 或 GB18030 的 CSV，或 XLSX）：请另存为 UTF-8 CSV · "
        "unknown encoding (expected a CSV in UTF-8 or GB18030, or an XLSX file): save it as UTF-8 CSV",
    ),
    (
        "text after a closing quote",
        '证书名称,培训评价组织\n"虚构新证书"甲,虚构新组织\n'.encode(),
        "这不是可读的 CSV 表格 · not a readable CSV table: ',' expected after '\"'",
    ),
    (
        "an old Excel workbook, whose bytes start as every .xls file does",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
        "这是旧版 Excel（.xls）文件：请另存为 .xlsx 或 CSV · this is an old Excel (.xls) file: save it as .xlsx or CSV",
    ),
]


@pytest.mark.parametrize(
    ("data", "message"), [case[1:] for case in UNREADABLE_CSV], ids=[case[0] for case in UNREADABLE_CSV]
)
def test_an_unreadable_csv_is_refused_with_what_to_do(tmp_path, data, message):
    path = tmp_path / "list.csv"
    path.write_bytes(data)
    with pytest.raises(importer_table.TableError) as refusal:
        importer_table.read_table(path)
    assert str(refusal.value) == message


def test_a_list_of_exactly_the_size_allowed_is_read_and_one_byte_more_is_refused(tmp_path):
    """5 MiB in as many rows as allowed, each with a long note in a column that is not read."""
    rows = [f"虚构证书{n},虚构组织,\n" for n in range(importer_table.MAX_ROWS)]
    bare = len(("证书名称,培训评价组织,备注\n" + "".join(rows)).encode())
    width, rest = divmod(importer_table.MAX_BYTES - bare, len(rows))
    rows = [row[:-1] + "x" * width + "\n" for row in rows]
    rows[-1] = rows[-1][:-1] + "x" * rest + "\n"
    text = "证书名称,培训评价组织,备注\n" + "".join(rows)
    path = tmp_path / "list.csv"
    path.write_text(text, encoding="utf-8")
    assert len(importer_table.read_table(path).rows) == importer_table.MAX_ROWS
    path.write_text(text + " ", encoding="utf-8")
    with pytest.raises(importer_table.TableError) as refusal:
        importer_table.read_table(path)
    assert str(refusal.value) == (
        "文件有 5,242,881 字节，上限为 5,242,880（5 MiB）：请拆分 · "
        "the file is 5,242,881 bytes; the limit is 5,242,880 (5 MiB): split it"
    )


def test_a_folder_given_as_the_list_is_refused_with_why_it_cannot_be_read(tmp_path):
    with pytest.raises(importer_table.TableError) as refusal:
        importer_table.read_table(tmp_path)
    assert str(refusal.value) == "无法读取文件 · cannot read the file: Is a directory"
