"""The widest cell of each column of the main screen's tables over every month of the data, as core.base.fmt's
TABLE_FORMS writes it: the monitor sizes its columns by these, so that they keep their widths from month to month."""

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from core.base import fmt
from core.engine.model import PartnerBalance, ReleaseRow

if TYPE_CHECKING:
    from core.engine.series import Values
    from core.engine.snapshot import Snapshot

Widest = Mapping[str, Mapping[str, tuple[int, ...]]]  # by table ("item", "partner", "balance"), by field: by form


def widest_cells(snapshot: "Snapshot", flow: str, item_set: str) -> Widest:
    """The cells' widths, in each form, of the widest figure of each field over every month: of the set's items and
    of the regions, in `flow`, and of the regions' balances."""
    from core.engine.snapshot import PARTNER_SET

    def widths(series: list[tuple["Values", ...]], fields: tuple[str, ...]) -> dict[str, tuple[int, ...]]:
        return {
            field: _widest([figures[position] for figures in series], fmt.TABLE_FORMS[field.removeprefix("ytd_")])
            for position, field in enumerate(fields)
        }

    def compute() -> Widest:
        catalog = snapshot.catalog
        partners = catalog.members(PARTNER_SET, "partner")
        items = [snapshot.row_series("item", code, flow) for code in catalog.members(item_set, "item")]
        return {
            "item": widths(items, ReleaseRow._fields[2:]),
            "partner": widths(
                [snapshot.row_series("partner", code, flow) for code in partners], ReleaseRow._fields[2:]
            ),
            "balance": widths([snapshot.balance_series(code) for code in partners], PartnerBalance._fields[2:]),
        }

    return snapshot.memoised(("widest cells", flow, item_set), compute)


# Sizes where a figure's form changes length: a unit's range ends ($bn, $mn, $), and a change takes another decimal
# below half of its last place (core.base.fmt: up to 3); the rounding at that half goes either way, hence 6 too.
UNIT_ENDS = (float("inf"), 1e9, 1e6)
DECIMAL_STEPS = (5e-2, 6e-2, 5e-3, 6e-3, 5e-4, 6e-4, 5e-5, 6e-5)


def _widest(series: list["Values"], forms: Callable[[float | None], tuple[str, ...]]) -> tuple[int, ...]:
    """The widest of the series' figures in each form. Not every figure is written: on each side of zero, the
    largest in each unit's range (the most digits in it) and the smallest from each decimal step up (the most
    decimals) are the widest a form of fmt.TABLE_FORMS can be."""
    import numpy as np

    values = np.concatenate(series) if series else np.array([])
    values = values[~np.isnan(values)]
    picked: list[float] = []
    for side in (values[values > 0], values[values < 0]):
        side = side[np.argsort(np.abs(side))]
        size = np.abs(side)
        last_below = np.searchsorted(size, UNIT_ENDS) - 1
        first_from = np.searchsorted(size, (0.0, *DECIMAL_STEPS))
        picked += [float(side[index]) for index in (*last_below, *first_from) if 0 <= index < len(side)]
    written = [forms(value) for value in picked] or [forms(None)]
    return tuple(
        max(fmt.cells(texts[form]) for texts in written if form < len(texts)) for form in range(max(map(len, written)))
    )
