"""Read a data directory and validate every row: trade files, flash files, catalog.csv, working_days.csv.

Every problem is reported as `file:line: what is wrong (what was expected)`; nothing is guessed.

A file is read into a `Table` of text cells by the reader that suits what it is: a CSV file without quotes is
split at its line breaks and commas, a quoted one read by the csv module, a big one without quotes parsed by
pandas' C parser (whose import, about 0.4 s, only pays off from some megabytes on), a Parquet file by pandas
and pyarrow. So the shipped data loads without importing pandas. Whichever reader read a file, its cells are
validated by the same rules, here, into `Rows` of numpy columns.
"""

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np

from core.base.catalog import TOTAL_ITEM, WORLD, Catalog, Entry
from core.base.fmt import printable
from core.base.periods import format_period, month_number, parse_period, period_problem
from core.base.problems import DataError, Problem
from core.base.release_calendar import CALENDAR_COLUMNS, ReleaseDate, calendar_dates
from core.ingest.datadir import FileStamp, data_files, embedded_data_dir, file_stamps
from core.ingest.regions import REGIONS_FILE, is_region_table, regions_of, with_region_codes

TRADE_COLUMNS = ("period", "flow", "item", "partner", "value_usd")
FLASH_WINDOWS = ("1-10", "1-20", "month")
FLOWS = ("export", "import")
CATALOG_FILE = "catalog.csv"
MAX_PROBLEMS_PER_FILE = 20
# A row's first line; data rows start on line 2, under the header.
FIRST_DATA_LINE = 2
DATE_PATTERN = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
CHUNK_ROWS = 100_000
# A CSV file from this size on is parsed by pandas when it has no quotes; smaller ones are split here.
PANDAS_CSV_BYTES = 8 * 1024 * 1024
EMPTY_FILE = "empty file (expected a header row such as period,flow,item,partner,value_usd)"
# A thousand trillion dollars, some forty years of all the world's trade, in one row: anything larger is a
# unit or typing mistake, and bounding every value keeps sums and differences finite (1e308 + 1e308 is inf).
MAX_VALUE_USD = 1e15
MAX_VALUE_TEXT = "1e15 US dollars, a thousand trillion"
MAX_WORKING_DAYS = 31
NOT_DATED = np.iinfo(np.int64).min  # NaT as a day number: undated rows sort as the oldest


