"""Stage 2, model: the typed catalogue built from the checker's index, with every derived
fact (status, successor chains, groupings) computed once. Everything downstream reads
this model, never the raw files."""

from .catalogue import (
    Batch,
    BatchTotals,
    Catalogue,
    Certificate,
    Disagreement,
    Event,
    Field,
    Level,
    Major,
    MajorCategory,
    Name,
    Organization,
    PilotCount,
    RelatedMajor,
    Remark,
    Source,
    Successor,
    build_catalogue,
    newest_first,
    status_after,
)

__all__ = [
    "Batch",
    "BatchTotals",
    "Catalogue",
    "Certificate",
    "Disagreement",
    "Event",
    "Field",
    "Level",
    "Major",
    "MajorCategory",
    "Name",
    "Organization",
    "PilotCount",
    "RelatedMajor",
    "Remark",
    "Source",
    "Successor",
    "build_catalogue",
    "newest_first",
    "status_after",
]
