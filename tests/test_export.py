"""Paper figures: every format, deterministic bytes, comparison figures."""

import hashlib

import pytest

from theorytest._plot import tex_system
from theorytest.cli import main

NO_TEX = pytest.mark.skipif(tex_system() is None, reason="PGF export needs a LaTeX engine")


@pytest.fixture
def results(claim_dir, tmp_path):
    out = tmp_path / "res"
    assert main(["verify", str(claim_dir), "--out", str(out), "--formats", ""]) == 0
    return out


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "fmt, magic",
    [
        ("pdf", b"%PDF"),
        ("png", b"\x89PNG"),
        ("svg", b"<?xml"),
        pytest.param("pgf", b"%% Creator", marks=NO_TEX),
    ],
)
def test_export_formats_are_deterministic(results, tmp_path, fmt, magic, capsys):
    figs = tmp_path / "figs"
    args = ["export", "toy-a", "--out", str(results), "--figures", str(figs), "--format", fmt]
    assert main(args) == 0
    path = figs / f"toy-a.{fmt}"
    first = digest(path)
    assert path.read_bytes().startswith(magic)
    assert main(args) == 0
    assert digest(path) == first
    if fmt == "pgf":
        assert b"\\begin{pgfpicture}" in path.read_bytes()


@pytest.mark.parametrize("style, width", [("paper", "single"), ("slides", "double")])
def test_styles_and_widths(results, tmp_path, style, width, capsys):
    assert (
        main(
            [
                "export",
                "--all",
                "--out",
                str(results),
                "--figures",
                str(tmp_path / style),
                "--format",
                "png",
                "--style",
                style,
                "--width",
                width,
            ]
        )
        == 0
    )
    assert len(list((tmp_path / style).glob("*.png"))) == 6


def test_comparison_figure(results, tmp_path, capsys):
    assert (
        main(
            [
                "export",
                "toy-a",
                "toy-b",
                "--compare",
                "toy-a-vs-b",
                "--out",
                str(results),
                "--figures",
                str(tmp_path / "figs"),
                "--format",
                "pdf",
            ]
        )
        == 0
    )
    assert (tmp_path / "figs" / "toy-a-vs-b.pdf").read_bytes().startswith(b"%PDF")
    assert main(["export", "toy-a", "--compare", "alone", "--out", str(results)]) == 2


@pytest.mark.skipif(tex_system() is not None, reason="a LaTeX engine is installed")
def test_pgf_without_tex_is_a_clear_error(results, tmp_path, capsys):
    assert (
        main(["export", "toy-a", "--out", str(results), "--figures", str(tmp_path), "--format", "pgf"]) == 2
    )
    assert "needs a LaTeX engine" in capsys.readouterr().err


def test_a_redraw_takes_the_claims_present_quantity():
    from types import SimpleNamespace

    from theorytest.cli import _with_current_labels

    saved = {"id": "a", "quantity": "metric", "estimate": 0.5}
    current = {"a": SimpleNamespace(quantity="f(x_k) − f*")}
    assert _with_current_labels(saved, current) == {**saved, "quantity": "f(x_k) − f*"}
    assert _with_current_labels({"id": "user-claim"}, current) == {"id": "user-claim"}
