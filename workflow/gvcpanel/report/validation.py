"""The validation report: what each raw input passed and how the country panel was built."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def validation_markdown(inputs: Sequence[Mapping[str, Any]], audit: Mapping[str, Any]) -> str:
    """Markdown: one row per raw input (checks, checksum status), then the panel's variables."""
    lines = [
        "# Validation report",
        "",
        "## Raw inputs",
        "",
        "| input | file | layout | observations | countries | years | checks | sha256 registry |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in inputs:
        lines.append(
            f"| {s['input']} | `{s['file']}` | {s['layout']} | {s['observations']} | "
            f"{s['countries']} | {s['years'][0]}–{s['years'][1]} | {s['checks']} | "
            f"{s['registry']} |"
        )
    sample = audit["sample"]
    lines += [
        "",
        "## Country panel",
        "",
        f"{sample['rows']} country-years of {sample['expected_rows']} expected "
        f"({len(sample['countries'])} countries, {sample['years'][0]}–{sample['years'][1]}).",
        "",
        "| variable | formula | rows used | rows dropped |",
        "|---|---|---|---|",
    ]
    for var, a in audit["variables"].items():
        lines.append(f"| {var} | {a['formula']} | {a['rows_used']} | {len(a['rows_dropped'])} |")
    lines += _plausibility(audit.get("plausibility"))
    changed = [s for s in inputs if s["registry"] != "match"]
    lines += ["", "## Checksums", ""]
    if changed:
        lines += [f"- `{s['file']}`: {s['registry']} (sha256 {s['sha256']})" for s in changed]
    else:
        lines.append("Every raw input in the table above matches its entry in `data/sources.csv`.")
    lines += [
        "",
        "`match`: the file's sha256 equals the registered one; `not checked`: the file is not "
        "registered (no hash to compare); `CHANGED`: it differs (a run with "
        "`strict_checksums: true` stops at ingest instead).",
    ]
    return "\n".join(lines) + "\n"


def _plausibility(record: Mapping[str, Any] | None) -> list[str]:
    """The plausibility screens: their factors, the accepted outliers, unused accept entries."""
    if record is None:
        return []
    f = record["factors"]
    levels = ", ".join(f"{k} {v:g}×" for k, v in f["levels_across_countries"].items())
    lines = [
        "",
        "## Plausibility",
        "",
        f"Screens passed: components across countries within "
        f"{f['components_across_countries']:g}×; levels across countries ({levels}); "
        f"neighbouring years within {f['neighbouring_years']:g}×; the plausible ranges of "
        + ", ".join(
            f"{var} [{r['low']:.4g}, {r['high']:.4g}]"
            for var, r in record["plausible_ranges"].items()
        )
        + ".",
        "",
    ]
    accepted = record["accepted"]
    if accepted:
        lines.append("Outliers accepted by `country_panel.accept_outliers`:")
        lines += [
            f"- {a['series']}, {a['iso3']} {_years(a['years'])}: {a['cause']} ({a['check']})"
            for a in accepted
        ]
    else:
        lines.append("No outlier accepted (`country_panel.accept_outliers` is empty or unused).")
    lines += [
        f"- unused accept entry: {u['series']}: {u['entry']} (matches no outlier)"
        for u in record["unused_accepts"]
    ]
    return lines


def _years(years: Sequence[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
