"""Small pieces every step of the window shares: settings, headings, hints, file types."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSettings,
    QSize,
    QStandardPaths,
    Qt,
)
from PySide6.QtGui import QFont, QIcon, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLayout,
    QLayoutItem,
    QListView,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from composer.campaign_file import SUFFIX as CAMPAIGN_SUFFIX
from composer.campaign_file import is_campaign_file
from composer.paths import config_dir
from composer.table import TEXT_SUFFIXES, WORKBOOK_SUFFIXES

SPREADSHEET_SUFFIXES = WORKBOOK_SUFFIXES + TEXT_SUFFIXES


def app_settings() -> QSettings:
    """Window geometry, splitters, recent files, last folder: a small ini file of our own."""
    return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)


def number(value: int) -> str:
    """A count as the person writes it: 50,000 (or 50.000, by locale)."""
    return QLocale().toString(int(value))


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    """A step's title, larger and bold, in the palette's text colour."""
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


def hint(text: str = "", parent: QWidget | None = None) -> QLabel:
    """One or two lines of plain explanation, wrapped, in the palette's muted text colour."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    label.setPalette(palette)
    return label


def warning_label(parent: QWidget | None = None) -> QLabel:
    """A label for a sentence that needs attention (bold; hidden while empty)."""
    label = QLabel(parent)
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    label.setVisible(False)
    return label


def set_warning(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setAccessibleName(text)
    label.setVisible(bool(text))


def separator(parent: QWidget | None = None) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


def is_spreadsheet(path: str | Path) -> bool:
    return Path(path).suffix.lower() in SPREADSHEET_SUFFIXES


def folder_beside(source: Path | None) -> Path:
    """Where a save dialog starts: beside the person's own spreadsheet, else in their
    Documents folder (never inside the program, where the built-in sample lives)."""
    import resources

    if source is not None and not source.resolve().is_relative_to(resources.ROOT):
        return source.parent
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def is_campaign(path: str | Path) -> bool:
    """A campaign by its content; a file named .apology that is not one is still opened as a
    campaign, so the person hears why it cannot be (not a spreadsheet error)."""
    return is_campaign_file(path) or Path(path).suffix.lower() == CAMPAIGN_SUFFIX


class _SidePanel(QScrollArea):
    """Scrolls up and down, never sideways: it is at least as wide as its panel needs."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        panel = self.widget()
        if panel is None:
            return hint
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        return QSize(panel.minimumSizeHint().width() + bar + 2 * self.frameWidth(), hint.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # e.g. a row of fallbacks added: the splitter makes room
        return super().eventFilter(watched, event)


def scrolled(panel: QWidget) -> QScrollArea:
    """A side panel that scrolls when the window is small; Tab goes to the controls inside.
    It never needs to scroll sideways: its splitter or layout leaves it the width it needs."""
    scroll = _SidePanel()
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(panel)
    return scroll


def show_value(label: QLabel, caption: str, text: str) -> None:
    """Show a value in a label, and let a screen reader hear the value with its caption."""
    label.setText(text)
    label.setAccessibleName(f"{caption}: {text}" if text else caption)


class FlowLayout(QLayout):
    """Its widgets side by side, each at its own size, on as many lines as the width needs:
    a row of choices that fits a small window without cutting any of them short."""

    def __init__(self, parent: QWidget | None = None, gap: int = 18, line_gap: int = 6):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap, self._line_gap = gap, line_gap

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # all on one line
        shown = [i.sizeHint() for i in self._items if not i.isEmpty()]
        width = sum(h.width() for h in shown) + self._gap * max(0, len(shown) - 1)
        height = max((h.height() for h in shown), default=0)
        return self._with_margins(QSize(width, height))

    def minimumSize(self) -> QSize:  # the widest one alone on its line
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.sizeHint())
        return self._with_margins(size)

    def _with_margins(self, size: QSize) -> QSize:
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _arrange(self, rect: QRect, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y, line = area.x(), y + line + self._line_gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._gap
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()


class _Gap(QStyledItemDelegate):
    def __init__(self, gap: int, parent: QListView) -> None:
        super().__init__(parent)
        self.gap = gap

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), hint.height() + self.gap)


def spaced_rows(view: QListView, gap: int) -> None:
    """Rows of a word-wrapped list ``gap`` pixels apart. Not ``setSpacing``: Qt wraps a row's
    text to the whole width but draws it that spacing narrower, cutting it off with "…"."""
    view.setSpacing(0)
    view.setItemDelegate(_Gap(gap, view))


def app_icon() -> QIcon:
    """The app's icon (resources/icons/apology-composer.svg), for every window."""
    import resources

    return QIcon(str(resources.resource_path("icons", "apology-composer.svg")))
