"""Official responses -> tidy trade rows, and the tidy files written from them.

One module per official format, each a `Source` (core.ingest.sources.protocol): the Korea Customs Service
Open API (`kcs`, XML) and Bank of Korea ECOS `StatisticSearch` (`ecos`, JSON); `reference` reads the region
table and HS mappings that conversions need, `tidy` writes the files. No network here: core.ingest.fetch
calls the services. A response that cannot be used raises SourceError with one readable line; a bad region
table or HS mapping file raises DataError (`file:line: ...`).
"""

from pathlib import Path

from core.ingest.sources.ecos import ECOS
from core.ingest.sources.kcs import FLASH_COLUMNS, KCS, kcs_items
from core.ingest.sources.protocol import (
    MAX_BODY_BYTES,
    Context,
    Destinations,
    GatewayError,
    Kind,
    Row,
    ServiceError,
    Source,
    SourceError,
    check_size,
)
from core.ingest.sources.reference import HsMap, normalise_hs, read_regions
from core.ingest.sources.tidy import file_name, save, tidy_csv
from core.ingest.validate import MAX_VALUE_TEXT, MAX_VALUE_USD

SOURCES: tuple[Source, ...] = (KCS, ECOS)
SOURCE_OF = {kind.name: source for source in SOURCES for kind in source.kinds}
KINDS = {kind.name: kind for source in SOURCES for kind in source.kinds}

__all__ = [
    "FLASH_COLUMNS",
    "KINDS",
    "MAX_BODY_BYTES",
    "SOURCES",
    "Context",
    "Destinations",
    "GatewayError",
    "HsMap",
    "Kind",
    "Row",
    "ServiceError",
    "Source",
    "SourceError",
    "convert",
    "file_name",
    "kcs_items",
    "normalise_hs",
    "read_regions",
    "read_response",
    "save",
    "tidy_csv",
]


def read_response(path: Path) -> bytes:
    """A saved response body, refused unread if it is too large to be one."""
    check_size(path.stat().st_size)
    return path.read_bytes()


def convert(kind: Kind, body: bytes, context: Context) -> list[Row]:
    """A response body of `kind` as tidy rows; a value `check` would refuse (after summing) refuses the response."""
    rows = SOURCE_OF[kind.name].rows(kind, body, context)
    for row in rows:
        if row.value_usd > MAX_VALUE_USD:
            raise SourceError(
                f"{row.period} {row.flow} {row.item} {row.partner}: {row.value_usd:,.0f} US dollars "
                f"is too large (expected at most {MAX_VALUE_TEXT})"
            )
    return rows
