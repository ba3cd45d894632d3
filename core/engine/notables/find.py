"""Every notable of a month: the subjects looked at, each family of detectors run on them, and the ranking."""

import heapq
import math
from collections.abc import Mapping, Set
from typing import Protocol

import numpy as np

from core.base.catalog import REST_OF_WORLD, TOTAL_ITEM, WORLD, Catalog
from core.base.subjects import HEADLINE, HEADLINE_LINES, is_signed
from core.engine.model import Breadth, Notable
from core.engine.notables import wording
from core.engine.notables.breadth import breadth as breadth_notables
from core.engine.notables.claims import REPEAT_DISCOUNT, At, Candidate, Values
from core.engine.notables.overtakes import overtakes
from core.engine.notables.records import records
from core.engine.notables.streaks import streaks
from core.engine.notables.thresholds import round_runs, share_threshold
from core.engine.notables.year_to_date import annual_daily_average, year_to_date
from core.engine.series import run_start

MAX_SUBJECTS = 30  # items, partners and items to one destination looked at in a month (the shipped data: 20
# items, 9 partners, HS 8542 to 9 destinations)
DIMENSION_ORDER = {HEADLINE: 0, "item": 1, "partner": 2}


class Snapshot(Protocol):
    """What notables read of a snapshot (core.engine.snapshot.Snapshot, which builds the notables: hence no import)."""

    @property
    def first_month(self) -> int: ...

    @property
    def trade(self) -> Mapping[tuple[str, str, str], Values]: ...

    @property
    def headline(self) -> Mapping[str, Values]: ...

    def index(self, month: int) -> int: ...

    def ytd(self, array: Values) -> Values: ...


def find_notables(
    snapshot: Snapshot, month: int, breadth: Breadth, total: str, members: Mapping[str, Set[str]], catalog: Catalog
) -> tuple[Notable, ...]:
    """Every notable of the month, most newsworthy first; `total` (exports or imports) owns the breadth;
    `members` are the release's item and partner codes; items and partners are named as `catalog` names them
    (in its language)."""
    at = At(snapshot.first_month, snapshot.index(month))
    exports = snapshot.headline["exports"]
    if not 0 <= at.index < len(exports) or math.isnan(exports[at.index]):
        return ()  # no release without total exports
    candidates = _candidates(snapshot, at.index, members, catalog)
    found: list[Notable] = []
    for candidate in candidates:
        found += records(at, candidate)
        found += streaks(at, candidate)
        found += round_runs(at, candidate)
        if candidate.dimension != HEADLINE:
            found += share_threshold(at, candidate, exports)
        if candidate.code == "exports" or candidate.dimension == "item":
            found += year_to_date(at, candidate, snapshot.ytd(candidate.values))
        if candidate.code == "daily_avg_exports":
            found += annual_daily_average(
                at, candidate, snapshot.ytd(exports), snapshot.ytd(snapshot.headline["working_days"])
            )
    partners = [c for c in candidates if c.dimension == "partner" and c.code in members["partner"]]
    found += overtakes(at, partners)
    found += breadth_notables(catalog, breadth, total, snapshot.headline[total])
    # An item that is a part of another (HS 8542 of semiconductors, catalog.csv part_of) is a secondary subject.
    parts = frozenset(
        code for (dimension, code), entry in catalog.entries.items() if dimension == "item" and entry.part_of
    )
    return _ranked(found, parts)


def _ranked(found: list[Notable], parts: Set[str] = frozenset()) -> tuple[Notable, ...]:
    """Most newsworthy first: each claim about a subject ranks REPEAT_DISCOUNT lower than the one before it
    (the breadth, about the set of items, is no claim about its flow's total); the claims about `parts` (items
    that are parts of others) and about items to one destination after all the others, the release's own news
    first; of an item to one destination, a secondary series, only its most newsworthy claim."""

    def _order(notable: Notable) -> tuple[bool, float, int, str, str, str, str]:
        secondary = notable.partner is not None or (notable.dimension == "item" and notable.subject in parts)
        order = DIMENSION_ORDER[notable.dimension]
        return (secondary, -notable.score, order, notable.subject, notable.partner or "", notable.kind, notable.text)

    seen: dict[tuple[str, str, str | None, bool], int] = {}
    ranked = []
    for notable in sorted(found, key=_order):
        key = (notable.dimension, notable.subject, notable.partner, notable.kind == "breadth")
        before = seen[key] = seen.get(key, -1) + 1
        if before and notable.partner is not None:
            continue
        ranked.append(
            notable if not before else notable._replace(score=round(notable.score - REPEAT_DISCOUNT * before, 1))
        )
    return tuple(sorted(ranked, key=_order))


def _candidates(snapshot: Snapshot, index: int, members: Mapping[str, Set[str]], catalog: Catalog) -> list[Candidate]:
    """The headline lines that have points, then of items and of partners the release's own, then the largest;
    then the largest items to one destination (not to the rest of the world, a sum of many)."""
    exports_now = float(snapshot.headline["exports"][index])
    chosen: list[tuple[str, str, str, Values, float, str | None, str | None]] = [
        (line.code, HEADLINE, line.label, snapshot.headline[line.code], line.points, None, None)
        for line in HEADLINE_LINES.values()
        if line.points is not None and not math.isnan(snapshot.headline[line.code][index])
    ]
    ranked: dict[str, list[tuple[bool, float, str, str, Values]]] = {"item": [], "partner": [], "destination": []}
    for (flow, item, partner), values in snapshot.trade.items():
        if flow != "export" or partner == REST_OF_WORLD or math.isnan(values[index]):
            continue
        if item != TOTAL_ITEM and partner != WORLD:
            ranked["destination"].append((False, -values[index], item, partner, values))
        elif item != TOTAL_ITEM or partner != WORLD:
            dimension, code = ("item", item) if partner == WORLD else ("partner", partner)
            ranked[dimension].append((code not in members[dimension], -values[index], code, WORLD, values))
    for group, found in ranked.items():
        dimension = "partner" if group == "partner" else "item"
        # The release's own first, then the largest; linear in the codes, however many there are.
        for _, _, code, partner, values in heapq.nsmallest(MAX_SUBJECTS, found, key=lambda entry: entry[:4]):
            # A month of no exports gives no share: the subject gets the points of a share of 0.
            share_points = min(35.0, 10.0 + 60.0 * float(values[index]) / exports_now) if exports_now > 0 else 10.0
            to = None if partner == WORLD else partner
            label = wording.exports_label(catalog, dimension, code, to)
            chosen.append((code, dimension, label, values, share_points, "export", to))
    return [
        Candidate(
            code,
            dimension,
            label,
            values,
            round(float(points), 1),
            run_start(values, index),
            int(np.flatnonzero(~np.isnan(values))[0]),
            flow,
            is_signed(dimension, code),
            partner,
        )
        for code, dimension, label, values, points, flow, partner in chosen
    ]
