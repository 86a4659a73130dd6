"""Bad inputs stop with a message naming file, check and keys, and never touch the good results.

One default run into a temporary copy of the project (module fixture); then a matrix of bad
country, firm, ICIO and configuration inputs. Cases about a message call the ingest and
validation functions directly; the checksum cases and the late failures (unknown regressor,
impossible trims, empty firm extract, bad wage-index value, paths outside the project) run the
workflow and compare the sha256 of every file in ``results/tables`` and ``results/estimates``.
"""

from __future__ import annotations

import copy
import logging
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import published_hash, snakemake
from test_bad_inputs_plausibility import scale_sdmx

from gvcpanel.config import ConfigError, load_yaml, merge, validate_config
from gvcpanel.config.checks import config_problems
from gvcpanel.errors import DataError
from gvcpanel.schemas.codes import allow_user_assigned
from gvcpanel.schemas.names import RAW_COLUMNS
from gvcpanel.schemas.panels import CountryComponents
from gvcpanel.sources.asif import check_wage_index, ingest_firms
from gvcpanel.sources.icio_store import STORE, store_key
from gvcpanel.sources.layouts import read_observations
from gvcpanel.sources.registry import read_registry, verify
from gvcpanel.validate import validate

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
SCHEMA = ROOT / "schemas" / "config.schema.yaml"
COUNTRY = "data/synthetic/country"
UNCTAD = f"{COUNTRY}/unctad_eora_gvc.csv"
STAN = f"{COUNTRY}/oecd_stan_industry.csv"
WDI = f"{COUNTRY}/wdi_NY.GDP.MKTP.KD.ZG_synthetic.csv"


# ----------------------------------------------------------------------------- fixtures, helpers


def full_config(project: Path) -> dict:
    """The shipped configuration as the pipeline sees it: config.yaml over config/defaults.yaml."""
    return merge(
        load_yaml(project / "config/defaults.yaml"), load_yaml(project / "config/config.yaml")
    )


def write_config(project: Path, edit: Callable[[dict], None]) -> Path:
    cfg = full_config(project)
    edit(cfg)
    path = project / "case.yaml"
    path.write_text(yaml.safe_dump(cfg, sort_keys=False))
    return path


def assert_stops(run: subprocess.CompletedProcess, *words: str) -> str:
    err = run.stdout + run.stderr
    assert run.returncode == 1, err[-3000:]
    for word in words:
        assert word in err, (word, err[-3000:])
    assert "Traceback" not in err, err[-3000:]
    return err


def edit_csv(path: Path, edit: Callable[[list[str]], list[str]]) -> None:
    path.write_text("\n".join(edit(path.read_text().splitlines())) + "\n")


def set_cell(line: str, col: int, value: str) -> str:
    cells = line.split(",")
    cells[col] = value
    return ",".join(cells)


# ------------------------------------------------------------------- country inputs (messages)

UNCTAD_HEADER = ["Country", "ISO3", "Year", "Exports", "DVA", "FVA", "DVX"]


def _row(lines: list[str], iso: str, year: int) -> int:
    return next(i for i, line in enumerate(lines) if f",{iso},{year}," in line)


def _unctad_cell(iso: str, year: int, column: str, value: str):
    def edit(lines: list[str]) -> list[str]:
        i = _row(lines, iso, year)
        # "Korea, Rep." is quoted and holds a comma: count cells from the right
        cells = lines[i].split(",")
        cells[len(cells) - len(UNCTAD_HEADER) + UNCTAD_HEADER.index(column)] = value
        lines[i] = ",".join(cells)
        return lines

    return edit


def _dva_above_exports(lines: list[str]) -> list[str]:
    i = _row(lines, "FRA", 2007)
    cells = lines[i].split(",")
    exports = float(cells[-4])
    cells[-3] = f"{1.2 * exports:.4f}"  # DVA 1.2 x exports (FVA unchanged)
    lines[i] = ",".join(cells)
    return lines


