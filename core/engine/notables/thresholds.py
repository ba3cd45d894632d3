"""Thresholds: the round amounts people quote (one ladder, `round_amount`), runs above them, and a share of exports
above a multiple of 10% for the first time."""

import math

import numpy as np

from core.engine.model import Notable, ShareFacts
from core.engine.notables import wording
from core.engine.notables.claims import (
    MIN_HISTORY,
    MIN_STREAK,
    SMALLEST_ROUND_USD,
    At,
    Candidate,
    Values,
    longest_run,
    notable,
    trailing,
)
from core.engine.notables.streaks import streak
from core.engine.series import divided, run_start

NEAR_ROUND = 0.8  # a run above a round amount matters when the amount is within a fifth of the value
LONG_RUN = 12  # and when the run is no longer than this; a longer one only when it has just become the longest


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


def round_runs(at: At, candidate: Candidate) -> list[Notable]:
    """A run above a round amount of at least half the value, MIN_STREAK months or more, longer than any earlier run
    above it: when the amount matters (the roundest within NEAR_ROUND of the value) and the run is at most LONG_RUN
    months, or when the run has just become the longest on record (a month longer than the longest before it)."""
    i, values = at.index, candidate.values
    value = float(values[i])
    if not SMALLEST_ROUND_USD <= value < math.inf or i - candidate.start < MIN_HISTORY or candidate.signed:
        return []  # a signed line's run is its surplus
    near = round_amount(value * NEAR_ROUND, value)
    major = _ladder(value)[1]
    amounts = {major * k for k in range(math.ceil(value / 2 / major), math.ceil(value / major))}
    run_values = values[candidate.start : i + 1]
    floor = float(run_values[-MIN_STREAK:].min())  # an amount at or above it has no run of MIN_STREAK months
    for threshold in sorted(amounts | ({near} if near else set()), reverse=True):
        if not value / 2 <= threshold < floor:
            continue
        above = run_values > threshold
        run = trailing(above)
        if run == len(above):
            continue
        earlier = longest_run(above[:-run])
        longest = earlier >= MIN_STREAK and run == earlier + 1
        if longest or (threshold == near and earlier < run <= LONG_RUN):
            return [
                streak(
                    at,
                    candidate,
                    "above_threshold",
                    run,
                    False,
                    -min(run, 24) / 2 - 5 if longest else 0,  # a long run's length is no news in itself
                    i - candidate.start if longest else None,
                    threshold,
                    longest,
                )
            ]
    return []


def share_threshold(at: At, candidate: Candidate, exports: Values) -> list[Notable]:
    """The candidate's share of exports above a multiple of 10% for the first time."""
    i = at.index
    start = max(candidate.start, run_start(exports, i))
    shares = divided(candidate.values[start : i + 1], exports[start : i + 1], 100.0)
    share, before = float(shares[-1]), shares[:-1][~np.isnan(shares[:-1])]  # none in months of no exports
    if math.isnan(share) or len(before) < MIN_HISTORY:
        return []
    threshold = math.ceil(share / 10.0 - 1.0) * 10
    if threshold < 10 or before.max() > threshold:
        return []
    text = wording.share_threshold(candidate.label, share, threshold, at.since(candidate, start))
    return [notable(candidate, "share_threshold_first", text, ShareFacts(share, threshold), history=i - start)]
