"""Matching a list against the catalogue: which files to create, which facts the list
confirms (the source is added), and where it disagrees (nothing is written for that
fact; both values are reported with their sources).

Files are edited as ruamel.yaml round-trip maps, so their comments, key order and
modeline stay as they are; new keys go where the schema lists them.
"""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from ...dates import compare
from ...textfile import read_text
from ...vocabulary import ENDING_EVENTS, LEVEL_ORDER, LEVELS, TRANSFERRED
from ...yamlstyle import catalogue_style, catalogue_yaml
from .table import Row, Table, TableError, batch_id, header_key, strip_suffix

MAX_ID = 80  # the schema's slug maxLength
# Legal forms left out of an organization's id (kept in its name): shorter ids, as stable.
_LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司")
_EQUIVALENCE = {
    "full": "full",
    "完全": "full",
    "完全等同": "full",
    "partial": "partial",
    "部分": "partial",
    "部分等同": "partial",
    "none": "none",
    "不等同": "none",
}
_LEVEL_WORDS = {**{level: level for level in LEVELS}, **{en: level for level, en in LEVELS.items()}}
_SPLIT = re.compile(r"[、,，;；/]")
_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
_OCCUPATION_CODE = re.compile(r"^\d-\d{2}-\d{2}-\d{2}$")  # the national occupational classification's


def yaml() -> YAML:
    """Reads a catalogue file and writes it back in the catalogue's style, its comments kept."""
    parser = catalogue_yaml()
    parser.preserve_quotes = True  # a value the contributor quoted stays quoted
    return parser


def dump(data) -> str:
    stream = io.StringIO()
    yaml().dump(data, stream)
    return stream.getvalue()


def name_key(text: str) -> str:
    """Names match without regard to spaces, case, full-width forms or the certificate suffix."""
    return header_key(strip_suffix(text))


def yaml_date(text: str):
    """A date as the catalogue writes it: a full date unquoted, a year as a number."""
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return datetime.date.fromisoformat(text)
    return int(text) if text.isdigit() else text


@dataclass
class File:
    kind: str  # certificate, organization
    path: Path
    data: CommentedMap
    original: str | None  # None: a new file

    @property
    def id(self) -> str:
        return str(self.data["id"])


@dataclass
class Plan:
    files: dict[Path, File] = field(default_factory=dict)
    created: list[File] = field(default_factory=list)
    confirmed: list[str] = field(default_factory=list)  # certificate ids the list names that were there
    disagreements: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # the list's columns that were not read


@dataclass(frozen=True)
class Request:
    source: str
    batch: str | None = None
    event: str | None = None
    date: str | None = None


class Catalogue:
    """The catalogue's certificate and organization files, loaded for editing."""

    def __init__(self, root: Path, schemas: dict[str, dict]):
        self.root = root
        self.order = {
            kind: list(schemas[f"{kind}.schema.json"]["properties"]) for kind in ("certificate", "organization")
        }
        self.files: dict[str, dict[str, File]] = {"certificate": {}, "organization": {}}
        for kind, folder in (("certificate", "certificates"), ("organization", "organizations")):
            for path in sorted((root / folder).glob("*.yaml")):
                text = read_text(path)
                # Only a new file's kind is read (for its schema line): equivalent for these (pragma).
                self.files[kind][path.stem] = File(kind, path, yaml().load(text), text)  # pragma: no mutate
        self.batches = {p.stem for p in (root / "batches").glob("*.yaml")}
        self.certificates: dict[str, File] = {}
        for file in self.files["certificate"].values():
            names = [file.data["name"]["zh"]] + [
                e["previous_name"]["zh"] for e in file.data.get("history", []) if e.get("type") == "renamed"
            ]
            for name in names:
                self.certificates.setdefault(name_key(str(name)), file)
        self.organizations = {name_key(str(f.data["name"]["zh"])): f for f in self.files["organization"].values()}

    def organization_name(self, ident: str) -> str:
        file = self.files["organization"].get(ident)
        return str(file.data["name"]["zh"]) if file else ident

    def new_id(self, kind: str, name: str) -> str:
        return unused_id(slug(name, legal_forms=kind == "organization") or kind, self.files[kind])

    def put(self, data: CommentedMap, key: str, value, kind: str) -> None:
        """Add a key where the schema lists it, after the keys before it."""
        order = self.order[kind]
        position = len(data)
        if key in order:
            later = set(order[order.index(key) + 1 :])
            position = next((i for i, k in enumerate(data) if k in later), len(data))
        data.insert(position, key, catalogue_style(value))


