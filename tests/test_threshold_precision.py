"""Thresholds are stored in full: each is a sample value of ω, and the rule ω ≤ φ applied to the
stored value places every country-year as the fit did, so Table 3 refits from the files exactly.
Rounded to 12 significant digits, 0.3447573066404357 becomes 0.34475730664 and the country-year
with that ω would move to the upper regime."""

from __future__ import annotations

import json
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from gvcpanel.config import load_config
from gvcpanel.estimate.threshold.panel import ThresholdPanel
from gvcpanel.estimate.tidy import Estimates
from gvcpanel.io import Exact, json_text, round_float, write_csv
from gvcpanel.papers.qu_yang_2023.models import country_cov, threshold_model
from gvcpanel.papers.qu_yang_2023.tables import regime_label
from gvcpanel.report.cells import bound_text

VALUE = 0.3447573066404357  # the eq. (19) threshold of the issue that named the problem


def test_an_exact_float_reads_back_bit_for_bit_where_twelve_digits_do_not():
    assert round_float(VALUE) < VALUE  # what 12 digits did to it
    doc = json.loads(json_text({"rounded": VALUE, "exact": Exact(VALUE), "list": [Exact(VALUE)]}))
    assert doc["exact"] == VALUE and doc["list"] == [VALUE]
    assert doc["rounded"] == round_float(VALUE)


def test_exact_csv_columns_are_written_in_full(tmp_path):
    frame = pd.DataFrame({"threshold": [VALUE, 0.1], "lr": [VALUE, 0.1]})
    write_csv(tmp_path / "c.csv", frame, exact=["threshold"])
    back = pd.read_csv(tmp_path / "c.csv")
    assert back["threshold"].tolist() == [VALUE, 0.1]
    assert back["lr"].tolist() == [round_float(VALUE), 0.1]


@pytest.mark.parametrize(
    ("phi", "above", "text"),
    [
        (0.38184, None, "0.3819"),  # rounded up, not to the nearest 0.3818
        (0.38184, 0.381842, "0.38184"),  # 0.3819 would take in the next value: one place more
        (0.25, None, "0.2500"),  # exact: kept
    ],
)
def test_bound_text_holds_exactly_the_observations_at_or_below(phi, above, text):
    assert bound_text(phi, above) == text
    assert Decimal(text) >= Decimal(repr(phi))
    assert above is None or Decimal(text) < Decimal(repr(above))


def _config(project):
    return load_config([project / "config/config.yaml"], None, project)


@pytest.mark.slow
@pytest.mark.parametrize("model", ["eq19", "eq20"])
def test_table3_refits_from_the_stored_threshold(default_project, model):
    """The stored φ is a sample value of ω; the slopes at ω ≤ φ (stored) equal the stored slopes,
    and Table 3's labels put the country-year at φ below and the next one above."""
    cfg, results = _config(default_project), default_project / "results"
    qy = cfg["qu_yang_2023"]
    est = Estimates.read(results / f"estimates/qu_yang_2023/{model}.json")
    tests = json.loads(
        (results / f"estimates/qu_yang_2023/{model}_threshold_tests.json").read_text()
    )
    curve = pd.read_csv(results / f"estimates/qu_yang_2023/{model}_lr_curve.csv")
    (phi,) = est.extra["thresholds"]
    panel = pd.read_parquet(results / "work/data/country_panel.parquet")
    omega = panel[qy["threshold"]["variable"]].to_numpy()
    assert phi in set(omega) and tests["tests"][0]["threshold"] == phi
    assert phi in set(curve["threshold"]) and set(curve["threshold"]) <= set(omega)
    options = {key: qy[key] for key in ("standardize", "inference")}
    spec = qy["threshold_models"][model]
    args, data = threshold_model(panel, model, spec, qy["threshold"], options)
    fit = ThresholdPanel(data, **args).fit_at([phi])
    table = fit.table(country_cov(options))
    regime = spec["regime"]
    for j, side in enumerate(("low", "high")):
        stored, row = est.coef(f"{regime}_{side}"), table.loc[f"{regime}_regime{j}"]
        assert round_float(row["coef"]) == stored.coef and round_float(row["se"]) == stored.se
    nxt = est.extra["threshold_next"]
    assert nxt == omega[omega > phi].min()
    bound = Decimal(regime_label(f"{regime}_low", phi, nxt).text.split("≤ ")[1].rstrip(")"))
    assert (omega <= float(bound)).sum() == (omega <= phi).sum() == fit.regime_counts[0] > 0
    assert np.isfinite(table["coef"]).all()
