"""Every claim and every negative control is a regression test at its quick size; a multi-part
claim's figures must also be printable (drawn from the same result).

`pytest -k <claim-id>` runs one claim. A test fails when the verdict differs from the
claim's expected verdict, with the checker's reason in the message.
"""

import matplotlib.pyplot as plt
import pytest

from theorytest import _pep, _plot, _registry, _runner, verify

CLAIMS = _registry.builtin_claims()


# A claim and its controls share one xdist worker (--dist loadgroup), so the controls reuse
# the claim's measurements instead of recomputing them.
PARAMS = [pytest.param(c, id=c.id, marks=pytest.mark.xdist_group(c.control_of or c.id)) for c in CLAIMS]


_previous_root: list[str] = []


@pytest.mark.parametrize("claim", PARAMS)
def test_claim_verdict(claim):
    root = claim.control_of or claim.id
    if _previous_root and _previous_root[0] != root:  # a group's tests run together: free the last one
        _runner.forget(_previous_root.pop())
    _previous_root[:] = [root]
    if claim.pep is not None and claim.expected.value == "REFUTED" and not _pep.available():
        pytest.skip(
            "PEPit is not installed: only its worst case can refute this claim (pip install -e '.[pep]')"
        )
    result = verify(claim, quick=True)
    assert result["verdict"] == claim.expected.value, (
        f"{claim.id}: expected {claim.expected.value}, got {result['verdict']}: {result['reason']}"
    )
    if claim.control_of is None and len(result["outcome"].get("parts") or []) > 1:
        assert_printable_figures(result)


def assert_printable_figures(result):
    """A multi-part claim's figure and its small multiples: no legend over any axes, no label
    listed twice, the measured quantity on the y axis."""
    with plt.rc_context({**_plot._BASE, **_plot.STYLES["paper"]}):
        for stem, fig in _plot._figures(result, "single"):
            try:
                assert _plot.layout_problems(fig) == [], stem
                assert fig.axes[0].get_ylabel() not in ("metric", "mean metric"), stem
            finally:
                plt.close(fig)


def _claims_an_improvement(check) -> bool:
    """Whether some part of the check says one method beats another (a ratio beyond 1)."""
    from theorytest import Comparison

    return any(
        isinstance(leaf, Comparison)
        and (
            (leaf.at_least is not None and leaf.at_least >= 1)
            or (leaf.at_most is not None and leaf.at_most <= 1)
        )
        for leaf in check.leaves()
    )


def test_every_comparison_claim_carries_a_same_method_control():
    missing = [
        c.id
        for c in CLAIMS
        if c.control_of is None
        and _claims_an_improvement(c.check)
        and not any(
            x.control_of == c.id
            and x.expected.value != "CONFIRMED"
            and getattr(x.experiment, "__name__", "").startswith("same_method")
            for x in CLAIMS
        )
    ]
    assert missing == [], f"claims of an improvement without a same-method control: {missing}"


def test_every_claim_cites_its_source():
    assert [c.id for c in CLAIMS if c.control_of is None and not c.source] == []