class Rows:
    """Validated rows as numpy columns: month (int64, see core.base.periods), window (flash rows only), flow,
    item, partner, source and file (str objects), value_usd (float64), released (datetime64[D], NaT when
    undated) and line (int64); any other column is a measure of the files' own, such as weight_kg (float64, NaN
    where a row has none: `measures`)."""

    def __init__(self, columns: Mapping[str, np.ndarray]):
        self.columns = MappingProxyType(dict(columns))

    def __getitem__(self, name: str) -> np.ndarray:
        return self.columns[name]

    def __len__(self) -> int:
        return len(self.columns["month"])

    @property
    def empty(self) -> bool:
        return len(self) == 0

    def selected(self, which: np.ndarray) -> "Rows":
        """The rows a boolean mask or an array of positions picks, in its order."""
        return Rows({name: column[which] for name, column in self.columns.items()})

    @property
    def measures(self) -> tuple[str, ...]:
        """The extra numeric columns, such as weight_kg."""
        return tuple(name for name in self.columns if name not in _ROW_DTYPES)

    @classmethod
    def concatenated(cls, parts: Sequence["Rows"], with_window: bool) -> "Rows":
        names = _ROW_COLUMNS + (("window",) if with_window else ())
        columns = {
            name: np.concatenate([part[name] for part in parts]) if parts else np.array([], _ROW_DTYPES[name])
            for name in names
        }
        for measure in dict.fromkeys(name for part in parts for name in part.measures):
            columns[measure] = np.concatenate([part.columns.get(measure, np.full(len(part), np.nan)) for part in parts])
        return cls(columns)

    def key_codes(self, columns: Sequence[str]) -> np.ndarray:
        """A number per row for its combination of values in `columns`, ordered as the combinations sort."""
        combined, span = np.zeros(len(self), np.int64), 1
        for name in columns:
            codes, count = _sorted_codes(self[name])
            if span * count >= 2**62:  # renumber the combinations so far, densely
                _, combined = np.unique(combined, return_inverse=True)
                span = int(combined.max(initial=0)) + 1
            combined, span = combined * count + codes, span * count
        return combined

    def series(self, columns: Sequence[str]) -> tuple[list[tuple[Any, ...]], np.ndarray]:
        """The distinct combinations of `columns`, in the order they first appear, and each row's number
        among them."""
        _, firsts, inverse = np.unique(self.key_codes(columns), return_index=True, return_inverse=True)
        order = np.argsort(firsts, kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        chosen = firsts[order]
        return list(zip(*(self[name][chosen].tolist() for name in columns), strict=True)), rank[inverse.ravel()]


_ROW_COLUMNS = ("month", "flow", "item", "partner", "value_usd", "released", "source", "file", "line")
_ROW_DTYPES: dict[str, Any] = {
    "month": np.int64,
    "value_usd": np.float64,
    "released": "datetime64[D]",
    "line": np.int64,
}
_ROW_DTYPES |= dict.fromkeys(("window", "flow", "item", "partner", "source", "file"), object)


def _sorted_codes(column: np.ndarray) -> tuple[np.ndarray, int]:
    """Each value's position among the column's distinct values, sorted (text by code point), and their count."""
    if column.dtype != object:
        uniques, codes = np.unique(column, return_inverse=True)
        return codes.ravel().astype(np.int64), len(uniques)
    values = column.tolist()
    position = {value: number for number, value in enumerate(sorted(dict.fromkeys(values)))}
    return np.fromiter(map(position.__getitem__, values), np.int64, len(values)), len(position)


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


class FileReport:
    """Collects one file's problems, keeping the first few and counting the rest."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path, self.problems, self.count = str(path), problems, 0
        self.warnings: list[Problem] = []

    def warn(self, line: int | None, message: str) -> None:
        self.warnings.append(Problem(self.path, line, message, is_warning=True))

    def error(self, line: int | None, message: str) -> None:
        self.count += 1
        if self.count <= MAX_PROBLEMS_PER_FILE:
            self.problems.append(Problem(self.path, line, message))

    def count_unshown(self, count: int) -> None:
        """Problems beyond the ones shown: counted, never described."""
        self.count += count

    def close(self) -> None:
        hidden = self.count - MAX_PROBLEMS_PER_FILE
        if hidden > 0:
            self.problems.append(Problem(self.path, None, f"{hidden} more problems not shown", stands_for=hidden))


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
                catalog_entries = _validate_catalog(table, report)
            elif role == "working_days":
                working_days.update(_validate_working_days(table, report))
            elif role == "calendar":
                calendar += calendar_dates(table.records(report), report.error)
            else:
                parts[role] += _validate_trade_file(table, path.name, report, with_window=role == "flash")
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
    trade, revisions = _resolve_versions(
        _with_region_codes(Rows.concatenated(parts["trade"], with_window=False), regions),
        ("month", "flow", "item", "partner"),
        directory,
        errors,
    )
    flash, _ = _resolve_versions(
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
    warnings = file_warnings + _unknown_codes(trade, catalog, directory, "item")
    warnings += _unknown_codes(trade, catalog, directory, "partner")
    warnings += _unknown_codes(flash, catalog, directory, "flash_item")
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
    entries = [] if table is None else _validate_catalog(table, report)
    if problems:
        raise DataError(problems)
    return entries


# --- reading: a file -> a Table of text cells ---


@dataclass(frozen=True)
class Table:
    """A file's rows as text cells, stripped, blank rows dropped, with the line each row starts on (for
    Parquet, its row number) and its number of fields: a row longer than the header is cut to it here, and
    reported as a problem of its own wherever its cells would be used."""

    columns: tuple[str, ...]
    cells: np.ndarray  # rows x columns, str objects
    lines: np.ndarray
    fields: np.ndarray

    def __len__(self) -> int:
        return len(self.lines)

    def rows(self, start: int, stop: int) -> "Table":
        return Table(self.columns, self.cells[start:stop], self.lines[start:stop], self.fields[start:stop])

    def column(self, name: str) -> np.ndarray:
        return self.cells[:, self.columns.index(name)]

    def too_long(self, row: int) -> str:
        return f"row has {self.fields[row]} fields (expected {len(self.columns)}, as in the header)"

    def records(self, report: FileReport) -> Iterator[tuple[int, dict[str, str]]]:
        """Each row as (line, {column: cell}); rows longer than the header are reported instead."""
        width = len(self.columns)
        for row, (line, fields, cells) in enumerate(
            zip(self.lines.tolist(), self.fields.tolist(), self.cells.tolist(), strict=True)
        ):
            if fields > width:
                report.error(line, self.too_long(row))
            else:
                yield line, dict(zip(self.columns, cells, strict=True))


def read_table(path: Path, report: FileReport) -> Table | None:
    """The file as a Table; None if it cannot be read as one (said in `report`)."""
    if path.suffix == ".parquet":
        return _read_parquet(path, report)
    try:
        raw = path.read_bytes()
    except OSError as error:
        report.error(None, f"cannot be read: {error.strerror}")
        return None
    if not raw.strip():
        report.error(1, EMPTY_FILE)
        return None
    # UTF-8 (with or without BOM), else CP949, the encoding of Korean government downloads.
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return _read_csv(raw, encoding, report)
        except UnicodeDecodeError:
            continue
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        report.error(line, "text is neither UTF-8 nor CP949 (expected a CSV file in one of those encodings)")
    return None


def _read_csv(raw: bytes, encoding: str, report: FileReport) -> Table | None:
    # In UTF-8 and in CP949 alike the bytes of '"' occur only as that character, never inside another one.
    if b'"' not in raw:
        parsed = _pandas_rows(raw, encoding) if len(raw) >= PANDAS_CSV_BYTES else None
        if parsed is not None:
            return _table(*parsed, report)
        return _table(*_split_rows(raw.decode(encoding)), report)
    quoted = _csv_module_rows(raw.decode(encoding), report)
    return None if quoted is None else _table(*quoted, report)


def _split_rows(text: str) -> tuple[list[str], list[list[str]], np.ndarray]:
    """Text without quotes: every line is a row, its cells split at commas. Lines end at \\n, \\r\\n or \\r."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[-1] == "":  # a line break after the last line ends it; it does not start another one
        lines.pop()
    rows = [line.split(",") for line in lines]
    return rows[0], rows[1:], np.arange(FIRST_DATA_LINE, len(rows) + 1)


