"""Stage 3: the typed catalogue, with every derived fact computed once.

Pages, exports and feeds read this model, never the raw files. Derived here:
each certificate's full history (its batch's announcement first), current status,
former names, successors and the chain to the current ones, predecessors, and the
per-organization, per-batch, per-field and per-major groupings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .. import dates
from ..check.rules import Index, applies_to, programme_event_order, programme_event_position, replacement_ends
from ..vocabulary import (
    CURRENT_STATUSES,
    ENDED_STATUSES,
    FILE_KINDS,
    INITIAL_STATUS,
    MAJOR_LEVELS,
    SOURCE_KIND,
    STATUS_AFTER,
    STATUSES,
    TRANSFERRED,
)

# The longest chain of replacements shown step by step; a longer one shows its first step and its end.
MAX_CHAIN_SHOWN = 10


class Entity:
    """Shown by its id in a repr. The model is a graph (a certificate's organization lists the
    certificate back), and a dataclass's own repr walks all of it: a failing test printed one for
    minutes. Subclasses are @dataclass(repr=False)."""

    def __repr__(self) -> str:
        fields = vars(self)  # every entity has an id, but a major's category (MajorCategory) a code
        return f"{type(self).__name__}({fields.get('id') or fields.get('code')!r})"


@dataclass(frozen=True)
class Name:
    zh: str
    en: str | None = None

    @classmethod
    def of(cls, data: dict | None) -> Name | None:
        return cls(data["zh"], data.get("en")) if data else None

    @classmethod
    def required(cls, data: dict) -> Name:
        """A name the schema requires: always present in a checked catalogue."""
        return cls(data["zh"], data.get("en"))

    def both(self, separator: str = " ") -> str:
        """The text in both languages, Chinese first; the Chinese alone when there is no other."""
        return f"{self.zh}{separator}{self.en}" if self.en and self.en != self.zh else self.zh


@dataclass(frozen=True)
class Carrier:
    """Where a document was read when not at its origin (a repost, a repository's copy)."""

    title: str
    url: str | None = None
    retrieved: str | None = None
    note: str | None = None


@dataclass
class Source:
    id: str
    title: str
    kind: str
    url: str | None = None
    document_number: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    published: str | None = None
    note: str | None = None
    carried_by: Carrier | None = None

    @classmethod
    def of(cls, data: dict) -> Source:
        carrier = data.get("carried_by")
        return cls(
            **{
                **data,
                **({"published": dates.normalize(data["published"])} if "published" in data else {}),
                "carried_by": Carrier(
                    **{
                        **carrier,
                        **({"retrieved": dates.normalize(carrier["retrieved"])} if "retrieved" in carrier else {}),
                    }
                )
                if carrier
                else None,
            }
        )


@dataclass
class Disagreement:
    """Another source's value for one field of a file, beside the file's own value and sources."""

    field: str  # the dotted path: name.zh, totals.certificates
    value: str | int | float
    sources: list[Source]
    note: Name | None
    own_value: str | int | float
    own_sources: list[Source]  # the sources nearest the field in the file


@dataclass(repr=False)
class Field(Entity):
    id: str
    name: Name
    certificates: list[Certificate] = field(default_factory=list)
    categories: list[MajorCategory] = field(default_factory=list)  # its 专业大类, one per level

    @property
    def majors(self) -> list[Major]:
        return [m for big in self.categories for sub in big.children for m in sub.majors]


@dataclass(repr=False)
class MajorCategory(Entity):
    """A 专业大类 (two-digit code, with children) or a 专业类 (four digits, with majors) of the 2021 catalogue."""

    code: str
    name: Name
    level: str
    parent: MajorCategory | None = None  # a 专业类's 大类
    in_field: Field | None = None  # a 大类's field (editorial classification)
    children: list[MajorCategory] = field(default_factory=list)
    majors: list[Major] = field(default_factory=list)


@dataclass(repr=False)
class Major(Entity):
    id: str  # the official code
    name: Name
    level: str | None = None
    category: MajorCategory | None = None  # its 专业类
    second_conversion: bool = True  # False: only one conversion of the ministry's document gives it
    certificates: list[Certificate] = field(default_factory=list)

    @property
    def big_category(self) -> MajorCategory | None:
        return self.category.parent if self.category else None

    @property
    def field(self) -> Field | None:
        return self.big_category.in_field if self.big_category else None


@dataclass(repr=False)
class Organization(Entity):
    id: str
    name: Name
    path: str
    website: str | None
    description: Name | None
    maintainers: list[str]
    sources: list[Source]
    certificates: list[Certificate] = field(default_factory=list)  # issued now
    former_certificates: list[Certificate] = field(default_factory=list)  # moved to another organization
    disagreements: list[Disagreement] = field(default_factory=list)

    @property
    def events(self) -> list[Event]:
        """The history of the certificates it issues now or issued before, newest first."""
        return history_of(self.certificates + self.former_certificates)

    @property
    def changes(self) -> list[Event]:
        """events, with each programme event once: its feed's entries."""
        return once_per_programme_event(self.events)

    @property
    def current_certificates(self) -> list[Certificate]:
        return [c for c in self.certificates if c.status in CURRENT_STATUSES]

    @property
    def ended_certificates(self) -> list[Certificate]:
        return [c for c in self.certificates if c.status in ENDED_STATUSES]

    @property
    def transferred_certificates(self) -> list[Certificate]:
        """No longer assessed under 1+X, but not ended: neither current nor ended (see vocabulary)."""
        return [c for c in self.certificates if c.status == TRANSFERRED]


@dataclass
class BatchTotals:
    basis: str
    sources: list[Source]
    certificates: int | None = None
    organizations: int | None = None
    applications: int | None = None
    applicant_units: int | None = None
    note: Name | None = None


@dataclass
class Remark:
    text: Name
    sources: list[Source]


@dataclass(repr=False)
class Batch(Entity):
    id: str
    number: int
    name: Name
    path: str
    date: str | None
    announced_by: Name | None
    totals: BatchTotals | None
    remarks: list[Remark]
    sources: list[Source]
    certificates: list[Certificate] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)

    @property
    def catalogued_share(self) -> float | None:
        if not self.totals or not self.totals.certificates:
            return None
        return len(self.certificates) / self.totals.certificates


