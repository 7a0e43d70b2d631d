"""Cross-file rules: each one forbids something a schema cannot see."""

from __future__ import annotations

import pytest

from tests.helpers import (
    TODAY,
    add_later_programme_event,
    copy_fictional,
    edit,
    problem_locations,
    problems_after,
    run_check,
    write,
)
from xcat.check.catalogue import check_catalogue
from xcat.check.rules import (
    MAX_HINTS,
    original_organization,
    programme_event_position,
    programme_events_of,
    replacement_ends,
    replacement_order,
)
from xcat.check.rules import _strongly_connected as strongly_connected
from xcat.check.schemas import SchemaSet
from xcat.settings import SCHEMAS


@pytest.fixture
def catalogue(tmp_path):
    return copy_fictional(tmp_path)


def test_the_id_must_equal_the_file_name(catalogue):
    assert problems_after(
        catalogue, "certificates/fictional-kappa.yaml", "id: fictional-kappa", "id: fictional-kapa"
    ) == [
        "catalogue/certificates/fictional-kappa.yaml:1:5: error: id: 'fictional-kapa' 应与文件名 'fictional-kappa' 相同：把文件改名为 fictional-kapa.yaml，或写 id: fictional-kappa · 'fictional-kapa' must equal the file name 'fictional-kappa': rename the file to fictional-kapa.yaml or set id: fictional-kappa",
    ]


@pytest.mark.parametrize(
    "relative, old, new, expected",
    [
        (
            "certificates/fictional-kappa.yaml",
            "organization: fictional-org-a",
            "organization: fictional-org-c",
            "catalogue/certificates/fictional-kappa.yaml:5:15: error: organization: 找不到 id 为 'fictional-org-c' 的 organization file（新建 catalogue/organizations/fictional-org-c.yaml，或改正 id）：是不是 'fictional-org-b'？ · no organization file has the id 'fictional-org-c' (add catalogue/organizations/fictional-org-c.yaml or fix the id); did you mean 'fictional-org-b'?",
        ),
        (
            "certificates/fictional-kappa.yaml",
            "batch: batch-2",
            "batch: batch-3",
            "catalogue/certificates/fictional-kappa.yaml:6:8: error: batch: 找不到 id 为 'batch-3' 的 batch file（新建 catalogue/batches/batch-3.yaml，或改正 id）：是不是 'batch-2'？ · no batch file has the id 'batch-3' (add catalogue/batches/batch-3.yaml or fix the id); did you mean 'batch-2'?",
        ),
        (
            "certificates/fictional-kappa.yaml",
            "fields: [electronics-information]",
            "fields: [electronic-information]",
            "catalogue/certificates/fictional-kappa.yaml:7:10: error: fields[0]: 找不到 id 为 'electronic-information' 的 fields（把它加到 catalogue/fields.yaml，或改正 id）：是不是 'electronics-information'？ · no fields has the id 'electronic-information' (add it to catalogue/fields.yaml or fix the id); did you mean 'electronics-information'?",
        ),
        (
            "certificates/fictional-alpha.yaml",
            'major: "860301"',
            'major: "860310"',
            "catalogue/certificates/fictional-alpha.yaml:9:12: error: related_majors[0].major: 找不到 id 为 '860310' 的 majors（把它加到 catalogue/majors.yaml，或改正 id）：是不是 '860301'？ · no majors has the id '860310' (add it to catalogue/majors.yaml or fix the id); did you mean '860301'?",
        ),
        (
            "certificates/fictional-alpha.yaml",
            "certificate: fictional-beta",
            "certificate: fictional-betta",
            "catalogue/certificates/fictional-alpha.yaml:33:22: error: history[0].successors[0].certificate: 找不到 id 为 'fictional-betta' 的 certificate file（新建 catalogue/certificates/fictional-betta.yaml，或改正 id）：是不是 'fictional-beta'？ · no certificate file has the id 'fictional-betta' (add catalogue/certificates/fictional-betta.yaml or fix the id); did you mean 'fictional-beta'?",
        ),
        (
            "certificates/fictional-kappa.yaml",
            "    sources: [fictional-report]",
            "    sources: [fictional-reprot]",
            "catalogue/certificates/fictional-kappa.yaml:10:15: error: pilot_institutions[0].sources[0]: 找不到 id 为 'fictional-reprot' 的 source file（新建 catalogue/sources/fictional-reprot.yaml，或改正 id）：是不是 'fictional-report'？ · no source file has the id 'fictional-reprot' (add catalogue/sources/fictional-reprot.yaml or fix the id); did you mean 'fictional-report'?",
        ),
        (
            "certificates/fictional-iota.yaml",
            "previous_organization: fictional-org-b",
            "previous_organization: fictional-org-z",
            "catalogue/certificates/fictional-iota.yaml:14:28: error: history[0].previous_organization: 找不到 id 为 'fictional-org-z' 的 organization file（新建 catalogue/organizations/fictional-org-z.yaml，或改正 id）：是不是 'fictional-org-b'？ · no organization file has the id 'fictional-org-z' (add catalogue/organizations/fictional-org-z.yaml or fix the id); did you mean 'fictional-org-b'?",
        ),
    ],
    ids=["organization", "batch", "field", "major", "successor", "source", "previous-organization"],
)
def test_references_must_resolve(catalogue, relative, old, new, expected):
    assert problems_after(catalogue, relative, old, new) == [expected]


