"""`build.py new certificate|organization`: a starting file that check accepts, or that
check explains line by line."""

from __future__ import annotations

import io
import json
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from tests.helpers import TODAY, copy_fictional, edit, run_check
from xcat.check.load import read_document
from xcat.cli import main
from xcat.settings import ROOT
from xcat.tools.new import _lines_of, _wrap, render
from xcat.vocabulary import FOLDER_KINDS, SCHEMA_FILES, SINGLE_FILE_KINDS


def new(catalogue: Path, *args: str) -> tuple[int, str]:
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        code = main(["new", *args, "--catalogue", str(catalogue)])
    assert "Traceback" not in err.getvalue()
    return code, err.getvalue()


# A new certificate in batch-1, its organization to be given.
NEW_IN_BATCH_1 = [
    "certificate",
    "fictional-new",
    "--name-zh",
    "虚构新证书",
    "--batch",
    "batch-1",
    "--source",
    "fictional-report",
]


def test_new_certificate_with_every_required_fact_passes_check_as_is(tmp_path):
    catalogue = copy_fictional(tmp_path)
    code, message = new(
        catalogue,
        "certificate",
        "fictional-new",
        "--organization",
        "fictional-org-a",
        "--name-zh",
        '虚构新证书: "引号" #井号',
        "--name-en",
        "Fictional new: 'quoted'",
        "--batch",
        "batch-2",
        "--source",
        "fictional-report",
    )
    assert code == 0
    assert "已写入 Wrote" in message and "python build.py check" in message
    path = catalogue / "certificates" / "fictional-new.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/certificate.schema.json\n")
    # Every field carries its schema description; optional ones are commented-out examples.
    schema = json.loads((ROOT / "schema" / "certificate.schema.json").read_text(encoding="utf-8"))
    assert (
        "\n# 现行的官方名称。曾用名记录在 history 的 renamed 事件中。"
        "\n# The current official name. Former names come from renamed events in history.\nname:"
    ) in text
    assert "\n# levels:\n#   - level: 初级\n" in text
    assert all(f"{key}:" in text for key in schema["properties"])
    data = read_document(path, "certificate", "x").data
    assert data == {
        "id": "fictional-new",
        "name": {"zh": '虚构新证书: "引号" #井号', "en": "Fictional new: 'quoted'"},
        "organization": "fictional-org-a",
        "batch": "batch-2",
        "sources": ["fictional-report"],
    }
    assert run_check(catalogue) == (0, [])


def test_without_source_or_batch_check_names_exactly_what_to_fill_in(tmp_path):
    catalogue = copy_fictional(tmp_path)
    assert (
        new(catalogue, "certificate", "fictional-new", "--organization", "fictional-org-b", "--name-zh", "虚构新证书")[
            0
        ]
        == 0
    )
    path = catalogue / "certificates" / "fictional-new.yaml"
    code, lines = run_check(catalogue)
    assert code == 1
    text = path.read_text(encoding="utf-8").splitlines()
    assert [line.split(": error: ")[1] for line in lines] == [
        "history[0]: 缺少必填字段 'date' · missing required field 'date'",
        "history[0].sources: 列表不能是空的 · [] should be non-empty",
        "sources: 列表不能是空的 · [] should be non-empty",
    ]
    # Each error points at the line to fill in, and a TO FILL IN comment sits above it.
    for line in lines:
        number = int(line.split(":")[1])
        block = text[: number - 1][::-1]
        block = block[: block.index("")]  # the field's block: its comments and its lines above the error
        assert any("TO FILL IN 待填写" in above for above in block)

    filled = path.read_text(encoding="utf-8").replace(
        "  - type: introduced\n    sources: []",
        "  - type: introduced\n    date: 2021-06\n    sources: [fictional-notice-2021]",
    )
    path.write_text(filled.replace("\nsources: []", "\nsources: [fictional-notice-2021]"), encoding="utf-8")
    assert run_check(catalogue) == (0, [])


def test_new_organization_passes_check_and_updates_codeowners(tmp_path):
    catalogue = copy_fictional(tmp_path)
    (tmp_path / ".github").mkdir()
    new(catalogue, "organization", "fictional-org-a", "--name-zh", "x")  # existing: refused below
    code, message = new(
        catalogue,
        "organization",
        "fictional-org-c",
        "--name-zh",
        "虚构评价组织丙",
        "--maintainer",
        "fictional-reviewer",
        "--source",
        "fictional-report",
    )
    assert code == 0 and "CODEOWNERS" in message
    assert "/catalogue/organizations/fictional-org-c.yaml @fictional-reviewer" in (
        tmp_path / ".github" / "CODEOWNERS"
    ).read_text(encoding="utf-8")
    assert run_check(catalogue) == (0, [])