def _csv_module_rows(text: str, report: FileReport) -> tuple[list[str], list[list[str]], np.ndarray] | None:
    """Quoted text, strictly as CSV quotes it; None (said in `report`) if it does not parse."""
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text)))  # a long quoted cell is still a cell, as pandas reads it
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    starts = []
    try:
        start = 1
        for row in reader:
            rows.append(row or [""])  # a blank line is a row of one empty cell, as when split
            starts.append(start)
            start = reader.line_num + 1
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            report.error(start, "not readable as CSV: a quote opens here and never closes")
        else:
            report.error(reader.line_num, f"not readable as CSV: {error}")
        return None
    finally:
        csv.field_size_limit(limit)
    return rows[0], rows[1:], np.array(starts[1:], dtype=np.int64)


def _pandas_rows(raw: bytes, encoding: str) -> tuple[list[str], np.ndarray, np.ndarray] | None:
    """Text without quotes parsed by pandas, in chunks; None if a row is longer than the first (those rows are
    then found by splitting, which reports each)."""
    import pandas as pd

    text = io.TextIOWrapper(io.BytesIO(raw), encoding=encoding, newline="")
    blocks = []
    try:
        for chunk in pd.read_csv(
            text,
            header=None,
            dtype=object,
            keep_default_na=False,
            skip_blank_lines=False,
            quoting=csv.QUOTE_NONE,
            chunksize=CHUNK_ROWS,
        ):
            blocks.append(chunk.to_numpy(dtype=object))
    except (pd.errors.ParserError, pd.errors.EmptyDataError):
        return None
    cells = np.concatenate(blocks) if len(blocks) > 1 else blocks[0]
    return cells[0].tolist(), cells[1:], np.arange(FIRST_DATA_LINE, len(cells) + 1)


