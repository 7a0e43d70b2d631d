"""What the site's search (Pagefind) indexes for each page: decided here, at build time.

Each catalogue page carries a hidden block (the `search_entry` macro) that is the only text
Pagefind indexes for it: the names first (the highest weight), then the terms a student may
type instead (pinyin, fragments, editorial synonyms, codes), then what the page is about
(organization, status, fields, majors; weight 1). Query expansion happens here, once, so the
browser runs Pagefind as it is and downloads only the index chunks a query needs.
The weights also rank the kinds (KINDS), and the result's summary is metadata: organization,
status and levels, never pinyin or table cells.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .. import vocabulary
from ..model import Batch, Catalogue, Certificate, Field, Major, Name, Organization

# --- Pinyin (the speller is shared with the pages' pinyin sort order) -------------------------------------------------------------------

_HAN = re.compile(r"[\u3400-\u9fff]")


@functools.cache
def _segmenter_and_speller():
    """jieba and pypinyin, imported on first use: their dictionaries take about 2 s to load,
    which only a build that renders pages pays, never `check` or the other commands."""
    import jieba  # noqa: PLC0415 - heavy optional dependency, see above
    import pypinyin  # noqa: PLC0415 - heavy optional dependency, see above

    jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is not build output
    jieba.initialize()  # load the dictionary once, before the page jobs are shared out between processes
    return jieba, pypinyin


def forget_dictionaries() -> None:
    """Free jieba's dictionary (about 75 MB) once the pages are written: MkDocs runs next in the same
    process and reuses the memory. A later segmentation loads it again (jieba checks on every cut)."""
    if _segmenter_and_speller.cache_info().currsize:
        jieba, _ = _segmenter_and_speller()
        jieba.dt.FREQ, jieba.dt.total, jieba.dt.initialized = {}, 0, False  # pragma: no mutate (reset on reload)


def pinyin_terms(name: str) -> list[str]:
    """Search terms for a Chinese name: words in pinyin, the whole name joined, and initials.
    工业机器人应用编程 -> ["gongye jiqiren yingyong biancheng", "gongyejiqirenyingyongbiancheng", "gyjqryybc"].
    The search matches prefixes, so "gyjqr" and "gongye jiqiren" both find it."""
    jieba, pypinyin = _segmenter_and_speller()
    # jieba's HMM (on by default) joins the words its dictionary lacks (运维, 装调, 失智), so
    # "yunwei" finds 运维 as "jiqiren" finds 机器人; without it they fall apart into syllables.
    words = [w for w in jieba.cut(name) if _HAN.search(w)]
    if not words:
        return []
    # Only errors="default" keeps what has no pinyin (the B of B超): any other value drops it (pragma).
    spelled = [[s for s in pypinyin.lazy_pinyin(w, errors="ignore") if s.isascii()] for w in words]  # pragma: no mutate
    terms = [
        " ".join("".join(s) for s in spelled),
        "".join("".join(s) for s in spelled),
        "".join(s[0] for word in spelled for s in word),
    ]
    return list(dict.fromkeys(t for t in terms if t))


@functools.cache  # every list page sorts by it: spell each name once
def pinyin_sort_key(name: str) -> str:
    _, pypinyin = _segmenter_and_speller()
    return " ".join(pypinyin.lazy_pinyin(name, style=pypinyin.Style.NORMAL)).lower()


# --- Entries -----------------------------------------------------------------

# Each kind's words and their weights (names, then other terms; what a page is about weighs 1,
# what it only mentions MENTION_WEIGHT):
# Pagefind ranks by weight, so a certificate whose name matches comes before an organization
# whose name matches, then majors, fields, batches, other pages; and any page whose own name
# matches comes before pages that only mention it (a certificate naming its organization).
KINDS = {
    "certificate": ("证书 Certificate", 10, 7),
    "organization": ("评价组织 Organization", 9, 6),
    "major": ("专业 Major", 8, 5),
    "field": ("专业大类 Field", 7, 4),
    "batch": ("批次 Batch", 6, 3),
    "page": ("页面 Page", 5, 2),
}
MENTION_WEIGHT = 0.1
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
# The index keeps Chinese unsplit (build.py runs Pagefind with --force-language en: its Chinese
# word segmentation lost pages at 5,000 certificates, docs/performance.md) and Pagefind matches
# each typed word as a prefix of an indexed word. Every suffix of a name's Chinese runs is
# indexed as a word of its own, so any fragment (中车行 in 北京中车行高新技术有限公司) is a prefix
# of one. Fragments longer than this are rare queries and cost index size.
LONGEST_FRAGMENT = 16


@dataclass
class SearchEntry:
    kind: str
    title: str  # the Chinese name
    subtitle: str  # the English name
    summary: str  # what helps a student choose
    names: list[str]
    terms: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)  # found, but after every page whose context matches

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind][0]

    @property
    def weights(self) -> tuple[float, float, float, float]:
        """Pagefind weights of the names, the other terms, the context and the mentions."""
        return KINDS[self.kind][1], KINDS[self.kind][2], 1, MENTION_WEIGHT


def fragments(name: str) -> list[str]:
    """Each suffix of each Chinese run of the name (at least two characters, at most LONGEST_FRAGMENT)."""
    found: dict[str, None] = {}
    for run in _HAN_RUN.findall(name):
        for start in range(len(run) - 1):
            found.setdefault(run[start : start + LONGEST_FRAGMENT])
    return list(found)


def syllables(name: str) -> list[str]:
    """The name's pinyin one syllable at a time, so "gong ye ji qi ren" finds it too."""
    _, pypinyin = _segmenter_and_speller()
    # A character pypinyin cannot spell comes back as itself, and is left out.
    spelled = [s for s in pypinyin.lazy_pinyin("".join(_HAN_RUN.findall(name))) if s.isascii()]
    return [" ".join(spelled)] if spelled else []


