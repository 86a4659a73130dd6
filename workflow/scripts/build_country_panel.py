"""Rule adapter: assemble components, construct and validate the country panel, write the audit."""

from pathlib import Path

import pandas as pd

from gvcpanel.construct.components import Input, assemble
from gvcpanel.construct.gvcp import plausible_range, with_measure
from gvcpanel.construct.icio import icio_audit
from gvcpanel.construct.lineage import icio_lineage, with_units
from gvcpanel.io import write_csv, write_json, write_parquet
from gvcpanel.logs import rule_logging
from gvcpanel.papers.qu_yang_2023.country_panel import build_country_panel

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm) as log:
    Path(sm.params.failures).unlink(missing_ok=True)  # no report left from an earlier run
    cfg = sm.params.panel
    first, last = cfg["years"]
    years = list(range(first, last + 1))
    inputs = {
        name: Input(name, Path(cfg["inputs"][name]["path"]), pd.read_parquet(path))
        for name, path in zip(sm.params.names, sm.input.observations, strict=True)
    }
    components, lineage = assemble(
        inputs, cfg["components"], cfg["countries"], years, cfg["allow_gaps"]
    )
    measured = measured_audit = plausible = None
    if cfg["route"] == "icio":
        icio = cfg["icio"]
        measured = pd.concat([pd.read_parquet(p) for p in sm.input.icio], ignore_index=True)
        kww_files = list(sm.input.kww)  # the KWW terms of every year, for the kww* measures
        kww = zip(years, map(pd.read_parquet, kww_files), strict=True) if kww_files else ()
        measured = with_measure(measured, icio["gvcp"], kww)
        measured_audit = icio_audit(
            sm.params.icio_files, icio["adapter"], icio["manufacturing"], icio["gvcp"]
        )
        limits = plausible_range(icio["gvcp"])
        plausible = {"gvcp": limits} if limits else None
        log.info("GVCP measure: %s", icio["gvcp"])
    files = sorted({str(i.path) for i in inputs.values()} | set(sm.params.icio_files))
    panel, audit = build_country_panel(
        components,
        lineage,
        cfg["countries"],
        years,
        cfg["allow_gaps"],
        file=f"country components ({', '.join(files)})",
        report=sm.params.failures,
        measured=measured,
        measured_audit=measured_audit,
        accept_outliers=sm.params.accept_outliers,
        plausible=plausible,
    )
    log.info("country panel: %d rows, %d countries", len(panel), panel["iso3"].nunique())
    for v in audit["plausibility"]["accepted"]:
        log.warning("accepted outlier (country_panel.accept_outliers): %s", v["cause"])
    for u in audit["plausibility"]["unused_accepts"]:
        log.warning("accept_outliers entry %s: %s matches no outlier", u["series"], u["entry"])
    write_parquet(sm.output.components, components)
    lineage = with_units(lineage, {n: cfg["inputs"][n]["layout"] for n in inputs})
    if measured is not None:
        year_files = dict(zip(years, sm.params.icio_files, strict=True))
        cells = icio_lineage(
            measured[measured["iso3"].isin(cfg["countries"])],
            year_files,
            icio["manufacturing"],
            icio["gvcp"],
        )
        lineage = pd.concat([lineage, cells], ignore_index=True)
    write_csv(sm.output.lineage, lineage)
    write_json(sm.output.audit, audit)
    write_parquet(sm.output.panel, panel)
