"""Write catalogue/majors.yaml from the 2021 national vocational education major catalogue.

    .venv/bin/python scripts/import_majors_2021.py MAJORS_CSV CATEGORIES_CSV [--out catalogue/majors.yaml]

MAJORS_CSV is majors-2021.csv (code,name,level,category_code,category,big_category_code,
big_category,second_source) and CATEGORIES_CSV is major-categories-2021.csv (code,name,type,
parent_code,level), both described in the shared data's README. The file is rewritten whole, in a
fixed order (level, then code), so running it again on the same input changes nothing; the
checker then verifies every code. Certificates' related_majors and fields.yaml are not touched.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xcat.vocabulary import MAJOR_LEVELS  # noqa: E402 - the project's package, found from this script's folder

HEADER = """\
# yaml-language-server: $schema=../schema/majors.schema.json
# 职业教育专业目录（2021年）: every major with its official six-digit code (the id), its 专业类
# (four digits) and 专业大类 (two digits), at three levels. Written by
# scripts/import_majors_2021.py from majors-2021.csv and major-categories-2021.csv (see
# catalogue/sources/moe-major-catalogue-2021.yaml): rerun the script, do not edit by hand.
# second_conversion: false marks the rows that only the first conversion of the ministry's
# document gives (an independent second conversion does not have them).
sources: [moe-major-catalogue-2021]
"""


def _text(value: str) -> str:
    """A YAML double-quoted scalar (JSON is one): names may hold commas, brackets or colons."""
    return json.dumps(value, ensure_ascii=False)


def _order(level: str, code: str) -> tuple[int, str]:
    return (list(MAJOR_LEVELS).index(level), code)


def majors_yaml(majors_csv: Path, categories_csv: Path) -> str:
    with categories_csv.open(encoding="utf-8-sig", newline="") as f:
        categories = sorted(csv.DictReader(f), key=lambda r: _order(r["level"], r["code"]))
    with majors_csv.open(encoding="utf-8-sig", newline="") as f:
        majors = sorted(csv.DictReader(f), key=lambda r: _order(r["level"], r["code"]))
    lines = [HEADER, "categories:\n"]
    for row in categories:
        lines.append(f'  - {{code: "{row["code"]}", name: {{zh: {_text(row["name"])}}}, level: {row["level"]}}}\n')
    lines.append("majors:\n")
    for row in majors:
        flag = ", second_conversion: false" if row["second_source"] == "no" else ""
        lines.append(
            f'  - {{id: "{row["code"]}", name: {{zh: {_text(row["name"])}}}, level: {row["level"]}, '
            f'category: "{row["category_code"]}"{flag}}}\n'
        )
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("majors_csv", type=Path)
    parser.add_argument("categories_csv", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "catalogue" / "majors.yaml")
    args = parser.parse_args(argv)
    text = majors_yaml(args.majors_csv, args.categories_csv)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}: {text.count('  - {id: ')} majors, {text.count('  - {code: ')} categories")
    return 0


if __name__ == "__main__":
    sys.exit(main())