@dataclass
class Level:
    level: str
    sources: list[Source]
    title: str | None = None
    fee: float | None = None


def _amount(fee: float | None) -> float | None:
    """A fee as an amount: 290.0 is 290 and -0.0 is 0, so no page or file shows "290.0" or "-0.0"."""
    return int(fee) if fee is not None and fee == int(fee) else fee


@dataclass
class LastVerified:
    """When a source last saw the certificate listed (an official list or query), and which."""

    date: str
    sources: list[Source]


@dataclass
class PilotCount:
    count: int
    sources: list[Source]
    as_of: str | None = None


@dataclass
class Occupation:
    """What a holder can take now: an occupation (and trade) of the national classification."""

    code: str
    name: Name
    trade: Name | None
    sources: list[Source]


@dataclass
class Successor:
    certificate: Certificate
    equivalence: str  # full, partial, none


@dataclass(repr=False)
class ProgrammeEvent(Entity):
    """An event recorded once for the whole programme (or a list of certificates); each
    certificate it reached carries a derived Event that links back to it."""

    id: str
    name: Name
    type: str
    date: str
    deadline: str | None
    applies_to_all: bool
    details: Name
    sources: list[Source]
    path: str
    certificates: list[Certificate] = field(default_factory=list)  # those whose history it entered
    total_certificates: int | None = None  # the programme's official totals, as the source states them
    total_organizations: int | None = None


@dataclass
class Event:
    type: str
    date: str | None
    sources: list[Source]
    details: Name | None = None
    previous_name: Name | None = None
    previous_organization: Organization | None = None
    successors: list[Successor] = field(default_factory=list)
    from_batch: Batch | None = None  # set on the introduction that a batch's announcement stands for
    programme_event: ProgrammeEvent | None = None  # set on an event derived from a programme event
    certificate: Certificate = field(kw_only=True)  # the certificate whose history it is


@dataclass
class RelatedMajor:
    major: Major
    sources: list[Source]  # empty: an editorial link

    @property
    def editorial(self) -> bool:
        return not self.sources