_STRIP = np.frompyfunc(str.strip, 1, 1)


def _table(
    header: list[str], rows: list[list[str]] | np.ndarray, lines: np.ndarray, report: FileReport
) -> Table | None:
    """The rows under `header` as a Table: a shorter row is padded with empty cells, a longer one cut (its
    length kept); cells are stripped and blank rows dropped. None if the header names a column twice."""
    columns = tuple(str(name).strip() for name in header)
    named = [name for name in columns if name]
    for name in dict.fromkeys(name for name in named if named.count(name) > 1):
        report.error(1, f"column {name!r} is named twice (expected each column once)")
    if len(set(named)) < len(named):
        return None
    width = len(columns)
    overflow = None
    if isinstance(rows, list):
        fields = np.fromiter(map(len, rows), np.int64, len(rows))
        if fields.max(initial=0) > width:  # a long row's cells past the header still decide whether it is blank
            overflow = [any(cell.strip() for cell in row[width:]) for row in rows]
        if (fields != width).any():
            rows = [row[:width] + [""] * (width - len(row)) for row in rows]
        rows = np.array(rows, dtype=object).reshape(-1, width)
    else:
        fields = np.full(len(rows), width, dtype=np.int64)
    if rows.size:
        if not rows.flags.writeable:  # pandas may hand over a view of its own cells
            rows = rows.copy()
        _STRIP(rows, out=rows)  # in place: the cells are the readers' own, and a copy of a big file's is big
    kept = (rows != "").any(axis=1)
    if overflow is not None:
        kept |= np.array(overflow, dtype=bool)
    if kept.all():
        return Table(columns, rows, lines, fields)
    return Table(columns, rows[kept], lines[kept], fields[kept])


SAFE_PYARROW = (14, 0, 1)


def _version(text: str) -> tuple[int, ...]:
    """'14.0.1' -> (14, 0, 1); what follows the numbers ('.dev5', 'rc1') is left out."""
    numbers = re.match(r"\d+(?:\.\d+)*", text)
    return tuple(int(number) for number in numbers.group().split(".")) if numbers else ()


def _read_parquet(path: Path, report: FileReport) -> Table | None:
    """Parquet rows as text cells, so they are validated exactly like CSV rows; "line" is the row number."""
    try:
        import pyarrow
    except ImportError:
        report.error(None, "reading Parquet needs pyarrow (pip install 'tradetop[parquet]')")
        return None
    if _version(pyarrow.__version__) < SAFE_PYARROW:  # older ones run code a Parquet file names (CVE-2023-47248)
        report.error(
            None,
            f"not read: pyarrow {pyarrow.__version__} can run code from a Parquet file; "
            "pyarrow 14.0.1 or later is needed (pip install 'tradetop[parquet]')",
        )
        return None
    import pandas as pd

    try:
        frame = pd.read_parquet(path, engine="pyarrow")
    except Exception as error:  # pyarrow raises many types for a damaged file
        report.error(None, f"not a readable Parquet file ({type(error).__name__}: {error})")
        return None
    header, cells = list(frame.columns), np.empty(frame.shape, dtype=object)
    for position in range(len(header)):
        # One str object per distinct cell, shared by the rows that hold it (a month, a code): a third of the memory.
        codes, uniques = pd.factorize(frame.pop(header[position]).astype("string").fillna(""))
        cells[:, position] = np.asarray(uniques, dtype=object)[codes]
    return _table(header, cells, np.arange(1, len(cells) + 1), report)


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


# --- validating: a Table -> Rows, the same rules whichever reader read it ---


def _validate_trade_file(table: Table, file_name: str, report: FileReport, with_window: bool) -> list[Rows]:
    """The file's valid rows, in slices of CHUNK_ROWS; each bad row is reported with the first rule it breaks."""
    required = TRADE_COLUMNS + (("window",) if with_window else ())
    missing = [column for column in required if column not in table.columns]
    if missing:
        report.error(1, f"missing column {', '.join(missing)} (expected a header with {','.join(required)})")
        return []
    return [
        _validate_trade_rows(table.rows(start, start + CHUNK_ROWS), file_name, report, required)
        for start in range(0, len(table), CHUNK_ROWS)
    ]