COUNTRY_CASES = {
    "renamed_year_header": (
        UNCTAD,
        "unctad_eora",
        lambda ls: [ls[0].replace("Year", "Yr"), *ls[1:]],
        ["required column present", "Year", "renamed"],
    ),
    "semicolon_separated": (
        UNCTAD,
        "unctad_eora",
        lambda ls: [line.replace(",", ";") for line in ls],
        ["comma-separated values", "semicolon"],
    ),
    "dva_above_exports": (
        UNCTAD,
        "unctad_eora",
        _dva_above_exports,
        ["DVA <= Exports", "DVA + FVA = Exports", "(FRA, 2007)"],
    ),
    "dva_fva_do_not_add_up": (
        UNCTAD,
        "unctad_eora",
        _unctad_cell("ITA", 2010, "FVA", "1.0"),
        ["DVA + FVA = Exports (relative tolerance 1e-06)", "(ITA, 2010)"],
    ),
    "dvx_above_dva": (
        UNCTAD,
        "unctad_eora",
        _unctad_cell("JPN", 2004, "DVX", "9e12"),
        ["DVX <= DVA", "(JPN, 2004)"],
    ),
    "negative_exports": (
        UNCTAD,
        "unctad_eora",
        _unctad_cell("AUS", 2001, "Exports", "-5"),
        ["Exports", "(AUS, 2001)"],
    ),
    "text_in_dva": (
        UNCTAD,
        "unctad_eora",
        _unctad_cell("CHN", 2005, "DVA", "n.a."),
        ["numeric type of 'DVA'", "(CHN, 2005)"],
    ),
    "duplicate_country_year": (
        UNCTAD,
        "unctad_eora",
        lambda ls: [*ls, ls[_row(ls, "AUS", 2003)]],
        ["unique key", "(AUS, 2003)"],
    ),
    "header_only": (UNCTAD, "unctad_eora", lambda ls: ls[:1], ["at least one data row"]),
    "unknown_country_code": (
        UNCTAD,
        "unctad_eora",
        lambda ls: [ls[0], *(line.replace(",AUS,", ",BBB,") for line in ls[1:])],
        ["known country code", "BBB"],
    ),
    "user_assigned_code_on_real_panel": (
        UNCTAD,
        "unctad_eora",
        lambda ls: [ls[0], *(line.replace(",AUS,", ",XXX,") for line in ls[1:])],
        ["known country code", "XXX"],
    ),
    "sdmx_renamed_time_period": (
        STAN,
        "oecd_sdmx",
        lambda ls: [ls[0].replace("TIME_PERIOD", "YEAR"), *ls[1:]],
        ["TIME_PERIOD"],
    ),
    "wdi_semicolon_separated": (
        WDI,
        "wdi_bulk",
        lambda ls: [line.replace('","', '";"') for line in ls],
        ["semicolon"],
    ),
}


@pytest.mark.parametrize("case", list(COUNTRY_CASES))
def test_country_input_message(case, project, tmp_path):
    src, layout, edit, words = COUNTRY_CASES[case]
    before = published_hash(project)
    path = tmp_path / Path(src).name
    shutil.copy(ROOT / src, path)
    edit_csv(path, edit)
    report = tmp_path / "failures.csv"
    with pytest.raises(DataError) as err:
        read_observations(layout, path, report=report)
    msg = str(err.value)
    assert msg.startswith(str(path)), msg
    for word in words:
        assert word in msg, (word, msg)
    assert published_hash(project) == before


def test_latin1_file_names_the_line_and_encoding(project, tmp_path):
    before = published_hash(project)
    lines = (ROOT / UNCTAD).read_text().splitlines()
    i = _row(lines, "FRA", 2003)
    lines[i] = lines[i].replace("France", "Françe")
    path = tmp_path / "unctad_latin1.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("latin-1"))
    with pytest.raises(DataError) as err:
        read_observations("unctad_eora", path)
    msg = str(err.value)
    assert f"line {i + 1} " in msg and "Latin-1" in msg and "UTF-8" in msg, msg
    assert published_hash(project) == before


def test_user_assigned_codes_pass_on_a_synthetic_panel(tmp_path):
    path = tmp_path / "unctad.csv"
    shutil.copy(ROOT / UNCTAD, path)
    edit_csv(path, lambda ls: [ls[0], *(line.replace(",AUS,", ",XXX,") for line in ls[1:])])
    with allow_user_assigned(True):
        obs = read_observations("unctad_eora", path)
    assert "XXX" in set(obs["iso3"])


def _components(project: Path) -> pd.DataFrame:
    return pd.read_parquet(project / "results/data/country_components.parquet")


