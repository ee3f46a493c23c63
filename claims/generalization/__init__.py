"""Generalization claims: algorithmic stability and generalization bounds."""
