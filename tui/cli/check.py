"""`tradetop check`: validate the data files, each problem as file:line."""

from tui.output import fail, say


def add_command(commands, data, period) -> None:
    parser = commands.add_parser("check", parents=[data], help="validate the data files; exit 1 on any problem")
    parser.set_defaults(run=run)


def run(args) -> int:
    from core.base.problems import DataError, summarised
    from core.ingest.datadir import resolve_data_dir
    from core.ingest.loader import load_directory

    directory = resolve_data_dir(args.data)
    try:
        dataset = load_directory(directory)
    except DataError as error:
        return fail(
            [
                *summarised(error.problems),
                f"{sum(p.stands_for for p in error.problems if not p.is_warning)} problem(s) in {directory}",
            ]
        )
    for line in summarised(dataset.warnings):
        say(line)
    rows = len(dataset.trade) + len(dataset.revisions) + len(dataset.flash)
    say(f"{directory}: {len(dataset.files)} files, {rows:,} rows, no errors, {len(dataset.warnings)} warning(s)")
    return 0
