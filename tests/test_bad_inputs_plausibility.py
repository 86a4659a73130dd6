"""Bad inputs that pass every schema and must fail the plausibility screens (issue 20, item 2).

A units error in a registered raw country file, and firm extracts with employment in thousands,
infinite output, one industry, one year, no firm of the configured group or an unknown industry
code: each stops its stage (``build_country_panel``, ``ingest_firms``, called as the rules call
them) with a message naming the file, the keys and the likely cause. One workflow run checks the
whole path: exit 1, no traceback, the published results byte-identical.
"""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from gvcpanel.config import ConfigError, load_yaml, merge, validate_config
from gvcpanel.construct.components import Input, assemble
from gvcpanel.construct.plausibility import TIME_FACTOR
from gvcpanel.errors import DataError
from gvcpanel.papers.liu_2013.simulate import FirmDGP, write_firm_raw
from gvcpanel.papers.qu_yang_2023.country_panel import build_country_panel
from gvcpanel.sources.asif import ingest_firms
from gvcpanel.sources.layouts import read_observations

ROOT = Path(__file__).resolve().parents[1]
STAN = "data/synthetic/country/oecd_stan_industry.csv"
GDP_PC = "data/synthetic/country/wdi_NY.GDP.PCAP.CD_synthetic.csv"
UNITS = 1000.0
CONFIG = merge(load_yaml(ROOT / "config/defaults.yaml"), load_yaml(ROOT / "config/config.yaml"))


# ------------------------------------------------------------------------------------ helpers


def scale_sdmx(src: Path, dst: Path, area: str, measure: str, factor: float, years=None) -> None:
    """Copy an OECD SDMX-CSV file with ``OBS_VALUE`` of one country's measure scaled."""
    rows = list(csv.reader(io.StringIO(src.read_text(encoding="utf-8"))))
    col = {name: k for k, name in enumerate(rows[0])}
    for row in rows[1:]:
        hit = row[col["REF_AREA"]] == area and row[col["MEASURE"]] == measure
        if hit and (years is None or int(row[col["TIME_PERIOD"]]) in years):
            row[col["OBS_VALUE"]] = repr(float(row[col["OBS_VALUE"]]) * factor)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    dst.write_text(out.getvalue(), encoding="utf-8")


def country_stage(
    replace: dict[str, Path], report: Path, accept: dict | None = None
) -> tuple[pd.DataFrame, dict]:
    """``build_country_panel`` as its rule runs it, with some raw files replaced."""
    cfg = CONFIG["country_panel"]
    years = list(range(cfg["years"][0], cfg["years"][1] + 1))
    inputs = {}
    for name, spec in cfg["inputs"].items():
        path = replace.get(spec["path"], Path(spec["path"]))
        inputs[name] = Input(name, path, read_observations(spec["layout"], path))
    components, lineage = assemble(inputs, cfg["components"], cfg["countries"], years)
    return build_country_panel(
        components, lineage, cfg["countries"], years, report=str(report), accept_outliers=accept
    )


# --------------------------------------------------------------------------- country stage


def test_output_of_one_country_in_other_units(tmp_path):
    bad = tmp_path / "oecd_stan_industry.csv"
    scale_sdmx(ROOT / STAN, bad, "FRA", "PROD", UNITS)
    with pytest.raises(DataError) as err:
        country_stage({STAN: bad}, tmp_path / "failures.csv")
    msg = str(err.value)
    assert msg.startswith(f"{bad}: check 'components across countries")
    for words in ("(FRA, 2000)", f"output of FRA differs from the other countries by ≈ "
                  f"{UNITS:.0f}×: units?", "accept_outliers: {output: [FRA]}"):  # fmt: skip
        assert words in msg, msg
    failures = pd.read_csv(tmp_path / "failures.csv")
    assert set(failures["iso3"]) == {"FRA"} and set(failures["series"]) == {"output"}


def test_one_year_of_output_in_other_units(tmp_path):
    bad = tmp_path / "oecd_stan_industry.csv"
    scale_sdmx(ROOT / STAN, bad, "FRA", "PROD", UNITS, years={2009})
    with pytest.raises(DataError) as err:
        country_stage({STAN: bad}, tmp_path / "failures.csv")
    msg = str(err.value)
    assert "neighbouring years" in msg and "keys: (FRA, 2009) " in msg, msg
    assert f"output of FRA in 2009 differs from its neighbouring years by ≈ {UNITS:.0f}×" in msg


def test_genuine_outlier_accepted_and_audited(tmp_path):
    bad = tmp_path / "oecd_stan_industry.csv"
    scale_sdmx(ROOT / STAN, bad, "FRA", "PROD", UNITS, years={2009})
    accept = {"output": [["FRA", 2009]], "upsilon": [["FRA", 2009]]}
    _, audit = country_stage({STAN: bad}, tmp_path / "failures.csv", accept)
    accepted = audit["plausibility"]["accepted"]
    assert {(a["series"], a["iso3"], tuple(a["years"])) for a in accepted} == {
        ("output", "FRA", (2009,)),
        ("upsilon", "FRA", (2009,)),  # off its neighbouring years and below its plausible range
    }
    assert {a["check"].split(" [")[0] for a in accepted if a["series"] == "upsilon"} == {
        f"neighbouring years within {TIME_FACTOR:g}×",
        "plausible range of upsilon",
    }
    assert not (tmp_path / "failures.csv").exists()


