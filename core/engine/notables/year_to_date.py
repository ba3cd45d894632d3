"""Years to date: the year so far above the whole of the best earlier year, the highest for those months of any
year (in December, of any year), and in December the year's exports per working day."""

import math

import numpy as np

from core.base.periods import same_month_positions, year_of
from core.engine.model import AboveAnnualFacts, AnnualDailyFacts, Notable, YearToDateFacts
from core.engine.notables import wording
from core.engine.notables.claims import (
    MIN_SAME_MONTHS,
    ROUND_BONUS,
    SMALLEST_ROUND_USD,
    At,
    Candidate,
    Values,
    notable,
    same_months,
)
from core.engine.notables.thresholds import round_amount
from core.engine.series import divided

ANNUAL_BONUS = 10  # a year-to-date record in December is the year's record


def year_to_date(at: At, candidate: Candidate, ytd: Values) -> list[Notable]:
    """The year to date above the whole of the best earlier year (the month it gets there), else the highest for
    those months of any year (December's: the annual total); past a round amount for the first time in any year,
    or earlier in the year than ever, says so."""
    i, month = at.index, at.month
    if month % 12 == 0 or not ytd[i] >= SMALLEST_ROUND_USD:  # January's is the month; NaN: a month is missing
        return []
    total, so_far = float(ytd[i]), float(ytd[i - 1])
    earlier = same_months(ytd, candidate.start, i)
    earlier = earlier[~np.isnan(earlier)]
    if len(earlier) < MIN_SAME_MONTHS or total <= earlier.max():
        return []
    year, december, since = year_of(month), month % 12 == 11, at.since(candidate)
    last_december = i - month % 12 - 1
    decembers = np.array(
        same_month_positions(candidate.start, last_december) if last_december >= candidate.start else [], dtype=int
    )
    decembers = decembers[~np.isnan(ytd[decembers])]  # whole years only
    best = int(decembers[np.argmax(ytd[decembers])]) if len(decembers) else None
    best_usd = -math.inf if best is None else float(ytd[best])
    first = round_amount(max(so_far, best_usd, float(earlier.max())), total)
    earliest = None if first else round_amount(max(so_far, float(earlier.max())), total)
    if best is not None and not december and len(decembers) >= MIN_SAME_MONTHS and so_far <= best_usd < total:
        best_year = year_of(at.first_month + best)
        text = wording.above_annual(candidate.label, month, total, best_year, best_usd, since, first)
        facts = AboveAnnualFacts(best_year, best_usd, year, total, first or earliest)
        return [notable(candidate, "ytd_above_annual", text, facts, ROUND_BONUS if first else 0, i - candidate.start)]
    text = wording.year_to_date_record(candidate.label, month, total, since, first, earliest, at.yoy(candidate, ytd))
    return [
        notable(
            candidate,
            "ytd_record",
            text,
            YearToDateFacts(year, total, first or earliest),
            (ANNUAL_BONUS if december else 0) + (ROUND_BONUS if first or earliest else 0),
            i - candidate.start,
        )
    ]


def annual_daily_average(at: At, candidate: Candidate, exports_ytd: Values, days_ytd: Values) -> list[Notable]:
    """In December: the year's exports per working day, the highest of any year (every month of each year known)."""
    i = at.index
    if at.month % 12 != 11:
        return []
    decembers = np.array(same_month_positions(candidate.start, i))
    averages = divided(exports_ytd[decembers], days_ytd[decembers])  # NaN for a year with a month unknown
    known = ~np.isnan(averages[:-1])
    now, earlier = float(averages[-1]), averages[:-1][known]
    if math.isnan(now) or len(earlier) < MIN_SAME_MONTHS or now <= earlier.max():
        return []
    year = year_of(at.month)
    best = int(np.argmax(earlier))
    best_year = year_of(at.first_month + int(decembers[:-1][known][best]))
    best_usd = float(earlier[best])
    text = wording.annual_daily_average(candidate.label, year, now, at.since(candidate), best_usd, best_year)
    facts = AnnualDailyFacts(year, now, best_year, best_usd)
    return [notable(candidate, "annual_daily_avg", text, facts, history=i - candidate.start)]
