"""Strict configuration: integers are integers, names are identifiers, trims and differences are
checked with the estimators' own rules, every path is confined (links followed for outputs) and
every raw path comes from one function."""

from __future__ import annotations

import contextlib
import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from gvcpanel.config import ConfigError, load_yaml, merge, validate_config
from gvcpanel.config.paths import path_problems, raw_paths
from gvcpanel.estimate.threshold import ThresholdPanel
from gvcpanel.estimate.threshold.sequence import admissible
from gvcpanel.estimate.threshold.trimming import dead_end, largest_trim
from gvcpanel.papers.qu_yang_2023.models import fit_linear

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schemas" / "config.schema.yaml"
USER = load_yaml(ROOT / "config" / "config.yaml")


def _with(dotted: str, value) -> dict:
    *parents, last = dotted.split(".")
    node: dict = {last: value}
    for key in reversed(parents):
        node = {key: node}
    return merge(USER, node)


def _refused(cfg: dict) -> str:
    with contextlib.chdir(ROOT), pytest.raises(ConfigError) as info:
        validate_config(cfg, SCHEMA)
    return str(info.value)


def _accepted(cfg: dict) -> dict:
    with contextlib.chdir(ROOT):
        return validate_config(cfg, SCHEMA)


# ----------------------------------------------------------------------------- integers, names


@pytest.mark.parametrize(
    "dotted,value,key",
    [
        ("qu_yang_2023.threshold.reps", 50.0, "qu_yang_2023.threshold.reps: 50.0"),
        ("seed", 20230104.0, "config.seed: 20230104.0"),
        ("country_panel.years", [2000.0, 2015.0], "country_panel.years[0]: 2000.0"),
        ("qu_yang_2023.threshold.max_thresholds", 2.0, "threshold.max_thresholds: 2.0"),
        ("qu_yang_2023.threshold.grid", 400.0, "threshold.grid: 400.0"),
        ("qu_yang_2023.models.eq18_2y.difference", 2.0, "eq18_2y.difference: 2.0"),
        ("liu_2013.span", 2.0, "liu_2013.span: 2.0"),
        ("qu_yang_2023.table5.year", 2014.0, "table5.year: 2014.0"),
    ],
)
def test_integers_are_integers(dotted, value, key):
    message = _refused(_with(dotted, value))
    assert f"{key} is not of type 'integer'" in message
    assert f"(write {int(value if not isinstance(value, list) else value[0])}," in message


def test_numbers_still_take_integers():
    cfg = _accepted(_with("qu_yang_2023.threshold.trim", [0, 0.01, 0.05]))
    assert cfg["qu_yang_2023"]["threshold"]["trim"] == [0, 0.01, 0.05]


@pytest.mark.parametrize(
    "dotted,name",
    [
        ("country_panel.inputs", "../../../../escape_input"),
        ("qu_yang_2023.models", "eq 16"),
        ("qu_yang_2023.threshold_models", "1eq19"),
        ("speccurve.country_sets", "paper/../x"),
    ],
)
def test_names_are_identifiers(dotted, name):
    value = {"path": "data/x.csv", "layout": "wdi_bulk"} if "inputs" in dotted else {}
    if "models" in dotted:
        value = {"dependent": "gvcp", "regressors": ["omega"], "regime": "mu"}
    if "country_sets" in dotted:
        value = "all"
    message = _refused(_with(dotted, {name: value}))
    key = f"[{name!r}]" if not name.isidentifier() else f".{name}"
    assert f"config.{dotted}{key}: '{name}' is not a name" in message
    assert "identifiers (letters, digits and _, not starting with a digit)" in message


# ------------------------------------------------------------------------------------- trims


