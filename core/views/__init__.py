"""What each screen shows, built from the snapshot and memoised in it: the main view, the drilldown, the flash
month, and which month to show (navigation). The terminal UI only renders these; the command line takes its
month from the same rule."""
