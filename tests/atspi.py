"""A small AT-SPI client, and the desktop it needs, for GUI tests that use the app the way a
screen reader does: through the Linux accessibility tree, never through Qt's own objects.

``desktop`` (a pytest fixture factory, see ``app_on_desktop``) starts, each private to the test
and local only: Xvfb on a free display, a D-Bus session bus on a Unix socket in a temp folder,
the AT-SPI bus launcher, and then the app itself as a real subprocess on Qt's xcb platform
(Qt's offscreen platform exposes no accessibility tree). Everything is torn down at the end.

The client speaks D-Bus through ``jeepney`` (pure Python). The interfaces are at-spi2-core's
``xml/*.xml``: ``org.a11y.Bus.GetAddress`` on the session bus gives the accessibility bus;
on it, the registry's root (``org.a11y.atspi.Registry``,
``/org/a11y/atspi/accessible/root``) has one child per application::

    with AccessibilityBus.connect(session_address) as bus:
        app = wait_for(lambda: bus.application("Apology Composer"), timeout=20)
        window = app.find(role="frame", name="Apology Composer")
        window.find(role="push button", name="Open spreadsheet").do_action("Press")
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from jeepney import DBusAddress, MessageType, new_method_call
from jeepney.io.blocking import DBusConnection, open_dbus_connection

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "Apology Composer"

REGISTRY = "org.a11y.atspi.Registry"
ROOT_PATH = "/org/a11y/atspi/accessible/root"
NULL_PATH = "/org/a11y/atspi/null"
ACCESSIBLE = "org.a11y.atspi.Accessible"
ACTION = "org.a11y.atspi.Action"
SELECTION = "org.a11y.atspi.Selection"
TEXT = "org.a11y.atspi.Text"
PROPERTIES = "org.freedesktop.DBus.Properties"
CALL_TIMEOUT = 5.0  # seconds for one D-Bus call; a hung app fails the test instead of hanging it

# AtspiStateType (at-spi2-core atspi/atspi-constants.h), in order: GetState's bit numbers.
STATES = [
    "invalid",
    "active",
    "armed",
    "busy",
    "checked",
    "collapsed",
    "defunct",
    "editable",
    "enabled",
    "expandable",
    "expanded",
    "focusable",
    "focused",
    "has-tooltip",
    "horizontal",
    "iconified",
    "modal",
    "multi-line",
    "multiselectable",
    "opaque",
    "pressed",
    "resizable",
    "selectable",
    "selected",
    "sensitive",
    "showing",
    "single-line",
    "stale",
    "transient",
    "vertical",
    "visible",
    "manages-descendants",
    "indeterminate",
    "required",
    "truncated",
    "animated",
    "invalid-entry",
    "supports-autocompletion",
    "selectable-text",
    "is-default",
    "visited",
    "checkable",
    "has-popup",
    "read-only",
]


class AtspiError(Exception):
    """A D-Bus error reply from the accessibility bus (e.g. an object that is gone)."""


def wait_for(predicate: Callable[[], T], timeout: float = 10.0, interval: float = 0.05) -> T:
    """Poll ``predicate`` until it returns something truthy, and return that. The only place
    in these tests that sleeps. A predicate that raises AtspiError (the tree changed under
    it) is simply asked again. On timeout, fails the test naming what was awaited (the
    predicate's docstring)."""
    errors: list[Exception] = []

    def attempt() -> T | None:
        try:
            return predicate()
        except AtspiError as error:
            errors[:] = [error]
            return None

    result = _poll(attempt, timeout, interval)
    if result:
        return result
    what = getattr(predicate, "__doc__", None) or getattr(predicate, "__name__", "")
    detail = f" (last error: {errors[0]})" if errors else ""
    pytest.fail(f"Waited {timeout:g} s in vain for: {what}{detail}")


def _poll(predicate: Callable[[], T], timeout: float, interval: float = 0.05) -> T | None:
    """What ``predicate`` returned once truthy, or its last falsy answer at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(interval)


def _call(
    connection: DBusConnection,
    bus_name: str,
    path: str,
    interface: str,
    method: str,
    signature: str | None = None,
    body: tuple = (),
) -> tuple:
    message = new_method_call(DBusAddress(path, bus_name, interface), method, signature, body)
    reply = connection.send_and_get_reply(message, timeout=CALL_TIMEOUT)
    if reply.header.message_type == MessageType.error:
        name = reply.header.fields.get(4, "error")  # HeaderFields.error_name
        text = reply.body[0] if reply.body else ""
        raise AtspiError(f"{interface}.{method} on {bus_name}{path}: {name}: {text}")
    return reply.body


def accessibility_bus_address(session_address: str) -> str:
    """Ask the session bus where the accessibility bus is (``org.a11y.Bus.GetAddress``)."""
    with open_dbus_connection(bus=session_address) as session:
        (address,) = _call(session, "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress")
    return address


def name_has_owner(bus_address: str, name: str) -> bool:
    """Whether someone owns that bus name now (asking starts nothing)."""
    with open_dbus_connection(bus=bus_address) as connection:
        (owned,) = _call(
            connection,
            "org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus",
            "NameHasOwner",
            "s",
            (name,),
        )
    return bool(owned)


class AccessibilityBus:
    """One connection to the accessibility bus; close it (or use ``with``) when done."""

    def __init__(self, connection: DBusConnection):
        self.connection = connection

    @classmethod
    def connect(cls, session_address: str) -> AccessibilityBus:
        return cls(open_dbus_connection(bus=accessibility_bus_address(session_address)))

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> AccessibilityBus:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def root(self) -> Node:
        """The desktop: the registry's root, whose children are the running applications."""
        return Node(self, REGISTRY, ROOT_PATH)

    def applications(self) -> list[Node]:
        return self.root.children()

    def application(self, name: str) -> Node | None:
        """The application of that name once it has registered, else None."""
        for app in self.applications():
            with contextlib.suppress(AtspiError):
                if app.name == name:
                    return app
        return None


@dataclass(frozen=True)
class Node:
    """One accessible object: a bus name and an object path, read live on every call."""

    bus: AccessibilityBus
    bus_name: str
    path: str

    def __repr__(self) -> str:
        try:
            return f"<{self.role} {self.name!r}>"
        except AtspiError:
            return f"<gone {self.bus_name}{self.path}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Node) and (self.bus_name, self.path) == (
            other.bus_name,
            other.path,
        )

    def __hash__(self) -> int:
        return hash((self.bus_name, self.path))

    # ---- raw calls ----
    def call(self, interface: str, method: str, signature: str | None = None, *args: Any) -> Any:
        body = _call(
            self.bus.connection, self.bus_name, self.path, interface, method, signature, args
        )
        return body[0] if len(body) == 1 else body

    def get(self, name: str, interface: str = ACCESSIBLE) -> Any:
        _signature, value = self.call(PROPERTIES, "Get", "ss", interface, name)
        return value

    def _node(self, reference: tuple[str, str]) -> Node | None:
        bus_name, path = reference
        return None if path == NULL_PATH else Node(self.bus, bus_name, path)

    # ---- org.a11y.atspi.Accessible ----
    @property
    def name(self) -> str:
        return self.get("Name")

    @property
    def description(self) -> str:
        return self.get("Description")

    @property
    def role(self) -> str:
        return self.call(ACCESSIBLE, "GetRoleName")

    @property
    def child_count(self) -> int:
        return self.get("ChildCount")

    @property
    def parent(self) -> Node | None:
        return self._node(self.get("Parent"))

    def children(self) -> list[Node]:
        return [node for ref in self.call(ACCESSIBLE, "GetChildren") if (node := self._node(ref))]

    def interfaces(self) -> list[str]:
        return list(self.call(ACCESSIBLE, "GetInterfaces"))

    def states(self) -> set[str]:
        words = self.call(ACCESSIBLE, "GetState")
        found = set()
        for word_index, word in enumerate(words):
            for bit in range(32):
                number = word_index * 32 + bit
                if word & (1 << bit) and number < len(STATES):
                    found.add(STATES[number])
        return found

    def ancestors(self) -> list[Node]:
        """From the parent up to (not including) the desktop."""
        chain, node = [], self.parent
        while node is not None and node.path != ROOT_PATH:
            chain.append(node)
            node = node.parent
        return chain

    # ---- org.a11y.atspi.Text ----
    def text(self) -> str | None:
        """The whole text (``Text.GetText(0, -1)``), or None when the object has no text."""
        if TEXT not in self.interfaces():
            return None
        return self.call(TEXT, "GetText", "ii", 0, -1)

    # ---- org.a11y.atspi.Action ----
    def actions(self) -> list[str]:
        if ACTION not in self.interfaces():
            return []
        return [name for name, _description, _keys in self.call(ACTION, "GetActions")]

    def do_action(self, action: str | int) -> bool:
        """Do an action by its name ("Press", "SetFocus", ...) or index."""
        if isinstance(action, str):
            names = self.actions()
            if action not in names:
                raise AtspiError(f"{self!r} has no action {action!r}; it has {names}")
            action = names.index(action)
        return bool(self.call(ACTION, "DoAction", "i", action))

    # ---- org.a11y.atspi.Selection ----
    def select_child(self, index: int) -> bool:
        return bool(self.call(SELECTION, "SelectChild", "i", index))

    def selected_children(self) -> list[Node]:
        count = self.get("NSelectedChildren", SELECTION)
        found = [self._node(self.call(SELECTION, "GetSelectedChild", "i", i)) for i in range(count)]
        return [node for node in found if node is not None]

    # ---- searching ----
    def walk(self, skip: Callable[[Node], bool] | None = None) -> Iterator[tuple[Node, list[Node]]]:
        """Every descendant, depth first, with its ancestors below self (nearest last).
        Objects that vanish while being walked are passed over; ``skip(node)`` True leaves
        that node's subtree out."""
        stack: list[tuple[Node, list[Node]]] = [(self, [])]
        while stack:
            node, above = stack.pop()
            try:
                kids = [] if skip is not None and skip(node) else node.children()
            except AtspiError:
                continue
            below = [] if node is self else [*above, node]
            for kid in reversed(kids):
                stack.append((kid, below))
            if node is not self:
                yield node, above

    def find_all(
        self,
        role: str | None = None,
        name: str | re.Pattern[str] | None = None,
        predicate: Callable[[Node], bool] | None = None,
    ) -> list[Node]:
        """Descendants with that role, that name (exact, or a compiled pattern searched in
        it) and for which ``predicate`` holds."""
        found = []
        for node, _above in self.walk():
            try:
                if role is not None and node.role != role:
                    continue
                if name is not None:
                    actual = node.name
                    if isinstance(name, re.Pattern) and not name.search(actual):
                        continue
                    if isinstance(name, str) and actual != name:
                        continue
                if predicate is not None and not predicate(node):
                    continue
            except AtspiError:
                continue
            found.append(node)
        return found

    def find(
        self,
        role: str | None = None,
        name: str | re.Pattern[str] | None = None,
        predicate: Callable[[Node], bool] | None = None,
    ) -> Node | None:
        """The first such descendant, or None."""
        found = self.find_all(role, name, predicate)
        return found[0] if found else None


