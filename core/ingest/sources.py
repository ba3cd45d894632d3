"""Official responses -> tidy trade rows, and the tidy files written from them.

Korea Customs Service Open API (data.go.kr, XML only) and Bank of Korea ECOS `StatisticSearch` (JSON).
No network here: core.ingest.fetch calls the services. A response that cannot be used raises SourceError with
one readable line; a bad region table or HS mapping file raises DataError (`file:line: ...`).
"""

import calendar
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as SafeXml
from defusedxml import DefusedXmlException

from core.base.catalog import TOTAL_ITEM, WORLD
from core.base.fmt import printable
from core.base.periods import OUT_OF_RANGE, year_in_range
from core.base.problems import DataError, Problem
from core.ingest.datadir import embedded_data_dir, write_new_file
from core.ingest.loader import MAX_VALUE_TEXT, MAX_VALUE_USD, FileReport, read_table

# Responses are a few MB a month at most (all HS codes); anything far larger is not a response.
MAX_BODY_BYTES = 256 * 1024 * 1024
REGIONS_FILE = "regions.csv"
KCS_TOTAL_ROW = "총계"
KCS_OK = "00"
THOUSAND = Decimal(1000)
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
ECOS_NO_DATA = "INFO-200"
ECOS_UNITS = {"달러": Decimal(1), "천달러": THOUSAND, "백만달러": Decimal(1_000_000)}


class SourceError(Exception):
    """A response that cannot be used; the message is one printable line (it may quote the server)."""

    def __init__(self, message: str):
        super().__init__(printable(message))


class GatewayError(SourceError):
    """The data.go.kr gateway refused the call (`returnReasonCode`)."""

    def __init__(self, code: str, message: str):
        self.code = code
        super().__init__(message)


class ServiceError(SourceError):
    """The service itself answered with an error (`resultCode` other than 00, HTTP 200)."""


@dataclass(frozen=True)
class Row:
    period: str
    flow: str
    item: str
    partner: str
    value_usd: Decimal
    window: str = ""


@dataclass(frozen=True)
class Kind:
    """One kind of official response: how it is asked for and what it becomes."""

    name: str
    source: str
    endpoint: str = ""
    is_flash: bool = False


KINDS = {
    kind.name: kind
    for kind in (
        Kind("totals", "kcs-totals", "Newtrade/getNewtradeList"),
        Kind("countries", "kcs-country-agg", "nationtrade/getNationtradeList"),
        Kind("items", "kcs-hsk-mti", "Itemtrade/getItemtradeList"),
        Kind("flash", "kcs-10day-prelim", "prlstMmUtPrviExpAcrs/getPrlstMmUtPrviExpAcrs", is_flash=True),
        Kind("ecos", "bok-ecos"),
    )
}


# --- reference tables: regions (shipped) and the HS -> item mapping (the user's) ---


def normalise_hs(code: str) -> str | None:
    """HS codes have an even number of digits; one that lost its leading zero (303) gets it back (0303)."""
    if not code.isdigit() or len(code) > 10:
        return None
    return "0" + code if len(code) % 2 else code


def _read_mapping(path: Path, key_column: str, value_column: str, normalise, key_form: str) -> dict[str, str]:
    """A two-column lookup table; every bad or contradictory row is a `file:line` problem."""
    problems: list[Problem] = []
    report = FileReport(path, problems)
    table = read_table(path, report)
    missing = [column for column in (key_column, value_column) if table is not None and column not in table.columns]
    if missing:
        report.error(1, f"missing column {', '.join(missing)} (expected a header with {key_column},{value_column})")
        table = None
    mapping: dict[str, str] = {}
    first_line: dict[str, int] = {}
    for line, row in [] if table is None else table.records(report):
        key, value = normalise(row[key_column]), row[value_column]
        if key is None:
            report.error(int(line), f"{key_column} {row[key_column]!r} is not valid (expected {key_form})")
        elif not value:
            report.error(int(line), f"incomplete row: {value_column} is missing (expected {key_column},{value_column})")
        elif mapping.get(key, value) != value:
            report.error(
                int(line),
                f"{key_column} {key} is {value} here but {mapping[key]} at line {first_line[key]} "
                f"(expected one {value_column} for each {key_column})",
            )
        else:
            mapping[key], first_line[key] = value, first_line.get(key, int(line))
    report.close()
    if problems:
        raise DataError(problems)
    return mapping