def test_a_reference_to_a_file_with_its_own_errors_is_not_reported_twice(catalogue):
    edit(catalogue, "organizations/fictional-org-a.yaml", "website: https://fictional.invalid/org-a", "website: 7")
    code, lines = run_check(catalogue)
    assert code == 1
    assert [line.split(":")[0] for line in lines] == ["catalogue/organizations/fictional-org-a.yaml"]


GAMMA_REPLACED_BY_ALPHA = (
    "  - type: renamed\n    date: 2022-06\n    previous_name:\n      zh: 虚构证书丙旧名\n      en: Fictional certificate Gamma (old name)\n",
    "  - type: replaced\n    date: 2022-06\n    successors: [{certificate: fictional-alpha, equivalence: none}]\n",
)


@pytest.mark.parametrize(
    "alpha_successors, cycle",
    [
        ("", "fictional-alpha → fictional-beta → fictional-gamma → fictional-alpha"),
        (
            "      - certificate: fictional-gamma\n        equivalence: partial\n",
            "fictional-alpha → fictional-gamma → fictional-alpha",
        ),
    ],
    ids=["round-three-certificates", "the-shortest-way-round-is-named"],
)
def test_a_replacement_cycle_is_refused(catalogue, alpha_successors, cycle):
    edit(catalogue, "certificates/fictional-gamma.yaml", *GAMMA_REPLACED_BY_ALPHA)
    # fictional-alpha -> fictional-beta -> fictional-gamma already; alpha may also lead to gamma directly.
    edit(
        catalogue,
        "certificates/fictional-alpha.yaml",
        "        equivalence: full\n",
        "        equivalence: full\n" + alpha_successors,
    )
    code, lines = run_check(catalogue)
    assert code == 1
    assert lines == [
        f"catalogue/certificates/fictional-alpha.yaml:33:7: error: history[0].successors: 替代关系绕成了一个圈 {cycle}：证书最终不能替代它自己 · replacement cycle {cycle}: a certificate cannot end up replacing itself",
    ]


def test_a_certificate_cannot_succeed_itself(catalogue):
    assert problems_after(
        catalogue, "certificates/fictional-delta.yaml", "certificate: fictional-zeta", "certificate: fictional-delta"
    ) == [
        "catalogue/certificates/fictional-delta.yaml:12:22: error: history[0].successors[0].certificate: 证书不能替代它自己 · a certificate cannot succeed itself",
    ]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "date: 2022-03-03\n    successors",
            "date: 2021-05\n    successors",
            "catalogue/certificates/fictional-beta.yaml:12:11: error: history[1].date: 2021-05 早于前一个事件（2021-06-01）：事件按时间先后排列，最早的在前 · 2021-05 is earlier than the event before it (2021-06-01): list events oldest first",
        ),
        (
            "date: 2022-03-03\n    successors",
            "date: 2027-01\n    successors",
            "catalogue/certificates/fictional-beta.yaml:12:11: error: history[1].date: 2027-01 是将来的日期（今天是 2026-11-22） · 2027-01 is in the future (today is 2026-11-22)",
        ),
        (
            "date: 2022-03-03\n    successors",
            "date: 2022-02-30\n    successors",
            "catalogue/certificates/fictional-beta.yaml:12:11: error: history[1].date: 2022-02-30 不是真实存在的日期 · 2022-02-30 is not a real date",
        ),
        (
            "date: 2022-03-03\n    successors",
            "date: 2022-13\n    successors",
            "catalogue/certificates/fictional-beta.yaml:12:11: error: history[1].date: 2022-13 不是真实存在的日期 · 2022-13 is not a real date",
        ),
    ],
    ids=["out-of-order", "future", "february-30", "month-13"],
)
def test_history_dates_are_real_ordered_and_past(catalogue, old, new, expected):
    assert problems_after(catalogue, "certificates/fictional-beta.yaml", old, new) == [expected]


