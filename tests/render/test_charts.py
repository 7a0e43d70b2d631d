"""Charts as a reader's browser gets them: well-formed SVG with the numbers and names as text."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET

import pytest

from tests.helpers import MODULE, copy_fictional, edit, model_of
from xcat.render import charts
from xcat.settings import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "fictional" / "catalogue"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope=MODULE)
def catalogue(fictional_model):
    return fictional_model


@pytest.fixture(scope=MODULE)
def drawn(catalogue):
    return {
        "pilot": charts.pilot_counts_svg(catalogue.certificates["fictional-alpha"]),
        "batch": charts.batch_counts_svg(catalogue.batches["batch-1"]),
        "catalogue": charts.catalogue_over_time_svg(catalogue),
    }


def texts(svg: str) -> list[str]:
    """The text a reader sees in the chart (parsing also checks that the SVG is well-formed)."""
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg"
    return ["".join(t.itertext()) for t in root.iter(SVG + "text")]


def values(svg: str) -> list[str]:
    """The numbers written beside the columns, bars or points (not the axis ticks)."""
    root = ET.fromstring(svg)
    series = [g for g in root.iter(SVG + "g") if "series" in g.get("class", "").split()]
    return ["".join(t.itertext()) for g in series for t in g.iter(SVG + "text")]


def test_pilot_counts_chart_shows_each_count_and_its_date(drawn):
    shown = texts(drawn["pilot"])
    assert values(drawn["pilot"]) == ["10", "25"]
    assert {"2020-03", "2021"} <= set(shown)
    assert shown[0] == "试点院校数变化 · Pilot institutions over time"


def test_pilot_chart_only_when_it_says_more_than_the_table(catalogue):
    assert charts.pilot_counts_svg(catalogue.certificates["fictional-gamma"]) is None  # a single count
    assert charts.pilot_counts_svg(catalogue.certificates["fictional-beta"]) is None  # no count


def test_pilot_chart_labels_undated_and_repeated_dates_separately(catalogue):
    alpha = catalogue.certificates["fictional-alpha"]
    saved = alpha.pilot_counts
    first, second = saved
    alpha.pilot_counts = [first, type(second)(7, second.sources, first.as_of), type(second)(3, second.sources, None)]
    try:
        svg = charts.pilot_counts_svg(alpha)
        shown = texts(svg)
    finally:
        alpha.pilot_counts = saved
    assert shown.count("2020-03") == 2 and any("undated" in t for t in shown)
    assert values(svg) == ["10", "7", "3"]


def marks_and_labels(svg: str, kind: str) -> list[tuple[dict[str, float], ET.Element]]:
    """Each column or bar (its geometry) with the value written beside it."""
    group = next(g for g in ET.fromstring(svg).iter(SVG + "g") if g.get("class") == f"series {kind}")
    rects, labels = group.findall(SVG + "rect"), group.findall(SVG + "text")
    assert {rect.get("fill") for rect in rects} == {charts.COLOURS["count"]}
    geometry = [{key: float(rect.get(key)) for key in ("x", "y", "width", "height")} for rect in rects]
    return list(zip(geometry, labels, strict=True))


def test_each_column_has_its_count_centred_just_above_it(drawn):
    placed = marks_and_labels(drawn["pilot"], "columns")
    assert [label.text for _, label in placed] == ["10", "25"]
    for column, label in placed:
        assert float(label.get("x")) == pytest.approx(column["x"] + column["width"] / 2, abs=0.1)
        assert float(label.get("y")) == pytest.approx(column["y"] - 4, abs=0.1)
        assert (label.get("text-anchor"), label.get("fill")) == ("middle", charts.TEXT_COLOUR)


def test_each_column_rises_from_the_plots_bottom_edge_to_the_gridline_of_its_count(drawn):
    axes = {g.get("class"): g for g in ET.fromstring(drawn["pilot"]).iter(SVG + "g")}
    gridline = {"".join(t.itertext()): float(t.get("y")) for t in axes["axis left"].iter(SVG + "text")}
    dates = {float(t.get("y")) for t in axes["axis bottom"].iter(SVG + "text")}
    assert dates == {gridline["0"] + 8}  # leather writes the dates 8 px under the plot: zero is its edge
    for column, label in marks_and_labels(drawn["pilot"], "columns"):
        assert column["y"] + column["height"] == pytest.approx(gridline["0"], abs=0.1)
        assert column["y"] == pytest.approx(gridline[label.text], abs=0.1)


def test_each_bar_has_its_count_just_after_its_end(drawn):
    [(bar, label)] = marks_and_labels(drawn["batch"], "bars")
    assert label.text == "25"
    assert float(label.get("x")) == pytest.approx(bar["x"] + bar["width"] + 4, abs=0.1)
    assert float(label.get("y")) == pytest.approx(bar["y"] + bar["height"] / 2, abs=0.1)
    assert (label.get("text-anchor"), label.get("dy"), label.get("fill")) == (
        "start",
        "0.35em",
        charts.TEXT_COLOUR,
    )  # vertically centred


def test_pilot_chart_is_a_phone_wide_and_gives_each_further_count_room(drawn, catalogue):
    root = ET.fromstring(drawn["pilot"])
    assert (root.get("width"), root.get("height")) == ("360", "250")
    alpha = catalogue.certificates["fictional-alpha"]
    saved = alpha.pilot_counts
    alpha.pilot_counts = [type(saved[0])(n, saved[0].sources, f"202{n}") for n in range(5)]
    try:
        root = ET.fromstring(charts.pilot_counts_svg(alpha))
    finally:
        alpha.pilot_counts = saved
    assert (root.get("width"), root.get("height")) == (str(80 * 5 + 100), "250")


def test_batch_chart_names_certificates_in_chinese_with_latest_count(drawn):
    shown = texts(drawn["batch"])
    assert "虚构证书甲" in shown
    assert values(drawn["batch"]) == ["25"]  # alpha's latest count, not its first (10)
    assert shown[:1] + shown[-2:] == [  # five batch-1 certificates have no count
        "最新试点院校数 · Latest pilot count",
        "另有 5 个证书没有试点院校数据",
        "Not shown: 5 without a count",
    ]


def placed_texts(svg: str) -> list[tuple[float, float, ET.Element]]:
    """Every text with its position on the whole chart (the groups' translations added up)."""
    found: list[tuple[float, float, ET.Element]] = []

    def walk(element: ET.Element, dx: float, dy: float) -> None:
        if move := re.match(r"translate\(([-\d.]+) ([-\d.]+)\)", element.get("transform", "")):
            dx, dy = dx + float(move.group(1)), dy + float(move.group(2))
        if element.tag == SVG + "text":
            found.append((dx + float(element.get("x", 0)), dy + float(element.get("y", 0)), element))
        for child in element:
            walk(child, dx, dy)

    walk(ET.fromstring(svg), 0, 0)
    return found


def batch_chart_with_counts(catalogue, monkeypatch, counts: dict[str, int]) -> str:
    batch = catalogue.batches["batch-1"]
    monkeypatch.setattr(batch, "certificates", batch.certificates[::-1])  # the chart must not rely on the id order
    kind = type(catalogue.certificates["fictional-alpha"].pilot_counts[0])
    for certificate in batch.certificates:
        if certificate.id in counts:
            monkeypatch.setattr(certificate, "pilot_counts", [kind(counts[certificate.id], [], "2021")])
    return charts.batch_counts_svg(batch)


def test_batch_chart_puts_the_largest_count_on_top_and_equal_counts_in_id_order(catalogue, monkeypatch):
    svg = batch_chart_with_counts(catalogue, monkeypatch, {"fictional-epsilon": 40, "fictional-delta": 25})
    names = [
        text.text for _, y, text in sorted(placed_texts(svg), key=lambda t: t[1]) if text.get("text-anchor") == "end"
    ]
    assert names == ["虚构证书戊", "虚构证书甲", "虚构证书丁"]  # 40, then 25 twice: alpha, delta
    assert values(svg) == ["25", "25", "40"]  # drawn from the bottom up
    root = ET.fromstring(svg)
    assert root.get("height") == str(28 * 3 + 90 + 2 * charts.NOTE_LINE_HEIGHT + 10)  # a row each, and the note
    assert texts(svg)[-2:] == ["另有 3 个证书没有试点院校数据", "Not shown: 3 without a count"]


def test_batch_chart_shows_every_name_whole_and_every_count_inside_the_chart(catalogue, monkeypatch):
    svg = batch_chart_with_counts(catalogue, monkeypatch, {"fictional-epsilon": 40, "fictional-iota": 3})
    width = float(ET.fromstring(svg).get("width"))
    for x, _, text in placed_texts(svg):
        size = float(text.get("font-size"))
        if text.get("text-anchor") == "end":  # a certificate's name, right-aligned against the axis
            assert x - charts.text_width(text.text, size) >= 0, text.text
        elif text.get("text-anchor") == "start":  # a count after its bar, or a note
            assert x + charts.text_width(text.text, size) <= width, text.text
    bars = [float(rect.get("width")) for rect in ET.fromstring(svg).iter(SVG + "rect") if rect.get("fill") == "#3f51b5"]
    assert max(bars) > 200  # the names leave the bars most of a phone's width


def test_a_batch_whose_certificates_all_have_counts_has_no_note_and_a_row_for_its_one(drawn, catalogue):
    svg = charts.batch_counts_svg(catalogue.batches["batch-2"])  # kappa alone, 7
    root = ET.fromstring(svg)
    assert (root.get("width"), root.get("height")) == ("390", str(28 + 90))
    assert title_of(svg) == "虚构第二批：各证书试点院校数 · Fictional second batch: pilot institutions per certificate"
    assert ET.fromstring(drawn["batch"]).get("width") == "390"  # as wide for alpha: the names are as long


def test_catalogue_chart_counts_statuses_by_year_and_admits_undated(drawn):
    shown = texts(drawn["catalogue"])
    assert {"2020", "2021", "2022"} <= set(shown)
    assert values(drawn["catalogue"]) == ["6", "8", "9", "9"]  # totals at the end of 2020 to 2023 (the handover)
    legend = [
        "有效（含暂停）active",
        "被替代 replaced",
        "退出或撤销 withdrawn/revoked",
        "已移交人社部门 transferred",
        "合计 total",
    ]
    assert all(line in shown for line in legend), shown  # the legend names every line
    assert "各年末证书状态 · Certificates by status at year end" in shown
    assert "Not shown: 1 with an undated introduction" in shown  # kappa's batch has no date
    assert "另有 1 个证书引入日期不详，未计入" in shown


def test_catalogue_chart_keeps_half_a_year_either_side_so_no_dot_sits_on_the_edge(drawn):
    root = ET.fromstring(drawn["catalogue"])
    axes = {g.get("class"): g for g in root.iter(SVG + "g") if g.get("class", "").startswith("axis")}
    years = [float(line.get("x1")) for line in axes["axis bottom"].iter(SVG + "line")]
    plot_width = float(next(axes["axis left"].iter(SVG + "line")).get("x2"))
    step = years[1] - years[0]
    assert len(years) == 4 and step > 0  # 2020 to 2023
    assert years[0] == pytest.approx(step / 2)
    assert plot_width - years[-1] == pytest.approx(step / 2)


def title_of(svg: str) -> str:
    """What a screen reader announces for the chart (role="img" with a <title>)."""
    return ET.fromstring(svg).find(SVG + "title").text


def year_ticks(svg: str) -> list[str]:
    bottom = next(g for g in ET.fromstring(svg).iter(SVG + "g") if g.get("class") == "axis bottom")
    return ["".join(t.itertext()) for t in bottom.iter(SVG + "text")]


def test_every_chart_is_announced_by_its_full_title_and_notes(drawn):
    assert title_of(drawn["pilot"]) == "试点院校数变化 · Pilot institutions over time"
    assert title_of(drawn["batch"]) == (
        "虚构第一批：各证书试点院校数 · Fictional first batch: pilot institutions per certificate"
        " 另有 5 个证书没有试点院校数据 Not shown: 5 without a count"
    )
    assert title_of(drawn["catalogue"]) == (
        "各年末证书状态 · Certificates by status at the end of each year"
        " 另有 1 个证书引入日期不详，未计入 Not shown: 1 with an undated introduction"
    )


def test_catalogue_chart_marks_each_year_once_and_dashes_only_the_total(drawn):
    assert year_ticks(drawn["catalogue"]) == ["2020", "2021", "2022", "2023"]
    lines = {path.get("stroke"): path for path in ET.fromstring(drawn["catalogue"]).iter(SVG + "path")}
    assert set(lines) == {
        charts.COLOURS[status] for status in ("active", "replaced", "retired", "transferred", "total")
    }
    assert {colour: path.get("stroke-dasharray") for colour, path in lines.items()} == {
        colour: ("5 3" if colour == charts.COLOURS["total"] else None) for colour in lines
    }
    assert {path.get("stroke-width") for path in lines.values()} == {"2"}


def test_catalogue_chart_marks_every_year_on_its_line_and_rings_and_labels_the_total(drawn):
    totals = ["6", "8", "9", "9"]
    series = [g for g in ET.fromstring(drawn["catalogue"]).iter(SVG + "g") if g.get("class") == "series lines"]
    assert len(series) == 5
    for group in series:
        path = group.find(SVG + "path")
        colour = path.get("stroke")
        vertices = [tuple(point.split()) for point in re.split(r"[ML] ", path.get("d"))[1:]]
        marks = group.findall(SVG + "circle")
        assert [(m.get("cx"), m.get("cy")) for m in marks] == [(x.strip(), y.strip()) for x, y in vertices]
        if colour == charts.COLOURS["total"]:  # a ring that leaves a part equal to it visible, and the count above
            assert {(m.get("r"), m.get("fill"), m.get("stroke"), m.get("stroke-width")) for m in marks} == {
                ("6", "none", colour, "1.5")
            }
            labels = group.findall(SVG + "text")
            assert [label.text for label in labels] == totals
            for mark, label in zip(marks, labels, strict=True):
                assert label.get("x") == mark.get("cx") and label.get("text-anchor") == "middle"
                assert float(label.get("y")) == pytest.approx(float(mark.get("cy")) - 10)
        else:
            assert {(m.get("r"), m.get("fill"), m.get("stroke")) for m in marks} == {("3.5", colour, None)}
            assert group.find(SVG + "text") is None


def test_catalogue_chart_is_a_phone_wide_with_room_for_its_note(drawn):
    root = ET.fromstring(drawn["catalogue"])
    assert (root.get("width"), root.get("height")) == ("440", str(300 + 2 * charts.NOTE_LINE_HEIGHT + 10))  # zh, en


def test_catalogue_chart_of_many_years_gives_each_year_room_and_without_undated_certificates_no_note(tmp_path):
    catalogue = copy_fictional(tmp_path)
    edit(catalogue, "certificates/fictional-eta.yaml", "date: 2021-09", "date: 2025-09")  # six years: 2020 to 2025
    model = model_of(catalogue)
    del model.certificates["fictional-kappa"]  # the one whose introduction is undated
    svg = charts.catalogue_over_time_svg(model)
    root = ET.fromstring(svg)
    assert year_ticks(svg) == [str(year) for year in range(2020, 2026)]
    assert (root.get("width"), root.get("height")) == (str(50 * 6 + 180), "300")
    assert title_of(svg) == "各年末证书状态 · Certificates by status at the end of each year"
    assert not any("undated" in text or "不详" in text for text in texts(svg))


def test_legend_entries_on_a_row_leave_room_for_their_chinese_names(drawn):
    root = ET.fromstring(drawn["catalogue"])
    entries = [g for g in root.iter(SVG + "g") if g.find(SVG + "rect") is not None and g.find(SVG + "text") is not None]
    placed = [(*map(float, re.findall(r"[-\d.]+", g.get("transform"))), g.find(SVG + "text")) for g in entries]
    assert len(placed) == 5
    for (x, y, label), (next_x, next_y, _) in itertools.pairwise(placed):
        if next_y == y:  # the label starts after its colour box; 16 px clear after the name's width
            width = charts.text_width(label.text, float(label.get("font-size")))
            assert next_x - x == int(float(label.get("x")) + width + 16), label.text  # leather writes whole pixels


def test_value_axes_count_in_whole_numbers(drawn):
    numbers = [t for svg in drawn.values() for t in texts(svg) if t.replace(".", "").isdigit()]
    assert numbers and all(t.isdigit() for t in numbers)


def test_status_counts_at_end_of_each_year(catalogue):
    placed = [c for c in catalogue.certificates.values() if c.introduced.date]
    zero = {"active": 0, "replaced": 0, "retired": 0, "transferred": 0}
    assert charts.status_counts_at_end_of(2019, placed) == zero
    assert charts.status_counts_at_end_of(2021, placed) == zero | {"active": 4, "replaced": 3, "retired": 1}
    assert charts.status_counts_at_end_of(2022, placed) == zero | {"active": 3, "replaced": 4, "retired": 2}
    # the fictional handover (2023): gamma and iota
    assert charts.status_counts_at_end_of(2023, placed) == {"active": 1, "replaced": 4, "retired": 2, "transferred": 2}


def test_charts_are_deterministic_and_keep_text_as_text(catalogue, drawn):
    again = {
        "pilot": charts.pilot_counts_svg(catalogue.certificates["fictional-alpha"]),
        "batch": charts.batch_counts_svg(catalogue.batches["batch-1"]),
        "catalogue": charts.catalogue_over_time_svg(catalogue),
    }
    assert again == drawn
    for svg in drawn.values():
        assert svg.startswith("<svg") and "<?xml" not in svg
        assert "Noto Sans CJK SC" in svg  # the browser picks a CJK font: no glyph outlines needed
        assert len(svg) < 30_000


def test_charts_scale_to_a_phone_screen(drawn):
    for svg in drawn.values():
        root = ET.fromstring(svg)
        assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"


def test_charts_load_nothing_and_run_nothing(drawn):
    for svg in drawn.values():
        lowered = svg.lower()
        assert "<script" not in lowered and "href" not in lowered and "url(" not in lowered
        assert " on" not in re.sub(r">[^<]*<", "><", lowered)  # no event-handler attributes
        assert "http" not in lowered.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_charts_can_share_a_page(drawn):
    ids = [i for svg in drawn.values() for i in re.findall(r' id="([^"]+)"', svg)]
    assert len(ids) == len(set(ids))
    assert all("<style" not in svg for svg in drawn.values())  # no style rule that would reach the whole page


def test_nothing_to_chart_gives_none(catalogue):
    empty_batch = catalogue.batches["batch-1"]
    saved = empty_batch.certificates
    empty_batch.certificates = [c for c in saved if not c.pilot_counts]
    try:
        assert charts.batch_counts_svg(empty_batch) is None
    finally:
        empty_batch.certificates = saved


def test_names_with_markup_or_dollars_stay_text(catalogue):
    alpha = catalogue.certificates["fictional-alpha"]
    original = alpha.name
    alpha.name = type(original)("<b>虚构</b> & $x^2$ 3.14159", "Fictional")
    try:
        svg = charts.batch_counts_svg(catalogue.batches["batch-1"])
    finally:
        alpha.name = original
    assert "<b>虚构</b> & $x^2$ 3.14159" in texts(svg)


# --- The parts every chart is drawn with ---------------------------------------


@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        (0, [0, 1]),  # at least one step
        (0.5, [0, 1]),
        (7, [0, 1, 2, 3, 4, 5, 6, 7]),  # at most eight ticks of 1
        (8, [0, 2, 4, 6, 8]),
        (15, [0, 5, 10, 15]),  # steps of 1, 2, 5, 10, 20, 50…
        (16, [0, 5, 10, 15, 20]),  # the last tick reaches the top
        (101, [0, 20, 40, 60, 80, 100, 120]),
        (230, [0, 50, 100, 150, 200, 250]),
    ],
)
def test_value_ticks_are_round_whole_numbers_from_zero_past_the_top(top, ticks):
    assert charts._integer_ticks(top) == ticks