# ---- the desktop: Xvfb, a session bus, the AT-SPI bus, and the app ----------------------

REQUIRE_SYSTEM = "APOLOGY_COMPOSER_REQUIRE_SYSTEM"
AT_SPI_LAUNCHERS = (
    "/usr/libexec/at-spi-bus-launcher",
    "/usr/lib/at-spi2-core/at-spi-bus-launcher",
    "/usr/libexec/at-spi2/at-spi-bus-launcher",
)
# Libraries Qt's xcb platform plugin loads, and the Debian package of each.
XCB_LIBRARY_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}


def missing_system_programs() -> list[str]:
    """One sentence per system program or library this desktop lacks, naming its Debian
    package; empty when everything is there."""
    missing = []
    if shutil.which("Xvfb") is None:
        missing.append("Xvfb is missing: install the Debian package xvfb.")
    if shutil.which("dbus-daemon") is None:
        missing.append("dbus-daemon is missing: install the Debian package dbus-daemon.")
    if at_spi_bus_launcher() is None:
        missing.append("at-spi-bus-launcher is missing: install the Debian package at-spi2-core.")
    missing.extend(_missing_xcb_libraries())
    return missing


def at_spi_bus_launcher() -> str | None:
    for candidate in AT_SPI_LAUNCHERS:
        if os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("at-spi-bus-launcher")