def test_gdp_per_capita_in_thousands(tmp_path):
    lines = (ROOT / GDP_PC).read_text(encoding="utf-8-sig").splitlines(keepends=True)
    row = next(k for k, line in enumerate(lines) if '"Japan","JPN"' in line)
    cells = lines[row].rstrip("\r\n").split(",")
    cells = [f'"{float(c.strip(chr(34))) / UNITS!r}"' if k >= 4 and c.strip('"') else c
             for k, c in enumerate(cells)]  # fmt: skip
    lines[row] = ",".join(cells) + "\r\n"
    bad = tmp_path / Path(GDP_PC).name
    bad.write_text("\ufeff" + "".join(lines), encoding="utf-8")
    with pytest.raises(DataError) as err:
        country_stage({GDP_PC: bad}, tmp_path / "failures.csv")
    msg = str(err.value)
    assert msg.startswith(str(bad)) and "GDP per capita of JPN" in msg, msg
    assert "not in current US$" in msg


# ------------------------------------------------------------------------------ firm ingest


@pytest.fixture(scope="module")
def firms(tmp_path_factory) -> tuple[dict[str, Path], pd.DataFrame]:
    sim = write_firm_raw(FirmDGP().scaled(0.004), 11, tmp_path_factory.mktemp("sim"))
    return sim, pd.read_parquet(sim["firms"])


def _infinite_output(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out.loc[out.index[df["year"] == df["year"].max()][:2], "output"] = np.inf
    return out


def _unknown_code(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out.loc[out.index[:3], "cic4"] = 9999
    return out


FIRM_CASES: dict[str, tuple[Callable[[pd.DataFrame], pd.DataFrame], list[str]]] = {
    "employment_in_thousands": (
        lambda df: df.assign(employment=df["employment"] / UNITS),
        ["median employment per year", "employment in thousands"],
    ),
    "infinite_output": (_infinite_output, ["finite values", "output (2)"]),
    "one_industry": (
        lambda df: df.assign(cic4=int(df.loc[df["year"] >= 2003, "cic4"].mode()[0])),
        ["enough four-digit industries of the foreign firms for eq. (63)"],
    ),
    "one_year": (
        lambda df: df[df["year"] == df["year"].min()],
        ["two years 2 apart (liu_2013.span = 2)", "cannot form a span-2 change"],
    ),
    "no_firm_of_the_group": (
        lambda df: df[~df["registration_type"].between(310, 340)],
        ["configured group 'foreign' (liu_2013.group)", "groups present"],
    ),
    "unknown_industry_code": (_unknown_code, ["Liu's Table A1", "9999"]),
}


@pytest.mark.parametrize("case", list(FIRM_CASES))
def test_firm_extract_stops_at_ingest(firms, case, tmp_path):
    sim, raw = firms
    edit, words = FIRM_CASES[case]
    extract = tmp_path / "my_extract.parquet"
    edit(raw).to_parquet(extract, index=False)
    liu = CONFIG["liu_2013"]
    with pytest.raises(DataError) as err:
        ingest_firms(
            extract, tmp_path / "firm_panel.parquet", tmp_path / "audit.csv", liu["cleaning"],
            column_map=liu["column_map"], concordance=sim["concordance"],
            id_links=sim["id_links"], group=liu["group"], span=liu["span"],
        )  # fmt: skip
    msg = str(err.value)
    assert msg.startswith(str(extract)), msg
    for word in words:
        assert word in msg, (word, msg)
    assert not (tmp_path / "firm_panel.parquet").exists()


# ------------------------------------------------------------------------- one workflow run


def published(project: Path) -> dict[str, str]:
    files = [p for d in ("tables", "estimates") for p in (project / "results" / d).rglob("*")]
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files if p.is_file()}


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=project, timeout=1200
    )


@pytest.mark.slow
def test_registered_units_error_stops_the_workflow(tmp_path):
    """The file re-registered (a new vintage): the checksum passes, the screens stop the run."""
    project = tmp_path / "gvcpanel"
    skip = (".venv", ".git", "results", ".snakemake", "*.egg-info", "__pycache__", ".*_cache")
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(*skip))
    config = project / "config" / "country_only.yaml"
    cfg = load_yaml(ROOT / "config/config.yaml") | {"liu_2013": None}
    cfg["qu_yang_2023"] = {"threshold": {"reps": 20}, "table5": None}
    config.write_text(yaml.safe_dump(cfg, sort_keys=False))
    snakemake = ("-m", "snakemake", "--cores", "2", "--configfile", str(config))
    good = run(project, *snakemake)
    assert good.returncode == 0, good.stderr[-3000:]
    before = published(project)
    assert before
    scale_sdmx(project / STAN, project / STAN, "FRA", "PROD", UNITS)
    reg = run(project, "-m", "gvcpanel.cli", "register", STAN, "--vintage", "FRA output x1000")
    assert reg.returncode == 0, reg.stderr
    bad = run(project, *snakemake)
    err = bad.stdout + bad.stderr
    assert bad.returncode == 1, err[-3000:]
    assert "Error in rule build_country_panel" in err and "Traceback" not in err, err[-3000:]
    assert f"output of FRA differs from the other countries by ≈ {UNITS:.0f}×: units?" in err
    assert STAN in err
    assert published(project) == before


@pytest.mark.parametrize(
    ("accept", "ok"),
    [
        ({"output": ["FRA"], "upsilon": [["FRA", 2009]]}, True),
        ({"outputs": ["FRA"]}, False),  # not a component or variable
        ({"output": [["FRA", "2009"]]}, False),  # the year is an integer
        ({"output": ["fra"]}, False),
    ],
)
def test_accept_outliers_configuration(accept, ok):
    cfg = load_yaml(ROOT / "config/config.yaml")
    cfg["country_panel"]["accept_outliers"] = accept
    if ok:
        validate_config(cfg, ROOT / "schemas/config.schema.yaml")
    else:
        with pytest.raises(ConfigError, match="config.country_panel.accept_outliers"):
            validate_config(cfg, ROOT / "schemas/config.schema.yaml")
