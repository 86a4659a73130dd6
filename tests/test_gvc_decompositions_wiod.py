"""KWW and WWZ on the WIOD 2013 tables (../shared/data/wiod2013): the terms add up to gross
exports (KWW, per country) and to every bilateral exporter-industry flow (WWZ) to 1e-9 relative,
KWW's domestic and foreign parts equal the Leontief accounting of the ICIO route, and the
``gvcpanel decompose`` command writes one row per country with decompr's column names."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from gvcpanel.construct.icio import country_indicators, gross_exports
from gvcpanel.construct.kww import KWW_TERMS, kww
from gvcpanel.construct.wwz import WWZ_TERMS, wwz
from gvcpanel.sources.icio import ICIOTable
from gvcpanel.sources.wiod import MANUFACTURING, read_wiod

RTOL = 1e-9


def wiod(shared_data: Path, year: int) -> ICIOTable:
    path = shared_data / "wiod2013" / f"wiot_{year}.RData"
    if not path.is_file():
        pytest.skip(f"WIOD 2013 table not found at {path}")
    return read_wiod(path)


@pytest.mark.parametrize("year", [1995, 2003, 2011])
def test_kww_terms_add_up_to_gross_exports(shared_data, year):
    table = wiod(shared_data, year)
    terms = kww(table)
    exports = gross_exports(table).reshape(table.n_countries, -1).sum(axis=1)
    np.testing.assert_allclose(terms[list(KWW_TERMS)].sum(axis=1), exports, rtol=RTOL)
    # terms 1-6 are domestic value added in exports, 7-9 foreign (KWW 2014, eq. 36), as the
    # Leontief accounting of the ICIO route computes them from V B E
    route = country_indicators(table, MANUFACTURING)
    np.testing.assert_allclose(terms[list(KWW_TERMS[:6])].sum(axis=1), route["dva"], rtol=RTOL)
    np.testing.assert_allclose(terms[list(KWW_TERMS[6:])].sum(axis=1), route["fva"], rtol=RTOL)
    assert (terms[list(KWW_TERMS[:3])] > 0).all().all()


@pytest.mark.parametrize("year", [1995, 2011])
def test_wwz_terms_add_up_to_bilateral_flows(shared_data, year):
    table = wiod(shared_data, year)
    terms = wwz(table)
    c, k = table.n_countries, table.n_industries
    # E_sr of exporting industry j of s: its intermediate sales to r's industries + r's final use
    flows = table.Z.reshape(table.n, c, k).sum(axis=2) + table.final_by_destination()
    flows = flows.reshape(c, k, c)
    flows[np.arange(c), :, np.arange(c)] = 0.0
    np.testing.assert_allclose(terms["texp"], flows.ravel(), rtol=0, atol=0)
    total = terms[list(WWZ_TERMS)].sum(axis=1).to_numpy()
    np.testing.assert_allclose(total, flows.ravel(), rtol=RTOL, atol=1e-12 * flows.max())
    assert (total[flows.ravel() == 0] == 0).all()


def test_decompose_command_writes_decomprs_columns(shared_data, tmp_path):
    path = shared_data / "wiod2013" / "wiot_2011.RData"
    if not path.is_file():
        pytest.skip(f"WIOD 2013 table not found at {path}")
    out = tmp_path / "kww_2011.csv"
    cmd = [sys.executable, "-m", "gvcpanel.cli", "decompose", str(path), "--method", "kww"]
    done = subprocess.run([*cmd, "--out", str(out)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    got = pd.read_csv(out)
    assert list(got.columns) == ["Country", *KWW_TERMS]
    table = read_wiod(path)
    assert list(got["Country"]) == table.countries  # one row per country, RoW last
    np.testing.assert_allclose(got[list(KWW_TERMS)], kww(table)[list(KWW_TERMS)], rtol=1e-11)
