"""Charts rendered at build time to SVG text, readable without JavaScript.

leather (a small pure-Python charting library) draws them: a few milliseconds per
chart, no script, no external reference, no ids, and the same bytes for the same
input. Text stays text, so the reader's browser draws the Chinese with its own
fonts. Each function returns an <svg> element (without XML prolog) or None when a
chart would say nothing the table beside it does not.

Small additions to what leather draws: shapes that write each value beside its mark
(a reader on a phone should not have to read numbers off an axis), a scale that spans
exactly the whole-number ticks we choose, a footnote under the chart for what it
leaves out, and a viewBox so the chart shrinks to a phone's width.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import leather
from leather import theme

from .. import dates
from ..model import Batch, Catalogue, Certificate
from ..vocabulary import RETIRED_STATUSES, TRANSFERRED

FONTS = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans GB', 'WenQuanYi Micro Hei', sans-serif"
COLOURS = {
    "count": "#3f51b5",
    "total": "#555555",
    "active": "#3f51b5",
    "replaced": "#ef8f00",
    "retired": "#9e9e9e",
    "transferred": "#6a1b9a",
}
TEXT_COLOUR = "#333333"
NOTE_COLOUR = "#555555"
BACKGROUND = "#ffffff"
DIGIT_WIDTH = 8  # leather sizes the left axis's labels as characters x one width
NOTE_LINE_HEIGHT = 16
UNDATED = "日期不详 undated"
# leather's look: white background, dark legible labels, one font stack for all text.
THEME: dict[str, Any] = {
    "background_color": "none",  # the <svg> has its own background, under the footnote too
    "margin": 0.04,  # of the width; must be a float for leather
    "title_color": TEXT_COLOUR,
    "title_font_family": "inherit",
    "title_font_size": 14,
    "title_font_char_height": 14,
    "title_gap": 10,
    "legend_color": TEXT_COLOUR,
    "legend_font_family": "inherit",
    "legend_font_size": 12,
    "legend_font_char_height": 12,
    "legend_font_char_width": 7,
    "legend_gap": 6,
    "legend_bubble_size": 10,
    "legend_bubble_offset": 2,
    "axis_title_color": TEXT_COLOUR,
    "axis_title_font_family": "inherit",
    "axis_title_font_size": 12,
    "axis_title_font_char_height": 12,
    "axis_title_gap": 8,
    "tick_color": "#e8e8e8",
    "zero_color": "#888888",
    "label_color": "#555555",
    "tick_font_family": "inherit",
    "tick_font_size": 12,
    "tick_font_char_height": 12,
    "tick_font_char_width": DIGIT_WIDTH,
}


def pilot_counts_svg(certificate: Certificate) -> str | None:
    """The certificate's pilot-institution counts over time; None for fewer than two counts,
    since a single column says nothing the table does not."""
    counts = certificate.pilot_counts
    if len(counts) < 2:
        return None
    labels = [count.as_of or UNDATED for count in counts]
    # Columns are keyed by position: two counts may share a date (or both be undated).
    rows = [(str(index), count.count) for index, count in enumerate(counts)]
    top = max(count.count for count in counts)

    title = "试点院校数变化 · Pilot institutions over time"
    chart = leather.Chart(title)
    chart.add_series(leather.Series(rows), LabelledColumns(COLOURS["count"]))
    chart.add_x_axis(tick_formatter=lambda key, index, count: labels[int(key)])
    _integer_value_axis(chart, top, "y")
    return render(chart, title=title, width=max(360, 80 * len(rows) + 100), height=250)


def batch_counts_svg(batch: Batch) -> str | None:
    """The batch's certificates and their latest pilot-institution counts, or None."""
    latest = {c.id: c.latest_pilot_count.count for c in batch.certificates if c.latest_pilot_count}
    counted = [c for c in batch.certificates if c.id in latest]
    if not counted:
        return None
    counted.sort(key=lambda c: (-latest[c.id], c.id))  # largest at the top
    names = {c.id: c.name.zh for c in counted}
    rows = [(latest[c.id], c.id) for c in counted]
    top = max(count for count, _ in rows)
    missing = len(batch.certificates) - len(counted)

    heading = "最新试点院校数 · Latest pilot count"  # short enough for a phone: the page names the batch
    chart = leather.Chart(heading)
    chart.add_series(
        leather.Series(list(reversed(rows))), LabelledBars(COLOURS["count"])
    )  # leather draws the first row at the bottom
    chart.add_y_axis(tick_formatter=lambda key, index, count: names[key])
    _integer_value_axis(chart, top, "x")
    # leather reserves (most characters) x (one character width) for the names: make that the widest name's width.
    names_width = max(text_width(name, THEME["tick_font_size"]) for name in names.values())
    char_width = names_width / max(len(name) for name in names.values())
    note = [f"另有 {missing} 个证书没有试点院校数据", f"Not shown: {missing} without a count"] if missing else []
    return render(
        chart,
        title=f"{batch.name.zh}：各证书试点院校数 · {batch.name.en or batch.name.zh}: pilot institutions per certificate",
        width=math.ceil(names_width + max(280, text_width(heading, THEME["title_font_size"])) + 50),
        height=28 * len(rows) + 90,
        note=note,
        label_char_width=char_width,
    )


