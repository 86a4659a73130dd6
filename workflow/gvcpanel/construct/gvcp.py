"""GVC participation measures of the ICIO route: the choice ``country_panel.icio.gvcp``.

With ``E_s`` the gross exports of country s and the Leontief accounting of
:mod:`gvcpanel.construct.icio` (``M[r, s]`` = value added of r in the gross exports of s):

- ``fva_dvx`` = (FVA_s + DVX_s)/E_s, FVA_s = Σ_{r≠s} M[r, s], DVX_s = Σ_{r≠s} M[s, r]: UNCTAD-Eora's
  participation, as Qu & Yang (2023, §5.2) use it (the default);
  ``fva_dvx_backward`` = FVA_s/E_s, ``fva_dvx_forward`` = DVX_s/E_s.

With the nine terms of Koopman, Wang and Wei (2014, eq. 36; :mod:`gvcpanel.construct.kww`), the
participation index of Koopman et al. (2010, "Give credit where credit is due"; KWW 2014, §V):

- ``kww`` = (IV_s + FV_s)/E_s, IV_s = DVA_INTrex (term 3: s's value added in intermediates its
  direct importers re-export, absorbed in third countries: indirect value-added exports) and
  FV_s = FVA_FIN + FVA_INT + FDC (terms 7–9: the foreign value added in s's exports, its
  double-counted part included, as in Koopman et al. (2010), where E = DV + FV; Hummels, Ishii and
  Yi's vertical specialisation); E_s = the sum of the nine terms;
  ``kww_backward`` = FV_s/E_s, ``kww_forward`` = IV_s/E_s.

FV_s and FVA_s are the same number, Σ_{t≠s} V_t B_ts E_s* (``kww_backward`` = ``fva_dvx_backward``
to rounding): the two participation measures differ in their forward part only. DVX_s is all of
s's value added in other countries' gross exports, including what returns to s and what is
counted in several exports on its way; IV_s only what third countries absorb (IV_s < DVX_s).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from gvcpanel.errors import DataError

if TYPE_CHECKING:
    import pandas as pd

_M = "M[r,s] = sum v_i B_ij E_j (Leontief accounting)"
_KWW = "IV = DVA_INTrex, FV = FVA_FIN + FVA_INT + FDC (KWW 2014 terms 3 and 7-9), E = their sum"
_CELLS_M = (
    "with M[r,s] = sum_{i in r, j in s} v_i B_ij E_j, B = (I - A)^-1, A = Z diag(x)^-1, v = 1 - 1'A"
)
_CELLS_KWW = "from the KWW (2014) terms of s: IV_s = DVA_INTrex, FV_s = FVA_FIN + FVA_INT + FDC"
#: measure -> (the parts its numerator adds, its formula in the audit, in the cell lineage)
MEASURES: dict[str, tuple[tuple[str, ...], str, str]] = {
    "fva_dvx": (("fva", "dvx"), f"GVCP = (FVA + DVX) / E from {_M}",
                f"GVCP_s = (FVA_s + DVX_s)/E_s {_CELLS_M}"),
    "fva_dvx_backward": (("fva",), f"GVCP = FVA / E from {_M}", f"GVCP_s = FVA_s/E_s {_CELLS_M}"),
    "fva_dvx_forward": (("dvx",), f"GVCP = DVX / E from {_M}", f"GVCP_s = DVX_s/E_s {_CELLS_M}"),
    "kww": (("fv", "iv"), f"GVCP = (IV + FV) / E; {_KWW}",
            f"GVCP_s = (IV_s + FV_s)/E_s {_CELLS_KWW}"),
    "kww_backward": (("fv",), f"GVCP = FV / E; {_KWW}", f"GVCP_s = FV_s/E_s {_CELLS_KWW}"),
    "kww_forward": (("iv",), f"GVCP = IV / E; {_KWW}", f"GVCP_s = IV_s/E_s {_CELLS_KWW}"),
}  # fmt: skip
#: measure -> its short formula (figure legends, reports)
LABELS = {
    "fva_dvx": "(FVA + DVX)/E",
    "fva_dvx_backward": "FVA/E",
    "fva_dvx_forward": "DVX/E",
    "kww": "(IV + FV)/E",
    "kww_backward": "FV/E",
    "kww_forward": "IV/E",
}
#: Plausible range of a backward or forward part (the plausibility screen's own range of gvcp,
#: 0.1-1.2, is that of the sums): (low, high, where the values come from, the likely cause).
PART_RANGE = (
    0.01,
    1.0,
    "WIOD 2013, 40 countries, 1995-2011: FVA/E 0.05-0.61, DVX/E 0.08-0.62, IV/E 0.03-0.19",
    "value added and exports in different units?",
)


def check_measure(measure: str) -> None:
    """:class:`DataError` unless ``measure`` is one of :data:`MEASURES`."""
    if measure not in MEASURES:
        raise DataError("country_panel.icio.gvcp", f"measure in {tuple(MEASURES)}", [measure])


def needs_kww(measure: str) -> bool:
    """Whether ``measure`` is computed from the KWW terms."""
    check_measure(measure)
    return measure.startswith("kww")


def kww_parts(terms: pd.DataFrame, year: int) -> pd.DataFrame:
    """IV, FV and exports (the sum of the nine terms) per country from one year's ``kww`` frame
    (columns Country and the nine terms): columns iso3, year, iv, fv, exports_kww."""
    import pandas as pd  # not when the rule files ask which measures need KWW terms

    return pd.DataFrame(
        {
            "iso3": terms["Country"].astype(str).to_numpy(),
            "year": year,
            "iv": terms["DVA_INTrex"].to_numpy(),
            "fv": (terms["FVA_FIN"] + terms["FVA_INT"] + terms["FDC"]).to_numpy(),
            "exports_kww": terms.drop(columns="Country").sum(axis=1).to_numpy(),
        }
    )


def numerator(parts: pd.DataFrame, measure: str) -> pd.Series:
    """The numerator of ``measure``: its parts (columns of ``parts``) added in order."""
    check_measure(measure)
    cols = MEASURES[measure][0]
    missing = [c for c in cols if c not in parts.columns]
    if missing:
        raise DataError("<gvcp>", f"the parts of {measure}", missing)
    out = parts[cols[0]]
    for col in cols[1:]:
        out = out + parts[col]
    return out


def exports_column(measure: str) -> str:
    """The gross exports of ``measure``: the Leontief route's or the sum of the KWW terms."""
    return "exports_kww" if needs_kww(measure) else "exports"


