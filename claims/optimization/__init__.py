"""Optimization-rate claims: single machine, stochastic, adaptive, orthogonalized, compressed."""
