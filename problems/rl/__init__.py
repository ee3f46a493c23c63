"""Reinforcement learning: tabular MDPs, fitted Q-iteration, continuous-time policy evaluation."""
