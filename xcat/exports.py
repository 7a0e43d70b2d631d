"""Stage 4b: open data (JSON API, CSV, Atom feeds, schemas) written from the model.

open_data() decides every file's path and bytes; write_exports() puts them under
docs_dir, which MkDocs copies into the site at the same paths. The layout:

    api/index.json                      what exists, with links
    api/catalogue.json                  everything in one file
    api/certificates/<id>.json          one certificate (likewise organizations/, batches/)
    data/certificates.csv               one row per certificate
    data/events.csv                     one row per history event
    feeds/changes.xml                   Atom feed of changes (feeds/organizations/<id>.xml per organization)
    schema/<name>.schema.json           the catalogue's own schemas
    schema/output/<name>.schema.json    the schemas of the JSON files above
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import api, buildinfo, feeds, tables
from .api import API_PATHS, CATALOGUE_PATH, INDEX_PATH, Records
from .buildinfo import BuildInfo
from .model import Catalogue

CERTIFICATES_CSV = "data/certificates.csv"
EVENTS_CSV = "data/events.csv"
OUTPUT_SCHEMAS = "output"  # sub-folder of schema/ holding the output schemas


def write_exports(catalogue: Catalogue, docs_dir: Path, root: Path) -> None:
    """Write every open-data file under docs_dir, which MkDocs copies into the site."""
    site_url = buildinfo.site_url(root / "mkdocs.yml")
    records = Records(site_url)
    build = buildinfo.derive(catalogue, records.catalogue(catalogue), root)
    write_files(docs_dir, open_data(catalogue, build, root / "schema"))


def open_data(catalogue: Catalogue, build: BuildInfo, schema_dir: Path) -> dict[str, bytes]:
    """Every open-data file: path relative to the site root -> bytes."""
    records = Records(build.site_url)
    files: dict[str, bytes] = {}
    whole = records.catalogue(catalogue)
    files[CATALOGUE_PATH] = as_json(api.published("catalogue", whole, build))
    for certificate in whole["certificates"]:
        files[API_PATHS["certificate"].format(certificate["id"])] = _standalone("certificate", certificate, catalogue, build)
    for organization in whole["organizations"]:
        files[API_PATHS["organization"].format(organization["id"])] = _standalone("organization", organization, catalogue, build)
    for batch in whole["batches"]:
        files[API_PATHS["batch"].format(batch["id"])] = _standalone("batch", batch, catalogue, build)

    files[CERTIFICATES_CSV] = tables.certificates_csv(catalogue, build.site_url)
    files[EVENTS_CSV] = tables.events_csv(catalogue)

    files[feeds.CHANGES_PATH] = feeds.changes_feed(catalogue, build)
    for organization in sorted(catalogue.organizations.values(), key=lambda o: o.id):
        files[feeds.ORGANIZATION_PATH.format(organization.id)] = feeds.organization_feed(organization, build)

    files.update(schema_files(schema_dir))
    files[INDEX_PATH] = as_json(api.published("index", index(whole, files, build), build))
    return files


def _standalone(kind: str, record: dict[str, Any], catalogue: Catalogue, build: BuildInfo) -> bytes:
    return as_json(api.published(kind, {**record, "cited_sources": api.cited_sources(record, catalogue)}, build))


def schema_files(schema_dir: Path) -> dict[str, bytes]:
    """The catalogue's schemas and the output schemas, published byte for byte."""
    found = {f"schema/{p.name}": p for p in schema_dir.glob("*.schema.json")}
    found.update({f"schema/{OUTPUT_SCHEMAS}/{p.name}": p for p in (schema_dir / OUTPUT_SCHEMAS).glob("*.schema.json")})
    return {path: found[path].read_bytes() for path in sorted(found)}


def index(whole: dict[str, Any], files: dict[str, bytes], build: BuildInfo) -> dict[str, Any]:
    """What the open data holds and where: enough to discover everything from one URL."""
    def summary(record: dict[str, Any]) -> dict[str, Any]:
        return {key: record[key] for key in ("id", "name", "status", "url", "api") if key in record}

    return {
        "catalogue": build.url(CATALOGUE_PATH),
        "csv": {"certificates": build.url(CERTIFICATES_CSV), "events": build.url(EVENTS_CSV)},
        "feeds": {
            "changes": build.url(feeds.CHANGES_PATH),
            "organizations": {o["id"]: build.url(feeds.ORGANIZATION_PATH.format(o["id"])) for o in whole["organizations"]},
        },
        "schemas": {
            "catalogue": [build.url(p) for p in sorted(files) if p.startswith("schema/") and p.count("/") == 1],
            "output": [build.url(p) for p in sorted(files) if p.startswith(f"schema/{OUTPUT_SCHEMAS}/")],
        },
        "certificates": [summary(c) for c in whole["certificates"]],
        "organizations": [summary(o) for o in whole["organizations"]],
        "batches": [summary(b) for b in whole["batches"]],
    }


def as_json(data: Any) -> bytes:
    """Stable text: fixed field order, real Chinese characters, one trailing newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")


def write_files(docs_dir: Path, files: dict[str, bytes]) -> None:
    for relative, content in files.items():
        target = docs_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
