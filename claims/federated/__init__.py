"""Federated learning claims: partial participation, asynchronous aggregation, local updates."""
