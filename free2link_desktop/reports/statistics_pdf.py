"""The statistics PDF: four charts drawn with reportlab.graphics from suppressed aggregates.

A suppressed count is drawn as an empty bar labelled "<5"; every count shown is at least the
threshold, so a bar of height zero can only mean "suppressed".
"""

from __future__ import annotations

from collections.abc import Sequence

from babel.numbers import format_decimal
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from free2link_desktop.reports import text as script
from free2link_desktop.reports.flowables import ScriptText, TextStyle
from free2link_desktop.reports.fonts import SANS, scaled_size
from free2link_desktop.reports.layout import (
    ACCENT,
    MUTED,
    PageDecoration,
    Translate,
    babel_locale,
    format_day,
    render,
    translator,
)
from free2link_desktop.reports.statistics import SUPPRESSED, StatisticsData, shown

TITLE = TextStyle(size=20, bold=True, color=ACCENT, leading=1.3, space_after=4)
H2 = TextStyle(size=12, bold=True, color=ACCENT, space_before=5, space_after=2)
BODY = TextStyle(size=9.5, space_after=3)
SMALL = TextStyle(size=8.5, color=MUTED, space_after=3)
CHART_WIDTH = 170 * mm
BAR = colors.HexColor("#2f6f9f")
LEVEL_BARS = {
    "high": colors.HexColor("#b83232"),
    "medium": colors.HexColor("#d9822b"),
    "low": colors.HexColor("#d4b82a"),
    "none": colors.HexColor("#7d8b99"),
}


def _label(value: float, language: str) -> str:
    return SUPPRESSED if not value else format_decimal(value, locale=babel_locale(language))


def _values(counts: Sequence[int | None]) -> list[int]:
    return [count or 0 for count in counts]


def _axis_max(values: Sequence[int]) -> int:
    top = max([*values, 5])
    return int(top * 1.18) + 1


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _drawing(width: float, height: float) -> Drawing:
    """A Drawing whose initial font is ours (reportlab's default, Helvetica, is not embedded)."""
    return Drawing(width, height, initialFontName=SANS)


def _no_data(message: str) -> Drawing:
    drawing = _drawing(CHART_WIDTH, 14 * mm)
    drawing.add(String(0, 6 * mm, message, fontName=SANS, fontSize=9, fillColor=MUTED))
    return drawing


def month_chart(data: StatisticsData, _: Translate) -> Drawing:
    if not data.by_month:
        return _no_data(_("No screenings in this period."))
    drawing = _drawing(CHART_WIDTH, 52 * mm)
    chart = VerticalBarChart()
    # types-reportlab declares a chart's x, y, width and height int; reportlab takes floats
    chart.x, chart.y = 12 * mm, 12 * mm  # type: ignore[assignment]
    chart.width, chart.height = CHART_WIDTH - 16 * mm, 37 * mm  # type: ignore[assignment]
    values = _values([count for _month, count in data.by_month])
    chart.data = [values]
    chart.categoryAxis.categoryNames = [month for month, _count in data.by_month]
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = 7
    if len(values) > 12:
        chart.categoryAxis.labels.angle = 45
        chart.categoryAxis.labels.boxAnchor = "ne"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _axis_max(values)
    chart.valueAxis.labels.fontName = SANS
    chart.valueAxis.labels.fontSize = 7
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = lambda value: _label(value, data.language)
    chart.barLabels.fontName = SANS
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    drawing.add(chart)
    return drawing


