"""Items by destination: an item's exports to single partners (HS 8542 to China), the world total they make with
the rest of the world, and the splits that the drilldowns and the brief show (and a partner's items).

A partner series of an item other than the total is an item x destination series, a subject of its own. Partners
are regions (the release's 9) or countries (ISO-2; a country that is a region of its own is that region, see
core.ingest.regions); `OTHER` is the rest of the world, so an item's partners with it make the whole.
"""

from typing import NamedTuple

import numpy as np

from core.base.catalog import REST_OF_WORLD, TOTAL_ITEM, WORLD, Catalog
from core.base.periods import format_period
from core.base.subjects import ENGLISH
from core.engine.model import SeriesKey
from core.engine.notables.wording import name_in_sentence
from core.engine.series import divided, growth_pct, ratio_pct, value_at
from core.engine.snapshot import Snapshot

WEIGHT = "weight_kg"  # the measure a unit value divides by


def unit_value(snapshot: Snapshot, flow: str, item: str, partner: str, month: int) -> float | None:
    """US dollars per kg in the month; None where the data has no weight (or a weight of 0)."""
    history = unit_value_history(snapshot, flow, item, partner, (month,))
    return None if history is None else history[0]


def unit_value_history(
    snapshot: Snapshot, flow: str, item: str, partner: str, months: tuple[int, ...]
) -> tuple[float | None, ...] | None:
    """US dollars per kg in each of the months; None for a series without weights."""
    weight = snapshot.measures.get((WEIGHT, flow, item, partner))
    if weight is None:
        return None
    values = divided(snapshot.series(flow, item, partner), weight)
    return tuple(value_at(values, snapshot.index(month)) for month in months)


class SplitRow(NamedTuple):
    """One series of a split: an item to one destination."""

    item: str
    partner: str
    name: str  # the destination's, in a split by destination; the item's, in a partner's items
    value_usd: float | None
    yoy_pct: float | None
    share_pct: float | None  # of the split's whole
    usd_per_kg: float | None  # unit value, where the data has the weight (weight_kg)


class Split(NamedTuple):
    """An item's exports (or imports) by destination in one month, or the items a partner has figures for."""

    title: str  # what it lists: "Integrated circuits (HS 8542), by destination" (of a part); "items to China"
    heading: str  # over its rows, on screen and in the brief and exports: "Of which Integrated circuits (HS 8542), …"
    item: str  # the item split by destination; TOTAL_ITEM for a partner's items
    partner: str  # WORLD for a split by destination; the partner whose items these are
    name: str
    part_of: str | None  # the item the split's item is a part of (catalog.csv `part_of`)
    value_usd: float | None  # the whole: the item to the world, or all exports to the partner
    yoy_pct: float | None
    usd_per_kg: float | None
    since: str | None  # the first month with figures by destination
    rows: tuple[SplitRow, ...]  # largest first, the rest of the world last


def partners_of(snapshot: Snapshot, flow: str, item: str) -> list[str]:
    return [key[2] for key in snapshot.trade if key[:2] == (flow, item) and key[2] != WORLD]


def items_of(snapshot: Snapshot, flow: str, partner: str) -> list[str]:
    """The items a partner (not the world) has series of: HS 8542 to China."""
    return [key[1] for key in snapshot.trade if key[0] == flow and key[2] == partner and key[1] != TOTAL_ITEM]


def destination_split(
    snapshot: Snapshot, flow: str, item: str, month: int, of_which: bool = False, lang: str = ENGLISH
) -> Split | None:
    """The item's exports (or imports) by destination in the month; None if the data has the item for the world
    only, or no destination in the month."""
    name = snapshot.catalog.in_language(lang).name("item", item)
    title = f"{name}, by destination" if of_which else f"{name} by destination"
    heading = f"of which {title}" if of_which else title
    keys = [(flow, item, partner) for partner in partners_of(snapshot, flow, item)]
    return _split(snapshot, (title, heading), (flow, item, WORLD), keys, month, lang)


