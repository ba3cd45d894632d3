"""What a month's figures do not cover yet: said in one line (`DetailGap`), with the nearest month that has them,
rather than as rows of n/a, and never by showing another month's figures in their place."""

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from core.base.periods import format_period
from core.base.subjects import HEADLINE_LINES
from core.engine.model import DetailGap, LaterRows
from core.engine.snapshot import PARTNER_SET, Snapshot


def known_months(arrays: Iterable[np.ndarray], releases: np.ndarray) -> np.ndarray:
    """Whether any of the arrays has a value, month by month, in the months with a release (`releases`: total
    exports): the months a key can go to."""
    known = np.zeros(len(releases), dtype=bool)
    for array in arrays:
        if len(array):
            known |= ~np.isnan(array)
    released: np.ndarray = known & ~np.isnan(releases)
    return released


def detail_gap(
    what: str, month: int, known: np.ndarray, first_month: int, tables: tuple[str, ...] = ()
) -> DetailGap | None:
    """None if `known` (a bool a month, from `first_month`) has the month; else what to say and where to go."""
    index = month - first_month
    if 0 <= index < len(known) and known[index]:
        return None
    have = np.flatnonzero(known)
    period = format_period(month)
    if not len(have):
        return DetailGap(f"no {what} in the data", None, tables, ("no detail in the data", "no detail"))
    before, after = have[have < index], have[have > index]
    if not len(after):
        target, where, short = int(before[-1]), "not yet in the data; latest:", ("no detail yet", "latest")
    elif not len(before):
        target, where, short = int(after[0]), "not in the data; it begins in", ("no detail", "from")
    else:
        target, where, short = int(before[-1]), "not in the data; the latest before it:", ("no detail", "latest")
    target += first_month
    to = format_period(target)
    shorter = (f"no {what} for {period}; {short[1]} {to}", f"{short[0]}; {short[1]} {to}")
    return DetailGap(f"{what} for {period} {where} {to}", target, tables, shorter)


def main_detail_gap(snapshot: Snapshot, month: int, flow: str, item_set: str) -> DetailGap | None:
    """The main screen's item and partner tables when the month has no figure in one or both."""
    releases = snapshot.series("export")
    catalog = snapshot.catalog
    items = known_months((snapshot.series(flow, item=code) for code in catalog.members(item_set, "item")), releases)
    partners = known_months(
        (snapshot.series(flow, partner=code) for code in catalog.members(PARTNER_SET, "partner")), releases
    )
    index = snapshot.index(month)
    missing = tuple(
        table
        for table, known in (("item", items), ("partner", partners))
        if not (0 <= index < len(releases) and known[index])
    )
    if not missing:
        return None
    if len(missing) == 2:
        return detail_gap("item and region detail", month, items | partners, snapshot.first_month, missing)
    what, known = ("item detail", items) if missing == ("item",) else ("region detail", partners)
    return detail_gap(what, month, known, snapshot.first_month, missing)


def first_known(arrays: Sequence[np.ndarray]) -> int | None:
    """The first index with a value in any of `arrays`; None if none has one."""
    starts = [int(known[0]) for array in arrays if len(known := np.flatnonzero(~np.isnan(array)))]
    return min(starts) if starts else None


def begins_after(arrays: Sequence[np.ndarray], index: int) -> int | None:
    """The first index with a value in any of `arrays` if none has one at `index` or before: a series that begins
    after the month, not one with a gap (whose months stay n/a)."""
    start = first_known(arrays)
    return start if start is not None and start > index else None


def data_begins(first: int, last: int | None = None) -> tuple[str, ...]:
    """Figures of a month before their data begins (in `first`, or from `first` to `last`), in words, longest
    first: said once, in place of n/a."""
    span = format_period(first) + ("" if last is None or last == first else f" to {format_period(last)}")
    return (f"data begins in {span}", f"from {format_period(first)}")


def later_rows(snapshot: Snapshot, month: int, starts: Mapping[str, int | None]) -> LaterRows | None:
    """Of a table's rows (code -> where its data starts, first_known), those whose data begins after the month."""
    index = snapshot.index(month)
    begins = {code: start for code, start in starts.items() if start is not None and start > index}
    if not begins or len(begins) == len(starts):  # none, or a table without any figure: a DetailGap's
        return None
    first, last = (snapshot.first_month + start for start in (min(begins.values()), max(begins.values())))
    long, short = data_begins(first, last)
    return LaterRows(tuple(begins), (f"{len(begins)} more: {long}", f"{len(begins)} more {short}"), first)


def main_later_rows(snapshot: Snapshot, month: int, flow: str, item_set: str) -> dict[str, LaterRows]:
    """The main screen's tables' rows whose data begins after the month, by table: "item", "partner" (of the flow)
    and "balance" (the partners' trade in both flows: rows with neither); "ytd_" and the table for their years to
    date, which begin with the first whole year of data."""
    starts = snapshot.memoised(("table starts", flow, item_set), lambda: _table_starts(snapshot, flow, item_set))
    found = {table: later_rows(snapshot, month, table_starts) for table, table_starts in starts.items()}
    return {table: rows for table, rows in found.items() if rows is not None}


def _table_starts(snapshot: Snapshot, flow: str, item_set: str) -> dict[str, dict[str, int | None]]:
    """By table, and by its year to date ("ytd_" and the table): where each row's data starts. Once a snapshot:
    every month's view asks."""
    catalog = snapshot.catalog
    partners = catalog.members(PARTNER_SET, "partner")
    tables: dict[str, dict[str, tuple[np.ndarray, ...]]] = {
        "item": {code: (snapshot.series(flow, item=code),) for code in catalog.members(item_set, "item")},
        "partner": {code: (snapshot.series(flow, partner=code),) for code in partners},
        "balance": {
            code: (snapshot.series("export", partner=code), snapshot.series("import", partner=code))
            for code in partners
        },
    }
    starts = {}
    for table, series in tables.items():
        starts[table] = {code: first_known(arrays) for code, arrays in series.items()}
        running = {code: tuple(snapshot.ytd(array) for array in arrays) for code, arrays in series.items()}
        starts["ytd_" + table] = {code: first_known(arrays) for code, arrays in running.items()}
    return starts


def headline_begins(snapshot: Snapshot, month: int, lines: Iterable[str], ytd: bool) -> dict[str, tuple[str, ...]]:
    """Headline lines (core.base.subjects) without a figure in the month, or its year to date (`ytd`), because
    their data begins after it: what their card says (data_begins), by line."""
    index = snapshot.index(month)
    found = {}
    for line in lines:
        array = snapshot.headline[line]
        running = ytd and not HEADLINE_LINES[line].year_to_date
        start = begins_after((snapshot.ytd(array) if running else array,), index)
        if start is not None:
            found[line] = data_begins(snapshot.first_month + start)
    return found
