"""Comparison of the ICIO route with independent figures: constructed indicators beside them.

Two comparisons, one tidy table (columns ``comparison, iso3, year, indicator, reference,
constructed, difference``) and a Markdown text that explains the differences:

- ``paper``: levels of ω, μ and GVCP that Qu & Yang (2023, section 6) quote in the text
  (``reference/qu_yang_2023.json``, key ``quoted_country_values``);
- ``wiod2016``: the domestic value-added share of gross exports from the WIOD 2016 release,
  ``Σ_{d≠s} dva[s, d] / Σ_{d≠s} gtrade[s, d]`` per exporter ``s`` and year, beside ``DVA_s/E_s``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from gvcpanel.errors import DataError

COLUMNS = ["comparison", "iso3", "year", "indicator", "reference", "constructed", "difference"]
QUOTED = {"mu", "omega", "gvcp", "upsilon"}

EXPLANATION_PAPER = (
    "The paper's levels come from its own sources (industry statistics, not a world input-output "
    "table) and partly from years after 2011, which WIOD 2013 does not cover (left blank). "
    "Differences of a few points in ω and μ are expected from the different industry "
    "boundaries (WIOD c3..c16 vs. the paper's 'industrial' aggregate), valuation (WIOD folds "
    "taxes and margins into intermediate use) and import data."
)
EXPLANATION_WIOD2016 = (
    "WIOD 2016 is a later release (ISIC rev. 4, 56 industries, 43 countries + RoW, revised "
    "national accounts), and its bilateral DVA was computed by a third party with a bilateral "
    "decomposition whose details the file does not document; here DVA_s/E_s uses the WIOD 2013 "
    "table and the Leontief decomposition of SPEC §3.2. Shares therefore differ by a few points "
    "for large economies and more for small, very open ones whose data were revised most; the "
    "country ranking and the movement over time should agree."
)


@dataclass(frozen=True)
class ICIOComparison:
    """The comparison table and its Markdown rendering."""

    table: pd.DataFrame
    markdown: str


def quoted_values(reference: Mapping[str, Any]) -> pd.DataFrame:
    """The paper's quoted levels as rows (iso3, year, indicator, reference).

    ``reference`` is the parsed ``qu_yang_2023.json``; keys ``ISO_indicator`` map years to values;
    entries that are not a level in a year (e.g. a peak-to-2015 change) are skipped.
    """
    quoted = reference.get("quoted_country_values")
    if not isinstance(quoted, Mapping):
        raise DataError("qu_yang_2023.json", "key quoted_country_values", ["quoted_country_values"])
    rows = []
    for key, by_year in quoted.items():
        iso3, _, indicator = key.partition("_")
        if indicator not in QUOTED or not isinstance(by_year, Mapping):
            continue
        for year, value in by_year.items():
            if str(year).isdigit():
                rows.append((iso3, int(year), indicator, float(value)))
    return pd.DataFrame(rows, columns=["iso3", "year", "indicator", "reference"])


def wiod2016_dva_shares(path: str | Path) -> pd.DataFrame:
    """DVA share of gross exports per (iso3, year) from the WIOD 2016 bilateral file."""
    path = Path(path)
    raw = pd.read_csv(path)
    need = ["exporter", "importer", "year", "gtrade", "dva"]
    missing = [c for c in need if c not in raw.columns]
    if missing:
        raise DataError(path, "required columns", missing)
    dup = raw.duplicated(["exporter", "importer", "year"], keep=False)
    if dup.any():
        keys = list(zip(raw.exporter[dup], raw.importer[dup], raw.year[dup], strict=True))
        raise DataError(path, "unique key (exporter, importer, year)", keys)
    foreign = raw[raw["exporter"] != raw["importer"]]
    sums = foreign.groupby(["exporter", "year"], as_index=False)[["gtrade", "dva"]].sum()
    sums["reference"] = sums["dva"] / sums["gtrade"]
    return sums.rename(columns={"exporter": "iso3"})[["iso3", "year", "reference"]]


def icio_comparison(
    indicators: pd.DataFrame,
    reference: Mapping[str, Any],
    wiod2016: str | Path | None = None,
    countries: list[str] | None = None,
    skipped_crosscheck: str | None = None,
) -> ICIOComparison:
    """Indicators (from :func:`gvcpanel.construct.icio.country_indicators`) beside the paper's
    quoted levels and, when ``wiod2016`` is given, the WIOD 2016 DVA shares of the overlapping
    years (restricted to ``countries`` if given). ``skipped_crosscheck`` names the configured
    WIOD 2016 file when it is absent; the report then says in one line that the comparison was
    skipped."""
    ind = indicators.set_index(["iso3", "year"])
    paper = quoted_values(reference)
    paper["constructed"] = [
        ind[r.indicator].get((r.iso3, r.year), np.nan) for r in paper.itertuples()
    ]
    paper.insert(0, "comparison", "paper")
    parts = [paper]
    if wiod2016 is not None:
        shares = (ind["dva"] / ind["exports"]).rename("constructed").reset_index()
        other = wiod2016_dva_shares(wiod2016).merge(shares, on=["iso3", "year"], how="inner")
        if countries is not None:
            other = other[other["iso3"].isin(countries)]
        other.insert(0, "comparison", "wiod2016")
        other.insert(3, "indicator", "dva_share")
        parts.append(other)
    table = pd.concat(parts, ignore_index=True)
    table["difference"] = table["constructed"] - table["reference"]
    table = table[COLUMNS].sort_values(["comparison", "indicator", "iso3", "year"], kind="stable")
    return ICIOComparison(table.reset_index(drop=True), _markdown(table, skipped_crosscheck))


def _markdown(table: pd.DataFrame, skipped_crosscheck: str | None = None) -> str:
    lines = ["# ICIO route: constructed indicators beside independent figures", ""]
    paper = table[table["comparison"] == "paper"]
    lines += ["## Levels quoted by Qu & Yang (2023)", "", _md_table(paper), "", EXPLANATION_PAPER]
    other = table[table["comparison"] == "wiod2016"]
    if len(other):
        diff = other["difference"]
        corr = other["reference"].corr(other["constructed"])
        lines += [
            "",
            "## DVA share of gross exports: WIOD 2016 release",
            "",
            f"{len(other)} country-years; mean difference {diff.mean():+.4f}, mean absolute "
            f"difference {diff.abs().mean():.4f}, largest {diff.abs().max():.4f}, "
            f"correlation {corr:.3f}.",
            "",
            _md_table(other),
            "",
            EXPLANATION_WIOD2016,
        ]
    elif skipped_crosscheck:
        lines += [
            "",
            f"WIOD 2016 cross-check skipped: {skipped_crosscheck} is not present (optional input).",
        ]
    return "\n".join(lines) + "\n"


def _md_table(frame: pd.DataFrame) -> str:
    cols = ["iso3", "year", "indicator", "reference", "constructed", "difference"]
    out = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in frame[cols].itertuples(index=False):
        cells = [row.iso3, str(row.year), row.indicator]
        cells += ["" if pd.isna(v) else f"{v:.4f}" for v in row[3:]]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)
