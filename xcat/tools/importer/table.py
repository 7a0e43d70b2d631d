"""Reading an official list: a CSV (UTF-8 with or without BOM, or GB18030) or an XLSX
sheet, into rows of known columns, each with the row number a spreadsheet shows.

The list is untrusted: its size, encoding, shape and every cell are checked before
anything is matched, and each refusal names the row (and column) to fix.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

# An official list of every certificate (about 447, three levels each) is under 200 KB.
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000

# Each known column and the headers that name it (compared without spaces, case or the
# full-width/half-width difference). 序号 (the row number) is known and ignored.
COLUMNS: dict[str, tuple[str, ...]] = {
    "certificate": (
        "证书名称",
        "证书",
        "职业技能等级证书",
        "职业技能等级证书名称",
        "certificate",
        "certificate_zh",
        "certificatename",
        "name",
    ),
    "organization": (
        "培训评价组织",
        "培训评价组织名称",
        "评价组织",
        "颁证机构",
        "organization",
        "organization_zh",
        "organizationname",
    ),
    "level": ("等级", "证书等级", "level"),
    "batch": ("批次", "试点批次", "batch"),
    "successor": ("替代证书", "替代证书名称", "successor", "successor_zh"),
    "equivalence": ("等同程度", "equivalence"),
    "occupation_code": ("职业编码", "occupation_code", "occupationcode"),
    "occupation": ("职业名称", "职业", "occupation", "occupation_zh"),
    "trade": ("工种", "trade", "trade_zh"),
    "ignored": ("序号", "no", "no.", "#", "number"),
}
REQUIRED = ("certificate", "organization")
NAME_SUFFIX = "职业技能等级证书"
# A cell that a spreadsheet would run as a formula, written as text in a CSV.
_FORMULA_START = ("=", "+", "@")
_BATCH = re.compile(r"^(?:第\s*([0-9一二三四五六七八九十]+)\s*批(?:次)?|batch-?\s*([0-9]+)|([0-9]+))$", re.IGNORECASE)
_CHINESE_DIGITS = {c: n for n, c in enumerate("一二三四五六七八九十", start=1)}


class TableError(Exception):
    """The list cannot be imported as it is: the message says where and what to change."""


@dataclass
class Row:
    number: int  # as a spreadsheet numbers it: the header is row 1
    values: dict[str, str]


@dataclass
class Table:
    rows: list[Row]
    columns: dict[str, str]  # known column -> its header as written
    ignored: list[str] = field(default_factory=list)  # unknown headers, reported and not read


def header_key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


_KNOWN = {header_key(alias): column for column, aliases in COLUMNS.items() for alias in aliases}


def read_table(path: Path) -> Table:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise TableError(
                f"文件有 {size:,} 字节，上限为 {MAX_BYTES:,}（5 MiB）：请拆分 · "
                f"the file is {size:,} bytes; the limit is {MAX_BYTES:,} (5 MiB): split it"
            )
        data = path.read_bytes()
    except OSError as error:
        raise TableError(f"无法读取文件 · cannot read the file: {error.strerror or error}") from None
    if not data.strip():
        raise TableError("文件是空的 · the file is empty")
    if data.startswith(b"PK\x03\x04"):
        cells = _xlsx_cells(data)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise TableError(
            "这是旧版 Excel（.xls）文件：请另存为 .xlsx 或 CSV · this is an old Excel (.xls) file: save it as .xlsx or CSV"
        )
    else:
        cells = _csv_cells(data)
    return _table(cells)


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]  # pragma: no mutate (codec names are case-insensitive)
    elif b"\x00" in data:  # UTF-16/32 or a binary file: no table we read holds NUL
        encodings = []
    else:
        encodings = ["utf-8", "gb18030"]  # pragma: no mutate (codec names are case-insensitive)
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError(
        "无法识别文件的编码（应为 UTF-8 或 GB18030 的 CSV，或 XLSX）：请另存为 UTF-8 CSV · "
        "unknown encoding (expected a CSV in UTF-8 or GB18030, or an XLSX file): save it as UTF-8 CSV"
    )


def _csv_cells(data: bytes) -> list[tuple[int, list[str]]]:
    text = _decode(data)
    # The header (the first line with text: blank rows above it are skipped) names at least two
    # columns, so it holds its separator: a comma, or else a tab.
    lines = [line for line in text.splitlines() if line.strip()]
    delimiter = "," if not lines or "," in lines[0] else "\t"
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as error:
        raise TableError(f"这不是可读的 CSV 表格 · not a readable CSV table: {error}") from None
    for number, row in enumerate(rows, start=1):
        for column, cell in enumerate(row, start=1):
            if cell.strip().startswith(_FORMULA_START):
                raise TableError(_formula(number, column))
    return list(enumerate(rows, start=1))


def _xlsx_cells(data: bytes) -> list[tuple[int, list[str]]]:
    # Imported here: openpyxl is only needed for spreadsheets.
    from openpyxl import load_workbook  # noqa: PLC0415

    try:
        book = load_workbook(io.BytesIO(data), read_only=True)  # formulas stay formulas, to be refused
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise TableError(f"这不是可读的 XLSX 表格 · not a readable XLSX table: {error}") from None
    sheet = book.worksheets[0] if book.worksheets else None
    if sheet is None:
        raise TableError("文件是空的 · the file is empty")
    # A read-only sheet trusts the <dimension> its file declares, which a program that wrote it may
    # have got wrong (rows or columns past it would be dropped without a word): read what is there.
    sheet.reset_dimensions()
    rows: list[tuple[int, list[str]]] = []
    filled = 0
    for number, row in enumerate(sheet.iter_rows(), start=1):
        if filled > MAX_ROWS + 1:  # the header and one row too many: _table refuses the list
            break  # pragma: no mutate - `return` would skip only book.close(), which frees memory
        values = []
        for column, cell in enumerate(row, start=1):
            value = cell.value
            if cell.data_type == "f" or (isinstance(value, str) and value.strip().startswith(_FORMULA_START)):
                raise TableError(_formula(number, column))
            values.append("" if value is None else str(value))
        rows.append((number, values))
        filled += any(v.strip() for v in values)
    book.close()
    return rows


def _formula(row: int, column: int) -> str:
    return (
        f"第 {row} 行第 {column} 列是公式：请只保留其值 · "
        f"row {row}, column {column} is a formula: keep only its value (paste as values)"
    )


def _table(cells: list[tuple[int, list[str]]]) -> Table:
    cells = [(number, [c.strip() for c in row]) for number, row in cells]
    cells = [(number, row) for number, row in cells if any(row)]
    if not cells:
        raise TableError("文件是空的 · the file is empty")
    header_number, header = cells[0]
    columns: dict[str, str] = {}
    positions: dict[str, int] = {}
    ignored = []
    for position, text in enumerate(header):
        column = _KNOWN.get(header_key(text))
        if column is None:
            if text:
                ignored.append(text)
        elif column != "ignored":
            if column in columns:
                raise TableError(
                    f"第 {header_number} 行：“{columns[column]}”与“{text}”是同一列 · "
                    f"row {header_number}: '{columns[column]}' and '{text}' are the same column ({column}): keep one"
                )
            columns[column], positions[column] = text, position
    if not columns:
        known = "、".join(COLUMNS["certificate"][:1] + COLUMNS["organization"][:1])
        raise TableError(
            f"第 {header_number} 行不是表头：没有认得的列（至少需要 {known}）· "
            f"row {header_number} is not a header: no known column (at least certificate and organization); "
            "this file does not look like a list of certificates"
        )
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        names = " / ".join(f"{COLUMNS[c][0]} ({c})" for c in missing)
        raise TableError(f"第 {header_number} 行缺少必需的列 · row {header_number} lacks the required column: {names}")
    rows = []
    for number, row in cells[1:]:
        values = {column: row[position] if position < len(row) else "" for column, position in positions.items()}
        if not values["certificate"]:
            raise TableError(
                f"第 {number} 行没有证书名称 · row {number} has no certificate name ({columns['certificate']})"
            )
        if not values["organization"]:
            raise TableError(
                f"第 {number} 行没有培训评价组织 · row {number} has no organization ({columns['organization']})"
            )
        values["certificate"] = strip_suffix(values["certificate"])
        rows.append(Row(number, values))
        if len(rows) > MAX_ROWS:
            raise TableError(f"超过 {MAX_ROWS:,} 行：请拆分 · more than {MAX_ROWS:,} rows: split the list")
    if not rows:
        raise TableError("文件只有表头，没有数据行 · the file has a header but no rows")
    return Table(rows, columns, ignored)


def strip_suffix(name: str) -> str:
    name = name.strip()
    return name[: -len(NAME_SUFFIX)].strip() if name.endswith(NAME_SUFFIX) and name != NAME_SUFFIX else name


def batch_id(text: str) -> str | None:
    """第一批, 第1批, 1, batch-1 -> batch-1; None when the text is not a batch."""
    match = _BATCH.match(unicodedata.normalize("NFKC", text).strip())
    if not match:
        return None
    number = next(g for g in match.groups() if g)
    if number.isdigit():
        return f"batch-{int(number)}"
    if len(number) == 1:
        return f"batch-{_CHINESE_DIGITS[number]}"
    return None