def _validate_trade_rows(table: Table, file_name: str, report: FileReport, required: tuple[str, ...]) -> Rows:
    def cells(name: str) -> np.ndarray:  # optional columns (released, source) are empty where absent
        return table.column(name) if name in table.columns else np.full(len(table), "", dtype=object)

    period, flow, value_text, released_text = cells("period"), cells("flow"), cells("value_usd"), cells("released")
    values = _numbers(value_text)
    months = _by_value(period, lambda text: -1 if period_problem(text) else month_number(int(text[:4]), int(text[5:7])))
    released = _by_value(released_text, _day_number).view("datetime64[D]")
    # Each rule: the rows that break it, and what to say about one of them (its position in the table).
    rules: list[tuple[np.ndarray, Callable[[int], str]]] = [(table.fields > len(table.columns), table.too_long)]
    rules += [
        (
            cells(column) == "",
            partial(_missing, column, required),
        )
        for column in required
    ]
    rules += [
        (months < 0, lambda row: f"period {period[row]!r} {period_problem(period[row])}"),
        (
            (flow != FLOWS[0]) & (flow != FLOWS[1]),
            lambda row: f"flow {flow[row]!r} is unknown (expected export or import)",
        ),
    ]
    if "window" in required:
        window = cells("window")
        rules.append(
            (
                _by_value(window, lambda text: text not in FLASH_WINDOWS, dtype=bool),
                lambda row: f"window {window[row]!r} is unknown (expected {', '.join(FLASH_WINDOWS)})",
            )
        )
    rules += [
        (
            ~np.isfinite(values),
            lambda row: f"value_usd {value_text[row]!r} is not a number (expected US dollars, a number >= 0)",
        ),
        (values < 0, lambda row: f"value_usd {value_text[row]!r} is negative (expected a number >= 0)"),
        (
            values > MAX_VALUE_USD,
            lambda row: f"value_usd {value_text[row]!r} is too large (expected at most {MAX_VALUE_TEXT})",
        ),
        (
            (released_text != "") & np.isnat(released),
            lambda row: f"released {released_text[row]!r} is not a date (expected YYYY-MM-DD)",
        ),
    ]
    broken = np.full(len(table), -1, dtype=np.int64)  # the first rule each row breaks
    for number, (where, _) in reversed(list(enumerate(rules))):
        broken[where] = number
    bad = np.flatnonzero(broken >= 0)
    shown = bad[: max(0, MAX_PROBLEMS_PER_FILE - report.count)].tolist()
    for row in shown:
        report.error(int(table.lines[row]), rules[broken[row]][1](row))
    report.count_unshown(len(bad) - len(shown))
    good = broken < 0
    columns = {
        "month": months[good],
        "flow": flow[good],
        "item": cells("item")[good],
        "partner": cells("partner")[good],
        "value_usd": values[good],
        "released": released[good],
        "source": cells("source")[good],
        "file": np.full(int(good.sum()), file_name, dtype=object),
        "line": table.lines[good].astype(np.int64),
    }
    if "window" in required:
        columns["window"] = cells("window")[good]
    for measure in (name for name in table.columns if name not in required and name not in _TEXT_COLUMNS):
        columns[measure] = _measure(table.column(measure), table.lines, measure, report)[good]
    return Rows(columns)


_TEXT_COLUMNS = ("released", "source")  # optional columns that are no measure
MEASURE_FORM = "expected numbers from 0 to 1e15 in an extra column such as weight_kg, or nothing"


def _measure(cells: np.ndarray, lines: np.ndarray, name: str, report: FileReport) -> np.ndarray:
    """An extra column of a file as numbers (NaN where a row has none). One that holds anything but numbers from
    0 to MAX_VALUE_USD is left out (all NaN), and a warning says so."""
    given = cells != ""
    numbers = np.where(given, _numbers(np.where(given, cells, "0").astype(object)), np.nan)
    bad = given & ~((numbers >= 0) & (numbers <= MAX_VALUE_USD))
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        report.warn(
            int(lines[first]),
            f"column {printable(name)!r} is not read: {printable(str(cells[first]))!r} is not a number "
            f"({MEASURE_FORM})",
        )
        return np.full(len(cells), np.nan)
    return numbers


