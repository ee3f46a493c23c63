"""Cautious optimizers (Liang, Chen, Liu & Liu 2024): mask the coordinates that move against the gradient.

Given a base optimizer's update u (optax convention: x ← x + u) and the gradient g, the cautious
update keeps only the coordinates where u moves downhill, u_i g_i < 0, and rescales them by the
inverse fraction kept:

    φ = 1[u ∘ g < 0],   u_cautious = u ∘ φ / (mean(φ) + eps).

So ⟨g, u_cautious⟩ ≤ 0 always: to first order in the step the loss cannot increase. The
"anti-cautious" mask 1[u ∘ g > 0] keeps exactly the uphill coordinates (a control).
`cautious` wraps any optax GradientTransformation.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import optax

#: Damping of the rescaling 1/(mean(φ) + eps), as in the paper's one-line PyTorch code.
EPS = 1e-8


class CautiousState(NamedTuple):
    """The wrapped optimizer's state."""

    inner: optax.OptState


def mask_update(update: jax.Array, grad: jax.Array, anti: bool = False) -> jax.Array:
    """The cautious (or, with anti=True, anti-cautious) masking and rescaling of one update array."""
    keep = (update * grad > 0) if anti else (update * grad < 0)
    keep = keep.astype(update.dtype)
    return update * keep / (jnp.mean(keep) + EPS)


def cautious(inner: optax.GradientTransformation, anti: bool = False) -> optax.GradientTransformation:
    """Wrap `inner` so that each leaf of its update is masked by `mask_update` against the gradient."""

    def init_fn(params):
        return CautiousState(inner.init(params))

    def update_fn(grads, state, params=None):
        updates, inner_state = inner.update(grads, state.inner, params)
        masked = jax.tree.map(lambda u, g: mask_update(u, g, anti), updates, grads)
        return masked, CautiousState(inner_state)

    return optax.GradientTransformation(init_fn, update_fn)
