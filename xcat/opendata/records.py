"""The JSON API's records: plain dicts built from the model, in a fixed field order.

Every record that describes a certificate carries its status and status date, its
full history with sources, its successors (with equivalence), its current
successors (with the chain to them when there is one short chain), its
predecessors and its former names. Optional values are
null rather than missing, so every record of a kind has the same keys.
"""

from __future__ import annotations

from typing import Any

from .. import urls
from ..model import (
    Batch,
    Catalogue,
    Certificate,
    Disagreement,
    Event,
    MajorCategory,
    Name,
    Organization,
    ProgrammeEvent,
    Source,
    Successor,
)
from .buildinfo import BuildInfo


class Records:
    """Turns model objects into records; knows the site's address for links."""

    def __init__(self, site_url: str):
        self.site_url = site_url

    def links(self, kind: str, item_id: str) -> dict[str, str]:
        return {
            "url": self.site_url + urls.page(kind, item_id),
            "api": self.site_url + urls.api(kind, item_id),
        }

    # References: the short form used wherever one item points to another.

    def certificate_ref(self, certificate: Certificate) -> dict[str, Any]:
        return {
            "id": certificate.id,
            "name": name(certificate.name),
            "status": certificate.status,
            **self.links("certificate", certificate.id),
        }

    def organization_ref(self, organization: Organization) -> dict[str, Any]:
        return {"id": organization.id, "name": name(organization.name), **self.links("organization", organization.id)}

    def batch_ref(self, batch: Batch | None) -> dict[str, Any] | None:
        if batch is None:
            return None
        return {"id": batch.id, "number": batch.number, "name": name(batch.name), **self.links("batch", batch.id)}

    # Full records.

    def certificate(self, certificate: Certificate) -> dict[str, Any]:
        latest = certificate.latest_pilot_count
        return {
            "id": certificate.id,
            "name": name(certificate.name),
            **self.links("certificate", certificate.id),
            "status": certificate.status,
            "status_date": certificate.status_event.date if certificate.status_event else None,
            "status_sources": ids(certificate.status_event.sources) if certificate.status_event else [],
            "introduced_date": certificate.introduced.date if certificate.introduced else None,
            "organization": self.organization_ref(certificate.organization),
            "batch": self.batch_ref(certificate.batch),
            "description": name(certificate.description),
            "fields": [{"id": f.id, "name": name(f.name)} for f in certificate.fields],
            "related_majors": [
                {"id": r.major.id, "name": name(r.major.name), "editorial": r.editorial, "sources": ids(r.sources)}
                for r in certificate.related_majors
            ],
            "levels": [
                {"level": level.level, "title": level.title, "fee": level.fee, "sources": ids(level.sources)}
                for level in certificate.levels
            ],
            "pilot_institutions": [pilot_count(p) for p in certificate.pilot_counts],
            "latest_pilot_count": pilot_count(latest) if latest else None,
            "former_names": [name(n) for n in certificate.former_names],
            "successors": [
                {**self.certificate_ref(s.certificate), "equivalence": s.equivalence} for s in certificate.successors
            ],
            "successor_chain": chain(certificate.successor_chain),
            "current_successors": [self.certificate_ref(c) for c in certificate.current_successors],
            "predecessors": [self.certificate_ref(c) for c in certificate.predecessors],
            "history": [self.event(e) for e in certificate.history],
            "occupations": [
                {"code": o.code, "name": name(o.name), "trade": name(o.trade), "sources": ids(o.sources)}
                for o in certificate.occupations
            ],
            "last_verified": {"date": certificate.last_verified.date, "sources": ids(certificate.last_verified.sources)}
            if certificate.last_verified
            else None,
            "disagreements": disagreements(certificate.disagreements),
            "sources": ids(certificate.sources),
            "file": certificate.path,
        }

    def event(self, event: Event) -> dict[str, Any]:
        return {
            "type": event.type,
            "date": event.date,
            "details": name(event.details),
            "previous_name": name(event.previous_name),
            "previous_organization": self.organization_ref(event.previous_organization)
            if event.previous_organization
            else None,
            "successors": [
                {**self.certificate_ref(s.certificate), "equivalence": s.equivalence} for s in event.successors
            ],
            "batch": event.from_batch.id if event.from_batch else None,
            "programme_event": event.programme_event.id if event.programme_event else None,
            "sources": ids(event.sources),
        }

    def organization(self, organization: Organization) -> dict[str, Any]:
        return {
            "id": organization.id,
            "name": name(organization.name),
            **self.links("organization", organization.id),
            "website": organization.website,
            "description": name(organization.description),
            "certificates": [self.certificate_ref(c) for c in organization.certificates],
            "current_certificate_count": len(organization.current_certificates),
            "ended_certificate_count": len(organization.ended_certificates),
            "transferred_certificate_count": len(organization.transferred_certificates),
            "former_certificates": [self.certificate_ref(c) for c in organization.former_certificates],
            "disagreements": disagreements(organization.disagreements),
            "sources": ids(organization.sources),
            "file": organization.path,
        }

    def batch(self, batch: Batch) -> dict[str, Any]:
        totals = batch.totals
        share = batch.catalogued_share
        return {
            "id": batch.id,
            "number": batch.number,
            "name": name(batch.name),
            **self.links("batch", batch.id),
            "date": batch.date,
            "announced_by": name(batch.announced_by),
            "totals": None
            if totals is None
            else {
                "certificates": totals.certificates,
                "organizations": totals.organizations,
                "applications": totals.applications,
                "applicant_units": totals.applicant_units,
                "basis": totals.basis,
                "note": name(totals.note),
                "sources": ids(totals.sources),
            },
            "catalogued_certificates": len(batch.certificates),
            "catalogued_share": None if share is None else round(share, 4),
            "certificates": [
                {
                    **self.certificate_ref(c),
                    "latest_pilot_count": pilot_count(c.latest_pilot_count) if c.latest_pilot_count else None,
                }
                for c in batch.certificates
            ],
            "remarks": [{"text": name(r.text), "sources": ids(r.sources)} for r in batch.remarks],
            "disagreements": disagreements(batch.disagreements),
            "sources": ids(batch.sources),
            "file": batch.path,
        }

    def catalogue(self, catalogue: Catalogue) -> dict[str, Any]:
        """The whole catalogue in one record; sources appear once, in `sources`."""
        certificates = sorted(catalogue.certificates.values(), key=lambda c: c.id)
        return {
            "summary": {
                "certificates": len(catalogue.certificates),
                "by_status": catalogue.count_by_status(),
                "organizations": len(catalogue.organizations),
                "batches": len(catalogue.batches),
                "pilot_institutions_total": catalogue.pilot_institutions_total,
            },
            "certificates": [self.certificate(c) for c in certificates],
            "organizations": [
                self.organization(o) for o in sorted(catalogue.organizations.values(), key=lambda o: o.id)
            ],
            "batches": [self.batch(b) for b in sorted(catalogue.batches.values(), key=lambda b: b.number)],
            "fields": [
                {
                    "id": f.id,
                    "name": name(f.name),
                    "categories": [{"code": c.code, "name": name(c.name), "level": c.level} for c in f.categories],
                    "certificates": sorted(c.id for c in f.certificates),
                }
                for f in catalogue.fields.values()
            ],
            "majors": [
                {
                    "id": m.id,
                    "name": name(m.name),
                    "level": m.level,
                    "category": category(m.category),
                    "big_category": category(m.big_category),
                    "second_conversion": m.second_conversion,
                    "certificates": sorted(c.id for c in m.certificates),
                }
                for m in catalogue.majors.values()
            ],
            "programme_events": [self.programme_event(p) for p in catalogue.programme_events.values()],
            "sources": [source(s) for s in sorted(catalogue.sources.values(), key=lambda s: s.id)],
        }

    def programme_event(self, programme: ProgrammeEvent) -> dict[str, Any]:
        return {
            "id": programme.id,
            "name": name(programme.name),
            "type": programme.type,
            "date": programme.date,
            "deadline": programme.deadline,
            "applies_to_all": programme.applies_to_all,
            "certificates": [c.id for c in programme.certificates],
            "details": name(programme.details),
            "sources": ids(programme.sources),
            "file": programme.path,
        }


