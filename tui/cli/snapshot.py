"""The snapshot a command computes from: the monitor's cache when the files are unchanged (no pandas)."""

from tui.output import fail


def load(args):
    """The snapshot of --data (from the monitor's cache when the files are unchanged: no pandas), or the exit
    code after reporting why it cannot be loaded."""
    from core.base.problems import DataError, summarised
    from core.ingest.datadir import resolve_data_dir
    from core.runtime.cache import load_snapshot_cached

    try:
        return load_snapshot_cached(resolve_data_dir(args.data))
    except DataError as error:
        return fail(summarised(error.problems))
