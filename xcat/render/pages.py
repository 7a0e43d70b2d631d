"""Stage 4a: the site's pages, as Markdown rendered from the model through templates.

Python decides what each page shows (which objects, in which order, which charts);
the templates in xcat/render/templates/ decide how it looks. Every value a template prints
goes through `plain_text`, so contributor text can never become markup.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markdown.extensions import toc
from markupsafe import Markup, escape

from .. import urls, vocabulary
from ..model import Batch, Catalogue, Certificate, Name, ProgrammeEvent, Remark, Source
from ..textfile import write_text
from . import charts, finder, search
from .search import _segmenter_and_speller, pinyin_sort_key, pinyin_terms

TEMPLATES = Path(__file__).parent / "templates"
LATEST_CHANGES_ON_HOME = 10
# Cited by the coverage page when the catalogue has them: the 2025 handover notice, and the report
# that says where the batch 3 list and the batch 4 notice were published.
HANDOVER_SOURCE = "mohrss-moe-2025-154"
LISTS_SOURCE = "uryuwr-ingest-report"


def write_pages(
    catalogue: Catalogue, docs_dir: Path, templates_dir: Path = TEMPLATES, edit_base: str | None = None
) -> None:
    """Render every generated page (and chart) into docs_dir."""
    writer = PageWriter(catalogue, docs_dir, templates_dir, edit_base)
    writer.write_all()


# --- Escaping -----------------------------------------------------------------

# ASCII characters that mean something to HTML or to Markdown (emphasis, links, code,
# tables, headings, attribute lists) become numeric character references: they look
# the same on the page and in the search index, and mean nothing in either language.
_SPECIAL = {ord(c): f"&#{ord(c)};" for c in "&<>\"'\\`*_[](){}#|!~"}
_LINE_START = re.compile(r"^([0-9]+)\.|^([-+=])")


def plain_text(value) -> Markup:
    """Jinja's finalize: print any value as inert text. Markup (macros, trusted links) passes."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    text = " ".join(str(value).split())  # one line: a newline could start a list or a code block
    text = text.translate(_SPECIAL)
    # A leading "1." or "-" would start a list where the text begins a line.
    text = _LINE_START.sub(lambda m: f"{m.group(1)}&#46;" if m.group(1) else f"&#{ord(m.group(2))};", text)
    return Markup(text)


# In a link written as (<url>), these would still cut the Markdown around it: | ends a table
# cell, ` opens a code span that swallows what follows, \ escapes, ' ends an attribute.
# Percent-encoded, the address means the same and any https URL stays one link.
_LINK_BREAKING = re.compile(r"[|`\\']")


def external_url(url: str | None) -> Markup | None:
    """A URL for a Markdown link written as (<url>); only https, nothing that ends the brackets."""
    if not url or not url.startswith("https://") or re.search(r"[\s<>\"]", url):
        return None
    return Markup(_LINK_BREAKING.sub(lambda m: f"%{ord(m.group()):02X}", url))


# A page whose front matter says `body: html` was written as finished HTML (templates/*.html.j2):
# MkDocs takes its body as it is (publish/mkdocs_build.py).
BODY, HTML_BODY = "body", "html"


def href(url: str | None) -> Markup | None:
    """external_url for an href attribute in a page written as HTML: the same address, its & escaped."""
    checked = external_url(url)
    return Markup(escape(str(checked))) if checked else None


def heading_id(text: str) -> str:
    """The id Python-Markdown's toc extension gives a heading of this text (its tags taken out,
    its entities decoded once, then its slugify), so a page written as HTML keeps the anchors
    links point to. (Markup.striptags decodes entities too: with html.unescape after it, a name
    holding "&amp;" as text lost the "amp" Python-Markdown keeps.)"""
    # A heading of Chinese alone slugifies to nothing: the toc extension then numbers it, "_1".
    # Only a page's h1 can be Chinese alone (every other heading carries its English), so "_1" is unique.
    return toc.slugify(html.unescape(toc.strip_tags(str(text))), "-") or "_1"


