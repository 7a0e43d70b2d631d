"""`build.py from-issue FILE`: a submitted "propose a certificate" form, as GitHub renders its
body, becomes checked catalogue files, or a bilingual list of what to fix with nothing written.
Hostile answers stay data."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from types import SimpleNamespace

import pytest
from ruamel.yaml import YAML

from tests.helpers import TODAY, copy_fictional, run_check, write
from xcat.check.load import read_document
from xcat.check.schemas import SchemaSet
from xcat.cli import main
from xcat.settings import ROOT, SCHEMAS
from xcat.tools.from_issue import (
    DATES,
    FORM,
    MAX_BODY,
    TARGETS,
    Field,
    Unfit,
    _levels,
    _organization,
    _problems,
    _source,
    form_fields,
    parse,
)

ISSUES = Path(__file__).parent.parent / "fixtures" / "issues"
ORDINARY = (ISSUES / "propose-ordinary.md").read_text(encoding="utf-8")
NEW_CERTIFICATE = "certificates/fictional-smart-warehouse-management.yaml"
NEW_SOURCE = "sources/fictional-2020-12.yaml"


def from_issue(catalogue: Path, body: str) -> tuple[int, str]:
    path = catalogue.parent / "issue-body.md"
    path.write_text(body, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["from-issue", str(path), "--catalogue", str(catalogue), "--today", TODAY])
    assert "Traceback" not in err.getvalue()
    return code, out.getvalue()


def answer(body: str, label: str, value: str) -> str:
    """The body with one question's answer replaced (the answer runs to the next heading)."""
    head, rest = body.split(f"### {label}\n\n", 1)
    _, tail = rest.split("\n\n### ", 1) if "\n\n### " in rest else (rest, "")
    return f"{head}### {label}\n\n{value}" + (f"\n\n### {tail}" if tail else "\n")


# What the bot's comment opens with when nothing was written: Chinese, English, an empty line, then the list.
FAILURE = (
    "表单的回答还不能生成有效的目录文件，未写入任何文件。请编辑本议题，修改以下各项：\n"
    "The answers cannot make a valid catalogue file yet, so nothing was written. "
    "Please edit the issue and fix each item below:\n"
    "\n"
    "- **"
)


def files(catalogue: Path) -> list[str]:
    return sorted(p.relative_to(catalogue).as_posix() for p in catalogue.rglob("*.yaml"))


def test_an_ordinary_form_becomes_the_golden_files_and_passes_check(tmp_path):
    catalogue = copy_fictional(tmp_path)
    code, out = from_issue(catalogue, ORDINARY)
    assert code == 0, out
    assert out.startswith("表单已转换为目录文件，并已通过检查 · The form was turned into catalogue files")
    assert f"- `catalogue/{NEW_SOURCE}`" in out and f"- `catalogue/{NEW_CERTIFICATE}`" in out
    for written, golden in (
        (NEW_CERTIFICATE, "propose-ordinary.certificate.yaml"),
        (NEW_SOURCE, "propose-ordinary.source.yaml"),
    ):
        assert (catalogue / written).read_text(encoding="utf-8") == (ISSUES / golden).read_text(encoding="utf-8")
    assert run_check(catalogue) == (0, [])


def test_a_source_the_catalogue_has_is_cited_not_written_again(tmp_path):
    catalogue = copy_fictional(tmp_path)
    body = answer(ORDINARY, "来源网址 Source address", "https://fictional.invalid/notice-2021/")
    before = files(catalogue)
    assert from_issue(catalogue, body)[0] == 0
    assert files(catalogue) == sorted(before + [NEW_CERTIFICATE])
    data = read_document(catalogue / NEW_CERTIFICATE, "certificate", "x").data
    assert data["sources"] == ["fictional-notice-2021"] and data["levels"][0]["sources"] == ["fictional-notice-2021"]


# The catalogue's documents as _source sees them (fictional addresses).
SOURCES = [
    SimpleNamespace(kind="source", stem="moe-notice", data={"url": "https://www.moe.example/notice/"}),
    SimpleNamespace(kind="source", stem="moe-2025-10-10", data={"url": "https://www.moe.example/other"}),
    SimpleNamespace(kind="certificate", stem="a-certificate", data={"url": "https://cert.example.cn/page"}),
    SimpleNamespace(kind="source", stem="unreadable", data=None),  # a file the check refused
    SimpleNamespace(kind="source", stem="files-home", data={"url": "https://files.example/"}),
]


