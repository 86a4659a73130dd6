"""Parse-time coverage check: the configured countries and years exist in the route's inputs.

A country or year that no input holds would otherwise pass configuration and fail minutes later
with a message about country-years; here it is refused at once, naming the country and the input.

What an input holds (for the rows each component selects: every country and its first and last
year) is read from the file once and kept in the cache folder, under a SHA-256 of the file's
bytes, its layout, the selections and the code that reads it (``gvcpanel.code_version``); a later
check with the same file reads only its hash, not its rows.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gvcpanel.code_version import script_code_hash
from gvcpanel.config.paths import input_paths
from gvcpanel.errors import ConfigProblem, DataError
from gvcpanel.io import sha256, write_text
from gvcpanel.schemas.codes import allow_user_assigned

if TYPE_CHECKING:
    import pandas as pd

#: Each country an input's selected rows hold, and its first and last year.
Coverage = dict[str, tuple[int, int]]

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
    """The observations of one raw input, or None when it does not pass its schema (its ingest
    job then stops with the full failure report)."""
    from gvcpanel.sources.layouts import read_observations

    try:
        with allow_user_assigned(synthetic):
            return read_observations(layout, path)
    except DataError:
        return None


def _selection(where: Mapping[str, Any]) -> str:
    return json.dumps(dict(where), sort_keys=True)


def _read_coverages(
    layout: str, path: Path, synthetic: bool, wheres: list[Mapping[str, Any]]
) -> dict[str, Coverage] | None:
    """The coverage of the rows of each selection ``where`` (column -> value; a column the
    input lacks selects every row), or None when the input does not pass its schema."""
    obs = _observations(layout, path, synthetic)
    if obs is None:
        return None
    out: dict[str, Coverage] = {}
    for where in wheres:
        rows = obs
        for column, value in where.items():
            if column in rows.columns:
                rows = rows[rows[column] == value]
        span = rows.groupby("iso3")["year"].agg(["min", "max"])
        out[_selection(where)] = {
            str(c): (int(lo), int(hi)) for c, lo, hi in span.itertuples(name=None)
        }
    return out


def _coverages(
    layout: str,
    path: Path,
    synthetic: bool,
    wheres: list[Mapping[str, Any]],
    cache: Path | None,
) -> dict[str, Coverage] | None:
    """:func:`_read_coverages`, from the cache folder when it holds them for these bytes."""
    if cache is None:
        return _read_coverages(layout, path, synthetic, wheres)
    key = {
        "file": sha256(path),
        "layout": layout,
        "synthetic": synthetic,
        "selections": sorted({_selection(w) for w in wheres}),
        "code": script_code_hash(Path(__file__)),
    }
    stored = cache / f"{hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()}.json"
    try:
        held = json.loads(stored.read_text(encoding="utf-8"))["coverage"]
        return None if held is None else _parsed(held)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):  # absent or unreadable
        pass
    found = _read_coverages(layout, path, synthetic, wheres)
    with contextlib.suppress(OSError):  # a read-only cache folder: checked, only not kept
        write_text(stored, json.dumps({"key": key, "coverage": found}, sort_keys=True) + "\n")
    return found


def _parsed(held: Mapping[str, Mapping[str, list[int]]]) -> dict[str, Coverage]:
    return {
        where: {c: (int(lo), int(hi)) for c, (lo, hi) in spans.items()}
        for where, spans in held.items()
    }


def coverage_problems(
    cfg: Mapping[str, Any], cache: str | Path | None = None
) -> list[ConfigProblem]:
    """Countries and years of ``cfg["country_panel"]`` that its inputs do not contain.

    The input-output release must hold every country and year (no indicator can be measured
    without them); each raw input feeding a component must hold every country (unless
    ``allow_gaps``) and reach the last configured year. Inputs not yet present (to be
    downloaded) are not checked here. The inputs' paths come from ``config_paths.raw_paths``;
    ``cache`` is the folder that keeps what each input holds (None: read every input).
    """
    panel = cfg["country_panel"]
    problems = _icio_problems(panel)
    paths = input_paths(cfg)
    comps = {n: c for n, c in panel["components"].items() if c["input"] in panel["inputs"]}
    held: dict[str, dict[str, Coverage] | None] = {}  # unknown inputs: the cross-checks name them
    for source in dict.fromkeys(c["input"] for c in comps.values()):
        path = Path(paths[source])
        wheres = [c.get("where", {}) for c in comps.values() if c["input"] == source]
        held[source] = (
            _coverages(
                panel["inputs"][source]["layout"],
                path,
                bool(panel.get("synthetic", False)),
                wheres,
                None if cache is None else Path(cache),
            )
            if path.is_file()  # absent: to be downloaded
            else None
        )
    for name, comp in comps.items():
        coverage = held[comp["input"]]
        if coverage is not None:
            where = _selection(comp.get("where", {}))
            problems += _component(panel, name, comp, coverage[where], Path(paths[comp["input"]]))
    return list(dict.fromkeys(problems))


def _icio_problems(panel: Mapping[str, Any]) -> list[ConfigProblem]:
    """Countries and years outside the input-output release of the ICIO route."""
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
    return problems


def _component(
    panel: Mapping[str, Any], name: str, comp: Mapping[str, Any], held: Coverage, path: Path
) -> list[ConfigProblem]:
    """Countries and years of the panel missing from the rows ``held`` that feed ``name``."""
    first, last = panel["years"]
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
    spans = [held[c] for c in wanted if c in held]
    if spans:
        lo, hi = min(s[0] for s in spans), max(s[1] for s in spans)
        if hi < last or lo > first:
            problems.append(
                ConfigProblem(
                    ("country_panel", "years"),
                    f"{first}-{last} not covered by input {comp['input']} ({path}) feeding "
                    f"{name} (it holds {lo}-{hi})",
                )
            )
    return problems
