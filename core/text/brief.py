"""The release brief as text or as JSON, for `tradetop brief`."""

from typing import Any

from core.base import fmt
from core.base.periods import describe_period, format_period, parse_period
from core.base.release_calendar import ReleaseDate
from core.base.subjects import (
    CUSTOMS_BASIS,
    ENGLISH,
    FLOWS,
    HEADLINE,
    HEADLINE_EX_ITEM,
    HEADLINE_LINES,
    HeadlineLine,
    excluding,
)
from core.engine.coverage import headline_begins, main_detail_gap, main_later_rows
from core.engine.destinations import Split, by_destination
from core.engine.model import (
    INTERVAL_NOMINAL_PCT,
    TOP_NOTABLES,
    Balance,
    Figure,
    FlashView,
    FlashWindow,
    LaterRows,
    Notable,
    Nowcast,
    NowcastReview,
    RecordFacts,
    Release,
    ReleaseRow,
    WorkingDays,
)
from core.engine.notables.wording import breadth_line, joined, name_in_sentence
from core.engine.snapshot import Snapshot, to_json
from core.text.export import (
    flash_table,
    headline_table,
    markdown_escaped,
    markdown_text,
    rows_table,
)
from core.text.releases import release_json


def brief_json(
    snapshot: Snapshot,
    month: int,
    release: Release | None,
    next_release: ReleaseDate | None = None,
    lang: str = ENGLISH,
) -> dict[str, Any]:
    """A month without a release (`release` None) is preliminary: its release fields are null and `flash`
    holds its latest 10-day window (its items named in `lang`, as the release's names are). A released month has
    `flash` null. `nowcast_review` compares the flash nowcasts with the final figure, null while there is none or
    if the month had no flash. `next_release` is the next release after the time of the brief
    (core.base.release_calendar)."""
    preliminary = release is None
    body = dict.fromkeys(Release._fields) if preliminary else to_json(release)
    flash_months = snapshot.flash.months
    gap = None if release is None else main_detail_gap(snapshot, month, release.flow, release.breadth.set)
    # No item to compare (a month of totals only): no breadth, rather than "0 of 0 rose".
    uncounted = (
        {}
        if release is None
        else {
            key: None
            for key, breadth in (("breadth", release.breadth), ("ytd_breadth", release.ytd_breadth))
            if not breadth.total
        }
    )
    return (
        body
        | uncounted
        | {
            "period": format_period(month),
            "preliminary": preliminary,
            # Items and partners the month has no figure for yet: what the tables say, and the latest month with them.
            "detail_gap": None if gap is None else {"text": gap.text, "month": _period(gap.month)},
            # Items with figures by destination in the month (HS 8542): the whole and each destination.
            "by_destination": None if release is None else to_json(by_destination(snapshot, release.flow, month, lang)),
            "flash": to_json(snapshot.flash_view(month, lang)) if preliminary else None,
            "nowcast_review": to_json(snapshot.flash.review(month)),
            "flash_windows": to_json(snapshot.flash.windows(month)),
            "next_release": release_json(next_release),
            "data": {
                "directory": fmt.printable(str(snapshot.directory)),
                "first": format_period(snapshot.months[0]),
                "latest": format_period(snapshot.latest),
                "latest_flash": format_period(flash_months[-1]) if flash_months else None,
            },
        }
    )


def by_value(rows: tuple[ReleaseRow, ...]) -> list[ReleaseRow]:
    """The brief's order: largest first."""
    return sorted(rows, key=lambda row: -(row.value_usd or 0))


def _table(title: str, rows: tuple[ReleaseRow, ...], later: LaterRows | None) -> list[str]:
    """Rows largest first; those whose data begins after the month (`later`) said in one line under them."""
    lines = [f"{title:<30}{'value':>10}{'YoY':>9}{'share':>8}{'Δshare':>9}{'contrib':>9}"]
    for row in by_value(rows):
        if later is None or row.code not in later.codes:
            lines.append(
                f"  {fmt.padded(row.name, 27)} {fmt.usd(row.value_usd):>10}{fmt.pct(row.yoy_pct):>9}"
                f"{fmt.share(row.share_pct):>8}{fmt.pp(row.share_change_pp):>9}{fmt.pp(row.contribution_pp):>9}"
            )
    return lines + ([] if later is None else [f"  {later.texts[0]}"])


