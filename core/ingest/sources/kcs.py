"""Korea Customs Service Open API (data.go.kr, XML only): trade totals, by country, by HS code, and the 10-day
preliminary exports.

Zero rows come as `<items/>`; the gateway's refusals (`OpenAPI_ServiceResponse`) and the service's own errors
(`resultCode` other than 00) raise with one readable line.
"""

import calendar
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from itertools import pairwise
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as SafeXml
from defusedxml import DefusedXmlException

from core.base.catalog import REST_OF_WORLD, TOTAL_ITEM, WORLD
from core.ingest.sources.protocol import (
    COUNTRY_CODE,
    THOUSAND,
    Context,
    Destinations,
    GatewayError,
    Kind,
    Row,
    ServiceError,
    SourceError,
    amount,
    check_size,
    month_period,
)
from core.ingest.sources.reference import HsMap, normalise_hs

KCS_TOTAL_ROW = "총계"
# The item-by-country results' total rows: 총계 (or 합계) for the year, `-` for the code.
KCS_TOTAL_ROWS = (KCS_TOTAL_ROW, "합계")
KCS_OK = "00"
# The 10-day release's numbered columns, 00..10, in the order the service publishes them (its
# download labels: 전체, 반도체, 철강제품, 승용차, 석유제품, 무선통신기기, 선박, 자동차부품,
# 컴퓨터주변기기, 정밀기기, 가전제품); this is not the catalog's display order.
FLASH_COLUMNS = (
    "total",
    "semiconductors",
    "steel_products",
    "passenger_cars",
    "petroleum_products",
    "wireless_devices",
    "ships",
    "auto_parts",
    "computer_peripherals",
    "precision_instruments",
    "home_appliances",
)
GATEWAY_REASONS = {
    "20": "access denied: no service key was sent, or it is not allowed for this API",
    "22": "the daily request quota for this API is used up (try again tomorrow)",
    "30": "the service key is not registered (check the key, and that this API is approved for it on data.go.kr)",
    "31": "the service key's period of use has expired (renew it on data.go.kr)",
    "32": "this IP address is not registered for the service key",
}
TOTALS = Kind("totals", "kcs-totals", "Newtrade/getNewtradeList")
COUNTRIES = Kind("countries", "kcs-country-agg", "nationtrade/getNationtradeList")
ITEMS = Kind("items", "kcs-hsk-mti", "Itemtrade/getItemtradeList")
FLASH = Kind("flash", "kcs-10day-prelim", "prlstMmUtPrviExpAcrs/getPrlstMmUtPrviExpAcrs", is_flash=True)
DESTINATIONS = Kind("destinations", "kcs-nitemtrade", "nitemtrade/getNitemtradeList", has_weight=True)


def kcs_items(body: bytes) -> list[dict[str, str]]:
    """The `<item>` rows of a customs service XML response, each as {field: text}.

    Gateway errors and service errors raise; zero rows (`<items/>`) is an empty list.
    """
    check_size(len(body))
    try:
        root = SafeXml.fromstring(body, forbid_dtd=True)
    except DefusedXmlException:
        raise SourceError("the XML declares entities or a DTD (refused: an official response never does)") from None
    except ParseError as error:
        raise SourceError(f"not a readable XML response ({error})") from None
    if root.tag == "OpenAPI_ServiceResponse":
        code = (root.findtext("cmmMsgHeader/returnReasonCode") or "").strip()
        name = (root.findtext("cmmMsgHeader/errMsg") or "").strip()
        reason = GATEWAY_REASONS.get(code.zfill(2), "the gateway refused the request")
        raise GatewayError(code, f"gateway error {code} {name}: {reason}")
    if root.tag != "response":
        raise SourceError(f"not a customs service response (root element <{root.tag}>, expected <response>)")
    result = (root.findtext("header/resultCode") or "").strip()
    if result != KCS_OK:
        message = (root.findtext("header/resultMsg") or "").strip()
        raise ServiceError(f"service error {result or '(no resultCode)'}: {message or 'no message'}")
    return [{field.tag: (field.text or "").strip() for field in item} for item in root.iterfind("body/items/item")]


def _field(item: dict[str, str], field: str, where: str, expected: str) -> str:
    if field not in item:
        raise SourceError(f"{where}: no {field} (expected {expected})")
    return item[field]