@pytest.mark.parametrize(
    "url, more, expected",
    [
        # the same address, with or without a closing slash on either side: the catalogue's source
        ("https://www.moe.example/notice", {}, ("moe-notice", None)),
        ("https://www.moe.example/notice//", {}, ("moe-notice", None)),
        # only sources are looked at, not another kind's file at that address
        ("https://cert.example.cn/page", {}, ("cert-example", {"url": "https://cert.example.cn/page"})),
        # the id: the host's names but "www" and the last, then the date; an id taken gets a number
        (
            "https://www.moe.example/new",
            {"source-published": "2025-10-10"},
            ("moe-2025-10-10-2", {"url": "https://www.moe.example/new", "published": "2025-10-10"}),
        ),
        ("https://a.b.c.example/x", {}, ("a-b-c", {"url": "https://a.b.c.example/x"})),
        ("HTTP://WWW.MOE.EXAMPLE:8080/x", {}, ("moe", {"url": "HTTP://WWW.MOE.EXAMPLE:8080/x"})),
        ("http://localhost:8080/x", {}, ("localhost", {"url": "http://localhost:8080/x"})),
        ("https://www.例子.中国/x", {}, ("li-zi", {"url": "https://www.例子.中国/x"})),
        ("https://-/x", {}, ("source", {"url": "https://-/x"})),  # nothing to name it by
        ("https://files.example/X", {}, ("files", {"url": "https://files.example/X"})),  # not its home page
        (
            "https://www.example.cn/x",
            {
                "source-kind": "官方文件 · official",
                "source-number": "虚构〔2025〕1号",
                "source-publisher": "虚构出版者",
            },
            (
                "example",
                {
                    "url": "https://www.example.cn/x",
                    "kind": "official",
                    "document_number": "虚构〔2025〕1号",
                    "publisher": "虚构出版者",
                },
            ),
        ),
    ],
)
def test_the_cited_source_is_found_or_named_from_its_address(url, more, expected):
    source_id, values = _source({"source-title": "虚构标题", "source-kind": "", "source-url": url} | more, SOURCES)
    wanted_id, wanted = expected
    assert source_id == wanted_id
    if wanted is None:
        assert values is None
    else:
        assert values == {"id": wanted_id, "title": "虚构标题", "kind": "secondary"} | wanted


@pytest.mark.parametrize(
    "choice, date, expected",
    [
        ("批次不详 Not known", "_No response_", {}),
        (
            "不属于任何批次（请在下面填写公布日期） Outside the batches (give the date below)",
            "2021-06",
            {"history": [{"type": "introduced", "date": "2021-06", "sources": ["fictional-2020-12"]}]},
        ),
    ],
)
def test_without_a_batch_the_file_is_still_valid(tmp_path, choice, date, expected):
    catalogue = copy_fictional(tmp_path)
    body = answer(answer(ORDINARY, "试点批次 Pilot batch", choice), "公布日期 Date announced", date)
    code, out = from_issue(catalogue, body)
    assert code == 0, out
    data = read_document(catalogue / NEW_CERTIFICATE, "certificate", "x").data
    assert "batch" not in data and {k: data[k] for k in expected} == expected
    assert run_check(catalogue) == (0, [])


ORGANIZATIONS = [
    SimpleNamespace(
        kind="organization",
        stem="fictional-org-a",
        data={"name": {"zh": "虚构评价组织甲有限公司", "en": "Fictional Evaluation Org A"}},
    ),
    SimpleNamespace(kind="organization", stem="fictional-org-b", data={"name": {"zh": "虚构评价组织乙"}}),  # no English
    SimpleNamespace(kind="organization", stem="fictional-org-c", data={"id": "fictional-org-c"}),  # no name yet
    SimpleNamespace(kind="organization", stem="unreadable", data=None),  # a file the check refused
    SimpleNamespace(kind="certificate", stem="a-certificate", data={"name": {"zh": "虚构证书甲"}}),
]
NO_SUCH_ORGANIZATION = (
    "**培训评价组织 Training evaluation organization**：目录中没有这个培训评价组织；请写目录“培训评价组织”页面上的名称；"
    "若该组织尚未收录，请先提议收录该组织 · the catalogue has no such organization: write its name as the "
    "organizations page lists it, or ask for the organization to be added first"
)