def _missing_xcb_libraries() -> list[str]:
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    plugin = qt / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.exists():
        return [f"Qt's xcb platform plugin is not in this PySide6 ({plugin})."]
    if shutil.which("ldd") is None:
        return []
    shown = subprocess.run(
        ["ldd", str(plugin), *map(str, qt.glob("lib/libQt6XcbQpa.so*"))],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    libraries = sorted(set(re.findall(r"^\s*(\S+) => not found", shown, re.MULTILINE)))
    return [
        f"Qt's xcb platform plugin needs {library}: install the Debian package "
        f"{XCB_LIBRARY_PACKAGES.get(library, 'that provides it')}."
        for library in libraries
    ]


def require_system_programs() -> None:
    """Fail (when APOLOGY_COMPOSER_REQUIRE_SYSTEM=1, as in CI) or skip naming what is missing."""
    missing = missing_system_programs()
    if not missing:
        return
    reason = " ".join(missing)
    if os.environ.get(REQUIRE_SYSTEM) == "1":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


class Processes:
    """Started processes, each in its own process group, all ended (and reaped) by close()."""

    def __init__(self, logs: Path):
        self.logs = logs
        self.started: list[tuple[str, subprocess.Popen]] = []

    def start(self, label: str, argv: list[str], **options: Any) -> subprocess.Popen:
        log = (self.logs / f"{label}.log").open("wb")
        try:
            process = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=options.pop("stdout", log),
                stderr=log,
                start_new_session=True,
                **options,
            )
        finally:
            log.close()  # the child has its own copy
        self.started.append((label, process))
        return process

    def log(self, label: str) -> str:
        path = self.logs / f"{label}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def close(self) -> None:
        for _label, process in reversed(self.started):
            _end_group(process)
        self.started.clear()


