"""A small window listing what the practice outbox received, so a newcomer can read the
"sent" practice messages exactly as a customer would have got them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from composer.outbox import KeptMessage, read_kept


class OutboxViewer(QDialog):
    """Lists the kept .eml files (newest last) and shows the chosen one."""

    def __init__(
        self,
        folder: str | Path,
        messages: Callable[[], list[Path]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Practice outbox"))
        self.setAccessibleName(self.tr("Practice outbox"))
        self.folder = Path(folder)
        self._messages = messages or (lambda: sorted(self.folder.glob("*.eml")))
        self._shown: list[Path] = []

        intro = QLabel(
            self.tr(
                "These are the messages your practice send produced. Nothing left this "
                "computer: each customer would have received only their own message."
            )
        )
        intro.setWordWrap(True)

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Received messages"))
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(True)  # a long subject wraps rather than being cut
        self.list.currentRowChanged.connect(self._show_row)

        self.headers = QLabel()
        self.headers.setTextFormat(Qt.TextFormat.PlainText)
        self.headers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.headers.setWordWrap(True)
        self.headers.setAccessibleName(self.tr("Message headers"))
        self.text = QTextBrowser()
        self.text.setAccessibleName(self.tr("Plain text"))
        self.html = QTextBrowser()
        self.html.setOpenLinks(False)
        self.html.setAccessibleName(self.tr("Formatted"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.text, self.tr("Plain text"))
        self.tabs.addTab(self.html, self.tr("Formatted"))

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.headers)
        rl.addWidget(self.tabs, 1)

        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setSizes([340, 620])

        self.count = QLabel()
        refresh = QPushButton(self.tr("&Refresh"))
        refresh.setAccessibleName(self.tr("Refresh the list"))
        refresh.clicked.connect(self.refresh)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(refresh, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(split, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self.resize(860, 560)

        # new messages appear while a practice send runs; coalesce bursts of file events
        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self.refresh)
        self._watcher = QFileSystemWatcher(self)
        if self.folder.is_dir():
            self._watcher.addPath(str(self.folder))
        self._watcher.directoryChanged.connect(lambda _p: self._debounce.start())
        self.refresh()

    def refresh(self) -> None:
        """Re-read the folder, keeping the chosen message selected."""
        paths = self._messages()
        if paths == self._shown:
            return
        current = self.list.currentRow()
        keep = self._shown[current] if 0 <= current < len(self._shown) else None
        self._shown = paths
        self.list.blockSignals(True)
        self.list.clear()
        for path in paths:
            try:
                kept = read_kept(path)
                label = f"{kept.to}\n{kept.subject}"
            except (OSError, ValueError):
                label = path.name
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.count.setText(self.tr("%Ln messages received.", "", len(paths)))
        row = paths.index(keep) if keep in paths else (0 if paths else -1)
        self.list.setCurrentRow(row)
        self._show_row(row)

    def _show_row(self, row: int) -> None:
        if not 0 <= row < len(self._shown):
            self.headers.setText(self.tr("No practice messages yet: send some from the Send step."))
            self.text.clear()
            self.html.clear()
            return
        try:
            kept = read_kept(self._shown[row])
        except (OSError, ValueError):
            self.headers.setText(self.tr("This message could not be read."))
            return
        self.show_message(kept)

    def show_message(self, kept: KeptMessage) -> None:
        self.headers.setText(
            self.tr("From: {0}\nTo: {1}\nSubject: {2}\nDate: {3}").format(
                kept.sender, kept.to, kept.subject, kept.date
            )
            + (
                self.tr("\nAttached: {0}").format(", ".join(kept.attachments))
                if kept.attachments
                else ""
            )
        )
        self.text.setPlainText(kept.text)
        if kept.html:
            self.html.setHtml(kept.html)
            self.tabs.setTabEnabled(1, True)
        else:
            self.html.clear()
            self.tabs.setTabEnabled(1, False)
            self.tabs.setCurrentIndex(0)

    def current_paths(self) -> list[Path]:
        return list(self._shown)