def test_an_existing_file_is_never_overwritten(tmp_path):
    catalogue = copy_fictional(tmp_path)
    before = (catalogue / "certificates" / "fictional-alpha.yaml").read_bytes()
    code, message = new(
        catalogue,
        "certificate",
        "fictional-alpha",
        "--organization",
        "fictional-org-a",
        "--name-zh",
        "x",
        "--source",
        "fictional-report",
    )
    assert code == 1
    assert "fictional-alpha.yaml already exists: edit that file instead, or choose another id" in message
    assert (catalogue / "certificates" / "fictional-alpha.yaml").read_bytes() == before


def test_bad_ids_and_unknown_references_are_refused_with_a_hint(tmp_path):
    catalogue = copy_fictional(tmp_path)
    code, message = new(catalogue, "certificate", "Not_A_Slug", "--organization", "fictional-org-a", "--name-zh", "x")
    assert code == 2 and "id 'Not_A_Slug' is not a lowercase id" in message
    code, message = new(catalogue, "certificate", "../escape", "--organization", "fictional-org-a", "--name-zh", "x")
    assert code == 2
    code, message = new(
        catalogue, "certificate", "fictional-new", "--organization", "fictional-org-x", "--name-zh", "x"
    )
    assert code == 2
    assert (
        "no organization has the id 'fictional-org-x'" in message
        and "python build.py new organization fictional-org-x" in message
    )
    chinese, english = message.split(" · ", 1)
    assert (
        "没有 id 为 “fictional-org-x” 的培训评价组织（catalogue/organizations/fictional-org-x.yaml 不存在）" in chinese
    )
    assert english.startswith("no organization has the id")
    code, message = new(
        catalogue,
        "certificate",
        "fictional-new",
        "--organization",
        "fictional-org-a",
        "--name-zh",
        "x",
        "--source",
        "fictional-reprot",
    )
    assert code == 2 and "did you mean 'fictional-report'?" in message
    assert not (catalogue / "certificates" / "fictional-new.yaml").exists()
    assert not (tmp_path / "escape.yaml").exists()


def test_every_catalogue_file_names_its_schema_for_editors():

    catalogue = ROOT / "catalogue"
    for folder, kind in FOLDER_KINDS.items():
        for path in sorted((catalogue / folder).glob("*.yaml")):
            first = path.read_text(encoding="utf-8").split("\n", 1)[0]
            assert first == f"# yaml-language-server: $schema=../../schema/{SCHEMA_FILES[kind]}", path
    for name, kind in SINGLE_FILE_KINDS.items():
        first = (catalogue / name).read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == f"# yaml-language-server: $schema=../schema/{SCHEMA_FILES[kind]}", name
    # The VS Code mapping covers the same kinds with the same schemas.
    mapping = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    assert sorted(mapping) == sorted(f"./schema/{file}" for file in SCHEMA_FILES.values())


def test_the_contributing_guides_example_error_is_what_check_prints(tmp_path):

    guide = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    example = next(line for line in guide.splitlines() if ": error: " in line)
    catalogue = tmp_path / "catalogue"
    shutil.copytree(ROOT / "catalogue", catalogue)
    path = catalogue / "certificates" / "logistics-management.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("count: 355", "count: -7"), encoding="utf-8")
    assert run_check(catalogue) == (1, [example])
    assert "(reference/fields.md)" in guide


def test_every_kind_new_supports_writes_a_file_that_passes_check(tmp_path):
    catalogue = copy_fictional(tmp_path)
    for args in (
        ["source", "fictional-new-notice", "--title", "虚构通知 <script>", "--kind", "official"]
        + ["--url", "https://example.org/notice", "--published", "2021-06", "--document-number", "虚发〔2021〕1号"],
        ["organization", "fictional-org-c", "--name-zh", "虚构评价组织丙", "--source", "fictional-new-notice"],
        ["certificate", "fictional-new", "--organization", "fictional-org-a", "--name-zh", "虚构新证书"]
        + ["--batch", "batch-1", "--source", "fictional-new-notice"],
    ):
        code, message = new(catalogue, *args)
        assert code == 0, message
        assert "已写入 Wrote" in message
        assert run_check(catalogue) == (0, [])
    source = read_document(catalogue / "sources" / "fictional-new-notice.yaml", "source", "x").data
    assert source["title"] == "虚构通知 <script>" and source["published"] == "2021-06"


