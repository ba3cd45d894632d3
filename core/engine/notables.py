"""What is notable in a month's release: records, ranks, round amounts, streaks, years to date, breadth
and overtakes, found from the data alone for every subject.

"On record" means within the data: a claim looks back only over the unbroken run of data that ends
at the month (a gap cuts the run), and its text says where that run begins. A subject claims
nothing about all months until MIN_HISTORY months lie behind it, and nothing about "any January"
until MIN_SAME_MONTHS earlier Januaries do. A value equal to a record is a tie ("equal to the
highest"), never a new record, and does not extend a streak of records.

Subjects are the headline lines and, of items and of partners, the release's own (the rows of its tables)
first, then the largest others of the month, at most MAX_SUBJECTS of each: a directory may hold any number
of codes, and a subject's points grow with its share, so the smallest would rank last anyway. Overtakes
compare only the release's partners, rows of the same table (a region against a country in it is no news).

A record that is also the first above a round amount says so in one claim ("..., and the first January
above $60bn"): the round amount is no separate notable. Round amounts come from one ladder (`round_amount`).

Score, highest first: kind points (KIND_POINTS: records and firsts over ranks over streaks) +
subject points (HEADLINE_POINTS, or 10 + 60 x an item's or partner's share of exports, at most 35)
+ extent points (longer runs, more one-sided breadth), less SHORT_HISTORY_DISCOUNT for a claim over
fewer than SHORT_HISTORY_MONTHS of data and REPEAT_DISCOUNT for each claim about the same subject ranked
above it, so that a subject's most newsworthy claim leads; README "The release brief" has the table.

Numpy and the standard library only: this runs inside Snapshot.release.
"""

import heapq
import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, AbstractSet, Any, Protocol

import numpy as np

from core.base import fmt
from core.base.catalog import TOTAL_ITEM, WORLD
from core.base.periods import describe_period, format_period, month_name, same_month_positions, year_of
from core.engine.series import divided, growth_pct

if TYPE_CHECKING:
    from core.base.catalog import Catalog
    from core.engine.model import Breadth


class Snapshot(Protocol):
    """What notables read of a snapshot (core.engine.snapshot.Snapshot, which builds the notables: hence no import)."""

    catalog: "Catalog"
    first_month: int
    trade: Mapping[tuple[str, str, str], np.ndarray]
    headline: Mapping[str, np.ndarray]

    def index(self, month: int) -> int: ...

    def ytd(self, array: np.ndarray) -> np.ndarray: ...


MIN_HISTORY = 12
MIN_SAME_MONTHS = 2
MIN_STREAK = 3
MIN_HEADLINE_STREAK = 2  # "exports rose for the 2nd month in a row" is how a recovery is first reported
MIN_RECORD_STREAK = 2  # all-time records in a row
MIN_OVERTAKE_GAP = 3  # months behind before getting ahead again is news
MIN_SINCE_MONTHS = 12  # "the highest since" names a month at least this far back
SHORT_HISTORY_MONTHS = 36  # a claim over less data (fewer than 3 earlier same months) ranks lower
SHORT_HISTORY_DISCOUNT = 30
REPEAT_DISCOUNT = 5
NEAR_ROUND = 0.8  # a run above a round amount matters when the amount is within a fifth of the value
LONG_RUN = 12  # and when the run is no longer than this; a longer one only when it has just become the longest
MAX_SUBJECTS = 30  # items, and partners, looked at in a month (the shipped data has 20 items and 9 partners)
SMALLEST_ROUND_USD = 1.0  # round amounts start at $1
KIND_POINTS = {
    "record_all_time": 60,
    "record_deficit": 60,
    "ytd_above_annual": 58,
    "rank_all_time": 56,
    "share_threshold_first": 56,
    "record_for_month": 50,
    "annual_daily_avg": 50,
    "ytd_record": 45,
    "rank_for_month": 42,
    "highest_since": 42,
    "overtake": 40,
    "streak_end": 35,
    "streak": 30,
    "breadth": 25,
}
TIE_DISCOUNT = 15
ROUND_BONUS = 5  # a record that is also the first above a round amount
ANNUAL_BONUS = 10  # a year-to-date record in December is the year's record
BREADTH_BASIS = "customs"  # items summed from customs (HS) data: the ministry's own item figures differ a little
HEADLINE_POINTS = {"exports": 40, "daily_avg_exports": 35, "balance": 30, "imports": 30}
HEADLINE_LABELS = {
    "exports": "Exports",
    "imports": "Imports",
    "balance": "The trade balance",
    "daily_avg_exports": "Daily-average exports",
}
DIMENSION_ORDER = {"headline": 0, "item": 1, "partner": 2}
PARTNERS_WITH_ARTICLE = {"us", "eu", "middle_east", "cis"}  # "exports to the United States"
STREAK_WORDS = {
    "growth": "grew on a year earlier",
    "decline": "fell on a year earlier",
    "surplus": "was in surplus",
    "deficit": "was in deficit",
}
RUN_END_WORDS = {
    "growth": "fell on a year earlier",
    "decline": "returned to growth",
    "surplus": "turned to deficit",
    "deficit": "returned to surplus",
}


