"""ASIF-style simulator: dirt at the documented rates, Table A1 calibration, DGP recovery."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from gvcpanel.papers.liu_2013 import REGISTRATION_RANGES, REVISION_YEAR
from gvcpanel.papers.liu_2013.simulate import simulate_firms, write_firm_raw
from gvcpanel.papers.liu_2013.simulate_cli import main
from gvcpanel.papers.liu_2013.simulate_dgp import DirtRates, FirmDGP
from gvcpanel.schemas.firms import RawFirmTable
from gvcpanel.schemas.names import VALUE_COLUMNS

NO_DIRT = DirtRates(0, 0, 0, 0, 0, 0)


@pytest.fixture(scope="module")
def panel():
    return simulate_firms(FirmDGP().scaled(0.01), seed=11)


@pytest.fixture(scope="module")
def raw(panel) -> pd.DataFrame:
    return panel.raw.to_pandas()


def _in_ranges(codes: pd.Series) -> pd.Series:
    ok = pd.Series(False, index=codes.index)
    for lo, hi in REGISTRATION_RANGES.values():
        ok |= codes.between(lo, hi)
    return ok


def dirt_masks(raw: pd.DataFrame) -> dict[str, pd.Series]:
    """Each defect identified from the raw table alone, first match in the ingest's rule order.

    (A negative output also makes value added exceed output, so a row counts once, for the first
    rule it fails; duplicates are the later copies of a (firm_id, year).)
    """
    values = raw[list(VALUE_COLUMNS)]
    checks = {
        "invalid_registration": ~_in_ranges(raw["registration_type"]),
        "missing": values.isna().any(axis=1),
        "negative": (values < 0).any(axis=1),
        "va_exceeds_output": raw["value_added"] > raw["output"],
        "small_employment": raw["employment"] < 8,
        "duplicate": raw.duplicated(["firm_id", "year"], keep="first"),
    }
    taken = pd.Series(False, index=raw.index)
    masks = {}
    for kind, mask in checks.items():
        masks[kind] = mask & ~taken
        taken |= mask
    return masks


def test_dirt_appears_at_documented_rates(raw, panel):
    masks = dirt_masks(raw)
    n_clean = len(raw) - int(masks["duplicate"].sum())
    rates = DirtRates()
    for kind, mask in masks.items():
        assert int(mask.sum()) == round(getattr(rates, kind) * n_clean), kind
        assert panel.injected[kind] == int(mask.sum()), kind
    nulls = raw[list(VALUE_COLUMNS)].isna().sum(axis=1)
    assert nulls.max() == 1  # one missing value per defective row


def test_raw_layout_matches_raw_model(raw):
    RawFirmTable.validate(raw)
    assert raw["year"].between(1998, 2007).all()


def test_identity_holds_where_clean(raw):
    clean = ~pd.concat(dirt_masks(raw), axis=1).any(axis=1)
    r = raw[clean]
    np.testing.assert_allclose(r.intermediate_inputs, r.output - r.value_added, rtol=1e-12)
    vr = r.value_added / r.output
    assert vr.between(0, 1).all()


def test_table_a1_ratios_exact_without_dirt(reference):
    """Σ training/Σ output and Σ K/Σ L of every two-digit industry equal Table A1."""
    panel = simulate_firms(FirmDGP(dirt=NO_DIRT).scaled(0.004), seed=5)
    df = panel.raw.to_pandas().assign(cic2=lambda d: d.cic4 // 100)
    agg = df.groupby("cic2")[["training_expense", "output", "fixed_assets", "employment"]].sum()
    a1 = pd.DataFrame(
        reference["liu_2013"]["tableA1_two_digit"]["rows"],
        columns=["cic2", "description", "kl", "training"],
    ).set_index("cic2")
    assert sorted(agg.index) == sorted(a1.index)
    np.testing.assert_allclose(agg.training_expense / agg.output, a1.training, rtol=1e-9)
    np.testing.assert_allclose(agg.fixed_assets / agg.employment, a1.kl, rtol=1e-9)


def test_industries_entry_exit_and_groups(raw, panel, reference):
    ind = panel.industries
    assert len(ind) == 480 and ind.cic4.is_unique
    a1_codes = {r[0] for r in reference["liu_2013"]["tableA1_two_digit"]["rows"]}
    assert set(ind.cic2) == a1_codes
    assert (ind.cic4 // 100 == ind.cic2).all()
    assert len(raw) == pytest.approx(25_000, rel=0.01)
    years = raw.groupby("firm_id")["year"].agg(["min", "max", "size"])
    assert (years["min"] > 1998).any() and (years["max"] < 2007).any()  # entry and exit
    counts = raw.groupby("year").size()
    assert (np.diff(counts.to_numpy()) > 0).all()
    codes = raw.loc[_in_ranges(raw.registration_type), "registration_type"]
    for lo, hi in REGISTRATION_RANGES.values():
        assert codes.between(lo, hi).any()


def test_id_changes_and_links(raw, panel):
    links = panel.id_links
    assert len(links) > 0 and links.new_id.is_unique
    keyed = raw.drop_duplicates(["firm_id", "year"])
    for old, new, year in links.head(50).itertuples(index=False):
        assert (keyed.loc[keyed.firm_id == new, "year"] >= year).all()
        assert (keyed.loc[keyed.firm_id == old, "year"] < year).all()
        assert ((keyed.firm_id == new) & (keyed.year == year)).sum() == 1
    # after linking every firm's years are contiguous (exit is permanent)
    root = keyed.firm_id.replace(dict(zip(links.new_id, links.old_id, strict=True)))
    span = keyed.groupby(root)["year"].agg(["min", "max", "size"])
    assert (span["max"] - span["min"] + 1 == span["size"]).all()


def test_code_revision_and_concordance(raw, panel):
    conc = panel.concordance
    assert conc.old_cic4.is_unique
    assert set(conc.old_cic4).isdisjoint(panel.industries.cic4)
    before = raw.year < REVISION_YEAR
    assert set(raw.loc[~before, "cic4"]) <= set(panel.industries.cic4)
    assert set(raw.loc[before, "cic4"]).isdisjoint(conc.new_cic4)
    assert set(raw.loc[before, "cic4"]) - set(panel.industries.cic4) <= set(conc.old_cic4)
    assert (conc.old_cic4 // 100 == conc.new_cic4 // 100).all()


def test_same_seed_same_table_other_seed_differs(panel):
    dgp = FirmDGP().scaled(0.01)
    assert simulate_firms(dgp, seed=11).raw.equals(panel.raw)
    assert not simulate_firms(dgp, seed=12).raw.equals(panel.raw)


def test_write_and_cli(tmp_path):
    main(["--scale", "0.001", "--seed", "4", "--out", str(tmp_path / "a")])
    paths = write_firm_raw(FirmDGP().scaled(0.001), 4, tmp_path / "b")
    for name, path in paths.items():
        assert (tmp_path / "a" / path.name).read_bytes() == path.read_bytes(), name
    meta = json.loads(paths["dgp"].read_text())
    assert meta["seed"] == 4 and meta["rows"] == pd.read_parquet(paths["firms"]).shape[0]
    wage = pd.read_csv(paths["wage_index"])
    assert list(wage.year) == list(range(1998, 2008)) and wage.wage_index.iloc[0] == 1.0
    assert (np.diff(wage.avg_wage) > 0).all()


def _two_year_changes(panel, group: str) -> pd.DataFrame:
    """Industry VR (eq. 62) changes over 1998→2000, …, 2004→2006 with τ = 1…4."""
    df = panel.raw.to_pandas()
    new = dict(zip(panel.concordance.old_cic4, panel.concordance.new_cic4, strict=True))
    df["cic4"] = df.cic4.map(new).fillna(df.cic4).astype("int64")
    lo, hi = REGISTRATION_RANGES[group]
    agg = df[df.registration_type.between(lo, hi)].groupby(["cic4", "year"]).sum()
    vr = (agg.value_added / agg.output).unstack()
    beta = panel.industries.set_index("cic4").training_intensity.reindex(vr.index)
    spans = [(1998, 2000), (2000, 2002), (2002, 2004), (2004, 2006)]
    parts = [
        pd.DataFrame({"dvr": vr[b] - vr[a], "vr0": vr[1998], "beta": beta, "tau": k})
        for k, (a, b) in enumerate(spans, start=1)
    ]
    return pd.concat(parts).dropna().rename_axis("cic4").reset_index()


@pytest.mark.parametrize("group", ["foreign", "domestic"])
def test_convergence_parameters_recovered(group):
    """OLS of ΔVR on VR_1998, β, τ recovers the true ψ within 4 clustered SEs."""
    dgp = FirmDGP(dirt=NO_DIRT).scaled(0.5)
    panel = simulate_firms(dgp, seed=2013)
    d = _two_year_changes(panel, group)
    fit = smf.ols("dvr ~ vr0 + beta + tau", d).fit(cov_type="cluster", cov_kwds={"groups": d.cic4})
    truth = dgp.groups[group].convergence
    for term, value in (("vr0", truth.psi1), ("beta", truth.psi2), ("tau", truth.psi3)):
        assert abs(fit.params[term] - value) < 4 * fit.bse[term], (term, fit.params[term])
    if group == "foreign":
        assert fit.params["vr0"] < 0 and fit.params["beta"] > 0
        assert fit.params["vr0"] + 4 * fit.bse["vr0"] < 0
