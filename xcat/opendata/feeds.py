"""Atom feeds of catalogue changes: one for the whole catalogue, one per organization.

An entry is one dated history event (a new certificate, a rename, a replacement, a
merge, a withdrawal, a revocation...). Events without a date cannot be placed in a
feed and are left out. Entry ids are tag: URIs made from the certificate id, the
event type and its date, so they never change between builds; entry dates are the
event dates (a partial date counts from its first day); the feed's own date is the
build date. Nothing here reads the clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator

from .. import urls
from ..model import Catalogue, Event, Field, Major, Organization, changes_of
from ..vocabulary import EQUIVALENCE, EVENT
from .buildinfo import BuildInfo, first_moment

TAG_YEAR = "2026"  # the year the site's address was first used for these ids; never change it


def changes_feed(catalogue: Catalogue, build: BuildInfo) -> bytes:
    return _feed(
        build,
        path=urls.CHANGES_FEED,
        feed_id=_tag(build, "changes"),
        title="1+X 证书目录变更 · 1+X certificate catalogue changes",
        alternate=build.site_url,
        events=catalogue.changes,
    )


def organization_feed(organization: Organization, build: BuildInfo) -> bytes:
    """Changes to the certificates the organization issues now or issued before."""
    return _feed(
        build,
        path=urls.organization_feed(organization.id),
        feed_id=_tag(build, f"organizations/{organization.id}/changes"),
        title=f"{organization.name.zh} 的证书变更 · Changes: {organization.name.en or organization.name.zh}",
        alternate=build.url(urls.page("organization", organization.id)),
        events=organization.changes,
    )


def field_feed(item: Field, build: BuildInfo) -> bytes:
    """Changes to the certificates of a 专业大类 (an editorial classification): for a teacher of that field."""
    return _feed(
        build,
        path=urls.field_feed(item.id),
        feed_id=_tag(build, f"fields/{item.id}/changes"),
        title=f"{item.name.zh} 专业大类的证书变更 · Changes: {item.name.en or item.name.zh}",
        alternate=build.url(urls.page("field", item.id)),
        events=changes_of(item.certificates),
    )


def major_feed(major: Major, build: BuildInfo) -> bytes:
    """Changes to the certificates linked to a major (only a major with linked certificates has one)."""
    return _feed(
        build,
        path=urls.major_feed(major.id),
        feed_id=_tag(build, f"majors/{major.id}/changes"),
        title=f"{major.id} {major.name.zh} 的关联证书变更 · Changes: {major.name.en or major.name.zh}",
        alternate=build.url(urls.page("major", major.id)),
        events=changes_of(major.certificates),
    )


def _feed(build: BuildInfo, *, path: str, feed_id: str, title: str, alternate: str, events: Iterable[Event]) -> bytes:
    feed = FeedGenerator()
    feed.id(feed_id)
    feed.title(title)
    feed.language("zh-CN")
    feed.author({"name": "1+X 证书目录 · 1+X certificate catalogue", "uri": build.site_url})
    feed.link(href=build.url(path), rel="self", type="application/atom+xml")
    feed.link(href=alternate, rel="alternate", type="text/html")
    feed.generator("xcat", uri=build.site_url)  # feedgen's default carries its own version
    dated = [(event, first_moment(event.date)) for event in events if event.date]
    # The newest entry's date, not the build's: a feed changes only when its entries do
    # (feedgen would otherwise use the current time).
    feed.updated(max((moment for _, moment in dated), default=build.built))
    used_ids: dict[str, int] = {}
    for event, moment in dated:
        # catalogue.events is newest first already. Equivalent mutants: feedgen prepends only for "prepend".
        entry = feed.add_entry(order="append")  # pragma: no mutate
        entry.id(_entry_id(event, build, used_ids))
        entry.title(entry_title(event))
        # A programme event is one entry, for every certificate it reached: it links to its page.
        page = urls.HANDOVER_PAGE if event.programme_event else urls.page("certificate", event.certificate.id)
        # feedgen writes an entry's link with its href alone: without rel, an alternate one (RFC 4287).
        entry.link(href=build.url(page))
        entry.updated(moment)
        entry.content(entry_text(event), type="text")
        entry.category(term=event.type, label=" · ".join(EVENT[event.type]))  # the schema allows no other type
    return feed.atom_str(pretty=True)  # UTF-8, as its first line declares (feedgen's default)


def entry_title(event: Event) -> str:
    zh, en = EVENT[event.type]
    name = event.programme_event.name if event.programme_event else event.certificate.name
    return f"{zh}：{name.zh} · {en}: {name.en or name.zh}"


def entry_text(event: Event) -> str:
    """The event in plain text, Chinese first, each line with its English."""
    lines = []
    if event.date:
        lines.append(f"日期 · Date: {event.date}")
    programme = event.programme_event
    if programme:
        reached = len(programme.certificates)
        if programme.deadline:
            lines.append(f"期限 · Deadline: {programme.deadline}")
        scope = "全部证书 · all certificates" if programme.applies_to_all else "所列证书 · the listed certificates"
        lines.append(f"适用于 · Applies to: {scope}（{reached} 个证书 · {reached} certificates）")
    if event.from_batch:
        lines.append(
            f"批次 · Batch: {event.from_batch.name.zh} · {event.from_batch.name.en or event.from_batch.name.zh}"
        )
    if event.previous_name:
        lines.append(f"原名称 · Former name: {event.previous_name.both(' · ')}")
    if event.previous_organization:
        previous = event.previous_organization.name
        lines.append(f"原评价组织 · Former organization: {previous.both(' · ')}")
    for successor in event.successors:
        target = successor.certificate.name
        zh, en = EQUIVALENCE[successor.equivalence]  # the schema allows no other value
        lines.append(f"后继证书 · Successor: {target.both(' · ')}（{zh} · {en}）")
    if event.details:
        lines.append(f"说明 · Details: {event.details.both(' · ')}")
    if event.sources:
        lines.append("来源 · Sources: " + "; ".join(source.title for source in event.sources))
    return "\n".join(lines)


def _tag(build: BuildInfo, specific: str) -> str:
    """A tag: URI (RFC 4151) under the site's host name."""
    host = urlsplit(build.site_url).hostname or "localhost"
    return f"tag:{host},{TAG_YEAR}:{specific}"


def _entry_id(event: Event, build: BuildInfo, used: dict[str, int]) -> str:
    """The same kind of event twice on one day gets /2, /3, …: counted, not searched for, as a
    history may hold thousands. (A date holds no "/", so a numbered id never equals another's base.)"""
    subject = (
        f"programme-events/{event.programme_event.id}"
        if event.programme_event
        else f"certificates/{event.certificate.id}"
    )
    base = _tag(build, f"{subject}/{event.type}/{event.date}")
    number = used[base] = used.get(base, 0) + 1
    return base if number == 1 else f"{base}/{number}"