@dataclass(frozen=True)
class Subject:
    code: str
    dimension: str
    label: str  # begins a sentence: "Exports of semiconductors"
    values: np.ndarray
    points: float
    start: int  # index where the unbroken run of data ending at the month begins
    origin: int  # index of the first value in the data
    flow: str | None = None  # of an item or a partner; headline lines are of the month whatever the flow


@dataclass(frozen=True)
class _Month:
    first_month: int
    index: int

    def period(self, index: int) -> str:
        return format_period(self.first_month + int(index))

    def words(self, index: int) -> str:
        return describe_period(self.first_month + int(index))

    def since(self, subject: Subject, start: int | None = None) -> str:
        """'since 2016, when the data begins' (a year alone when the run begins in January)."""
        start = subject.start if start is None else start
        month = self.first_month + start
        return data_begins(month) if start == subject.origin else f"{_since_when(month)}, after a gap in the data"


def data_begins(month: int) -> str:
    """'since 2016, when the data begins', as a claim that looks back to its subject's first month says it; a list
    of claims grouped by subject (core.views.story_view) says it once for the subject instead."""
    return f"{_since_when(month)}, when the data begins"


def _since_when(month: int) -> str:
    return "since " + (str(year_of(month)) if month % 12 == 0 else describe_period(month))


def find_notables(
    snapshot: "Snapshot", month: int, breadth: "Breadth", total: str, members: Mapping[str, AbstractSet[str]]
) -> tuple[Mapping[str, Any], ...]:
    """Every notable of the month, most newsworthy first; `total` (exports or imports) owns the breadth;
    `members` are the release's item and partner codes."""
    at = _Month(snapshot.first_month, snapshot.index(month))
    exports = snapshot.headline["exports"]
    if not 0 <= at.index < len(exports) or math.isnan(exports[at.index]):
        return ()  # no release without total exports
    subjects = _subjects(snapshot, at.index, members)
    found = []
    for subject in subjects:
        found += _records(at, subject)
        found += _streaks(at, subject)
        if subject.dimension != "headline":
            found += _share_threshold(at, subject, exports)
        if subject.code == "exports" or subject.dimension == "item":
            found += _year_to_date(at, subject, snapshot.ytd(subject.values))
        if subject.code == "daily_avg_exports":
            found += _annual_daily_average(
                at, subject, snapshot.ytd(exports), snapshot.ytd(snapshot.headline["working_days"])
            )
    found += _overtakes(
        at, [subject for subject in subjects if subject.dimension == "partner" and subject.code in members["partner"]]
    )
    found += _breadth(snapshot, breadth, total)
    return _ranked(found)


def _ranked(found: list) -> tuple[Mapping[str, Any], ...]:
    """Most newsworthy first: each claim about a subject ranks REPEAT_DISCOUNT lower than the one before it
    (the breadth, about the set of items, is no claim about its flow's total)."""
    order = sorted(
        found, key=lambda n: (-n["score"], DIMENSION_ORDER[n["dimension"]], n["subject"], n["kind"], n["text"])
    )
    seen: dict[tuple, int] = {}
    ranked = []
    for notable in order:
        key = (notable["dimension"], notable["subject"], notable["kind"] == "breadth")
        before = seen[key] = seen.get(key, -1) + 1
        ranked.append(
            notable
            if not before
            else MappingProxyType({**notable, "score": round(notable["score"] - REPEAT_DISCOUNT * before, 1)})
        )
    return tuple(
        sorted(ranked, key=lambda n: (-n["score"], DIMENSION_ORDER[n["dimension"]], n["subject"], n["kind"], n["text"]))
    )


