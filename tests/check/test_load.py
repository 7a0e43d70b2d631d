"""Bad input of every kind yields exit 1 and file:line:column with a clear message, never a traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml.error import MarkedYAMLError, YAMLError

import xcat.check.load
from tests.helpers import copy_fictional, run_check, write
from xcat.check.load import MAX_FILE_BYTES, MAX_NESTING, MAX_NODES, Document, _Refused, read_document, read_entry
from xcat.check.problems import Problem
from xcat.settings import ROOT


@pytest.fixture
def catalogue(tmp_path):
    return copy_fictional(tmp_path)


def only_problem(catalogue: Path) -> str:
    code, lines = run_check(catalogue)
    assert code == 1
    assert len(lines) == 1, lines
    return lines[0]


def test_the_fictional_fixture_is_valid(catalogue):
    assert run_check(catalogue) == (0, [])


def test_the_shipped_catalogue_is_valid():
    assert run_check(ROOT / "catalogue") == (0, [])


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "id: x\ntitle: [unclosed\n",
            "catalogue/sources/broken.yaml:3:1: error: YAML 语法错误 · YAML syntax error: did not find expected ',' or ']'",
        ),
        (
            "id: x\n  title: wrong indent\n",
            "catalogue/sources/broken.yaml:2:3: error: 缩进没有对齐：这一行缩进 2 个空格，这一层应缩进 0 个空格 · the indentation does not line up: this line has 2 spaces, its block expects 0",
        ),
        (
            "id: x\nkind:\n\tpaper\n",
            "catalogue/sources/broken.yaml:3:1: error: 缩进里有制表符（Tab）：请用空格缩进 · tab character in the indentation: indent with spaces",
        ),
        (
            "id: x\nkind:\n \t \tpaper\n",  # the first tab is named
            "catalogue/sources/broken.yaml:3:2: error: 缩进里有制表符（Tab）：请用空格缩进 · tab character in the indentation: indent with spaces",
        ),
        (
            "id: x\ntitle: a\nnote: b\ntitle: c\n",  # the first on line 2, column 1: the line is named
            "catalogue/sources/broken.yaml:4:1: error: 字段 'title' 重复（第一次出现在第 2 行）：只保留一个 · duplicate key 'title' (first given on line 2): keep one",
        ),
        (
            "",
            "catalogue/sources/broken.yaml:1:1: error: 文件是空的：应写成“字段名: 值”的映射 · the file is empty: it must hold a mapping of field names to values",
        ),
        (
            "# only a comment\n",
            "catalogue/sources/broken.yaml:1:1: error: 文件是空的：应写成“字段名: 值”的映射 · the file is empty: it must hold a mapping of field names to values",
        ),
        (
            "- id: x\n",
            "catalogue/sources/broken.yaml:1:1: error: 文件应是“字段名: 值”的映射，而不是列表 · the file must hold a mapping of field names to values (name: value), not a list",
        ),
        (
            "just text\n",
            "catalogue/sources/broken.yaml:1:1: error: 文件应是“字段名: 值”的映射，而不是单个值 · the file must hold a mapping of field names to values (name: value), not a single value",
        ),
        (
            "id: x\n---\nid: y\n",
            "catalogue/sources/broken.yaml:2:1: error: YAML 语法错误 · YAML syntax error: expected a single document in the stream, but found another document",
        ),
        (
            "id: &a x\ntitle: *a\n",
            "catalogue/sources/broken.yaml:1:5: error: 不能使用锚点（&a）：请把每个值完整写出 · anchors (&a) are not allowed: write each value out in full",
        ),
        (
            "id: x\ntitle: *nowhere\n",  # an alias with no anchor before it still names what to do
            "catalogue/sources/broken.yaml:2:8: error: 不能使用别名（*nowhere）：请把值完整写出 · aliases (*nowhere) are not allowed: write the value out in full",
        ),
        (
            "id: x\n<<: {title: y}\n",
            "catalogue/sources/broken.yaml:2:1: error: 字段名必须是普通的名字 · keys must be plain field names",
        ),
        (
            "id: !!python/object/apply:os.system ['true']\n",
            "catalogue/sources/broken.yaml:1:5: error: 不能使用标签 !!python/object/apply:os.system：请直接写值，不加标签 · the tag !!python/object/apply:os.system is not allowed: write plain values without tags",
        ),
        (
            "id: !custom x\n",
            "catalogue/sources/broken.yaml:1:5: error: 不能使用标签 !custom：请直接写值，不加标签 · the tag !custom is not allowed: write plain values without tags",
        ),
        (
            "id: x\ntitle: !!map x\n",  # a collection's tag, allowed on a collection, on a single value
            "catalogue/sources/broken.yaml:2:8: error: 不能使用标签 !!map：请直接写值，不加标签 · the tag !!map is not allowed: write plain values without tags",
        ),
        (
            "id: !!int abc\n",
            "catalogue/sources/broken.yaml:1:5: error: 值 'abc' 不能读作 !!int：去掉标签或改正值 · the value 'abc' cannot be read as !!int: remove the tag or fix the value",
        ),
        ("id: x\nnested: " + "[" * 40 + "]" * 40 + "\n", "catalogue/sources/broken.yaml:2:"),
    ],
    ids=[
        "syntax",
        "indentation",
        "tab",
        "tabs-after-spaces",
        "duplicate-key",
        "empty",
        "comment-only",
        "top-level-list",
        "top-level-scalar",
        "two-documents",
        "anchor",
        "alias",
        "merge-key",
        "python-tag",
        "custom-tag",
        "collection-tag-on-a-value",
        "tag-mismatch",
        "deep-nesting",
    ],
)
def test_unreadable_yaml_is_reported_with_its_position(catalogue, text, expected):
    write(catalogue, "sources/broken.yaml", text)
    assert only_problem(catalogue).startswith(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "id: x\ntitle: a: b\n",
            (
                2,
                9,
                "YAML 语法错误：检查这一行的缩进，或给含有“: ”的值加上引号 · YAML syntax error: mapping values are not allowed in this context (check this line's indentation, or put quotes around a value that contains ': ')",
            ),
        ),
        (
            'id: x\ntitle: "unclosed\n',
            (
                3,
                1,
                "YAML 语法错误：有引号或括号没有闭合 · YAML syntax error: found unexpected end of stream (a quote or bracket is not closed)",
            ),
        ),
        (
            "id: x\ntitle: @who\n",
            (
                2,
                8,
                "YAML 语法错误：以 @ 或 ` 等特殊字符开头的值要加引号 · YAML syntax error: found character that cannot start any token (a value starting with a special character such as @ or ` needs quotes)",
            ),
        ),
        (
            "id: x\nti tle\n",
            (
                3,
                1,
                "YAML 语法错误：每行应写成“字段名: 值”：检查上一行是否少了冒号或引号 · YAML syntax error: could not find expected ':' (each line needs 'name: value'; check the line above for a missing colon or quote)",
            ),
        ),
        ("id: x\ntitle: {a: b\n", (3, 1, "YAML 语法错误 · YAML syntax error: did not find expected ',' or '}'")),
    ],
    ids=["colon-in-a-value", "unclosed-quote", "value-starting-with-at", "line-without-colon", "no-hint-known"],
)
def test_a_syntax_error_says_what_to_do_when_the_parser_names_a_known_mistake(tmp_path, text, expected):
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(_Refused) as refused:
        read_document(path, "source", "catalogue/sources/broken.yaml")
    assert (refused.value.line, refused.value.column, refused.value.message) == expected


def test_python_tags_are_never_constructed(catalogue, tmp_path):
    marker = tmp_path / "constructed"
    write(catalogue, "sources/evil.yaml", f"id: !!python/object/apply:os.system ['touch {marker}']\n")
    run_check(catalogue)
    assert not marker.exists()


def test_an_alias_bomb_fails_fast(catalogue):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    write(catalogue, "sources/bomb.yaml", "\n".join(lines) + "\n")
    # Expanded, this would be 9**12 strings; it must be refused at the first anchor.
    result = subprocess.run(
        [sys.executable, "build.py", "check", "--catalogue", str(catalogue)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert (
        "catalogue/sources/bomb.yaml:1:5: error: 不能使用锚点（&a0）：请把每个值完整写出 · anchors (&a0) are not allowed"
        in result.stdout
    )
    assert "Traceback" not in result.stderr


def test_deeply_nested_flow_collections_do_not_crash_the_parser(catalogue):
    # libyaml's composer recurses: 100,000 levels would overflow the C stack.
    write(catalogue, "sources/deep.yaml", "id: " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = subprocess.run(
        [sys.executable, "build.py", "check", "--catalogue", str(catalogue)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert (
        "catalogue/sources/deep.yaml:1:36: error: 数据嵌套超过 32 层 · the data is nested more than 32 levels deep"
        in result.stdout
    )


SAVED_AS_UTF16_OR_32 = "catalogue/sources/bytes.yaml:1:1: error: 文件保存成了 UTF-16 或 UTF-32：请另存为 UTF-8 · the file is saved as UTF-16 or UTF-32: save it as UTF-8"


@pytest.mark.parametrize(
    "raw, expected",
    [
        (
            "id: x\ntitle: caf\xe9\n".encode("latin-1"),
            "catalogue/sources/bytes.yaml:2:11: error: 文件不是有效的 UTF-8（字节 0xe9，也许保存成了 GBK）：请另存为 UTF-8 · the file is not valid UTF-8 (byte 0xe9): save it as UTF-8",
        ),
        (
            "id: x\nkind: x\ntitle: 虚构".encode() + b"\xe9\n",  # columns count characters, from the last line break
            "catalogue/sources/bytes.yaml:3:10: error: 文件不是有效的 UTF-8（字节 0xe9，也许保存成了 GBK）：请另存为 UTF-8 · the file is not valid UTF-8 (byte 0xe9): save it as UTF-8",
        ),
        (
            b"\xef\xbb\xbf" + "title: caf\xe9\n".encode("latin-1"),
            "catalogue/sources/bytes.yaml:1:11: error: 文件不是有效的 UTF-8（字节 0xe9，也许保存成了 GBK）：请另存为 UTF-8 · the file is not valid UTF-8 (byte 0xe9): save it as UTF-8",
        ),
        (
            "id: x\n".encode("utf-16"),
            SAVED_AS_UTF16_OR_32,
        ),
        (
            b"\xfe\xff" + "id: x\n".encode("utf-16-be"),
            SAVED_AS_UTF16_OR_32,
        ),
        (
            "id: x\n".encode("utf-32"),
            SAVED_AS_UTF16_OR_32,
        ),
        (
            b"\x00\x00\xfe\xff" + "id: x\n".encode("utf-32-be"),
            SAVED_AS_UTF16_OR_32,
        ),
        (
            b"id: x\ntitle: a\x00b\n",
            "catalogue/sources/bytes.yaml:2:1: error: 文件含有 NUL 字节，不是文本文件：请另存为 UTF-8 文本 · the file contains NUL bytes",
        ),
        (
            b"id: x\x00\ntitle: a\x00b\n",
            "catalogue/sources/bytes.yaml:1:1: error: 文件含有 NUL 字节，不是文本文件：请另存为 UTF-8 文本 · the file contains NUL bytes",
        ),
        (
            b"\xef\xbb\xbfid: x\x01\n",
            "catalogue/sources/bytes.yaml:1:6: error: 文件含有控制字符 U+0001，目录文件不能含有它：请删除 · the file holds the control character U+0001, which a catalogue file cannot hold: delete it",
        ),
    ],
    ids=[
        "latin-1",
        "latin-1 after Chinese",
        "latin-1 after a byte order mark",
        "utf-16 (little-endian)",
        "utf-16 big-endian",
        "utf-32 (little-endian)",
        "utf-32 big-endian",
        "nul",
        "nul on two lines: the first",
        "a byte order mark takes no column",
    ],
)
def test_bad_encodings_are_reported(catalogue, raw, expected):
    write(catalogue, "sources/bytes.yaml", raw)
    assert only_problem(catalogue).startswith(expected)


def test_a_utf8_byte_order_mark_is_accepted(catalogue):
    path = catalogue / "sources" / "fictional-paper.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert run_check(catalogue) == (0, [])


def test_a_file_over_one_mebibyte_is_refused_unread(catalogue):
    write(catalogue, "sources/huge.yaml", "id: huge\nnote: '" + "x" * (1024 * 1024) + "'\n")
    assert only_problem(catalogue) == (
        "catalogue/sources/huge.yaml:1:1: error: 文件有 1,048,594 字节，上限是 1,048,576（1 MiB）：请拆分或缩短 · the file is 1,048,594 bytes; the limit is 1,048,576 (1 MiB): split it or shorten it"
    )


def test_symbolic_links_are_refused(catalogue):
    os.symlink(catalogue / "sources" / "fictional-paper.yaml", catalogue / "sources" / "linked.yaml")
    assert only_problem(catalogue) == (
        "catalogue/sources/linked.yaml:1:1: error: catalogue/ 里不能有符号链接：请用文件本身替换链接 · symbolic links are not allowed in catalogue/: replace the link with the file itself"
    )


@pytest.mark.parametrize(
    "relative, expected",
    [
        (
            "sources/notes.txt",
            "catalogue/sources/notes.txt:1:1: error: catalogue/sources/ 里只放 .yaml 文件 · unexpected file in catalogue/sources/: only .yaml files belong here",
        ),
        (
            "sources/other.yml",
            "catalogue/sources/other.yml:1:1: error: 请把文件改名为 other.yaml：目录文件以 .yaml 结尾 · rename this file to other.yaml: catalogue files end in .yaml",
        ),
        (
            "readme.md",
            "catalogue/readme.md:1:1: error: catalogue/ 里不应有这个文件：这里只放 certificates/, organizations/, sources/, batches/, programme-events/, fields.yaml, majors.yaml, synonyms.yaml · unexpected file in catalogue/: only certificates/, organizations/, sources/, batches/, programme-events/, fields.yaml, majors.yaml, synonyms.yaml belong here",
        ),
        (
            "drafts/x.yaml",
            "catalogue/drafts:1:1: error: catalogue/ 里不应有这个文件夹：这里只放 certificates/, organizations/, sources/, batches/, programme-events/, fields.yaml, majors.yaml, synonyms.yaml · unexpected folder in catalogue/: only certificates/, organizations/, sources/, batches/, programme-events/, fields.yaml, majors.yaml, synonyms.yaml belong here",
        ),
    ],
)
def test_files_that_do_not_belong_are_reported(catalogue, relative, expected):
    write(catalogue, relative, "id: x\n")
    assert only_problem(catalogue) == expected


def test_dotfiles_such_as_gitkeep_are_ignored(catalogue):
    """Also at the top, where .DS_Store sorts before every folder that follows it."""
    write(catalogue, "sources/.gitkeep", "")
    write(catalogue, ".DS_Store", "")
    assert run_check(catalogue) == (0, [])


def test_unquoted_dates_stay_text_and_years_may_be_numbers(catalogue):
    # 2019-06-19 unquoted would be a date object in plain YAML; the schema sees the text.
    write(catalogue, "sources/dated.yaml", "id: dated\ntitle: t\nkind: secondary\npublished: 2019-06-19\n")
    write(catalogue, "sources/year.yaml", "id: year\ntitle: t\nkind: secondary\npublished: 2019\n")
    assert run_check(catalogue) == (0, [])


def test_a_document_released_after_the_check_refuses_to_give_positions(fictional_checked):
    """The build keeps only the data: asking where a value stood is a bug in the build, said as one."""
    document = next(d for d in fictional_checked.documents if d.path.endswith("fictional-alpha.yaml"))
    assert document.data["id"] == "fictional-alpha" and document.text == ""
    released = "the document's positions were released after the check (Document.release)"
    for ask in (
        lambda: document.where(("name", "zh")),
        lambda: document.value_positions.get(("name",)),
        lambda: ("name",) in document.key_positions,
    ):
        with pytest.raises(RuntimeError, match=f"^{re.escape(released)}$"):
            ask()


POSITIONS_TEXT = "id: x\nhistory:\n  - type: introduced\n    sources: [a]\nname: {zh: 虚构}\n"


@pytest.mark.parametrize(
    ("path", "key", "position"),
    [
        (("history", 0, "type"), False, (3, 11)),
        (("history", 0, "type"), True, (3, 5)),
        (("history", 0, "date"), False, (3, 5)),  # missing: the event that lacks it
        (("history", 0, "date", "year"), False, (3, 5)),  # two levels missing: still that event
        (("history", 0, "date"), True, (3, 5)),  # a missing key falls back to its parent's value
        (("name", "en"), True, (5, 7)),
        (("nothing",), False, (1, 1)),  # no such field at the top: the file's start
        ((), False, (1, 1)),
    ],
)
def test_a_problem_stands_at_its_field_or_else_at_the_nearest_field_that_holds_it(tmp_path, path, key, position):
    file = tmp_path / "x.yaml"
    file.write_text(POSITIONS_TEXT, encoding="utf-8")
    assert read_document(file, "certificate", "x.yaml").where(path, key=key) == position


def test_positions_are_read_from_the_text_once_whatever_the_number_of_problems(tmp_path, monkeypatch):
    file = tmp_path / "x.yaml"
    file.write_text(POSITIONS_TEXT, encoding="utf-8")
    document = read_document(file, "certificate", "x.yaml")
    reads = []
    real = xcat.check.load._read_events
    monkeypatch.setattr(xcat.check.load, "_read_events", lambda *args: reads.append(1) or real(*args))
    assert [document.where(("history", 0, "type")), document.where(("name", "zh"))] == [(3, 11), (5, 12)]
    assert len(reads) == 1


def test_a_problem_about_the_whole_file_stands_where_its_first_field_starts(tmp_path):
    file = tmp_path / "x.yaml"
    file.write_text("# 虚构证书\n\nid: x\n", encoding="utf-8")
    assert read_document(file, "certificate", "x.yaml").where(("nothing",)) == (3, 1)


@pytest.mark.parametrize("given", [False, True], ids=["read-here", "bytes-given"])
def test_a_file_of_exactly_the_size_limit_is_read_and_one_byte_more_is_refused(tmp_path, given):
    """Given its bytes (the check's cache read them already), the file itself is neither read nor
    measured again: a save meanwhile, or a removal, does not change what those bytes say."""
    start = b"id: big\ntitle: t\nkind: secondary\n#"
    for size, refused in ((MAX_FILE_BYTES, False), (MAX_FILE_BYTES + 1, True)):
        raw = start + b"#" * (size - len(start))
        path = tmp_path / "sources" / "big.yaml"
        if given:
            path = tmp_path / "gone.yaml"  # no such file
        else:
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(raw)
        read = read_entry((path, "catalogue/sources/big.yaml", "source", None), {}, raw if given else None)
        if refused:
            assert read == Problem(
                "catalogue/sources/big.yaml",
                1,
                1,
                f"文件有 {size:,} 字节，上限是 {MAX_FILE_BYTES:,}（1 MiB）：请拆分或缩短 · "
                f"the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} (1 MiB): split it or shorten it",
            )
        else:
            assert isinstance(read, Document) and read.data["id"] == "big"


def test_a_catalogue_file_that_cannot_be_read_is_reported_in_this_process(tmp_path, monkeypatch):
    """tests/check/test_permissions.py plants a real one where it can; here, whatever the user, the whole message."""
    catalogue = copy_fictional(tmp_path)
    alpha, reading = catalogue / "certificates" / "fictional-alpha.yaml", Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path == alpha:
            raise PermissionError(13, "Permission denied")
        return reading(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    code, lines = run_check(catalogue)
    assert code == 1
    assert (
        "catalogue/certificates/fictional-alpha.yaml:1:1: error: 文件无法读取（没有权限）：请给自己读取它的权限（chmod u+r），或删除它 · "
        "the file cannot be read (permission denied): give yourself permission to read it (chmod u+r), or remove it"
    ) in lines


def read_text_here(tmp_path, text):
    """read_entry in this process (the bounds' subprocess tests are out of mutation testing's sight)."""
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    return read_entry((path, "catalogue/sources/x.yaml", "source", None), {})


@pytest.mark.parametrize(
    "error",
    [MarkedYAMLError(problem="found something unexpected"), YAMLError("found something unexpected")],
    ids=["a syntax error without its mark", "a YAML error of no kind the parser names"],
)
def test_a_syntax_error_without_a_position_stands_at_the_files_start(tmp_path, monkeypatch, error):
    """ruamel gives its syntax errors a mark; should one come without, the file is still refused, at 1:1."""

    def fails(text, builder):
        raise error

    monkeypatch.setattr(xcat.check.load, "_read_events", fails)
    read = read_text_here(tmp_path, "id: x\n")
    assert isinstance(read, Problem)
    assert (read.path, read.line, read.column, read.message) == (
        "catalogue/sources/x.yaml",
        1,
        1,
        "YAML 语法错误 · YAML syntax error: found something unexpected",
    )


# The root mapping, `a` and its list are three of the file's field names and values.
AT_THE_NODE_LIMIT = "a:\n" + "- 1\n" * (MAX_NODES - 3)


def test_a_file_of_exactly_the_most_values_is_read_and_one_more_is_refused_where_it_stands(tmp_path):
    read = read_text_here(tmp_path, AT_THE_NODE_LIMIT)
    assert isinstance(read, Document) and len(read.data["a"]) == MAX_NODES - 3
    refused = read_text_here(tmp_path, AT_THE_NODE_LIMIT + "- 1\n")
    assert isinstance(refused, Problem)
    assert (refused.line, refused.column) == (MAX_NODES - 1, 3)  # the value past the limit
    assert refused.message.startswith("文件中的字段名和值超过 25,000 个")


def test_data_nested_exactly_as_deep_as_allowed_is_read_and_one_level_more_is_refused_where_it_opens(tmp_path):
    levels = MAX_NESTING - 1  # inside the root mapping
    read = read_text_here(tmp_path, "a: " + "[" * levels + "]" * levels + "\n")
    assert isinstance(read, Document)
    refused = read_text_here(tmp_path, "a: " + "[" * (levels + 1) + "]" * (levels + 1) + "\n")
    assert isinstance(refused, Problem)
    assert (refused.line, refused.column) == (1, len("a: ") + levels + 1)  # the bracket one level too deep
    assert refused.message == "数据嵌套超过 32 层 · the data is nested more than 32 levels deep"


def test_nesting_counts_down_as_each_list_closes(tmp_path):
    """An empty list before a deep one: the depth after it is the list's own again, not less."""
    for levels, refused in ((MAX_NESTING - 2, False), (MAX_NESTING - 1, True)):  # inside the root and `a`
        read = read_text_here(tmp_path, "a: [[], " + "[" * levels + "]" * levels + "]\n")
        assert isinstance(read, Problem) is refused
    assert (read.line, read.column) == (1, len("a: [[], ") + MAX_NESTING - 1)
