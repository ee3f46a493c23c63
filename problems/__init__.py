"""problems: JAX synthetic testbeds and the methods optax lacks (placeholder; see below)."""