def _panel(entities: int, periods: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = entities * periods
    return pd.DataFrame(
        {
            "id": np.repeat(np.arange(entities), periods),
            "t": np.tile(np.arange(periods), entities),
            "y": rng.normal(size=n),
            "x": rng.normal(size=n),
            "r": rng.normal(size=n),
            "q": rng.permutation(n) / n,  # distinct threshold values
        }
    )


def _brute_force(tp: ThresholdPanel) -> int | None:
    """The first stage without a candidate after some admissible choices, by enumerating every
    choice with the estimator's own ``admissible``."""
    proj, trims, qn = tp.projection, tp.trims, tp.qn
    size = len(tp.grid)
    mask = admissible(proj, np.empty((1, 0), dtype=np.int64), trims[0], qn)
    first = np.arange(size) if mask is None else np.flatnonzero(mask[0])
    if not len(first):
        return 1
    second = admissible(proj, first[:, None], trims[1], qn)
    chosen = np.flatnonzero(second.any(axis=0))
    refined = admissible(proj, chosen[:, None], trims[1], qn)
    if not second.any(axis=1).all() or not refined.any(axis=1).all():
        return 2
    pairs = np.array([(r, a) for i, a in enumerate(chosen) for r in np.flatnonzero(refined[i])])
    return 3 if not admissible(proj, pairs, trims[2], qn).any(axis=1).all() else None


@pytest.mark.parametrize("conventions", ["standard", "hansen"])
def test_dead_end_is_the_estimators_own_condition(conventions):
    """On 5 x 7 observations with distinct threshold values, every trim triple of a grid: the
    parse-time check finds a dead end exactly when enumerating the estimator's choices does."""
    data = _panel(5, 7, 1)
    values = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.45)
    found = set()
    for trims in itertools.product(values, repeat=3):
        if conventions == "hansen" and trims[0] > 0.3:
            continue  # Hansen's grid of qn (1 - 2 trim) points needs a few points
        tp = ThresholdPanel(
            data, y="y", x=["x"], regime_x=["r"], q="q", entity="id", time="t",
            conventions=conventions, grid=40, trim=trims,
        )  # fmt: skip
        end = dead_end(len(data), trims, 3, conventions, 40)
        assert (end.stage if end else None) == _brute_force(tp), trims
        found.add(end.stage if end else None)
    assert {None, 2, 3} <= found


def test_the_issues_trims_are_refused_with_the_largest_that_works():
    message = _refused(_with("qu_yang_2023.threshold.trim", [0.33, 0.33, 0.24]))
    assert "config.qu_yang_2023.threshold.trim[1]: 0.33 can leave no admissible threshold at " in (
        message
    )
    assert "stage 2 on 336 observations (21 countries x 16 years, 2000-2015)" in message
    assert "the largest trim[1] that always leaves one is 0.250, or max_thresholds: 1" in message
    assert dead_end(336, (0.33, 0.25, 0.24), 2) is None
    assert dead_end(336, (0.33, 0.251, 0.24), 2) is not None
    assert largest_trim(336, (0.01, 0.01, 0.3), 3) == 0.166
    _accepted(_with("qu_yang_2023.threshold", {"trim": [0.33, 0.33, 0.24], "max_thresholds": 1}))


def test_firm_threshold_trims_are_checked():
    cfg = _with("liu_2013.threshold_model", {"enabled": True, "trim": [0.3, 0.3, 0.3]})
    cfg["liu_2013"]["threshold_model"]["max_thresholds"] = 2
    message = _refused(cfg)
    assert "config.liu_2013.threshold_model.trim[1]: 0.3 can leave no admissible threshold" in (
        message
    )


# ------------------------------------------------------------------------------- differences


@pytest.fixture(scope="module")
def truth() -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / "synthetic" / "country" / "truth.csv")


def test_difference_of_the_panel_length_is_refused(truth):
    message = _refused(_with("qu_yang_2023.models.eq18_4y.difference", 16))
    assert "config.qu_yang_2023.models.eq18_4y.difference: 16 leaves 0 year(s)" in message
    assert "difference: at most 14" in message
    options = {"standardize": "zscore", "differences": "overlapping", "se": "clustered"}
    options["inference"] = "stata"
    spec = {"dependent": "gvcp", "regressors": ["omega", "mu", "upsilon", "gr"]}
    assert fit_linear(truth, "eq18", spec | {"difference": 14}, options).nobs == 21 * 2
    _accepted(_with("qu_yang_2023.models.eq18_4y.difference", 14))
    with pytest.raises(Exception):  # noqa: B017  (what the check prevents: any failure of the fit)
        fit_linear(truth, "eq18", spec | {"difference": 15}, options)
    assert "eq18_4y.difference: 15 leaves 1 year(s)" in _refused(
        _with("qu_yang_2023.models.eq18_4y.difference", 15)
    )


