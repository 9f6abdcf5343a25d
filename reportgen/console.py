"""The `reportgen` command's entry point: Ctrl-C stops it at any moment with a message and
exit code 130, never a traceback, even in its first second, while the CLI's libraries are
still being imported.

Only the standard library is imported before the handler is in place. The first Ctrl-C
stops the build; presses after it are ignored, so the stopping itself (the pool's processes
killed, a set that is writing its files left to finish them, all or none) is never cut short
and the message still says which sets were written.
"""

import os
import signal
import sys

STOPPED = 130  # the shell's code for a process stopped by SIGINT


def _stop(signum, frame) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def main() -> int:
    """Run the command line; return its exit code."""
    signal.signal(signal.SIGINT, _stop)
    try:
        from reportgen.cli import main as run
    except KeyboardInterrupt:
        print("reportgen: stopped (Ctrl-C) while starting; nothing was written",
              file=sys.stderr)
        return _stopped()
    try:
        code = run()
    except KeyboardInterrupt:  # pressed before or after the command's own handling
        print("reportgen: stopped (Ctrl-C)", file=sys.stderr)
        code = STOPPED
    return _stopped() if code == STOPPED else code


def _stopped() -> int:
    """End a stopped command with exit code 130 (its message printed, its jobs ended).

    It exits at once: a Ctrl-C that interrupted an import inside code an extension runs as a
    string marks the interpreter as ended by an unhandled Ctrl-C, and a normal exit would
    then end it by SIGINT instead of 130. Nothing is left to tidy: the command has already
    stopped its pool and written (or not written) each set's files."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(STOPPED)
