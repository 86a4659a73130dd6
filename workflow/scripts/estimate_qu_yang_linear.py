"""Rule adapter: fit one of Qu & Yang's eqs (16)–(18) and write its tidy estimates."""

import pandas as pd

from gvcpanel.logs import rule_logging
from gvcpanel.papers.qu_yang_2023.models import fit_linear

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm) as log:
    panel = pd.read_parquet(sm.input.panel)
    est = fit_linear(
        panel,
        sm.wildcards.model,
        sm.params.spec,
        sm.params.options,
        sm.params.seed,
    )
    log.info("%s: N = %d, within R2 = %.4f", sm.wildcards.model, est.nobs, est.r2)
    est.write(sm.output.estimates)
