"""Parse-time checks of a schema-valid configuration against the data it will read.

Everything that can fail before a job runs is checked here, so that no estimator or table job ever
starts on a configuration it cannot finish (Snakemake deletes a failing job's old outputs):

* variable names of every model against the country panel's columns (``schemas.names``);
* threshold trims against the panel's size, with the estimator's own trimming rules: every
  stage of the sequential search must have an admissible candidate after any choice the earlier
  stages allow (``gvcpanel.estimate.threshold.trimming``), on the balanced panel of
  countries x years (the firm-level model: on a panel of a million firm-years);
* observations against parameters: each model's years (levels, or k-year differences of eq. 18)
  must leave at least one residual degree of freedom after its regressors, year effects and
  country effects;
* paths (``gvcpanel.config.paths``): outputs inside the project, raw inputs inside the project or
  ``data_dir``, and readable as files;
* country codes in ISO 3166's user-assigned ranges only on a panel declared ``synthetic``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from gvcpanel.config.paths import path_problems
from gvcpanel.errors import ConfigProblem, KeyPath
from gvcpanel.estimate.threshold.trimming import dead_end, largest_trim
from gvcpanel.schemas.codes import is_user_assigned
from gvcpanel.schemas.names import COUNTRY_PANEL_VARIABLES as PANEL_VARIABLES

#: Firm-years on which the firm-level threshold model's trims are checked (its size is known
#: only after ingest; on so many observations only the shares matter).
FIRM_YEARS = 1_000_000


def config_problems(cfg: Mapping[str, Any], root: str | Path | None = None) -> list[ConfigProblem]:
    """Every problem of ``cfg`` found by the checks above (``root``: the project folder)."""
    return [
        *_variables(cfg),
        *_trims(cfg),
        *_observations(cfg),
        *_conventions(cfg),
        *path_problems(cfg, root),
        *_countries(cfg),
    ]


def _variables(cfg: Mapping[str, Any]) -> Iterator[ConfigProblem]:
    qy = cfg.get("qu_yang_2023", {})
    known = ", ".join(PANEL_VARIABLES)
    named: list[tuple[KeyPath, str]] = []
    for group, roles in (("models", ("dependent",)), ("threshold_models", ("dependent", "regime"))):
        for name, model in qy.get(group, {}).items():
            where = ("qu_yang_2023", group, name)
            named += [((*where, role), model[role]) for role in roles]
            named += [((*where, "regressors", i), v) for i, v in enumerate(model["regressors"])]
    if qy.get("threshold"):
        named.append((("qu_yang_2023", "threshold", "variable"), qy["threshold"]["variable"]))
    for key, var in named:
        if var not in PANEL_VARIABLES:
            yield ConfigProblem(
                key, f"'{var}' is not a column of the country panel (known: {known})"
            )


def _panel_size(cfg: Mapping[str, Any]) -> tuple[int, int, str]:
    """Countries, years and their description ("21 countries x 16 years, 2000-2015")."""
    panel = cfg["country_panel"]
    first, last = panel["years"]
    g, t = len(panel["countries"]), last - first + 1
    return g, t, f"{g} countries x {t} years, {first}-{last}"


def _trims(cfg: Mapping[str, Any]) -> Iterator[ConfigProblem]:
    qy = cfg.get("qu_yang_2023", {})
    if qy.get("threshold") and qy.get("threshold_models"):
        g, t, size = _panel_size(cfg)
        yield from _trim(("qu_yang_2023", "threshold"), qy["threshold"], g * t, f"({size})")
    firm = (cfg.get("liu_2013") or {}).get("threshold_model")
    if firm and firm["enabled"]:
        yield from _trim(("liu_2013", "threshold_model"), firm, FIRM_YEARS, "(firm-years)")


def _trim(
    key: KeyPath, threshold: Mapping[str, Any], nobs: int, size: str
) -> Iterator[ConfigProblem]:
    """The first stage whose trim some admissible earlier choices leave without a candidate."""
    trims = tuple(threshold["trim"])
    conventions, grid = threshold.get("conventions", "standard"), threshold["grid"]
    end = dead_end(nobs, trims, threshold["max_thresholds"], conventions, grid)
    if end is None:
        return
    k, trim = end.stage, trims[end.stage - 1]
    best = largest_trim(nobs, trims, k, conventions, grid)
    one = len(end.fixed) == 1
    if conventions == "hansen":
        rule = f"no candidate may lie within {grid} x {trim} grid points of a fixed threshold"
        points = " and ".join(str(f + 1) for f in end.fixed)
        fixed = f"a first threshold at grid point {points}" if one else f"grid points {points}"
    else:
        rule = (
            f"the {k + 1} regimes must each keep at least {trim} x {nobs} = {trim * nobs:.1f} "
            "observations"
        )
        counts = " and ".join(str(f) for f in end.fixed)
        fixed = (
            f"a first threshold with {counts} of the {nobs} observations at or below it"
            if one
            else f"thresholds with {counts} of the {nobs} observations at or below them"
        )
    after = f"; after {fixed} (which the earlier trims allow) none is left" * bool(end.fixed)
    fewer = f", or max_thresholds: {k - 1}" if k > 1 else ""
    yield ConfigProblem(
        (*key, "trim", k - 1),
        f"{trim} can leave no admissible threshold at stage {k} on {nobs} observations {size}: "
        f"{rule}{after}; the largest trim[{k - 1}] that always leaves one is {best:.3f}{fewer}",
    )


def _residual_df(countries: int, periods: int, parameters: int, year_effects: bool = True) -> int:
    """Observations left after ``parameters`` slopes, year effects and country effects."""
    years = periods - 1 if periods > 1 and year_effects else 0
    return countries * periods - parameters - years - countries


def _observations(cfg: Mapping[str, Any]) -> Iterator[ConfigProblem]:
    qy = cfg.get("qu_yang_2023", {})
    g, t, size = _panel_size(cfg)
    overlapping = qy.get("differences") == "overlapping"
    for name, model in qy.get("models", {}).items():
        k, n_x = model.get("difference"), len(model["regressors"])
        if _residual_df(g, _periods(t, k, overlapping), n_x) >= 1:
            continue
        if k:
            fits = [j for j in range(1, t) if _residual_df(g, _periods(t, j, overlapping), n_x) > 0]
            best = (
                f"at most {max(fits)}"
                if fits
                else "none fits (use fewer regressors or a longer panel)"
            )
            yield ConfigProblem(
                ("qu_yang_2023", "models", name, "difference"),
                f"{k} leaves {max(_periods(t, k, overlapping), 0)} year(s) of "
                f"{qy.get('differences')} {k}-year differences on the panel ({size}): too few "
                f"for {n_x} regressors, year and country effects; difference: {best}",
            )
        else:
            yield ConfigProblem(
                ("qu_yang_2023", "models", name, "regressors"),
                f"{n_x} regressors, {t - 1} year effects and {g} country effects leave no "
                f"residual degree of freedom on the panel ({size})",
            )
    threshold = qy.get("threshold") or {}
    for name, model in qy.get("threshold_models", {}).items() if threshold else ():
        slopes = len(model["regressors"]) + threshold["max_thresholds"] + 1
        if _residual_df(g, t, slopes, threshold["time_effects"]) < 1:
            yield ConfigProblem(
                ("qu_yang_2023", "threshold_models", name, "regressors"),
                f"{slopes} slopes with year and country effects leave no residual degree of "
                f"freedom on the panel ({size})",
            )


def _periods(years: int, k: int | None, overlapping: bool) -> int:
    """Years per country of the levels (no ``k``) or of the k-year differences."""
    if not k:
        return years
    return years - k if overlapping else (years - 1) // k


def _conventions(cfg: Mapping[str, Any]) -> Iterator[ConfigProblem]:
    """Hansen's own program has no time effects: ``conventions: hansen`` needs them off."""
    threshold = cfg.get("qu_yang_2023", {}).get("threshold")
    if threshold and threshold["conventions"] == "hansen" and threshold["time_effects"]:
        yield ConfigProblem(
            ("qu_yang_2023", "threshold", "conventions"),
            "'hansen' (Hansen's program) has no time effects; set threshold.time_effects: false "
            "or conventions: standard",
        )


def _countries(cfg: Mapping[str, Any]) -> Iterator[ConfigProblem]:
    panel = cfg["country_panel"]
    if panel.get("synthetic"):
        return
    odd = [c for c in panel["countries"] if is_user_assigned(c)]
    if odd:
        yield ConfigProblem(
            ("country_panel", "countries"),
            f"{', '.join(odd)} in ISO 3166's user-assigned range (no real country); allowed "
            "only with country_panel.synthetic: true",
        )
