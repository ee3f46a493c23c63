"""Wide-network claims: kernel limits, Gaussian-process limits, self-normalization."""
