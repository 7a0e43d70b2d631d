"""Stage 2, model: the typed catalogue built from the checker's index, with every derived
fact (status, successor chains, groupings) computed once. Everything downstream reads
this model, never the raw files."""

from .catalogue import (
    Batch,
    BatchTotals,
    Catalogue,
    Certificate,
    Event,
    Field,
    Level,
    Major,
    Name,
    Organization,
    PilotCount,
    ProgrammeEvent,
    RelatedMajor,
    Remark,
    Source,
    Successor,
    build_catalogue,
    newest_first,
    once_per_programme_event,
    status_after,
)

__all__ = [
    "Batch",
    "BatchTotals",
    "Catalogue",
    "Certificate",
    "Event",
    "Field",
    "Level",
    "Major",
    "Name",
    "Organization",
    "PilotCount",
    "ProgrammeEvent",
    "RelatedMajor",
    "Remark",
    "Source",
    "Successor",
    "build_catalogue",
    "newest_first",
    "once_per_programme_event",
    "status_after",
]
