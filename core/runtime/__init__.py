"""Running the engine for an app: the snapshot cache, the loader process, watching the data directory."""
