"""A month's tables as plain rows and columns: `tradetop export` writes them as CSV, JSON or Markdown, the brief as
Markdown, and the monitor copies them as TSV. One definition of each table, whatever it is written as.

Each cell holds the plain value (dollars, percent, a code) and the text the screen shows for it: CSV, TSV and JSON
write the values, unformatted; Markdown, read by people in a chat, writes the texts.
"""

import csv
import io
import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple, Protocol

from core.base import fmt
from core.base.catalog import WORLD
from core.base.periods import describe_period, format_period, parse_period
from core.base.subjects import CUSTOMS_BASIS, ENGLISH, FLOWS, HEADLINE_EX_ITEM, HEADLINE_LINES, excluding, is_signed
from core.engine.destinations import Split
from core.engine.model import FlashView, PartnerBalance, Release, ReleaseRow
from core.engine.snapshot import Snapshot

Value = str | float | None


class Cell(NamedTuple):
    value: Value  # what CSV, TSV and JSON write: a number in dollars or percent, or text
    text: str  # what Markdown writes: as the screen shows it


class Column(NamedTuple):
    key: str  # the CSV heading and the JSON field
    label: str  # the Markdown heading
    numeric: bool = True  # right-aligned in Markdown
    in_markdown: bool = True  # Markdown, for a chat's width, leaves out codes and the year to date


class Table(NamedTuple):
    title: str
    about: Mapping[str, str]  # what the table is of (table, period, flow, ...): JSON's fields beside the rows
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]


def _text(value: str) -> Cell:
    shown = fmt.printable(value)  # names and codes come from data files
    return Cell(shown, shown)


def _figure(value: float | None, shown: Callable[[float | None], str]) -> Cell:
    return Cell(value, shown(value))


# ReleaseRow fields: (label, how the screen writes it, in Markdown). The keys are the fields of `brief --json`'s rows.
ROW_FIGURES: dict[str, tuple[str, Callable[[float | None], str], bool]] = {
    "value_usd": ("Value", fmt.usd, True),
    "yoy_pct": ("YoY", fmt.pct, True),
    "share_pct": ("Share", fmt.share, True),
    "share_change_pp": ("Δshare", fmt.pp, True),
    "contribution_pp": ("Contrib", fmt.pp, True),
    "ytd_value_usd": ("YTD value", fmt.usd, False),
    "ytd_yoy_pct": ("YTD YoY", fmt.pct, False),
    "ytd_share_pct": ("YTD share", fmt.share, False),
    "ytd_share_change_pp": ("YTD Δshare", fmt.pp, False),
    "ytd_contribution_pp": ("YTD contrib", fmt.pp, False),
}
DIMENSION_LABELS = {"item": "Item", "partner": "Partner"}


def _release_about(release: Release, table: str) -> dict[str, str]:
    return {"table": table, "period": release.period, "flow": release.flow, "set": release.breadth.set}


def _when(period: str) -> str:
    return describe_period(parse_period(period))


def rows_table(dimension: str, rows: Sequence[ReleaseRow], release: Release) -> Table:
    """Items or partners of the release, in the order given (the screen's sort, or the catalog's)."""
    flow = FLOWS[release.flow].name
    title = f"Items ({release.breadth.set})" if dimension == "item" else "Partners"
    return _figures_table(
        f"{title} · {flow} · {_when(release.period)}",
        _release_about(release, f"{dimension}s"),
        DIMENSION_LABELS[dimension],
        ROW_FIGURES,
        rows,
    )


def _figures_table(
    title: str,
    about: Mapping[str, str],
    name_label: str,
    figures: dict[str, tuple[str, Callable[[float | None], str], bool]],
    rows: Sequence[ReleaseRow] | Sequence[PartnerBalance],
) -> Table:
    """A row's code and name, then its `figures` (field: label, format, whether Markdown shows it)."""
    columns = (
        Column("code", "Code", numeric=False, in_markdown=False),
        Column("name", name_label, numeric=False),
        *(Column(key, label, in_markdown=shown) for key, (label, _format, shown) in figures.items()),
    )
    return Table(
        title,
        about,
        columns,
        tuple(
            (
                _text(row.code),
                _text(row.name),
                *(_figure(getattr(row, key), shown) for key, (_label, shown, _md) in figures.items()),
            )
            for row in rows
        ),
    )


