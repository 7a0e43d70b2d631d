"""The data behind the major finder and the compare page (docs/javascripts/finder.js, compare.js).

One compact JSON file: every major with its place (level, 大类, 专业类), its pinyin, the page
that shows it, and the certificates linked to it; every certificate with what a student needs to
see in a list. The scripts only read it and print it as text (textContent), never as markup.
Written here rather than with the open data because it needs the pages' pinyin (render/search.py).
"""

from __future__ import annotations

import json
from typing import Any

from .. import urls, vocabulary
from ..model import Catalogue, Certificate, Major, Name
from .search import pinyin_sort_key, pinyin_terms

COMPARE_LIMIT = 4  # certificates side by side: more no longer fit a phone's screen in turn


def major_page(major: Major) -> str | None:
    """The page that shows a major: its own (with linked certificates) or its entry on its field's page."""
    if major.certificates:
        return urls.page("major", major.id)
    if major.field:
        return urls.page("field", major.field.id) + "#" + urls.major_anchor(major.id)
    return None


def finder_data(catalogue: Catalogue) -> dict[str, Any]:
    """Paths are relative to the site root; names are {zh, en}."""

    def linked(major: Major) -> list[dict[str, Any]]:
        found = [(r, c) for c in major.certificates for r in c.related_majors if r.major is major]
        found.sort(key=lambda pair: (pair[0].editorial, pinyin_sort_key(pair[1].name.zh), pair[1].id))  # sourced first
        return [{"id": c.id, "sources": [s.title for s in r.sources]} for r, c in found]

    return {
        "levels": {level: list(labels) for level, labels in vocabulary.MAJOR_LEVELS.items()},
        "statuses": {status: list(labels) for status, labels in vocabulary.STATUS.items()},
        "compare_limit": COMPARE_LIMIT,
        "compare_page": urls.COMPARE_PAGE,
        "categories": {
            c.code: {
                "name": _name(c.name),
                "level": c.level,
                "parent": c.parent.code if c.parent else None,
                "field": c.in_field.id if c.in_field else None,
            }
            for c in catalogue.major_categories.values()
        },
        "fields": {
            f.id: {
                "name": _name(f.name),
                "page": urls.page("field", f.id),
                "certificates": [
                    c.id for c in sorted(f.certificates, key=lambda c: (pinyin_sort_key(c.name.zh), c.id))
                ],
            }
            for f in catalogue.fields.values()
        },
        "majors": [
            {
                "code": m.id,
                "name": _name(m.name),
                "level": m.level,
                # Equivalent mutant: the model gives every major its category; the guard is for the type.
                "category": m.category.code if m.category else None,  # pragma: no mutate
                # The finder ignores spaces, so the spaced spelling would repeat the joined one.
                "pinyin": list(dict.fromkeys(term.replace(" ", "") for term in pinyin_terms(m.name.zh))),
                "page": major_page(m),
                "feed": urls.major_feed(m.id) if m.certificates else None,
                "certificates": linked(m),
            }
            for m in catalogue.majors.values()
        ],
        "certificates": {c.id: _certificate(c) for c in sorted(catalogue.certificates.values(), key=lambda c: c.id)},
    }


def _certificate(c: Certificate) -> dict[str, Any]:
    return {
        "name": _name(c.name),
        "status": c.status,
        "organization": c.organization.name.zh,
        "batch": c.batch.name.zh if c.batch else None,
        "page": urls.page("certificate", c.id),
        "api": urls.api("certificate", c.id),
    }


def _name(value: Name) -> dict[str, str | None]:
    return {"zh": value.zh, "en": value.en}


def finder_json(catalogue: Catalogue) -> str:
    """Compact, and safe even if a page ever inlines it: < > & as \\u escapes (JSON reads them back)."""
    # The data's own order (json.dumps keeps it); Chinese as written.
    text = json.dumps(finder_data(catalogue), ensure_ascii=False, separators=(",", ":"))  # pragma: no mutate
    return script_safe(text)


def script_safe(json_text: str) -> str:
    """JSON that no contributed text can end a <script> element in: the characters HTML reads
    (< > &) as JSON's own \\u escapes, so the data parses back exactly the same."""
    return json_text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