def unused_id(base: str, taken) -> str:
    """base, or base-2, base-3 ... (cut to MAX_ID): the first that no file has."""
    candidate, number = base, 2
    while candidate in taken:
        suffix = f"-{number}"
        kept = base[: MAX_ID - len(suffix)]
        candidate = kept.rstrip("-") + suffix  # pragma: no mutate - an id is lowercase: stripping "X" too is the same
        number += 1
    return candidate


def slug(name: str, legal_forms: bool = False) -> str:
    # Imported here: pypinyin loads its dictionary (about 0.3 s), which check never needs.
    from pypinyin import lazy_pinyin  # noqa: PLC0415

    if legal_forms:
        for form in _LEGAL_FORMS:
            if name.endswith(form) and name != form:
                name = name[: -len(form)]
                break
    syllables = " ".join(lazy_pinyin(unicodedata.normalize("NFKC", name)))
    text = "-".join(re.findall(r"[a-z0-9]+", syllables.lower()))  # one hyphen between words, none at the ends
    if len(text) > MAX_ID:
        # Cut after the last whole word that fits (the character after it is a hyphen), or at MAX_ID.
        text = text[: MAX_ID + 1].rsplit("-", 1)[0] if "-" in text[:MAX_ID] else text[:MAX_ID]
    return text


def _add_source(data, source: str) -> bool:
    sources = data.get("sources")
    if sources is None:
        data["sources"] = catalogue_style([source])
        return True
    if source in sources:
        return False
    sources.append(source)
    return True


def _group(table: Table) -> list[tuple[str, list[Row]]]:
    groups: dict[str, list[Row]] = {}
    for row in table.rows:
        groups.setdefault(name_key(row.values["certificate"]), []).append(row)
    return list(groups.items())


def _one(rows: list[Row], column: str, what: str, transform=lambda v: v) -> str | None:
    """The one value the rows of a certificate give in a column; two different ones are an error."""
    seen: dict[str, int] = {}
    for row in rows:
        value = row.values.get(column)
        if value:
            seen.setdefault(transform(value), row.number)
    if len(seen) > 1:
        (a, ra), (b, rb) = list(seen.items())[:2]
        raise TableError(
            f"第 {ra} 行与第 {rb} 行给同一证书不同的{what}（{a} / {b}）· "
            f"rows {ra} and {rb} give the same certificate two {column} values ('{a}', '{b}'): correct the list"
        )
    return next(iter(seen), None)


def _levels(rows: list[Row]) -> list[str]:
    found = set()
    for row in rows:
        for word in _SPLIT.split(row.values.get("level", "")):
            word = word.strip()
            if not word:
                continue
            level = _LEVEL_WORDS.get(word.casefold())
            if level is None:
                raise TableError(
                    f"第 {row.number} 行的等级“{word}”不是 初级、中级 或 高级 · "
                    f"row {row.number}: level '{word}' is not 初级, 中级 or 高级 (primary, intermediate, advanced)"
                )
            found.add(level)
    return [level for level in LEVEL_ORDER if level in found]


