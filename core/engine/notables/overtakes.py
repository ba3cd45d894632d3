"""Overtakes: a partner above another this month, for the first time in the data or in a while."""

import numpy as np

from core.engine.model import Notable, OvertakeFacts
from core.engine.notables import wording
from core.engine.notables.claims import MIN_HISTORY, At, Candidate, notable

MIN_OVERTAKE_GAP = 3  # months behind before getting ahead again is news


def overtakes(at: At, partners: list[Candidate]) -> list[Notable]:
    """A partner above another this month, never above it before in the data or not for MIN_OVERTAKE_GAP months."""
    i = at.index
    found: list[Notable] = []
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
            months: int | None
            if len(led):
                months = i - (start + int(led[-1]))
                if months - 1 < MIN_OVERTAKE_GAP:
                    continue
                since, when, extent = (
                    at.period(start + int(led[-1]) + 1),
                    wording.in_months(months),
                    min(months, 24) / 2,
                )
                history = None  # it names its months
            elif i - start >= MIN_HISTORY:
                since, when, extent = at.period(start), at.since(ahead if ahead.start == start else other), 12
                months, history = None, i - start
            else:
                continue
            text = wording.overtake(ahead.label, float(ahead.values[i]), other.label, float(other.values[i]), when)
            found.append(
                notable(
                    ahead,
                    "overtake",
                    text,
                    OvertakeFacts(other.code, since, months),
                    max(0.0, other.points - ahead.points) + extent,
                    history,
                )
            )
    return found
