"""No password leaks: after real sends through the CLI, the password is found nowhere but where
the person put it (the keyring, or the environment variable they set).

Each scenario runs against a real loopback SMTP server (STARTTLS, then AUTH PLAIN) that only
accepts a distinctive password, ``SECRET``:

1. ``send --yes`` in a child process, the password given in ``APOLOGY_COMPOSER_PASSWORD``;
2. (full only) ``account add`` with the variable set stores the password in the keyring (the
   in-memory test backend, installed with ``keyring.set_keyring``); the variable is then removed,
   and ``account test`` and ``send --account`` read the password from the keyring only. This
   runs in this process through ``composer.cli.main`` (a child could not see an in-memory
   keyring), with stdout and stderr caught at the file-descriptor level;
3. a sign-in the server refuses (535 even for the right password), once plain and once with
   ``--debug`` (a traceback must not carry it either);
4. ``send`` in a child process killed with SIGKILL once the server has some of the messages,
   scanned as the crash left it (journal WAL, lock file), then resumed to the end.

After the send, ``status``, ``report`` (.csv, and .xlsx in full) and ``preview --out`` run as
well. Then every file under the scenario's private folder is scanned: the campaign file and
its -wal/-shm/.lock siblings, the config and data folders (``APOLOGY_COMPOSER_CONFIG_DIR`` and
``APOLOGY_COMPOSER_DATA_DIR``), the report, the .eml files, plus the working directory,
``TMPDIR`` and XDG folders the commands were given. Zip files (.xlsx) are scanned inside as
well. Every command's stdout and stderr are scanned, and so is every message the server
received. The patterns: the password in UTF-8, UTF-16-LE and XML-escaped; base64 of it (what
AUTH LOGIN sends); base64 of the AUTH PLAIN string; and, for each of the three alignments, the
part of its base64 that any longer base64 text holding it must contain.

The scanner cannot pass vacuously. It first proves it finds every encoding in samples. Each
folder scan also plants a canary (base64 of the AUTH PLAIN string) and must find it; the canary
is then deleted and not counted. Each place holding a pattern adds one to ``secret_hits``
and a sentence to ``failures`` naming the scenario, the place and the patterns (never the
secret). A scenario that did not really happen is a failure too: no refused or accepted
sign-in at the server, a kill that came too late, a keyring never used.
"""

from __future__ import annotations

import base64
import contextlib
import html
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import traceback
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from composer import accounts
from composer.paths import CONFIG_DIR_ENV, DATA_DIR_ENV
from tests.sending_helpers import OWNER, make_campaign
from tests.smtp_server import USERNAME, ReceivedMessage, SMTPTestServer, ca_pem_path
from tests.test_cli_deliver import server_flags
from tests.torture import Figures

SECRET = "Tr0ub4dor&3-torture"
ROOT = Path(__file__).resolve().parents[2]
QUICK_CUSTOMERS = 10
FULL_CUSTOMERS = 200
CONNECTIONS = 2
REPLY_DELAY_MS = 10  # the crash drill's server waits this long before each reply
CHILD_TIMEOUT = 180.0  # seconds one CLI command may take
CANARY_NAME = "canary-auth-plain.txt"
AUTH_PLAIN = "base64 of the AUTH PLAIN string"
FOLDERS = (
    "campaign",
    "config",
    "data",
    "tmp",
    "out",
    "xdg/config",
    "xdg/data",
    "xdg/cache",
    "xdg/state",
)

Patterns = Mapping[str, bytes]
Runner = Callable[[Sequence[str], str], "int | None"]


# -- what a leak looks like ---------------------------------------------------------------------


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data)


def _b64_cores(secret: bytes) -> list[bytes]:
    """For alignments 0, 1 and 2 (bytes before the secret, modulo 3): the base64 characters
    every encoding of a longer text holding ``secret`` there must contain, namely the 4-character
    groups made of the secret's bytes only."""
    cores = []
    for skew in range(3):
        encoded = _b64(b"\0" * skew + secret)
        start = 4 if skew else 0  # the first group mixes in the bytes before
        end = (skew + len(secret)) // 3 * 4  # a last, partial group mixes in the bytes after
        cores.append(encoded[start:end])
    return cores