@pytest.mark.parametrize(
    ("column", "total", "check"),
    [
        ("dva", "exports", "dva <= exports"),
        ("value_added", "output", "value_added <= output"),
        ("fva", "fva", "dva + fva = exports"),
    ],
)
def test_clean_country_components_cross_checks(project, column, total, check):
    before = published_hash(project)
    comp = _components(project)
    comp.loc[7, column] = 1.2 * comp.loc[7, total]
    with pytest.raises(DataError) as err:
        validate(comp, CountryComponents, "components", ["iso3", "year"])
    key = f"({comp.loc[7, 'iso3']}, {comp.loc[7, 'year']})"
    assert check in str(err.value) and key in str(err.value), str(err.value)
    assert published_hash(project) == before


# ---------------------------------------------------------------------- firm inputs (messages)

RULES = full_config(ROOT)["liu_2013"]["cleaning"]


def _firms(n: int = 40) -> pd.DataFrame:
    df = pd.DataFrame(
        {
            "firm_id": range(1, n + 1),
            "year": [1998 + i % 10 for i in range(n)],
            "cic4": 1310,
            "registration_type": 310,
        }
    )
    for col, value in (
        ("output", 1000.0),
        ("value_added", 300.0),
        ("intermediate_inputs", 700.0),
        ("exports", 200.0),
        ("employment", 50.0),
        ("fixed_assets", 400.0),
        ("training_expense", 5.0),
        ("wage_bill", 60.0),
    ):
        df[col] = value
    return df[list(RAW_COLUMNS)]


def _ingest(tmp_path: Path, df: pd.DataFrame, rules=RULES):
    extract = tmp_path / "my_extract.parquet"
    df.to_parquet(extract, index=False)
    out = tmp_path / "derived" / "firm_panel.parquet"
    out.parent.mkdir()
    ingest_firms(extract, out, tmp_path / "derived" / "audit.csv", rules)
    return extract, out


def test_firm_extract_ok(tmp_path):
    _, out = _ingest(tmp_path, _firms())
    assert len(pd.read_parquet(out)) == 40


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("empty", ["at least one firm-year in the extract", "0 rows"]),
        ("va_above_output", ["value_added <= output", "(7, 2004)"]),
        ("missing_column", ["required columns", "wage_bill"]),
        ("all_dropped", ["at least one firm-year left after cleaning"]),
    ],
)
def test_firm_extract_message_names_the_extract(case, words, project, tmp_path):
    before = published_hash(project)
    df, rules = _firms(), RULES
    if case == "empty":
        df = df.iloc[:0]
    elif case == "va_above_output":
        df.loc[6, "value_added"] = 1500.0  # firm 7, 2004: VA = 1.5 x output
        rules = [r for r in RULES if r["rule"] != "va_exceeds_output"]
    elif case == "missing_column":
        df = df.drop(columns=["wage_bill"])
    else:
        df["employment"] = 2.0  # every firm below min_employment
    with pytest.raises(DataError) as err:
        _ingest(tmp_path, df, rules)
    msg = str(err.value)
    assert "my_extract.parquet" in msg and "firm_panel.parquet" not in msg, msg
    for word in words:
        assert word in msg, (word, msg)
    assert published_hash(project) == before


WAGE = "year,wage_index,avg_wage\n1998,1.0,7.5\n1999,1.1,8.2\n2000,1.3,9.7\n"


@pytest.mark.parametrize(
    ("text", "years", "words"),
    [
        (WAGE.replace("1.1,", "abc,"), (), ["numeric type of 'wage_index'", "1999"]),
        (WAGE.replace("1.3,", "-1.3,"), (), ["greater_than(0) on 'wage_index'", "2000"]),
        (WAGE.replace("1.3,", ","), (), ["no missing values in 'wage_index'"]),
        (WAGE + "2000,1.4,9.9\n", (), ["unique", "2000"]),
        (WAGE.replace("wage_index", "index"), (), ["required column present", "wage_index"]),
        (WAGE, (1998, 1999, 2000, 2001), ["every year of the firm panel", "2001"]),
        ("", (), ["non-empty file"]),
    ],
)
def test_wage_index_schema(text, years, words, project, tmp_path):
    before = published_hash(project)
    path = tmp_path / "wage_index.csv"
    path.write_text(text)
    with pytest.raises(DataError) as err:
        check_wage_index(path, years)
    for word in words:
        assert word in str(err.value), (word, str(err.value))
    assert published_hash(project) == before