def test_non_overlapping_differences_count_periods():
    cfg = _with("qu_yang_2023.models.eq18_4y.difference", 8)
    cfg["qu_yang_2023"]["differences"] = "non_overlapping"
    assert "difference: 8 leaves 1 year(s) of non_overlapping" in _refused(cfg)
    cfg["qu_yang_2023"]["models"]["eq18_4y"]["difference"] = 7
    _accepted(cfg)


# ------------------------------------------------------------------------------------- paths


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    (root / "data" / "raw").mkdir(parents=True)
    return root


def _cfg(**changes) -> dict:
    cfg = merge(load_yaml(ROOT / "config" / "defaults.yaml"), USER)
    cfg["country_panel"]["icio"] = {"path": "{data_dir}/wiod/wiot_{year}.RData"}
    return merge(cfg, changes)


def _problems(cfg: dict, root: Path) -> list[str]:
    return [str(p) for p in path_problems(cfg, root)]


def test_results_resolve_inside_the_project(project, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (project / "results_link").symlink_to(tmp_path / "elsewhere")
    (project / "results").mkdir()
    assert any(
        "config.results: 'results_link' leads through a symbolic link to" in p
        and "outside the project" in p
        for p in _problems(_cfg(results="results_link"), project)
    )
    assert not [p for p in _problems(_cfg(results="results/mine"), project) if "results" in p]
    assert "is the project folder itself" in " ".join(_problems(_cfg(results="."), project))


def test_linked_data_folder_and_any_data_dir(project, tmp_path):
    shared = tmp_path / "shared" / "wiod"
    shared.mkdir(parents=True)
    for year in range(2000, 2016):
        (shared / f"wiot_{year}.RData").write_bytes(b"x")
    (project / "data" / "raw" / "wiod").symlink_to(shared)
    cfg = _cfg()
    problems = _problems(cfg, project)
    assert not [p for p in problems if "icio" in p], problems
    cfg["data_dir"] = str(tmp_path / "shared")  # a data folder named explicitly, outside
    assert not [p for p in _problems(cfg, project) if "icio" in p]


def test_broken_links_and_directories(project):
    raw = project / "data" / "raw"
    (raw / "stan.csv").symlink_to("/gone/stan.csv")
    (raw / "tiva.csv").mkdir()
    (raw / "wiod").symlink_to("/gone/wiod")
    (raw / "asif").mkdir()
    cfg = _cfg(
        country_panel={
            "inputs": {
                "stan": {"path": "{data_dir}/stan.csv"},
                "tiva": {"path": "data/raw/tiva.csv"},
            }
        },
        liu_2013={"firms": {"files": {"firms": "{data_dir}/asif", "wage_index": "data/w.csv"}}},
    )
    problems = "\n".join(_problems(cfg, project))
    assert (
        "config.country_panel.inputs.stan.path: data/raw/stan.csv is a broken symbolic link "
        "(-> /gone/stan.csv)" in problems
    )
    assert "config.country_panel.inputs.tiva.path: data/raw/tiva.csv is a directory" in problems
    assert (
        f"config.country_panel.icio.path: data/raw/wiod/wiot_2000.RData lies in {raw / 'wiod'}, "
        "which is a broken symbolic link (-> /gone/wiod)" in problems
    )
    assert "firms.files.firms" not in problems  # a Parquet dataset may be a folder


def test_data_dir_is_expanded_in_every_raw_path(tmp_path):
    cfg = _with("data_dir", str(tmp_path))
    cfg["liu_2013"] = {
        "firms": {
            "source": "files",
            "files": {"firms": "{data_dir}/asif/firms.parquet", "wage_index": "{data_dir}/w.csv"},
        }
    }
    cfg["country_panel"]["inputs"]["stan"]["path"] = "{data_dir}/stan.csv"
    out = _accepted(cfg)
    assert out["liu_2013"]["firms"]["files"] == {
        "firms": f"{tmp_path}/asif/firms.parquet",
        "wage_index": f"{tmp_path}/w.csv",
    }
    assert not [r for r in raw_paths(out) if "{data_dir}" in r.value]
    cfg["liu_2013"]["firms"]["files"]["wage_index"] = "{data_dir}/../../../w.csv"
    assert "config.liu_2013.firms.files.wage_index: '{data_dir}/../../../w.csv' is outside" in (
        _refused(cfg)
    )
