"""Known worst cases reproduced by performance estimation to 1e-3 relative."""

import pytest

pytest.importorskip("PEPit")

from problems.worst_case import pep  # noqa: E402


@pytest.mark.parametrize("k", [1, 3, 8])
def test_gd_convex_matches_drori_teboulle(k):
    assert pep.gd_convex_gap(k) == pytest.approx(1.0 / (4 * k + 2), rel=1e-3)


@pytest.mark.parametrize("k", [1, 4])
def test_gd_strongly_convex_distance(k):
    assert pep.gd_strongly_convex_distance(k, mu=0.1) == pytest.approx(0.9**k, rel=1e-3)


@pytest.mark.parametrize("k", [2, 6])
def test_halpern_matches_lieder(k):
    assert pep.halpern_residual(k) == pytest.approx(2.0 / (k + 1), rel=1e-3)


def test_nesterov_below_its_bound():
    for k in (2, 5):
        assert pep.nesterov_convex_gap(k) <= 2.0 / (k + 1) ** 2


def test_bad_horizon_names_k():
    with pytest.raises(ValueError, match="^k must"):
        pep.gd_convex_gap(0)
