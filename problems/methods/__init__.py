"""Methods optax lacks, as small pure functions (see problems/__init__ for the index)."""

from problems.methods import compression, decentralized, minmax, orthogonalize

__all__ = ["compression", "decentralized", "minmax", "orthogonalize"]