def subject_name(catalog: "Catalog", dimension: str, code: str) -> str:
    """An item or partner as it reads mid-sentence: 'semiconductors', 'the United States'."""
    if dimension == "partner":
        return ("the " if code in PARTNERS_WITH_ARTICLE else "") + catalog.name("partner", code)
    return _lower_first(catalog.name(dimension, code))


def _subjects(snapshot: "Snapshot", index: int, members: Mapping[str, AbstractSet[str]]) -> list[Subject]:
    exports_now = float(snapshot.headline["exports"][index])
    candidates = [
        (code, "headline", HEADLINE_LABELS[code], snapshot.headline[code], HEADLINE_POINTS[code], None)
        for code in HEADLINE_LABELS
        if not math.isnan(snapshot.headline[code][index])
    ]
    ranked: dict[str, list] = {"item": [], "partner": []}
    for (flow, item, partner), values in snapshot.trade.items():
        if flow != "export" or (item == TOTAL_ITEM) == (partner == WORLD) or math.isnan(values[index]):
            continue
        dimension, code = ("item", item) if partner == WORLD else ("partner", partner)
        ranked[dimension].append((code not in members[dimension], -values[index], code, values))
    for dimension, found in ranked.items():
        # The release's own first, then the largest; linear in the codes, however many there are.
        for _, _, code, values in heapq.nsmallest(MAX_SUBJECTS, found, key=lambda entry: entry[:3]):
            # A month of no exports gives no share: the subject gets the points of a share of 0.
            share_points = min(35.0, 10.0 + 60.0 * float(values[index]) / exports_now) if exports_now > 0 else 10.0
            label = f"Exports {'of' if dimension == 'item' else 'to'} {subject_name(snapshot.catalog, dimension, code)}"
            candidates.append((code, dimension, label, values, share_points, "export"))
    return [
        Subject(
            code,
            dimension,
            label,
            values,
            round(float(points), 1),
            _run_start(values, index),
            int(np.flatnonzero(~np.isnan(values))[0]),
            flow,
        )
        for code, dimension, label, values, points, flow in candidates
    ]


def _run_start(values: np.ndarray, index: int) -> int:
    """Where the unbroken run of data ending at `index` begins."""
    gaps = np.flatnonzero(np.isnan(values[:index]))
    return int(gaps[-1]) + 1 if len(gaps) else 0


def _notable(
    subject: Subject, kind: str, text: str, bonus: float = 0.0, history: int | None = None, **fields
) -> Mapping[str, Any]:
    """`history`: the months of data a claim about the past rests on (None for a run, which says its own length)."""
    short = history is not None and history < SHORT_HISTORY_MONTHS
    score = round(KIND_POINTS[kind] + subject.points + bonus - (SHORT_HISTORY_DISCOUNT if short else 0), 1)
    return MappingProxyType(
        {
            "kind": kind,
            "subject": subject.code,
            "dimension": subject.dimension,
            "flow": subject.flow,
            "text": text,
            "score": score,
            "history_months": history,
            **fields,
        }
    )


