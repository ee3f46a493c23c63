"""Figures a paper would print: typeset rates, the measured quantity on the y axis, one legend
entry per distinct line, and a legend that does not cover the data."""

import pathlib

import matplotlib.pyplot as plt
import numpy as np
import pytest

from theorytest import _plot


@pytest.mark.parametrize(
    "text, typeset",
    [
        ("claimed O(mn^-0.5)", "claimed O($(mn)^{-1/2}$)"),
        ("Θ(kappa^0.5)", "Θ($\\kappa^{1/2}$)"),
        ("(1+2β)^−1", "(1+2β)$^{-1}$"),
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
            assert labels.count("claimed O($T^{-1/2}$)") == 1
            assert ax.get_ylabel() == "‖z_k − z*‖"
            assert _plot.layout_problems(fig) == []
            assert ax.get_legend().get_window_extent().y1 <= ax.get_window_extent().y0  # under the axes
        finally:
            plt.close(fig)


def multi_part_result():
    """A claim of three parts on three series; the lead is the second part."""
    x = np.geomspace(1, 1000, 8).tolist()

    def curve(series, scale, group):
        y = np.array(x) ** -0.5 * scale
        return {
            "label": f"{series} mean (n={group})",
            "series": series,
            "x": x,
            "y": y.tolist(),
            "ci_lo": (0.9 * y).tolist(),
            "ci_hi": (1.1 * y).tolist(),
        }

    curves = [curve(s, k + 1, g) for k, s in enumerate(("gap", "distance", "grad")) for g in (10, 100)]

    def part(name, series):
        ref = {"x": x, "y": (np.array(x) ** -0.5).tolist(), "label": f"claimed O(T^-0.5) for {series}"}
        return {"details": {"name": name}, "series": [series], "reference": [ref], "x": "T", "xscale": "log"}

    parts = [
        part("rate of the gap", "gap"),
        part("rate of the distance", "distance"),
        part("gradient", "grad"),
    ]
    return {
        "id": "multi-part",
        "verdict": "CONFIRMED",
        "expected": "CONFIRMED",
        "aggregate": "mean",
        "quantity": "$f(x_T) - f^\\star$",
        "reason": "",
        "curves": curves,
        "outcome": {"x": "T", "xscale": "log", "parts": parts, "details": {"lead": "rate of the distance"}},
    }


def test_the_lead_part_is_the_figure_and_the_other_parts_are_small_multiples(tmp_path):
    main, others = _plot.panels(multi_part_result())
    assert {c["series"] for c in main.curves} == {"distance"}
    assert [c["label"] for c in main.curves] == [
        "mean (n=10)",
        "mean (n=100)",
    ]  # the series name is the panel's
    assert [p.title for p in others] == ["rate of the gap", "gradient"]
    paths = _plot.plot_result(multi_part_result(), tmp_path, ("png",))
    assert [pathlib.Path(p).name for p in paths] == ["multi-part.png", "multi-part-parts.png"]


def test_results_saved_before_curves_named_their_series_draw_one_panel():
    result = multi_part_result()
    for c in result["curves"]:
        del c["series"]
    main, others = _plot.panels(result)
    assert len(main.curves) == 6 and others == []


@pytest.mark.parametrize("style", ["paper", "slides"])
def test_multi_part_figures_have_no_legend_over_data(style):
    with plt.rc_context({**_plot._BASE, **_plot.STYLES[style]}):
        for _, fig in _plot._figures(multi_part_result(), "single"):
            try:
                assert _plot.layout_problems(fig) == []
            finally:
                plt.close(fig)


def test_pdf_export_logs_no_font_warnings(tmp_path, caplog):
    with caplog.at_level("WARNING"):
        _plot.plot_result(multi_part_result(), tmp_path, ("pdf",))
    assert not [r for r in caplog.records if r.name.startswith("fontTools")]


def test_a_one_point_result_shows_its_interval_and_a_decade_either_side():
    # Two curves at the same single x collapsed the x axis to a point, and a band has no width.
    curves = [
        {"label": "final gap", "x": [0.1], "y": [1.7e-4], "ci_lo": [3.4e-5], "ci_hi": [1.8e-4]},
        {"label": "initial gap", "x": [0.1], "y": [0.98], "ci_lo": [0.97], "ci_hi": [0.99]},
    ]
    result = {
        "id": "one-point",
        "verdict": "CONFIRMED",
        "expected": "CONFIRMED",
        "aggregate": "max",
        "quantity": "gap",
        "reason": "",
        "curves": curves,
        "outcome": {"x": "lr", "xscale": "log", "window": [0.1, 0.1], "reference": []},
    }
    [(stem, fig)] = list(_plot._figures(result, "single"))
    try:
        ax = fig.axes[0]
        assert ax.get_xlim() == pytest.approx((0.01, 1.0))
        bars = [line for line in ax.get_lines() if list(line.get_xdata()) == [0.1, 0.1]]
        assert sorted(tuple(line.get_ydata()) for line in bars) == [(3.4e-5, 1.8e-4), (0.97, 0.99)]
        assert _plot.layout_problems(fig) == []
    finally:
        plt.close(fig)
