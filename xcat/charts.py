"""Charts rendered at build time to SVG text, readable without JavaScript.

matplotlib draws with its SVG backend only, and the output is deterministic: a fixed
hash salt for element ids, no date or creator in the metadata. Text stays text
(svg.fonttype none), so the reader's browser draws the Chinese with its own fonts
and no font is needed at build time. Each function returns the <svg> element
(without XML prolog, ready to place inside a page) or None when there is nothing
to chart.
"""
from __future__ import annotations

import hashlib
import io
import logging
import re
import warnings
from contextlib import contextmanager
from typing import Callable, Optional

from . import dates
from .model import RETIRED, Batch, Catalogue, Certificate

FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "WenQuanYi Micro Hei", "DejaVu Sans", "sans-serif"]
STYLE = {
    "svg.hashsalt": "xcat-charts",
    "svg.fonttype": "none",
    "font.family": ["sans-serif"],
    "font.sans-serif": FONTS,
    "font.size": 9,
    "text.parse_math": False,  # a "$" in a certificate's name is text, not a formula
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10,
    "axes.titlelocation": "left",
}
COLOURS = {"count": "#3f51b5", "active": "#3f51b5", "replaced": "#ef8f00", "retired": "#9e9e9e"}
UNDATED = "日期不详\nundated"
_GLOBAL_STYLE = '<style type="text/css">*{stroke-linejoin: round; stroke-linecap: butt}</style>'


def pilot_counts_svg(certificate: Certificate) -> Optional[str]:
    """The certificate's pilot-institution counts over time, or None when there is nothing to chart."""
    counts = certificate.pilot_counts
    if not counts:
        return None
    labels = [count.as_of or UNDATED for count in counts]
    values = [count.count for count in counts]

    def draw(figure) -> None:
        axes = figure.add_subplot()
        positions = list(range(len(values)))
        bars = axes.bar(positions, values, color=COLOURS["count"], width=0.6)
        axes.bar_label(bars, labels=[str(v) for v in values], padding=2)
        axes.set_xticks(positions, labels=labels)
        axes.set_ylim(0, max(values) * 1.2 or 1)
        _integer_axis(axes.yaxis)
        axes.set_ylabel("试点院校 · pilot institutions")
        axes.set_title("试点院校数量 · Pilot institutions over time")

    return render(draw, width=max(3.2, 1.0 * len(values) + 1.8), height=2.6)


def batch_counts_svg(batch: Batch) -> Optional[str]:
    """The batch's certificates and their latest pilot-institution counts, or None."""
    counted = [c for c in batch.certificates if c.latest_pilot_count]
    if not counted:
        return None
    # Largest at the top: barh draws its first bar at the bottom.
    counted.sort(key=lambda c: (c.latest_pilot_count.count, _reverse_id(c.id)))
    names = [c.name.zh for c in counted]
    values = [c.latest_pilot_count.count for c in counted]
    missing = len(batch.certificates) - len(counted)

    def draw(figure) -> None:
        axes = figure.add_subplot()
        positions = list(range(len(values)))
        bars = axes.barh(positions, values, color=COLOURS["count"], height=0.6)
        axes.bar_label(bars, labels=[str(v) for v in values], padding=2)
        axes.set_yticks(positions, labels=names)
        axes.set_xlim(0, max(values) * 1.15 or 1)
        _integer_axis(axes.xaxis)
        axes.set_xlabel("试点院校（最新数据）· pilot institutions (latest count)")
        axes.set_title(f"{batch.name.zh}：各证书试点院校数 · {batch.name.en or batch.name.zh}: pilot institutions per certificate")
        if missing:
            _note(figure, f"另有 {missing} 个证书没有试点院校数据 · Not shown: {missing} without a count")

    return render(draw, width=6.4, height=0.32 * len(values) + 1.4)


