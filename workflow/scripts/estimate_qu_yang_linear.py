"""Rule adapter: fit Qu & Yang's eqs (16)–(18) (every linear model of the configuration, in
order) and write each one's tidy estimates."""

import pandas as pd

from gvcpanel.logs import rule_logging
from gvcpanel.papers.qu_yang_2023.models import fit_linear

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm) as log:
    panel = pd.read_parquet(sm.input.panel)
    for (model, spec), path in zip(sm.params.specs.items(), sm.output.estimates, strict=True):
        est = fit_linear(panel, model, spec, sm.params.options, sm.params.seed)
        log.info("%s: N = %d, within R2 = %.4f", model, est.nobs, est.r2)
        est.write(path)