def _kcs_period(text: str, field: str, where: str) -> str:
    """'2026.01' (year, in monthly results) or '202601' (priodMon, in the 10-day release) -> '2026-01'."""
    found = re.fullmatch(r"(\d{4})\.?(\d{2})", text)
    if not found:
        raise SourceError(f"{where}: {field} {text!r} is not a month (expected YYYY.MM or YYYYMM)")
    return month_period(int(found[1]), int(found[2]), text, where)


def _monthly_items(
    items: list[dict[str, str]], kind: Kind, key: str = ""
) -> Iterator[tuple[str, dict[str, str], str, dict[str, Decimal]]]:
    """(period, item, where, {flow: US dollars}) for each monthly row, the `총계` total row skipped."""
    expected = f"a {kind.endpoint} response"
    for number, item in enumerate(items, 1):
        where = f"item {number}"
        year = _field(item, "year", where, expected)
        if KCS_TOTAL_ROW in (year, item.get(key)) or item.get(key) == "-":
            continue
        if key:
            _field(item, key, where, expected)
        flows = {
            flow: amount(_field(item, field, where, expected), field, where)
            for flow, field in (("export", "expDlr"), ("import", "impDlr"))
        }
        yield _kcs_period(year, "year", where), item, where, flows


def _summed(parts: list[Row]) -> list[Row]:
    """One row per (period, flow, item, partner), the parts' values summed."""
    totals: dict[tuple[str, str, str, str], Decimal] = {}
    for part in parts:
        key = (part.period, part.flow, part.item, part.partner)
        totals[key] = totals.get(key, Decimal(0)) + part.value_usd
    return [Row(*key, value) for key, value in totals.items()]


def totals_rows(items: list[dict[str, str]]) -> list[Row]:
    rows, seen = [], set()
    for period, item, where, flows in _monthly_items(items, TOTALS):
        for telltale, other in (("statCd", "countries"), ("hsCode", "items")):
            if telltale in item:
                raise SourceError(
                    f"{where}: has {telltale}: this is not a trade totals response (import it as {other})"
                )
        if period in seen:
            raise SourceError(f"{where}: {period} appears twice (expected one row per month)")
        seen.add(period)
        rows += [Row(period, flow, TOTAL_ITEM, WORLD, value) for flow, value in flows.items()]
    return rows


def country_rows(items: list[dict[str, str]], regions: Mapping[str, str]) -> list[Row]:
    """Countries (statCd, ISO-2) summed into regions; countries in no region are left out."""
    parts = []
    for period, item, _, flows in _monthly_items(items, COUNTRIES, "statCd"):
        region = regions.get(item["statCd"])
        if region:
            parts += [Row(period, flow, TOTAL_ITEM, region, value) for flow, value in flows.items()]
    return _summed(parts)


def item_rows(items: list[dict[str, str]], hs_map: HsMap) -> list[Row]:
    """HS codes summed into items through the mapping; codes it does not map are left out."""
    parts = []
    for period, item, where, flows in _monthly_items(items, ITEMS, "hsCode"):
        code = normalise_hs(item["hsCode"])
        if code is None:
            raise SourceError(f"{where}: hsCode {item['hsCode']!r} is not an HS code (expected up to 10 digits)")
        mapped = hs_map.item_of(code)
        if mapped:
            parts += [Row(period, flow, mapped, WORLD, value) for flow, value in flows.items()]
    return _summed(parts)