def catalogue_over_time_svg(catalogue: Catalogue) -> Optional[str]:
    """Active, replaced and retired certificates by year, or None."""
    placed = [c for c in catalogue.certificates.values() if c.introduced.date]
    if not placed:
        return None
    undated = len(catalogue.certificates) - len(placed)
    last = max(dates.year(e.date) for c in placed for e in c.history if e.date)
    years = list(range(min(dates.year(c.introduced.date) for c in placed), last + 1))
    table = {year: status_counts_at_end_of(year, placed) for year in years}
    groups = [
        ("active", "有效（含暂停）· active (incl. suspended)"),
        ("replaced", "被替代 · replaced"),
        ("retired", "退出或撤销 · withdrawn or revoked"),
    ]

    def draw(figure) -> None:
        axes = figure.add_subplot()
        bottoms = [0] * len(years)
        for key, label in groups:
            heights = [table[year][key] for year in years]
            axes.bar([str(y) for y in years], heights, bottom=bottoms, label=label, color=COLOURS[key], width=0.6)
            bottoms = [b + h for b, h in zip(bottoms, heights)]
        for index, total in enumerate(bottoms):
            axes.annotate(str(total), (index, total), ha="center", va="bottom", xytext=(0, 2), textcoords="offset points")
        axes.set_ylim(0, max(bottoms) * 1.2 or 1)
        if len(years) < 3:  # keep one or two bars from filling the whole width
            axes.set_xlim(-1, len(years))
        _integer_axis(axes.yaxis)
        axes.set_ylabel("证书 · certificates")
        axes.set_title("各年末证书状态 · Certificates by status at the end of each year")
        axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False, reverse=True)
        if undated:
            _note(figure, f"另有 {undated} 个证书引入日期不详，未计入\nNot shown: {undated} with an undated introduction")

    return render(draw, width=max(5.5, 0.7 * len(years) + 4.0), height=3.0)


def status_counts_at_end_of(year: int, certificates: list[Certificate]) -> dict[str, int]:
    """How many certificates were active, replaced or retired on 31 December of year."""
    counts = {"active": 0, "replaced": 0, "retired": 0}
    for certificate in certificates:
        status = certificate.status_at_end_of(year)
        if status:
            counts["retired" if status in RETIRED else "replaced" if status == "replaced" else "active"] += 1
    return counts


def render(draw: Callable, *, width: float, height: float) -> str:
    """Draw on a fresh figure (no pyplot, no global state) and return the <svg> element."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    with matplotlib.rc_context(STYLE), _quiet_fonts():
        figure = Figure(figsize=(width, height), layout="constrained")
        FigureCanvasSVG(figure)
        draw(figure)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
        figure.clear()
    return inline_ready(buffer.getvalue())


def inline_ready(svg: str) -> str:
    """matplotlib's SVG, made safe to place several times in one HTML page."""
    svg = svg[svg.index("<svg"):]
    # Its "*" style rule would reach every SVG on the page: scope it to this one.
    svg = svg.replace(_GLOBAL_STYLE, "", 1).replace("<svg ", '<svg style="stroke-linejoin: round; stroke-linecap: butt" ', 1)
    svg = re.sub(r"<defs>\s*</defs>\s*", "", svg)
    # Group ids (figure_1, axes_1...) repeat in every chart and nothing refers to them.
    svg = re.sub(r'<g id="[^"]*"', "<g", svg)
    # The remaining ids (clip paths, glyphs) are referred to: give them this chart's own prefix.
    defined = set(re.findall(r' id="([^"]+)"', svg))
    if not defined:
        return svg
    prefix = "xc" + hashlib.sha256(svg.encode("utf-8")).hexdigest()[:8] + "-"
    pattern = re.compile(r'( id="|#)(' + "|".join(re.escape(i) for i in sorted(defined, key=len, reverse=True)) + r')(?=[")])')
    return pattern.sub(lambda m: m.group(1) + prefix + m.group(2), svg)


@contextmanager
def _quiet_fonts():
    """The build machine may lack CJK fonts; the browser has them, so the warnings are noise."""
    logger = logging.getLogger("matplotlib.font_manager")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r"Glyph .* missing from (current )?font")
            warnings.filterwarnings("ignore", message=r"findfont:")
            yield
    finally:
        logger.setLevel(level)


def _note(figure, text: str) -> None:
    """A footnote under the chart; as a figure label, the layout keeps room for it."""
    figure.supxlabel(text, x=0.01, ha="left", fontsize=8, color="#555555", multialignment="left")


def _integer_axis(axis) -> None:
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))


def _reverse_id(certificate_id: str) -> tuple[int, ...]:
    """Sort key that puts ids in reverse alphabetical order (ties end up alphabetical from the top)."""
    return tuple(-ord(ch) for ch in certificate_id)
