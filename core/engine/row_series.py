"""A table row's figures for every month at once, as series on the snapshot's axis: a month's ReleaseRow or
PartnerBalance is these at the month's position (core.engine.snapshot), and the monitor sizes its columns for the
widest figure of any month (core.views.table_widths)."""

from collections.abc import Callable

import numpy as np

from core.engine.series import EMPTY, Values, divided

YEAR = 12
ROW_FIGURES = 10  # ReleaseRow's fields after its code and name


def year_earlier(values: Values) -> Values:
    """Each month's value a year earlier; NaN where the series does not reach back so far."""
    return np.concatenate([np.full(min(YEAR, len(values)), np.nan), values[:-YEAR]])


def row_series(values: Values, total: Values, ytd: Callable[[Values], Values]) -> tuple[Values, ...]:
    """ReleaseRow's figures after its code and name, in its fields' order, of `values`, a series of the flow whose
    total is `total`: the month's, then the year to date's (`ytd` sums a series since each January)."""
    if not len(values):
        return (EMPTY,) * ROW_FIGURES
    if not len(total):
        total = np.full(len(values), np.nan)
    return (*_figures(values, total), *_figures(ytd(values), ytd(total)))


def _figures(values: Values, total: Values) -> tuple[Values, ...]:
    """Value, growth on a year earlier (%), share of the total (%), its change (pp) and the contribution to the
    total's growth (pp): as core.engine.series computes one month's, NaN where it gives None."""
    before = year_earlier(values)
    share = divided(values, total, 100.0)
    return (
        values,
        (divided(values, before) - 1.0) * 100.0,
        share,
        share - year_earlier(share),
        divided(values - before, year_earlier(total), 100.0),
    )


def balance_series(exports: Values, imports: Values, ytd: Callable[[Values], Values]) -> tuple[Values, ...]:
    """PartnerBalance's figures after its code and name: exports, imports, the balance and its change on a year
    earlier, the month's then the year to date's; the balance is EMPTY where a flow is not in the data."""
    figures: list[Values] = []
    for exported, imported in ((exports, imports), (ytd(exports), ytd(imports))):
        balance = exported - imported if len(exported) and len(imported) else EMPTY
        figures += [exported, imported, balance, balance - year_earlier(balance)]
    return tuple(figures)