def make_plan(table: Table, catalogue: Catalogue, request: Request, source_date: str | None) -> Plan:
    plan = Plan()
    if request.event and request.event != TRANSFERRED and not (request.date and _DATE.match(request.date)):
        raise TableError(
            "--event 需要 --date（YYYY、YYYY-MM 或 YYYY-MM-DD）· --event needs --date as YYYY, YYYY-MM or YYYY-MM-DD"
        )
    if request.batch and request.batch not in catalogue.batches:
        raise TableError(
            f"没有批次 {request.batch} · no batch '{request.batch}' (catalogue/batches/{request.batch}.yaml does not exist)"
        )
    groups = _group(table)
    # Certificates first, so that successors named in the list can be found in the same run.
    resolved = [(rows, _certificate(rows, catalogue, request, plan, source_date)) for _key, rows in groups]
    if request.event:
        for rows, file in resolved:
            if request.event == TRANSFERRED:
                _occupations(rows, file, catalogue, request, plan)
            else:
                _event(rows, file, catalogue, request, plan)
    return plan


def _touch(plan: Plan, file: File) -> None:
    plan.files[file.path] = file


def _certificate(rows: list[Row], catalogue: Catalogue, request: Request, plan: Plan, source_date: str | None) -> File:
    source = request.source
    name = rows[0].values["certificate"]
    organization_name = _one(rows, "organization", "培训评价组织", name_key)
    assert organization_name is not None  # pragma: no mutate (read_table refuses a row without one)
    organization_shown = next(
        r.values["organization"] for r in rows if name_key(r.values["organization"]) == organization_name
    )
    batch = request.batch
    listed_batch = _one(rows, "batch", "批次", lambda v: batch_id(v) or v)
    if listed_batch:
        if listed_batch not in catalogue.batches:
            row = next(r for r in rows if r.values.get("batch"))
            raise TableError(
                f"第 {row.number} 行的批次“{row.values['batch']}”不在目录中 · "
                f"row {row.number}: batch '{row.values['batch']}' is not in catalogue/batches/ (expected 第N批 or batch-N)"
            )
        if batch and listed_batch != batch:
            raise TableError(
                f"第 {rows[0].number} 行的批次与 --batch {batch} 不同 · row {rows[0].number}: batch {listed_batch} differs from --batch {batch}"
            )
        batch = listed_batch
    levels = _levels(rows)
    file = catalogue.certificates.get(name_key(name))
    if file is None:
        organization = catalogue.organizations.get(organization_name)
        if organization is None:
            organization = _new_organization(organization_shown, catalogue, source, plan)
        elif _add_source(organization.data, source):
            _touch(plan, organization)
        data: dict[str, Any] = {"id": catalogue.new_id("certificate", name), "name": {"zh": name}}
        data["organization"] = organization.id
        if batch:
            data["batch"] = batch
        if levels:
            data["levels"] = [{"level": level, "sources": [source]} for level in levels]
        if source_date and not request.event:
            data["last_verified"] = {"date": yaml_date(source_date), "sources": [source]}
        data["sources"] = [source]
        ordered = CommentedMap()
        for key in catalogue.order["certificate"]:
            if key in data:
                ordered[key] = catalogue_style(data[key])
        file = File("certificate", catalogue.root / "certificates" / f"{data['id']}.yaml", ordered, None)
        catalogue.files["certificate"][file.id] = file  # pragma: no mutate (after loading, only the ids taken are read)
        catalogue.certificates[name_key(name)] = file
        plan.created.append(file)
        _touch(plan, file)
        return file

    ident = file.id
    if ident not in plan.confirmed and file.original is not None:
        plan.confirmed.append(ident)
    ours = [str(s) for s in file.data["sources"]]  # required by the schema
    # A notice (--event) cites itself on the event it records; a list confirms the facts it repeats.
    confirms = not request.event
    changed = False
    organization = catalogue.files["organization"].get(str(file.data["organization"]))
    if organization is not None and name_key(str(organization.data["name"]["zh"])) == organization_name:
        if confirms and _add_source(organization.data, source):
            _touch(plan, organization)
    else:
        plan.disagreements.append(
            _disagreement(
                ident,
                "organization",
                catalogue.organization_name(str(file.data["organization"])),
                ours,
                organization_shown,
                source,
                rows[0].number,
            )
        )
    if batch and confirms:
        has = file.data.get("batch")
        introduced = any(e.get("type") == "introduced" for e in file.data.get("history", []))
        if has is None and not introduced:
            catalogue.put(file.data, "batch", batch, "certificate")
            changed = True
        elif has != batch:
            shown = str(has) if has else "introduced outside the batches"
            plan.disagreements.append(_disagreement(ident, "batch", shown, ours, batch, source, rows[0].number))
    if confirms:
        changed |= _add_source(file.data, source)
        changed |= _add_levels(file, levels, catalogue, source)
        if source_date:
            changed |= _last_verified(file, catalogue, source, source_date)
    if changed:
        _touch(plan, file)
    return file


