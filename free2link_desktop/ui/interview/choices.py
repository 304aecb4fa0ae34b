"""One option of a choice question: its button and its label in both languages, wrapped.

Check boxes and radio buttons cannot wrap their own text, and a Greek or Arabic option can be
long, so the button carries only its number (the key that picks it) and the words sit beside it
in labels that wrap: the staff language first, the interviewee's language beneath it in its own
reading direction. Clicking a label clicks the button, as it would on the button's own text.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QLabel, QVBoxLayout, QWidget


@dataclass(frozen=True)
class Choice:
    """An option as shown: its value, the staff label, and the interviewee's label if shown."""

    value: str
    label: str
    other: str = ""
    #: chosen only on its own ("none of these", "prefer not to answer" in a multiple question)
    alone: bool = False


class _ClickLabel(QLabel):
    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class OptionRow(QWidget):
    """[button "3."]  staff label / interviewee label (wrapping)."""

    def __init__(
        self, button: QAbstractButton, number: int, choice: Choice, font: QFont, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.button = button
        self.choice = choice
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        button.setParent(self)
        button.setFont(font)
        button.setText(f"{number}." if number <= 9 else "")
        button.setAccessibleName(
            f"{choice.label} — {choice.other}" if choice.other else choice.label
        )
        texts = QVBoxLayout()
        texts.setSpacing(0)
        self.label = _ClickLabel(choice.label, self)
        self.label.setFont(font)
        self.label.setWordWrap(True)
        self.label.clicked.connect(button.click)
        texts.addWidget(self.label)
        self.other = _ClickLabel(choice.other, self)
        self.other.setFont(font)
        self.other.setWordWrap(True)
        self.other.clicked.connect(button.click)
        self.other.setVisible(bool(choice.other))
        # Both labels start at the button's side (so each line stays next to the box it
        # belongs to); the words themselves run in their own direction, found from the text.
        # (absolute: a label aligns "leading" by its text's direction, not the layout's)
        leading_right = parent.layoutDirection() == Qt.LayoutDirection.RightToLeft
        side = Qt.AlignmentFlag.AlignRight if leading_right else Qt.AlignmentFlag.AlignLeft
        for label in (self.label, self.other):
            label.setAlignment(Qt.AlignmentFlag.AlignAbsolute | side)
        texts.addWidget(self.other)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(texts, 1)