def _signed_usd(value: float | None) -> str:
    return fmt.usd(value, signed=True)


# PartnerBalance fields, as ROW_FIGURES: the keys are the fields of `brief --json`'s partner_balances.
BALANCE_FIGURES: dict[str, tuple[str, Callable[[float | None], str], bool]] = {
    "exports_usd": ("Exports", fmt.usd, True),
    "imports_usd": ("Imports", fmt.usd, True),
    "balance_usd": ("Balance", _signed_usd, True),
    "balance_change_usd": ("Balance y/y", _signed_usd, True),
    "ytd_exports_usd": ("YTD exports", fmt.usd, False),
    "ytd_imports_usd": ("YTD imports", fmt.usd, False),
    "ytd_balance_usd": ("YTD balance", _signed_usd, False),
    "ytd_balance_change_usd": ("YTD balance y/y", _signed_usd, False),
}


def balances_table(rows: Sequence[PartnerBalance], release: Release) -> Table:
    """Trade with each partner in both flows, in the order given: exports, imports, the balance and its change on a
    year earlier (in dollars), of the month and of the year to date."""
    return _figures_table(
        f"Partners · exports, imports, balance · {_when(release.period)}",
        {"table": "balances", "period": release.period},
        "Partner",
        BALANCE_FIGURES,
        rows,
    )


HEADLINE_COLUMNS = (
    Column("line", "Code", numeric=False, in_markdown=False),
    Column("name", "", numeric=False),
    Column("unit", "Unit", numeric=False, in_markdown=False),
    Column("value", "Value"),
    Column("yoy_pct", "YoY"),
    Column("change", "Change"),
)


def headline_table(release: Release, lang: str = ENGLISH) -> Table:
    """The month's headline lines, one a row, named in `lang`: the value, and its change on a year earlier as growth
    (`yoy_pct`) or, for the balance and working days, as a difference (`change`, in the line's unit)."""
    headline = release.headline

    def line(
        code: str, name: str, value: float | None, change: float | None, growth: bool, in_days: bool = False
    ) -> tuple[Cell, ...]:
        unit, shown = ("days", fmt.days) if in_days else ("USD", fmt.usd)
        return (
            _text(code),
            _text(name),
            Cell(unit, unit),
            Cell(value, shown(value, signed=is_signed("headline", code))),  # a balance's sign, as the brief shows it
            _figure(change, fmt.pct) if growth else Cell(None, ""),
            Cell(None, "") if growth else Cell(change, shown(change, signed=True)),
        )

    # A growth rate, except where the line can be negative or counts days: there the difference.
    rows = []
    for spec in HEADLINE_LINES.values():
        value, change = getattr(headline, spec.code)
        title = spec.in_language(lang).title
        rows.append(line(spec.code, title, value, change, not (spec.signed or spec.in_days), spec.in_days))
    excluded, ytd_excluded = headline.exports_ex.get(HEADLINE_EX_ITEM), headline.ytd_exports_ex.get(HEADLINE_EX_ITEM)
    if excluded and ytd_excluded:
        name = next((row.name for row in release.items if row.code == HEADLINE_EX_ITEM), HEADLINE_EX_ITEM)
        rows += [
            line(
                f"{code}_ex_{HEADLINE_EX_ITEM}",
                excluding(name, lang, HEADLINE_LINES[code].in_language(lang).title),
                *figure,
                growth=True,
            )
            for code, figure in (("exports", excluded), ("ytd_exports", ytd_excluded))
        ]
    return Table(
        f"Korea trade · {_when(release.period)} · {CUSTOMS_BASIS}",
        {"table": "headline", "period": release.period},
        HEADLINE_COLUMNS,
        tuple(rows),
    )


class CardFigures(Protocol):
    """A headline card as the main screen shows it (core.views.cards.Card)."""

    @property
    def code(self) -> str: ...
    @property
    def titles(self) -> tuple[str, ...]: ...
    @property
    def value_usd(self) -> float | None: ...
    @property
    def change(self) -> float | None: ...
    @property
    def signed(self) -> bool: ...