def _new_organization(name: str, catalogue: Catalogue, source: str, plan: Plan) -> File:
    ident = catalogue.new_id("organization", name)
    data = CommentedMap()
    for key, value in (("id", ident), ("name", {"zh": name}), ("maintainers", []), ("sources", [source])):
        data[key] = catalogue_style(value)
    file = File("organization", catalogue.root / "organizations" / f"{ident}.yaml", data, None)
    catalogue.files["organization"][ident] = file
    catalogue.organizations[name_key(name)] = file
    plan.created.append(file)
    _touch(plan, file)
    return file


def _add_levels(file: File, levels: list[str], catalogue: Catalogue, source: str) -> bool:
    if not levels:
        return False
    changed = False
    existing = file.data.get("levels")
    if existing is None:
        catalogue.put(file.data, "levels", [{"level": level, "sources": [source]} for level in levels], "certificate")
        return True
    for level in levels:
        entry = next((e for e in existing if e.get("level") == level), None)
        if entry is not None:
            # A level's sources are those of its title and fee: a list that names only the level
            # confirms them only when the entry states nothing more.
            if "title" not in entry and "fee" not in entry:
                changed |= _add_source(entry, source)
            continue
        rank = LEVEL_ORDER.index(level)
        # < and <= agree (pragma): a level the certificate already has never reaches this line.
        position = sum(LEVEL_ORDER.index(e["level"]) < rank for e in existing)  # pragma: no mutate
        existing.insert(position, catalogue_style({"level": level, "sources": [source]}))
        changed = True
    return changed


def _last_verified(file: File, catalogue: Catalogue, source: str, date: str) -> bool:
    current = file.data.get("last_verified")
    if current is None:
        catalogue.put(file.data, "last_verified", {"date": yaml_date(date), "sources": [source]}, "certificate")
        return True
    known = str(current["date"])
    if compare(date, known) > 0:
        current["date"] = yaml_date(date)
        current["sources"] = catalogue_style([source])
        return True
    if compare(date, known) == 0:
        return _add_source(current, source)
    return False  # a newer confirmation stays


def _event(rows: list[Row], file: File, catalogue: Catalogue, request: Request, plan: Plan) -> None:
    assert request.event and request.date  # pragma: no mutate (make_plan calls it only then)
    successors = _successors(rows, catalogue, request)
    history = file.data.get("history")
    if history is None:
        catalogue.put(file.data, "history", [], "certificate")
        history = file.data["history"]
    same = next((e for e in history if e.get("type") == request.event and str(e.get("date")) == request.date), None)
    if same is not None:
        if _add_source(same, request.source):
            _touch(plan, file)
        return
    ended = next((e for e in reversed(history) if e.get("type") in ENDING_EVENTS), None)
    if ended is not None:
        plan.disagreements.append(
            _disagreement(
                file.id,
                "history",
                f"{ended['type']} {ended['date']}",
                list(ended.get("sources", [])),
                f"{request.event} {request.date}",
                request.source,
                rows[0].number,
            )
        )
        return
    event: dict[str, Any] = {"type": request.event, "date": yaml_date(request.date)}
    if successors:
        event["successors"] = successors
    event["sources"] = [request.source]
    if not history:
        history.fa.set_block_style()
    history.append(catalogue_style(event))
    _touch(plan, file)


