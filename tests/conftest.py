"""Shared fixtures: small claim files written outside the repository."""

import textwrap

import pytest

TOY_CLAIMS = textwrap.dedent("""
    import jax
    import jax.numpy as jnp
    import theorytest as tt

    def decay_{name}(key, checkpoints, power={power}):
        k = jnp.asarray(checkpoints, dtype=float)
        return (1.0 + 0.2 * jax.random.uniform(key)) * k ** (-power)

    claim_{name} = tt.Claim(
        id="toy-{slug}", paper=tt.Paper(title="Toy {name}"), statement="x_k = O(k^-{power})",
        experiment=decay_{name}, sweep=tt.Sweep(checkpoints=tt.log_checkpoints(1, {stop}, 12)),
        seeds=8, check=tt.UpperRate(exponent=-{power}, tol=0.1))
    control_{name} = claim_{name}.control(
        id="toy-{slug}-too-fast", why="claims one power more than the truth",
        check=tt.UpperRate(exponent=-{power} - 1.0, tol=0.1))
    slower_{name} = claim_{name}.control(
        id="toy-{slug}-slower", why="the decay at half the power cannot meet the claimed rate",
        experiment=lambda key, checkpoints: decay_{name}(key, checkpoints, power={power} / 2))
""")


def toy_claim_file(directory, name="a", power=1.0, stop=1000):
    path = directory / f"toy_{name}.py"
    path.write_text(TOY_CLAIMS.format(name=name, slug=name.replace("_", "-"), power=power, stop=stop))
    return path


@pytest.fixture
def claim_dir(tmp_path):
    folder = tmp_path / "claims_elsewhere"
    folder.mkdir()
    toy_claim_file(folder, "a", 1.0)
    toy_claim_file(folder, "b", 0.5)
    return folder