def _records(at: _Month, subject: Subject) -> list:
    i, values = at.index, subject.values
    value = float(values[i])
    if subject.code == "balance" and value < 0:
        return _deficits(at, subject)
    if not _can_be_record(subject, value):
        return []
    history = values[subject.start : i]
    amount, change, basis = _amount(subject, value), _yoy(at, subject), i - subject.start
    found, new_record, above = [], False, ()
    if len(history) >= MIN_HISTORY:
        higher, equal = np.flatnonzero(history > value), np.flatnonzero(history == value)
        equal_to = tuple(at.period(subject.start + j) for j in equal)
        tie = f" (equal to {joined([at.words(subject.start + j) for j in equal])})" if len(equal) else ""
        if not len(higher):
            new_record = not len(equal)
            claim = "the highest" if new_record else "equal to the highest"
            threshold = round_amount(float(history.max()), value) if new_record else None
            found.append(
                _notable(
                    subject,
                    "record_all_time",
                    f"{subject.label} reached {amount}, {claim} in any month {at.since(subject)}"
                    f"{_first_above('month', threshold)}{tie}{change}.",
                    (0 if new_record else -TIE_DISCOUNT) + (ROUND_BONUS if threshold else 0),
                    basis,
                    value_usd=value,
                    since=at.period(subject.start),
                    equal_to=equal_to,
                    threshold_usd=threshold,
                )
            )
        elif len(higher) < 3:
            above = tuple(subject.start + j for j in sorted(higher, key=lambda j: -history[j]))
            found.append(_rank(at, subject, "rank_all_time", "in any month", above, equal_to, tie, basis))
        else:
            found += _highest_since(at, subject, history)
    same_months = _same_months(values, subject.start, i)
    if new_record or len(same_months) < MIN_SAME_MONTHS:
        return found
    month = month_name(at.first_month + i)
    equal = [i - 12 * (len(same_months) - j) for j in np.flatnonzero(same_months == value)]
    tie = f" (equal to {joined([at.words(j) for j in equal])})" if equal else ""
    higher = [
        i - 12 * (len(same_months) - j) for j in np.argsort(-same_months, kind="stable")[:3] if same_months[j] > value
    ]
    if not higher:
        threshold = None if equal else round_amount(float(same_months.max()), value)
        claim = "equal to the highest" if equal else "the highest"
        found.append(
            _notable(
                subject,
                "record_for_month",
                f"{subject.label} reached {amount}, {claim} for any {month} {at.since(subject)}"
                f"{_first_above(month, threshold)}{tie}{change}.",
                (-TIE_DISCOUNT if equal else 0) + (ROUND_BONUS if threshold else 0),
                basis,
                value_usd=value,
                since=at.period(subject.start),
                equal_to=tuple(at.period(j) for j in equal),
                threshold_usd=threshold,
            )
        )
    elif len(higher) < 3 and len(higher) != len(above) and i - 12 not in higher:
        # Not when the months above are those of the rank in any month, nor below a year earlier: a decline.
        found.append(
            _rank(
                at,
                subject,
                "rank_for_month",
                f"for any {month}",
                tuple(higher),
                tuple(at.period(j) for j in equal),
                tie,
                basis,
            )
        )
    return found


def _rank(
    at: _Month, subject: Subject, kind: str, where: str, above: tuple, equal_to: tuple, tie: str, basis: int
) -> Mapping[str, Any]:
    """The 2nd- or 3rd-highest value, after the months `above` (highest first)."""
    rank = len(above) + 1
    return _notable(
        subject,
        kind,
        f"{subject.label} reached {_amount(subject, float(subject.values[at.index]))}, the "
        f"{_ordinal(rank)}-highest {where} {at.since(subject)}, after "
        f"{joined([at.words(j) for j in above])}{tie}{_yoy(at, subject)}.",
        -5 * (rank - 2),
        basis,
        rank=rank,
        above=tuple(at.period(j) for j in above),
        equal_to=equal_to,
    )


def _first_above(period: str, threshold: float | None) -> str:
    return f", and the first {period} above {fmt.round_usd(threshold)}" if threshold else ""


def _highest_since(at: _Month, subject: Subject, history: np.ndarray) -> list:
    """The highest (for a decline: the lowest) since a month at least MIN_SINCE_MONTHS back, where it is no record:
    the last month that was at least as high (as low) is named. The balance's are its largest surplus or deficit."""
    i, value = at.index, float(subject.values[at.index])
    before = i - 12
    falling = subject.code != "balance" and before >= subject.start and bool(value < subject.values[before])
    lowest = falling or value < 0  # the balance reaches here below zero only if its deficit is no record
    reached = np.flatnonzero(history <= value if lowest else history >= value)
    if not len(reached) or i - (subject.start + int(reached[-1])) < MIN_SINCE_MONTHS:
        return []
    since = subject.start + int(reached[-1])
    if subject.code == "balance":
        verb, claim = ("was", "the largest deficit") if lowest else ("reached", "the largest surplus")
    else:
        verb, claim = ("fell to", "the lowest") if lowest else ("reached", "the highest")
    return [
        _notable(
            subject,
            "highest_since",
            f"{subject.label} {verb} {_amount(subject, value)}, {claim} in {i - since} months, since "
            f"{at.words(since)}{_yoy(at, subject)}.",
            min(i - since, 60) / 5,
            value_usd=value,
            since=at.period(since),
            months=i - since,
            lowest=lowest,
        )
    ]


