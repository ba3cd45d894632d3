"""Reading a file into a `Table` of text cells, by the reader that suits it (split, csv module, pandas, Parquet),
and the `FileReport` that collects its `file:line` problems."""

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.base.problems import Problem

MAX_PROBLEMS_PER_FILE = 20
# A row's first line; data rows start on line 2, under the header.
FIRST_DATA_LINE = 2
# A CSV file from this size on is parsed by pandas when it has no quotes; smaller ones are split here.
CHUNK_ROWS = 100_000
PANDAS_CSV_BYTES = 8 * 1024 * 1024
EMPTY_FILE = "empty file (expected a header row such as period,flow,item,partner,value_usd)"


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