def destination_rows(items: list[dict[str, str]], destinations: Destinations) -> list[Row]:
    """Exports of the HS code asked for by destination, its 10-digit lines summed per country, with net weight
    in kg. A country named but absent in a month of the response exported nothing then: it gets 0."""
    expected = f"a {DESTINATIONS.endpoint} response"
    totals: dict[tuple[str, str], tuple[Decimal, Decimal]] = {}
    seen: dict[tuple[str, str], dict[str, str]] = {}  # (period, country) -> {HS code: where}
    for number, item in enumerate(items, 1):
        where = f"item {number}"
        year = _field(item, "year", where, expected)
        if year in KCS_TOTAL_ROWS or "-" in (item.get("statCd"), item.get("hsCd")):
            continue
        country, code_text = (_field(item, name, where, expected) for name in ("statCd", "hsCd"))
        period = _kcs_period(year, "year", where)
        code = normalise_hs(code_text)
        if code is None:
            raise SourceError(f"{where}: hsCd {code_text!r} is not an HS code (expected up to 10 digits)")
        if not code.startswith(destinations.hs_code):
            raise SourceError(
                f"{where}: hsCd {code} is not part of HS {destinations.hs_code} "
                "(expected the answer to the HS code asked for)"
            )
        if not COUNTRY_CODE.fullmatch(country):
            raise SourceError(f"{where}: statCd {country!r} is not a country code (expected two capital letters)")
        codes = seen.setdefault((period, country), {})
        if code in codes:
            raise SourceError(f"{where}: {period} {country} HS {code} appears twice (also {codes[code]})")
        codes[code] = where
        value = amount(_field(item, "expDlr", where, expected), "expDlr", where)
        weight = amount(_field(item, "expWgt", where, expected), "expWgt", where)
        key = (period, destinations.partner(country))
        before = totals.get(key, (Decimal(0), Decimal(0)))
        totals[key] = (before[0] + value, before[1] + weight)
    for (period, country), codes in seen.items():
        ordered = sorted(codes)  # a code right after its own prefix: a subtotal listed beside its lines
        for shorter, longer in pairwise(ordered):
            if longer.startswith(shorter):
                raise SourceError(
                    f"{codes[longer]}: {period} {country} HS {longer} is part of HS {shorter}, also listed "
                    "(expected lines that do not overlap, or they would be counted twice)"
                )
    periods = {period for period, _ in totals}
    named = destinations.countries + ((REST_OF_WORLD,) if destinations.countries else ())
    for period in periods:
        for partner in named:
            totals.setdefault((period, partner), (Decimal(0), Decimal(0)))
    return [
        Row(period, "export", destinations.item, partner, value, weight_kg=weight)
        for (period, partner), (value, weight) in totals.items()
    ]


def _flash_window(period: str, span: str, where: str) -> str:
    """'01~10' -> 1-10, '01~20' -> 1-20, '01~<last day>' -> month: the windows are cumulative from the 1st."""
    last_day = calendar.monthrange(int(period[:4]), int(period[5:]))[1]
    windows = {"01~10": "1-10", "01~20": "1-20", f"01~{last_day}": "month"}
    if span not in windows:
        raise SourceError(f"{where}: priodDt {span!r} is not a window (expected {', '.join(windows)})")
    return windows[span]


def flash_rows(items: list[dict[str, str]]) -> list[Row]:
    """10-day preliminary exports; amounts are in thousand US dollars."""
    expected_columns = {f"itemUsdAmt{number:02d}" for number in range(len(FLASH_COLUMNS))}
    expected = "a 10-day preliminary exports response: priodMon, priodDt, itemUsdAmt00..10"
    rows = []
    for number, item in enumerate(items, 1):
        where = f"item {number}"
        period = _kcs_period(_field(item, "priodMon", where, expected), "priodMon", where)
        window = _flash_window(period, _field(item, "priodDt", where, expected), where)
        columns = {field for field in item if field.startswith("itemUsdAmt")}
        if columns != expected_columns:
            changed = ", ".join(sorted(columns ^ expected_columns))
            raise SourceError(
                f"{where}: columns {changed} differ from itemUsdAmt00..10 "
                "(the published layout has changed; tradetop's column map needs updating)"
            )
        for index, code in enumerate(FLASH_COLUMNS):
            field = f"itemUsdAmt{index:02d}"
            rows.append(Row(period, "export", code, WORLD, amount(item[field], field, where) * THOUSAND, window))
    return rows


class Kcs:
    """The Korea Customs Service's Open API on data.go.kr: what `tradetop fetch` asks for and `import` reads."""

    name: str = "kcs"
    kinds: tuple[Kind, ...] = (TOTALS, COUNTRIES, ITEMS, FLASH, DESTINATIONS)

    def rows(self, kind: Kind, body: bytes, context: Context) -> list[Row]:
        items = kcs_items(body)
        if kind == COUNTRIES:
            return country_rows(items, context.regions)
        if kind == ITEMS:
            if context.hs_map is None:
                raise SourceError("items are summed through an HS map, and none was given")
            return item_rows(items, context.hs_map)
        if kind == DESTINATIONS:
            if context.destinations is None:
                raise SourceError("item-by-destination results are read for an HS code, and none was given")
            return destination_rows(items, context.destinations)
        return flash_rows(items) if kind == FLASH else totals_rows(items)


KCS = Kcs()
