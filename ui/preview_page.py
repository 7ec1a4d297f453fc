"""Step 3, Preview: every customer's apology exactly as it will be sent, one at a time.

Why: the stories are about messages nobody looked at before they went. Here the person can
walk through every recipient's message (To, Subject, plain and formatted body, files), jump to
a spreadsheet row, search by name or address, and see at a glance where a value is blank, fell
back to the fallback text, or looks odd.

The messages come from the engine's one maker of messages, ``Campaign.message_for``; this page
only shows them. Preparing the audience (100,000 rows) runs in the worker; one message is then
made on demand in well under a frame, and its neighbours are made ahead while the person reads.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from composer.campaign import Campaign
from composer.check import Checkup, Step
from composer.recipients import Recipient
from ui.widgets import heading, hint, show_value
from ui.worker import Job, Worker

CACHE_SIZE = 64  # messages kept ready; the neighbours of the shown one are always among them

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Shown:
    """One message ready to show: what is sent, plus what deserves a second look."""

    row: int
    to: str
    sender: str
    subject: str
    reply_to: str
    text: str
    html: str | None
    files: tuple[str, ...]
    notes: tuple[str, ...]  # plain sentences: fallbacks used, blank or odd values
    marks: tuple[str, ...]  # texts to highlight in the body (fallback texts, odd values)
    error: str = ""  # the engine's sentence when this message cannot be made
    answers: str = ""  # the person's own message this one answers, in their thread


@dataclass(slots=True)
class Prepared:
    """The audience and a copy of the campaign able to make each message (in the worker)."""

    campaign: Campaign
    audience: Sequence[Recipient]
    problem: str = ""  # why no message can be made at all (e.g. a template error)
    stand_in_sender: bool = False  # no account chosen yet: a placeholder From
    first: Shown | None = None  # the first one's message, made in the worker (not the GUI thread)


def prepare(snapshot: Campaign, checkup: Checkup | None) -> Prepared:
    """In the worker: the campaign's own copy, with the codes the check gave each customer
    (in memory), so each message is made exactly as the sender will make it."""
    from composer.errors import ComposerError
    from composer.mailing import placeholder_sender

    problem = ""
    stand_in = not snapshot.mailing.identity.address.strip()
    if stand_in:  # no account yet: the messages can be read all the same
        snapshot.identity = placeholder_sender()
    people: Sequence[Recipient] = checkup.audience if checkup is not None else []
    try:
        if checkup is not None:  # the engine's check already chose the audience and codes
            snapshot.codes.update({k: c for k, c in checkup.codes.items() if c})
        else:
            people = snapshot.audience()
            snapshot.assign_codes(people, store=False)
        snapshot.renderer()  # compile once here, not on the first click
    except ComposerError as e:
        problem = str(e)
    prepared = Prepared(snapshot, people, problem, stand_in)
    if people and not problem:
        prepared.first = make_shown(prepared, 0)  # also loads the codecs a message needs
    return prepared


def make_shown(prepared: Prepared, index: int) -> Shown:
    """The message for one audience member, exactly as the engine builds it for sending."""
    from composer.check import second_looks
    from composer.errors import ComposerError

    recipient = prepared.audience[index]
    looks = second_looks(prepared.campaign.mailing, recipient)
    notes = tuple(look.sentence for look in looks)
    marks = tuple(look.mark for look in looks if look.mark)
    if prepared.problem:
        return _failed(recipient, prepared.problem, notes, marks)
    try:
        msg: EmailMessage = prepared.campaign.message_for(recipient)
    except ComposerError as e:
        return _failed(recipient, str(e), notes, marks)
    text_part = msg.get_body(preferencelist=("plain",))
    html_part = msg.get_body(preferencelist=("html",))
    files = tuple(p.get_filename() or "file" for p in msg.iter_attachments())
    return Shown(
        row=recipient.row,
        to=str(msg["To"]),
        sender=str(msg["From"]),
        subject=str(msg["Subject"] or ""),
        reply_to=str(msg["Reply-To"] or ""),
        text=text_part.get_content() if text_part is not None else "",
        html=html_part.get_content() if html_part is not None else None,
        files=files,
        notes=notes,
        marks=marks,
        answers=_answers(msg, recipient),
    )


def _answers(msg: EmailMessage, recipient: Recipient) -> str:
    """Which of the person's messages this one answers ("" for a new message)."""
    if msg["In-Reply-To"] is None:
        return ""
    fields = recipient.fields
    subject, received = fields.get("their_subject", ""), fields.get("received", "")
    if not (subject or received):
        return str(msg["In-Reply-To"])
    said = f"\u201c{subject}\u201d" if subject else ""
    return f"{said} ({received})" if received else said


