"""The catalogue's vocabulary, defined once: the kinds of file, the certificate lifecycle
(statuses, events, what may follow what), levels, and their words in Chinese and English.

The checker, the model, the pages, the open data, the feeds and the change report all read
these tables, so they always agree. The JSON Schemas in schema/ state the same enums for
editors and other tools; a test checks that the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- Kinds of catalogue file ---------------------------------------------------


@dataclass(frozen=True)
class FileKind:
    kind: str  # the name used everywhere in code: certificate, organization, ...
    schema: str  # its file in schema/
    name_zh: str
    location: str  # where contributors find such files
    folder: str | None = None  # one file per item in catalogue/<folder>/
    file: str | None = None  # or one file for the whole vocabulary: catalogue/<file>


# In the order a newcomer meets them (the field reference follows it).
FILE_KINDS = [
    FileKind(
        "certificate", "certificate.schema.json", "证书", "catalogue/certificates/<id>.yaml", folder="certificates"
    ),
    FileKind(
        "organization",
        "organization.schema.json",
        "评价组织",
        "catalogue/organizations/<id>.yaml",
        folder="organizations",
    ),
    FileKind("source", "source.schema.json", "来源", "catalogue/sources/<id>.yaml", folder="sources"),
    FileKind("batch", "batch.schema.json", "批次", "catalogue/batches/batch-<number>.yaml", folder="batches"),
    FileKind(
        "programme_event",
        "programme-event.schema.json",
        "全局事件",
        "catalogue/programme-events/<id>.yaml",
        folder="programme-events",
    ),
    FileKind("fields", "fields.schema.json", "领域", "catalogue/fields.yaml", file="fields.yaml"),
    FileKind("majors", "majors.schema.json", "专业", "catalogue/majors.yaml", file="majors.yaml"),
    FileKind("synonyms", "synonyms.schema.json", "搜索同义词", "catalogue/synonyms.yaml", file="synonyms.yaml"),
]
BY_KIND = {k.kind: k for k in FILE_KINDS}
# Folder -> kind of file it holds (one file per item), and the single vocabulary files.
FOLDER_KINDS = {k.folder: k.kind for k in FILE_KINDS if k.folder}
SINGLE_FILE_KINDS = {k.file: k.kind for k in FILE_KINDS if k.file}
SCHEMA_FILES = {k.kind: k.schema for k in FILE_KINDS}
VOCABULARY_KINDS = tuple(SINGLE_FILE_KINDS.values())  # fields, majors, synonyms: lists of entries, not items
# The key that names each entry of a vocabulary (unique within its file); the others use "id".
ENTRY_KEY = {"synonyms": "query"}

# --- The certificate lifecycle -------------------------------------------------

STATUS = {
    "active": ("有效", "Active"),
    "suspended": ("暂停", "Suspended"),
    "replaced": ("已替代", "Replaced"),
    "withdrawn": ("已退出", "Withdrawn"),
    "revoked": ("已撤销", "Revoked"),
    "transferred": ("已移交人社部门", "No longer assessed under 1+X / transferred"),
}
STATUSES = list(STATUS)
INITIAL_STATUS = "active"  # a certificate starts active (its batch, or its introduced event, introduced it)
CURRENT_STATUSES = {"active", "suspended"}  # still issued: an organization's current certificates
RETIRED_STATUSES = {"withdrawn", "revoked"}
ENDED_STATUSES = RETIRED_STATUSES | {"replaced"}  # the history is over: nothing may follow
# "transferred" is neither current nor ended: since the 2025 handover the certificate is no longer
# assessed under 1+X (so an organization's page, counts and filters do not show it as current),
# but it did not end in the 1+X sense (certificates held stay valid, the successor is an
# occupation of the human-resources system). Organization pages, counts and the open data give it
# its own group; only an ending event may still follow it.
TRANSFERRED = "transferred"

EVENT = {
    "introduced": ("发布", "Introduced"),
    "renamed": ("更名", "Renamed"),
    "organization_changed": ("更换评价组织", "Organization changed"),
    "levels_changed": ("等级调整", "Levels changed"),
    "suspended": ("暂停", "Suspended"),
    "reinstated": ("恢复", "Reinstated"),
    "replaced": ("被替代", "Replaced"),
    "merged": ("被合并", "Merged"),
    "withdrawn": ("退出", "Withdrawn"),
    "revoked": ("撤销", "Revoked"),
    "transferred": ("移交人社部门", "Transferred to the human-resources system"),
}
# The status each event leads to; events not listed leave the status as it was.
STATUS_AFTER = {
    "introduced": "active",
    "suspended": "suspended",
    "reinstated": "active",
    "replaced": "replaced",
    "merged": "replaced",
    "withdrawn": "withdrawn",
    "revoked": "revoked",
    "transferred": "transferred",
}
# The events each status allows next: an ended certificate allows nothing.
ALLOWED_NEXT: dict[str, set[str]] = {
    "active": {
        "renamed",
        "organization_changed",
        "levels_changed",
        "suspended",
        "replaced",
        "merged",
        "withdrawn",
        "revoked",
        "transferred",
    },
    "suspended": {"reinstated", "replaced", "merged", "withdrawn", "revoked", "transferred"},
    # After the handover a later source can only record how the 1+X certificate ended.
    "transferred": {"replaced", "merged", "withdrawn", "revoked"},
    **{status: set() for status in sorted(ENDED_STATUSES)},
}
# The events a programme event (catalogue/programme-events/) may record for many certificates at once.
PROGRAMME_EVENT_TYPES = ["transferred"]
APPLIES_TO_ALL = "all"  # a programme event's applies_to: every certificate in the catalogue
# What an official list read by `build.py import --event` can announce: each certificate gains the
# event, except transferred, which is programme-wide (the list gives each certificate its occupations).
IMPORTABLE_EVENTS = ("withdrawn", "revoked", "suspended", "replaced", TRANSFERRED)
ENDING_EVENTS = {event for event, status in STATUS_AFTER.items() if status in ENDED_STATUSES}

EQUIVALENCE = {
    "full": ("完全等同", "fully equivalent"),
    "partial": ("部分等同", "partly equivalent"),
    "none": ("不等同", "not equivalent"),
}

# --- Levels, sources, totals ---------------------------------------------------

LEVELS = {"初级": "primary", "中级": "intermediate", "高级": "advanced"}  # in order, lowest first
LEVEL_ORDER = list(LEVELS)

# The levels of education of the 2021 major catalogue (职业教育专业目录（2021年）), in its order.
MAJOR_LEVELS = {
    "中职": ("中职", "Secondary vocational"),
    "高职专科": ("高职专科", "Higher vocational (junior college)"),
    "职业本科": ("职业本科", "Vocational undergraduate"),
}

SOURCE_KIND = {
    "official": ("官方", "Official"),
    "secondary": ("二手", "Secondary"),
    "paper": ("论文", "Paper"),
}
BASIS = {
    "announced": ("公布数", "announced"),
    "derived": ("推算数", "derived"),
}


def both(table: dict[str, tuple[str, str]], key: str) -> str:
    """'有效 Active': the label in both languages, or the key itself if it has none."""
    zh, en = table.get(key, (key, key))
    return f"{zh} {en}"
