"""Read a data directory and validate every row: trade files, flash files, catalog.csv, working_days.csv.

Every problem is reported as `file:line: what is wrong (what was expected)`; nothing is guessed.
"""

import csv
import io
import re
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import cast

import numpy as np
import pandas as pd

from core.base.catalog import TOTAL_ITEM, WORLD, Catalog, Entry
from core.base.fmt import printable
from core.base.periods import (
    FIRST_YEAR,
    LAST_YEAR,
    NOT_A_MONTH,
    OUT_OF_RANGE,
    PERIOD_PATTERN,
    format_period,
    month_number,
    parse_period,
    period_problem,
)
from core.base.problems import DataError, Problem
from core.base.release_calendar import CALENDAR_COLUMNS, ReleaseDate, calendar_dates
from core.ingest.datadir import FileStamp, data_files, embedded_data_dir, file_stamps

TRADE_COLUMNS = ("period", "flow", "item", "partner", "value_usd")
FLASH_WINDOWS = ("1-10", "1-20", "month")
FLOWS = ("export", "import")
CATALOG_FILE = "catalog.csv"
MAX_PROBLEMS_PER_FILE = 20
# A row's first line; data rows start on line 2, under the header.
FIRST_DATA_LINE = 2
DATE_PATTERN = r"\d{4}-\d{2}-\d{2}"
CHUNK_ROWS = 100_000
EMPTY_FILE = "empty file (expected a header row such as period,flow,item,partner,value_usd)"
# A thousand trillion dollars, some forty years of all the world's trade, in one row: anything larger is a
# unit or typing mistake, and bounding every value keeps sums and differences finite (1e308 + 1e308 is inf).
MAX_VALUE_USD = 1e15
MAX_VALUE_TEXT = "1e15 US dollars, a thousand trillion"
MAX_WORKING_DAYS = 31


@dataclass(frozen=True)
class Dataset:
    """Validated data. `trade` holds the figure in force for each key; `revisions` the superseded ones.

    Frames have columns month (int, see core.base.periods), flow, item, partner, value_usd, released,
    source, file, line; flash frames add window.
    """

    directory: Path
    trade: pd.DataFrame
    revisions: pd.DataFrame
    flash: pd.DataFrame
    catalog: Catalog
    working_days: Mapping[int, float]
    warnings: tuple[Problem, ...]
    files: tuple[FileStamp, ...]
    calendar: tuple[ReleaseDate, ...] = ()  # calendar.csv's release dates


