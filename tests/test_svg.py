"""The timeline picture and the annex chart: round distinct ticks, text legible in print, self-contained SVG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguards.annex.chart import PNG_FONT, PNG_WIDTH, WORD_WIDTH_PT, breaches_png, breaches_svg
from safeguards.annex.chart import PRINT_WIDTH_PT as CHART_PRINT_PT
from safeguards.publish.view import EventView as TimelineEvent
from safeguards.publish.view import LimitView as Limit
from safeguards.publish.view import TimelineView as EpisodeTimeline
from safeguards.report.svg import PRINT_WIDTH_PT, WIDTH, tick_label, ticks, timeline_svg

SVG = "{http://www.w3.org/2000/svg}"


def _timeline(*spans: tuple[float, float], limits: tuple[float, ...] = (24.0, 48.0)) -> EpisodeTimeline:
    events = [TimelineEvent(type="ill_treatment" if i % 2 else "lawyer_access", label=f"event {i}", at=None,
                            approximate=i == 1, status="happened", from_hours=lo, to_hours=hi)
              for i, (lo, hi) in enumerate(spans)]
    return EpisodeTimeline(episode="e1", places=[], apprehension="2013-12-02T19:00", events=events,
                           limits=[Limit(label=f"limit ({h:.0f} h)", hours=h) for h in limits])


@pytest.mark.parametrize(("span", "labels"), [
    (103.0, ["0 d", "1 d", "2 d", "3 d", "4 d", "5 d"]),
    (26.0, ["0 h", "4 h", "8 h", "12 h", "16 h", "20 h", "24 h", "28 h"]),
    (5.0, ["0 h", "1 h", "2 h", "3 h", "4 h", "5 h"]),
    (48 * 1.05, ["0 h", "12 h", "24 h", "36 h", "48 h", "60 h"]),
    (24 * 40, ["0 d", "7 d", "14 d", "21 d", "28 d", "35 d", "42 d"]),
])
def test_ticks_are_round_and_distinct(span: float, labels: list[str]) -> None:
    marks, unit = ticks(span)
    assert [tick_label(h, unit) for h in marks] == labels


@given(st.floats(min_value=0.0, max_value=24 * 365 * 30, allow_nan=False))
def test_ticks_never_repeat_a_label_and_cover_the_span(span: float) -> None:
    marks, unit = ticks(span)
    labels = [tick_label(h, unit) for h in marks]
    assert len(set(labels)) == len(labels) and 2 <= len(labels) <= 9
    assert marks[0] == 0 and marks[-1] >= span
    size = 24.0 if unit == "d" else 1.0
    assert all((h / size).is_integer() for h in marks)


def _font_sizes(svg: str) -> list[float]:
    return [float(v) for v in re.findall(r'font-size="([\d.]+)"', svg)]


def test_timeline_text_is_at_least_8_pt_when_printed_at_page_width() -> None:
    svg = timeline_svg(_timeline((0, 0), (2, 30), (70, 75), (80, 103)))
    sizes = _font_sizes(svg)
    assert sizes and min(sizes) * PRINT_WIDTH_PT / WIDTH >= 8.0
    assert re.search(r'viewBox="0 0 (\d+) ', svg)[1] == str(WIDTH)  # type: ignore[index]


def test_timeline_is_well_formed_self_contained_with_a_legend() -> None:
    svg = timeline_svg(_timeline((0, 0), (2, 30), (70, 75)))
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.find(f"{SVG}title") is not None
    assert "href" not in svg and "<image" not in svg and "url(" not in svg
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "ill-treatment" in texts and "lawyer, family" in texts  # colours explained
    assert "event 1 (approx.)" in texts
    ticks_text = [t for t in texts if t and re.fullmatch(r"\d+ [hd]", t)]
    assert ticks_text == ["0 d", "1 d", "2 d", "3 d", "4 d"]


def test_limit_labels_close_together_do_not_overlap() -> None:
    root = ET.fromstring(timeline_svg(_timeline((0, 2), limits=(3.0, 3.5))))
    limit_y = {t.get("y") for t in root.iter(f"{SVG}text") if (t.text or "").startswith("limit")}
    assert len(limit_y) == 2


def test_timeline_with_nothing_placed_says_so() -> None:
    svg = timeline_svg(_timeline(limits=()))
    assert "No event has a time" in svg
    ET.fromstring(svg)


def test_annex_chart_text_is_legible_in_print() -> None:
    counts = {"Access to lawyer from outset": 7, "Incommunicado detention": 3, "Independent medical examination": 1}
    svg = breaches_svg(counts)
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg)[1])  # type: ignore[index]
    assert min(_font_sizes(svg)) * CHART_PRINT_PT / width >= 8.0
    ET.fromstring(svg)
    png = breaches_png(counts)
    assert png.startswith(b"\x89PNG") and png == breaches_png(counts)
    assert int.from_bytes(png[16:20], "big") == PNG_WIDTH and PNG_FONT * WORD_WIDTH_PT / PNG_WIDTH >= 8.0


def test_annex_chart_draws_cyrillic_letters_not_boxes() -> None:
    from PIL import ImageFont

    try:
        ImageFont.truetype("DejaVuSans.ttf", 10)
    except OSError:
        pytest.skip("DejaVu Sans is not installed (.ci/run installs fonts-dejavu-core)")
    # boxes for unknown letters would make two labels of the same length draw the same picture
    assert breaches_png({"Доступ": 1}) != breaches_png({"Жилище": 1})
