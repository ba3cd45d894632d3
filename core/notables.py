"""What is notable in a month's release: records, ranks, thresholds, streaks, milestones, breadth and
overtakes, found from the data alone for every subject.

"On record" means within the data: a claim looks back only over the unbroken run of data that ends
at the month (a gap cuts the run), and its text says where that run begins. A subject claims
nothing about all months until MIN_HISTORY months lie behind it, and nothing about "any January"
until MIN_SAME_MONTHS earlier Januaries do. A value equal to a record is a tie ("equal to the
highest"), never a new record, and does not extend a streak of records.

Subjects are the headline lines and, of items and of partners, the release's own (the rows of its tables)
first, then the largest others of the month, at most MAX_SUBJECTS of each: a directory may hold any number
of codes, and a subject's points grow with its share, so the smallest would rank last anyway. Overtakes
compare only the release's partners, rows of the same table (a region against a country in it is no news).

Score, highest first: kind points (KIND_POINTS: records and firsts over ranks over streaks) +
subject points (HEADLINE_POINTS, or 10 + 60 x an item's or partner's share of exports, at most 35)
+ extent points (longer runs, more one-sided breadth); README "The release brief" has the table.

Numpy and the standard library only: this runs inside Snapshot.release.
"""

import heapq
import math
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, AbstractSet, Any, Mapping

import numpy as np

from . import fmt
from .catalog import TOTAL_ITEM, WORLD
from .periods import describe_period, format_period, month_name, same_month_positions, year_of
from .ratios import divided, growth_pct

if TYPE_CHECKING:
    from .catalog import Catalog
    from .indicators import Snapshot
    from .model import Breadth

MIN_HISTORY = 12
MIN_SAME_MONTHS = 2
MIN_STREAK = 3
MIN_OVERTAKE_GAP = 12  # months behind before getting ahead again is news
MAX_SUBJECTS = 30  # items, and partners, looked at in a month (the shipped data has 20 items and 9 partners)
SMALLEST_ROUND_USD = 1.0  # round amounts start at $1
KIND_POINTS = {
    "record_all_time": 60, "threshold_first": 55, "milestone": 55, "share_threshold_first": 50,
    "record_for_month": 50, "rank_all_time": 52, "overtake": 40, "streak_end": 35, "streak": 30, "breadth": 25,
}
TIE_DISCOUNT = 15
HEADLINE_POINTS = {"exports": 40, "daily_avg_exports": 35, "balance": 30, "imports": 30}
HEADLINE_LABELS = {"exports": "Exports", "imports": "Imports", "balance": "The trade balance",
                   "daily_avg_exports": "Daily-average exports"}
DIMENSION_ORDER = {"headline": 0, "item": 1, "partner": 2}
PARTNERS_WITH_ARTICLE = {"us", "eu", "middle_east", "cis"}  # "exports to the United States"
STREAK_WORDS = {"growth": "grew on a year earlier", "decline": "fell on a year earlier",
                "surplus": "was in surplus", "deficit": "was in deficit"}
RUN_END_WORDS = {"growth": "fell on a year earlier", "decline": "returned to growth",
                 "surplus": "turned to deficit", "deficit": "returned to surplus"}


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
        when = str(year_of(month)) if month % 12 == 0 else describe_period(month)
        return f"since {when}, " + ("when the data begins" if start == subject.origin else "after a gap in the data")


def find_notables(snapshot: "Snapshot", month: int, breadth: "Breadth", total: str,
                  members: Mapping[str, AbstractSet[str]]) -> tuple[Mapping[str, Any], ...]:
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
        found += _thresholds(at, subject)
        found += _streaks(at, subject)
        if subject.dimension != "headline":
            found += _share_threshold(at, subject, exports)
        if subject.code == "exports" or subject.dimension == "item":
            found += _milestone(at, subject, snapshot.ytd(subject.values))
    found += _overtakes(at, [subject for subject in subjects
                             if subject.dimension == "partner" and subject.code in members["partner"]])
    found += _breadth(snapshot, breadth, total)
    return tuple(sorted(found, key=lambda n: (-n["score"], DIMENSION_ORDER[n["dimension"]], n["subject"], n["kind"],
                                              n["text"])))


def subject_name(catalog: "Catalog", dimension: str, code: str) -> str:
    """An item or partner as it reads mid-sentence: 'semiconductors', 'the United States'."""
    if dimension == "partner":
        return ("the " if code in PARTNERS_WITH_ARTICLE else "") + catalog.name("partner", code)
    return _lower_first(catalog.name(dimension, code))