def partner_items(snapshot: Snapshot, flow: str, partner: str, month: int, lang: str = ENGLISH) -> Split | None:
    """The items a partner has figures for in the month (exports of HS 8542 to China), as shares of all its
    exports (imports); None if it has none."""
    where = name_in_sentence(snapshot.catalog.in_language(lang), "partner", partner)  # "the United States"
    title = f"items {'to' if flow == 'export' else 'from'} {where}"
    keys = [(flow, item, partner) for item in items_of(snapshot, flow, partner)]
    return _split(snapshot, (title, title), (flow, TOTAL_ITEM, partner), keys, month, lang)


def _split(
    snapshot: Snapshot, titles: tuple[str, str], whole_key: SeriesKey, keys: list[SeriesKey], month: int, lang: str
) -> Split | None:
    """The series of `keys` in the month as parts of the series of `whole_key`; None if none has a figure then.
    `titles`: the split's title and its heading, which starts with a capital here."""
    catalog: Catalog = snapshot.catalog.in_language(lang)
    index = snapshot.index(month)
    arrays = [snapshot.series(*key) for key in keys]
    if not any(value_at(array, index) is not None for array in arrays):
        return None
    flow, item, partner = whole_key
    by_destination = partner == WORLD
    whole = snapshot.series(*whole_key)
    total = value_at(whole, index)
    rows = [
        SplitRow(
            row_item,
            row_partner,
            catalog.name("partner", row_partner) if by_destination else catalog.name("item", row_item),
            value_at(array, index),
            growth_pct(value_at(array, index), value_at(array, index - 12)),
            ratio_pct(value_at(array, index), total),
            unit_value(snapshot, flow, row_item, row_partner, month),
        )
        for (_, row_item, row_partner), array in zip(keys, arrays, strict=True)
    ]
    # Largest first; the rest of the world, a sum of many, last.
    rows.sort(key=lambda row: (row.partner == REST_OF_WORLD, row.value_usd is None, -(row.value_usd or 0)))
    known = np.flatnonzero(np.any(~np.isnan(np.vstack(arrays)), axis=0))
    entry = catalog.entries.get(("item", item)) if by_destination else None
    return Split(
        title=titles[0],
        heading=titles[1][:1].upper() + titles[1][1:],
        item=item,
        partner=partner,
        name=catalog.name("item", item) if by_destination else catalog.name("partner", partner),
        part_of=(entry.part_of or None) if entry else None,
        value_usd=total,
        yoy_pct=growth_pct(total, value_at(whole, index - 12)),
        usd_per_kg=unit_value(snapshot, flow, item, partner, month),
        since=format_period(snapshot.first_month + int(known[0])) if len(known) else None,
        rows=tuple(rows),
    )


def item_splits(snapshot: Snapshot, flow: str, item: str, month: int, lang: str = ENGLISH) -> tuple[Split, ...]:
    """What an item's drilldown shows by destination: the item's own split, then those of its parts (HS 8542 of
    semiconductors)."""
    own = destination_split(snapshot, flow, item, month, lang=lang)
    parts = [
        destination_split(snapshot, flow, part, month, of_which=True, lang=lang)
        for part in snapshot.catalog.parts("item", item)
    ]
    return tuple(split for split in (own, *parts) if split is not None)


def by_destination(snapshot: Snapshot, flow: str, month: int, lang: str = ENGLISH) -> tuple[Split, ...]:
    """Every item with destinations that has figures for the month: the brief's `by_destination`."""
    items = dict.fromkeys(
        key[1] for key in snapshot.trade if key[0] == flow and key[1] != TOTAL_ITEM and key[2] != WORLD
    )
    splits = (destination_split(snapshot, flow, item, month, lang=lang) for item in items)
    return tuple(split for split in splits if split is not None)