def test_same_month_dates_at_different_precision_are_in_order(catalogue):
    # 2021-06 (introduced) then 2021-06-01: compared at the precision both share, they are equal.
    edit(
        catalogue,
        "certificates/fictional-zeta.yaml",
        "sources: [fictional-notice-2021]\nsources:",
        "sources: [fictional-notice-2021]\n  - type: renamed\n    date: 2021-06-01\n    previous_name: {zh: 虚构旧名}\n    sources: [fictional-paper]\nsources:",
    )
    assert run_check(catalogue) == (0, [])


def test_an_event_cannot_precede_the_batch_that_introduced_the_certificate(catalogue):
    assert problems_after(catalogue, "certificates/fictional-eta.yaml", "date: 2021-09", "date: 2019-12") == [
        "catalogue/certificates/fictional-eta.yaml:10:11: error: history[0].date: 2019-12 早于证书随 batch-1 推出的日期（2020-01） · 2019-12 is before the certificate's introduction with batch-1 (2020-01)",
    ]


def test_pilot_counts_are_added_oldest_first(catalogue):
    assert problems_after(catalogue, "certificates/fictional-alpha.yaml", "as_of: 2021\n", "as_of: 2019\n") == [
        "catalogue/certificates/fictional-alpha.yaml:24:12: error: pilot_institutions[1].as_of: 2019 早于前一个统计（2020-03）：新的统计加在最后 · 2019 is earlier than the count before it (2020-03): add new counts at the end",
    ]


@pytest.mark.parametrize(
    "relative, old, new, expected",
    [
        (
            "certificates/fictional-eta.yaml",
            "sources: [fictional-notice-2021]\nsources:",
            "sources: [fictional-notice-2021]\n  - type: renamed\n    date: 2022\n    previous_name: {zh: 旧}\n    sources: [fictional-report]\nsources:",
            "catalogue/certificates/fictional-eta.yaml:15:11: error: history[1].type: 'renamed' 不能接在这里：证书已经 withdrawn（history[0]） · 'renamed' cannot follow: the certificate was already withdrawn (history[0])",
        ),
        (
            "certificates/fictional-kappa.yaml",
            "sources: [fictional-report]\nsources:",
            "sources: [fictional-report]\nhistory:\n  - type: reinstated\n    date: 2022\n    sources: [fictional-report]\nsources:",
            "catalogue/certificates/fictional-kappa.yaml:12:11: error: history[0].type: 'reinstated' 不能接在这里：只有暂停（suspended）的证书才能恢复 · 'reinstated' cannot follow: only a suspended certificate can be reinstated",
        ),
        (
            "certificates/fictional-kappa.yaml",
            "sources: [fictional-report]\nsources:",
            "sources: [fictional-report]\nhistory:\n  - type: introduced\n    date: 2022\n    sources: [fictional-report]\nsources:",
            "catalogue/certificates/fictional-kappa.yaml:12:11: error: history[0].type: 证书随 batch-2 推出：删去这个事件（批次的公布就是推出） · the certificate was introduced with batch-2; remove this event (the batch's announcement is the introduction)",
        ),
        (
            "certificates/fictional-iota.yaml",
            "type: reinstated",
            "type: suspended",
            "catalogue/certificates/fictional-iota.yaml:19:11: error: history[2].type: 'suspended' 不能接在这里：suspended 状态的证书不能再 suspended · 'suspended' cannot follow: a suspended certificate cannot be suspended",
        ),
    ],
    ids=["after-withdrawal", "reinstated-without-suspension", "introduced-twice", "suspended-twice"],
)
def test_history_must_read_as_a_possible_life(catalogue, relative, old, new, expected):
    assert problems_after(catalogue, relative, old, new) == [expected]