def _deficits(at: _Month, subject: Subject) -> list:
    """A deficit larger than any before in the run (the first past a round amount says so), else the largest since."""
    i, value = at.index, float(subject.values[at.index])
    history = subject.values[subject.start : i]
    if len(history) < MIN_HISTORY or value >= history.min():
        return _highest_since(at, subject, history)
    largest = max(0.0, -float(history.min()))
    threshold = round_amount(largest, -value)
    claim = "the largest deficit" if largest else "the first deficit"
    return [
        _notable(
            subject,
            "record_deficit",
            f"{subject.label} was {_amount(subject, value)}, {claim} in any month {at.since(subject)}"
            + (f", and the first deficit over {fmt.round_usd(threshold)}" if threshold else "")
            + ".",
            ROUND_BONUS if threshold else 0,
            i - subject.start,
            value_usd=value,
            since=at.period(subject.start),
            threshold_usd=threshold,
        )
    ]


def _streaks(at: _Month, subject: Subject) -> list:
    """Runs of growth or decline (surplus or deficit for the balance), of records and above a round amount."""
    i, values = at.index, subject.values
    if subject.code == "balance":
        first, kinds = subject.start, ("surplus", "deficit")
        signs = np.sign(values[first : i + 1])
    else:
        first, kinds = subject.start + 12, ("growth", "decline")
        signs = np.sign(values[first : i + 1] - values[first - 12 : i - 11]) if first <= i else np.array([])
    found = []
    if len(signs) and signs[-1]:
        run = _trailing(signs == signs[-1])
        of = kinds[0] if signs[-1] > 0 else kinds[1]
        if run >= (MIN_HEADLINE_STREAK if subject.dimension == "headline" else MIN_STREAK):
            found.append(_streak(at, subject, of, run, i - run + 1 == first, f"{subject.label} {STREAK_WORDS[of]}"))
        elif run == 1 and len(signs) > 1 and signs[-2] == -signs[-1]:
            ended, months = kinds[int(signs[-2] < 0)], _trailing(signs[:-1] == signs[-2])
            if months >= MIN_STREAK:
                at_least = "at least " if i - months == first else ""
                found.append(
                    _notable(
                        subject,
                        "streak_end",
                        f"{subject.label} {RUN_END_WORDS[ended]} after {at_least}{months} months of "
                        f"{ended} (since {at.words(i - months)}).",
                        min(months, 24) / 2,
                        of=ended,
                        months=months,
                    )
                )
    records = 0
    while (
        i - records >= subject.start
        and _can_be_record(subject, values[i - records])
        and _is_month_record(values, subject.start, i - records)
    ):
        records += 1
    if records >= MIN_STREAK:
        found.append(
            _streak(
                at,
                subject,
                "record_for_month",
                records,
                False,
                f"{subject.label} set a record for the calendar month",
                bonus=10,
                history=i - records + 1 - subject.start,
            )
        )
    highs = _trailing(_all_time_highs(subject, i))
    if highs >= MIN_RECORD_STREAK:
        found.append(
            _streak(
                at,
                subject,
                "record_all_time",
                highs,
                False,
                f"{subject.label} set a record high",
                bonus=25,
                history=i - highs + 1 - subject.start,
            )
        )
    found += _above_threshold(at, subject)
    return found


def _all_time_highs(subject: Subject, index: int) -> np.ndarray:
    """Whether each month of the run up to `index`, after its first MIN_HISTORY, was above every month before it."""
    run = subject.values[subject.start : index + 1]
    highs = run[1:] > np.maximum.accumulate(run)[:-1]
    highs[: MIN_HISTORY - 1] = False
    if subject.code == "balance":
        highs &= run[1:] > 0
    return highs


