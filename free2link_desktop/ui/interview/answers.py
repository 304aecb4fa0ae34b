"""One answer widget per question type; each says when the person has answered.

Every widget emits `answered(value)` with the value in the engine's form (SPEC 6.3: a string for
yes_no, single, text and date, an int for integer, a list of values for multiple) the moment an
answer is given; the screen saves it. Text, number and date answers are debounced so that a save
happens at most a second after the last keystroke, and `flush()` saves at once (before moving
on). `shortcuts()` lists the keys the screen binds while the widget is shown.

One meaning per key, on every question: Y, N, D and P always record Yes, No, Don't know and
Prefer not to answer (on yes/no questions, and on any choice option with those values), and a
digit always picks the option printed with that number in a list. Digits never answer a yes/no
question: on a list whose first option is "No debt", a habit of "1 = Yes" would record the
opposite of what was said.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCalendarWidget,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from free2link_desktop.core.questionnaire.answer_words import YES_NO_KEYS, YES_NO_VALUES
from free2link_desktop.i18n import N_, _
from free2link_desktop.ui.interview.choices import Choice, OptionRow

DEBOUNCE_MS = 700
YES_NO_LABELS: dict[str, str] = {
    "yes": N_("Yes"),
    "no": N_("No"),
    "dont_know": N_("Don't know"),
    "declined": N_("Prefer not to answer"),
}
Shortcut = tuple[tuple[str, ...], Callable[[], None]]


def scaled_font(base: QFont, factor: float, *, bold: bool = False) -> QFont:
    """A font `factor` times the (system-scaled) base size, so text grows with the system font."""
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * factor)
    elif base.pixelSize() > 0:
        font.setPixelSize(round(base.pixelSize() * factor))
    font.setBold(bold)
    return font


class AnswerWidget(QWidget):
    """The common face of every answer widget."""

    answered = Signal(object)
    #: Enter pressed in a typed answer: "this is my answer" (the screen checks urgency then)
    submitted = Signal()

    def set_value(self, value: Any) -> None:  # pragma: no cover - overridden
        """Show a saved answer without emitting `answered`."""

    def flush(self) -> None:
        """Emit a pending (debounced) answer now."""

    def shortcuts(self) -> list[Shortcut]:
        return []

    def focus_first(self) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslateUi(self) -> None:
        """Re-read every translated string (the staff language changed)."""


class _ChoiceButtons(AnswerWidget):
    """Shared by yes_no and single: exclusive checkable buttons, chosen by click or key."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._values: list[str] = []
        self._group.idClicked.connect(self._clicked)

    def _add(self, button: QAbstractButton, value: str) -> None:
        self._group.addButton(button, len(self._values))
        self._values.append(value)

    def _clicked(self, index: int) -> None:
        self._decorate()
        self.answered.emit(self._values[index])

    def choose(self, index: int) -> None:
        """Pick option `index` as a click would (used by the key shortcuts)."""
        button = self._group.button(index)
        if button is not None:
            button.setChecked(True)
            button.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self._clicked(index)

    def set_value(self, value: Any) -> None:
        for index, candidate in enumerate(self._values):
            self._group.button(index).setChecked(candidate == value)
        checked = self._group.checkedButton()
        if value not in self._values and checked is not None:
            self._group.setExclusive(False)
            checked.setChecked(False)
            self._group.setExclusive(True)
        self._decorate()

    def value(self) -> str | None:
        index = self._group.checkedId()
        return self._values[index] if index >= 0 else None

    def focus_first(self) -> None:
        button = self._group.checkedButton() or self._group.button(0)
        if button is not None:
            button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _decorate(self) -> None:
        """Subclasses mark the chosen button beyond colour (a tick), for every eye."""

    def letter_shortcuts(self) -> list[Shortcut]:
        """Y/N/D/P for the options whose values are yes, no, dont_know and declined."""
        return [
            ((YES_NO_KEYS[value],), partial(self.choose, index))
            for index, value in enumerate(self._values)
            if value in YES_NO_KEYS
        ]


