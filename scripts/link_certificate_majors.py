"""Add the certificate-major links of certificate-majors.csv to the catalogued certificates.

    .venv/bin/python scripts/link_certificate_majors.py CERTIFICATE_MAJORS_CSV [--source platform-query-2026-08-30]

Each row with a major code links the certificate named certificate_zh (matched by its Chinese name)
to that 2021 major, citing the source. A certificate not in the catalogue yet is skipped and listed
(run the script again after importing it); a link already there is left alone, so running it twice
changes nothing. A row without a code names a broad field (所有土建类及相关专业), not a major: it
is listed, never turned into a link. Files are edited through ruamel.yaml round-trip, so comments,
key order and the schema modeline stay as they were.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

ROOT = Path(__file__).resolve().parent.parent
CERTIFICATES = ROOT / "catalogue" / "certificates"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv_file", type=Path)
    parser.add_argument("--source", default="platform-query-2026-08-30")
    parser.add_argument("--certificates", type=Path, default=CERTIFICATES)
    args = parser.parse_args(argv)

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    by_name = {}
    for path in sorted(args.certificates.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"))
        by_name[str(data["name"]["zh"])] = path

    with args.csv_file.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    changed: dict[Path, CommentedMap] = {}
    for number, row in enumerate(rows, start=2):
        name, code = row["certificate_zh"], row["major_code_2021"]
        if not code:
            print(f"row {number}: {name}: '{row['major_as_stated']}' is a broad field, not a major: no link written")
            continue
        path = by_name.get(name)
        if path is None:
            print(f"row {number}: {name} is not catalogued yet: skipped (run again after importing it)")
            continue
        data = changed.get(path) or yaml.load(path.read_text(encoding="utf-8"))
        links = data.setdefault("related_majors", CommentedSeq())
        existing = next((link for link in links if str(link["major"]) == code), None)
        if existing is not None:  # already linked: the platform confirms it, so it is cited too
            if args.source in existing.get("sources", []):
                continue
            existing.setdefault("sources", CommentedSeq()).append(args.source)
        else:
            sources = CommentedSeq([args.source])
            sources.fa.set_flow_style()
            links.append(CommentedMap([("major", DoubleQuotedScalarString(code)), ("sources", sources)]))
        changed[path] = data
        print(f"row {number}: {name} -> {code} {row['major_as_stated']}")
    for path, data in changed.items():
        with path.open("w", encoding="utf-8") as f:
            yaml.dump(data, f)
    print(f"{len(changed)} certificate file(s) changed; run `python build.py check`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
