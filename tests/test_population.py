"""Population reader (long ``countrypops`` layout of World Bank SP.POP.TOTL)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from gvcpanel.errors import DataError
from gvcpanel.sources.population import read_population

HEADER = "rownames,country_name,country_code_2,country_code_3,year,population\n"


def write(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "countrypops_SP.POP.TOTL.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def test_small_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '2,Namibia,NA,NAM,2001,1900000\n1,"Korea, Rep.",KR,KOR,2000,47008111\n'
        "3,Namibia,NA,NAM,2000,NA\n",
    )
    out = read_population(path)
    assert list(out.columns) == ["iso3", "year", "population", "source_row"]
    assert out[["iso3", "year"]].values.tolist() == [["KOR", 2000], ["NAM", 2000], ["NAM", 2001]]
    assert out["population"].iloc[0] == 47008111.0
    assert np.isnan(out["population"].iloc[1])
    assert out["year"].dtype == np.int64


@pytest.mark.parametrize(
    ("body", "check", "key"),
    [
        ("1,A,AA,AAA,2000,5\n2,A,AA,AAA,2000,6\n", "unique key", r"\(AAA, 2000\)"),
        ("1,A,AA,AAA,2000,-5\n", "non-negative", r"\(AAA, 2000\)"),
        ("1,A,AA,AAA,2000,many\n", "non-negative number or missing", r"\(AAA, 2000\)"),
        ("1,A,AA,AAA,20x0,5\n", "integer year", r"\(AAA, 20x0\)"),
        ("1,A,AA,Aa1,2000,5\n", "three upper-case letters", "Aa1"),
    ],
)
def test_bad_input(tmp_path: Path, body: str, check: str, key: str) -> None:
    with pytest.raises(DataError, match=rf"countrypops_SP.POP.TOTL.csv: check '.*{check}.*{key}"):
        read_population(write(tmp_path, body))


def test_missing_column(tmp_path: Path) -> None:
    path = write(tmp_path, "A,AAA,2000\n", header="country_name,country_code_3,year\n")
    with pytest.raises(DataError, match="required columns.*population"):
        read_population(path)


def test_shared_file(shared_data: Path) -> None:
    path = shared_data / "wdi" / "countrypops_SP.POP.TOTL.csv"
    out = read_population(path)
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(out) == len(rows)
    assert out["population"].isna().sum() == sum(r["population"] in ("", "NA") for r in rows)
    first = rows[0]
    got = out.set_index(["iso3", "year"]).loc[(first["country_code_3"], int(first["year"]))]
    assert got["population"] == float(first["population"])
    assert {"CHN", "USA", "ROU", "NAM"} <= set(out["iso3"])