@pytest.mark.parametrize(
    "answer, found, hint",
    [
        ("fictional-org-a", "fictional-org-a", None),  # its id
        ("虚构评价组织甲有限公司", "fictional-org-a", None),  # its Chinese name
        (" fictional evaluation  ORG a ", "fictional-org-a", None),  # its English name, spaces and case aside
        ("ｆｉｃｔｉｏｎａｌ－ｏｒｇ－ｃ", "fictional-org-c", None),  # full-width
        ("虚构评价组织乙", "fictional-org-b", None),
        ("虚构证书甲", None, ""),  # a certificate's name is not an organization's
        ("虚构评价组织甲公司", None, "；是否是 fictional-org-a？ · did you mean fictional-org-a?"),
        ("虚构组织甲", None, ""),  # not close enough to suggest one
        ("", None, None),  # not answered: the form's required fields say so
        ("虚构评价组织甲有限公司\n另一行", None, None),  # two lines: not a name (the form's checks say so)
    ],
)
def test_the_organization_is_found_by_id_or_name_or_a_close_name_is_suggested(answer, found, hint):
    field = next(f for f in form_fields(FORM) if f.id == "organization")
    problems: list[str] = []
    assert _organization(answer, ORGANIZATIONS, field, problems) == found
    assert problems == ([] if hint is None else [NO_SUCH_ORGANIZATION + hint])


def test_the_organization_may_be_named_by_its_english_name_or_id(tmp_path):
    catalogue = copy_fictional(tmp_path)
    body = answer(ORDINARY, "培训评价组织 Training evaluation organization", "fictional evaluation  organization B")
    assert from_issue(catalogue, body)[0] == 0
    assert read_document(catalogue / NEW_CERTIFICATE, "certificate", "x").data["organization"] == "fictional-org-b"


@pytest.mark.parametrize(
    "label, value, field, expected",
    [
        ("证书名称（中文） Name (Chinese)", "_No response_", "证书名称（中文） Name (Chinese)", "必填 · required"),
        ("来源网址 Source address", "http://example.org/x y", "来源网址 Source address", "应为以 https:// 开头"),
        ("发布日期 Date published", "2020年12月", "发布日期 Date published", "日期写作 2019、2019-06 或 2019-06-19"),
        (
            "培训评价组织 Training evaluation organization",
            "虚构评价组织丁",
            "培训评价组织 Training evaluation organization",
            "目录中没有这个培训评价组织",
        ),
        ("试点批次 Pilot batch", "第九批 · batch-9", "试点批次 Pilot batch", "请从选项中选择一项"),
        (
            "试点批次 Pilot batch",
            "不属于任何批次（请在下面填写公布日期） Outside the batches (give the date below)",
            "公布日期 Date announced",
            "证书不属于任何批次时必填",
        ),
        ("公布日期 Date announced", "2021-06", "公布日期 Date announced", "选择了试点批次时不填公布日期"),
        (
            "等级、名称与考试费用 Levels, titles and exam fees",
            "初级 290 元\n特级 x",
            "等级、名称与考试费用 Levels, titles and exam fees",
            "第 2 行：应以初级、中级或高级开头",
        ),
        ("确认 Confirm", "- [ ] 我已在目录中搜索", "确认 Confirm", "请勾选每一项确认"),
        ("证书名称（中文） Name (Chinese)", "虚" * 201, "证书名称（中文） Name (Chinese)", "最多 200 个字符"),
        ("证书名称（中文） Name (Chinese)", "\u200b", "证书名称（中文） Name (Chinese)", "至少要有一个可见字符"),
        (
            "证书名称（中文） Name (Chinese)",
            "虚构证书 甲",
            "证书名称（中文） Name (Chinese)",
            "目录中已有同名证书（catalogue/certificates/fictional-alpha.yaml）",
        ),
    ],
)
def test_each_unfit_answer_is_named_with_what_is_expected_and_nothing_is_written(
    tmp_path, label, value, field, expected
):
    catalogue = copy_fictional(tmp_path)
    before = files(catalogue)
    code, out = from_issue(catalogue, answer(ORDINARY, label, value))
    assert code == 1
    assert out.startswith(FAILURE)
    line = next(line for line in out.splitlines() if expected in line)
    assert line.startswith(f"- **{field}**") and " · " in line  # the form's label, then Chinese · English
    assert files(catalogue) == before