def _subjects(snapshot: "Snapshot", index: int, members: Mapping[str, AbstractSet[str]]) -> list[Subject]:
    exports_now = float(snapshot.headline["exports"][index])
    candidates = [(code, "headline", HEADLINE_LABELS[code], snapshot.headline[code], HEADLINE_POINTS[code], None)
                  for code in HEADLINE_LABELS if not math.isnan(snapshot.headline[code][index])]
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
    return [Subject(code, dimension, label, values, round(float(points), 1), _run_start(values, index),
                    int(np.flatnonzero(~np.isnan(values))[0]), flow)
            for code, dimension, label, values, points, flow in candidates]


def _run_start(values: np.ndarray, index: int) -> int:
    """Where the unbroken run of data ending at `index` begins."""
    gaps = np.flatnonzero(np.isnan(values[:index]))
    return int(gaps[-1]) + 1 if len(gaps) else 0


def _notable(subject: Subject, kind: str, text: str, bonus: float = 0.0, **fields) -> Mapping[str, Any]:
    score = round(KIND_POINTS[kind] + subject.points + bonus, 1)
    return MappingProxyType({"kind": kind, "subject": subject.code, "dimension": subject.dimension,
                             "flow": subject.flow, "text": text, "score": score, **fields})


def _records(at: _Month, subject: Subject) -> list:
    i, values = at.index, subject.values
    value = float(values[i])
    if not _can_be_record(subject, value):
        return []
    history = values[subject.start:i]
    amount, change = _amount(subject, value), _yoy(at, subject)
    found, new_record = [], False
    if len(history) >= MIN_HISTORY:
        higher, equal = np.flatnonzero(history > value), np.flatnonzero(history == value)
        equal_to = tuple(at.period(subject.start + j) for j in equal)
        tie = f" (equal to {joined([at.words(subject.start + j) for j in equal])})" if len(equal) else ""
        if not len(higher):
            new_record = not len(equal)
            claim = "the highest" if new_record else "equal to the highest"
            found.append(_notable(subject, "record_all_time",
                                  f"{subject.label} reached {amount}, {claim} in any month {at.since(subject)}"
                                  f"{tie}{change}.", 0 if new_record else -TIE_DISCOUNT,
                                  value_usd=value, since=at.period(subject.start), equal_to=equal_to))
        elif len(higher) < 3:
            rank = len(higher) + 1
            above = [subject.start + j for j in sorted(higher, key=lambda j: -history[j])]
            found.append(_notable(subject, "rank_all_time",
                                  f"{subject.label} reached {amount}, the {_ordinal(rank)}-highest in any month "
                                  f"{at.since(subject)}, after {joined([at.words(j) for j in above])}{tie}{change}.",
                                  -5 * (rank - 2), rank=rank, above=tuple(at.period(j) for j in above),
                                  equal_to=equal_to))
    same_months = _same_months(values, subject.start, i)
    if not new_record and len(same_months) >= MIN_SAME_MONTHS and value >= same_months.max():
        equal = [i - 12 * (len(same_months) - j) for j in np.flatnonzero(same_months == value)]
        tie = f" (equal to {joined([at.words(j) for j in equal])})" if equal else ""
        claim = "equal to the highest" if equal else "the highest"
        found.append(_notable(subject, "record_for_month",
                              f"{subject.label} reached {amount}, {claim} for any {month_name(at.first_month + i)} "
                              f"{at.since(subject)}{tie}{change}.", -TIE_DISCOUNT if equal else 0,
                              value_usd=value, since=at.period(subject.start),
                              equal_to=tuple(at.period(j) for j in equal)))
    return found


def _thresholds(at: _Month, subject: Subject) -> list:
    i, values = at.index, subject.values
    value = float(values[i])
    if value < SMALLEST_ROUND_USD:
        return []
    _, threshold = _rung(value)
    history, same_months = values[subject.start:i], _same_months(values, subject.start, i)
    if len(history) >= MIN_HISTORY and history.max() <= threshold:
        scope, where, bonus = "any_month", "any month", 0
    elif len(same_months) >= MIN_SAME_MONTHS and same_months.max() <= threshold:
        scope, where, bonus = "calendar_month", f"any {month_name(at.first_month + i)}", -10
    else:
        return []
    return [_notable(subject, "threshold_first",
                     f"{subject.label}, at {_amount(subject, value)}, topped {fmt.round_usd(threshold)} for the first "
                     f"time in {where} {at.since(subject)}.", bonus, threshold_usd=threshold, scope=scope)]


