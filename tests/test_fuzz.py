"""Property-based tests: any bad claim specification is a one-line ValueError naming its field."""

import dataclasses
import re

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
    return dict(
        id="fuzz-claim",
        paper=tt.Paper(title="Fuzz"),
        statement="O(1/k)",
        experiment=experiment,
        sweep=tt.Sweep(checkpoints=(1, 10, 100, 1000)),
        check=tt.UpperRate(exponent=-1.0),
        seeds=2,
    )


anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.lists(st.integers(-3, 3), max_size=3),
    st.tuples(st.integers(), st.text()),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def _slug(v):
    return isinstance(v, str) and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", v) is not None


def _count(v, low):
    return isinstance(v, int) and not isinstance(v, bool) and v >= low


def _strings(v, nonempty=False):
    return isinstance(v, tuple | list) and all(isinstance(a, str) and (a.strip() or not nonempty) for a in v)


# Which values each field accepts, written independently of the validation code: the test
# then requires that every accepted value builds and every other value is refused.
VALID = {
    "id": _slug,
    "paper": lambda v: isinstance(v, tt.Paper),
    "statement": lambda v: isinstance(v, str) and bool(v.strip()),
    "experiment": callable,
    "sweep": lambda v: isinstance(v, tt.Sweep),
    "check": lambda v: isinstance(v, tt.checks.Check),
    "seeds": lambda v: _count(v, 1),
    "quick_seeds": lambda v: v is None or _count(v, 1),
    "quick_sweep": lambda v: v is None or isinstance(v, tt.Sweep),
    "aggregate": lambda v: (
        v in ("mean", "median", "max", "min")
        or (isinstance(v, int | float) and not isinstance(v, bool) and 0 < v < 1)
    ),
    "expected": lambda v: isinstance(v, str) and v in {x.value for x in tt.Verdict},
    "assumptions": _strings,
    "area": lambda v: isinstance(v, str) and bool(v),
    "confidence": lambda v: isinstance(v, float) and 0.5 < v < 1,
    "testbed": lambda v: isinstance(v, str),
    "control_of": lambda v: v is None,  # a control needs a `why` too, which the base lacks
    "why": lambda v: isinstance(v, str),
    "source": lambda v: isinstance(v, str),
    "quantity": lambda v: isinstance(v, str),
    "revisions": lambda v: _strings(v, nonempty=True),
}


def test_the_oracle_covers_every_field():
    assert set(VALID) | {"pep"} == FIELDS


@settings(max_examples=400, deadline=None)
@given(field=st.sampled_from(sorted(VALID)), value=anything)
def test_every_field_value_is_accepted_exactly_when_valid(field, value):
    fields = base_fields()
    fields[field] = value
    if VALID[field](value):
        assert getattr(tt.Claim(**fields), field) is not None or value is None
        return
    with pytest.raises(ValueError) as err:
        tt.Claim(**fields)
    message = str(err.value)
    assert "\n" not in message
    assert message.split(":")[0].split(".")[0].split("[")[0] == field, message


def _valid_sweep(checkpoints, window) -> bool:
    increasing = all(b > a for a, b in zip(checkpoints, checkpoints[1:]))
    if not checkpoints or min(checkpoints) < 1 or not increasing:
        return False
    lo, hi = window
    return lo <= hi and sum(lo <= c <= hi for c in checkpoints) >= 2


@settings(max_examples=200, deadline=None)
@given(
    checkpoints=st.lists(st.integers(-5, 2000), min_size=0, max_size=6),
    window=st.tuples(st.floats(-10, 5000, allow_nan=False), st.floats(-10, 5000, allow_nan=False)),
)
def test_sweeps_and_windows(checkpoints, window):
    def build():
        sweep = tt.Sweep(checkpoints=checkpoints)
        check = tt.UpperRate(exponent=-1, window=window)
        return tt.Claim(**{**base_fields(), "sweep": sweep, "check": check})

    if _valid_sweep(checkpoints, window):
        assert build().sweep.checkpoints == tuple(checkpoints)
        return
    with pytest.raises(ValueError) as err:
        build()
    named = str(err.value).split(":")[0].split("[")[0]
    # check.x: a single checkpoint varies nothing to fit against
    assert named in {"sweep", "sweep.checkpoints", "check.window", "check.x"}, err


@settings(max_examples=100, deadline=None)
@given(
    grid=st.dictionaries(
        st.sampled_from(["n", "m", "bad name", ""]), st.lists(st.integers(1, 50), max_size=3), max_size=3
    )
)
def test_grids(grid):
    valid = bool(grid) and all(name.isidentifier() and values for name, values in grid.items())
    if valid:
        assert tt.Sweep(grid=grid).grid == {k: tuple(v) for k, v in grid.items()}
        return
    with pytest.raises(ValueError, match=r"^(sweep\.grid|sweep:)"):
        tt.Sweep(grid=grid)


def test_duplicate_ids_and_missing_controls():
    claim = tt.Claim(**base_fields())
    control = claim.control(
        id="fuzz-claim-control", why="stricter exponent", check=tt.UpperRate(exponent=-2.0)
    )
    mechanism = claim.control(
        id="fuzz-claim-flat",
        why="no decay",
        experiment=lambda key, checkpoints: experiment(key, checkpoints) * 0 + 1,
    )
    twin = dataclasses.replace(claim, statement="another")
    assert _registry.validated([claim, control, mechanism]) == [claim, control, mechanism]
    with pytest.raises(ValueError, match="^id: duplicate"):
        _registry.validated([claim, control, mechanism, twin])
    with pytest.raises(ValueError, match="^controls: "):
        _registry.validated([claim])
    with pytest.raises(ValueError, match="^controls: .*only change the check: fuzz-claim "):
        _registry.validated([claim, control])  # a control of the check alone is not enough
    orphan = dataclasses.replace(control, control_of="nobody")
    with pytest.raises(ValueError, match="^control_of: "):
        _registry.validated([claim, control, mechanism, dataclasses.replace(orphan, id="fuzz-orphan")])