def _above_threshold(at: _Month, subject: Subject) -> list:
    """A run above a round amount of at least half the value, MIN_STREAK months or more, longer than any earlier run
    above it: when the amount matters (the roundest within NEAR_ROUND of the value) and the run is at most LONG_RUN
    months, or when the run has just become the longest on record (a month longer than the longest before it)."""
    i, values = at.index, subject.values
    value = float(values[i])
    if not SMALLEST_ROUND_USD <= value < math.inf or i - subject.start < MIN_HISTORY or subject.code == "balance":
        return []  # the balance's run is its surplus
    near = round_amount(value * NEAR_ROUND, value)
    major = _ladder(value)[1]
    candidates = {major * k for k in range(math.ceil(value / 2 / major), math.ceil(value / major))}
    run_values = values[subject.start : i + 1]
    floor = float(run_values[-MIN_STREAK:].min())  # an amount at or above it has no run of MIN_STREAK months
    for threshold in sorted(candidates | ({near} if near else set()), reverse=True):
        if not value / 2 <= threshold < floor:
            continue
        above = run_values > threshold
        run = _trailing(above)
        if run == len(above):
            continue
        earlier = _longest_run(above[:-run])
        longest = earlier >= MIN_STREAK and run == earlier + 1
        if longest or (threshold == near and earlier < run <= LONG_RUN):
            note = f", the longest such run {at.since(subject)}" if longest else ""
            return [
                _streak(
                    at,
                    subject,
                    "above_threshold",
                    run,
                    False,
                    f"{subject.label} stayed above {fmt.round_usd(threshold)}",
                    -min(run, 24) / 2 - 5 if longest else 0,  # a long run's length is no news in itself
                    note,
                    i - subject.start if longest else None,
                    threshold_usd=threshold,
                    longest=longest,
                )
            ]
    return []


def _streak(
    at: _Month,
    subject: Subject,
    of: str,
    months: int,
    from_data_start: bool,
    opening: str,
    bonus: float = 0.0,
    note: str = "",
    history: int | None = None,
    **fields,
) -> Mapping[str, Any]:
    """A run that reaches back to where the data begins may be longer than the data shows: 'at least'."""
    begun = at.words(at.index - months + 1)
    if from_data_start:
        text = f"{opening} for at least {months} months in a row (since {begun}, when comparable data begins){note}."
    else:
        text = f"{opening} for the {_ordinal(months)} month in a row (since {begun}){note}."
    return _notable(
        subject,
        "streak",
        text,
        bonus + min(months, 24) / 2,
        history,
        of=of,
        months=months,
        since=at.period(at.index - months + 1),
        **fields,
    )


def _share_threshold(at: _Month, subject: Subject, exports: np.ndarray) -> list:
    """The subject's share of exports above a multiple of 10% for the first time."""
    i = at.index
    start = max(subject.start, _run_start(exports, i))
    shares = divided(subject.values[start : i + 1], exports[start : i + 1], 100.0)
    share, before = float(shares[-1]), shares[:-1][~np.isnan(shares[:-1])]  # none in months of no exports
    if math.isnan(share) or len(before) < MIN_HISTORY:
        return []
    threshold = math.ceil(share / 10.0 - 1.0) * 10
    if threshold < 10 or before.max() > threshold:
        return []
    return [
        _notable(
            subject,
            "share_threshold_first",
            f"{subject.label} made up {fmt.share(share)} of all exports, above {threshold}% for the first "
            f"time {at.since(subject, start)}.",
            history=i - start,
            share_pct=share,
            threshold_pct=threshold,
        )
    ]


