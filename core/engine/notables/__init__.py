"""What is notable in a month's release: records, ranks, round amounts, streaks, years to date, breadth
and overtakes, found from the data alone for every subject.

"On record" means within the data: a claim looks back only over the unbroken run of data that ends
at the month (a gap cuts the run), and its text says where that run begins. A subject claims
nothing about all months until MIN_HISTORY months lie behind it, and nothing about "any January"
until MIN_SAME_MONTHS earlier Januaries do. A value equal to a record is a tie ("equal to the
highest"), never a new record, and does not extend a streak of records.

Subjects are the headline lines and, of items and of partners, the release's own (the rows of its tables)
first, then the largest others of the month, at most MAX_SUBJECTS of each: a directory may hold any number
of codes, and a subject's points grow with its share, so the smallest would rank last anyway. Overtakes
compare only the release's partners, rows of the same table (a region against a country in it is no news).

A record that is also the first above a round amount says so in one claim ("..., and the first January
above $60bn"): the round amount is no separate notable. Round amounts come from one ladder (`round_amount`).

Score, highest first: kind points (KIND_POINTS: records and firsts over ranks over streaks) +
subject points (a headline line's, core.base.subjects, or 10 + 60 x an item's or partner's share of exports,
at most 35) + extent points (longer runs, more one-sided breadth), less SHORT_HISTORY_DISCOUNT for a claim over
fewer than SHORT_HISTORY_MONTHS of data and REPEAT_DISCOUNT for each claim about the same subject ranked
above it, so that a subject's most newsworthy claim leads; README "The release brief" has the table.

One module per family of detectors (records, streaks, thresholds, year_to_date, overtakes, breadth), what they
share in claims, the sentences in wording, and find_notables in find, which runs them all. A new kind of notable
is a detector in its family's module (or a new module, run from find), its facts record in core.engine.model, its
points in claims.KIND_POINTS and its sentence in wording. Numpy and the standard library only: this runs inside
Snapshot.release.
"""