def _missing(column: str, required: tuple[str, ...], row: int) -> str:
    return f"incomplete row: {column} is missing (expected {','.join(required)})"


def _by_value(column: np.ndarray, judge: Callable[[str], object], dtype: Any = np.int64) -> np.ndarray:
    """judge(cell) for every cell, computed once per distinct cell: a column of months, flows or dates has few."""
    texts = column.tolist()
    judged = {text: judge(text) for text in dict.fromkeys(texts)}
    return np.fromiter(map(judged.__getitem__, texts), dtype, len(texts))


def _number(text: str) -> float:
    """What value_usd accepts: a decimal number in ASCII (float's syntax without its underscores); NaN else.
    Infinities (and numbers too large for a float) are refused with NaN, as not finite."""
    if not text.isascii() or "_" in text:
        return math.nan
    try:
        return float(text)
    except ValueError:
        return math.nan


def _numbers(column: np.ndarray) -> np.ndarray:
    """_number of every cell; numpy's conversion does the same, faster, where every cell is ASCII without '_'."""
    texts = column.tolist()
    joined = "".join(texts)
    if joined.isascii() and "_" not in joined:
        try:
            return column.astype(np.float64)
        except ValueError:  # some cell is no number: which ones, cell by cell
            pass
    return np.fromiter(map(_number, texts), np.float64, len(texts))


def _day_number(text: str) -> int:
    """A released date (YYYY-MM-DD, a real day) as days since 1970-01-01; NOT_DATED if empty or not a date."""
    found = DATE_PATTERN.fullmatch(text)
    if not found:
        return NOT_DATED
    try:
        day = dt.date(*(int(part) for part in found.groups()))
    except ValueError:
        return NOT_DATED
    return (day - dt.date(1970, 1, 1)).days


# --- versions: one figure per key ---


def _resolve_versions(rows: Rows, key: tuple[str, ...], directory: Path, errors: list[Problem]) -> tuple[Rows, Rows]:
    """One figure per key: the latest `released` wins (undated rows count as oldest).

    Rows that tie for latest with different values cannot be ordered, so they are errors.
    """
    codes = rows.key_codes(key)
    _, inverse, counts = np.unique(codes, return_inverse=True, return_counts=True)
    shared = counts[inverse.ravel()] > 1
    if not shared.any():  # the usual case, and the fast one: nothing to order
        return rows, rows.selected(shared)
    released = rows["released"].view(np.int64)
    files, _ = _sorted_codes(rows["file"])
    candidates = np.flatnonzero(shared)
    order = candidates[
        np.lexsort((rows["line"][candidates], files[candidates], released[candidates], codes[candidates]))
    ]
    group_codes, days = codes[order], released[order]
    starts = np.r_[True, group_codes[1:] != group_codes[:-1]]
    ends = np.r_[starts[1:], True]
    group = np.cumsum(starts) - 1
    latest = days == days[ends][group]  # sorted by day within a key: its last row is the latest
    # The latest rows of a key (its contenders) end its run; each is compared with the first of them.
    first_latest = latest & (starts | ~np.r_[False, latest[:-1]])
    leading = np.maximum.accumulate(np.where(first_latest, np.arange(len(order)), 0))
    values = rows["value_usd"][order]
    conflicting = np.zeros(group[-1] + 1, dtype=bool)
    conflicting[group[latest & (values != values[leading])]] = True
    _report_conflicts(rows, order[latest & conflicting[group]], key, directory, errors)
    current = rows.selected(np.concatenate([np.flatnonzero(~shared), order[ends]]))
    return current, rows.selected(order[~ends])


