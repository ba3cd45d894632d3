"""The rules every row is validated by, whichever reader read it: a `Table` of trade or flash cells into `Rows`;
the catalog and working days."""

import datetime as dt
import math
import re
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from core.base.catalog import Entry
from core.base.fmt import printable
from core.base.periods import month_number, parse_period, period_problem
from core.ingest.rows import NOT_DATED, Rows
from core.ingest.table import CHUNK_ROWS, MAX_PROBLEMS_PER_FILE, FileReport, Table

TRADE_COLUMNS = ("period", "flow", "item", "partner", "value_usd")
FLASH_WINDOWS = ("1-10", "1-20", "month")
FLOWS = ("export", "import")
DATE_PATTERN = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
# A thousand trillion dollars, some forty years of all the world's trade, in one row: anything larger is a
# unit or typing mistake, and bounding every value keeps sums and differences finite (1e308 + 1e308 is inf).
MAX_VALUE_USD = 1e15
MAX_VALUE_TEXT = "1e15 US dollars, a thousand trillion"
MAX_WORKING_DAYS = 31


# --- validating: a Table -> Rows, the same rules whichever reader read it ---


def validate_trade_file(table: Table, file_name: str, report: FileReport, with_window: bool) -> list[Rows]:
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


# --- the catalog and working days ---


def validate_catalog(table: Table, report: FileReport) -> list[Entry]:
    required = ("dimension", "code", "name_en")
    missing = [column for column in required if column not in table.columns]
    if missing:
        expected = "dimension,code,name_en,name_ko,sets,order,part_of,first_period,aliases"
        report.error(1, f"missing column {', '.join(missing)} (expected {expected})")
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
        first_text = row.get("first_period", "")  # an item set's first month in the release
        first_problem = first_text and period_problem(first_text)
        if first_problem:
            report.error(line, f"first_period {first_text!r} {first_problem}")
            continue
        if not row["dimension"] or not row["code"]:
            report.error(line, "incomplete row: dimension and code are required (expected dimension,code,name_en,...)")
        elif key in seen:
            report.error(line, f"{key[0]} code {key[1]!r} is listed twice (first at line {seen[key]})")
        else:
            seen[key] = line
            sets = tuple(s.strip() for s in row.get("sets", "").split(";") if s.strip())
            aliases = tuple(printable(a.strip()) for a in row.get("aliases", "").split(";") if a.strip())
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
                    parse_period(first_text) if first_text else None,
                    aliases,
                )
            )
    return entries


def validate_working_days(table: Table, report: FileReport) -> dict[int, float]:
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