def expansions(names: Iterable[Name], synonyms: dict[str, list[str]]) -> list[str]:
    """What a student may type for these names: pinyin (words, joined, initials, syllables),
    fragments, and each editorial synonym whose words a name contains."""
    terms: dict[str, None] = {}
    for name in names:
        for term in pinyin_terms(name.zh) + syllables(name.zh) + fragments(name.zh):
            terms.setdefault(term)
        for query, finds in synonyms.items():
            if any(word in name.zh for word in finds):
                terms.setdefault(query)
    return list(terms)


def _names(names: Iterable[Name]) -> list[str]:
    return [text for name in names for text in (name.zh, name.en) if text]


def _count(n: int) -> str:
    return f"{n} 个证书 certificates"


def certificate(c: Certificate, catalogue: Catalogue) -> SearchEntry:
    status = vocabulary.STATUS[c.status]
    levels = "、".join(level.level for level in c.levels)
    summary = " · ".join(part for part in (c.organization.name.zh, f"{status[0]} {status[1]}", levels) if part)
    context = _names([c.organization.name]) + fragments(c.organization.name.zh) + list(status)
    context += _names([f.name for f in c.fields]) + _names([r.major.name for r in c.related_majors])
    context += [r.major.id for r in c.related_majors]  # a major's code finds its certificates
    context += [c.batch.name.zh] if c.batch else []
    context += [level.title for level in c.levels if level.title]
    context += _names([c.description]) if c.description else []
    return SearchEntry(
        "certificate",
        c.name.zh,
        c.name.en or "",
        summary,
        _names([c.name]),
        _names(c.former_names) + expansions(c.search_names, catalogue.synonyms),
        context,
    )


def organization(o: Organization, catalogue: Catalogue) -> SearchEntry:
    return SearchEntry(
        "organization",
        o.name.zh,
        o.name.en or "",
        f"培训评价组织 · {_count(len(o.certificates))}",
        _names([o.name]),
        expansions([o.name], catalogue.synonyms),
    )


def major(m: Major, catalogue: Catalogue) -> SearchEntry:
    return SearchEntry(
        "major",
        m.name.zh,
        m.name.en or "",
        f"专业 {m.id} · {_count(len(m.certificates))}",
        _names([m.name]) + [m.id],
        expansions([m.name], catalogue.synonyms),
    )


def field_of_study(f: Field, catalogue: Catalogue) -> SearchEntry:
    return SearchEntry(
        "field",
        f.name.zh,
        f.name.en or "",
        f"专业大类 · {_count(len(f.certificates))}",
        _names([f.name]),
        expansions([f.name], catalogue.synonyms),
        # Its majors are headings on its page, not pages: a major's code, name or pinyin finds the field.
        # Their pinyin only as mentions: at weight 1, one page holding every 工业… major would
        # outrank the certificates "gongye jiqiren" is for.
        [m.id for m in f.majors] + _names([m.name for m in f.majors]),
        _spellings([m.name for m in f.majors]),
    )


def _spellings(names: Iterable[Name]) -> list[str]:
    """Each name's pinyin as one word: joined (zhongzishengchanjishu) and initials (zzscjs)."""
    return [term for name in names for term in pinyin_terms(name.zh) if " " not in term]


def batch(b: Batch, catalogue: Catalogue) -> SearchEntry:
    return SearchEntry(
        "batch",
        b.name.zh,
        b.name.en or "",
        " · ".join(part for part in (b.date, _count(len(b.certificates))) if part),
        _names([b.name]),
        expansions([b.name], catalogue.synonyms),
        [b.date] if b.date else [],
    )


def home(catalogue: Catalogue) -> SearchEntry:
    name = Name("1+X 职业技能等级证书目录", "1+X vocational skill level certificates")
    return SearchEntry(
        "page",
        name.zh,
        name.en or "",  # pragma: no mutate - this name has its English: no stand-in is ever used
        f"首页 Home · {_count(len(catalogue.certificates))}",
        _names([name]) + ["1+X证书", "X证书"],
        expansions([name], catalogue.synonyms),
    )
