"""How notables read: every sentence the detectors make, and the words they share, in one place.

The detectors (the other modules of this package) decide what is true and pass its figures here; nothing here
decides a claim. Months come as month numbers (core.base.periods), amounts in dollars.
"""

from core.base import fmt
from core.base.catalog import Catalog
from core.base.periods import describe_period, month_name, year_of
from core.base.subjects import CUSTOMS_BASIS, ENGLISH
from core.engine.model import Breadth

# "exports to the United States", "to the United Kingdom"
PARTNERS_WITH_ARTICLE = {"us", "eu", "middle_east", "cis", "GB", "NL", "PH", "AE", "DO", "BS"}
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


def name_in_sentence(catalog: Catalog, dimension: str, code: str) -> str:
    """An item or partner as it reads mid-sentence: 'semiconductors', 'the United States' (a Korean name, '미국',
    takes no article)."""
    if dimension == "partner":
        article = code in PARTNERS_WITH_ARTICLE and catalog.language == ENGLISH
        return ("the " if article else "") + catalog.name("partner", code)
    return lower_first(catalog.name(dimension, code))


def exports_label(catalog: Catalog, dimension: str, code: str, partner: str | None = None) -> str:
    """An item's or a partner's exports, as a sentence begins with them: 'Exports of semiconductors'; an item's to
    one `partner`: 'Exports of integrated circuits (HS 8542) to China'."""
    label = f"Exports {'of' if dimension == 'item' else 'to'} {name_in_sentence(catalog, dimension, code)}"
    return label if partner is None else f"{label} to {name_in_sentence(catalog, 'partner', partner)}"


def since(month: int, from_origin: bool) -> str:
    """'since 2016, when the data begins' (a year alone when the run begins in January)."""
    when = str(year_of(month)) if month % 12 == 0 else describe_period(month)
    return f"since {when}, " + ("when the data begins" if from_origin else "after a gap in the data")


def since_first_month(month: int, from_origin: bool) -> str:
    """'since 2022, the first January in the data': the first of a calendar month in a run that begins in another."""
    return f"since {year_of(month)}, the first {month_name(month)} " + (
        "in the data" if from_origin else "after a gap in the data"
    )


def amount(value: float, signed: bool) -> str:
    return fmt.usd(value, signed=signed)


def on_a_year_earlier(growth: float | None) -> str:
    return "" if growth is None else f" ({fmt.pct(growth)} on a year earlier)"


def tie(months: list[int]) -> str:
    return f" (equal to {joined([describe_period(month) for month in months])})" if months else ""


def first_above(period: str, threshold: float | None) -> str:
    return f", and the first {period} above {fmt.round_usd(threshold)}" if threshold else ""


def record(
    label: str, value: str, tied: bool, where: str, since_words: str, threshold: str, equal: str, change: str
) -> str:
    """A record in any month or for a calendar month (`where`); `threshold`: first_above's words."""
    claim = "equal to the highest" if tied else "the highest"
    return f"{label} reached {value}, {claim} {where} {since_words}{threshold}{equal}{change}."


def rank(
    label: str, value: str, rank: int, where: str, since_words: str, above: list[int], equal: str, change: str
) -> str:
    return (
        f"{label} reached {value}, the {ordinal(rank)}-highest {where} {since_words}, after "
        f"{joined([describe_period(month) for month in above])}{equal}{change}."
    )


def highest_since(
    label: str, value: str, lowest: bool, signed: bool, months: int, since_month: int, change: str
) -> str:
    """The highest (lowest) in `months` months; a signed line's are its largest surplus (deficit)."""
    if signed:
        verb, claim = ("was", "the largest deficit") if lowest else ("reached", "the largest surplus")
    else:
        verb, claim = ("fell to", "the lowest") if lowest else ("reached", "the highest")
    return f"{label} {verb} {value}, {claim} in {months} months, since {describe_period(since_month)}{change}."


def record_deficit(label: str, value: str, first: bool, since_words: str, threshold: float | None) -> str:
    claim = "the first deficit" if first else "the largest deficit"
    over = f", and the first deficit over {fmt.round_usd(threshold)}" if threshold else ""
    return f"{label} was {value}, {claim} in any month {since_words}{over}."


def run_opening(label: str, of: str, threshold: float | None = None) -> str:
    """How a run's sentence begins: 'Exports grew on a year earlier', 'Exports set a record high'."""
    if of == "record_for_month":
        return f"{label} set a record for the calendar month"
    if of == "record_all_time":
        return f"{label} set a record high"
    if of == "above_threshold" and threshold is not None:
        return f"{label} stayed above {fmt.round_usd(threshold)}"
    return f"{label} {STREAK_WORDS[of]}"


