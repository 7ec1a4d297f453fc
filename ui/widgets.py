"""Small pieces every step of the window shares: settings, headings, hints, file types."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QWidget

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


def is_campaign(path: str | Path) -> bool:
    """A campaign by its content; a file named .apology that is not one is still opened as a
    campaign, so the person hears why it cannot be (not a spreadsheet error)."""
    return is_campaign_file(path) or Path(path).suffix.lower() == CAMPAIGN_SUFFIX


def scrolled(panel: QWidget) -> QScrollArea:
    """A side panel that scrolls when the window is small; Tab goes to the controls inside."""
    scroll = QScrollArea()
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(panel)
    return scroll


def show_value(label: QLabel, caption: str, text: str) -> None:
    """Show a value in a label, and let a screen reader hear the value with its caption."""
    label.setText(text)
    label.setAccessibleName(f"{caption}: {text}" if text else caption)
