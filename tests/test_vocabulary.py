"""The vocabulary is defined once in xcat/vocabulary.py; the JSON Schemas state the same enums
for editors and other tools. These tests keep the two from drifting apart."""

from __future__ import annotations

import json

import pytest

from xcat import vocabulary
from xcat.settings import ROOT, SCHEMAS


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


CERTIFICATE = schema("certificate.schema.json")
OUTPUT = json.loads((SCHEMAS / "output" / "defs.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("enum", "words"),
    [
        (CERTIFICATE["$defs"]["event"]["properties"]["type"]["enum"], vocabulary.EVENT),
        (
            CERTIFICATE["$defs"]["event"]["properties"]["successors"]["items"]["properties"]["equivalence"]["enum"],
            vocabulary.EQUIVALENCE,
        ),
        (CERTIFICATE["properties"]["levels"]["items"]["properties"]["level"]["enum"], vocabulary.LEVELS),
        (schema("source.schema.json")["properties"]["kind"]["enum"], vocabulary.SOURCE_KIND),
        (OUTPUT["$defs"]["status"]["enum"], vocabulary.STATUS),
        (OUTPUT["$defs"]["event_type"]["enum"], vocabulary.EVENT),
        (OUTPUT["$defs"]["equivalence"]["enum"], vocabulary.EQUIVALENCE),
        (schema("programme-event.schema.json")["properties"]["type"]["enum"], vocabulary.PROGRAMME_EVENT_TYPES),
        (schema("majors.schema.json")["$defs"]["level"]["enum"], vocabulary.MAJOR_LEVELS),
    ],
    ids=[
        "event types",
        "equivalence",
        "levels",
        "source kinds",
        "published statuses",
        "published event types",
        "published equivalence",
        "programme event types",
        "major levels",
    ],
)
def test_schema_enums_list_exactly_the_vocabulary_in_its_order(enum, words):
    assert list(enum) == list(words)


def test_every_word_has_a_chinese_and_an_english_label():
    for table in (
        vocabulary.STATUS,
        vocabulary.EVENT,
        vocabulary.EQUIVALENCE,
        vocabulary.SOURCE_KIND,
        vocabulary.BASIS,
        vocabulary.MAJOR_LEVELS,
    ):
        for key, (zh, en) in table.items():
            assert zh and en and not zh.isascii() and en.isascii(), key


def test_the_lifecycle_tables_speak_only_of_known_events_and_statuses():
    for status, allowed in vocabulary.ALLOWED_NEXT.items():
        assert status in vocabulary.STATUS and allowed <= vocabulary.EVENT.keys()
    assert set(vocabulary.STATUS_AFTER) <= vocabulary.EVENT.keys()
    assert set(vocabulary.PROGRAMME_EVENT_TYPES) <= vocabulary.STATUS_AFTER.keys()  # each sets a status
    assert set(vocabulary.STATUS_AFTER.values()) <= vocabulary.STATUS.keys()
    assert {"replaced", "merged", "withdrawn", "revoked"} == vocabulary.ENDING_EVENTS
    # An ended certificate allows nothing more; a current or transferred one allows its end.
    for status in vocabulary.STATUS:
        ended = status in vocabulary.ENDED_STATUSES
        assert (vocabulary.ALLOWED_NEXT[status] == set()) == ended
        if not ended:
            assert vocabulary.ALLOWED_NEXT[status] >= vocabulary.ENDING_EVENTS


def test_transferred_is_neither_current_nor_ended_and_only_an_end_may_follow_it():
    assert vocabulary.TRANSFERRED not in vocabulary.CURRENT_STATUSES | vocabulary.ENDED_STATUSES
    assert vocabulary.STATUS_AFTER["transferred"] == vocabulary.TRANSFERRED
    assert vocabulary.ALLOWED_NEXT[vocabulary.TRANSFERRED] == vocabulary.ENDING_EVENTS
    assert all("transferred" in vocabulary.ALLOWED_NEXT[s] for s in vocabulary.CURRENT_STATUSES)


def test_every_kind_of_file_has_its_schema_and_its_place():
    for kind in vocabulary.FILE_KINDS:
        assert (SCHEMAS / kind.schema).is_file()
        assert bool(kind.folder) != bool(kind.file)
        placed = ROOT / "catalogue" / (kind.folder or kind.file or "")
        assert placed.exists(), placed


def test_a_word_in_both_languages_or_itself_when_the_vocabulary_has_no_longer_got_it():
    """The change report reads old revisions, whose files may use a word since dropped."""
    assert vocabulary.both(vocabulary.STATUS, "active") == "有效 Active"
    assert vocabulary.both(vocabulary.STATUS, "dormant") == "dormant dormant"