def gvcp_measure(parts: pd.DataFrame, measure: str) -> pd.Series:
    """``measure`` per row of ``parts`` (the parts it needs and its exports, e.g. the ICIO route's
    indicators with :func:`kww_parts` merged): numerator / gross exports, NaN where the exports
    are not positive."""
    exports = parts[exports_column(measure)]
    return numerator(parts, measure) / exports.where(exports > 0)


def with_measure(
    indicators: pd.DataFrame, measure: str, kww_terms: Iterable[tuple[int, pd.DataFrame]] = ()
) -> pd.DataFrame:
    """The ICIO route's indicators (iso3, year, exports, fva, dvx, gvcp, ...) with ``gvcp``
    replaced by ``measure``; ``kww_terms``: (year, that year's ``kww`` frame) for every year of
    ``indicators``, needed by the KWW measures only."""
    import pandas as pd  # not when the rule files ask which measures need KWW terms

    parts = indicators
    if needs_kww(measure):
        frames = [kww_parts(terms, year) for year, terms in kww_terms]
        kww = pd.concat(frames, ignore_index=True) if frames else None
        if kww is None or not set(indicators["year"]) <= set(kww["year"]):
            have = set() if kww is None else set(kww["year"])
            raise DataError("<gvcp>", f"KWW terms of every year for {measure}",
                            sorted(set(indicators["year"]) - have))  # fmt: skip
        parts = indicators.merge(kww, on=["iso3", "year"], how="left", validate="one_to_one")
    return indicators.assign(gvcp=gvcp_measure(parts, measure).to_numpy())


def plausible_range(measure: str) -> tuple[float, float, str, str] | None:
    """The plausible range of ``measure`` if it is a backward or forward part (None: the sums,
    screened with the plausibility screen's own range of gvcp)."""
    check_measure(measure)
    return PART_RANGE if len(MEASURES[measure][0]) == 1 else None


def formula(measure: str) -> str:
    """The formula of ``measure`` in the audit of the country panel."""
    check_measure(measure)
    return MEASURES[measure][1]


def cell_formula(measure: str) -> str:
    """The formula of ``measure`` in the cell lineage of the country panel."""
    check_measure(measure)
    return MEASURES[measure][2]
