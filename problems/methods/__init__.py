"""Update rules optax lacks, each defined once, as small pure functions or optax transforms.

Import each module by its path (`from problems.methods import minmax`); the index is in
problems/__init__.py.
"""
