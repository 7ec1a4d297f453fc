"""Run the real CLI in a child process with a memory and time cap, as a hostile-input oracle:
whatever the input, the process must end by itself, under the cap, with one sentence."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEMORY_CAP = 1024 * 1024 * 1024  # address space of the child: far above what a sane run needs
TIME_CAP = 120  # seconds; a run that would hang is killed here and the test fails


@dataclass(frozen=True)
class Finished:
    returncode: int
    stdout: str
    stderr: str
    peak_kb: int  # the child's peak resident memory (ru_maxrss)


def run_cli(*argv: str, memory: int = MEMORY_CAP, cwd: Path | None = None) -> Finished:
    """``apology-composer-cli argv`` in a child capped at ``memory`` bytes of address space;
    a child still running after TIME_CAP seconds is killed (and the caller's test fails)."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        child = subprocess.Popen(
            [sys.executable, "-m", "composer.cli", *argv],
            stdout=out, stderr=err, env=env, cwd=cwd, preexec_fn=cap, text=True,
        )  # fmt: skip
        killer = threading.Timer(TIME_CAP, child.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            killer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        assert child.returncode != -9, f"killed after {TIME_CAP} s: {argv}"
        out.seek(0)
        err.seek(0)
        return Finished(child.returncode, out.read(), err.read(), usage.ru_maxrss)


def one_sentence(stderr: str) -> str:
    """The single ``apology-composer: …`` line the CLI ends with; fails on a traceback."""
    assert "Traceback" not in stderr and "panicked" not in stderr, stderr[-2000:]
    lines = [line for line in stderr.strip().splitlines() if line.startswith("apology-composer:")]
    assert len(lines) == 1, stderr[-2000:]
    return lines[0]
