"""LR(gamma) curve figure of the threshold models: critical line, inputs and reproducible files."""

from __future__ import annotations

import numpy as np
import pytest

from gvcpanel.errors import DataError
from gvcpanel.estimate.threshold import lr_critical
from gvcpanel.papers.qu_yang_2023.lr_figures import lr_curve_figure, lr_figure


def curves() -> dict:
    gamma = np.linspace(0.1, 0.9, 41)
    return {
        "eq19": {"gamma": gamma.tolist(), "lr": (400 * (gamma - 0.35) ** 2).tolist(),
                 "threshold": 0.35},
        "eq20": {"gamma": gamma.tolist(), "lr": (300 * (gamma - 0.38) ** 2).tolist(),
                 "threshold": 0.38},
    }  # fmt: skip


def test_lr_critical_value_is_hansens():
    # Hansen (2000), Table 1 (asymptotic critical values of LR for the threshold)
    published = {0.20: 4.50, 0.10: 5.94, 0.075: 6.53, 0.05: 7.35, 0.025: 8.75, 0.01: 10.59}
    for alpha, c in published.items():
        assert lr_critical(alpha) == pytest.approx(c, abs=0.005)


def test_each_panel_has_curve_critical_line_and_threshold():
    fig = lr_figure(curves())
    axes = fig.get_axes()
    assert len(axes) == 2
    for ax, (name, c) in zip(axes, curves().items(), strict=True):
        curve, hline, vline = ax.get_lines()
        np.testing.assert_array_equal(curve.get_ydata(), c["lr"])
        assert list(hline.get_ydata()) == pytest.approx([lr_critical(0.05)] * 2)
        assert set(vline.get_xdata()) == {c["threshold"]}
        assert name[2:] in ax.get_title()


def test_files_are_written_and_reproducible(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for d in (a, b):
        lr_curve_figure(curves(), d / "lr.png", d / "lr.pdf")
    assert (a / "lr.png").read_bytes().startswith(b"\x89PNG")
    assert (a / "lr.pdf").read_bytes().startswith(b"%PDF")
    assert (a / "lr.png").read_bytes() == (b / "lr.png").read_bytes()
    assert (a / "lr.pdf").read_bytes() == (b / "lr.pdf").read_bytes()


def test_bad_curves_are_rejected(tmp_path):
    bad = curves()
    bad["eq20"]["lr"] = bad["eq20"]["lr"][:-1]
    with pytest.raises(DataError, match=r"equal-length.*eq20"):
        lr_curve_figure(bad, tmp_path / "x.png", tmp_path / "x.pdf")
    assert not (tmp_path / "x.png").exists()
    bad = curves()
    del bad["eq19"]["threshold"]
    with pytest.raises(DataError, match=r"as numbers.*eq19"):
        lr_figure(bad)