def name(value: Name | None) -> dict[str, str | None] | None:
    return None if value is None else {"zh": value.zh, "en": value.en}


def category(value: MajorCategory | None) -> dict[str, Any] | None:
    return None if value is None else {"code": value.code, "name": name(value.name)}


def disagreements(values: list[Disagreement]) -> list[dict[str, Any]]:
    """Each other value a source gives, beside the file's value: both published, neither chosen."""
    return [
        {
            "field": d.field,
            "value": d.own_value,
            "sources": ids(d.own_sources),
            "other_value": d.value,
            "other_sources": ids(d.sources),
            "note": name(d.note),
        }
        for d in values
    ]


def chain(steps: list[Successor] | None) -> list[dict[str, str]] | None:
    return None if steps is None else [{"id": step.certificate.id, "equivalence": step.equivalence} for step in steps]


def ids(sources: list[Source]) -> list[str]:
    return [s.id for s in sources]


def pilot_count(count) -> dict[str, Any]:
    return {"count": count.count, "as_of": count.as_of, "sources": ids(count.sources)}


def source(value: Source) -> dict[str, Any]:
    return {
        "id": value.id,
        "title": value.title,
        "kind": value.kind,
        "url": value.url,
        "document_number": value.document_number,
        "authors": list(value.authors),
        "publisher": value.publisher,
        "published": value.published,
        "note": value.note,
        "carried_by": {
            "title": value.carried_by.title,
            "url": value.carried_by.url,
            "retrieved": value.carried_by.retrieved,
            "note": value.carried_by.note,
        }
        if value.carried_by
        else None,
    }


def cited_sources(record: Any, catalogue: Catalogue) -> dict[str, dict[str, Any]]:
    """Every source a record cites, in full, keyed by id: a per-item file stands on its own."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "sources" and isinstance(item, list):
                    found.update(i for i in item if isinstance(i, str))
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(record)
    return {i: source(catalogue.sources[i]) for i in sorted(found) if i in catalogue.sources}


def published(kind: str, record: dict[str, Any], build: BuildInfo) -> dict[str, Any]:
    """A catalogue-wide record as one file: its schema and build meta first, then the data."""
    return {"$schema": build.url(urls.output_schema(kind)), "meta": build.meta(), **record}


def published_item(kind: str, record: dict[str, Any], build: BuildInfo) -> dict[str, Any]:
    """One certificate, organization or batch as a file: its meta depends on nothing else."""
    return {"$schema": build.url(urls.output_schema(kind)), "meta": build.item_meta(record), **record}
