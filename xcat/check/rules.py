"""Stage 2b: the rules a schema cannot state, because they span files or compare values.

Each rule is one small function named after what it forbids. It receives the index of
schema-valid documents and yields problems. RULES lists them; the checker runs them all.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .. import dates
from ..vocabulary import (
    ALLOWED_NEXT,
    APPLIES_TO_ALL,
    CURRENT_STATUSES,
    ENDED_STATUSES,
    ENDING_EVENTS,
    ENTRY_KEY,
    INITIAL_STATUS,
    LEVEL_ORDER,
    STATUS_AFTER,
    VOCABULARY_KINDS,
)
from .load import Document
from .problems import Problem, about, field_path


@dataclass
class Index:
    """Schema-valid documents by kind and id, plus the ids every loaded file claims."""

    today: str
    items: dict[str, dict[str, Document]] = field(default_factory=lambda: defaultdict(dict))
    vocabularies: dict[str, Document] = field(default_factory=dict)
    known_ids: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _sorted_ids: dict[str, list[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, valid: list[Document], all_loaded: list[Document], today: str) -> Index:
        index = cls(today=today)
        for document in all_loaded:
            if document.kind in VOCABULARY_KINDS:
                entries = document.data.get(document.kind)  # a loaded file is a mapping (load.py)
                for entry in entries if isinstance(entries, list) else []:
                    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                        index.known_ids[document.kind].add(entry["id"])
            else:
                # A file that failed its schema still claims its id: do not report references to it.
                index.known_ids[document.kind].add(document.stem)
        for document in valid:
            if document.kind in VOCABULARY_KINDS:
                index.vocabularies[document.kind] = document
            else:
                index.items[document.kind][document.stem] = document
        return index

    def sorted_ids(self, kind: str) -> list[str]:
        """known_ids[kind] in order, sorted once (known_ids is complete once the index is built)."""
        if kind not in self._sorted_ids:
            self._sorted_ids[kind] = sorted(self.known_ids[kind])
        return self._sorted_ids[kind]

    def certificates(self) -> Iterator[Document]:
        return iter(self.items["certificate"].values())

    def batch_of(self, certificate: Document) -> Document | None:
        """A certificate's batch file: None without a batch, or with an unknown one (reference_unknown
        reports it), or one that failed its schema (reported as such)."""
        return self.items["batch"].get(certificate.data.get("batch"))

    def of_kind(self, kind: str) -> list[Document]:
        """The valid documents of one kind, in file order."""
        found = [self.vocabularies[kind]] if kind in self.vocabularies else list(self.items.get(kind, {}).values())
        return sorted(found, key=lambda d: d.path)

    def all_documents(self) -> Iterator[Document]:
        for kind in sorted(self.items):
            yield from self.items[kind].values()
        yield from self.vocabularies.values()


Rule = Callable[[Index], Iterator[Problem]]


def id_differs_from_file_name(index: Index) -> Iterator[Problem]:
    for kind in sorted(index.items):
        for stem, document in index.items[kind].items():
            if document.data["id"] != stem:
                given = document.data["id"]
                yield document.problem(
                    ("id",),
                    about(
                        ("id",),
                        f"'{given}' 应与文件名 '{stem}' 相同：把文件改名为 {given}.yaml，或写 id: {stem}",
                        f"'{given}' must equal the file name '{stem}': rename the file to {given}.yaml or set id: {stem}",
                    ),
                )


# Each kind's folder of pages has an index page; an item with this id would replace it.
RESERVED_IDS = {"index"}


def id_is_reserved(index: Index) -> Iterator[Problem]:
    for kind in sorted(index.items):
        for _stem, document in index.items[kind].items():
            if document.data["id"] in RESERVED_IDS:
                yield document.problem(("id",), _reserved(("id",), document.data["id"]))
    for kind, document in index.vocabularies.items():
        for position, entry in enumerate(document.data[kind] if kind not in ENTRY_KEY else []):
            if entry["id"] in RESERVED_IDS:
                yield document.problem((kind, position, "id"), _reserved((kind, position, "id"), entry["id"]))


def _reserved(path: tuple, given: str) -> str:
    return about(
        path,
        f"'{given}' 留给网站的索引页使用：请另选一个 id",
        f"'{given}' is reserved for the site's index pages: choose another id",
    )


def vocabulary_id_repeated(index: Index) -> Iterator[Problem]:
    for kind, document in index.vocabularies.items():
        key = ENTRY_KEY.get(kind, "id")  # a synonym is named by its query
        seen: dict[str, int] = {}
        for position, entry in enumerate(document.data[kind]):
            if entry[key] in seen:
                first = f"{kind}[{seen[entry[key]]}]"
                yield document.problem(
                    (kind, position, key),
                    about(
                        (kind, position, key),
                        f"'{entry[key]}' 已被 {first} 使用",
                        f"'{entry[key]}' is already used by {first}",
                    ),
                )
            seen.setdefault(entry[key], position)


def batch_id_does_not_match_number(index: Index) -> Iterator[Problem]:
    numbers: dict[int, str] = {}
    for stem, document in sorted(index.items["batch"].items()):
        number = document.data["number"]
        if stem != f"batch-{number}":
            yield document.problem(
                ("number",),
                about(
                    ("number",),
                    f"{number} 与 id '{stem}' 不符：批次的 id 是 batch-<序号>",
                    f"{number} does not match the id '{stem}': batch ids are batch-<number>",
                ),
            )
        if number in numbers:
            yield document.problem(
                ("number",),
                about(
                    ("number",),
                    f"{number} 已被 {numbers[number]} 使用",
                    f"{number} is already used by {numbers[number]}",
                ),
            )
        numbers.setdefault(number, stem)


# "Did you mean" compares an unknown id with every known one (up to a second among 10,000 similar
# ids): only the first few unknown ids of a check get a hint, so thousands are still reported at once.
MAX_HINTS = 10


def reference_unknown(index: Index) -> Iterator[Problem]:
    hints: Counter[str] = Counter()
    for document in index.certificates():
        data = document.data
        yield from _check_reference(
            index, document, ("organization",), "organization", "catalogue/organizations/", hints
        )
        if "batch" in data:
            yield from _check_reference(index, document, ("batch",), "batch", "catalogue/batches/", hints)
        for position in range(len(data.get("fields", []))):
            yield from _check_reference(index, document, ("fields", position), "fields", "catalogue/fields.yaml", hints)
        for position in range(len(data.get("related_majors", []))):
            yield from _check_reference(
                index, document, ("related_majors", position, "major"), "majors", "catalogue/majors.yaml", hints
            )
        for number, event in enumerate(data.get("history", [])):
            if "previous_organization" in event:
                yield from _check_reference(
                    index,
                    document,
                    ("history", number, "previous_organization"),
                    "organization",
                    "catalogue/organizations/",
                    hints,
                )
            for position in range(len(event.get("successors", []))):
                yield from _check_reference(
                    index,
                    document,
                    ("history", number, "successors", position, "certificate"),
                    "certificate",
                    "catalogue/certificates/",
                    hints,
                )
    for document in index.items["programme_event"].values():
        applies_to = document.data["applies_to"]
        for position in range(len(applies_to) if isinstance(applies_to, list) else 0):
            yield from _check_reference(
                index, document, ("applies_to", position), "certificate", "catalogue/certificates/", hints
            )
    for document in index.all_documents():
        for path in _source_lists(document.data, ()):
            for position in range(len(_get(document.data, path))):
                yield from _check_reference(index, document, path + (position,), "source", "catalogue/sources/", hints)


def _check_reference(
    index: Index, document: Document, path: tuple, kind: str, where: str, hints: Counter
) -> Iterator[Problem]:
    value = _get(document.data, path)
    known = index.known_ids[kind]
    if value not in known:
        hints["given"] += 1
        # The closest id first, if any is close enough (difflib's own cutoff); the hint names only it.
        close = difflib.get_close_matches(value, index.sorted_ids(kind)) if hints["given"] <= MAX_HINTS else []
        hint = f"; did you mean '{close[0]}'?" if close else ""
        zh_hint = f"：是不是 '{close[0]}'？" if close else ""
        noun = kind if kind in ("fields", "majors") else f"{kind} file"
        in_file = where.endswith(".yaml")
        add = f"add it to {where}" if in_file else f"add {where}{value}.yaml"
        zh_add = f"把它加到 {where}" if in_file else f"新建 {where}{value}.yaml"
        yield document.problem(
            path,
            about(
                path,
                f"找不到 id 为 '{value}' 的 {noun}（{zh_add}，或改正 id）{zh_hint}",
                f"no {noun} has the id '{value}' ({add} or fix the id){hint}",
            ),
        )


def _source_lists(data, path: tuple) -> Iterator[tuple]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "sources" and isinstance(value, list):
                yield path + (key,)
            else:
                yield from _source_lists(value, path + (key,))
    elif isinstance(data, list):
        for position, value in enumerate(data):
            yield from _source_lists(value, path + (position,))


def _get(data, path: tuple):
    for part in path:
        data = data[part]
    return data


def successor_is_itself(index: Index) -> Iterator[Problem]:
    for stem, document in index.items["certificate"].items():
        for number, event in enumerate(document.data.get("history", [])):
            for position, successor in enumerate(event.get("successors", [])):
                if successor["certificate"] == stem:
                    path = ("history", number, "successors", position, "certificate")
                    yield document.problem(
                        path, about(path, "证书不能替代它自己", "a certificate cannot succeed itself")
                    )


def replacement_cycle(index: Index) -> Iterator[Problem]:
    """One cycle per group of certificates that replace each other in a circle, reported at
    its first certificate by id. Linear in the replacements: catalogues can hold long chains."""
    successors = _replacement_graph(index)
    for group in _strongly_connected(successors):
        if len(group) < 2:
            continue
        start = min(group)
        trail = _shortest_cycle(start, successors, set(group))
        document = index.items["certificate"][start]
        number = next(n for n, e in enumerate(document.data["history"]) if e.get("successors"))
        path = ("history", number, "successors")
        cycle = " → ".join(trail + [start])
        yield document.problem(
            path,
            about(
                path,
                f"替代关系绕成了一个圈 {cycle}：证书最终不能替代它自己",
                f"replacement cycle {cycle}: a certificate cannot end up replacing itself",
            ),
        )


def replacement_reaches_too_many(index: Index) -> Iterator[Problem]:
    """Each page and record lists the current certificates a replaced one leads to; bounding
    that list keeps the site linear in the catalogue. Reported where the list first grows too long."""
    successors = _replacement_graph(index)
    # The limit only stops counting once a list is too long (bounded time): any larger limit,
    # or none, gives the same verdicts (equivalent if changed).
    ends = replacement_ends(successors, limit=MAX_CURRENT_SUCCESSORS + 1)  # pragma: no mutate
    for stem in sorted(successors):
        too_many = len(ends[stem]) > MAX_CURRENT_SUCCESSORS
        if too_many and all(len(ends[s]) <= MAX_CURRENT_SUCCESSORS for s in successors[stem]):
            document = index.items["certificate"][stem]
            number = next(n for n, e in enumerate(document.data["history"]) if e.get("successors"))
            path = ("history", number, "successors")
            yield document.problem(
                path,
                about(
                    path,
                    f"这些替代证书最终通向超过 {MAX_CURRENT_SUCCESSORS} 个现行证书（未被替代的），超过了上限："
                    "请少列几个替代证书，或检查它们自己的替代证书",
                    f"these successors lead on to more than {MAX_CURRENT_SUCCESSORS} current certificates "
                    f"(ones not replaced), the most a replacement may lead to: name fewer successors, or check their own successors",
                ),
            )


# A replaced certificate names at most this many current successors (its page lists them all).
MAX_CURRENT_SUCCESSORS = 20


def _replacement_graph(index: Index) -> dict[str, list[str]]:
    """Certificate id -> the ids of the known certificates that succeed it (self-references left out)."""
    certificates = index.items["certificate"]
    return {
        stem: list(
            dict.fromkeys(
                s["certificate"]
                for event in document.data.get("history", [])
                for s in event.get("successors", [])
                if s["certificate"] != stem and s["certificate"] in certificates
            )
        )
        for stem, document in certificates.items()
    }


def replacement_order(successors: dict) -> list:
    """Every node once, each after the nodes it leads to (a cycle's closing edge is ignored):
    the order in which facts about what a replacement leads to can be computed once per node."""
    seen: set = set()  # placed, or on the stack with its successors pending
    order = []
    for start in successors:
        if start in seen:
            continue
        stack = [(start, iter(successors[start]))]
        seen.add(start)
        while stack:
            node, pending = stack[-1]
            following = next(pending, None)
            if following is None:
                stack.pop()
                order.append(node)
            elif following not in seen:
                seen.add(following)
                stack.append((following, iter(successors.get(following, ()))))
    return order


def replacement_ends(successors: dict, limit: int | None = None) -> dict:
    """Node -> the nodes without successors that its replacements lead to, in the order they are
    first reached (a node without successors leads to itself); at most `limit` of them.
    Computed once per node from its successors' answers: linear in the edges times the limit."""
    ends: dict = {}
    for node in replacement_order(successors):
        following = [s for s in successors.get(node, ()) if s in ends]
        if not successors.get(node):
            ends[node] = (node,)
        elif len(following) == 1:
            ends[node] = ends[following[0]]  # shared, not copied: a long chain costs nothing
        else:
            reached: dict = {}
            for s in following:
                for end in ends[s]:
                    if limit is not None and len(reached) >= limit:
                        break
                    reached.setdefault(end)
            ends[node] = tuple(reached)
    return ends


def _strongly_connected(successors: dict[str, list[str]]) -> Iterator[list[str]]:
    """Tarjan's algorithm without recursion: each group of nodes that reach each other."""
    number: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    for start in sorted(successors):
        if start in number:
            continue
        number[start] = low[start] = len(number)
        stack.append(start)
        on_stack.add(start)
        work = [(start, iter(successors[start]))]
        while work:
            node, pending = work[-1]
            following = next(pending, None)
            if following is not None:
                if following not in number:
                    number[following] = low[following] = len(number)
                    stack.append(following)
                    on_stack.add(following)
                    work.append((following, iter(successors.get(following, ()))))
                elif following in on_stack:
                    low[node] = min(low[node], number[following])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == number[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                yield group


def _shortest_cycle(start: str, successors: dict[str, list[str]], group: set[str]) -> list[str]:
    """The shortest path from start back to itself inside its group (breadth first), without the return."""
    came_from: dict[str, str] = {}
    queue = [start]
    for node in queue:
        for following in successors[node]:
            if following == start:
                trail = [node]
                while trail[-1] != start:
                    trail.append(came_from[trail[-1]])
                return trail[::-1]
            if following in group and following not in came_from:
                came_from[following] = node
                queue.append(following)
    return [start]


def date_not_real_or_in_future(index: Index) -> Iterator[Problem]:
    for document in index.all_documents():
        for path, value in _dates(document):
            shown = dates.normalize(value)
            if not dates.is_real(value):
                yield document.problem(path, about(path, f"{shown} 不是真实存在的日期", f"{shown} is not a real date"))
            elif dates.compare(value, index.today) > 0 and path != ("deadline",):  # a deadline may be ahead
                yield document.problem(
                    path,
                    about(
                        path,
                        f"{shown} 是将来的日期（今天是 {index.today}）",
                        f"{shown} is in the future (today is {index.today})",
                    ),
                )
            elif dates.year(value) < dates.FIRST_YEAR:
                yield document.problem(
                    path,
                    about(
                        path,
                        f"{shown} 早于 {dates.FIRST_YEAR} 年：请检查年份",
                        f"{shown} is before {dates.FIRST_YEAR}: check the year",
                    ),
                )


def _dates(document: Document) -> Iterator[tuple[tuple, str | int]]:
    data = document.data
    for key in ("date", "published", "deadline"):
        if key in data:
            yield (key,), data[key]
    for number, event in enumerate(data.get("history", [])):
        yield ("history", number, "date"), event["date"]
    for number, count in enumerate(data.get("pilot_institutions", [])):
        if "as_of" in count:
            yield ("pilot_institutions", number, "as_of"), count["as_of"]
    if "last_verified" in data:
        yield ("last_verified", "date"), data["last_verified"]["date"]
    if "retrieved" in data.get("carried_by", {}):
        yield ("carried_by", "retrieved"), data["carried_by"]["retrieved"]


def history_out_of_order(index: Index) -> Iterator[Problem]:
    for document in index.certificates():
        history = document.data.get("history", [])
        batch = index.batch_of(document)
        introduced = batch.data.get("date") if batch else None
        previous = None
        for number, event in enumerate(history):
            if not dates.is_real(event["date"]):
                continue
            path = ("history", number, "date")
            shown = dates.normalize(event["date"])
            if introduced is not None and dates.is_real(introduced) and dates.compare(event["date"], introduced) < 0:
                start = dates.normalize(introduced)
                introduced_with = document.data["batch"]
                yield document.problem(
                    path,
                    about(
                        path,
                        f"{shown} 早于证书随 {introduced_with} 推出的日期（{start}）",
                        f"{shown} is before the certificate's introduction with {introduced_with} ({start})",
                    ),
                )
            if previous is not None and dates.compare(event["date"], previous) < 0:
                before = dates.normalize(previous)
                yield document.problem(
                    path,
                    about(
                        path,
                        f"{shown} 早于前一个事件（{before}）：事件按时间先后排列，最早的在前",
                        f"{shown} is earlier than the event before it ({before}): list events oldest first",
                    ),
                )
            previous = event["date"]


def pilot_counts_out_of_order(index: Index) -> Iterator[Problem]:
    for document in index.certificates():
        previous = None
        for number, count in enumerate(document.data.get("pilot_institutions", [])):
            if "as_of" not in count or not dates.is_real(count["as_of"]):
                continue
            if previous is not None and dates.compare(count["as_of"], previous) < 0:
                path = ("pilot_institutions", number, "as_of")
                shown, before = dates.normalize(count["as_of"]), dates.normalize(previous)
                yield document.problem(
                    path,
                    about(
                        path,
                        f"{shown} 早于前一个统计（{before}）：新的统计加在最后",
                        f"{shown} is earlier than the count before it ({before}): add new counts at the end",
                    ),
                )
            previous = count["as_of"]


def programme_event_order(document: Document) -> tuple:
    """Programme events oldest first, those of one date by file name: the checker and the model agree."""
    return (dates.sort_key(document.data["date"]), document.stem)


def programme_events_of(index: Index, certificate_id: str) -> list[Document]:
    """The programme events that name this certificate (or all), oldest first."""
    return [
        document
        for document in sorted(index.items["programme_event"].values(), key=programme_event_order)
        if applies_to(document.data["applies_to"], certificate_id)
    ]


def applies_to(value: str | list[str], certificate_id: str) -> bool:
    return value == APPLIES_TO_ALL or (isinstance(value, list) and certificate_id in value)


def programme_event_position(events: list[tuple[str, str | int | None]], date: str | int) -> int | None:
    """Where a programme event dated `date` falls in a certificate's history of (type, date),
    introduction first: after every event dated on or before it (an undated introduction counts as
    before). None when it does not apply there: the certificate was introduced later, or its
    status then was not current (its own history had ended it, or it was already transferred).
    A history that does not start with its introduction (批次不详: a source listed the certificate,
    none says when it came) starts undated, before everything.
    The checker and the model both place programme events with this, so they always agree."""
    if not events or events[0][0] != "introduced":
        position = programme_event_position([("introduced", None), *events], date)
        return None if position is None else position - 1
    position = 0  # pragma: no mutate (None would return None too when the first event is later)
    for number, (_kind, when) in enumerate(events):
        if when is not None and dates.is_real(when) and dates.compare(when, date) > 0:
            break
        position = number + 1
    if position == 0:
        return None
    status = INITIAL_STATUS  # pragma: no mutate (events[0], the introduction, sets it first)
    for kind, _when in events[:position]:
        status = STATUS_AFTER.get(kind, status)
    return position if status in CURRENT_STATUSES else None


def history_contradicts_status(index: Index) -> Iterator[Problem]:
    """History must read as a valid life: introduced once, nothing after the end; what follows a
    programme event (catalogue/programme-events/) must be allowed after the status it led to."""
    for document in index.certificates():
        history = document.data.get("history", [])
        has_batch = "batch" in document.data
        # A batch's announcement is its certificates' introduction (an introduced event beside it is
        # reported below); without a batch, the history's own introduced event, or none known.
        batch = index.batch_of(document)
        placed: list[tuple[str, str | int | None]] = [("introduced", batch.data.get("date"))] if batch else []
        own = list(range(-len(placed), len(history)))  # position in placed -> own event number
        placed += [(event["type"], event["date"]) for event in history]
        # Programme events placed in this history: own event number -> the ones just before it.
        before: dict[int, list[Document]] = defaultdict(list)
        for event_file in programme_events_of(index, document.stem):
            position = programme_event_position(placed, event_file.data["date"])
            if position is None:
                continue
            placed.insert(position, (event_file.data["type"], event_file.data["date"]))
            # Any negative marker: programme events come oldest first, each placed after the ones
            # before it, so no later search reads this one (equivalent if changed).
            own.insert(position, -2)  # pragma: no mutate
            following = next((n for n in own[position + 1 :] if n >= 0), None)
            if following is not None:
                before[following].append(event_file)
        status = INITIAL_STATUS
        programme: Document | None = None  # the last programme event placed so far
        for number, event in enumerate(history):
            kind = event["type"]
            path = ("history", number, "type")
            if kind == "introduced":
                if has_batch:
                    batch_id = document.data["batch"]
                    yield document.problem(
                        path,
                        about(
                            path,
                            f"证书随 {batch_id} 推出：删去这个事件（批次的公布就是推出）",
                            f"the certificate was introduced with {batch_id}; remove this event (the batch's announcement is the introduction)",
                        ),
                    )
                elif number > 0:
                    yield document.problem(
                        path, about(path, "introduced 只能是第一个事件", "introduced can only be the first event")
                    )
                status = INITIAL_STATUS
                continue
            for programme in before.get(number, []):
                status = STATUS_AFTER[programme.data["type"]]  # each programme event type sets one
            if kind not in ALLOWED_NEXT[status]:
                if programme is not None and status == STATUS_AFTER[programme.data["type"]]:
                    allowed = ", ".join(sorted(ALLOWED_NEXT[status]))
                    when = dates.normalize(programme.data["date"])
                    zh_reason = (
                        f"证书已被整体事件 {programme.stem}（{when}，{programme.path}）{programme.data['type']}，"
                        f"此后只能是 {allowed}：请检查日期，或把这个证书从它的 applies_to 中去掉"
                    )
                    reason = (
                        f"the certificate was {programme.data['type']} by the programme event {programme.stem} "
                        f"({when}, {programme.path}), after which only "
                        f"{allowed} may follow: check the date, "
                        "or leave this certificate out of its applies_to"
                    )
                elif status in ENDED_STATUSES:
                    last = _last_ending(history, number)
                    zh_reason = f"证书已经 {history[last]['type']}（history[{last}]）"
                    reason = f"the certificate was already {history[last]['type']} (history[{last}])"
                elif kind == "reinstated":
                    zh_reason = "只有暂停（suspended）的证书才能恢复"
                    reason = "only a suspended certificate can be reinstated"
                else:
                    zh_reason = f"{status} 状态的证书不能再 {kind}"
                    reason = f"a {status} certificate cannot be {kind}"
                yield document.problem(
                    path, about(path, f"'{kind}' 不能接在这里：{zh_reason}", f"'{kind}' cannot follow: {reason}")
                )
                continue
            status = STATUS_AFTER.get(kind, status)


def _last_ending(history: list, before: int) -> int:
    return max(n for n in range(before) if history[n]["type"] in ENDING_EVENTS)


def level_repeated_or_out_of_order(index: Index) -> Iterator[Problem]:
    for document in index.certificates():
        levels = [level["level"] for level in document.data.get("levels", [])]
        for number, level in enumerate(levels):
            path = ("levels", number, "level")
            if level in levels[:number]:
                yield document.problem(path, about(path, f"{level} 列了两次", f"{level} is listed twice"))
            elif number and (
                # Equivalent if `<` changed to `<=`: an equal level was reported as repeated above.
                LEVEL_ORDER.index(level) < LEVEL_ORDER.index(levels[number - 1])  # pragma: no mutate
            ):
                yield document.problem(
                    path, about(path, "等级按初级、中级、高级的顺序列出", "list levels in the order 初级, 中级, 高级")
                )


def batch_exceeds_announced_total(index: Index) -> Iterator[Problem]:
    certificates: Counter[str] = Counter()
    organizations: dict[str, set[str]] = defaultdict(set)
    for document in index.certificates():
        batch = document.data.get("batch")
        if batch:
            certificates[batch] += 1
            original = original_organization(document.data)
            if original in index.known_ids["organization"]:  # an unknown id is reported by reference_unknown
                organizations[batch].add(original)
    for stem, document in sorted(index.items["batch"].items()):
        totals = document.data.get("totals", {})
        for key, counted in (("certificates", certificates[stem]), ("organizations", len(organizations[stem]))):
            if key in totals and counted > totals[key]:
                path = ("totals", key)
                zh_key = "个证书" if key == "certificates" else "个评价组织"
                yield document.problem(
                    path,
                    about(
                        path,
                        f"目录中有 {stem} 的 {counted} {zh_key}，多于公布的 {totals[key]}：请检查这些证书的批次或总数",
                        f"the catalogue holds {counted} {key} of {stem}, more than the announced {totals[key]}: check the batch of its certificates or the total",
                    ),
                )


def original_organization(data: dict) -> str | None:
    """The organization a certificate had when its batch introduced it: the one before its first
    change of organization, else its own. Also read by `build.py new` on files not yet checked,
    so a malformed history is passed over rather than trusted."""
    for event in data.get("history") or []:
        if isinstance(event, dict) and event.get("type") == "organization_changed":
            return event.get("previous_organization")
    return data.get("organization")


def major_outside_its_category(index: Index) -> Iterator[Problem]:
    """The 2021 major catalogue's codes nest: a major's six digits begin with its 专业类's four,
    which begin with its 专业大类's two, all at the same level. A code that does not nest was mistyped."""
    document = index.vocabularies.get("majors")
    if document is None:
        return
    categories: dict[str, dict] = {}
    for position, category in enumerate(document.data["categories"]):
        path = ("categories", position, "code")
        code = category["code"]
        if code in categories:
            yield document.problem(path, f"{field_path(path)}: 代码 {code} 重复 · the code '{code}' is listed twice")
        elif len(code) == 4 and categories.get(code[:2], {}).get("level") != category["level"]:
            yield document.problem(
                path,
                f"{field_path(path)}: 专业类 {code} 没有同一层次的专业大类 {code[:2]} · no 专业大类 '{code[:2]}' at "
                f"level {category['level']} precedes it: list the 大类 first, or fix the code",
            )
        categories.setdefault(code, category)
    for position, major in enumerate(document.data["majors"]):
        path = ("majors", position, "category")
        category = categories.get(major["category"])
        if category is None or len(major["category"]) != 4:
            yield document.problem(
                path,
                f"{field_path(path)}: 没有代码为 {major['category']} 的专业类 · no 专业类 has the code "
                f"'{major['category']}': add it to categories or fix the code",
            )
        elif not major["id"].startswith(major["category"]):
            yield document.problem(
                ("majors", position, "id"),
                f"majors[{position}].id: 专业代码 {major['id']} 应以专业类代码 {major['category']} 开头 · the code "
                f"'{major['id']}' must begin with its 专业类 '{major['category']}': fix one of them",
            )
        elif category["level"] != major["level"]:
            path = ("majors", position, "level")
            yield document.problem(
                path,
                f"{field_path(path)}: 层次 {major['level']} 与专业类 {major['category']} 的 {category['level']} 不同 · "
                f"the level differs from its 专业类's ({category['level']})",
            )


def field_category_unknown(index: Index) -> Iterator[Problem]:
    """A field is a 专业大类 (at each level its own code): each code names a 大类 of majors.yaml,
    and no two fields claim the same one."""
    fields, majors = index.vocabularies.get("fields"), index.vocabularies.get("majors")
    if fields is None or majors is None:
        return
    known = {c["code"] for c in majors.data["categories"] if len(c["code"]) == 2}
    claimed: dict[str, int] = {}
    for number, entry in enumerate(fields.data["fields"]):
        for position, code in enumerate(entry["categories"]):
            path = ("fields", number, "categories", position)
            if code not in known:
                yield fields.problem(
                    path,
                    f"{field_path(path)}: catalogue/majors.yaml 没有代码为 {code} 的专业大类 · no 专业大类 has the "
                    f"code '{code}' in catalogue/majors.yaml: fix the code",
                )
            elif code in claimed and claimed[code] != number:
                yield fields.problem(
                    path,
                    f"{field_path(path)}: 专业大类 {code} 已属于 fields[{claimed[code]}] · the 专业大类 '{code}' "
                    f"already belongs to fields[{claimed[code]}]: a 大类 is one field",
                )
            claimed.setdefault(code, number)


def disagreement_about_no_field(index: Index) -> Iterator[Problem]:
    """A disagreement is shown beside the file's own value: its field must name one (name.zh, totals.certificates)."""
    for document in index.all_documents():
        for number, disagreement in enumerate(document.data.get("disagreements", [])):
            if not isinstance(field_value(document.data, disagreement["field"]), (str, int, float)):
                path = ("disagreements", number, "field")
                yield document.problem(
                    path,
                    f"{field_path(path)}: 本文件没有字段 {disagreement['field']} · this file has no value at "
                    f"'{disagreement['field']}' to disagree with: write the path of one, such as name.zh",
                )


def field_value(data, dotted: str):
    """The value at a dotted path (name.zh, totals.certificates), or None."""
    for part in dotted.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


RULES: list[Rule] = [
    id_differs_from_file_name,
    id_is_reserved,
    vocabulary_id_repeated,
    batch_id_does_not_match_number,
    reference_unknown,
    successor_is_itself,
    replacement_cycle,
    replacement_reaches_too_many,
    date_not_real_or_in_future,
    history_out_of_order,
    pilot_counts_out_of_order,
    history_contradicts_status,
    level_repeated_or_out_of_order,
    batch_exceeds_announced_total,
    major_outside_its_category,
    field_category_unknown,
    disagreement_about_no_field,
]
