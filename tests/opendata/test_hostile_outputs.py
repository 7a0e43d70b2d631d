"""The hostile catalogue (tests/fixtures/hostile/, every free-text field hostile) through every
output the build writes, without MkDocs: the Markdown pages rendered as MkDocs would, the JSON,
the CSV tables and the Atom feeds. Markup stays text everywhere, and the data files carry each
value exactly as written. (The browser test tests/publish/test_hostile.py does the same on a
built site; this one runs in seconds.)"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from tests.helpers import MODULE, TODAY, generate_files
from xcat.check.catalogue import check_catalogue
from xcat.check.schemas import SchemaSet
from xcat.render.pages import BODY, HTML_BODY
from xcat.settings import ROOT, SCHEMAS

HOSTILE = ROOT / "tests" / "fixtures" / "hostile" / "catalogue"
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc"]  # mkdocs.yml's markdown_extensions
EMBEDDED = {"script", "img", "svg", "iframe", "object", "embed", "frame", "form", "input", "button", "style", "link"}
FREE_TEXT = {"zh", "en", "title", "document_number", "publisher", "note"}


@pytest.fixture(scope=MODULE)
def docs(tmp_path_factory) -> Path:
    checked = check_catalogue(HOSTILE, SchemaSet(SCHEMAS), today=TODAY, base=ROOT)
    target = tmp_path_factory.mktemp("hostile-docs")
    generate_files(checked, target)
    return target


@pytest.fixture(scope=MODULE)
def plain_docs(tmp_path_factory, fictional_checked) -> Path:
    """The same pages from the fictional catalogue: the elements our templates put there."""
    target = tmp_path_factory.mktemp("fictional-docs")
    generate_files(fictional_checked, target)
    return target


def free_text(node, key: str = "") -> list[str]:
    """Every free-text value in a catalogue file (names, descriptions, details, titles, notes)."""
    if isinstance(node, dict):
        return [text for k, value in node.items() for text in free_text(value, k)]
    if isinstance(node, list):
        return [text for item in node for text in free_text(item, key)]
    return [node] if key in FREE_TEXT and isinstance(node, str) else []


def catalogue_texts() -> dict[str, list[str]]:
    return {
        path.relative_to(HOSTILE).as_posix(): free_text(yaml.safe_load(path.read_text(encoding="utf-8")))
        for path in sorted(HOSTILE.rglob("*.yaml"))
    }


def strings(node) -> set[str]:
    if isinstance(node, dict):
        return {s for value in node.values() for s in strings(value)}
    if isinstance(node, list):
        return {s for item in node for s in strings(item)}
    return {node} if isinstance(node, str) else set()


class _Scan(HTMLParser):
    """What rendered HTML would make a browser do: elements and attributes contributor text
    must never produce, and the text a reader sees."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in EMBEDDED:
            self.found.append(f"<{tag} {dict(attrs).get('src') or dict(attrs).get('action') or ''}>")
        for name, value in attrs:
            squeezed = "".join((value or "").split()).lower()
            if name.startswith("on") or name == "autofocus":
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction") and squeezed.startswith(("javascript:", "data:")):
                self.found.append(f"<{tag} {name}={value}>")

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.found.append(f"<!--{data}-->")


def rendered(page: Path) -> _Scan:
    """The page as MkDocs makes its content: its body as it is if written as HTML
    (front matter `body: html`, xcat/publish/mkdocs_build.py), else through Python-Markdown."""
    content, meta = get_data(page.read_text(encoding="utf-8"))  # MkDocs strips the front matter
    scan = _Scan()
    scan.feed(content if meta.get(BODY) == HTML_BODY else markdown.markdown(content, extensions=EXTENSIONS))
    scan.close()
    return scan


def test_the_hostile_catalogue_has_hostile_text_in_every_file():
    texts = catalogue_texts()
    # synonyms.yaml holds single words (its schema refuses spaces and long text): no payload fits.
    del texts["synonyms.yaml"]
    assert all(any("alert(1)" in text for text in found) for found in texts.values()), texts


def test_every_page_shows_hostile_text_as_text(docs, plain_docs):
    """Rendered as MkDocs renders them, the pages hold no element, handler or address beyond
    those the same pages of the plain fictional catalogue hold (the templates' own)."""
    pages = sorted(page.relative_to(docs).as_posix() for page in docs.rglob("*.md"))
    assert len(pages) > 20
    added = {}
    for page in pages:
        plain = rendered(plain_docs / page).found if (plain_docs / page).exists() else []
        added[page] = [mark for mark in rendered(docs / page).found if mark not in plain]
    assert {page: marks for page, marks in added.items() if marks} == {}


@pytest.mark.parametrize(
    "kind, page", [("certificates", "certificates/{}.md"), ("organizations", "organizations/{}.md")]
)
def test_each_page_shows_its_hostile_name_as_written(docs, kind, page):
    missing = []
    for path in sorted((HOSTILE / kind).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = " ".join(rendered(docs / page.format(path.stem)).text)
        missing += [f"{path.stem}: {name}" for name in data["name"].values() if name not in text]
    assert missing == []


def test_json_carries_every_hostile_text_exactly(docs):
    published = set()
    for path in (docs / "api").rglob("*.json"):
        published |= strings(json.loads(path.read_text(encoding="utf-8")))
    missing = {file: [t for t in texts if t not in published] for file, texts in catalogue_texts().items()}
    assert {file: texts for file, texts in missing.items() if texts} == {}


def test_csv_carries_hostile_names_exactly(docs):
    cells = set()
    for path in docs.rglob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            cells |= {cell for row in csv.reader(handle) for cell in row}
    names = [
        name
        for path in sorted((HOSTILE / "certificates").glob("*.yaml"))
        for name in yaml.safe_load(path.read_text(encoding="utf-8"))["name"].values()
    ]
    assert [name for name in names if name not in cells] == []


def test_feeds_parse_and_hold_hostile_text_only_as_text(docs):
    feeds = sorted(docs.rglob("*.xml"))
    assert feeds
    names = {
        name
        for path in sorted((HOSTILE / "certificates").glob("*.yaml"))
        for name in yaml.safe_load(path.read_text(encoding="utf-8"))["name"].values()
    }
    shown = set()
    for feed in feeds:
        root = ET.parse(feed).getroot()  # well-formed, whatever the names hold
        assert {element.tag.partition("}")[0] + "}" for element in root.iter()} <= {"{http://www.w3.org/2005/Atom}"}, (
            feed
        )
        shown |= {text for element in root.iter() for text in [element.text or ""] if text}
    assert any(name in text for name in names for text in shown)