def test_wage_index_ok(tmp_path):
    path = tmp_path / "wage_index.csv"
    path.write_text(WAGE)
    assert list(check_wage_index(path, (1998, 2000))["year"]) == [1998, 1999, 2000]


# -------------------------------------------------------------------- configuration (messages)

DEFAULT = full_config(ROOT)


def _set(path: str, value):
    def edit(cfg: dict) -> None:
        *parents, last = path.split(".")
        node = cfg
        for p in parents:
            node = node[int(p)] if p.isdigit() else node[p]
        node[int(last) if last.isdigit() else last] = value

    return edit


CONFIG_CASES = {
    "unknown_regressor": (
        _set("qu_yang_2023.models.eq16.regressors", ["omega", "mu", "tariff"]),
        ["config.qu_yang_2023.models.eq16.regressors", "'tariff' is not a column"],
    ),
    "unknown_dependent": (
        _set("qu_yang_2023.models.eq17.dependent", "gvc"),
        ["config.qu_yang_2023.models.eq17.dependent", "'gvc'"],
    ),
    "unknown_threshold_variable": (
        _set("qu_yang_2023.threshold.variable", "omgea"),
        ["config.qu_yang_2023.threshold.variable", "'omgea'"],
    ),
    "unknown_regime": (
        _set("qu_yang_2023.threshold_models.eq19.regime", "nu"),
        ["config.qu_yang_2023.threshold_models.eq19.regime", "'nu'"],
    ),
    "impossible_trim_stage3": (
        _set("qu_yang_2023.threshold.trim", [0.01, 0.01, 0.3]),
        ["threshold.trim[2]", "no admissible threshold at stage 3", "336"],
    ),
    "impossible_trim_stage2": (
        _set("qu_yang_2023.threshold.trim", [0.2, 0.4, 0.05]),
        ["threshold.trim[1]", "stage 2", "3 regimes"],
    ),
    "input_escapes_project": (
        _set("country_panel.inputs.stan.path", "../../../../escape_input"),
        ["config.country_panel.inputs.stan.path", "outside the project"],
    ),
    "absolute_input_outside": (
        _set("country_panel.inputs.tiva.path", "/tmp/tiva.csv"),
        ["config.country_panel.inputs.tiva.path", "outside the project"],
    ),
    "results_escape": (
        _set("results", "../../x"),
        ["config.results", "outside the project"],
    ),
    "results_absolute": (_set("results", "/tmp/gvc_results"), ["config.results", "outside"]),
    "firm_files_outside": (
        _set(
            "liu_2013.firms",
            {
                "source": "files",
                "files": {"firms": "../firms.parquet", "wage_index": "data/w.csv"},
            },
        ),
        ["config.liu_2013.firms.files.firms", "outside the project"],
    ),
    "user_assigned_country": (
        _set("country_panel.countries", ["AUS", "XXX", "USA"]),
        ["config.country_panel.countries", "XXX", "user-assigned", "synthetic: true"],
    ),
    "unknown_key": (_set("country_panel.strict_checksum", True), ["strict_checksum"]),
}


@pytest.mark.parametrize("case", list(CONFIG_CASES))
def test_config_message(case, project, monkeypatch):
    edit, words = CONFIG_CASES[case]
    before = published_hash(project)
    cfg = copy.deepcopy(DEFAULT)
    edit(cfg)
    monkeypatch.chdir(project)
    with pytest.raises(ConfigError) as err:
        validate_config(cfg, SCHEMA)
    for word in words:
        assert word in str(err.value), (word, str(err.value))
    assert published_hash(project) == before


