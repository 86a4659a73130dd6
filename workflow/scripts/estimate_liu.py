"""Rule adapter: the convergence regressions (eq. 63) of Liu's Tables 3–8, one file per model."""

import pandas as pd

from gvcpanel.logs import DETAIL, rule_logging
from gvcpanel.papers.liu_2013.convergence import fit_all
from gvcpanel.papers.liu_2013.industry_panel import read_wage_index
from gvcpanel.publish import published_path

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm) as log:
    fits = fit_all(
        pd.read_parquet(sm.input.panel),
        sm.params.specs,
        read_wage_index(sm.input.wage_index),
        seed=sm.params.seed,
        source=published_path(sm.input.panel),
    )
    for est, path in zip(fits, sm.output.estimates, strict=True):
        log.info("%s: N = %d", est.model, est.nobs, extra=DETAIL)
        est.write(path)
    log.info("%d convergence regressions (N per model in the log file)", len(fits))
