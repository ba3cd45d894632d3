"""Words for people: the brief as text and JSON."""
