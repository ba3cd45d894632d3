"""What every official format shares: the `Source` protocol, the kinds of response, tidy rows and refusals.

A format (core.ingest.sources.kcs, .ecos) is one object with a name, its kinds, and `rows`, which turns a
response body of one of its kinds into tidy rows or raises SourceError with one readable line.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from core.base.catalog import REST_OF_WORLD
from core.base.fmt import printable
from core.base.periods import OUT_OF_RANGE, year_in_range
from core.ingest.sources.reference import HsMap, normalise_hs

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
    weight_kg: Decimal | None = None  # net weight, where the kind has it


@dataclass(frozen=True)
class Kind:
    """One kind of official response: how it is asked for and what it becomes."""

    name: str
    source: str  # the tidy files' `source` column, and the start of their names
    endpoint: str = ""
    is_flash: bool = False
    has_weight: bool = False  # its rows carry a net weight (weight_kg)


COUNTRY_CODE = re.compile(r"[A-Z]{2}")


@dataclass(frozen=True)
class Destinations:
    """An item-by-destination query: exports of one HS code (or heading) by country. The countries named are
    kept apart and all the others summed as REST_OF_WORLD; with none named, every country is kept apart."""

    hs_code: str  # with its even number of digits (normalise_hs)
    countries: tuple[str, ...] = ()

    @property
    def item(self) -> str:
        """The item code of the series: `hs` and the HS code (hs8542)."""
        return f"hs{self.hs_code}"

    @classmethod
    def parse(cls, hs_code: str, countries: str = "") -> "Destinations":
        """From `--hs 8542 --countries US,CN`; ValueError saying what is wrong."""
        code = normalise_hs(hs_code.strip())
        if code is None:
            raise ValueError(f"--hs {hs_code!r} is not an HS code (expected 2 to 10 digits, such as 8542)")
        named = tuple(country.strip() for country in countries.split(",") if country.strip())
        for country in named:
            if not COUNTRY_CODE.fullmatch(country):
                raise ValueError(
                    f"--countries: {country!r} is not a country code (expected ISO 3166 codes of two capital "
                    "letters, such as US,CN)"
                )
        if len(set(named)) != len(named):
            raise ValueError("--countries: a country is named twice (expected each once)")
        return cls(code, named)

    def partner(self, country: str) -> str:
        return country if not self.countries or country in self.countries else REST_OF_WORLD


@dataclass(frozen=True)
class Context:
    """What converting a body needs besides the body: the region table (for countries), the HS map (for items)
    and the query (for item-by-destination responses)."""

    regions: Mapping[str, str] = field(default_factory=dict)
    hs_map: HsMap | None = None
    destinations: Destinations | None = None


class Source(Protocol):
    """An official format: the kinds of response it has, and how a body of each becomes tidy rows."""

    name: str
    kinds: tuple[Kind, ...]

    def rows(self, kind: Kind, body: bytes, context: Context) -> list[Row]:
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
