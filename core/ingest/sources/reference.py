"""Reference tables for converting responses: the regions (shipped) and the HS code -> item mapping (the user's).

A bad table raises DataError with `file:line` problems, as a bad data file does.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from core.base.problems import DataError, Problem
from core.ingest.datadir import embedded_data_dir
from core.ingest.table import FileReport, read_table

REGIONS_FILE = "regions.csv"


def normalise_hs(code: str) -> str | None:
    """HS codes have an even number of digits; one that lost its leading zero (303) gets it back (0303)."""
    if not code.isdigit() or len(code) > 10:
        return None
    return "0" + code if len(code) % 2 else code


def _read_mapping(
    path: Path, key_column: str, value_column: str, normalise: Callable[[str], str | None], key_form: str
) -> dict[str, str]:
    """A two-column lookup table; every bad or contradictory row is a `file:line` problem."""
    problems: list[Problem] = []
    report = FileReport(path, problems)
    table = read_table(path, report)
    missing = [column for column in (key_column, value_column) if table is not None and column not in table.columns]
    if missing:
        report.error(1, f"missing column {', '.join(missing)} (expected a header with {key_column},{value_column})")
        table = None
    mapping: dict[str, str] = {}
    first_line: dict[str, int] = {}
    for line, row in [] if table is None else table.records(report):
        key, value = normalise(row[key_column]), row[value_column]
        if key is None:
            report.error(int(line), f"{key_column} {row[key_column]!r} is not valid (expected {key_form})")
        elif not value:
            report.error(int(line), f"incomplete row: {value_column} is missing (expected {key_column},{value_column})")
        elif mapping.get(key, value) != value:
            report.error(
                int(line),
                f"{key_column} {key} is {value} here but {mapping[key]} at line {first_line[key]} "
                f"(expected one {value_column} for each {key_column})",
            )
        else:
            mapping[key] = value
            first_line.setdefault(key, int(line))
    report.close()
    if problems:
        raise DataError(problems)
    return mapping


def read_regions(directory: Path | None = None) -> dict[str, str]:
    """ISO-2 country code -> region: `regions.csv` in `directory` if there is one, else the shipped one."""
    own = directory / REGIONS_FILE if directory else None
    path = own if own and own.is_file() else embedded_data_dir() / REGIONS_FILE
    return _read_mapping(
        path,
        "iso2",
        "region",
        lambda code: code if re.fullmatch(r"[A-Z]{2}", code) else None,
        "an ISO 3166 code of two capital letters",
    )


@dataclass(frozen=True)
class HsMap:
    """HS code prefix -> item; the longest matching prefix wins."""

    items: dict[str, str]

    @classmethod
    def read(cls, path: Path) -> "HsMap":
        return cls(_read_mapping(path, "hs_code", "item", normalise_hs, "an HS code or prefix, up to 10 digits"))

    def item_of(self, code: str) -> str | None:
        for length in range(len(code), 0, -1):
            if code[:length] in self.items:
                return self.items[code[:length]]
        return None
