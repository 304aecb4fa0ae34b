"""The urgent panel: whom to call now, when an answer shows immediate danger.

It opens over the question when a question's `urgent` expression holds. The European emergency
number 112 always comes first (it works in every country the tool serves, from any phone), then
the directory's emergency entries for the centre's country, then its other entries, each with
its verification date so staff know how fresh the number is, and the centre's own contact.

It is an alert, not a dialog to click away: the same Enter that moves to the next question must
not close it unread. So nothing is preselected and no button is the default; the interviewer
first says what was done (called, referred, the person declined, or the answer was a mistake),
which is recorded in the case, and only then can continue or stop. Escape does nothing here.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import partial
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QAccessibleInterface,
    QColor,
    QKeySequence,
    QPalette,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAccessibleWidget,
    QButtonGroup,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from free2link_desktop.i18n import _
from free2link_desktop.services.screenings import URGENT_ACTIONS
from free2link_desktop.ui.interview.answers import scaled_font
from free2link_desktop.ui.interview.texts import is_rtl, ltr_isolate, pick

EMERGENCY_NUMBER = "112"
T = TypeVar("T")


def ordered_entries(organisations: Sequence[T]) -> list[T]:
    """Emergency entries first, the rest in the directory's order."""
    emergency = [o for o in organisations if getattr(o, "emergency", False)]
    others = [o for o in organisations if not getattr(o, "emergency", False)]
    return emergency + others


def alert_red(palette: QPalette) -> QColor:
    """A red with at least 4.5:1 contrast on the panel's background, light or dark."""
    dark = palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5
    return QColor("#ff8a80") if dark else QColor("#b00020")


def _alert_interface(key: str, obj: QObject) -> QAccessibleInterface | None:
    """Screen readers announce the panel as an alert, not as one more frame."""
    if isinstance(obj, UrgentPanel):
        return QAccessibleWidget(obj, QAccessible.Role.AlertMessage, obj.title.text())
    return None


_factory_installed = False


def _install_alert_role() -> None:
    global _factory_installed
    if not _factory_installed:
        QAccessible.installFactory(_alert_interface)
        _factory_installed = True


class UrgentPanel(QFrame):
    """Numbers to call; what was done; then 'Continue the interview' or 'Stop the interview'.

    Both signals carry the recorded action's code (a key of services.screenings.URGENT_ACTIONS).
    """

    continue_requested = Signal(str)
    stop_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _install_alert_role()
        self.setObjectName("urgent_panel")
        self.setFrameShape(QFrame.Shape.Box)
        self.setLineWidth(3)
        self.setForegroundRole(QPalette.ColorRole.WindowText)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        red = alert_red(self.palette()).name()
        self.setStyleSheet(
            f"QFrame#urgent_panel {{ border: 3px solid {red}; }}"
            f"QLabel#urgent_title {{ color: {red}; }}"
        )
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        icon = QLabel(self)
        size = self.fontMetrics().height() * 2
        pixmap = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(pixmap.pixmap(size, size))
        self.title = QLabel(self)
        self.title.setFont(scaled_font(self.font(), 1.5, bold=True))
        self.title.setWordWrap(True)
        self.title.setObjectName("urgent_title")
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

        self.centre = QLabel(self)
        self.centre.setWordWrap(True)
        self.centre.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.actions_box = QGroupBox(self)
        actions_layout = QVBoxLayout(self.actions_box)
        self.action_group = QButtonGroup(self)
        self.action_buttons: dict[str, QRadioButton] = {}
        for number, code in enumerate(URGENT_ACTIONS, start=1):
            button = QRadioButton(self.actions_box)
            self.action_group.addButton(button)
            self.action_buttons[code] = button
            actions_layout.addWidget(button)
            # a digit picks the numbered choice, as on every list in the interview
            key = QShortcut(
                QKeySequence(str(number)),
                self,
                context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
            )
            key.activated.connect(partial(self._choose, code))
        self.action_group.buttonToggled.connect(lambda _button, _on: self._update_buttons())
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.hide()

        buttons = QHBoxLayout()
        self.continue_button = QPushButton(self)
        self.stop_button = QPushButton(self)
        for push in (self.continue_button, self.stop_button):
            push.setAutoDefault(False)
            push.setDefault(False)
            push.setMinimumHeight(push.fontMetrics().height() * 2)
        buttons.addWidget(self.continue_button)
        buttons.addStretch(1)
        buttons.addWidget(self.stop_button)
        self.continue_button.clicked.connect(lambda: self._request(self.continue_requested))
        self.stop_button.clicked.connect(lambda: self._request(self.stop_requested))

        layout.addLayout(header)
        layout.addWidget(self.reason)
        layout.addWidget(self.emergency)
        layout.addWidget(self.centre)
        layout.addWidget(self.entries, 1)
        layout.addWidget(self.actions_box)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self._centre_contact = ""
        self._organisations: list[object] = []
        self._country = ""
        self._language = "en"
        self._question_text = ""
        self.retranslateUi()

    def show_for(
        self,
        organisations: Sequence[object],
        country: str,
        language: str,
        question_text: str,
        centre_contact: str = "",
    ) -> None:
        self._organisations = ordered_entries(organisations)
        self._country = country
        self._language = language
        self._question_text = question_text
        self._centre_contact = centre_contact
        self.action_group.setExclusive(False)
        for button in self.action_buttons.values():
            button.setChecked(False)
        self.action_group.setExclusive(True)
        self.problem.hide()
        self.retranslateUi()
        self.show()
        self.raise_()
        self.focus_first_action()
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))

    def focus_first_action(self) -> None:
        """The focus starts on the choices, where Enter does nothing: no reflex closes this."""
        next(iter(self.action_buttons.values())).setFocus(Qt.FocusReason.OtherFocusReason)

    def _choose(self, code: str) -> None:
        button = self.action_buttons[code]
        button.setChecked(True)
        button.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def chosen_action(self) -> str | None:
        for code, button in self.action_buttons.items():
            if button.isChecked():
                return code
        return None

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def _request(self, signal: SignalInstance) -> None:
        action = self.chosen_action()
        if action is not None:
            signal.emit(action)

    def _update_buttons(self) -> None:
        chosen = self.chosen_action() is not None
        self.continue_button.setEnabled(chosen)
        self.stop_button.setEnabled(chosen)

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
        contact = self._centre_contact or _("not set — an administrator adds it in Settings")
        self.centre.setText(_("Your centre: {contact}").format(contact=contact))
        self.actions_box.setTitle(_("What was done? (recorded in the case)"))
        for number, (code, button) in enumerate(self.action_buttons.items(), start=1):
            button.setText(f"{number}. {_(URGENT_ACTIONS[code])}")
        self.continue_button.setText(_("Record and continue the interview"))
        self.stop_button.setText(_("Record and stop the interview"))
        self._update_buttons()
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
