"""Work around a PySide6 bug that would crash a long session: ``SignalInstance.emit()``.

Measured with PySide6 6.12.0 on Python 3.11: every ``signal.emit(...)`` made from Python
returns ``True`` without owning a reference to it, so each call lowers ``True``'s reference
count by one. After a few thousand emits (a send of 1,000 messages, or an afternoon of
editing) the count reaches zero and the interpreter aborts with "bool_dealloc: deallocating
True or False". Three lines reproduce it::

    class R(QObject): s = Signal()
    before = sys.getrefcount(True); R().s.emit(); assert sys.getrefcount(True) == before - 1

``apply()`` checks for the leak once and, only where it is found, wraps ``emit`` so the
returned object gets the reference it lacks. Where the bug is fixed (or ``True`` is immortal,
Python 3.12+) the check finds nothing and nothing is changed. Idempotent and cheap.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

_applied = False


def _emit_leaks() -> bool:
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(4):
        probe.ping.emit()
    return sys.getrefcount(True) < before


def apply() -> bool:
    """Patch ``SignalInstance.emit`` if this PySide6 leaks; True when a patch is in place."""
    global _applied
    if _applied:
        return True
    if not _emit_leaks():
        return False
    from PySide6.QtCore import SignalInstance

    original = SignalInstance.emit
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    incref.restype = None

    class _BoundEmit:
        """One signal's ``emit``. A small callable object rather than a bound method or a
        closure: PySide6's ``connect`` takes a bound ``emit`` for a signal-to-signal link,
        and looks into a closure's cells for a QObject to weak-reference."""

        __slots__ = ("signal", "__weakref__")

        def __init__(self, signal: Any) -> None:
            self.signal = signal

        def __call__(self, *args: Any) -> Any:
            result = original(self.signal, *args)
            incref(result)  # the reference PySide6 forgot to give us
            return result

    class _Emit:
        def __get__(self, signal: Any, owner: Any = None) -> Any:
            return original if signal is None else _BoundEmit(signal)

    SignalInstance.emit = _Emit()
    _applied = True
    return True