def _successors(rows: list[Row], catalogue: Catalogue, request: Request) -> list[dict]:
    found: list[dict] = []
    for row in rows:
        names = [
            n.strip() for n in _SPLIT.split(row.values.get("successor", "")) if n.strip() not in ("", "-", "—", "无")
        ]
        if names and request.event != "replaced":
            raise TableError(
                f"第 {row.number} 行有替代证书，但 --event {request.event} 没有替代 · "
                f"row {row.number} names a successor, but only --event replaced has successors"
            )
        if not names:
            continue
        word = row.values.get("equivalence", "").strip()  # pragma: no mutate (any unknown word: the same refusal)
        equivalence = _EQUIVALENCE.get(word.lower())
        if equivalence is None:
            raise TableError(
                f"第 {row.number} 行：替代证书需要“等同程度”（完全等同、部分等同、不等同）· "
                f"row {row.number}: a successor needs its equivalence (full, partial, none) in an 等同程度 / equivalence column; "
                "the catalogue does not guess it"
            )
        for name in names:
            successor = catalogue.certificates.get(name_key(name))
            if successor is None:
                raise TableError(
                    f"第 {row.number} 行的替代证书“{name}”不在目录中：请先导入它 · "
                    f"row {row.number}: successor '{name}' is not in the catalogue: import it first"
                )
            entry = {"certificate": successor.id, "equivalence": equivalence}
            if entry not in found:
                found.append(entry)
    if request.event == "replaced" and not found:
        raise TableError(
            f"第 {rows[0].number} 行：--event replaced 需要替代证书列 · "
            f"row {rows[0].number}: --event replaced needs the successor (替代证书) of each certificate"
        )
    return found


def _occupations(rows: list[Row], file: File, catalogue: Catalogue, request: Request, plan: Plan) -> None:
    wanted = []
    for row in rows:
        code, name, trade = (row.values.get(c, "").strip() for c in ("occupation_code", "occupation", "trade"))
        if not code and not name:
            continue
        if not _OCCUPATION_CODE.match(unicodedata.normalize("NFKC", code)) or not name:
            raise TableError(
                f"第 {row.number} 行需要职业编码（如 4-04-05-05）和职业名称 · "
                f"row {row.number} needs an occupation code such as 4-04-05-05 (职业编码) and its name (职业名称)"
            )
        entry: dict[str, Any] = {"code": unicodedata.normalize("NFKC", code), "name": {"zh": name}}
        if trade:
            entry["trade"] = {"zh": trade}
        if entry not in wanted:
            wanted.append(entry)
    if not wanted:
        raise TableError(
            f"第 {rows[0].number} 行：--event transferred 需要职业编码和职业名称列 · "
            f"row {rows[0].number}: --event transferred needs the occupation code and name (职业编码, 职业名称) of each certificate"
        )
    existing = file.data.get("occupations")
    changed = False
    for entry in wanted:
        # One occupation (and trade) has one name: another name for it is a disagreement.
        same = next(
            (o for o in existing or [] if str(o.get("code")) == entry["code"] and _trade(o) == _trade(entry)), None
        )
        if same is not None and str(same["name"]["zh"]) == entry["name"]["zh"]:
            changed |= _add_source(same, request.source)
        elif same is not None:
            plan.disagreements.append(
                _disagreement(
                    file.id,
                    f"occupations {entry['code']}",
                    str(same["name"]["zh"]),
                    [str(s) for s in same.get("sources", [])],
                    entry["name"]["zh"],
                    request.source,
                    rows[0].number,
                )
            )
        else:
            if existing is None:
                catalogue.put(file.data, "occupations", [], "certificate")
                existing = file.data["occupations"]
                existing.fa.set_block_style()
            existing.append(catalogue_style({**entry, "sources": [request.source]}))
            changed = True
    if changed:
        _touch(plan, file)


def _trade(occupation) -> str:
    return str((occupation.get("trade") or {}).get("zh", ""))  # pragma: no mutate (compared with itself)


def _disagreement(ident, field_name, ours, our_sources, theirs, source, row) -> str:
    cited = ", ".join(str(s) for s in our_sources) or "—"  # pragma: no mutate (check requires a source)
    return (
        f"{ident}: {field_name}: 目录 catalogue “{ours}” ({cited}) · 第 {row} 行 row {row} “{theirs}” ({source})"
        " — 未写入 not written"
    )
