"""Methods optax lacks, as small pure functions (see problems/__init__ for the index)."""

from problems.methods import accelerated, compression, decentralized, minmax, orthogonalize

__all__ = ["accelerated", "compression", "decentralized", "minmax", "orthogonalize"]