def test_a_full_batch_is_refused_before_anything_is_written(tmp_path):
    catalogue = copy_fictional(tmp_path)
    edit(catalogue, "batches/batch-1.yaml", "certificates: 8", "certificates: 6")  # it holds 6 already
    before = sorted(p.name for p in (catalogue / "certificates").iterdir())
    code, message = new(catalogue, *NEW_IN_BATCH_1, "--organization", "fictional-org-a")
    assert code == 1
    chinese, english = message.split(" · ", 1)
    assert "batch-1 已满" in chinese and "公布的证书总数为 6，目录中已有 6 个" in chinese
    assert "未写入任何文件" in chinese and "totals.certificates" in chinese
    assert "batch-1 is full: it announced 6 certificates and the catalogue holds 6 already" in english
    assert sorted(p.name for p in (catalogue / "certificates").iterdir()) == before
    assert run_check(catalogue) == (0, [])
    # Each batch's room is its own: batch-2, full at one, is refused though batch-1 has room.
    edit(catalogue, "batches/batch-1.yaml", "certificates: 6", "certificates: 8")
    edit(catalogue, "batches/batch-2.yaml", "certificates: 40", "certificates: 1")
    args = ["fictional-new", "--organization", "fictional-org-a", "--name-zh", "虚构新证书"]
    code, message = new(catalogue, "certificate", *args, "--source", "fictional-report", "--batch", "batch-2")
    assert code == 1 and "batch-2 is full: it announced 1 certificates and the catalogue holds 1 already" in message


def test_a_batch_full_of_organizations_is_refused_too(tmp_path):
    catalogue = copy_fictional(tmp_path)  # batch-1 announces 2 organizations and holds both
    assert new(catalogue, "organization", "fictional-org-c", "--name-zh", "丙", "--source", "fictional-report")[0] == 0
    args = NEW_IN_BATCH_1
    code, message = new(catalogue, *args, "--organization", "fictional-org-c")
    assert code == 1 and "公布的培训评价组织总数为 2" in message and "totals.organizations" in message
    assert not (catalogue / "certificates" / "fictional-new.yaml").exists()
    assert new(catalogue, *args, "--organization", "fictional-org-b")[0] == 0  # one already in the batch


def test_a_value_the_check_would_reject_is_refused_with_the_checks_words(tmp_path):
    catalogue = copy_fictional(tmp_path)
    code, message = new(
        catalogue, "source", "fictional-bad", "--title", "x", "--kind", "official", "--published", "2021-13-45"
    )
    assert code == 1
    assert message.startswith("build.py new: 新文件未通过检查，未写入任何文件")
    assert "catalogue/sources/fictional-bad.yaml:" in message and "published" in message
    assert not (catalogue / "sources" / "fictional-bad.yaml").exists()


def test_without_source_or_batch_the_file_and_the_terminal_say_what_to_fill_in_in_both_languages(tmp_path):
    catalogue = copy_fictional(tmp_path)
    code, message = new(
        catalogue, "certificate", "fictional-new", "--organization", "fictional-org-b", "--name-zh", "虚"
    )
    path = catalogue / "certificates" / "fictional-new.yaml"
    assert (code, message) == (
        0,
        f"已写入 Wrote {path}.\n"
        "下一步：按文件中的注释填写 sources 和 history，然后运行 python build.py check · "
        "Next: fill in sources and history (see the comments in the file), then run: python build.py check\n",
    )
    text = path.read_text(encoding="utf-8")
    assert (
        "# TO FILL IN 待填写：不属于任何批次时，history 从引入事件开始：补上日期（如 date:\n"
        "# 2021-06）和给出日期的来源（如 sources: [liu-wang]）；若由某一试点批次引入，请删去\n"
        "# history 并写 batch: batch-<编号>。\n"
        "#   Without a batch, history starts with the introduction: add its date (e.g. date:\n"
        "#   2021-06) and the sources that give it (e.g. sources: [liu-wang]), or remove history\n"
        "#   and set batch: batch-<number> if a pilot batch introduced it.\n"
        "history:\n"
    ) in text
    assert (
        "# TO FILL IN 待填写：至少一个来源的 id，如 sources: [liu-wang]（catalogue/sources/\n"
        "# 中的文件）。\n"
        "#   The id of at least one source, e.g. sources: [liu-wang] (a file in\n"
        "#   catalogue/sources/).\n"
        "sources: []\n"
    ) in text