def test_config_accepts_what_it_should(monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    cfg = copy.deepcopy(DEFAULT)
    del cfg["country_panel"]["strict_checksums"]
    assert validate_config(cfg, SCHEMA)["country_panel"]["strict_checksums"] is True
    synthetic = copy.deepcopy(DEFAULT)
    synthetic["country_panel"].update(countries=["AUS", "XXX", "USA"], synthetic=True)
    assert config_problems(synthetic) == []  # (the inputs' coverage of XXX is checked apart)
    elsewhere = copy.deepcopy(DEFAULT)
    elsewhere["data_dir"] = str(tmp_path)
    elsewhere["country_panel"]["inputs"]["stan"]["path"] = "{data_dir}/stan.csv"
    assert validate_config(elsewhere, SCHEMA)["country_panel"]["inputs"]["stan"]["path"] == str(
        tmp_path / "stan.csv"
    )


# ------------------------------------------------------------------------------ the registry


def test_changed_registered_file(tmp_path, caplog):
    path = tmp_path / "unctad_eora_gvc.csv"
    shutil.copy(ROOT / UNCTAD, path)
    edit_csv(path, _unctad_cell("CHN", 2015, "DVX", "918104"))
    registry = read_registry(ROOT / "data/sources.csv")
    with pytest.raises(DataError) as err:
        verify(str(path), registry, strict=True, log=logging.getLogger("t"))
    msg = str(err.value)
    registered = registry[UNCTAD].sha256
    for word in ("CHANGED", registered, "found", "synthetic, seed 20230104", "gvcpanel register"):
        assert word in msg, (word, msg)
    with caplog.at_level(logging.WARNING):
        status = verify(str(path), registry, strict=False, log=logging.getLogger("t"))
    assert status.report_status() == "CHANGED" and "CHANGED" in caplog.text


def test_unregistered_file_is_not_claimed_checked(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("a\n1\n")
    status = verify(str(path), read_registry(ROOT / "data/sources.csv"), True, logging.getLogger())
    assert status.report_status() == "not checked"


# --------------------------------------------------------------- through the workflow (hashes)


def test_truncated_field_stops_before_the_schema(project, good):
    edit_csv(project / UNCTAD, _unctad_cell("CHN", 2015, "DVX", "918104"))
    run = snakemake(project)
    assert_stops(run, UNCTAD, "CHANGED", "registered sha256", "gvcpanel register")
    assert published_hash(project) == good


def test_register_then_dva_above_exports_stops_at_the_schema(project, good):
    edit_csv(project / UNCTAD, _dva_above_exports)
    failures = project / "results/work/validation/failures/gvc_accounts.csv"
    reg = subprocess.run(
        [sys.executable, "-m", "gvcpanel.cli", "register", UNCTAD, "--vintage", "edited"],
        capture_output=True,
        text=True,
        cwd=project,
    )
    assert reg.returncode == 0, reg.stderr
    assert read_registry(project / "data/sources.csv")[UNCTAD].vintage == "edited"
    run = snakemake(project)
    assert_stops(run, UNCTAD, "DVA <= Exports", "(FRA, 2007)")
    assert failures.is_file()
    assert published_hash(project) == good
    # a structural failure next: the earlier failure report must not survive
    (project / UNCTAD).write_text("")
    subprocess.run(
        [sys.executable, "-m", "gvcpanel.cli", "register", UNCTAD, "--vintage", "emptied"],
        cwd=project,
        check=True,
    )
    run = snakemake(project)
    assert_stops(run, "non-empty file")
    assert not failures.exists()
    assert published_hash(project) == good


LATE = {
    "unknown_regressor": (
        _set("qu_yang_2023.models.eq17.regressors", ["omega", "mu", "upsilon", "gr", "tariff"]),
        ["'tariff' is not a column of the country panel"],
    ),
    "impossible_trims": (
        _set("qu_yang_2023.threshold.trim", [0.01, 0.01, 0.3]),
        ["no admissible threshold at stage 3"],
    ),
    "input_escapes_project": (
        _set("country_panel.inputs.stan.path", "../../../../escape_input"),
        ["outside the project"],
    ),
    "results_escape": (_set("results", "../../x"), ["config.results", "outside the project"]),
}


@pytest.mark.parametrize("case", list(LATE))
def test_parse_time_failures_keep_results(case, project, good):
    edit, words = LATE[case]
    run = snakemake(project, "--configfile", str(write_config(project, edit)))
    assert_stops(run, "invalid configuration", *words)
    assert not (project.parent.parent / "x").exists()
    assert published_hash(project) == good


def _firm_files(project: Path, bad: str) -> Path:
    folder = project / "data/raw/asif"
    folder.mkdir(parents=True, exist_ok=True)
    raw = project / "results/work/raw/asif"
    for name in ("cic_concordance_2003.csv", "firm_id_links.csv", "wage_index.csv"):
        shutil.copy(raw / name, folder / name)
    firms = pd.read_parquet(raw / "asif_firms.parquet")
    if bad == "empty":
        firms = firms.iloc[:0]
    else:
        firms = firms.iloc[:1000]
        edit_csv(folder / "wage_index.csv", lambda ls: [*ls[:3], set_cell(ls[3], 1, "1.4x")])
    firms.to_parquet(folder / "asif_firms.parquet", index=False)
    files = {
        "firms": "data/raw/asif/asif_firms.parquet",
        "concordance": "data/raw/asif/cic_concordance_2003.csv",
        "id_links": "data/raw/asif/firm_id_links.csv",
        "wage_index": "data/raw/asif/wage_index.csv",
    }
    return write_config(project, _set("liu_2013.firms", {"source": "files", "files": files}))


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        ("empty", ["asif_firms.parquet", "at least one firm-year in the extract"]),
        ("wage_index", ["wage_index.csv", "numeric type of 'wage_index'", "2000"]),
    ],
)
def test_firm_failures_at_ingest_keep_results(bad, words, project, good):
    config = _firm_files(project, bad)
    run = snakemake(project, "--configfile", str(config))
    err = assert_stops(run, *words)
    assert "Error in rule ingest_firms" in err
    assert published_hash(project) == good


