"""Two-column lookup tables checked row by row (regions.csv, an HS mapping), and what the regions make of
partner codes.

A country that is a region of its own in regions.csv (CN is china, US is us) is one partner: its ISO-2 code in
a data file is read as the region's code, so that the two make one series.
"""

import re
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np

REGIONS_FILE = "regions.csv"
REGION_COLUMNS = ("iso2", "region")
ISO2_FORM = "an ISO 3166 code of two capital letters"
Complain = Callable[[int | None, str], None]


def is_region_table(columns: Iterable[str]) -> bool:
    return {"region", "iso2"} <= set(columns)


def lookup(
    columns: Sequence[str],
    records: Iterable[tuple[int, dict[str, str]]],
    error: Complain,
    key_column: str,
    value_column: str,
    normalise: Callable[[str], str | None],
    key_form: str,
) -> dict[str, str]:
    """A two-column lookup table; every bad or contradictory row is a `file:line` problem, said by `error`."""
    missing = [column for column in (key_column, value_column) if column not in columns]
    if missing:
        error(1, f"missing column {', '.join(missing)} (expected a header with {key_column},{value_column})")
        return {}
    mapping: dict[str, str] = {}
    first_line: dict[str, int] = {}
    for line, row in records:
        key, value = normalise(row[key_column]), row[value_column]
        if key is None:
            error(line, f"{key_column} {row[key_column]!r} is not valid (expected {key_form})")
        elif not value:
            error(line, f"incomplete row: {value_column} is missing (expected {key_column},{value_column})")
        elif mapping.get(key, value) != value:
            error(
                line,
                f"{key_column} {key} is {value} here but {mapping[key]} at line {first_line[key]} "
                f"(expected one {value_column} for each {key_column})",
            )
        else:
            mapping[key] = value
            first_line.setdefault(key, line)
    return mapping


def iso2(code: str) -> str | None:
    return code if re.fullmatch(r"[A-Z]{2}", code) else None


def regions_of(
    columns: Sequence[str], records: Iterable[tuple[int, dict[str, str]]], error: Complain
) -> dict[str, str]:
    """ISO-2 country code -> region, from a regions.csv table."""
    return lookup(columns, records, error, "iso2", "region", iso2, ISO2_FORM)


def country_aliases(regions: Mapping[str, str]) -> dict[str, str]:
    """The countries that are regions of their own, as {ISO-2: region}: {'CN': 'china', 'US': 'us', ...}."""
    members: dict[str, list[str]] = {}
    for country, region in regions.items():
        members.setdefault(region, []).append(country)
    return {countries[0]: region for region, countries in members.items() if len(countries) == 1}


def with_region_codes(partners: np.ndarray, regions: Mapping[str, str]) -> np.ndarray:
    """`partners` with each one that is a region of its own under the region's code (CN -> china)."""
    aliases = country_aliases(regions)
    values = partners.tolist()
    if not any(value in aliases for value in dict.fromkeys(values)):
        return partners
    return np.array([aliases.get(value, value) for value in values], dtype=object)
