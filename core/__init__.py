"""tradetop's computation engine: load and validate trade files, compute the release's indicators.

Pure: pandas and the standard library only. The terminal UI lives in `tui` and only renders.
"""

__version__ = "0.1.0"
