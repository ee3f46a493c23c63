"""Figures a paper would print: typeset rates, the measured quantity on the y axis, one legend
entry per distinct line, and a legend that does not cover the data."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from theorytest import _plot


@pytest.mark.parametrize(
    "text, typeset",
    [
        ("claimed O(mn^-0.5)", "claimed O($mn^{-1/2}$)"),
        ("O(n^-1·T^1)", "O($n^{-1}$·$T^{1}$)"),
        ("claimed ρ ≤ 0.999", "claimed ρ ≤ 0.999"),
        ("$already^{math}$", "$already^{math}$"),
    ],
)
def test_rates_are_typeset(text, typeset):
    assert _plot.typeset(text) == typeset


def many_series_result(n_series=11):
    x = np.geomspace(1, 1000, 12).tolist()
    curves = [
        {
            "label": f"β={b}",
            "x": x,
            "y": (np.array(x) ** -0.5 * (b + 1)).tolist(),
            "ci_lo": (np.array(x) ** -0.5 * (b + 0.9)).tolist(),
            "ci_hi": (np.array(x) ** -0.5 * (b + 1.1)).tolist(),
        }
        for b in range(n_series)
    ]
    ref = {"x": x, "y": (np.array(x) ** -0.5).tolist(), "label": "claimed O(T^-0.5)"}
    parts = [{"details": {"name": f"part {i + 1}"}, "reference": [ref]} for i in range(n_series)]
    return {
        "id": "many-series",
        "verdict": "CONFIRMED",
        "expected": "CONFIRMED",
        "aggregate": "mean",
        "quantity": "‖z_k − z*‖",
        "reason": "",
        "curves": curves,
        "outcome": {
            "x": "T",
            "xscale": "log",
            "window": [10, 1000],
            "reference": [ref] * n_series,
            "parts": parts,
            "details": {"lead": "part 1"},
        },
    }


def test_a_multi_series_figure_has_distinct_labels_and_its_legend_off_the_data():
    result = many_series_result()
    result["curves"].append(dict(result["curves"][0]))  # the same line twice (one aggregate, listed twice)
    with plt.rc_context(_plot._BASE):
        fig, ax = plt.subplots()
        try:
            _plot._draw(ax, result)
            assert len(ax.get_lines()) == 11 + 1  # 11 distinct curves and one claimed line
            labels = [t.get_text() for t in ax.get_legend().get_texts()]
            assert len(labels) == len(set(labels))
            assert labels.count("claimed O($T^{-1/2}$)") == 1
            assert ax.get_ylabel() == "‖z_k − z*‖ (mean over seeds)"
            fig.canvas.draw()
            legend = ax.get_legend().get_window_extent()
            axes = ax.get_window_extent()
            assert legend.x0 >= axes.x1  # beside the axes, not over the curves
        finally:
            plt.close(fig)


def test_a_few_lines_keep_their_legend_inside():
    with plt.rc_context(_plot._BASE):
        fig, ax = plt.subplots()
        try:
            _plot._draw(ax, many_series_result(n_series=2))
            fig.canvas.draw()
            assert ax.get_legend().get_window_extent().x1 <= ax.get_window_extent().x1 + 1
        finally:
            plt.close(fig)
