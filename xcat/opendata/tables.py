"""The CSV tables: one row per certificate, one row per history event.

Written as UTF-8 with a byte order mark, so spreadsheet programs open the Chinese
text correctly. Several values in one cell are joined with "; ". A cell that a
spreadsheet would read as a formula (starting with =, +, -, @, tab or carriage
return) gets a leading apostrophe: contributor text must stay text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from .. import urls
from ..model import Catalogue, Certificate, Event, Name
from ..vocabulary import LEVELS

JOIN = "; "
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CERTIFICATE_COLUMNS = [
    "id",
    "name_zh",
    "name_en",
    "status",
    "status_date",
    "status_sources",
    "introduced_date",
    "organization_id",
    "organization_zh",
    "organization_en",
    "batch",
    "batch_number",
    "fields",
    "fields_zh",
    "related_majors",
    "related_majors_zh",
    "pilot_institutions",
    "pilot_institutions_as_of",
    "pilot_institutions_sources",
    *[f"{english}_{part}" for english in LEVELS.values() for part in ("title", "fee")],
    "successors",
    "current_successors",
    "predecessors",
    "former_names_zh",
    "former_names_en",
    "occupations",
    "occupations_zh",
    "description_zh",
    "description_en",
    "last_verified",
    "last_verified_sources",
    "sources",
    "url",
]

EVENT_COLUMNS = [
    "certificate_id",
    "certificate_zh",
    "certificate_en",
    "sequence",
    "type",
    "date",
    "details_zh",
    "details_en",
    "previous_name_zh",
    "previous_name_en",
    "previous_organization",
    "successors",
    "batch",
    "programme_event",
    "sources",
]


def certificates_csv(catalogue: Catalogue, site_url: str) -> bytes:
    rows = (certificate_row(c, site_url) for c in _by_id(catalogue))
    return to_csv(CERTIFICATE_COLUMNS, rows)


def events_csv(catalogue: Catalogue) -> bytes:
    rows = (event_row(e, number) for c in _by_id(catalogue) for number, e in enumerate(c.history, start=1))
    return to_csv(EVENT_COLUMNS, rows)


def certificate_row(certificate: Certificate, site_url: str) -> dict[str, Any]:
    latest = certificate.latest_pilot_count
    levels = {level.level: level for level in certificate.levels}
    row: dict[str, Any] = {
        "id": certificate.id,
        "name_zh": certificate.name.zh,
        "name_en": certificate.name.en,
        "status": certificate.status,
        "status_date": certificate.status_event.date if certificate.status_event else None,
        "status_sources": joined(s.id for s in certificate.status_event.sources) if certificate.status_event else None,
        "introduced_date": certificate.introduced.date if certificate.introduced else None,
        "organization_id": certificate.organization.id,
        "organization_zh": certificate.organization.name.zh,
        "organization_en": certificate.organization.name.en,
        "batch": certificate.batch.id if certificate.batch else None,
        "batch_number": certificate.batch.number if certificate.batch else None,
        "fields": joined(f.id for f in certificate.fields),
        "fields_zh": joined(f.name.zh for f in certificate.fields),
        "related_majors": joined(r.major.id for r in certificate.related_majors),
        "related_majors_zh": joined(r.major.name.zh for r in certificate.related_majors),
        "pilot_institutions": latest.count if latest else None,
        "pilot_institutions_as_of": latest.as_of if latest else None,
        "pilot_institutions_sources": joined(s.id for s in latest.sources) if latest else None,
        "successors": joined(f"{s.certificate.id} ({s.equivalence})" for s in certificate.successors),
        "current_successors": joined(c.id for c in certificate.current_successors),
        "predecessors": joined(c.id for c in certificate.predecessors),
        "former_names_zh": joined(n.zh for n in certificate.former_names),
        "former_names_en": joined(n.en for n in certificate.former_names if n.en),
        # code, then code and name (with the trade): one occupation per "; "-separated part
        "occupations": joined(o.code for o in certificate.occupations),
        "occupations_zh": joined(
            f"{o.code} {o.name.zh}" + (f"（{o.trade.zh}）" if o.trade else "") for o in certificate.occupations
        ),
        "description_zh": _zh(certificate.description),
        "description_en": _en(certificate.description),
        "last_verified": certificate.last_verified.date if certificate.last_verified else None,
        "last_verified_sources": joined(s.id for s in certificate.last_verified.sources)
        if certificate.last_verified
        else None,
        "sources": joined(s.id for s in certificate.sources),
        "url": site_url + urls.page("certificate", certificate.id),
    }
    for level, english in LEVELS.items():
        found = levels.get(level)
        row[f"{english}_title"] = found.title if found else None
        row[f"{english}_fee"] = found.fee if found else None
    return row


def event_row(event: Event, sequence: int) -> dict[str, Any]:
    certificate = event.certificate
    return {
        "certificate_id": certificate.id,
        "certificate_zh": certificate.name.zh,
        "certificate_en": certificate.name.en,
        "sequence": sequence,
        "type": event.type,
        "date": event.date,
        "details_zh": _zh(event.details),
        "details_en": _en(event.details),
        "previous_name_zh": _zh(event.previous_name),
        "previous_name_en": _en(event.previous_name),
        "previous_organization": event.previous_organization.id if event.previous_organization else None,
        "successors": joined(f"{s.certificate.id} ({s.equivalence})" for s in event.successors),
        "batch": event.from_batch.id if event.from_batch else None,
        "programme_event": event.programme_event.id if event.programme_event else None,
        "sources": joined(s.id for s in event.sources),
    }


def to_csv(columns: list[str], rows: Iterable[dict[str, Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns)  # a key beyond the columns raises (its default)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: cell(value) for key, value in row.items()})
    return buffer.getvalue().encode("utf-8-sig")  # pragma: no mutate - "UTF-8-SIG" is the same codec


def cell(value: Any) -> Any:
    """None becomes an empty cell; text that a spreadsheet would run as a formula is defused."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def joined(values: Iterable[str | None]) -> str:
    return JOIN.join(v for v in values if v)


def _by_id(catalogue: Catalogue) -> list[Certificate]:
    return sorted(catalogue.certificates.values(), key=lambda c: c.id)


def _zh(value: Name | None) -> str | None:
    return value.zh if value else None


def _en(value: Name | None) -> str | None:
    return value.en if value else None
