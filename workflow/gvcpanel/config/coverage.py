"""Parse-time coverage check: the configured countries and years exist in the route's inputs.

A country or year that no input holds would otherwise pass configuration and fail minutes later
with a message about country-years; here it is refused at once, naming the country and the input.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from gvcpanel.config.paths import input_paths
from gvcpanel.errors import ConfigProblem, DataError
from gvcpanel.schemas.codes import allow_user_assigned
from gvcpanel.sources.layouts import read_observations

# Coverage of the WIOD 2013 release (Timmer et al. 2015): 40 countries (+ RoW), 1995-2011.
WIOD2013_COUNTRIES = frozenset(
    [
        "AUS",
        "AUT",
        "BEL",
        "BGR",
        "BRA",
        "CAN",
        "CHN",
        "CYP",
        "CZE",
        "DEU",
        "DNK",
        "ESP",
        "EST",
        "FIN",
        "FRA",
        "GBR",
        "GRC",
        "HUN",
        "IDN",
        "IND",
        "IRL",
        "ITA",
        "JPN",
        "KOR",
        "LTU",
        "LUX",
        "LVA",
        "MEX",
        "MLT",
        "NLD",
        "POL",
        "PRT",
        "ROU",
        "RUS",
        "SVK",
        "SVN",
        "SWE",
        "TUR",
        "TWN",
        "USA",
    ]
)
WIOD2013_YEARS = (1995, 2011)
ICIO_COVERAGE = {"wiod2013": (WIOD2013_COUNTRIES, WIOD2013_YEARS)}


def _observations(layout: str, path: Path, synthetic: bool) -> pd.DataFrame | None:
    """The observations of one raw input, or None when it is absent (to be downloaded) or does
    not pass its schema (its ingest job then stops with the full failure report)."""
    if not path.is_file():
        return None
    try:
        with allow_user_assigned(synthetic):
            return read_observations(layout, path)
    except DataError:
        return None


def coverage_problems(cfg: Mapping[str, Any]) -> list[ConfigProblem]:
    """Countries and years of ``cfg["country_panel"]`` that its inputs do not contain.

    The input-output release must hold every country and year (no indicator can be measured
    without them); each raw input feeding a component must hold every country (unless
    ``allow_gaps``) and reach the last configured year. Inputs not yet present (to be
    downloaded) are not checked here. The inputs' paths come from ``config_paths.raw_paths``.
    """
    panel = cfg["country_panel"]
    countries = list(panel["countries"])
    first, last = panel["years"]
    problems = []
    icio = panel.get("icio") if panel.get("route") == "icio" else None
    if icio and icio["adapter"] in ICIO_COVERAGE:
        known, (lo, hi) = ICIO_COVERAGE[icio["adapter"]]
        name = f"the {icio['adapter']} input-output tables ({icio['path']})"
        problems += [
            ConfigProblem(("country_panel", "countries", i), f"{c} is not a country of {name}")
            for i, c in enumerate(countries)
            if c not in known
        ]
        if first < lo or last > hi:
            problems.append(
                ConfigProblem(
                    ("country_panel", "years"),
                    f"{first}-{last} outside {lo}-{hi}, the years of {name}",
                )
            )
    paths = input_paths(cfg)
    read: dict[str, pd.DataFrame | None] = {}
    for name, comp in panel["components"].items():
        spec = panel["inputs"].get(comp["input"])
        if spec is None:  # an unknown input: the configuration's cross-checks name it
            continue
        path = Path(paths[comp["input"]])
        if comp["input"] not in read:
            read[comp["input"]] = _observations(spec["layout"], path, panel.get("synthetic", False))
        obs = read[comp["input"]]
        if obs is None:
            continue
        problems += _component(panel, name, comp, obs, path)
    return list(dict.fromkeys(problems))


def _component(
    panel: Mapping[str, Any], name: str, comp: Mapping[str, Any], obs: pd.DataFrame, path: Path
) -> list[ConfigProblem]:
    """Countries and years of the panel missing from the rows of ``obs`` feeding ``name``."""
    first, last = panel["years"]
    for column, value in comp.get("where", {}).items():
        if column in obs.columns:
            obs = obs[obs[column] == value]
    held = set(obs["iso3"])
    wanted = [comp["country"]] if comp.get("country") else list(panel["countries"])
    problems = []
    if not panel.get("allow_gaps") or comp.get("country"):
        problems += [
            ConfigProblem(
                ("country_panel", "components", name, "country")
                if comp.get("country")
                else ("country_panel", "countries", panel["countries"].index(c)),
                f"{c} is not in input {comp['input']} ({path}) feeding {name}",
            )
            for c in wanted
            if c not in held
        ]
    years = obs.loc[obs["iso3"].isin(wanted), "year"]
    if len(years) and (int(years.max()) < last or int(years.min()) > first):
        problems.append(
            ConfigProblem(
                ("country_panel", "years"),
                f"{first}-{last} not covered by input {comp['input']} ({path}) feeding {name} "
                f"(it holds {years.min()}-{years.max()})",
            )
        )
    return problems