def _year_to_date(at: _Month, subject: Subject, ytd: np.ndarray) -> list:
    """The year to date above the whole of the best earlier year (the month it gets there), else the highest for
    those months of any year (December's: the annual total); past a round amount for the first time in any year,
    or earlier in the year than ever, says so."""
    i = at.index
    month = at.first_month + i
    if month % 12 == 0 or not ytd[i] >= SMALLEST_ROUND_USD:  # January's is the month; NaN: a month is missing
        return []
    total, so_far = float(ytd[i]), float(ytd[i - 1])
    same_months = _same_months(ytd, subject.start, i)
    same_months = same_months[~np.isnan(same_months)]
    if len(same_months) < MIN_SAME_MONTHS or total <= same_months.max():
        return []
    year, december, since = year_of(month), month % 12 == 11, at.since(subject)
    last_december = i - month % 12 - 1
    decembers = np.array(
        same_month_positions(subject.start, last_december) if last_december >= subject.start else [], dtype=int
    )
    decembers = decembers[~np.isnan(ytd[decembers])]  # whole years only
    best = int(decembers[np.argmax(ytd[decembers])]) if len(decembers) else None
    best_usd = -math.inf if best is None else float(ytd[best])
    first = round_amount(max(so_far, best_usd, float(same_months.max())), total)
    earliest = None if first else round_amount(max(so_far, float(same_months.max())), total)
    fields = {"year": year, "value_usd": total, "threshold_usd": first or earliest}
    if not december and len(decembers) >= MIN_SAME_MONTHS and so_far <= best_usd < total:
        best_year = year_of(at.first_month + best)
        return [
            _notable(
                subject,
                "ytd_above_annual",
                f"{subject.label} for January–{month_name(month)} {year}, at {fmt.usd(total)}, were already "
                f"above the whole of {best_year} ({fmt.usd(best_usd)}), the best year {since}"
                + (f", and past {fmt.round_usd(first)} for the first time" if first else "")
                + ".",
                ROUND_BONUS if first else 0,
                i - subject.start,
                best_year=best_year,
                best_usd=best_usd,
                **fields,
            )
        ]
    if december:
        text = (
            f"Annual {_lower_first(subject.label)} in {year} reached {fmt.usd(total)}, the highest of any year {since}"
        )
        text += f", and the first year above {fmt.round_usd(first)}" if first else ""
    else:
        text = (
            f"{subject.label} for January–{month_name(month)} {year} reached {fmt.usd(total)}, the highest for those "
            f"months of any year {since}"
        )
        text += f", and past {fmt.round_usd(first)} for the first time in any year" if first else ""
    text += f", and past {fmt.round_usd(earliest)} earlier in the year than ever" if earliest else ""
    return [
        _notable(
            subject,
            "ytd_record",
            text + _yoy(at, subject, ytd) + ".",
            (ANNUAL_BONUS if december else 0) + (ROUND_BONUS if first or earliest else 0),
            i - subject.start,
            **fields,
        )
    ]


def _annual_daily_average(at: _Month, subject: Subject, exports_ytd: np.ndarray, days_ytd: np.ndarray) -> list:
    """In December: the year's exports per working day, the highest of any year (every month of each year known)."""
    i = at.index
    if (at.first_month + i) % 12 != 11:
        return []
    decembers = np.array(same_month_positions(subject.start, i))
    averages = divided(exports_ytd[decembers], days_ytd[decembers])  # NaN for a year with a month unknown
    known = ~np.isnan(averages[:-1])
    now, earlier = float(averages[-1]), averages[:-1][known]
    if math.isnan(now) or len(earlier) < MIN_SAME_MONTHS or now <= earlier.max():
        return []
    year = year_of(at.first_month + i)
    best = int(np.argmax(earlier))
    best_year = year_of(at.first_month + int(decembers[:-1][known][best]))
    return [
        _notable(
            subject,
            "annual_daily_avg",
            f"Daily-average exports for {year} as a whole were {fmt.usd(now)}, the highest of any year "
            f"{at.since(subject)} (the best before: {fmt.usd(float(earlier[best]))} in {best_year}).",
            history=i - subject.start,
            year=year,
            value_usd=now,
            best_year=best_year,
            best_usd=float(earlier[best]),
        )
    ]


def _overtakes(at: _Month, partners: list[Subject]) -> list:
    """A partner above another this month, never above it before in the data or not for MIN_OVERTAKE_GAP months."""
    i, found = at.index, []
    for ahead in partners:
        for other in partners:
            start = max(ahead.start, other.start)
            if (
                other is ahead
                or i - 1 < start
                or not (ahead.values[i] > other.values[i])
                or ahead.values[i - 1] > other.values[i - 1]
            ):
                continue
            led = np.flatnonzero(ahead.values[start:i] > other.values[start:i])
            if len(led):
                months = i - (start + int(led[-1]))
                if months - 1 < MIN_OVERTAKE_GAP:
                    continue
                since, when, extent = at.period(start + led[-1] + 1), f"in {months} months", min(months, 24) / 2
                history = None  # it names its months
            elif i - start >= MIN_HISTORY:
                since, when, extent = at.period(start), at.since(ahead if ahead.start == start else other), 12
                months, history = None, i - start
            else:
                continue
            found.append(
                _notable(
                    ahead,
                    "overtake",
                    f"{ahead.label} ({fmt.usd(float(ahead.values[i]))}) were above "
                    f"{_lower_first(other.label)} ({fmt.usd(float(other.values[i]))}) for the first "
                    f"time {when}.",
                    max(0.0, other.points - ahead.points) + extent,
                    history,
                    other=other.code,
                    since=since,
                    months=months,
                )
            )
    return found