def test_a_batch_cannot_hold_more_certificates_than_announced(catalogue):
    assert problems_after(catalogue, "batches/batch-1.yaml", "  certificates: 8", "  certificates: 5") == [
        "catalogue/batches/batch-1.yaml:11:17: error: totals.certificates: 目录中有 batch-1 的 6 个证书，多于公布的 5：请检查这些证书的批次或总数 · the catalogue holds 6 certificates of batch-1, more than the announced 5: check the batch of its certificates or the total",
    ]


def test_a_batch_cannot_hold_more_organizations_than_announced(catalogue):
    # fictional-iota moved from org B to org A; it counts for its original organization, B.
    assert problems_after(catalogue, "batches/batch-1.yaml", "  organizations: 2", "  organizations: 1") == [
        "catalogue/batches/batch-1.yaml:12:18: error: totals.organizations: 目录中有 batch-1 的 2 个评价组织，多于公布的 1：请检查这些证书的批次或总数 · the catalogue holds 2 organizations of batch-1, more than the announced 1: check the batch of its certificates or the total",
    ]


def test_batch_ids_follow_their_number(catalogue):
    assert problems_after(catalogue, "batches/batch-2.yaml", "number: 2", "number: 1") == [
        "catalogue/batches/batch-2.yaml:2:9: error: number: 1 与 id 'batch-2' 不符：批次的 id 是 batch-<序号> · 1 does not match the id 'batch-2': batch ids are batch-<number>",
        "catalogue/batches/batch-2.yaml:2:9: error: number: 1 已被 batch-1 使用 · 1 is already used by batch-1",
    ]


def test_vocabulary_ids_are_unique(catalogue):
    new = 'majors:\n  - {id: "860301", name: {zh: 虚构专业二}, level: 高职专科, category: "8603"}\n'
    edit(catalogue, "majors.yaml", "majors:\n", new)
    _code, lines = run_check(catalogue)
    assert lines == [
        "catalogue/majors.yaml:22:9: error: majors[3].id: '860301' 已被 majors[0] 使用 · '860301' is already used by majors[0]"
    ]


def test_levels_are_listed_once_and_in_order(catalogue):
    assert problems_after(catalogue, "certificates/fictional-alpha.yaml", "level: 中级", "level: 初级") == [
        "catalogue/certificates/fictional-alpha.yaml:16:12: error: levels[1].level: 初级 列了两次 · 初级 is listed twice",
    ]


def test_index_is_reserved_for_the_sites_index_pages(catalogue):
    assert problems_after(catalogue, "fields.yaml", "id: finance-commerce", "id: index") == [
        "catalogue/certificates/fictional-eta.yaml:7:10: error: fields[0]: 找不到 id 为 'finance-commerce' 的 fields（把它加到 catalogue/fields.yaml，或改正 id） · no fields has the id 'finance-commerce' (add it to catalogue/fields.yaml or fix the id)",
        "catalogue/certificates/fictional-theta.yaml:7:10: error: fields[0]: 找不到 id 为 'finance-commerce' 的 fields（把它加到 catalogue/fields.yaml，或改正 id） · no fields has the id 'finance-commerce' (add it to catalogue/fields.yaml or fix the id)",
        "catalogue/fields.yaml:18:9: error: fields[3].id: 'index' 留给网站的索引页使用：请另选一个 id · 'index' is reserved for the site's index pages: choose another id",
    ]


@pytest.mark.parametrize(
    ("data", "original"),
    [
        ({"organization": "o-now"}, "o-now"),
        ({"organization": "o-now", "history": [{"type": "renamed"}]}, "o-now"),
        (
            {
                "organization": "o-now",
                "history": [
                    {"type": "organization_changed", "previous_organization": "o-first"},
                    {"type": "organization_changed", "previous_organization": "o-second"},
                ],
            },
            "o-first",  # the first change says what its batch introduced it with
        ),
        ({"organization": "o-now", "history": ["not an event", None]}, "o-now"),  # `new` reads unchecked files
        ({"history": None}, None),
    ],
)
def test_a_certificate_counts_for_the_organization_its_batch_introduced_it_with(data, original):
    assert original_organization(data) == original