class FileReport:
    """Collects one file's problems, keeping the first few and counting the rest."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path, self.problems, self.count = str(path), problems, 0

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
    batches = {"trade": _TradeBatches(with_window=False), "flash": _TradeBatches(with_window=True)}
    catalog_entries: list[Entry] | None = None
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
                pass  # region and HS tables: read by `tradetop import`/`fetch` (core.ingest.sources), not figures
            elif role == "catalog":
                catalog_entries = _validate_catalog(table, report)
            elif role == "working_days":
                working_days.update(_validate_working_days(table, report))
            elif role == "calendar":
                rows = zip(table.index.tolist(), cast(list[dict[str, str]], table.to_dict("records")), strict=True)
                calendar += calendar_dates(rows, report.error)
            else:
                batches[role].add(table, path.name, report)
    frames = {role: batch.validated() for role, batch in batches.items()}
    errors: list[Problem] = []
    for report in reports:  # in file order, each file's problems together
        report.close()
        errors += report.problems
    if not stamps:
        errors.append(
            Problem(str(directory), None, "no CSV files (expected files with period,flow,item,partner,value_usd)")
        )
    if catalog_entries is None:
        catalog_entries = _embedded_catalog()
    catalog = Catalog.of(catalog_entries)
    trade, revisions = _resolve_versions(frames["trade"], ("month", "flow", "item", "partner"), directory, errors)
    flash, _ = _resolve_versions(frames["flash"], ("month", "window", "flow", "item", "partner"), directory, errors)
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
    warnings = _unknown_codes(trade, catalog, directory, "item") + _unknown_codes(trade, catalog, directory, "partner")
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
    )


def _is_total_exports(frame: pd.DataFrame) -> pd.Series:
    return (frame["flow"] == "export") & (frame["item"] == TOTAL_ITEM) & (frame["partner"] == WORLD)


def _embedded_catalog() -> list[Entry]:
    path = embedded_data_dir() / CATALOG_FILE
    problems: list[Problem] = []
    report = FileReport(path, problems)
    table = read_table(path, report)
    entries = [] if table is None else _validate_catalog(table, report)
    if problems:
        raise DataError(problems)
    return entries


def read_table(path: Path, report: FileReport) -> pd.DataFrame | None:
    """The file as text cells, indexed by line number, blank lines dropped; None if unreadable."""
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
            return _parse_csv(raw, encoding, report)
        except UnicodeDecodeError:
            continue
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        report.error(line, "text is neither UTF-8 nor CP949 (expected a CSV file in one of those encodings)")
    return None


def _parse_csv(raw: bytes, encoding: str, report: FileReport) -> pd.DataFrame | None:
    """Parse in chunks, so a big file never holds the interpreter long enough to freeze the dashboard."""
    chunks = []
    try:
        with warnings.catch_warnings():
            # pandas only warns (and drops cells) when the first row is longer than the header.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            text = io.TextIOWrapper(io.BytesIO(raw), encoding=encoding, newline="")
            for chunk in pd.read_csv(
                text, dtype=object, keep_default_na=False, skip_blank_lines=False, index_col=False, chunksize=CHUNK_ROWS
            ):
                chunks.append(_cleaned(chunk))
    except (pd.errors.ParserError, pd.errors.ParserWarning) as error:
        _report_unparsable(raw.decode(encoding), error, report)
        return None
    except pd.errors.EmptyDataError:
        report.error(1, EMPTY_FILE)
        return None
    table = pd.concat(chunks) if len(chunks) > 1 else chunks[0]
    table.columns = [str(column).strip() for column in table.columns]
    table.index = table.index + FIRST_DATA_LINE
    return table


_STRIP = np.frompyfunc(str.strip, 1, 1)


def _cleaned(chunk: pd.DataFrame) -> pd.DataFrame:
    """Text cells (Python strings: pandas' string dtypes cost a small file more to build than to validate)
    stripped, blank rows dropped, over the whole block at once."""
    cells = _STRIP(chunk.to_numpy(dtype=object))
    kept = (cells != "").any(axis=1)
    return pd.DataFrame(cells[kept], index=chunk.index[kept], columns=chunk.columns, dtype=object)


SAFE_PYARROW = (14, 0, 1)


def _version(text: str) -> tuple[int, ...]:
    """'14.0.1' -> (14, 0, 1); what follows the numbers ('.dev5', 'rc1') is left out."""
    numbers = re.match(r"\d+(?:\.\d+)*", text)
    return tuple(int(number) for number in numbers.group().split(".")) if numbers else ()


def _read_parquet(path: Path, report: FileReport) -> pd.DataFrame | None:
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
    try:
        frame = pd.read_parquet(path, engine="pyarrow")
    except Exception as error:  # pyarrow raises many types for a damaged file
        report.error(None, f"not a readable Parquet file ({type(error).__name__}: {error})")
        return None
    table = frame.astype("string").fillna("")
    table.index = pd.RangeIndex(1, len(table) + 1)
    return table


def _report_unparsable(text: str, error: Exception, report: FileReport) -> None:
    """Find the row pandas choked on with the csv module, which counts lines exactly."""
    open_quote = re.search(r"EOF inside string starting at row (\d+)", str(error))
    if open_quote:  # pandas counts rows from 0 at the header
        report.error(int(open_quote.group(1)) + 1, "not readable as CSV: a quote opens here and never closes")
        return
    reader = csv.reader(io.StringIO(text))
    try:
        width = len(next(reader))
        for row in reader:
            if len(row) > width:
                report.error(reader.line_num, f"row has {len(row)} fields (expected {width}, as in the header)")
                return
    except csv.Error as csv_error:
        report.error(reader.line_num, f"not readable as CSV: {csv_error}")
        return
    report.error(None, f"not readable as CSV: {error}")


def _role_of(columns: pd.Index) -> str:
    """What a file is to tradetop, told by its columns: figures (trade, flash), the catalog, working days or a
    reference table."""
    names = set(columns)
    if {"region", "iso2"} <= names or "hs_code" in names:
        return "reference"
    if {"dimension", "code"} <= names:
        return "catalog"
    if "working_days" in names and "value_usd" not in names:
        return "working_days"
    if set(CALENDAR_COLUMNS) <= names and "value_usd" not in names:
        return "calendar"
    return "flash" if "window" in names else "trade"


def _flag_rows(
    table: pd.DataFrame,
    mask: pd.Series,
    unflagged: pd.Series,
    describe: Callable[[pd.Series], str],
    reports: list[FileReport],
) -> None:
    """Report each not-yet-flagged row in mask to its file's report, first problem only, then mark it as flagged.

    Only as many rows of a file as its report can show are described; the others are counted."""
    newly = mask & unflagged
    unflagged &= ~newly
    if not newly.any():
        return
    flagged = table[newly]
    shown = flagged.groupby("report", sort=False).cumcount() < MAX_PROBLEMS_PER_FILE
    for _, row in flagged[shown].iterrows():
        reports[row["report"]].error(int(row["line"]), describe(row))
    unshown = flagged.loc[~shown, "report"].value_counts()
    for number, count in zip(unshown.index.tolist(), unshown.tolist(), strict=True):
        reports[number].count_unshown(count)


class _TradeBatches:
    """Trade (or flash) files validated together, up to CHUNK_ROWS rows at a time: pandas' cost per operation
    (about 20 ms per file for all the checks) is paid once per batch instead of once per small file. A big file
    is validated alone in slices of CHUNK_ROWS rows, like the parsing, so that a worker thread validating it
    leaves the UI room."""

    def __init__(self, with_window: bool):
        self.required = TRADE_COLUMNS + (("window",) if with_window else ())
        self.pending: list[tuple[pd.DataFrame, str, FileReport]] = []
        self.pending_rows = 0
        self.frames: list[pd.DataFrame] = []

    def add(self, table: pd.DataFrame, file_name: str, report: FileReport) -> None:
        missing = [column for column in self.required if column not in table.columns]
        if missing:
            report.error(1, f"missing column {', '.join(missing)} (expected a header with {','.join(self.required)})")
            return
        if self.pending_rows + len(table) > CHUNK_ROWS:
            self.flush()
        if len(table) >= CHUNK_ROWS:
            for start in range(0, len(table), CHUNK_ROWS):
                self.frames.append(self.validate([(table.iloc[start : start + CHUNK_ROWS], file_name, report)]))
        else:
            self.pending.append((table, file_name, report))
            self.pending_rows += len(table)

    def flush(self) -> None:
        if self.pending:
            self.frames.append(self.validate(self.pending))
        self.pending, self.pending_rows = [], 0

    def validated(self) -> pd.DataFrame:
        self.flush()
        return _concat(self.frames)

    def validate(self, files: list[tuple[pd.DataFrame, str, FileReport]]) -> pd.DataFrame:
        """One table of the files' rows, with each row's file, report (its number here) and line."""
        tables = [table for table, _, _ in files]
        lengths = [len(table) for table in tables]
        table = pd.concat(tables, ignore_index=True) if len(tables) > 1 else tables[0].reset_index(drop=True)
        table["file"] = np.repeat([file_name for _, file_name, _ in files], lengths)
        table["report"] = np.repeat(np.arange(len(files)), lengths)
        table["line"] = np.concatenate([part.index.to_numpy(dtype=int) for part in tables])
        for column in ("released", "source"):  # optional: a file without the column has them empty
            table[column] = table[column].fillna("") if column in table.columns else ""
        # pandas' string dtype, once per batch, for its vectorised matching (pyarrow's, where installed)
        table = table.astype(dict.fromkeys((*self.required, "released", "source"), "str"))
        return _validate_trade_rows(table, [report for _, _, report in files], self.required)


def _validate_trade_rows(table: pd.DataFrame, reports: list[FileReport], required: tuple[str, ...]) -> pd.DataFrame:
    with_window = "window" in required
    ok = pd.Series(True, index=table.index)
    for column in required:

        def missing(row: pd.Series, column: str = column) -> str:
            return f"incomplete row: {column} is missing (expected {','.join(required)})"

        _flag_rows(table, table[column] == "", ok, missing, reports)
    _flag_rows(
        table,
        ~table["period"].str.fullmatch(PERIOD_PATTERN.pattern),
        ok,
        lambda row: f"period {row['period']!r} {NOT_A_MONTH}",
        reports,
    )
    _flag_rows(
        table,
        ~pd.to_numeric(table["period"].str[:4], errors="coerce").between(FIRST_YEAR, LAST_YEAR),
        ok,
        lambda row: f"period {row['period']!r} {OUT_OF_RANGE}",
        reports,
    )
    _flag_rows(
        table,
        ~table["flow"].isin(FLOWS),
        ok,
        lambda row: f"flow {row['flow']!r} is unknown (expected export or import)",
        reports,
    )
    if with_window:
        _flag_rows(
            table,
            ~table["window"].isin(FLASH_WINDOWS),
            ok,
            lambda row: f"window {row['window']!r} is unknown (expected {', '.join(FLASH_WINDOWS)})",
            reports,
        )
    values = pd.to_numeric(table["value_usd"], errors="coerce")
    _flag_rows(
        table,
        values.isna() | values.isin([float("inf"), float("-inf")]),
        ok,
        lambda row: f"value_usd {row['value_usd']!r} is not a number (expected US dollars, a number >= 0)",
        reports,
    )
    _flag_rows(
        table,
        values < 0,
        ok,
        lambda row: f"value_usd {row['value_usd']!r} is negative (expected a number >= 0)",
        reports,
    )
    _flag_rows(
        table,
        values > MAX_VALUE_USD,
        ok,
        lambda row: f"value_usd {row['value_usd']!r} is too large (expected at most {MAX_VALUE_TEXT})",
        reports,
    )
    released = table["released"]
    released_dates = pd.to_datetime(
        released.where(released.str.fullmatch(DATE_PATTERN)), format="%Y-%m-%d", errors="coerce"
    )
    _flag_rows(
        table,
        (released != "") & released_dates.isna(),
        ok,
        lambda row: f"released {row['released']!r} is not a date (expected YYYY-MM-DD)",
        reports,
    )
    good = table[ok]
    periods = good["period"]
    frame = pd.DataFrame(
        {
            "month": month_number(periods.str[:4].astype(int), periods.str[5:7].astype(int)),
            "flow": good["flow"],
            "item": good["item"],
            "partner": good["partner"],
            "value_usd": values[ok].astype(float),
            "released": released_dates[ok],
            "source": good["source"],
            "file": good["file"],
            "line": good["line"],
        }
    )
    if with_window:
        frame.insert(1, "window", good["window"])
    return frame


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [frame for frame in frames if not frame.empty]
    return (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(
            columns=["month", "flow", "item", "partner", "value_usd", "released", "source", "file", "line", "window"]
        )
    )


def _resolve_versions(
    frame: pd.DataFrame, columns: tuple[str, ...], directory: Path, errors: list[Problem]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One figure per key: the latest `released` wins (undated rows count as oldest).

    Rows that tie for latest with different values cannot be ordered, so they are errors.
    """
    key = list(columns)
    shared = frame.duplicated(key, keep=False) if not frame.empty else pd.Series(False, index=frame.index)
    if not shared.any():  # the usual case, and the fast one: nothing to order
        return frame.reset_index(drop=True), frame.iloc[:0]
    # As day numbers NaT is the smallest int64, so undated rows sort as the oldest.
    order = frame[shared].assign(_released=frame.loc[shared, "released"].to_numpy(dtype="datetime64[D]").view("int64"))
    order = order.sort_values([*key, "_released", "file", "line"], kind="stable")
    latest = order["_released"] == order.groupby(key)["_released"].transform("max")
    contenders = order[latest]
    conflicts = contenders[contenders.groupby(key)["value_usd"].transform("nunique") > 1]
    _report_conflicts(conflicts, key, directory, errors)
    winners = order.duplicated(key, keep="last")
    current = pd.concat([frame[~shared], order[~winners].drop(columns="_released")], ignore_index=True)
    return current, order[winners].drop(columns="_released").reset_index(drop=True)


def _report_conflicts(conflicts: pd.DataFrame, key: list[str], directory: Path, errors: list[Problem]) -> None:
    """Each conflicting row against the first row of its key, the first few only."""
    if conflicts.empty:
        return
    firsts = conflicts.drop_duplicates(key).set_index(key)
    later = conflicts[conflicts.duplicated(key)]
    for row in later.head(MAX_PROBLEMS_PER_FILE).to_dict("records"):
        first = firsts.loc[tuple(row[column] for column in key)]
        subject = " ".join(str(row[column]) for column in key if column != "month")
        errors.append(
            Problem(
                str(directory / row["file"]),
                int(row["line"]),
                f"{format_period(int(row['month']))} {subject} is {row['value_usd']:,.0f} here but "
                f"{first['value_usd']:,.0f} at {first['file']}:{first['line']} "
                f"(expected one value, or a later `released` date on the revision)",
            )
        )
    if len(later) > MAX_PROBLEMS_PER_FILE:
        errors.append(
            Problem(str(directory), None, f"{len(later) - MAX_PROBLEMS_PER_FILE} more conflicting rows not shown")
        )


def _unknown_codes(frame: pd.DataFrame, catalog: Catalog, directory: Path, dimension: str) -> list[Problem]:
    if frame.empty:
        return []
    column = "partner" if dimension == "partner" else "item"
    wildcard = WORLD if dimension == "partner" else TOTAL_ITEM
    known = frame[column].isin(catalog.codes(dimension) | {wildcard})
    unknown = frame[~known].drop_duplicates(column)
    paths = {name: str(directory / name) for name in unknown["file"].unique()}
    return [
        Problem(
            paths[name], int(line), f"{column} code {code!r} is not in the catalog (shown by its code)", is_warning=True
        )
        for name, line, code in zip(unknown["file"], unknown["line"], unknown[column], strict=True)
    ]


def _validate_catalog(table: pd.DataFrame, report: FileReport) -> list[Entry]:
    required = ("dimension", "code", "name_en")
    missing = [column for column in required if column not in table.columns]
    if missing:
        report.error(1, f"missing column {', '.join(missing)} (expected dimension,code,name_en,name_ko,sets,order)")
        return []
    entries: list[Entry] = []
    seen: dict[tuple[str, str], int] = {}
    for line, row in zip(table.index, table.to_dict("records"), strict=True):  # plain dicts: iterrows costs 50 us a row
        key = (row["dimension"], row["code"])
        order_text = row.get("order", "")
        try:
            order = float(order_text) if order_text else float("inf")
        except ValueError:
            report.error(int(line), f"order {order_text!r} is not a number (expected a number or nothing)")
            continue
        if not row["dimension"] or not row["code"]:
            report.error(
                int(line), "incomplete row: dimension and code are required (expected dimension,code,name_en,...)"
            )
        elif key in seen:
            report.error(int(line), f"{key[0]} code {key[1]!r} is listed twice (first at line {seen[key]})")
        else:
            seen[key] = int(line)
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
                )
            )
    return entries


def _validate_working_days(table: pd.DataFrame, report: FileReport) -> dict[int, float]:
    if "period" not in table.columns:
        report.error(1, "missing column period (expected period,working_days)")
        return {}
    days: dict[int, float] = {}
    for line, row in zip(table.index, table.to_dict("records"), strict=True):
        period, text = row["period"], row["working_days"]
        try:
            value = float(text)
        except ValueError:
            value = -1.0
        problem = period_problem(period)
        if problem:
            report.error(int(line), f"period {period!r} {problem}")
        elif not 0 < value <= MAX_WORKING_DAYS:  # NaN fails too; a month of no working days has no daily average
            report.error(
                int(line),
                f"working_days {text!r} is not a day count (expected a number above 0, at most {MAX_WORKING_DAYS})",
            )
        else:
            days[parse_period(period)] = value
    return days
