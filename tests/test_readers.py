"""Raw readers: good files parse; each kind of bad file stops with file, check and keys named."""

from __future__ import annotations

import shutil
import subprocess

import pandas as pd
import pytest

from gvcpanel.errors import DataError
from gvcpanel.sources.sdmx import read_oecd_sdmx
from gvcpanel.sources.unctad import read_unctad_eora
from gvcpanel.sources.wdi import read_wdi_bulk

UNCTAD = """Country,ISO3,Year,Exports,DVA,FVA,DVX
Australia,AUS,2000,100.0,80.0,20.0,15.0
Australia,AUS,2001,110.0,85.0,25.0,16.0
China,CHN,2000,300.0,240.0,60.0,30.0
China,CHN,2001,350.0,280.0,70.0,35.0
"""

SDMX_HEADER = (
    "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,ACTIVITY,MEASURE,UNIT_MEASURE,UNIT_MULT,"
    "TIME_PERIOD,OBS_VALUE,OBS_STATUS"
)
SDMX = (
    SDMX_HEADER
    + """
DATAFLOW,SYNTH:STAN,I,AUS,C,PROD,USD,6,2000,1.5,A
DATAFLOW,SYNTH:STAN,I,AUS,C,VALU,USD,6,2000,0.5,A
DATAFLOW,SYNTH:STAN,I,CHN,C,PROD,USD,6,2000,4.0,A
"""
)

WDI_HEADER = '"Country Name","Country Code","Indicator Name","Indicator Code","1999","2000","2001",'
WDI_ROWS = [
    '"Australia","AUS","GDP growth (annual %)","NY.GDP.MKTP.KD.ZG","4.0","3.9","1.9",',
    '"World","WLD","GDP growth (annual %)","NY.GDP.MKTP.KD.ZG","3.3","4.5","",',
]
PREAMBLE = (
    '"Data Source","World Development Indicators",\r\n\r\n"Last Updated Date","2024-06-28",\r\n\r\n'
)


def write(tmp_path, name, text, bom=False):
    path = tmp_path / name
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def test_unctad_good(tmp_path):
    obs = read_unctad_eora(write(tmp_path, "gvc.csv", UNCTAD))
    assert len(obs) == 16
    row = obs[(obs.iso3 == "CHN") & (obs.year == 2001) & (obs.series == "DVX")]
    assert row["value"].item() == 35.0
    assert row["source_row"].item() == 5  # hand-counted: the header is line 1


def test_source_row_is_the_file_line(tmp_path):
    """Hand-counted lines: SDMX header line 1; WDI preamble lines 1-4, header 5, AUS 6, WLD 7."""
    sdmx = read_oecd_sdmx(write(tmp_path, "stan.csv", SDMX))
    assert sdmx.set_index(["iso3", "MEASURE"])["source_row"].to_dict() == {
        ("AUS", "PROD"): 2,
        ("AUS", "VALU"): 3,
        ("CHN", "PROD"): 4,
    }
    text = PREAMBLE + "\r\n".join([WDI_HEADER, *WDI_ROWS]) + "\r\n"
    wdi = read_wdi_bulk(write(tmp_path, "wdi.csv", text, bom=True))
    assert wdi.groupby("iso3")["source_row"].unique().map(list).to_dict() == {
        "AUS": [6],
        "WLD": [7],
    }


def test_sdmx_good_applies_unit_mult(tmp_path):
    obs = read_oecd_sdmx(write(tmp_path, "stan.csv", SDMX))
    assert list(obs.columns) == [
        "iso3",
        "year",
        "ACTIVITY",
        "MEASURE",
        "UNIT_MEASURE",
        "value",
        "source_row",
    ]
    assert obs.loc[obs.MEASURE == "VALU", "value"].item() == pytest.approx(0.5e6)


@pytest.mark.parametrize("preamble", [True, False])
def test_wdi_with_and_without_preamble(tmp_path, preamble):
    text = (PREAMBLE if preamble else "") + "\r\n".join([WDI_HEADER, *WDI_ROWS]) + "\r\n"
    obs = read_wdi_bulk(write(tmp_path, "wdi.csv", text, bom=True))
    assert len(obs) == 5  # the empty WLD 2001 cell is missing, not zero
    assert obs.set_index(["iso3", "year"]).loc[("WLD", 2000), "value"] == 4.5


def _expect(path, reader, check, keys, tmp_path):
    report = tmp_path / "failures.csv"
    with pytest.raises(DataError) as info:
        reader(path, report)
    err = info.value
    assert err.file == str(path)
    assert check in err.check
    for key in keys:
        assert key in err.keys
    assert str(path) in str(err) and check in str(err)
    return report


