"""The one main window: a list of steps on the side, the current step beside it.

Why: a person in a hurry must always see where they are, what is ready and what still blocks
sending, and be able to move between steps freely. Pages are plugged in by name; a page
module that is not there yet (``ui/preview_page.py``, ``ui/send_page.py``) shows a placeholder.

A page is any QWidget built as ``Page(document, worker)``. Optional hooks it may define:
``activated()`` (called when the step is shown) and ``step_status() -> (text, level) | None``
with level one of "ready", "todo", "problems", "blocks" to override the side-list status.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QSize, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from composer import language
from composer import recipients as rc
from composer.campaign import Campaign, ListChange
from composer.check import Step
from composer.sendlock import interrupted
from ui import document as document_module
from ui import translations
from ui.document import Document
from ui.widgets import (
    CAMPAIGN_SUFFIX,
    SPREADSHEET_SUFFIXES,
    app_icon,
    app_settings,
    heading,
    hint,
    is_campaign,
    is_spreadsheet,
    number,
    show_value,
    spaced_rows,
)
from ui.worker import Worker

STEPS = ("customers", "message", "preview", "send")
MAX_RECENT = 8
READY, TODO, PROBLEMS, BLOCKS = "ready", "todo", "problems", "blocks"


def _page_class(name: str) -> type | None:
    """``ui.<name>_page.<Name>Page`` if that module exists; None while it does not."""
    module_name = f"ui.{name}_page"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name == module_name:
            return None
        raise
    return getattr(module, f"{name.capitalize()}Page", None)


def _blank_icon(size: QSize) -> QIcon:
    from PySide6.QtGui import QPixmap

    pixmap = QPixmap(size)
    pixmap.fill(Qt.GlobalColor.transparent)
    return QIcon(pixmap)


class PlaceholderPage(QWidget):
    """Stands in for a step whose page is not built yet."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title))
        layout.addWidget(hint(self.tr("This step is not available in this version yet.")))
        layout.addStretch(1)
        self.setAccessibleName(title)


