"""Write a synthetic catalogue of N certificates for benchmarks and tests.

    python bench/generate.py 500                  # into a new temporary folder (printed)
    python bench/generate.py 5000 --out /tmp/big  # into an empty folder of your choice
    python build.py check --catalogue /tmp/big    # it passes every check

Everything written is obviously fictional (虚构证书 0001 / Synthetic certificate 0001,
sources at synthetic.invalid) and is never written into catalogue/. The output depends
only on N and the seed: the same arguments give the same bytes.

Proportions follow what the real catalogue will look like at scale: about N/3
organizations, one batch per ~120 certificates (at most the schema's 100 batches), most certificates active, ~5% replaced
(single replacements, chains of two and merges of two into one), ~1% withdrawn,
~0.6% revoked, ~2% suspended (half reinstated), ~6% renamed, ~3% moved to another
organization; most certificates have levels with fees and a series of pilot counts.
Every rule in xcat/rules.py holds: replacements always point to a certificate with a
higher number (so there are no cycles), dates are in order and in the past, histories
follow the state machine, and batch totals are at least the catalogued counts.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEED = 2019

# Months are counted from 2019-01 (month 0); nothing is dated after LAST_MONTH (2025-11),
# so the catalogue stays valid whatever day the check runs on after that.
LAST_MONTH = 6 * 12 + 10
LAST_BATCH_MONTH = 5 * 12 - 1  # batches are spread over 2019-2023

# About the size of the real 2021 catalogue (1,349 majors): majors.yaml is one file, and a file's
# size is bounded by the check (N = 20,000 would otherwise want 4,000 majors).
MOST_MAJORS = 1500

ZH_WORDS = [
    "智能",
    "数据",
    "运维",
    "物流",
    "设计",
    "管理",
    "分析",
    "开发",
    "服务",
    "应用",
    "检测",
    "制造",
    "营销",
    "护理",
    "财务",
    "安全",
    "网络",
    "系统",
    "平台",
    "工艺",
    "装配",
    "调试",
    "康养",
    "电商",
    "新能源",
    "机器人",
    "传感",
    "云计算",
    "建模",
    "焊接",
    "仓储",
    "信息",
    "质量",
    "文旅",
    "农业",
    "医药",
]
EN_WORDS = [
    "intelligent",
    "data",
    "operations",
    "logistics",
    "design",
    "management",
    "analysis",
    "development",
    "services",
    "application",
    "inspection",
    "manufacturing",
    "marketing",
    "care",
    "finance",
    "safety",
    "network",
    "systems",
    "platform",
    "process",
    "assembly",
    "commissioning",
    "wellness",
    "e-commerce",
    "new energy",
    "robotics",
    "sensing",
    "cloud computing",
    "modelling",
    "welding",
    "warehousing",
    "information",
    "quality",
    "cultural tourism",
    "agriculture",
    "pharmacy",
]
LEVELS = ["初级", "中级", "高级"]
ENDING_ZH = {"replaced": "被替代", "merged": "被合并", "withdrawn": "主动退出", "revoked": "被撤销"}


class Date(str):
    """A date written unquoted, the way contributors write it (2019-06-19, 2019-06 or 2019)."""


@dataclass
class Plan:
    """One certificate before it is written: where it starts and what happens to it."""

    number: int
    batch: int | None  # batch number, or None for a certificate introduced by an event
    start: int  # month of introduction
    organization: int
    end: tuple[str, int] | None = None  # (event type, month)
    successors: list[tuple[int, str]] = field(default_factory=list)  # (certificate number, equivalence)
    middle: list[str] = field(default_factory=list)  # event types between introduction and end


def generate(n: int, out: Path, seed: int = DEFAULT_SEED) -> Path:
    """Write a catalogue of n certificates into out (created if missing, must be empty)."""
    if n < 20:
        raise ValueError("generate at least 20 certificates")
    out = out.resolve()
    if out == ROOT / "catalogue" or (ROOT / "catalogue") in out.parents:
        raise ValueError("refusing to write synthetic data into catalogue/")
    if out.exists() and any(out.iterdir()):
        raise ValueError(f"{out} is not empty")
    rng = random.Random(f"{seed}:{n}")
    writer = _Writer(out)

    sources = _sources(rng, n, writer)
    fields = _fields(writer, 19, sources[0])
    majors = _majors(writer, min(MOST_MAJORS, max(5, n // 5)), sources[0])
    organization_count = max(2, n // 3)
    batch_count = min(_most_batches(), max(2, math.ceil(n / 120)))  # N = 20,000 would want 167
    batch_months = [round(k * LAST_BATCH_MONTH / (batch_count - 1)) for k in range(batch_count)]

    plans = _plan(rng, n, organization_count, batch_months)
    _write_certificates(rng, writer, plans, sources, fields, majors, organization_count)
    _write_organizations(rng, writer, organization_count, sources)
    _write_batches(rng, writer, plans, batch_months, sources, organization_count)
    return out


# --- The shape of the catalogue --------------------------------------------------------------


def _most_batches() -> int:
    """The schema's limit on a batch's number (a catalogue with more batches would not pass the check)."""
    schema = json.loads((ROOT / "schema" / "batch.schema.json").read_text(encoding="utf-8"))
    return schema["properties"]["number"]["maximum"]


def _plan(rng: random.Random, n: int, organization_count: int, batch_months: list[int]) -> list[Plan]:
    """Decide every certificate's batch, organization and life before writing anything."""
    introduced_by_event = max(3, round(0.04 * n))
    in_batches = n - introduced_by_event
    plans = []
    for number in range(1, n + 1):
        if number <= in_batches:
            batch = 1 + (number - 1) * len(batch_months) // in_batches
            start = batch_months[batch - 1]
        else:
            batch, start = None, None
        plans.append(Plan(number, batch, start, _organization_for(rng, number, organization_count)))

    batch_plans = plans[:in_batches]
    unclaimed = list(range(len(batch_plans)))
    rng.shuffle(unclaimed)
    newcomers = plans[in_batches:]  # successors introduced by the replacement event

    def claim() -> Plan:
        return batch_plans[unclaimed.pop()]

    # Replacements, chains and merges: each newcomer succeeds one or two batch certificates.
    position = group = 0
    while position < len(newcomers):
        # The first two groups are a chain and a merge, so even a small catalogue has both.
        kind = (
            ["chain", "merge"][group] if group < 2 else rng.choices(["single", "chain", "merge"], weights=[6, 2, 2])[0]
        )
        group += 1
        if kind == "chain" and position + 1 < len(newcomers):
            first, second = newcomers[position], newcomers[position + 1]
            predecessor = claim()
            month = rng.randint(predecessor.start + 2, LAST_MONTH - 14)
            _replace([predecessor], first, "replaced", month, rng)
            _replace([first], second, "replaced", rng.randint(month + 3, LAST_MONTH - 2), rng)
            position += 2
            continue
        successor = newcomers[position]
        predecessors = [claim(), claim()] if kind == "merge" else [claim()]
        month = rng.randint(max(p.start for p in predecessors) + 2, LAST_MONTH - 2)
        _replace(predecessors, successor, "merged" if kind == "merge" else "replaced", month, rng)
        position += 1

    # A few certificates are replaced by a later certificate that already exists.
    for _ in range(max(1, round(0.005 * n))):
        predecessor = claim()
        later = [p for p in batch_plans if p.number > predecessor.number]
        if later:
            successor = rng.choice(later)
            month = rng.randint(max(predecessor.start, successor.start) + 1, LAST_MONTH - 1)
            predecessor.end = ("replaced", month)
            predecessor.successors = [(successor.number, rng.choice(["full", "partial", "none"]))]

    for kind, share, earliest in (("withdrawn", 0.01, 12), ("revoked", 0.006, 6)):
        for _ in range(max(1, round(share * n))):
            plan = claim()
            plan.end = (kind, rng.randint(plan.start + earliest, LAST_MONTH))

    for plan in plans:
        plan.middle = _middle_events(rng, plan)
    _ensure_every_event(plans)
    return plans


