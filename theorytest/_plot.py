"""Rate plots drawn from result records, ready for a paper.

Each plot shows the aggregate of every measured curve with its bootstrap confidence band
(and the 10–90% spread over seeds, lighter), the claimed rate or bound through the fit
window, the window shaded, and the verdict in the title. Plots are drawn from the saved
result alone, so `theorytest export` redraws them without re-running anything, and the
same result gives the same bytes (no timestamps in the files).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import re
import shutil
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker  # noqa: E402
import matplotlib.transforms  # noqa: E402

FORMATS = ("pdf", "png", "svg", "pgf")
WIDTHS = {"single": 3.4, "double": 7.0}  # inches: one and two columns of a two-column paper
STYLES = {
    "paper": {"font.size": 8, "axes.titlesize": 8, "legend.fontsize": 6.5, "lines.linewidth": 1.2},
    "slides": {"font.size": 12, "axes.titlesize": 12, "legend.fontsize": 10, "lines.linewidth": 2.0},
}
_BASE = {
    "font.family": "serif",
    "mathtext.fontset": "cm",  # Computer Modern maths, like LaTeX, without a TeX install
    "axes.formatter.use_mathtext": True,
    "svg.hashsalt": "theorytest",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "savefig.bbox": "tight",
    "axes.grid": True,
    "grid.alpha": 0.25,
}
_METADATA = {
    "pdf": {"CreationDate": None, "ModDate": None},
    "png": {"Software": None},
    "svg": {"Date": None},
    "pgf": {},
}
_VERDICT_COLOURS = {
    "CONFIRMED": "#1a7f37",
    "REFUTED": "#b42318",
    "INCONCLUSIVE": "#9a6700",
    "DIVERGED": "#6e40c9",
}


# Exponents written as text in claimed rates ("T^-0.5") are typeset: $T^{-1/2}$.
_POWER = re.compile(r"([A-Za-zα-ωΑ-Ω]+|\))\^(?:\(([-−]?[0-9.]+(?:/[0-9]+)?)\)|([-−]?[0-9.]+(?:/[0-9]+)?))")
_FRACTIONS = {0.5: "1/2", 0.25: "1/4", 0.75: "3/4", 1.5: "3/2", 2.5: "5/2", 0.2: "1/5"}


def _exponent(text: str) -> str:
    try:
        value = float(text)
    except ValueError:
        return text
    sign = "-" if value < 0 else ""
    magnitude = abs(value)
    if magnitude in _FRACTIONS:
        return sign + _FRACTIONS[magnitude]
    return f"{value:g}"


def typeset(label: str) -> str:
    """A label with its powers in mathtext: 'claimed O(mn^-0.5)' -> 'claimed O($(mn)^{-1/2}$)',
    'kappa^0.5' -> '$\\kappa^{1/2}$'."""
    if "$" in label:
        return label

    def power(m: re.Match) -> str:
        base, exponent = m.group(1), _exponent((m.group(2) or m.group(3)).replace("−", "-"))
        if base == ")":
            return f")$^{{{exponent}}}$"
        if base in _GREEK:
            base = "\\" + base
        elif len(base) > 1:  # a product of variables: mn^-0.5 is (mn)^{-1/2}
            base = f"({base})"
        return f"${base}^{{{exponent}}}$"

    return _POWER.sub(power, label)


def figure_paths(claim_id: str, directory: Path, formats) -> list[Path]:
    return [Path(directory) / f"{claim_id}.{fmt}" for fmt in formats]


_GREEK = (
    "alpha beta gamma delta epsilon varepsilon zeta eta theta kappa lambda mu nu xi pi rho sigma tau "
    "phi chi psi omega Gamma Delta Theta Lambda Sigma Phi Psi Omega"
).split()


def axis_label(name: str) -> str:
    """A sweep variable as an axis label: Greek names typeset ('kappa' -> '$\\kappa$'),
    underscores as spaces ('num_clients' -> 'num clients')."""
    if name in _GREEK:
        return f"$\\{name}$"
    return name.replace("_", " ")


@dataclasses.dataclass
class Panel:
    """One axis of a figure: the curves of some series, the claimed lines judged on them."""

    title: str
    curves: list[dict[str, Any]]
    references: list[dict[str, Any]]
    x: str
    xscale: str
    window: list[float] | None


def _panel(
    title: str, outcome: dict[str, Any], curves: list[dict[str, Any]], claimed: dict[str, Any] | None = None
) -> Panel:
    """A panel of `curves` on the axis of `outcome`, with the claimed lines of `claimed` (or outcome)."""
    return Panel(
        title,
        curves,
        _distinct_references((claimed or outcome).get("reference") or []),
        outcome.get("x") or "x",
        outcome.get("xscale") or "log",
        outcome.get("window"),
    )


def panels(result: dict[str, Any]) -> tuple[Panel, list[Panel]]:
    """The figure's main panel (the lead part of a multi-part claim, else the whole claim) and
    one panel per other part that shows something the main one does not (small multiples).

    A part's panel holds the curves of the series that part judges and its claimed lines.
    Results saved before curves named their series draw everything on one panel."""
    outcome = result["outcome"]
    curves = _distinct_curves(result["curves"])
    lead_name = (outcome.get("details") or {}).get("lead")
    lead = next(
        (p for p in outcome.get("parts") or [] if (p.get("details") or {}).get("name") == lead_name), None
    )
    if lead is None or not lead.get("series") or not all("series" in c for c in curves):
        return _panel("", outcome, curves, claimed=lead), []
    parts = [p for p in outcome.get("parts") or [] if p.get("series")]

    def of(part):
        return _short_labels([c for c in curves if c["series"] in part["series"]])

    main = _panel("", lead, of(lead))
    seen = {(tuple(lead["series"]), tuple(r["label"] for r in main.references))}
    others = []
    for part in parts:
        view = (tuple(part["series"]), tuple(r["label"] for r in part.get("reference") or []))
        if part is lead or view in seen or not of(part):
            continue
        seen.add(view)
        others.append(_panel((part.get("details") or {}).get("name") or "", part, of(part)))
    return main, others


def _distinct_references(references: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claimed lines, each drawn once (parts that share a bound list it once each)."""
    seen, out = set(), []
    for ref in references:
        key = (ref["label"], tuple(ref["x"]), tuple(ref["y"]))
        if key not in seen:
            seen.add(key)
            out.append(ref)
    return out


