"""SYNTHETIC response bodies for tests, in the documented formats of the official services.

Korea Customs Service Open API on data.go.kr (XML only): `response/header/{resultCode,resultMsg}` and
`response/body/items/item`, one element per field; zero rows come as `<items/>`; gateway errors as
`OpenAPI_ServiceResponse/cmmMsgHeader/{errMsg,returnAuthMsg,returnReasonCode}` with HTTP 401/403;
service errors as `resultCode` 99 with HTTP 200. Bank of Korea ECOS StatisticSearch (JSON):
`StatisticSearch/{list_total_count,row}` or `RESULT/{CODE,MESSAGE}`. The figures are made up.
"""

import json

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'


def _fields(fields: dict) -> str:
    return "".join(f"<{name}>{value}</{name}>" for name, value in fields.items())


def kcs(*items: dict) -> bytes:
    """A successful response; no items gives the self-closing `<items/>` the service sends."""
    rows = "".join(f"<item>{_fields(item)}</item>" for item in items)
    body = f"<items>{rows}</items>" if items else "<items/>"
    return (
        f"{XML_DECLARATION}<response><header><resultCode>00</resultCode><resultMsg>정상서비스.</resultMsg>"
        f"</header><body>{body}</body></response>"
    ).encode()


def gateway_error(code: str, name: str, message: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<OpenAPI_ServiceResponse>\n<cmmMsgHeader>\n'
        f"  <errMsg>{name}</errMsg>\n  <returnAuthMsg>{message}</returnAuthMsg>\n"
        f"  <returnReasonCode>{code}</returnReasonCode>\n</cmmMsgHeader>\n</OpenAPI_ServiceResponse>"
    ).encode()


GATEWAY_ERRORS = {
    "unregistered key": ("30", "SERVICE_KEY_IS_NOT_REGISTERED_ERROR", "등록되지 않은 서비스키", 403),
    "no key": ("20", "SERVICE_KEY_IS_NULL", "서비스 접근거부", 401),
    "quota used up": ("22", "LIMITED_NUMBER_OF_SERVICE_REQUESTS_EXCEEDS_ERROR", "서비스 요청제한횟수 초과에러", 403),
}


def service_error(message: str = "시작과 종료의 조회기간은 1년이내 기간만 가능합니다.") -> bytes:
    return (
        f"{XML_DECLARATION}<response><header><resultCode>99</resultCode><resultMsg>{message}</resultMsg>"
        "</header></response>"
    ).encode()


def total_row(key: str = "", **fields) -> dict:
    """The `총계` row the service puts first when a response spans months, items or countries."""
    return {"balPayments": "0", "expDlr": "0", "impDlr": "0", **({key: "-"} if key else {}), "year": "총계", **fields}


def totals_item(year: str, exports: str, imports: str) -> dict:
    return {"balPayments": "0", "expCnt": "1", "expDlr": exports, "impCnt": "1", "impDlr": imports, "year": year}


def country_item(year: str, iso2: str, exports: str, imports: str) -> dict:
    return {
        "balPayments": "0",
        "expCnt": "1",
        "expDlr": exports,
        "impCnt": "1",
        "impDlr": imports,
        "statCd": iso2,
        "statCdCntnKor1": iso2,
        "year": year,
    }


def hs_item(year: str, hs_code: str, exports: str, imports: str) -> dict:
    return {
        "balPayments": "0",
        "expDlr": exports,
        "expWgt": "1",
        "hsCode": hs_code,
        "impDlr": imports,
        "impWgt": "1",
        "statKor": "품목",
        "year": year,
    }


def destination_item(year: str, iso2: str, hs_code: str, exports: str, weight: str) -> dict:
    """An item-by-country (nitemtrade) row: one 10-digit HS line to one country in one month; weights in kg."""
    return {
        "balPayments": exports,
        "expDlr": exports,
        "expWgt": weight,
        "hsCd": hs_code,
        "impDlr": "0",
        "impWgt": "0",
        "statCd": iso2,
        "statCdCntnKor1": iso2,
        "statKor": "전자집적회로",
        "year": year,
    }


def destination_total_row(exports: str, weight: str) -> dict:
    """The item-by-country total row: `총계` for the year, `-` for the country and the code."""
    return {**destination_item("총계", "-", "-", exports, weight), "statCdCntnKor1": "-", "statKor": "-"}


def flash_item(month: str, days: str, thousands: list[str]) -> dict:
    """Amounts in thousand US dollars, as text padded with spaces and with commas."""
    columns = {f"itemUsdAmt{index:02d}": f"   {amount}" for index, amount in enumerate(thousands)}
    return {**columns, "priodDt": days, "priodMon": month, "priodYear": month[:4]}


def ecos(rows: list[dict]) -> bytes:
    return json.dumps({"StatisticSearch": {"list_total_count": len(rows), "row": rows}}, ensure_ascii=False).encode()


def ecos_row(time: str, name: str, value: str, unit: str = "천달러") -> dict:
    return {
        "STAT_CODE": "901Y011",
        "STAT_NAME": "수출입총괄",
        "ITEM_CODE1": "X",
        "ITEM_NAME1": name,
        "ITEM_CODE2": None,
        "ITEM_NAME2": None,
        "UNIT_NAME": unit,
        "WGT": None,
        "TIME": time,
        "DATA_VALUE": value,
    }


ENTITY_BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    b"<response><header><resultCode>00</resultCode><resultMsg>&lol3;</resultMsg></header></response>"
)