def test_stale_tmp_removed_at_start(project, good):
    stale = project / "results/work/data/.firm_panel.parquet.abc123.tmp"
    stale.write_bytes(b"\0" * 1024)
    edit_csv(project / UNCTAD, _unctad_cell("CHN", 2015, "DVX", "918104"))
    assert_stops(snakemake(project), "CHANGED")
    assert not stale.exists()
    assert published_hash(project) == good


def test_swapped_wiod_year_stops_at_ingest(project, good, tmp_path):
    wiod = SHARED_DATA / "wiod2013"
    if not wiod.is_dir():
        pytest.skip(f"WIOD 2013 tables not found at {wiod}")
    data = tmp_path / "data"
    (data / "wiod2013").mkdir(parents=True)
    shutil.copy(wiod / "wiot_2005.RData", data / "wiod2013" / "wiot_2004.RData")
    registry = read_registry(project / "data/sources.csv")
    icio = load_yaml(project / "config/wiod2013_qu_yang.yaml")["country_panel"]["icio"]
    table = str(data / "wiod2013" / "wiot_2004.RData")
    key = store_key(table, registry, icio["adapter"], icio["manufacturing"], strict=True)
    target = f"{STORE}/icio/{key}/indicators.parquet"
    run = snakemake(
        project, "--configfile", "config/wiod2013_qu_yang.yaml", "--config",
        f"data_dir={data}", "--", target,
    )  # fmt: skip
    entry = registry["data/raw/wiod2013/wiot_2004.RData"]
    assert_stops(run, "wiot_2004.RData", "CHANGED", entry.sha256, entry.vintage)
    assert not (project / target).exists()
    assert published_hash(project) == good


def test_project_still_complete(project):
    """After every case the good run is still complete: nothing left to do."""
    run = snakemake(project, "--dry-run")
    assert run.returncode == 0 and "Nothing to be done" in run.stdout + run.stderr, run.stdout


# ------------------------------------------------------ bad runs, each a whole run of the workflow
# Each case edits the configuration or the data of the good default project, runs the workflow
# (or the command a user would type) and checks: exit status 1, the message's key words, no
# traceback, and every published file byte-identical (fixture ``good``).

FIRM_FILES = {
    "firms": "data/raw/asif/asif_firms.parquet",
    "concordance": "data/raw/asif/cic_concordance_2003.csv",
    "id_links": "data/raw/asif/firm_id_links.csv",
    "wage_index": "data/raw/asif/wage_index.csv",
}


def _extract(project: Path, edit: Callable[[pd.DataFrame], pd.DataFrame], **liu) -> list[str]:
    """A user's firm extract: every 20th firm of the simulated panel (all its years), edited."""
    raw, folder = project / "results/work/raw/asif", project / "data/raw/asif"
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("cic_concordance_2003.csv", "firm_id_links.csv", "wage_index.csv"):
        shutil.copy(raw / name, folder / name)
    firms = pd.read_parquet(raw / "asif_firms.parquet")
    edit(firms[firms["firm_id"] % 20 == 0].reset_index(drop=True)).to_parquet(
        folder / "asif_firms.parquet", index=False
    )

    def config(cfg: dict) -> None:
        cfg["liu_2013"]["firms"] = {"source": "files", "files": FIRM_FILES}
        cfg["liu_2013"].update(liu)

    return ["--configfile", str(write_config(project, config))]