@pytest.mark.parametrize(
    ("events", "date", "position"),
    [
        ([("introduced", "2021-06")], "2025-11", 1),  # after its one event
        ([("introduced", "2021-06")], "2021-06", 1),  # on the same day: after it
        ([("introduced", "2021-06")], "2020", None),  # before it came: not its event
        ([("introduced", None)], "2020", 1),  # an undated introduction counts as before
        ([("introduced", "2021"), ("suspended", "2022"), ("reinstated", "2024")], "2023", 2),
        ([("introduced", "2021"), ("suspended", "2022"), ("reinstated", "2024")], "2025", 3),
        ([("introduced", "2021"), ("withdrawn", "2022")], "2025", None),  # ended before it
        ([("introduced", "2021"), ("transferred", "2024")], "2025", None),  # already handed over
        ([("suspended", "2022")], "2021", 0),  # 批次不详: it starts undated, so the event comes first
        ([("suspended", "2022")], "2023", 1),
        ([], "2023", 0),
    ],
)
def test_a_programme_event_falls_after_every_event_of_its_date_or_before_while_the_certificate_is_current(
    events, date, position
):
    assert programme_event_position(events, date) == position


# fictional-iota's own events (2020-09, 2021, 2022): none of them may follow a transfer.
IOTA_EVENTS = [f"catalogue/certificates/fictional-iota.yaml:{line}:11" for line in (12, 16, 19)]


@pytest.mark.parametrize(
    ("date", "applies_to_iota"),
    [("2019", False), ("2020-06", True)],  # batch-1, fictional-iota's, was announced 2020-01
)
def test_a_programme_event_applies_to_a_batch_certificate_only_after_the_batch_announced_it(
    tmp_path, date, applies_to_iota
):
    catalogue = copy_fictional(tmp_path)
    edit(catalogue, "programme-events/fictional-handover.yaml", "date: 2023\n", f"date: {date}\n")
    code, lines = run_check(catalogue)
    assert code == int(applies_to_iota)
    assert problem_locations(lines) == (IOTA_EVENTS if applies_to_iota else [])


def test_a_programme_event_that_does_not_apply_does_not_hide_a_later_one_that_does(tmp_path):
    catalogue = copy_fictional(tmp_path)
    add_later_programme_event(catalogue, "a-fictional-later-notice", "[fictional-iota]")
    edit(catalogue, "programme-events/fictional-handover.yaml", "date: 2023\n", "date: 2019\n")  # before batch-1
    edit(catalogue, "programme-events/a-fictional-later-notice.yaml", "date: 2024-03\n", "date: 2020-06\n")
    code, lines = run_check(catalogue)
    assert code == 1
    assert problem_locations(lines) == IOTA_EVENTS
    assert all("a-fictional-later-notice（2020-06" in line for line in lines)


@pytest.mark.parametrize(
    ("relative", "old", "new"),
    [
        ("programme-events/fictional-handover.yaml", "deadline: 2023-12-31", "deadline: 2027-06-30"),  # may be ahead
        ("certificates/fictional-beta.yaml", "date: 2022-03-03\n    successors", f"date: {TODAY}\n    successors"),
        ("sources/fictional-report.yaml", "published: 2022-03-03", "published: 1949-10-01"),  # the first year
        ("certificates/fictional-eta.yaml", "date: 2021-09", "date: 2020-01"),  # the month batch-1 announced it
    ],
    ids=["deadline-ahead", "today", "first-year", "on-the-batch-date"],
)
def test_the_date_rules_accept_their_edges(tmp_path, relative, old, new):
    catalogue = copy_fictional(tmp_path)
    edit(catalogue, relative, old, new)
    assert run_check(catalogue) == (0, [])


@pytest.mark.parametrize(
    "successors",
    [
        {"a": ["b", "c"], "b": ["c"], "c": []},  # c is reached twice
        {"a": ["b"], "b": ["a"]},  # a cycle: its closing edge is ignored
        {"x": ["d"], "a": ["b"], "b": ["d"], "c": ["b", "d"]},  # d is reached only as a successor
    ],
)
def test_replacement_order_places_every_certificate_once_after_what_it_leads_to(successors):
    """Facts about what a replacement leads to are computed once per certificate in this order."""
    order = replacement_order(successors)
    nodes = set(successors) | {s for following in successors.values() for s in following}
    assert sorted(order) == sorted(nodes)  # each once
    for node, following in successors.items():
        for s in following:
            closes_a_cycle = node in successors.get(s, [])
            assert closes_a_cycle or order.index(s) < order.index(node)


