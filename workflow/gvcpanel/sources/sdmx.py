"""OECD SDMX-CSV: one observation per row, dimensions as code columns, ``OBS_VALUE`` the value."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from gvcpanel.csvfile import read_csv_text
from gvcpanel.errors import DataError
from gvcpanel.schemas.raw import OecdSdmx
from gvcpanel.validate import validate

#: SDMX-CSV columns that are attributes or structure metadata, not dimensions of the key.
NON_KEY = frozenset(
    {
        "STRUCTURE",
        "STRUCTURE_ID",
        "STRUCTURE_NAME",
        "ACTION",
        "DATAFLOW",
        "OBS_VALUE",
        "OBS_STATUS",
        "OBS_FLAG",
        "UNIT_MULT",
        "DECIMALS",
        "BASE_PER",
        "CONF_STATUS",
    }
)


def key_columns(columns: list[str]) -> list[str]:
    """Dimension columns: upper-case code columns that are not attributes (labels are skipped)."""
    return [c for c in columns if c not in NON_KEY and c.replace("_", "").isupper()]


def read_oecd_sdmx(path: str | Path, report: str | Path | None = None) -> pd.DataFrame:
    """Observations ``iso3, year, <dimensions...>, value, source_row``.

    ``OBS_VALUE`` is scaled by ``10**UNIT_MULT`` when that attribute is present, so every value is
    in units (e.g. USD, not millions of USD). The key (all dimension columns) must be unique.
    """
    raw = read_csv_text(path)
    keys = key_columns(list(raw.columns))
    schema = OecdSdmx.to_schema()
    schema.unique = keys
    valid = validate(raw, schema, path, keys=keys, report=report)
    value = valid["OBS_VALUE"].astype(float)
    if "UNIT_MULT" in valid.columns:
        mult = pd.to_numeric(valid["UNIT_MULT"], errors="coerce")
        bad = valid.index[mult.isna()]
        if len(bad):
            offending = list(valid.loc[bad, ["REF_AREA", "TIME_PERIOD"]].itertuples(False, None))
            raise DataError(path, "numeric UNIT_MULT", offending)
        value = value * np.power(10.0, mult.to_numpy())
    dims = [k for k in keys if k not in ("REF_AREA", "TIME_PERIOD")]
    out = valid[dims].astype(str).copy()
    out.insert(0, "year", valid["TIME_PERIOD"].astype(int))
    out.insert(0, "iso3", valid["REF_AREA"].astype(str))
    out["value"] = value
    return out.reset_index()[["iso3", "year", *dims, "value", "source_row"]]
