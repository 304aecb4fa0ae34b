"""Flowables that draw text in any script: our own wrapping, per-line bidi, font per run.

reportlab's Paragraph breaks lines itself and cannot be told to reorder each line after the
break, so a wrapped Arabic paragraph would come out with its lines in the wrong word order.
`ScriptText` measures and breaks the shaped text itself (see text.py) and draws each visual line
run by run; it can be split across pages like a Paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable

from free2link_desktop.reports import text as script
from free2link_desktop.reports.fonts import scaled_size

Color = Any  # reportlab colour objects are untyped
RULE_GREY = colors.HexColor("#9aa5b1")


@dataclass(frozen=True)
class TextStyle:
    """What a paragraph looks like. `align` is 'start' (left, or right for right-to-left
    text), 'end' or 'center'. `leading` is a multiple of the size."""

    size: float = 9.5
    leading: float = 1.45
    bold: bool = False
    color: Color = colors.black
    align: str = "start"
    space_before: float = 0.0
    space_after: float = 3.0
    indent: float = 0.0
    background: Color | None = None
    padding: float = 0.0
    #: 'rtl' for the report's own words in a right-to-left report: right to left whatever
    #: they start with, as long as they hold right-to-left script (an untranslated English
    #: label stays left to right); None to take it from the text (what people wrote)
    direction: str | None = None

    def but(self, **changes: Any) -> TextStyle:
        return replace(self, **changes)

    def directed(self, rtl: bool) -> TextStyle:
        """This style for the report's own words in a report that reads right to left (or
        unchanged in a left-to-right one): one rule for every report, see `direction`."""
        return self.but(direction="rtl") if rtl else self


class ScriptText(Flowable):
    """A paragraph of plain text in any script (no markup).

    `direction` is 'ltr', 'rtl' or None (decided by the first strong character, falling back to
    `default_direction`).
    """

    def __init__(
        self,
        text: str,
        style: TextStyle | None = None,
        *,
        direction: str | None = None,
        default_direction: str = "ltr",
        _lines: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.text = text
        self.style = style or TextStyle()
        if direction is None and self.style.direction == "rtl" and script.has_rtl(text):
            direction = "rtl"  # a label of a right-to-left report (not one left in English)
        self.rtl = (direction or script.base_direction(text, default_direction)) == "rtl"
        self._lines = _lines
        self._fixed = _lines is not None  # a part of a split paragraph keeps its lines
        self._wrapped_for: float | None = None
        self.width = 0.0
        self.height = 0.0

    # -- layout ------------------------------------------------------------------------
    @property
    def line_height(self) -> float:
        # Arabic has taller ascenders and deeper descenders than Latin: give it more room.
        factor = 1.12 if script.has_arabic(self.text) else 1.0
        return self.style.size * self.style.leading * factor

    def _text_width(self, avail_width: float) -> float:
        return max(avail_width - self.style.indent - 2 * self.style.padding, self.style.size)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if not self._fixed and (self._lines is None or self._wrapped_for != avail_width):
            self._lines = list(
                script.wrap_logical(
                    self.text, self._text_width(avail_width), self.style.size, self.style.bold
                )
            )
            self._wrapped_for = avail_width
        assert self._lines is not None
        self.width = avail_width
        self.height = len(self._lines) * self.line_height + 2 * self.style.padding
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        assert self._lines is not None
        fits = int((avail_height - 2 * self.style.padding) // self.line_height)
        if fits >= len(self._lines):
            return [self]
        if fits < 2 or len(self._lines) - fits < 2:
            return []  # no widows or orphans of one line: move the paragraph on
        first = ScriptText(
            self.text,
            self.style.but(space_after=0),
            direction="rtl" if self.rtl else "ltr",
            _lines=self._lines[:fits],
        )
        rest = ScriptText(
            self.text,
            self.style.but(space_before=0),
            direction="rtl" if self.rtl else "ltr",
            _lines=self._lines[fits:],
        )
        return [first, rest]

    def getSpaceBefore(self) -> float:
        return self.style.space_before

    def getSpaceAfter(self) -> float:
        return self.style.space_after

    # -- drawing -----------------------------------------------------------------------
    def draw(self) -> None:
        canvas = self.canv
        style = self.style
        # the indent is on the side where the lines start: the right for right-to-left text
        start = 0.0 if self.rtl else style.indent
        if style.background is not None:
            canvas.setFillColor(style.background)
            canvas.rect(start, 0, self.width - style.indent, self.height, stroke=0, fill=1)
        canvas.setFillColor(style.color)
        left = start + style.padding
        available = self._text_width(self.width)
        top = self.height - style.padding
        for index, line in enumerate(self._lines or []):
            if not line:
                continue
            visual = script.to_visual(line, self.rtl)
            runs = script.font_runs(visual, style.bold)
            widths = [script.run_width(run, font, style.size) for run, font in runs]
            line_width = sum(widths)
            align = style.align
            if align == "start":
                align = "right" if self.rtl else "left"
            elif align == "end":
                align = "left" if self.rtl else "right"
            if align == "right":
                x = left + available - line_width
            elif align == "center":
                x = left + (available - line_width) / 2
            else:
                x = left
            baseline = top - index * self.line_height - style.size * 1.08
            for (run, font), run_width in zip(runs, widths, strict=True):
                canvas.setFont(font, scaled_size(font, style.size))
                canvas.drawString(x, baseline, run)
                x += run_width


class Rule(Flowable):
    """A thin horizontal line across the frame."""

    def __init__(self, color: Color = None, thickness: float = 0.6, space: float = 4.0) -> None:
        super().__init__()
        self.color = color if color is not None else RULE_GREY
        self.thickness = thickness
        self.space = space

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.thickness + 2 * self.space

    def draw(self) -> None:
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(self.thickness)
        y = self.space + self.thickness / 2
        self.canv.line(0, y, self.width, y)
