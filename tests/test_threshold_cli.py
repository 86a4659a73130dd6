"""The threshold command line on CSV and Parquet panels."""

from __future__ import annotations

import json

import numpy as np
import pytest

from gvcpanel.estimate.threshold.cli import main
from gvcpanel.simulate.threshold_panel import simulate_threshold_panel


@pytest.fixture(scope="module")
def panel():
    return simulate_threshold_panel(80, 6, (0.5,), np.array([[0.0], [1.5]]), missing=0.1, seed=4)


def args(path, *extra):
    return [
        str(path),
        "--entity",
        "entity",
        "--time",
        "time",
        "--y",
        "y",
        "--x",
        "x",
        "--regime-x",
        "r1",
        "--q",
        "q",
        "--grid",
        "80",
        "--trim",
        "0.1",
        *extra,
    ]


@pytest.mark.parametrize("suffix", ["csv", "parquet"])
def test_cli_runs_and_writes_json(panel, tmp_path, capsys, suffix):
    data = tmp_path / f"panel.{suffix}"
    if suffix == "csv":
        panel.to_csv(data, index=False)
    else:
        panel.to_parquet(data, index=False)
    out = tmp_path / "res.json"
    code = main(
        args(
            data,
            "--thresholds",
            "2",
            "--bootstrap",
            "wild_rademacher",
            "--reps",
            "19",
            "--time-effects",
            "--seed",
            "3",
            "--json",
            str(out),
        )
    )
    assert code == 0
    assert "Threshold effect test" in capsys.readouterr().out
    res = json.loads(out.read_text())
    assert [t["k"] for t in res["tests"]["tests"]] == [1, 2]
    assert res["tests"]["bootstrap"] == {"kind": "wild_rademacher", "reps": 19, "seed": 3}
    assert res["estimates"]["effects"] == ["entity", "time"]
    assert abs(res["tests"]["tests"][0]["threshold"] - 0.5) < 0.05


def test_cli_reports_bad_input(panel, tmp_path, capsys):
    data = tmp_path / "panel.csv"
    panel.drop(columns="x").to_csv(data, index=False)
    assert main(args(data, "--reps", "0")) == 2
    err = capsys.readouterr().err
    assert "required columns present" in err and "x" in err