def _streaks(at: _Month, subject: Subject) -> list:
    """Runs of growth or decline (surplus or deficit for the balance), of records and above a round amount."""
    i, values = at.index, subject.values
    if subject.code == "balance":
        first, kinds = subject.start, ("surplus", "deficit")
        signs = np.sign(values[first:i + 1])
    else:
        first, kinds = subject.start + 12, ("growth", "decline")
        signs = np.sign(values[first:i + 1] - values[first - 12:i - 11]) if first <= i else np.array([])
    found = []
    if len(signs) and signs[-1]:
        run = _trailing(signs == signs[-1])
        of = kinds[0] if signs[-1] > 0 else kinds[1]
        if run >= MIN_STREAK:
            found.append(_streak(at, subject, of, run, i - run + 1 == first,
                                 f"{subject.label} {STREAK_WORDS[of]}"))
        elif run == 1 and len(signs) > 1 and signs[-2] == -signs[-1]:
            ended, months = kinds[int(signs[-2] < 0)], _trailing(signs[:-1] == signs[-2])
            if months >= MIN_STREAK:
                at_least = "at least " if i - months == first else ""
                found.append(_notable(subject, "streak_end",
                                      f"{subject.label} {RUN_END_WORDS[ended]} after {at_least}{months} months of "
                                      f"{ended} (since {at.words(i - months)}).", min(months, 24) / 2,
                                      of=ended, months=months))
    records = 0
    while i - records >= subject.start and _can_be_record(subject, values[i - records]) \
            and _is_month_record(values, subject.start, i - records):
        records += 1
    if records >= MIN_STREAK:
        found.append(_streak(at, subject, "record_for_month", records, False,
                             f"{subject.label} set a record for the calendar month", bonus=5))
    found += _above_threshold(at, subject)
    return found


def _above_threshold(at: _Month, subject: Subject) -> list:
    """The longest run ever above a round amount: the highest amount, at least half the value, the subject
    has stayed above for MIN_STREAK months, if no earlier run above it in the data lasted as long."""
    i, values = at.index, subject.values
    value = float(values[i])
    if value < SMALLEST_ROUND_USD or i - subject.start < MIN_HISTORY:
        return []
    step, threshold = _rung(value)
    while threshold >= value / 2:
        above = values[subject.start:i + 1] > threshold
        run = _trailing(above)
        if run >= MIN_STREAK:
            if len(above) == run or _longest_run(above[:-run]) >= run:
                return []
            return [_streak(at, subject, "above_threshold", run, False,
                            f"{subject.label} stayed above {fmt.round_usd(threshold)}", threshold_usd=threshold)]
        threshold -= step
    return []


def _streak(at: _Month, subject: Subject, of: str, months: int, from_data_start: bool, opening: str,
            bonus: float = 0.0, **fields) -> Mapping[str, Any]:
    """A run that reaches back to where the data begins may be longer than the data shows: 'at least'."""
    begun = at.words(at.index - months + 1)
    if from_data_start:
        text = f"{opening} for at least {months} months in a row (since {begun}, when comparable data begins)."
    else:
        text = f"{opening} for the {_ordinal(months)} month in a row (since {begun})."
    return _notable(subject, "streak", text, bonus + min(months, 24) / 2, of=of, months=months,
                    since=at.period(at.index - months + 1), **fields)


def _share_threshold(at: _Month, subject: Subject, exports: np.ndarray) -> list:
    """The subject's share of exports above a multiple of 10% for the first time."""
    i = at.index
    start = max(subject.start, _run_start(exports, i))
    shares = divided(subject.values[start:i + 1], exports[start:i + 1], 100.0)
    share, before = float(shares[-1]), shares[:-1][~np.isnan(shares[:-1])]  # none in months of no exports
    if math.isnan(share) or len(before) < MIN_HISTORY:
        return []
    threshold = math.ceil(share / 10.0 - 1.0) * 10
    if threshold < 10 or before.max() > threshold:
        return []
    return [_notable(subject, "share_threshold_first",
                     f"{subject.label} made up {fmt.share(share)} of all exports, above {threshold}% for the first "
                     f"time {at.since(subject, start)}.", share_pct=share, threshold_pct=threshold)]


