"""Runs: months in a row of growth or decline on a year earlier (a signed line's: of surplus or deficit), a run
that has just ended, and runs of records for the calendar month and of record highs."""

import numpy as np

from core.base.subjects import HEADLINE
from core.engine.model import Notable, RoundRunFacts, RunEndFacts, StreakFacts
from core.engine.notables import wording
from core.engine.notables.claims import (
    MIN_HISTORY,
    MIN_STREAK,
    At,
    Candidate,
    Mask,
    can_be_record,
    is_month_record,
    notable,
    trailing,
)

MIN_HEADLINE_STREAK = 2  # "exports rose for the 2nd month in a row" is how a recovery is first reported
MIN_RECORD_STREAK = 2  # all-time records in a row


def streaks(at: At, candidate: Candidate) -> list[Notable]:
    """Runs of growth or decline (surplus or deficit for a signed line) and of records."""
    i, values = at.index, candidate.values
    if candidate.signed:
        first, kinds = candidate.start, ("surplus", "deficit")
        signs = np.sign(values[first : i + 1])
    else:
        first, kinds = candidate.start + 12, ("growth", "decline")
        signs = np.sign(values[first : i + 1] - values[first - 12 : i - 11]) if first <= i else np.array([])
    found: list[Notable] = []
    if len(signs) and signs[-1]:
        run = trailing(signs == signs[-1])
        of = kinds[0] if signs[-1] > 0 else kinds[1]
        if run >= (MIN_HEADLINE_STREAK if candidate.dimension == HEADLINE else MIN_STREAK):
            found.append(streak(at, candidate, of, run, i - run + 1 == first))
        elif run == 1 and len(signs) > 1 and signs[-2] == -signs[-1]:
            ended, months = kinds[int(signs[-2] < 0)], trailing(signs[:-1] == signs[-2])
            if months >= MIN_STREAK:
                text = wording.streak_end(
                    candidate.label, ended, months, i - months == first, at.first_month + i - months
                )
                found.append(notable(candidate, "streak_end", text, RunEndFacts(ended, months), min(months, 24) / 2))
    records = 0
    while (
        i - records >= candidate.start
        and can_be_record(candidate, values[i - records])
        and is_month_record(values, candidate.start, i - records)
    ):
        records += 1
    if records >= MIN_STREAK:
        history = i - records + 1 - candidate.start
        found.append(streak(at, candidate, "record_for_month", records, False, bonus=10, history=history))
    highs = trailing(_all_time_highs(candidate, i))
    if highs >= MIN_RECORD_STREAK:
        history = i - highs + 1 - candidate.start
        found.append(streak(at, candidate, "record_all_time", highs, False, bonus=25, history=history))
    return found


def streak(
    at: At,
    candidate: Candidate,
    of: str,
    months: int,
    from_data_start: bool,
    bonus: float = 0.0,
    history: int | None = None,
    threshold: float | None = None,
    longest: bool = False,
) -> Notable:
    """A run of `months` ending at the month; of "above_threshold" a `threshold`, which can be the `longest` run."""
    begun = at.index - months + 1
    text = wording.streak(
        wording.run_opening(candidate.label, of, threshold),
        months,
        at.first_month + begun,
        from_data_start,
        at.since(candidate) if longest else None,
    )
    facts = (
        StreakFacts(of, months, at.period(begun))
        if threshold is None
        else RoundRunFacts(of, months, at.period(begun), threshold, longest)
    )
    return notable(candidate, "streak", text, facts, bonus + min(months, 24) / 2, history)


def _all_time_highs(candidate: Candidate, index: int) -> Mask:
    """Whether each month of the run up to `index`, after its first MIN_HISTORY, was above every month before it."""
    run = candidate.values[candidate.start : index + 1]
    highs = run[1:] > np.maximum.accumulate(run)[:-1]
    highs[: MIN_HISTORY - 1] = False
    if candidate.signed:
        highs &= run[1:] > 0
    return highs