def auth_plain(username: str = USERNAME, password: str = SECRET) -> bytes:
    """What AUTH PLAIN sends: base64 of NUL, user name, NUL, password."""
    return _b64(b"\0" + username.encode() + b"\0" + password.encode())


def patterns(username: str = USERNAME, password: str = SECRET) -> dict[str, bytes]:
    """Every form of the password the scan looks for, by name."""
    raw = password.encode()
    found = {
        "the password (UTF-8)": raw,
        "the password (UTF-16-LE)": password.encode("utf-16-le"),
        "base64 of the password (the AUTH LOGIN answer)": _b64(raw),
        AUTH_PLAIN: auth_plain(username, password),
    }
    escaped = html.escape(password, quote=False).encode()
    if escaped != raw:
        found["the password, XML-escaped"] = escaped
    for skew, core in enumerate(_b64_cores(raw)):
        found[f"base64 of the password inside longer base64 (alignment {skew})"] = core
    return found


def find(data: bytes, pats: Patterns) -> set[str]:
    """The names of the patterns in ``data``, looking inside it too when it is a zip file."""
    names = {name for name, pattern in pats.items() if pattern in data}
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for info in archive.infolist():
                    inner = find(archive.read(info), pats)
                    names |= {f"{name} (inside {info.filename})" for name in inner}
        except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError):
            pass  # not a readable zip: the raw bytes were searched already
    return names


def redact(data: bytes | str, pats: Patterns, tail: int = 300) -> str:
    """The end of ``data`` as one line, each pattern replaced, for a failure sentence."""
    raw = data.encode("utf-8", "replace") if isinstance(data, str) else data
    for pattern in sorted(pats.values(), key=len, reverse=True):
        raw = raw.replace(pattern, b"[secret]")
    text = raw.decode("utf-8", "replace").strip().replace("\n", " | ")
    return text[-tail:]


def _self_test(fig: Figures, pats: Patterns) -> None:
    """The scanner finds the password in every form it claims to, and nothing in clean data."""
    raw = SECRET.encode()
    escaped = html.escape(SECRET, quote=False).encode()
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"<si><t>" + escaped + b"</t></si>" * 3)
    samples = {
        "plain text": b"before " + raw + b" after",
        "UTF-16 text": f"before {SECRET} after".encode("utf-16-le"),
        "an AUTH PLAIN command": b"AUTH PLAIN " + auth_plain() + b"\r\n",
        "an AUTH LOGIN answer": _b64(raw) + b"\r\n",
        "an XML cell": b"<c><v>" + escaped + b"</v></c>",
        "a deflated member of a zip file": packed.getvalue(),
    }
    for skew in range(3):
        samples[f"base64 of a longer text (alignment {skew})"] = _b64(
            b"xyz"[:skew] + raw + b" and more after it"
        )
    for what, data in samples.items():
        if not find(data, pats):
            fig.fail(f"secrets self-test: the scanner missed the password in {what}")
    clean = b"Dear Customer 3, your order 1003 went wrong. " + _b64(b"Tr0ub4dor&3-other")
    if find(clean, pats):
        fig.fail(
            f"secrets self-test: the scanner saw a password in clean data ({find(clean, pats)})"
        )


# -- one scenario's scan --------------------------------------------------------------------------


