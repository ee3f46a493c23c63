"""Stochastic-gradient ingredients: noise, index sampling, estimators, SGD stability, DPPs."""
