"""Every cross-file rule in xcat/check/rules.py RULES, as a table: an edit to the fictional
catalogue that breaks the rule, and the exact problem lines (file, line, column, message) it must
produce. A meta-test fails when a rule in RULES has no case; another runs each case without its
rule and sees the report change, so no case passes by accident (a rule deleted from RULES, or one
that stopped reporting, fails its cases by name).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import xcat.check.catalogue
from tests.helpers import copy_fictional, edit, problem_locations, run_check, write
from xcat.check.rules import (
    MAX_CURRENT_SUCCESSORS,
    RULES,
    Rule,
    batch_exceeds_announced_total,
    batch_id_does_not_match_number,
    date_not_real_or_in_future,
    disagreement_about_no_field,
    field_category_unknown,
    history_contradicts_status,
    history_out_of_order,
    id_differs_from_file_name,
    id_is_reserved,
    level_repeated_or_out_of_order,
    major_outside_its_category,
    pilot_counts_out_of_order,
    reference_unknown,
    replacement_cycle,
    replacement_reaches_too_many,
    successor_is_itself,
    vocabulary_id_repeated,
)

A, B, D, ETA, G, IOTA, K, THETA, Z = (
    f"certificates/fictional-{n}.yaml"
    for n in ("alpha", "beta", "delta", "eta", "gamma", "iota", "kappa", "theta", "zeta")
)
B1, B2 = "batches/batch-1.yaml", "batches/batch-2.yaml"
HANDOVER = "programme-events/fictional-handover.yaml"
FIELDS, MAJORS = "fields.yaml", "majors.yaml"

Edit = tuple[str, str | None, str]  # file, old text (None: a new file), new text


def current_successors(catalogue: Path, count: int) -> None:
    """fictional-delta merged into `count` new current certificates."""
    for n in range(count):
        write(
            catalogue,
            f"certificates/fictional-many-{n:02d}.yaml",
            f"id: fictional-many-{n:02d}\nname: {{zh: 虚构多证书{n}}}\norganization: fictional-org-a\n"
            "history:\n  - type: introduced\n    date: 2022\n    sources: [fictional-report]\n"
            "sources: [fictional-report]\n",
        )
    edit(
        catalogue,
        D,
        "      - certificate: fictional-zeta\n        equivalence: partial\n",
        "".join(f"      - {{certificate: fictional-many-{n:02d}, equivalence: partial}}\n" for n in range(count)),
    )


def twenty_one_current_successors(catalogue: Path) -> None:
    """One more than a replacement may lead to (MAX_CURRENT_SUCCESSORS)."""
    current_successors(catalogue, MAX_CURRENT_SUCCESSORS + 1)


@dataclass(frozen=True)
class Case:
    rule: Rule
    name: str
    edits: tuple[Edit, ...] | Callable[[Path], None]
    expected: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"{self.rule.__name__}-{self.name}"

    def apply(self, catalogue: Path) -> None:
        if callable(self.edits):
            self.edits(catalogue)
            return
        for relative, old, new in self.edits:
            if old is None:
                write(catalogue, relative, new)
            else:
                edit(catalogue, relative, old, new)


CASES = [
    Case(
        id_differs_from_file_name,
        "certificate",
        ((K, "id: fictional-kappa", "id: fictional-kapa"),),
        (
            "catalogue/certificates/fictional-kappa.yaml:1:5: error: id: 'fictional-kapa' 应与文件名 'fictional-kappa' 相同：把文件改名为 fictional-kapa.yaml，或写 id: fictional-kappa · 'fictional-kapa' must equal the file name 'fictional-kappa': rename the file to fictional-kapa.yaml or set id: fictional-kappa",
        ),
    ),
    Case(
        id_differs_from_file_name,
        "organization",
        (("organizations/fictional-org-b.yaml", "id: fictional-org-b", "id: fictional-org-c"),),
        (
            "catalogue/organizations/fictional-org-b.yaml:1:5: error: id: 'fictional-org-c' 应与文件名 'fictional-org-b' 相同：把文件改名为 fictional-org-c.yaml，或写 id: fictional-org-b · 'fictional-org-c' must equal the file name 'fictional-org-b': rename the file to fictional-org-c.yaml or set id: fictional-org-b",
        ),
    ),
    Case(
        id_is_reserved,
        "item",
        (("sources/index.yaml", None, "id: index\ntitle: 虚构索引\nkind: official\n"),),
        (
            "catalogue/sources/index.yaml:1:5: error: id: 'index' 留给网站的索引页使用：请另选一个 id · 'index' is reserved for the site's index pages: choose another id",
        ),
    ),
    Case(
        id_is_reserved,
        "vocabulary",
        (("fields.yaml", "fields:\n", 'fields:\n  - {id: index, name: {zh: 索引}, categories: ["98"]}\n'),),
        (
            "catalogue/fields.yaml:3:10: error: fields[0].id: 'index' 留给网站的索引页使用：请另选一个 id · 'index' is reserved for the site's index pages: choose another id",
            "catalogue/fields.yaml:3:46: error: fields[0].categories[0]: catalogue/majors.yaml 没有代码为 98 的专业大类 · no 专业大类 has the code '98' in catalogue/majors.yaml: fix the code",
        ),
    ),
    Case(
        vocabulary_id_repeated,
        "majors",
        (
            (
                "majors.yaml",
                "majors:\n",
                'majors:\n  - {id: "860301", name: {zh: 虚构专业二}, level: 高职专科, category: "8603"}\n',
            ),
        ),
        (
            "catalogue/majors.yaml:22:9: error: majors[3].id: '860301' 已被 majors[0] 使用 · '860301' is already used by majors[0]",
        ),
    ),
    Case(
        vocabulary_id_repeated,
        "fields",
        (("fields.yaml", "fields:\n", 'fields:\n  - {id: medicine-health, name: {zh: 重复}, categories: ["82"]}\n'),),
        (
            "catalogue/fields.yaml:14:9: error: fields[3].id: 'medicine-health' 已被 fields[0] 使用 · 'medicine-health' is already used by fields[0]",
            "catalogue/fields.yaml:18:18: error: fields[3].categories[0]: 专业大类 82 已属于 fields[0] · the 专业大类 '82' already belongs to fields[0]: a 大类 is one field",
        ),
    ),
    Case(
        vocabulary_id_repeated,
        "synonyms",
        (("synonyms.yaml", "    finds: [护理]\n", "    finds: [护理]\n  - query: 假想\n    finds: [虚拟]\n"),),
        (
            "catalogue/synonyms.yaml:8:12: error: synonyms[2].query: '假想' 已被 synonyms[0] 使用 · '假想' is already used by synonyms[0]",
        ),
    ),
    Case(
        batch_id_does_not_match_number,
        "mismatch",
        ((B2, "number: 2", "number: 3"),),
        (
            "catalogue/batches/batch-2.yaml:2:9: error: number: 3 与 id 'batch-2' 不符：批次的 id 是 batch-<序号> · 3 does not match the id 'batch-2': batch ids are batch-<number>",
        ),
    ),
    Case(
        batch_id_does_not_match_number,
        "repeated",
        ((B2, "number: 2", "number: 1"),),
        (
            "catalogue/batches/batch-2.yaml:2:9: error: number: 1 与 id 'batch-2' 不符：批次的 id 是 batch-<序号> · 1 does not match the id 'batch-2': batch ids are batch-<number>",
            "catalogue/batches/batch-2.yaml:2:9: error: number: 1 已被 batch-1 使用 · 1 is already used by batch-1",
        ),
    ),
    Case(
        reference_unknown,
        "organization",
        ((K, "organization: fictional-org-a", "organization: fictional-org-c"),),
        (
            "catalogue/certificates/fictional-kappa.yaml:5:15: error: organization: 找不到 id 为 'fictional-org-c' 的 organization file（新建 catalogue/organizations/fictional-org-c.yaml，或改正 id）：是不是 'fictional-org-b'？ · no organization file has the id 'fictional-org-c' (add catalogue/organizations/fictional-org-c.yaml or fix the id); did you mean 'fictional-org-b'?",
        ),
    ),
    Case(
        reference_unknown,
        "batch",
        ((K, "batch: batch-2", "batch: batch-3"),),
        (
            "catalogue/certificates/fictional-kappa.yaml:6:8: error: batch: 找不到 id 为 'batch-3' 的 batch file（新建 catalogue/batches/batch-3.yaml，或改正 id）：是不是 'batch-2'？ · no batch file has the id 'batch-3' (add catalogue/batches/batch-3.yaml or fix the id); did you mean 'batch-2'?",
        ),
    ),
    Case(
        reference_unknown,
        "field",
        ((K, "fields: [electronics-information]", "fields: [electronic-information]"),),
        (
            "catalogue/certificates/fictional-kappa.yaml:7:10: error: fields[0]: 找不到 id 为 'electronic-information' 的 fields（把它加到 catalogue/fields.yaml，或改正 id）：是不是 'electronics-information'？ · no fields has the id 'electronic-information' (add it to catalogue/fields.yaml or fix the id); did you mean 'electronics-information'?",
        ),
    ),
    Case(
        reference_unknown,
        "major",
        ((A, 'major: "860301"', 'major: "860310"'),),
        (
            "catalogue/certificates/fictional-alpha.yaml:9:12: error: related_majors[0].major: 找不到 id 为 '860310' 的 majors（把它加到 catalogue/majors.yaml，或改正 id）：是不是 '860301'？ · no majors has the id '860310' (add it to catalogue/majors.yaml or fix the id); did you mean '860301'?",
        ),
    ),
    Case(
        reference_unknown,
        "successor",
        ((A, "certificate: fictional-beta", "certificate: fictional-betta"),),
        (
            "catalogue/certificates/fictional-alpha.yaml:33:22: error: history[0].successors[0].certificate: 找不到 id 为 'fictional-betta' 的 certificate file（新建 catalogue/certificates/fictional-betta.yaml，或改正 id）：是不是 'fictional-beta'？ · no certificate file has the id 'fictional-betta' (add catalogue/certificates/fictional-betta.yaml or fix the id); did you mean 'fictional-beta'?",
        ),
    ),
    Case(
        reference_unknown,
        "previous-organization",
        ((IOTA, "previous_organization: fictional-org-b", "previous_organization: fictional-org-z"),),
        (
            "catalogue/certificates/fictional-iota.yaml:14:28: error: history[0].previous_organization: 找不到 id 为 'fictional-org-z' 的 organization file（新建 catalogue/organizations/fictional-org-z.yaml，或改正 id）：是不是 'fictional-org-b'？ · no organization file has the id 'fictional-org-z' (add catalogue/organizations/fictional-org-z.yaml or fix the id); did you mean 'fictional-org-b'?",
        ),
    ),
    Case(
        reference_unknown,
        "source-of-a-count",
        ((K, "    sources: [fictional-report]", "    sources: [fictional-reprot]"),),
        (
            "catalogue/certificates/fictional-kappa.yaml:10:15: error: pilot_institutions[0].sources[0]: 找不到 id 为 'fictional-reprot' 的 source file（新建 catalogue/sources/fictional-reprot.yaml，或改正 id）：是不是 'fictional-report'？ · no source file has the id 'fictional-reprot' (add catalogue/sources/fictional-reprot.yaml or fix the id); did you mean 'fictional-report'?",
        ),
    ),
    Case(
        reference_unknown,
        "source-of-a-batch",
        ((B2, "\nsources: [fictional-report]", "\nsources: [unheard-of]"),),
        (
            "catalogue/batches/batch-2.yaml:13:11: error: sources[0]: 找不到 id 为 'unheard-of' 的 source file（新建 catalogue/sources/unheard-of.yaml，或改正 id） · no source file has the id 'unheard-of' (add catalogue/sources/unheard-of.yaml or fix the id)",
        ),
    ),
    Case(
        reference_unknown,
        "source-of-the-fields",
        (("fields.yaml", "sources: [fictional-paper]", "sources: [fictional-papers]"),),
        (
            "catalogue/fields.yaml:1:11: error: sources[0]: 找不到 id 为 'fictional-papers' 的 source file（新建 catalogue/sources/fictional-papers.yaml，或改正 id）：是不是 'fictional-paper'？ · no source file has the id 'fictional-papers' (add catalogue/sources/fictional-papers.yaml or fix the id); did you mean 'fictional-paper'?",
        ),
    ),
    Case(
        reference_unknown,
        "certificate-a-programme-event-applies-to",
        ((HANDOVER, "fictional-gamma,", "fictional-gama,"),),
        (
            "catalogue/programme-events/fictional-handover.yaml:8:29: error: applies_to[1]: 找不到 id 为 'fictional-gama' 的 certificate file（新建 catalogue/certificates/fictional-gama.yaml，或改正 id）：是不是 'fictional-gamma'？ · no certificate file has the id 'fictional-gama' (add catalogue/certificates/fictional-gama.yaml or fix the id); did you mean 'fictional-gamma'?",
        ),
    ),
    Case(
        successor_is_itself,
        "itself",
        ((D, "certificate: fictional-zeta", "certificate: fictional-delta"),),
        (
            "catalogue/certificates/fictional-delta.yaml:12:22: error: history[0].successors[0].certificate: 证书不能替代它自己 · a certificate cannot succeed itself",
        ),
    ),
    Case(
        replacement_cycle,
        "cycle",
        (
            (
                G,
                "  - type: renamed\n    date: 2022-06\n    previous_name:\n      zh: 虚构证书丙旧名\n      en: Fictional certificate Gamma (old name)\n",
                "  - type: replaced\n    date: 2022-06\n    successors: [{certificate: fictional-alpha, equivalence: none}]\n",
            ),
        ),
        (
            "catalogue/certificates/fictional-alpha.yaml:33:7: error: history[0].successors: 替代关系绕成了一个圈 fictional-alpha → fictional-beta → fictional-gamma → fictional-alpha：证书最终不能替代它自己 · replacement cycle fictional-alpha → fictional-beta → fictional-gamma → fictional-alpha: a certificate cannot end up replacing itself",
        ),
    ),
    Case(
        replacement_reaches_too_many,
        "21-current-successors",
        twenty_one_current_successors,
        (
            "catalogue/certificates/fictional-delta.yaml:12:7: error: history[0].successors: 这些替代证书最终通向超过 20 个现行证书（未被替代的），超过了上限：请少列几个替代证书，或检查它们自己的替代证书 · these successors lead on to more than 20 current certificates (ones not replaced), the most a replacement may lead to: name fewer successors, or check their own successors",
        ),
    ),
    Case(
        date_not_real_or_in_future,
        "not-real",
        ((B, "date: 2022-03-03\n    successors", "date: 2022-02-30\n    successors"),),
        (
            "catalogue/certificates/fictional-beta.yaml:12:11: error: history[1].date: 2022-02-30 不是真实存在的日期 · 2022-02-30 is not a real date",
        ),
    ),
    Case(
        date_not_real_or_in_future,
        "future",
        ((B, "date: 2022-03-03\n    successors", "date: 2027-01\n    successors"),),
        (
            "catalogue/certificates/fictional-beta.yaml:12:11: error: history[1].date: 2027-01 是将来的日期（今天是 2026-11-22） · 2027-01 is in the future (today is 2026-11-22)",
        ),
    ),
    Case(
        date_not_real_or_in_future,
        "before-1949",
        (("sources/fictional-report.yaml", "published: 2022-03-03", "published: '1948-05'"),),
        (
            "catalogue/sources/fictional-report.yaml:5:12: error: published: 1948-05 早于 1949 年：请检查年份 · 1948-05 is before 1949: check the year",
        ),
    ),
    Case(
        date_not_real_or_in_future,
        "batch-date",
        ((B1, "date: 2020-01", "date: 2020-02-30"),),
        (
            "catalogue/batches/batch-1.yaml:6:7: error: date: 2020-02-30 不是真实存在的日期 · 2020-02-30 is not a real date",
        ),
    ),
    Case(
        date_not_real_or_in_future,
        "programme-event-deadline",
        ((HANDOVER, "deadline: 2023-12-31", "deadline: 2023-12-32"),),
        (
            "catalogue/programme-events/fictional-handover.yaml:7:11: error: deadline: 2023-12-32 不是真实存在的日期 · 2023-12-32 is not a real date",
        ),
    ),
    Case(
        date_not_real_or_in_future,
        "count-as-of",
        ((A, "as_of: 2021\n", "as_of: 2031\n"),),
        (
            "catalogue/certificates/fictional-alpha.yaml:24:12: error: pilot_institutions[1].as_of: 2031 是将来的日期（今天是 2026-11-22） · 2031 is in the future (today is 2026-11-22)",
        ),
    ),
    Case(
        date_not_real_or_in_future,
        "last-verified",
        (("certificates/fictional-gamma.yaml", "  date: 2022-03-03\n  sources", "  date: 2026-11-30\n  sources"),),
        (
            "catalogue/certificates/fictional-gamma.yaml:22:9: error: last_verified.date: 2026-11-30 是将来的日期（今天是 2026-11-22） · 2026-11-30 is in the future (today is 2026-11-22)",
        ),
    ),
    Case(
        date_not_real_or_in_future,
        "reprint-retrieved",
        (("sources/fictional-notice-2021.yaml", "retrieved: 2021-07-02", "retrieved: 2021-02-29"),),
        (
            "catalogue/sources/fictional-notice-2021.yaml:9:14: error: carried_by.retrieved: 2021-02-29 不是真实存在的日期 · 2021-02-29 is not a real date",
        ),
    ),
    Case(
        history_out_of_order,
        "earlier-than-previous",
        ((B, "date: 2022-03-03\n    successors", "date: 2021-05\n    successors"),),
        (
            "catalogue/certificates/fictional-beta.yaml:12:11: error: history[1].date: 2021-05 早于前一个事件（2021-06-01）：事件按时间先后排列，最早的在前 · 2021-05 is earlier than the event before it (2021-06-01): list events oldest first",
        ),
    ),
    Case(
        history_out_of_order,
        "before-introduction",
        ((ETA, "date: 2021-09", "date: 2019-12"),),
        (
            "catalogue/certificates/fictional-eta.yaml:10:11: error: history[0].date: 2019-12 早于证书随 batch-1 推出的日期（2020-01） · 2019-12 is before the certificate's introduction with batch-1 (2020-01)",
        ),
    ),
    Case(
        history_out_of_order,
        "after-an-unreal-date",  # the unreal date is the date rule's; the events after it are still checked
        ((IOTA, "date: 2020-09\n", "date: 2020-02-30\n"), (IOTA, "date: 2021\n", "date: 2019\n")),
        (
            "catalogue/certificates/fictional-iota.yaml:13:11: error: history[0].date: 2020-02-30 不是真实存在的日期 · 2020-02-30 is not a real date",
            "catalogue/certificates/fictional-iota.yaml:17:11: error: history[1].date: 2019 早于证书随 batch-1 推出的日期（2020-01） · 2019 is before the certificate's introduction with batch-1 (2020-01)",
        ),
    ),
    Case(
        pilot_counts_out_of_order,
        "counts",
        ((A, "as_of: 2021\n", "as_of: 2019\n"),),
        (
            "catalogue/certificates/fictional-alpha.yaml:24:12: error: pilot_institutions[1].as_of: 2019 早于前一个统计（2020-03）：新的统计加在最后 · 2019 is earlier than the count before it (2020-03): add new counts at the end",
        ),
    ),
    Case(
        pilot_counts_out_of_order,
        "after-an-undated-count",  # a count without as_of is skipped; those after it are still checked
        (
            (A, "pilot_institutions:\n", "pilot_institutions:\n  - count: 5\n    sources: [fictional-notice-2020]\n"),
            (A, "as_of: 2021\n", "as_of: 2019\n"),
        ),
        (
            "catalogue/certificates/fictional-alpha.yaml:26:12: error: pilot_institutions[2].as_of: 2019 早于前一个统计（2020-03）：新的统计加在最后 · 2019 is earlier than the count before it (2020-03): add new counts at the end",
        ),
    ),
    Case(
        history_contradicts_status,
        "after-withdrawal",
        (
            (
                ETA,
                "sources: [fictional-notice-2021]\nsources:",
                "sources: [fictional-notice-2021]\n  - type: renamed\n    date: 2022\n    previous_name: {zh: 旧}\n    sources: [fictional-report]\nsources:",
            ),
        ),
        (
            "catalogue/certificates/fictional-eta.yaml:15:11: error: history[1].type: 'renamed' 不能接在这里：证书已经 withdrawn（history[0]） · 'renamed' cannot follow: the certificate was already withdrawn (history[0])",
        ),
    ),
    Case(
        history_contradicts_status,
        "after-replacement",
        (
            (
                A,
                "    sources: [fictional-notice-2021]\nsources:",
                "    sources: [fictional-notice-2021]\n  - type: renamed\n    date: 2022\n    previous_name: {zh: 旧}\n    sources: [fictional-report]\nsources:",
            ),
        ),
        (
            "catalogue/certificates/fictional-alpha.yaml:36:11: error: history[1].type: 'renamed' 不能接在这里：证书已经 replaced（history[0]） · 'renamed' cannot follow: the certificate was already replaced (history[0])",
        ),
    ),
    Case(
        history_contradicts_status,
        "after-revocation",
        (
            (
                THETA,
                "    sources: [fictional-report]\nsources:",
                "    sources: [fictional-report]\n  - type: suspended\n    date: 2023\n    sources: [fictional-report]\nsources:",
            ),
        ),
        (
            "catalogue/certificates/fictional-theta.yaml:15:11: error: history[1].type: 'suspended' 不能接在这里：证书已经 revoked（history[0]） · 'suspended' cannot follow: the certificate was already revoked (history[0])",
        ),
    ),
    Case(
        history_contradicts_status,
        "reinstated-without-suspension",
        (
            (
                K,
                "sources: [fictional-report]\nsources:",
                "sources: [fictional-report]\nhistory:\n  - type: reinstated\n    date: 2022\n    sources: [fictional-report]\nsources:",
            ),
        ),
        (
            "catalogue/certificates/fictional-kappa.yaml:12:11: error: history[0].type: 'reinstated' 不能接在这里：只有暂停（suspended）的证书才能恢复 · 'reinstated' cannot follow: only a suspended certificate can be reinstated",
        ),
    ),
    Case(
        history_contradicts_status,
        "introduced-with-a-batch",
        (
            (
                K,
                "sources: [fictional-report]\nsources:",
                "sources: [fictional-report]\nhistory:\n  - type: introduced\n    date: 2022\n    sources: [fictional-report]\nsources:",
            ),
        ),
        (
            "catalogue/certificates/fictional-kappa.yaml:12:11: error: history[0].type: 证书随 batch-2 推出：删去这个事件（批次的公布就是推出） · the certificate was introduced with batch-2; remove this event (the batch's announcement is the introduction)",
        ),
    ),
    Case(
        history_contradicts_status,
        "introduced-not-first",
        (
            (
                Z,
                "sources: [fictional-notice-2021]\nsources:",
                "sources: [fictional-notice-2021]\n  - type: introduced\n    date: 2022\n    sources: [fictional-report]\nsources:",
            ),
        ),
        (
            "catalogue/certificates/fictional-zeta.yaml:11:11: error: history[1].type: introduced 只能是第一个事件 · introduced can only be the first event",
        ),
    ),
    Case(
        history_contradicts_status,
        "batch-unknown-withdrawn-twice",
        (
            (K, "batch: batch-2\n", ""),
            (
                K,
                "sources: [fictional-report]\nsources:",
                "sources: [fictional-report]\nhistory:\n  - type: withdrawn\n    date: 2022\n    sources: [fictional-report]\n  - type: withdrawn\n    date: 2023\n    sources: [fictional-report]\nsources:",
            ),
        ),
        (
            "catalogue/certificates/fictional-kappa.yaml:14:11: error: history[1].type: 'withdrawn' 不能接在这里：证书已经 withdrawn（history[0]） · 'withdrawn' cannot follow: the certificate was already withdrawn (history[0])",
        ),
    ),
    Case(
        history_contradicts_status,
        "suspended-twice",
        ((IOTA, "type: reinstated", "type: suspended"),),
        (
            "catalogue/certificates/fictional-iota.yaml:19:11: error: history[2].type: 'suspended' 不能接在这里：suspended 状态的证书不能再 suspended · 'suspended' cannot follow: a suspended certificate cannot be suspended",
        ),
    ),
    Case(
        history_contradicts_status,
        "after-a-programme-event",
        (
            (
                G,
                "      en: Fictional certificate Gamma (old name)\n    sources: [fictional-report]\n",
                "      en: Fictional certificate Gamma (old name)\n    sources: [fictional-report]\n"
                "  - type: renamed\n    date: 2024\n    previous_name: {zh: 旧}\n    sources: [fictional-report]\n",
            ),
        ),
        (
            "catalogue/certificates/fictional-gamma.yaml:21:11: error: history[2].type: 'renamed' 不能接在这里：证书已被整体事件 fictional-handover（2023，catalogue/programme-events/fictional-handover.yaml）transferred，此后只能是 merged, replaced, revoked, withdrawn：请检查日期，或把这个证书从它的 applies_to 中去掉 · 'renamed' cannot follow: the certificate was transferred by the programme event fictional-handover (2023, catalogue/programme-events/fictional-handover.yaml), after which only merged, replaced, revoked, withdrawn may follow: check the date, or leave this certificate out of its applies_to",
        ),
    ),
    Case(
        level_repeated_or_out_of_order,
        "twice",
        ((A, "level: 中级", "level: 初级"),),
        (
            "catalogue/certificates/fictional-alpha.yaml:16:12: error: levels[1].level: 初级 列了两次 · 初级 is listed twice",
        ),
    ),
    Case(
        level_repeated_or_out_of_order,
        "out-of-order",
        ((A, "level: 初级", "level: 高级"),),
        (
            "catalogue/certificates/fictional-alpha.yaml:16:12: error: levels[1].level: 等级按初级、中级、高级的顺序列出 · list levels in the order 初级, 中级, 高级",
        ),
    ),
    Case(
        batch_exceeds_announced_total,
        "certificates",
        ((B1, "  certificates: 8", "  certificates: 5"),),
        (
            "catalogue/batches/batch-1.yaml:11:17: error: totals.certificates: 目录中有 batch-1 的 6 个证书，多于公布的 5：请检查这些证书的批次或总数 · the catalogue holds 6 certificates of batch-1, more than the announced 5: check the batch of its certificates or the total",
        ),
    ),
    Case(
        batch_exceeds_announced_total,
        "organizations",
        ((B1, "  organizations: 2", "  organizations: 1"),),
        (
            "catalogue/batches/batch-1.yaml:12:18: error: totals.organizations: 目录中有 batch-1 的 2 个评价组织，多于公布的 1：请检查这些证书的批次或总数 · the catalogue holds 2 organizations of batch-1, more than the announced 1: check the batch of its certificates or the total",
        ),
    ),
    Case(
        major_outside_its_category,
        "unknown category",
        ((MAJORS, 'category: "9601"', 'category: "9602"'),),
        (
            "catalogue/majors.yaml:15:15: error: majors[0].category: 没有代码为 9602 的专业类 · no 专业类 has the code '9602': add it to categories or fix the code",
        ),
    ),
    Case(
        major_outside_its_category,
        "code outside its category",
        ((MAJORS, 'id: "960101"', 'id: "961101"'),),
        (
            "catalogue/majors.yaml:12:9: error: majors[0].id: 专业代码 961101 应以专业类代码 9601 开头 · the code '961101' must begin with its 专业类 '9601': fix one of them",
        ),
    ),
    Case(
        major_outside_its_category,
        "level",
        ((MAJORS, 'level: 中职\n    category: "9601"', 'level: 高职专科\n    category: "9601"'),),
        (
            "catalogue/majors.yaml:14:12: error: majors[0].level: 层次 高职专科 与专业类 9601 的 中职 不同 · the level differs from its 专业类's (中职)",
        ),
    ),
    Case(
        major_outside_its_category,
        "category without its big category",
        ((MAJORS, '{code: "9601"', '{code: "8601"'),),
        (
            "catalogue/majors.yaml:4:12: error: categories[1].code: 专业类 8601 没有同一层次的专业大类 86 · no 专业大类 '86' at level 中职 precedes it: list the 大类 first, or fix the code",
            "catalogue/majors.yaml:15:15: error: majors[0].category: 没有代码为 9601 的专业类 · no 专业类 has the code '9601': add it to categories or fix the code",
        ),
    ),
    Case(
        major_outside_its_category,
        "category repeated",
        (
            (
                MAJORS,
                '  - {code: "83", name: {zh: 财经商贸大类}, level: 高职专科}\n',
                '  - {code: "83", name: {zh: 财经商贸大类}, level: 高职专科}\n  - {code: "83", name: {zh: 财经商贸大类}, level: 高职专科}\n',
            ),
        ),
        ("catalogue/majors.yaml:9:12: error: categories[6].code: 代码 83 重复 · the code '83' is listed twice",),
    ),
    Case(
        field_category_unknown,
        "unknown",
        ((FIELDS, 'categories: ["81"]', 'categories: ["84"]'),),
        (
            "catalogue/fields.yaml:12:18: error: fields[1].categories[0]: catalogue/majors.yaml 没有代码为 84 的专业大类 · no 专业大类 has the code '84' in catalogue/majors.yaml: fix the code",
        ),
    ),
    Case(
        field_category_unknown,
        "claimed twice",
        ((FIELDS, 'categories: ["81"]', 'categories: ["81", "86"]'),),
        (
            "catalogue/fields.yaml:12:24: error: fields[1].categories[1]: 专业大类 86 已属于 fields[0] · the 专业大类 '86' already belongs to fields[0]: a 大类 is one field",
        ),
    ),
    Case(
        disagreement_about_no_field,
        "unknown field",
        (("organizations/fictional-org-b.yaml", "  - field: name.zh", "  - field: name.fr"),),
        (
            "catalogue/organizations/fictional-org-b.yaml:10:12: error: disagreements[0].field: 本文件没有字段 name.fr · this file has no value at 'name.fr' to disagree with: write the path of one, such as name.zh",
        ),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_breaking_a_rule_reports_its_lines(tmp_path, case):
    catalogue = copy_fictional(tmp_path)
    case.apply(catalogue)
    assert run_check(catalogue) == (1, list(case.expected))


def test_every_rule_has_a_case():
    assert [rule.__name__ for rule in RULES if all(case.rule is not rule for case in CASES)] == []


@pytest.mark.table_guard
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_without_its_rule_the_case_reports_something_else(tmp_path, monkeypatch, case):
    monkeypatch.setattr(xcat.check.catalogue, "RULES", [rule for rule in RULES if rule is not case.rule])
    catalogue = copy_fictional(tmp_path)
    case.apply(catalogue)
    assert run_check(catalogue)[1] != list(case.expected)


def test_a_replacement_may_lead_to_exactly_the_most_current_certificates(tmp_path):
    catalogue = copy_fictional(tmp_path)
    current_successors(catalogue, MAX_CURRENT_SUCCESSORS)
    assert run_check(catalogue) == (0, [])


def test_a_successor_missing_from_the_catalogue_is_reported_and_not_counted_as_current(tmp_path):
    """One unknown id among the most a replacement may lead to: the unknown reference is the only problem."""
    catalogue = copy_fictional(tmp_path)
    current_successors(catalogue, MAX_CURRENT_SUCCESSORS)
    edit(
        catalogue,
        D,
        "    sources: [fictional-notice-2021]\n",
        "      - {certificate: fictional-missing, equivalence: none}\n    sources: [fictional-notice-2021]\n",
    )
    code, lines = run_check(catalogue)
    assert code == 1
    assert [line.split(": ", 3)[2] for line in lines] == [
        f"history[0].successors[{MAX_CURRENT_SUCCESSORS}].certificate"
    ]


def test_too_many_is_reported_where_the_list_first_grows_too_long(tmp_path):
    """fictional-delta leads to exactly the most; fictional-alpha, replaced by it and by
    fictional-beta, leads to more; fictional-epsilon, merged into alpha, leads to as many as alpha:
    only alpha names too many, the one whose own list grew too long."""
    catalogue = copy_fictional(tmp_path)
    current_successors(catalogue, MAX_CURRENT_SUCCESSORS)
    edit(
        catalogue,
        A,
        "      - certificate: fictional-beta\n",
        "      - certificate: fictional-delta\n        equivalence: partial\n      - certificate: fictional-beta\n",
    )
    edit(
        catalogue, "certificates/fictional-epsilon.yaml", "certificate: fictional-zeta", "certificate: fictional-alpha"
    )
    code, lines = run_check(catalogue)
    assert code == 1
    assert problem_locations(lines) == ["catalogue/certificates/fictional-alpha.yaml:33:7"]