def cards_table(cards: Sequence[CardFigures], period: str, span: str) -> Table:
    """The headline cards shown (the year to date's: `span` says which months), each its title, value and change on
    a year earlier: growth, or for the balance the difference in dollars."""
    rows = tuple(
        (
            _text(card.code),
            _text(card.titles[0]),
            Cell("USD", "USD"),
            Cell(card.value_usd, fmt.usd(card.value_usd, signed=card.signed)),
            Cell(None, "") if card.signed else _figure(card.change, fmt.pct),
            Cell(card.change, fmt.usd(card.change, signed=True)) if card.signed else Cell(None, ""),
        )
        for card in cards
    )
    return Table(
        f"Korea trade · {span} · {CUSTOMS_BASIS}",
        {"table": "cards", "period": period, "span": span},
        HEADLINE_COLUMNS,
        rows,
    )


def notables_table(release: Release) -> Table:
    """Every notable of the release, most newsworthy first, with what it is about and its score."""
    columns = (
        Column("rank", "#"),
        Column("dimension", "Dimension", numeric=False, in_markdown=False),
        Column("subject", "Subject", numeric=False, in_markdown=False),
        Column("partner", "Partner", numeric=False, in_markdown=False),  # of an item to one destination
        Column("kind", "Kind", numeric=False, in_markdown=False),
        Column("score", "Score", in_markdown=False),
        Column("text", "Notable", numeric=False),
    )
    return Table(
        f"Notable · {_when(release.period)}",
        _release_about(release, "notables"),
        columns,
        tuple(
            (
                Cell(float(rank), str(rank)),
                _text(notable.dimension),
                _text(notable.subject),
                _text(notable.partner or ""),
                _text(notable.kind),
                Cell(notable.score, f"{notable.score:g}"),
                _text(notable.text),
            )
            for rank, notable in enumerate(release.notables, start=1)
        ),
    )


def history_table(
    snapshot: Snapshot,
    dimension: str,
    code: str,
    month: int,
    months: int | None,
    flow: str = "export",
    lang: str = ENGLISH,
    partner: str = WORLD,
) -> Table:
    """A subject's months up to `month`, oldest first: `months` of them, or None for all it has data for. As the
    drilldown's months table: the value, its change on a year earlier (growth, or for a signed headline line the
    difference in dollars) and, for an item or a partner, its share of the flow's total (an item's to one
    `partner`: of the item's to the world). Its title names the subject in `lang`."""
    if months is None:  # the span the drilldown plots as all history: from the subject's first figure
        months = len(snapshot.month_chart(dimension, code, month, None, flow, partner).months)
    history = snapshot.history(dimension, code, month, months, flow, partner)
    signed = is_signed(dimension, code)
    change_column = Column("change_usd", "y/y") if signed else Column("yoy_pct", "YoY")
    changes = history.change_usd if signed else history.yoy_pct
    columns = [Column("period", "Month", numeric=False), Column("value_usd", "Value"), change_column]
    if dimension != "headline":
        columns.append(Column("share_pct", "Share"))
    rows = []
    for index, period in enumerate(history.months):
        cells = [
            _text(format_period(period)),
            _figure(history.values[index], fmt.usd),
            Cell(changes[index], fmt.usd(changes[index], signed=True) if signed else fmt.pct(changes[index])),
        ]
        if dimension != "headline":
            cells.append(_figure(history.share_pct[index], fmt.share))
        rows.append(tuple(cells))
    flow_part = "" if dimension == "headline" else f" · {FLOWS[flow].name}"
    span = f"{format_period(history.months[0])} to {format_period(month)}"
    about = {"table": "history", "dimension": dimension, "subject": fmt.printable(code), "to": format_period(month)}
    if dimension != "headline":
        about["flow"] = flow
    catalog = snapshot.catalog.in_language(lang)
    name = HEADLINE_LINES[code].in_language(lang).title if dimension == "headline" else catalog.name(dimension, code)
    if partner != WORLD:  # an item's exports to one destination
        about["partner"] = fmt.printable(partner)
        name += f" to {catalog.name('partner', partner)}"
    return Table(f"{name}{flow_part} · {span}", about, tuple(columns), tuple(rows))


