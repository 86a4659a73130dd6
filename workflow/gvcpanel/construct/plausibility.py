"""Plausibility screens of the country panel: a units error or an implausible value stops the build.

The schema (``schemas/panels.py``) holds what the definitions allow (shares in [0, 1]); these
screens hold what the data plausibly are. Every screen works on log10 scales, so a units error of
10^k shows as a deviation of k:

1. **Components across countries** (indicator route). For component c of country i and every
   other component k, and GDP = GDP per capita × population: r_ck,i = median over years of
   log10(c_it / k_it), a size-free ratio; d_ck,i = r_ck,i − median_{j≠i} r_ck,j; and
   D_c,i = median over k of d_ck,i. A component in other units moves all its ratios by the units
   factor (D ≈ log10 of it); a real difference of structure (the exports/output of a small open
   economy) moves a few, which the median over partners discounts. Flag |D| > log10
   ``COMPONENT_FACTOR``.
2. **Levels across countries**: log10 of the country's median of a size-free series against the
   median of the other countries' medians — GDP per capita, the shares GVCP and υ and the import
   shares 1 − ω and 1 − μ, and the typical size of growth (median |GDP growth|). Flag above the
   series' factor in ``LEVEL_FACTORS``.
3. **Own neighbouring years**: every positive series (the components, the four shares),
   log10 x_it against the median of the four nearest other years of country i. Flag above
   ``TIME_FACTOR``. Growth rates, signed, have no such screen (a crisis year is genuine).
4. **Plausible ranges** of the constructed variables, ``PLAUSIBLE``.

The cross-country screens need three countries with the series (two cannot tell which is off).

Calibration: the largest deviation (log10) on data that are right — the default synthetic panel;
WIOD 2013 with WDI for 18 and 40 countries (``config/wiod2013_qu_yang.yaml``, ``wiod2013_40.yaml``);
for screen 1, the indicator-route components measured from the WIOD 2013 tables for the 40
countries, 1995–2011 (``tests/test_plausibility.py`` asserts that no screen fires on any of them):

=========================  ===================  ==============  ==============  ============
screen                     synthetic (21)       WIOD (18)       WIOD (40)       factor
=========================  ===================  ==============  ==============  ============
components across          1.17 (FIN final im)  --              0.88 (LUX fva)  100× (2)
GDP per capita             0.41 (ITA)           1.30 (CHN)      1.50 (IND)      300× (2.48)
median |GDP growth|        0.68 (CAN)           0.60 (CHN)      0.41 (CHN)      10× (1)
shares GVCP, υ, 1−ω, 1−μ   0.59 (NOR 1−ω)       0.48 (CHN 1−ω)  0.66 (IND 1−ω)  30× (1.5)
neighbouring years         0.23 (FRA 2001)      0.19 (CHN)      0.33 (IDN 1998) 10× (1)
=========================  ===================  ==============  ==============  ============

A units error of 1000× (3) exceeds every factor even when the country's genuine deviation points
the other way; a growth rate given as a fraction (1/100) exceeds 10×; a change of units within a
country's series shows in the years on both sides of the change (≈ half the factor, in log10).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from gvcpanel.errors import DataError
from gvcpanel.io import write_csv

#: Trade and production components compared with one another (screen 1).
TRADE_COMPONENTS = (
    "exports",
    "dva",
    "fva",
    "dvx",
    "output",
    "value_added",
    "intermediate_inputs",
    "mfg_exports",
    "mfg_imports",
    "final_imports",
    "intermediate_imports",
)
#: The size-free shares of screens 2 and 3: variable -> (transform, what the screened value is).
SHARES = {
    "gvcp": (lambda x: x, "GVCP"),
    "upsilon": (lambda x: x, "upsilon"),
    "omega": (lambda x: 1.0 - x, "1 - omega (imported share of final demand)"),
    "mu": (lambda x: 1.0 - x, "1 - mu (imported share of intermediate inputs)"),
}
COMPONENT_FACTOR = 100.0
LEVEL_FACTORS = {"gdp_per_capita": 300.0, "gdp_growth": 10.0, **dict.fromkeys(SHARES, 30.0)}
TIME_FACTOR = 10.0
#: Plausible ranges of the constructed variables: (low, high, where the values come from, the
#: likely cause when a value is outside). gdpp and pop are logs of US$ and persons.
PLAUSIBLE: dict[str, tuple[float, float, str, str]] = {
    "gvcp": (0.1, 1.2, "WIOD 2013: 0.24-0.76; SPEC: 0.33-0.74", "DVX, FVA and exports in "
             "different units?"),
    "omega": (0.01, 0.99, "WIOD 2013: 0.023-0.93; SPEC: 0.03-0.91", "final imports, output "
              "or trade in different units?"),
    "mu": (0.1, 0.99, "WIOD 2013: 0.27-0.94; SPEC: 0.27-0.92", "imported and all "
           "intermediate inputs in different units?"),
    "upsilon": (0.1, 0.6, "WIOD 2013: 0.21-0.50; SPEC: 0.21-0.43", "value added and gross "
                "output in different units?"),
    "gr": (-25.0, 25.0, "WDI 1995-2011, 40 WIOD countries: -18.0 to 15.2", "growth not in "
           "percent, or the world row (WLD) missing?"),
    "gdpp": (math.log(100), math.log(250_000), "US$100-250,000; WDI 1995-2011: US$370 (IND) "
             "to 120,000 (LUX)", "GDP per capita not in current US$ (thousands? local "
             "currency?)"),
    "pop": (math.log(50_000), math.log(2e9), "50,000-2 billion persons; WDI: 0.38 million "
            "(MLT) to 1.35 billion (CHN)", "population not in persons (thousands? millions?)"),
}  # fmt: skip


#: ``country_panel.accept_outliers``: series -> countries (every year) or [country, year] pairs.
Accept = Mapping[str, Sequence[str | Sequence[str | int]]]


@dataclass(frozen=True)
class Violation:
    """One implausible series of one country: the check, the years and the likely cause."""

    check: str
    series: str
    iso3: str
    years: tuple[int, ...]
    value: float
    cause: str


def times(log10_ratio: float) -> str:
    """A ratio 10^d as a rounded multiple: the power of ten within a factor 1.4 (units are
    powers of ten), else one significant digit: 2.95 → '1000×', -3 → '1/1000', 1.6 → '40×'."""
    d = abs(log10_ratio)
    if abs(d - round(d)) < 0.15:
        f = 10.0 ** round(d)
    else:
        digits = math.floor(d)
        f = round(10 ** (d - digits)) * 10.0**digits
    return f"{f:.0f}×" if log10_ratio >= 0 else f"1/{f:.0f}"


def _log10(x: pd.Series) -> pd.Series:
    x = x.astype("float64")
    return pd.Series(np.log10(x.where(x > 0)), index=x.index)


def _loo_deviation(medians: pd.Series) -> pd.Series:
    """Each country's value less the median of the other countries' (NaN below 3 countries)."""
    m = medians.dropna()
    if len(m) < 3:
        return pd.Series(np.nan, index=medians.index)
    values = m.to_numpy()
    others = [np.median(np.delete(values, i)) for i in range(len(values))]
    return (m - np.asarray(others)).reindex(medians.index)


def component_deviations(components: pd.DataFrame) -> pd.DataFrame:
    """D_c,i of screen 1: one row per country, one column per trade component present."""
    present = [c for c in TRADE_COMPONENTS if c in components.columns]
    logs = pd.DataFrame({c: _log10(components[c]) for c in present})
    logs["GDP"] = _log10(components["gdp_per_capita"] * components["population"])
    iso3 = components["iso3"]
    out = {}
    for c in present:
        devs = [
            _loo_deviation((logs[c] - logs[k]).groupby(iso3).median())
            for k in logs.columns
            if k != c
        ]
        out[c] = pd.concat(devs, axis=1).median(axis=1) if len(present) > 1 else np.nan
    return pd.DataFrame(out, index=pd.Index(sorted(iso3.unique()), name="iso3"))


def level_deviations(series: pd.Series, iso3: pd.Series) -> pd.Series:
    """Screen 2: log10 of each country's median against the other countries' medians."""
    return _loo_deviation(_log10(series).groupby(iso3).median())


def time_deviations(series: pd.Series, iso3: pd.Series, year: pd.Series) -> pd.Series:
    """Screen 3: log10 x_it less the median of log10 over the 4 nearest other years of i.

    NaN where fewer than two other years have a positive value.
    """
    logs = _log10(series)
    out = pd.Series(np.nan, index=series.index)
    for _, idx in logs.groupby(iso3).groups.items():
        x, t = logs[idx].to_numpy(), year[idx].to_numpy()
        ok = np.isfinite(x)
        for pos in np.flatnonzero(ok):
            others = np.flatnonzero(ok & (np.arange(len(x)) != pos))
            if len(others) < 2:
                continue
            nearest = others[np.lexsort((t[others], np.abs(t[others] - t[pos])))[:4]]
            out[idx[pos]] = x[pos] - np.median(x[nearest])
    return out


#: Likely cause named when a level screen fires, per series (default: "units?").
LEVEL_CAUSES = {
    "gdp_per_capita": "not in current US$ (thousands? local currency?)",
    "gdp_growth": "growth as a fraction, not in percent?",
}


def _years(frame: pd.DataFrame) -> dict[str, tuple[int, ...]]:
    return {str(i): tuple(int(y) for y in g) for i, g in frame.groupby("iso3")["year"]}


def _across(
    dev: pd.Series,
    factor: float,
    what: str,
    series: str,
    label: str,
    years: Mapping[str, tuple[int, ...]],
) -> list[Violation]:
    """Countries whose deviation exceeds ``factor`` (screens 1 and 2), every year of each."""
    flagged = dev[dev.abs() > math.log10(factor)]
    check = f"{what} across countries within {factor:g}×"
    cause = LEVEL_CAUSES.get(series, "units?")
    return [
        Violation(
            check,
            series,
            str(i),
            years[str(i)],
            float(d),
            f"{label} of {i} differs from the other countries by ≈ {times(d)}: {cause}",
        )
        for i, d in flagged.items()
    ]


def _neighbours(frame: pd.DataFrame, values: pd.Series, series: str, label: str) -> list[Violation]:
    """Country-years off their neighbouring years by more than ``TIME_FACTOR`` (screen 3)."""
    dev = time_deviations(values, frame["iso3"], frame["year"])
    flagged = dev[dev.abs() > math.log10(TIME_FACTOR)]
    check = f"neighbouring years within {TIME_FACTOR:g}×"
    return [
        Violation(
            check,
            series,
            str(frame.at[r, "iso3"]),
            (int(frame.at[r, "year"]),),
            float(d),
            f"{label} of {frame.at[r, 'iso3']} in {frame.at[r, 'year']} differs from its "
            f"neighbouring years by ≈ {times(d)}: units of that year?",
        )
        for r, d in flagged.items()
    ]


def screen_components(components: pd.DataFrame) -> list[Violation]:
    """Screens 1-3 on the raw components (iso3, year and the component columns present)."""
    years = _years(components)
    out: list[Violation] = []
    deviations = component_deviations(components)
    for c in deviations.columns:
        out += _across(deviations[c], COMPONENT_FACTOR, "components", c, c, years)
    iso3 = components["iso3"]
    gdp_pc = level_deviations(components["gdp_per_capita"], iso3)
    out += _across(gdp_pc, LEVEL_FACTORS["gdp_per_capita"], "levels", "gdp_per_capita",
                   "GDP per capita", years)  # fmt: skip
    typical = components["gdp_growth"].abs().groupby(iso3).transform("median")
    out += _across(level_deviations(typical, iso3), LEVEL_FACTORS["gdp_growth"], "levels",
                   "gdp_growth", "median |GDP growth|", years)  # fmt: skip
    positive = [*deviations.columns, "gdp_per_capita", "population"]
    for c in positive:
        out += _neighbours(components, components[c], c, c)
    return out


def screen_variables(
    panel: pd.DataFrame, ranges: Mapping[str, tuple[float, float, str, str]] | None = None
) -> list[Violation]:
    """Screens 2-4 on the constructed panel (iso3, year, gvcp, omega, mu, upsilon, gr, …);
    ``ranges`` replaces entries of :data:`PLAUSIBLE` (e.g. gvcp's for a backward measure)."""
    years = _years(panel)
    out: list[Violation] = []
    for var, (transform, label) in SHARES.items():
        values = transform(panel[var])
        out += _across(level_deviations(values, panel["iso3"]), LEVEL_FACTORS[var], "levels",
                       var, label, years)  # fmt: skip
        out += _neighbours(panel, values, var, label)
    for var, (lo, hi, seen, cause) in (PLAUSIBLE | dict(ranges or {})).items():
        bad = panel.loc[~panel[var].between(lo, hi), ["iso3", "year", var]]
        out += [
            Violation(
                f"plausible range of {var} [{lo:.4g}, {hi:.4g}]",
                var,
                str(i),
                (int(y),),
                float(v),
                f"{var} of {i} in {y} = {v:.4g}, outside [{lo:.4g}, {hi:.4g}] ({seen}): {cause}",
            )
            for i, y, v in bad.itertuples(index=False, name=None)
        ]
    return out


def _matches(entry: str | Sequence[str | int], v: Violation) -> bool:
    """An entry accepts a violation: the country (all years), or [country, year] of a year."""
    if isinstance(entry, str):
        return entry == v.iso3
    return len(v.years) == 1 and (str(entry[0]), int(entry[1])) == (v.iso3, v.years[0])


def _accepted(v: Violation, accept: Accept) -> bool:
    return any(_matches(e, v) for e in accept.get(v.series, ()))


def enforce(
    violations: Sequence[Violation],
    accept: Accept,
    files: Mapping[str, Sequence[str]],
    report: str | None = None,
) -> list[Violation]:
    """Raise :class:`DataError` for the violations ``accept`` does not cover, else return them all
    (then every one is accepted).

    ``files`` maps every series to the raw files it is built from (named by the error); the
    failures, one row per country-year, go to ``report`` (CSV).
    """
    open_ = [v for v in violations if not _accepted(v, accept)]
    if open_:
        if report is not None:
            write_csv(report, _failure_table(open_, files))
        raise _error(open_, files, report)
    return list(violations)


def _record(v: Violation) -> dict[str, object]:
    """A violation as an audit record (``value``: log10 deviation, or the value for a range)."""
    return {
        "check": v.check,
        "series": v.series,
        "iso3": v.iso3,
        "years": list(v.years),
        "value": v.value,
        "cause": v.cause,
    }


def _failure_table(
    violations: Sequence[Violation], files: Mapping[str, Sequence[str]]
) -> pd.DataFrame:
    """One row per offending country-year: the record and the series' files."""
    rows = [
        {**_record(v), "years": y, "file": ", ".join(files.get(v.series, ()))}
        for v in violations
        for y in v.years
    ]
    return pd.DataFrame(rows).rename(columns={"years": "year"})


def _error(
    violations: Sequence[Violation], files: Mapping[str, Sequence[str]], report: str | None
) -> DataError:
    """The first failed check of the first series, with its causes and how to accept them."""
    lead = violations[0]
    group = [v for v in violations if (v.check, v.series) == (lead.check, lead.series)]
    causes = list(dict.fromkeys(v.cause for v in group))
    example = lead.iso3 if len(lead.years) > 1 else f"[{lead.iso3}, {lead.years[0]}]"
    detail = "; ".join(causes[:3]) + (f" (+{len(causes) - 3} more)" if len(causes) > 3 else "")
    detail += f"; if genuine: country_panel.accept_outliers: {{{lead.series}: [{example}]}}"
    others = list(dict.fromkeys(f"{v.check} ({v.series})" for v in violations if v not in group))
    if others:
        detail += f"; also failed: {', '.join(others)}"
    if report is not None:
        detail += f"; full report: {report}"
    where = ", ".join(files.get(lead.series, ())) or "country components"
    keys = [(v.iso3, y) for v in group for y in v.years]
    return DataError(where, lead.check, keys, detail)


def plausibility_audit(accepted: Sequence[Violation], accept: Accept) -> dict[str, object]:
    """The audit entry: factors, plausible ranges, accepted outliers and unused accept entries."""
    unused = [
        {"series": series, "entry": entry}
        for series, entries in accept.items()
        for entry in entries
        if not any(v.series == series and _matches(entry, v) for v in accepted)
    ]
    return {
        "factors": {
            "components_across_countries": COMPONENT_FACTOR,
            "levels_across_countries": LEVEL_FACTORS,
            "neighbouring_years": TIME_FACTOR,
        },
        "plausible_ranges": {
            var: {"low": lo, "high": hi, "observed": seen}
            for var, (lo, hi, seen, _) in PLAUSIBLE.items()
        },
        "accepted": [_record(v) for v in accepted],
        "unused_accepts": unused,
    }
