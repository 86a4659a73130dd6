"""Rule adapter: one specification of the curve → tidy rows of eqs (16), (17), threshold."""

import pandas as pd

from gvcpanel.io import write_csv
from gvcpanel.logs import rule_logging
from gvcpanel.papers.qu_yang_2023.speccurve import estimate_spec, spec_panel

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm) as log:
    spec = sm.params.spec
    panel, lacking = spec_panel(pd.read_parquet(sm.input.base), spec, sm.params.country_sets)
    if lacking:
        log.info("%s: countries without complete data left out: %s", spec["id"], lacking)
    rows = estimate_spec(
        panel,
        spec,
        sm.params.models,
        sm.params.threshold_model,
        sm.params.threshold,
        sm.params.inference,
        sm.params.seed,
    )
    log.info(
        "%s (%s): %d countries, %d rows",
        spec["id"],
        spec["changed"],
        panel["iso3"].nunique(),
        len(panel),
    )
    write_csv(sm.output.rows, rows)
