"""The referral report: what a partner organisation needs to act, and nothing more.

`referral_pdf(data, password=None) -> bytes`. The cover names the case by its code, the
recipient, the sender, the date, the document id and the consent status; then the screenings
(assessment, advice, raised indicators by dimension with the answers behind them and their
sources) and the chosen notes. Every page carries "confidential", the page number and a short
fingerprint of the content.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle

from free2link_desktop.core.cases import gender_label
from free2link_desktop.i18n import N_, is_rtl
from free2link_desktop.reports.flowables import Rule, ScriptText, TextStyle
from free2link_desktop.reports.fonts import SANS
from free2link_desktop.reports.layout import (
    ACCENT,
    MUTED,
    PAGE_HEIGHT,
    WARNING,
    PageDecoration,
    Translate,
    format_day,
    format_moment,
    render,
    translator,
)
from free2link_desktop.reports.model import (
    IndicatorEntry,
    ReferralData,
    ScreeningSection,
    short_fingerprint,
)

TITLE = TextStyle(size=20, bold=True, color=ACCENT, space_after=2, leading=1.3)
SUBTITLE = TextStyle(size=10.5, color=MUTED, space_after=10)
H1 = TextStyle(size=14, bold=True, color=ACCENT, space_before=6, space_after=4, leading=1.3)
H2 = TextStyle(size=11.5, bold=True, color=colors.black, space_before=8, space_after=2)
H3 = TextStyle(size=10, bold=True, color=ACCENT, space_before=6, space_after=2)
BODY = TextStyle(size=9.5)
SMALL = TextStyle(size=8, color=MUTED, space_after=2)
LABEL = TextStyle(size=8.5, bold=True, color=MUTED, space_after=0)
VALUE = TextStyle(size=9.5, space_after=0)
CODE = TextStyle(size=22, bold=True, color=colors.black, space_after=0, leading=1.25)

LEVEL_COLOURS = {
    "high": colors.HexColor("#f6d5d5"),
    "medium": colors.HexColor("#fbe7c6"),
    "low": colors.HexColor("#fdf6c9"),
    "none": colors.HexColor("#e3ecf3"),
}
#: Whole phrases, not "{strength} indicator": the adjective agrees with "indicator" in gender
#: and stands before or after it depending on the language.
STRENGTH_PHRASES = {
    "strong": N_("strong indicator"),
    "medium": N_("medium indicator"),
    "weak": N_("weak indicator"),
}
FIELD_NAMES = {
    "alias": N_("Alias"),
    "birth_year": N_("Year of birth"),
    "gender": N_("Gender"),
    "nationality": N_("Nationality"),
    "languages": N_("Languages"),
    "centre": N_("Centre"),
    "notes": N_("Case notes"),
}
LABEL_WIDTH = 42 * mm


@dataclass(frozen=True)
class Styles:
    """The styles of the report's own words. In a right-to-left report they are laid out right
    to left whatever they contain (a label, a byline); what people wrote keeps its own
    direction (BODY, VALUE)."""

    title: TextStyle
    subtitle: TextStyle
    h1: TextStyle
    h2: TextStyle
    h3: TextStyle
    body: TextStyle
    small: TextStyle
    label: TextStyle
    code: TextStyle
    value: TextStyle
    rtl: bool

    @classmethod
    def for_direction(cls, rtl: bool) -> Styles:
        return cls(
            title=TITLE.directed(rtl),
            subtitle=SUBTITLE.directed(rtl),
            h1=H1.directed(rtl),
            h2=H2.directed(rtl),
            h3=H3.directed(rtl),
            body=BODY.directed(rtl),
            small=SMALL.directed(rtl),
            label=LABEL.directed(rtl),
            code=CODE.but(align="end") if rtl else CODE,
            # values keep their own direction but sit against the label
            value=VALUE.but(align="right") if rtl else VALUE,
            rtl=rtl,
        )


def _rows(rows: list[tuple[str, str]], st: Styles) -> Table:
    """A two-column label/value table (mirrored right to left); empty values are left out."""
    cells = [
        [ScriptText(label, st.label), ScriptText(value, st.value)] for label, value in rows if value
    ]
    widths: list[float | None] = [LABEL_WIDTH, None]
    if st.rtl:
        cells = [row[::-1] for row in cells]
        widths.reverse()
    table = Table(cells, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SANS),  # else reportlab sets Helvetica
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6 if st.rtl else 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0 if st.rtl else 6),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#d5dbe1")),
            ]
        )
    )
    return table


def _heading(text: str, style: TextStyle) -> ScriptText:
    flowable = ScriptText(text, style)
    flowable.keepWithNext = True
    return flowable


def _cover(data: ReferralData, _: Translate, st: Styles) -> list[Flowable]:
    case, recipient, sender, consent = data.case, data.recipient, data.sender, data.consent
    language = data.language
    story: list[Flowable] = [
        ScriptText(_("Referral report"), st.title),
        ScriptText(
            _("Confidential. Prepared for {recipient} only.").format(recipient=recipient.name),
            st.subtitle.but(space_after=2),
        ),
        ScriptText(
            _(
                "This report holds sensitive personal data. Use it only to provide support to "
                "the person named by the case code, keep it in a safe place, do not forward it, "
                "and destroy it when it is no longer needed."
            ),
            st.small.but(space_after=8),
        ),
        ScriptText(_("Case code"), st.label),
        ScriptText(case.code, st.code),
        Spacer(1, 4 * mm),
        _heading(_("To"), st.h2),
        _rows(
            [
                (_("Organisation"), recipient.name),
                (_("Country"), recipient.country),
                (_("Services"), "\n".join("• " + service for service in recipient.services)),
                (_("Languages"), ", ".join(recipient.languages)),
                (_("Phone"), recipient.phone),
                (_("Email"), recipient.email),
                (_("Address"), recipient.address),
            ],
            st,
        ),
        _heading(_("From"), st.h2),
        _rows(
            [
                (_("Organisation"), sender.organisation),
                (_("Centre"), sender.centre or ""),
                (_("Coordinator"), sender.coordinator),
                (_("Contact"), sender.contact),
            ],
            st,
        ),
        _heading(_("Document"), st.h2),
        _rows(
            [
                (_("Date"), format_day(data.created, language)),
                (_("Document ID"), data.document_id),
                (_("Fingerprint"), short_fingerprint(data.fingerprint())),
            ],
            st,
        ),
        _heading(_("Consent"), st.h2),
    ]
    if consent.given:
        text = _("The person consented to this referral on {date}.").format(
            date=format_day(consent.date, language) or _("an unrecorded date")
        )
        if consent.language:
            text += " " + _("Consent was explained in: {language}.").format(
                language=consent.language
            )
        story.append(ScriptText(text, st.body))
    else:
        refused = consent.given is False
        text = (
            _("The person did not consent to a referral.")
            if refused
            else _("No consent to this referral has been recorded.")
        )
        if consent.override:
            text += " " + _(
                "The coordinator exported this report anyway; the override is recorded in the "
                "audit log."
            )
        story.append(ScriptText(text, st.body.but(bold=True, color=WARNING)))
    story.append(_heading(_("The person"), st.h2))
    story.append(
        _rows(
            [
                (_("Case code"), case.code),
                (_("Alias"), case.alias or ""),
                (_("Year of birth"), str(case.birth_year) if case.birth_year else ""),
                (_("Gender"), gender_label(case.gender, _)),
                (_("Nationality"), case.nationality or ""),
                (_("Languages"), ", ".join(case.languages)),
                (_("Centre"), case.centre or ""),
            ],
            st,
        )
    )
    withheld = [_(FIELD_NAMES[name]) for name in FIELD_NAMES if name in data.redactions]
    if withheld:
        story.append(Spacer(1, 2 * mm))
        story.append(
            ScriptText(
                _("Withheld from this report: {fields}.").format(fields=", ".join(withheld)),
                st.small,
            )
        )
    return story


def _indicator(
    entry: IndicatorEntry, _: Translate, st: Styles, heading: Flowable | None = None
) -> list[Flowable]:
    """One indicator as a block kept on one page, with its dimension heading if it is the
    first of the dimension (reportlab's keepWithNext cannot join a KeepTogether)."""
    meta = _(STRENGTH_PHRASES.get(entry.strength, entry.strength))
    if entry.online:
        meta += " · " + _("online")
    parts: list[Flowable] = [heading] if heading is not None else []
    parts += [
        ScriptText("• " + entry.title, BODY.but(bold=True, space_after=0, indent=2 * mm)),
        ScriptText(meta, st.small.but(indent=5 * mm, space_after=1)),
    ]
    for answer in entry.answers:
        parts.append(ScriptText(answer.question, BODY.but(space_after=0, indent=5 * mm)))
        parts.append(
            ScriptText("→ " + answer.answer, BODY.but(bold=True, indent=9 * mm, space_after=2))
        )
    if entry.sources:
        parts.append(
            ScriptText(
                _("Sources: {sources}").format(sources="; ".join(entry.sources)),
                st.small.but(indent=5 * mm, space_after=4),
            )
        )
    return [KeepTogether(parts)]


def _screening(
    screening: ScreeningSection, language: str, _: Translate, st: Styles
) -> list[Flowable]:
    title = _("{title}, version {version}").format(
        title=screening.questionnaire_title, version=screening.version
    )
    meta = [format_day(screening.date, language)]
    if screening.interviewer:
        meta.append(_("Interviewer: {name}").format(name=screening.interviewer))
    if screening.interviewee_language:
        meta.append(
            _("Interview language: {language}").format(language=screening.interviewee_language)
        )
    if screening.status != "completed":
        meta.append(_("Not completed"))
    background = LEVEL_COLOURS.get(screening.level, LEVEL_COLOURS["none"])
    box = st.body.but(background=background, padding=5, space_after=0, bold=True)
    head: list[Flowable] = [
        ScriptText(title, st.h2),
        ScriptText(" · ".join(meta), st.small),
        ScriptText(_("Assessment: {label}").format(label=screening.label), box),
    ]
    if screening.advice:
        head.append(ScriptText(screening.advice, BODY.but(background=background, padding=5)))
    story: list[Flowable] = [KeepTogether(head)]
    if screening.urgent:
        story.append(
            ScriptText(
                _("An urgent situation was flagged during this interview."),
                st.body.but(bold=True, color=WARNING),
            )
        )
    raised = [dimension for dimension in screening.dimensions if dimension.indicators]
    if not raised:
        story.append(ScriptText(_("No indicators were raised."), st.body.but(space_before=4)))
    for dimension in raised:
        for index, entry in enumerate(dimension.indicators):
            heading = ScriptText(dimension.title, st.h3) if index == 0 else None
            story.extend(_indicator(entry, _, st, heading))
    return story


def _notes(data: ReferralData, _: Translate, st: Styles) -> list[Flowable]:
    story: list[Flowable] = [_heading(_("Case notes"), st.h1)]
    for note in data.notes:
        # in a right-to-left report a mark after the (Latin) user name keeps the date's
        # numbers from joining the name's left-to-right run
        mark = "\u200f" if st.rtl else ""
        byline = f"{note.author}{mark} · {format_moment(note.written, data.language)}"
        story.append(
            KeepTogether(
                [
                    ScriptText(byline, st.small.but(space_before=4, space_after=1)),
                    ScriptText(note.text, BODY),
                    Rule(space=2),
                ]
            )
        )
    return story


def referral_story(data: ReferralData) -> list[Flowable]:
    """The flowables of the report (redaction already applied by the caller)."""
    _ = translator(data.language)
    st = Styles.for_direction(is_rtl(data.language))
    story = _cover(data, _, st)
    if data.screenings:
        # a new page for the screenings, unless the cover already ran onto a second page
        story.append(CondPageBreak(PAGE_HEIGHT * 0.55))
        story.append(_heading(_("Screenings"), st.h1))
        for screening in data.screenings:
            story.extend(_screening(screening, data.language, _, st))
            story.append(Spacer(1, 4 * mm))
    if data.notes:
        story.append(Spacer(1, 4 * mm))
        story.extend(_notes(data, _, st))
    return story


def referral_pdf(data: ReferralData, password: str | None = None) -> bytes:
    """The referral report as PDF bytes; with `password`, encrypted with AES-256."""
    data = data.redacted()
    _ = translator(data.language)
    decoration = PageDecoration(
        header_left=_("CONFIDENTIAL"),
        header_right=_("Referral report · case {code} · for {recipient}").format(
            code=data.case.code, recipient=data.recipient.name
        ),
        footer_left=_("Confidential"),
        footer_center=_("Document {id} · fingerprint {fingerprint}").format(
            id=data.document_id, fingerprint=short_fingerprint(data.fingerprint())
        ),
        page_label=_("Page {page} of {pages}"),
        rtl=is_rtl(data.language),
    )
    return render(
        referral_story(data),
        title=_("Referral report"),
        decoration=decoration,
        password=password,
        language=data.language,
    )
