"""What the commands print, each line made printable (core.base.fmt.printable) on its way out: the last guard, so that
no text from a data file, a file name or a server drives the terminal, whichever path it took to get here."""

import sys

from core.base.fmt import printable


def say(text: str, file=None) -> None:
    """Print `text` (to stdout unless told): its own line breaks kept, any other control character escaped."""
    print("\n".join(printable(line) for line in text.split("\n")), file=file or sys.stdout)


def fail(lines, code: int = 1) -> int:
    """Each line on stderr; returns the exit code."""
    for line in lines:
        say(line, sys.stderr)
    return code