def _milestone(at: _Month, subject: Subject, ytd: np.ndarray) -> list:
    """Year-to-date value past a round amount this month: first in any year, else earliest in any year."""
    i = at.index
    month = at.first_month + i
    if month % 12 == 0 or math.isnan(ytd[i]) or math.isnan(ytd[i - 1]) or ytd[i] < SMALLEST_ROUND_USD:
        return []
    total = float(ytd[i])
    _, threshold = _rung(total)
    same_months = _same_months(ytd, subject.start, i)
    same_months = same_months[~np.isnan(same_months)]
    if ytd[i - 1] > threshold or len(same_months) < MIN_SAME_MONTHS:
        return []
    year = year_of(month)
    if month % 12 == 11:
        opening = f"Annual {_lower_first(subject.label)} in {year}"
    else:
        opening = f"{subject.label} for January–{month_name(month)} {year}"
    if np.nanmax(ytd[subject.start:i]) <= threshold:
        claim, bonus = " for the first time in any year", 0
    elif same_months.max() <= threshold:
        claim, bonus = ", the earliest in any year", -10
    else:
        return []
    return [_notable(subject, "milestone",
                     f"{opening} passed {fmt.round_usd(threshold)}{claim} {at.since(subject)}, at "
                     f"{fmt.usd(total)}.", bonus, threshold_usd=threshold, year=year, value_usd=total)]


def _overtakes(at: _Month, partners: list[Subject]) -> list:
    """A partner above another this month, never above it before in the data or not for MIN_OVERTAKE_GAP months."""
    i, found = at.index, []
    for ahead in partners:
        for other in partners:
            start = max(ahead.start, other.start)
            if other is ahead or i - 1 < start or not (ahead.values[i] > other.values[i]) \
                    or ahead.values[i - 1] > other.values[i - 1]:
                continue
            led = np.flatnonzero(ahead.values[start:i] > other.values[start:i])
            if len(led):
                months = i - (start + int(led[-1]))
                if months <= MIN_OVERTAKE_GAP:
                    continue
                since, when, extent = at.period(start + led[-1] + 1), f"in {months} months", min(months, 24) / 2
            elif i - start >= MIN_HISTORY:
                since, when, extent = at.period(start), at.since(ahead if ahead.start == start else other), 12
            else:
                continue
            found.append(_notable(ahead, "overtake",
                                  f"{ahead.label} ({fmt.usd(float(ahead.values[i]))}) were above "
                                  f"{_lower_first(other.label)} ({fmt.usd(float(other.values[i]))}) for the first "
                                  f"time {when}.", max(0.0, other.points - ahead.points) + extent,
                                  other=other.code, since=since))
    return found


def _breadth(snapshot: "Snapshot", breadth: "Breadth", total: str) -> list:
    """How many of the set's items rose; `total` is the release's flow total, exports or imports."""
    if not breadth.total:
        return []
    subject = Subject(total, "headline", HEADLINE_LABELS[total], snapshot.headline[total], HEADLINE_POINTS[total], 0, 0)
    fell = [_lower_first(snapshot.catalog.name("item", code)) for code in breadth.fell]
    text = f"{subject.label} of {breadth.up} of {breadth.total} items rose on a year earlier" + (
        f"; {joined(fell)} fell." if fell else ".")
    lopsided = abs(breadth.up / breadth.total - 0.5) * 20
    return [_notable(subject, "breadth", text, lopsided, up=breadth.up, total=breadth.total, set=breadth.set,
                     fell=breadth.fell)]


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


def _rung(value: float) -> tuple[float, float]:
    """The step of a 1-2-5 ladder suited to the value's size (the largest 1-2-5 amount within a fifth of it)
    and the highest multiple of that step below the value: $65.8bn -> ($10bn, $60bn), $20.5bn -> ($2bn, $20bn)."""
    scale = value / 5.0
    decade = 10.0 ** math.floor(math.log10(scale))
    if decade > scale:  # log10 rounds up to a whole number just below a power of ten (4999999999.999999 / 5)
        decade /= 10.0
    step = next(multiple * decade for multiple in (5, 2, 1) if multiple * decade <= scale)
    return step, (math.ceil(value / step) - 1) * step


def _amount(subject: Subject, value: float) -> str:
    return fmt.usd(value, signed=subject.code == "balance")


def _yoy(at: _Month, subject: Subject) -> str:
    before = at.index - 12
    if subject.code == "balance" or before < subject.start:
        return ""
    growth = growth_pct(float(subject.values[at.index]), float(subject.values[before]))
    return "" if growth is None else f" ({fmt.pct(growth)} on a year earlier)"


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def breadth_line(catalog: "Catalog", breadth: "Breadth") -> str:
    """'11 of 15 items rose; fell: Steel, Ships.', the same in the brief and on the dashboard."""
    fell = ", ".join(catalog.name("item", code) for code in breadth.fell)
    return f"{breadth.up} of {breadth.total} items rose" + (f"; fell: {fell}." if fell else ".")


def joined(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
