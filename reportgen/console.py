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
              file=sys.stderr, flush=True)
        # Exit here: an import interrupted inside code an extension runs as a string marks the
        # interpreter as stopped by an unhandled Ctrl-C, and it would end by SIGINT, not 130.
        # Nothing is open or written yet, so there is nothing for a normal exit to tidy.
        os._exit(STOPPED)
    try:
        return run()
    except KeyboardInterrupt:  # pressed before or after the command's own handling
        print("reportgen: stopped (Ctrl-C)", file=sys.stderr)
        return STOPPED
