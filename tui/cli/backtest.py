"""`tradetop backtest`: the flash nowcast's rolling backtest against naive baselines."""

from tui.cli.snapshot import load
from tui.output import say


def add_command(commands, data, period) -> None:
    parser = commands.add_parser(
        "backtest", parents=[data], help="the flash nowcast's rolling backtest against naive baselines"
    )
    parser.set_defaults(run=run)


def run(args) -> int:
    from core.engine.backtest import backtest
    from core.text.backtest import backtest_table

    snapshot = load(args)
    if isinstance(snapshot, int):
        return snapshot
    say(backtest_table(backtest(snapshot.flash)))
    return 0
