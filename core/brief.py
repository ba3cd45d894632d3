"""The release brief as text or as JSON, for `tradetop brief`."""

from . import fmt
from .indicators import Release, Row, Snapshot, to_json
from .periods import describe_period, format_period, parse_period

HEADLINE_EX_ITEM = "semiconductors"
TOP_NOTABLES = 10


def brief_json(snapshot: Snapshot, release: Release) -> dict:
    return to_json(release) | {"data": {"directory": str(snapshot.directory),
                                        "first": format_period(snapshot.months[0]),
                                        "latest": format_period(snapshot.latest)}}


def _table(title: str, rows: tuple[Row, ...]) -> list[str]:
    lines = [f"{title:<30}{'value':>10}{'YoY':>9}{'share':>8}{'Δshare':>9}{'contrib':>9}"]
    ordered = sorted(rows, key=lambda row: -(row.value_usd or 0))
    for row in ordered:
        lines.append(f"  {row.name[:27]:<28}{fmt.usd(row.value_usd):>10}{fmt.pct(row.yoy_pct):>9}"
                     f"{fmt.share(row.share_pct):>8}{fmt.pp(row.share_change_pp):>9}{fmt.pp(row.contribution_pp):>9}")
    return lines


def brief_text(snapshot: Snapshot, release: Release, all_notables: bool = False) -> str:
    month = parse_period(release.period)
    headline = release.headline
    flow_name = "exports" if release.flow == "export" else "imports"
    catalog = snapshot.catalog
    lines = [
        f"Korea trade, {describe_period(month)} ({release.period}) · {flow_name} · customs basis",
        f"data: {snapshot.directory} ({format_period(snapshot.months[0])} to {format_period(snapshot.latest)})",
        "",
        f"  {'Exports':<22}{fmt.usd(headline.exports.value_usd):>10}  {fmt.pct(headline.exports.yoy_pct)}",
        f"  {'Imports':<22}{fmt.usd(headline.imports.value_usd):>10}  {fmt.pct(headline.imports.yoy_pct)}",
        f"  {'Balance':<22}{fmt.usd(headline.balance.value_usd, signed=True):>10}  "
        f"{fmt.usd(headline.balance.change_usd, signed=True)} on a year earlier",
        f"  {'Working days':<22}{fmt.days(headline.working_days.value):>10}  "
        f"{fmt.days(headline.working_days.diff, signed=True)} on a year earlier",
        f"  {'Daily-average exports':<22}{fmt.usd(headline.daily_avg_exports.value_usd):>10}  "
        f"{fmt.pct(headline.daily_avg_exports.yoy_pct)}",
        f"  {'Exports year to date':<22}{fmt.usd(headline.ytd_exports.value_usd):>10}  {fmt.pct(headline.ytd_exports.yoy_pct)}",
    ]
    excluded = headline.exports_ex.get(HEADLINE_EX_ITEM)
    if excluded:
        ytd = headline.ytd_exports_ex[HEADLINE_EX_ITEM]
        label = f"Ex {catalog.name('item', HEADLINE_EX_ITEM).lower()}"
        lines.append(f"  {label[:21]:<22}{fmt.usd(excluded.value_usd):>10}  {fmt.pct(excluded.yoy_pct)}"
                     f"  (year to date {fmt.usd(ytd.value_usd)}, {fmt.pct(ytd.yoy_pct)})")
    lines += ["", *_table(f"Items ({release.breadth.set})", release.items),
              "", *_table("Partners", release.partners), ""]
    breadth = release.breadth
    if breadth.total:
        fell = ", ".join(catalog.name("item", code) for code in breadth.fell)
        lines.append(f"{breadth.up} of {breadth.total} items rose" + (f"; fell: {fell}." if fell else "."))
    shown = release.notables if all_notables else release.notables[:TOP_NOTABLES]
    if shown:
        lines += ["", "Notable"] + [f"- {notable['text']}" for notable in shown]
    if len(shown) < len(release.notables):
        lines.append(f"  ({len(release.notables) - len(shown)} more: --all)")
    return "\n".join(lines)
