"""Preference-learning claims: Nash learning from human feedback, self-play."""