def read_regions(directory: Path | None = None) -> dict[str, str]:
    """ISO-2 country code -> region: `regions.csv` in `directory` if there is one, else the shipped one."""
    own = directory / REGIONS_FILE if directory else None
    path = own if own and own.is_file() else embedded_data_dir() / REGIONS_FILE
    return _read_mapping(
        path,
        "iso2",
        "region",
        lambda code: code if re.fullmatch(r"[A-Z]{2}", code) else None,
        "an ISO 3166 code of two capital letters",
    )


@dataclass(frozen=True)
class HsMap:
    """HS code prefix -> item; the longest matching prefix wins."""

    items: dict[str, str]

    @classmethod
    def read(cls, path: Path) -> "HsMap":
        return cls(_read_mapping(path, "hs_code", "item", normalise_hs, "an HS code or prefix, up to 10 digits"))

    def item_of(self, code: str) -> str | None:
        for length in range(len(code), 0, -1):
            if code[:length] in self.items:
                return self.items[code[:length]]
        return None


# --- reading responses ---


def _check_size(size: int) -> None:
    if size > MAX_BODY_BYTES:
        raise SourceError(f"the response is {size:,} bytes (expected at most {MAX_BODY_BYTES:,}; refused)")


def read_response(path: Path) -> bytes:
    """A saved response body, refused unread if it is too large to be one."""
    _check_size(path.stat().st_size)
    return path.read_bytes()


def kcs_items(body: bytes) -> list[dict[str, str]]:
    """The `<item>` rows of a customs service XML response, each as {field: text}.

    Gateway errors and service errors raise; zero rows (`<items/>`) is an empty list.
    """
    _check_size(len(body))
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


def _amount(text: str, field: str, where: str) -> Decimal:
    """'  29,827,757' -> 29827757: the service sends amounts as text, sometimes with commas and spaces."""
    digits = text.replace(",", "").replace(" ", "")
    if not re.fullmatch(r"\d+(\.\d+)?", digits):
        raise SourceError(f"{where}: {field} {text!r} is not an amount (expected digits, commas allowed)")
    return Decimal(digits)


def _field(item: dict[str, str], field: str, where: str, expected: str) -> str:
    if field not in item:
        raise SourceError(f"{where}: no {field} (expected {expected})")
    return item[field]


def _month(year: int, month: int, text: str, where: str) -> str:
    """The one way periods enter from responses: refused as `check` would refuse them."""
    if not 1 <= month <= 12:
        raise SourceError(f"{where}: {text!r} is not a month (expected a month 01-12)")
    if not year_in_range(year):
        raise SourceError(f"{where}: {text!r} {OUT_OF_RANGE}")
    return f"{year:04d}-{month:02d}"


def _kcs_period(text: str, field: str, where: str) -> str:
    """'2026.01' (year, in monthly results) or '202601' (priodMon, in the 10-day release) -> '2026-01'."""
    found = re.fullmatch(r"(\d{4})\.?(\d{2})", text)
    if not found:
        raise SourceError(f"{where}: {field} {text!r} is not a month (expected YYYY.MM or YYYYMM)")
    return _month(int(found[1]), int(found[2]), text, where)


def _monthly_items(items: list[dict[str, str]], kind: Kind, key: str = ""):
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
            flow: _amount(_field(item, field, where, expected), field, where)
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
    for period, item, where, flows in _monthly_items(items, KINDS["totals"]):
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