def test_the_first_unknown_references_get_a_suggestion_and_the_rest_only_the_problem(tmp_path):
    """Suggesting costs a comparison with every id: a catalogue full of typos is not slowed by it."""
    catalogue = copy_fictional(tmp_path)
    for n in range(MAX_HINTS + 1):
        write(
            catalogue,
            f"certificates/fictional-typo-{n:02d}.yaml",
            f"id: fictional-typo-{n:02d}\nname: {{zh: 虚构错字{n}}}\norganization: fictional-org-c\n"
            "history:\n  - type: introduced\n    date: 2022\n    sources: [fictional-report]\n"
            "sources: [fictional-report]\n",
        )
    code, lines = run_check(catalogue)
    problem = (
        "organization: 找不到 id 为 'fictional-org-c' 的 organization file（新建 catalogue/organizations/"
        "fictional-org-c.yaml，或改正 id）{zh} · no organization file has the id 'fictional-org-c' "
        "(add catalogue/organizations/fictional-org-c.yaml or fix the id){en}"
    )
    suggested = problem.format(zh="：是不是 'fictional-org-b'？", en="; did you mean 'fictional-org-b'?")
    assert code == 1
    assert [line.split(": error: ")[1] for line in lines] == [suggested] * MAX_HINTS + [problem.format(zh="", en="")]


def test_programme_events_come_oldest_first_whatever_their_file_names(tmp_path):
    catalogue = copy_fictional(tmp_path)
    add_later_programme_event(catalogue, "a-fictional-later-notice", "[fictional-eta, fictional-gamma, fictional-iota]")
    index = check_catalogue(catalogue, SchemaSet(SCHEMAS), today=TODAY, base=catalogue.parent).index
    assert [d.stem for d in programme_events_of(index, "fictional-gamma")] == [
        "fictional-handover",
        "a-fictional-later-notice",
    ]


def test_two_certificates_that_replace_each_other_are_a_cycle_even_after_other_certificates(catalogue):
    """fictional-delta and fictional-zeta: Tarjan's walk meets alpha, beta and gamma (each alone) first."""
    edit(
        catalogue,
        "certificates/fictional-zeta.yaml",
        "    sources: [fictional-notice-2021]\n",
        "    sources: [fictional-notice-2021]\n  - type: replaced\n    date: 2022-06\n"
        "    successors: [{certificate: fictional-delta, equivalence: none}]\n    sources: [fictional-notice-2021]\n",
    )
    cycle = "fictional-delta → fictional-zeta → fictional-delta"
    code, lines = run_check(catalogue)
    assert code == 1
    assert lines == [
        f"catalogue/certificates/fictional-delta.yaml:12:7: error: history[0].successors: 替代关系绕成了一个圈 {cycle}：证书最终不能替代它自己 · replacement cycle {cycle}: a certificate cannot end up replacing itself",
    ]


@pytest.mark.parametrize(
    ("successors", "groups"),
    [
        # c leads back into a and b, whose groups are finished: they stay out of c's group.
        ({"a": ["b"], "b": [], "c": ["a", "d"], "d": ["c"]}, [["a"], ["b"], ["c", "d"]]),
        ({"a": ["b"], "b": ["c"], "c": ["a"], "x": []}, [["a", "b", "c"], ["x"]]),
    ],
)
def test_each_group_of_certificates_that_reach_each_other_is_found_once(successors, groups):
    assert sorted(sorted(group) for group in strongly_connected(successors)) == groups


def test_replacement_ends_stop_at_the_limit_in_the_order_first_reached():
    successors = {"a": ["b", "c", "d"], "b": [], "c": [], "d": []}
    assert replacement_ends(successors)["a"] == ("b", "c", "d")
    assert replacement_ends(successors, limit=2)["a"] == ("b", "c")


def test_a_count_as_of_a_year_after_one_as_of_a_month_of_that_year_is_in_order(catalogue):
    """2020 and 2020-03 are equal at the precision they share: neither is earlier."""
    edit(catalogue, "certificates/fictional-alpha.yaml", "    as_of: 2021\n", "    as_of: 2020\n")
    assert run_check(catalogue) == (0, [])
