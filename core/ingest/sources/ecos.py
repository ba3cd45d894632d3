"""Bank of Korea ECOS `StatisticSearch` (JSON): monthly export and import series, in any of its dollar units."""

import json
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from core.base.catalog import TOTAL_ITEM, WORLD
from core.ingest.sources.protocol import (
    THOUSAND,
    Context,
    Kind,
    Row,
    ServiceError,
    SourceError,
    amount,
    check_size,
    month_period,
)

ECOS_NO_DATA = "INFO-200"
ECOS_UNITS = {"달러": Decimal(1), "천달러": THOUSAND, "백만달러": Decimal(1_000_000)}


def _ecos_flow(row: Mapping[str, Any]) -> str | None:
    """export or import, from the most specific name that says which (수출입, both, says neither)."""
    for field in ("ITEM_NAME1", "ITEM_NAME2", "ITEM_NAME3", "ITEM_NAME4", "STAT_NAME"):
        name = str(row.get(field) or "").lower()
        export = ("수출" in name and "수출입" not in name) or "export" in name
        imported = "수입" in name or "import" in name
        if export != imported:
            return "export" if export else "import"
    return None


def ecos_rows(body: bytes) -> list[Row]:
    """Bank of Korea ECOS StatisticSearch JSON: monthly export and import series, any of its dollar units."""
    check_size(len(body))
    try:
        document = json.loads(body)
    except (ValueError, RecursionError) as error:
        raise SourceError(f"not a readable JSON response ({error})") from None
    result = document.get("RESULT") if isinstance(document, dict) else None
    if isinstance(result, dict):
        if result.get("CODE") == ECOS_NO_DATA:
            return []
        raise ServiceError(f"ECOS error {result.get('CODE')}: {result.get('MESSAGE') or 'no message'}")
    search = document.get("StatisticSearch") if isinstance(document, dict) else None
    if not isinstance(search, dict):
        raise SourceError("not an ECOS StatisticSearch response (expected a StatisticSearch object)")
    found = search.get("row") or []
    rows = [found] if isinstance(found, dict) else found  # a single row may come unwrapped
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise SourceError("not an ECOS StatisticSearch response (expected row to be a list of objects)")
    values: dict[tuple[str, str], tuple[Decimal, str]] = {}
    for number, row in enumerate(rows, 1):
        where = f"row {number}"
        flow = _ecos_flow(row)
        if flow is None:
            continue
        time = str(row.get("TIME", ""))
        if not re.fullmatch(r"\d{6}", time):
            raise SourceError(f"{where}: TIME {time!r} is not a month (expected YYYYMM: ask for the monthly cycle M)")
        period = month_period(int(time[:4]), int(time[4:]), time, where)
        unit = str(row.get("UNIT_NAME", "")).replace(" ", "")
        if unit not in ECOS_UNITS:
            raise SourceError(f"{where}: unit {unit!r} is not a dollar unit (expected {', '.join(ECOS_UNITS)})")
        value = amount(str(row.get("DATA_VALUE", "")), "DATA_VALUE", where) * ECOS_UNITS[unit]
        name = str(row.get("ITEM_NAME1") or row.get("STAT_NAME"))
        if (period, flow) in values and values[(period, flow)][0] != value:
            raise SourceError(
                f"{where}: a second {flow} series for {period} ({name!r} and "
                f"{values[(period, flow)][1]!r}; expected one: ask for a single item code)"
            )
        values[(period, flow)] = (value, name)
    if rows and not values:
        raise SourceError(
            "no export or import series in the response (expected item names with 수출/수입 or export/import)"
        )
    return [Row(period, flow, TOTAL_ITEM, WORLD, value) for (period, flow), (value, _) in values.items()]


class Ecos:
    """The Bank of Korea's ECOS: saved StatisticSearch answers only (`tradetop import ecos`), never fetched."""

    name: str = "ecos"
    kinds: tuple[Kind, ...] = (Kind("ecos", "bok-ecos"),)

    def rows(self, kind: Kind, body: bytes, context: Context) -> list[Row]:
        return ecos_rows(body)


ECOS = Ecos()
