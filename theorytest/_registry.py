"""Finding claims: the built-in `claims` package, and claim files or folders given by path.

A claim module defines claims as module-level `Claim` objects (negative controls made with
`claim.control(...)` included) or lists them in `CLAIMS`. Loading validates the whole
collection: ids are unique, every claim has a negative control, every control names a
claim that exists.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import importlib.util
import pkgutil
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import ModuleType

from theorytest._claim import DEFAULT_AREA, MECHANISM_FIELDS, Claim, changed_fields, is_mechanism_control
from theorytest._precision import float64

ORIGINS: dict[str, str] = {}  # claim id -> file of the module that defines it (cache keys)


def module_claims(module: ModuleType) -> list[Claim]:
    found: dict[int, Claim] = {}
    candidates = list(vars(module).values()) + list(getattr(module, "CLAIMS", ()))
    for value in candidates:
        if isinstance(value, Claim):
            found.setdefault(id(value), value)
    origin = getattr(module, "__file__", None)
    area = _area_of(module)
    claims = [
        dataclasses.replace(c, area=area) if area and c.area == DEFAULT_AREA else c for c in found.values()
    ]
    for claim in claims:
        if origin:
            ORIGINS[claim.id] = origin
    return claims


def _area_of(module: ModuleType) -> str | None:
    """The folder of a built-in claim module (claims/<area>/<module>.py), else None."""
    parts = module.__name__.split(".")
    return parts[1] if len(parts) == 3 and parts[0] == "claims" else None


def _is_claim_file(path: Path) -> bool:
    name = path.name
    return (
        path.suffix == ".py"
        and not name.startswith(("_", "test_"))
        and not name.endswith("_test.py")
        and name != "conftest.py"
    )


def load_module(path: Path) -> ModuleType:
    """The module of a claim file given by path, loaded once per process (in float64)."""
    path = Path(path).resolve()
    if not path.exists():
        raise ValueError(f"path: {path} does not exist")
    digest = hashlib.sha1(str(path).encode()).hexdigest()[:10]
    name = f"theorytest_user_{path.stem}_{digest}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ValueError(f"path: {path} is not a Python file")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        with float64():  # the claim module's constants as the engine will use them
            spec.loader.exec_module(module)
    except ValueError as err:
        del sys.modules[name]
        raise ValueError(f"{path.name}: {err}") from None
    except Exception as err:  # a broken claim file is bad input, reported in one line
        del sys.modules[name]
        raise ValueError(f"path: {path.name} failed to load: {type(err).__name__}: {err}") from None
    return module


def load_file(path: Path) -> list[Claim]:
    module = load_module(path)
    claims = module_claims(module)
    if not claims:
        raise ValueError(f"path: {path} defines no claim (no module-level theorytest.Claim)")
    return claims


def load_path(path: Path) -> list[Claim]:
    """Claims from a claim file, or from every claim file under a folder."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.py") if _is_claim_file(p))
        # A folder may hold modules with no claim (worst-case search specs, shared helpers).
        claims = [c for f in files for c in module_claims(load_module(f))]
        if not claims:
            raise ValueError(f"path: no claim files under {path}")
        return claims
    if not path.exists():
        raise ValueError(f"path: {path} does not exist")
    return load_file(path)


def builtin_modules() -> list[ModuleType]:
    """Every module of the `claims` package shipped with theorytest, imported in float64."""
    package = importlib.import_module("claims")
    names = sorted(
        m.name
        for m in pkgutil.walk_packages(package.__path__, "claims.")
        if not m.name.rsplit(".", 1)[-1].startswith("_") and not m.name.endswith("_test")
    )
    modules = []
    for name in names:
        try:
            with float64():
                modules.append(importlib.import_module(name))
        except ValueError as err:
            raise ValueError(f"{name}: {err}") from None
    return modules


def builtin_claims() -> list[Claim]:
    """Every claim of the `claims` package shipped with theorytest, in module order."""
    return validated([c for module in builtin_modules() for c in module_claims(module)])


def validated(claims: Sequence[Claim]) -> list[Claim]:
    seen: dict[str, Claim] = {}
    for c in claims:
        if c.id in seen and seen[c.id] is not c:
            raise ValueError(f"id: duplicate claim id {c.id!r}")
        seen[c.id] = c
    for c in seen.values():
        if c.control_of is not None and c.control_of not in seen:
            raise ValueError(f"control_of: control {c.id!r} names unknown claim {c.control_of!r}")
    guarded = {c.control_of for c in seen.values() if c.control_of}
    bare = [c.id for c in seen.values() if c.control_of is None and c.id not in guarded]
    if bare:
        raise ValueError(
            f"controls: claim(s) without a negative control: {', '.join(bare)} "
            "(add one with claim.control(id=..., why=..., ...))"
        )
    guarded = {
        c.control_of for c in seen.values() if c.control_of and is_mechanism_control(c, seen[c.control_of])
    }
    weak = [c.id for c in seen.values() if c.control_of is None and c.id not in guarded]
    if weak:
        raise ValueError(
            f"controls: claim(s) whose controls only change the check: {', '.join(weak)} "
            f"(add a mechanism control: one that changes {' or '.join(MECHANISM_FIELDS)})"
        )
    return list(seen.values())


def changes(control: Claim, pool: Sequence[Claim]) -> list[str]:
    """The fields a control changes against its claim in `pool` (empty for a claim)."""
    parent = next((c for c in pool if c.id == control.control_of), None)
    return [] if parent is None else list(changed_fields(control, parent))


def with_parents(claims: Sequence[Claim]) -> list[Claim]:
    """`claims` and the built-in claim of each control whose claim is not among them.

    A control can be run alone (`theorytest verify <control-id>`); what it changes is still
    measured against its claim."""
    ids = {c.id for c in claims}
    missing = {c.control_of for c in claims if c.control_of and c.control_of not in ids}
    if not missing:
        return list(claims)
    return list(claims) + [c for c in builtin_claims() if c.id in missing]


def control_record(control: Claim, pool: Sequence[Claim]) -> dict[str, object]:
    """{"changes": the fields changed, "mechanism": whether one of them changes the run}."""
    changed = changes(control, pool)
    return {"changes": changed, "mechanism": any(f in MECHANISM_FIELDS for f in changed)}


def with_controls(selected: Iterable[Claim], pool: Sequence[Claim]) -> list[Claim]:
    """The selected claims, each followed by its negative controls, without repeats."""
    out: dict[str, Claim] = {}
    for c in selected:
        out.setdefault(c.id, c)
        for control in pool:
            if control.control_of == c.id:
                out.setdefault(control.id, control)
    return list(out.values())


def select(targets: Sequence[str], pool: Sequence[Claim] | None = None) -> list[Claim]:
    """Resolve CLI targets (claim ids, claim files, folders) to claims with their controls."""
    if not targets:
        return list(pool if pool is not None else builtin_claims())
    chosen: list[Claim] = []
    by_id: dict[str, Claim] | None = None
    for target in targets:
        path = Path(target)
        if target.endswith(".py") or path.is_dir() or path.exists():
            loaded = validated(load_path(path))
            chosen.extend(loaded)
            continue
        if by_id is None:
            pool = list(pool if pool is not None else builtin_claims())
            by_id = {c.id: c for c in pool}
        if target not in by_id:
            close = [i for i in by_id if target in i or i in target][:5]
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise ValueError(f"id: unknown claim {target!r}{hint}; `theorytest list` shows them")
        chosen.append(by_id[target])
    return with_controls(chosen, list(by_id.values()) + chosen if by_id else chosen)
