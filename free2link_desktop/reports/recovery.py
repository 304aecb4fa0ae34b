"""The recovery sheet the set-up wizard offers to print: the key, where it belongs, what it is for.

One page. The key is printed large, in a monospaced font and in its groups so it can be typed back
without confusing characters; the warning that lost passwords plus a lost key mean lost data is
said plainly. No fingerprint of the key is printed (it would give away part of it).
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from free2link_desktop.i18n import is_rtl
from free2link_desktop.reports.flowables import ScriptText, TextStyle
from free2link_desktop.reports.fonts import MONO, SANS
from free2link_desktop.reports.layout import (
    ACCENT,
    MUTED,
    WARNING,
    PageDecoration,
    draw_line,
    format_moment,
    render,
    translator,
)

TITLE = TextStyle(size=20, bold=True, color=ACCENT, leading=1.3, space_after=4)
BODY = TextStyle(size=10, space_after=4)
LABEL = TextStyle(size=8.5, bold=True, color=MUTED, space_after=0)
WARN = TextStyle(
    size=10.5,
    bold=True,
    color=WARNING,
    background=colors.HexColor("#fbe9e9"),
    padding=6,
    space_after=8,
)
KEY_SIZE = 19.0
GROUPS_PER_LINE = 4


class KeyBlock(Flowable):
    """The recovery key in groups, large and monospaced, in a box."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.groups = [group for group in key.replace(" ", "-").split("-") if group]
        self.lines = [
            self.groups[i : i + GROUPS_PER_LINE]
            for i in range(0, len(self.groups), GROUPS_PER_LINE)
        ] or [[key]]
        self.line_height = KEY_SIZE * 1.7

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = len(self.lines) * self.line_height + 10 * mm
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(1.2)
        canvas.setFillColor(colors.HexColor("#f3f6f9"))
        canvas.roundRect(0, 0, self.width, self.height, 3 * mm, stroke=1, fill=1)
        canvas.setFillColor(colors.black)
        canvas.setFont(MONO, KEY_SIZE)
        for index, groups in enumerate(self.lines):
            text = "  ".join(groups)
            y = self.height - 5 * mm - (index + 1) * self.line_height + KEY_SIZE * 0.45
            canvas.drawCentredString(self.width / 2, y, text)


class WriteInLine(Flowable):
    """A label and a line to write on by hand."""

    def __init__(self, label: str, rtl: bool = False) -> None:
        super().__init__()
        self.label = label
        self.rtl = rtl

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, 9 * mm

    def draw(self) -> None:
        x, align = (self.width, "right") if self.rtl else (0.0, "left")
        width = draw_line(self.canv, self.label, x, 2 * mm, size=9.5, color=MUTED, align=align)
        self.canv.setStrokeColor(MUTED)
        self.canv.setLineWidth(0.5)
        if self.rtl:
            self.canv.line(0, 1.5 * mm, self.width - width - 3 * mm, 1.5 * mm)
        else:
            self.canv.line(width + 3 * mm, 1.5 * mm, self.width, 1.5 * mm)


def _numbered(steps: list[str], style: TextStyle, rtl: bool) -> Table:
    """A numbered list with a hanging indent (mirrored right to left)."""
    rows = [
        [ScriptText(f"{n}.", style), ScriptText(step, style)] for n, step in enumerate(steps, 1)
    ]
    widths: list[float | None] = [7 * mm, None]
    if rtl:
        rows = [row[::-1] for row in rows]
        widths.reverse()
    table = Table(rows, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SANS),  # else reportlab sets Helvetica
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def recovery_sheet_pdf(
    *,
    workspace_path: str,
    recovery_key: str,
    created: datetime,
    language: str = "en",
    workspace_id: str = "",
) -> bytes:
    """The recovery sheet as PDF bytes (never encrypted: it must open when all else is lost)."""
    _ = translator(language)
    rtl = is_rtl(language)

    def fixed(style: TextStyle) -> TextStyle:
        return style.but(direction="rtl") if rtl else style

    title, warn, label, body = fixed(TITLE), fixed(WARN), fixed(LABEL), fixed(BODY)
    value = BODY.but(align="right") if rtl else BODY
    story: list[Flowable] = [
        ScriptText(_("Free2Link recovery sheet"), title),
        ScriptText(
            _(
                "If every password and this recovery key are lost, the data in this workspace "
                "is lost for good. Nobody can recover it, not even the developers."
            ),
            warn,
        ),
        ScriptText(_("Workspace"), label),
        ScriptText(workspace_path, value.but(space_after=2)),
    ]
    if workspace_id:
        story += [ScriptText(_("Workspace ID"), label), ScriptText(workspace_id, value)]
    story += [
        ScriptText(_("Created"), label),
        ScriptText(format_moment(created, language), body.but(space_after=8)),
        ScriptText(_("Recovery key"), label.but(space_after=3)),
        KeyBlock(recovery_key),
        Spacer(1, 6 * mm),
        ScriptText(_("What to do with this sheet"), body.but(bold=True, color=ACCENT)),
    ]
    steps = [
        _("Keep it in a locked place away from the laptop, such as the office safe."),
        _("Do not photograph it, e-mail it or save it on the laptop."),
        _(
            'If someone forgets their password, an administrator chooses "Forgot password" on '
            "the unlock screen and types this key to set a new password."
        ),
        _("Anyone with this key and the laptop can reach all the data: guard it like the data."),
        _("Keep this sheet as long as the workspace is in use; then shred it."),
    ]
    story.append(_numbered(steps, body.but(space_after=3), rtl))
    story += [
        Spacer(1, 6 * mm),
        WriteInLine(_("Kept by:"), rtl),
        WriteInLine(_("Where:"), rtl),
        WriteInLine(_("Date:"), rtl),
    ]
    decoration = PageDecoration(
        header_left=_("CONFIDENTIAL"),
        header_right=_("Recovery sheet"),
        footer_left=_("Confidential"),
        footer_center="Free2Link Desktop",
        page_label=_("Page {page} of {pages}"),
        rtl=rtl,
    )
    return render(
        story, title=_("Free2Link recovery sheet"), decoration=decoration, language=language
    )
