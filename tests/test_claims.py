"""Every claim and every negative control is a regression test at its quick size.

`pytest -k <claim-id>` runs one claim. A test fails when the verdict differs from the
claim's expected verdict, with the checker's reason in the message.
"""

import pytest

from theorytest import _pep, _registry, _runner, verify

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