@dataclass
class _Scan:
    """The places one scenario found the secret, counted once each when the scenario ends."""

    fig: Figures
    scenario: str
    root: Path  # every file below it is scanned
    pats: Patterns
    stage: str = "during the run"
    last_stderr: bytes = b""
    places: dict[str, set[str]] = field(default_factory=dict)
    first_seen: dict[str, str] = field(default_factory=dict)

    def note(self, place: str, names: set[str]) -> None:
        if not names:
            return
        self.places.setdefault(place, set()).update(names)
        self.first_seen.setdefault(place, self.stage)

    def stream(self, label: str, data: bytes) -> None:
        self.note(label, find(data, self.pats))

    def output(self, what: str, out: bytes, err: bytes) -> None:
        self.stream(f"the stdout of `{what}`", out)
        self.stream(f"the stderr of `{what}`", err)
        self.last_stderr = err

    def messages(self, received: Sequence[ReceivedMessage]) -> None:
        """What the customers got: every message the server accepted."""
        stage, self.stage = self.stage, "in what the server received"
        for m in received:
            self.note(f"the message to {', '.join(m.rcpt_tos)}", find(m.raw, self.pats))
        self.stage = stage

    def folder(self) -> None:
        """Plant the canary, scan every file under ``root``, and check the canary was seen."""
        canary = self.root / CANARY_NAME
        canary.write_bytes(b"canary: " + auth_plain() + b"\n")
        seen_canary = False
        try:
            for path in sorted(self.root.rglob("*")):
                try:
                    if path.is_symlink() or not path.is_file():
                        continue
                    data = path.read_bytes()
                except OSError:  # gone since it was listed (a lock, a temporary file)
                    continue
                names = find(data, self.pats)
                if path == canary:
                    seen_canary = AUTH_PLAIN in names
                    continue
                self.note(str(path.relative_to(self.root)), names)
        finally:
            canary.unlink(missing_ok=True)
        if not seen_canary:
            self.fig.fail(
                f"{self.scenario}: the scanner's canary (base64 of the AUTH PLAIN string) was "
                f"not found {self.stage}, so that scan proves nothing"
            )

    def expect(self, ok: bool, sentence: str) -> None:
        """A scenario that did not happen as it must is a failure, not a pass."""
        if not ok:
            why = redact(self.last_stderr, self.pats)
            self.fig.fail(f"{self.scenario}: {sentence}" + (f" (stderr: {why})" if why else ""))

    def close(self) -> None:
        for place in sorted(self.places):
            self.fig.secret_hits += 1
            self.fig.fail(
                f"{self.scenario}: the password leaked into {place} (first seen "
                f"{self.first_seen[place]}): {', '.join(sorted(self.places[place]))}"
            )


# -- running the CLI ------------------------------------------------------------------------------


@contextlib.contextmanager
def _workspace(name: str) -> Iterator[Path]:
    """A private folder (``scan/`` inside it is what gets scanned), removed afterwards."""
    top = Path(tempfile.mkdtemp(prefix=f"torture-secrets-{name}-"))
    root = top / "scan"
    for folder in FOLDERS:
        (root / folder).mkdir(parents=True)
    try:
        yield root
    finally:
        shutil.rmtree(top, ignore_errors=True)


