"""`build.py from-issue FILE`: a submitted "propose a certificate" issue form, as a catalogue file.

FILE holds the issue's body as GitHub renders a submitted form: each question's label as a
`### <label>` heading, then the answer (`_No response_` for an empty optional one). The form
itself (.github/ISSUE_TEMPLATE/propose-certificate.yml) is read for the labels, so the two
cannot drift apart.

The answers are data, never code or paths: every id is generated (from the names, by the
importer's `slug`) or looked up among the catalogue's files, values are written by
ruamel.yaml (so `foo\\nstatus: withdrawn` stays one quoted string), and each answer is
checked against the field it fills before anything is planned. The files then go through
the same `plan` and `write` as `build.py new`, which check them in a copy of the catalogue.
Out: the files written, or a bilingual list of what to fix, naming each form field, and
nothing written. The messages are Markdown, for the bot's comment on the issue; they name
fields and never repeat an answer, so nothing a contributor typed reaches the comment.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

from ..check.load import load_catalogue
from ..check.schemas import SchemaSet
from ..settings import ROOT, Exit
from .importer.plan import slug, unused_id
from .new import Planned, Refused, plan, write

FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "propose-certificate.yml"
NO_RESPONSE = "_No response_"
MAX_BODY = 65536  # GitHub's limit for an issue body, in characters
LEVEL_LINE = re.compile(r"(初级|中级|高级)\s*(.*?)\s*(?:(\d+(?:\.\d+)?)\s*元)?")
BATCH_OPTION = re.compile(r"· (batch-[1-9][0-9]*)$")
SOURCE_KIND_OPTION = re.compile(r"· (official|secondary|paper)$")
UNKNOWN_BATCH = "批次不详"
# Form field -> the schema field it fills (kind, path), for its limits.
TARGETS = {
    "name-zh": ("certificate", ("name", "zh")),
    "name-en": ("certificate", ("name", "en")),
    "levels": ("certificate", ("levels",)),
    "source-title": ("source", ("title",)),
    "source-url": ("source", ("url",)),
    "source-publisher": ("source", ("publisher",)),
    "source-number": ("source", ("document_number",)),
}
DATES = ("introduced", "source-published")


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    kind: str  # input, textarea, dropdown, checkboxes
    required: bool
    options: tuple[str, ...]


class Unfit(Exception):
    """The answers cannot make a valid file: each item names a form field and what it expects."""

    def __init__(self, items: list[str]):
        super().__init__("\n".join(items))
        self.items = items


def run(args) -> int:
    catalogue: Path = args.catalogue
    try:
        # Equivalent mutants: codec names are case-blind.
        body = Path(args.file).read_text(encoding="utf-8", errors="replace")  # pragma: no mutate
        written = convert(body, catalogue, SchemaSet(args.schemas), today=args.today)
    except Unfit as unfit:
        print(_failure(unfit.items))
        return Exit.INVALID
    except Refused as refused:
        # The check's own words, as an indented code block: shown as written, never as Markdown or a mention.
        reason, _, detail = str(refused).partition("\n")
        print(_failure([reason]))
        if detail:
            print("\n" + "\n".join(f"    {line.strip()}" for line in detail.split("\n")))
        return Exit.INVALID
    print("表单已转换为目录文件，并已通过检查 · The form was turned into catalogue files, which pass the check:\n")
    for path in written:
        print(f"- `{path.relative_to(catalogue.parent).as_posix()}`")
    return Exit.OK


def _failure(items: list[str]) -> str:
    lines = [
        "表单的回答还不能生成有效的目录文件，未写入任何文件。请编辑本议题，修改以下各项：",
        "The answers cannot make a valid catalogue file yet, so nothing was written. "
        "Please edit the issue and fix each item below:",
        "",
    ]
    return "\n".join(lines + [f"- {item}" for item in items])


def form_fields(form: Path = FORM) -> list[Field]:
    # Equivalent mutants: the round-trip loader reads the form to the same data; codec names are case-blind.
    document = YAML(typ="safe").load(form.read_text(encoding="utf-8"))  # pragma: no mutate
    fields = []
    for item in document["body"]:
        if item["type"] == "markdown":
            continue
        attributes = item["attributes"]
        options = tuple(o if isinstance(o, str) else o["label"] for o in attributes.get("options", []))
        required = item.get("validations", {}).get("required") is True
        fields.append(Field(item["id"], attributes["label"], item["type"], required, options))
    return fields


def parse(body: str, fields: list[Field]) -> dict[str, str]:
    """The answers by field id. A label heading that appears twice (a textarea imitating the
    next question) makes the body ambiguous, and is refused rather than guessed."""
    if len(body) > MAX_BODY:
        raise Unfit([f"议题正文过长（超过 {MAX_BODY} 个字符） · the issue's body is longer than {MAX_BODY} characters"])
    by_label = {field.label: field for field in fields}
    answers: dict[str, list[str]] = {}
    current: str | None = None
    problems = []
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        heading = line[4:].strip() if line.startswith("### ") else None
        if heading in by_label:
            current = by_label[heading].id
            if current in answers:
                problems.append(f"{_named(by_label[heading])}：在正文中出现了两次 · appears twice in the body")
            answers[current] = []
        elif current is not None:
            answers[current].append(line)
    if problems:
        raise Unfit(problems)
    return {
        key: "" if "\n".join(lines).strip() == NO_RESPONSE else "\n".join(lines).strip()
        for key, lines in answers.items()
    }


def convert(body: str, catalogue: Path, schemas: SchemaSet, today: str | None = None) -> list[Path]:
    fields = form_fields()
    answers = parse(body, fields)
    planned = plans(answers, fields, catalogue, schemas)
    write(catalogue, planned, schemas, today=today)
    return [item.target for item in planned]


def plans(answers: dict[str, str], fields: list[Field], catalogue: Path, schemas: SchemaSet) -> list[Planned]:
    """The files the answers make: a certificate, and its source when the catalogue has none at that address."""
    by_id = {field.id: field for field in fields}
    problems = _problems(answers, fields, schemas.documents)
    documents = load_catalogue(catalogue)  # none when the folder is not there yet
    organization = _organization(answers.get("organization"), documents, by_id["organization"], problems)
    batch, history = _batch(answers, by_id, problems)
    levels = _levels(answers.get("levels", ""), by_id["levels"], problems)
    if problems:
        raise Unfit(problems)

    certificates = {d.stem: d for d in documents if d.kind == "certificate"}
    for stem, document in certificates.items():
        # A certificate without a Chinese name fails the check; any stand-in no real answer equals will do.
        if _same(document.data.get("name", {}).get("zh", ""), answers["name-zh"]):  # pragma: no mutate
            raise Unfit(
                [
                    f"{_named(by_id['name-zh'])}：目录中已有同名证书（catalogue/certificates/{stem}.yaml），"
                    f"请改用“报告数据错误”表单 · the catalogue has this certificate already "
                    f"(catalogue/certificates/{stem}.yaml): use the “report a data error” form instead"
                ]
            )
    source_id, source = _source(answers, documents)
    certificate_id = unused_id(slug(answers.get("name-en") or answers["name-zh"]) or "certificate", set(certificates))
    values: dict = {
        "id": certificate_id,
        "name": {"zh": answers["name-zh"], **({"en": answers["name-en"]} if answers.get("name-en") else {})},
        "organization": organization,
    }
    if batch:
        values["batch"] = batch
    if levels:
        values["levels"] = [{**level, "sources": [source_id]} for level in levels]
    if history:
        values["history"] = [{"type": "introduced", "date": history, "sources": [source_id]}]
    values["sources"] = [source_id]

    planned = []
    if source is not None:
        planned.append(plan("source", source, {}, catalogue, schemas.documents))
    pending = {"source": {source_id}}
    planned.append(plan("certificate", values, {}, catalogue, schemas.documents, pending=pending))
    return planned


def _problems(answers: dict[str, str], fields: list[Field], schemas: dict[str, dict]) -> list[str]:
    """Each answer against its form field and the schema field it fills."""
    common = schemas["common.schema.json"]["$defs"]
    visible = re.compile(common["visible_text"]["pattern"])
    problems = []
    for field in fields:
        answer = answers.get(field.id)
        if answer is None:
            if field.required or field.kind == "checkboxes":
                problems.append(f"{_named(field)}：正文中缺少这一项 · this question is missing from the body")
            continue
        if field.kind == "checkboxes":
            ticked = [line for line in answer.split("\n") if line.lower().startswith("- [x] ")]
            if len(ticked) < len(field.options):
                problems.append(f"{_named(field)}：请勾选每一项确认 · tick every box")
            continue
        if field.required and not answer:
            problems.append(f"{_named(field)}：必填 · required")
            continue
        if not answer:
            continue
        if field.kind != "textarea" and "\n" in answer:
            problems.append(f"{_named(field)}：只能写一行 · must be a single line")
            continue
        if field.kind == "dropdown" and answer not in field.options:
            problems.append(f"{_named(field)}：请从选项中选择一项 · choose one of the options")
            continue
        if field.id in DATES and not re.fullmatch(common["partial_date"]["pattern"], answer):
            problems.append(
                f"{_named(field)}：日期写作 2019、2019-06 或 2019-06-19 · a date as 2019, 2019-06 or 2019-06-19"
            )
        if field.id not in TARGETS:
            continue
        kind, path = TARGETS[field.id]
        schema = _property(schemas, kind, path)
        limit = schema.get("maxLength")
        if limit and len(answer) > limit:
            problems.append(f"{_named(field)}：最多 {limit} 个字符 · at most {limit} characters")
        elif field.id == "source-url" and not (
            re.fullmatch(common["https_url"]["pattern"], answer) and len(answer) <= common["https_url"]["maxLength"]
        ):
            problems.append(
                f"{_named(field)}：应为以 https:// 开头、不含空格的网址 · {common['https_url']['x-expected']}"
            )
        elif field.kind == "input" and not visible.search(answer):
            problems.append(f"{_named(field)}：至少要有一个可见字符 · needs at least one visible character")
    return problems


def _property(schemas: dict[str, dict], kind: str, path: tuple[str, ...]) -> dict:
    """A field's schema with its $ref merged in (limits may sit on either)."""
    current = f"{kind}.schema.json"
    schema = schemas[current]
    for key in path:
        schema = schema["properties"][key]
        while "$ref" in schema:
            # Equivalent mutant: a $ref holds one #, so rpartition is the same.
            document, _, pointer = schema["$ref"].partition("#")  # pragma: no mutate
            current = document or current
            target = schemas[current]
            for part in filter(None, pointer.split("/")):
                target = target[part]
            schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def _organization(answer: str | None, documents: list, field: Field, problems: list[str]) -> str | None:
    """The id of the organization the answer names: by id, Chinese name or English name."""
    if not answer or "\n" in answer:
        return None
    wanted = _key(answer)
    names: dict[str, str] = {}
    for document in documents:
        if document.kind != "organization" or not isinstance(document.data, dict):
            continue
        name = document.data.get("name", {})
        for text in (document.stem, name.get("zh"), name.get("en")):
            if text:
                names[_key(text)] = document.stem
    if wanted in names:
        return names[wanted]
    close = difflib.get_close_matches(wanted, list(names), cutoff=0.8)  # best first
    hint = f"；是否是 {names[close[0]]}？ · did you mean {names[close[0]]}?" if close else ""
    problems.append(
        f"{_named(field)}：目录中没有这个培训评价组织；请写目录“培训评价组织”页面上的名称；"
        f"若该组织尚未收录，请先提议收录该组织 · the catalogue has no such organization: write its name as the "
        f"organizations page lists it, or ask for the organization to be added first{hint}"
    )
    return None


