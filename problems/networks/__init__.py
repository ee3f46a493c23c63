"""Wide random networks and their infinite-width limits."""