def _app_env(root: Path, *, password: str | None, child: bool) -> dict[str, str | None]:
    """The variables a run gets (None: removed): this run's app folders, temporary folder and
    XDG folders, the test CA, and the password only when given."""
    values: dict[str, str | None] = {
        CONFIG_DIR_ENV: str(root / "config"),
        DATA_DIR_ENV: str(root / "data"),
        "TMPDIR": str(root / "tmp"),
        "XDG_CONFIG_HOME": str(root / "xdg/config"),
        "XDG_DATA_HOME": str(root / "xdg/data"),
        "XDG_CACHE_HOME": str(root / "xdg/cache"),
        "XDG_STATE_HOME": str(root / "xdg/state"),
        "SSL_CERT_FILE": ca_pem_path(),
        "SSL_CERT_DIR": None,
        accounts.PASSWORD_ENV: password,
    }
    if child:
        values["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
        values["PYTHONPATH"] = str(ROOT)
    return values


def _child_env(root: Path, *, password: str | None) -> dict[str, str]:
    env = dict(os.environ)
    for name, value in _app_env(root, password=password, child=True).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def _cli_command(args: Sequence[str]) -> list[str]:
    return [sys.executable, "-m", "composer.cli", *args]


@dataclass
class _Child:
    """Runs one CLI command in a child process (working directory: the scanned folder)."""

    scan: _Scan
    env: dict[str, str]

    def __call__(self, args: Sequence[str], what: str) -> int | None:
        try:
            done = subprocess.run(
                _cli_command(args),
                cwd=self.scan.root,
                env=self.env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=CHILD_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired as late:
            self.scan.output(what, late.stdout or b"", late.stderr or b"")
            self.scan.expect(False, f"`{what}` did not finish within {CHILD_TIMEOUT:.0f} s")
            return None
        self.scan.output(what, done.stdout, done.stderr)
        return done.returncode


@contextlib.contextmanager
def _environment(values: Mapping[str, str | None]) -> Iterator[None]:
    """Set (or remove) variables in this process for the duration, then put them back."""
    saved = {name: os.environ.get(name) for name in values}
    saved_tempdir = tempfile.tempdir
    try:
        for name, value in values.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        tempfile.tempdir = None  # read TMPDIR again
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        tempfile.tempdir = saved_tempdir


@contextlib.contextmanager
def _captured(folder: Path) -> Iterator[dict[str, bytes]]:
    """Catch everything written to stdout and stderr, by Python or straight to the file
    descriptors, and feed no input; the bytes are in the yielded dict afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    caught: dict[str, bytes] = {}
    paths = {name: Path(tempfile.mkstemp(prefix=name, dir=folder)[1]) for name in ("out", "err")}
    saved = (sys.stdin, sys.stdout, sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    saved_fds = (os.dup(1), os.dup(2))
    files = {name: open(path, "ab") for name, path in paths.items()}  # noqa: SIM115
    try:
        os.dup2(files["out"].fileno(), 1)
        os.dup2(files["err"].fileno(), 2)
        sys.stdin = io.StringIO("")
        sys.stdout = io.TextIOWrapper(files["out"], encoding="utf-8", write_through=True)
        sys.stderr = io.TextIOWrapper(files["err"], encoding="utf-8", write_through=True)
        yield caught
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os.dup2(saved_fds[0], 1)
        os.dup2(saved_fds[1], 2)
        for fd in saved_fds:
            os.close(fd)
        sys.stdin, sys.stdout, sys.stderr = saved
        for handle in files.values():
            with contextlib.suppress(Exception):
                handle.close()
        for name, path in paths.items():
            caught[name] = path.read_bytes()


@dataclass
class _InProcess:
    """Runs one CLI command here, through ``composer.cli.main``."""

    scan: _Scan
    streams: Path  # where the caught output is kept while a command runs (not scanned)

    def __call__(self, args: Sequence[str], what: str) -> int | None:
        from composer.cli import main

        code: int | None = None
        failure = ""
        with _captured(self.streams) as caught:
            try:
                code = main(list(args))
            except SystemExit as stop:  # argparse
                code = stop.code if isinstance(stop.code, int) else 2
            except Exception:
                failure = traceback.format_exc()
        self.scan.output(what, caught.get("out", b""), caught.get("err", b""))
        if failure:
            self.scan.stream(f"the traceback of `{what}`", failure.encode())
            self.scan.last_stderr = failure.encode()
            self.scan.expect(False, f"`{what}` raised instead of answering")
        return code


def _send_args(campaign: Path, server: SMTPTestServer) -> list[str]:
    return [
        "send",
        str(campaign),
        *server_flags(server),
        "--yes",
        "--connections",
        str(CONNECTIONS),
    ]


def _after_send(run: Runner, scan: _Scan, campaign: Path, customers: int, full: bool) -> None:
    """What the person does next: look at the state, export the report, preview as .eml."""
    scan.stage = "after status, report and preview"
    scan.expect(run(["status", str(campaign)], "status") == 0, "`status` failed")
    out = scan.root / "out"
    for report in [out / "report.csv", *([out / "report.xlsx"] if full else [])]:
        code = run(["report", str(campaign), "--out", str(report)], f"report --out {report.name}")
        scan.expect(code == 0 and report.is_file(), f"`report` wrote no {report.name}")
    preview = out / "preview"
    code = run(["preview", str(campaign), "--out", str(preview)], "preview --out")
    emls = len(list(preview.glob("*.eml")))
    scan.expect(
        code == 0 and emls == customers,
        f"`preview --out` wrote {emls} .eml files instead of {customers}",
    )


def _signed_in(server: SMTPTestServer, accepted: bool) -> bool:
    """The password really reached the server (and was accepted, or refused)."""
    logins = server.logins
    return bool(logins) and all(entry == (USERNAME, accepted) for entry in logins)


# -- the scenarios ---------------------------------------------------------------------------------


def _env_send(fig: Figures, pats: Patterns, customers: int, full: bool) -> None:
    """1: a whole send with the password in the environment variable."""
    with _workspace("env") as root, SMTPTestServer(security="starttls", password=SECRET) as server:
        scan = _Scan(fig, "scenario 1 (password from the environment)", root, pats)
        campaign = make_campaign(root / "campaign" / "sorry.apology", customers)
        run = _Child(scan, _child_env(root, password=SECRET))
        scan.stage = "after the send"
        code = run(_send_args(campaign, server), "send --yes")
        scan.expect(
            code == 0 and len(server.messages) == customers,
            f"the send ended with {code} after {len(server.messages)} of {customers} messages",
        )
        scan.expect(_signed_in(server, True), f"the server saw no good sign-in ({server.logins})")
        scan.folder()
        _after_send(run, scan, campaign, customers, full)
        scan.messages(server.messages)
        scan.folder()
        scan.close()


def _keyring_send(fig: Figures, pats: Patterns, customers: int, full: bool) -> None:
    """2: ``account add`` puts the password in the keyring; the send takes it from there."""
    from tests.memory_keyring import MemoryKeyring, using_keyring

    with (
        _workspace("keyring") as root,
        SMTPTestServer(security="starttls", password=SECRET) as server,
    ):
        scan = _Scan(fig, "scenario 2 (password from the keyring)", root, pats)
        campaign = make_campaign(root / "campaign" / "sorry.apology", customers)
        run = _InProcess(scan, root.parent / "streams")
        backend = MemoryKeyring()
        env = _app_env(root, password=SECRET, child=False)
        with _environment(env), contextlib.chdir(root), using_keyring(backend):
            scan.stage = "after account add"
            add = [
                "account", "add", "--name", "shop", "--address", OWNER.address,
                "--display-name", OWNER.name, "--host", server.host,
                "--port", str(server.port), "--security", "starttls", "--username", USERNAME,
            ]  # fmt: skip
            code = run(add, "account add")
            os.environ.pop(accounts.PASSWORD_ENV, None)  # from now on only the keyring has it
            stored = backend.secrets.get((accounts.KEYRING_SERVICE, OWNER.address))
            scan.expect(
                code == 0 and stored == SECRET and len(backend.secrets) == 1,
                f"`account add` ended with {code} and did not store the password in the keyring",
            )
            scan.stage = "after account test"
            code = run(["account", "test", "shop"], "account test")
            scan.expect(code == 0, f"`account test` ended with {code}")
            scan.stage = "after the send"
            code = run(
                ["send", str(campaign), "--account", "shop", "--yes", "--connections", "2"],
                "send --account shop --yes",
            )
            scan.expect(
                code == 0 and len(server.messages) == customers,
                f"the send ended with {code} after {len(server.messages)} of {customers} messages",
            )
            scan.expect(
                _signed_in(server, True), f"the server saw no good sign-in ({server.logins})"
            )
            scan.folder()
            _after_send(run, scan, campaign, customers, full)
            stored = backend.secrets.get((accounts.KEYRING_SERVICE, OWNER.address))
            scan.expect(stored == SECRET, "the keyring lost the password during the run")
        scan.messages(server.messages)
        scan.folder()
        scan.close()


def _rejected_login(fig: Figures, pats: Patterns, customers: int, full: bool) -> None:
    """3: the server refuses the sign-in; the sentence (or traceback) must not hold it."""
    with (
        _workspace("rejected") as root,
        SMTPTestServer(security="starttls", password=SECRET, reject_login=True) as server,
    ):
        scan = _Scan(fig, "scenario 3 (sign-in refused)", root, pats)
        campaign = make_campaign(root / "campaign" / "sorry.apology", customers)
        run = _Child(scan, _child_env(root, password=SECRET))
        for debug in ([], ["--debug"]):
            what = " ".join([*debug, "send", "--yes"])
            scan.stage = f"after `{what}`"
            before = len(server.logins)
            code = run([*debug, *_send_args(campaign, server)], what)
            scan.expect(
                code not in (0, None) and not server.messages,
                f"`{what}` ended with {code} and {len(server.messages)} messages, "
                "not as a refused sign-in",
            )
            scan.expect(
                len(server.logins) > before and _signed_in(server, False),
                f"`{what}`: the server saw no refused sign-in ({server.logins})",
            )
            scan.folder()
        _after_send(run, scan, campaign, customers, full)
        scan.messages(server.messages)
        scan.folder()
        scan.close()


def _crash(fig: Figures, pats: Patterns, customers: int, full: bool) -> None:
    """4: the send killed with SIGKILL mid-run, scanned as it died, then resumed."""
    with (
        _workspace("crash") as root,
        SMTPTestServer(
            security="starttls", password=SECRET, reply_delay_ms=REPLY_DELAY_MS
        ) as server,
    ):
        scan = _Scan(fig, "scenario 4 (killed mid-run)", root, pats)
        campaign = make_campaign(root / "campaign" / "sorry.apology", customers)
        env = _child_env(root, password=SECRET)
        kill_after = max(2, customers // 4)
        scan.stage = "right after the SIGKILL"
        child = subprocess.Popen(
            _cli_command(_send_args(campaign, server)),
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        waited = ""
        try:
            server.wait_for(kill_after, timeout=60)
        except TimeoutError as late:
            waited = str(late)
        finally:
            child.send_signal(signal.SIGKILL)
            out, err = child.communicate(timeout=30)
        scan.output("send --yes (killed)", out, err)
        got = len(server.messages)
        scan.expect(
            not waited and child.returncode == -signal.SIGKILL and got < customers,
            f"the kill did not land mid-run (exit {child.returncode}, {got} of {customers} "
            f"messages{', ' + waited if waited else ''})",
        )
        scan.expect(_signed_in(server, True), f"the server saw no good sign-in ({server.logins})")
        scan.folder()  # the journal's -wal and the lock file as the crash left them
        scan.stage = "after the resumed send"
        run = _Child(scan, env)
        code = run(_send_args(campaign, server), "send --yes (resumed)")
        scan.expect(code == 0, f"the resumed send ended with {code}")
        scan.folder()
        _after_send(run, scan, campaign, customers, full)
        scan.messages(server.messages)
        scan.folder()
        scan.close()


def run(full: bool) -> Figures:
    """Scenarios 1, 3 and 4 for 10 customers; with ``full`` all four for 200."""
    fig = Figures()
    pats = patterns()
    _self_test(fig, pats)
    customers = FULL_CUSTOMERS if full else QUICK_CUSTOMERS
    scenarios = [_env_send, *([_keyring_send] if full else []), _rejected_login, _crash]
    for scenario in scenarios:
        try:
            scenario(fig, pats, customers, full)
        except Exception as error:  # a drill counts a broken promise, it never raises
            fig.fail(f"{scenario.__name__} could not run: {redact(repr(error), pats)}")
    return fig
