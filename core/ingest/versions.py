"""One figure per key: the latest `released` version wins, contradictions are problems, unknown codes are warnings."""

from pathlib import Path
from typing import Any

import numpy as np

from core.base.catalog import TOTAL_ITEM, WORLD, Catalog
from core.base.periods import format_period
from core.base.problems import Problem
from core.ingest.rows import Rows, sorted_codes
from core.ingest.table import MAX_PROBLEMS_PER_FILE

# --- versions: one figure per key ---


def resolve_versions(rows: Rows, key: tuple[str, ...], directory: Path, errors: list[Problem]) -> tuple[Rows, Rows]:
    """One figure per key: the latest `released` wins (undated rows count as oldest).

    Rows that tie for latest with different values cannot be ordered, so they are errors.
    """
    codes = rows.key_codes(key)
    _, inverse, counts = np.unique(codes, return_inverse=True, return_counts=True)
    shared = counts[inverse.ravel()] > 1
    if not shared.any():  # the usual case, and the fast one: nothing to order
        return rows, rows.selected(shared)
    released = rows["released"].view(np.int64)
    files, _ = sorted_codes(rows["file"])
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


def unknown_codes(rows: Rows, catalog: Catalog, directory: Path, dimension: str) -> list[Problem]:
    """The first row of each code the catalog does not know, in the order of the rows."""
    if rows.empty:
        return []
    column = "partner" if dimension == "partner" else "item"
    wildcard = WORLD if dimension == "partner" else TOTAL_ITEM
    known = catalog.codes(dimension) | {wildcard}
    codes = rows[column]
    if all(code in known for code in dict.fromkeys(codes.tolist())):
        return []
    numbers, _ = sorted_codes(codes)
    firsts = np.sort(np.unique(numbers, return_index=True)[1])
    files, lines, firsts_codes = (rows[name][firsts].tolist() for name in ("file", "line", column))
    paths = {name: str(directory / name) for name in dict.fromkeys(files)}
    return [
        Problem(paths[name], line, f"{column} code {code!r} is not in the catalog (shown by its code)", is_warning=True)
        for name, line, code in zip(files, lines, firsts_codes, strict=True)
        if code not in known
    ]