def _end_group(process: subprocess.Popen) -> None:
    """End the process and its group (a bus daemon the AT-SPI launcher started, the registry
    that bus started), and wait until nobody of the group is left, zombies included."""
    for sig, grace in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=grace)
            break
        except subprocess.TimeoutExpired:
            continue
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    _poll(lambda: not _group_alive(process.pid), timeout=5.0)
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


def _read_line(process: subprocess.Popen, stream: Any, timeout: float, what: str) -> str:
    """One line from a child's pipe, failing (not hanging) when it does not come."""
    import selectors

    deadline = time.monotonic() + timeout
    data = b""
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        while not data.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0 or process.poll() is not None and not selector.select(0):
                pytest.fail(f"{what} did not start (exit code {process.poll()}).")
            if selector.select(left):
                chunk = os.read(stream.fileno(), 256)
                if not chunk:
                    pytest.fail(f"{what} did not start (exit code {process.poll()}).")
                data += chunk
    return data.decode().strip()


@dataclass
class Desktop:
    """What ``app_on_desktop`` yields: the accessibility bus and the running app."""

    bus: AccessibilityBus
    app: Node
    process: subprocess.Popen
    processes: Processes
    display: str
    session_address: str

    def window(self, name: str = APP_NAME) -> Node:
        """The app's top-level window of that accessible name, once it is there."""

        def window_named() -> Node | None:
            for child in self.app.children():
                with contextlib.suppress(AtspiError):
                    if child.name == name:
                        return child
            return None

        window_named.__doc__ = f"the window named {name!r}"
        return wait_for(window_named, timeout=20)

    def app_log(self) -> str:
        return self.processes.log("app")


