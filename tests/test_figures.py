"""Every multi-part claim's saved result draws printable figures: no legend over any axes, no
label listed twice, the quantity named (the figures in figures/ are drawn from these results by
`make figures`, which takes the y label from the claim's present record, as here)."""

import json
import pathlib

import matplotlib.pyplot as plt
import pytest

from theorytest import _plot, _registry
from theorytest._precision import float64
from theorytest.cli import _with_current_labels

RESULTS = pathlib.Path(__file__).resolve().parents[1] / "results"


def multi_part_results():
    with float64():
        current = {c.id: c for c in _registry.builtin_claims()}
    found = []
    for path in sorted(RESULTS.glob("*.json")):
        if path.stem == "summary":
            continue
        result = _with_current_labels(json.loads(path.read_text()), current)
        if not result.get("control_of") and len(result["outcome"].get("parts") or []) > 1:
            found.append(pytest.param(result, id=result["id"]))
    return found


CLAIMS = multi_part_results()


def test_there_are_multi_part_results_to_draw():
    assert len(CLAIMS) >= 20


@pytest.mark.parametrize("result", CLAIMS)
def test_a_multi_part_claim_draws_printable_figures(result):
    with plt.rc_context({**_plot._BASE, **_plot.STYLES["paper"]}):
        for stem, fig in _plot._figures(result, "single"):
            try:
                assert _plot.layout_problems(fig) == [], stem
                assert fig.axes[0].get_ylabel() not in ("metric", "mean metric"), stem  # quantity named
            finally:
                plt.close(fig)
