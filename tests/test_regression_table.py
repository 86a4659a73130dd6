"""``regression_table`` of one's own models: a two-way FE fit and a threshold fit of Hansen's
investment panel (xthreg's example file) side by side, written in all six formats; every file
read back with the format's own tools shows the numbers of the fits."""

from __future__ import annotations

import pandas as pd
import pytest
from table_files import READABLE, assert_same_cells, read

import gvcpanel
from gvcpanel.estimate.tidy import Coef, Estimates
from gvcpanel.report.cells import number_text, stars
from gvcpanel.report.regression import covariance_note, regime_label, regression_table
from gvcpanel.report.table import FORMATS, write

X = ["q1", "q2", "q3", "d1", "qd1"]


@pytest.fixture(scope="module")
def fits(shared_data):
    df = pd.read_csv(shared_data / "hansen1999" / "hansen1999_xthreg.csv")
    fe = gvcpanel.twoway(df, y="i", x=["q1", "d1"], entity="id", time="year")
    thr = gvcpanel.threshold(
        df, y="i", x=X, regime_x=["c1"], q="d1", entity="id", time="year", reps=50, seed=1
    )
    return fe, thr, fe.to_estimates("fe")


def _shown(coef: float, p: float, digits: int = 3) -> str:
    return number_text(coef, digits) + stars(p)


def test_fe_and_threshold_side_by_side_in_every_format(fits, tmp_path):
    fit, thr, fe = fits
    table = regression_table([fit, thr])  # the fits themselves, as a user passes them
    write(table, tmp_path / "models", FORMATS)
    shown = assert_same_cells(tmp_path / "models")
    assert {fmt: read(tmp_path / "models", fmt) for fmt in READABLE}.keys() == set(READABLE)
    heads, body = shown.grid[:2], shown.grid[2:]
    assert heads == [["", "i", ""], ["", "(1)", "(2)"]]  # the dependent variable over both
    rows = {row[0]: row for row in body if row[0]}
    q1_fe, q1_thr = fe.coef("q1"), thr.coef_table().loc["q1"]
    assert rows["q1"][1:] == [_shown(q1_fe.coef, q1_fe.p), _shown(q1_thr.coef, q1_thr.p)]
    beneath = body[body.index(rows["q1"]) + 1]
    assert beneath == ["", f"({q1_fe.se:.3f})", f"({q1_thr.se:.3f})"]
    assert rows["q2"][1] == ""  # not a regressor of the FE model
    low, high = thr.coef_table().loc["c1_regime0"], thr.coef_table().loc["c1_regime1"]
    assert rows["c1 (d1 ≤ γ₁)"][1:] == ["", _shown(low.coef, low.p)]
    assert rows["c1 (d1 > γ₁)"][1:] == ["", _shown(high.coef, high.p)]
    assert rows["Thresholds"][1:] == ["", f"{thr.thresholds[0]:.4g}"]
    assert rows["Observations"][1:] == [f"{fe.nobs:,}", f"{thr.nobs:,}"]
    assert rows["R²"][1:] == [f"{fe.r2:.3f}", f"{thr.final_fit.r2_within:.3f}"]
    assert rows["Time effects"][1:] == ["Yes", "No"]
    assert rows["Standard errors"][1:] == [fe.se_type, thr.se_type]
    assert f"(1) {covariance_note(fe)}" in shown.notes[-1]
    tex = (tmp_path / "models.tex").read_text()
    assert r"c1 (d1 $\leq$ $\gamma_{1}$) &" in tex and r"$R^2$ &" in tex


def test_options(fits):
    _, thr, fe = fits
    table = regression_table(
        [fe, thr],
        labels=["FE", "Threshold"],
        groups=None,
        stat="t",
        digits=2,
        stars=False,
        terms=["d1", "q1"],
        rename={"q1": "Tobin's q"},
        model_stats=["nobs"],
        notes=["Hansen (1999) data."],
    )
    grid = table.grid()
    d1 = fe.coef("d1")
    assert grid[0] == ["", "FE", "Threshold"] and not table.spanners
    assert [row[0] for row in grid[1:]] == ["d1", "", "Tobin's q", "", "Observations"]
    assert grid[1][1] == number_text(d1.coef, 2) and grid[2][1] == f"({d1.stat:.2f})"
    assert [n.text for n in table.notes][0] == "t statistics in parentheses."
    assert table.notes[-1].text == "Hansen (1999) data."
    ci = regression_table([fe], groups=None, stat="ci", model_stats=[]).grid()
    q1 = fe.coef("q1")
    assert ci[2][1] == f"[{number_text(q1.ci_lower, 3)}, {number_text(q1.ci_upper, 3)}]"


def test_wrong_input_is_named(fits):
    _, _, fe = fits
    with pytest.raises(KeyError, match="'beta' is in none of the models"):
        regression_table([fe], terms=["beta"])
    with pytest.raises(TypeError, match="model \\(1\\): a dict is neither tidy Estimates"):
        regression_table([{"coef": 1}])
    with pytest.raises(ValueError, match="stat must be one of se, t, p, ci"):
        regression_table([fe], stat="z")
    with pytest.raises(ValueError, match="2 labels for 1 models"):
        regression_table([fe], labels=["a", "b"])


def _threshold_model(conventions: str, thresholds: list[float]) -> Estimates:
    terms = [f"r_regime{j}" for j in range(len(thresholds) + 1)]
    return Estimates(
        study="",
        model="m",
        dependent="y",
        estimator="threshold",
        coefficients=[Coef(t, 1.0, 0.1, 10.0, 0.0, 0.8, 1.2) for t in terms],
        nobs=10,
        extra={
            "thresholds": thresholds,
            "threshold_variable": "q",
            "regime_variables": ["r"],
            "conventions": conventions,
        },
        versions={},
    )


@pytest.mark.parametrize(
    ("conventions", "labels"),
    [
        ("standard", ["r (q ≤ γ₁)", "r (γ₁ < q ≤ γ₂)", "r (q > γ₂)"]),
        ("hansen", ["r (q < γ₁)", "r (γ₁ ≤ q < γ₂)", "r (q ≥ γ₂)"]),
    ],
)
def test_regime_rows_name_their_interval(conventions, labels):
    """Regime j of a two-threshold model lies between γ_j and γ_(j+1); the lower regime takes
    q = γ (standard) or not (Hansen's program, strict)."""
    est = _threshold_model(conventions, [0.2, 0.5])
    assert [regime_label(f"r_regime{j}", est).text for j in range(3)] == labels
    assert regime_label("x", est) is None
