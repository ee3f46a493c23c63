"""Convex and quadratic testbeds with exact minimizers."""
