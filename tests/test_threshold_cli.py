"""The threshold command line on CSV and Parquet panels."""

from __future__ import annotations

import json

import numpy as np
import pytest

from gvcpanel.estimate.threshold.cli import build_parser, main
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


def coef_rows(text: str) -> dict[str, list[float]]:
    """The printed coefficient table: term -> [coef, se, t, p, ci_lower, ci_upper]."""
    body = text.split("Std. Err.", 1)[1].split("\n", 2)[2].split("\n---", 1)[0]
    rows = [line.split("|") for line in body.splitlines()]
    return {name.strip(): [float(v) for v in cells.split()] for name, cells in rows}


def test_help_documents_every_argument_with_its_default():
    parser = build_parser()
    text = " ".join(parser.format_help().split())
    for action in parser._actions:
        if action.dest == "help":
            continue
        assert action.help, action.dest
        if action.option_strings and not action.required:
            assert action.option_strings[0] in text
            assert action.help in text, action.dest
    for shown in (
        "(default: 400)",
        "(default: 300)",
        "(default: [0.01, 0.01, 0.05])",
        "(default: standard)",
        "(default: clustered)",
        "(default: stata)",
        "(default: firm_block)",
    ):
        assert shown in text
    for action in parser._actions:
        if action.required and action.option_strings:
            assert f"{action.help} (required)" in text, action.dest
    assert text.startswith("usage: gvcpanel threshold")


def test_printed_and_stored_standard_errors_agree(panel, tmp_path, capsys):
    data = tmp_path / "panel.csv"
    panel.to_csv(data, index=False)
    out = tmp_path / "res.json"
    assert main(args(data, "--reps", "0", "--json", str(out))) == 0
    text = capsys.readouterr().out
    est = json.loads(out.read_text())["estimates"]
    assert est["se_type"] == "clustered by entity"
    assert "Std. Err.: clustered by entity" in text
    printed = coef_rows(text)
    for c in est["coefficients"]:
        assert printed[c["term"]][1] == pytest.approx(c["se"], rel=1e-6)


def test_xthreg_preset_reproduces_xthreg_printed_output(shared_data, reference, tmp_path, capsys):
    """Wang (2015), pp. 130-131: threshold 0.0154, F1 35.20, RSS 17.7818 and the coefficient
    table (conventional SEs) on xthreg's example file, to the printed digits."""
    ref = reference.get("xthreg2015")
    if ref is None:
        pytest.skip("reference/xthreg2015.json not present in ../shared/reference")
    ref = ref["single"]
    data = shared_data / "hansen1999" / "hansen1999_xthreg.csv"
    out = tmp_path / "xthreg.json"
    argv = [str(data), "--entity", "id", "--time", "year", "--y", "i"]
    argv += ["--x", "q1", "q2", "q3", "d1", "qd1", "--regime-x", "c1", "--q", "d1"]
    assert main([*argv, "--xthreg", "--reps", "0", "--json", str(out)]) == 0
    text = capsys.readouterr().out
    res = json.loads(out.read_text())
    test = res["tests"]["tests"][0]
    assert round(test["threshold"], 4) == ref["threshold"]
    assert round(test["F"], 2) == pytest.approx(ref["F"])
    assert abs(test["sse"] - ref["rss"]) <= 0.5e-4
    assert res["tests"]["nobs"] == ref["nobs"]
    assert "MSE = RSS/7896" in text and "Std. Err.: conventional" in text
    printed = coef_rows(text)
    assert set(printed) == set(ref["coef_se"])
    for name, (coef, se) in ref["coef_se"].items():
        assert abs(printed[name][0] - coef) <= 0.5e-7, name
        assert abs(printed[name][1] - se) <= 0.5e-7, name
    stored = {c["term"]: c for c in res["estimates"]["coefficients"]}
    for name, c in stored.items():
        assert abs(c["se"] - ref["coef_se"][name][1]) <= 0.5e-7, name
    assert res["estimates"]["se_type"] == "conventional"
