"""The domain's words: periods, the catalog, problems, formatting. No numpy, no pandas."""