def _ensure_every_event(plans: list[Plan]) -> None:
    """Small catalogues still get one of each event (tests rely on it); large ones have them anyway."""
    wanted = [
        (["renamed"], lambda middle: "renamed" in middle),
        (["organization_changed"], lambda middle: "organization_changed" in middle),
        (["levels_changed"], lambda middle: "levels_changed" in middle),
        (["suspended", "reinstated"], lambda middle: "reinstated" in middle),
        (["suspended"], lambda middle: middle[-1:] == ["suspended"]),  # still suspended, or ended while suspended
    ]
    spare = (
        plan
        for plan in plans
        if plan.batch is not None and not plan.middle and (plan.end[1] if plan.end else LAST_MONTH + 1) - plan.start > 4
    )
    for events, present in wanted:
        if not any(present(plan.middle) for plan in plans):
            next(spare).middle = list(events)


def _organization_for(rng: random.Random, number: int, organization_count: int) -> int:
    """Every organization issues at least one certificate; a few issue many."""
    if number <= organization_count:
        return number
    if rng.random() < 0.2:
        return rng.randint(1, max(1, organization_count // 20))
    return rng.randint(1, organization_count)


def _original_organization(plan: Plan, organization_count: int) -> int:
    """A certificate that moved came from the next organization in line."""
    if "organization_changed" in plan.middle:
        return plan.organization % organization_count + 1
    return plan.organization


def _replace(predecessors: list[Plan], successor: Plan, kind: str, month: int, rng: random.Random) -> None:
    for predecessor in predecessors:
        predecessor.end = (kind, month)
        predecessor.successors = [(successor.number, rng.choice(["full", "full", "partial"]))]
    successor.start = month


def _middle_events(rng: random.Random, plan: Plan) -> list[str]:
    """Events between introduction and end, in an order the history rules allow."""
    events = []
    if rng.random() < 0.06:
        events.append("renamed")
    if rng.random() < 0.03:
        events.append("organization_changed")
    if rng.random() < 0.02:
        events.append("levels_changed")
    rng.shuffle(events)
    if rng.random() < 0.02:
        if rng.random() < 0.5:
            events.insert(rng.randint(0, len(events)), "suspended+reinstated")
        else:
            events.append("suspended")  # still suspended, or ended while suspended
    flat = [part for event in events for part in event.split("+")]
    last = plan.end[1] if plan.end else LAST_MONTH + 1
    room = last - plan.start - 1
    return flat if len(flat) <= room else []


# --- Writing the files ------------------------------------------------------------------------


def _sources(rng: random.Random, n: int, writer: _Writer) -> list[str]:
    ids = []
    for number in range(1, max(8, n // 25 + 5) + 1):
        source_id = f"synthetic-source-{number:03d}"
        kind = ["official", "secondary", "secondary", "paper", "official"][number % 5]
        data = {
            "id": source_id,
            "title": f"虚构来源 {number:03d}（基准测试用）Synthetic source {number:03d} for benchmarks",
            "kind": kind,
        }
        if kind == "paper":
            data["authors"] = [f"Synthetic Author {number:03d}", "Fictional Co-author"]
        else:
            data["url"] = f"https://synthetic.invalid/sources/{number:03d}"
            data["publisher"] = f"虚构发布单位 {number % 7 + 1}"
        if kind == "official" and rng.random() < 0.5:
            data["document_number"] = f"虚构〔{2019 + number % 5}〕{number}号"
        data["published"] = _date(rng, rng.randint(0, LAST_MONTH))
        data["note"] = "Synthetic benchmark data: not a real document."
        writer.write(f"sources/{source_id}.yaml", data, "source")
        ids.append(source_id)
    return ids


def _fields(writer: _Writer, count: int, source: str) -> list[str]:
    """Fields 1..count, field k being the synthetic 专业大类 with code 10 + k (one level, for simplicity)."""
    entries = [
        {
            "id": f"synthetic-field-{k:04d}",
            "name": {"zh": f"虚构专业大类 {k:04d}", "en": f"Synthetic field {k:04d}"},
            "categories": [f"{10 + k}"],
        }
        for k in range(1, count + 1)
    ]
    writer.write("fields.yaml", {"sources": [source], "fields": entries}, "fields", schema_path="../schema")
    return [entry["id"] for entry in entries]


def _majors(writer: _Writer, count: int, source: str) -> list[str]:
    """count synthetic majors spread over the 19 fields' 大类, 99 to a 专业类: codes like 110101."""
    codes = [f"{11 + k % 19}{1 + k // 19 // 99:02d}{1 + k // 19 % 99:02d}" for k in range(count)]
    categories = [{"code": f"{10 + k}", "name": {"zh": f"虚构大类 {k:02d}"}, "level": "高职专科"} for k in range(1, 20)]
    categories += [
        {"code": c, "name": {"zh": f"虚构专业类 {c}"}, "level": "高职专科"}
        for c in sorted({code[:4] for code in codes})
    ]
    majors = [
        {"id": code, "name": {"zh": f"虚构专业 {code}"}, "level": "高职专科", "category": code[:4]}
        for code in sorted(codes)
    ]
    data = {"sources": [source], "categories": categories, "majors": majors}
    writer.write("majors.yaml", data, "majors", schema_path="../schema")
    return sorted(codes)


def _write_certificates(rng, writer, plans: list[Plan], all_sources, fields, majors, organization_count: int) -> None:
    for plan in plans:
        # A certificate's facts come from a few documents (its batch notice, an exam notice, a
        # report): real pages cite 3 or 4 sources, not a sample of the whole list.
        sources = rng.sample(all_sources, rng.choice([2, 3, 3, 4]))
        words = rng.sample(range(len(ZH_WORDS)), 3)
        data: dict = {
            "id": _certificate_id(plan.number),
            "name": {
                "zh": f"虚构证书 {plan.number:04d} " + "".join(ZH_WORDS[w] for w in words),
                "en": f"Synthetic certificate {plan.number:04d}: " + " ".join(EN_WORDS[w] for w in words),
            },
            "organization": _organization_id(plan.organization),
        }
        if plan.batch is not None:
            data["batch"] = f"batch-{plan.batch}"
        if rng.random() < 0.6:
            data["description"] = _description(rng, words)
        data["fields"] = sorted(rng.sample(fields, rng.choice([1, 1, 2])))
        if rng.random() < 0.5:
            data["related_majors"] = [
                {"major": major, **({"sources": _cite(rng, sources)} if rng.random() < 0.4 else {})}
                for major in sorted(rng.sample(majors, rng.choice([1, 2])))
            ]
        if rng.random() < 0.7:
            data["levels"] = _levels(rng, sources)
        if rng.random() < 0.7:
            data["pilot_institutions"] = _pilot_counts(rng, plan, sources)
        history = _history(rng, plan, organization_count, sources)
        if history or rng.random() < 0.5:
            data["history"] = history
        data["sources"] = _cite(rng, sources)
        writer.write(f"certificates/{data['id']}.yaml", data, "certificate")


def _history(rng, plan: Plan, organization_count: int, sources) -> list[dict]:
    history = []
    if plan.batch is None:
        history.append({"type": "introduced", "date": _date(rng, plan.start), "sources": _cite(rng, sources)})
    last = plan.end[1] if plan.end else LAST_MONTH + 1
    months = sorted(rng.sample(range(plan.start + 1, last), len(plan.middle)))
    for kind, month in zip(plan.middle, months):
        event: dict = {"type": kind, "date": _date(rng, month)}
        if kind == "renamed":
            event["previous_name"] = {
                "zh": f"虚构证书 {plan.number:04d} 旧名",
                "en": f"Synthetic certificate {plan.number:04d} (former name)",
            }
        elif kind == "organization_changed":
            event["previous_organization"] = _organization_id(_original_organization(plan, organization_count))
        elif kind == "levels_changed":
            event["details"] = {"zh": "虚构：调整了等级设置。", "en": "Synthetic: the levels were changed."}
        event["sources"] = _cite(rng, sources)
        history.append(event)
    if plan.end:
        kind, month = plan.end
        event = {"type": kind, "date": _date(rng, month)}
        if plan.successors:
            event["successors"] = [
                {"certificate": _certificate_id(number), "equivalence": how} for number, how in plan.successors
            ]
        if rng.random() < 0.7:
            event["details"] = {
                "zh": f"虚构：证书{ENDING_ZH[kind]}，已颁发证书继续有效。",
                "en": f"Synthetic: the certificate was {kind}; certificates already issued remain valid.",
            }
        event["sources"] = _cite(rng, sources)
        history.append(event)
    return history


def _levels(rng, sources) -> list[dict]:
    chosen = LEVELS[: rng.choice([1, 2, 3, 3, 3])]
    levels = []
    for rank, level in enumerate(chosen):
        entry: dict = {"level": level}
        if rng.random() < 0.5:
            entry["title"] = f"虚构{level}考核 {rng.choice(ZH_WORDS)}"
        if rng.random() < 0.8:
            entry["fee"] = 200 + 100 * rank + 10 * rng.randint(0, 20)
        entry["sources"] = _cite(rng, sources)
        levels.append(entry)
    return levels


def _pilot_counts(rng, plan: Plan, sources) -> list[dict]:
    months = sorted(rng.sample(range(plan.start, LAST_MONTH + 1), rng.choice([1, 1, 2, 3])))
    count = rng.randint(20, 300)
    series = []
    for month in months:
        entry: dict = {"count": count}
        if rng.random() < 0.9:
            entry["as_of"] = _date(rng, month)
        entry["sources"] = _cite(rng, sources)
        series.append(entry)
        count += rng.randint(0, 150)
    return series


def _write_organizations(rng, writer, organization_count: int, sources) -> None:
    for number in range(1, organization_count + 1):
        data: dict = {"id": _organization_id(number), "name": {"zh": f"虚构评价组织 {number:04d}"}}
        if rng.random() < 0.5:
            data["name"]["en"] = f"Synthetic evaluation organization {number:04d}"
        if rng.random() < 0.6:
            data["website"] = f"https://synthetic.invalid/organizations/{number:04d}/"
        if rng.random() < 0.5:
            data["description"] = {
                "zh": f"虚构的培训评价组织，仅供基准测试。编号 {number:04d}。",
                "en": "A synthetic training evaluation organization, for benchmarks only.",
            }
        data["maintainers"] = [f"synthetic-maintainer-{number:04d}"] if rng.random() < 0.2 else []
        data["sources"] = _cite(rng, sources)
        writer.write(f"organizations/{data['id']}.yaml", data, "organization")


def _write_batches(rng, writer, plans: list[Plan], batch_months: list[int], sources, organization_count: int) -> None:
    for number, month in enumerate(batch_months, start=1):
        members = [p for p in plans if p.batch == number]
        # The rules compare the totals with each certificate's original organization.
        organizations = {_original_organization(p, organization_count) for p in members}
        data: dict = {
            "id": f"batch-{number}",
            "number": number,
            "name": {"zh": f"虚构第 {number} 批", "en": f"Synthetic batch {number}"},
        }
        style = number % 4
        if style != 1:  # like the real batch 2, some batches have no known date
            data["date"] = Date(str(2019 + month // 12)) if style == 2 else _date(rng, month)
        data["announced_by"] = {"zh": "虚构主管部门", "en": "Synthetic authority"}
        totals: dict = {"certificates": len(members) + rng.randint(0, max(1, len(members) // 10))}
        if number % 3 != 0:
            totals["organizations"] = len(organizations) + rng.randint(0, 3)
        if number % 5 == 0:
            totals.update(applications=3 * len(members), applicant_units=2 * len(members))
        totals["basis"] = "announced" if number % 4 else "derived"
        if totals["basis"] == "derived":
            totals["note"] = {"zh": "虚构推算，仅供基准测试。", "en": "A synthetic derivation, for benchmarks only."}
        totals["sources"] = _cite(rng, sources)
        data["totals"] = totals
        if number % 6 == 0:
            data["remarks"] = [
                {"text": {"zh": "虚构备注。", "en": "A synthetic remark."}, "sources": _cite(rng, sources)}
            ]
        data["sources"] = _cite(rng, sources)
        writer.write(f"batches/batch-{number}.yaml", data, "batch")


def _description(rng, words: list[int]) -> dict:
    a, b, c = (ZH_WORDS[w] for w in words)
    x, y, z = (EN_WORDS[w] for w in words)
    extra = rng.choice(ZH_WORDS)
    return {
        "zh": f"面向{a}{b}相关岗位，考核{b}{c}与{extra}方面的职业技能，分初级、中级、高级三个等级。本条目为基准测试生成的虚构数据，不是事实。",
        "en": f"For jobs in {x} and {y}: tests skills in {y} {z} at primary, intermediate and advanced level. Synthetic benchmark data, not a fact.",
    }


def _cite(rng, sources: list[str]) -> list[str]:
    return sorted(rng.sample(sources, min(len(sources), rng.choice([1, 1, 2, 3]))))


def _date(rng, month: int) -> Date:
    year, month_of_year = 2019 + month // 12, month % 12 + 1
    style = rng.random()
    if style < 0.1:
        return Date(str(year))
    if style < 0.75:
        return Date(f"{year}-{month_of_year:02d}")
    return Date(f"{year}-{month_of_year:02d}-{rng.randint(1, 28):02d}")


def _certificate_id(number: int) -> str:
    return f"synthetic-certificate-{number:04d}"


def _organization_id(number: int) -> str:
    return f"synthetic-org-{number:04d}"


# --- A small YAML writer: block mappings, flow lists of scalars, JSON-quoted text -------------

_PLAIN = re.compile(r"^[a-z][a-z0-9-]*$")


class _Writer:
    def __init__(self, out: Path):
        self.out = out

    def write(self, relative: str, data: dict, schema: str, schema_path: str = "../../schema") -> None:
        path = self.out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = [
            f"# yaml-language-server: $schema={schema_path}/{schema}.schema.json",
            "# Synthetic benchmark data (bench/generate.py): fictional, not facts.",
        ]
        _emit(data, 0, lines)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _emit(data: dict, indent: int, lines: list[str], first_prefix: str | None = None) -> None:
    pad = " " * indent
    for position, (key, value) in enumerate(data.items()):
        prefix = first_prefix if (first_prefix is not None and position == 0) else pad
        if isinstance(value, dict):
            lines.append(f"{prefix}{key}:")
            _emit(value, indent + 2, lines)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{prefix}{key}:")
            for item in value:
                _emit(item, indent + 4, lines, first_prefix=" " * (indent + 2) + "- ")
        elif isinstance(value, list):
            lines.append(f"{prefix}{key}: [{', '.join(_scalar(v) for v in value)}]")
        else:
            lines.append(f"{prefix}{key}: {_scalar(value)}")


def _scalar(value) -> str:
    if isinstance(value, (Date, int, float)):
        return str(value)
    if _PLAIN.match(value) and value not in ("true", "false", "null", "yes", "no", "on", "off"):
        return value
    return json.dumps(value, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="how many certificates")
    parser.add_argument("--out", type=Path, help="an empty folder to write into (default: a new temporary folder)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix=f"xcat-synthetic-{args.n}-"))
    try:
        generate(args.n, out, args.seed)
    except ValueError as error:
        print(f"generate.py: {error}", file=sys.stderr)
        return 2
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
