"""The default firm-side process through the package's whole firm route.

Simulated raw ASIF-style files → audited ingest (concordance, id links, cleaning) → industry panel
(eq. 62, eq. 64) → convergence regressions (eq. 63). On the default process foreign subsidiaries
converge: ψ1 < 0 (initial VR), ψ2 > 0 (training intensity), ψ3 < 0 (τ), each significant at 1%;
domestic firms do not: none of ψ1, ψ2, ψ3 and the K/L coefficient is significant at 5% (their
generating values are all zero; the seed is fixed, so the check is deterministic). A third of
the ASIF scale keeps the test quick while leaving the foreign coefficients many standard errors
from zero.
"""

from __future__ import annotations

import pandas as pd
import pytest
from liu_data import shipped_cleaning_rules

from gvcpanel.papers.liu_2013 import paper_specs
from gvcpanel.papers.liu_2013.convergence import fit_all
from gvcpanel.papers.liu_2013.industry_panel import industry_panel, read_wage_index
from gvcpanel.papers.liu_2013.simulate import FirmDGP, write_firm_raw
from gvcpanel.sources.asif import ingest_firms

CLEANING_RULES = shipped_cleaning_rules()


@pytest.fixture(scope="module")
def fits(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("liu")
    raw = write_firm_raw(FirmDGP().scaled(0.35), seed=20230104, outdir=tmp / "raw")
    clean = tmp / "firms.parquet"
    report = ingest_firms(
        raw["firms"],
        clean,
        tmp / "audit.csv",
        CLEANING_RULES,
        concordance=raw["concordance"],
        id_links=raw["id_links"],
    )
    assert report.rows_out < report.rows_in  # the dirt was removed
    panel = industry_panel(clean, span=2)
    wanted = {"table3_col1", "table8_col1", "table8_col2", "table8_col3"}
    specs = [s for s in paper_specs() if s["name"] in wanted]
    return {e.model: e for e in fit_all(panel, specs, read_wage_index(raw["wage_index"]))}


def test_foreign_subsidiaries_converge(fits):
    est = fits["table3_col1"]
    for term, sign in (("initial_vr", -1), ("training", 1), ("tau", -1)):
        row = est.coef(term)
        assert sign * row.coef > 0 and row.p < 0.01, (term, row)


def test_domestic_firms_do_not(fits):
    for model in ("table8_col1", "table8_col2", "table8_col3"):
        rows = pd.DataFrame([c.__dict__ for c in fits[model].coefficients]).set_index("term")
        assert (rows.loc[["initial_vr", "training", "tau", "kl"], "p"] > 0.05).all(), (model, rows)
