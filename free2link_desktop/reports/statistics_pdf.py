"""The statistics PDF: four charts drawn with reportlab.graphics from suppressed aggregates.

A suppressed count is drawn as an empty bar labelled "<5"; every count shown stands for at least
the threshold of people (so is at least the threshold), so a bar of height zero can only mean
"suppressed".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from babel.numbers import format_decimal
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from free2link_desktop.i18n import is_rtl
from free2link_desktop.reports import text as script
from free2link_desktop.reports.flowables import ScriptText, TextStyle
from free2link_desktop.reports.fonts import SANS, scaled_size
from free2link_desktop.reports.layout import (
    ACCENT,
    MUTED,
    PageDecoration,
    Translate,
    babel_locale,
    fit,
    format_day,
    render,
    translator,
)
from free2link_desktop.reports.statistics import (
    SUPPRESSED,
    StatisticsData,
    shown,
    suppression_note,
)

TITLE = TextStyle(size=20, bold=True, color=ACCENT, leading=1.3, space_after=4)
H2 = TextStyle(size=12, bold=True, color=ACCENT, space_before=5, space_after=2)
BODY = TextStyle(size=9.5, space_after=3)
SMALL = TextStyle(size=8.5, color=MUTED, space_after=3)
CHART_WIDTH = 170 * mm
LABEL_COLUMN = 75 * mm  # the category labels of a horizontal bar chart
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


def _scale(axis: Any, values: Sequence[int]) -> None:
    """The count axis from 0. With every bar hidden (or small) its ticks step by 5, so a page of
    "<5" marks does not also print 1, 2, 3, 4 that a reader could take for counts."""
    axis.valueMin = 0
    axis.valueMax = _axis_max(values)
    if max(values, default=0) <= 8:
        axis.valueMax, axis.valueStep = 10, 5


def _drawing(width: float, height: float, rtl: bool) -> Drawing:
    """A Drawing whose initial font is ours (reportlab's default, Helvetica, is not embedded),
    set against the margin where lines start: the right one in a right-to-left report."""
    drawing = Drawing(width, height, initialFontName=SANS)
    drawing.hAlign = "RIGHT" if rtl else "LEFT"
    return drawing


def _no_data(message: str, rtl: bool) -> Drawing:
    drawing = _drawing(CHART_WIDTH, 14 * mm, rtl)
    edge, align = (CHART_WIDTH, "right") if rtl else (0.0, "left")
    _add_label(drawing, message, edge, 6 * mm, 9, align=align, rtl=rtl, color=MUTED)
    return drawing


def month_chart(data: StatisticsData, _: Translate, rtl: bool = False) -> Drawing:
    """Screenings per month. Right to left, time runs from the right and the count axis
    stands on the right, as an Arabic reader scans a chart."""
    if not data.by_month:
        return _no_data(_("No screenings in this period."), rtl)
    drawing = _drawing(CHART_WIDTH, 52 * mm, rtl)
    chart = VerticalBarChart()
    # types-reportlab declares a chart's x, y, width and height int; reportlab takes floats
    chart.x, chart.y = (4 * mm if rtl else 12 * mm), 12 * mm  # type: ignore[assignment]
    chart.width, chart.height = CHART_WIDTH - 16 * mm, 37 * mm  # type: ignore[assignment]
    values = _values([count for _month, count in data.by_month])
    chart.data = [values]
    chart.categoryAxis.categoryNames = [month for month, _count in data.by_month]
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = 7
    if len(values) > 12:
        # slanted so they fit; right to left they hang from the tick the other way round
        chart.categoryAxis.labels.angle = -45 if rtl else 45
        chart.categoryAxis.labels.boxAnchor = "nw" if rtl else "ne"
    _scale(chart.valueAxis, values)
    chart.valueAxis.labels.fontName = SANS
    chart.valueAxis.labels.fontSize = 7
    if rtl:
        chart.categoryAxis.reverseDirection = 1
        chart.valueAxis.joinAxisMode = "right"
        chart.valueAxis.tickLeft, chart.valueAxis.tickRight = 0, 5
        chart.valueAxis.labels.boxAnchor = "w"
        chart.valueAxis.labels.dx = 5
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
    """One bar per label, the first at the top. Left to right the labels stand left of the
    axis and the bars grow to the right; right to left, the mirror image."""
    rtl = is_rtl(language)
    height = max(len(labels), 1) * 6.5 * mm + 10 * mm
    drawing = _drawing(CHART_WIDTH, height, rtl)
    chart = HorizontalBarChart()
    # types-reportlab declares a chart's x, y, width and height int; reportlab takes floats
    chart.x = 12 * mm if rtl else LABEL_COLUMN + 3 * mm  # type: ignore[assignment]
    chart.y = 6 * mm  # type: ignore[assignment]
    chart.width = CHART_WIDTH - LABEL_COLUMN - 15 * mm  # type: ignore[assignment]
    chart.height = height - 10 * mm  # type: ignore[assignment]
    values = _values(counts)
    # reportlab draws the first category at the bottom: reverse so the list reads top-down
    chart.data = [list(reversed(values))]
    # the labels are drawn by us, run by run, so a label in any script gets its fonts
    chart.categoryAxis.categoryNames = ["" for _label in labels]
    chart.categoryAxis.labels.fontName = SANS  # unused, but reportlab would set Helvetica
    _scale(chart.valueAxis, values)
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
    if rtl:
        # a reversed axis makes reportlab treat the bars as negative: it flips their count
        # labels to the outer (left) end itself, but not the "<5" of an empty bar
        chart.valueAxis.reverseDirection = 1
        chart.categoryAxis.tickLeft, chart.categoryAxis.tickRight = 0, 5
        for index, value in enumerate(reversed(values)):
            if not value:
                chart.barLabels[(0, index)].boxAnchor = "e"
                chart.barLabels[(0, index)].dx = -3
    drawing.add(chart)
    step = chart.height / max(len(labels), 1)
    edge, align = (chart.x + chart.width + 3, "left") if rtl else (chart.x - 3, "right")
    for index, label in enumerate(reversed(labels)):
        y = chart.y + (index + 0.5) * step - 2.8
        _add_label(drawing, label, edge, y, 8, align=align, rtl=rtl, width=LABEL_COLUMN)
    return drawing


def _add_label(
    drawing: Drawing,
    text: str,
    x: float,
    y: float,
    size: float,
    *,
    align: str,
    rtl: bool,
    width: float | None = None,
    color: colors.Color = colors.black,
) -> None:
    """One label in any script, one String per font run, its `align` edge at `x`. In a
    right-to-left report a label in right-to-left script reads right to left whatever it
    starts with (as `TextStyle.direction` does for paragraphs)."""
    if width is not None:
        text = fit(text, width, size)
    visual = script.visual_line(text, True if rtl and script.has_rtl(text) else None)
    runs = script.font_runs(visual)
    widths = [script.run_width(run, font, size) for run, font in runs]
    if align == "right":
        x -= sum(widths)
    for (run, font), run_width in zip(runs, widths, strict=True):
        drawing.add(
            String(x, y, run, fontName=font, fontSize=scaled_size(font, size), fillColor=color)
        )
        x += run_width


def _section(title: str, chart: Drawing, rtl: bool, note: str = "") -> Flowable:
    parts: list[Flowable] = [ScriptText(title, H2.directed(rtl))]
    if note:
        parts.append(ScriptText(note, SMALL.directed(rtl)))
    parts.append(chart)
    return KeepTogether(parts)


def _isolated(symbol: str, rtl: bool) -> str:
    """`symbol` kept left to right inside a right-to-left sentence, so that "<5" reads as the
    charts print it instead of being reordered into "5<"."""
    return f"\u2066{symbol}\u2069" if rtl else symbol


def statistics_story(data: StatisticsData) -> list[Flowable]:
    _ = translator(data.language)
    rtl = is_rtl(data.language)
    period = _("{start} to {end}").format(
        start=format_day(data.date_from, data.language) or _("the first screening"),
        end=format_day(data.date_to, data.language) or _("the last screening"),
    )
    story: list[Flowable] = [
        ScriptText(_("Anonymised statistics"), TITLE.directed(rtl)),
        ScriptText(
            _("Completed screenings from {period}.").format(period=period), BODY.directed(rtl)
        ),
        ScriptText(
            _("Completed screenings: {count}").format(count=_isolated(shown(data.total), rtl)),
            BODY.but(bold=True).directed(rtl),
        ),
        ScriptText(_("No case codes, aliases or notes are included."), SMALL.directed(rtl)),
        ScriptText(suppression_note(data, _, _isolated(SUPPRESSED, rtl)), SMALL.directed(rtl)),
        Spacer(1, 2 * mm),
        _section(_("Screenings per month"), month_chart(data, _, rtl), rtl),
        _section(
            _("Assessment levels"),
            horizontal_chart(
                [label for _level, label, _count in data.levels],
                [count for _level, _label, count in data.levels],
                data.language,
                [LEVEL_BARS.get(level, BAR) for level, _label, _count in data.levels],
            )
            if data.levels
            else _no_data(_("No screenings in this period."), rtl),
            rtl,
        ),
        _section(
            _("Most frequent indicators"),
            horizontal_chart(
                [title for _id, title, _online, _count in data.indicators],
                [count for _id, _title, _online, count in data.indicators],
                data.language,
            )
            if data.indicators
            else _no_data(_("No indicator was raised often enough to be shown."), rtl),
            rtl,
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
            rtl,
            _(
                "Screenings that raised at least one indicator specific to online recruitment "
                "or exploitation, and screenings that raised at least one other indicator."
            ),
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
        rtl=is_rtl(data.language),
    )
    return render(
        statistics_story(data),
        title=_("Anonymised statistics"),
        decoration=decoration,
        language=data.language,
    )
