"""The claim record: what a paper states, how it is measured, and how it is judged.

A `Claim` is a frozen record validated when it is built. Every bad field raises a
`ValueError` whose message starts with the field's name, so a mistake in a claim file is
reported where it was made, never as a crash in the middle of a run.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from theorytest._pep import PepCheck
from theorytest._verdict import Verdict, finite_float
from theorytest._verdict import fail as _fail
from theorytest.checks import Check

__all__ = ["Claim", "Paper", "Sweep", "Verdict", "finite_float", "log_checkpoints"]

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_AGGREGATES = ("mean", "median", "max", "min", "proportion")


@dataclasses.dataclass(frozen=True)
class Paper:
    """The source of a claim: title, and the arXiv id or other reference when known."""

    title: str
    arxiv: str | None = None
    authors: str | None = None
    year: int | None = None
    url: str | None = None

    def __post_init__(self):
        if not isinstance(self.title, str) or not self.title.strip():
            _fail("paper.title", "must be a non-empty string")
        if self.arxiv is not None and not isinstance(self.arxiv, str):
            _fail("paper.arxiv", f"must be a string or None, got {type(self.arxiv).__name__}")
        if self.year is not None and not isinstance(self.year, int):
            _fail("paper.year", f"must be an int or None, got {type(self.year).__name__}")

    def cite(self) -> str:
        parts = [self.title]
        if self.authors:
            parts.insert(0, self.authors)
        if self.year:
            parts.append(str(self.year))
        if self.arxiv:
            parts.append(f"arXiv:{self.arxiv}")
        return ", ".join(parts)


def log_checkpoints(start: int, stop: int, num: int) -> tuple[int, ...]:
    """Distinct integers from `start` to `stop` (both included), spaced evenly in log scale."""
    if start < 1 or stop <= start or num < 2:
        raise ValueError(f"checkpoints: need 1 <= start < stop and num >= 2, got {start}, {stop}, {num}")
    values = np.unique(np.round(np.geomspace(start, stop, num)).astype(int))
    return tuple(int(v) for v in values)


@dataclasses.dataclass(frozen=True)
class Sweep:
    """Where the experiment is measured.

    grid: variable name -> values; the experiment runs once per point of the cartesian
        product, each point compiled once (values may change shapes).
    points: an explicit list of points instead of a product (e.g. (m, n) splits of a
        fixed mn). Give `grid` or `points`, or neither for a pure trajectory.
    checkpoints: iteration counts read off a single trajectory run (see `trajectory`);
        the experiment receives them as `checkpoints=` and returns one value per count.
        They become the variable named `checkpoint_name`.
    """

    grid: Mapping[str, Sequence[Any]] = dataclasses.field(default_factory=dict)
    points: Sequence[Mapping[str, Any]] | None = None
    checkpoints: Sequence[int] | None = None
    checkpoint_name: str = "k"

    def __post_init__(self):
        if not isinstance(self.grid, Mapping):
            _fail("sweep.grid", f"must be a mapping name -> values, got {type(self.grid).__name__}")
        grid = {}
        for name, values in self.grid.items():
            if not isinstance(name, str) or not name.isidentifier():
                _fail("sweep.grid", f"variable names must be identifiers, got {name!r}")
            values = tuple(values) if isinstance(values, Sequence | np.ndarray) else None
            if not values:
                _fail(f"sweep.grid[{name!r}]", "must be a non-empty sequence of values")
            grid[name] = values
        object.__setattr__(self, "grid", grid)
        if self.points is not None:
            if grid:
                _fail("sweep.points", "give either grid or points, not both")
            points = tuple(dict(p) for p in self.points) if isinstance(self.points, Sequence) else ()
            if not points:
                _fail("sweep.points", "must be a non-empty sequence of mappings")
            names = set(points[0])
            for p in points:
                if set(p) != names:
                    _fail("sweep.points", f"every point needs the same variables, got {sorted(p)}")
            object.__setattr__(self, "points", points)
        if self.checkpoints is not None:
            ck = tuple(self.checkpoints) if isinstance(self.checkpoints, Sequence | np.ndarray) else ()
            if not ck:
                _fail("sweep.checkpoints", "must be a non-empty sequence of positive integers")
            for c in ck:
                if not isinstance(c, int | np.integer) or isinstance(c, bool) or c < 1:
                    _fail("sweep.checkpoints", f"must be positive integers, got {c!r}")
            if any(b <= a for a, b in itertools.pairwise(ck)):
                _fail("sweep.checkpoints", "must be strictly increasing")
            object.__setattr__(self, "checkpoints", tuple(int(c) for c in ck))
            if self.checkpoint_name in self.variables_static():
                _fail("sweep.checkpoint_name", f"{self.checkpoint_name!r} is also a grid variable")
        if not grid and self.points is None and self.checkpoints is None:
            _fail("sweep", "needs a grid, points or checkpoints")

    def variables_static(self) -> tuple[str, ...]:
        if self.points is not None:
            return tuple(self.points[0])
        return tuple(self.grid)

    def static_points(self) -> tuple[dict[str, Any], ...]:
        """The points that each need their own compiled run."""
        if self.points is not None:
            return tuple(dict(p) for p in self.points)
        if not self.grid:
            return ({},)
        names = list(self.grid)
        return tuple(dict(zip(names, combo)) for combo in itertools.product(*self.grid.values()))

    def all_points(self) -> tuple[dict[str, Any], ...]:
        """Every measured point, checkpoints expanded (the order of the data columns)."""
        out = []
        for p in self.static_points():
            if self.checkpoints is None:
                out.append(p)
            else:
                out.extend({**p, self.checkpoint_name: c} for c in self.checkpoints)
        return tuple(out)


@dataclasses.dataclass(frozen=True)
class Claim:
    """A paper's statement, its experiment and its check.

    experiment: a pure JAX function `(key, **point) -> metric` for one seed. `point` holds
        the sweep's static variables and, for a trajectory sweep, `checkpoints`; it returns
        a scalar (or one value per checkpoint), or a dict of such arrays for several series.
        The runner jit-compiles it and vmaps it over seeds.
    aggregate: how seeds are combined at each point: "mean", "median", "max", "min", or a
        number q in (0, 1) for the q-quantile; "proportion" for the mean of a 0/1 outcome per
        seed (a success or failure rate), judged with exact binomial intervals.
    seeds / quick_seeds, sweep / quick_sweep: full size (`make verify`) and quick size
        (tests, `--quick`); the verdict must be the same in both.
    expected: the verdict the suite expects; REFUTED where the suite shows a published
        claim is false, and for every negative control.
    control_of: for a negative control, the id of the claim it guards (see `control`).
    pep: optional `PepCheck`, a performance-estimation cross-check of a worst-case bound.
    source: where in the paper the statement is taken from, e.g. "Theorem 3.2",
        "Corollary 1 (ii)", or "abstract only" when the theorem itself was not read.
    revisions: changes made to the claim after seeing a result, one sentence each (what
        changed, after which result, why). Shown in the report: a reader judges them.
    quantity: the measured quantity in words or symbols, e.g. "f(x_k) − f*" or
        "‖z_k − z*‖"; the figure's y label.
    """

    id: str
    paper: Paper
    statement: str
    experiment: Callable[..., Any]
    sweep: Sweep
    check: Any
    seeds: int = 64
    quick_seeds: int | None = None
    quick_sweep: Sweep | None = None
    aggregate: str | float = "mean"
    expected: Verdict = Verdict.CONFIRMED
    assumptions: tuple[str, ...] = ()
    testbed: str = ""
    area: str = "general"  # built-in claims: the folder under claims/ (set by the registry)
    control_of: str | None = None
    why: str = ""
    confidence: float = 0.95
    pep: Any = None
    source: str = ""
    revisions: tuple[str, ...] = ()
    quantity: str = ""

    def __post_init__(self):
        if not isinstance(self.id, str) or not _SLUG.match(self.id):
            _fail("id", f"must be a slug of lowercase words joined by hyphens, got {self.id!r}")
        if not isinstance(self.paper, Paper):
            _fail("paper", f"must be a theorytest.Paper, got {type(self.paper).__name__}")
        if not isinstance(self.statement, str) or not self.statement.strip():
            _fail("statement", "must be a non-empty string (the paper's sentence, rate written out)")
        if not callable(self.experiment):
            _fail(
                "experiment",
                f"must be callable (key, **point) -> metric, got {type(self.experiment).__name__}",
            )
        if not isinstance(self.sweep, Sweep):
            _fail("sweep", f"must be a theorytest.Sweep, got {type(self.sweep).__name__}")
        if self.quick_sweep is not None and not isinstance(self.quick_sweep, Sweep):
            _fail("quick_sweep", f"must be a theorytest.Sweep or None, got {type(self.quick_sweep).__name__}")
        if not isinstance(self.check, Check):
            _fail(
                "check",
                "must be a theorytest check (UpperRate, ExplicitBound, ...), "
                f"got {type(self.check).__name__}",
            )
        for name in ("seeds", "quick_seeds"):
            value = getattr(self, name)
            if value is None and name == "quick_seeds":
                continue
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                _fail(name, f"must be an integer >= 1, got {value!r}")
        agg = self.aggregate
        if isinstance(agg, str):
            if agg not in _AGGREGATES:
                _fail("aggregate", f"must be one of {_AGGREGATES} or a quantile in (0, 1), got {agg!r}")
        elif isinstance(agg, bool) or not isinstance(agg, int | float) or not 0 < agg < 1:
            _fail("aggregate", f"must be one of {_AGGREGATES} or a quantile in (0, 1), got {agg!r}")
        try:
            object.__setattr__(self, "expected", Verdict(self.expected))
        except ValueError:
            _fail("expected", f"must be one of {[v.value for v in Verdict]}, got {self.expected!r}")
        if not isinstance(self.assumptions, tuple | list) or not all(
            isinstance(a, str) for a in self.assumptions
        ):
            _fail("assumptions", "must be a tuple of strings")
        object.__setattr__(self, "assumptions", tuple(self.assumptions))
        if not isinstance(self.quantity, str):
            _fail("quantity", f"must be a string such as 'f(x_k) − f*', got {type(self.quantity).__name__}")
        if not isinstance(self.source, str):
            _fail("source", f"must be a string such as 'Theorem 3.2', got {type(self.source).__name__}")
        if not isinstance(self.revisions, tuple | list) or not all(
            isinstance(r, str) and r.strip() for r in self.revisions
        ):
            _fail("revisions", "must be a tuple of non-empty strings (what changed after which result)")
        object.__setattr__(self, "revisions", tuple(self.revisions))
        if not isinstance(self.testbed, str):
            _fail("testbed", "must be a string")
        if not isinstance(self.area, str) or not self.area:
            _fail("area", "must be a non-empty string")
        if not isinstance(self.why, str):
            _fail("why", f"must be a string, got {type(self.why).__name__}")
        if self.control_of is not None:
            if not isinstance(self.control_of, str) or not _SLUG.match(self.control_of):
                _fail("control_of", f"must be a claim id, got {self.control_of!r}")
            if not isinstance(self.why, str) or not self.why.strip():
                _fail("why", "a negative control must say why it has to be refuted")
        if not isinstance(self.confidence, float) or not 0.5 < self.confidence < 1:
            _fail("confidence", f"must be a float in (0.5, 1), got {self.confidence!r}")
        for sweep in (self.sweep, self.quick_sweep):
            if sweep is not None:
                self.check.validate(sweep.all_points())
        if self.pep is not None:
            if not isinstance(self.pep, PepCheck):
                _fail("pep", f"must be a theorytest.PepCheck or None, got {type(self.pep).__name__}")
            for sweep in (self.sweep, self.quick_sweep):
                if sweep is not None:
                    self.pep.validate(sweep.checkpoints)

    @property
    def is_control(self) -> bool:
        return self.control_of is not None

    def control(self, id: str, why: str, **changes: Any) -> Claim:
        """A negative control: this claim with `changes`, expected to come out REFUTED.

        `why` says what was changed and why the checker must reject it (a claimed
        exponent made stricter than the truth, the method without the assumption, ...).
        """
        changes.setdefault("expected", Verdict.REFUTED)
        return dataclasses.replace(self, id=id, why=why, control_of=self.id, **changes)


DEFAULT_AREA = "general"

# Fields that change the run: a control changing one of them is a mechanism control (the
# method loses an ingredient or the testbed breaks an assumption); other changes (the
# check, the claimed number, the aggregate) only change how the same run is judged.
MECHANISM_FIELDS = ("experiment", "sweep", "quick_sweep")
_BOOKKEEPING = ("id", "why", "control_of", "expected")


def _same(a: Any, b: Any) -> bool:
    if a is b:
        return True
    try:
        return bool(a == b)
    except (TypeError, ValueError):  # arrays and other values without a plain equality
        return False


def changed_fields(control: Claim, claim: Claim) -> tuple[str, ...]:
    """The record fields `control` changes against `claim` (bookkeeping fields left out)."""
    return tuple(
        f.name
        for f in dataclasses.fields(Claim)
        if f.name not in _BOOKKEEPING and not _same(getattr(control, f.name), getattr(claim, f.name))
    )


def is_mechanism_control(control: Claim, claim: Claim) -> bool:
    """Whether `control` changes the run of `claim`, not only how it is judged."""
    return any(name in MECHANISM_FIELDS for name in changed_fields(control, claim))


def describe_aggregate(aggregate: str | float) -> str:
    if isinstance(aggregate, str):
        return aggregate
    return f"{aggregate:g}-quantile"
