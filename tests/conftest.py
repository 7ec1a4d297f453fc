"""Every shared fixture, registered once. Helpers that generate real spreadsheet files live in
tests/spreadsheets.py, the real SMTP server in tests/smtp_server.py, the GUI tests' helpers in
tests/ui_flow.py."""

from __future__ import annotations

import pytest

# ---- a real SMTP server on loopback ----------------------------------------------------------


@pytest.fixture
def make_smtp_server():
    """Factory: ``make_smtp_server(security=..., **faults)`` starts a server, stopped at test end."""
    from tests.smtp_server import SMTPTestServer

    servers = []

    def make(**options):
        server = SMTPTestServer(**options).start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()


@pytest.fixture
def smtp_server(make_smtp_server):
    """A real SMTP server on 127.0.0.1: STARTTLS required before AUTH (PLAIN, LOGIN)."""
    return make_smtp_server(security="starttls")


@pytest.fixture
def smtp_server_tls(make_smtp_server):
    """A real SMTP server on 127.0.0.1 with implicit TLS and AUTH required."""
    return make_smtp_server(security="tls")


@pytest.fixture
def trust_test_ca(monkeypatch):
    """Make ssl.create_default_context() trust the test CA via SSL_CERT_FILE."""
    from tests.smtp_server import ca_pem_path

    path = ca_pem_path()
    monkeypatch.setenv("SSL_CERT_FILE", path)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    return path


# ---- the app's folders, keyring and threads ------------------------------------------------


@pytest.fixture(scope="session")
def _quiet_dns():
    """A loopback DNS server that knows no names, answering at once: what every test's
    lookups reach unless it starts its own (fixture dns_server). No test asks the real DNS."""
    from tests.dns_server import DNSTestServer

    server = DNSTestServer().start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _no_real_dns(_quiet_dns, monkeypatch):
    from composer import domains

    monkeypatch.setenv(domains.NAMESERVER_ENV, _quiet_dns.nameserver)
    domains.clear_cache()


