"""Records and ranks: the highest in any month or for the calendar month, the 2nd- and 3rd-highest, the highest
(or lowest) since a month named, and a signed line's largest deficit."""

import numpy as np

from core.base.periods import month_name
from core.engine.model import DeficitFacts, HighestSinceFacts, Notable, RankFacts, RecordFacts
from core.engine.notables import wording
from core.engine.notables.claims import (
    MIN_HISTORY,
    MIN_SAME_MONTHS,
    ROUND_BONUS,
    TIE_DISCOUNT,
    At,
    Candidate,
    Values,
    amount,
    can_be_record,
    notable,
    same_months,
)
from core.engine.notables.thresholds import round_amount

MIN_SINCE_MONTHS = 12  # "the highest since" names a month at least this far back


def records(at: At, candidate: Candidate) -> list[Notable]:
    i, values = at.index, candidate.values
    value = float(values[i])
    if candidate.signed and value < 0:
        return _deficits(at, candidate)
    if not can_be_record(candidate, value):
        return []
    history = values[candidate.start : i]
    value_words, change, basis = amount(candidate, value), at.yoy(candidate), i - candidate.start
    found: list[Notable] = []
    new_record, above = False, tuple[int, ...]()
    if len(history) >= MIN_HISTORY:
        higher, equal = np.flatnonzero(history > value), np.flatnonzero(history == value)
        equal_to = tuple(at.period(candidate.start + int(j)) for j in equal)
        tie = wording.tie([at.first_month + candidate.start + int(j) for j in equal])
        if not len(higher):
            new_record = not len(equal)
            threshold = round_amount(float(history.max()), value) if new_record else None
            found.append(
                notable(
                    candidate,
                    "record_all_time",
                    wording.record(
                        candidate.label,
                        value_words,
                        not new_record,
                        "in any month",
                        at.since(candidate),
                        wording.first_above("month", threshold),
                        tie,
                        change,
                    ),
                    RecordFacts(value, at.period(candidate.start), equal_to, threshold),
                    (0 if new_record else -TIE_DISCOUNT) + (ROUND_BONUS if threshold else 0),
                    basis,
                )
            )
        elif len(higher) < 3:
            above = tuple(candidate.start + int(j) for j in sorted(higher, key=lambda j: -history[j]))
            found.append(_rank(at, candidate, "rank_all_time", "in any month", above, equal_to, tie, basis))
        else:
            found += _highest_since(at, candidate, history)
    earlier = same_months(values, candidate.start, i)
    if new_record or len(earlier) < MIN_SAME_MONTHS:
        return found
    month = month_name(at.month)
    equal_months = [i - 12 * (len(earlier) - int(j)) for j in np.flatnonzero(earlier == value)]
    tie = wording.tie([at.first_month + j for j in equal_months])
    higher_months = [
        i - 12 * (len(earlier) - int(j)) for j in np.argsort(-earlier, kind="stable")[:3] if earlier[j] > value
    ]
    if not higher_months:
        threshold = None if equal_months else round_amount(float(earlier.max()), value)
        found.append(
            notable(
                candidate,
                "record_for_month",
                wording.record(
                    candidate.label,
                    value_words,
                    bool(equal_months),
                    f"for any {month}",
                    at.since_same_month(candidate),
                    wording.first_above(month, threshold),
                    tie,
                    change,
                ),
                RecordFacts(value, at.period(candidate.start), tuple(at.period(j) for j in equal_months), threshold),
                (-TIE_DISCOUNT if equal_months else 0) + (ROUND_BONUS if threshold else 0),
                basis,
            )
        )
    elif len(higher_months) < 3 and len(higher_months) != len(above) and i - 12 not in higher_months:
        # Not when the months above are those of the rank in any month, nor below a year earlier: a decline.
        found.append(
            _rank(
                at,
                candidate,
                "rank_for_month",
                f"for any {month}",
                tuple(higher_months),
                tuple(at.period(j) for j in equal_months),
                tie,
                basis,
            )
        )
    return found


def _rank(
    at: At,
    candidate: Candidate,
    kind: str,
    where: str,
    above: tuple[int, ...],
    equal_to: tuple[str, ...],
    tie: str,
    basis: int,
) -> Notable:
    """The 2nd- or 3rd-highest value, after the months `above` (positions, highest first)."""
    rank = len(above) + 1
    text = wording.rank(
        candidate.label,
        amount(candidate, float(candidate.values[at.index])),
        rank,
        where,
        at.since_same_month(candidate) if kind == "rank_for_month" else at.since(candidate),
        [at.first_month + j for j in above],
        tie,
        at.yoy(candidate),
    )
    return notable(
        candidate, kind, text, RankFacts(rank, tuple(at.period(j) for j in above), equal_to), -5 * (rank - 2), basis
    )


def _highest_since(at: At, candidate: Candidate, history: Values) -> list[Notable]:
    """The highest (for a decline: the lowest) since a month at least MIN_SINCE_MONTHS back, where it is no record:
    the last month that was at least as high (as low) is named. A signed line's are its largest surplus or deficit."""
    i, value = at.index, float(candidate.values[at.index])
    before = i - 12
    falling = not candidate.signed and before >= candidate.start and bool(value < candidate.values[before])
    lowest = falling or value < 0  # a signed line reaches here below zero only if its deficit is no record
    reached = np.flatnonzero(history <= value if lowest else history >= value)
    if not len(reached) or i - (candidate.start + int(reached[-1])) < MIN_SINCE_MONTHS:
        return []
    since = candidate.start + int(reached[-1])
    text = wording.highest_since(
        candidate.label,
        amount(candidate, value),
        lowest,
        candidate.signed,
        i - since,
        at.first_month + since,
        at.yoy(candidate),
    )
    facts = HighestSinceFacts(value, at.period(since), i - since, lowest)
    return [notable(candidate, "highest_since", text, facts, min(i - since, 60) / 5)]


def _deficits(at: At, candidate: Candidate) -> list[Notable]:
    """A deficit larger than any before in the run (the first past a round amount says so), else the largest since."""
    i, value = at.index, float(candidate.values[at.index])
    history = candidate.values[candidate.start : i]
    if len(history) < MIN_HISTORY or value >= history.min():
        return _highest_since(at, candidate, history)
    largest = max(0.0, -float(history.min()))
    threshold = round_amount(largest, -value)
    text = wording.record_deficit(
        candidate.label, amount(candidate, value), not largest, at.since(candidate), threshold
    )
    facts = DeficitFacts(value, at.period(candidate.start), threshold)
    return [notable(candidate, "record_deficit", text, facts, ROUND_BONUS if threshold else 0, i - candidate.start)]