def _batch(answers: dict[str, str], by_id: dict[str, Field], problems: list[str]) -> tuple[str | None, str | None]:
    """(the batch id, the date of an introduction outside the batches); both None when the batch is not known."""
    answer, date = answers.get("batch", ""), answers.get("introduced")
    found = BATCH_OPTION.search(answer)
    if found:
        if date:
            problems.append(
                f"{_named(by_id['introduced'])}：选择了试点批次时不填公布日期（批次的通知即是公布） · "
                f"leave it empty when a pilot batch is chosen (the batch's announcement is the introduction)"
            )
        return found.group(1), None
    if not answer or UNKNOWN_BATCH in answer:
        return None, None
    if not date:
        problems.append(
            f"{_named(by_id['introduced'])}：证书不属于任何批次时必填 · required for a certificate outside the batches"
        )
    return None, date or None


def _levels(answer: str, field: Field, problems: list[str]) -> list[dict]:
    levels = []
    for number, line in enumerate(answer.split("\n"), start=1):
        # Equivalent mutants: a level line starts with 初级, 中级 or 高级, never with an X stripped too.
        text = unicodedata.normalize("NFKC", line).strip().lstrip("-*• ").strip()  # pragma: no mutate
        if not text:
            continue
        match = LEVEL_LINE.fullmatch(text)
        if not match:
            problems.append(
                f"{_named(field)} 第 {number} 行：应以初级、中级或高级开头，如“初级 BIM建模 290 元” · line {number}: "
                f"start with 初级, 中级 or 高级, as in “初级 BIM建模 290 元”"
            )
            continue
        level: dict = {"level": match.group(1)}
        if match.group(2):
            level["title"] = match.group(2)
        if match.group(3):
            fee = float(match.group(3))
            level["fee"] = int(fee) if fee.is_integer() else fee
        levels.append(level)
    return levels