def test_every_unfit_answer_of_one_body_is_named_in_the_forms_order():
    """One reply lists them all, so the contributor fixes the form once."""
    fields = form_fields(FORM)
    answers = parse(ORDINARY, fields)
    del answers["checks"]  # not required, but the boxes must be there to be ticked
    del answers["levels"]  # not required: no problem, and the questions after it are still read
    answers |= {
        "name-zh": "",
        "name-en": "虚构\n两行",
        "batch": "第九批 · batch-9",
        "introduced": "21-06",
        "source-title": "\u200b",
        "source-url": "http://fictional.invalid/x",
        "source-publisher": "虚" * 201,
    }
    assert _problems(answers, fields, SchemaSet(SCHEMAS).documents) == [
        "**证书名称（中文） Name (Chinese)**：必填 · required",
        "**英文名称 Name (English)**：只能写一行 · must be a single line",
        "**试点批次 Pilot batch**：请从选项中选择一项 · choose one of the options",
        "**公布日期 Date announced**：日期写作 2019、2019-06 或 2019-06-19 · a date as 2019, 2019-06 or 2019-06-19",
        "**来源标题 Source title**：至少要有一个可见字符 · needs at least one visible character",
        "**来源网址 Source address**：应为以 https:// 开头、不含空格的网址 · "
        "a web address starting with https://, such as https://www.moe.gov.cn/",
        "**发布单位 Publisher**：最多 200 个字符 · at most 200 characters",
        "**确认 Confirm**：正文中缺少这一项 · this question is missing from the body",
    ]
    # Whatever the questions' order: the ones after the boxes are read too.
    boxes_first = sorted(fields, key=lambda field: field.kind != "checkboxes")
    answers = parse(ORDINARY, fields) | {"checks": "- [ ] 我已在目录中搜索", "name-zh": ""}
    assert _problems(answers, boxes_first, SchemaSet(SCHEMAS).documents) == [
        "**确认 Confirm**：请勾选每一项确认 · tick every box",
        "**证书名称（中文） Name (Chinese)**：必填 · required",
    ]


@pytest.mark.parametrize(
    "field, at_the_limit",
    [("name-zh", "虚" * 200), ("source-url", "https://fictional.invalid/" + "x" * (2000 - 26))],
)
def test_an_answer_as_long_as_the_schema_allows_is_accepted_and_one_more_character_is_not(field, at_the_limit):
    fields = form_fields(FORM)
    answers = parse(ORDINARY, fields)
    schemas = SchemaSet(SCHEMAS).documents
    assert _problems(answers | {field: at_the_limit}, fields, schemas) == []
    assert len(_problems(answers | {field: at_the_limit + "x"}, fields, schemas)) == 1


def test_a_full_batch_is_refused_with_the_reason(tmp_path):
    catalogue = copy_fictional(tmp_path)
    body = answer(ORDINARY, "试点批次 Pilot batch", "第一批 First batch · batch-1")
    (catalogue / "batches" / "batch-1.yaml").write_text(
        (catalogue / "batches" / "batch-1.yaml")
        .read_text(encoding="utf-8")
        .replace("certificates: 8", "certificates: 6"),
        encoding="utf-8",
    )
    before = files(catalogue)
    code, out = from_issue(catalogue, body)
    assert code == 1 and "batch-1 已满" in out and "batch-1 is full" in out
    assert files(catalogue) == before


@pytest.mark.parametrize(
    "answer, levels, bad_lines",
    [
        ("初级 仓储作业 290 元", [{"level": "初级", "title": "仓储作业", "fee": 290}], []),
        (
            "- 初级 290元\n* 中级 仓储管理\n• 高级",
            [{"level": "初级", "fee": 290}, {"level": "中级", "title": "仓储管理"}, {"level": "高级"}],
            [],
        ),
        ("初级 仓储 290.5 元", [{"level": "初级", "title": "仓储", "fee": 290.5}], []),  # a fee with fen
        ("中级 仓储 ３５０ 元", [{"level": "中级", "title": "仓储", "fee": 350}], []),  # full-width digits
        ("初级\n\n  \n高级 仓储-", [{"level": "初级"}, {"level": "高级", "title": "仓储-"}], []),  # blank lines
        ("特级 x\n初级\n顶级", [{"level": "初级"}], [1, 3]),  # each bad line named, the good ones kept
    ],
)
def test_the_levels_answer_is_read_line_by_line(answer, levels, bad_lines):
    field = next(f for f in form_fields(FORM) if f.id == "levels")
    problems: list[str] = []
    assert _levels(answer, field, problems) == levels
    assert [int(p.split(" 第 ")[1].split(" 行")[0]) for p in problems] == bad_lines
    assert all(p.startswith("**等级、名称与考试费用 Levels, titles and exam fees** 第 ") for p in problems)