def split_table(split: Split, period: str) -> Table:
    """A drilldown's split as it lists it: an item's exports by destination, or the items a partner has figures for,
    largest first."""
    by_destination = split.partner == WORLD
    code = "partner" if by_destination else "item"
    return Table(
        f"{split.heading} · {_when(period)}",
        {
            "table": "split",
            "period": period,
            "item": fmt.printable(split.item),
            "partner": fmt.printable(split.partner),
        },
        (
            Column(code, "Code", numeric=False, in_markdown=False),
            Column("name", "Destination" if by_destination else "Item", numeric=False),
            Column("value_usd", "Value"),
            Column("yoy_pct", "YoY"),
            Column("share_pct", "Share"),
            Column("usd_per_kg", "$/kg"),
        ),
        tuple(
            (
                _text(row.partner if by_destination else row.item),
                _text(row.name),
                _figure(row.value_usd, fmt.usd),
                _figure(row.yoy_pct, fmt.pct),
                _figure(row.share_pct, fmt.share),
                _figure(row.usd_per_kg, fmt.unit_value),
            )
            for row in split.rows
        ),
    )


def flash_table(view: FlashView) -> Table:
    """A month's flash items, largest first, as the flash screen lists them."""
    return Table(
        f"Flash items · days {view.window} · {_when(view.period)}" + (" (preliminary)" if view.preliminary else ""),
        {"table": "flash", "period": view.period, "window": view.window},
        (
            Column("code", "Code", numeric=False, in_markdown=False),
            Column("name", "Item", numeric=False),
            Column("value_usd", "Value"),
            Column("yoy_pct", "YoY"),
        ),
        tuple(
            (_text(item.code), _text(item.name), _figure(item.value_usd, fmt.usd), _figure(item.yoy_pct, fmt.pct))
            for item in view.largest_items
        ),
    )


def plain(value: Value) -> str | float | int | None:
    """A figure as a plain number: whole dollars without `.0`; None for what cannot be computed."""
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    return value


# A cell a spreadsheet would read as a formula (=, +, -, @ first) is written as text: a name in a data file
# could otherwise run one when the file is opened.
FORMULA_START = ("=", "+", "-", "@")


def _spreadsheet_cell(value: Value) -> str:
    written = plain(value)
    if written is None:
        return ""
    if isinstance(written, str):
        return "'" + written if written.startswith(FORMULA_START) else written
    return repr(written)


def csv_text(table: Table, delimiter: str = ",") -> str:
    """A header line of the column keys, then a line a row: plain numbers, empty where there is none."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(column.key for column in table.columns)
    writer.writerows([_spreadsheet_cell(cell.value) for cell in row] for row in table.rows)
    return out.getvalue()


def tsv_text(table: Table) -> str:
    """For the clipboard: a spreadsheet takes pasted tab-separated lines as cells."""
    return csv_text(table, "\t")


def json_text(table: Table) -> str:
    """What the table is of, and its rows as objects keyed by the columns; null where there is no figure."""
    rows = [
        {column.key: plain(cell.value) for column, cell in zip(table.columns, row, strict=True)} for row in table.rows
    ]
    return json.dumps({**table.about, "rows": rows}, ensure_ascii=False, indent=1, allow_nan=False)


# Characters Markdown would read as markup (emphasis, links, HTML, a table's cell edge): escaped in text from data.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def markdown_escaped(text: str) -> str:
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def markdown_text(table: Table) -> str:
    """The title in bold over a table as chat apps and GitHub render it: the screen's figures, names escaped."""
    columns = [index for index, column in enumerate(table.columns) if column.in_markdown]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    lines = [
        f"**{markdown_escaped(table.title)}**",
        "",
        line([table.columns[index].label for index in columns]),
        line(["--:" if table.columns[index].numeric else ":--" for index in columns]),
    ]
    for row in table.rows:
        cells = [
            row[index].text if table.columns[index].numeric else markdown_escaped(row[index].text) for index in columns
        ]
        lines.append(line(cells))
    return "\n".join(lines)


FORMATS: dict[str, Callable[[Table], str]] = {"csv": csv_text, "json": json_text, "md": markdown_text}