def _source(answers: dict[str, str], documents: list) -> tuple[str, dict | None]:
    """The cited source: the catalogue's own when it has one at that address, else a new one."""
    url = answers["source-url"]
    taken = set()
    for document in documents:
        if document.kind == "source" and isinstance(document.data, dict):
            taken.add(document.stem)
            # pragma below: the form requires an http(s) address, which a missing url's stand-in
            # never equals; stripping X as well as / changes no real address
            if document.data.get("url", "").rstrip("/") == url.rstrip("/"):  # pragma: no mutate
                return document.stem, None
    host = url.split("/")[2].split(":")[0].lower()
    labels = [label for label in host.split(".") if label != "www"][:-1] or [host]
    base = slug(" ".join(labels + [answers.get("source-published", "")])) or "source"
    source_id = unused_id(base, taken)
    kind = SOURCE_KIND_OPTION.search(answers["source-kind"])
    values = {"id": source_id, "title": answers["source-title"], "kind": kind.group(1) if kind else "secondary"}
    for key, field in (
        ("url", "source-url"),
        ("document_number", "source-number"),
        ("publisher", "source-publisher"),
        ("published", "source-published"),
    ):
        if answers.get(field):
            values[key] = answers[field]
    return source_id, values


def _same(a: str, b: str) -> bool:
    return _key(a) == _key(b)


def _key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text))).casefold()


def _named(field: Field) -> str:
    return f"**{field.label}**"
