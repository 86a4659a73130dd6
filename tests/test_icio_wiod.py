"""WIOD 2013 reader and the ICIO route on the real tables (../shared/data/wiod2013)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from gvcpanel.construct.icio import check_identities, country_indicators
from gvcpanel.errors import DataError
from gvcpanel.sources.download import Remote, check_download, fetch_registered
from gvcpanel.sources.icio import ICIOTable
from gvcpanel.sources.registry import read_registry, remote
from gvcpanel.sources.wiod import MANUFACTURING, WIOD2013Adapter, read_wiod


def wiod_path(shared_data: Path, year: int) -> Path:
    return shared_data / "wiod2013" / f"wiot_{year}.RData"


@pytest.fixture(scope="module")
def wiod2011(shared_data: Path) -> ICIOTable:
    return WIOD2013Adapter().read(wiod_path(shared_data, 2011))


@pytest.fixture(scope="module")
def ind2011(wiod2011: ICIOTable) -> pd.DataFrame:
    return country_indicators(wiod2011, MANUFACTURING).set_index("iso3")


@pytest.fixture(scope="module")
def ind2004(shared_data: Path) -> pd.DataFrame:
    return country_indicators(read_wiod(wiod_path(shared_data, 2004)), MANUFACTURING).set_index(
        "iso3"
    )


def test_reader_layout(wiod2011: ICIOTable) -> None:
    assert wiod2011.year == 2011
    assert (wiod2011.n_countries, wiod2011.n_industries, wiod2011.n) == (41, 35, 1435)
    assert wiod2011.F.shape == (1435, 205)
    assert wiod2011.countries[-1] == "ROW"
    assert "ROU" in wiod2011.countries and "ROM" not in wiod2011.countries
    assert all(len(c) == 3 and c.isupper() for c in wiod2011.countries)
    assert wiod2011.industries[0] == "c1" and wiod2011.industries[-1] == "c35"
    # Row balance: intermediate + final use = output, up to the release's rounding to 1 M USD
    # (at most ~0.5 per cell over 1640 cells).
    gap = wiod2011.Z.sum(axis=1) + wiod2011.F.sum(axis=1) - wiod2011.x
    assert np.abs(gap).max() < 0.5 * 1640


def test_fva_shares_2011(ind2011: pd.DataFrame) -> None:
    # SPEC §3.2, sanity figures from the WIOD 2013 tables: FVA share of gross exports, 2011.
    spec = {"CHN": 0.218, "USA": 0.149, "DEU": 0.272, "KOR": 0.402}
    share = ind2011["fva"] / ind2011["exports"]
    for iso3, value in spec.items():
        assert share[iso3] == pytest.approx(value, abs=0.005), iso3


def test_identity_every_country_2011(ind2011: pd.DataFrame) -> None:
    # SPEC §7: FVA + DVA = gross exports per country to 1e-9 relative.
    frame = ind2011.reset_index()
    check_identities(frame, "wiot_2011.RData", rtol=1e-9)
    assert len(frame) == 41


@pytest.mark.parametrize("year", [1995, 2008])
def test_identity_other_years(shared_data: Path, year: int) -> None:
    frame = country_indicators(read_wiod(wiod_path(shared_data, year)), MANUFACTURING)
    check_identities(frame, f"wiot_{year}.RData", rtol=1e-9)
    assert (frame["year"] == year).all()


def test_quoted_levels_are_near(ind2011, ind2004, reference) -> None:
    # The paper's levels come from other sources (SPEC §3.2), so only a loose band: within 0.15,
    # far tighter than the spread of mu across countries (0.27–0.92, SPEC §3.4).
    quoted = reference["qu_yang_2023"]["quoted_country_values"]
    pairs = [
        (ind2011.loc["USA", "mu"], quoted["USA_mu"]["2011"]),
        (ind2011.loc["GBR", "mu"], quoted["GBR_mu"]["2011"]),
        (ind2004.loc["CHN", "mu"], quoted["CHN_mu"]["2004"]),
        (ind2004.loc["CHN", "omega"], quoted["CHN_omega"]["2004"]),
    ]
    for ours, paper in pairs:
        assert abs(ours - paper) < 0.15


def test_indicator_ranges(ind2011: pd.DataFrame) -> None:
    shares = ind2011[["gvcp", "omega", "mu", "upsilon"]]
    assert ((shares > 0) & (shares < 1)).all().all()
    assert (ind2011["dvx"] > 0).all()


def test_truncated_file_is_a_data_error(shared_data: Path, tmp_path: Path) -> None:
    bad = tmp_path / "wiot_2011.RData"
    bad.write_bytes(wiod_path(shared_data, 2011).read_bytes()[:5000])
    with pytest.raises(DataError, match=r"wiot_2011.RData: check 'readable RData file'"):
        read_wiod(bad)


def test_registered_checksums(shared_data: Path, root: Path) -> None:
    # Every real raw input in ../shared/data is the vintage registered in data/sources.csv.
    registry = read_registry(root / "data" / "sources.csv")
    real = [f for f in registry if f.startswith("data/raw/")]
    assert sum(f.startswith("data/raw/wiod2013/") for f in real) == 17
    for file in real:
        check_download(shared_data / file.removeprefix("data/raw/"), registry[file].sha256)


def test_download_offline(shared_data: Path, root: Path, tmp_path: Path) -> None:
    # The download of one year, served from the recorded copy through a file:// URL.
    registered = remote(
        read_registry(root / "data" / "sources.csv"), "data/raw/wiod2013/wiot_1995.RData"
    )
    assert registered.url.endswith("/wiot_1995.RData")
    local = Remote(wiod_path(shared_data, 1995).as_uri(), registered.sha256)
    dest = fetch_registered(local, tmp_path / "wiot_1995.RData")
    assert read_wiod(dest).year == 1995


def test_download_wdi_zip_offline(shared_data: Path, root: Path, tmp_path: Path) -> None:
    # The World Bank ships a zip archive; the API_ member is unpacked and verified.
    file = "data/raw/wdi/API_NY.GDP.MKTP.KD.ZG.csv"
    registered = remote(read_registry(root / "data" / "sources.csv"), file)
    archive = tmp_path / "bulk.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(
            shared_data / "wdi/API_NY.GDP.MKTP.KD.ZG.csv",
            "API_NY.GDP.MKTP.KD.ZG_DS2_en_csv_v2_1.csv",
        )
        zf.writestr("Metadata_Country_API_NY.GDP.MKTP.KD.ZG_DS2_en_csv_v2_1.csv", "x\n")
    dest = fetch_registered(
        Remote(archive.as_uri(), registered.sha256), tmp_path / "API_NY.GDP.MKTP.KD.ZG.csv"
    )
    assert dest.read_bytes() == (shared_data / "wdi/API_NY.GDP.MKTP.KD.ZG.csv").read_bytes()
    # another vintage is refused and nothing is kept
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("API_NY.GDP.MKTP.KD.ZG_DS2_en_csv_v2_2.csv", "changed\n")
    target = tmp_path / "new" / "API_NY.GDP.MKTP.KD.ZG.csv"
    with pytest.raises(DataError, match="not the registered vintage"):
        fetch_registered(Remote(other.as_uri(), registered.sha256), target)
    assert not target.exists()
