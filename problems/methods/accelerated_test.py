import jax.numpy as jnp
import numpy as np

from problems.methods import accelerated


def test_first_steps_by_hand():
    grad = lambda z: jnp.array([2.0, 0.5]) * z  # f = z1² + z2²/4
    s = accelerated.nesterov_init(jnp.array([1.0, 1.0]))
    s = accelerated.nesterov_step(grad, s, 0.25)
    # λ1 = (1 + √5)/2, momentum (λ0 − 1)/λ1 = 0: x1 = y1 = y0 − 0.25 ∇f(y0)
    np.testing.assert_allclose(s.x, [0.5, 0.875])
    np.testing.assert_allclose(s.y, s.x)
    lam1 = (1 + np.sqrt(5)) / 2
    s2 = accelerated.nesterov_step(grad, s, 0.25)
    lam2 = (1 + np.sqrt(1 + 4 * lam1**2)) / 2
    x2 = np.array([0.5, 0.875]) - 0.25 * np.array([1.0, 0.4375])
    np.testing.assert_allclose(s2.x, x2)
    np.testing.assert_allclose(s2.y, x2 + (lam1 - 1) / lam2 * (x2 - np.array([0.5, 0.875])))
