"""The row-level firm audit of the default run: every raw row with what the ingest did to it,
consistent with the counts of ``firm_cleaning.csv`` and the identifier links, and traceable
from a cell of the industry panel back to its raw rows."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from gvcpanel.papers.liu_2013.firm_trace import cell_summary, trace_firm_years

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def audit(default_project):
    results = default_project / "results"
    return {
        "results": results,
        "rows": pd.read_parquet(results / "audit/firm_rows.parquet"),
        "counts": pd.read_csv(results / "audit/firm_cleaning.csv"),
        "raw": pd.read_parquet(results / "work/raw/asif/asif_firms.parquet"),
        "links": pd.read_csv(results / "work/raw/asif/firm_id_links.csv"),
    }


def test_every_raw_row_is_listed_once_in_the_extract_order(audit):
    rows, raw = audit["rows"], audit["raw"]
    assert rows["raw_row"].tolist() == list(range(1, len(raw) + 1))
    assert (rows["raw_firm_id"].to_numpy() == raw["firm_id"].to_numpy()).all()
    assert (rows["raw_cic4"].to_numpy() == raw["cic4"].to_numpy()).all()


def test_dropped_rows_by_rule_and_year_are_the_cleaning_counts(audit):
    counts = audit["counts"]
    per_rule = counts[counts["rule"] != "total"].astype({"year": int})
    listed = audit["rows"].groupby(["dropped_by", "year"]).size()
    for r in per_rule.itertuples():
        assert listed.get((r.rule, r.year), 0) == r.rows_dropped, (r.rule, r.year)
    total = counts.loc[counts["rule"].eq("total") & counts["year"].isna(), "rows_dropped"].item()
    assert audit["rows"]["dropped_by"].notna().sum() == total


def test_relinked_and_recoded_rows_are_those_the_inputs_call_for(audit):
    rows, links = audit["rows"], audit["links"]
    linked = rows["raw_firm_id"].isin(links["new_id"])
    assert rows["relinked"].tolist() == linked.tolist()
    relinked = rows[rows["relinked"]]
    assert (relinked["firm_id"] != relinked["raw_firm_id"]).all()
    recoded = rows[rows["recoded"]]
    assert len(recoded) and (recoded["year"] < 2003).all()
    assert (recoded["cic4"] != recoded["raw_cic4"]).all()


def test_a_cell_traces_to_the_raw_rows_behind_it(audit):
    results = audit["results"]
    panel = pd.read_parquet(results / "data/industry_panel.parquet")
    cell = panel[panel["group"] == "foreign"].iloc[len(panel) // 7]
    traced = trace_firm_years(
        results / "audit/firm_rows.parquet",
        results / "data/firm_panel.parquet",
        group="foreign",
        cic4=int(cell["cic4"]),
        years=[int(cell["year"])],
    )
    summary = cell_summary(traced).iloc[0]
    assert summary["n_firms"] == cell["n_firms"]
    np.testing.assert_allclose(summary["vr"], cell["vr"], rtol=1e-12)
    raw = audit["raw"].iloc[traced["raw_row"].to_numpy() - 1]
    kept = traced["dropped_by"].isna().to_numpy()
    np.testing.assert_array_equal(raw["output"].to_numpy()[kept], traced["output"].to_numpy()[kept])
    run = subprocess.run(
        [sys.executable, "-m", "gvcpanel.cli", "trace-firms", "--results", str(results),
         "--group", "foreign", "--cic4", str(int(cell["cic4"])), "--years", str(int(cell["year"]))],
        capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert str(int(cell["n_firms"])) in run.stdout
