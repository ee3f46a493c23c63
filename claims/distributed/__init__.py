"""Decentralized learning claims: gossip SGD/SGDA, their generalization and stability."""