def horizontal_chart(
    labels: Sequence[str],
    counts: Sequence[int | None],
    language: str,
    bar_colours: Sequence[colors.Color] | None = None,
) -> Drawing:
    height = max(len(labels), 1) * 6.5 * mm + 10 * mm
    drawing = _drawing(CHART_WIDTH, height)
    chart = HorizontalBarChart()
    # types-reportlab declares a chart's x, y, width and height int; reportlab takes floats
    chart.x, chart.y = 78 * mm, 6 * mm  # type: ignore[assignment]
    chart.width, chart.height = CHART_WIDTH - 90 * mm, height - 10 * mm  # type: ignore[assignment]
    values = _values(counts)
    # reportlab draws the first category at the bottom: reverse so the list reads top-down
    chart.data = [list(reversed(values))]
    # the labels are drawn by us, run by run, so a label in any script gets its fonts
    chart.categoryAxis.categoryNames = ["" for _label in labels]
    chart.categoryAxis.labels.fontName = SANS  # unused, but reportlab would set Helvetica
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _axis_max(values)
    chart.valueAxis.labels.fontName = SANS
    chart.valueAxis.labels.fontSize = 7
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    if bar_colours:
        for index, colour in enumerate(reversed(bar_colours)):
            chart.bars[(0, index)].fillColor = colour
    chart.barLabelFormat = lambda value: _label(value, language)
    chart.barLabels.fontName = SANS
    chart.barLabels.fontSize = 7.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    step = chart.height / max(len(labels), 1)
    for index, label in enumerate(reversed(labels)):
        _add_label(drawing, label, chart.x - 3, chart.y + (index + 0.5) * step - 2.8, 8)
    return drawing


def _add_label(drawing: Drawing, text: str, right: float, y: float, size: float) -> None:
    """One label in any script, right-aligned at `right`: one String per font run."""
    visual = script.visual_line(_short(text))
    runs = script.font_runs(visual)
    widths = [script.run_width(run, font, size) for run, font in runs]
    x = right - sum(widths)
    for (run, font), width in zip(runs, widths, strict=True):
        drawing.add(String(x, y, run, fontName=font, fontSize=scaled_size(font, size)))
        x += width


def _section(title: str, chart: Drawing, note: str = "") -> Flowable:
    parts: list[Flowable] = [ScriptText(title, H2)]
    if note:
        parts.append(ScriptText(note, SMALL))
    parts.append(chart)
    return KeepTogether(parts)


def statistics_story(data: StatisticsData) -> list[Flowable]:
    _ = translator(data.language)
    period = _("{start} to {end}").format(
        start=format_day(data.date_from, data.language) or _("the first screening"),
        end=format_day(data.date_to, data.language) or _("the last screening"),
    )
    story: list[Flowable] = [
        ScriptText(_("Anonymised statistics"), TITLE),
        ScriptText(_("Completed screenings from {period}.").format(period=period), BODY),
        ScriptText(
            _("Completed screenings: {count}").format(count=shown(data.total)),
            BODY.but(bold=True),
        ),
        ScriptText(
            _(
                "No case codes, aliases or notes are included. Counts under {threshold} are "
                'shown as "{suppressed}" so that nobody can be singled out; where a total '
                "would reveal such a count, one more count is hidden."
            ).format(threshold=data.threshold, suppressed=SUPPRESSED),
            SMALL,
        ),
        Spacer(1, 2 * mm),
        _section(_("Screenings per month"), month_chart(data, _)),
        _section(
            _("Assessment levels"),
            horizontal_chart(
                [label for _level, label, _count in data.levels],
                [count for _level, _label, count in data.levels],
                data.language,
                [LEVEL_BARS.get(level, BAR) for level, _label, _count in data.levels],
            )
            if data.levels
            else _no_data(_("No screenings in this period.")),
        ),
        _section(
            _("Most frequent indicators"),
            horizontal_chart(
                [title for _id, title, _online, _count in data.indicators],
                [count for _id, _title, _online, count in data.indicators],
                data.language,
            )
            if data.indicators
            else _no_data(_("No indicator was raised often enough to be shown.")),
            _("How many screenings raised each indicator."),
        ),
        _section(
            _("Online and other indicators"),
            horizontal_chart(
                [_("Online indicators"), _("Other indicators")],
                [data.online, data.offline],
                data.language,
                [BAR, colors.HexColor("#8fb3cf")],
            ),
            _("Raised indicators specific to online recruitment or exploitation, and the rest."),
        ),
    ]
    return story


def statistics_pdf(data: StatisticsData) -> bytes:
    _ = translator(data.language)
    decoration = PageDecoration(
        header_left=_("Anonymised statistics"),
        header_right="Free2Link Desktop",
        footer_left=format_day(data.generated, data.language),
        footer_center="",
        page_label=_("Page {page} of {pages}"),
        confidential=False,
    )
    return render(
        statistics_story(data),
        title=_("Anonymised statistics"),
        decoration=decoration,
        language=data.language,
    )