@pytest.mark.parametrize(
    ("text", "size", "width"),
    [("虚构", 12, 24), ("ab", 10, 12), ("ＡＢ", 10, 20), ("虚a", 10, 16), ("", 12, 0)],
)
def test_text_width_counts_chinese_and_full_width_characters_square_and_latin_ones_narrower(text, size, width):
    assert charts.text_width(text, size) == pytest.approx(width)


def test_coordinates_are_rounded_to_a_tenth_and_text_is_left_as_written():
    root = ET.Element("svg")
    ET.SubElement(root, "path", d="M 1.04 2.05 L -0.04 3.8E-26", x="12.3456")
    label = ET.SubElement(root, "text", x="1.25", dy="0.35em")
    label.set("font-size", "12.345")
    label.text = "1.23456"
    charts._round_coordinates(root)
    assert ET.tostring(root, encoding="unicode") == (
        '<svg><path d="M 1 2 L 0 0" x="12.3" /><text x="1.2" dy="0.35em" font-size="12.345">1.23456</text></svg>'
    )


def test_an_exact_scale_spans_its_domain_and_can_run_either_way():
    assert charts.ExactLinear(0, 10).project(5, 0, 200) == 100
    assert charts.ExactLinear(2020, 2023).project(2021.5, 100, 0) == 50  # y runs downwards in SVG
    assert charts.ExactLinear(2020, 2023).project(2020, 10, 70) == 10


