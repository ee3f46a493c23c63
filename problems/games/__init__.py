"""Min-max games, monotone operators and the iteration maps of game dynamics."""
