"""``apology-composer-cli``: the engine, headless, for scripts and tests.

Each command group lives in its own module and registers its sub-commands here. Errors are one
plain sentence on stderr (a traceback only with ``--debug``). Exit codes: 0 ok, 1 something
blocks sending / the run failed, 2 usage error, 130 interrupted."""

from __future__ import annotations

import argparse
import sys

from composer.errors import ComposerError
from composer.version import VersionAction

EXIT_OK, EXIT_BLOCKED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def parser() -> argparse.ArgumentParser:
    from composer.cli import deliver, mailbox, prepare

    p = argparse.ArgumentParser(
        prog="apology-composer-cli",
        description="Send one warm, personal apology to every affected customer, one-to-one.",
    )
    p.add_argument("--version", action=VersionAction)
    p.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    prepare.register(sub)
    deliver.register(sub)
    mailbox.register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    from composer import language

    language.use(language.from_environment())  # LANGUAGE=de: the same words as the app's
    args = parser().parse_args(argv)
    if argv is None and getattr(args, "reads_files", False):
        # A command reading files from anywhere: the whole command runs in a capped
        # child (composer.quarantine), so a hostile workbook costs a sentence, not a crash.
        from composer import quarantine

        return quarantine.supervised(lambda: _run(args, argv))
    return _run(args, argv)


def _run(args: argparse.Namespace, argv: list[str] | None) -> int:
    from composer.language import _

    try:
        code = int(args.run(args) or EXIT_OK)
        if argv is None and getattr(args, "quick_exit", None) is not None:
            _exit_now(code)
        return code
    except ComposerError as e:
        if args.debug:
            raise
        print(f"apology-composer: {e}", file=sys.stderr)
        return EXIT_BLOCKED
    except KeyboardInterrupt:
        print(_("apology-composer: interrupted."), file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``preview | head``); nothing is wrong with the campaign.
        # Point stdout at devnull so the interpreter's final flush does not complain.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _exit_now(code: int) -> None:
    """End a read-only command's process without freeing a big list's million objects one by
    one (tens of ms for 100k rows); the operating system takes the memory back at once. Only
    for the real process (argv None), never for a test calling main([...])."""
    import os

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
