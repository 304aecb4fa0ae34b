"""The statistics PDF read right to left: an Arabic page is the mirror image of an English one.

Positions are read back from the PDF with pdftotext -bbox (what a reader sees) and, for the
bars, which have no text, from the chart's own shapes.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from reportlab.graphics.shapes import Drawing, Group, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from free2link_desktop.reports.fonts import register_fonts
from free2link_desktop.reports.layout import MARGIN, PAGE_WIDTH
from free2link_desktop.reports.statistics import (
    IndicatorInfo,
    StatisticsData,
    aggregate,
)
from free2link_desktop.reports.statistics_pdf import (
    horizontal_chart,
    month_chart,
    statistics_pdf,
)
from free2link_desktop.reports.text import has_arabic
from tests.reports import samples
from tests.reports.pdfcheck import fonts_without_embedding, pdftotext, words_with_boxes

ARABIC_TITLES = {
    "online_job_offer_too_good": "عرض عمل عبر الإنترنت أفضل من أن يكون حقيقياً",
    "documents_withheld": "وثائق الهوية يحتفظ بها شخص آخر",
    "debt_bondage": "دين لا يمكن سداده",
    "phone_controlled": "الهاتف أو الحسابات يتحكم بها شخص آخر",
    "webcam_exploitation": "إجبار على الأداء أمام كاميرا الويب",
}
ARABIC_LEVELS = {
    "high": "مؤشرات قوية",
    "medium": "بعض المؤشرات",
    "low": "مؤشرات قليلة",
    "none": "لم تحدد أي مؤشرات",
}


def _data(language: str) -> StatisticsData:
    arabic = language == "ar"
    info = {
        key: IndicatorInfo(ARABIC_TITLES[key], value.online) if arabic else value
        for key, value in samples.INDICATOR_INFO.items()
    }
    return aggregate(
        samples.statistics_facts(),
        indicators=info,
        level_labels=ARABIC_LEVELS if arabic else samples.LEVEL_LABELS,
        date_from=date(2026, 1, 1),
        date_to=date(2026, 12, 31),
        language=language,
    )


@pytest.fixture(scope="module")
def arabic_pdf() -> bytes:
    return statistics_pdf(_data("ar"))


def test_arabic_title_header_and_footer_are_mirrored(arabic_pdf: bytes, tmp_path: Path) -> None:
    assert fonts_without_embedding(arabic_pdf) == []
    words = words_with_boxes(arabic_pdf, tmp_path)
    right_margin = PAGE_WIDTH - MARGIN
    # the title (the tallest words on the page) ends at the right margin
    tallest = max(y1 - y0 for _x0, y0, _x1, y1, _word in words)
    title = [w for w in words if w[3] - w[1] > tallest - 1]
    assert (
        max(x1 for _x0, _y0, x1, _y1, _w in title) > right_margin - 10
    )  # the frame pads its text by 6 pt
    assert min(x0 for x0, _y0, _x1, _y1, _w in title) > PAGE_WIDTH / 2
    # the running header: the report's name on the right, the product's on the left
    header = [w for w in words if w[3] < 45]
    named = [w for w in header if has_arabic(w[4])]
    assert named and min(x0 for x0, *_rest in named) > PAGE_WIDTH / 2
    product = [w for w in header if w[4] == "Free2Link"]
    assert product and product[0][0] < MARGIN + 10
    # the footer's page number (in Arabic words around digits) sits on the left
    footer = [w for w in words if w[1] > 800 and has_arabic(w[4])]
    assert footer and min(x0 for x0, *_rest in footer) < PAGE_WIDTH / 2


def test_english_title_stays_at_the_left_margin(tmp_path: Path) -> None:
    words = words_with_boxes(statistics_pdf(_data("en")), tmp_path)
    title = [w for w in words if w[4] in ("Anonymised", "statistics") and w[3] > 60]
    assert title and min(x0 for x0, *_rest in title) < MARGIN + 10
    assert next(w[0] for w in words if w[4] == "Free2Link") > PAGE_WIDTH / 2


@pytest.mark.parametrize("language", ["en", "ar"])
def test_indicator_labels_and_counts_sit_either_side_of_the_bars(
    language: str, tmp_path: Path
) -> None:
    """Left to right: label, bar, count. Right to left: count, bar, label."""
    data = _data(language)
    top_title = data.indicators[0][1]
    top_count = str(data.indicators[0][3])
    words = words_with_boxes(statistics_pdf(data), tmp_path)
    count = next(w for w in words if w[4] == top_count and w[0] > MARGIN + 20)
    same_line = [w for w in words if abs((w[1] + w[3]) / 2 - (count[1] + count[3]) / 2) < 3]
    label = [w for w in same_line if w is not count]
    assert len(label) >= len(top_title.split()) - 1
    if language == "ar":
        assert all(has_arabic(w[4]) for w in label)
        assert min(w[0] for w in label) > count[2] + 100  # a whole bar lies in between
    else:
        assert max(w[2] for w in label) < count[0] - 100


def _shapes(drawing: Drawing) -> tuple[list[Rect], list[String]]:
    """Bars (filled rectangles) and texts of a chart, with reportlab's widgets expanded."""
    rects: list[Rect] = []
    strings: list[String] = []

    def walk(group: Group) -> None:
        for node in group.contents:
            if isinstance(node, Group):
                assert node.transform == (1, 0, 0, 1, 0, 0)  # positions are page positions
                walk(node)
            elif isinstance(node, Rect) and node.fillColor is not None:
                rects.append(node)
            elif isinstance(node, String):
                strings.append(node)

    walk(drawing.expandUserNodes())
    return rects, strings


