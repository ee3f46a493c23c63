"""Property-based tests: any bad claim specification is a one-line ValueError naming its field."""

import dataclasses

import jax.numpy as jnp
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import theorytest as tt
from theorytest import _registry

FIELDS = {f.name for f in dataclasses.fields(tt.Claim)}


def experiment(key, checkpoints):
    return 1.0 / jnp.asarray(checkpoints, dtype=float)


def base_fields():
    return dict(id="fuzz-claim", paper=tt.Paper(title="Fuzz"), statement="O(1/k)",
                experiment=experiment, sweep=tt.Sweep(checkpoints=(1, 10, 100, 1000)),
                check=tt.UpperRate(exponent=-1.0), seeds=2)


anything = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8), st.lists(st.integers(-3, 3), max_size=3), st.tuples(st.integers(), st.text()),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


@settings(max_examples=300, deadline=None)
@given(field=st.sampled_from(["id", "paper", "statement", "experiment", "sweep", "check", "seeds",
                              "quick_seeds", "quick_sweep", "aggregate", "expected", "assumptions",
                              "area", "confidence", "seed_offset", "testbed", "control_of", "why"]),
       value=anything)
def test_wrong_field_value_names_the_field(field, value):
    fields = base_fields()
    fields[field] = value
    try:
        tt.Claim(**fields)
    except ValueError as err:
        message = str(err)
        assert "\n" not in message
        named = message.split(":")[0].split(".")[0].split("[")[0]
        assert named in FIELDS, message


@settings(max_examples=200, deadline=None)
@given(checkpoints=st.lists(st.integers(-5, 2000), min_size=0, max_size=6),
       window=st.tuples(st.floats(-10, 5000, allow_nan=False), st.floats(-10, 5000, allow_nan=False)))
def test_sweeps_and_windows(checkpoints, window):
    try:
        sweep = tt.Sweep(checkpoints=checkpoints)
        tt.Claim(**{**base_fields(), "sweep": sweep, "check": tt.UpperRate(exponent=-1, window=window)})
    except ValueError as err:
        assert str(err).split(":")[0].split("[")[0] in {"sweep", "sweep.checkpoints", "check.window",
                                                         "check.x"}, err


@settings(max_examples=100, deadline=None)
@given(grid=st.dictionaries(st.sampled_from(["n", "m", "bad name", ""]),
                            st.lists(st.integers(1, 50), max_size=3), max_size=3))
def test_grids(grid):
    try:
        tt.Sweep(grid=grid)
    except ValueError as err:
        assert str(err).startswith(("sweep.grid", "sweep:")), err


def test_duplicate_ids_and_missing_controls():
    claim = tt.Claim(**base_fields())
    control = claim.control(id="fuzz-claim-control", why="stricter exponent",
                            check=tt.UpperRate(exponent=-2.0))
    twin = dataclasses.replace(claim, statement="another")
    assert _registry.validated([claim, control]) == [claim, control]
    with pytest.raises(ValueError, match="^id: duplicate"):
        _registry.validated([claim, control, twin])
    with pytest.raises(ValueError, match="^controls: "):
        _registry.validated([claim])
    orphan = dataclasses.replace(control, control_of="nobody")
    with pytest.raises(ValueError, match="^control_of: "):
        _registry.validated([claim, control, dataclasses.replace(orphan, id="fuzz-orphan")])
