"""OECD ICIO CSV layout: tables the tests write in that layout read back to the same indicators."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

from gvcpanel.construct.icio import check_identities, country_indicators
from gvcpanel.errors import DataError
from gvcpanel.sources.icio import ICIOTable
from gvcpanel.sources.oecd_icio import (
    OECD_SPLITS,
    OECDICIOAdapter,
    read_oecd_icio,
    year_from_name,
)
from gvcpanel.sources.wiod import MANUFACTURING, read_wiod

COLS = ["iso3", "exports", "dva", "fva", "dvx", "gvcp", "omega", "mu", "upsilon"]


def oecd_frame(table: ICIOTable, cats: list[str], tls_share: float = 0.1) -> pd.DataFrame:
    """``table`` laid out as an OECD ICIO CSV: CTY_IND rows/columns, CTY_<cat> columns, OUT
    column, TLS/VA/OUT rows. Value added x − 1'Z is split into TLS (``tls_share``) and VA."""
    labels = [f"{c}_{k}" for c in table.countries for k in table.industries]
    final = [f"{c}_{g}" for c in table.countries for g in cats]
    body = pd.DataFrame(np.hstack([table.Z, table.F]), index=labels, columns=labels + final)
    body["OUT"] = table.x
    va = table.x - table.Z.sum(axis=0)
    # Final-demand columns: taxes on final products in TLS, no value added, column totals in OUT.
    fd_tls = 0.05 * table.F.sum(axis=0)
    extra = pd.DataFrame(
        [
            np.r_[tls_share * va, fd_tls, fd_tls.sum()],
            np.r_[(1 - tls_share) * va, np.zeros(len(final)), va.sum()],
            np.r_[table.x, table.F.sum(axis=0) + fd_tls, np.nan],
        ],
        index=["TLS", "VA", "OUT"],
        columns=body.columns,
    )
    extra.loc["OUT", "OUT"] = extra.loc["OUT"].iloc[:-1].sum()
    frame = pd.concat([body, extra])
    frame.index.name = "V1"
    return frame


