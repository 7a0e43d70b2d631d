"""The mistakes a Chinese typist makes in a catalogue file, found where they stand and named in
both languages.

An input method left in Chinese mode types full-width punctuation (：，【】“” and the full-width
space), full-width digits, and dates and fees the way Chinese prose writes them. YAML then misreads
the line, and neither the parser (which stops a line later, talking of '-' indicators) nor the
schema says why. These functions are asked only once something is already wrong: when the parser
stops (the raw lines up to where it stopped) and when a value or a field name fails its schema.
So a Chinese comma or bracket inside a name or a description, which is ordinary text, is never
flagged, and a valid file costs nothing.
"""

from __future__ import annotations

import difflib
import re

# What an input method in Chinese mode types instead of YAML's ASCII characters:
# character -> (Chinese name, English name, the ASCII character meant).
FULL_WIDTH: dict[str, tuple[str, str, str]] = {
    "：": ("全角冒号“：”", "a full-width colon '：'", ":"),
    "，": ("全角逗号“，”", "a full-width comma '，'", ","),
    "【": ("全角括号“【”", "a full-width bracket '【'", "["),
    "】": ("全角括号“】”", "a full-width bracket '】'", "]"),
    "［": ("全角括号“［”", "a full-width bracket '［'", "["),
    "］": ("全角括号“］”", "a full-width bracket '］'", "]"),
    "（": ("全角括号“（”", "a full-width bracket '（'", "("),
    "）": ("全角括号“）”", "a full-width bracket '）'", ")"),
    "｛": ("全角括号“｛”", "a full-width brace '｛'", "{"),
    "｝": ("全角括号“｝”", "a full-width brace '｝'", "}"),
    "“": ("中文引号“", "a Chinese quotation mark '“'", '"'),
    "”": ("中文引号”", "a Chinese quotation mark '”'", '"'),
    "‘": ("中文引号‘", "a Chinese quotation mark '‘'", "'"),
    "’": ("中文引号’", "a Chinese quotation mark '’'", "'"),
    "－": ("全角连字符“－”", "a full-width hyphen '－'", "-"),
    "\u3000": ("全角空格（U+3000）", "a full-width space (U+3000)", " "),
    "\t": ("制表符（Tab）", "a tab character", " "),
}
_FULL_WIDTH_DIGITS = {chr(0xFF10 + n): str(n) for n in range(10)}
_HALF_WIDTH = str.maketrans({**{c: ascii for c, (_zh, _en, ascii) in FULL_WIDTH.items()}, **_FULL_WIDTH_DIGITS})

# Field names typed in Chinese -> the schema keys they may mean (only those allowed where the name
# stands are suggested).
CHINESE_FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "编号": ("id",),
    "标识": ("id",),
    "名称": ("name",),
    "名字": ("name",),
    "证书名称": ("name",),
    "中文": ("zh",),
    "中文名": ("zh",),
    "中文名称": ("zh",),
    "英文": ("en",),
    "英文名": ("en",),
    "英文名称": ("en",),
    "评价组织": ("organization", "previous_organization"),
    "培训评价组织": ("organization", "previous_organization"),
    "组织": ("organization", "organizations"),
    "原评价组织": ("previous_organization",),
    "批次": ("batch",),
    "领域": ("fields",),
    "等级": ("levels", "level"),
    "级别": ("levels", "level"),
    "费用": ("fee",),
    "考核费用": ("fee",),
    "考试费": ("fee",),
    "收费": ("fee",),
    "价格": ("fee",),
    "历史": ("history",),
    "沿革": ("history",),
    "类型": ("type", "kind"),
    "日期": ("date",),
    "时间": ("date",),
    "来源": ("sources",),
    "出处": ("sources",),
    "曾用名": ("previous_name",),
    "原名": ("previous_name",),
    "原名称": ("previous_name",),
    "替代证书": ("successors",),
    "后续证书": ("successors",),
    "证书": ("certificate", "certificates"),
    "说明": ("details", "note", "description"),
    "详情": ("details",),
    "备注": ("remarks", "note"),
    "试点院校": ("pilot_institutions",),
    "院校数": ("count",),
    "数量": ("count",),
    "截至": ("as_of",),
    "相关专业": ("related_majors",),
    "对应专业": ("related_majors",),
    "专业": ("major", "related_majors", "majors"),
    "职业": ("occupations",),
    "工种": ("trade",),
    "网址": ("url", "website"),
    "链接": ("url",),
    "网站": ("website",),
    "官网": ("website",),
    "标题": ("title",),
    "发布单位": ("publisher",),
    "发布日期": ("published",),
    "文号": ("document_number",),
    "维护者": ("maintainers",),
    "总数": ("totals",),
    "代码": ("code", "id"),
}

