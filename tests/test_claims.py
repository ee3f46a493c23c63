"""Every claim and every negative control is a regression test at its quick size.

`pytest -k <claim-id>` runs one claim. A test fails when the verdict differs from the
claim's expected verdict, with the checker's reason in the message.
"""

import pytest

from theorytest import _registry, verify

CLAIMS = _registry.builtin_claims()


@pytest.mark.parametrize("claim", CLAIMS, ids=[c.id for c in CLAIMS])
def test_claim_verdict(claim):
    result = verify(claim, quick=True)
    assert result["verdict"] == claim.expected.value, (
        f"{claim.id}: expected {claim.expected.value}, got {result['verdict']}: {result['reason']}")