def _other_records(snapshot: Snapshot, release: Release, rest: tuple[Notable, ...], lang: str) -> list[str]:
    """One line per kind of record among the notables not shown, so no record goes unsaid; items and partners named
    in `lang`, as the notables name them."""
    month_name = describe_period(parse_period(release.period)).split()[0]
    lines = []
    for kind, claim in (
        ("record_all_time", "the highest in any month"),
        ("record_for_month", f"the highest for any {month_name}"),
    ):
        records = [
            notable
            for notable in rest
            if notable.kind == kind and isinstance(notable.facts, RecordFacts) and not notable.facts.equal_to
        ]
        groups = [HEADLINE_LINES[notable.subject].label.lower() for notable in records if notable.dimension == HEADLINE]
        catalog = snapshot.catalog.in_language(lang)
        for dimension, prefix in (("partner", "exports to"), ("item", "exports of")):
            names = [
                name_in_sentence(catalog, dimension, notable.subject)
                + (f" to {name_in_sentence(catalog, 'partner', notable.partner)}" if notable.partner else "")
                for notable in records
                if notable.dimension == dimension
            ]
            if names:
                groups.append(f"{prefix} {joined(names)}")
        if groups:
            lines.append(f"  Also {claim}: {'; '.join(groups)}.")
    return lines


def _headline_row(line: HeadlineLine, figure: Figure | Balance | WorkingDays) -> str:
    """A line's value and its change on a year earlier: in days, in dollars for a signed line, else its growth."""
    if isinstance(figure, WorkingDays):
        value, change = fmt.days(figure.value), f"{fmt.days(figure.diff, signed=True)} on a year earlier"
    elif isinstance(figure, Balance):
        value, change = (
            fmt.usd(figure.value_usd, signed=True),
            f"{fmt.usd(figure.change_usd, signed=True)} on a year earlier",
        )
    else:
        value, change = fmt.usd(figure.value_usd), fmt.pct(figure.yoy_pct)
    return f"  {fmt.padded(line.title, 22)}{value:>10}  {change}"


def _begin_later(begins: dict[str, tuple[str, ...]], lang: str) -> list[str]:
    """The headline lines whose data begins after the month (core.engine.coverage.headline_begins), in one line
    for each month they begin in: "Imports and Balance: data begins in 2021-08"."""
    return [
        f"{joined([HEADLINE_LINES[code].in_language(lang).title for code, forms in begins.items() if forms == said])}"
        f": {said[0]}"
        for said in dict.fromkeys(begins.values())
    ]


def _period(month: int | None) -> str | None:
    return None if month is None else format_period(month)


def _split_table(split: Split) -> list[str]:
    lines = [f"{fmt.padded(fmt.clipped(split.heading, 45), 46)}{'value':>10}{'YoY':>9}{'share':>8}{'$/kg':>9}"]
    for row in split.rows:
        lines.append(
            f"  {fmt.padded(fmt.clipped(row.name, 43), 44)}{fmt.usd(row.value_usd):>10}{fmt.pct(row.yoy_pct):>9}"
            f"{fmt.share(row.share_pct):>8}{fmt.unit_value(row.usd_per_kg):>9}"
        )
    return lines


def brief_text(snapshot: Snapshot, release: Release, all_notables: bool = False, lang: str = ENGLISH) -> str:
    """The brief of a released month, its names in `lang` (the release's own: snapshot.release(..., lang))."""
    month = parse_period(release.period)
    headline = release.headline
    catalog = snapshot.catalog.in_language(lang)
    lines = [
        f"Korea trade, {describe_period(month)} ({release.period}) · {FLOWS[release.flow].name} · {CUSTOMS_BASIS}",
        f"data: {fmt.printable(str(snapshot.directory))} "
        f"({format_period(snapshot.months[0])} to {format_period(snapshot.latest)})",
        "",
    ]
    # Lines whose data begins after the month: one line for them, not rows of n/a.
    begins = headline_begins(snapshot, month, HEADLINE_LINES, ytd=False)
    for line in HEADLINE_LINES.values():
        if line.code not in begins:
            lines.append(_headline_row(line.in_language(lang), getattr(headline, line.code)))
    lines += [f"  {line}" for line in _begin_later(begins, lang)]
    excluded = headline.exports_ex.get(HEADLINE_EX_ITEM)
    if excluded:
        ytd = headline.ytd_exports_ex[HEADLINE_EX_ITEM]
        label = excluding(catalog.name("item", HEADLINE_EX_ITEM), lang)
        label = fmt.padded(label[:1].upper() + label[1:], 21)
        lines.append(
            f"  {label} {fmt.usd(excluded.value_usd):>10}  {fmt.pct(excluded.yoy_pct)}"
            f"  (year to date {fmt.usd(ytd.value_usd)}, {fmt.pct(ytd.yoy_pct)})"
        )
    gap = main_detail_gap(snapshot, month, release.flow, release.breadth.set)
    later = main_later_rows(snapshot, month, release.flow, release.breadth.set)
    missing = gap.tables if gap else ()
    if gap is not None and len(missing) == 2:  # one line, not two tables of n/a
        lines += ["", gap.text[:1].upper() + gap.text[1:] + "."]
    else:
        for table, title, rows in (
            ("item", f"Items ({release.breadth.set})", release.items),
            ("partner", "Partners", release.partners),
        ):
            lines += (
                ["", f"{title}: {gap.text}."]
                if gap is not None and table in missing
                else ["", *_table(title, rows, later.get(table))]
            )
    for split in by_destination(snapshot, release.flow, month, lang):
        lines += ["", *_split_table(split)]
    if release.breadth.total:
        lines += ["", breadth_line(catalog, release.breadth)]
    shown, after = _notables(snapshot, release, all_notables, lang)
    if shown:
        lines += ["", "Notable"] + [f"- {text}" for text in shown]
    lines += [f"  {line}" for line in after]
    return "\n".join(lines)


