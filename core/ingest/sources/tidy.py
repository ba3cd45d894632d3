"""Tidy trade files written from official responses: named by kind, span of months and release date."""

from pathlib import Path

from core.ingest.datadir import write_new_file
from core.ingest.sources.protocol import Kind, Row


def file_name(kind: Kind, first: str, last: str, released: str) -> str:
    return f"{kind.source}_{first}_{last}_{released}.csv"


def tidy_csv(kind: Kind, rows: list[Row], released: str) -> str:
    columns = ["period", "window", "flow"] if kind.is_flash else ["period", "flow"]
    lines = [",".join([*columns, "item", "partner", "value_usd", "released", "source"])]
    for row in sorted(rows, key=lambda row: (row.period, row.window, row.flow, row.item, row.partner)):
        leading = [row.period, row.window, row.flow] if kind.is_flash else [row.period, row.flow]
        value = format(row.value_usd.normalize(), "f")
        lines.append(",".join([*leading, row.item, row.partner, value, released, kind.source]))
    return "\n".join(lines) + "\n"


def save(kind: Kind, rows: list[Row], directory: Path, released: str, span: tuple[str, str] | None = None) -> Path:
    """Write rows as a new tidy file in `directory`, named by kind, span of months and release date.

    FileExistsError if that file exists: an existing file is never replaced.
    """
    first, last = span or (min(row.period for row in rows), max(row.period for row in rows))
    path = directory / file_name(kind, first, last, released)
    write_new_file(path, tidy_csv(kind, rows, released))
    return path
