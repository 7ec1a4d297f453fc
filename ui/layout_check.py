"""A development aid: which visible texts of a window do not fit their widget.

``clipped(window)`` walks every shown label, button, line edit, combo box, spin box and group
box and returns ``(widget, reason)`` for each whose text is cut: a button or spin box narrower
than its size hint, a one-line label narrower than its text, a wrapped label shorter than its
lines, a placeholder or read-only text wider than its box, a combo whose current text is wider
than the space its arrow leaves, a list row wider than its list, a panel that needs a
horizontal scroll bar, a text widget partly hidden by its panel's edge. ``docs/screenshots.py``
prints them for each picture; ``tests/test_ui_layout.py`` asserts there are none.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionFrame,
    QToolButton,
    QWidget,
)


def _label(label: QLabel) -> str:
    if not label.text() or label.pixmap() is not None and not label.pixmap().isNull():
        return ""
    room = label.contentsRect().width() - 2 * label.margin()
    if label.wordWrap():
        if label.textFormat() != Qt.TextFormat.RichText:  # a word longer than the line?
            flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
            need = label.fontMetrics().boundingRect(QRect(0, 0, room, 10**6), flags, label.text())
            if need.width() > room:
                return f"a word needs {need.width()} px, has {room}"
        high = label.heightForWidth(label.width())
        return (
            f"wrapped text needs {high} px high, has {label.height()}"
            if high > label.height()
            else ""
        )
    if label.sizeHint().width() > label.width():
        return f"text needs {label.sizeHint().width()} px, has {room}"
    return ""


def _line_edit(edit: QLineEdit) -> str:
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    room = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    room = room.marginsRemoved(edit.textMargins())
    for side in edit.findChildren(QToolButton):  # the clear button and other side widgets
        if side.isVisibleTo(edit):
            room.setWidth(room.width() - side.width())
    if not edit.isReadOnly() and room.width() < 6 * edit.fontMetrics().averageCharWidth():
        return f"only {room.width()} px to type in"
    text = edit.text() if edit.isReadOnly() else ""  # a typed text may scroll, a shown one not
    text = text or ("" if edit.text() else edit.placeholderText())
    need = edit.fontMetrics().horizontalAdvance(text) + 4  # QLineEdit's own 2 px a side
    return f"“{text}” needs {need} px, has {room.width()}" if text and need > room.width() else ""


def _combo(combo: QComboBox) -> str:
    if combo.isEditable() or not combo.currentText():
        return ""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    room = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    need = combo.fontMetrics().horizontalAdvance(combo.currentText()) + 2
    if not combo.itemIcon(combo.currentIndex()).isNull():
        need += combo.iconSize().width() + 4
    return (
        f"“{combo.currentText()}” needs {need} px, has {room.width()}"
        if need > room.width()
        else ""
    )


def _reason(widget: QWidget) -> str:
    if isinstance(widget, QLabel):
        return _label(widget)
    if isinstance(widget, QAbstractButton):
        if not widget.text() or isinstance(widget.parent(), QLineEdit):
            return ""
        hint = widget.sizeHint()
        if hint.width() > widget.width() or hint.height() > widget.height():
            return (
                f"needs {hint.width()}×{hint.height()} px, has {widget.width()}×{widget.height()}"
            )
        return ""
    if isinstance(widget, QLineEdit):
        if isinstance(widget.parent(), (QAbstractSpinBox, QComboBox)):
            return ""  # the spin box or combo box is checked as a whole
        return _line_edit(widget)
    if isinstance(widget, QComboBox):
        return _combo(widget)
    if isinstance(widget, QAbstractSpinBox):
        wide = widget.sizeHint().width()
        return f"needs {wide} px, has {widget.width()}" if wide > widget.width() else ""
    if isinstance(widget, QGroupBox):
        need = widget.fontMetrics().horizontalAdvance(widget.title()) + 16
        return f"title needs {need} px, has {widget.width()}" if need > widget.width() else ""
    if isinstance(widget, QListView):
        return _list(widget)
    if isinstance(widget, QScrollArea):
        bar = widget.horizontalScrollBar()
        if bar.isVisible() and bar.maximum() > 0:
            return f"needs {bar.maximum()} px more width: scrolls sideways"
    return ""


def _list(view: QListView) -> str:
    """A row of a list (the step list, say) wider than the list: its text is cut or elided."""
    room = view.viewport().width() - view.spacing()  # Qt draws a row that much narrower
    model = view.model()
    for row in range(min(model.rowCount(), 500)):
        rect = view.visualRect(model.index(row, 0))
        if rect.intersects(view.viewport().rect()) and rect.right() + 1 > room:
            text = str(model.index(row, 0).data() or "").replace("\n", " ")
            return f"row “{text}” needs {rect.right() + 1} px, has {room}"
    bar = view.horizontalScrollBar()
    return "scrolls sideways" if bar.isVisible() and bar.maximum() > 0 else ""


_TEXTS = (QLabel, QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox)


def _cut_sideways(widget: QWidget) -> str:
    """A text widget whose panel (a scroll area's viewport, say) hides part of its width."""
    shown = widget.visibleRegion().boundingRect()
    if not isinstance(widget, _TEXTS) or shown.isEmpty() or shown.width() >= widget.width():
        return ""
    if isinstance(widget, QLabel) and not widget.text():
        return ""
    return f"only {shown.width()} of its {widget.width()} px are in view"


def clipped(root: QWidget) -> list[tuple[QWidget, str]]:
    """Every visible widget under ``root`` whose text does not fit, with why."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.isVisible():
            reason = _reason(widget) or _cut_sideways(widget)
            if reason:
                found.append((widget, reason))
    return found


def describe(widget: QWidget) -> str:
    """``<class> <accessible name or text>``, for a report line."""
    name = widget.accessibleName()
    for attribute in ("text", "currentText", "placeholderText", "title"):
        if name:
            break
        value = getattr(widget, attribute, None)
        name = value() if callable(value) else ""
    return f"{type(widget).__name__} {name or widget.objectName() or '(no text)'}".replace(
        "\n", " "
    )
