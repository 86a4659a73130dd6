"""Run a Pandera schema lazily; turn its failure cases into a report and a :class:`DataError`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from gvcpanel.csvfile import separator_hint
from gvcpanel.errors import DataError
from gvcpanel.io import write_csv


def validate(
    df: pd.DataFrame,
    schema: type[pa.DataFrameModel] | pa.DataFrameSchema,
    file: str | Path,
    keys: Sequence[str],
    report: str | Path | None = None,
) -> pd.DataFrame:
    """Validate ``df`` (read from ``file``) collecting every failure (lazy).

    On failure the failure cases, each with the row's key values (``keys`` columns), are written
    to ``report`` (CSV) and a :class:`DataError` names the file, the failed checks and the keys.
    Returns the validated (type-coerced) frame.
    """
    try:
        return schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = failure_table(exc.failure_cases, df, keys)
        raise _error(cases, file, keys, report) from None


def failure_table(cases: pd.DataFrame, df: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """Pandera failure cases with a readable ``check`` label and the offending rows' keys."""
    frame_level = cases.get("schema_context", pd.Series("", index=cases.index)) == "DataFrameSchema"
    frame_level &= ~cases["check"].astype("string").isin(["column_in_dataframe"])
    cases = cases.assign(column=cases["column"].astype("string").mask(frame_level, pd.NA))
    cases = cases[~(frame_level & cases.duplicated(["check", "index"]))]
    out = pd.DataFrame(
        {
            "column": cases["column"].astype("string"),
            "check": cases["check"].astype("string"),
            "failure_case": cases["failure_case"].astype("string"),
            "row": pd.to_numeric(cases["index"], errors="coerce").astype("Int64"),  # df label
        }
    )
    out["check"] = [_label(c, col) for c, col in zip(out["check"], out["column"], strict=True)]
    present = [k for k in keys if k in df.columns]
    for k in present:
        values = df[k].astype("string")
        out[k] = [values.get(r, pd.NA) if pd.notna(r) else pd.NA for r in out["row"]]
    return out


def _label(check: object, column: object) -> str:
    check, column = str(check), str(column)
    if check == "column_in_dataframe":
        return "required column present"
    if check == "multiple_fields_uniqueness":
        return "unique key"
    if check.startswith("coerce_dtype") or check.startswith("dtype"):
        return f"numeric type of '{column}'" if column not in ("None", "<NA>") else check
    if check == "not_nullable":
        return f"no missing values in '{column}'"
    if column not in ("None", "<NA>", "nan"):
        return f"{check} on '{column}'"
    return check


def _error(
    cases: pd.DataFrame, file: str | Path, keys: Sequence[str], report: str | Path | None
) -> DataError:
    if report is not None:
        write_csv(report, cases.assign(file=str(file)))
    missing = cases.loc[cases["check"] == "required column present", "failure_case"].tolist()
    if missing:  # every other failure follows from the missing column: name only the column
        return DataError(
            file,
            "required column present",
            list(dict.fromkeys(missing)),
            detail="the header lacks this column (renamed or misspelt?); "
            "see the publisher's layout in the README" + separator_hint(file),
        )
    checks = list(dict.fromkeys(cases["check"]))
    present = [k for k in keys if k in cases.columns]
    offending: list[object] = []
    for _, row in cases.iterrows():
        if present and pd.notna(row["row"]):
            key = tuple(row[k] for k in present)
            offending.append(key if len(key) > 1 else key[0])
        elif row["check"] == "required column present":
            offending.append(row["failure_case"])
    offending = list(dict.fromkeys(offending))
    detail = f"{len(cases)} failure case(s) in {len(checks)} check(s)"
    if report is not None:
        detail += f"; full report: {report}"
    return DataError(file, "; ".join(checks), offending, detail)
