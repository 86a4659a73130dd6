"""Hansen's (1999) investment panel in model form (data: ``invest.dat`` of his replication files).

Rows of ``invest.dat``: 565 firms x 15 years (1973-1987), firm-major, columns I (investment/assets),
Q (Tobin's q), CF (cash flow/assets), D (long-term debt/assets); no header. The model (Hansen 1999,
sec. 6): y = I_t; x = (Q, Q^2, Q^3, D, QD)_{t-1} (unscaled powers); r = CF_{t-1}; q = D_{t-1};
firm effects; t = 1974..1987.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from gvcpanel.errors import DataError

if TYPE_CHECKING:
    import pandas as pd

N_FIRMS, N_YEARS, FIRST_YEAR = 565, 15, 1973


def hansen_invest_arrays(path: str | Path) -> dict[str, np.ndarray]:
    """Model variables I, Q1, Q2, Q3, D1, QD1, CF1 (lagged = suffix 1) and the keys ``firm``
    (1..565) and ``year`` (1974..1987), firm-major, as arrays (numpy alone)."""
    raw = np.loadtxt(path, ndmin=2)
    if raw.shape != (N_FIRMS * N_YEARS, 4):
        raise DataError(path, "shape 8475 x 4 (565 firms x 15 years; I, Q, CF, D)", [raw.shape])
    inv, tq, cf, debt = (raw[:, j].reshape(N_FIRMS, N_YEARS) for j in range(4))
    lag = np.s_[:, :-1]
    q1, d1 = tq[lag], debt[lag]
    firm, year = np.meshgrid(
        np.arange(1, N_FIRMS + 1), FIRST_YEAR + np.arange(1, N_YEARS), indexing="ij"
    )
    cols = {
        "firm": firm,
        "year": year,
        "I": inv[:, 1:],
        "Q1": q1,
        "Q2": q1**2,
        "Q3": q1**3,
        "D1": d1,
        "QD1": q1 * d1,
        "CF1": cf[lag],
    }
    return {k: v.ravel() for k, v in cols.items()}


def hansen_invest_panel(path: str | Path) -> pd.DataFrame:
    """Model variables I, Q1, Q2, Q3, D1, QD1, CF1 (lagged = suffix 1), indexed by (firm, year)."""
    import pandas as pd

    cols = hansen_invest_arrays(path)
    index = pd.MultiIndex.from_arrays([cols.pop("firm"), cols.pop("year")], names=["firm", "year"])
    return pd.DataFrame(cols, index=index)
