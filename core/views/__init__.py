"""Views: what a screen shows, built from the snapshot in core, so that the monitor only renders them."""
