"""Tidy trade files written from official responses: named by kind, span of months and release date."""

from pathlib import Path

from core.ingest.datadir import write_new_file
from core.ingest.sources.protocol import Kind, Row


def file_name(kind: Kind, first: str, last: str, released: str, subject: str = "") -> str:
    """`subject` tells apart files of one kind asked for different things (kcs-nitemtrade-hs8542_...)."""
    return f"{kind.source}{'-' * bool(subject)}{subject}_{first}_{last}_{released}.csv"


def tidy_csv(kind: Kind, rows: list[Row], released: str) -> str:
    """The columns of the shared reference files (a window after the period for flash files, the net weight after
    the value where the kind has it), then `released` and `source`."""
    leading = ["period", "window", "flow"] if kind.is_flash else ["period", "flow"]
    measures = ["value_usd", "weight_kg"] if kind.has_weight else ["value_usd"]
    lines = [",".join([*leading, "item", "partner", *measures, "released", "source"])]
    for row in sorted(rows, key=lambda row: (row.period, row.window, row.flow, row.item, row.partner)):
        cells = [row.period, row.window, row.flow] if kind.is_flash else [row.period, row.flow]
        numbers = [row.value_usd, row.weight_kg] if kind.has_weight else [row.value_usd]
        figures = ["" if number is None else format(number.normalize(), "f") for number in numbers]
        lines.append(",".join([*cells, row.item, row.partner, *figures, released, kind.source]))
    return "\n".join(lines) + "\n"


def save(
    kind: Kind,
    rows: list[Row],
    directory: Path,
    released: str,
    span: tuple[str, str] | None = None,
    subject: str = "",
) -> Path:
    """Write rows as a new tidy file in `directory`, named by kind (and subject), span of months and release date.

    FileExistsError if that file exists: an existing file is never replaced.
    """
    first, last = span or (min(row.period for row in rows), max(row.period for row in rows))
    path = directory / file_name(kind, first, last, released, subject)
    write_new_file(path, tidy_csv(kind, rows, released))
    return path