def _where(df: pd.DataFrame, mask, **values) -> pd.DataFrame:
    df = df.copy()
    for column, value in values.items():
        df.loc[mask(df), column] = value
    return df


def _config(path: str, value) -> Callable[[Path], list[str]]:
    return lambda project: ["--configfile", str(write_config(project, _set(path, value)))]


def _text_config(text: str) -> Callable[[Path], list[str]]:
    def case(project: Path) -> list[str]:
        (project / "case.yaml").write_text(text)
        return ["--configfile", "case.yaml"]

    return case


def _scaled_stan(years: list[int] | None) -> Callable[[Path], list[str]]:
    """FRA's gross output × 1000 (every year, or the given ones), the file re-registered."""

    def case(project: Path) -> list[str]:
        path = project / STAN
        scale_sdmx(path, path, "FRA", "PROD", 1000.0, years)
        register = [sys.executable, "-m", "gvcpanel.cli", "register", STAN]
        subprocess.run([*register, "--vintage", "FRA output x1000"], cwd=project, check=True)
        return []

    return case


def _raw_replaced(kind: str) -> Callable[[Path], list[str]]:
    """The STAN file replaced by a broken link, a directory, or its UTF-16 version (registered)."""

    def case(project: Path) -> list[str]:
        path = project / STAN
        if kind == "utf16":
            path.write_bytes(path.read_text().encode("utf-16"))
            register = [sys.executable, "-m", "gvcpanel.cli", "register", STAN]
            subprocess.run([*register, "--vintage", "utf-16 copy"], cwd=project, check=True)
            return []
        path.unlink()
        if kind == "dangling":
            path.symlink_to(project / "gone.csv")
        else:
            path.mkdir()
        return []

    return case


def _escaping_name(project: Path) -> list[str]:
    """An input named like a path out of the project (its file is the good STAN file)."""

    def edit(cfg: dict) -> None:
        inputs = cfg["country_panel"]["inputs"]
        inputs["../../../../escape_input"] = inputs["stan"]

    return ["--configfile", str(write_config(project, edit))]


def _results_link(project: Path) -> list[str]:
    """``results:`` a folder inside the project that links to one outside it."""
    (project / "results_link").symlink_to(project.parent)
    return ["--configfile", str(write_config(project, _set("results", "results_link")))]


def _restore_stan(project: Path) -> None:
    path = project / STAN
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


BOMB = "qu_yang_2023:\n  models:\n    eq16:\n      regressors: &l0 [omega, mu]\n" + "".join(
    f"      x{k}: &l{k} [*l{k - 1}, *l{k - 1}, *l{k - 1}, *l{k - 1}, *l{k - 1}, *l{k - 1}]\n"
    for k in range(1, 12)
)

