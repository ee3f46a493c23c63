"""Result cache: a claim is re-run only when something that decides its result changed.

The key hashes the claim's source files (the module that defines it and the one that
defines its experiment), its parameters (sweep, seeds, check, aggregate, expected,
confidence, seed offset), the run size, the JAX version and the backend. Editing one claim
file invalidates only the claims it defines (and those whose experiments it holds).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import inspect
import sys
from pathlib import Path
from typing import Any

import jax

from theorytest._claim import Claim
from theorytest._environment import environment
from theorytest._plan import Plan


def _stable(value: Any) -> Any:
    """A representation without memory addresses (functions by qualified name)."""
    if isinstance(value, functools.partial):
        return ["partial", _stable(value.func), _stable(value.args), _stable(value.keywords)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__] + [
            [f.name, _stable(getattr(value, f.name))] for f in dataclasses.fields(value)
        ]
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"
    if isinstance(value, dict):
        return [[str(k), _stable(v)] for k, v in value.items()]
    if isinstance(value, list | tuple):
        return [_stable(v) for v in value]
    return repr(value)


def _source_file(obj: Any) -> Path | None:
    while isinstance(obj, functools.partial):
        obj = obj.func
    try:
        return Path(inspect.getsourcefile(obj))
    except (TypeError, OSError):
        return None


def source_files(claim: Claim, origin: str | None) -> list[Path]:
    files = {_source_file(claim.experiment)}
    if origin:
        files.add(Path(origin))
    return sorted(f for f in files if f is not None and f.is_file())


# Engine modules that only present results (plots, report, CLI, storage): editing them does
# not change any number, so it does not invalidate cached results.
_PRESENTATION = {
    "_plot.py",
    "_report.py",
    "cli.py",
    "_cache.py",
    "_dask.py",
    "_results.py",
    "_environment.py",
}


@functools.cache
def engine_digest() -> str:
    """Hash of the engine's computing sources: a change to runner, fits or checks re-runs all."""
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*.py")):
        if not path.name.endswith("_test.py") and path.name not in _PRESENTATION:
            h.update(path.read_bytes())
    return h.hexdigest()


def key(claim: Claim, plan: Plan, *, adaptive: bool = False, origin: str | None = None) -> str:
    """The cache key of `claim` run on `plan`: sources, record, plan, engine and environment."""
    h = hashlib.sha256()
    for path in source_files(claim, origin):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    fields = {f.name: getattr(claim, f.name) for f in dataclasses.fields(claim)}
    h.update(repr(_stable(fields)).encode())
    env = environment()
    h.update(engine_digest().encode())
    h.update(
        repr(
            (
                plan.record(),
                adaptive,
                jax.__version__,
                env["backend"],
                env["devices"],
                env["versions"].get("theorytest"),
                sys.version_info[:2],
            )
        ).encode()
    )
    return h.hexdigest()[:24]
