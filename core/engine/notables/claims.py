"""What every family of notables shares: the month looked at, the subjects looked at, and how a claim scores."""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from core.base.periods import describe_period, format_period, same_month_positions
from core.engine.model import Notable, NotableFacts
from core.engine.notables import wording
from core.engine.series import growth_pct

Values = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]

MIN_HISTORY = 12
MIN_SAME_MONTHS = 2
MIN_STREAK = 3
SHORT_HISTORY_MONTHS = 36  # a claim over less data (fewer than 3 earlier same months) ranks lower
SHORT_HISTORY_DISCOUNT = 30
REPEAT_DISCOUNT = 5
TIE_DISCOUNT = 15
ROUND_BONUS = 5  # a record that is also the first above a round amount
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


@dataclass(frozen=True)
class Candidate:
    """A subject looked at for claims: a headline line, an item or a partner, with its series."""

    code: str
    dimension: str
    label: str  # begins a sentence: "Exports of semiconductors"
    values: Values
    points: float
    start: int  # index where the unbroken run of data ending at the month begins
    origin: int  # index of the first value in the data
    flow: str | None = None  # of an item or a partner; headline lines are of the month whatever the flow
    signed: bool = False  # a signed headline line (the balance): its records are surpluses, its runs its sign
    partner: str | None = None  # of an item's exports to one destination (HS 8542 to China)


@dataclass(frozen=True)
class At:
    """The month looked at: its position on the snapshot's axis."""

    first_month: int
    index: int

    @property
    def month(self) -> int:
        return self.first_month + self.index

    def period(self, index: int) -> str:
        return format_period(self.first_month + int(index))

    def words(self, index: int) -> str:
        return describe_period(self.first_month + int(index))

    def since(self, candidate: Candidate, start: int | None = None) -> str:
        """'since 2016, when the data begins', of the candidate's run (or of the run from `start`)."""
        start = candidate.start if start is None else start
        return wording.since(self.first_month + start, start == candidate.origin)

    def since_same_month(self, candidate: Candidate) -> str:
        """As `since`, for a claim about the calendar month: a run that begins in a month other than January or
        this one ("August 2021") is compared from its first such month ("since 2022, the first January in the
        data"); one that begins in January says its year, that of its first such month too."""
        first = candidate.start + (self.index - candidate.start) % 12
        if first == candidate.start or (self.first_month + candidate.start) % 12 == 0:
            return self.since(candidate)
        return wording.since_first_month(self.first_month + first, candidate.start == candidate.origin)

    def yoy(self, candidate: Candidate, values: Values | None = None) -> str:
        """The change on a year earlier of the candidate's values, or of `values` (its years to date), in words."""
        values = candidate.values if values is None else values
        before = self.index - 12
        if candidate.signed or before < candidate.start:
            return ""
        return wording.on_a_year_earlier(growth_pct(float(values[self.index]), float(values[before])))


def notable(
    candidate: Candidate, kind: str, text: str, facts: NotableFacts, bonus: float = 0.0, history: int | None = None
) -> Notable:
    """`history`: the months of data a claim about the past rests on (None for a run, which says its own length)."""
    short = history is not None and history < SHORT_HISTORY_MONTHS
    score = round(KIND_POINTS[kind] + candidate.points + bonus - (SHORT_HISTORY_DISCOUNT if short else 0), 1)
    return Notable(
        kind, candidate.code, candidate.dimension, candidate.flow, text, score, history, facts, candidate.partner
    )


def amount(candidate: Candidate, value: float) -> str:
    return wording.amount(value, candidate.signed)


def same_months(values: Values, start: int, index: int) -> Values:
    """Values of the same calendar month before `index`, within the run that begins at `start`."""
    return values[same_month_positions(start, index)[:-1]]


def can_be_record(candidate: Candidate, value: float) -> bool:
    """A signed line's records are above zero (the balance's are surpluses): the smallest deficit is no record."""
    return not candidate.signed or value > 0


def is_month_record(values: Values, start: int, index: int) -> bool:
    earlier = same_months(values, start, index)
    return len(earlier) >= MIN_SAME_MONTHS and bool(values[index] > earlier.max())


def trailing(mask: Mask) -> int:
    """How many of the last entries are True in a row."""
    breaks = np.flatnonzero(~mask)
    return len(mask) - (int(breaks[-1]) + 1 if len(breaks) else 0)


def longest_run(mask: Mask) -> int:
    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.astype(np.int8), [0]))))
    return int((edges[1::2] - edges[::2]).max()) if len(edges) else 0