def test_missing_column(tmp_path):
    bad = UNCTAD.replace(",DVX", "").replace(",15.0\n", "\n").replace(",16.0\n", "\n")
    bad = bad.replace(",30.0\n", "\n").replace(",35.0\n", "\n")
    _expect(
        write(tmp_path, "g.csv", bad),
        read_unctad_eora,
        "required column present",
        ["DVX"],
        tmp_path,
    )


def test_duplicate_key(tmp_path):
    bad = UNCTAD + "Australia,AUS,2001,1.0,1.0,0.0,0.0\n"
    report = _expect(
        write(tmp_path, "g.csv", bad), read_unctad_eora, "unique key", [("AUS", "2001")], tmp_path
    )
    assert "unique key" in pd.read_csv(report)["check"].tolist()


def test_out_of_range_value(tmp_path):
    bad = UNCTAD.replace("China,CHN,2001,350.0", "China,CHN,2001,-350.0")
    _expect(
        write(tmp_path, "g.csv", bad),
        read_unctad_eora,
        "greater_than_or_equal_to(0)",
        [("CHN", "2001")],
        tmp_path,
    )


def test_unknown_country_code(tmp_path):
    bad = UNCTAD.replace("China,CHN,2000", "Nowhere,ABC,2000")
    _expect(
        write(tmp_path, "g.csv", bad),
        read_unctad_eora,
        "known country code",
        [("ABC", "2000")],
        tmp_path,
    )


def test_text_in_numeric_column(tmp_path):
    bad = UNCTAD.replace("Australia,AUS,2001,110.0", "Australia,AUS,2001,n/a")
    _expect(
        write(tmp_path, "g.csv", bad),
        read_unctad_eora,
        "numeric type of 'Exports'",
        [("AUS", "2001")],
        tmp_path,
    )


def test_text_in_sdmx_value(tmp_path):
    bad = SDMX.replace("2000,4.0,A", "2000,four,A")
    _expect(
        write(tmp_path, "s.csv", bad),
        read_oecd_sdmx,
        "numeric type of 'OBS_VALUE'",
        [("CHN", "C", "PROD", "USD", "2000")],
        tmp_path,
    )


def test_sdmx_duplicate_observation(tmp_path):
    bad = SDMX + "DATAFLOW,SYNTH:STAN,I,AUS,C,PROD,USD,6,2000,1.6,A\n"
    _expect(
        write(tmp_path, "s.csv", bad),
        read_oecd_sdmx,
        "unique key",
        [("AUS", "C", "PROD", "USD", "2000")],
        tmp_path,
    )


@pytest.mark.parametrize("reader", [read_unctad_eora, read_oecd_sdmx, read_wdi_bulk])
def test_empty_file(tmp_path, reader):
    _expect(write(tmp_path, "empty.csv", ""), reader, "non-empty file", [], tmp_path)


def test_header_only_file(tmp_path):
    _expect(
        write(tmp_path, "h.csv", UNCTAD.splitlines()[0] + "\n"),
        read_unctad_eora,
        "at least one data row",
        [],
        tmp_path,
    )


def test_truncated_file(tmp_path):
    cut = UNCTAD[: UNCTAD.index("China,CHN,2001") + len("China,CHN,2001,350")]
    _expect(
        write(tmp_path, "t.csv", cut),
        read_unctad_eora,
        "no missing values",
        [("CHN", "2001")],
        tmp_path,
    )


def test_binary_garbage(tmp_path):
    path = tmp_path / "g.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    with pytest.raises(DataError) as info:
        read_unctad_eora(path)
    assert info.value.file == str(path)


@pytest.mark.parametrize(
    "encoding,command",
    [
        ("utf-16", "iconv -f UTF-16 -t UTF-8"),
        ("utf-16-le", "iconv -f UTF-16LE -t UTF-8"),
        ("utf-16-be", "iconv -f UTF-16BE -t UTF-8"),
        ("utf-32", "iconv -f UTF-32 -t UTF-8"),
        ("utf-32-le", "iconv -f UTF-32LE -t UTF-8"),
    ],
)
def test_wide_unicode_gets_the_iconv_that_converts_it(tmp_path, encoding, command):
    """UTF-16/32 (by byte-order mark, or by NUL bytes without one) is named as such, with an
    iconv command that gives the UTF-8 file back (not the Latin-1 hint, which would garble it)."""
    path = tmp_path / "unctad.csv"
    path.write_bytes(UNCTAD.encode(encoding))
    with pytest.raises(DataError) as info:
        read_unctad_eora(path)
    message = str(info.value)
    assert "UTF-8 text" in message and command in message and "latin" not in message.lower()
    assert f"the file is UTF-{encoding[4:6]} (" in message
    if shutil.which("iconv"):
        args = command.split()[1:]
        out = subprocess.run(["iconv", *args, str(path)], capture_output=True, check=True)
        assert out.stdout.decode("utf-8") == UNCTAD
