"""Claims: games."""
