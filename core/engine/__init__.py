"""The computation: the immutable snapshot and what is derived from it (release, flash, notables, backtest)."""