def catalogue_over_time_svg(catalogue: Catalogue) -> str | None:
    """Certificates by status at the end of each year (one line per status, plus the labelled total), or None."""
    introduced = {
        c.id: c.introduced.date for c in catalogue.certificates.values() if c.introduced and c.introduced.date
    }
    if not introduced:
        return None
    placed = [catalogue.certificates[certificate_id] for certificate_id in introduced]
    undated = len(catalogue.certificates) - len(placed)
    last = max(dates.parts(e.date)[0] for c in placed for e in c.history if e.date)
    years = list(range(min(dates.parts(date)[0] for date in introduced.values()), last + 1))
    table = {year: status_counts_at_end_of(year, placed) for year in years}
    totals = {year: sum(table[year].values()) for year in years}
    # The total last, so its rings are drawn around the dots they would otherwise hide.
    lines = [
        ("有效（含暂停）active", [(year, table[year]["active"]) for year in years], COLOURS["active"], False),
        ("被替代 replaced", [(year, table[year]["replaced"]) for year in years], COLOURS["replaced"], False),
        ("退出或撤销 withdrawn/revoked", [(year, table[year]["retired"]) for year in years], COLOURS["retired"], False),
        (
            "已移交人社部门 transferred",
            [(year, table[year]["transferred"]) for year in years],
            COLOURS["transferred"],
            False,
        ),
        ("合计 total", [(year, totals[year]) for year in years], COLOURS["total"], True),
    ]

    chart = leather.Chart(
        "各年末证书状态 · Certificates by status at year end"
    )  # shorter than the <title>: it must fit a phone
    for name, rows, colour, is_total in lines:
        chart.add_series(leather.Series(rows, name=name), DottedLine(colour, total=is_total))
    chart.set_x_scale(ExactLinear(years[0] - 0.5, years[-1] + 0.5))
    chart.add_x_axis(ticks=years)
    _integer_value_axis(chart, max(totals.values()), "y")
    note = (
        [f"另有 {undated} 个证书引入日期不详，未计入", f"Not shown: {undated} with an undated introduction"]
        if undated
        else []
    )
    return render(
        chart,
        title="各年末证书状态 · Certificates by status at the end of each year",
        width=max(440, 50 * len(years) + 180),
        height=300,
        note=note,
    )


def status_counts_at_end_of(year: int, certificates: list[Certificate]) -> dict[str, int]:
    """How many certificates were active, replaced, retired or transferred on 31 December of year."""
    counts = {"active": 0, "replaced": 0, "retired": 0, "transferred": 0}
    for certificate in certificates:
        status = certificate.status_at_end_of(year)
        if status:
            if status in RETIRED_STATUSES:
                counts["retired"] += 1
            elif status in ("replaced", TRANSFERRED):
                counts[status] += 1
            else:
                counts["active"] += 1
    return counts


# _OWN_COLOUR: each shape here is given its colour, so leather never draws from the palette it is
# passed; the calls that pass it on are not mutated (another palette would draw the same).


class ExactLinear(leather.Linear):
    """A linear scale that spans exactly its domain. leather's own rounds the domain out to
    its nice ticks; we choose the ticks ourselves (whole numbers, years), so that rounding
    would only add empty space, and on one side only."""

    def project(self, value, range_min, range_max):
        position = (Decimal(value) - self._data_min) / (self._data_max - self._data_min)
        return Decimal(range_min) + (Decimal(range_max) - Decimal(range_min)) * position


class LabelledColumns(leather.Columns):
    """Columns with each value written above its column."""

    def to_svg(self, width, height, x_scale, y_scale, series, palette):
        group = super().to_svg(width, height, x_scale, y_scale, series, palette)  # pragma: no mutate - see _OWN_COLOUR
        for datum in series.data():
            left, right = x_scale.project_interval(datum.x, 0, width)
            group.append(_value_label(datum.y, (left + right) / 2, y_scale.project(datum.y, height, 0) - 4, "middle"))
        return group


class LabelledBars(leather.Bars):
    """Bars with each value written after the end of its bar."""

    def to_svg(self, width, height, x_scale, y_scale, series, palette):
        group = super().to_svg(width, height, x_scale, y_scale, series, palette)  # pragma: no mutate - see _OWN_COLOUR
        for datum in series.data():
            bottom, top = y_scale.project_interval(datum.y, height, 0)
            label = _value_label(datum.x, x_scale.project(datum.x, 0, width) + 4, (bottom + top) / 2, "start")
            label.set("dy", "0.35em")
            group.append(label)
        return group