# Field names contributors write for one the schema calls otherwise -> the schema's names.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "former_name": ("previous_name",),
    "old_name": ("previous_name",),
    "formerly": ("previous_name",),
    "previous_names": ("previous_name",),
    "issuer": ("organization",),
    "issuing_organization": ("organization",),
    "organisation": ("organization",),
    "org": ("organization",),
    "former_organization": ("previous_organization",),
    "old_organization": ("previous_organization",),
    "cost": ("fee",),
    "price": ("fee",),
    "exam_fee": ("fee",),
    "fees": ("fee",),
    "source": ("sources",),
    "references": ("sources",),
    "refs": ("sources",),
    "link": ("url",),
    "href": ("url",),
    "homepage": ("website",),
    "site": ("website",),
    "grade": ("level",),
    "grades": ("levels",),
    "events": ("history",),
    "changes": ("history",),
    "successor": ("successors",),
    "replaced_by": ("successors",),
    "replacement": ("successors",),
    "domain": ("fields",),
    "field": ("fields",),
    "notes": ("note",),
    "remark": ("remarks",),
    "comment": ("note", "remarks"),
    "chinese": ("zh",),
    "english": ("en",),
    "name_zh": ("name",),
    "name_en": ("name",),
    "majors": ("related_majors",),
    "occupation": ("occupations",),
    "maintainer": ("maintainers",),
    "owners": ("maintainers",),
    "publish_date": ("published",),
    "date_published": ("published",),
}

Hint = tuple[str, str, str]  # the character that is wrong ("" when none is), Chinese, English


def character(char: str) -> tuple[str, str]:
    """How a typist's character is named: (Chinese, English)."""
    if char in _FULL_WIDTH_DIGITS:
        return f"全角数字“{char}”", f"a full-width digit '{char}'"
    zh, en, _ascii = FULL_WIDTH[char]
    return zh, en


_DATE = re.compile(
    r"^\s*(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?|年|([/.-])\s*(\d{1,2})\s*(?:\4\s*(\d{1,2}))?)\s*$"
)
_FEE = re.compile(r"^\s*(?:[¥￥]|RMB|rmb)?\s*(\d+(?:\.\d+)?)\s*(?:元|块|元整|RMB|rmb)?\s*$")
_CURRENCY = re.compile(r"[¥￥元块]|RMB|rmb")


def value_hint(value: str, numeric: bool) -> Hint | None:
    """Why a value that failed its schema may be a typist's mistake. numeric: the field holds a number."""
    half = value.translate(_HALF_WIDTH)
    fee = _FEE.match(half) if numeric else None
    meant = fee.group(1) if fee else _iso_date(half) or half
    digit = next((c for c in value if c in _FULL_WIDTH_DIGITS), None)
    if digit:
        zh, en = character(digit)
        return digit, f"{zh}：请用半角数字，写 {meant}", f"{en}: type ASCII digits, {meant}"
    typed = next((c for c in value if c in FULL_WIDTH), None)
    date = _iso_date(half)
    if date and typed is None:
        # The character after the year: _DATE puts a 年 or a separator there, so there is one.
        wrong = next(c for c in value.lstrip()[4:] if not c.isspace())
        if "-" not in date:
            return wrong, f"年份只写数字 {date}", f"write the year as {date}"
        return wrong, f"日期写成 {date}（年、月、日之间用半角“-”连接）", f"write the date as {date}, with hyphens"
    currency = _CURRENCY.search(value)
    if fee and currency:
        return currency.group()[0], f"只写数字 {meant}，不要写“元”或“¥”", f"write the number {meant}, without 元 or ¥"
    if typed:
        zh, en = character(typed)
        ascii = FULL_WIDTH[typed][2]
        if ascii == " ":
            return typed, f"有{zh}：删去它", f"it holds {en}: delete it"
        if ascii in ('"', "'"):
            return (
                typed,
                f"有{zh}：删去它，或改用半角的 {ascii}",
                f"it holds {en}: delete it, or type the ASCII {ascii}",
            )
        return typed, f"有{zh}：请改用半角的“{ascii}”", f"it holds {en}: type the ASCII '{ascii}' instead"
    return None