def test_what_the_check_refuses_is_quoted_as_it_printed_it_under_the_reason(tmp_path):
    """The check's own words, as an indented code block: GitHub shows them as written."""
    catalogue = copy_fictional(tmp_path)
    body = answer(ORDINARY, "发布日期 Date published", "2099-01")
    code, out = from_issue(
        catalogue, answer(body, "等级、名称与考试费用 Levels, titles and exam fees", "初级 仓储 200000 元")
    )
    assert (code, out) == (
        1,
        FAILURE.removesuffix("- **")
        + "- 新文件未通过检查，未写入任何文件 · the new file would not pass the check; nothing was written:\n\n"
        "    catalogue/certificates/fictional-smart-warehouse-management.yaml:62:10: error: levels[0].fee: "
        "200000 大于最大值 100000 · 200000 is greater than the maximum of 100000\n"
        "    catalogue/sources/fictional-2099-01.yaml:40:12: error: published: 2099-01 是将来的日期"
        f"（今天是 {TODAY}） · 2099-01 is in the future (today is {TODAY})\n",
    )


def test_a_body_that_is_not_utf8_is_read_with_the_bad_bytes_replaced(tmp_path):
    catalogue = copy_fictional(tmp_path)
    path = catalogue.parent / "issue-body.md"
    path.write_bytes(ORDINARY.replace("虚构智能仓储管理", "虚构智能仓储管理\udcff").encode("utf-8", "surrogateescape"))
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        code = main(["from-issue", str(path), "--catalogue", str(catalogue), "--today", TODAY])
    assert code == 0, out.getvalue()
    assert read_document(catalogue / NEW_CERTIFICATE, "certificate", "x").data["name"]["zh"] == "虚构智能仓储管理\ufffd"


HOSTILE_NAME = "{{ 7*7 }} ${{ github.token }} <script>alert(1)</script> \"q\": 'x' #c &amp; `code` @someone"


def test_hostile_answers_stay_data(tmp_path):
    catalogue = copy_fictional(tmp_path)
    body = answer(ORDINARY, "证书名称（中文） Name (Chinese)", HOSTILE_NAME)
    body = answer(body, "英文名称 Name (English)", "../../../etc/passwd")
    body = answer(body, "来源标题 Source title", 'foo\\nstatus: withdrawn" ]} - *anchor')
    body = answer(body, "等级、名称与考试费用 Levels, titles and exam fees", "初级 !!python/object:os.system 1 元")
    code, out = from_issue(catalogue, body)
    assert code == 0, out
    assert HOSTILE_NAME not in out and "withdrawn" not in out  # the comment never repeats an answer
    # The id is made from the name, inside the folder: no path is taken from an answer.
    path = catalogue / "certificates" / "etc-passwd.yaml"
    data = read_document(path, "certificate", "x").data
    assert data["name"] == {"zh": HOSTILE_NAME, "en": "../../../etc/passwd"}
    assert data["levels"] == [
        {"level": "初级", "title": "!!python/object:os.system", "fee": 1, "sources": ["fictional-2020-12"]}
    ]
    assert "status" not in data and "history" not in data
    source = read_document(catalogue / NEW_SOURCE, "source", "x").data
    assert source["title"] == 'foo\\nstatus: withdrawn" ]} - *anchor'
    assert run_check(catalogue) == (0, [])
    assert not (tmp_path / "etc").exists()


@pytest.mark.parametrize(
    "body, expected",
    [
        # A newline in a single-line answer (a body edited by hand): never split into YAML keys.
        (
            answer(ORDINARY, "证书名称（中文） Name (Chinese)", "虚构\nstatus: withdrawn"),
            "只能写一行 · must be a single line",
        ),
        # A textarea imitating the next question, to answer it twice.
        (
            answer(
                ORDINARY,
                "等级、名称与考试费用 Levels, titles and exam fees",
                "初级\n\n### 来源网址 Source address\n\nhttps://evil.invalid/",
            ),
            "在正文中出现了两次 · appears twice in the body",
        ),
        ("x" * 70000, "议题正文过长"),
        ("no form here", "正文中缺少这一项"),
        (
            answer(ORDINARY, "培训评价组织 Training evaluation organization", "../organizations/fictional-org-a"),
            "目录中没有这个培训评价组织",
        ),
    ],
)
def test_hostile_bodies_are_refused_and_nothing_is_written(tmp_path, body, expected):
    catalogue = copy_fictional(tmp_path)
    before = files(catalogue)
    code, out = from_issue(catalogue, body)
    assert code == 1 and expected in out
    assert "withdrawn" not in out and "evil.invalid" not in out
    assert files(catalogue) == before


