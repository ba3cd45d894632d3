"""Read a data directory and validate every row: trade files, flash files, catalog.csv, working_days.csv.

Every problem is reported as `file:line: what is wrong (what was expected)`; nothing is guessed.

A file is read into a `Table` of text cells by the reader that suits what it is: a CSV file without quotes is
split at its line breaks and commas, a quoted one read by the csv module, a big one without quotes parsed by
pandas' C parser (whose import, about 0.4 s, only pays off from some megabytes on), a Parquet file by pandas
and pyarrow. So the shipped data loads without importing pandas. Whichever reader read a file, its cells are
validated by the same rules, here, into `Rows` of numpy columns.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType

import numpy as np

from core.base.catalog import TOTAL_ITEM, WORLD, Catalog, Entry
from core.base.problems import DataError, Problem
from core.base.release_calendar import CALENDAR_COLUMNS, ReleaseDate, calendar_dates
from core.ingest.datadir import FileStamp, data_files, embedded_data_dir, file_stamps
from core.ingest.regions import REGIONS_FILE, is_region_table, regions_of, with_region_codes
from core.ingest.rows import Rows
from core.ingest.table import FileReport, read_table
from core.ingest.validate import validate_catalog, validate_trade_file, validate_working_days
from core.ingest.versions import resolve_versions, unknown_codes

CATALOG_FILE = "catalog.csv"


@dataclass(frozen=True)
class Dataset:
    """Validated data. `trade` holds the figure in force for each key; `revisions` the superseded ones."""

    directory: Path
    trade: Rows
    revisions: Rows
    flash: Rows
    catalog: Catalog
    working_days: Mapping[int, float]
    warnings: tuple[Problem, ...]
    files: tuple[FileStamp, ...]
    calendar: tuple[ReleaseDate, ...] = ()  # calendar.csv's release dates
    regions: Mapping[str, str] = field(default_factory=dict)  # ISO-2 country -> region, from regions.csv


def load_directory(directory: str | Path) -> Dataset:
    """Read and validate every data file in `directory`; DataError lists every problem found."""
    directory = Path(directory)
    if not directory.is_dir():
        raise DataError([Problem(str(directory), None, "no such data directory (expected a folder of CSV files)")])
    stamps = file_stamps(directory)
    parts: dict[str, list[Rows]] = {"trade": [], "flash": []}
    catalog_entries: list[Entry] | None = None
    regions: dict[str, str] | None = None
    working_days: dict[int, float] = {}
    calendar: list[ReleaseDate] = []
    reports = []
    for path in data_files(directory):
        report = FileReport(path, [])
        reports.append(report)
        table = read_table(path, report)
        if table is not None:
            role = _role_of(table.columns)
            if role == "reference":
                if is_region_table(table.columns):  # which countries are regions of their own (CN is china)
                    regions = regions_of(table.columns, table.records(report), report.error)
                # HS tables: read by `tradetop import`/`fetch` (core.ingest.sources), not figures
            elif role == "catalog":
                catalog_entries = validate_catalog(table, report)
            elif role == "working_days":
                working_days.update(validate_working_days(table, report))
            elif role == "calendar":
                calendar += calendar_dates(table.records(report), report.error)
            else:
                parts[role] += validate_trade_file(table, path.name, report, with_window=role == "flash")
    if regions is None:
        regions = _embedded_regions()
    errors: list[Problem] = []
    file_warnings: list[Problem] = []
    for report in reports:  # in file order, each file's problems together
        report.close()
        errors += report.problems
        file_warnings += report.warnings
    if not stamps:
        errors.append(
            Problem(str(directory), None, "no CSV files (expected files with period,flow,item,partner,value_usd)")
        )
    if catalog_entries is None:
        catalog_entries = _embedded_catalog()
    catalog = Catalog.of(catalog_entries)
    trade, revisions = resolve_versions(
        _with_region_codes(Rows.concatenated(parts["trade"], with_window=False), regions),
        ("month", "flow", "item", "partner"),
        directory,
        errors,
    )
    flash, _ = resolve_versions(
        _with_region_codes(Rows.concatenated(parts["flash"], with_window=True), regions),
        ("month", "window", "flow", "item", "partner"),
        directory,
        errors,
    )
    if stamps and trade.empty and not errors:
        errors.append(
            Problem(str(directory), None, "no trade rows (expected a CSV with period,flow,item,partner,value_usd)")
        )
    elif not errors and not _is_total_exports(trade).any():  # a release is a month with total exports: none to show
        errors.append(
            Problem(
                str(directory),
                None,
                "no total exports in any month (expected rows with flow export, item total, partner world)",
            )
        )
    warnings = file_warnings + unknown_codes(trade, catalog, directory, "item")
    warnings += unknown_codes(trade, catalog, directory, "partner")
    warnings += unknown_codes(flash, catalog, directory, "flash_item")
    if errors:
        raise DataError(errors + warnings)
    return Dataset(
        directory,
        trade,
        revisions,
        flash,
        catalog,
        MappingProxyType(working_days),
        tuple(warnings),
        stamps,
        tuple(calendar),
        MappingProxyType(regions),
    )


def _is_total_exports(rows: Rows) -> np.ndarray:
    total: np.ndarray = (rows["flow"] == "export") & (rows["item"] == TOTAL_ITEM) & (rows["partner"] == WORLD)
    return total


def _with_region_codes(rows: Rows, regions: Mapping[str, str]) -> Rows:
    partners = with_region_codes(rows["partner"], regions)
    return rows if partners is rows["partner"] else Rows({**rows.columns, "partner": partners})


@cache  # the shipped file does not change while tradetop runs
def _embedded_regions() -> dict[str, str]:
    path = embedded_data_dir() / REGIONS_FILE
    problems: list[Problem] = []
    report = FileReport(path, problems)
    table = read_table(path, report)
    regions = {} if table is None else regions_of(table.columns, table.records(report), report.error)
    if problems:
        raise DataError(problems)
    return regions


def _embedded_catalog() -> list[Entry]:
    path = embedded_data_dir() / CATALOG_FILE
    problems: list[Problem] = []
    report = FileReport(path, problems)
    table = read_table(path, report)
    entries = [] if table is None else validate_catalog(table, report)
    if problems:
        raise DataError(problems)
    return entries


def _role_of(columns: Sequence[str]) -> str:
    """What a file is to tradetop, told by its columns: figures (trade, flash), the catalog, working days or a
    reference table."""
    names = set(columns)
    if is_region_table(names) or "hs_code" in names:
        return "reference"
    if {"dimension", "code"} <= names:
        return "catalog"
    if "working_days" in names and "value_usd" not in names:
        return "working_days"
    if set(CALENDAR_COLUMNS) <= names and "value_usd" not in names:
        return "calendar"
    return "flash" if "window" in names else "trade"
