"""The GVC participation measures of ``country_panel.icio.gvcp`` (``gvcpanel.construct.gvcp``):
each equals its derivation from decompr's own terms on its ``leather`` table (the Leontief
exports matrix and the KWW terms of ../shared/reference/decompr_leather.json) to 1e-10; on WIOD
the parts add up and the KWW backward part is the Leontief FVA; and the pipeline writes the
decompositions of every year and builds the panel on a KWW measure."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pandas as pd
import pytest
from conftest import run_snakemake

from gvcpanel.construct.decompose import decompose
from gvcpanel.construct.gvcp import (
    MEASURES,
    PART_RANGE,
    kww_parts,
    plausible_range,
    with_measure,
)
from gvcpanel.construct.icio import country_indicators
from gvcpanel.construct.kww import KWW_TERMS, kww
from gvcpanel.construct.plausibility import PLAUSIBLE
from gvcpanel.errors import DataError
from gvcpanel.sources.icio import ICIOTable
from gvcpanel.sources.wiod import MANUFACTURING, read_wiod

RTOL = 1e-10
#: Every measure and its derivation from decompr's terms (decompr's names: FVA and DVX from the
#: country sums of V B E, IV and FV from the KWW terms, E = the nine terms' sum)
DERIVATIONS = {
    "fva_dvx": lambda t: (t["FVA"] + t["DVX"]) / t["E"],
    "fva_dvx_backward": lambda t: t["FVA"] / t["E"],
    "fva_dvx_forward": lambda t: t["DVX"] / t["E"],
    "kww": lambda t: (t["DVA_INTrex"] + t["FVA_FIN"] + t["FVA_INT"] + t["FDC"]) / t["E_kww"],
    "kww_backward": lambda t: (t["FVA_FIN"] + t["FVA_INT"] + t["FDC"]) / t["E_kww"],
    "kww_forward": lambda t: t["DVA_INTrex"] / t["E_kww"],
}


@pytest.fixture(scope="module")
def leather(reference) -> tuple[ICIOTable, dict[str, np.ndarray]]:
    """decompr's leather table and decompr's terms per country: FVA, DVX, E (from its Leontief
    exports matrix V B E), the nine KWW terms and their sum E_kww."""
    ref = reference["decompr_leather"]
    d = ref["input"]
    inter, final, output = (np.array(d[key], dtype=float) for key in ("inter", "final", "output"))
    table = ICIOTable(2000, d["countries"], d["industries"], inter, final, output)
    c, k = table.n_countries, table.n_industries
    vbe = np.array(ref["leontief_exports"]["values"]).reshape(c, k, c, k).sum(axis=(1, 3))
    own = np.diag(vbe)
    terms = {"FVA": vbe.sum(axis=0) - own, "DVX": vbe.sum(axis=1) - own, "E": vbe.sum(axis=0)}
    rows = np.array([ref["kww"]["rows"][country] for country in table.countries])
    terms |= {name: rows[:, i] for i, name in enumerate(ref["kww"]["terms"])}
    terms["E_kww"] = rows.sum(axis=1)
    return table, terms


@pytest.mark.parametrize("measure", list(DERIVATIONS))
def test_each_measure_equals_its_derivation_from_decompr_terms(leather, measure):
    table, terms = leather
    indicators = country_indicators(table, table.industries[:1])
    got = with_measure(indicators, measure, [(table.year, kww(table))])
    np.testing.assert_allclose(got["gvcp"], DERIVATIONS[measure](terms), rtol=RTOL, atol=0)
    assert set(DERIVATIONS) == set(MEASURES)
    others = got.drop(columns="gvcp")  # only gvcp changes
    pd.testing.assert_frame_equal(others, indicators.drop(columns="gvcp"))


def test_measures_on_a_wiod_year(shared_data):
    path = shared_data / "wiod2013" / "wiot_2011.RData"
    if not path.is_file():
        pytest.skip(f"WIOD 2013 table not found at {path}")
    table = read_wiod(path)
    route = country_indicators(table, MANUFACTURING)
    terms = kww(table)
    m = {name: with_measure(route, name, [(2011, terms)])["gvcp"] for name in MEASURES}
    assert np.array_equal(m["fva_dvx"], route["gvcp"])  # the default is the route's own GVCP
    np.testing.assert_allclose(m["kww_backward"], m["fva_dvx_backward"], rtol=RTOL)
    for name in ("fva_dvx", "kww"):
        parts = m[f"{name}_backward"] + m[f"{name}_forward"]
        np.testing.assert_allclose(m[name], parts, rtol=1e-12)
    assert (m["kww_forward"] < m["fva_dvx_forward"]).all()  # IV is part of DVX
    lo, hi = PLAUSIBLE["gvcp"][:2]
    for name, values in m.items():
        low, high = (plausible_range(name) or (lo, hi))[:2]
        assert values.between(low, high).all(), name
    assert plausible_range("kww_forward") == PART_RANGE and plausible_range("kww") is None


def test_bad_measure_or_missing_kww_years_are_named():
    route = pd.DataFrame({"iso3": ["AAA"] * 2, "year": [2000, 2001], "exports": 1.0,
                          "fva": 0.2, "dvx": 0.3, "gvcp": 0.5})  # fmt: skip
    terms = pd.DataFrame([["AAA", *range(1, 10)]], columns=["Country", *KWW_TERMS])
    with pytest.raises(DataError, match=r"KWW terms of every year for kww.*2001"):
        with_measure(route, "kww", [(2000, terms)])
    with pytest.raises(DataError, match="country_panel.icio.gvcp.*failed for keys: gvc$"):
        with_measure(route, "gvc")
    parts = kww_parts(terms, 2000)
    assert parts[["iv", "fv", "exports_kww"]].to_numpy().tolist() == [[3.0, 24.0, 45.0]]


@pytest.mark.slow
def test_decomposition_rule_and_a_kww_panel(root, shared_data, tmp_path):
    """country_panel.icio.decompositions: [leontief, kww, wwz] and gvcp: kww on WIOD 2004-2011:
    one job per method and year, each file equal to ``decompose``; the panel's GVCP is (IV +
    FV)/E and its audit says so."""
    (tmp_path / "data").mkdir()
    shutil.copy(root / "data" / "sources.csv", tmp_path / "data" / "sources.csv")
    config = tmp_path / "kww_panel.yaml"
    config.write_text(
        "base: config/wiod2013_qu_yang.yaml\nresults: results\n"
        f"data_dir: {shared_data}\n"
        "country_panel:\n  years: [2004, 2011]\n"
        "  icio: {gvcp: kww, decompositions: [leontief, kww, wwz]}\n"
    )
    out = tmp_path / "results" / "work"
    targets = ["results/work/data/country_panel.parquet"]  # relative to the working directory
    targets += [f"results/work/decompositions/{m}_2011.parquet" for m in ("leontief", "wwz")]
    run = run_snakemake(root, tmp_path, config, *targets)
    assert run.returncode == 0, run.stderr[-4000:]
    # KWW for every year of the panel (its GVCP reads them), Leontief and WWZ for 2011
    assert run.stderr.count("rule icio_decomposition:") == 8 + 2
    table = read_wiod(shared_data / "wiod2013" / "wiot_2011.RData")
    for method in ("leontief", "kww", "wwz"):
        got = pd.read_parquet(out / "decompositions" / f"{method}_2011.parquet")
        pd.testing.assert_frame_equal(got, decompose(table, method), check_categorical=False)
    built = pd.read_parquet(out / "data" / "country_panel.parquet").set_index(["iso3", "year"])
    parts = kww_parts(kww(table), 2011).set_index(["iso3", "year"])
    want = (parts["iv"] + parts["fv"]) / parts["exports_kww"]
    got = built.xs(2011, level="year")["gvcp"]
    np.testing.assert_allclose(got, want.xs(2011, level="year").loc[got.index], rtol=1e-12)
    audit = json.loads((out / "audit" / "country_panel.json").read_text())
    assert "IV = DVA_INTrex" in audit["variables"]["gvcp"]["formula"]
    lineage = pd.read_csv(out / "audit" / "country_lineage.csv")
    assert lineage.loc[lineage["variable"] == "gvcp", "formula"].str.contains("KWW").all()
