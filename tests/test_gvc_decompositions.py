"""Leontief, KWW and WWZ decompositions against R's decompr (its ``leather`` example, run by
decompr 6.8.0: ../shared/reference/decompr_leather.json) and against the papers' equations written
as loops (gvc_brute_force), on tables with unbalanced rows and an industry without output."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from gvc_brute_force import kww_brute, wwz_brute

import gvcpanel
from gvcpanel.construct.decompose import decompose, main
from gvcpanel.construct.icio_decomposition import LeontiefSystem, leontief, leontief_matrix
from gvcpanel.construct.kww import KWW_TERMS, kww
from gvcpanel.construct.wwz import FLOWS, KEYS, WWZ_TERMS, wwz
from gvcpanel.errors import DataError
from gvcpanel.sources.icio import ICIOTable

RTOL = 1e-10  # decompr's printed values carry 15 significant digits


@pytest.fixture(scope="module")
def leather(reference) -> tuple[ICIOTable, dict]:
    ref = reference["decompr_leather"]
    d = ref["input"]
    table = ICIOTable(
        2000,
        d["countries"],
        d["industries"],
        np.array(d["inter"], dtype=float),
        np.array(d["final"], dtype=float),
        np.array(d["output"], dtype=float),
    )
    return table, ref


def unbalanced_table(seed: int, c: int = 4, k: int = 3) -> ICIOTable:
    """Random table whose rows miss output by up to 2%, with negative inventories and one
    industry without output, purchases or sales (as some of WIOD's)."""
    rng = np.random.default_rng(seed)
    n = c * k
    Z = rng.gamma(1.0, 1.0, (n, n))
    F = rng.gamma(1.0, 3.0, (n, c * 2))
    F[:, 1::2] -= 0.5
    dead = n - 2
    Z[dead, :] = Z[:, dead] = F[dead, :] = 0.0
    x = (Z.sum(axis=1) + F.sum(axis=1)) * rng.uniform(0.98, 1.02, n)
    cats = ("HFCE", "INVNT")
    names = [f"C{i}" for i in range(c)]
    return ICIOTable(2001, names, [f"i{j}" for j in range(k)], Z, F, x, categories=cats)


def test_kww_equals_decompr(leather):
    table, ref = leather
    got = kww(table)
    assert list(got.columns) == ["Country", *ref["kww"]["terms"]]
    assert list(got["Country"]) == table.countries
    expected = np.array([ref["kww"]["rows"][c] for c in table.countries])
    np.testing.assert_allclose(got[list(KWW_TERMS)].to_numpy(), expected, rtol=RTOL, atol=0)


def test_wwz_equals_decompr(leather):
    table, ref = leather
    got = wwz(table)
    expected = pd.DataFrame(ref["wwz"]["rows"], columns=ref["wwz"]["columns"])
    for key in KEYS:
        assert list(got[key].astype(str)) == list(expected[key]), key
    for col in (*WWZ_TERMS, *FLOWS, "DViX_Fsr"):
        want = expected[col].to_numpy(dtype=float)
        np.testing.assert_allclose(got[col].to_numpy(), want, rtol=RTOL, atol=0, err_msg=col)


def test_leontief_exports_equals_decompr(leather):
    table, ref = leather
    expected = np.array(ref["leontief_exports"]["values"])
    np.testing.assert_allclose(leontief_matrix(LeontiefSystem(table)), expected, rtol=RTOL)
    long = leontief(table)
    source = long["Source_Country"].astype(str) + "." + long["Source_Industry"].astype(str)
    assert list(source[:: table.n]) == ref["leontief_exports"]["rows"]
    using = long["Using_Country"].astype(str) + "." + long["Using_Industry"].astype(str)
    assert list(using[: table.n]) == ref["leontief_exports"]["columns"]
    np.testing.assert_allclose(long["FVAX"].to_numpy(), expected.ravel(), rtol=RTOL)


@pytest.mark.parametrize("seed", [0, 1])
def test_kww_and_wwz_follow_the_equations_on_unbalanced_tables(seed):
    table = unbalanced_table(seed)
    np.testing.assert_allclose(
        kww(table)[list(KWW_TERMS)].to_numpy(), kww_brute(table), rtol=1e-9, atol=1e-11
    )
    np.testing.assert_allclose(
        wwz(table)[list(WWZ_TERMS)].to_numpy(), wwz_brute(table), rtol=1e-9, atol=1e-11
    )


def test_post_output_and_final_demand_add_up():
    # v'B = 1' gives 1'(V̂ B x̂) = x'; with the balanced Y, x = B Y gives (V̂ B Y)1 = v̂ x
    # (value added) and 1'(V̂ B Y) = 1'Y (final demand, the row gaps counted in it)
    table = unbalanced_table(2)
    system = LeontiefSystem(table)
    out = leontief_matrix(system, "output")
    np.testing.assert_allclose(out.sum(axis=0), table.x, rtol=1e-12)
    fd = leontief_matrix(system, "final_demand")
    va = table.x - (system.A * table.x[None, :]).sum(axis=0)
    np.testing.assert_allclose(fd.sum(axis=1), va, rtol=1e-10, atol=1e-12)
    gap = table.x - system.A @ table.x - table.final_by_destination().sum(axis=1)
    fd_in = table.final_by_destination().sum(axis=0) + gap.reshape(4, 3).sum(axis=1)
    np.testing.assert_allclose(fd.sum(axis=0), fd_in, rtol=1e-12)
    frame = leontief(table, "final_demand")
    assert list(frame.columns) == ["Source_Country", "Source_Industry", "Importing_Country", "FVAX"]
    assert len(frame) == table.n * table.n_countries


def test_wwz_adds_up_to_kww_by_decomprs_mapping():
    # decompr's wwz2kww: the KWW terms are sums of WWZ terms (WWZ 2013, Table E2)
    mapping = {
        "DVA_FIN": ["DVA_FIN"],
        "DVA_INT": ["DVA_INT", "DVA_INTrexI1"],
        "DVA_INTrex": ["DVA_INTrexF", "DVA_INTrexI2"],
        "RDV_FIN": ["RDV_FIN", "RDV_FIN2"],
        "RDV_INT": ["RDV_INT"],
        "DDC": ["DDC_FIN", "DDC_INT"],
        "FVA_FIN": ["OVA_FIN", "MVA_FIN"],
        "FVA_INT": ["OVA_INT", "MVA_INT"],
        "FDC": ["ODC", "MDC"],
    }
    table = unbalanced_table(3)
    by_country = wwz(table).groupby("Exporting_Country", observed=True)[list(WWZ_TERMS)].sum()
    kw = kww(table).set_index("Country")
    for term, parts in mapping.items():
        got = by_country[parts].sum(axis=1)
        np.testing.assert_allclose(got, kw[term], rtol=1e-9, atol=1e-11, err_msg=term)


def test_singular_system_is_refused():
    # two industries that use each other's whole output and add no value: I − A is singular
    Z = np.array([[0.0, 100.0], [100.0, 0.0]])
    table = ICIOTable(2000, ["AAA", "BBB"], ["m"], Z, np.zeros((2, 2)), np.array([100.0, 100.0]))
    with pytest.raises(DataError, match="I − A invertible"):
        kww(table)


def write_oecd_csv(table: ICIOTable, path: Path) -> Path:
    """``table`` (one final-demand column per country) in the OECD ICIO CSV layout."""
    rows = [f"{c}_{i}" for c, i in table.labels]
    cols = rows + [f"{c}_HFCE" for c in table.countries]
    va = table.x - table.Z.sum(axis=0)
    body = np.vstack(
        [
            np.hstack([table.Z, table.F]),
            np.hstack([va, np.zeros(table.n_countries)]),
            np.hstack([table.x, np.zeros(table.n_countries)]),
        ]
    )
    pd.DataFrame(body, index=[*rows, "VA", "OUT"], columns=cols).to_csv(path)
    return path


def test_command_reads_an_oecd_csv_and_matches_decompr(leather, tmp_path, capsys):
    table, ref = leather
    path = write_oecd_csv(table, tmp_path / "leather_2000.csv")
    out = tmp_path / "kww.parquet"
    assert main([str(path), "--method", "kww", "--out", str(out)]) == 0
    got = pd.read_parquet(out)
    assert "kww: 3 rows" in capsys.readouterr().out
    expected = np.array([ref["kww"]["rows"][c] for c in table.countries])
    np.testing.assert_allclose(got[list(KWW_TERMS)].to_numpy(), expected, rtol=RTOL)
    out = tmp_path / "wwz.csv"  # CSV keeps 12 significant digits
    assert main([str(path), "--method", "wwz", "--adapter", "oecd_icio", "--out", str(out)]) == 0
    expected = pd.DataFrame(ref["wwz"]["rows"], columns=ref["wwz"]["columns"])
    np.testing.assert_allclose(pd.read_csv(out)["DVA_INTrexI2"], expected["DVA_INTrexI2"], 1e-11)


@pytest.mark.parametrize(
    "suffix, args, message",
    [
        (".csv", ["--method", "kww", "--post", "output"], "post only with method leontief"),
        (".txt", ["--method", "wwz"], "adapter known for the suffix"),
    ],
)
def test_command_refuses_bad_options(leather, tmp_path, capsys, suffix, args, message):
    path = write_oecd_csv(leather[0], tmp_path / f"leather_2000{suffix}")
    assert main([str(path), *args, "--out", str(tmp_path / "x.csv")]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def test_flat_api(leather):
    table, _ = leather
    assert {"decompose", "kww", "wwz", "leontief", "read_icio"} <= set(gvcpanel.__all__)
    pd.testing.assert_frame_equal(gvcpanel.decompose(table, "kww"), gvcpanel.kww(table))
    pd.testing.assert_frame_equal(
        decompose(table, "leontief", post="output"), gvcpanel.leontief(table, post="output")
    )
    with pytest.raises(DataError, match="method in"):
        decompose(table, "icio")
