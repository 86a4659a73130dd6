"""World export markets of manufactures from an inter-country input-output table (Qu & Yang
2023, §6.1 and Table 4).

Two markets per year, over the manufacturing industries ``m`` of the table:

- intermediate inputs: ``X^int_s = Σ_{i ∈ s, i ∈ m} Σ_{j ∉ s} Z_ij``, the manufactured
  intermediates country ``s`` sells to every industry of every other country (RoW included);
- industrial finished goods: ``X^fin_s = Σ_{i ∈ s, i ∈ m} Σ_{d ≠ s} F_id``, its manufactured
  final goods sold to the final demand (all categories) of every other country.

Market share ``σ_s = X_s / Σ_r X_r`` (the world market = the sum over every origin of the table,
RoW included, so the shares of a market-year sum to one); Herfindahl–Hirschman index
``HHI = Σ_s σ_s²`` over the origins that are single suppliers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from gvcpanel.errors import DataError
from gvcpanel.sources.icio import ICIOTable

MARKETS = ("intermediate", "final")
COLUMNS = ["year", "market", "iso3", "exports"]


def market_exports(table: ICIOTable, manufacturing: Sequence[str]) -> pd.DataFrame:
    """Exports of manufactured intermediates and final goods by origin country, one row per
    (year, market, iso3), in the table's currency units (formulas in the module docstring)."""
    c, k = table.n_countries, table.n_industries
    unknown = sorted(set(manufacturing) - set(table.industries))
    if unknown or not manufacturing:
        raise DataError(
            table.source, "manufacturing industries exist in the table", unknown or ["<empty set>"]
        )
    m = np.isin(np.asarray(table.industries), list(manufacturing))
    foreign = ~np.eye(c, dtype=bool)
    inter = table.Z.reshape(c, k, c, k)[:, m].sum(axis=(1, 3))  # origin × destination
    final = table.final_by_destination().reshape(c, k, c)[:, m].sum(axis=1)
    frames = [
        pd.DataFrame(
            {
                "year": np.full(c, table.year, dtype=np.int64),
                "market": market,
                "iso3": table.countries,
                "exports": np.where(foreign, flows, 0.0).sum(axis=1),
            }
        )
        for market, flows in zip(MARKETS, (inter, final), strict=True)
    ]
    return pd.concat(frames, ignore_index=True)[COLUMNS]


def market_shares(exports: pd.DataFrame) -> pd.DataFrame:
    """``exports`` with column ``share`` = exports / world exports of the same (year, market)."""
    total = exports.groupby(["year", "market"])["exports"].transform("sum")
    bad = exports.loc[~(total > 0), ["year", "market"]].drop_duplicates()
    if len(bad):
        keys = list(zip(bad["year"], bad["market"], strict=True))
        raise DataError("<export markets>", "world exports > 0 per market-year", keys)
    return exports.assign(share=exports["exports"] / total)


def hhi(shares: Iterable[float]) -> float:
    """Herfindahl–Hirschman index ``Σ σ²`` of market shares given as fractions."""
    return float(np.sum(np.square(np.asarray(list(shares), dtype=float))))


def concentration_table(
    shares: pd.DataFrame,
    rows: Sequence[str],
    emerging: Sequence[str],
    regions: Sequence[str] = ("ROW",),
) -> pd.DataFrame:
    """Table 4's rows per (market, year): share of each country in ``rows``, combined share of
    ``emerging`` (those not listed in ``rows``), share of each aggregate region in ``regions``,
    and the global HHI over the single-country origins (``regions`` are aggregates of many
    suppliers and are left out of Σσ², which makes the HHI a lower bound).

    Index (market, year); columns ``rows``, ``other_emerging``, ``regions``, ``hhi``. A country of
    ``rows`` absent from the table is NaN.
    """
    other = [c for c in emerging if c not in rows]
    out = {}
    for (market, year), d in shares.groupby(["market", "year"], sort=True):
        s = d.set_index("iso3")["share"]
        row = {c: s.get(c, np.nan) for c in rows}
        row["other_emerging"] = float(s.reindex(other).fillna(0.0).sum())
        row.update({r: s.get(r, np.nan) for r in regions})
        row["hhi"] = hhi(s.drop(labels=list(regions), errors="ignore"))
        out[(market, int(year))] = row
    frame = pd.DataFrame.from_dict(out, orient="index")
    frame.index = pd.MultiIndex.from_tuples(frame.index, names=["market", "year"])
    return frame