def _short_labels(curves: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Curves of one panel with what all of them share left out of their labels: the series
    name when the panel shows one series (the panel is about it)."""
    names = {c["series"] for c in curves}
    if len(names) != 1:
        return curves
    (name,) = names
    return [{**c, "label": c["label"].removeprefix(name).strip()} for c in curves]


def y_label(result: dict[str, Any]) -> str:
    """The measured quantity the claim names (the aggregate over seeds is in each line's label)."""
    quantity = result.get("quantity")
    if quantity:
        return quantity
    aggregate = result.get("aggregate") or ""
    return f"{aggregate} metric" if aggregate else "metric"


def _distinct_curves(curves: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The curves in order, each label once (a label names one line: series, aggregate, group)."""
    seen: set[str] = set()
    out = []
    for curve in curves:
        if curve["label"] not in seen:
            seen.add(curve["label"])
            out.append(curve)
    return out


# Above this many lines of one colour cycle, lines also differ by dash pattern.
_DASHES = ("-", (0, (4, 1.5)), (0, (1, 1)), (0, (4, 1.5, 1, 1.5)))


def _yscale(curves: list[dict[str, Any]]) -> str:
    """Log when the values are positive, or mostly positive and spanning over two decades
    (zeros, e.g. an exact solution reached, are then left out rather than flattening the plot)."""
    ys = [v for c in curves for v in c["ci_lo"] + c["y"] if v is not None]
    positive = [v for v in ys if v > 0]
    if not positive:
        return "linear"
    if len(positive) == len(ys):
        return "log"
    return "log" if len(positive) >= len(ys) / 2 and max(positive) > 100 * min(positive) else "linear"


def _interval_bar(ax, curve: dict, colour) -> None:
    """The confidence interval of a one-point curve, as an error bar (None where undefined)."""
    y, lo, hi = curve["y"][0], curve["ci_lo"][0], curve["ci_hi"][0]
    if None in (y, lo, hi):
        return
    x = curve["x"][0]  # a plain line with caps (errorbar's collections upset log-scale limits)
    ax.plot([x, x], [lo, hi], color=colour, linewidth=1.0, marker="_", markersize=6, label="_nolegend_")


def _draw_panel(ax, panel: Panel, aggregate: str) -> None:
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    seen: set[str] = set()

    def once(label: str) -> str:  # one legend entry per distinct line
        label = typeset(label)
        if label in seen:
            return "_nolegend_"
        seen.add(label)
        return label

    for i, curve in enumerate(panel.curves):
        colour = colours[i % len(colours)]
        x = curve["x"]
        if len(x) == 1:  # one point: a band has no width to fill, so its interval is an error bar
            _interval_bar(ax, curve, colour)
        if "spread_lo" in curve:
            ax.fill_between(x, curve["spread_lo"], curve["spread_hi"], color=colour, alpha=0.08, linewidth=0)
        ax.fill_between(x, curve["ci_lo"], curve["ci_hi"], color=colour, alpha=0.25, linewidth=0)
        ax.plot(
            x,
            curve["y"],
            marker="o",
            markersize=2.5,
            color=colour,
            linestyle=_DASHES[(i // len(colours)) % len(_DASHES)],
            label=once(curve["label"] or aggregate),
        )
    styles: dict[str, str] = {}  # one dash pattern per distinct claimed line
    for ref in panel.references:
        style = styles.setdefault(ref["label"], ("--", ":", "-.")[len(styles) % 3])
        single = len(ref["x"]) == 1  # a bound at one point: a short bar, not an invisible line
        ax.plot(
            ref["x"],
            ref["y"],
            linestyle=style,
            color="black",
            linewidth=1.0,
            marker="_" if single else None,
            markersize=14 if single else None,
            label=once(ref["label"]),
        )
    if panel.window:
        low, high = panel.window
        ax.axvspan(low, high, color="grey", alpha=0.08, linewidth=0, label="fit window")
    ax.set_xscale(panel.xscale)
    xs = {x for curve in panel.curves for x in curve["x"]}
    if len(xs) == 1:  # one x: a decade either side (log) or ±1 (linear), as matplotlib gives one point
        (x,) = xs
        ax.set_xlim((x / 10, x * 10) if panel.xscale == "log" and x > 0 else (x - 1, x + 1))
    yscale = _yscale(panel.curves)
    if yscale == "log":
        ax.set_yscale("log", nonpositive="mask")
    for axis, scale in ((ax.xaxis, panel.xscale), (ax.yaxis, yscale)):
        if scale == "log":
            _quiet_minor_ticks(axis)
    ax.set_xlabel(axis_label(panel.x))
    if panel.title:
        ax.set_title(typeset(panel.title), fontsize="small")


def _quiet_minor_ticks(axis) -> None:
    """No labels on minor ticks of a log axis that has at least two labelled major ticks (they
    overlap when the range is short); a range within one decade keeps them (it has no others)."""
    low, high = axis.get_view_interval()
    if low > 0 and high / low >= 10:
        axis.set_minor_formatter(matplotlib.ticker.NullFormatter())


def _legend_below(ax, columns: int = 2) -> None:
    """The legend under the axes (in up to `columns` columns): never over the data."""
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        # Anchored a fixed distance under the axes, clear of tick labels and the x label.
        below = matplotlib.transforms.offset_copy(
            ax.transAxes, fig=ax.figure, y=-4 * plt.rcParams["font.size"], units="points"
        )
        ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, 0.0),
            bbox_transform=below,
            ncol=min(columns, len(handles)),
            frameon=False,
            borderaxespad=0.0,
        )


def _fit_title(ax, text: str, colour: str) -> None:
    """The title at the axes' width: the font shrinks (to 60%) before the text overruns."""
    title = ax.set_title(text, color=colour)
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    size = title.get_fontsize()
    width = ax.get_window_extent(renderer).width
    while title.get_window_extent(renderer).width > width and title.get_fontsize() > 0.6 * size:
        title.set_fontsize(title.get_fontsize() * 0.92)


def _draw(ax, result: dict[str, Any], panel: Panel | None = None) -> None:
    """The claim's main panel on `ax`: curves, claimed lines, window, legend below, verdict title."""
    panel = panel or panels(result)[0]
    _draw_panel(ax, panel, result["aggregate"])
    ax.set_ylabel(y_label(result))
    colour = _VERDICT_COLOURS.get(result["verdict"], "black")
    _fit_title(ax, f"{result['id']}\n{result['verdict']} (expected {result['expected']})", colour)
    _legend_below(ax)
    if not result["curves"]:
        ax.text(
            0.5,
            0.5,
            result["reason"],
            transform=ax.transAxes,
            ha="center",
            va="center",
            wrap=True,
            fontsize="small",
        )


def _draw_parts(fig, result: dict[str, Any], others: list[Panel]) -> None:
    """The other parts of a multi-part claim as small multiples, three to a row."""
    columns = min(3, len(others))
    rows = -(-len(others) // columns)
    axes = fig.subplots(rows, columns, squeeze=False)
    for ax, panel in zip(axes.flat, others):
        _draw_panel(ax, panel, result["aggregate"])
        _legend_below(ax, columns=1)
    for ax in axes.flat[len(others) :]:
        ax.set_visible(False)
    fig.supylabel(y_label(result))
    fig.suptitle(f"{result['id']}: the other parts", color=_VERDICT_COLOURS.get(result["verdict"], "black"))


@contextlib.contextmanager
def _quiet_font_subsetting():
    """Silence fontTools' warning that the embedded font's 'head' timestamps are old.

    Subsetting DejaVu for a PDF logs "'created' timestamp seems very low" for every figure; the
    timestamps are the font's own and harmless, and the warnings buried verify's progress lines.
    """
    logger = logging.getLogger("fontTools")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _save(fig, path: Path) -> str:
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp{path.suffix}")
    extra = {"pgf.texsystem": tex_system()} if path.suffix == ".pgf" else {}
    try:
        with plt.rc_context(extra), _quiet_font_subsetting():
            fig.savefig(tmp, dpi=200, metadata=_METADATA[path.suffix[1:]])
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return str(path)


def tex_system() -> str | None:
    """The first LaTeX engine on PATH, which matplotlib's PGF backend needs to lay out text."""
    return next((t for t in ("xelatex", "lualatex", "pdflatex") if shutil.which(t)), None)


def _validate(formats, style, width) -> None:
    for fmt in formats:
        if fmt not in FORMATS:
            raise ValueError(f"format: must be one of {FORMATS}, got {fmt!r}")
        if fmt == "pgf" and tex_system() is None:
            raise ValueError(
                "format: pgf export needs a LaTeX engine (xelatex, lualatex or "
                "pdflatex) on PATH; pdf, svg and png need none"
            )
    if style not in STYLES:
        raise ValueError(f"style: must be one of {tuple(STYLES)}, got {style!r}")
    if width not in WIDTHS:
        raise ValueError(f"width: must be one of {tuple(WIDTHS)}, got {width!r}")


def plot_comparison(
    results: list[dict[str, Any]], path: Path, style: str = "paper", width: str = "single"
) -> str:
    """Several claims' main curves on one axis (e.g. extragradient against Halpern), each with
    its confidence band and its claimed-rate line; the legend names claim and verdict."""
    path = Path(path)
    _validate((path.suffix[1:],), style, width)
    if len(results) < 2:
        raise ValueError("compare: needs at least two claims")
    path.parent.mkdir(parents=True, exist_ok=True)
    with plt.rc_context({**_BASE, **STYLES[style]}):
        w = WIDTHS[width]
        fig, ax = plt.subplots(figsize=(w, w * 0.72))
        try:
            colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
            for i, result in enumerate(results):
                colour = colours[i % len(colours)]
                for curve in result["curves"][:1]:
                    ax.fill_between(
                        curve["x"], curve["ci_lo"], curve["ci_hi"], color=colour, alpha=0.25, linewidth=0
                    )
                    ax.plot(
                        curve["x"],
                        curve["y"],
                        marker="o",
                        markersize=2.5,
                        color=colour,
                        label=f"{result['id']} ({result['verdict']})",
                    )
                for ref in (result["outcome"].get("reference") or [])[:1]:
                    ax.plot(
                        ref["x"],
                        ref["y"],
                        linestyle="--",
                        color=colour,
                        linewidth=1.0,
                        label=typeset(ref["label"]),
                    )
            xscale = {r["outcome"].get("xscale") or "log" for r in results}
            ax.set_xscale("log" if "log" in xscale else "linear")
            ys = [v for r in results for c in r["curves"][:1] for v in c["ci_lo"] if v is not None]
            if ys and min(ys) > 0:
                ax.set_yscale("log")
            ax.set_xlabel(results[0]["outcome"].get("x") or "x")
            ax.set_ylabel(y_label(results[0]))
            ax.legend(loc="best", frameon=False)
            return _save(fig, path)
        finally:
            plt.close(fig)


def _figures(result: dict[str, Any], width: str) -> list[tuple[str, Any]]:
    """(file stem, figure) of the claim's figure and, for a multi-part claim, its other parts."""
    main, others = panels(result)
    w = WIDTHS[width]
    fig, ax = plt.subplots(figsize=(w, w * 0.72))
    _draw(ax, result, main)
    figures = [(result["id"], fig)]
    if others:
        rows = -(-len(others) // 3)
        fig = plt.figure(figsize=(WIDTHS["double"], 2.6 * rows + 0.4), layout="constrained")
        _draw_parts(fig, result, others)
        figures.append((f"{result['id']}-parts", fig))
    return figures


def layout_problems(fig) -> list[str]:
    """What would make a figure unprintable: a legend over any axes, a label listed twice."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    axes = [ax for ax in fig.axes if ax.get_visible()]
    problems = []
    for ax in axes:
        legend = ax.get_legend()
        if legend is None:
            continue
        box = legend.get_window_extent(renderer)
        for other in axes:
            if box.overlaps(other.get_window_extent(renderer)):
                problems.append(f"legend of {ax.get_title()!r} over the axes of {other.get_title()!r}")
        labels = [t.get_text() for t in legend.get_texts()]
        if len(labels) != len(set(labels)):
            problems.append(f"a label listed twice in {ax.get_title()!r}: {labels}")
    return problems


def plot_result(
    result: dict[str, Any],
    directory: Path,
    formats=("pdf", "png"),
    style: str = "paper",
    width: str = "single",
) -> list[str]:
    """Draw `result` and save it in each format; returns the paths written (the claim's figure,
    then `<id>-parts` with the other parts of a multi-part claim as small multiples)."""
    _validate(formats, style, width)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    with plt.rc_context({**_BASE, **STYLES[style]}):
        for stem, fig in _figures(result, width):
            try:
                paths += [_save(fig, p) for p in figure_paths(stem, directory, formats)]
            finally:
                plt.close(fig)
    return paths