@dataclass(repr=False)
class Certificate(Entity):
    id: str
    name: Name
    path: str
    organization: Organization
    batch: Batch | None
    description: Name | None
    fields: list[Field]
    related_majors: list[RelatedMajor]
    levels: list[Level]
    pilot_counts: list[PilotCount]
    history: list[Event]  # full history, introduction first
    sources: list[Source]
    occupations: list[Occupation] = field(default_factory=list)  # from the handover's correspondence table
    predecessors: list[Certificate] = field(default_factory=list)
    # The certificates that were not replaced which its replacements lead to, first reached first.
    current_successors: list[Certificate] = field(default_factory=list)
    last_verified: LastVerified | None = None
    disagreements: list[Disagreement] = field(default_factory=list)

    # Read once the catalogue is built (its history complete), then asked for on every page that
    # names the certificate: computed once, as a history can hold thousands of events.
    @cached_property
    def status(self) -> str:
        return status_after(self.history)

    @cached_property
    def status_event(self) -> Event | None:
        """The event that set the current status (the introduction for an active certificate;
        None for an active certificate whose introduction is unknown)."""
        status = self.status
        for event in reversed(self.history):
            if STATUS_AFTER.get(event.type) == status:
                return event
        return self.introduced

    @property
    def introduced(self) -> Event | None:
        """Its batch's announcement or its introduced event; None when no source gives either
        (batch unknown: a list confirmed the certificate but not when it came)."""
        return self.history[0] if self.history and self.history[0].type == "introduced" else None

    @property
    def batch_unknown(self) -> bool:
        return self.introduced is None

    def status_at_end_of(self, year: int) -> str | None:
        """The status on 31 December of year; None before the introduction or when its date is unknown."""
        happened = [event for event in self.history if event.date and dates.year(event.date) <= year]
        if not happened or self.introduced is None or happened[0] is not self.introduced:
            return None
        return status_after(happened)

    @property
    def former_names(self) -> list[Name]:
        return [event.previous_name for event in self.history if event.previous_name]

    @property
    def successors(self) -> list[Successor]:
        return self.status_event.successors if self.status_event and self.status == "replaced" else []

    @property
    def successor_chain(self) -> list[Successor] | None:
        """The one path of replacements to a current certificate, when there is exactly one and it
        has at most MAX_CHAIN_SHOWN steps; otherwise None (see successors and current_successors).
        Listing every path instead grows exponentially with the replacements."""
        chain: list[Successor] = []
        step = self
        while step.successors:
            if len(step.successors) > 1 or len(chain) == MAX_CHAIN_SHOWN:
                return None
            chain.append(step.successors[0])
            step = chain[-1].certificate
        return chain or None

    @property
    def latest_pilot_count(self) -> PilotCount | None:
        return self.pilot_counts[-1] if self.pilot_counts else None

    @property
    def search_names(self) -> list[Name]:
        return [self.name] + self.former_names


