"""The urgent panel: whom to call now, when an answer shows immediate danger.

It opens over the question when a question's `urgent` expression holds. The European emergency
number 112 always comes first (it works in every country the tool serves, from any phone), then
the directory's emergency entries for the centre's country, then its other entries, each with
its verification date so staff know how fresh the number is. The interviewer chooses to carry on
or to stop; nothing here is decided for them.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from free2link_desktop.i18n import _
from free2link_desktop.ui.interview.answers import scaled_font
from free2link_desktop.ui.interview.texts import is_rtl, ltr_isolate, pick

EMERGENCY_NUMBER = "112"


def ordered_entries(organisations: Sequence[object]) -> list[object]:
    """Emergency entries first, the rest in the directory's order."""
    emergency = [o for o in organisations if getattr(o, "emergency", False)]
    others = [o for o in organisations if not getattr(o, "emergency", False)]
    return emergency + others


class UrgentPanel(QFrame):
    """Numbers to call, with 'Continue the interview' and 'Stop the interview'."""

    continue_requested = Signal()
    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.Box)
        self.setLineWidth(3)
        self.setForegroundRole(QPalette.ColorRole.WindowText)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        icon = QLabel(self)
        size = self.fontMetrics().height() * 2
        pixmap = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(pixmap.pixmap(size, size))
        self.title = QLabel(self)
        self.title.setFont(scaled_font(self.font(), 1.5, bold=True))
        self.title.setWordWrap(True)
        header.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.title, 1)
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        self.emergency = QLabel(self)
        self.emergency.setFont(scaled_font(self.font(), 1.4, bold=True))
        self.emergency.setWordWrap(True)
        self.emergency.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.entries = QTextBrowser(self)
        self.entries.setFrameShape(QFrame.Shape.NoFrame)
        self.entries.setOpenLinks(False)
        self.entries.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        buttons = QHBoxLayout()
        self.continue_button = QPushButton(self)
        self.continue_button.setAutoDefault(True)
        self.stop_button = QPushButton(self)
        self.stop_button.setAutoDefault(True)
        for button in (self.continue_button, self.stop_button):
            button.setMinimumHeight(button.fontMetrics().height() * 2)
        buttons.addWidget(self.continue_button)
        buttons.addStretch(1)
        buttons.addWidget(self.stop_button)
        self.continue_button.clicked.connect(self.continue_requested)
        escape = QShortcut(
            QKeySequence("Escape"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        escape.activated.connect(self.continue_requested)
        self.stop_button.clicked.connect(self.stop_requested)

        layout.addLayout(header)
        layout.addWidget(self.reason)
        layout.addWidget(self.emergency)
        layout.addWidget(self.entries, 1)
        layout.addLayout(buttons)
        self._organisations: list[object] = []
        self._country = ""
        self._language = "en"
        self._question_text = ""
        self.retranslateUi()

    def show_for(
        self, organisations: Sequence[object], country: str, language: str, question_text: str
    ) -> None:
        self._organisations = ordered_entries(organisations)
        self._country = country
        self._language = language
        self._question_text = question_text
        self.retranslateUi()
        self.show()
        self.raise_()
        self.continue_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def entries_text(self) -> str:
        """What the panel lists, as plain text (for tests and screen readers)."""
        return self.entries.accessibleDescription()

    def retranslateUi(self) -> None:
        self.title.setText(_("Urgent: the person may need help now"))
        self.setAccessibleName(self.title.text())
        self.reason.setText(
            _(
                "The answer to “{question}” calls for immediate action. Agree with the person what "
                "happens next; call for help if they are in danger."
            ).format(question=self._question_text)
        )
        self.emergency.setText(
            _("Emergency (police, ambulance, fire): {number}").format(number=EMERGENCY_NUMBER)
        )
        self.emergency.setAccessibleName(self.emergency.text())
        self.continue_button.setText(_("Continue the interview"))
        self.stop_button.setText(_("Stop the interview"))
        self._fill_entries()

    def _fill_entries(self) -> None:
        blocks: list[str] = []
        plain: list[str] = []
        for org in self._organisations:
            name = pick(getattr(org, "name", None), self._language)
            phones = ", ".join(getattr(org, "phone", ()) or ())
            if name == "" or (phones == EMERGENCY_NUMBER and getattr(org, "emergency", False)):
                continue
            lines = [f"<b>{html.escape(name)}</b>"]
            plain_lines = [name]
            if phones:
                phone_line = _("Phone: {numbers}").format(numbers=phones)
                isolated = ", ".join(ltr_isolate(p) for p in getattr(org, "phone", ()))
                shown = _("Phone: {numbers}").format(numbers=isolated)
                lines.append(f"<big><b>{html.escape(shown)}</b></big>")
                plain_lines.append(phone_line)
            for service in getattr(org, "services", ()):
                lines.append("• " + html.escape(pick(service, self._language)))
            hours = pick(getattr(org, "hours", None), self._language)
            if hours:
                lines.append(html.escape(_("Hours: {hours}").format(hours=hours)))
            languages = ", ".join(getattr(org, "languages", ()) or ())
            if languages:
                lines.append(html.escape(_("Languages: {languages}").format(languages=languages)))
            verified = getattr(org, "verified", None)
            if verified:
                lines.append(
                    "<i>"
                    + html.escape(_("Verified {date}").format(date=verified.isoformat()))
                    + "</i>"
                )
            blocks.append("<br>".join(lines))
            plain.append(" — ".join(plain_lines))
        if not blocks:
            text = _("The directory has no entries for this centre's country ({country}).").format(
                country=self._country or _("not set")
            )
            blocks.append(html.escape(text))
            plain.append(text)
        # each line its own paragraph in the staff language's direction, so a line that starts
        # with a Latin name still lines up with the Arabic around it
        direction = "rtl" if is_rtl(self._language) else "ltr"
        paragraphs = []
        for block in blocks:
            for line in block.split("<br>"):
                paragraphs.append(f'<p dir="{direction}" style="margin:0">{line}</p>')
            paragraphs.append('<p style="margin:0">&nbsp;</p>')
        self.entries.setHtml("".join(paragraphs))
        self.entries.setAccessibleName(_("Whom to call"))
        self.entries.setAccessibleDescription("\n".join(plain))