def test_every_chart_has_a_white_background_under_its_notes_and_notes_in_muted_text(drawn):
    root = ET.fromstring(drawn["catalogue"])
    assert (root.get("role"), root.get("font-family")) == ("img", charts.FONTS)
    title, background = list(root)[:2]
    assert (title.tag, background.tag) == (SVG + "title", SVG + "rect")
    assert (background.get("width"), background.get("height"), background.get("fill")) == ("440", "342", "#ffffff")
    notes = [t for t in root.findall(SVG + "text")]  # the footnotes sit outside leather's group
    assert [(n.get("x"), n.get("y"), n.get("fill"), n.get("font-size")) for n in notes] == [
        ("18", "308", charts.NOTE_COLOUR, "12"),  # 4 % of the width in, 8 px under the plot,
        ("18", "324", charts.NOTE_COLOUR, "12"),  # a line of 16 px each
    ]


def test_a_value_axis_leaves_room_above_the_largest_value_for_its_label(drawn):
    left = next(g for g in ET.fromstring(drawn["catalogue"]).iter(SVG + "g") if g.get("class") == "axis left")
    ticks = sorted(int("".join(t.itertext())) for t in left.iter(SVG + "text"))
    assert ticks == [0, 2, 4, 6, 8, 10, 12]  # the largest total is 9: 15 % and one more, 11.35, rounded up