# MkDocs takes a page's title from its front matter (else from its h1) and Material prints
# it unescaped, in <title> after `striptags`, which decodes entities back into markup: the
# escaping plain_text gives the body is not enough there. A title holds no & < > " ' at all
# (look-alikes instead: full-width, and ’ for an apostrophe), so no number of decodings can
# make markup of it; the h1 keeps the exact text. Written as JSON: a YAML double-quoted scalar.
_TITLE_LOOK_ALIKES = {**{ord(c): chr(ord(c) + 0xFEE0) for c in '&<>"'}, ord("'"): "’"}


def page_title(value) -> Markup:
    """The front matter title of a page: a name (zh and en) or a text, inert for any theme."""
    text = value.both() if isinstance(value, Name) else str(value)
    inert = " ".join(text.split()).translate(_TITLE_LOOK_ALIKES)
    return Markup(json.dumps(inert, ensure_ascii=False))  # pragma: no mutate - ensure_ascii=None is as false


# --- What each page shows -----------------------------------------------------


def cited_sources(certificate: Certificate) -> list[Source]:
    """Every source the certificate page cites, the certificate's own first, each once."""
    found: dict[str, Source] = {}
    groups: list[Iterable[Source]] = [certificate.sources]
    groups += [event.sources for event in certificate.history]
    groups += [level.sources for level in certificate.levels]
    groups += [pilot.sources for pilot in certificate.pilot_counts]
    groups += [related.sources for related in certificate.related_majors]
    groups += [occupation.sources for occupation in certificate.occupations]
    for group in groups:
        for source in group:
            found.setdefault(source.id, source)
    return list(found.values())


# The source that launched the programme: the first step of the handover page's timeline when the
# catalogue holds it (the State Council's reform plan, 国发〔2019〕4号).
LAUNCH_SOURCE = "guofa-2019-4"


@dataclass
class Step:
    """One step of the programme's timeline, with the sources that state it."""

    date: str | None
    text: Name
    sources: list[Source]
    batch: Batch | None = None
    notes: list[Remark] = field(default_factory=list)


def timeline(catalogue: Catalogue) -> list[Step]:
    """From the launch through each batch to the programme events: only facts the catalogue holds."""
    steps = []
    launch = catalogue.sources.get(LAUNCH_SOURCE)
    if launch:
        number = f"（{launch.document_number}）" if launch.document_number else ""
        steps.append(
            Step(
                launch.published,
                Name(
                    f"{launch.publisher or ''}《{launch.title}》{number}启动 1+X 证书制度试点",
                    "The State Council's National Vocational Education Reform Implementation Plan launches the 1+X certificate pilot",
                ),
                [launch],
            )
        )
    for batch in catalogue.batches.values():
        steps.append(Step(batch.date, batch.name, batch.sources, batch=batch, notes=batch.remarks))
    for programme in catalogue.programme_events.values():
        steps.append(Step(programme.date, programme.name, programme.sources))
    return steps


def handovers(catalogue: Catalogue) -> list[ProgrammeEvent]:
    """The programme events that moved certificates out of 1+X (the 2025 handover), oldest first."""
    return [p for p in catalogue.programme_events.values() if p.type == vocabulary.TRANSFERRED]


def handovers_of(catalogue: Catalogue, certificate: Certificate) -> list[ProgrammeEvent]:
    """Those that concern this certificate: it was listed, or every certificate was (one that had
    ended earlier keeps its status, but the handover still decides what its holders can do)."""
    return [p for p in handovers(catalogue) if p.applies_to_all or certificate in p.certificates]


def by_name(certificates: Iterable[Certificate]) -> list[Certificate]:
    """Pinyin order, as a Chinese reader expects, with the id as a tiebreaker."""
    return sorted(certificates, key=lambda c: (pinyin_sort_key(c.name.zh), c.id))


def catalogue_order(certificates: Iterable[Certificate]) -> list[Certificate]:
    """By batch, then by name; then those introduced outside the batches; those whose batch is unknown last."""

    def place(c: Certificate) -> tuple[bool, bool, int, str, str]:
        number = c.batch.number if c.batch else 0  # pragma: no mutate - only batched certificates compare it
        return (c.batch is None, c.batch_unknown, number, pinyin_sort_key(c.name.zh), c.id)

    return sorted(certificates, key=place)