def _failed(
    recipient: Recipient, sentence: str, notes: tuple[str, ...], marks: tuple[str, ...]
) -> Shown:
    name = f"{recipient.name} <{recipient.email}>" if recipient.name else recipient.email
    return Shown(recipient.row, name, "", "", "", "", None, (), notes, marks, error=sentence)


class AudienceModel(QAbstractListModel):
    """The recipients being previewed (or those matching a search), built lazily."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._people: Sequence[Any] = ()
        self._shown: list[int] | None = None  # audience indexes matching the search
        self._keys: list[str] | None = None

    def set_people(self, people: Sequence[Any]) -> None:
        self.beginResetModel()
        self._people = people
        self._shown = None
        self._keys = None
        self.endResetModel()

    def search(self, text: str) -> None:
        """Keep only recipients whose name or address contains ``text`` (any case)."""
        needle = text.strip().casefold()
        self.beginResetModel()
        if not needle:
            self._shown = None
        else:
            if self._keys is None:
                self._keys = [f"{p.name}\n{p.email}".casefold() for p in self._people]
            self._shown = [i for i, key in enumerate(self._keys) if needle in key]
        self.endResetModel()

    def audience_index(self, model_row: int) -> int:
        return model_row if self._shown is None else self._shown[model_row]

    def model_row(self, audience_index: int) -> int:
        if self._shown is None:
            return audience_index
        try:
            return self._shown.index(audience_index)
        except ValueError:
            return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's idiom
        if parent.isValid():
            return 0
        return len(self._people) if self._shown is None else len(self._shown)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person = self._people[self.audience_index(index.row())]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            name = person.name or person.email
            # the row number on the short first line, so a long address never hides it
            row = self.tr("row {0}").format(person.row)
            return f"{name} \u00b7 {row}\n{person.email}" if person.name else f"{name}\n{row}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Spreadsheet row {0}").format(person.row)
        return None


class PreviewPage(QWidget):
    """Step 3. ``PreviewPage(document, worker)``; shows the message of ``current`` recipient."""

    def __init__(self, document: Any, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewPage")
        self.setAccessibleName(self.tr("Preview"))
        self.document = document
        self.worker = worker
        self.prepared: Prepared | None = None
        self.current = -1  # index into the audience
        self._cache: OrderedDict[int, Shown] = OrderedDict()
        self._stale = True
        self._job: Job | None = None
        self._build()
        # every edit is followed by the engine's check; the preview follows the check
        document.checkupReady.connect(self._document_changed)

    # ---- layout -----------------------------------------------------------------------
    def _build(self) -> None:
        self.title = heading(self.tr("Preview"))
        self.explain = hint(
            self.tr(
                "Each customer gets their own message, exactly as shown here. Nobody sees who "
                "else got one."
            )
        )

        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("Search by name or e-mail address"))
        self.search_box.setAccessibleName(self.tr("Search by name or e-mail address"))
        self.search_box.setClearButtonEnabled(True)
        for button in self.search_box.findChildren(QToolButton):  # Qt's own clear button
            button.setAccessibleName(self.tr("Clear the search"))
        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self._run_search)
        self.search_box.textChanged.connect(lambda _t: self._search_timer.start())
        self.found = QLabel()

        self.model = AudienceModel(self)
        self.people = QListView()
        self.people.setModel(self.model)
        self.people.setUniformItemSizes(True)
        # lay out a long list in batches: 100,000 rows at once froze the window for ~120 ms
        self.people.setLayoutMode(QListView.LayoutMode.Batched)
        self.people.setBatchSize(2000)
        self.people.setAlternatingRowColors(True)
        self.people.setAccessibleName(self.tr("Recipients"))
        self.people.selectionModel().currentChanged.connect(self._picked)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.search_box)
        ll.addWidget(self.found)
        ll.addWidget(self.people, 1)

        self.previous_button = QPushButton(self.tr("\u25c0 &Previous"))
        self.previous_button.setAccessibleName(self.tr("Previous message"))
        self.previous_button.setToolTip(self.tr("Previous message (Alt+Left)"))
        self.previous_button.clicked.connect(self.previous)
        self.next_button = QPushButton(self.tr("&Next \u25b6"))
        self.next_button.setAccessibleName(self.tr("Next message"))
        self.next_button.setToolTip(self.tr("Next message (Alt+Right)"))
        self.next_button.clicked.connect(self.next)
        self.position = QLabel()
        self.position.setAccessibleName(self.tr("Message number"))
        self.row_box = QSpinBox()
        self.row_box.setRange(1, 10_000_000)
        self.row_box.setAccessibleName(self.tr("Spreadsheet row to show"))
        self.row_box.setKeyboardTracking(False)
        self.go_button = QPushButton(self.tr("&Go to row"))
        self.go_button.setAccessibleName(self.tr("Go to spreadsheet row"))
        self.go_button.clicked.connect(self._go_to_typed_row)
        self.row_box.editingFinished.connect(lambda: self.jump_to_row(self.row_box.value()))
        # two lines: one line of both left no room for the message number in a small window
        nav = QVBoxLayout()
        steps = QHBoxLayout()
        steps.addWidget(self.previous_button)
        steps.addWidget(self.next_button)
        steps.addWidget(self.position, 1)
        nav.addLayout(steps)
        jump = QHBoxLayout()
        jump.addWidget(QLabel(self.tr("Spreadsheet row:")))
        jump.addWidget(self.row_box)
        jump.addWidget(self.go_button)
        jump.addStretch(1)
        nav.addLayout(jump)

        self.to_label = _value_label(self.tr("To"))
        self.from_label = _value_label(self.tr("From"))
        self.subject_label = _value_label(self.tr("Subject"))
        self.files_label = _value_label(self.tr("Attached files"))
        self.answers_label = _value_label(self.tr("In reply to"))
        heads = QFormLayout()
        heads.addRow(self.tr("To:"), self.to_label)
        heads.addRow(self.tr("From:"), self.from_label)
        heads.addRow(self.tr("Subject:"), self.subject_label)
        heads.addRow(self.tr("Files:"), self.files_label)
        heads.addRow(self.tr("In reply to:"), self.answers_label)
        self._answers_row = heads.rowCount() - 1
        self._heads = heads
        heads.setRowVisible(self._answers_row, False)

        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setAccessibleName(self.tr("Values worth a second look"))
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setAutoFillBackground(True)
        self.notes.setMargin(6)
        self.notes.setVisible(False)

        self.text_view = QTextBrowser()
        self.text_view.setAccessibleName(self.tr("Message as plain text"))
        self.html_view = QTextBrowser()
        self.html_view.setOpenLinks(False)
        self.html_view.setAccessibleName(self.tr("Message as formatted text"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.text_view, self.tr("Plain text"))
        self.tabs.addTab(self.html_view, self.tr("Formatted"))
        self.tabs.setAccessibleName(self.tr("Message body"))
        self.tabs.tabBar().setAccessibleName(self.tr("Plain or formatted version"))

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addLayout(nav)
        rl.addLayout(heads)
        rl.addWidget(self.notes)
        rl.addWidget(self.tabs, 1)

        self.splitter = QSplitter()
        self.splitter.setObjectName("previewSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([260, 700])

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Preview status"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.explain)
        layout.addWidget(self.status)
        layout.addWidget(self.splitter, 1)

        for keys, slot in (
            (QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Right), self.next),
            (QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Left), self.previous),
            (QKeySequence(Qt.Key.Key_PageDown), self.next),
            (QKeySequence(Qt.Key.Key_PageUp), self.previous),
            (QKeySequence(QKeySequence.StandardKey.Find), self.search_box.setFocus),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._show_nothing(self.tr("Open a customer spreadsheet and write the apology first."))

    # ---- preparing ----------------------------------------------------------------------
    def _document_changed(self, *_: Any) -> None:
        self._stale = True
        if self.isVisible():
            self._prepare_soon()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self._prepare_soon()

    def _prepare_soon(self) -> None:
        if not hasattr(self, "_prepare_timer"):
            self._prepare_timer = QTimer(self, singleShot=True, interval=100)
            self._prepare_timer.timeout.connect(self.refresh)
        self._prepare_timer.start()

    def refresh(self) -> Job | None:
        """Rebuild the audience and the message maker from the document (in the worker)."""
        doc = self.document
        mailing = doc.mailing
        if mailing.table is None or not (mailing.columns and mailing.columns.email):
            self._show_nothing(self.tr("Open a customer spreadsheet first (step 1)."))
            self._stale = False
            return None
        if not (mailing.template.subject.strip() or mailing.template.body.strip()):
            self._show_nothing(self.tr("Write the apology first (step 2)."))
            self._stale = False
            return None
        self._stale = False
        self.status.setText(self.tr("Preparing the messages\u2026"))
        snapshot = doc.campaign.snapshot()
        self._job = self.worker.submit(prepare, snapshot, doc.checkup, key="preview")
        self._job.then(self._prepared, self._prepare_failed)
        return self._job

    def _prepared(self, prepared: Prepared) -> None:
        before = self.prepared
        keep_row = (
            before.audience[self.current].row
            if before is not None and self._valid(self.current)
            else None
        )
        self.prepared = prepared
        self._cache.clear()
        if prepared.first is not None:
            self._cache[0] = prepared.first
        self.current = -1
        self.model.set_people(prepared.audience)
        searching = bool(self.search_box.text().strip())
        if searching:
            self.model.search(self.search_box.text())
        if not prepared.audience:
            self._show_nothing(
                self.tr("Nobody is in the audience: check the customers and the filter (step 1).")
            )
            return
        self._show_standing_status()
        target = 0
        if keep_row is not None:
            target = next((i for i, p in enumerate(prepared.audience) if p.row == keep_row), 0)
        if self.model.model_row(target) < 0 and self.model.rowCount():
            target = self.model.audience_index(0)
        self.show_index(target)
        if searching:
            self._run_search()

    def _show_standing_status(self) -> None:
        """Above every message: why none can be made, or why they cannot be sent yet."""
        status = self.prepared.problem if self.prepared is not None else ""
        blocking = [b for b in self.document.blockers() if b.step != Step.SEND]
        if not status and blocking:
            # the messages can be read, but the person must know they cannot be sent yet
            status = self.tr("These cannot be sent yet: {0}").format(blocking[0].sentence)
        self.status.setText(status)
        self.status.setVisible(bool(status))

    def _prepare_failed(self, sentence: str) -> None:
        self._show_nothing(sentence)

    def _show_nothing(self, sentence: str) -> None:
        self.prepared = None
        self.current = -1
        self._cache.clear()
        self.model.set_people(())
        self.status.setText(sentence)
        self.status.setVisible(True)
        for label in (
            self.to_label,
            self.from_label,
            self.subject_label,
            self.files_label,
            self.answers_label,
        ):
            label.clear()
        self._heads.setRowVisible(self._answers_row, False)
        self.text_view.clear()
        self.html_view.clear()
        self.notes.setVisible(False)
        self.position.setText("")
        self._update_buttons()

    # ---- moving -------------------------------------------------------------------------
    def _valid(self, index: int) -> bool:
        return self.prepared is not None and 0 <= index < len(self.prepared.audience)

    def count(self) -> int:
        return 0 if self.prepared is None else len(self.prepared.audience)

    def next(self) -> None:
        self._step(+1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        """Next/previous among the search results when searching, else the whole audience."""
        if self.prepared is None:
            return
        row = self.model.model_row(self.current)
        if row < 0:
            row = 0 if delta > 0 else self.model.rowCount()
        else:
            row += delta
        if 0 <= row < self.model.rowCount():
            self.show_index(self.model.audience_index(row))

    def _go_to_typed_row(self) -> None:
        self.row_box.interpretText()  # a number typed but not yet confirmed with Enter counts
        self.jump_to_row(self.row_box.value())

    def jump_to_row(self, spreadsheet_row: int) -> bool:
        """Show the message of the recipient on this spreadsheet row; False if none."""
        if self.prepared is None:
            return False
        for i, person in enumerate(self.prepared.audience):
            if person.row == spreadsheet_row:
                if self.model.model_row(i) < 0:
                    self.search_box.clear()
                    self._run_search()
                self.show_index(i)
                return True
        self.status.setText(
            self.tr(
                "Row {0} is not among the recipients: it has a problem, is filtered out, or is "
                "not in the spreadsheet. See step 1."
            ).format(spreadsheet_row)
        )
        self.status.setVisible(True)
        return False

    def _picked(self, index: QModelIndex, _old: QModelIndex) -> None:
        if index.isValid():
            self.show_index(self.model.audience_index(index.row()))

    def show_index(self, index: int) -> None:
        """Show one audience member's message (made now if not made ahead)."""
        if not self._valid(index) or index == self.current:
            return
        self.current = index
        shown = self.shown(index)
        self._display(shown)
        row = self.model.model_row(index)
        if row >= 0:
            view_index = self.model.index(row)
            if self.people.currentIndex() != view_index:
                self.people.selectionModel().blockSignals(True)
                self.people.setCurrentIndex(view_index)
                self.people.selectionModel().blockSignals(False)
            if row:  # row 0: a list just filled starts there (scrolling 100,000 rows costs)
                self.people.scrollTo(view_index)
        self._update_buttons()
        QTimer.singleShot(0, self._make_neighbours)

    def made_ahead(self, index: int) -> bool:
        """Whether audience member ``index``'s message is ready before it is asked for."""
        return index in self._cache

    def shown(self, index: int) -> Shown:
        """The message for audience member ``index``, from the cache or made now."""
        assert self.prepared is not None
        hit = self._cache.get(index)
        if hit is not None:
            self._cache.move_to_end(index)
            return hit
        made = make_shown(self.prepared, index)
        self._cache[index] = made
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return made

    def _make_neighbours(self) -> None:
        if self.prepared is None or self.current < 0:
            return
        for delta in (1, -1, 2):
            row = self.model.model_row(self.current)
            target = row + delta
            if row >= 0 and 0 <= target < self.model.rowCount():
                index = self.model.audience_index(target)
                if index not in self._cache:
                    self.shown(index)
                    QTimer.singleShot(0, self._make_neighbours)  # one a turn of the event loop
                    return

    def _update_buttons(self) -> None:
        rows = self.model.rowCount()
        row = self.model.model_row(self.current) if self.current >= 0 else -1
        self.previous_button.setEnabled(row > 0)
        self.next_button.setEnabled(0 <= row < rows - 1 or (row < 0 and rows > 0))
        self.go_button.setEnabled(self.prepared is not None)
        if self.current >= 0:
            self.position.setText(
                self.tr("Message {0} of {1}").format(
                    _number(self.current + 1), _number(self.count())
                )
            )

    def _run_search(self) -> None:
        text = self.search_box.text()
        self.model.search(text)
        if text.strip():
            found = self.model.rowCount()
            self.found.setText(
                self.tr("%Ln recipients match.", "", found)
                if found
                else self.tr("Nobody matches \u201c{0}\u201d.").format(text.strip())
            )
            if found and self.model.model_row(self.current) < 0:
                self.show_index(self.model.audience_index(0))
        else:
            self.found.setText("")
        row = self.model.model_row(self.current)
        if row >= 0:
            self.people.selectionModel().blockSignals(True)
            self.people.setCurrentIndex(self.model.index(row))
            self.people.selectionModel().blockSignals(False)
        self._update_buttons()

    # ---- showing ------------------------------------------------------------------------
    def _display(self, shown: Shown) -> None:
        self.row_box.blockSignals(True)
        self.row_box.setValue(shown.row)
        self.row_box.blockSignals(False)
        show_value(self.to_label, self.tr("To"), shown.to)
        stand_in = self.prepared is not None and self.prepared.stand_in_sender
        show_value(
            self.from_label,
            self.tr("From"),
            self.tr("(your account, chosen in step 4)") if stand_in else shown.sender,
        )
        show_value(self.subject_label, self.tr("Subject"), shown.subject)
        show_value(
            self.files_label,
            self.tr("Attached files"),
            ", ".join(shown.files) if shown.files else self.tr("none"),
        )
        show_value(self.answers_label, self.tr("In reply to"), shown.answers)
        self._heads.setRowVisible(self._answers_row, bool(shown.answers))
        if shown.error:
            self.status.setText(shown.error)
            self.status.setVisible(True)
        elif self.prepared is not None:
            self._show_standing_status()
        show_value(self.notes, self.tr("Values worth a second look"), "\n".join(shown.notes))
        self.notes.setVisible(bool(shown.notes))
        if shown.notes:
            palette = self.notes.palette()
            palette.setColor(QPalette.ColorRole.Window, _mark_colour())
            self.notes.setPalette(palette)
        self.text_view.setPlainText(shown.text)
        _highlight(self.text_view, shown.marks)
        if shown.html is not None:
            self.html_view.setHtml(shown.html)
            _highlight(self.html_view, shown.marks)
            self.tabs.setTabEnabled(1, True)
            self.tabs.setTabToolTip(1, "")
        else:
            self.html_view.clear()
            self.tabs.setTabEnabled(1, False)
            self.tabs.setTabToolTip(
                1, self.tr("Turn on the formatted version in step 2 to send one.")
            )
            self.tabs.setCurrentIndex(0)


def _value_label(name: str) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    label.setAccessibleName(name)
    return label


def _mark_colour() -> QColor:
    """A soft yellow that reads on light and dark palettes alike."""
    base = QApplication.palette().color(QPalette.ColorRole.Base)
    return QColor(255, 214, 0, 70 if base.lightness() > 128 else 110)


def _highlight(view: QTextEdit, marks: Sequence[str]) -> None:
    """Mark every occurrence of the given texts in the view (display only)."""
    selections = []
    colour = _mark_colour()
    document = view.document()
    for text in marks:
        if not text:
            continue
        cursor = QTextCursor(document)
        while True:
            cursor = document.find(text, cursor)
            if cursor.isNull():
                break
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setBackground(colour)
            selection.format = fmt
            selections.append(selection)
    view.setExtraSelections(selections)


def _number(value: int) -> str:
    from PySide6.QtCore import QLocale

    return QLocale().toString(int(value))