def _report_conflicts(
    rows: Rows, conflicts: np.ndarray, key: tuple[str, ...], directory: Path, errors: list[Problem]
) -> None:
    """Each conflicting row (positions in `rows`, by key) against the first row of its key, the first few only."""
    if not len(conflicts):
        return
    keys = list(zip(*(rows[column][conflicts].tolist() for column in key), strict=True))
    firsts: dict[tuple[Any, ...], int] = {}
    later = []
    for position, row_key in zip(conflicts.tolist(), keys, strict=True):
        if row_key in firsts:
            later.append((position, row_key))
        else:
            firsts[row_key] = position
    for position, row_key in later[:MAX_PROBLEMS_PER_FILE]:
        first = firsts[row_key]
        subject = " ".join(str(value) for column, value in zip(key, row_key, strict=True) if column != "month")
        errors.append(
            Problem(
                str(directory / rows["file"][position]),
                int(rows["line"][position]),
                f"{format_period(int(rows['month'][position]))} {subject} is {rows['value_usd'][position]:,.0f} here "
                f"but {rows['value_usd'][first]:,.0f} at {rows['file'][first]}:{rows['line'][first]} "
                f"(expected one value, or a later `released` date on the revision)",
            )
        )
    if len(later) > MAX_PROBLEMS_PER_FILE:
        errors.append(
            Problem(str(directory), None, f"{len(later) - MAX_PROBLEMS_PER_FILE} more conflicting rows not shown")
        )


def _unknown_codes(rows: Rows, catalog: Catalog, directory: Path, dimension: str) -> list[Problem]:
    """The first row of each code the catalog does not know, in the order of the rows."""
    if rows.empty:
        return []
    column = "partner" if dimension == "partner" else "item"
    wildcard = WORLD if dimension == "partner" else TOTAL_ITEM
    known = catalog.codes(dimension) | {wildcard}
    codes = rows[column]
    if all(code in known for code in dict.fromkeys(codes.tolist())):
        return []
    numbers, _ = _sorted_codes(codes)
    firsts = np.sort(np.unique(numbers, return_index=True)[1])
    files, lines, firsts_codes = (rows[name][firsts].tolist() for name in ("file", "line", column))
    paths = {name: str(directory / name) for name in dict.fromkeys(files)}
    return [
        Problem(paths[name], line, f"{column} code {code!r} is not in the catalog (shown by its code)", is_warning=True)
        for name, line, code in zip(files, lines, firsts_codes, strict=True)
        if code not in known
    ]


# --- the catalog and working days ---


def _validate_catalog(table: Table, report: FileReport) -> list[Entry]:
    required = ("dimension", "code", "name_en")
    missing = [column for column in required if column not in table.columns]
    if missing:
        report.error(1, f"missing column {', '.join(missing)} (expected dimension,code,name_en,name_ko,sets,order)")
        return []
    entries: list[Entry] = []
    seen: dict[tuple[str, str], int] = {}
    for line, row in table.records(report):
        key = (row["dimension"], row["code"])
        order_text = row.get("order", "")
        try:
            order = float(order_text) if order_text else float("inf")
        except ValueError:
            report.error(line, f"order {order_text!r} is not a number (expected a number or nothing)")
            continue
        if not row["dimension"] or not row["code"]:
            report.error(line, "incomplete row: dimension and code are required (expected dimension,code,name_en,...)")
        elif key in seen:
            report.error(line, f"{key[0]} code {key[1]!r} is listed twice (first at line {seen[key]})")
        else:
            seen[key] = line
            sets = tuple(s.strip() for s in row.get("sets", "").split(";") if s.strip())
            # Names are shown on terminals as they are stored: made printable here, once.
            entries.append(
                Entry(
                    row["dimension"],
                    row["code"],
                    printable(row["name_en"]),
                    printable(row.get("name_ko", "")),
                    sets,
                    order,
                    row.get("part_of", ""),
                )
            )
    return entries


def _validate_working_days(table: Table, report: FileReport) -> dict[int, float]:
    if "period" not in table.columns:
        report.error(1, "missing column period (expected period,working_days)")
        return {}
    days: dict[int, float] = {}
    for line, row in table.records(report):
        period, text = row["period"], row["working_days"]
        try:
            value = float(text)
        except ValueError:
            value = -1.0
        problem = period_problem(period)
        if problem:
            report.error(line, f"period {period!r} {problem}")
        elif not 0 < value <= MAX_WORKING_DAYS:  # NaN fails too; a month of no working days has no daily average
            report.error(
                line,
                f"working_days {text!r} is not a day count (expected a number above 0, at most {MAX_WORKING_DAYS})",
            )
        else:
            days[parse_period(period)] = value
    return days
