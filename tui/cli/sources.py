"""`tradetop import` and `tradetop fetch`: official responses into the data directory."""

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from tui.output import fail, say

TARGET_HELP = "the data directory to write into (default: $TRADETOP_DATA)"
HS_MAP_HELP = "CSV with hs_code,item: HS codes or prefixes and the catalog item each belongs to"
COUNTRIES_HELP = (
    "ISO-2 codes kept apart, such as US,CN,JP; the other countries are summed as OTHER (default: all apart)"
)


def add_command(commands, data, period) -> None:
    importer = commands.add_parser("import", help="convert official responses into tidy trade files")
    importer.add_argument(
        "kind",
        metavar="KIND",
        help="totals, countries, items, flash, destinations (customs service XML) or ecos (Bank of Korea JSON)",
    )
    importer.add_argument("files", nargs="+", metavar="FILE", help="saved response bodies")
    importer.add_argument("--to", dest="target", metavar="DIR", help=TARGET_HELP)
    importer.add_argument("--hs-map", metavar="FILE", help=HS_MAP_HELP + " (needed for items)")
    importer.add_argument(
        "--hs", metavar="CODE", help="destinations: the HS code the responses are for, such as 8542 (needed)"
    )
    importer.add_argument("--countries", metavar="CC,CC", default="", help="destinations: " + COUNTRIES_HELP)
    importer.add_argument(
        "--released", metavar="YYYY-MM-DD", type=_date, help="the data's date (default: each file's modification date)"
    )
    importer.set_defaults(run=run_import)
    fetcher = commands.add_parser("fetch", help="fetch months from the customs service (key: $TRADETOP_KCS_KEY)")
    fetcher.add_argument("--from", dest="first", metavar="YYYY-MM", required=True, type=_month, help="the first month")
    fetcher.add_argument(
        "--to", dest="last", metavar="YYYY-MM", type=_month, help="the last month (default: the first)"
    )
    fetcher.add_argument("--data", metavar="DIR", help=TARGET_HELP, default=argparse.SUPPRESS)
    fetcher.add_argument("--key-file", metavar="FILE", help="a file holding the data.go.kr service key")
    fetcher.add_argument("--hs-map", metavar="FILE", help=HS_MAP_HELP + " (without it, items are not fetched)")
    fetcher.add_argument(
        "--hs",
        metavar="CODE",
        action="append",
        default=[],
        help="also fetch exports of this HS code by destination country (item-by-country results; repeatable)",
    )
    fetcher.add_argument("--countries", metavar="CC,CC", default="", help="with --hs: " + COUNTRIES_HELP)
    fetcher.set_defaults(run=run_fetch)


