"""Neighbouring data sets and testbeds for generalization / stability bounds."""