@contextlib.contextmanager
def app_on_desktop(home: Path, app_arguments: tuple[str, ...] = ("--sample",)) -> Iterator[Desktop]:
    """Xvfb, a private session bus, the AT-SPI bus and ``python -m ui.app ARGS`` on them."""
    require_system_programs()
    logs = home / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    processes = Processes(logs)
    bus: AccessibilityBus | None = None
    try:
        # Xvfb picks a free display itself and writes its number to the pipe (-displayfd).
        read_end, write_end = os.pipe()
        try:
            xvfb = processes.start(
                "xvfb",
                ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x900x24"]
                + ["-nolisten", "tcp", "-noreset"],
                pass_fds=(write_end,),
            )
            os.close(write_end)
            with os.fdopen(read_end, "rb", buffering=0) as numbers:
                display = ":" + _read_line(xvfb, numbers, 20, "Xvfb")
        except BaseException:
            with contextlib.suppress(OSError):
                os.close(write_end)
            raise

        runtime = home / "runtime"
        runtime.mkdir(mode=0o700, exist_ok=True)
        base = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("QT_", "DBUS_", "AT_SPI", "XDG_", "WAYLAND", "DISPLAY"))
        }
        base.update(DISPLAY=display, XDG_RUNTIME_DIR=str(runtime), NO_AT_BRIDGE="0")

        dbus = processes.start(
            "dbus",
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"]
            + [f"--address=unix:dir={runtime}"],
            stdout=subprocess.PIPE,
            env=base,
        )
        session_address = _read_line(dbus, dbus.stdout, 20, "dbus-daemon")
        base["DBUS_SESSION_BUS_ADDRESS"] = session_address

        launcher = at_spi_bus_launcher()
        assert launcher is not None
        at_spi = processes.start("at-spi", [launcher, "--launch-immediately"], env=base)

        def accessibility_bus() -> AccessibilityBus | None:
            """the AT-SPI bus launcher to own org.a11y.Bus on the session bus"""
            if at_spi.poll() is not None:
                pytest.fail(f"at-spi-bus-launcher exited:\n{processes.log('at-spi')}")
            # Asked before GetAddress, which would start a second launcher by D-Bus activation.
            if not name_has_owner(session_address, "org.a11y.Bus"):
                return None
            try:
                return AccessibilityBus.connect(session_address)
            except (AtspiError, OSError):
                return None

        bus = wait_for(accessibility_bus, timeout=20)

        data, config = home / "data", home / "config"
        app_env = dict(
            base,
            QT_QPA_PLATFORM="xcb",
            QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
            QT_ACCESSIBILITY="1",
            APOLOGY_COMPOSER_DATA_DIR=str(data),
            APOLOGY_COMPOSER_CONFIG_DIR=str(config),
            PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
            HOME=str(home),
        )
        process = processes.start(
            "app", [sys.executable, "-m", "ui.app", *app_arguments], cwd=ROOT, env=app_env
        )
        assert bus is not None

        def app_registered() -> Node | None:
            """the app to appear in the accessibility tree"""
            if process.poll() is not None:
                pytest.fail(
                    f"The app exited with code {process.returncode}:\n{processes.log('app')}"
                )
            return bus.application(APP_NAME)

        app = wait_for(app_registered, timeout=30)
        yield Desktop(bus, app, process, processes, display, session_address)
    finally:
        if bus is not None:
            bus.close()
        processes.close()