def _iso_date(text: str) -> str | None:
    """2019年6月19日, 2019/6/19, 2019.6.19 or 2019-6-19 as 2019-06-19 (None when it is no such date, or is that already)."""
    date = _DATE.match(text)
    if not date:
        return None
    year, month, day = date.group(1), date.group(2) or date.group(5), date.group(3) or date.group(6)
    iso = "-".join([year] + [f"{int(part):02d}" for part in (month, day) if part])
    return iso if iso != text.strip() else None


def field_name_hint(name: str, known: list[str]) -> Hint | None:
    """Why a field name is unknown, and what the schema calls the field meant (from `known`)."""
    wrong = next((c for c in name if c in FULL_WIDTH), None)
    if wrong:
        zh, en = character(wrong)
        cleaned = name.translate(_HALF_WIDTH)
        cleaned = cleaned.strip(" :\"'")  # pragma: no mutate - field names are lowercase: stripping "X" too is the same
        if cleaned in known:
            return wrong, f"字段名里有{zh}：应写作 '{cleaned}'", f"the field name holds {en}: write '{cleaned}'"
        return wrong, f"字段名里有{zh}：删去它", f"the field name holds {en}: delete it"
    if re.search(r"[\u3400-\u9fff]", name):  # pragma: no mutate - \u9FFF is the same character
        english = [key for key in CHINESE_FIELD_NAMES.get(name.strip(), ()) if key in known]
        if english:
            return (
                "",
                f"字段名要用英文：'{name}' 应写作 {_either(english, '或')}",
                f"write it as {_either(english, 'or')}",
            )
        return "", "字段名要用英文（见字段说明）", "field names are English words (see the field reference)"
    simple = re.sub(r"[\s-]+", "_", name.strip()).lower()
    meant = [key for key in SYNONYMS.get(simple, ()) if key in known]
    meant += difflib.get_close_matches(simple, known)  # the closest first: a known name written otherwise
    meant = list(dict.fromkeys(meant))[:2]
    if meant:
        return "", f"是不是 {_either(meant, '或')}？", f"did you mean {_either(meant, 'or')}?"
    return None


def _either(names: list[str], word: str) -> str:
    return f" {word} ".join(f"'{name}'" for name in names)


# The line breaks YAML's parser counts (libyaml: CR LF, LF, CR, NEL, LS, PS): a line number it gives
# is a line of the text split here, whichever of them the file uses.
LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")

# A field name at the start of a line (after its indentation and any "- "): no spaces, no colons.
# The spaces are YAML's own and its line breaks, and the full-width space, which has a hint of its
# own; a no-break space is text to YAML (Python's \s would take it for a blank), so it may start a name.
_BLANKS = " \t\r\n\x85\u2028\u2029\u3000"
_NAME = rf"[^{_BLANKS}:：#'\"\[\]{{}},\-][^{_BLANKS}:：]{{0,60}}"
_KEY_LINE = re.compile(rf"^(?:{_NAME}|\"[^\"]*\"|'[^']*')[ \t]*:(?:[ \t]+(.*)|$)")
_FULL_WIDTH_COLON = re.compile(rf"^(?:-[ ]+)?({_NAME})[ \u3000]*(：)")
_SPACE_AFTER_COLON = re.compile(rf"^(?:-[ ]+)?{_NAME}:(\u3000)")


