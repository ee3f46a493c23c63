"""--adaptive: seed blocks until decided; the same verdicts as the fixed budget."""

import pytest

from theorytest import _registry, verify

STOCHASTIC = (
    "sgd-strongly-convex-1-over-t",
    "sgd-strongly-convex-step-too-small",
    "halpern-nonexpansive",
    "nesterov-agd-convex",
)
REFERENCE = [c for c in _registry.builtin_claims() if c.id in STOCHASTIC]


@pytest.mark.parametrize("claim", REFERENCE, ids=[c.id for c in REFERENCE])
def test_adaptive_matches_fixed_budget(claim):
    fixed = verify(claim, quick=True)
    adaptive = verify(claim, quick=True, adaptive=True)
    assert adaptive["verdict"] == fixed["verdict"] == claim.expected.value
    assert adaptive["n_seeds"] <= fixed["n_seeds"]
    assert adaptive["adaptive"] and adaptive["confidence"] >= claim.confidence


def test_adaptive_adds_seeds_while_undecided(claim_dir):
    from theorytest._registry import load_path

    claims = {c.id: c for c in load_path(claim_dir)}
    # With a budget of 64 the toy claim is decided on the first block of 16 seeds.
    result = verify(claims["toy-a"], seeds=64, adaptive=True)
    assert result["verdict"] == "CONFIRMED" and result["n_seeds"] == 16


def test_last_look_is_the_fixed_budget_check(monkeypatch):
    """Haybittle–Peto: when no interim look decides, the adaptive result is the fixed one."""
    from theorytest import _verify

    claim = REFERENCE[0]
    monkeypatch.setattr(_verify, "INTERIM_STRICTNESS", 1e12)  # interim looks never decide
    fixed = verify(claim, quick=True)
    adaptive = verify(claim, quick=True, adaptive=True)
    assert adaptive["n_seeds"] == fixed["n_seeds"] and adaptive["confidence"] == claim.confidence
    assert (adaptive["verdict"], adaptive["estimate"], adaptive["ci"]) == (
        fixed["verdict"],
        fixed["estimate"],
        fixed["ci"],
    )