def test_new_source_keeps_every_option_given_and_checks_its_date_against_today(tmp_path):
    catalogue = copy_fictional(tmp_path)
    options = {
        "--url": "https://fictional.invalid/new",
        "--document-number": "虚构〔2025〕1号",
        "--publisher": "虚构出版者",
        "--published": "2026-10",
    }
    common = ["source", "fictional-new-source", "--title", "虚构标题", "--kind", "official"]
    arguments = [*common, *(part for pair in options.items() for part in pair)]
    code, message = new(catalogue, *arguments, "--today", "2026-06-01")
    assert code == 1 and "2026-10 is in the future (today is 2026-06-01)" in message
    assert not (catalogue / "sources" / "fictional-new-source.yaml").exists()
    code, message = new(catalogue, *arguments, "--today", "2026-11-30")
    path = catalogue / "sources" / "fictional-new-source.yaml"
    assert (code, message) == (
        0,
        f"已写入 Wrote {path}.\n"
        "下一步：按来源补充其他字段（文件中被注释掉的示例），然后运行 python build.py check · "
        "Next: add what your sources say (the commented-out fields), then run: python build.py check\n",
    )
    assert read_document(path, "source", "x").data == {
        "id": "fictional-new-source",
        "title": "虚构标题",
        "kind": "official",
        "url": "https://fictional.invalid/new",
        "document_number": "虚构〔2025〕1号",
        "publisher": "虚构出版者",
        "published": "2026-10",
    }


def test_a_batch_counts_each_certificate_under_the_organization_it_was_introduced_with(tmp_path):
    """As the check's batch-total rule does: a certificate whose organization changed counts for its first one."""
    catalogue = copy_fictional(tmp_path)
    for org in ("fictional-org-c", "fictional-org-d"):
        assert new(catalogue, "organization", org, "--name-zh", org, "--source", "fictional-report")[0] == 0
    edit(
        catalogue,
        "certificates/fictional-iota.yaml",
        "previous_organization: fictional-org-b",
        "previous_organization: fictional-org-c",
    )
    edit(catalogue, "batches/batch-1.yaml", "organizations: 2", "organizations: 3")  # a, b and iota's first, c
    assert run_check(catalogue) == (0, [])
    args = NEW_IN_BATCH_1
    code, message = new(catalogue, *args, "--organization", "fictional-org-d")
    assert code == 1 and "公布的培训评价组织总数为 3" in message
    assert new(catalogue, *args, "--organization", "fictional-org-c")[0] == 0


def test_a_batch_that_announced_no_totals_takes_any_number(tmp_path):
    catalogue = copy_fictional(tmp_path)
    batch = catalogue / "batches" / "batch-2.yaml"
    text = batch.read_text(encoding="utf-8")
    batch.write_text(
        text[: text.index("totals:")] + text[text.index("sources: [fictional-report]\nsources") + 28 :],
        encoding="utf-8",
    )
    assert "totals" not in batch.read_text(encoding="utf-8") and run_check(catalogue) == (0, [])
    args = [
        "--organization",
        "fictional-org-a",
        "--name-zh",
        "虚构新证书",
        "--source",
        "fictional-report",
        "--batch",
        "batch-2",
    ]
    assert new(catalogue, "certificate", "fictional-new", *args)[0] == 0


@pytest.mark.parametrize(
    ("organization", "suggestion_zh", "suggestion_en"),
    [
        ("fictional-org-aa", "；是否要写 “fictional-org-a”？", "; did you mean 'fictional-org-a'?"),
        ("quokka", "", ""),  # nothing close: no suggestion
    ],
)
def test_an_unknown_id_is_named_with_how_to_make_it_and_a_close_one(
    tmp_path, organization, suggestion_zh, suggestion_en
):
    catalogue = copy_fictional(tmp_path)
    args = ["--name-zh", "x", "--batch", "batch-2", "--source", "fictional-report"]
    code, message = new(catalogue, "certificate", "fictional-new", "--organization", organization, *args)
    path = f"catalogue/organizations/{organization}.yaml"
    assert (code, message) == (
        2,
        f"build.py new: 没有 id 为 “{organization}” 的培训评价组织（{path} 不存在）："
        f"请先创建它：python build.py new organization {organization} --name-zh ...{suggestion_zh}"
        f" · no organization has the id '{organization}' ({path} does not exist): "
        f"start it with: python build.py new organization {organization} --name-zh ...{suggestion_en}\n",
    )


