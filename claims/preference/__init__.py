"""Claims: preference."""