@dataclass
class Catalogue:
    certificates: dict[str, Certificate]
    organizations: dict[str, Organization]
    batches: dict[str, Batch]
    sources: dict[str, Source]
    fields: dict[str, Field]
    majors: dict[str, Major]
    programme_events: dict[str, ProgrammeEvent] = field(default_factory=dict)
    major_categories: dict[str, MajorCategory] = field(default_factory=dict)
    majors_sources: list[Source] = field(default_factory=list)  # the major catalogue's own sources
    # Editorial search synonyms (catalogue/synonyms.yaml): query -> the words in names it finds.
    synonyms: dict[str, list[str]] = field(default_factory=dict)

    @cached_property
    def events(self) -> list[Event]:
        """Every history event across the catalogue, newest first (undated last)."""
        return newest_first(event for certificate in self.certificates.values() for event in certificate.history)

    @cached_property
    def changes(self) -> list[Event]:
        """events, with each programme event once (its first certificate's copy stands for all)."""
        return once_per_programme_event(self.events)

    def count_by_status(self) -> dict[str, int]:
        counts = {status: 0 for status in STATUSES}
        for certificate in self.certificates.values():
            counts[certificate.status] += 1
        return counts

    @property
    def newest_date(self) -> str | None:
        """The newest date anywhere in the catalogue: a stable stand-in for "last updated"."""
        found = [e.date for e in self.events if e.date]
        found += [p.as_of for c in self.certificates.values() for p in c.pilot_counts if p.as_of]
        found += [s.published for s in self.sources.values() if s.published]
        return max(found, key=dates.sort_key) if found else None

    @property
    def disagreements(self) -> list[tuple[Certificate | Organization | Batch, Disagreement]]:
        """Every recorded disagreement with the item it concerns: certificates, organizations, batches."""
        items: list[Certificate | Organization | Batch] = [
            *self.certificates.values(),
            *self.organizations.values(),
            *self.batches.values(),
        ]
        return [(item, d) for item in items for d in item.disagreements]

    @property
    def official_totals(self) -> ProgrammeEvent | None:
        """The latest programme event that states the programme's totals (the 2025 handover notice:
        447 certificates, 300 organizations): the denominators of the coverage figures."""
        stating = [p for p in self.programme_events.values() if p.total_certificates or p.total_organizations]
        return max(stating, key=lambda p: (dates.sort_key(p.date), p.id), default=None)

    @property
    def announced_certificates(self) -> int:
        """The certificates the batches announced: the sum of their totals (447 for the four batches)."""
        return sum(b.totals.certificates for b in self.batches.values() if b.totals and b.totals.certificates)

    def facts_by_source_kind(self) -> dict[str, int]:
        """How many facts (a certificate's own listing, a level, a pilot count, an event, a major link)
        cite at least one source of each kind; editorial: fields and unsourced major links."""
        counts = {kind: 0 for kind in SOURCE_KIND} | {"editorial": 0}
        for c in self.certificates.values():
            cited = [c.sources, *(lv.sources for lv in c.levels), *(p.sources for p in c.pilot_counts)]
            cited += [e.sources for e in c.history if not e.from_batch]
            cited += [r.sources for r in c.related_majors if r.sources]
            for sources in cited:
                for kind in {s.kind for s in sources}:
                    counts[kind] += 1
            counts["editorial"] += len(c.fields) + sum(r.editorial for r in c.related_majors)
        return counts

    def certificates_by_source(self) -> list[tuple[Source, int]]:
        """Each source that a certificate file cites, with how many do, most first."""
        counts: dict[str, int] = {}
        for c in self.certificates.values():
            for s in c.sources:
                counts[s.id] = counts.get(s.id, 0) + 1
        return sorted(((self.sources[i], n) for i, n in counts.items()), key=lambda pair: (-pair[1], pair[0].id))

    @property
    def batch_unknown_count(self) -> int:
        return sum(c.batch_unknown for c in self.certificates.values())

    @property
    def pilot_institutions_total(self) -> int:
        return sum(c.latest_pilot_count.count for c in self.certificates.values() if c.latest_pilot_count)


def status_after(events: list[Event]) -> str:
    """A certificate starts active; each event may change that (vocabulary.STATUS_AFTER)."""
    status = INITIAL_STATUS
    for event in events:
        status = STATUS_AFTER.get(event.type, status)
    return status


def history_of(certificates: Iterable[Certificate]) -> list[Event]:
    """The history of these certificates, each counted once, newest first."""
    mine = {c.id: c for c in certificates}
    return newest_first(event for certificate in mine.values() for event in certificate.history)


def changes_of(certificates: Iterable[Certificate]) -> list[Event]:
    """Their history as a list of changes: each programme event once (a field's or a major's feed)."""
    return once_per_programme_event(history_of(certificates))


def once_per_programme_event(events: list[Event]) -> list[Event]:
    """The list with only the first event derived from each programme event: a list of changes,
    a feed or a change report records a programme event once, not once per certificate."""
    seen: set[str] = set()
    kept = []
    for event in events:
        if event.programme_event is not None:
            if event.programme_event.id in seen:
                continue
            seen.add(event.programme_event.id)
        kept.append(event)
    return kept


def newest_first(events) -> list[Event]:
    """Dated events newest first, then undated ones by batch: one order for every list of changes."""
    everything = list(events)
    dated = sorted(
        (e for e in everything if e.date),
        key=lambda e: (dates.sort_key(e.date), e.certificate.id, e.type),
        reverse=True,
    )
    undated = sorted(
        (e for e in everything if not e.date),
        key=lambda e: (e.from_batch.number if e.from_batch else 0, e.certificate.id),
    )
    return dated + undated


