"""Hard instances, performance estimation and instance classes for worst-case search."""
