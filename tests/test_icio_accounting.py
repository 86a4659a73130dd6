"""Value-added accounting on small tables: hand-derived example, brute-force definitions, guards."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from gvcpanel.construct import icio
from gvcpanel.construct.icio import (
    check_identities,
    country_indicators,
    gross_exports,
    technical_coefficients,
    year_indicators,
)
from gvcpanel.errors import DataError
from gvcpanel.sources.icio import ICIOAdapter, ICIOTable
from gvcpanel.sources.oecd_icio import OECDICIOAdapter
from gvcpanel.sources.wiod import WIOD2013Adapter


def two_by_one() -> ICIOTable:
    """Two countries, one industry each (worked by hand in ``test_hand_example``)."""
    Z = np.array([[20.0, 30.0], [10.0, 40.0]])
    F = np.array([[40.0, 10.0], [5.0, 145.0]])  # by destination country
    x = Z.sum(axis=1) + F.sum(axis=1)  # 100, 200
    return ICIOTable(2000, ["AAA", "BBB"], ["m"], Z, F, x)


def random_table(seed: int, c: int = 4, k: int = 3, g: int = 2) -> ICIOTable:
    """A balanced random table; final demand by destination and ``g`` categories."""
    rng = np.random.default_rng(seed)
    n = c * k
    Z = rng.gamma(1.0, 1.0, (n, n))
    F = rng.gamma(1.0, 3.0, (n, c * g))
    F[:, g - 1 :: g] -= 0.5  # inventory-like category with negative entries
    x = Z.sum(axis=1) + F.sum(axis=1)
    countries = [f"C{i:02d}" for i in range(c)]
    industries = [f"i{j}" for j in range(k)]
    cats = tuple(f"G{h}" for h in range(g))
    return ICIOTable(2001 + seed, countries, industries, Z, F, x, categories=cats)


def test_hand_example() -> None:
    # A = Z/x = [[.2, .15], [.1, .2]]; v = 1 − column sums = (.7, .65);
    # B = (I − A)⁻¹ = [[.8, .15], [.1, .8]]/.625 = [[1.28, .24], [.16, 1.28]];
    # VB = diag(v)B = [[.896, .168], [.104, .832]]; E = (30 + 10, 10 + 5) = (40, 15);
    # M = VB·diag(E) = [[35.84, 2.52], [4.16, 12.48]].
    out = country_indicators(two_by_one(), ["m"]).set_index("iso3")
    expected = {
        "exports": [40.0, 15.0],
        "dva": [35.84, 12.48],
        "fva": [4.16, 2.52],
        "dvx": [2.52, 4.16],
        "gvcp": [(4.16 + 2.52) / 40, (2.52 + 4.16) / 15],
        "omega": [40 / 45, 145 / 155],
        "mu": [20 / 30, 40 / 70],
        "upsilon": [0.7, 0.65],
    }
    for col, values in expected.items():
        np.testing.assert_allclose(out.loc[["AAA", "BBB"], col], values, rtol=1e-12, err_msg=col)
    assert list(out.columns) == [
        "year", "exports", "dva", "fva", "dvx", "gvcp", "omega", "mu", "upsilon"
    ]  # fmt: skip


def brute_force(table: ICIOTable, manufacturing: list[str]) -> pd.DataFrame:
    """The SPEC §3.2 definitions written as loops over labels, with an explicit inverse."""
    labels = table.labels
    n, cs = table.n, table.countries
    A = np.zeros((n, n))
    for j in range(n):
        if table.x[j] > 0:
            A[:, j] = table.Z[:, j] / table.x[j]
    v = 1 - A.sum(axis=0)
    VB = np.diag(v) @ np.linalg.inv(np.eye(n) - A)
    fd = table.final_by_destination()
    E = np.array(
        [
            sum(table.Z[i, j] for j in range(n) if labels[j][0] != labels[i][0])
            + sum(fd[i, d] for d in range(len(cs)) if cs[d] != labels[i][0])
            for i in range(n)
        ]
    )
    rows = []
    for s in cs:
        own = [i for i in range(n) if labels[i][0] == s]
        other = [i for i in range(n) if labels[i][0] != s]
        man = [j for j in own if labels[j][1] in manufacturing]
        man_all = [i for i in range(n) if labels[i][1] in manufacturing]
        man_own = [i for i in man_all if i in own]
        d = cs.index(s)
        fva = sum(VB[i, j] * E[j] for i in other for j in own)
        dvx = sum(VB[i, j] * E[j] for i in own for j in other)
        exports = E[own].sum()
        rows.append(
            {
                "iso3": s,
                "exports": exports,
                "dva": sum(VB[i, j] * E[j] for i in own for j in own),
                "fva": fva,
                "dvx": dvx,
                "gvcp": (fva + dvx) / exports,
                "omega": fd[man_own, d].sum() / fd[man_all, d].sum(),
                "mu": table.Z[np.ix_(own, man)].sum() / table.Z[:, man].sum(),
                "upsilon": sum(table.x[j] - table.Z[:, j].sum() for j in man) / table.x[man].sum(),
            }
        )
    return pd.DataFrame(rows).set_index("iso3")


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_matches_brute_force_definitions(seed: int) -> None:
    table = random_table(seed)
    got = country_indicators(table, ["i0", "i2"]).set_index("iso3")
    want = brute_force(table, ["i0", "i2"])
    for col in want.columns:
        np.testing.assert_allclose(got[col], want[col], rtol=1e-10, err_msg=col)


@pytest.mark.parametrize("seed", range(5))
def test_identity_dva_plus_fva_equals_exports(seed: int) -> None:
    out = country_indicators(random_table(seed, c=6, k=5, g=3), ["i1"])
    check_identities(out)
    np.testing.assert_allclose(out.dva + out.fva, out.exports, rtol=1e-12)
    assert (out.fva > 0).all() and (out.dvx > 0).all()


def test_zero_output_industry_is_guarded() -> None:
    base = random_table(7)
    Z, F, x = base.Z.copy(), base.F.copy(), base.x.copy()
    dead = 4  # country 1, industry 1: no sales, no purchases, no output
    Z[dead, :], Z[:, dead], F[dead, :] = 0.0, 0.0, 0.0
    x = Z.sum(axis=1) + F.sum(axis=1)
    assert x[dead] == 0
    table = ICIOTable(base.year, base.countries, base.industries, Z, F, x, base.categories)
    A = technical_coefficients(Z, x)
    assert np.isfinite(A).all() and (A[:, dead] == 0).all()
    out = country_indicators(table, ["i0", "i1"])
    assert np.isfinite(out.drop(columns="iso3").to_numpy()).all()
    check_identities(out)
    assert gross_exports(table)[dead] == 0


def test_identity_violation_names_country_year() -> None:
    out = country_indicators(two_by_one(), ["m"])
    out.loc[1, "fva"] *= 1 + 1e-6
    with pytest.raises(DataError, match=r"DVA \+ FVA = gross exports.*\(BBB, 2000\)"):
        check_identities(out, "wiot_2000.RData")


def test_unknown_manufacturing_industry() -> None:
    with pytest.raises(DataError, match="manufacturing industries exist.*c99"):
        country_indicators(two_by_one(), ["m", "c99"])


def test_year_indicators_checks_the_identity(monkeypatch) -> None:
    table = random_table(3)
    pd.testing.assert_frame_equal(year_indicators(table, ["i0"]), country_indicators(table, ["i0"]))
    broken = country_indicators(table, ["i0"])
    broken.loc[0, "fva"] *= 1 + 1e-6
    monkeypatch.setattr(icio, "country_indicators", lambda *_: broken)
    with pytest.raises(DataError, match=r"t\.RData: check 'DVA \+ FVA = gross exports"):
        year_indicators(table, ["i0"], file="t.RData")


def test_table_validation() -> None:
    t = two_by_one()
    with pytest.raises(DataError, match="shape of F"):
        ICIOTable(2000, t.countries, t.industries, t.Z, t.F[:, :1], t.x)
    with pytest.raises(DataError, match=r"finite Z.*\(BBB, m\)"):
        ICIOTable(2000, t.countries, t.industries, np.array([[1, 2], [np.nan, 1]]), t.F, t.x)
    with pytest.raises(DataError, match=r"gross output x >= 0.*\(AAA, m\)"):
        ICIOTable(2000, t.countries, t.industries, t.Z, t.F, np.array([-1.0, 200.0]))
    with pytest.raises(DataError, match="unique countries.*AAA"):
        ICIOTable(2000, ["AAA", "AAA"], t.industries, t.Z, t.F, t.x)


def test_adapters_satisfy_protocol() -> None:
    assert isinstance(WIOD2013Adapter(), ICIOAdapter)
    assert isinstance(OECDICIOAdapter(), ICIOAdapter)