def small_table(seed: int = 11) -> tuple[ICIOTable, list[str]]:
    """Random 3-country table with OECD-style industry codes (some contain underscores)."""
    rng = np.random.default_rng(seed)
    countries, industries = ["AUS", "CHN", "ROW"], ["A01_02", "C10T12", "C13T15", "D"]
    cats = ["HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "DPABR"]
    n = len(countries) * len(industries)
    Z = rng.gamma(1.0, 5.0, (n, n))
    F = rng.gamma(1.0, 2.0, (n, len(countries) * len(cats)))
    x = Z.sum(axis=1) + F.sum(axis=1)
    return ICIOTable(2015, countries, industries, Z, F, x, categories=tuple(cats)), cats


def test_small_table_round_trip(tmp_path: Path) -> None:
    table, cats = small_table()
    path = tmp_path / "ICIO2023_2015.csv"
    oecd_frame(table, cats).to_csv(path, float_format="%.17g")
    got = OECDICIOAdapter().read(path)
    assert got.year == 2015
    assert got.countries == ["AUS", "CHN", "ROW"]
    assert got.industries == ["A01_02", "C10T12", "C13T15", "D"]
    assert got.categories == tuple(cats)
    man = ["C10T12", "C13T15"]
    want = country_indicators(table, man)
    have = country_indicators(got, man)
    check_identities(have, path)
    pd.testing.assert_frame_equal(have, want, rtol=1e-10, check_exact=False)


def test_without_dpabr_and_out_column(tmp_path: Path) -> None:
    table, cats = small_table(12)
    frame = oecd_frame(table, cats).drop(columns=[f"{c}_DPABR" for c in table.countries] + ["OUT"])
    path = tmp_path / "2015.csv"
    frame.to_csv(path, float_format="%.17g")
    got = read_oecd_icio(path)
    assert got.categories == ("HFCE", "NPISH", "GGFC", "GFCF", "INVNT")
    # Dropping DPABR changes x's row balance but not the reader: x is the OUT row.
    np.testing.assert_array_equal(got.x, table.x)
    without_dpabr = np.delete(table.F, np.s_[5::6], axis=1)
    np.testing.assert_allclose(got.F, without_dpabr, rtol=1e-15)


def split_country(frame: pd.DataFrame, country: str, parts: tuple[str, str]) -> pd.DataFrame:
    """Split ``country``'s inter-industry rows and columns into two contiguous part blocks (row
    shares 0.6/0.4, column shares 0.3/0.7), as OECD ICIO releases do for CHN and MEX."""
    final = ("HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "DPABR")

    def split(df: pd.DataFrame, share: float) -> pd.DataFrame:
        mine = [c for c in df.columns if c.startswith(f"{country}_")]
        mine = [c for c in mine if c.split("_", 1)[1] not in final]
        first = df[mine].mul(share).rename(columns=lambda c: c.replace(country, parts[0], 1))
        second = df[mine].mul(1 - share).rename(columns=lambda c: c.replace(country, parts[1], 1))
        at = list(df.columns).index(mine[0])
        rest = df.drop(columns=mine)
        return pd.concat([rest.iloc[:, :at], first, second, rest.iloc[:, at:]], axis=1)

    return split(split(frame, 0.3).T, 0.6).T.rename_axis(frame.index.name)


def test_country_parts_are_merged(tmp_path: Path) -> None:
    table, cats = small_table(13)
    frame = split_country(oecd_frame(table, cats), "CHN", ("CN1", "CN2"))
    assert "CN2_C13T15" in frame.index and "CN1_C10T12" in frame.columns
    assert "CHN_HFCE" in frame.columns and "CHN_D" not in frame.index
    path = write(tmp_path, frame)
    got = read_oecd_icio(path, merge=OECD_SPLITS)
    assert got.countries == table.countries
    want = country_indicators(table, ["C10T12"])
    pd.testing.assert_frame_equal(country_indicators(got, ["C10T12"]), want, rtol=1e-10)
    with pytest.raises(DataError, match="final-demand columns.*CHN_DPABR.*CN1_DPABR"):
        read_oecd_icio(path, merge={})
    both = pd.concat([frame, oecd_frame(table, cats).loc[["CHN_D"]]])
    with pytest.raises(DataError, match="country reported both whole and in parts.*CHN_D"):
        read_oecd_icio(write(tmp_path, both))


@pytest.fixture(scope="module")
def wiod2011(shared_data: Path) -> ICIOTable:
    return read_wiod(shared_data / "wiod2013" / "wiot_2011.RData")


def test_wiod_year_in_oecd_layout_gives_same_indicators(wiod2011: ICIOTable, tmp_path: Path):
    # The WIOD adapter's table written out in the OECD ICIO layout and read by the OECD adapter.
    path = tmp_path / "wiod_as_icio_2011.csv"
    frame = oecd_frame(wiod2011, ["HFCE", "NPISH", "GGFC", "GFCF", "INVNT"])
    # Arrow's CSV writer: fast, and doubles are written so that they read back exactly.
    pacsv.write_csv(pa.Table.from_pandas(frame.reset_index(), preserve_index=False), path)
    via_oecd = read_oecd_icio(path)
    assert via_oecd.countries == wiod2011.countries
    want = country_indicators(wiod2011, MANUFACTURING)[COLS]
    have = country_indicators(via_oecd, MANUFACTURING)[COLS]
    pd.testing.assert_frame_equal(have, want, rtol=1e-10, atol=0, check_exact=False)


def write(tmp_path: Path, frame: pd.DataFrame, name: str = "icio_2015.csv") -> Path:
    path = tmp_path / name
    frame.to_csv(path, float_format="%.17g")
    return path


def test_errors_name_file_check_and_keys(tmp_path: Path) -> None:
    table, cats = small_table()
    good = oecd_frame(table, cats)

    bad = good.copy()
    bad.loc["CHN_D", "AUS_C10T12"] = np.nan
    with pytest.raises(DataError, match=r"icio_2015.csv: check 'numeric, non-missing.*CHN_D"):
        read_oecd_icio(write(tmp_path, bad))

    with pytest.raises(DataError, match="final-demand columns.*CHN_GGFC"):
        read_oecd_icio(write(tmp_path, good.drop(columns=["CHN_GGFC"])))

    with pytest.raises(DataError, match="same CTY_INDUSTRY labels.*AUS_D"):
        read_oecd_icio(write(tmp_path, good.drop(columns=["AUS_D"])))

    with pytest.raises(DataError, match="full country-major grid.*ROW_D"):
        read_oecd_icio(write(tmp_path, good.drop(index=["ROW_D"]).drop(columns=["ROW_D"])))

    with pytest.raises(DataError, match="row present.*VA"):
        read_oecd_icio(write(tmp_path, good.drop(index=["VA"])))

    shifted = good.copy()
    shifted.loc["OUT", "CHN_C13T15"] *= 1.01
    with pytest.raises(DataError, match="OUT column = OUT row.*CHN_C13T15"):
        read_oecd_icio(write(tmp_path, shifted))

    taxes = good.copy()
    taxes.loc["TLS", "AUS_A01_02"] += 1.0
    with pytest.raises(DataError, match=r"Z \+ TLS \+ VA = OUT row.*AUS_A01_02"):
        read_oecd_icio(write(tmp_path, taxes))

    path = write(tmp_path, good)
    text = path.read_text().splitlines()
    text[0] = text[0].replace("CHN_GFCF", "CHN_HFCE")
    path.write_text("\n".join(text) + "\n")
    with pytest.raises(DataError, match="unique column labels.*CHN_HFCE"):
        read_oecd_icio(path)

    with pytest.raises(DataError, match="year in file name"):
        read_oecd_icio(write(tmp_path, good, "icio.csv"))
    assert year_from_name("ICIO2023_2011.csv") == 2011