def _month(text: str) -> int:
    from core.base.periods import parse_period

    try:
        return parse_period(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _date(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (expected YYYY-MM-DD)") from None


def _target(option: str | None, command: str, option_name: str) -> tuple[Path | None, str]:
    """Where to write: the option, else $TRADETOP_DATA, never the embedded data; or why there is nowhere."""
    from core.ingest.datadir import ENVIRONMENT_VARIABLE

    chosen = option or os.environ.get(ENVIRONMENT_VARIABLE)
    if not chosen:
        return None, f"{command}: no data directory: pass {option_name} DIR or set ${ENVIRONMENT_VARIABLE}"
    directory = Path(chosen).expanduser()
    if not directory.is_dir():
        return None, f"{command}: {directory} is not a directory (expected an existing data directory)"
    return directory, ""


def _hs_map(hs_map_file: str | None):
    """The HS map, or None without one; DataError with file:line problems if it is bad."""
    from core.ingest.sources import HsMap

    return HsMap.read(Path(hs_map_file).expanduser()) if hs_map_file else None


def _destinations(hs_codes: list[str], countries: str, command: str) -> tuple[list, str]:
    """The item-by-destination queries of --hs and --countries, or why they are not valid."""
    from core.ingest.sources import Destinations

    if countries and not hs_codes:
        return [], f"{command}: --countries goes with --hs (the HS code whose exports by destination are wanted)"
    try:
        return [Destinations.parse(code, countries) for code in hs_codes], ""
    except ValueError as error:
        return [], f"{command}: {error}"


def run_import(args) -> int:
    from core.base.problems import DataError
    from core.ingest.sources import KINDS, Context, SourceError, convert, read_regions, read_response, save

    if args.kind not in KINDS:
        return fail([f"import: unknown kind {args.kind!r} (expected one of {', '.join(KINDS)})"], 2)
    kind = KINDS[args.kind]
    if kind.name == "items" and not args.hs_map:
        return fail(
            ["import items: --hs-map FILE is needed (the HS code -> item mapping; see README, Official sources)"], 2
        )
    if (kind.name == "destinations") != bool(args.hs):
        return fail(
            ["import: --hs CODE goes with the kind destinations, and that kind needs it (such as --hs 8542)"], 2
        )
    destinations, problem = _destinations([args.hs] if args.hs else [], args.countries, "import")
    if problem:
        return fail([problem], 2)
    query = destinations[0] if destinations else None
    directory, problem = _target(args.target, "import", "--to")
    if directory is None:
        return fail([problem], 2)
    try:
        regions = read_regions(directory) if kind.name == "countries" else {}
        context = Context(regions, _hs_map(args.hs_map), query)
    except DataError as error:
        return fail([str(problem) for problem in error.problems])
    failures = 0
    for name in args.files:
        path = Path(name)
        try:
            released = args.released or date.fromtimestamp(path.stat().st_mtime).isoformat()
            rows = convert(kind, read_response(path), context)
            if not rows:
                say(f"{path}: no rows (the service returned no data for this query); nothing written")
                continue
            written = save(kind, rows, directory, released, subject=query.item if query else "")
            say(f"{path} -> {written} ({len(rows)} rows)")
        except SourceError as error:
            failures += fail([f"{path}: {error}"])
        except FileExistsError as error:
            failures += fail([f"{path}: {error.filename2} already exists; not overwritten (remove it to import again)"])
        except OSError as error:
            failures += fail([f"{path}: {error.strerror}"])
    return 1 if failures else 0


class _Progress:
    """`[=====     ] 3/6 countries 2025-01..2025-12` on stderr: redrawn in place on a terminal, a line each
    otherwise."""

    def __init__(self):
        self.live = sys.stderr.isatty()

    def __call__(self, done: int, total: int, label: str) -> None:
        filled = round(10 * done / total)
        line = f"[{'=' * filled}{' ' * (10 - filled)}] {done}/{total} {label}"
        print(f"\r\x1b[K{line}" if self.live else line, end="" if self.live else "\n", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.live:
            print(file=sys.stderr)


def run_fetch(args) -> int:
    from core.base.periods import format_period
    from core.base.problems import DataError
    from core.ingest.fetch import Client, FetchError, base_url, fetch, read_key, served_months
    from core.ingest.sources import read_regions

    last = args.first if args.last is None else args.last
    if last < args.first:
        return fail([f"fetch: --to {format_period(last)} is before --from {format_period(args.first)}"], 2)
    served = served_months(date.today())
    for option, month in (("--from", args.first), ("--to", last)):
        if not served[0] <= month <= served[1]:
            return fail(
                [
                    f"fetch: {option} {format_period(month)} is outside the months the service has "
                    f"({format_period(served[0])} to {format_period(served[1])}, the current month)"
                ],
                2,
            )
    destinations, problem = _destinations(args.hs, args.countries, "fetch")
    if problem:
        return fail([problem], 2)
    directory, problem = _target(args.data, "fetch", "--data")
    if directory is None:
        return fail([problem], 2)
    try:  # the key and the service URL are checked before any request
        client = Client(read_key(args.key_file), base_url())
    except FetchError as error:
        return fail([f"fetch: {error}"], 2)
    progress = _Progress()
    try:
        outcome = fetch(
            client,
            args.first,
            last,
            directory,
            read_regions(directory),
            _hs_map(args.hs_map),
            date.today().isoformat(),
            progress,
            tuple(destinations),
        )
        failure = []
    except DataError as error:
        failure = [str(problem) for problem in error.problems]
    except FetchError as error:
        failure = [f"fetch: {error}"]
    except OSError as error:
        failure = [f"fetch: cannot write into {directory}: {error.strerror}"]
    progress.close()  # before any message, so none lands on the progress line
    if failure:
        return fail(failure)
    for path in outcome.written:
        say(f"wrote {path}")
    for label in outcome.empty:
        say(f"no data yet for {label}")
    if outcome.skipped:
        say(f"{len(outcome.skipped)} already fetched today, kept: {', '.join(path.name for path in outcome.skipped)}")
    return 0
