"""Preference data, preference games and answer-probability estimation for LLMs."""