def streak(opening: str, months: int, begun: int, from_data_start: bool, longest_since: str | None) -> str:
    """A run that reaches back to where the data begins may be longer than the data shows: 'at least'."""
    note = f", the longest such run {longest_since}" if longest_since else ""
    if from_data_start:
        return (
            f"{opening} for at least {months} months in a row (since {describe_period(begun)}, when comparable "
            f"data begins){note}."
        )
    return f"{opening} for the {ordinal(months)} month in a row (since {describe_period(begun)}){note}."


def streak_end(label: str, ended: str, months: int, at_least: bool, begun: int) -> str:
    return (
        f"{label} {RUN_END_WORDS[ended]} after {'at least ' if at_least else ''}{months} months of "
        f"{ended} (since {describe_period(begun)})."
    )


def share_threshold(label: str, share: float, threshold: int, since_words: str) -> str:
    return f"{label} made up {fmt.share(share)} of all exports, above {threshold}% for the first time {since_words}."


def above_annual(
    label: str, month: int, total: float, best_year: int, best_usd: float, since_words: str, first: float | None
) -> str:
    return (
        f"{label} for January–{month_name(month)} {year_of(month)}, at {fmt.usd(total)}, were already "
        f"above the whole of {best_year} ({fmt.usd(best_usd)}), the best year {since_words}"
        + (f", and past {fmt.round_usd(first)} for the first time" if first else "")
        + "."
    )


def year_to_date_record(
    label: str, month: int, total: float, since_words: str, first: float | None, earliest: float | None, change: str
) -> str:
    """The year so far the highest for those months of any year; in December, the year the highest of any."""
    year = year_of(month)
    if month % 12 == 11:
        text = f"Annual {lower_first(label)} in {year} reached {fmt.usd(total)}, the highest of any year {since_words}"
        text += f", and the first year above {fmt.round_usd(first)}" if first else ""
    else:
        text = (
            f"{label} for January–{month_name(month)} {year} reached {fmt.usd(total)}, the highest for those "
            f"months of any year {since_words}"
        )
        text += f", and past {fmt.round_usd(first)} for the first time in any year" if first else ""
    text += f", and past {fmt.round_usd(earliest)} earlier in the year than ever" if earliest else ""
    return text + change + "."


def annual_daily_average(label: str, year: int, now: float, since_words: str, best_usd: float, best_year: int) -> str:
    return (
        f"{label} for {year} as a whole were {fmt.usd(now)}, the highest of any year "
        f"{since_words} (the best before: {fmt.usd(best_usd)} in {best_year})."
    )


def overtake(label: str, value: float, other_label: str, other_value: float, when: str) -> str:
    return (
        f"{label} ({fmt.usd(value)}) were above {lower_first(other_label)} ({fmt.usd(other_value)}) for the first "
        f"time {when}."
    )


def in_months(months: int) -> str:
    return f"in {months} months"


def breadth(catalog: Catalog, label: str, breadth: Breadth) -> str:
    """'Exports of 11 of 15 items rose on a year earlier (customs basis); steel and ships fell.'"""
    fell = [lower_first(catalog.name("item", code)) for code in breadth.fell]
    return f"{label} of {breadth.up} of {breadth.total} items rose on a year earlier ({CUSTOMS_BASIS})" + (
        f"; {joined(fell)} fell." if fell else "."
    )


def breadth_line(catalog: Catalog, breadth: Breadth) -> str:
    """'11 of 15 items rose (customs basis); fell: Steel, Ships.' (or the items that rose, where fewer rose), the
    same in the brief and on the dashboard."""
    return "; ".join(breadth_parts(catalog, breadth)) + "."


def breadth_parts(catalog: Catalog, breadth: Breadth, span: str = "") -> tuple[str, ...]:
    """The breadth line's parts: '11 of 15 items rose (customs basis)', then the minority, which is the shorter
    list: 'fell: Steel, Ships' where no more fell than rose, else 'rose: Semiconductors, Ships'; none if it is
    empty. `span` says over what, where it is not the month (' in Jan–Jul')."""
    word, codes = ("fell", breadth.fell) if len(breadth.fell) <= len(breadth.rose) else ("rose", breadth.rose)
    count = f"{breadth.up} of {breadth.total} items rose{span} ({CUSTOMS_BASIS})"
    names = ", ".join(catalog.name("item", code) for code in codes)
    return (count, f"{word}: {names}") if names else (count,)


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def joined(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
