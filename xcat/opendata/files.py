"""Stage 3b: open data (JSON API, CSV, Atom feeds, schemas) written from the model.

each_file() decides every file's path and bytes, one file at a time; write_exports() writes
each as it comes under docs_dir, which MkDocs copies into the site at the same paths (so the
open data of 5,000 certificates is never in memory at once); open_data() collects them. The layout:

    api/index.json                      what exists, with links
    api/catalogue.json                  everything in one file
    api/certificates/<id>.json          one certificate (likewise organizations/, batches/)
    data/certificates.csv               one row per certificate
    data/events.csv                     one row per history event
    feeds/changes.xml                   Atom feed of changes (feeds/organizations/<id>.xml per organization,
                                        fields/<id>.xml per 专业大类, majors/<code>.xml per major with certificates)
    schema/<name>.schema.json           the catalogue's own schemas
    schema/output/<name>.schema.json    the schemas of the JSON files above
"""

from __future__ import annotations

import datetime
import io
import itertools
import json
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from .. import urls
from ..model import Catalogue
from . import buildinfo, feeds, records, tables
from .buildinfo import BuildInfo
from .records import Records


def write_exports(
    catalogue: Catalogue, docs_dir: Path, schema_dir: Path, site_url: str, built: tuple[datetime.datetime, str]
) -> None:
    """Write every open-data file under docs_dir, which MkDocs copies into the site.
    built: the build date and where it came from (buildinfo.build_date)."""
    whole = Records(site_url).catalogue(catalogue)
    build = buildinfo.derive(whole, built, site_url)
    # Equivalent mutant: without `whole`, each_file computes the same record again.
    for relative, content in each_file(catalogue, build, schema_dir, whole):  # pragma: no mutate
        write_file(docs_dir, relative, content)


def open_data(catalogue: Catalogue, build: BuildInfo, schema_dir: Path) -> dict[str, bytes]:
    """Every open-data file: path relative to the site root -> bytes."""
    return dict(each_file(catalogue, build, schema_dir))


def each_file(
    catalogue: Catalogue, build: BuildInfo, schema_dir: Path, whole: dict[str, Any] | None = None
) -> Iterator[tuple[str, bytes]]:
    """Every open-data file as (path relative to the site root, bytes), in a fixed order. whole:
    the catalogue's record if the caller has it already (it is the largest piece of work here)."""
    paths: list[str] = []

    def file(path: str, content: bytes) -> tuple[str, bytes]:
        paths.append(path)
        return path, content

    # Equivalent mutant: computing the record again gives the same one.
    whole = whole if whole is not None else Records(build.site_url).catalogue(catalogue)  # pragma: no mutate
    yield file(urls.CATALOGUE_JSON, as_json(records.published("catalogue", whole, build)))
    for certificate in whole["certificates"]:
        yield file(
            urls.api("certificate", certificate["id"]), _standalone("certificate", certificate, catalogue, build)
        )
    for organization in whole["organizations"]:
        yield file(
            urls.api("organization", organization["id"]), _standalone("organization", organization, catalogue, build)
        )
    for batch in whole["batches"]:
        yield file(urls.api("batch", batch["id"]), _standalone("batch", batch, catalogue, build))

    yield file(urls.CERTIFICATES_CSV, tables.certificates_csv(catalogue, build.site_url))
    yield file(urls.EVENTS_CSV, tables.events_csv(catalogue))

    yield file(urls.CHANGES_FEED, feeds.changes_feed(catalogue, build))
    for organization in sorted(catalogue.organizations.values(), key=lambda o: o.id):
        yield file(urls.organization_feed(organization.id), feeds.organization_feed(organization, build))
    for item in catalogue.fields.values():
        yield file(urls.field_feed(item.id), feeds.field_feed(item, build))
    for major in catalogue.majors.values():
        if major.certificates:  # the majors with a page of their own
            yield file(urls.major_feed(major.id), feeds.major_feed(major, build))

    for path, content in schema_files(schema_dir).items():
        yield file(path, content)
    yield urls.INDEX_JSON, as_json(records.published("index", index(whole, paths, build), build))


def _standalone(kind: str, record: dict[str, Any], catalogue: Catalogue, build: BuildInfo) -> bytes:
    return as_json(
        records.published_item(kind, {**record, "cited_sources": records.cited_sources(record, catalogue)}, build)
    )


def schema_files(schema_dir: Path) -> dict[str, bytes]:
    """The catalogue's schemas and the output schemas, published byte for byte."""
    found = {f"schema/{p.name}": p for p in schema_dir.glob("*.schema.json")}
    output = Path(urls.OUTPUT_SCHEMA_FOLDER)  # the same folder under schema/ in the repository and the site
    found.update({f"{output}/{p.name}": p for p in (schema_dir / output.name).glob("*.schema.json")})
    return {path: found[path].read_bytes() for path in sorted(found)}


def index(whole: dict[str, Any], files: Collection[str], build: BuildInfo) -> dict[str, Any]:
    """What the open data holds and where: enough to discover everything from one URL."""

    def summary(record: dict[str, Any]) -> dict[str, Any]:
        return {key: record[key] for key in ("id", "name", "status", "url", "api") if key in record}

    return {
        "catalogue": build.url(urls.CATALOGUE_JSON),
        "csv": {"certificates": build.url(urls.CERTIFICATES_CSV), "events": build.url(urls.EVENTS_CSV)},
        "feeds": {
            "changes": build.url(urls.CHANGES_FEED),
            "organizations": {o["id"]: build.url(urls.organization_feed(o["id"])) for o in whole["organizations"]},
            "fields": {f["id"]: build.url(urls.field_feed(f["id"])) for f in whole["fields"]},
            "majors": {m["id"]: build.url(urls.major_feed(m["id"])) for m in whole["majors"] if m["certificates"]},
        },
        "schemas": {
            "catalogue": [build.url(p) for p in sorted(files) if p.startswith("schema/") and p.count("/") == 1],
            "output": [build.url(p) for p in sorted(files) if p.startswith(f"{urls.OUTPUT_SCHEMA_FOLDER}/")],
        },
        "certificates": [summary(c) for c in whole["certificates"]],
        "organizations": [summary(o) for o in whole["organizations"]],
        "batches": [summary(b) for b in whole["batches"]],
    }


def as_json(data: Any) -> bytes:
    """Stable text: fixed field order, real Chinese characters, one trailing newline. Encoded a
    piece at a time: json.dumps with an indent joins every small string at once, which made
    catalogue.json the build's largest use of memory (150 MB at 5,000 certificates)."""
    # The two pragmas: None is as false as False (tests still see True and the defaults fail).
    encoder = json.JSONEncoder(
        ensure_ascii=False,  # pragma: no mutate
        indent=2,
        allow_nan=False,  # pragma: no mutate
    )
    pieces = encoder.iterencode(data)
    out = io.BytesIO()
    # Equivalent mutants: any batch size, and "UTF-8" spelt otherwise.
    while batch := list(itertools.islice(pieces, 65536)):  # pragma: no mutate
        out.write("".join(batch).encode("utf-8"))  # pragma: no mutate
    out.write(b"\n")
    return out.getvalue()


def write_files(docs_dir: Path, files: dict[str, bytes]) -> None:
    for relative, content in files.items():
        write_file(docs_dir, relative, content)


def write_file(docs_dir: Path, relative: str, content: bytes) -> None:
    target = docs_dir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