# --- Structured data ----------------------------------------------------------


def credential_jsonld(certificate: Certificate) -> str:
    """schema.org's EducationalOccupationalCredential for the page's <script type="application/ld+json">:
    only what the catalogue holds, as JSON in which no contributed text can close the element."""
    organization = certificate.organization
    recognized_by = {
        "@type": "Organization",
        "name": organization.name.zh,
        "alternateName": organization.name.en,
        "url": organization.website,
    }
    data = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalCredential",
        "name": certificate.name.zh,
        "alternateName": certificate.name.en,
        "credentialCategory": "职业技能等级证书 · vocational skill level certificate (1+X)",
        "educationalLevel": [level.level for level in certificate.levels] or None,
        "recognizedBy": {key: value for key, value in recognized_by.items() if value is not None},
        "description": certificate.description.zh if certificate.description else None,
        "identifier": certificate.id,
    }
    compact = {key: value for key, value in data.items() if value is not None}
    one_line = json.dumps(compact, ensure_ascii=False, separators=(",", ":"))  # pragma: no mutate - None is as false
    return finder.script_safe(one_line)


# --- Writing ------------------------------------------------------------------


class PageWriter:
    def __init__(
        self, catalogue: Catalogue, docs_dir: Path, templates_dir: Path = TEMPLATES, edit_base: str | None = None
    ):
        """edit_base: the address that a catalogue file's path is appended to, to edit it (SiteSettings)."""
        self.catalogue = catalogue
        self.docs_dir = docs_dir
        self.edit_base = edit_base
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates_dir),
            autoescape=True,  # macro output is Markup, so finalize leaves it alone
            finalize=plain_text,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,  # pragma: no mutate - for an indented block tag; the templates have none yet
            keep_trailing_newline=True,
        )
        self.env.globals["vocabulary"] = vocabulary
        self.env.globals["urls"] = urls
        self.env.filters["url"] = external_url
        self.env.filters["href"] = href
        self.env.filters["heading_id"] = heading_id
        self.env.filters["page_title"] = page_title
        self.env.filters["pinyin"] = pinyin_terms
        self.env.filters["by_name"] = by_name

    def write_all(self) -> None:
        for job in self.jobs():
            job()

    def jobs(self) -> list[Callable[[], None]]:
        """One job per page (and its chart), in a fixed order: each is independent of the others,
        so xcat.parallel can share them out between processes."""
        _segmenter_and_speller()  # load the dictionaries once, before the jobs are shared out
        catalogue = self.catalogue
        everything = catalogue_order(catalogue.certificates.values())
        page = functools.partial
        jobs: list[Callable[[], None]] = [
            self.home_page,
            self.student_pages,
            page(self.render, "catalogue.md", "catalogue.md.j2", certificates=everything),
            page(self.render, "changes.md", "changes.md.j2", events=catalogue.changes),
            page(
                self.render,
                urls.HANDOVER_SOURCE,
                "handover.md.j2",
                handovers=handovers(catalogue),
                timeline=timeline(catalogue),
            ),
            page(self.render, urls.DISAGREEMENTS_PAGE, "disagreements.md.j2", disagreements=catalogue.disagreements),
            page(
                self.render,
                urls.COVERAGE_PAGE,
                "coverage.md.j2",
                handover=catalogue.sources.get(HANDOVER_SOURCE),
                lists=catalogue.sources.get(LISTS_SOURCE),
                outside=sum(not c.batch and not c.batch_unknown for c in everything),
                by_source=catalogue.certificates_by_source(),
                facts=catalogue.facts_by_source_kind(),
            ),
        ]
        jobs += [page(self.certificate_page, certificate) for certificate in everything]
        jobs.append(
            page(
                self.render,
                urls.index_source("organization"),
                "organizations.md.j2",
                organizations=sorted(
                    catalogue.organizations.values(), key=lambda o: (pinyin_sort_key(o.name.zh), o.id)
                ),
            )
        )
        jobs += [
            page(
                self.render,
                urls.page_source("organization", o.id),
                "organization.html.j2",
                o=o,
                search=search.organization(o, catalogue),
            )
            for o in catalogue.organizations.values()
        ]
        jobs.append(
            page(self.render, urls.index_source("batch"), "batches.md.j2", batches=list(catalogue.batches.values()))
        )
        jobs += [page(self.batch_page, batch) for batch in catalogue.batches.values()]
        jobs.append(
            page(self.render, urls.index_source("field"), "fields.md.j2", fields=list(catalogue.fields.values()))
        )
        jobs += [
            page(
                self.render,
                urls.page_source("field", item.id),
                "field.md.j2",
                item=item,
                search=search.field_of_study(item, catalogue),
            )
            for item in catalogue.fields.values()
        ]
        # 1,349 majors: each is an entry on its field's page (one heading each); only a major with
        # linked certificates has a page of its own (a page each took the build from 8 s to 36 s).
        linked = [major for major in catalogue.majors.values() if major.certificates]
        jobs.append(page(self.render, urls.index_source("major"), "majors.md.j2", linked=linked))
        jobs += [
            page(
                self.render,
                urls.page_source("major", m.id),
                "major.html.j2",
                major=m,
                search=search.major(m, catalogue),
            )
            for m in linked
        ]
        return jobs

    def home_page(self) -> None:
        catalogue = self.catalogue
        self.render(
            "index.md",
            "home.md.j2",
            counts=catalogue.count_by_status(),
            latest=catalogue.changes[:LATEST_CHANGES_ON_HOME],
            handovers=handovers(catalogue),
            chart=self.chart(urls.CATALOGUE_CHART, charts.catalogue_over_time_svg(catalogue)),
            search=search.home(catalogue),
        )

    def student_pages(self) -> None:
        """The major finder's data and its page without JavaScript, and the compare page (issue #16)."""
        catalogue = self.catalogue
        target = self.docs_dir / urls.FINDER_DATA
        target.parent.mkdir(parents=True, exist_ok=True)  # pragma: no mutate - api/ is made in docs/, which exists
        write_text(target, finder.finder_json(catalogue))
        self.render(urls.FINDER_SOURCE, "finder.md.j2", handovers=handovers(catalogue), major_page=finder.major_page)
        self.render(urls.COMPARE_SOURCE, "compare.md.j2", limit=finder.COMPARE_LIMIT)

    def certificate_page(self, certificate: Certificate) -> None:
        self.render(
            urls.page_source("certificate", certificate.id),
            "certificate.html.j2",
            c=certificate,
            sources=cited_sources(certificate),
            pinyin=pinyin_terms(certificate.name.zh),
            former_pinyin=[t for n in certificate.former_names for t in pinyin_terms(n.zh)],
            edit_url=self.edit_url(certificate.path),
            chart=self.chart(urls.chart("certificate", certificate.id), charts.pilot_counts_svg(certificate)),
            handovers=handovers_of(self.catalogue, certificate),
            search=search.certificate(certificate, self.catalogue),
            credential=Markup(credential_jsonld(certificate)),  # JSON made safe for a <script> element
            platform=self.catalogue.sources.get(urls.OFFICIAL_PLATFORM_SOURCE),
        )

    def batch_page(self, batch: Batch) -> None:
        self.render(
            urls.page_source("batch", batch.id),
            "batch.md.j2",
            b=batch,
            chart=self.chart(urls.chart("batch", batch.id), charts.batch_counts_svg(batch)),
            search=search.batch(batch, self.catalogue),
        )

    def render(self, page: str, template: str, **context) -> None:
        """Write one page. `root` leads from the page's Markdown file to docs/ (for .md links,
        which MkDocs checks); `site_root` leads from its URL to the site root (for raw HTML links)."""
        depth = page.count("/")
        url_depth = depth if page.endswith("index.md") else depth + 1
        text = self.env.get_template(template).render(
            catalogue=self.catalogue, root="../" * depth, site_root="../" * url_depth, **context
        )
        target = self.docs_dir / page
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text(target, text)

    def chart(self, relative: str, svg: str | None) -> str | None:
        """Write the chart if there is one; its path relative to docs/, or None."""
        if not svg:
            return None
        target = self.docs_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text(target, svg)
        return relative

    def edit_url(self, path: str) -> Markup | None:
        return external_url(self.edit_base + path) if self.edit_base else None
