"""A real IMAP server (Dovecot) on loopback for tests, with a throwaway Maildir.

Why: reading bounces and replies must be proven against a server that really speaks IMAP,
TLS, SPECIAL-USE and AUTH — Debian's ``dovecot-imapd`` — never against a mock of the client.

Quick use (pytest fixture in ``tests/conftest.py``)::

    def test_x(imap_server):                        # started for the test, stopped after
        imap_server.deliver("INBOX", raw_bounce)    # a Maildir file, seen on the next sync
        ... sign in to imap_server.host / imap_server.imaps_port (or starttls_port) ...
        assert imap_server.messages("Sent") == [raw_reply]

Without pytest::

    with IMAPTestServer() as server:
        imap = imaplib.IMAP4_SSL(server.host, server.imaps_port,
                                 ssl_context=server.client_tls_context())

When Dovecot is missing the fixture skips, or fails when ``CI`` (or
``APOLOGY_COMPOSER_REQUIRE_SYSTEM=1``, as ``.ci/run`` sets) is set: ``require_dovecot()``.

Constructor ``IMAPTestServer(*, username=USERNAME, password=PASSWORD, token=None,
host="127.0.0.2")``:

- ``host`` is ``127.0.0.2``, not ``127.0.0.1``, on purpose: Dovecot counts a connection whose
  peer address equals its own address as secure and then accepts a password without TLS.
  A client connecting to ``127.0.0.2`` comes from ``127.0.0.1`` (Linux routes all of
  ``127.0.0.0/8`` to ``lo``), so ``disable_plaintext_auth`` really holds.
- ``imaps_port`` (implicit TLS) and ``starttls_port`` (STARTTLS required before a password)
  are free ports picked when ``start()`` runs. Mechanisms: ``PLAIN`` and ``LOGIN``, only after
  TLS (before it the capability says ``LOGINDISABLED``).
- TLS: a certificate for ``host``, ``127.0.0.1`` and ``localhost`` from the tests' private CA
  (``tests.smtp_server.private_ca()``); ``ca_pem`` is the CA's PEM path (for
  ``SSL_CERT_FILE``, fixture ``trust_test_ca``); ``client_tls_context()`` trusts only it.
- One user, ``username`` (the mailbox at that address) with ``password``. ``token="…"`` also
  offers ``XOAUTH2`` and ``OAUTHBEARER``, accepting only that access token for ``username``
  (a second passwd-file passdb: Dovecot's XOAUTH2 hands the token to the passdb as a
  password, so no introspection server is needed); ``set_token(new)`` replaces it and
  returns in the next wall-clock second (Dovecot re-reads the file at most once a second).
  A wrong password or token is refused after 0.5 s (``auth_failure_delay = 0``; Dovecot
  looks at its queue of failures twice a second), not the usual 2 s, and the next sign-in
  is not slowed down (no auth penalty).
- Folders (separator ``/``): ``INBOX`` and the SPECIAL-USE ``Sent`` (``\\Sent``), ``Drafts``,
  ``Trash`` and ``Junk``, created and subscribed. This API names folders as people read them
  (``"Clients/Été"``; on the wire IMAP sends modified UTF-7); Maildir++ on disk
  (``Maildir/.Clients.Été``), so a name may not contain ``.``. Messages are stored exactly as
  given (``mail_save_crlf = yes``), so an APPENDed message reads back byte for byte.
- Dovecot runs as the current user, or as ``nobody`` when the tests run as root (Dovecot
  refuses mail access as root); everything lives in one temp folder (``root``, in the system
  temp dir, which ``nobody`` must be able to enter), removed by ``stop()``: the configuration
  ``config_path``, ``log_path``, the Maildir. ``stop()`` ends every Dovecot process
  (``processes()``, the living processes of Dovecot's session, is empty afterwards).

Mailbox (read and written directly in the Maildir, ``maildir`` is its root):

- ``deliver(folder, raw, flags=(), date=None)`` stores one message (``raw`` bytes, unchanged)
  in ``folder`` (created if missing, not subscribed), as a mail server's delivery does: in
  ``new/`` without flags, in ``cur/`` with them (system flags only: ``\\Seen``,
  ``\\Answered``, ``\\Flagged``, ``\\Deleted``, ``\\Draft``). ``date`` (``datetime`` or
  epoch seconds; default now) is the INTERNALDATE. Returns the file's path.
- ``stored(folder)`` → list of ``StoredMessage`` (``raw``, ``flags`` as a frozenset of IMAP
  flags and keywords, ``uid`` once Dovecot has given one, else ``None``, ``path``), in UID
  order, then not-yet-seen files by name. ``messages(folder)`` → their ``raw`` bytes.
- ``folders()`` → the folders in the Maildir (``INBOX`` first, then sorted).
- ``log()`` → Dovecot's log so far (also in the failure message if it does not start).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.smtp_server import PASSWORD, USERNAME, LoopbackService, ca_pem_path, private_ca

DOVECOT = "/usr/sbin/dovecot"
# what dovecot-imapd adds to dovecot-core; without them Dovecot starts but serves no IMAP
IMAP_BINARIES = ("/usr/lib/dovecot/imap", "/usr/lib/dovecot/imap-login")
REQUIRE_SYSTEM = "APOLOGY_COMPOSER_REQUIRE_SYSTEM"
SPECIAL_USE = {"Sent": "\\Sent", "Drafts": "\\Drafts", "Trash": "\\Trash", "Junk": "\\Junk"}
# Maildir's one-letter flags (the ":2," info of a file name) and the IMAP flags they stand for
MAILDIR_FLAGS = {
    "\\Draft": "D",
    "\\Flagged": "F",
    "\\Answered": "R",
    "\\Seen": "S",
    "\\Deleted": "T",
}
START_TIMEOUT = 15.0
STOP_TIMEOUT = 10.0
STOP_GRACE = 0.2  # seconds Dovecot gets to end itself after SIGTERM before SIGKILL


def dovecot_missing() -> str | None:
    """The sentence saying what to install, or ``None`` when Dovecot can serve IMAP here."""
    missing = [p for p in (DOVECOT, *IMAP_BINARIES) if not os.access(p, os.X_OK)]
    if not missing:
        return None
    return (
        f"Dovecot's IMAP server is not installed ({', '.join(missing)} missing): install the "
        "Debian package dovecot-imapd (sudo apt-get install dovecot-imapd) to run the IMAP tests."
    )


def _in_ci() -> bool:
    ci = os.environ.get("CI", "").strip().lower()
    return ci not in ("", "0", "false", "no") or os.environ.get(REQUIRE_SYSTEM) == "1"


def require_dovecot() -> None:
    """Fail (in CI) or skip (elsewhere) with the sentence naming the package to install."""
    missing = dovecot_missing()
    if missing is None:
        return
    if _in_ci():
        pytest.fail(missing, pytrace=False)
    pytest.skip(missing)


@dataclass(frozen=True)
class StoredMessage:
    """One message file in a Maildir folder."""

    raw: bytes
    flags: frozenset[str]
    uid: int | None
    path: Path


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _sessions() -> dict[int, int]:
    """pid → session id of every living process on this machine (Linux /proc; a zombie,
    dead but not yet reaped by its new parent, is not counted)."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path("/proc", entry, "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid pgrp session ..."; comm may hold spaces and parentheses
        fields = stat.rpartition(")")[2].split()
        with contextlib.suppress(IndexError, ValueError):
            if fields[0] not in ("Z", "X"):
                found[int(entry)] = int(fields[3])
    return found