def build_catalogue(index: Index) -> Catalogue:
    """Assemble the model from the checker's index of a catalogue that passed every check."""
    by_kind = {kind.kind: index.of_kind(kind.kind) for kind in FILE_KINDS}

    sources = {d.data["id"]: Source.of(d.data) for d in by_kind["source"]}

    def cite(ids: list[str]) -> list[Source]:
        return [sources[i] for i in ids]

    def disagreements(data: dict) -> list[Disagreement]:
        found = []
        for d in data.get("disagreements", []):
            node: Any = data
            # Equivalent if changed: a file's top level always has sources, which the loop's first step reads.
            own_sources = data["sources"]  # pragma: no mutate
            for part in d["field"].split("."):
                own_sources = node.get("sources", own_sources)
                node = node[part]
            # The file's own value rests on its sources, less any that give the other value.
            own = [i for i in own_sources if i not in d["sources"]]
            found.append(
                Disagreement(d["field"], d["value"], cite(d["sources"]), Name.of(d.get("note")), node, cite(own))
            )
        return found

    vocab = {d.kind: d.data for d in by_kind["fields"] + by_kind["majors"]}
    fields = {f["id"]: Field(f["id"], Name.required(f["name"])) for f in vocab.get("fields", {}).get("fields", [])}
    major_categories = {
        c["code"]: MajorCategory(c["code"], Name.required(c["name"]), c["level"])
        for c in vocab.get("majors", {}).get("categories", [])
    }
    for category in major_categories.values():
        if len(category.code) == 4:
            category.parent = major_categories[category.code[:2]]
            category.parent.children.append(category)
    for f in vocab.get("fields", {}).get("fields", []):
        for code in sorted(f["categories"], key=lambda code: list(MAJOR_LEVELS).index(major_categories[code].level)):
            fields[f["id"]].categories.append(major_categories[code])
            major_categories[code].in_field = fields[f["id"]]
    majors = {}
    for m in vocab.get("majors", {}).get("majors", []):
        category = major_categories[m["category"]]
        majors[m["id"]] = Major(
            m["id"], Name.required(m["name"]), m["level"], category, m.get("second_conversion", True)
        )
        category.majors.append(majors[m["id"]])

    organizations = {
        d.data["id"]: Organization(
            id=d.data["id"],
            name=Name.required(d.data["name"]),
            path=d.path,
            website=d.data.get("website"),
            description=Name.of(d.data.get("description")),
            maintainers=list(d.data.get("maintainers", [])),
            sources=cite(d.data["sources"]),
            disagreements=disagreements(d.data),
        )
        for d in by_kind["organization"]
    }

    def totals(data: dict | None) -> BatchTotals | None:
        if not data:
            return None
        numbers = {
            k: data[k] for k in ("certificates", "organizations", "applications", "applicant_units") if k in data
        }
        return BatchTotals(
            basis=data["basis"], sources=cite(data["sources"]), note=Name.of(data.get("note")), **numbers
        )

    batches = {
        d.data["id"]: Batch(
            id=d.data["id"],
            number=d.data["number"],
            name=Name.required(d.data["name"]),
            path=d.path,
            date=dates.normalize(d.data["date"]) if "date" in d.data else None,
            announced_by=Name.of(d.data.get("announced_by")),
            totals=totals(d.data.get("totals")),
            remarks=[Remark(Name.required(r["text"]), cite(r["sources"])) for r in d.data.get("remarks", [])],
            sources=cite(d.data["sources"]),
            disagreements=disagreements(d.data),
        )
        for d in sorted(by_kind["batch"], key=lambda d: d.data["number"])
    }

    certificates: dict[str, Certificate] = {}
    raw_events: dict[str, list[dict]] = {}
    for d in by_kind["certificate"]:
        data = d.data
        batch = batches.get(data.get("batch"))
        certificate = Certificate(
            id=data["id"],
            name=Name.required(data["name"]),
            path=d.path,
            organization=organizations[data["organization"]],
            batch=batch,
            description=Name.of(data.get("description")),
            fields=[fields[f] for f in data.get("fields", [])],
            related_majors=[
                RelatedMajor(majors[m["major"]], cite(m.get("sources", []))) for m in data.get("related_majors", [])
            ],
            levels=[
                Level(level["level"], cite(level["sources"]), level.get("title"), _amount(level.get("fee")))
                for level in data.get("levels", [])
            ],
            pilot_counts=[
                PilotCount(p["count"], cite(p["sources"]), dates.normalize(p["as_of"]) if "as_of" in p else None)
                for p in data.get("pilot_institutions", [])
            ],
            history=[],
            sources=cite(data["sources"]),
            occupations=[
                Occupation(o["code"], Name.required(o["name"]), Name.of(o.get("trade")), cite(o["sources"]))
                for o in data.get("occupations", [])
            ],
            last_verified=LastVerified(
                dates.normalize(data["last_verified"]["date"]), cite(data["last_verified"]["sources"])
            )
            if "last_verified" in data
            else None,
            disagreements=disagreements(data),
        )
        if batch:
            certificate.history.append(
                Event("introduced", batch.date, batch.sources, from_batch=batch, certificate=certificate)
            )
        certificates[certificate.id] = certificate
        raw_events[certificate.id] = data.get("history", [])

    # Events refer to other certificates, so they are resolved once all certificates exist.
    for certificate in certificates.values():
        for raw in raw_events[certificate.id]:
            event = Event(
                type=raw["type"],
                date=dates.normalize(raw["date"]),
                sources=cite(raw["sources"]),
                details=Name.of(raw.get("details")),
                previous_name=Name.of(raw.get("previous_name")),
                previous_organization=organizations.get(raw.get("previous_organization")),
                successors=[
                    Successor(certificates[s["certificate"]], s["equivalence"]) for s in raw.get("successors", [])
                ],
                certificate=certificate,
            )
            certificate.history.append(event)
            if event.previous_organization and certificate not in event.previous_organization.former_certificates:
                event.previous_organization.former_certificates.append(certificate)
            for successor in event.successors:
                successor.certificate.predecessors.append(certificate)

    # Programme events, oldest first, placed where the checker places them (check.rules).
    programme_events = {}
    for d in sorted(by_kind["programme_event"], key=programme_event_order):
        data = d.data
        programme = ProgrammeEvent(
            id=data["id"],
            name=Name.required(data["name"]),
            type=data["type"],
            date=dates.normalize(data["date"]),
            deadline=dates.normalize(data["deadline"]) if "deadline" in data else None,
            applies_to_all=not isinstance(data["applies_to"], list),
            details=Name.required(data["details"]),
            sources=cite(data["sources"]),
            path=d.path,
            total_certificates=data.get("totals", {}).get("certificates"),
            total_organizations=data.get("totals", {}).get("organizations"),
        )
        programme_events[programme.id] = programme
        for certificate in certificates.values():
            if not applies_to(data["applies_to"], certificate.id):
                continue
            position = programme_event_position([(e.type, e.date) for e in certificate.history], programme.date)
            if position is None:
                continue
            certificate.history.insert(
                position,
                Event(
                    programme.type,
                    programme.date,
                    programme.sources,
                    details=programme.details,
                    programme_event=programme,
                    certificate=certificate,
                ),
            )
            programme.certificates.append(certificate)

    # Once per certificate, over the graph of replacements: linear in the replacements.
    ends = replacement_ends({c.id: [s.certificate.id for s in c.successors] for c in certificates.values()})
    for certificate in certificates.values():
        if certificate.successors:
            certificate.current_successors = [certificates[i] for i in ends[certificate.id]]

    for certificate in certificates.values():
        certificate.organization.certificates.append(certificate)
        if certificate.batch:
            certificate.batch.certificates.append(certificate)
        for f in certificate.fields:
            f.certificates.append(certificate)
        for related in certificate.related_majors:
            related.major.certificates.append(certificate)

    synonyms = {s["query"]: s["finds"] for d in by_kind["synonyms"] for s in d.data["synonyms"]}
    majors_sources = cite(vocab.get("majors", {}).get("sources", []))
    return Catalogue(
        certificates,
        organizations,
        batches,
        sources,
        fields,
        majors,
        programme_events=programme_events,
        major_categories=major_categories,
        majors_sources=majors_sources,
        synonyms=synonyms,
    )