ISSUE_CASES: dict[str, tuple[Callable[[Path], list[str]], list[str]]] = {
    # late failures that now stop at parse time or at ingest
    "reps_float": (_config("qu_yang_2023.threshold.reps", 50.0), ["threshold.reps", "integer"]),
    "seed_float": (_config("seed", 20230104.0), ["config.seed", "integer"]),
    "years_float": (_config("country_panel.years", [2000.0, 2015.0]), ["years[0]", "integer"]),
    "trims_no_second_threshold": (
        _config("qu_yang_2023.threshold.trim", [0.33, 0.33, 0.24]),
        ["threshold.trim[1]", "no admissible threshold at stage 2"],
    ),
    "difference_of_the_whole_panel": (
        _config("qu_yang_2023.models.eq18_4y.difference", 16),
        ["eq18_4y.difference", "difference: at most"],
    ),
    "firms_in_one_industry": (
        lambda p: _extract(p, lambda df: df.assign(cic4=3411)),
        ["asif_firms.parquet", "four-digit industries"],
    ),
    "employment_in_thousands": (
        lambda p: _extract(p, lambda df: df.assign(employment=df["employment"] / 1000)),
        ["asif_firms.parquet", "employment in thousands"],
    ),
    "output_inf": (
        lambda p: _extract(p, lambda df: _where(df, lambda d: d.index < 3, output=np.inf)),
        ["asif_firms.parquet", "not finite"],
    ),
    "one_year_extract": (
        lambda p: _extract(p, lambda df: df[df["year"] == 2005]),
        ["asif_firms.parquet", "cannot form a span-2 change"],
    ),
    # a wrong unit
    "output_x1000_registered": (_scaled_stan(None), [STAN, "output of FRA", "1000×: units?"]),
    "output_x1000_one_year": (_scaled_stan([2009]), [STAN, "neighbouring years"]),
    # writes outside the project
    "input_name_escapes": (_escaping_name, ["'../../../../escape_input' is not a name"]),
    "results_link_outside": (
        _results_link,
        ["config.results", "symbolic link", "outside the project"],
    ),
    # resource exhaustion
    "yaml_alias_bomb": (_text_config(BOMB), ["case.yaml", "larger than 100000 values"]),
    # exit 0 where it must not
    "dangling_raw_link": (_raw_replaced("dangling"), [STAN, "broken symbolic link"]),
    "group_without_firms": (
        lambda p: _extract(
            p, lambda df: _where(df, lambda d: d["registration_type"] >= 300, registration_type=110)
        ),
        ["asif_firms.parquet", "configured group 'foreign'"],
    ),
    "unknown_industry_code": (
        lambda p: _extract(p, lambda df: _where(df, lambda d: d.index < 5, cic4=9999)),
        ["asif_firms.parquet", "9999"],
    ),
    # unreadable errors
    "directory_as_raw_file": (_raw_replaced("directory"), [STAN, "is a directory"]),
    "utf16_raw_file": (_raw_replaced("utf16"), ["UTF-16", "iconv -f UTF-16 -t UTF-8"]),
    "misspelt_key": (
        _text_config("country_panel:\n  yeras: [2000, 2015]\n"),
        ["case.yaml:2", "yeras", "did you mean 'years'"],
    ),
}


@pytest.mark.parametrize("case", list(ISSUE_CASES))
def test_a_bad_run_stops_and_keeps_every_published_file(case, project, good):
    prepare, words = ISSUE_CASES[case]
    try:
        args = prepare(project)
        run = snakemake(project, *args, memory=3 << 30)
        assert_stops(run, *words)
    finally:
        if case in ("dangling_raw_link", "directory_as_raw_file"):
            _restore_stan(project)  # the fixture ``good`` puts the file back
        (project / "results_link").unlink(missing_ok=True)
    assert published_hash(project) == good


def test_a_second_run_on_the_same_results_is_refused(project, good):
    holder = subprocess.Popen(
        [
            sys.executable, "-c",
            "import time; from gvcpanel.run_guard import acquire; "
            "acquire('results', 'snakemake --cores 2 (the first run)'); print('held', flush=True); "
            "time.sleep(60)",
        ],
        cwd=project, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "held"
        run = snakemake(project, "-R", "tables_master")
        assert_stops(run, "another run is using the results folder results", "the first run")
    finally:
        holder.kill()
        holder.wait()
    assert published_hash(project) == good


def test_re_registering_a_changed_file_needs_a_new_vintage(project, good):
    registry = (project / "data/sources.csv").read_bytes()
    edit_csv(project / UNCTAD, _unctad_cell("CHN", 2015, "DVX", "918104"))
    run = subprocess.run(
        [sys.executable, "-m", "gvcpanel.cli", "register", UNCTAD],
        cwd=project, capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode == 2 and "new vintage for changed content" in run.stderr
    assert "Traceback" not in run.stderr
    assert (project / "data/sources.csv").read_bytes() == registry
    assert published_hash(project) == good


def test_a_work_area_snakemake_does_not_know_is_rebuilt(project, good):
    """``.snakemake/`` lost its records of the work area (e.g. removed, or the results folder
    copied in): not "Nothing to be done" but a rebuild of every job, the release kept."""
    records = project / ".snakemake/gvcpanel"
    saved = project.parent / "gvcpanel_records"
    shutil.copytree(records, saved, dirs_exist_ok=True)
    shutil.rmtree(records)
    try:
        run = snakemake(project, "-n")
        out = run.stdout + run.stderr
        assert run.returncode == 0, out[-3000:]
        assert "every job runs again" in out and "Nothing to be done" not in out
        assert "publish" in out
    finally:
        shutil.rmtree(records, ignore_errors=True)
        shutil.copytree(saved, records)
        for aside in (project / "results").glob(".stale-work-*"):
            shutil.rmtree(project / "results/work", ignore_errors=True)
            aside.rename(project / "results/work")
    assert published_hash(project) == good
