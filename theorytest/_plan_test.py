"""Plans: resolved once from a claim and the run size; seed ranges extend and shift, claims stay."""

import jax.numpy as jnp
import pytest

import theorytest as tt
from theorytest._plan import Plan, Seeds, plan_for, prng_setting


def make(**changes):
    fields = dict(
        id="plan-toy",
        paper=tt.Paper(title="toy"),
        statement="O(1/k)",
        experiment=lambda key, checkpoints: 1.0 / jnp.asarray(checkpoints),
        sweep=tt.Sweep(checkpoints=(1, 10, 100)),
        quick_sweep=tt.Sweep(checkpoints=(1, 10)),
        check=tt.UpperRate(exponent=-1.0),
        seeds=40,
        quick_seeds=8,
    )
    return tt.Claim(**{**fields, **changes})


@pytest.mark.parametrize(
    "quick, seeds, sweep, count",
    [(False, None, "sweep", 40), (True, None, "quick_sweep", 8), (True, 3, "quick_sweep", 3)],
)
def test_the_plan_takes_the_budget_of_its_size(quick, seeds, sweep, count):
    claim = make()
    plan = plan_for(claim, quick=quick, seeds=seeds, devices=1)
    assert plan.sweep == getattr(claim, sweep) and plan.seeds == Seeds(0, count)
    assert plan.size == ("quick" if quick else "full") and plan.root == "plan-toy"


def test_quick_falls_back_to_the_full_budget():
    plan = plan_for(make(quick_sweep=None, quick_seeds=None), quick=True)
    assert plan.sweep.checkpoints == (1, 10, 100) and plan.seeds.count == 40


def test_a_control_runs_on_its_claims_seeds_and_shares_a_check_only_run():
    claim = make()
    stricter = claim.control(id="plan-toy-stricter", why="w", check=tt.UpperRate(exponent=-2.0))
    other = claim.control(id="plan-toy-flat", why="w", experiment=lambda key, checkpoints: jnp.ones(2))
    assert plan_for(stricter).root == "plan-toy"
    assert plan_for(stricter).key == plan_for(claim).key
    assert plan_for(other).key != plan_for(claim).key


def test_seed_ranges_extend_and_shift_without_touching_the_claim():
    seeds = Seeds(0, 16)
    assert seeds.head(4) == Seeds(0, 4) and seeds.head(4).then(4) == Seeds(4, 4)
    assert seeds.shifted(10**6) == Seeds(10**6, 16)
    plan = plan_for(make())
    assert plan.with_seeds(seeds.shifted(5)).key != plan.key
    assert plan.with_seeds(seeds.shifted(5)).record()["seed_start"] == 5


@pytest.mark.parametrize(
    "build, field",
    [
        (lambda: Seeds(-1, 3), "seeds: start"),
        (lambda: Seeds(0, 0), "seeds: count"),
        (lambda: Plan("r", None, tt.Sweep(checkpoints=(1,)), Seeds(0, 1), size="medium"), "size"),
        (lambda: Plan("r", None, tt.Sweep(checkpoints=(1,)), Seeds(0, 1), prng="mt"), "THEORYTEST_PRNG"),
    ],
)
def test_bad_plans_are_one_line_errors(build, field):
    with pytest.raises(ValueError, match=f"^{field}"):
        build()


def test_the_prng_setting_is_read_where_the_plan_is_made(monkeypatch):
    monkeypatch.setenv("THEORYTEST_PRNG", "threefry")
    assert prng_setting() == "threefry" and plan_for(make()).prng == "threefry"
    assert prng_setting("rbg") == "rbg"
    monkeypatch.delenv("THEORYTEST_PRNG")
    assert plan_for(make()).prng == "philox"
