"""Nonconvex matrix and sparse recovery testbeds."""