class DottedLine(leather.Line):
    """A line with a dot on every value, so a single year still shows. A total is dashed,
    with rings instead of dots (a part equal to it stays visible) and its values written above."""

    def __init__(self, stroke_color, *, total):
        super().__init__(stroke_color, stroke_dasharray="5 3" if total else None)  # leather's 2 px width
        self._total = total

    def legend_to_svg(self, series, palette):
        """leather reckons every character the same width; Chinese ones are about twice as wide."""
        [(item, _)] = super().legend_to_svg(series, palette)  # pragma: no mutate - see _OWN_COLOUR
        return [
            (
                item,
                theme.legend_bubble_size
                + theme.legend_bubble_offset
                + text_width(series.name, theme.legend_font_size)
                + 16,
            )
        ]

    def to_svg(self, width, height, x_scale, y_scale, series, palette):
        group = super().to_svg(width, height, x_scale, y_scale, series, palette)  # pragma: no mutate - see _OWN_COLOUR
        for datum in series.data():
            x, y = x_scale.project(datum.x, 0, width), y_scale.project(datum.y, height, 0)
            if self._total:
                ring = ET.SubElement(
                    group, "circle", cx=str(x), cy=str(y), r="6", fill="none", stroke=self._stroke_color
                )
                ring.set("stroke-width", "1.5")
                group.append(_value_label(datum.y, x, y - 10, "middle"))
            else:
                ET.SubElement(group, "circle", cx=str(x), cy=str(y), r="3.5", fill=self._stroke_color)
        return group


def render(
    chart: leather.Chart,
    *,
    title: str,
    width: int,
    height: int,
    note: Sequence[str] = (),
    label_char_width: float = DIGIT_WIDTH,
) -> str:
    """The chart as an <svg> element that scales to the page's width, with an accessible
    title and the footnote lines under the plot. label_char_width is how wide leather
    should reckon a character of the left axis's labels (wider for Chinese names)."""
    full_height = height + (NOTE_LINE_HEIGHT * len(note) + 10 if note else 0)
    root = ET.Element(
        "svg",
        xmlns="http://www.w3.org/2000/svg",
        width=str(width),
        height=str(full_height),
        viewBox=f"0 0 {width} {full_height}",
        role="img",
    )
    root.set("font-family", FONTS)  # every text inherits it (the theme says "inherit")
    ET.SubElement(root, "title").text = " ".join([title, *note])
    ET.SubElement(root, "rect", width=str(width), height=str(full_height), fill=BACKGROUND)
    with leather_theme(tick_font_char_width=label_char_width):
        root.append(chart.to_svg_group(width, height))
    for line, text in enumerate(note):
        footnote = ET.SubElement(
            root,
            "text",
            x=str(round(width * THEME["margin"])),
            y=str(height + NOTE_LINE_HEIGHT * line + 8),
            fill=NOTE_COLOUR,
        )
        footnote.set("font-size", "12")
        footnote.text = text
    _round_coordinates(root)
    return ET.tostring(root, encoding="unicode")


@contextmanager
def leather_theme(**overrides):
    """leather keeps its style in module variables: set ours for one drawing, then put theirs back."""
    settings = {**THEME, **overrides}
    saved = {name: getattr(theme, name) for name in settings}
    for name, value in settings.items():
        setattr(theme, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(theme, name, value)


def text_width(text: str, font_size: int) -> float:
    """About how wide text is drawn: Chinese characters are square, Latin ones about 0.6 of the size."""
    return sum(font_size if unicodedata.east_asian_width(ch) in ("W", "F") else 0.6 * font_size for ch in text)


def _integer_value_axis(chart: leather.Chart, top: int, dimension: str) -> None:
    """Whole-number ticks from 0, with headroom above the largest value for its label."""
    ticks = _integer_ticks(top * 1.15 + 1)
    set_scale, add_axis = {
        "x": (chart.set_x_scale, chart.add_x_axis),
        "y": (chart.set_y_scale, chart.add_y_axis),
    }[dimension]
    set_scale(ExactLinear(0, ticks[-1]))
    add_axis(ticks=ticks)  # leather writes each tick as str(value): whole numbers stay whole


def _integer_ticks(top: float) -> list[int]:
    """0, step, 2*step... up to at least top, in at most 8 ticks, with a round step (1, 2, 5, 10, 20, 50...)."""
    step, multipliers = 1, itertools.cycle((2, 2.5, 2))
    while top / step > 7:
        step = int(step * next(multipliers))
    return [step * i for i in range(max(math.ceil(top / step), 1) + 1)]


def _value_label(value, x, y, anchor: str) -> ET.Element:
    label = ET.Element("text", x=str(x), y=str(y), fill=TEXT_COLOUR)
    label.set("text-anchor", anchor)
    label.set("font-size", "12")
    label.text = str(value)
    return label


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
_GEOMETRY = ("x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "width", "height", "d", "transform")


def _round_coordinates(root: ET.Element) -> None:
    """leather computes with Decimal and writes up to 28 digits (even 3.8E-26 for 0);
    a tenth of a pixel is enough. Only geometry attributes: label text is never touched."""

    def tenth(match: re.Match) -> str:
        text = f"{float(match.group()):.1f}".rstrip("0").rstrip(".")  # pragma: no mutate (a number has no "X" to strip)
        return "0" if text == "-0" else text

    for element in root.iter():
        for name in _GEOMETRY:
            if name in element.attrib:
                element.set(name, _NUMBER.sub(tenth, element.attrib[name]))
