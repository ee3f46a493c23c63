"""Game claims: equilibrium computation, learning dynamics in games, power control."""