def test_windows_line_endings_are_read_too(tmp_path):
    catalogue = copy_fictional(tmp_path)
    assert from_issue(catalogue, ORDINARY.replace("\n", "\r\n"))[0] == 0
    assert (catalogue / NEW_CERTIFICATE).read_text(encoding="utf-8") == (
        ISSUES / "propose-ordinary.certificate.yaml"
    ).read_text(encoding="utf-8")


def test_the_form_and_the_converter_name_the_same_fields():
    fields = {field.id: field for field in form_fields()}
    assert set(TARGETS) | set(DATES) | {"organization", "batch", "source-kind", "checks"} == set(fields)
    # The fixture is what GitHub renders for this form: every label, in order.
    assert [line[4:] for line in ORDINARY.splitlines() if line.startswith("### ")] == [f.label for f in fields.values()]
    assert all(
        field.label.split(" ")[0] and any("\u4e00" <= c <= "\u9fff" for c in field.label) for field in fields.values()
    )


def test_the_contributing_guide_walks_through_the_form_and_names_what_runs_it():
    guide = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    form = YAML(typ="safe").load(FORM.read_text(encoding="utf-8"))
    assert "## 方式一：填写“提议新增证书”表单" in guide and "## 方式二：在 GitHub 网页编辑器中修改" in guide
    assert guide.index("## 方式一") < guide.index("## 方式二")  # the form first: no YAML to edit
    assert f"`{form['labels'][0]}`" in guide and ".github/workflows/propose-certificate.yml" in guide
    assert "python build.py from-issue" in guide and "new certificate (#" in guide.lower()
    assert "issues/new?template=propose-certificate.yml" in guide


def test_an_unfit_body_reads_as_its_items_one_a_line():
    """For a script that calls the converter and prints what went wrong."""
    twice = ORDINARY + "\n### 来源网址 Source address\n\nx\n### 英文名称 Name (English)\n\ny\n"
    with pytest.raises(Unfit) as unfit:
        parse(twice, form_fields())
    assert str(unfit.value) == (
        "**来源网址 Source address**：在正文中出现了两次 · appears twice in the body\n"
        "**英文名称 Name (English)**：在正文中出现了两次 · appears twice in the body"
    )


def unfit_items(reply: str) -> list[str]:
    """The reply's list of unfit answers, one a line."""
    return [line for line in reply.splitlines() if line.startswith("- **")]


def without_question(body: str, label: str) -> str:
    """The body with one question, heading and answer, taken out (a contributor deleted it)."""
    head, rest = body.split(f"### {label}\n\n", 1)
    return head + (rest.split("\n\n", 1)[1] if "\n\n### " in rest else "")


def test_a_body_without_the_organization_and_levels_questions_names_only_what_is_required(tmp_path):
    catalogue = copy_fictional(tmp_path)
    body = without_question(ORDINARY, "等级、名称与考试费用 Levels, titles and exam fees")
    code, out = from_issue(catalogue, body)  # levels are not required: the certificate is written without them
    assert code == 0 and "\nlevels:" not in (catalogue / NEW_CERTIFICATE).read_text(encoding="utf-8")
    code, out = from_issue(
        copy_fictional(tmp_path / "again"), without_question(body, "培训评价组织 Training evaluation organization")
    )
    assert code == 1
    assert out.startswith(FAILURE)
    assert unfit_items(out) == [
        "- **培训评价组织 Training evaluation organization**：正文中缺少这一项 · this question is missing from the body"
    ]


def test_a_catalogue_certificate_without_a_name_does_not_stop_the_same_name_search(tmp_path):
    catalogue = copy_fictional(tmp_path)
    write(catalogue, "certificates/fictional-nameless.yaml", "id: fictional-nameless\n")
    write(catalogue, "certificates/fictional-no-chinese.yaml", "id: fictional-no-chinese\nname: {en: Only English}\n")
    code, _ = from_issue(catalogue, ORDINARY)
    assert code == 0 and (catalogue / NEW_CERTIFICATE).is_file()