def country_rows(items: list[dict[str, str]], regions: dict[str, str]) -> list[Row]:
    """Countries (statCd, ISO-2) summed into regions; countries in no region are left out."""
    parts = []
    for period, item, _, flows in _monthly_items(items, KINDS["countries"], "statCd"):
        region = regions.get(item["statCd"])
        if region:
            parts += [Row(period, flow, TOTAL_ITEM, region, value) for flow, value in flows.items()]
    return _summed(parts)


def item_rows(items: list[dict[str, str]], hs_map: HsMap) -> list[Row]:
    """HS codes summed into items through the mapping; codes it does not map are left out."""
    parts = []
    for period, item, where, flows in _monthly_items(items, KINDS["items"], "hsCode"):
        code = normalise_hs(item["hsCode"])
        if code is None:
            raise SourceError(f"{where}: hsCode {item['hsCode']!r} is not an HS code (expected up to 10 digits)")
        mapped = hs_map.item_of(code)
        if mapped:
            parts += [Row(period, flow, mapped, WORLD, value) for flow, value in flows.items()]
    return _summed(parts)


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
            rows.append(Row(period, "export", code, WORLD, _amount(item[field], field, where) * THOUSAND, window))
    return rows


def _ecos_flow(row: dict) -> str | None:
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
    _check_size(len(body))
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
        period = _month(int(time[:4]), int(time[4:]), time, where)
        unit = str(row.get("UNIT_NAME", "")).replace(" ", "")
        if unit not in ECOS_UNITS:
            raise SourceError(f"{where}: unit {unit!r} is not a dollar unit (expected {', '.join(ECOS_UNITS)})")
        value = _amount(str(row.get("DATA_VALUE", "")), "DATA_VALUE", where) * ECOS_UNITS[unit]
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


def convert(kind: Kind, body: bytes, regions: dict[str, str], hs_map: HsMap | None) -> list[Row]:
    """A response body of `kind` as tidy rows; a value `check` would refuse (after summing) refuses the response."""
    if kind.name == "ecos":
        rows = ecos_rows(body)
    else:
        items = kcs_items(body)
        if kind.name == "countries":
            rows = country_rows(items, regions)
        elif kind.name == "items":
            rows = item_rows(items, hs_map)
        else:
            rows = flash_rows(items) if kind.is_flash else totals_rows(items)
    for row in rows:
        if row.value_usd > MAX_VALUE_USD:
            raise SourceError(
                f"{row.period} {row.flow} {row.item} {row.partner}: {row.value_usd:,.0f} US dollars "
                f"is too large (expected at most {MAX_VALUE_TEXT})"
            )
    return rows


# --- writing tidy files ---


def file_name(kind: Kind, first: str, last: str, released: str) -> str:
    return f"{kind.source}_{first}_{last}_{released}.csv"


def tidy_csv(kind: Kind, rows: list[Row], released: str) -> str:
    columns = ["period", "window", "flow"] if kind.is_flash else ["period", "flow"]
    lines = [",".join(columns + ["item", "partner", "value_usd", "released", "source"])]
    for row in sorted(rows, key=lambda row: (row.period, row.window, row.flow, row.item, row.partner)):
        leading = [row.period, row.window, row.flow] if kind.is_flash else [row.period, row.flow]
        value = format(row.value_usd.normalize(), "f")
        lines.append(",".join(leading + [row.item, row.partner, value, released, kind.source]))
    return "\n".join(lines) + "\n"


def save(kind: Kind, rows: list[Row], directory: Path, released: str, span: tuple[str, str] | None = None) -> Path:
    """Write rows as a new tidy file in `directory`, named by kind, span of months and release date.

    FileExistsError if that file exists: an existing file is never replaced.
    """
    first, last = span or (min(row.period for row in rows), max(row.period for row in rows))
    path = directory / file_name(kind, first, last, released)
    write_new_file(path, tidy_csv(kind, rows, released))
    return path
