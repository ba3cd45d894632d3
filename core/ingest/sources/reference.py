"""Reference tables for converting responses: the regions (shipped) and the HS code -> item mapping (the user's).

A bad table raises DataError with `file:line` problems, as a bad data file does.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from core.base.problems import DataError, Problem
from core.ingest.datadir import embedded_data_dir
from core.ingest.regions import REGIONS_FILE, lookup, regions_of
from core.ingest.table import FileReport, read_table

HS_FORM = "an HS code or prefix, up to 10 digits"


def normalise_hs(code: str) -> str | None:
    """HS codes have an even number of digits; one that lost its leading zero (303) gets it back (0303)."""
    if not code.isdigit() or len(code) > 10:
        return None
    return "0" + code if len(code) % 2 else code


def _read_mapping(path: Path, read: Callable[..., dict[str, str]]) -> dict[str, str]:
    """A lookup table read from `path` by `read` (core.ingest.regions); any problem raises DataError."""
    problems: list[Problem] = []
    report = FileReport(path, problems)
    table = read_table(path, report)
    mapping = {} if table is None else read(table.columns, table.records(report), report.error)
    report.close()
    if problems:
        raise DataError(problems)
    return mapping


def read_regions(directory: Path | None = None) -> dict[str, str]:
    """ISO-2 country code -> region: `regions.csv` in `directory` if there is one, else the shipped one."""
    own = directory / REGIONS_FILE if directory else None
    path = own if own and own.is_file() else embedded_data_dir() / REGIONS_FILE
    return _read_mapping(path, regions_of)


@dataclass(frozen=True)
class HsMap:
    """HS code prefix -> item; the longest matching prefix wins."""

    items: dict[str, str]

    @classmethod
    def read(cls, path: Path) -> "HsMap":
        return cls(
            _read_mapping(
                path,
                partial(lookup, key_column="hs_code", value_column="item", normalise=normalise_hs, key_form=HS_FORM),
            )
        )

    def item_of(self, code: str) -> str | None:
        for length in range(len(code), 0, -1):
            if code[:length] in self.items:
                return self.items[code[:length]]
        return None
