"""The app's screens, one per module: main, drilldown, flash, help."""