def _breadth(snapshot: "Snapshot", breadth: "Breadth", total: str) -> list:
    """How many of the set's items rose; `total` is the release's flow total, exports or imports."""
    if not breadth.total:
        return []
    subject = Subject(total, "headline", HEADLINE_LABELS[total], snapshot.headline[total], HEADLINE_POINTS[total], 0, 0)
    fell = [_lower_first(snapshot.catalog.name("item", code)) for code in breadth.fell]
    text = (
        f"{subject.label} of {breadth.up} of {breadth.total} items rose on a year earlier ({BREADTH_BASIS} basis)"
        + (f"; {joined(fell)} fell." if fell else ".")
    )
    lopsided = abs(breadth.up / breadth.total - 0.5) * 20
    return [
        _notable(
            subject,
            "breadth",
            text,
            lopsided,
            up=breadth.up,
            total=breadth.total,
            set=breadth.set,
            basis=BREADTH_BASIS,
            rose=breadth.rose,
            fell=breadth.fell,
        )
    ]


def _same_months(values: np.ndarray, start: int, index: int) -> np.ndarray:
    """Values of the same calendar month before `index`, within the run that begins at `start`."""
    return values[same_month_positions(start, index)[:-1]]


def _can_be_record(subject: Subject, value: float) -> bool:
    """The balance's records are surpluses: the smallest deficit is no record."""
    return subject.code != "balance" or value > 0


def _is_month_record(values: np.ndarray, start: int, index: int) -> bool:
    same_months = _same_months(values, start, index)
    return len(same_months) >= MIN_SAME_MONTHS and values[index] > same_months.max()


def _trailing(mask: np.ndarray) -> int:
    """How many of the last entries are True in a row."""
    breaks = np.flatnonzero(~mask)
    return len(mask) - (int(breaks[-1]) + 1 if len(breaks) else 0)


def _longest_run(mask: np.ndarray) -> int:
    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.astype(np.int8), [0]))))
    return int((edges[1::2] - edges[::2]).max()) if len(edges) else 0


def round_amount(low: float, high: float) -> float | None:
    """The round amount people would quote that `high` is above and `low` is not (low <= amount < high), from the
    ladder suited to `high` (`_ladder`): the highest of its major rungs in range, else of its minor rungs, else None.
    $49.2bn to $65.8bn -> $60bn; $9.4bn to $12.7bn -> $10bn; $2.98bn to $3.56bn -> $3bn; $10.9bn to $11.3bn -> $11bn."""
    if not (high >= SMALLEST_ROUND_USD and math.isfinite(high)) or not low < high:
        return None
    step, major = _ladder(high)
    for unit in (major, step):
        amount = (math.ceil(high / unit) - 1) * unit
        if amount >= high:  # float rounding of the division
            amount -= unit
        if amount >= low and amount >= SMALLEST_ROUND_USD:
            return amount
    return None


def _ladder(value: float) -> tuple[float, float]:
    """The minor and major rungs for a value's size: $1bn and $5bn from $10bn to $20bn, $5bn and $10bn from $20bn
    to $100bn, $0.5bn and $1bn from $2bn to $10bn (daily averages), and so on for every power of ten; none below $1."""
    decade = 10.0 ** math.floor(math.log10(value))
    step, major = (decade / 10, decade / 2) if value < 2 * decade else (decade / 2, decade)
    return max(step, SMALLEST_ROUND_USD), max(major, SMALLEST_ROUND_USD)


def _amount(subject: Subject, value: float) -> str:
    return fmt.usd(value, signed=subject.code == "balance")


def _yoy(at: _Month, subject: Subject, values: np.ndarray | None = None) -> str:
    """The change on a year earlier of the subject's values, or of `values` (its years to date)."""
    values = subject.values if values is None else values
    before = at.index - 12
    if subject.code == "balance" or before < subject.start:
        return ""
    growth = growth_pct(float(values[at.index]), float(values[before]))
    return "" if growth is None else f" ({fmt.pct(growth)} on a year earlier)"


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def breadth_line(catalog: "Catalog", breadth: "Breadth") -> str:
    """'11 of 15 items rose (customs basis); fell: Steel, Ships.', the same in the brief and on the dashboard."""
    fell = ", ".join(catalog.name("item", code) for code in breadth.fell)
    return f"{breadth.up} of {breadth.total} items rose ({BREADTH_BASIS} basis)" + (f"; fell: {fell}." if fell else ".")


def joined(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
