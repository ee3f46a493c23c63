"""Rate plots drawn from result records, ready for a paper.

Each plot shows the aggregate of every measured curve with its bootstrap confidence band
(and the 10–90% spread over seeds, lighter), the claimed rate or bound through the fit
window, the window shaded, and the verdict in the title. Plots are drawn from the saved
result alone, so `theorytest export` redraws them without re-running anything, and the
same result gives the same bytes (no timestamps in the files).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

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
_POWER = re.compile(r"([A-Za-zα-ωΑ-Ω]+|\))\^(?:\((-?[0-9.]+(?:/[0-9]+)?)\)|(-?[0-9.]+(?:/[0-9]+)?))")
_FRACTIONS = {0.5: "1/2", 0.25: "1/4", 0.75: "3/4", 1.5: "3/2", 2.5: "5/2", 0.2: "1/5"}
# At most this many legend entries sit inside the axes; more go beside them, off the data.
LEGEND_INSIDE_MAX = 4


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
    """A label with its powers in mathtext: 'claimed O(mn^-0.5)' -> 'claimed O($mn^{-1/2}$)'."""
    if "$" in label:
        return label

    def power(m: re.Match) -> str:
        base, exponent = m.group(1), _exponent(m.group(2) or m.group(3))
        return f")$^{{{exponent}}}$" if base == ")" else f"${base}^{{{exponent}}}$"

    return _POWER.sub(power, label)


def figure_paths(claim_id: str, directory: Path, formats) -> list[Path]:
    return [Path(directory) / f"{claim_id}.{fmt}" for fmt in formats]


def _lead_references(outcome: dict[str, Any]) -> list[dict[str, Any]]:
    """The claimed-rate lines of the lead part of a multi-part outcome (else all of them)."""
    parts = outcome.get("parts") or []
    lead = (outcome.get("details") or {}).get("lead")
    chosen = next((p for p in parts if (p.get("details") or {}).get("name") == lead), None)
    return (chosen or outcome).get("reference") or []


def y_label(result: dict[str, Any]) -> str:
    """The measured quantity the claim names, with the aggregate over seeds."""
    quantity = result.get("quantity")
    aggregate = result.get("aggregate") or ""
    if quantity:
        return f"{quantity} ({aggregate} over seeds)" if aggregate else quantity
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


def _draw(ax, result: dict[str, Any]) -> None:
    outcome = result["outcome"]
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    seen: set[str] = set()

    def once(label: str) -> str:  # one legend entry per distinct line
        label = typeset(label)
        if label in seen:
            return "_nolegend_"
        seen.add(label)
        return label

    curves = _distinct_curves(result["curves"])
    for i, curve in enumerate(curves):
        colour = colours[i % len(colours)]
        x = curve["x"]
        if "spread_lo" in curve:
            ax.fill_between(x, curve["spread_lo"], curve["spread_hi"], color=colour, alpha=0.08, linewidth=0)
        ax.fill_between(x, curve["ci_lo"], curve["ci_hi"], color=colour, alpha=0.25, linewidth=0)
        ax.plot(
            x,
            curve["y"],
            marker="o",
            markersize=2.5,
            color=colour,
            label=once(curve["label"] or result["aggregate"]),
        )
    for j, ref in enumerate(_lead_references(outcome)):
        ax.plot(
            ref["x"],
            ref["y"],
            linestyle=("--", ":", "-.")[j % 3],
            color="black",
            linewidth=1.0,
            label=once(ref["label"]),
        )
    window = outcome.get("window")
    if window:
        ax.axvspan(window[0], window[1], color="grey", alpha=0.08, linewidth=0, label="fit window")
    ax.set_xscale(outcome.get("xscale") or "log")
    ys = [v for c in result["curves"] for v in c["ci_lo"] + c["y"] if v is not None]
    if ys and min(ys) > 0:
        ax.set_yscale("log")
    ax.set_xlabel(outcome.get("x") or "x")
    ax.set_ylabel(y_label(result))
    colour = _VERDICT_COLOURS.get(result["verdict"], "black")
    ax.set_title(f"{result['id']}: {result['verdict']} (expected {result['expected']})", color=colour)
    handles, labels = ax.get_legend_handles_labels()
    if len(handles) > LEGEND_INSIDE_MAX:
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0, frameon=False)
    elif handles:
        ax.legend(loc="best", frameon=False)
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


def _save(fig, path: Path) -> str:
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp{path.suffix}")
    extra = {"pgf.texsystem": tex_system()} if path.suffix == ".pgf" else {}
    try:
        with plt.rc_context(extra):
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


def plot_result(
    result: dict[str, Any],
    directory: Path,
    formats=("pdf", "png"),
    style: str = "paper",
    width: str = "single",
) -> list[str]:
    """Draw `result` and save it in each format; returns the paths written."""
    _validate(formats, style, width)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    with plt.rc_context({**_BASE, **STYLES[style]}):
        w = WIDTHS[width]
        fig, ax = plt.subplots(figsize=(w, w * 0.72))
        try:
            _draw(ax, result)
            paths = [_save(fig, p) for p in figure_paths(result["id"], directory, formats)]
        finally:
            plt.close(fig)
    return paths
