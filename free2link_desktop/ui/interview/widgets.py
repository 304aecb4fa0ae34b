"""Small shared pieces: the draft-translation badge, the problem line, the section progress bar.

Colours come from the palette only (ToolTip colours for the badge, Highlight for progress), so
the screens follow the system's light or dark scheme; meaning is never carried by colour alone
(the badge and the problem line carry words and an icon).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QStyle, QWidget

from free2link_desktop.i18n import _


class Badge(QLabel):
    """A rounded tag in the palette's tooltip colours, e.g. 'draft translation — check ...'."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setAutoFillBackground(True)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setFrameShape(QFrame.Shape.Box)
        self.setMargin(4)
        self.setWordWrap(False)  # short tags; a wrapping label in a leading-aligned row clips
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)


class DraftBadge(Badge):
    """Shown wherever a draft translation is put to an interviewee (SPEC section 9)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        font = self.font()
        font.setBold(True)
        self.setFont(font)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setText(_("⚠ Draft translation — check with an interpreter"))
        self.setAccessibleName(_("Draft translation — check with an interpreter"))


class ProblemLine(QWidget):
    """A refused answer: a warning icon and the reason, in words; hidden when all is well."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.icon = QLabel(self)
        size = self.fontMetrics().height()
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.icon.setPixmap(icon.pixmap(QSize(size, size)))
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        font = self.text.font()
        font.setBold(True)
        self.text.setFont(font)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        self.hide()

    def show_problem(self, message: str) -> None:
        self.text.setText(message)
        self.setAccessibleName(message)
        self.show()

    def clear(self) -> None:
        self.text.clear()
        self.hide()

    def message(self) -> str:
        return "" if self.isHidden() else self.text.text()


class SectionProgress(QWidget):
    """One segment per section: done ones filled, the current one filled as far as we are."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._titles: list[str] = []
        self._current = 0
        self._fraction = 0.0
        self.setMinimumHeight(max(10, self.fontMetrics().height() // 2))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_progress(self, titles: Sequence[str], current: int, fraction: float) -> None:
        self._titles = list(titles)
        self._current = current
        self._fraction = max(0.0, min(1.0, fraction))
        total = len(self._titles)
        if total:
            self.setAccessibleName(
                _("Section {number} of {total}: {title}").format(
                    number=current + 1, total=total, title=self._titles[current]
                )
            )
            self.setToolTip("\n".join(f"{i + 1}. {title}" for i, title in enumerate(self._titles)))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(200, max(10, self.fontMetrics().height() // 2))

    def paintEvent(self, _event: object) -> None:
        total = len(self._titles)
        if not total:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        gap = 4.0
        width = (self.width() - gap * (total - 1)) / total
        height = float(self.height())
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        for index in range(total):
            x = index * (width + gap)
            if rtl:
                x = self.width() - x - width
            rect = QRectF(x, 0, width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Mid))
            painter.drawRoundedRect(rect, height / 2, height / 2)
            filled = 0.0
            if index < self._current:
                filled = 1.0
            elif index == self._current:
                filled = self._fraction
            if filled > 0:
                fill = QRectF(rect)
                fill.setWidth(max(height, width * filled))
                if rtl:
                    fill.moveRight(rect.right())
                painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
                painter.drawRoundedRect(fill, height / 2, height / 2)
        painter.end()