def syntax_hint(text: str, error_line: int) -> tuple[int, int, str, str] | None:
    """The typist's mistake nearest before (or on) the line where the parser stopped, as
    (line, column, Chinese, English); None when the lines show none. The lines are read as
    YAML lays them out (a block of fields, its items, block texts to skip) only this far."""
    found = None
    # The indentation of each open block, outermost first, and whether the last field or item has its
    # value on the following lines.
    levels, opens = [0], False
    skip_deeper_than: int | None = None  # inside a block text (|, >) or a flow list spread over lines
    for number, line in enumerate(LINE_BREAK.split(text)[:error_line], start=1):
        body = line.lstrip(" ")
        indent = len(line) - len(body)
        if not body.strip() or body.startswith(("#", "---", "...", "%")):
            continue
        if skip_deeper_than is not None:
            if indent > skip_deeper_than:
                continue
            skip_deeper_than = None
        if body.startswith("\u3000") or re.match(r"^(?:-[ ]+)\u3000", body):
            zh, en = character("\u3000")
            column = line.index("\u3000") + 1
            found = (number, column, f"缩进里有{zh}：请用半角空格缩进", f"{en} in the indentation: indent with spaces")
            continue
        item = body == "-" or body.startswith("- ")
        content = body.removeprefix("-").lstrip(" ") if item else body
        content_indent = len(line) - len(content)
        key = _KEY_LINE.match(content)
        # A line deeper than its block, under a field with a value, continues that value (a long text).
        continues = indent > levels[-1] and not opens
        if not continues:
            hint = _structure_hint(content)
            if hint:
                column = content_indent + hint[0] + 1
                found = (number, column, hint[1], hint[2])
                continue
        if not item and not key:
            continue  # a value's continuation, a flow list's items, or text YAML cannot read
        if indent > levels[-1]:
            if not opens:
                found = (number, indent + 1, *_misaligned(indent, levels[-1]))
                continue
            levels.append(indent)
        elif indent not in levels:
            expected = min(levels, key=lambda level: (abs(level - indent), -level))
            found = (number, indent + 1, *_misaligned(indent, expected))
            continue
        else:
            del levels[levels.index(indent) + 1 :]
        if item:  # each line that comes this far is an item or a field, and sets opens
            if key:
                levels.append(content_indent)  # the item's fields line up with its first
            opens = not content  # a bare "-": the item's value is on the following lines
        if key:
            value = (key.group(1) or "").split(" #")[0].strip()
            opens = not value or value.startswith("#")
            block_text = value[:1] in ("|", ">")
            open_flow = value[:1] in ("[", "{") and value.count(value[0]) > value.count("]" if value[0] == "[" else "}")
            if block_text or open_flow:  # its lines are not fields: pass over them
                skip_deeper_than = content_indent
    return found


def _structure_hint(content: str) -> tuple[int, str, str] | None:
    """A full-width character where YAML needs an ASCII one to see the line's structure:
    (index in content, Chinese, English)."""
    colon = _FULL_WIDTH_COLON.match(content)
    # Only a field name (English, or one of the Chinese names typed for one) before it: "备注：…" in a text is text.
    if colon and (colon.group(1).isascii() or colon.group(1) in CHINESE_FIELD_NAMES):
        return (
            colon.start(2),
            "全角冒号“：”：字段名后要用半角冒号“:”再加一个空格",
            "a full-width colon '：': after a field name type the ASCII ':' and a space",
        )
    space = _SPACE_AFTER_COLON.match(content)
    if space:
        return (
            space.start(1),
            "冒号后是全角空格：请用半角空格",
            "a full-width space after the colon: type an ASCII space",
        )
    if not _KEY_LINE.match(content):
        return None
    value = content.split(":", 1)[1].lstrip(" ")
    if value[:1] in ('"', "'") and value.count(value[0]) == 1:
        closing = next((i for i, c in enumerate(value) if c in "“”‘’"), None)
        if closing is not None:
            zh, en = character(value[closing])
            return (
                len(content) - len(value) + closing,
                f"{zh}：引号要用半角的 {value[0]}",
                f"{en}: close the quote with {value[0]}",
            )
    if value[:1] in ("[", "{") and ("]" if value[0] == "[" else "}") not in value:
        closing = next((i for i, c in enumerate(value) if c in "】］）｝"), None)
        if closing is not None:
            zh, en = character(value[closing])
            meant = "]" if value[0] == "[" else "}"
            return (
                len(content) - len(value) + closing,
                f"{zh}：请改用半角的“{meant}”",
                f"{en}: type the ASCII '{meant}'",
            )
    return None


def _misaligned(indent: int, expected: int) -> tuple[str, str]:
    return (
        f"缩进没有对齐：这一行缩进 {indent} 个空格，这一层应缩进 {expected} 个空格",
        f"the indentation does not line up: this line has {_spaces(indent)}, its block expects {expected}",
    )


def _spaces(count: int) -> str:
    return f"{count} space" if count == 1 else f"{count} spaces"
