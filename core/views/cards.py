"""The headline cards of the main screen: the month's, or the year to date's, each a value, its change on a year
earlier and the history its sparkline draws.

Plain values, as the rest of the main view (no numpy here: the snapshot's own methods do the arithmetic).
"""

from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from core.base.periods import MONTH_NAMES, month_name
from core.base.subjects import CARD_LINES, HEADLINE, HEADLINE_LINES, KOREAN
from core.engine.model import Headline

if TYPE_CHECKING:
    from core.engine.snapshot import Snapshot


class Card(NamedTuple):
    code: str  # the headline line whose drilldown Enter opens
    titles: tuple[str, ...]  # longest first: the card shows the longest that fits
    value_usd: float | None
    change: float | None  # on a year earlier: in dollars where signed, else in %
    signed: bool  # the balance: its value with its sign, its change in dollars
    history: tuple[float | None, ...]  # for the sparkline, the card's figure last
    yearly: bool  # the history has one value a year (the same months of each), else one a month
    begins: tuple[str, ...] = ()  # before its data begins, what the card says in place of n/a, longest first


def year_to_date_span(month: int) -> str:
    """The months of the year to date: 'Jan–Jul', or 'Jan' in January."""
    return MONTH_NAMES[0][:3] + (f"–{month_name(month)[:3]}" if month % 12 else "")


def year_to_date_by_year(snapshot: "Snapshot", line: str, month: int) -> tuple[float | None, ...]:
    """A headline line summed from January to the month's calendar month (the snapshot's year-to-date rule, as its
    ytd_exports line), in each year from the data's first to the month's (last), and at least the year before; None
    for a year that lacks one of those months."""
    from core.engine.series import value_at  # numpy: there is a snapshot by now, and so numpy

    running = snapshot.ytd(snapshot.subject_series(HEADLINE, line))
    years = max(2, month // 12 - snapshot.first_month // 12 + 1)
    return tuple(value_at(running, snapshot.index(month - 12 * year)) for year in reversed(range(years)))


def month_cards(
    headline: Headline,
    titles: Mapping[str, str],
    histories: Mapping[str, tuple[float | None, ...]],
    begins: Mapping[str, tuple[str, ...]],
) -> tuple[Card, ...]:
    """The month's cards (CARD_LINES), from the release's headline and the view's titles, histories and lines whose
    data begins after the month."""
    cards = []
    for line in CARD_LINES:
        value, change = getattr(headline, line.code)  # a Figure, or the balance's Balance
        history = histories[line.code]
        cards.append(
            Card(
                line.code,
                tuple(dict.fromkeys((titles[line.code], titles[line.code].split()[0]))),  # 'Daily' on a narrow card
                value,
                change,
                line.signed,
                history,
                line.year_to_date,
                begins.get(line.code, ()),
            )
        )
    return tuple(cards)


def ytd_cards(
    snapshot: "Snapshot", month: int, lang: str, exports_history: tuple[float | None, ...]
) -> tuple[Card, ...]:
    """The year to date's exports, imports, balance and daily-average exports, each against the same months a year
    earlier and in every year as its sparkline; then the month's exports (`exports_history`, its months), which the
    month's year-to-date exports card gives way to: no figure lost, none twice."""
    from core.engine.coverage import headline_begins
    from core.engine.series import difference, growth_pct

    exports, imports, days = (
        year_to_date_by_year(snapshot, line, month) for line in ("exports", "imports", "working_days")
    )
    by_line = {
        "ytd_exports": exports,
        "imports": imports,
        "balance": tuple(difference(value, bought) for value, bought in zip(exports, imports, strict=True)),
        # Exports over the working days, as the daily_avg_exports line divides the month's.
        "daily_avg_exports": tuple(
            None if value is None or not count else value / count for value, count in zip(exports, days, strict=True)
        ),
    }
    span, ytd = year_to_date_span(month), "누적" if lang == KOREAN else "YTD"
    begins = headline_begins(snapshot, month, by_line, ytd=True)
    cards = []
    for code, history in by_line.items():
        # The year to date's exports are titled as exports; Enter opens their own line's drilldown (ytd_exports).
        line = HEADLINE_LINES["exports" if code == "ytd_exports" else code].in_language(lang)
        before, now = history[-2:]
        change = difference(now, before) if line.signed else growth_pct(now, before)
        short = line.short if lang == KOREAN else line.short.lower()
        # Longest first: "YTD daily" where narrow, else the line's name (the header says "year to date"); in January
        # not "Exports Jan", the month's card's title.
        spanned = (f"{line.short} {span}",) if month % 12 else ()
        titles = (*spanned, f"{ytd} {short}", f"{ytd} {short.split()[0]}", line.short)
        cards.append(Card(code, titles, now, change, line.signed, history, True, begins.get(code, ())))
    line = HEADLINE_LINES["exports"].in_language(lang)
    figure = snapshot.headline_figure("exports", month)
    this_month = f"{line.short} {month_name(month)[:3]}"
    cards.append(
        Card(
            "exports",
            (this_month, line.short),
            figure.value_usd,
            figure.yoy_pct,
            False,
            exports_history,
            False,
            headline_begins(snapshot, month, ("exports",), ytd=False).get("exports", ()),
        )
    )
    return tuple(cards)