class IMAPTestServer(LoopbackService):
    """Dovecot on loopback with a throwaway configuration; see the module docstring."""

    def __init__(
        self,
        *,
        username: str = USERNAME,
        password: str = PASSWORD,
        token: str | None = None,
        host: str = "127.0.0.2",
    ) -> None:
        if not ipaddress.ip_address(host).is_loopback:
            raise ValueError(f"the test IMAP server listens on loopback only, not {host!r}")
        for name, value in (("username", username), ("password", password), ("token", token)):
            if value is not None and (":" in value or "\n" in value or not value):
                raise ValueError(f"{name} must be non-empty, without ':' or a line break")
        self.username = username
        self.password = password
        self.token = token
        self.host = host
        self.imaps_port = 0
        self.starttls_port = 0
        self.root: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._counter = 0
        self._token_stamp = 0
        self._sid: int | None = None  # the session of Dovecot's master and all its children
        if os.geteuid() == 0:  # Dovecot's imap refuses to serve mail as root
            self._user = pwd.getpwnam("nobody")
        else:
            self._user = pwd.getpwuid(os.geteuid())

    # -- paths ------------------------------------------------------------------------------

    def _path(self, *parts: str) -> Path:
        if self.root is None:
            raise RuntimeError("the IMAP test server is not started")
        return self.root.joinpath(*parts)

    @property
    def maildir(self) -> Path:
        """The user's Maildir (INBOX's cur/new/tmp; other folders as ``.Name`` inside)."""
        return self._path("Maildir")

    @property
    def config_path(self) -> Path:
        return self._path("dovecot.conf")

    @property
    def log_path(self) -> Path:
        return self._path("dovecot.log")

    @property
    def ca_pem(self) -> str:
        """Path of the test CA certificate (PEM) to trust, e.g. as ``SSL_CERT_FILE``."""
        return ca_pem_path()

    def client_tls_context(self) -> ssl.SSLContext:
        """A client context that trusts the test CA (and nothing else)."""
        return ssl.create_default_context(cafile=ca_pem_path())

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except (OSError, RuntimeError):
            return ""

    def wait_for_log(self, text: str, timeout: float = 10.0) -> str:
        """The log once it holds ``text``: Dovecot's login processes write through its log
        process, so a line can land a moment after the client has seen the answer."""
        deadline = time.monotonic() + timeout
        while text not in (log := self.log()) and time.monotonic() < deadline:
            time.sleep(0.05)
        return log

    # -- life cycle -------------------------------------------------------------------------

    def start(self) -> IMAPTestServer:
        """Write the configuration, start Dovecot and wait until both ports answer."""
        if self._process is not None:
            return self
        missing = dovecot_missing()
        if missing is not None:
            raise RuntimeError(missing)
        try:
            _free_port(self.host)
        except OSError as exc:
            raise RuntimeError(
                f"cannot listen on {self.host} ({exc}); Linux has all of 127.0.0.0/8 on lo, "
                f"elsewhere add the alias (macOS: sudo ifconfig lo0 alias {self.host})"
            ) from exc
        self.root = Path(tempfile.mkdtemp(prefix="apology-test-imap-"))
        try:
            for attempt in range(3):  # a free port may be taken before Dovecot binds it
                self.imaps_port = _free_port(self.host)
                self.starttls_port = _free_port(self.host)
                self._write_files()
                try:
                    self._launch()
                    return self
                except _PortTaken:
                    self._end_processes()
                    if attempt == 2:
                        raise
        except BaseException:
            self._end_processes()
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None
            raise
        raise AssertionError("unreachable")

    def stop(self) -> None:
        """End every Dovecot process of this server and remove its temp folder."""
        if self.root is None:
            return
        try:
            self._end_processes()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    def processes(self) -> list[int]:
        """Pids of this server's processes still running (Dovecot's master and its children,
        all in the session the master was started in; ``[]`` once stopped)."""
        if self._sid is None:
            return []
        return sorted(pid for pid, sid in _sessions().items() if sid == self._sid)

    def _launch(self) -> None:
        as_root = os.geteuid() == 0
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                [DOVECOT, "-F", "-c", str(self.config_path)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                cwd=self.root,
                env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C"},
                start_new_session=True,  # its own session: stop() finds every child by it
                user=self._user.pw_uid if as_root else None,
                group=self._user.pw_gid if as_root else None,
                extra_groups=[] if as_root else None,
            )
        self._sid = self._process.pid
        deadline = time.monotonic() + START_TIMEOUT
        waiting = {self.starttls_port, self.imaps_port}
        while waiting:
            if self._process.poll() is not None:
                log_text = self.log()
                if "Address already in use" in log_text:
                    raise _PortTaken(log_text)
                raise RuntimeError(
                    f"Dovecot exited with {self._process.returncode} before listening:\n"
                    f"{log_text[-3000:]}"
                )
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"Dovecot did not listen within {START_TIMEOUT:.0f} s:\n{self.log()[-3000:]}"
                )
            for port in sorted(waiting):
                if self._answers(port):
                    waiting.discard(port)
            if waiting:
                time.sleep(0.02)

    def _answers(self, port: int) -> bool:
        """True once a connection to ``port`` gets an IMAP greeting (through TLS for IMAPS)."""
        try:
            with socket.create_connection((self.host, port), timeout=2) as sock:
                if port == self.imaps_port:
                    with self.client_tls_context().wrap_socket(
                        sock, server_hostname=self.host
                    ) as tls:
                        greeting = tls.recv(100)
                        tls.sendall(b"probe LOGOUT\r\n")
                else:
                    greeting = sock.recv(100)
                    sock.sendall(b"probe LOGOUT\r\n")
        except OSError:
            return False
        return greeting.startswith(b"* OK")

    def _end_processes(self) -> None:
        """SIGTERM to the whole group, not only the master: told alone, the master waits for
        its children (1 s at least, 10 s with a client signed in). Even so it sometimes dozes
        up to 5 s over an exited child it has not reaped: after STOP_GRACE, SIGKILL."""
        process, self._process = self._process, None
        if process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(STOP_GRACE)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(STOP_TIMEOUT)
        started = time.monotonic()
        while left := self.processes():  # children the master left behind, if any
            if time.monotonic() > started + STOP_TIMEOUT:
                raise RuntimeError(f"Dovecot processes left running: {left}")
            if time.monotonic() > started + STOP_GRACE:
                for pid in left:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
            time.sleep(0.02)
        self._sid = None

    # -- configuration ----------------------------------------------------------------------

    def _write_files(self) -> None:
        root = self._path()
        for sub in ("run", "state"):
            (root / sub).mkdir(exist_ok=True)
        cert = private_ca().issue_cert(self.host, "127.0.0.1", "localhost")
        cert.cert_chain_pems[0].write_to_path(str(root / "cert.pem"))
        for extra in cert.cert_chain_pems[1:]:
            extra.write_to_path(str(root / "cert.pem"), append=True)
        cert.private_key_pem.write_to_path(str(root / "key.pem"))
        (root / "key.pem").chmod(0o600)
        uid, gid = self._user.pw_uid, self._user.pw_gid
        home = root / "home"
        home.mkdir(exist_ok=True)
        (root / "users").write_text(
            f"{self.username}:{{PLAIN}}{self.password}:{uid}:{gid}::{home}::\n"
        )
        self._write_token()
        self._make_folder("INBOX")
        for folder in SPECIAL_USE:
            self._make_folder(folder)
        self.config_path.write_text(self._config())
        self.log_path.write_text("")  # a new attempt's log only: start() reads it
        self._give_to_dovecot(root)

    def _write_token(self) -> None:
        """The XOAUTH2 passdb's one line (an empty file when no token is set). A new mtime on
        every write: Dovecot re-reads a passwd-file when its mtime or size changes."""
        path = self._path("tokens")
        line = f"{self.username}:{{PLAIN}}{self.token}::::::\n" if self.token else ""
        new = path.with_suffix(".new")
        new.write_text(line)
        self._token_stamp = max(self._token_stamp + 1, int(time.time()))
        os.utime(new, (self._token_stamp, self._token_stamp))
        self._give_to_dovecot(new)
        os.replace(new, path)

    def set_token(self, token: str) -> None:
        """Accept only ``token`` for XOAUTH2/OAUTHBEARER from now on. Returns in the next
        wall-clock second (under 1 s): Dovecot looks at a passwd-file at most once a second."""
        if self.token is None:
            raise ValueError("XOAUTH2 is offered only when the server is made with token=…")
        if not token or ":" in token or "\n" in token:
            raise ValueError("token must be non-empty, without ':' or a line break")
        self.token = token
        self._write_token()
        second = int(time.time())
        while int(time.time()) == second:
            time.sleep(0.01)

    def _config(self) -> str:
        root = self._path()
        user = self._user.pw_name
        group = _group_name(self._user.pw_gid)
        mechanisms = "plain login" + (" xoauth2 oauthbearer" if self.token else "")
        mailboxes = "\n".join(
            f"  mailbox {name} {{\n    special_use = {flag}\n    auto = subscribe\n  }}"
            for name, flag in SPECIAL_USE.items()
        )
        return f"""# Written by tests/imap_server.py for one test; removed when the server stops.
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = {self.host}
shutdown_clients = yes

# one unprivileged user for every process (no chroot: that needs root)
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
first_valid_uid = {self._user.pw_uid}
last_valid_uid = {self._user.pw_uid}
first_valid_gid = {self._user.pw_gid}
last_valid_gid = {self._user.pw_gid}

ssl = yes
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
ssl_min_protocol = TLSv1.2
# no ssl_dh: the certificate is ECDSA and TLS 1.3/ECDHE never ask for DH parameters

disable_plaintext_auth = yes
auth_mechanisms = {mechanisms}
auth_verbose = yes
auth_cache_size = 0
# a wrong password is refused in 0.5 s (when Dovecot next looks at its failure queue), not 2 s
auth_failure_delay = 0

passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
  mechanisms = plain login
}}
# XOAUTH2/OAUTHBEARER hand the token to the passdb as a password: this one holds the token
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/tokens
  mechanisms = xoauth2 oauthbearer
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {root}/users
}}

mail_location = maildir:{root}/Maildir:UTF-8
mail_save_crlf = yes
namespace inbox {{
  inbox = yes
  separator = /
{mailboxes}
}}

service imap-login {{
  chroot =
  inet_listener imap {{
    address = {self.host}
    port = {self.starttls_port}
  }}
  inet_listener imaps {{
    address = {self.host}
    port = {self.imaps_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
  # no auth penalty: else a sign-in after a failed one from the same address waits 2-15 s
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service ipc {{
  chroot =
}}
service imap-urlauth-login {{
  chroot =
}}
service auth-worker {{
  user = $default_internal_user
}}
"""

    def _give_to_dovecot(self, path: Path, *, tree: bool = True) -> None:
        """Files the tests (root) write must belong to Dovecot's user (nobody); a folder
        with everything in it unless ``tree=False``."""
        if os.geteuid() != 0:
            return
        uid, gid = self._user.pw_uid, self._user.pw_gid
        os.chown(path, uid, gid, follow_symlinks=False)
        if tree and path.is_dir():
            for parent, dirs, files in os.walk(path):
                for name in dirs + files:
                    os.chown(os.path.join(parent, name), uid, gid, follow_symlinks=False)

    # -- the Maildir ------------------------------------------------------------------------

    def _folder_dir(self, folder: str) -> Path:
        if folder.upper() == "INBOX":
            return self.maildir
        parts = folder.split("/")
        if any(not p or "." in p or p in (".", "..") for p in parts):
            raise ValueError(f"folder names here are '/'-separated, without '.': {folder!r}")
        return self.maildir / ("." + ".".join(parts))

    def _make_folder(self, folder: str) -> Path:
        """The folder's directory, made as Dovecot makes one (Maildir++) if missing."""
        path = self._folder_dir(folder)
        made = [p for p in (self.maildir, path) if not p.is_dir()]
        for sub in ("cur", "new", "tmp"):
            if not (path / sub).is_dir():
                (path / sub).mkdir(parents=True)
                made.append(path / sub)
        if path != self.maildir and not (path / "maildirfolder").exists():
            (path / "maildirfolder").touch()
            made.append(path / "maildirfolder")
        for made_path in made:
            self._give_to_dovecot(made_path, tree=False)
        return path

    def folders(self) -> list[str]:
        """The folders in the Maildir: ``INBOX`` first, then the others sorted."""
        names = [
            entry.name[1:].replace(".", "/")
            for entry in self.maildir.iterdir()
            if entry.name.startswith(".") and (entry / "cur").is_dir()
        ]
        return ["INBOX", *sorted(names)]

    def deliver(
        self,
        folder: str,
        raw: bytes,
        flags: Iterable[str] = (),
        date: dt.datetime | float | None = None,
    ) -> Path:
        """Store ``raw`` unchanged as one message in ``folder``; returns the file's path."""
        letters = []
        for flag in flags:
            match = next((f for f in MAILDIR_FLAGS if f.lower() == flag.lower()), None)
            if match is None:
                raise ValueError(f"only system flags can be delivered: {flag!r}")
            letters.append(MAILDIR_FLAGS[match])
        if date is None:
            stamp = time.time()
        elif isinstance(date, dt.datetime):
            stamp = date.timestamp()
        else:
            stamp = float(date)
        path = self._make_folder(folder)
        with self._lock:
            self._counter += 1
            counter = self._counter
        now = time.time()
        base = (
            f"{int(now)}.M{int(now * 1e6) % 1_000_000}P{os.getpid()}Q{counter}."
            f"{socket.gethostname().replace('/', '_').replace(':', '_')}"
        )
        temporary = path / "tmp" / base
        temporary.write_bytes(raw)
        os.utime(temporary, (stamp, stamp))
        self._give_to_dovecot(temporary)
        if letters:
            final = path / "cur" / f"{base}:2,{''.join(sorted(set(letters)))}"
        else:
            final = path / "new" / base
        os.rename(temporary, final)  # atomic: Dovecot never sees half a message
        return final

    def stored(self, folder: str) -> list[StoredMessage]:
        """Every message file in ``folder``, in UID order (unnumbered ones last, by name)."""
        path = self._folder_dir(folder)
        if not path.is_dir():
            raise KeyError(f"no folder {folder!r} in the Maildir")
        uids = _uidlist(path / "dovecot-uidlist")
        keywords = _keywords(path / "dovecot-keywords")
        found = []
        for sub in ("new", "cur"):
            for entry in (path / sub).iterdir():
                base, _, info = entry.name.partition(":2,")
                flags = {f for f, letter in MAILDIR_FLAGS.items() if letter in info}
                flags |= {keywords[c] for c in info if c in keywords}
                try:
                    raw = entry.read_bytes()
                except FileNotFoundError:  # renamed new/ → cur/ meanwhile: read it again
                    return self.stored(folder)
                found.append(StoredMessage(raw, frozenset(flags), uids.get(base), entry))
        return sorted(found, key=lambda m: (m.uid is None, m.uid or 0, m.path.name))

    def messages(self, folder: str) -> list[bytes]:
        """The raw bytes of every message in ``folder`` (order of ``stored``)."""
        return [m.raw for m in self.stored(folder)]


class _PortTaken(RuntimeError):
    pass


def _group_name(gid: int) -> str:
    import grp

    return grp.getgrgid(gid).gr_name


def _uidlist(path: Path) -> dict[str, int]:
    """Dovecot's dovecot-uidlist (version 3): ``<uid> [<field>…] :<base name>`` per line."""
    try:
        lines = path.read_text(errors="replace").splitlines()[1:]
    except FileNotFoundError:
        return {}
    uids = {}
    for line in lines:
        head, sep, base = line.partition(" :")
        if sep and head.split()[0].isdigit():
            uids[base] = int(head.split()[0])
    return uids


def _keywords(path: Path) -> dict[str, str]:
    """Dovecot's dovecot-keywords: ``<index> <keyword>``; index 0 is the letter ``a``."""
    try:
        lines = path.read_text(errors="replace").splitlines()
    except FileNotFoundError:
        return {}
    found = {}
    for line in lines:
        index, _, keyword = line.partition(" ")
        if index.isdigit() and int(index) < 26:
            found[chr(ord("a") + int(index))] = keyword
    return found