def _span(rect: Rect) -> tuple[float, float]:
    return min(rect.x, rect.x + rect.width), max(rect.x, rect.x + rect.width)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_horizontal_bars_grow_away_from_their_labels(language: str) -> None:
    register_fonts()
    labels = ["مؤشرات عبر الإنترنت", "مؤشرات أخرى"] if language == "ar" else ["Online", "Other"]
    rects, strings = _shapes(horizontal_chart(labels, [12, 40], language))
    short, long = sorted(rects, key=lambda rect: abs(rect.width))
    texts = [s for s in strings if s.text.strip()]
    assert len(texts) >= 2
    left, right = _span(long)
    if language == "ar":
        # labels right of the axis, the longer bar reaching further to the left
        assert min(s.x for s in texts) > right
        assert _span(long)[1] == pytest.approx(_span(short)[1])
        assert _span(long)[0] < _span(short)[0]
    else:
        assert max(s.x + stringWidth(s.text, s.fontName, s.fontSize) for s in texts) < left
        assert _span(long)[0] == pytest.approx(_span(short)[0])
        assert _span(long)[1] > _span(short)[1]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_months_run_in_reading_direction(language: str) -> None:
    data = StatisticsData(
        date_from=None,
        date_to=None,
        total=30,
        by_month=(("2026-01", 10), ("2026-02", None), ("2026-03", 20)),
        levels=(),
        indicators=(),
        online=None,
        offline=None,
        language=language,
    )
    rects, _strings = _shapes(month_chart(data, str, rtl=language == "ar"))
    january, march = sorted(rects, key=lambda rect: rect.height)  # 10 and 20
    if language == "ar":
        assert january.x > march.x
    else:
        assert january.x < march.x


def test_the_note_shows_the_suppression_mark_as_the_charts_print_it(
    arabic_pdf: bytes, tmp_path: Path
) -> None:
    raw = pdftotext(arabic_pdf, tmp_path, raw=True)
    # quoted as the translation quotes ("…" or «…»), and not reordered into 5< by the Arabic
    # sentence around it
    assert re.search(r'["«»]<5["«»]', raw)
    assert not re.search(r'["«»]5<["«»]', raw)


def test_a_suppressed_total_reads_as_the_charts_print_it(tmp_path: Path) -> None:
    data = aggregate(
        samples.statistics_facts(count=3),
        indicators=samples.INDICATOR_INFO,
        level_labels=ARABIC_LEVELS,
        date_from=date(2026, 1, 1),
        date_to=date(2026, 12, 31),
        language="ar",
    )
    assert data.total is None
    raw = pdftotext(statistics_pdf(data), tmp_path, raw=True)
    total_line = next(line for line in raw.splitlines() if ":" in line and "5" in line)
    assert "<5" in total_line
    assert "5<" not in total_line