def _notables(snapshot: Snapshot, release: Release, all_notables: bool, lang: str) -> tuple[list[str], list[str]]:
    """The texts of the notables the brief lists, and the lines after them: the kinds of record among the rest,
    and how many more there are."""
    shown = release.notables if all_notables else release.notables[:TOP_NOTABLES]
    after = [line.strip() for line in _other_records(snapshot, release, release.notables[len(shown) :], lang)]
    if len(shown) < len(release.notables):
        after.append(f"({len(release.notables) - len(shown)} more: --all)")
    return [notable.text for notable in shown], after


def brief_markdown(snapshot: Snapshot, release: Release, all_notables: bool = False, lang: str = ENGLISH) -> str:
    """The brief for a chat or a note: the headline, items and partners as Markdown tables (as `tradetop export`
    writes them, items and partners largest first), then the notables as a list; names in `lang`."""
    month = parse_period(release.period)
    # As the text brief: what begins after the month, and tables without any figure, said in one line each.
    begins = headline_begins(snapshot, month, HEADLINE_LINES, ytd=False)
    headline = headline_table(release, lang)
    lines = [markdown_text(headline._replace(rows=tuple(row for row in headline.rows if row[0].value not in begins)))]
    lines += [text for line in _begin_later(begins, lang) for text in ("", markdown_escaped(line))]
    gap = main_detail_gap(snapshot, month, release.flow, release.breadth.set)
    later = main_later_rows(snapshot, month, release.flow, release.breadth.set)
    for table, title, rows in (
        ("item", f"Items ({release.breadth.set})", release.items),
        ("partner", "Partners", release.partners),
    ):
        left_out = later.get(table)
        if gap is not None and table in gap.tables:
            lines += ["", markdown_escaped(f"{title}: {gap.text}.")]
            continue
        kept = [row for row in by_value(rows) if left_out is None or row.code not in left_out.codes]
        lines += ["", markdown_text(rows_table(table, kept, release))]
        lines += [] if left_out is None else ["", markdown_escaped(left_out.texts[0])]
    if release.breadth.total:
        lines += ["", markdown_escaped(breadth_line(snapshot.catalog.in_language(lang), release.breadth))]
    shown, after = _notables(snapshot, release, all_notables, lang)
    if shown:
        lines += ["", "**Notable**", ""] + [f"- {markdown_escaped(text)}" for text in shown]
    lines += [f"\n{markdown_escaped(line)}" for line in after]
    lines += ["", _markdown_source(snapshot)]
    return "\n".join(lines)


def _markdown_source(snapshot: Snapshot) -> str:
    covered = f"{format_period(snapshot.months[0])} to {format_period(snapshot.latest)}"
    return f"_{CUSTOMS_BASIS.capitalize()}; data {covered} (tradetop)_"


def _nowcast_figures(label: str, nowcast: Nowcast | None) -> tuple[str, str, str]:
    if nowcast is None:
        return label, fmt.MISSING, "(too little history)"
    interval = f"{INTERVAL_NOMINAL_PCT:.0f}% interval {fmt.usd(nowcast.low_usd)} to {fmt.usd(nowcast.high_usd)}"
    return label, fmt.usd(nowcast.value_usd), interval


def _figure_line(label: str, value: str, note: str) -> str:
    return f"  {fmt.padded(label, 22)}{value:>10}  {note}"


