"""What a month's figures do not cover yet: said in one line (`DetailGap`), with the nearest month that has them,
rather than as rows of n/a, and never by showing another month's figures in their place."""

from collections.abc import Iterable

import numpy as np

from core.base.periods import format_period
from core.engine.model import DetailGap
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
