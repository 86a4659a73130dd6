"""Parse-time checks of a schema-valid configuration against the data it will read.

Everything that can fail before a job runs is checked here, so that no estimator or table job ever
starts on a configuration it cannot finish (Snakemake deletes a failing job's old outputs):

* variable names of every model against the country panel's schema (``CountryPanel``);
* threshold trims against the panel's size: at stage k the k + 1 regimes each keep at least
  trim_k · N of the N = countries × years observations (Hansen 1999, eq. 3.1 trimming), so
  (k + 1) · ceil(trim_k · N) ≤ N is necessary, and every regime needs at least one observation;
* paths: every input and the results folder stay inside the project (the working directory), or
  inside the configured ``data_dir`` for raw inputs;
* country codes in ISO 3166's user-assigned ranges only on a panel declared ``synthetic``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from gvcpanel.schemas.codes import is_user_assigned
from gvcpanel.schemas.panels import CountryPanel

#: Columns of the country panel a model may name: the schema's columns without its keys.
PANEL_VARIABLES = tuple(c for c in CountryPanel.to_schema().columns if c not in ("iso3", "year"))


def config_problems(cfg: Mapping[str, Any], root: str | Path | None = None) -> list[str]:
    """Every problem of ``cfg`` found by the checks above, as ``config.key: message`` lines."""
    root = Path.cwd() if root is None else Path(root)
    return [
        *_variables(cfg),
        *_trims(cfg),
        *_conventions(cfg),
        *_paths(cfg, root),
        *_countries(cfg),
    ]


def _variables(cfg: Mapping[str, Any]) -> Iterator[str]:
    qy = cfg.get("qu_yang_2023", {})
    known = ", ".join(PANEL_VARIABLES)
    named: list[tuple[str, str]] = []
    for name, model in qy.get("models", {}).items():
        where = f"config.qu_yang_2023.models.{name}"
        named.append((f"{where}.dependent", model["dependent"]))
        named += [(f"{where}.regressors", v) for v in model["regressors"]]
    for name, model in qy.get("threshold_models", {}).items():
        where = f"config.qu_yang_2023.threshold_models.{name}"
        named.append((f"{where}.dependent", model["dependent"]))
        named.append((f"{where}.regime", model["regime"]))
        named += [(f"{where}.regressors", v) for v in model["regressors"]]
    if qy.get("threshold"):
        named.append(("config.qu_yang_2023.threshold.variable", qy["threshold"]["variable"]))
    for where, var in named:
        if var not in PANEL_VARIABLES:
            yield f"{where}: '{var}' is not a column of the country panel (known: {known})"


def _trims(cfg: Mapping[str, Any]) -> Iterator[str]:
    qy = cfg.get("qu_yang_2023", {})
    threshold = qy.get("threshold")
    if not threshold or not qy.get("threshold_models"):
        return
    panel = cfg["country_panel"]
    first, last = panel["years"]
    n = len(panel["countries"]) * (last - first + 1)
    for k in range(1, threshold["max_thresholds"] + 1):
        trim = threshold["trim"][k - 1]
        per_regime = max(1, math.ceil(trim * n))
        if (k + 1) * per_regime > n:
            yield (
                f"config.qu_yang_2023.threshold.trim[{k - 1}]: {trim} leaves no admissible "
                f"threshold at stage {k}: {k + 1} regimes of at least {per_regime} observations "
                f"each need {(k + 1) * per_regime}, the panel has {n} "
                f"({len(panel['countries'])} countries x {last - first + 1} years); "
                f"use trim <= {1 / (k + 1):.3f} or fewer max_thresholds"
            )


def _conventions(cfg: Mapping[str, Any]) -> Iterator[str]:
    """Hansen's own program has no time effects: ``conventions: hansen`` needs them off."""
    threshold = cfg.get("qu_yang_2023", {}).get("threshold")
    if threshold and threshold["conventions"] == "hansen" and threshold["time_effects"]:
        yield (
            "config.qu_yang_2023.threshold.conventions: 'hansen' (Hansen's program) has no time "
            "effects; set threshold.time_effects: false or conventions: standard"
        )


def _raw_paths(cfg: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    panel = cfg["country_panel"]
    for name, spec in panel["inputs"].items():
        yield f"config.country_panel.inputs.{name}.path", spec["path"]
    for key in ("path", "crosscheck_dva"):
        if key in panel.get("icio", {}):
            yield f"config.country_panel.icio.{key}", panel["icio"][key]
    table5 = cfg.get("qu_yang_2023", {}).get("table5", {})
    for key in ("costs", "sea"):
        if key in table5:
            yield f"config.qu_yang_2023.table5.{key}", table5[key]
    files = cfg.get("liu_2013", {}).get("firms", {}).get("files", {})
    for key, path in files.items():
        yield f"config.liu_2013.firms.files.{key}", path


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _normal(path: str | Path) -> Path:
    """``path`` made absolute and normalised lexically: ``..`` counts, symbolic links are not
    followed (a data folder linked into ``data/raw`` stays inside the project)."""
    return Path(os.path.normpath(os.path.abspath(path)))


def _paths(cfg: Mapping[str, Any], root: Path) -> Iterator[str]:
    root = _normal(root)
    data = _normal(root / str(cfg.get("data_dir", "data/raw")))
    results = _normal(root / cfg["results"])
    if not _inside(results, root) or results == root:
        yield (
            f"config.results: '{cfg['results']}' is outside the project ({root}); "
            "give a folder inside it, e.g. results/my_panel"
        )
    for where, raw in _raw_paths(cfg):
        path = _normal(root / raw.replace("{data_dir}", str(data)))
        if not (_inside(path, root) or _inside(path, data)):
            yield (
                f"{where}: '{raw}' is outside the project ({root}) and the data folder "
                f"data_dir ({data}); keep raw files in one of them or set data_dir"
            )


def _countries(cfg: Mapping[str, Any]) -> Iterator[str]:
    panel = cfg["country_panel"]
    if panel.get("synthetic"):
        return
    odd = [c for c in panel["countries"] if is_user_assigned(c)]
    if odd:
        yield (
            f"config.country_panel.countries: {', '.join(odd)} in ISO 3166's user-assigned range "
            "(no real country); allowed only with country_panel.synthetic: true"
        )