def test_a_body_without_the_batch_question_names_only_it(tmp_path):
    code, out = from_issue(copy_fictional(tmp_path), without_question(ORDINARY, "试点批次 Pilot batch"))
    assert code == 1
    assert unfit_items(out) == ["- **试点批次 Pilot batch**：正文中缺少这一项 · this question is missing from the body"]


def test_outside_the_batches_without_the_date_question_asks_for_the_date(tmp_path):
    outside = answer(
        ORDINARY,
        "试点批次 Pilot batch",
        "不属于任何批次（请在下面填写公布日期） Outside the batches (give the date below)",
    )
    code, out = from_issue(copy_fictional(tmp_path), without_question(outside, "公布日期 Date announced"))
    assert code == 1
    assert unfit_items(out) == [
        "- **公布日期 Date announced**：证书不属于任何批次时必填 · required for a certificate outside the batches"
    ]


def test_a_forms_questions_are_read_with_their_kind_requirement_and_option_labels(tmp_path):
    form = tmp_path / "form.yml"
    form.write_text(
        """\
name: 虚构表单 Fictional form
body:
  - type: markdown
    attributes: {value: 说明 Notes}
  - type: input
    id: optional
    attributes: {label: 可选 Optional}
  - type: dropdown
    id: choice
    attributes: {label: 选择 Choice, options: [甲 A, 乙 B]}
    validations: {required: true}
  - type: checkboxes
    id: boxes
    attributes:
      label: 确认 Confirm
      options:
        - label: 第一项 First
          required: true
        - label: 第二项 Second
""",
        encoding="utf-8",
    )
    assert form_fields(form) == [
        Field("optional", "可选 Optional", "input", False, ()),
        Field("choice", "选择 Choice", "dropdown", True, ("甲 A", "乙 B")),
        Field("boxes", "确认 Confirm", "checkboxes", False, ("第一项 First", "第二项 Second")),
    ]


def test_a_body_as_long_as_github_allows_is_read_and_one_character_more_is_not():
    fields = form_fields(FORM)
    padded = ORDINARY + " " * (MAX_BODY - len(ORDINARY))
    assert parse(padded, fields) == parse(ORDINARY, fields)
    with pytest.raises(Unfit):
        parse(padded + " ", fields)


@pytest.mark.parametrize("line_end", ["\r\n", "\r"])  # Windows, old Mac
def test_other_line_endings_are_read_as_the_same_lines(line_end):
    """A body passed on as it came (not read from a file, which makes every line end \\n)."""
    fields = form_fields(FORM)
    assert parse(ORDINARY.replace("\n", line_end), fields) == parse(ORDINARY, fields)


def test_a_deeper_heading_in_an_answer_is_part_of_the_answer_not_a_question():
    fields = form_fields(FORM)
    spoof = "#### 英文名称 Name (English)"
    answers = parse(answer(ORDINARY, "证书名称（中文） Name (Chinese)", f"虚构证书\n{spoof}\n假的"), fields)
    assert answers["name-zh"] == f"虚构证书\n{spoof}\n假的"
    assert answers["name-en"] == parse(ORDINARY, fields)["name-en"]


def test_without_an_english_name_the_id_comes_from_the_chinese_one_and_no_english_name_is_written(tmp_path):
    catalogue = copy_fictional(tmp_path)
    code, _ = from_issue(catalogue, answer(ORDINARY, "英文名称 Name (English)", "_No response_"))
    assert code == 0
    written = (catalogue / "certificates" / "xu-gou-zhi-neng-cang-chu-guan-li.yaml").read_text(encoding="utf-8")
    assert "name:\n  zh: 虚构智能仓储管理\n\n" in written


def test_a_name_that_makes_no_id_gets_the_id_certificate(tmp_path):
    """Neither name gives a letter or digit to build the id from (no pinyin for "!!!"): a plain id stands in."""
    catalogue = copy_fictional(tmp_path)
    code, out = from_issue(catalogue, answer(ORDINARY, "英文名称 Name (English)", "!!!"))
    assert code == 0, out
    assert "\nid: certificate\n" in (catalogue / "certificates" / "certificate.yaml").read_text(encoding="utf-8")
