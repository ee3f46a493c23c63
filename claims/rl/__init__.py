"""Reinforcement-learning claims: fitted Q-iteration, Q-learning, tabular MDPs."""
