"""Where everything lives in the site, defined once for Python and the templates.

Paths are relative to the site root (for open data, prefix the site's address);
a page's source is the Markdown file MkDocs turns into that page.
"""

from __future__ import annotations

# Each kind of item with a page of its own, and the folder its pages live in.
FOLDERS = {
    "certificate": "certificates",
    "organization": "organizations",
    "batch": "batches",
    "field": "fields",
    "major": "majors",
}
API_KINDS = ("certificate", "organization", "batch")  # the kinds with a JSON file of their own

CATALOGUE_JSON = "api/catalogue.json"
INDEX_JSON = "api/index.json"
OUTPUT_SCHEMA_FOLDER = "schema/output"
CERTIFICATES_CSV = "data/certificates.csv"
EVENTS_CSV = "data/events.csv"
CHANGES_FEED = "feeds/changes.xml"
CATALOGUE_CHART = "charts/catalogue.svg"
# The build date that print shows at the foot of every page, in one stylesheet: a new build date
# rewrites this file, not every page (stable outputs, issue #14).
BUILD_STYLESHEET = "stylesheets/built.css"
SEARCH_FOLDER = "pagefind"  # the search index (Pagefind), loaded in chunks by docs/javascripts/search.js
SEARCH_EDITS_FOLDER = "pagefind-edits"  # build.py serve only: the pages edited since its last full index
FIELD_REFERENCE = "reference/fields.md"
# The page on the programme events of type transferred: the 2025 handover, point by point, and the timeline.
HANDOVER_SOURCE = "handover.md"
HANDOVER_PAGE = "handover/"
DISAGREEMENTS_PAGE = "disagreements.md"  # every disagreement between sources, in one table
CATALOGUE_PAGE = "catalogue/"  # every certificate, with filters (its source is catalogue.md); the 404 page links it
COVERAGE_PAGE = "coverage.md"  # how much of the programme the catalogue holds, and from which sources


def page_source(kind: str, item_id: str) -> str:
    """certificates/x.md: the Markdown file (links between pages use it; MkDocs checks them)."""
    return f"{FOLDERS[kind]}/{item_id}.md"


def address(source: str) -> str:
    """A page's address from its source, as MkDocs' directory URLs give it: handover.md -> handover/,
    certificates/index.md -> certificates/, index.md -> "" (the site root)."""
    folder, _, name = source.rpartition("/")
    stem = name.removesuffix(".md")
    path = folder if stem == "index" else f"{folder}/{stem}".lstrip("/")
    return f"{path}/" if path else ""


def index_source(kind: str) -> str:
    """certificates/index.md (catalogue.md lists the certificates; the others have an index page)."""
    return f"{FOLDERS[kind]}/index.md"


def major_anchor(code: str) -> str:
    """major-510203: a major's place on its field's page (a major with linked certificates also has a page)."""
    return f"major-{code}"


def page(kind: str, item_id: str) -> str:
    """certificates/x/: the page's address, with MkDocs' directory URLs."""
    return f"{FOLDERS[kind]}/{item_id}/"


def api(kind: str, item_id: str) -> str:
    return f"api/{FOLDERS[kind]}/{item_id}.json"


def output_schema(kind: str) -> str:
    return f"{OUTPUT_SCHEMA_FOLDER}/{kind}.schema.json"


def organization_feed(organization_id: str) -> str:
    return f"feeds/organizations/{organization_id}.xml"


def chart(kind: str, item_id: str) -> str:
    return f"charts/{FOLDERS[kind]}/{item_id}.svg"


# --- For students (issue #16): the major finder, comparing certificates, the official platform ---

FINDER_SOURCE = "finder.md"  # every major by level, 大类 and 专业类: the finder without JavaScript
FINDER_PAGE = "finder/"
FINDER_DATA = "api/finder.json"  # the majors and certificates the finder and compare scripts read
COMPARE_SOURCE = "compare.md"
COMPARE_PAGE = "compare/"
# The official 1+X platform (职业技能等级证书信息管理服务平台), at the address its source file gives
# (catalogue/sources/platform-query-2026-08-30.yaml, cited on the page when the catalogue holds it).
OFFICIAL_PLATFORM = "https://vslc.ncb.edu.cn/"
OFFICIAL_PLATFORM_SOURCE = "platform-query-2026-08-30"


def finder_major(code: str) -> str:
    """?major=510203: the finder's shareable address for a major, on the home page or the finder page."""
    return f"?major={code}"


def field_feed(field_id: str) -> str:
    return f"feeds/fields/{field_id}.xml"


def major_feed(code: str) -> str:
    return f"feeds/majors/{code}.xml"
