"""Dynamic decompositions: dfvad fixture (GR, BHC, FHK) and Liu's eq. (64) identities."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from decomposition_reference import dynamic_decomposition
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from liu_data import random_firms

from gvcpanel.errors import DataError
from gvcpanel.papers.liu_2013.decomposition import liu_decomposition


@pytest.fixture(scope="module")
def dfvad(shared_data) -> pd.DataFrame:
    return pd.read_csv(shared_data / "dfvad" / "test_dynamics.csv")


@pytest.mark.parametrize("method", ["GR", "BHC", "FHK"])
@pytest.mark.parametrize(("t0", "t1"), [(0, 1), (1, 3)])
def test_dfvad_components(dfvad, reference, method, t0, t1):
    expected = reference["dfvad"]["expected"][method][str(t1)]
    got = dynamic_decomposition(
        dfvad, t0, t1, method, id_col="firm", period="period", x="tfp", s="share"
    ).iloc[0]
    for name, value in expected.items():
        assert got[name] == pytest.approx(value, abs=1e-6), name
    assert got["dP"] == pytest.approx(expected["total"], abs=1e-6)


def test_dynamic_decomposition_by_group_matches_separate_runs(dfvad):
    both = pd.concat([dfvad.assign(ind="a"), dfvad.assign(ind="b", tfp=dfvad["tfp"] * 2)])
    out = dynamic_decomposition(
        both, 0, 1, "FHK", id_col="firm", period="period", x="tfp", s="share", by=["ind"]
    ).set_index("ind")
    single = dynamic_decomposition(
        dfvad, 0, 1, "FHK", id_col="firm", period="period", x="tfp", s="share"
    ).iloc[0]
    # every FHK term is linear in x, so doubling x doubles each component
    for name in ("within", "between", "cross", "entry", "exit"):
        assert out.loc["a", name] == pytest.approx(single[name], abs=1e-12)
        assert out.loc["b", name] == pytest.approx(2 * single[name], abs=1e-12)


def test_duplicate_ids_and_missing_values_raise(dfvad):
    bad = pd.concat([dfvad, dfvad.iloc[[0]]])
    with pytest.raises(DataError, match=r"unique .*\(1\)"):
        dynamic_decomposition(bad, 0, 1, id_col="firm", period="period", x="tfp", s="share")
    gap = dfvad.assign(tfp=dfvad.tfp.where(dfvad.index != 7))  # firm 2 in period 1
    with pytest.raises(DataError, match=r"not missing in period 1.* keys: \(2\)"):
        dynamic_decomposition(gap, 0, 1, id_col="firm", period="period", x="tfp", s="share")


def _eq64_by_hand(firms: pd.DataFrame, span: int) -> pd.DataFrame:
    """Eq. (64) via the pandas GR routine on continuers only with shares among continuers.

    Among continuers Σ Δλ = 0, so GR's between term Σ Δλ (VR̄ − P̄) equals Liu's cross term.
    """
    f = firms.assign(vr=(firms.output - firms.intermediate_inputs) / firms.output)
    out = []
    for year in sorted(f.year.unique()):
        a, b = f[f.year == year - span], f[f.year == year]
        keys = ["firm_id", "group", "cic4"]
        cont = a[keys].merge(b[keys], on=keys)
        sub = pd.concat([a, b]).merge(cont, on=keys)
        if sub.empty:
            continue
        sub["lam"] = sub.output / sub.groupby(["group", "cic4", "year"]).output.transform("sum")
        gr = dynamic_decomposition(
            sub,
            year - span,
            year,
            "GR",
            id_col="firm_id",
            period="year",
            x="vr",
            s="lam",
            by=["group", "cic4"],
        )
        out.append(gr.assign(year=year))
    return pd.concat(out, ignore_index=True)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31 - 1), span=st.integers(1, 3))
def test_liu_identities_on_random_panels(seed, span):
    firms = random_firms(seed)
    d = liu_decomposition(firms, span=span)
    c = d[d.n_cont > 0]
    # eq. (64): within + cross = ΔVR of the continuers (shares among continuers)
    np.testing.assert_allclose(c.within + c["cross"], c.vr_c1 - c.vr_c0, rtol=0, atol=1e-12)
    # full accounting of the industry ΔVR (eq. 62) with entry and exit
    np.testing.assert_allclose(
        c.within + c["cross"] + c.entry + c.exit, c.dvr_total, rtol=0, atol=1e-12
    )
    gr = d[["gr_within", "gr_between", "gr_entry", "gr_exit"]].sum(axis=1)
    np.testing.assert_allclose(gr, d.dvr_total, rtol=0, atol=1e-12)
    # an independent pandas route to eq. (64)
    hand = _eq64_by_hand(firms, span).merge(c, on=["group", "cic4", "year"])
    assert len(hand) == len(c)
    np.testing.assert_allclose(hand.within_x, hand.within_y, rtol=0, atol=1e-12)
    np.testing.assert_allclose(hand.between, hand["cross"], rtol=0, atol=1e-12)


def test_liu_gr_terms_match_general_routine():
    firms = random_firms(7, n_firms=120)
    fv = firms.assign(vr=(firms.output - firms.intermediate_inputs) / firms.output)
    fv["lam"] = fv.output / fv.groupby(["group", "cic4", "year"]).output.transform("sum")
    d = liu_decomposition(firms, span=2).set_index(["group", "cic4", "year"])
    for year in (2000, 2001, 2002):
        gr = dynamic_decomposition(
            fv,
            year - 2,
            year,
            "GR",
            id_col="firm_id",
            period="year",
            x="vr",
            s="lam",
            by=["group", "cic4"],
        ).set_index(["group", "cic4"])
        sub = d.xs(year, level="year")
        for ours, theirs in [
            ("gr_within", "within"),
            ("gr_between", "between"),
            ("gr_entry", "entry"),
            ("gr_exit", "exit"),
        ]:
            joined = sub[[ours]].join(gr[[theirs]], how="inner")
            np.testing.assert_allclose(joined[ours], joined[theirs], rtol=0, atol=1e-12)


def test_decomposition_levels_are_eq62_industry_vr():
    firms = random_firms(3)
    sums = firms.groupby(["group", "cic4", "year"])[["output", "intermediate_inputs"]].sum()
    vr = ((sums.output - sums.intermediate_inputs) / sums.output).rename("vr").reset_index()
    d = liu_decomposition(firms, span=1)
    end = d.merge(vr, on=["group", "cic4", "year"])
    start = d.merge(vr.rename(columns={"year": "year0"}), on=["group", "cic4", "year0"])
    assert len(end) == len(start) == len(d) > 0
    np.testing.assert_allclose(end.vr1, end.vr, rtol=1e-14)
    np.testing.assert_allclose(start.vr0, start.vr, rtol=1e-14)


def test_whole_span_two_digit_and_parquet_route(tmp_path):
    firms = random_firms(11, n_firms=200)
    path = tmp_path / "firms.parquet"
    firms.to_parquet(path)
    a = liu_decomposition(firms, span=4, level="cic2", groups=["foreign"])
    b = liu_decomposition(path, span=4, level="cic2", groups=["foreign"])
    assert set(a.year) == {2002} and set(a.group) == {"foreign"}
    pd.testing.assert_frame_equal(a, b)
    np.testing.assert_allclose(a.dvr, a.vr_c1 - a.vr_c0, rtol=0, atol=1e-12)


@pytest.mark.parametrize(
    ("mutate", "check"),
    [
        (lambda f: f.assign(output=f.output.where(f.index != 5, 0.0)), "output > 0"),
        (lambda f: pd.concat([f, f.iloc[[3]]]), "unique key"),
        (lambda f: f.drop(columns="intermediate_inputs"), "required columns"),
    ],
)
def test_bad_firm_tables_raise(mutate, check):
    firms = random_firms(5)
    with pytest.raises(DataError, match=check):
        liu_decomposition(mutate(firms))
