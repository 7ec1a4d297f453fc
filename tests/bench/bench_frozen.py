"""Benchmark: the frozen app shows its window within 1.5 s of launch (warm disk cache).

Measured in one run, under a private Xvfb display (QT_QPA_PLATFORM=xcb, so a real X window is
created and mapped), median of 5 after one warm-up run each, the three interleaved:
- the frozen app, ``dist/apology-composer/apology-composer`` (``make package`` builds it; this
  bench never builds it: without it the figure says "not built");
- the same app started from its venv, ``.venv/bin/apology-composer``;
- the anchor: a bare PySide6 window, a QApplication showing an empty QMainWindow titled as
  the app's window is, started with the venv's Python.

"Window shown" is the same for all three: this process holds an Xlib connection (ctypes, no
extra package) listening to the root window's substructure events, and the clock stops at
the MapNotify of a top-level window whose title holds "Apology Composer" and whose
_NET_WM_PID is the launched process. Event-driven, so nothing polls the display while the
app starts (the machine has few cores; a poller would steal from what it measures). Every
launch gets its own empty config and data folders (APOLOGY_COMPOSER_CONFIG_DIR and
APOLOGY_COMPOSER_DATA_DIR), so nothing of the user's is read or written; each is stopped once
its window is seen.

Figures are wall-clock on a shared machine: read them as orders of magnitude, not promises.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench import Figure

ROOT = Path(__file__).resolve().parents[2]
NAME = "apology-composer"
FROZEN = ROOT / "dist" / NAME / NAME
TITLE = "Apology Composer"  # in every main window's title: "New campaign — Apology Composer"
RUNS = 5
WHAT = "Window shown after launch, frozen app (warm disk cache, Xvfb)"
GOAL = "≤ 1.5 s"
TARGET = 1.5
TIMEOUT = 60.0
BARE = (
    "import sys\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication(sys.argv[:1])\n"
    "window = QMainWindow()\n"
    "window.setWindowTitle('New campaign \u2014 Apology Composer')\n"
    "window.resize(1200, 780)\n"  # the app's own first size
    "window.show()\n"
    "sys.exit(app.exec())\n"
)

# Xlib's constants and the two event layouts read here (from X.h and Xlib.h)
MAP_NOTIFY, PROPERTY_NOTIFY = 19, 28
SUBSTRUCTURE_NOTIFY_MASK, PROPERTY_CHANGE_MASK = 1 << 19, 1 << 22
XA_CARDINAL, XA_WM_NAME = 6, 39


class _MapEvent(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("event", ctypes.c_ulong),
        ("window", ctypes.c_ulong),
        ("override_redirect", ctypes.c_int),
    ]


class _PropertyEvent(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("atom", ctypes.c_ulong),
        ("time", ctypes.c_ulong),
        ("state", ctypes.c_int),
    ]


_XEvent = ctypes.c_long * 24  # Xlib's XEvent union is 24 longs
_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)


class Unseen(RuntimeError):
    """A launched command ended, or showed no window in time."""


class Watcher:
    """One Xlib connection to the display, told of every window mapped on its root."""

    def __init__(self, display: str) -> None:
        path = ctypes.util.find_library("X11")
        if path is None:
            raise OSError("libX11 not found")
        x = ctypes.CDLL(path)
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XDefaultRootWindow.restype = ctypes.c_ulong
        x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
        x.XInternAtom.restype = ctypes.c_ulong
        x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        x.XConnectionNumber.argtypes = [ctypes.c_void_p]
        x.XPending.argtypes = [ctypes.c_void_p]
        x.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        x.XFree.argtypes = [ctypes.c_void_p]
        x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        x.XGetWindowProperty.argtypes = [
            ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long, ctypes.c_long,
            ctypes.c_int, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_void_p),
        ]  # fmt: skip
        # a window may be gone by the time its properties are read: Xlib's default handler
        # would end this process over that BadWindow, this one ignores it
        self._on_error = _ERROR_HANDLER(lambda _display, _event: 0)
        x.XSetErrorHandler.restype = ctypes.c_void_p
        x.XSetErrorHandler.argtypes = [_ERROR_HANDLER]
        x.XSetErrorHandler(self._on_error)
        self.x = x
        self.display = x.XOpenDisplay(display.encode())
        if not self.display:
            raise OSError(f"cannot open display {display}")
        self.root = x.XDefaultRootWindow(self.display)
        x.XSelectInput(self.display, self.root, SUBSTRUCTURE_NOTIFY_MASK)
        self.net_wm_name = x.XInternAtom(self.display, b"_NET_WM_NAME", 0)
        self.net_wm_pid = x.XInternAtom(self.display, b"_NET_WM_PID", 0)
        self.fd = x.XConnectionNumber(self.display)
        x.XSync(self.display, 0)

    def close(self) -> None:
        if self.display:
            self.x.XCloseDisplay(self.display)
            self.display = None

    def drain(self) -> None:
        """Forget what happened on the display so far (the last run's windows going)."""
        self.x.XSync(self.display, 0)
        event = _XEvent()
        while self.x.XPending(self.display):
            self.x.XNextEvent(self.display, ctypes.byref(event))

    def _property(self, window: int, atom: int, kind: int = 0) -> bytes | list[int] | None:
        actual, fmt = ctypes.c_ulong(), ctypes.c_int()
        count, after, data = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_void_p()
        status = self.x.XGetWindowProperty(
            self.display, window, atom, 0, 4096, 0, kind, ctypes.byref(actual),
            ctypes.byref(fmt), ctypes.byref(count), ctypes.byref(after), ctypes.byref(data),
        )  # fmt: skip
        if status != 0 or not data.value:
            return None
        try:
            if fmt.value == 8:
                return ctypes.string_at(data.value, count.value)
            if fmt.value == 32:  # Xlib hands 32-bit items over as longs
                return list((ctypes.c_ulong * count.value).from_address(data.value))
            return None
        finally:
            self.x.XFree(data)

    def _is_ours(self, window: int, pid: int) -> bool:
        name = self._property(window, self.net_wm_name) or self._property(window, XA_WM_NAME)
        title = name.decode("utf-8", "replace") if isinstance(name, bytes) else ""
        owner = self._property(window, self.net_wm_pid, XA_CARDINAL)
        return TITLE in title and (not isinstance(owner, list) or owner[:1] == [pid])

    def wait_shown(self, process: subprocess.Popen[bytes], log: Path) -> float:
        """perf_counter() when ``process`` maps its main window on the root window."""
        deadline = time.monotonic() + TIMEOUT
        event = _XEvent()
        mapped: set[int] = set()  # mapped windows not (yet) titled as the app's
        while True:
            while self.x.XPending(self.display):
                self.x.XNextEvent(self.display, ctypes.byref(event))
                seen = time.perf_counter()
                kind = event[0] & 0xFFFFFFFF
                if kind == MAP_NOTIFY:
                    mapped_event = _MapEvent.from_buffer(event)
                    window = mapped_event.window
                    if mapped_event.override_redirect:
                        continue  # a menu or tooltip, never the main window
                    if self._is_ours(window, process.pid):
                        return seen
                    mapped.add(window)  # its title may come later: hear of it when it does
                    self.x.XSelectInput(self.display, window, PROPERTY_CHANGE_MASK)
                elif kind == PROPERTY_NOTIFY:
                    window = _PropertyEvent.from_buffer(event).window
                    if window in mapped and self._is_ours(window, process.pid):
                        return seen
            if process.poll() is not None:
                said = log.read_text(errors="replace").strip().splitlines()[-3:]
                raise Unseen(f"it ended (exit {process.returncode}) with no window seen: {said}")
            if time.monotonic() > deadline:
                raise Unseen(f"it showed no window in {TIMEOUT:.0f} s")
            select.select([self.fd], [], [], 0.05)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End a launched process and whatever it started (its own session, by its id)."""
    if process.poll() is None:
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                break
            try:
                process.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue


def _free_display(first: int = 91) -> int:
    for number in range(first, first + 100):
        if not (
            Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists()
        ):
            return number
    raise RuntimeError("no free X display number")


def _start_xvfb(runtime: Path) -> tuple[subprocess.Popen[bytes], str, Watcher]:
    """A private Xvfb (it must not reset when a client leaves) and a watcher connected to it."""
    for _ in range(5):  # another process may take the number between the look and the start
        display = f":{_free_display()}"
        xvfb = subprocess.Popen(
            ["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp", "-noreset"],
            stdout=subprocess.DEVNULL,
            stderr=(runtime / "xvfb.log").open("wb"),
            start_new_session=True,
        )
        up = time.monotonic()
        while xvfb.poll() is None and time.monotonic() - up < 30:
            try:
                return xvfb, display, Watcher(display)
            except OSError as error:
                if "libX11" in str(error):
                    _stop(xvfb)
                    raise
                time.sleep(0.05)  # not accepting connections yet
        _stop(xvfb)
    raise RuntimeError("Xvfb did not start")


def _launch(command: list[str], watcher: Watcher, display: str, runtime: Path) -> float:
    """Seconds from starting ``command`` until its main window is mapped; then it is ended."""
    with tempfile.TemporaryDirectory(prefix="launch-", dir=runtime) as home:
        env = {
            **os.environ,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "XDG_RUNTIME_DIR": str(runtime),
            "APOLOGY_COMPOSER_CONFIG_DIR": str(Path(home) / "config"),
            "APOLOGY_COMPOSER_DATA_DIR": str(Path(home) / "data"),
        }
        env.pop("WAYLAND_DISPLAY", None)
        log = Path(home) / "stderr.log"
        watcher.drain()
        with log.open("wb") as stderr:
            started = time.perf_counter()
            process = subprocess.Popen(
                command,
                cwd=home,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                start_new_session=True,
            )
            try:
                shown = watcher.wait_shown(process, log)
            except Unseen as error:
                raise Unseen(f"{command[0]}: {error}") from None
            finally:
                _stop(process)
        return shown - started


def _venv_app() -> Path:
    beside = Path(sys.executable).parent / NAME
    return beside if beside.exists() else ROOT / ".venv" / "bin" / NAME


def _stale_note() -> str | None:
    """A line when the frozen app is older than the app's sources it was built from."""
    built = FROZEN.stat().st_mtime
    sources = [p for folder in ("composer", "ui") for p in (ROOT / folder).rglob("*.py")]
    newer = [p for p in sources if p.stat().st_mtime > built]
    if not newer:
        return None
    return (
        f"  note: {len(newer)} source file(s) changed since the frozen app was built "
        f"(e.g. {newer[0].relative_to(ROOT)}); make package rebuilds it from the current code"
    )


def main() -> list[Figure]:
    built = FROZEN.is_file() and os.access(FROZEN, os.X_OK)
    if not built:
        print(f"the frozen app is not built (no {FROZEN}): build it with make package")
    if shutil.which("Xvfb") is None:
        print("cannot measure: Xvfb is not installed")
        return [Figure(WHAT, "not built" if not built else "not measured", "no Xvfb", GOAL)]
    commands = {"venv": [str(_venv_app())], "bare": [sys.executable, "-c", BARE]}
    if built:
        commands = {"frozen": [str(FROZEN)], **commands}
        note = _stale_note()
        if note:
            print(note)
    times: dict[str, list[float]] = {name: [] for name in commands}
    runtime = Path(tempfile.mkdtemp(prefix="apology-bench-frozen-"))
    runtime.chmod(0o700)
    xvfb = watcher = None
    try:
        try:
            xvfb, display, watcher = _start_xvfb(runtime)
        except OSError as error:  # no libX11 to watch the display with
            print(f"cannot measure: {error}")
            return [Figure(WHAT, "not built" if not built else "not measured", str(error), GOAL)]
        names = list(commands)
        for name in names:  # one warm-up each: the disk cache holds every file they read
            _launch(commands[name], watcher, display, runtime)
        for run in range(RUNS):  # interleaved, starting with a different one each round
            for name in names[run % len(names) :] + names[: run % len(names)]:
                times[name].append(_launch(commands[name], watcher, display, runtime))
    finally:
        if watcher is not None:
            watcher.close()
        if xvfb is not None:
            _stop(xvfb)
        shutil.rmtree(runtime, ignore_errors=True)

    median = {name: statistics.median(values) for name, values in times.items()}
    labels = {
        "frozen": "frozen app",
        "venv": "the app from its venv",
        "bare": "bare PySide6 window",
    }
    print(
        f"window shown after launch, under Xvfb on {display} with a warm disk cache "
        f"(median of {RUNS}, after one warm-up each):"
    )
    for name in commands:
        runs = " ".join(f"{t:.2f}" for t in times[name])
        target = f" (target {GOAL})" if name == "frozen" else ""
        print(f"  {labels[name]:22} {median[name]:.2f} s{target}; runs: {runs} s")
    bare, venv = median["bare"], median["venv"]
    anchor = f"bare PySide6 window {bare:.2f} s; the app from its venv {venv:.2f} s"
    if not built:
        return [Figure(WHAT, "not built", anchor, GOAL, None)]
    frozen = median["frozen"]
    print(
        f"  the frozen app takes {frozen / bare:.1f}× the bare window's time and "
        f"{frozen / venv:.2f}× the venv's"
    )
    return [Figure(WHAT, f"{frozen:.2f} s", anchor, GOAL, frozen <= TARGET)]


if __name__ == "__main__":
    main()