def _flash_figures(view: FlashView, lang: str) -> list[tuple[str, str, str]]:
    """(label, figure, what it is against) for the flash brief's lines; imports and the balance where the window
    has them; the headline lines named in `lang`."""
    days = f"days {view.window}"
    trade = (
        []
        if view.imports_usd is None
        else [
            (
                f"Imports, {days}",
                fmt.usd(view.imports_usd),
                f"{fmt.pct(view.imports_yoy_pct)} on {days} a year earlier",
            ),
            (
                f"Balance, {days}",
                fmt.usd(view.balance_usd, signed=True),
                f"{fmt.usd(view.balance_change_usd, signed=True)} on {days} a year earlier",
            ),
        ]
    )
    return [
        (
            f"Exports, days {view.window}",
            fmt.usd(view.value_usd),
            f"{fmt.pct(view.yoy_pct)} on days {view.window} a year earlier",
        ),
        *trade,
        (
            HEADLINE_LINES["working_days"].in_language(lang).title,
            fmt.days(view.working_days),
            f"against {fmt.days(view.working_days_prev)} a year earlier",
        ),
        (HEADLINE_LINES["daily_avg_exports"].in_language(lang).title, "", fmt.pct(view.daily_avg_yoy_pct)),
        _nowcast_figures("Nowcast, whole month", view.nowcast),
    ]


def _flash_title(view: FlashView) -> str:
    month = parse_period(view.period)
    flows = "exports" if view.imports_usd is None else "exports and imports"
    state = "PRELIMINARY" if view.preliminary else "FLASH ONLY (the whole month's total is in, no release yet)"
    what = f"{state}: {flows} of days {view.window}"
    return f"Korea trade, {describe_period(month)} ({view.period}) · {what} · {CUSTOMS_BASIS}"


def flash_text(snapshot: Snapshot, view: FlashView, lang: str = ENGLISH) -> str:
    """The brief of a month that has only its 10-day flash (`view` from snapshot.flash_view, its items named in
    `lang`)."""
    lines = [
        _flash_title(view),
        f"data: {fmt.printable(str(snapshot.directory))} (releases to {format_period(snapshot.latest)}, flash to "
        f"{format_period(snapshot.flash.months[-1])})",
        "",
        *(_figure_line(*figures) for figures in _flash_figures(view, lang)),
        "",
        f"{'Flash items (kcs10)':<30}{'value':>10}{'YoY':>9}",
    ]
    for item in view.largest_items:
        lines.append(f"  {fmt.padded(item.name, 27)} {fmt.usd(item.value_usd):>10}{fmt.pct(item.yoy_pct):>9}")
    unpublished = len(view.items) - len(view.largest_items)
    if unpublished:
        lines.append(f"  ({unpublished} of the {len(view.items)} flash items not published for days {view.window})")
    return "\n".join(lines)


def flash_markdown(snapshot: Snapshot, view: FlashView, lang: str = ENGLISH) -> str:
    """The flash brief for a chat or a note: its figures as a list, the flash items as a Markdown table."""
    lines = [f"**{_flash_title(view)}**", ""]
    lines += [
        f"- {label}: {', '.join(part for part in (value, note) if part)}"
        for label, value, note in _flash_figures(view, lang)
    ]
    lines += ["", markdown_text(flash_table(view)), "", _markdown_source(snapshot)]
    return "\n".join(lines)


def review_text(review: NowcastReview) -> str:
    """How the flash nowcasts compared with the final figure."""
    lines = [f"Flash nowcasts against the final {fmt.usd(review.final_usd)}:"]
    for check in review.checks:
        verdict = (
            ""
            if check.nowcast is None
            else f"  {fmt.pct(check.error_pct)} off, {'inside' if check.inside else 'outside'} the interval"
        )
        lines.append(_figure_line(*_nowcast_figures(f"From days {check.window}", check.nowcast)) + verdict)
    return "\n".join(lines)


def windows_text(windows: tuple[FlashWindow, ...]) -> str:
    """A released month's 10-day windows, where they have imports: exports, imports and the balance from day 1 to
    each window's end, against the same days a year earlier. Empty without imports."""
    if all(window.imports_usd is None for window in windows):
        return ""
    lines = ["10-day flash, from day 1, against the same days a year earlier:"]
    for window in windows:
        lines.append(
            f"  {'Days ' + window.window:<11}exports {fmt.usd(window.exports_usd)} {fmt.pct(window.exports_yoy_pct)}"
            f" · imports {fmt.usd(window.imports_usd)} {fmt.pct(window.imports_yoy_pct)}"
            f" · balance {fmt.usd(window.balance_usd, signed=True)} {fmt.usd(window.balance_change_usd, signed=True)}"
            f" · working days {fmt.days(window.working_days)} ({fmt.days(window.working_days_prev)})"
        )
    return "\n".join(lines)
