"""Files and servers in, validated tables out: the data directory, the loader, the official formats, fetch."""