class MainWindow(QMainWindow):
    """Apology Composer's window; owns the Document, shares the Worker with every page."""

    def __init__(self, worker: Worker, document: Document | None = None):
        super().__init__()
        self.worker = worker
        self.document = document or Document(worker, self)
        self._closing_confirmed = False
        self.setObjectName("MainWindow")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.setAccessibleName(self.tr("Apology Composer"))
        self.resize(QSize(1200, 780))

        self.step_titles = {
            "customers": self.tr("Customers"),
            "message": self.tr("Message"),
            "preview": self.tr("Preview"),
            "send": self.tr("Send"),
        }
        self.steps = QListWidget()
        self.steps.setObjectName("steps")
        self.steps.setAccessibleName(self.tr("Steps"))
        self.steps.setIconSize(QSize(20, 20))
        spaced_rows(self.steps, 8)
        # wide enough for the usual statuses on one line beside their icon; a longer one,
        # "Sending · 8,000 of 50,000 done" while a big list goes, wraps onto a third line
        widest = max(
            self.steps.fontMetrics().horizontalAdvance(text)
            for text in (
                self.tr("Not ready: see %s") % self.tr("Customers"),
                self.tr("Test first, then send %s") % number(88_888),
            )
        )
        self.steps.setMinimumWidth(max(190, widest + 20 + 36))  # + icon, margins, frame
        self.steps.setWordWrap(True)
        self.steps.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        for index, name in enumerate(STEPS):
            page = self._make_page(name)
            self.pages[name] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(f"{index + 1}. {self.step_titles[name]}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.steps.addItem(item)
        self.steps.currentRowChanged.connect(self._show_step)
        # a screen reader selects an item rather than moving the current row: follow that too
        self.steps.itemSelectionChanged.connect(self._selection_moved)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.steps)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([self.steps.minimumWidth(), 1000])
        self.setCentralWidget(self.splitter)

        self.audience_label = QLabel()
        self.audience_label.setObjectName("audienceLine")
        self.audience_label.setAccessibleName(self.tr("Who gets the apology"))
        self.busy_label = QLabel()
        self.busy_label.setAccessibleName(self.tr("What is being done"))
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setAccessibleName(self.tr("Working"))
        self.busy_bar.setVisible(False)
        self.statusBar().addWidget(self.audience_label, 1)
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.busy_bar)

        self._build_menus()
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self.next_step)

        doc = self.document
        doc.changed.connect(self.refresh_status)
        doc.checkupReady.connect(self.refresh_status)
        doc.tableLoaded.connect(self.refresh_status)
        doc.pathChanged.connect(self._path_changed)
        doc.dirtyChanged.connect(self.setWindowModified)
        doc.busyChanged.connect(self._busy_changed)
        doc.working.connect(self._working)
        doc.problem.connect(self.show_problem)
        doc.saved.connect(self._saved)
        doc.listChangeProposed.connect(self.confirm_list_change)
        doc.sendingChanged.connect(self._sending_changed)

        if self.document.path is None and self.document.table is None:
            self.document.mark_clean()  # defaults the pages chose are not the person's edits
        self._update_title()
        self._restore_settings()
        self.steps.setCurrentRow(0)
        self.refresh_status()

    # ---- building ---------------------------------------------------------------------
    def _make_page(self, name: str) -> QWidget:
        cls = _page_class(name)
        if cls is None:
            return PlaceholderPage(self.step_titles[name])
        page = cls(self.document, self.worker)
        page.setObjectName(f"{name}Page")
        return page

    def _action(self, text: str, slot: Any, shortcut: Any = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.new_action = self._action(self.tr("&New campaign"), self.new_campaign, "Ctrl+N")
        self.open_action = self._action(self.tr("&Open…"), lambda: self.open_file(), "Ctrl+O")
        self.open_sheet_action = self._action(
            self.tr("Open customer &spreadsheet…"), lambda: self.open_spreadsheet()
        )
        self.wrote_in_action = self._action(
            self.tr("New campaign from the &mailbox\u2026"), lambda: self.answer_everyone()
        )
        self.save_action = self._action(self.tr("&Save"), lambda: self.save(), "Ctrl+S")
        self.save_as_action = self._action(
            self.tr("Save &as…"), lambda: self.save_as(), "Ctrl+Shift+S"
        )
        self.quit_action = self._action(self.tr("&Quit"), self.close, "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.insertAction(self.recent_menu.menuAction(), self.new_action)
        file_menu.insertAction(self.recent_menu.menuAction(), self.open_action)
        file_menu.insertAction(self.recent_menu.menuAction(), self.open_sheet_action)
        file_menu.insertAction(self.recent_menu.menuAction(), self.wrote_in_action)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        go_menu = bar.addMenu(self.tr("&Go"))
        for index, name in enumerate(STEPS):
            go_menu.addAction(
                self._action(
                    self.step_titles[name],
                    lambda _=False, i=index: self.steps.setCurrentRow(i),
                    f"Ctrl+{index + 1}",
                )
            )
        go_menu.addSeparator()
        next_action = self._action(self.tr("&Next step"), self.next_step)
        next_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        next_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # QShortcut does it
        go_menu.addAction(next_action)

        settings_menu = bar.addMenu(self.tr("Se&ttings"))
        self.language_menu = settings_menu.addMenu(self.tr("&Language"))
        self.language_actions = QActionGroup(self)
        chosen = str(app_settings().value(translations.SETTING, ""))
        system = language.LANGUAGES[translations.chosen("")]
        for code, name in (
            ("", self.tr("System language ({0})").format(system)),
            *language.LANGUAGES.items(),
        ):
            action = self.language_actions.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == chosen)
            action.setData(code)
            action.triggered.connect(lambda _=False, c=code: self.choose_language(c))
            self.language_menu.addAction(action)

        help_menu = bar.addMenu(self.tr("&Help"))
        self.about_action = self._action(self.tr("&About Apology Composer"), self.about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.about_action)

    def choose_language(self, code: str) -> None:
        """Keep the person's choice (``""``: the system's) for the next start: every window
        is built in one language, so the change shows when the app starts again."""
        app_settings().setValue(translations.SETTING, code)
        spoken = language.LANGUAGES[translations.chosen(code)]
        self.statusBar().showMessage(
            self.tr("Apology Composer speaks {0} from the next time it starts.").format(spoken),
            8000,
        )

    def about(self) -> QMessageBox:
        """Name, version, what it is for, and where its settings and passwords are kept (all
        from pyproject.toml and the engine, never typed twice)."""
        from composer import trust
        from composer.accounts import keyring_available
        from composer.paths import config_dir
        from composer.version import summary, version

        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About Apology Composer"))
        box.setIconPixmap(app_icon().pixmap(96, 96))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.tr("Apology Composer {0}").format(version()))
        box.setInformativeText(
            "\n\n".join(
                (
                    summary(),
                    keyring_available()[1],
                    self.tr("Settings are kept in {0}.").format(config_dir()),
                    self.tr("Connections trust {0}.").format(trust.describe()),
                )
            )
        )
        box.setAccessibleName(self.tr("About Apology Composer"))
        box.open()
        return box

    # ---- steps ------------------------------------------------------------------------
    @property
    def current_step(self) -> str:
        return STEPS[self.stack.currentIndex()]

    def show_step(self, name: str) -> None:
        self.steps.setCurrentRow(STEPS.index(name))

    def _selection_moved(self) -> None:
        chosen = self.steps.selectedItems()
        if chosen:
            row = self.steps.row(chosen[0])
            if row != self.steps.currentRow():
                self.steps.setCurrentRow(row)

    def _show_step(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        page = self.stack.currentWidget()
        activated = getattr(page, "activated", None)
        if callable(activated):
            activated()

    def next_step(self) -> None:
        row = self.steps.currentRow()
        if row < len(STEPS) - 1:
            self.steps.setCurrentRow(row + 1)

    def step_status(self, name: str) -> tuple[str, str]:
        """(text, level) shown under a step in the side list."""
        page = self.pages.get(name)
        own = getattr(page, "step_status", None)
        if callable(own):
            result = own()
            if result is not None:
                return result
        doc = self.document
        checkup = doc.checkup
        if name == "customers":
            if doc.table is None:
                return self.tr("Open your customer list"), TODO
            if doc.blockers(Step.CUSTOMERS):
                return self.tr("Nobody to send to"), BLOCKS
            left_out = len(doc.problems(rc.LEFT_OUT))
            if left_out:
                return self.tr("%Ln rows left out", "", left_out), PROBLEMS
            return self.tr("Ready"), READY
        if name == "message":
            here = len(doc.blockers(Step.MESSAGE))
            if not doc.template.subject.strip() and not doc.template.body.strip():
                return self.tr("Write the apology"), TODO
            if here:
                return self.tr("%Ln to fix before sending", "", here), BLOCKS
            return self.tr("Ready"), READY
        if checkup is None:
            return self.tr("Not ready yet"), TODO
        first = checkup.first_step_to_fix()
        if name == "preview":
            if first in (Step.CUSTOMERS, Step.MESSAGE):
                return self.tr("Not ready: see %s") % self.step_titles[first], BLOCKS
            return self.tr("%Ln messages to read", "", doc.audience_count()), READY
        if first is not None and first != Step.SEND:
            return self.tr("Not ready: see %s") % self.step_titles[first], BLOCKS
        to_send = doc.plan.to_send if doc.plan is not None else 0
        if first == Step.SEND:
            test = checkup.test
            if test is not None and not test.done and len(doc.blockers(Step.SEND)) == 1:
                return self.tr("Test first, then send %s") % number(to_send), TODO
            return self.tr("Not ready: see %s") % self.step_titles[Step.SEND], BLOCKS
        return self.tr("Ready to send %s") % number(to_send), READY

    def refresh_status(self, *_: Any) -> None:
        style = self.style()
        icons = {
            READY: style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton),
            TODO: _blank_icon(self.steps.iconSize()),  # keeps every step's text aligned
            PROBLEMS: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation),
            BLOCKS: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        for index, name in enumerate(STEPS):
            text, level = self.step_status(name)
            item = self.steps.item(index)
            item.setText(f"{index + 1}. {self.step_titles[name]}\n{text}")
            item.setIcon(icons.get(level, QIcon()))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{self.step_titles[name]}: {text}")
            item.setToolTip(text)
        show_value(self.audience_label, self.tr("Who gets the apology"), self.audience_line())
        self._update_title()

    def audience_line(self) -> str:
        doc = self.document
        if doc.table is None:
            return self.tr("No customers yet: open a spreadsheet to begin.")
        if doc.checkup is None:
            return self.tr("%Ln rows read; checking…", "", len(doc.table))
        line = self.tr("Sending to %s of %Ln rows", "", doc.rows_read()) % number(
            doc.audience_count()
        )
        standing = doc.plan.line() if doc.plan is not None else None
        return f"{line} \u00b7 {standing}" if standing else line  # e.g. "· 45 sent, 3 to go"

    def _busy_changed(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        if not busy:
            self.busy_bar.setRange(0, 0)
        self.busy_label.setText(self.tr("Checking…") if busy else "")

    def _working(self, sentence: str, done: int, total: int) -> None:
        """What the engine is doing, and how far it got when that can be measured."""
        self.busy_label.setText(sentence)
        self.busy_bar.setRange(0, total)
        self.busy_bar.setValue(done)

    # ---- documents --------------------------------------------------------------------
    def _update_title(self) -> None:
        name = self.document.title or self.tr("New campaign")
        self.setWindowTitle(self.tr("%s[*] — Apology Composer") % name)
        self.setWindowModified(self.document.dirty)

    def _path_changed(self, path: str) -> None:
        if path:
            self.add_recent(path)
        self._update_title()

    def _saved(self, path: str) -> None:
        self.statusBar().showMessage(self.tr("Saved %s") % Path(path).name, 4000)
        self._update_title()

    def show_problem(self, sentence: str) -> None:
        """Every error the person sees: one sentence in a plain message box."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Apology Composer"),
            sentence,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setAccessibleName(sentence)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """Save / Don't save / Cancel for unsaved changes."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unsaved changes"))
        box.setText(self.tr("Save the changes to this campaign before closing it?"))
        box.setInformativeText(self.tr("If you don't save, your changes will be lost."))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setAccessibleName(box.windowTitle())
        return QMessageBox.StandardButton(box.exec())

    def maybe_save(self) -> bool:
        """True when it is fine to throw the current campaign away."""
        if not self.document.dirty:
            return True
        answer = self.ask_unsaved()
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Discard:
            self.document.discard_draft()
            return True
        return self.save(wait=True)

    def new_campaign(self) -> None:
        if self.maybe_save():
            self.document.new()
            self.show_step("customers")

    def _last_folder(self) -> str:
        return str(app_settings().value("lastFolder", str(Path.home())))

    def _remember_folder(self, path: str | Path) -> None:
        app_settings().setValue("lastFolder", str(Path(path).parent))

    def open_file(self, path: str | Path | None = None) -> None:
        """Open a campaign (.apology) or a customer spreadsheet, asking for one if not given."""
        if path is None:
            patterns = " ".join(f"*{s}" for s in (CAMPAIGN_SUFFIX, *SPREADSHEET_SUFFIXES))
            path, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("Open a campaign or a customer list"),
                self._last_folder(),
                self.tr("Campaigns and spreadsheets (%s)") % patterns,
            )
            if not path:
                return
        path = Path(path)
        self._remember_folder(path)
        if is_campaign(path):
            if self.maybe_save():
                self.document.open(path)
        else:
            self.open_spreadsheet(path)

    def open_spreadsheet(self, path: str | Path | None = None, sheet: str | None = None) -> None:
        if path is None:
            patterns = " ".join(f"*{s}" for s in SPREADSHEET_SUFFIXES)
            path, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("Open the list of customers"),
                self._last_folder(),
                self.tr("Spreadsheets (%s)") % patterns,
            )
            if not path:
                return
        self._remember_folder(path)
        self.document.load_spreadsheet(path, sheet)
        self.show_step("customers")

    def answer_everyone(self, request: Any = None) -> Any:
        """File > New campaign from the mailbox: everyone who wrote in becomes the list, and
        the apology starts as a reply to them. ``request``: the dialog's answer (tests)."""
        import resources
        from composer import template
        from ui.wrote_in_dialog import WroteInDialog, gather

        if not self.maybe_save():
            return None
        if request is None:
            dialog = WroteInDialog(self.document.account, self)
            if not dialog.exec():
                return None
            request = dialog.request()
        account, secret = None, None
        send_page: Any = self.pages.get("send")
        if request.files is None:
            send_page.account_box.choose(request.account)
            account = send_page.account
            secret = send_page.secret() if account is not None else None
            if secret is None:
                return None
        own = {self.document.identity.address.lower()} - {""}
        if account is not None:
            own.add(account.address.lower())
        self.statusBar().showMessage(self.tr("Finding the people who wrote in\u2026"))
        job = self.worker.submit(gather, request, account, secret, own, key="load")

        def found(people: Any) -> None:
            apology = template.load(resources.resource_path(*resources.SAMPLE_REPLY))
            self.document.answer_people(people.table, apology)
            self.statusBar().showMessage(people.sentence(), 15000)
            self.show_step("customers")

        job.then(found, self.show_problem)
        return job

    def save(self, wait: bool = False) -> bool:
        """Save to the current file (or ask where); with ``wait``, block until written."""
        if self.document.path is None:
            return self.save_as(wait=wait)
        return self._save_to(None, wait)

    def save_as(self, path: str | Path | None = None, wait: bool = False) -> bool:
        if path is None:
            suggested = Path(self._last_folder()) / (
                (self.document.title or self.tr("apology")) + CAMPAIGN_SUFFIX
            )
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Save the campaign"),
                str(suggested),
                self.tr("Apology campaigns (*%s)") % CAMPAIGN_SUFFIX,
            )
            if not path:
                return False
        self._remember_folder(path)
        return self._save_to(Path(path), wait)

    def _save_to(self, path: Path | None, wait: bool) -> bool:
        job = self.document.save(path)
        if job is None:
            return False
        if not wait:
            return True
        from PySide6.QtCore import QEventLoop

        loop = QEventLoop(self)
        outcome: list[bool] = []
        job.succeeded.connect(lambda _: outcome.append(True))
        job.failed.connect(lambda _: outcome.append(False))
        job.finished.connect(loop.quit)
        if not job.done:
            loop.exec()
        return bool(outcome and outcome[0])

    # ---- recent files -----------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = app_settings().value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def add_recent(self, path: str) -> None:
        files = [path] + [p for p in self.recent_files() if p != path]
        app_settings().setValue("recentFiles", files[:MAX_RECENT])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = [p for p in self.recent_files() if Path(p).exists()]
        if not files:
            empty = self.recent_menu.addAction(self.tr("No recent campaigns"))
            empty.setEnabled(False)
            return
        for path in files:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_file(p))

    def confirm_list_change(self, change: ListChange, apply: Any) -> None:
        """An edited list for a campaign that has sent: say what changes, by customer."""
        if self.ask(
            self.tr("Load the edited list?"),
            self.tr("Load “%s” into this campaign?") % (change.file or self.tr("the list")),
            change.sentence(),
            yes=self.tr("Load it"),
            no=self.tr("Keep the current list"),
        ):
            apply()
            self.show_step("customers")

    def ask(
        self,
        title: str,
        text: str,
        details: str = "",
        *,
        yes: str,
        no: str,
        no_role: QMessageBox.ButtonRole = QMessageBox.ButtonRole.RejectRole,
        icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    ) -> bool:
        """A question with two plainly worded answers; True for ``yes`` (the default)."""
        box = QMessageBox(self)
        box.setIcon(icon)
        box.setWindowTitle(title)
        box.setText(text)
        if details:
            box.setInformativeText(details)
        box.setAccessibleName(title)
        accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(no, no_role)
        box.setDefaultButton(accept)
        box.exec()
        return box.clickedButton() is accept

    def _sending_changed(self, sending: bool) -> None:
        """While a campaign is being sent, its customers and apology stay as they are."""
        for name in ("customers", "message"):
            self.pages[name].setEnabled(not sending)
        for action in (
            self.new_action,
            self.open_action,
            self.open_sheet_action,
            self.save_action,
            self.save_as_action,
            self.recent_menu.menuAction(),
        ):
            action.setEnabled(not sending)
        self.refresh_status()

    # ---- drafts -----------------------------------------------------------------------
    def offer_interrupted_send(self) -> bool:
        """At start: a send of a recent campaign was cut off (killed, crashed, power cut):
        say what stands, and offer to open it. True when one was offered."""
        for path in map(Path, self.recent_files()):
            if not path.is_file() or not interrupted(path):
                continue
            try:
                with Campaign.open(path) as campaign:  # a crash's "sending" becomes in doubt
                    plan = campaign.plan()
            except Exception:  # noqa: BLE001 - a broken recent file is no reason to stop
                continue
            doubt = len(plan.in_doubt)
            standing = (
                self.tr("%s sent, %s in doubt (they may have gone: you decide), %s not sent yet.")
                % (number(plan.sent), number(doubt), number(plan.to_send))
                if doubt
                else self.tr("%s sent, %s not sent yet.")
                % (number(plan.sent), number(plan.to_send))
            )
            if self.ask(
                self.tr("Sending was interrupted"),
                self.tr("Sending “%s” was interrupted before it finished.") % path.stem,
                standing + " " + self.tr("Open it to see them and carry on?"),
                yes=self.tr("Open it"),
                no=self.tr("Not now"),
                icon=QMessageBox.Icon.Warning,
            ):
                self.document.open(path)
                self.show_step("send")
            return True
        return False

    def offer_recovery(self) -> None:
        """At start: an interrupted send first, else work a crash left unsaved."""
        if self.offer_interrupted_send():
            return
        drafts = document_module.recoverable_drafts(self.document.drafts_folder)
        if not drafts:
            return
        newest = drafts[0]
        if self.ask(
            self.tr("Recover unsaved work"),
            self.tr("Apology Composer closed before “%s” was saved. Bring it back?")
            % document_module.draft_summary(newest),
            yes=self.tr("Recover"),
            no=self.tr("Throw away"),
            no_role=QMessageBox.ButtonRole.DestructiveRole,
        ):
            self.document.restore_draft(newest)
        else:
            newest.unlink(missing_ok=True)
        for older in drafts[1:]:
            older.unlink(missing_ok=True)

    # ---- drag and drop ----------------------------------------------------------------
    def _dropped_path(self, event: QDragEnterEvent | QDropEvent) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        for url in urls:
            if url.isLocalFile():
                path = Path(url.toLocalFile())
                if is_campaign(path) or is_spreadsheet(path):
                    return path
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_path(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_path(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        QTimer.singleShot(0, lambda: self.open_file(path))  # never a modal inside a drop

    # ---- settings and closing ---------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = app_settings()
        geometry = settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = settings.value("mainSplitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        for page in self.pages.values():
            restore = getattr(page, "restore_settings", None)
            if callable(restore):
                restore(settings)

    def save_settings(self) -> None:
        settings = app_settings()
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("mainSplitter", self.splitter.saveState())
        for page in self.pages.values():
            store = getattr(page, "save_settings", None)
            if callable(store):
                store(settings)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing_confirmed and not self.maybe_save():
            event.ignore()
            return
        self._closing_confirmed = True
        self.save_settings()
        for page in self.pages.values():
            shutdown = getattr(page, "shutdown", None)
            if callable(shutdown):
                shutdown()
        self.document.close()
        event.accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.refresh_status()
        super().changeEvent(event)