def test_a_problem_the_catalogue_had_already_does_not_stop_a_new_file(tmp_path):
    """Only the problems the new file adds are its own: here a date after the day given, before today."""
    catalogue = copy_fictional(tmp_path)
    edit(
        catalogue, "certificates/fictional-gamma.yaml", "  date: 2022-03-03\n  sources", "  date: 2026-11-30\n  sources"
    )
    assert run_check(catalogue)[0] == 1
    args = ["fictional-org-c", "--name-zh", "丙", "--source", "fictional-report", "--today", TODAY]
    assert new(catalogue, "organization", *args)[0] == 0


def test_the_lines_left_to_fill_in_run_from_a_fields_line_to_the_next_fields_comment():
    text = "# about id\nid: x\n\n# about name\nname:\n  zh: 甲\n  en: A\n# about batch\nbatch: b\nsources: []\n"
    #        1           2     3  4              5      6         7       8              9         10
    assert _lines_of(text, {"name": "?"}) == frozenset({5, 6, 7})
    assert _lines_of(text, {"id": "?", "sources": "?"}) == frozenset({2, 3, 10, 11})  # 11: the text's end
    assert _lines_of(text, {"batch": "?"}) == frozenset({9})  # the next field follows at once


@pytest.mark.parametrize(
    ("paragraph", "width", "lines"),
    [
        ("one two three", 7, ["one two", "three"]),  # a word is never split
        ("一二三四五", 4, ["一二", "三四", "五"]),  # two columns a character
        ("一二三，四五", 6, ["一二", "三，四", "五"]),  # never before closing punctuation
        ("the 中文名 here", 8, ["the", "中文名", "here"]),  # in English, a run of Chinese is a word
        ("ab 一二", 5, ["ab", "一二"]),  # as many Latin letters as Chinese characters: English
        ("", 10, []),
    ],
)
def test_comments_wrap_by_display_width(paragraph, width, lines):
    assert _wrap(paragraph, width, "") == lines


@pytest.mark.parametrize(
    ("source", "refused"), [("a" * 80, False), ("a" * 81, True), ("Not-An-Id", True)], ids=["80", "81", "capitals"]
)
def test_an_id_named_must_be_a_slug_of_at_most_80_characters(tmp_path, source, refused):
    catalogue = copy_fictional(tmp_path)
    args = ["organization", "fictional-org-c", "--name-zh", "丙", "--source", source]
    code, message = new(catalogue, *args)
    expected = (
        f"build.py new: sources “{source}” 不是有效的 id（只能用小写字母 a-z、数字和单个连字符） · sources '{source}' is "
        "not a lowercase id of letters a-z, digits and single hyphens, such as industrial-robot-application-programming\n"
    )
    if refused:
        assert (code, message) == (2, expected)
    else:  # a valid id, but no such source
        assert code == 2 and f"没有 id 为 “{source}” 的来源" in message


def test_a_folder_that_is_not_a_catalogue_is_refused(tmp_path):
    code, message = new(tmp_path / "nowhere", "organization", "fictional-org-c", "--name-zh", "丙", "--source", "x")
    folder = tmp_path / "nowhere"
    assert (code, message) == (2, f"build.py new: {folder} 不是目录文件夹 · {folder} is not a catalogue folder\n")


def test_a_description_breaks_once_into_its_chinese_and_english_halves():
    """The first " · " parts Chinese from English; one inside the English stays; no description is a bare #."""
    schema = {
        "title": "虚构",
        "description": "甲 · English · more",
        "properties": {"a": {"description": "乙 · B · C"}, "b": {}},
    }
    assert render("certificate", {}, schema, {}).splitlines()[1:3] == ["# 虚构: 甲", "# English · more"]
    assert render("certificate", {}, schema, {}).splitlines()[-5:] == ["", "# 乙", "# B · C", "", "#"]