class YesNoAnswer(_ChoiceButtons):
    """Four large buttons: Yes, No, Don't know, Prefer not to answer (keys Y N D P).

    Each button also shows the answer in the person's language (when it differs from the staff
    language), so they can read it or point at it.
    """

    def __init__(self, theirs: dict[str, str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theirs = theirs or {}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self._buttons: list[QPushButton] = []
        for index, value in enumerate(YES_NO_VALUES):
            button = QPushButton(self)
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setFont(scaled_font(self.font(), 1.15, bold=index < 2))
            lines = 4 if self._theirs.get(value) else 3
            button.setMinimumHeight(button.fontMetrics().height() * lines)
            layout.addWidget(button, index // 2, index % 2)
            self._buttons.append(button)
            self._add(button, value)
        self.retranslateUi()

    def _decorate(self) -> None:
        for index, value in enumerate(YES_NO_VALUES):
            button = self._buttons[index]
            tick = "✓ " if button.isChecked() else ""
            label = _(YES_NO_LABELS[value])
            key = YES_NO_KEYS[value]
            text = _("{tick}{label}   [{key}]").format(tick=tick, label=label, key=key)
            theirs = self._theirs.get(value, "")
            button.setText(f"{text}\n{theirs}" if theirs else text)
            button.setAccessibleName(f"{label} — {theirs}" if theirs else label)
            button.setAccessibleDescription(_("Shortcut: {letter}").format(letter=key))
            button.setToolTip(_("Press {letter}").format(letter=key))

    def retranslateUi(self) -> None:
        self._decorate()

    def shortcuts(self) -> list[Shortcut]:
        return self.letter_shortcuts()


class SingleAnswer(_ChoiceButtons):
    """A list of radio buttons, numbered so that keys 1-9 pick an option."""

    def __init__(self, options: Sequence[Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        font = scaled_font(self.font(), 1.1)
        self.rows: list[OptionRow] = []
        for index, choice in enumerate(options):
            row = OptionRow(QRadioButton(), index + 1, choice, font, self)
            layout.addWidget(row)
            self.rows.append(row)
            self._add(row.button, choice.value)

    def shortcuts(self) -> list[Shortcut]:
        count = min(9, len(self._values))
        numbered: list[Shortcut] = [((str(i + 1),), partial(self.choose, i)) for i in range(count)]
        return numbered + self.letter_shortcuts()


class MultipleAnswer(AnswerWidget):
    """Check boxes, numbered so that keys 1-9 tick or untick an option; saves the whole list.

    An option that stands alone ("none of these", "prefer not to answer") unticks the others
    when it is ticked, and is unticked when another one is: the answer never contradicts itself.
    """

    def __init__(self, options: Sequence[Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        font = scaled_font(self.font(), 1.1)
        self._values = [choice.value for choice in options]
        self._alone = [choice.alone for choice in options]
        self._boxes: list[QCheckBox] = []
        self.rows: list[OptionRow] = []
        for index, choice in enumerate(options):
            box = QCheckBox()
            row = OptionRow(box, index + 1, choice, font, self)
            box.toggled.connect(lambda checked, i=index: self._toggled(i, checked))
            layout.addWidget(row)
            self.rows.append(row)
            self._boxes.append(box)
        self._quiet = False

    def value(self) -> list[str]:
        return [v for v, box in zip(self._values, self._boxes, strict=True) if box.isChecked()]

    def _toggled(self, index: int, checked: bool) -> None:
        if self._quiet:
            return
        if checked:
            self._quiet = True
            for i, box in enumerate(self._boxes):
                if i != index and (self._alone[index] or self._alone[i]):
                    box.setChecked(False)
            self._quiet = False
        self.answered.emit(self.value())

    def toggle(self, index: int) -> None:
        box = self._boxes[index]
        box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        box.toggle()

    def set_value(self, value: Any) -> None:
        chosen = set(value.split() if isinstance(value, str) else (value or ()))
        self._quiet = True
        for option, box in zip(self._values, self._boxes, strict=True):
            box.setChecked(option in chosen)
        self._quiet = False

    def shortcuts(self) -> list[Shortcut]:
        count = min(9, len(self._boxes))
        numbered: list[Shortcut] = [((str(i + 1),), partial(self.toggle, i)) for i in range(count)]
        lettered: list[Shortcut] = [
            ((YES_NO_KEYS[value],), partial(self.toggle, index))
            for index, value in enumerate(self._values)
            if value in YES_NO_KEYS
        ]
        return numbered + lettered

    def focus_first(self) -> None:
        if self._boxes:
            self._boxes[0].setFocus(Qt.FocusReason.OtherFocusReason)


class _Debounced(AnswerWidget):
    """A widget whose edits are saved at most DEBOUNCE_MS after the last change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit)
        self._quiet = False
        self._last_emitted: Any = object()

    def _changed(self) -> None:
        if not self._quiet:
            self._timer.start()

    def _emit(self) -> None:
        self._timer.stop()
        value = self.current()
        if value != self._last_emitted:
            self._last_emitted = value
            self.answered.emit(value)

    def flush(self) -> None:
        if self._timer.isActive():
            self._emit()

    def current(self) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError


class TextAnswer(_Debounced):
    """Free text; saved as you type (debounced)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QPlainTextEdit(self)
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(self.edit.fontMetrics().height() * 5)
        self.edit.textChanged.connect(self._changed)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.edit.setAccessibleName(_("Answer"))
        self.edit.setPlaceholderText(_("Type the answer here. It is saved as you type."))

    def current(self) -> str:
        return self.edit.toPlainText()

    def set_value(self, value: Any) -> None:
        self._quiet = True
        self.edit.setPlainText("" if value is None else str(value))
        self._quiet = False
        self._last_emitted = self.current()


class IntegerAnswer(_Debounced):
    """A whole number typed in a line edit; the screen reports constraint problems."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setFont(scaled_font(self.font(), 1.2))
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("0") * 14)
        self.edit.textChanged.connect(self._changed)
        self.edit.returnPressed.connect(self.flush_now)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)
        self.retranslateUi()

    def flush_now(self) -> None:
        self._timer.start()
        self._emit()
        self.submitted.emit()

    def retranslateUi(self) -> None:
        self.edit.setAccessibleName(_("Number"))
        self.edit.setPlaceholderText(_("A whole number"))

    def current(self) -> int | str | None:
        """An int when the text is one; the raw text otherwise (the screen refuses it)."""
        text = self.edit.text().strip()
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            return text

    def set_value(self, value: Any) -> None:
        self._quiet = True
        self.edit.setText("" if value in (None, "") else str(value))
        self._quiet = False
        self._last_emitted = self.current()


class DateAnswer(_Debounced):
    """A date typed as YYYY-MM-DD (unambiguous in every language), or picked from a calendar.

    A plain line edit rather than a QDateEdit: a date edit cannot be empty, and typing into one
    that shows "not answered" garbles the text.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setFont(scaled_font(self.font(), 1.2))
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("0") * 16)
        self.edit.textChanged.connect(self._changed)
        self.edit.returnPressed.connect(self._submit)
        self.calendar_button = QPushButton(self)
        self.calendar_button.setAutoDefault(True)
        self.calendar_button.clicked.connect(self.open_calendar)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.activated.connect(self._picked)
        self.popup = QMenu(self)
        action = QWidgetAction(self.popup)
        action.setDefaultWidget(self.calendar)
        self.popup.addAction(action)
        layout.addWidget(self.edit)
        layout.addWidget(self.calendar_button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        self.retranslateUi()

    def _submit(self) -> None:
        self._emit()
        self.submitted.emit()

    def open_calendar(self) -> None:
        shown = QDate.fromString(self.edit.text().strip(), "yyyy-MM-dd")
        self.calendar.setSelectedDate(shown if shown.isValid() else QDate.currentDate())
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)
        self.popup.popup(self.calendar_button.mapToGlobal(self.calendar_button.rect().bottomLeft()))

    def _picked(self, date: QDate) -> None:
        self.popup.hide()
        self.edit.setText(date.toString("yyyy-MM-dd"))
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)
        self._submit()

    def retranslateUi(self) -> None:
        self.edit.setAccessibleName(_("Date (year-month-day)"))
        self.edit.setPlaceholderText(_("YYYY-MM-DD"))
        self.calendar_button.setText(_("Calendar…"))
        self.calendar_button.setAccessibleName(_("Choose the date in a calendar"))
        self.calendar.setAccessibleName(_("Calendar"))

    def current(self) -> str | None:
        return self.edit.text().strip() or None

    def set_value(self, value: Any) -> None:
        self._quiet = True
        self.edit.setText("" if not value else str(value))
        self._quiet = False
        self._last_emitted = self.current()


class NoteAnswer(AnswerWidget):
    """A `note` takes no answer: nothing to show beyond the text itself."""


def make_answer_widget(
    kind: str, options: Sequence[Choice], parent: QWidget | None = None
) -> AnswerWidget:
    """The widget for a question of type `kind` (`options` for single and multiple)."""
    if kind == "yes_no":
        return YesNoAnswer({choice.value: choice.other for choice in options}, parent)
    if kind == "single":
        return SingleAnswer(options, parent)
    if kind == "multiple":
        return MultipleAnswer(options, parent)
    if kind == "text":
        return TextAnswer(parent)
    if kind == "integer":
        return IntegerAnswer(parent)
    if kind == "date":
        return DateAnswer(parent)
    return NoteAnswer(parent)