@pytest.fixture(autouse=True)
def _isolated_app_dirs(tmp_path_factory, monkeypatch):
    """Every test gets its own settings and drafts folders and an in-memory keyring, so no
    test reads or writes the person's real settings, drafts or passwords."""
    from tests.memory_keyring import MemoryKeyring, using_keyring

    home = tmp_path_factory.mktemp("app-dirs")
    monkeypatch.setenv("APOLOGY_COMPOSER_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("APOLOGY_COMPOSER_DATA_DIR", str(home / "data"))
    with using_keyring(MemoryKeyring()):
        yield


@pytest.fixture(autouse=True)
def _no_dangling_qthreads(monkeypatch):
    """Fail a test that leaves a QThread running (the napari rule): every QThread started
    during the test must have finished when it ends."""
    try:
        from PySide6.QtCore import QThread
    except ImportError:  # the engine's own tests run without Qt too
        yield
        return
    started = []
    original = QThread.start

    def start(self, *args):
        started.append(self)
        return original(self, *args)

    monkeypatch.setattr(QThread, "start", start)
    yield
    running = []
    for thread in started:
        try:
            if thread.isRunning():
                running.append(thread.objectName() or type(thread).__name__)
        except RuntimeError:  # the C++ object is gone, so the thread is too
            continue
    if running:
        pytest.fail(f"QThread(s) left running after the test: {', '.join(running)}")


@pytest.fixture
def ui_worker(qtbot):
    """The app's background worker, stopped (and joined) when the test ends."""
    from ui.worker import Worker

    worker = Worker()
    yield worker
    worker.stop()


@pytest.fixture(params=["en", "de"])
def spoken(request, qapp):
    """The app and the engine speaking English, then German (the longest words of the shipped
    languages), through the real .qm and .mo files built in this run."""
    from ui import translations

    translations.build()
    translations.install(qapp, request.param)
    yield request.param
    translations.install(qapp, "en")


@pytest.fixture
def main_window(qtbot, ui_worker):
    """The whole main window, shown, with nothing unsaved left to ask about at the end."""
    from ui.main_window import MainWindow

    window = MainWindow(ui_worker)  # closed here, not by qtbot: no unsaved-changes prompt
    window.show()
    qtbot.waitExposed(window)
    yield window
    from PySide6.QtWidgets import QMessageBox

    # A message box left open would be the "active modal widget" of the next test's window.
    for box in window.findChildren(QMessageBox):
        box.done(0)
    window.document.dirty = False
    window.close()
    ui_worker.stop()


@pytest.fixture
def dialog(qtbot, ui_worker):
    """The account dialog, new and shown."""
    from ui.account_dialog import AccountDialog

    d = AccountDialog(ui_worker)
    qtbot.addWidget(d)
    d.show()
    return d


@pytest.fixture
def customers_xlsx(tmp_path):
    """A real workbook of affected customers with the messy rows real lists have:
    an invalid address (row 4), a blank first name (row 5), a duplicate (row 7)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Customers"
    sheet.append(["Email", "Work email", "First name", "Order #", "Country"])
    rows = [
        ("amelia@example.com", "a.hughes@work.example.com", "Amelia", 1001.0, "GB"),
        ("jonas@example.com", "j.becker@work.example.com", "Jonas", 1002.0, "DE"),
        ("not-an-address", "c.lefevre@work.example.com", "Chloé", 1003.0, "FR"),
        ("mateo@example.com", "m.garcia@work.example.com", "", 1004.0, "ES"),
        ("aisha@example.com", "a.okafor@work.example.com", "Aisha", 1005.0, "NG"),
        ("AMELIA@example.com", "amelia.h@work.example.com", "Amelia", 1006.0, "GB"),
        ("liam@example.com", "l.oconnor@work.example.com", "Liam", 1007.0, "IE"),
        ("sofia@example.com", "s.rossi@work.example.com", "Sofia", 1008.0, "IT"),
    ]
    for row in rows:
        sheet.append(list(row))
    book.create_sheet("Notes").append(["nothing to see"])
    path = tmp_path / "customers.xlsx"
    book.save(path)
    return path


# ---- the app's parts, as the GUI tests use them -----------------------------------------------


@pytest.fixture
def document(qtbot, ui_worker, tmp_path):
    """The campaign being edited (settings, drafts and secrets are private to the test)."""
    from ui.document import Document

    doc = Document(ui_worker, drafts=tmp_path / "drafts")
    yield doc
    doc.close()


@pytest.fixture
def send_page(qtbot, document, ui_worker, tmp_path):
    """Step 4 on its own, shown; its practice outbox is stopped at the end."""
    from tests.ui_flow import WAIT_MS
    from ui.send_page import SendPage

    page = SendPage(document, ui_worker)
    qtbot.addWidget(page)
    page.ask_save_path = lambda: tmp_path / "apology.apology"
    page.show()
    yield page
    if page.sending():
        with qtbot.waitSignal(page.sendFinished, timeout=WAIT_MS, raising=False):
            page.cancel()
    page.shutdown()


# ---- a real DNS server on loopback ------------------------------------------------------------


@pytest.fixture
def dns_server(monkeypatch):
    """A real DNS server on 127.0.0.1 (tests/dns_server.py), the only one composer.domains
    asks (APOLOGY_COMPOSER_NAMESERVER), with domains' cache emptied before and after."""
    from composer import domains
    from tests.dns_server import DNSTestServer

    server = DNSTestServer().start()
    monkeypatch.setenv(domains.NAMESERVER_ENV, server.nameserver)
    domains.clear_cache()
    yield server
    server.stop()
    domains.clear_cache()
    assert not server.errors, f"the test DNS server failed to answer: {server.errors}"


# ---- sign-in with Microsoft and Google, and their mail APIs, on loopback --------------------


@pytest.fixture
def identity_server():
    """A fake Microsoft identity platform and Google OAuth on 127.0.0.1 (HTTPS, test CA) with
    one user, USERNAME (tests/identity_server.py)."""
    from tests.identity_server import IdentityServer

    server = IdentityServer().start()
    yield server
    server.stop()


@pytest.fixture
def mail_api_server(identity_server):
    """A fake Graph sendMail and Gmail messages.send on 127.0.0.1 (tests/mail_api_server.py),
    taking the identity server's access tokens."""
    from tests.mail_api_server import MailAPIServer

    server = MailAPIServer(checker=identity_server.is_valid).start()
    yield server
    server.stop()


@pytest.fixture
def oauth_config(identity_server, mail_api_server, trust_test_ca, tmp_path, monkeypatch):
    """The app's sign-in settings pointing at both fakes, named by APOLOGY_COMPOSER_OAUTH_CONFIG,
    with the test CA trusted through SSL_CERT_FILE and also REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE
    (when set, requests lets those override a session's ``verify``); yields the file's path."""
    path = identity_server.config(tmp_path, mail_api=mail_api_server)
    monkeypatch.setenv("APOLOGY_COMPOSER_OAUTH_CONFIG", str(path))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", trust_test_ca)
    monkeypatch.setenv("CURL_CA_BUNDLE", trust_test_ca)
    yield path


# ---- a real IMAP server (Dovecot) on loopback -------------------------------------------------


@pytest.fixture
def imap_server():
    """Dovecot on 127.0.0.2 (tests/imap_server.py): IMAPS and STARTTLS with the test CA, one
    user (USERNAME), SPECIAL-USE folders, a throwaway Maildir; stopped after the test. Without
    Dovecot: skipped, or failed in CI, with a sentence saying to install dovecot-imapd."""
    from tests.imap_server import IMAPTestServer, require_dovecot

    require_dovecot()
    with IMAPTestServer() as server:
        yield server
