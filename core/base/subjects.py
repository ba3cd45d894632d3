"""The domain's vocabulary, each word defined once: the two flows, and the headline lines of a release.

A headline line is one of the month's figures for the whole trade (exports, the balance, ...), as opposed to an
item's or a partner's. What every part of tradetop knows about a line (its names, whether it can be below zero,
what its notables score, whether it sums the year so far) is a column of HEADLINE_LINES: adding a line is a row
here and its computation (core.engine.snapshot's headline series, core.engine.model's Headline record).

Plain named tuples, no numpy or pandas: this module is on the way to the monitor's first frame.
"""

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

ENGLISH, KOREAN = "en", "ko"
LANGUAGES = {ENGLISH: "English", KOREAN: "한국어"}  # what names are shown in (--lang, the key L), as each calls itself

HEADLINE = "headline"  # the dimension of headline lines; items and partners are the other two
MONTH_TOTAL = "a month"  # what one value of a month's total is, as the drilldown says (HeadlineLine.measure)
# What every figure is: customs clearance statistics (exports FOB, imports CIF), not the balance of payments. The
# items' figures too are summed from customs (HS) data: the ministry's own item figures differ a little.
CUSTOMS = "customs"
CUSTOMS_BASIS = f"{CUSTOMS} basis"


class Flow(NamedTuple):
    code: str  # as the data files and --flow spell it
    name: str  # how it reads; also the code of the headline line of its total

    @property
    def total(self) -> str:
        """The headline line of the flow's total."""
        return self.name


FLOWS: Mapping[str, Flow] = MappingProxyType(
    {flow.code: flow for flow in (Flow("export", "exports"), Flow("import", "imports"))}
)


class HeadlineLine(NamedTuple):
    code: str  # the Headline record's field, the JSON key and the key of the snapshot's headline series
    title: str  # as a table row names it: "Daily-average exports"
    label: str  # as a sentence begins with it: "The trade balance"
    short: str  # the title of its card on the main screen, and of its drilldown
    name_ko: str  # as the ministry's release says it (the headline lines are not in the catalog)
    signed: bool = False  # can be below zero: its change on a year earlier is in dollars, not a growth rate
    points: float | None = None  # a notable about it scores these subject points; None: no notables about it
    year_to_date: bool = False  # a sum since January, which falls back each January: compared by calendar month
    measure: str = MONTH_TOTAL  # what one value is, where it is not a month's total
    in_days: bool = False  # counts days, not dollars
    card: bool = True  # has a card on the main screen

    def in_language(self, lang: str) -> "HeadlineLine":
        """The line named in `lang`: in Korean, the release's one name serves as its title, label and short name."""
        if lang != KOREAN:
            return self
        return self._replace(title=self.name_ko, label=self.name_ko, short=self.name_ko)


HEADLINE_LINES: Mapping[str, HeadlineLine] = MappingProxyType(
    {
        line.code: line
        for line in (
            HeadlineLine("exports", "Exports", "Exports", "Exports", "수출", points=40),
            HeadlineLine("imports", "Imports", "Imports", "Imports", "수입", points=30),
            HeadlineLine("balance", "Balance", "The trade balance", "Balance", "무역수지", signed=True, points=30),
            HeadlineLine(
                "working_days", "Working days", "Working days", "Working days", "조업일수", in_days=True, card=False
            ),
            HeadlineLine(
                "daily_avg_exports",
                "Daily-average exports",
                "Daily-average exports",
                "Daily avg",
                "일평균 수출",
                points=35,
                measure="a working day",
            ),
            HeadlineLine(
                "ytd_exports",
                "Exports year to date",
                "Exports year to date",
                "YTD exp",
                "누적 수출",
                year_to_date=True,
                measure="year to date",
            ),
        )
    }
)
CARD_LINES = tuple(line for line in HEADLINE_LINES.values() if line.card)  # the main screen's cards, in order
HEADLINE_EX_ITEM = "semiconductors"  # the item whose exclusion the release shows: exports without it


def excluding(item: str, lang: str, line: str = "") -> str:
    """What is left of a line (its title, in `lang`) without an item: 'Exports ex semiconductors', and in Korean
    as the ministry writes it, '반도체 제외 수출'; without a line, 'ex semiconductors' or '반도체 제외'."""
    if lang == KOREAN:
        return f"{item} 제외 {line}".rstrip()
    return f"{line} ex {item[:1].lower()}{item[1:]}".lstrip()


def flow_of_total(line: str) -> str | None:
    """The flow whose total the headline line is ('export' for exports), or None."""
    return next((flow.code for flow in FLOWS.values() if flow.total == line), None)


def is_signed(dimension: str, code: str) -> bool:
    """Whether a subject's values can be below zero: only a signed headline line's (items and partners are sums)."""
    line = HEADLINE_LINES.get(code) if dimension == HEADLINE else None
    return line is not None and line.signed
