"""What every report page shares: A4 frame, header and footer, "page N of M", encryption.

The header and footer are drawn after the whole story is laid out (a canvas that keeps its pages
until `save`), so the footer can say "page 2 of 5". Labels are translated with a catalog loaded
for the report's language and passed in, never by switching the application's language: the GUI
listens to that switch and a report may be written on a worker thread.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from babel.dates import format_date, format_time
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from free2link_desktop.i18n import LANGUAGES, load_catalog
from free2link_desktop.reports import text as script
from free2link_desktop.reports.encryption import Aes256Encryption
from free2link_desktop.reports.fonts import SANS, register_fonts, scaled_size

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
TOP_MARGIN = 22 * mm
BOTTOM_MARGIN = 22 * mm
ACCENT = colors.HexColor("#1f4e79")
WARNING = colors.HexColor("#a61b1b")
MUTED = colors.HexColor("#5b6570")

Translate = Callable[[str], str]


@lru_cache(maxsize=8)
def translator(language: str) -> Translate:
    """`gettext` of the report language's catalog (English when there is none)."""
    return load_catalog(language if language in LANGUAGES else "en").gettext


def babel_locale(language: str) -> str:
    return language if language in LANGUAGES else "en"


def format_day(value: date | datetime | None, language: str) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return format_date(value, format="long", locale=babel_locale(language))


def format_moment(value: datetime | date, language: str) -> str:
    if not isinstance(value, datetime):
        return format_day(value, language)
    locale = babel_locale(language)
    day = format_date(value, format="medium", locale=locale)
    time = format_time(value, format="short", tzinfo=value.tzinfo, locale=locale)
    return f"{day}, {time}"


def fit(text: str, width: float, size: float, bold: bool = False) -> str:
    """`text` shortened with an ellipsis so that it is no wider than `width`."""
    if script.text_width(script.shape(text), size, bold) <= width:
        return text
    while text and script.text_width(script.shape(text + "…"), size, bold) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def draw_line(
    canvas: Canvas,
    text: str,
    x: float,
    y: float,
    *,
    size: float = 8.0,
    bold: bool = False,
    align: str = "left",
    color: Any = colors.black,
    max_width: float | None = None,
) -> float:
    """One line of text in any script at a fixed place; returns its width."""
    if max_width is not None:
        text = fit(text, max_width, size, bold)
    visual = script.visual_line(text)
    runs = script.font_runs(visual, bold)
    widths = [script.run_width(run, font, size) for run, font in runs]
    total = sum(widths)
    if align == "right":
        x -= total
    elif align == "center":
        x -= total / 2
    canvas.setFillColor(color)
    for (run, font), width in zip(runs, widths, strict=True):
        canvas.setFont(font, scaled_size(font, size))
        canvas.drawString(x, y, run)
        x += width
    return total


@dataclass(frozen=True)
class PageDecoration:
    """Texts of the running header and footer (already translated)."""

    header_left: str
    header_right: str
    footer_left: str
    footer_center: str
    page_label: str  # a template with {page} and {pages}
    confidential: bool = True  # the left texts in red (not for anonymised statistics)
    rtl: bool = False  # mirrored: the "left" texts on the right


def _decorate(canvas: Canvas, deco: PageDecoration, page: int, pages: int) -> None:
    canvas.saveState()
    top = PAGE_HEIGHT - 12 * mm
    start, end = (PAGE_WIDTH - MARGIN, MARGIN) if deco.rtl else (MARGIN, PAGE_WIDTH - MARGIN)
    start_align, end_align = ("right", "left") if deco.rtl else ("left", "right")
    left_colour = WARNING if deco.confidential else ACCENT
    width = PAGE_WIDTH - 2 * MARGIN
    used = draw_line(
        canvas,
        deco.header_left,
        start,
        top,
        size=8.5,
        bold=True,
        color=left_colour,
        align=start_align,
    )
    draw_line(
        canvas,
        deco.header_right,
        end,
        top,
        size=8,
        align=end_align,
        color=MUTED,
        max_width=width - used - 8 * mm,
    )
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(0.8)
    canvas.line(MARGIN, top - 3 * mm, PAGE_WIDTH - MARGIN, top - 3 * mm)
    bottom = 11 * mm
    canvas.setStrokeColor(colors.HexColor("#9aa5b1"))
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, bottom + 4.5 * mm, PAGE_WIDTH - MARGIN, bottom + 4.5 * mm)
    draw_line(
        canvas,
        deco.footer_left,
        start,
        bottom,
        size=7.5,
        bold=deco.confidential,
        color=WARNING if deco.confidential else MUTED,
        align=start_align,
    )
    draw_line(
        canvas,
        deco.footer_center,
        PAGE_WIDTH / 2,
        bottom,
        size=7,
        align="center",
        color=MUTED,
        max_width=width * 0.5,
    )
    label = deco.page_label.format(page=page, pages=pages)
    draw_line(canvas, label, end, bottom, size=7.5, align=end_align, color=MUTED)
    canvas.restoreState()


def _canvas_class(deco: PageDecoration | None) -> type[Canvas]:
    class DecoratedCanvas(Canvas):
        """Keeps every page until save() so the footer knows the page count."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # private; not in types-reportlab

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                if deco is not None:
                    _decorate(self, deco, number, total)
                super().showPage()
            super().save()

    return DecoratedCanvas


def encryption(password: str | None) -> Aes256Encryption | None:
    """AES-256 (revision 6) with `password` to open; printing and copying allowed."""
    return Aes256Encryption(password) if password else None


def render(
    story: Sequence[Flowable],
    *,
    title: str,
    decoration: PageDecoration | None,
    password: str | None = None,
    language: str = "en",
) -> bytes:
    """Lay out `story` on A4 pages and return the PDF."""
    register_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=title,
        author="",
        subject="",
        creator="Free2Link Desktop",
        lang=language,
        initialFontName=SANS,
        encrypt=encryption(password),
    )
    frame = Frame(
        doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body", showBoundary=0
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(list(story), canvasmaker=_canvas_class(decoration))
    return buffer.getvalue()
