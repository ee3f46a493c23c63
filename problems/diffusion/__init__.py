"""Diffusion targets with exact laws and the samplers run on them."""
