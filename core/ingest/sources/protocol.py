"""What every official format shares: the `Source` protocol, the kinds of response, tidy rows and refusals.

A format (core.ingest.sources.kcs, .ecos) is one object with a name, its kinds, and `rows`, which turns a
response body of one of its kinds into tidy rows or raises SourceError with one readable line.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from core.base.fmt import printable
from core.base.periods import OUT_OF_RANGE, year_in_range

if TYPE_CHECKING:
    from core.ingest.sources.reference import HsMap

# Responses are a few MB a month at most (all HS codes); anything far larger is not a response.
MAX_BODY_BYTES = 256 * 1024 * 1024
THOUSAND = Decimal(1000)


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
    source: str  # the tidy files' `source` column, and the start of their names
    endpoint: str = ""
    is_flash: bool = False


class Source(Protocol):
    """An official format: the kinds of response it has, and how a body of each becomes tidy rows."""

    name: str
    kinds: tuple[Kind, ...]

    def rows(self, kind: Kind, body: bytes, regions: Mapping[str, str], hs_map: "HsMap | None") -> list[Row]:
        """The body's rows; SourceError (one line) for a body that cannot be used. Zero rows is an empty list."""
        ...


def check_size(size: int) -> None:
    if size > MAX_BODY_BYTES:
        raise SourceError(f"the response is {size:,} bytes (expected at most {MAX_BODY_BYTES:,}; refused)")


def amount(text: str, field: str, where: str) -> Decimal:
    """'  29,827,757' -> 29827757: the services send amounts as text, sometimes with commas and spaces."""
    digits = text.replace(",", "").replace(" ", "")
    if not re.fullmatch(r"\d+(\.\d+)?", digits):
        raise SourceError(f"{where}: {field} {text!r} is not an amount (expected digits, commas allowed)")
    return Decimal(digits)


def month_period(year: int, month: int, text: str, where: str) -> str:
    """The one way periods enter from responses: refused as `check` would refuse them."""
    if not 1 <= month <= 12:
        raise SourceError(f"{where}: {text!r} is not a month (expected a month 01-12)")
    if not year_in_range(year):
        raise SourceError(f"{where}: {text!r} {OUT_OF_RANGE}")
    return f"{year:04d}-{month:02d}"
